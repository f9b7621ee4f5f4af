package main

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/cas"
	"acmedesk/backend/clipboard"
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
	"acmedesk/backend/eab"
	"acmedesk/backend/exporters"
	"acmedesk/backend/importers"
	"acmedesk/backend/keys"
	"acmedesk/backend/settings"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// App is the API bound to the frontend. It only translates: every method
// calls one backend service and turns errors into the JSON the bridge parses.
type App struct {
	ctx      context.Context // Wails' runtime context, for dialogs
	dataDir  string
	keychain vault.Keychain

	// ops is the context of every operation that talks to a CA: cancelled at
	// shutdown, so nothing outlives the window.
	ops     context.Context
	stopOps context.CancelFunc

	// ready is closed once startup has opened the data, or failed to.
	ready      chan struct{}
	openMu     sync.Mutex
	core       *core.Core
	startupErr error

	jobsMu sync.Mutex
	jobs   map[string]context.CancelFunc // running jobs (key generation, refresh all), by the frontend's job id

	clip *clipboard.Guard // secrets copied from the window
}

// wailsClipboard is the system clipboard, through Wails' runtime.
type wailsClipboard struct{ ctx context.Context }

func (w wailsClipboard) GetText() (string, error)  { return runtime.ClipboardGetText(w.ctx) }
func (w wailsClipboard) SetText(text string) error { return runtime.ClipboardSetText(w.ctx, text) }

// NewApp returns the App for dataDir; the data is opened at startup.
func NewApp(dataDir string, kc vault.Keychain) *App {
	ops, stop := context.WithCancel(context.Background())
	return &App{dataDir: dataDir, keychain: kc, ops: ops, stopOps: stop, ready: make(chan struct{}), jobs: map[string]context.CancelFunc{}}
}

// startup opens the data. The page may call in before this ends (Wails
// loads it meanwhile): those calls wait for it, or answer "starting".
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.clip = clipboard.New(wailsClipboard{ctx})
	a.open()
	close(a.ready)
}

func (a *App) open() {
	a.openMu.Lock()
	defer a.openMu.Unlock()
	if a.core == nil {
		a.core, a.startupErr = core.Open(a.dataDir, a.keychain)
	}
}

// beforeClose takes a secret copied from the window off the clipboard while
// the window can still reach it (at shutdown, its main loop has ended).
func (a *App) beforeClose(context.Context) (prevent bool) {
	a.clip.Clear()
	return false
}

func (a *App) shutdown(context.Context) {
	a.stopOps()
	a.openMu.Lock()
	defer a.openMu.Unlock()
	if a.core != nil {
		a.core.Close()
		a.core = nil
	}
	a.startupErr = apperr.New(apperr.CodeCancelled, "ACME Desk is closing.", "")
}

// refreshConcurrency bounds the requests "Refresh all" sends to CAs at once.
const refreshConcurrency = 8

// startingWait bounds how long a call waits for startup before answering
// "starting" (a keychain may be showing its unlock prompt).
var startingWait = 2 * time.Second

// opened waits for startup and returns the data, or why it could not be opened.
func (a *App) opened() (*core.Core, error) {
	select {
	case <-a.ready:
	case <-time.After(startingWait):
		return nil, apperr.New(apperr.CodeStarting, "ACME Desk is still opening its data.",
			"If your keychain is asking to be unlocked, answer it; this screen moves on by itself.")
	}
	a.openMu.Lock()
	defer a.openMu.Unlock()
	return a.core, a.startupErr
}

// call runs fn on the opened data and hands errors to the frontend as the
// {code,message,hint,detail} JSON; a startup failure (e.g. database in use) is
// reported by every call.
func call[T any](a *App, fn func(*core.Core) (T, error)) (T, error) {
	return guarded(func() (T, error) {
		c, err := a.opened()
		if err != nil {
			var zero T
			return zero, err
		}
		return fn(c)
	})
}

// guarded runs a bound method's work: errors become the bridge's JSON, and a
// panic an internal error. Recovering here matters: Wails logs a panicking
// call with its whole message, arguments (a passphrase!) included.
func guarded[T any](fn func() (T, error)) (v T, err error) {
	defer func() {
		if recover() != nil {
			var zero T
			v, err = zero, errors.New(apperr.JSON(apperr.New(apperr.CodeInternal, "Something went wrong inside ACME Desk.",
				"Try again; if it happens again, restart ACME Desk.")))
		}
	}()
	v, err = fn()
	if err != nil {
		return v, errors.New(apperr.JSON(err))
	}
	return v, nil
}

