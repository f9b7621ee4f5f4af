// Package core opens ACME Desk's data folder and wires the backend services
// together, once, for both faces of the program (the window and, later, the CLI).
package core

import (
	"errors"
	"io"
	stdlog "log"
	"os"
	"path/filepath"

	legolog "github.com/go-acme/lego/v4/log"

	"acmedesk/backend/accounts"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/datadir"
	"acmedesk/backend/eab"
	"acmedesk/backend/exporters"
	"acmedesk/backend/importers"
	"acmedesk/backend/keys"
	"acmedesk/backend/settings"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// Core is an open data folder with its services.
type Core struct {
	DataDir     string
	DB          *store.DB
	Vault       *vault.Vault
	Keys        *keys.Service
	CAs         *cas.Service
	Accounts    *accounts.Service
	Credentials *credentials.Service
	Importer    *importers.Importer
	Exporter    *exporters.Service
	Settings    *settings.Service

	cleanup func() // after Close
}

// Open prepares dataDir (owner-only), opens its database and loads the vault
// key from kc when it can do so without asking the user.
func Open(dataDir string, kc vault.Keychain) (*Core, error) {
	if err := datadir.Prepare(dataDir); err != nil {
		return nil, err
	}
	db, err := store.Open(filepath.Join(dataDir, store.FileName))
	if err != nil {
		return nil, err
	}
	c := wire(dataDir, db, kc)
	// A keychain failure is not fatal here: the UI shows it from Vault.Status and offers what can be done.
	c.Vault.Open()
	return c, nil
}

// OpenReadOnly opens dataDir for commands that only read: shared with other
// readers, writing nothing, creating nothing. A data folder without data
// reads as an empty one; data an older ACME Desk wrote is opened with Open,
// which migrates it.
func OpenReadOnly(dataDir string, kc vault.Keychain) (*Core, error) {
	if err := datadir.Check(dataDir); err != nil {
		return nil, err
	}
	db, err := store.OpenReadOnly(filepath.Join(dataDir, store.FileName))
	switch {
	case errors.Is(err, store.ErrNoData):
		return empty(dataDir, kc)
	case store.IsOlderSchema(err):
		return Open(dataDir, kc)
	case err != nil:
		return nil, err
	}
	c := wire(dataDir, db, kc)
	c.Vault.Load()
	return c, nil
}

// empty is a Core over a new database in a temporary folder, removed at
// Close: what a data folder without data reads as.
func empty(dataDir string, kc vault.Keychain) (*Core, error) {
	tmp, err := os.MkdirTemp("", "acmedesk-empty-")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(filepath.Join(tmp, store.FileName))
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	c := wire(dataDir, db, kc)
	c.cleanup = func() { os.RemoveAll(tmp) }
	return c, nil
}

func wire(dataDir string, db *store.DB, kc vault.Keychain) *Core {
	v := vault.New(db, kc)
	// lego logs each retry and registration to stderr; errors reach people through apperr instead.
	legolog.Logger = stdlog.New(io.Discard, "", 0)
	k, c, creds := keys.NewService(db, v), cas.NewService(db), credentials.NewService(db, v)
	core := &Core{DataDir: dataDir, DB: db, Vault: v, Keys: k, CAs: c, Credentials: creds,
		Accounts: accounts.NewService(db, k, c, creds), Settings: settings.NewService(db)}
	core.Importer = importers.New(db, k, c, core.Accounts, creds)
	core.Exporter = &exporters.Service{Keys: k, CAs: c, Accounts: core.Accounts, Credentials: creds}
	return core
}

// Close releases the database.
func (c *Core) Close() error {
	err := c.DB.Close()
	if c.cleanup != nil {
		c.cleanup()
	}
	return err
}

// EAB returns the manager of EAB credentials at CA APIs, knowing the CAs as they are now.
func (c *Core) EAB() (*eab.Manager, error) {
	list, err := c.CAs.List()
	if err != nil {
		return nil, err
	}
	known := make([]eab.KnownCA, 0, len(list))
	for _, ca := range list {
		if ca.DirectoryURL != "" {
			known = append(known, eab.KnownCA{ID: ca.ID, DirectoryURL: ca.DirectoryURL})
		}
	}
	return &eab.Manager{Credentials: c.Credentials, Repointer: c.Accounts, CAs: known}, nil
}
