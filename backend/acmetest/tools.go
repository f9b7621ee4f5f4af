package acmetest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// The helpers below serve tests that drive the real ACME clients (lego, certbot) against Pebble.

// NeedTool returns the path of a program the test runs. Without it the test is
// skipped on a developer's machine, and fails in CI (CI=true), where it must be.
func NeedTool(t testing.TB, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI and was not found: %s", name, install)
	}
	t.Skipf("%s not found (%s); CI must have it", name, install)
	return ""
}

// BuildLegoCLI builds lego's command at the version the repository's go.mod
// (in repoRoot) pins, in a throw-away module so the repository's go.sum is not touched.
func BuildLegoCLI(t testing.TB, repoRoot string) string {
	t.Helper()
	goBin := NeedTool(t, "go", "install Go")
	repoMod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mod := regexp.MustCompile(`(?m)^module .*$`).ReplaceAll(repoMod, []byte("module legocli"))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), mod, 0o600); err != nil {
		t.Fatal(err)
	}
	if sum, err := os.ReadFile(filepath.Join(repoRoot, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "lego")
	cmd := exec.CommandContext(t.Context(), goBin, "build", "-o", bin, "github.com/go-acme/lego/v4/cmd/lego")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building lego: %v\n%s", err, out)
	}
	return bin
}

// FreePort returns a loopback address nothing listens on right now.
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// RootFile writes the server's root certificate to a file, for clients that read one
// (certbot's REQUESTS_CA_BUNDLE, lego's LEGO_CA_CERTIFICATES).
func (s *Server) RootFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pebble-root.pem")
	if err := os.WriteFile(path, s.RootPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
