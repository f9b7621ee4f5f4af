package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedFileIsCurrent re-runs the generator over the lego module of this
// build and compares with the committed file, so the catalogue cannot go stale
// when lego is upgraded.
func TestGeneratedFileIsCurrent(t *testing.T) {
	dir, version, err := LegoDir()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Generate(dir, version)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "dnsproviders_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Fatal("backend/credentials/dnsproviders_gen.go is stale: run `go generate ./backend/credentials`")
	}
}

// TestRunWritesTheFile runs the command the //go:generate line runs, into a temp file.
func TestRunWritesTheFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen.go")
	cmd := exec.Command(goCommand(), "run", ".", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `{Code: "cloudflare", Name: "Cloudflare"`) {
		t.Error("generated file has no cloudflare provider")
	}
}

func TestParseRules(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.toml")
	os.WriteFile(path, []byte(`Name = "X DNS"
Code = "x"
URL = "https://x.example"
[Configuration]
  [Configuration.Credentials]
    X_EMAIL = "Account email"
    X_API_KEY = "API key"
    'Some Note' = "not a variable"
    X_ALT_KEY = "Alias to X_API_KEY"
    X_OTP = "TOTP secret (optional)"
  [Configuration.Additional]
    X_TTL = "TTL"
    X_PASSWORD = "Basic auth password"
    X_API_KEY = "duplicate of a credential"
`), 0o644)
	p, err := parse(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []field{
		{name: "X_EMAIL", help: "Account email"},
		{name: "X_API_KEY", help: "API key", secret: true},
		{name: "X_ALT_KEY", help: "Alias to X_API_KEY", secret: true, optional: true, advanced: true, aliasOf: "X_API_KEY"},
		{name: "X_OTP", help: "TOTP secret (optional)", secret: true, optional: true},
		{name: "X_TTL", help: "TTL", optional: true, advanced: true},
		{name: "X_PASSWORD", help: "Basic auth password", secret: true, optional: true},
	}
	if p.code != "x" || p.name != "X DNS" || len(p.fields) != len(want) {
		t.Fatalf("parsed %+v", p)
	}
	for i := range want {
		if p.fields[i] != want[i] {
			t.Errorf("field %d = %+v, want %+v", i, p.fields[i], want[i])
		}
	}
	for name, secret := range map[string]bool{"KEYHELP_TTL": false, "AZURE_PRIVATE_ZONE": false, "HYPERONE_PASSPORT_LOCATION": false,
		"CF_DNS_API_TOKEN": true, "AWS_SECRET_ACCESS_KEY": true, "PDNS_API_KEY": true, "HURRICANE_TOKENS": true, "NICMANAGER_API_OTP": true} {
		if isSecret(name) != secret {
			t.Errorf("isSecret(%s) = %v", name, !secret)
		}
	}
}