// do is call for methods without a result.
func do(a *App, fn func(*core.Core) error) error {
	_, err := call(a, func(c *core.Core) (struct{}, error) { return struct{}{}, fn(c) })
	return err
}

// job runs fn under a context the page can cancel with CancelJob(jobID) and
// that shutdown cancels.
func job[T any](a *App, jobID string, fn func(context.Context, *core.Core) (T, error)) (T, error) {
	ctx, cancel := context.WithCancel(a.ops)
	a.jobsMu.Lock()
	a.jobs[jobID] = cancel
	a.jobsMu.Unlock()
	defer func() {
		a.jobsMu.Lock()
		delete(a.jobs, jobID)
		a.jobsMu.Unlock()
		cancel()
	}()
	return call(a, func(c *core.Core) (T, error) { return fn(ctx, c) })
}

// CancelJob stops a running job (key generation, refresh all); an unknown id does nothing.
func (a *App) CancelJob(jobID string) {
	a.jobsMu.Lock()
	defer a.jobsMu.Unlock()
	if cancel, ok := a.jobs[jobID]; ok {
		cancel()
	}
}

// AppInfo is shown in Settings.
type AppInfo struct {
	DataDir string       `json:"dataDir"`
	Vault   vault.Status `json:"vault"`
}

// Info reports the data folder and the vault's protection. It is the page's
// first call and its "Try again": when opening the data failed (another
// process held it), it tries again.
func (a *App) Info() (AppInfo, error) {
	select {
	case <-a.ready:
		a.openMu.Lock()
		retry := a.core == nil && apperr.From(a.startupErr).Code != apperr.CodeCancelled
		a.openMu.Unlock()
		if retry {
			a.open()
		}
	default:
	}
	info, err := call(a, func(c *core.Core) (AppInfo, error) {
		st, err := c.Vault.Status()
		return AppInfo{DataDir: a.dataDir, Vault: st}, err
	})
	info.DataDir = a.dataDir
	return info, err
}

// SetUpPassphrase creates a passphrase-protected vault (first run without a keychain).
func (a *App) SetUpPassphrase(passphrase string) error {
	return do(a, func(c *core.Core) error { return c.Vault.InitPassphrase(passphrase) })
}

// Unlock opens a passphrase-protected vault.
func (a *App) Unlock(passphrase string) error {
	return do(a, func(c *core.Core) error { return c.Vault.Unlock(passphrase) })
}

// RetryKeychain tries the OS keychain again (after the user unlocked or started it).
func (a *App) RetryKeychain() (vault.Status, error) {
	return call(a, func(c *core.Core) (vault.Status, error) { return c.Vault.Open() })
}

// RestoreIntoNewFolder is the way out of a data folder that cannot be used
// (damaged, or its vault key gone): it closes the data, sets the folder aside
// and restores the backup at path into a new one with a new vault (in the
// keychain, or under vaultPassphrase when one is given), then opens that.
func (a *App) RestoreIntoNewFolder(path, backupPassphrase, vaultPassphrase string) (*core.Recovered, error) {
	return guarded(func() (*core.Recovered, error) {
		select {
		case <-a.ready:
		case <-time.After(startingWait):
			_, err := a.opened()
			return nil, err
		}
		f, err := backup.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		a.openMu.Lock()
		defer a.openMu.Unlock()
		if a.core != nil {
			a.core.Close()
			a.core = nil
		}
		got, err := core.RestoreIntoNewFolder(a.dataDir, a.keychain, f, core.Recovery{BackupPassphrase: backupPassphrase, VaultPassphrase: vaultPassphrase})
		// Whatever happened, the data folder is opened again: the new one, or the old one as it was.
		a.core, a.startupErr = core.Open(a.dataDir, a.keychain)
		return got, err
	})
}

// GetSettings returns the user's preferences.
func (a *App) GetSettings() (settings.Settings, error) {
	return call(a, func(c *core.Core) (settings.Settings, error) { return c.Settings.Get() })
}

// SaveSettings replaces the user's preferences.
func (a *App) SaveSettings(s settings.Settings) error {
	return do(a, func(c *core.Core) error { return c.Settings.Save(s) })
}

