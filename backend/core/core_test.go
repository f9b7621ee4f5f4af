package core

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// downKeychain answers like a session without a Secret Service.
type downKeychain struct{}

func (downKeychain) Get(string, string) (string, error) { return "", os.ErrNotExist }
func (downKeychain) Set(string, string, string) error   { return os.ErrNotExist }
func (downKeychain) Delete(string, string) error        { return os.ErrNotExist }

func TestOpenFreshFolderWithoutSecretService(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acmedesk")
	c, err := Open(dir, downKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, err := c.Vault.Status()
	if err != nil || st.State != vault.StateNew || st.KeychainProblem == "" {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(dir)
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("data folder permissions %o", fi.Mode().Perm())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		t.Fatal(err)
	}
}

func TestSecondOpenIsRefusedClearly(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, downKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	store.LockTimeout = 50e6
	if _, err := Open(dir, downKeychain{}); !apperr.Is(err, apperr.CodeDatabaseInUse) {
		t.Fatalf("second open: %v", err)
	}
}
