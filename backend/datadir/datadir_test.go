package datadir

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolveHonoursEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvHome, dir)
	got, err := Resolve()
	if err != nil || got != dir {
		t.Fatalf("Resolve() = %q, %v; want %q", got, err, dir)
	}
	t.Setenv(EnvHome, "")
	got, err = Resolve()
	if err != nil || filepath.Base(got) != "acmedesk" {
		t.Fatalf("Resolve() without env = %q, %v", got, err)
	}
}

func TestPrepareRestrictsToOwner(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Prepare(dir); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Fatalf("permissions %o, want 700", perm)
	}
}