// AlgorithmOption is a key type offered in the UI.
type AlgorithmOption struct {
	Value       keys.Algorithm `json:"value"`
	Label       string         `json:"label"`
	Recommended bool           `json:"recommended"`
}

// KeyAlgorithms lists the key types ACME Desk can generate, recommended first.
func (a *App) KeyAlgorithms() []AlgorithmOption {
	out := make([]AlgorithmOption, len(keys.Algorithms))
	for i, alg := range keys.Algorithms {
		out[i] = AlgorithmOption{Value: alg, Label: alg.Label(), Recommended: alg == keys.EC384}
	}
	return out
}

// ListKeys returns every stored key (public parts only).
func (a *App) ListKeys() ([]keys.Key, error) {
	return call(a, func(c *core.Core) ([]keys.Key, error) { return c.Keys.List() })
}

// GetKey returns one key with what uses it.
func (a *App) GetKey(id string) (*keys.Details, error) {
	return call(a, func(c *core.Core) (*keys.Details, error) { return c.Keys.Get(id) })
}

// GenerateKey makes a key; CancelJob(jobID) stops the wait.
func (a *App) GenerateKey(jobID, name, description, algorithm string) (*keys.Key, error) {
	return job(a, jobID, func(ctx context.Context, c *core.Core) (*keys.Key, error) {
		return c.Keys.Generate(ctx, name, description, keys.Algorithm(algorithm))
	})
}

// ImportKey stores a key given as PEM or JWK text.
func (a *App) ImportKey(name, description, content, passphrase string) (*keys.Key, error) {
	return call(a, func(c *core.Core) (*keys.Key, error) {
		return c.Keys.Import(name, description, []byte(content), passphrase)
	})
}

// UpdateKey changes a key's name, description and export switch.
func (a *App) UpdateKey(id, name, description string, allowExport bool) (*keys.Key, error) {
	return call(a, func(c *core.Core) (*keys.Key, error) { return c.Keys.Update(id, name, description, allowExport) })
}

// DeleteKey deletes a key nothing uses.
func (a *App) DeleteKey(id string) error {
	return do(a, func(c *core.Core) error { return c.Keys.Delete(id) })
}

// ExportKey asks where to save, then writes the key there; "" when the user cancelled.
func (a *App) ExportKey(id, format string) (string, error) {
	return call(a, func(c *core.Core) (string, error) {
		d, err := c.Keys.Get(id)
		if err != nil {
			return "", err
		}
		home, _ := os.UserHomeDir()
		path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
			Title:            "Export private key " + d.Name,
			DefaultDirectory: home,
			DefaultFilename:  keys.FileName(d.Name, keys.ExportFormat(format)),
		})
		if err != nil || path == "" {
			return "", err
		}
		return path, c.Keys.ExportToFile(id, keys.ExportFormat(format), path)
	})
}

// ListCAs returns the built-in catalogue and the custom CAs.
func (a *App) ListCAs() ([]cas.CA, error) {
	return call(a, func(c *core.Core) ([]cas.CA, error) { return c.CAs.List() })
}

// GetCA returns one CA with what uses it.
func (a *App) GetCA(id string) (*cas.Details, error) {
	return call(a, func(c *core.Core) (*cas.Details, error) { return c.CAs.Get(id) })
}

// AddCustomCA stores a private or unlisted ACME CA.
func (a *App) AddCustomCA(in cas.CustomInput) (*cas.CA, error) {
	return call(a, func(c *core.Core) (*cas.CA, error) { return c.CAs.AddCustom(in) })
}

// AddTemplateCA makes a custom CA from a per-customer catalogue entry (HARICA's alias).
func (a *App) AddTemplateCA(templateID, value string) (*cas.CA, error) {
	return call(a, func(c *core.Core) (*cas.CA, error) {
		in, err := cas.ExpandTemplate(templateID, value)
		if err != nil {
			return nil, err
		}
		return c.CAs.AddCustom(in)
	})
}

// UpdateCustomCA changes a custom CA.
func (a *App) UpdateCustomCA(id string, in cas.CustomInput) (*cas.CA, error) {
	return call(a, func(c *core.Core) (*cas.CA, error) { return c.CAs.UpdateCustom(id, in) })
}

// DeleteCustomCA deletes a custom CA no account uses.
func (a *App) DeleteCustomCA(id string) error {
	return do(a, func(c *core.Core) error { return c.CAs.DeleteCustom(id) })
}

