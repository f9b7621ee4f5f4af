package services

import (
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/core"
	"acmedesk/backend/vault"
)

// VaultService opens the data and its vault: the window's first screen.
type VaultService struct{ host *Host }

// AppInfo is shown in Settings.
type AppInfo struct {
	DataDir string       `json:"dataDir"`
	Vault   vault.Status `json:"vault"`
}

// Info reports the data folder and the vault's protection. It is the page's
// first call and its "Try again": when opening the data failed (another
// process held it), it tries again.
func (s *VaultService) Info() (AppInfo, error) {
	h := s.host
	select {
	case <-h.ready:
		h.openMu.Lock()
		retry := h.core == nil && apperr.From(h.startupErr).Code != apperr.CodeCancelled
		h.openMu.Unlock()
		if retry {
			h.open()
		}
	default:
	}
	info, err := call(h, func(c *core.Core) (AppInfo, error) {
		st, err := c.Vault.Status()
		return AppInfo{DataDir: h.dataDir, Vault: st}, err
	})
	info.DataDir = h.dataDir
	return info, err
}

// SetUpPassphrase creates a passphrase-protected vault (first run without a keychain).
func (s *VaultService) SetUpPassphrase(passphrase string) error {
	return do(s.host, func(c *core.Core) error { return c.Vault.InitPassphrase(passphrase) })
}

// Unlock opens a passphrase-protected vault.
func (s *VaultService) Unlock(passphrase string) error {
	return do(s.host, func(c *core.Core) error { return c.Vault.Unlock(passphrase) })
}

// RetryKeychain tries the OS keychain again (after the user unlocked or started it).
func (s *VaultService) RetryKeychain() (vault.Status, error) {
	return call(s.host, func(c *core.Core) (vault.Status, error) { return c.Vault.Open() })
}

// RestoreIntoNewFolder is the way out of a data folder that cannot be used
// (damaged, or its vault key gone): it closes the data, sets the folder aside
// and restores the backup at path into a new one with a new vault (in the
// keychain, or under vaultPassphrase when one is given), then opens that.
func (s *VaultService) RestoreIntoNewFolder(path, backupPassphrase, vaultPassphrase string) (*core.Recovered, error) {
	h := s.host
	return guarded(func() (*core.Recovered, error) {
		select {
		case <-h.ready:
		case <-time.After(startingWait):
			_, err := h.opened()
			return nil, err
		}
		f, err := backup.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		h.openMu.Lock()
		defer h.openMu.Unlock()
		if h.core != nil {
			h.core.Close()
			h.core = nil
		}
		got, err := core.RestoreIntoNewFolder(h.dataDir, h.keychain, f, core.Recovery{BackupPassphrase: backupPassphrase, VaultPassphrase: vaultPassphrase})
		// Whatever happened, the data folder is opened again: the new one, or the old one as it was.
		h.core, h.startupErr = core.Open(h.dataDir, h.keychain)
		if err != nil {
			return nil, err
		}
		fillLists(&got)
		return got, nil
	})
}
