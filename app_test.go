package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/clipboard"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
)

// noKeychain answers like a Linux session without a Secret Service.
type noKeychain struct{}

func (noKeychain) Get(string, string) (string, error) { return "", errors.New("no secret service") }
func (noKeychain) Set(string, string, string) error   { return errors.New("no secret service") }
func (noKeychain) Delete(string, string) error        { return errors.New("no secret service") }

func startedApp(t *testing.T, dir string) *App {
	a := NewApp(dir, noKeychain{})
	a.startup(context.Background())
	t.Cleanup(func() { a.shutdown(context.Background()) })
	return a
}

// bridgeError decodes an error the way the frontend bridge does.
func bridgeError(t *testing.T, err error) apperr.Error {
	t.Helper()
	var e apperr.Error
	if err == nil || json.Unmarshal([]byte(err.Error()), &e) != nil {
		t.Fatalf("error %v is not the bridge's JSON", err)
	}
	return e
}

func TestFirstRunWithoutSecretServiceThenKeys(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	info, err := a.Info()
	if err != nil || info.Vault.State != "new" || info.Vault.KeychainProblem == "" {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	if _, err := a.ListKeys(); err != nil {
		t.Fatalf("listing an empty store: %v", err)
	}
	if e := bridgeError(t, a.SetUpPassphrase("short")); e.Code != apperr.CodeInvalidInput {
		t.Fatalf("short passphrase: %+v", e)
	}
	if err := a.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	pem, _ := os.ReadFile("backend/keys/testdata/ec384-pkcs8.pem")
	if _, err := a.ImportKey("account", "", string(pem), ""); err != nil {
		t.Fatal(err)
	}
	if e := bridgeError(t, func() error { _, err := a.ImportKey("again", "", string(pem), ""); return err }()); e.Code != apperr.CodeConflict || e.Message == "" {
		t.Fatalf("duplicate import: %+v", e)
	}
}

// The page may only write secrets where the user chose in a native dialog: a
// bound method that takes a path from the page and writes a private key there
// would let a script in the webview put the keys anywhere.
func TestOnlyDialogDrivenMethodsWriteFiles(t *testing.T) {
	dialogDriven := map[string]bool{"ExportKey": true, "ExportAccount": true, "BackupToFile": true}
	app := reflect.TypeOf(&App{})
	for i := range app.NumMethod() {
		name := app.Method(i).Name
		writes := strings.Contains(name, "Export") || strings.Contains(name, "ToFile") || strings.Contains(name, "Save") || strings.Contains(name, "Write")
		if writes && !dialogDriven[name] && name != "SaveSettings" {
			t.Errorf("App.%s is bound to the page and looks like it writes files: make it ask with a native dialog, or unbind it", name)
		}
	}
	for name := range dialogDriven {
		if _, ok := app.MethodByName(name); !ok {
			t.Errorf("App.%s is gone: update this list", name)
		}
	}
}

func TestCancelKeyGeneration(t *testing.T) {
	a := startedApp(t, t.TempDir())
	if err := a.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	a.CancelJob("unknown job") // harmless
	done := make(chan error, 1)
	go func() {
		_, err := a.GenerateKey("job-1", "big", "", string(keys.RSA4096))
		done <- err
	}()
	for {
		a.jobsMu.Lock()
		_, running := a.jobs["job-1"]
		a.jobsMu.Unlock()
		if running {
			break
		}
		time.Sleep(time.Millisecond)
	}
	a.CancelJob("job-1")
	err := <-done
	// RSA 4096 may rarely finish before the cancel lands; either way nothing half-made remains.
	if err != nil {
		if e := bridgeError(t, err); e.Code != apperr.CodeCancelled {
			t.Fatalf("cancelled generation: %+v", e)
		}
		if list, _ := a.ListKeys(); len(list) != 0 {
			t.Fatalf("a cancelled generation stored %d keys", len(list))
		}
	}
}

func TestDatabaseInUseIsReportedNotHung(t *testing.T) {
	dir := t.TempDir()
	startedApp(t, dir)
	store.LockTimeout = 50e6
	second := startedApp(t, dir)
	_, err := second.Info()
	if e := bridgeError(t, err); e.Code != apperr.CodeDatabaseInUse {
		t.Fatalf("second instance: %+v", e)
	}
	if _, err := second.ListKeys(); bridgeError(t, err).Code != apperr.CodeDatabaseInUse {
		t.Fatal("methods must report the startup failure")
	}
}

// promptingKeychain answers only once the test lets it, as a keychain showing
// its unlock prompt does.
type promptingKeychain struct{ answer chan struct{} }

func (k promptingKeychain) Get(string, string) (string, error) {
	<-k.answer
	return "", errors.New("the user cancelled the prompt")
}
func (k promptingKeychain) Set(string, string, string) error {
	<-k.answer
	return errors.New("cancelled")
}
func (k promptingKeychain) Delete(string, string) error { <-k.answer; return errors.New("cancelled") }

func TestCallsBeforeStartupEndsWaitOrSayStarting(t *testing.T) {
	defer func(d time.Duration) { startingWait = d }(startingWait)
	startingWait = time.Millisecond
	kc := promptingKeychain{answer: make(chan struct{})}
	a := NewApp(t.TempDir(), kc)
	go a.startup(context.Background())
	t.Cleanup(func() { a.shutdown(context.Background()) })

	// The keychain is still asking: every call says so instead of failing or hanging.
	if _, err := a.Info(); bridgeError(t, err).Code != apperr.CodeStarting {
		t.Fatalf("Info during startup: %v", err)
	}
	if _, err := a.ListKeys(); bridgeError(t, err).Code != apperr.CodeStarting {
		t.Fatalf("ListKeys during startup: %v", err)
	}
	close(kc.answer)
	<-a.ready
	info, err := a.Info()
	if err != nil || info.Vault.State != "new" || info.Vault.KeychainProblem == "" {
		t.Fatalf("Info after the prompt was cancelled: %+v, %v", info, err)
	}
}

func TestTryAgainAfterTheDatabaseWasInUse(t *testing.T) {
	defer func(d time.Duration) { store.LockTimeout = d }(store.LockTimeout)
	store.LockTimeout = 50 * time.Millisecond
	dir := t.TempDir()
	first := NewApp(dir, noKeychain{})
	first.startup(context.Background())
	second := startedApp(t, dir)
	if _, err := second.Info(); bridgeError(t, err).Code != apperr.CodeDatabaseInUse {
		t.Fatalf("second instance: %v", err)
	}
	first.shutdown(context.Background())
	if _, err := second.Info(); err != nil {
		t.Fatalf("Try again once the other process let go: %v", err)
	}
	if _, err := second.ListKeys(); err != nil {
		t.Fatal(err)
	}
}

func TestShutdownCancelsOperations(t *testing.T) {
	a := NewApp(t.TempDir(), noKeychain{})
	a.startup(context.Background())
	a.shutdown(context.Background())
	if a.ops.Err() == nil {
		t.Fatal("operations at CAs outlive the window")
	}
	if _, err := a.ListKeys(); bridgeError(t, err).Code != apperr.CodeCancelled {
		t.Fatalf("a call after shutdown: %v", err)
	}
}

// The window's way out of a damaged data folder: Info says damaged; a backup
// restored into a new folder is then what the window shows.
func TestRestoreIntoNewFolderFromTheWindow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a := startedApp(t, dir)
	if err := a.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	pem, _ := os.ReadFile("backend/keys/testdata/ec384-pkcs8.pem")
	if _, err := a.ImportKey("account", "", string(pem), ""); err != nil {
		t.Fatal(err)
	}
	backupFile := filepath.Join(t.TempDir(), "b.acmedesk")
	c, _ := a.opened()
	if err := backup.WriteFile(c.DB, c.Vault, backupFile, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	a.shutdown(context.Background())
	if err := os.WriteFile(filepath.Join(dir, store.FileName), make([]byte, 8192), 0o600); err != nil {
		t.Fatal(err)
	}

	b := startedApp(t, dir)
	if _, err := b.Info(); bridgeError(t, err).Code != apperr.CodeDamaged {
		t.Fatalf("Info of a damaged folder: %v", err)
	}
	if _, err := b.RestoreIntoNewFolder(backupFile, "wrong passphrase", "the new passphrase"); bridgeError(t, err).Code != apperr.CodeWrongPass {
		t.Fatalf("wrong backup passphrase: %v", err)
	}
	got, err := b.RestoreIntoNewFolder(backupFile, "backup passphrase", "the new passphrase")
	if err != nil || got.SetAside == "" {
		t.Fatalf("%+v, %v", got, err)
	}
	info, err := b.Info()
	if err != nil || info.Vault.State != "locked" || info.Vault.Protection != "passphrase" {
		t.Fatalf("Info after the restore: %+v, %v", info, err)
	}
	if err := b.Unlock("the new passphrase"); err != nil {
		t.Fatal(err)
	}
	if ks, err := b.ListKeys(); err != nil || len(ks) != 1 || ks[0].Name != "account" {
		t.Fatalf("keys %+v, %v", ks, err)
	}
}

type memClipboard struct{ text string }

func (m *memClipboard) GetText() (string, error) { return m.text, nil }
func (m *memClipboard) SetText(t string) error   { m.text = t; return nil }

// A secret is copied by Go, never handed to the page, and is taken off the
// clipboard when the window closes.
func TestCopyCredentialFieldFromGo(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	if err := a.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	c, err := a.CreateCredential(credentials.Input{Name: "Admin", Kind: "password", Values: map[string]string{"username": "admin", "password": "s3cret-ü"}})
	if err != nil {
		t.Fatal(err)
	}
	board := &memClipboard{}
	a.clip = clipboard.New(board)
	if err := a.CopyCredentialField(c.ID, "password"); err != nil || board.text != "s3cret-ü" {
		t.Fatalf("copy: %q, %v", board.text, err)
	}
	if e := bridgeError(t, a.CopyCredentialField(c.ID, "no such field")); e.Code == "" {
		t.Fatalf("an unknown field: %+v", e)
	}
	a.beforeClose(context.Background())
	if board.text != "" {
		t.Fatalf("after the window closed the clipboard holds %q", board.text)
	}
}

// A panic inside a bound call becomes an internal error for the page; nothing
// of the call (a passphrase among its arguments) is in what comes back, and
// the panic never reaches Wails, which would log the call with its arguments.
func TestAPanicInABoundCallIsAnInternalError(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	c, _ := a.opened()
	c.Keys = nil // every key operation that reaches the store now panics on a nil service
	pem, _ := os.ReadFile("backend/keys/testdata/ec384-pkcs8.pem")
	_, err := a.ImportKey("name", "", string(pem), "the secret passphrase")
	if e := bridgeError(t, err); e.Code != apperr.CodeInternal || strings.Contains(err.Error(), "secret") {
		t.Fatalf("%v", err)
	}
}
