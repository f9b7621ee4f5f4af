package main

import (
	"context"
	"errors"
	"os"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"acmedesk/backend/apperr"
	"acmedesk/backend/core"
	"acmedesk/backend/keys"
	"acmedesk/backend/vault"
)

// App is the API bound to the frontend. It only translates: every method
// calls one backend service and turns errors into the JSON the bridge parses.
type App struct {
	ctx      context.Context
	dataDir  string
	keychain vault.Keychain

	core       *core.Core
	startupErr error

	jobsMu sync.Mutex
	jobs   map[string]context.CancelFunc // running key generations, by the frontend's job id
}

// NewApp returns the App for dataDir; the data is opened at startup.
func NewApp(dataDir string, kc vault.Keychain) *App {
	return &App{dataDir: dataDir, keychain: kc, jobs: map[string]context.CancelFunc{}}
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.core, a.startupErr = core.Open(a.dataDir, a.keychain)
}

func (a *App) shutdown(context.Context) {
	if a.core != nil {
		a.core.Close()
	}
}

// fail hands err to the frontend as the {code,message,hint,detail} JSON.
func fail(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(apperr.JSON(err))
}

func (a *App) ready() (*core.Core, error) {
	if a.startupErr != nil {
		return nil, fail(a.startupErr)
	}
	return a.core, nil
}

// AppInfo is shown in Settings.
type AppInfo struct {
	DataDir string       `json:"dataDir"`
	Vault   vault.Status `json:"vault"`
}

// Info reports the data folder and the vault's protection; a startup failure (e.g. database in use) is returned as the error.
func (a *App) Info() (AppInfo, error) {
	c, err := a.ready()
	if err != nil {
		return AppInfo{DataDir: a.dataDir}, err
	}
	st, err := c.Vault.Status()
	return AppInfo{DataDir: a.dataDir, Vault: st}, fail(err)
}

// SetUpPassphrase creates a passphrase-protected vault (first run without a keychain).
func (a *App) SetUpPassphrase(passphrase string) error {
	c, err := a.ready()
	if err != nil {
		return err
	}
	return fail(c.Vault.InitPassphrase(passphrase))
}

// Unlock opens a passphrase-protected vault.
func (a *App) Unlock(passphrase string) error {
	c, err := a.ready()
	if err != nil {
		return err
	}
	return fail(c.Vault.Unlock(passphrase))
}

// RetryKeychain tries the OS keychain again (after the user unlocked or started it).
func (a *App) RetryKeychain() (vault.Status, error) {
	c, err := a.ready()
	if err != nil {
		return vault.Status{}, err
	}
	st, err := c.Vault.Open()
	return st, fail(err)
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
	c, err := a.ready()
	if err != nil {
		return nil, err
	}
	list, err := c.Keys.List()
	return list, fail(err)
}

// GetKey returns one key with what uses it.
func (a *App) GetKey(id string) (*keys.Details, error) {
	c, err := a.ready()
	if err != nil {
		return nil, err
	}
	d, err := c.Keys.Get(id)
	return d, fail(err)
}

// GenerateKey makes a key; jobID lets CancelKeyGeneration stop the wait.
func (a *App) GenerateKey(jobID, name, description, algorithm string) (*keys.Key, error) {
	c, err := a.ready()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	a.jobsMu.Lock()
	a.jobs[jobID] = cancel
	a.jobsMu.Unlock()
	defer func() {
		a.jobsMu.Lock()
		delete(a.jobs, jobID)
		a.jobsMu.Unlock()
		cancel()
	}()
	k, err := c.Keys.Generate(ctx, name, description, keys.Algorithm(algorithm))
	return k, fail(err)
}

// CancelKeyGeneration stops a running GenerateKey; nothing is stored.
func (a *App) CancelKeyGeneration(jobID string) {
	a.jobsMu.Lock()
	defer a.jobsMu.Unlock()
	if cancel, ok := a.jobs[jobID]; ok {
		cancel()
	}
}

// ImportKey stores a key given as PEM or JWK text.
func (a *App) ImportKey(name, description, content, passphrase string) (*keys.Key, error) {
	c, err := a.ready()
	if err != nil {
		return nil, err
	}
	k, err := c.Keys.Import(name, description, []byte(content), passphrase)
	return k, fail(err)
}

// UpdateKey changes a key's name, description and export switch.
func (a *App) UpdateKey(id, name, description string, allowExport bool) (*keys.Key, error) {
	c, err := a.ready()
	if err != nil {
		return nil, err
	}
	k, err := c.Keys.Update(id, name, description, allowExport)
	return k, fail(err)
}

// DeleteKey deletes a key nothing uses.
func (a *App) DeleteKey(id string) error {
	c, err := a.ready()
	if err != nil {
		return err
	}
	return fail(c.Keys.Delete(id))
}

// ExportKey asks where to save, then writes the key there; "" when the user cancelled.
func (a *App) ExportKey(id, format string) (string, error) {
	c, err := a.ready()
	if err != nil {
		return "", err
	}
	d, err := c.Keys.Get(id)
	if err != nil {
		return "", fail(err)
	}
	home, _ := os.UserHomeDir()
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		Title:            "Export private key " + d.Name,
		DefaultDirectory: home,
		DefaultFilename:  keys.FileName(d.Name, keys.ExportFormat(format)),
	})
	if err != nil || path == "" {
		return "", fail(err)
	}
	return path, a.ExportKeyToFile(id, format, path)
}

// ExportKeyToFile writes the key to path (owner-only), when the key allows export.
func (a *App) ExportKeyToFile(id, format, path string) error {
	c, err := a.ready()
	if err != nil {
		return err
	}
	return fail(c.Keys.ExportToFile(id, keys.ExportFormat(format), path))
}