// CADirectory reads the CA's directory (cached for a day unless refresh).
func (a *App) CADirectory(id string, refresh bool) (*cas.Directory, error) {
	return call(a, func(c *core.Core) (*cas.Directory, error) { return c.CAs.Directory(a.ops, id, refresh) })
}

// ListAccounts returns every account.
func (a *App) ListAccounts() ([]accounts.Account, error) {
	return call(a, func(c *core.Core) ([]accounts.Account, error) { return c.Accounts.List() })
}

// GetAccount returns one account.
func (a *App) GetAccount(id string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Get(id) })
}

// CreateAccount stores a new, unregistered account (an empty keyId generates a P-384 key).
func (a *App) CreateAccount(in accounts.NewInput) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Create(a.ops, in) })
}

// UpdateAccount changes the local name and description.
func (a *App) UpdateAccount(id, name, description string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Update(id, name, description) })
}

// DeleteAccount forgets an account locally (nothing changes at the CA).
func (a *App) DeleteAccount(id string) error {
	return do(a, func(c *core.Core) error { return c.Accounts.Delete(id) })
}

// RegisterAccount registers the account at its CA.
func (a *App) RegisterAccount(id string, agreeTerms bool) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Register(a.ops, id, agreeTerms)
	})
}

// RefreshAccount reads the account's status from its CA.
func (a *App) RefreshAccount(id string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Refresh(a.ops, id) })
}

// RefreshAllAccounts refreshes every registered account, a few at a time; CancelJob(jobID) stops it.
func (a *App) RefreshAllAccounts(jobID string) ([]accounts.RefreshResult, error) {
	return job(a, jobID, func(ctx context.Context, c *core.Core) ([]accounts.RefreshResult, error) {
		return c.Accounts.RefreshAll(ctx, refreshConcurrency)
	})
}

// ChangeAccountContacts replaces the contact addresses at the CA.
func (a *App) ChangeAccountContacts(id string, contacts []string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.ChangeContacts(a.ops, id, contacts)
	})
}

// RolloverAccountKey moves the account to newKeyID ("" generates a P-384 key).
func (a *App) RolloverAccountKey(id, newKeyID string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Rollover(a.ops, id, newKeyID)
	})
}

// DeactivateAccount deactivates the account at its CA; confirmName must repeat its name.
func (a *App) DeactivateAccount(id, confirmName string) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Deactivate(a.ops, id, confirmName)
	})
}

// FindAccountByKey imports the account an existing key has at a CA.
func (a *App) FindAccountByKey(in accounts.FindInput) (*accounts.Account, error) {
	return call(a, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.FindByKey(a.ops, in) })
}

// AccountCAA returns the CAA record that binds a domain to this account (RFC 8657).
func (a *App) AccountCAA(id string) (*accounts.CAARecord, error) {
	return call(a, func(c *core.Core) (*accounts.CAARecord, error) { return c.Accounts.CAA(a.ops, id) })
}

// CredentialKinds lists the kinds of stored credentials and their fields (DNS providers from lego).
func (a *App) CredentialKinds() []credentials.Kind { return credentials.Kinds() }

// ListCredentials returns credentials (no secret values), filtered by kind and tag.
func (a *App) ListCredentials(filter credentials.Filter) ([]credentials.Listed, error) {
	return call(a, func(c *core.Core) ([]credentials.Listed, error) { return c.Credentials.List(filter) })
}

// GetCredential returns one credential with what uses it (no secret values).
func (a *App) GetCredential(id string) (*credentials.Details, error) {
	return call(a, func(c *core.Core) (*credentials.Details, error) { return c.Credentials.Get(id) })
}

// CreateCredential stores a credential; its secret fields are sealed.
func (a *App) CreateCredential(in credentials.Input) (*credentials.Credential, error) {
	return call(a, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Create(in) })
}

// UpdateCredential changes name, description, tags and non-secret fields.
func (a *App) UpdateCredential(id string, in credentials.UpdateInput) (*credentials.Credential, error) {
	return call(a, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Update(id, in) })
}

// RevealCredentialField returns one secret value, because the user asked to see it.
func (a *App) RevealCredentialField(id, field string) (string, error) {
	return call(a, func(c *core.Core) (string, error) { return c.Credentials.Reveal(id, field) })
}

