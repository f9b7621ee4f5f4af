package core

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

const (
	recoverVaultPass  = "the old vault passphrase"
	recoverBackupPass = "the backup passphrase"
	recoverNewPass    = "the new vault passphrase"
)

// folderWithBackup makes a data folder holding one key, and a backup of it.
func folderWithBackup(t *testing.T) (dataDir string, backupFile []byte) {
	t.Helper()
	dataDir = filepath.Join(t.TempDir(), "acmedesk")
	c, err := Open(dataDir, downKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Vault.InitPassphrase(recoverVaultPass); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.Generate(context.Background(), "Prod key", "", keys.EC256); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := backup.Write(c.DB, c.Vault, &buf, recoverBackupPass); err != nil {
		t.Fatal(err)
	}
	return dataDir, buf.Bytes()
}

// siblings lists the folders beside dataDir other than itself.
func siblings(t *testing.T, dataDir string) []string {
	entries, err := os.ReadDir(filepath.Dir(dataDir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dataDir) {
			names = append(names, e.Name())
		}
	}
	return names
}

// A damaged database: the backup goes into a new folder at the same place,
// and the damaged one is kept, byte for byte, beside it.
func TestRestoreIntoNewFolderSetsTheDamagedOneAside(t *testing.T) {
	dataDir, file := folderWithBackup(t)
	dbPath := filepath.Join(dataDir, store.FileName)
	damaged, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	damaged = damaged[:len(damaged)/2]
	if err := os.WriteFile(dbPath, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dataDir, downKeychain{}); !apperr.Is(err, apperr.CodeDamaged) {
		t.Fatalf("open of the damaged folder: %v", err)
	}

	// A wrong backup passphrase, or a new passphrase too short: nothing moves, nothing is left behind.
	for _, in := range []Recovery{{BackupPassphrase: "not the passphrase", VaultPassphrase: recoverNewPass}, {BackupPassphrase: recoverBackupPass, VaultPassphrase: "short"}} {
		if _, err := RestoreIntoNewFolder(dataDir, downKeychain{}, bytes.NewReader(file), in); err == nil {
			t.Fatalf("%+v: restored", in)
		}
		if got, _ := os.ReadFile(dbPath); !bytes.Equal(got, damaged) || len(siblings(t, dataDir)) != 0 {
			t.Fatalf("%+v: the data folder changed, or left %v", in, siblings(t, dataDir))
		}
	}
	// Without a keychain and without a passphrase for the new vault: refused the same way.
	if _, err := RestoreIntoNewFolder(dataDir, downKeychain{}, bytes.NewReader(file), Recovery{BackupPassphrase: recoverBackupPass}); err == nil || len(siblings(t, dataDir)) != 0 {
		t.Fatalf("no keychain, no passphrase: %v, left %v", err, siblings(t, dataDir))
	}

	got, err := RestoreIntoNewFolder(dataDir, downKeychain{}, bytes.NewReader(file), Recovery{BackupPassphrase: recoverBackupPass, VaultPassphrase: recoverNewPass})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(got.SetAside) != filepath.Dir(dataDir) || !strings.HasPrefix(filepath.Base(got.SetAside), "acmedesk.set-aside-") || len(got.Plan.Add) == 0 {
		t.Fatalf("recovered %+v", got)
	}
	if kept, _ := os.ReadFile(filepath.Join(got.SetAside, store.FileName)); !bytes.Equal(kept, damaged) {
		t.Fatal("the damaged database was not kept as it was")
	}
	if s := siblings(t, dataDir); len(s) != 1 {
		t.Fatalf("beside the data folder: %v", s)
	}
	c, err := Open(dataDir, downKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Vault.Unlock(recoverNewPass); err != nil {
		t.Fatal(err)
	}
	ks, err := c.Keys.List()
	if err != nil || len(ks) != 1 || ks[0].Name != "Prod key" {
		t.Fatalf("keys after the restore: %+v, %v", ks, err)
	}
	if _, err := c.Keys.Signer(ks[0].ID); err != nil {
		t.Fatalf("the key's private part: %v", err)
	}
}

// Another process has the data folder open: nothing is moved.
func TestRestoreIntoNewFolderWhileTheFolderIsOpen(t *testing.T) {
	dataDir, file := folderWithBackup(t)
	c, err := Open(dataDir, downKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = RestoreIntoNewFolder(dataDir, downKeychain{}, bytes.NewReader(file), Recovery{BackupPassphrase: recoverBackupPass, VaultPassphrase: recoverNewPass})
	if !apperr.Is(err, apperr.CodeDatabaseInUse) {
		t.Fatalf("restore while open: %v", err)
	}
	if s := siblings(t, dataDir); len(s) != 0 {
		t.Fatalf("left beside the data folder: %v", s)
	}
	if err := c.Vault.Unlock(recoverVaultPass); err != nil {
		t.Fatalf("the open folder changed: %v", err)
	}
}

// No data folder yet (a new machine): the backup simply becomes it.
func TestRestoreIntoNewFolderWhereThereIsNone(t *testing.T) {
	_, file := folderWithBackup(t)
	dataDir := filepath.Join(t.TempDir(), "nested", "acmedesk")
	got, err := RestoreIntoNewFolder(dataDir, downKeychain{}, bytes.NewReader(file), Recovery{BackupPassphrase: recoverBackupPass, VaultPassphrase: recoverNewPass})
	if err != nil || got.SetAside != "" {
		t.Fatalf("%+v, %v", got, err)
	}
	if st, err := os.Stat(dataDir); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("data folder %v, %v", st, err)
	}
	db, err := store.OpenReadOnly(filepath.Join(dataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, _ := vault.New(db, downKeychain{}).Status(); st.Protection != vault.ProtectionPassphrase {
		t.Fatalf("vault %+v", st)
	}
}
