package services

import (
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
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// noKeychain answers like a Linux session without a Secret Service.
type noKeychain struct{}

func (noKeychain) Get(string, string) (string, error) { return "", errors.New("no secret service") }
func (noKeychain) Set(string, string, string) error   { return errors.New("no secret service") }
func (noKeychain) Delete(string, string) error        { return errors.New("no secret service") }

// fakeWindow is the window without a screen: its clipboard is a string and
// its dialogs answer with the path the test chose ("" = cancelled).
type fakeWindow struct {
	clip      string
	savePath  string
	saveAsked SaveDialog
	folder    string
}

func (w *fakeWindow) GetText() (string, error) { return w.clip, nil }
func (w *fakeWindow) SetText(t string) error   { w.clip = t; return nil }
func (w *fakeWindow) SaveFile(d SaveDialog) (string, error) {
	w.saveAsked = d
	return w.savePath, nil
}
func (w *fakeWindow) OpenFile(string) (string, error)         { return "", nil }
func (w *fakeWindow) OpenFolder(string, bool) (string, error) { return w.folder, nil }

// app is the services over one Host, as the window binds them.
type app struct {
	host  *Host
	win   *fakeWindow
	vault *VaultService
	keys  *KeysService
	creds *CredentialsService
	bak   *BackupService
	jobs  *JobsService
}

func newApp(dir string, kc vault.Keychain) *app {
	win := &fakeWindow{}
	h := NewHost(dir, kc, win)
	return &app{host: h, win: win, vault: &VaultService{h}, keys: &KeysService{h}, creds: &CredentialsService{h},
		bak: &BackupService{h}, jobs: &JobsService{h}}
}

func startedApp(t *testing.T, dir string) *app {
	a := newApp(dir, noKeychain{})
	a.host.Start()
	t.Cleanup(a.host.Shutdown)
	return a
}

// bridgeError decodes an error the way the page gets it: FormatError's JSON.
func bridgeError(t *testing.T, err error) apperr.Error {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var e apperr.Error
	s, ok := FormatError(err).(string)
	if !ok || json.Unmarshal([]byte(s), &e) != nil {
		t.Fatalf("error %v is not the bridge's JSON", err)
	}
	return e
}

func readPEM(t *testing.T) string {
	t.Helper()
	pem, err := os.ReadFile("../keys/testdata/ec384-pkcs8.pem")
	if err != nil {
		t.Fatal(err)
	}
	return string(pem)
}

func TestFormatErrorIsTheAppErrorJSON(t *testing.T) {
	e := bridgeError(t, apperr.New(apperr.CodeConflict, "Taken.", "Pick another."))
	if e.Code != apperr.CodeConflict || e.Message != "Taken." || e.Hint != "Pick another." {
		t.Fatalf("%+v", e)
	}
	if e := bridgeError(t, errors.New("plain")); e.Code != apperr.CodeInternal {
		t.Fatalf("a plain error: %+v", e)
	}
}

func TestFirstRunWithoutSecretServiceThenKeys(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	info, err := a.vault.Info()
	if err != nil || info.Vault.State != "new" || info.Vault.KeychainProblem == "" {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	if _, err := a.keys.ListKeys(); err != nil {
		t.Fatalf("listing an empty store: %v", err)
	}
	if e := bridgeError(t, a.vault.SetUpPassphrase("short")); e.Code != apperr.CodeInvalidInput {
		t.Fatalf("short passphrase: %+v", e)
	}
	if err := a.vault.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	pem := readPEM(t)
	if _, err := a.keys.ImportKey("account", "", pem, ""); err != nil {
		t.Fatal(err)
	}
	if e := bridgeError(t, func() error { _, err := a.keys.ImportKey("again", "", pem, ""); return err }()); e.Code != apperr.CodeConflict || e.Message == "" {
		t.Fatalf("duplicate import: %+v", e)
	}
}

// The page may only write secrets where the user chose in a native dialog: a
// bound method that takes a path from the page and writes a private key there
// would let a script in the webview put the keys anywhere.
func TestOnlyDialogDrivenMethodsWriteFiles(t *testing.T) {
	dialogDriven := map[string]bool{"KeysService.ExportKey": true, "TransferService.ExportAccount": true, "BackupService.BackupToFile": true}
	seen := map[string]bool{}
	for _, svc := range Bound(NewHost(t.TempDir(), noKeychain{}, &fakeWindow{})) {
		typ := reflect.TypeOf(svc)
		for i := range typ.NumMethod() {
			name := typ.Elem().Name() + "." + typ.Method(i).Name
			seen[name] = true
			m := typ.Method(i).Name
			writes := strings.Contains(m, "Export") || strings.Contains(m, "ToFile") || strings.Contains(m, "Save") || strings.Contains(m, "Write")
			if writes && !dialogDriven[name] && name != "SettingsService.SaveSettings" {
				t.Errorf("%s is bound to the page and looks like it writes files: make it ask with a native dialog, or unbind it", name)
			}
		}
	}
	for name := range dialogDriven {
		if !seen[name] {
			t.Errorf("%s is gone: update this list", name)
		}
	}
}

// Wails binds every exported method of a bound struct, promoted ones
// included: the Host's lifecycle must not reach the page through a service.
func TestNoServiceExposesTheHost(t *testing.T) {
	host := reflect.TypeOf(&Host{})
	for _, svc := range Bound(NewHost(t.TempDir(), noKeychain{}, &fakeWindow{})) {
		for i := range host.NumMethod() {
			if _, ok := reflect.TypeOf(svc).MethodByName(host.Method(i).Name); ok {
				t.Errorf("%T has the Host's %s: hold the Host in a field, never embed it", svc, host.Method(i).Name)
			}
		}
	}
}

// Exports and backups go where the dialog said, and nowhere when it was cancelled.
func TestDialogDrivenWritesFollowTheDialog(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	if err := a.vault.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	k, err := a.keys.ImportKey("account", "", readPEM(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.keys.UpdateKey(k.ID, k.Name, "", true); err != nil {
		t.Fatal(err)
	}
	if path, err := a.keys.ExportKey(k.ID, "pem"); err != nil || path != "" {
		t.Fatalf("a cancelled export: %q, %v", path, err)
	}
	a.win.savePath = filepath.Join(t.TempDir(), "account.pem")
	if path, err := a.keys.ExportKey(k.ID, "pem"); err != nil || path != a.win.savePath {
		t.Fatalf("export: %q, %v", path, err)
	}
	if _, err := os.Stat(a.win.savePath); err != nil || a.win.saveAsked.DefaultFilename == "" {
		t.Fatalf("the key file: %v; dialog %+v", err, a.win.saveAsked)
	}
	a.win.savePath = filepath.Join(t.TempDir(), "b.acmedesk")
	if path, err := a.bak.BackupToFile("backup passphrase"); err != nil || path != a.win.savePath {
		t.Fatalf("backup: %q, %v", path, err)
	}
	if _, err := os.Stat(a.win.savePath); err != nil {
		t.Fatal(err)
	}
}

func TestCancelKeyGeneration(t *testing.T) {
	a := startedApp(t, t.TempDir())
	if err := a.vault.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	a.jobs.CancelJob("unknown job") // harmless
	done := make(chan error, 1)
	go func() {
		_, err := a.keys.GenerateKey("job-1", "big", "", string(keys.RSA4096))
		done <- err
	}()
	for {
		a.host.jobsMu.Lock()
		_, running := a.host.jobs["job-1"]
		a.host.jobsMu.Unlock()
		if running {
			break
		}
		time.Sleep(time.Millisecond)
	}
	a.jobs.CancelJob("job-1")
	err := <-done
	// RSA 4096 may rarely finish before the cancel lands; either way nothing half-made remains.
	if err != nil {
		if e := bridgeError(t, err); e.Code != apperr.CodeCancelled {
			t.Fatalf("cancelled generation: %+v", e)
		}
		if list, _ := a.keys.ListKeys(); len(list) != 0 {
			t.Fatalf("a cancelled generation stored %d keys", len(list))
		}
	}
}

func TestDatabaseInUseIsReportedNotHung(t *testing.T) {
	defer func(d time.Duration) { store.LockTimeout = d }(store.LockTimeout)
	dir := t.TempDir()
	startedApp(t, dir)
	store.LockTimeout = 50 * time.Millisecond
	second := startedApp(t, dir)
	_, err := second.vault.Info()
	if e := bridgeError(t, err); e.Code != apperr.CodeDatabaseInUse {
		t.Fatalf("second instance: %+v", e)
	}
	if _, err := second.keys.ListKeys(); bridgeError(t, err).Code != apperr.CodeDatabaseInUse {
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
	a := newApp(t.TempDir(), kc)
	go a.host.Start()
	t.Cleanup(a.host.Shutdown)

	// The keychain is still asking: every call says so instead of failing or hanging.
	if _, err := a.vault.Info(); bridgeError(t, err).Code != apperr.CodeStarting {
		t.Fatalf("Info during startup: %v", err)
	}
	if _, err := a.keys.ListKeys(); bridgeError(t, err).Code != apperr.CodeStarting {
		t.Fatalf("ListKeys during startup: %v", err)
	}
	close(kc.answer)
	<-a.host.ready
	info, err := a.vault.Info()
	if err != nil || info.Vault.State != "new" || info.Vault.KeychainProblem == "" {
		t.Fatalf("Info after the prompt was cancelled: %+v, %v", info, err)
	}
}

func TestTryAgainAfterTheDatabaseWasInUse(t *testing.T) {
	defer func(d time.Duration) { store.LockTimeout = d }(store.LockTimeout)
	store.LockTimeout = 50 * time.Millisecond
	dir := t.TempDir()
	first := newApp(dir, noKeychain{})
	first.host.Start()
	second := startedApp(t, dir)
	if _, err := second.vault.Info(); bridgeError(t, err).Code != apperr.CodeDatabaseInUse {
		t.Fatalf("second instance: %v", err)
	}
	first.host.Shutdown()
	if _, err := second.vault.Info(); err != nil {
		t.Fatalf("Try again once the other process let go: %v", err)
	}
	if _, err := second.keys.ListKeys(); err != nil {
		t.Fatal(err)
	}
}

func TestShutdownCancelsOperations(t *testing.T) {
	a := newApp(t.TempDir(), noKeychain{})
	a.host.Start()
	a.host.Shutdown()
	if a.host.ops.Err() == nil {
		t.Fatal("operations at CAs outlive the window")
	}
	if _, err := a.keys.ListKeys(); bridgeError(t, err).Code != apperr.CodeCancelled {
		t.Fatalf("a call after shutdown: %v", err)
	}
}

// The window's way out of a damaged data folder: Info says damaged; a backup
// restored into a new folder is then what the window shows.
func TestRestoreIntoNewFolderFromTheWindow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a := startedApp(t, dir)
	if err := a.vault.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.keys.ImportKey("account", "", readPEM(t), ""); err != nil {
		t.Fatal(err)
	}
	backupFile := filepath.Join(t.TempDir(), "b.acmedesk")
	c, _ := a.host.opened()
	if err := backup.WriteFile(c.DB, c.Vault, backupFile, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	a.host.Shutdown()
	if err := os.WriteFile(filepath.Join(dir, store.FileName), make([]byte, 8192), 0o600); err != nil {
		t.Fatal(err)
	}

	b := startedApp(t, dir)
	if _, err := b.vault.Info(); bridgeError(t, err).Code != apperr.CodeDamaged {
		t.Fatalf("Info of a damaged folder: %v", err)
	}
	if _, err := b.vault.RestoreIntoNewFolder(backupFile, "wrong passphrase", "the new passphrase"); bridgeError(t, err).Code != apperr.CodeWrongPass {
		t.Fatalf("wrong backup passphrase: %v", err)
	}
	got, err := b.vault.RestoreIntoNewFolder(backupFile, "backup passphrase", "the new passphrase")
	if err != nil || got.SetAside == "" || got.Plan == nil || len(got.Plan.Add) == 0 || got.Plan.Conflicts == nil {
		t.Fatalf("%+v, %v", got, err)
	}
	info, err := b.vault.Info()
	if err != nil || info.Vault.State != "locked" || info.Vault.Protection != "passphrase" {
		t.Fatalf("Info after the restore: %+v, %v", info, err)
	}
	if err := b.vault.Unlock("the new passphrase"); err != nil {
		t.Fatal(err)
	}
	if ks, err := b.keys.ListKeys(); err != nil || len(ks) != 1 || ks[0].Name != "account" {
		t.Fatalf("keys %+v, %v", ks, err)
	}
}

// A secret is copied by Go, never handed to the page, and is taken off the
// clipboard when the window closes.
func TestCopyCredentialFieldFromGo(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	if err := a.vault.SetUpPassphrase("a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	c, err := a.creds.CreateCredential(credentials.Input{Name: "Admin", Kind: "password", Values: map[string]string{"username": "admin", "password": "s3cret-ü"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.creds.CopyCredentialField(c.ID, "password"); err != nil || a.win.clip != "s3cret-ü" {
		t.Fatalf("copy: %q, %v", a.win.clip, err)
	}
	if e := bridgeError(t, a.creds.CopyCredentialField(c.ID, "no such field")); e.Code == "" {
		t.Fatalf("an unknown field: %+v", e)
	}
	a.host.BeforeClose()
	if a.win.clip != "" {
		t.Fatalf("after the window closed the clipboard holds %q", a.win.clip)
	}
}

// A panic inside a bound call becomes an internal error for the page; nothing
// of the call (a passphrase among its arguments) is in what comes back, and
// the panic never reaches Wails, which would log the call with its arguments.
func TestAPanicInABoundCallIsAnInternalError(t *testing.T) {
	a := startedApp(t, filepath.Join(t.TempDir(), "data"))
	c, _ := a.host.opened()
	c.Keys = nil // every key operation that reaches the store now panics on a nil service
	_, err := a.keys.ImportKey("name", "", readPEM(t), "the secret passphrase")
	if e := bridgeError(t, err); e.Code != apperr.CodeInternal || strings.Contains(FormatError(err).(string), "secret") {
		t.Fatalf("%v", err)
	}
}