// CopyCredentialField puts a secret field on the clipboard, from Go (the
// value never reaches the page), and takes it off again after 30 s, or when
// the window closes, if the clipboard still holds it.
func (a *App) CopyCredentialField(id, field string) error {
	return do(a, func(c *core.Core) error {
		value, err := c.Credentials.Reveal(id, field)
		if err != nil {
			return err
		}
		if err := a.clip.CopySecret(value); err != nil {
			return apperr.Wrap(err, apperr.CodeInternal, "Could not copy to the clipboard.", "Reveal the value and copy it by hand.")
		}
		return nil
	})
}

// RotateCredential replaces the secret values in place; every reference stays.
func (a *App) RotateCredential(id string, values map[string]string) (*credentials.Credential, error) {
	return call(a, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Rotate(id, values) })
}

// DeleteCredential deletes a credential nothing uses.
func (a *App) DeleteCredential(id string) error {
	return do(a, func(c *core.Core) error { return c.Credentials.Delete(id) })
}

// CheckDNSCredential says whether DNS validation could proceed with this credential.
func (a *App) CheckDNSCredential(id string) error {
	return do(a, func(c *core.Core) error { return c.Credentials.CheckDNS(id) })
}

// RepointAccountEAB makes an account use another stored EAB credential.
func (a *App) RepointAccountEAB(accountID, credentialID string) error {
	return do(a, func(c *core.Core) error { return c.Accounts.Repoint(a.ops, accountID, credentialID) })
}

// withEAB runs fn with the EAB manager.
func withEAB[T any](a *App, fn func(*eab.Manager) (T, error)) (T, error) {
	return call(a, func(c *core.Core) (T, error) {
		m, err := c.EAB()
		if err != nil {
			var zero T
			return zero, err
		}
		return fn(m)
	})
}

// DigiCertListEAB lists the ACME contract's EAB credentials at DigiCert, matched to stored ones.
func (a *App) DigiCertListEAB(keyCredentialID string) ([]eab.ListedCredential, error) {
	return withEAB(a, func(m *eab.Manager) ([]eab.ListedCredential, error) {
		return m.ListDigiCert(a.ops, keyCredentialID)
	})
}

// DigiCertRegenerateEAB makes new EAB credentials at DigiCert and stores them (revokeExisting: also revoke the current ones).
func (a *App) DigiCertRegenerateEAB(keyCredentialID string, revokeExisting bool) (*credentials.Credential, error) {
	return withEAB(a, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.RegenerateDigiCert(a.ops, keyCredentialID, revokeExisting)
	})
}

// DigiCertRevokeEAB revokes one credential at DigiCert by its id.
func (a *App) DigiCertRevokeEAB(keyCredentialID string, digicertCredentialID int64) error {
	_, err := withEAB(a, func(m *eab.Manager) (struct{}, error) {
		return struct{}{}, m.RevokeOld(a.ops, keyCredentialID, digicertCredentialID)
	})
	return err
}

// DigiCertRevokeAllEAB revokes every active credential of the contract.
func (a *App) DigiCertRevokeAllEAB(keyCredentialID string) error {
	_, err := withEAB(a, func(m *eab.Manager) (struct{}, error) {
		return struct{}{}, m.RevokeAllDigiCert(a.ops, keyCredentialID)
	})
	return err
}

// DigiCertPlanRotation describes each step of replacing an EAB credential without downtime.
func (a *App) DigiCertPlanRotation(keyCredentialID, oldEABCredentialID string) (*eab.Plan, error) {
	return withEAB(a, func(m *eab.Manager) (*eab.Plan, error) {
		return m.PlanRotation(a.ops, keyCredentialID, oldEABCredentialID)
	})
}

// DigiCertRotateStep1Regenerate makes and stores new credentials while the old ones stay active.
func (a *App) DigiCertRotateStep1Regenerate(keyCredentialID, oldEABCredentialID string) (*credentials.Credential, error) {
	return withEAB(a, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.RegenerateKeepingOld(a.ops, keyCredentialID, oldEABCredentialID)
	})
}

// DigiCertRotateStep2Repoint points every account using the old credential at the new one.
func (a *App) DigiCertRotateStep2Repoint(oldEABCredentialID, newEABCredentialID string) ([]store.Ref, error) {
	return withEAB(a, func(m *eab.Manager) ([]store.Ref, error) {
		return m.Repoint(a.ops, oldEABCredentialID, newEABCredentialID)
	})
}

