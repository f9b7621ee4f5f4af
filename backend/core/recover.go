package core

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/datadir"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// Recovery is what a restore into a new data folder needs.
type Recovery struct {
	BackupPassphrase string
	// VaultPassphrase protects the new vault; empty: its key goes to the OS keychain.
	VaultPassphrase string
}

// Recovered says where the old data folder was put and what the restore did.
type Recovered struct {
	// SetAside is the old data folder's new name, beside it ("" when there was none).
	SetAside string       `json:"setAside"`
	Plan     *backup.Plan `json:"plan"`
}

// RestoreIntoNewFolder is the way out of a data folder that cannot be used
// (its database damaged, its vault key gone from the keychain): a new folder
// gets a new vault and the backup's records, then takes the data folder's
// place, and the old folder is kept as it is under a new name beside it. The
// data folder must not be open (the caller closes its own Core first).
// Nothing changes until the new folder is complete; a failure leaves the data
// folder as it was.
func RestoreIntoNewFolder(dataDir string, kc vault.Keychain, backupFile io.Reader, in Recovery) (*Recovered, error) {
	contents, err := backup.Read(backupFile, in.BackupPassphrase)
	if err != nil {
		return nil, err
	}
	defer contents.Wipe()
	parent, base := filepath.Dir(dataDir), filepath.Base(dataDir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, folderError(err, parent)
	}
	fresh, err := os.MkdirTemp(parent, base+".restoring-")
	if err != nil {
		return nil, folderError(err, parent)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(fresh)
		}
	}()
	v, plan, err := fill(fresh, kc, contents, in.VaultPassphrase)
	if err != nil {
		return nil, err
	}
	setAside, err := swap(dataDir, fresh)
	if err != nil {
		v.Forget()
		return nil, err
	}
	done = true
	return &Recovered{SetAside: setAside, Plan: plan}, nil
}

// fill makes a data folder in dir with a new vault and the backup's records.
func fill(dir string, kc vault.Keychain, contents *backup.Contents, vaultPassphrase string) (*vault.Vault, *backup.Plan, error) {
	if err := datadir.Prepare(dir); err != nil {
		return nil, nil, err
	}
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	v := vault.New(db, kc)
	if vaultPassphrase != "" {
		err = v.InitPassphrase(vaultPassphrase)
	} else {
		err = v.InitKeychain()
	}
	if err != nil {
		return nil, nil, err
	}
	plan, err := backup.Restore(db, v, contents, backup.IntoEmpty)
	if err != nil {
		v.Forget()
		return nil, nil, err
	}
	return v, plan, nil
}

// swap moves dataDir aside (when it holds anything) and fresh into its place,
// holding the database's lock meanwhile so that no other process has it open.
func swap(dataDir, fresh string) (setAside string, err error) {
	release, err := store.Lock(filepath.Join(dataDir, store.FileName))
	if err != nil {
		return "", err
	}
	defer release()
	entries, err := os.ReadDir(dataDir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return "", folderError(err, dataDir)
	case len(entries) == 0:
		if err := os.Remove(dataDir); err != nil {
			return "", folderError(err, dataDir)
		}
	default:
		if setAside, err = asideName(dataDir); err != nil {
			return "", err
		}
		if err := os.Rename(dataDir, setAside); err != nil {
			return "", folderError(err, dataDir)
		}
	}
	if err := os.Rename(fresh, dataDir); err != nil {
		if setAside != "" {
			os.Rename(setAside, dataDir)
		}
		return "", folderError(err, dataDir)
	}
	return setAside, nil
}

// asideName is a free name beside dataDir that says when it was set aside.
func asideName(dataDir string) (string, error) {
	stamp := dataDir + ".set-aside-" + time.Now().Format("2006-01-02-150405")
	for i := 1; i < 100; i++ {
		name := stamp
		if i > 1 {
			name = fmt.Sprintf("%s-%d", stamp, i)
		}
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
	}
	return "", apperr.New(apperr.CodeConflict, "Cannot find a free name to keep the old data folder under.", "Move the old "+dataDir+".set-aside-* folders elsewhere, then try again.")
}

func folderError(err error, dir string) error {
	return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot set up the new data folder beside "+dir+".",
		"Check that its parent folder is writable by you. Nothing was changed.")
}
