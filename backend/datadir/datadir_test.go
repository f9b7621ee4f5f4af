package datadir

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"acmedesk/backend/apperr"
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

func TestADataFolderThatIsAFileIsSaidSo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "acmedesk")
	if err := os.WriteFile(file, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []func(string) error{Check, Prepare} {
		err := f(file)
		if e := apperr.From(err); !apperr.Is(err, apperr.CodeInvalidInput) || !strings.Contains(e.Message, "is a file, not a folder") || !strings.Contains(e.Hint, EnvHome) {
			t.Fatalf("%v", err)
		}
	}
	if err := Prepare(filepath.Join(file, "below")); !apperr.Is(err, apperr.CodeInvalidInput) || strings.Contains(apperr.From(err).Message, "inside ACME Desk") {
		t.Fatalf("a folder below a file: %v", err)
	}
}