// ZeroSSLEABFromAccessKey fetches and stores EAB credentials with a stored ZeroSSL access key.
func (a *App) ZeroSSLEABFromAccessKey(accessKeyCredentialID string) (*credentials.Credential, error) {
	return withEAB(a, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.ZeroSSLFromAccessKey(a.ops, accessKeyCredentialID)
	})
}

// ZeroSSLEABFromEmail fetches and stores EAB credentials for an e-mail address.
func (a *App) ZeroSSLEABFromEmail(email string) (*credentials.Credential, error) {
	return withEAB(a, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.ZeroSSLFromEmail(a.ops, email)
	})
}

// ChooseFolder asks for a folder (e.g. a lego, certbot or acme.sh folder to import); "" when cancelled.
func (a *App) ChooseFolder(title string) (string, error) {
	return guarded(func() (string, error) {
		return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{Title: title})
	})
}

// ScanForAccounts finds the accounts kept by lego, certbot or acme.sh under path; nothing is stored.
func (a *App) ScanForAccounts(path string) (*importers.Preview, error) {
	return call(a, func(c *core.Core) (*importers.Preview, error) { return c.Importer.Scan(path) })
}

// ImportAccounts imports the chosen accounts of a preview (files are read again; duplicates merge).
func (a *App) ImportAccounts(preview importers.Preview, choices []importers.Choice) (*importers.Result, error) {
	return call(a, func(c *core.Core) (*importers.Result, error) {
		return c.Importer.Import(a.ops, &preview, choices)
	})
}

// VerifyAccount asks the account's CA whether it knows the account's key (onlyReturnExisting).
func (a *App) VerifyAccount(accountID string) (*importers.Verification, error) {
	return call(a, func(c *core.Core) (*importers.Verification, error) {
		return c.Importer.Verify(a.ops, accountID)
	})
}

// BackupToFile asks where to save, then writes an encrypted backup of every record and secret; "" when cancelled.
func (a *App) BackupToFile(passphrase string) (string, error) {
	return call(a, func(c *core.Core) (string, error) {
		home, _ := os.UserHomeDir()
		path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
			Title: "Save encrypted backup", DefaultDirectory: home, DefaultFilename: "acmedesk-backup.acmedesk",
		})
		if err != nil || path == "" {
			return "", err
		}
		return path, backup.WriteFile(c.DB, c.Vault, path, passphrase)
	})
}

// ChooseBackupFile asks for a backup file to restore; "" when cancelled.
func (a *App) ChooseBackupFile() (string, error) {
	return guarded(func() (string, error) {
		return runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{Title: "Choose an ACME Desk backup"})
	})
}

// PlanRestore reads a backup and says what a merge would add, find identical, and leave as conflicts.
func (a *App) PlanRestore(path, passphrase string) (*backup.Plan, error) {
	return call(a, func(c *core.Core) (*backup.Plan, error) {
		contents, err := readBackup(path, passphrase)
		if err != nil {
			return nil, err
		}
		defer contents.Wipe()
		return backup.PlanMerge(c.DB, c.Vault, contents)
	})
}

// RestoreBackup restores a backup into an empty vault ("empty") or merges it
// ("merge"), taking the backup's version of the conflicting records in replace.
func (a *App) RestoreBackup(path, passphrase, mode string, replace []string) (*backup.Plan, error) {
	return call(a, func(c *core.Core) (*backup.Plan, error) {
		contents, err := readBackup(path, passphrase)
		if err != nil {
			return nil, err
		}
		defer contents.Wipe()
		return backup.Restore(c.DB, c.Vault, contents, backup.Mode(mode), replace...)
	})
}

func readBackup(path, passphrase string) (*backup.Contents, error) {
	f, err := backup.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return backup.Read(f, passphrase)
}

// ExportAccount asks for a folder, then writes the account for lego, certbot,
// acme.sh or cert-manager there (only when its key allows export); nil when
// cancelled. What would refuse the export is said before the folder is asked for.
func (a *App) ExportAccount(id, format string) (*exporters.Result, error) {
	if err := do(a, func(c *core.Core) error { return c.Exporter.Check(id, exporters.Format(format)) }); err != nil {
		return nil, err
	}
	dir, err := runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{Title: "Export the account to this folder", CanCreateDirectories: true})
	if err != nil {
		return nil, errors.New(apperr.JSON(err))
	}
	if dir == "" {
		return nil, nil
	}
	return call(a, func(c *core.Core) (*exporters.Result, error) {
		return c.Exporter.Export(a.ops, id, exporters.Format(format), dir)
	})
}
