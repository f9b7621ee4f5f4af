package cli_test

// These tests run the built acmedesk binary (the same one that opens the
// window), over a temporary ACMEDESK_HOME with a passphrase vault, so no OS
// keychain is needed.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmetest"
	"acmedesk/backend/cas"
	"acmedesk/backend/cli"
	"acmedesk/backend/credentials"
	"acmedesk/backend/eab"
	"acmedesk/backend/eab/eabtest"
	"acmedesk/backend/importers"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// binary builds the app (go build -tags "webkit2_41 failpoints" from the
// repository root: failpoints lets a test kill it between two writes), which
// embeds frontend/dist: without it the test is skipped, except in CI.
func binary(t *testing.T) string {
	t.Helper()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	if _, err := os.Stat(filepath.Join(root, "frontend", "dist", "index.html")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("frontend/dist is missing: make build creates it before the tests")
		}
		t.Skip("frontend/dist is missing (make build creates it); CI must have it")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "acmedesk-cli-test-")
		if err != nil {
			buildErr = err.Error()
			return
		}
		binPath = filepath.Join(dir, "acmedesk")
		cmd := exec.Command("go", "build", "-tags", "webkit2_41 failpoints", "-o", binPath, ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = err.Error() + "\n" + string(out)
		}
	})
	if buildErr != "" {
		t.Fatalf("building acmedesk: %s", buildErr)
	}
	return binPath
}

type result struct {
	code           int
	stdout, stderr string
}

// home is one data folder the binary works on.
type home struct {
	t        *testing.T
	bin, dir string
	passFile string // the vault passphrase
}

func newHome(t *testing.T) *home {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data")}
	h.passFile = writeFile(t, "vault-pass", "correct horse battery staple\n")
	if r := h.run("", "vault", "init", "--passphrase-file", h.passFile); r.code != 0 {
		t.Fatalf("vault init: %+v", r)
	}
	return h
}

func (h *home) run(stdin string, args ...string) result {
	h.t.Helper()
	return h.runEnv(stdin, []string{cli.EnvVaultPassphraseFile + "=" + h.passFile}, args...)
}

func (h *home) runEnv(stdin string, env []string, args ...string) result {
	h.t.Helper()
	cmd := exec.CommandContext(h.t.Context(), h.bin, args...)
	cmd.Env = append(os.Environ(), "ACMEDESK_HOME="+h.dir, "DBUS_SESSION_BUS_ADDRESS=disabled:")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		h.t.Fatalf("running acmedesk %v: %v", args, err)
	}
	return r
}

func (h *home) ok(args ...string) string {
	h.t.Helper()
	r := h.run("", args...)
	if r.code != 0 {
		h.t.Fatalf("acmedesk %v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

func (h *home) want(code int, args ...string) result {
	h.t.Helper()
	r := h.run("", args...)
	if r.code != code {
		h.t.Fatalf("acmedesk %v: exit %d, want %d\n%s%s", args, r.code, code, r.stdout, r.stderr)
	}
	return r
}

func writeFile(t *testing.T, name, content string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func keysJSON(t *testing.T, h *home) []keys.Key {
	t.Helper()
	var list []keys.Key
	if err := json.Unmarshal([]byte(h.ok("keys", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

func TestHelpAndUsageErrors(t *testing.T) {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data")}
	for _, args := range [][]string{{"--help"}, {"help"}, {"keys", "--help"}, {"keys", "generate", "--help"}, {"accounts", "export", "-h"},
		{"backup", "--help"}, {"help", "restore"}} {
		r := h.want(0, args...)
		if !strings.Contains(r.stdout, "acmedesk") {
			t.Fatalf("%v: %q", args, r.stdout)
		}
	}
	for _, args := range [][]string{{"bogus"}, {"keys"}, {"keys", "bogus"}, {"keys", "generate"}, {"keys", "generate", "--name"},
		{"keys", "list", "--nope"}, {"keys", "import"}, {"accounts", "export", "x", "--format", "zip", "--out", "d"},
		{"keys", "export", "x"}, {"keys", "generate", "--name", "a", "--type", "dsa"}, {"--json"},
		{"help", "bogus"}, {"help", "keys", "bogus"}, {"completion", "tcsh"}} {
		if r := h.run("", args...); r.code != 2 || r.stderr == "" {
			t.Fatalf("%v: exit %d %q", args, r.code, r.stderr)
		}
	}
	// Help and usage errors are answered before the data folder is opened.
	if _, err := os.Stat(h.dir); err == nil {
		t.Fatal("help or a usage error created the data folder")
	}
}

func TestKeysCommands(t *testing.T) {
	h := newHome(t)
	if r := h.want(0, "keys", "generate", "--name", "Prod account", "--type", "ec256"); !strings.Contains(r.stdout, "Prod account") {
		t.Fatal(r.stdout)
	}
	h.ok("keys", "generate", "--name", "Default")
	fixture := filepath.Join("..", "keys", "testdata", "rsa2048-pkcs8-encrypted.pem")
	keyPass := writeFile(t, "key-pass", "fixture-passphrase\n")
	h.ok("keys", "import", fixture, "--name", "Imported", "--passphrase-file", keyPass)
	// The passphrase as one line of standard input, when there is no terminal.
	if r := h.run("fixture-passphrase\n", "keys", "import", filepath.Join("..", "keys", "testdata", "ec384-legacy-encrypted.pem"), "--name", "From stdin"); r.code != 0 {
		t.Fatalf("import with the passphrase on stdin: %+v", r)
	}
	if r := h.run("wrong passphrase\n", "keys", "import", filepath.Join("..", "keys", "testdata", "rsa2048-legacy-encrypted.pem"), "--name", "Bad"); r.code != 1 {
		t.Fatalf("wrong key passphrase: %+v", r)
	}

	list := keysJSON(t, h)
	got := map[string]keys.Algorithm{}
	for _, k := range list {
		got[k.Name] = k.Algorithm
		if k.AllowExport {
			t.Fatalf("export allowed by default: %+v", k)
		}
	}
	if len(list) != 4 || got["Prod account"] != keys.EC256 || got["Default"] != keys.EC384 || got["Imported"] != keys.RSA2048 || got["From stdin"] != keys.EC384 {
		t.Fatalf("keys: %+v", list)
	}
	human := h.ok("keys", "list")
	if !strings.Contains(human, "Imported") || strings.Contains(human, "PRIVATE") {
		t.Fatal(human)
	}

	// Export is refused without "Allow export", and nothing is written.
	out := filepath.Join(t.TempDir(), "key.pem")
	r := h.want(1, "keys", "export", "Imported", "--format", "pem", "--out", out)
	if !strings.Contains(r.stderr, "does not allow export") {
		t.Fatal(r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused export wrote a file")
	}
	if r := h.want(1, "keys", "export", "nobody", "--out", out); !strings.Contains(r.stderr, "No key") {
		t.Fatal(r.stderr)
	}

	// JSON errors for scripts.
	r = h.want(1, "keys", "export", "Imported", "--out", out, "--json")
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	if json.Unmarshal([]byte(r.stderr), &e) != nil || e.Error.Code != "forbidden" {
		t.Fatalf("json error: %q", r.stderr)
	}

	// A wrong vault passphrase leaves the vault locked: exit 3.
	bad := writeFile(t, "bad", "not the passphrase\n")
	if r := h.runEnv("", []string{cli.EnvVaultPassphraseFile + "=" + bad}, "keys", "generate", "--name", "x"); r.code != 3 || !strings.Contains(r.stderr, "Wrong vault passphrase") {
		t.Fatalf("wrong vault passphrase: %+v", r)
	}
	// Listing needs no secret.
	if r := h.runEnv("", []string{cli.EnvVaultPassphraseFile + "="}, "keys", "list"); r.code != 0 {
		t.Fatalf("list without the passphrase: %+v", r)
	}
}

// certbotFolder registers an account with the real certbot at pebble and returns its config folder.
func certbotFolder(t *testing.T, pebble *acmetest.Server) string {
	t.Helper()
	certbot := acmetest.NeedTool(t, "certbot", "apt-get install certbot")
	base := t.TempDir()
	config := filepath.Join(base, "letsencrypt")
	cmd := exec.CommandContext(t.Context(), certbot, "register", "--server", pebble.URL, "--agree-tos", "-m", "cli@example.com",
		"--non-interactive", "--config-dir", config, "--work-dir", filepath.Join(base, "work"), "--logs-dir", filepath.Join(base, "logs"))
	cmd.Env = append(os.Environ(), "REQUESTS_CA_BUNDLE="+pebble.RootFile(t))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("certbot register: %v\n%s", err, out)
	}
	return config
}

// addPebble files pebble as a custom CA (there is no command for CAs): through the store, with the window's code.
func (h *home) addPebble(pebble *acmetest.Server) {
	h.t.Helper()
	db, err := store.Open(filepath.Join(h.dir, store.FileName))
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	if _, err := cas.NewService(db).AddCustom(cas.CustomInput{Name: "Pebble", DirectoryURL: pebble.URL, RootPEM: string(pebble.RootPEM)}); err != nil {
		h.t.Fatal(err)
	}
}

// Killed between any two of its writes, accounts import leaves no key without
// its account: each account is stored in one transaction, or not at all.
func TestAccountsImportKilledAtEachWrite(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})
	config := certbotFolder(t, pebble)
	h := newHome(t)
	h.addPebble(pebble)
	for n := 1; ; n++ {
		r := h.runEnv("", []string{cli.EnvVaultPassphraseFile + "=" + h.passFile, store.EnvKillAtUpdate + "=" + strconv.Itoa(n)}, "accounts", "import", config)
		keysNow, accts := keysJSON(t, h), accountsJSON(t, h)
		if len(keysNow) != len(accts) {
			t.Fatalf("killed at write %d: %d keys, %d accounts (a key without its account)", n, len(keysNow), len(accts))
		}
		if r.code != -1 { // not killed: the import had fewer writes than n
			if r.code != 0 || len(accts) != 1 {
				t.Fatalf("import after %d kills: %+v, %d accounts", n-1, r, len(accts))
			}
			return
		}
		if n > 10 {
			t.Fatal("the import was killed ten times: it writes far more than it should")
		}
	}
}

func accountsJSON(t *testing.T, h *home) []struct{ ID, KeyID string } {
	t.Helper()
	var out []struct{ ID, KeyID string }
	if err := json.Unmarshal([]byte(h.ok("accounts", "list", "--json")), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A certbot folder made by the real certbot is imported through the command line.
func TestAccountsImportOfACertbotFolder(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})
	config := certbotFolder(t, pebble)
	h := newHome(t)
	h.addPebble(pebble)

	out := h.ok("accounts", "import", config)
	if !strings.Contains(out, "Found 1 account") || !strings.Contains(out, "Imported 1, skipped 0, failed 0") || strings.Contains(out, "\"n\"") {
		t.Fatal(out)
	}
	var accts []struct {
		ID, Name, KID, Status string
		Contacts              []string
	}
	if err := json.Unmarshal([]byte(h.ok("accounts", "list", "--json")), &accts); err != nil || len(accts) != 1 ||
		!strings.HasPrefix(accts[0].KID, strings.TrimSuffix(pebble.URL, acmetest.DirectoryPath)) {
		t.Fatalf("accounts: %+v %v", accts, err)
	}
	// Importing again merges: nothing new.
	if out := h.ok("accounts", "import", config); !strings.Contains(out, "Imported 0, skipped 1") {
		t.Fatal(out)
	}
	// Refresh asks Pebble: the contact certbot did not keep comes back.
	h.ok("accounts", "refresh", "--all")
	json.Unmarshal([]byte(h.ok("accounts", "list", "--json")), &accts)
	if strings.Join(accts[0].Contacts, ",") != "cli@example.com" || accts[0].Status != "valid" {
		t.Fatalf("after refresh: %+v", accts)
	}
	// The imported key does not allow export.
	if r := h.want(1, "accounts", "export", accts[0].ID, "--format", "certbot", "--out", t.TempDir()); !strings.Contains(r.stderr, "does not allow export") {
		t.Fatal(r.stderr)
	}
	if out := h.ok("credentials", "list"); !strings.Contains(out, "No credentials") {
		t.Fatal(out)
	}
}

func TestBackupAndRestoreIntoAFreshHome(t *testing.T) {
	h := newHome(t)
	h.ok("keys", "generate", "--name", "One", "--type", "ec256")
	h.ok("keys", "generate", "--name", "Two", "--type", "rsa2048")
	pass := writeFile(t, "backup-pass", "backup passphrase here\n")
	file := filepath.Join(t.TempDir(), "acmedesk.backup")
	h.ok("backup", file, "--passphrase-file", pass)
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", st, err)
	}
	if r := h.want(1, "backup", file, "--passphrase-file", pass); !strings.Contains(r.stderr, "already exists") {
		t.Fatal(r.stderr)
	}

	fresh := newHome(t)
	if r := fresh.want(1, "restore", file, "--passphrase-file", writeFile(t, "wrong", "wrong passphrase!!\n")); !strings.Contains(strings.ToLower(r.stderr), "passphrase") {
		t.Fatal(r.stderr)
	}
	if len(keysJSON(t, fresh)) != 0 {
		t.Fatal("a wrong passphrase restored something")
	}
	// The backup passphrase as one line of standard input.
	if r := fresh.run("backup passphrase here\n", "restore", file); r.code != 0 || !strings.Contains(r.stdout, "0 conflict") {
		t.Fatalf("restore: %+v", r)
	}
	a, b := keysJSON(t, h), keysJSON(t, fresh)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if len(a) != 2 || !bytes.Equal(ja, jb) {
		t.Fatalf("restored keys differ:\n%s\n%s", ja, jb)
	}
	// Again into a folder that is not empty: refused; merging finds everything identical.
	fresh.want(1, "restore", file, "--passphrase-file", pass)
	var plan struct {
		Add, Same, Conflicts []json.RawMessage
	}
	if err := json.Unmarshal([]byte(fresh.ok("restore", file, "--merge", "--passphrase-file", pass, "--json")), &plan); err != nil ||
		len(plan.Add) != 0 || len(plan.Conflicts) != 0 || len(plan.Same) == 0 {
		t.Fatalf("merge: %+v %v", plan, err)
	}

	// Key "One" renamed here since the backup (there is no rename command: with the window's code).
	one := b[0]
	if one.Name != "One" {
		one = b[1]
	}
	db, err := store.Open(filepath.Join(fresh.dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keys.NewService(db, vault.New(db, nil)).Update(one.ID, "One; $(touch pwned)", "", false); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := fresh.ok("restore", file, "--merge", "--dry-run", "--passphrase-file", pass)
	if !strings.Contains(out, "* conflict: keys "+one.ID+` "One": Renamed here to "One; $(touch pwned)" since the backup.`) ||
		!strings.Contains(out, "--take-backup") {
		t.Fatalf("dry run: %s", out)
	}
	if r := fresh.want(2, "restore", file, "--take-backup", "all", "--passphrase-file", pass); !strings.Contains(r.stderr, "--merge") {
		t.Fatalf("--take-backup without --merge: %+v", r)
	}
	if r := fresh.want(1, "restore", file, "--merge", "--take-backup", "not-an-id", "--passphrase-file", pass); !strings.Contains(r.stderr, "no record") {
		t.Fatalf("an unknown id: %+v", r)
	}
	out = fresh.ok("restore", file, "--merge", "--take-backup", "all", "--passphrase-file", pass)
	if !strings.Contains(out, "took the backup's version of 1;") || !strings.Contains(out, "replaced: keys "+one.ID+` "One"`) {
		t.Fatalf("take the backup's version: %s", out)
	}
	for _, k := range keysJSON(t, fresh) {
		if k.ID == one.ID && k.Name != "One" {
			t.Fatalf("after --take-backup the key is named %q", k.Name)
		}
	}
}

// A damaged database gets a clear message, exit 4 and no stack trace, and is
// left as it was; `recover` is the way out it names.
func TestDamagedDatabase(t *testing.T) {
	h := newHome(t)
	h.ok("keys", "generate", "--name", "before the damage", "--type", "ec256")
	backupFile := filepath.Join(t.TempDir(), "latest.backup")
	backupPass := writeFile(t, "backup-pass", "backup passphrase here\n")
	h.ok("backup", backupFile, "--passphrase-file", backupPass)
	path := filepath.Join(h.dir, store.FileName)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":        {},
		"truncated":    good[:len(good)/3],
		"zeroed pages": append(bytes.Clone(good[:2*4096]), make([]byte, len(good)-2*4096)...), // all but the metas
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"keys", "list"}, {"vault", "status"}, {"accounts", "list", "--json"}} {
				r := h.want(cli.ExitDamaged, args...)
				if !strings.Contains(r.stderr, "damaged") || !strings.Contains(r.stderr, "acmedesk recover BACKUP-FILE") ||
					strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
					t.Fatalf("%v: %s", args, r.stderr)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Fatal("the damaged file was changed")
			}
		})
	}

	// No keychain here: the new vault needs a passphrase, and nothing moves until it has one.
	if r := h.want(3, "recover", backupFile, "--passphrase-file", backupPass); !strings.Contains(r.stderr, "--new-vault-passphrase-file") {
		t.Fatalf("recover without a keychain: %+v", r)
	}
	damaged, _ := os.ReadFile(path)
	out := h.ok("recover", backupFile, "--passphrase-file", backupPass, "--new-vault-passphrase-file", h.passFile)
	if !strings.Contains(out, "Restored") || !strings.Contains(out, h.dir+".set-aside-") {
		t.Fatalf("recover: %s", out)
	}
	if ks := keysJSON(t, h); len(ks) != 1 || ks[0].Name != "before the damage" {
		t.Fatalf("keys after recover: %+v", ks)
	}
	aside, _ := filepath.Glob(h.dir + ".set-aside-*")
	if len(aside) != 1 {
		t.Fatalf("set aside: %v", aside)
	}
	if kept, _ := os.ReadFile(filepath.Join(aside[0], store.FileName)); !bytes.Equal(kept, damaged) {
		t.Fatal("the damaged database was not kept as it was")
	}
}

// While another process (the window) holds the data folder, a command says who and exits 3.
func TestDataFolderInUse(t *testing.T) {
	h := newHome(t)
	defer func(old string) { store.Holder = old }(store.Holder)
	store.Holder = "the ACME Desk window"
	db, err := store.Open(filepath.Join(h.dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	r := h.want(3, "keys", "list")
	want := fmt.Sprintf("in use by the ACME Desk window (process %d)", os.Getpid())
	if !strings.Contains(r.stderr, want) || time.Since(start) > 10*time.Second {
		t.Fatalf("in use: %q after %v", r.stderr, time.Since(start))
	}
	r = h.want(3, "accounts", "list", "--json")
	if !strings.Contains(r.stderr, "database_in_use") {
		t.Fatal(r.stderr)
	}
}

// Commands that only read share the data folder with other readers and write nothing.
func TestReadersShareAndWriteNothing(t *testing.T) {
	h := newHome(t)
	h.ok("keys", "generate", "--name", "k", "--type", "ec256")
	path := filepath.Join(h.dir, store.FileName)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	reader, err := store.OpenReadOnly(path) // another reader, holding the folder meanwhile
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, args := range [][]string{{"keys", "list"}, {"accounts", "list"}, {"credentials", "list"}, {"vault", "status"}} {
		h.ok(args...)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("reading commands changed the database file")
	}
	if _, err := os.Stat(path + ".holder"); err == nil {
		t.Fatal("a reader left a holder note")
	}
	h.want(3, "keys", "generate", "--name", "writer", "--type", "ec256") // a writer waits for readers, then says so

	// A data folder that does not exist yet: status and lists answer, and nothing is created.
	none := filepath.Join(t.TempDir(), "none")
	r := h.runEnv("", []string{"ACMEDESK_HOME=" + none}, "vault", "status")
	if r.code != 0 || !strings.Contains(r.stdout, "Vault: new") {
		t.Fatalf("vault status of no data: %+v", r)
	}
	if r := h.runEnv("", []string{"ACMEDESK_HOME=" + none}, "keys", "list"); r.code != 0 || !strings.Contains(r.stdout, "No keys") {
		t.Fatalf("keys list of no data: %+v", r)
	}
	if _, err := os.Stat(none); !os.IsNotExist(err) {
		t.Fatalf("reading created the data folder: %v", err)
	}
}

// register, export (account and key) and refresh through the command line,
// for an account created (as the window does) on a key that allows export.
func TestRegisterAndExport(t *testing.T) {
	h := newHome(t)
	pebble := acmetest.Start(t, acmetest.Options{})
	h.ok("keys", "generate", "--name", "Exportable", "--type", "ec256")
	key := keysJSON(t, h)[0]

	db, err := store.Open(filepath.Join(h.dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	v := vault.New(db, nil)
	ks, cs := keys.NewService(db, v), cas.NewService(db)
	if _, err := ks.Update(key.ID, key.Name, "", true); err != nil {
		t.Fatal(err)
	}
	ca, err := cs.AddCustom(cas.CustomInput{Name: "Pebble", DirectoryURL: pebble.URL, RootPEM: string(pebble.RootPEM)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := accounts.NewService(db, ks, cs, credentials.NewService(db, v)).Create(t.Context(),
		accounts.NewInput{Name: "Staging", CAID: ca.ID, KeyID: key.ID, Contacts: []string{"ops@example.com"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	h.want(1, "accounts", "register", "Staging") // Pebble has terms of service
	if out := h.ok("accounts", "register", "staging", "--agree-tos"); !strings.Contains(out, "Registered \"Staging\"") {
		t.Fatal(out)
	}
	if out := h.ok("accounts", "refresh", "Staging"); !strings.Contains(out, "Staging: valid") {
		t.Fatal(out)
	}
	dir := filepath.Join(t.TempDir(), ".lego")
	out := h.ok("accounts", "export", "Staging", "--format", "lego", "--out", dir)
	keyFile := filepath.Join(dir, "accounts", strings.ReplaceAll(strings.TrimPrefix(strings.TrimSuffix(pebble.URL, acmetest.DirectoryPath), "https://"), ":", "_"),
		"ops@example.com", "keys", "ops@example.com.key")
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 || strings.Contains(out, "PRIVATE KEY") {
		t.Fatalf("lego export: %v %v\n%s", st, err, out)
	}
	h.want(1, "accounts", "export", "Staging", "--format", "certbot", "--out", t.TempDir()) // EC key: certbot takes RSA only
	pemFile := filepath.Join(t.TempDir(), "k.pem")
	if out := h.ok("keys", "export", "Exportable", "--out", pemFile); strings.Contains(out, "PRIVATE KEY") {
		t.Fatal(out)
	}
	if raw, err := os.ReadFile(pemFile); err != nil || !strings.Contains(string(raw), "BEGIN PRIVATE KEY") {
		t.Fatalf("key file: %v", err)
	}

	// A deactivated account is not a failure of a scheduled refresh --all.
	db, err = store.Open(filepath.Join(h.dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	v = vault.New(db, nil)
	if err := v.Unlock("correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	ks, cs = keys.NewService(db, v), cas.NewService(db)
	svc := accounts.NewService(db, ks, cs, credentials.NewService(db, v))
	list, _ := svc.List()
	if _, err := svc.Deactivate(t.Context(), list[0].ID, "Staging"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if out := h.ok("accounts", "refresh", "--all"); !strings.Contains(out, "Staging: deactivated (not asked") {
		t.Fatal(out)
	}
	// The CA says the account is deactivated: verify records it, and it is not "valid".
	var verdict importers.Verification
	if r := h.want(1, "accounts", "verify", "Staging", "--json"); json.Unmarshal([]byte(r.stdout), &verdict) != nil || verdict.Verdict != importers.VerdictDeactivated {
		t.Fatalf("verify of a deactivated account: %+v", r)
	}
}

// onTerminal runs the binary with command line on a pseudo-terminal (script(1)),
// typed as its input; stdout holds everything the terminal showed.
func (h *home) onTerminal(typed, command string) result {
	h.t.Helper()
	script := acmetest.NeedTool(h.t, "script", "apt-get install bsdutils")
	cmd := exec.CommandContext(h.t.Context(), script, "-q", "-e", "-c", h.bin+" "+command, "/dev/null")
	cmd.Env = append(os.Environ(), "ACMEDESK_HOME="+h.dir, "DBUS_SESSION_BUS_ADDRESS=disabled:", cli.EnvVaultPassphraseFile+"="+h.passFile)
	cmd.Stdin = strings.NewReader(typed)
	out, err := cmd.CombinedOutput()
	r := result{stdout: string(out)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		h.t.Fatal(err)
	}
	return r
}

// On a terminal, a new backup passphrase is asked twice: a typo would make the backup unrecoverable.
func TestBackupPassphraseTwiceOnATerminal(t *testing.T) {
	h := newHome(t)
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.backup")
	if r := h.onTerminal("first passphrase one\nfirst passphrase 0ne\n", "backup "+typo); r.code != 1 || !strings.Contains(r.stdout, "differ") {
		t.Fatalf("two different passphrases: %+v", r)
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Fatal("a backup was written with mistyped passphrases")
	}
	good := filepath.Join(dir, "good.backup")
	if r := h.onTerminal("same passphrase twice\nsame passphrase twice\n", "backup "+good); r.code != 0 || !strings.Contains(r.stdout, "Repeat it") {
		t.Fatalf("the same passphrase twice: %+v", r)
	}
	if _, err := os.Stat(good); err != nil {
		t.Fatal(err)
	}
}

// A long operation says what it is doing on a terminal, then erases the line;
// with --json, or when standard error is not a terminal, it says nothing.
func TestWorkingLineOnATerminalOnly(t *testing.T) {
	h := newHome(t)
	if r := h.onTerminal("", "keys generate --name T --type ec256"); r.code != 0 ||
		!strings.Contains(r.stdout, "Generating the ECDSA P-256 key…\r\x1b[K") || !strings.Contains(r.stdout, "Generated") {
		t.Fatalf("on a terminal: %q", r.stdout)
	}
	if r := h.onTerminal("", "keys generate --name J --type ec256 --json"); r.code != 0 || strings.Contains(r.stdout, "Generating") {
		t.Fatalf("on a terminal with --json: %q", r.stdout)
	}
	if r := h.want(0, "keys", "generate", "--name", "N", "--type", "ec256"); r.stderr != "" {
		t.Fatalf("not on a terminal: %q", r.stderr)
	}
}

// Ctrl-C ends a command that waits for a passphrase (holding the data folder meanwhile).
func TestInterruptWhileWaitingForAPassphrase(t *testing.T) {
	h := newHome(t)
	file := filepath.Join(t.TempDir(), "b.backup")
	h.ok("backup", file, "--passphrase-file", h.passFile)
	cmd := exec.Command(h.bin, "restore", file, "--merge") // the backup passphrase comes from standard input
	cmd.Env = append(os.Environ(), "ACMEDESK_HOME="+h.dir, "DBUS_SESSION_BUS_ADDRESS=disabled:", cli.EnvVaultPassphraseFile+"="+h.passFile)
	stdin, err := cmd.StdinPipe() // kept open: the read blocks
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the data folder is held, the command is past its signal set-up and at the passphrase.
	note := filepath.Join(h.dir, store.FileName+".holder")
	for {
		if _, err := os.Stat(note); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != cli.ExitFailed || !strings.Contains(errOut.String(), "Cancelled") {
			t.Fatalf("after Ctrl-C: %v, %q", err, errOut.String())
		}
	case <-t.Context().Done():
		cmd.Process.Kill()
		t.Fatal("the command went on waiting after Ctrl-C")
	}
	if _, err := os.Stat(note); !os.IsNotExist(err) {
		t.Fatal("the interrupted command did not let go of the data folder")
	}
}

// A vault init that fails leaves no data folder behind.
func TestFailedVaultInitLeavesNothing(t *testing.T) {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data"), passFile: writeFile(t, "short", "short\n")}
	if r := h.run("", "vault", "init", "--passphrase-file", h.passFile); r.code == 0 || !strings.Contains(r.stderr, "at least") {
		t.Fatalf("vault init with a short passphrase: %+v", r)
	}
	if _, err := os.Stat(h.dir); !os.IsNotExist(err) {
		t.Fatalf("the failed vault init left %s: %v", h.dir, err)
	}
}

// Text from imported folders reaches the terminal escaped: a folder named
// with an escape sequence, a bell and a line break can neither drive the
// terminal nor fake a line of output.
func TestImportedTextIsEscapedOnTheTerminal(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})
	hostile := filepath.Join(t.TempDir(), "evil\x1b[2J\a\nImported 9, skipped 0\u202e")
	if out, err := exec.Command("cp", "-a", certbotFolder(t, pebble), hostile).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	h := newHome(t) // Pebble is not filed as a CA here: the account is skipped, with its reason
	r := h.run("", "accounts", "import", hostile)
	all := r.stdout + r.stderr
	if strings.ContainsAny(all, "\x1b\a\u202e") || strings.Contains(all, "\nImported 9") {
		t.Fatalf("raw control characters reached the terminal:\n%q", all)
	}
	if !strings.Contains(all, `evil\x1b[2J\a\nImported 9, skipped 0\u202e`) {
		t.Fatalf("the folder is not shown escaped:\n%s", all)
	}
}

// Inputs are regular files of bounded size: a device never ends and a named
// pipe blocks until a writer comes (holding the data folder meanwhile); each is
// refused at once, with what it is. A backup over its limit is refused before
// a byte of it is read.
func TestSpecialFilesAreRefusedWithoutBlocking(t *testing.T) {
	h := newHome(t)
	fifo := filepath.Join(t.TempDir(), "key.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(t.TempDir(), "huge.backup")
	if err := os.WriteFile(huge, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 300<<20); err != nil { // sparse: 300 MiB that take no space
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"keys", "import", "/dev/zero", "--name", "z"}, "a device"},
		{[]string{"keys", "import", fifo, "--name", "f"}, "a named pipe (FIFO)"},
		{[]string{"keys", "import", t.TempDir(), "--name", "d"}, "a folder"},
		{[]string{"keys", "import", filepath.Join(t.TempDir(), "missing.pem"), "--name", "m"}, "does not exist"},
		{[]string{"keys", "generate", "--name", "g", "--type", "ec256", "--vault-passphrase-file", "/dev/zero"}, "a device"},
		{[]string{"backup", filepath.Join(t.TempDir(), "b"), "--passphrase-file", fifo}, "a named pipe (FIFO)"},
		{[]string{"restore", huge, "--merge", "--passphrase-file", h.passFile}, "more than the 256 MiB"},
		{[]string{"restore", "/dev/zero", "--merge", "--passphrase-file", h.passFile}, "a device"},
	} {
		r := h.want(1, tc.args...)
		if !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "inside ACME Desk") {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}
	// A named pipe as account.key in a folder being imported is reported, and the scan goes on.
	pebble := acmetest.Start(t, acmetest.Options{})
	config := certbotFolder(t, pebble)
	keyFiles, _ := filepath.Glob(filepath.Join(config, "accounts", "*", "*", "*", "private_key.json"))
	if len(keyFiles) != 1 {
		t.Fatalf("certbot key files: %v", keyFiles)
	}
	os.Remove(keyFiles[0])
	if err := syscall.Mkfifo(keyFiles[0], 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("", "accounts", "import", config)
	if !strings.Contains(r.stdout+r.stderr, "named pipe") {
		t.Fatalf("import with a FIFO as the key: %+v", r)
	}
}

// ACMEDESK_HOME pointing at a file is said plainly, by every kind of command.
func TestDataFolderThatIsAFile(t *testing.T) {
	file := writeFile(t, "acmedesk", "not a folder")
	h := &home{t: t, bin: binary(t), dir: file}
	for _, args := range [][]string{{"keys", "list"}, {"keys", "generate", "--name", "x", "--type", "ec256"}, {"vault", "init", "--passphrase-file", writeFile(t, "p", "long enough passphrase\n")}} {
		r := h.run("", args...)
		if r.code == 0 || !strings.Contains(r.stderr, "is a file, not a folder") || strings.Contains(r.stderr, "Settings") {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
}

// commandPaths walks the command tree: every command the binary has, as its words after acmedesk.
func commandPaths(t *testing.T) [][]string {
	t.Helper()
	var out [][]string
	var walk func(c *cobra.Command, words []string)
	walk = func(c *cobra.Command, words []string) {
		out = append(out, words)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(words), sub.Name()))
		}
	}
	walk(cli.NewRoot(), nil)
	if len(out) < 20 {
		t.Fatalf("the command tree has only %d commands", len(out))
	}
	return out
}

// Every command answers --help the same way: on standard output, exit 0, with
// its usage line, its summary and the options every command takes.
func TestHelpOfEveryCommand(t *testing.T) {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data")}
	for _, words := range commandPaths(t) {
		cmd, _, err := cli.NewRoot().Find(words)
		if err != nil {
			t.Fatal(err)
		}
		if cmd.Short == "" {
			t.Errorf("%v has no summary", words)
		}
		r := h.want(0, append(words, "--help")...)
		path := strings.Join(append([]string{"acmedesk"}, words...), " ")
		if r.stderr != "" || !strings.Contains(r.stdout, "Usage:\n  "+path) || !strings.Contains(r.stdout, "--json") ||
			!strings.Contains(r.stdout, "--vault-passphrase-file") || ours(words) && !strings.HasPrefix(r.stdout, cmd.Short+"\n") {
			t.Errorf("%s --help:\n%s%s", path, r.stdout, r.stderr)
		}
		if help := h.want(0, append([]string{"help"}, words...)...); help.stdout != r.stdout {
			t.Errorf("acmedesk help %v differs from --help", words)
		}
	}
	if _, err := os.Stat(h.dir); err == nil {
		t.Fatal("help created the data folder")
	}
}

// ours says whether a command is ACME Desk's own, not one cobra brings (help, completion).
func ours(words []string) bool {
	return len(words) > 0 && words[0] != "help" && words[0] != "completion"
}

// acmedesk completion SHELL writes the shell's script; completing a flag with a fixed list offers that list.
func TestCompletionScripts(t *testing.T) {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data")}
	for shell, marker := range map[string]string{
		"bash":       "__start_acmedesk",
		"zsh":        "#compdef acmedesk",
		"fish":       "complete -c acmedesk",
		"powershell": "Register-ArgumentCompleter",
	} {
		if r := h.want(0, "completion", shell); !strings.Contains(r.stdout, marker) {
			t.Errorf("completion %s: no %q in\n%.300s", shell, marker, r.stdout)
		}
	}
	h.want(2, "completion", "tcsh")
	r := h.want(0, "__complete", "keys", "generate", "--type", "")
	for _, alg := range []string{"ec384", "ec256", "rsa2048", "rsa3072", "rsa4096"} {
		if !strings.Contains(r.stdout, alg+"\n") {
			t.Fatalf("completing --type: %q", r.stdout)
		}
	}
	if r := h.want(0, "__complete", "accounts", "export", "x", "--format", ""); !strings.Contains(r.stdout, "cert-manager\n") {
		t.Fatalf("completing --format: %q", r.stdout)
	}
}

// The hidden man command writes one page per command, from the same definitions as --help.
func TestManPages(t *testing.T) {
	h := &home{t: t, bin: binary(t), dir: filepath.Join(t.TempDir(), "data")}
	dir := filepath.Join(t.TempDir(), "man1")
	h.want(0, "man", dir)
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	want := map[string]bool{}
	for _, words := range commandPaths(t) {
		if cmd, _, _ := cli.NewRoot().Find(words); cmd.IsAvailableCommand() || len(words) == 0 {
			want[strings.Join(append([]string{"acmedesk"}, words...), "-")+".1"] = true
		}
	}
	if len(pages) != len(want) {
		t.Fatalf("%d pages for %d commands: %v", len(pages), len(want), pages)
	}
	for _, p := range pages {
		if !want[filepath.Base(p)] {
			t.Errorf("unexpected page %s", p)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "acmedesk-keys-generate.1"))
	if err != nil || !strings.Contains(string(page), "Generate a new account key.") || !strings.Contains(string(page), "ec384") {
		t.Fatalf("keys generate page: %v\n%s", err, page)
	}
	h.want(2, "man")
	if r := h.want(1, "man", writeFile(t, "a-file", "")); !strings.Contains(r.stderr, "Cannot create the folder") {
		t.Fatal(r.stderr)
	}
}

// legoFolder runs the real lego CLI at pebble (register and obtain a
// certificate: lego has no register-only command) and returns its .lego folder.
func legoFolder(t *testing.T, pebble *acmetest.Server, email string) string {
	t.Helper()
	lego := acmetest.BuildLegoCLI(t, filepath.Join("..", ".."))
	path := filepath.Join(t.TempDir(), ".lego")
	cmd := exec.CommandContext(t.Context(), lego, "--server", pebble.URL, "--email", email, "--accept-tos", "--key-type", "ec256",
		"--path", path, "--domains", "lego.test", "--http", "--http.port", acmetest.FreePort(t), "run")
	cmd.Env = append(os.Environ(), "LEGO_CA_CERTIFICATES="+pebble.RootFile(t))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lego run: %v\n%s", err, out)
	}
	return path
}

// accountURLInFile reads the account URL a tool wrote: certbot's regr.json ("uri"), lego's account.json (registration.uri).
func accountURLInFile(t *testing.T, pattern string) string {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) != 1 {
		t.Fatalf("%s: %v", pattern, files)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		URI          string `json:"uri"`
		Registration struct {
			URI string `json:"uri"`
		} `json:"registration"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return cmp.Or(f.URI, f.Registration.URI)
}

type importJSON struct {
	Found    importers.Preview `json:"found"`
	Result   importers.Result  `json:"result"`
	AddedCAs []cas.CA          `json:"addedCas"`
}

// verifyValid runs accounts verify on the only account and checks the CA knows it at wantURL.
func (h *home) verifyValid(wantURL string) {
	h.t.Helper()
	accts := accountsJSON(h.t, h)
	if len(accts) != 1 {
		h.t.Fatalf("%d accounts", len(accts))
	}
	var v importers.Verification
	if err := json.Unmarshal([]byte(h.ok("accounts", "verify", accts[0].ID, "--json")), &v); err != nil {
		h.t.Fatal(err)
	}
	if v.Verdict != importers.VerdictValid || v.KID != wantURL || wantURL == "" {
		h.t.Fatalf("verify: %+v, want valid at %s", v, wantURL)
	}
}

// The headless import of issue 10, with no window ever opened: folders made by
// the real certbot and the real lego at a Pebble that is not in the catalogue,
// into fresh data folders: the CA added (cas add, or --add-ca), the accounts
// imported, and the CA says each is valid, at the account URL the tool's own files hold.
func TestHeadlessImportAtAPrivateCA(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{AlwaysValid: true})
	root := pebble.RootFile(t)
	certbot := certbotFolder(t, pebble)
	certbotURL := accountURLInFile(t, filepath.Join(certbot, "accounts", "*", "*", "*", "regr.json"))
	lego := legoFolder(t, pebble, "lego@example.com")
	legoURL := accountURLInFile(t, filepath.Join(lego, "accounts", "*", "*", "account.json"))

	t.Run("certbot, cas add", func(t *testing.T) {
		h := newHome(t)
		// The CA is unknown: nothing is imported, that is a failure, and the reason is said.
		r := h.want(1, "accounts", "import", certbot)
		if !strings.Contains(r.stdout, "skipped: No certificate authority in ACME Desk has the directory "+pebble.URL) ||
			!strings.Contains(r.stderr, "None of the 1 account(s) found was imported") || !strings.Contains(r.stderr, "--add-ca") {
			t.Fatalf("unknown CA: %+v", r)
		}
		r = h.want(1, "accounts", "import", certbot, "--json")
		var got importJSON
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got.Result.Outcomes) != 1 ||
			got.Result.Outcomes[0].Action != importers.Skipped || !strings.Contains(got.Result.Outcomes[0].Reason, pebble.URL) {
			t.Fatalf("unknown CA, --json: %v %s", err, r.stdout)
		}
		if !strings.Contains(r.stderr, `"error":{`) {
			t.Fatalf("unknown CA, --json error: %s", r.stderr)
		}
		h.ok("cas", "add", "--name", "Pebble", "--directory", pebble.URL, "--root", root)
		if out := h.ok("accounts", "import", certbot); !strings.Contains(out, "Imported 1, skipped 0, failed 0") {
			t.Fatal(out)
		}
		h.verifyValid(certbotURL)
	})

	t.Run("certbot, --add-ca", func(t *testing.T) {
		h := newHome(t)
		h.want(2, "accounts", "import", certbot, "--root", root) // --root goes with --add-ca
		h.want(2, "accounts", "import", certbot, "--add-ca", "--ca", "Pebble")
		out := h.ok("accounts", "import", certbot, "--add-ca", "--root", root)
		if !strings.Contains(out, "Added CA \""+strings.TrimPrefix(strings.TrimSuffix(pebble.URL, acmetest.DirectoryPath), "https://")) ||
			!strings.Contains(out, "Imported 1") {
			t.Fatal(out)
		}
		h.verifyValid(certbotURL)
		// Again: the CA is known, nothing is added, and an account already stored is no failure.
		if out := h.ok("accounts", "import", certbot, "--add-ca"); strings.Contains(out, "Added CA") || !strings.Contains(out, "Imported 0, skipped 1") {
			t.Fatal(out)
		}
	})

	t.Run("lego, --add-ca --directory", func(t *testing.T) {
		h := newHome(t)
		host := strings.TrimPrefix(strings.TrimSuffix(pebble.URL, acmetest.DirectoryPath), "https://")
		// lego records only host and port: the directory URL must be given, on that host.
		if r := h.want(2, "accounts", "import", lego, "--add-ca", "--root", root); !strings.Contains(r.stderr, "--directory") {
			t.Fatal(r.stderr)
		}
		if r := h.want(2, "accounts", "import", lego, "--add-ca", "--directory", "https://elsewhere.example/dir"); !strings.Contains(r.stderr, "not on "+host) {
			t.Fatal(r.stderr)
		}
		if r := h.want(2, "accounts", "import", certbot, "--add-ca", "--directory", pebble.URL); !strings.Contains(r.stderr, "none of the accounts") {
			t.Fatal(r.stderr) // certbot records the whole directory URL
		}
		if cas := casJSON(t, h); len(cas) != len(casJSON(t, &home{t: t, bin: h.bin, dir: filepath.Join(t.TempDir(), "none")})) {
			t.Fatal("a refused import added a CA")
		}
		h.ok("accounts", "import", lego, "--add-ca", "--directory", pebble.URL, "--root", root)
		h.verifyValid(legoURL)
	})

	t.Run("lego, --ca among CAs on one host", func(t *testing.T) {
		h := newHome(t)
		h.ok("cas", "add", "--name", "Pebble", "--directory", pebble.URL, "--root", root)
		h.ok("cas", "add", "--name", "Pebble two", "--directory", pebble.BaseURL()+"/other/dir", "--root", root)
		// Two CAs on the host lego recorded: the import cannot choose.
		if r := h.want(1, "accounts", "import", lego); !strings.Contains(r.stdout, "choose the CA") {
			t.Fatal(r.stdout)
		}
		if r := h.want(1, "accounts", "import", lego, "--ca", "nope"); !strings.Contains(r.stderr, "No CA has the ID or name") {
			t.Fatal(r.stderr)
		}
		if r := h.want(1, "accounts", "import", lego, "--ca", "Let's Encrypt"); !strings.Contains(r.stdout, "not one this account can belong to") {
			t.Fatal(r.stdout)
		}
		h.ok("accounts", "import", lego, "--ca", "pebble")
		h.verifyValid(legoURL)
	})
}

func casJSON(t *testing.T, h *home) []cas.CA {
	t.Helper()
	var list []cas.CA
	if err := json.Unmarshal([]byte(h.ok("cas", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// cas list, show, add, edit, remove and refresh: each one's success, bad inputs and exit codes.
func TestCACommands(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})
	root := pebble.RootFile(t)
	h := newHome(t)
	builtIn := len(casJSON(t, h))
	if out := h.ok("cas", "list"); !strings.Contains(out, "Let's Encrypt") || !strings.Contains(out, "built-in") {
		t.Fatal(out)
	}

	var added cas.CA
	if err := json.Unmarshal([]byte(h.ok("cas", "add", "--name", "Pebble", "--directory", pebble.URL, "--root", root, "--environment", "Staging", "--json")), &added); err != nil ||
		added.DirectoryURL != pebble.URL || added.Environment != cas.Staging || len(added.Roots) != 1 || added.BuiltIn {
		t.Fatalf("cas add: %+v %v", added, err)
	}
	if list := casJSON(t, h); len(list) != builtIn+1 || list[builtIn].ID != added.ID {
		t.Fatalf("cas list after add: %+v", list)
	}
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{"cas", "add", "--directory", pebble.URL}, `"name"`},
		{2, []string{"cas", "add", "--name", "X", "--directory", pebble.URL, "--environment", "testing"}, "--environment must be one of production, staging"},
		{2, []string{"cas", "add", "extra", "--name", "X", "--directory", pebble.URL}, "accepts 0 arg"},
		{1, []string{"cas", "add", "--name", "X", "--directory", "http://ca.example/dir"}, "must start with https://"},
		{1, []string{"cas", "add", "--name", "pebble", "--directory", "https://ca.example/dir"}, "already exists"},
		{1, []string{"cas", "add", "--name", "X", "--directory", pebble.URL + "/"}, "already has this directory URL"},
		{1, []string{"cas", "add", "--name", "X", "--directory", "https://ca.example/dir", "--root", writeFile(t, "not.pem", "hello")}, "not a PEM certificate"},
		{1, []string{"cas", "add", "--name", "X", "--directory", "https://ca.example/dir", "--root", "/dev/zero"}, "a device"},
		{2, []string{"cas", "show"}, "accepts 1 arg"},
		{1, []string{"cas", "show", "nope"}, "No CA has the ID or name"},
		{1, []string{"cas", "edit", "letsencrypt", "--name", "Mine"}, "Built-in certificate authorities cannot be changed"},
		{2, []string{"cas", "edit", "Pebble", "--root", root, "--no-root"}, "none of the others can be"},
		{1, []string{"cas", "edit", "Pebble", "--directory", "ftp://x"}, "must start with https://"},
		{1, []string{"cas", "remove", "letsencrypt"}, "Built-in certificate authorities cannot be changed or deleted"},
		{1, []string{"cas", "remove", "nope"}, "No CA"},
		{1, []string{"cas", "refresh", "nope"}, "No CA"},
	} {
		if r := h.want(tc.code, tc.args...); !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}

	var shown cas.Details
	if err := json.Unmarshal([]byte(h.ok("cas", "show", "pebble", "--json")), &shown); err != nil || shown.ID != added.ID {
		t.Fatalf("cas show: %+v %v", shown, err)
	}
	if out := h.ok("cas", "show", added.ID); !strings.Contains(out, "trusts root") || !strings.Contains(out, pebble.URL) {
		t.Fatal(out)
	}

	// refresh asks the CA: over HTTPS it trusts through the stored root only.
	var dir cas.Directory
	if err := json.Unmarshal([]byte(h.ok("cas", "refresh", "Pebble", "--json")), &dir); err != nil || dir.NewAccount == "" || dir.Cached {
		t.Fatalf("cas refresh: %+v %v", dir, err)
	}
	if out := h.ok("cas", "refresh", "Pebble"); !strings.Contains(out, "terms of service") {
		t.Fatal(out)
	}
	h.ok("cas", "edit", "Pebble", "--no-root", "--name", "Pebble, untrusted", "--environment", "production")
	if r := h.want(1, "cas", "refresh", "Pebble, untrusted"); !strings.Contains(strings.ToLower(r.stderr), "certificate") {
		t.Fatal(r.stderr)
	}
	h.ok("cas", "edit", "Pebble, untrusted", "--root", root)
	h.ok("cas", "refresh", "Pebble, untrusted")
	if ca := casJSON(t, h)[builtIn]; ca.Name != "Pebble, untrusted" || ca.Environment != cas.Production || len(ca.Roots) != 1 || ca.ID != added.ID {
		t.Fatalf("after cas edit: %+v", ca)
	}

	// A CA an account uses can neither move nor be removed.
	certbot := certbotFolder(t, pebble)
	h.ok("accounts", "import", certbot)
	if r := h.want(1, "cas", "edit", added.ID, "--directory", "https://ca.example/dir"); !strings.Contains(r.stderr, "cannot change while") {
		t.Fatal(r.stderr)
	}
	if r := h.want(1, "cas", "remove", added.ID); !strings.Contains(r.stderr, "use") {
		t.Fatal(r.stderr)
	}
	if r := h.want(1, "keys", "delete", keysJSON(t, h)[0].ID); !strings.Contains(r.stderr, "use") {
		t.Fatal(r.stderr) // nor the key
	}
	h.ok("cas", "add", "--name", "Spare", "--directory", "https://spare.example/dir")
	if out := h.ok("cas", "remove", "spare"); !strings.Contains(out, `Deleted CA "Spare"`) {
		t.Fatal(out)
	}
	if len(casJSON(t, h)) != builtIn+1 {
		t.Fatal("cas remove left the CA")
	}

	// add-template fills a per-customer directory URL (HARICA's alias).
	var harica cas.CA
	if err := json.Unmarshal([]byte(h.ok("cas", "add-template", "harica", "my-alias", "--json")), &harica); err != nil ||
		harica.DirectoryURL != "https://acme.harica.gr/my-alias/directory" || harica.BasedOn != "harica" {
		t.Fatalf("add-template: %+v %v", harica, err)
	}
	h.want(1, "cas", "add-template", "harica", "../etc")
	h.want(1, "cas", "add-template", "letsencrypt", "x")
	h.want(2, "cas", "add-template", "harica")

	// verify: an unknown account, no account given.
	h.want(1, "accounts", "verify", "nobody")
	h.want(2, "accounts", "verify")
}

// keys show, rename, allow-export, deny-export and delete: success, bad inputs, exit codes.
func TestKeysShowRenameExportSwitchAndDelete(t *testing.T) {
	h := newHome(t)
	h.ok("keys", "generate", "--name", "One", "--type", "ec256", "--description", "first")
	h.ok("keys", "generate", "--name", "Two", "--type", "ec256")
	one := keysJSON(t, h)[0]

	var d keys.Details
	if err := json.Unmarshal([]byte(h.ok("keys", "show", "one", "--json")), &d); err != nil || d.ID != one.ID ||
		!strings.Contains(d.PublicKeyPEM, "PUBLIC KEY") || d.AlgorithmLabel == "" {
		t.Fatalf("keys show: %+v %v", d, err)
	}
	if out := h.ok("keys", "show", one.ID); !strings.Contains(out, one.FingerprintSHA256) || strings.Contains(out, "PRIVATE") {
		t.Fatal(out)
	}

	// Completion offers the stored names, for the first argument only, and for --key.
	if r := h.want(0, "__complete", "keys", "show", ""); !strings.Contains(r.stdout, "One\nTwo\n") {
		t.Fatalf("completing a key: %q", r.stdout)
	}
	if r := h.want(0, "__complete", "keys", "rename", "One", ""); strings.Contains(r.stdout, "Two") {
		t.Fatalf("completing the new name: %q", r.stdout)
	}
	if r := h.want(0, "__complete", "accounts", "rollover", "x", "--key", ""); !strings.Contains(r.stdout, "One\nTwo\n") {
		t.Fatalf("completing --key: %q", r.stdout)
	}
	if out := h.ok("keys", "rename", "One", "Uno"); !strings.Contains(out, `Renamed "One" to "Uno"`) {
		t.Fatal(out)
	}
	h.ok("keys", "allow-export", "uno")
	if k := keysJSON(t, h)[0]; k.Name != "Uno" || k.Description != "first" || !k.AllowExport {
		t.Fatalf("after rename and allow-export: %+v", k)
	}
	h.ok("keys", "rename", "Uno", "Uno", "--description", "")
	h.ok("keys", "deny-export", one.ID)
	if k := keysJSON(t, h)[0]; k.Description != "" || k.AllowExport {
		t.Fatalf("after deny-export: %+v", k)
	}

	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{"keys", "show"}, "accepts 1 arg"},
		{2, []string{"keys", "rename", "Uno"}, "accepts 2 arg"},
		{1, []string{"keys", "rename", "Uno", "two"}, "already"},
		{1, []string{"keys", "rename", "Uno", "  "}, "name"},
		{1, []string{"keys", "rename", "nobody", "x"}, "No key"},
		{1, []string{"keys", "allow-export", "nobody"}, "No key"},
		{2, []string{"keys", "deny-export"}, "accepts 1 arg"},
		{1, []string{"keys", "delete", "nobody"}, "No key"},
		{1, []string{"keys", "show", "nobody"}, "No key"},
	} {
		if r := h.want(tc.code, tc.args...); !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}

	if out := h.ok("keys", "delete", "Two"); !strings.Contains(out, `Deleted key "Two"`) {
		t.Fatal(out)
	}
	if list := keysJSON(t, h); len(list) != 1 || list[0].ID != one.ID {
		t.Fatalf("after delete: %+v", list)
	}
}

// accounts create, register, rename, contact, caa, rollover, remove, find-by-key
// and deactivate at Pebble: each one's success, bad inputs and exit codes.
func TestAccountLifecycle(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})
	h := newHome(t)
	h.ok("cas", "add", "--name", "Pebble", "--directory", pebble.URL, "--root", pebble.RootFile(t))
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{"accounts", "create", "--ca", "Pebble"}, `"name"`},
		{1, []string{"accounts", "create", "--name", "A", "--ca", "nope"}, "No CA"},
		{1, []string{"accounts", "create", "--name", "A", "--ca", "Pebble", "--key", "nope"}, "No key"},
		{1, []string{"accounts", "create", "--name", "A", "--ca", "Pebble", "--contact", "not an address"}, "not an e-mail address"},
		{2, []string{"accounts", "create", "--name", "A", "--ca", "Pebble", "--eab-key-id", "kid"}, "eab-hmac-file"},
		{1, []string{"accounts", "create", "--name", "A", "--ca", "Pebble", "--eab-credential", "nope"}, "No credential"},
		{2, []string{"accounts", "contact", "x"}, `"contact"`},
		{2, []string{"accounts", "deactivate", "x"}, `"confirm"`},
		{2, []string{"accounts", "find-by-key", "--ca", "Pebble"}, `"key"`},
		{2, []string{"accounts", "rename", "x"}, "accepts 2 arg"},
		{1, []string{"accounts", "caa", "nobody"}, "No account"},
		{1, []string{"accounts", "remove", "nobody"}, "No account"},
	} {
		if r := h.want(tc.code, tc.args...); !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}

	var a accounts.Account
	if err := json.Unmarshal([]byte(h.ok("accounts", "create", "--name", "Ops", "--ca", "pebble", "--contact", "ops@example.com", "--json")), &a); err != nil ||
		a.Status != accounts.StatusUnregistered || a.KeyID == "" || strings.Join(a.Contacts, ",") != "ops@example.com" {
		t.Fatalf("create: %+v %v", a, err)
	}
	if r := h.want(1, "accounts", "caa", "Ops"); !strings.Contains(r.stderr, "register") {
		t.Fatalf("caa of an unregistered account: %s", r.stderr)
	}
	h.want(1, "accounts", "contact", "Ops", "--contact", "new@example.com") // not registered yet
	h.ok("accounts", "register", "Ops", "--agree-tos")
	h.ok("accounts", "rename", "Ops", "Operations", "--description", "the team's")
	if out := h.ok("accounts", "contact", "operations", "--contact", "a@example.com", "--contact", "b@example.com"); !strings.Contains(out, "a@example.com,b@example.com") {
		t.Fatal(out)
	}
	if r := h.want(1, "accounts", "contact", "Operations", "--contact", "no-at-sign"); !strings.Contains(r.stderr, "e-mail") {
		t.Fatal(r.stderr)
	}
	var caa accounts.CAARecord
	if err := json.Unmarshal([]byte(h.ok("accounts", "caa", "Operations", "--json")), &caa); err != nil || !strings.Contains(caa.Value, "accounturi=") {
		t.Fatalf("caa: %+v %v", caa, err)
	}

	// rollover to a stored key, then to a generated one; the old keys stay.
	h.ok("keys", "generate", "--name", "Next", "--type", "ec256")
	if r := h.want(1, "accounts", "rollover", "Operations", "--key", "nope"); !strings.Contains(r.stderr, "No key") {
		t.Fatal(r.stderr)
	}
	var rolled accounts.Account
	if err := json.Unmarshal([]byte(h.ok("accounts", "rollover", "Operations", "--key", "Next", "--json")), &rolled); err != nil || rolled.KeyID == a.KeyID {
		t.Fatalf("rollover: %+v %v", rolled, err)
	}
	h.ok("accounts", "rollover", "Operations")
	if n := len(keysJSON(t, h)); n != 3 {
		t.Fatalf("%d keys after two rollovers", n)
	}
	var list []accounts.Account
	json.Unmarshal([]byte(h.ok("accounts", "list", "--json")), &list)
	current, kid := list[0].KeyID, list[0].KID

	// Forgotten here, found again at the CA by its key.
	h.ok("accounts", "remove", "Operations")
	if accts := accountsJSON(t, h); len(accts) != 0 {
		t.Fatalf("after remove: %+v", accts)
	}
	if r := h.want(1, "accounts", "find-by-key", "--key", "Next", "--ca", "Pebble"); r.stderr == "" {
		t.Fatal("find-by-key found an account for a key the CA no longer has")
	}
	var found accounts.Account
	if err := json.Unmarshal([]byte(h.ok("accounts", "find-by-key", "--key", current, "--ca", "Pebble", "--name", "Found", "--json")), &found); err != nil ||
		found.KID != kid || found.Name != "Found" {
		t.Fatalf("find-by-key: %+v %v, want %s", found, err, kid)
	}

	if r := h.want(1, "accounts", "deactivate", "Found", "--confirm", "found"); !strings.Contains(r.stderr, "does not match") {
		t.Fatal(r.stderr)
	}
	if out := h.ok("accounts", "deactivate", "Found", "--confirm", "Found"); !strings.Contains(out, "eactivated") {
		t.Fatal(out)
	}
	h.want(1, "accounts", "rollover", "Found") // a deactivated account cannot act
}

// credentials kinds, add, show, where-used, reveal, rotate, check and remove:
// each one's success, bad inputs and exit codes. Secret values come from files
// or standard input only, and never reach the terminal.
func TestCredentialCommands(t *testing.T) {
	h := newHome(t)
	if out := h.ok("credentials", "kinds"); !strings.Contains(out, "dns:cloudflare") || !strings.Contains(out, "eab") {
		t.Fatal(out)
	}
	if out := h.ok("credentials", "kinds", "password"); !strings.Contains(out, "password  Password (secret: --secret-file)") {
		t.Fatal(out)
	}
	h.want(1, "credentials", "kinds", "nope")

	const password = "s3cret-Pa55word"
	secretFile := writeFile(t, "pw", password+"\n")
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{"credentials", "add", "--kind", "password"}, `"name"`},
		{2, []string{"credentials", "add", "--name", "DB", "--kind", "password", "--field", "password=" + password}, "password is secret"},
		{2, []string{"credentials", "add", "--name", "DB", "--kind", "password", "--field", "username"}, "NAME=VALUE"},
		{2, []string{"credentials", "add", "--name", "DB", "--kind", "password", "--secret-file", "password"}, "NAME=FILE"},
		{2, []string{"credentials", "add", "--name", "DB", "--kind", "token_pair", "--secret-file", "secret=-", "--secret-file", "id=-"}, "standard input holds one value"},
		{1, []string{"credentials", "add", "--name", "DB", "--kind", "api_token", "--secret-file", "token=-"}, "No value for token was given"},
		{1, []string{"credentials", "add", "--name", "DB", "--kind", "nope"}, "no kind of credential"},
		{1, []string{"credentials", "add", "--name", "DB", "--kind", "password", "--field", "colour=blue"}, "colour"},
		{1, []string{"credentials", "add", "--name", "DB", "--kind", "password", "--secret-file", "password=/dev/zero"}, "a device"},
	} {
		if r := h.want(tc.code, tc.args...); !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}
	if n := len(credentialsJSON(t, h)); n != 0 {
		t.Fatalf("refused adds stored %d credentials", n)
	}

	out := h.ok("credentials", "add", "--name", "DB", "--kind", "password", "--tag", "team-a", "--field", "username=admin", "--secret-file", "password="+secretFile)
	if !strings.Contains(out, "secrets set: password") || strings.Contains(out, password) {
		t.Fatal(out)
	}
	// A secret as one line of standard input.
	if r := h.run("cf-token-value\n", "credentials", "add", "--name", "CF", "--kind", "dns:cloudflare", "--secret-file", "CF_DNS_API_TOKEN=-"); r.code != 0 {
		t.Fatalf("add with a secret on stdin: %+v", r)
	}
	hmac := writeFile(t, "hmac", "c2VjcmV0LWhtYWMta2V5LXZhbHVlLWZvci10ZXN0cw\n")
	h.ok("credentials", "add", "--name", "Old EAB", "--kind", "eab", "--field", "ca_id=zerossl", "--field", "key_id=kid-1",
		"--field", "expires_at=2020-01-01", "--secret-file", "hmac_key="+hmac)
	h.ok("credentials", "add", "--name", "EAB", "--kind", "eab", "--field", "ca_id=zerossl", "--field", "key_id=kid-2", "--secret-file", "hmac_key="+hmac)
	if list := credentialsJSON(t, h); len(list) != 4 {
		t.Fatalf("credentials: %+v", list)
	}
	if out := h.ok("credentials", "list", "--tag", "TEAM-A"); !strings.Contains(out, "DB") || strings.Contains(out, "CF") {
		t.Fatal(out)
	}

	var d credentials.Details
	if err := json.Unmarshal([]byte(h.ok("credentials", "show", "db", "--json")), &d); err != nil || d.Fields["username"] != "admin" ||
		strings.Join(d.SecretsSet, ",") != "password" {
		t.Fatalf("show: %+v %v", d, err)
	}
	if out := h.ok("credentials", "show", "DB"); !strings.Contains(out, "password = (secret, set)") || strings.Contains(out, password) {
		t.Fatal(out)
	}
	if out := h.ok("credentials", "where-used", "DB"); !strings.Contains(out, "Nothing uses") {
		t.Fatal(out)
	}

	revealed := filepath.Join(t.TempDir(), "pw.txt")
	if out := h.ok("credentials", "reveal", "DB", "password", "--out", revealed); strings.Contains(out, password) {
		t.Fatal(out)
	}
	if raw, err := os.ReadFile(revealed); err != nil || string(raw) != password+"\n" {
		t.Fatalf("revealed: %q %v", raw, err)
	}
	if st, _ := os.Stat(revealed); st.Mode().Perm() != 0o600 {
		t.Fatalf("revealed file mode %v", st.Mode())
	}
	if r := h.want(1, "credentials", "reveal", "DB", "password", "--out", revealed); !strings.Contains(r.stderr, "already exists") {
		t.Fatal(r.stderr)
	}
	h.want(2, "credentials", "reveal", "DB", "password")
	h.want(1, "credentials", "reveal", "DB", "nofield", "--out", filepath.Join(t.TempDir(), "x"))

	h.ok("credentials", "rotate", "DB", "--secret-file", "password="+writeFile(t, "pw2", "n3w-Pa55word\n"))
	again := filepath.Join(t.TempDir(), "pw2.txt")
	h.ok("credentials", "reveal", "DB", "password", "--out", again)
	if raw, _ := os.ReadFile(again); string(raw) != "n3w-Pa55word\n" {
		t.Fatalf("after rotate: %q", raw)
	}
	h.want(2, "credentials", "rotate", "DB", "--field", "password=plain")

	h.ok("credentials", "check", "CF")
	h.ok("credentials", "check", "EAB")
	if r := h.want(1, "credentials", "check", "Old EAB"); !strings.Contains(r.stderr, "expired") {
		t.Fatal(r.stderr)
	}
	if r := h.want(1, "credentials", "check", "DB"); !strings.Contains(r.stderr, "Nothing to check") {
		t.Fatal(r.stderr)
	}
	h.want(1, "credentials", "check", "nope")

	// An account made with a stored EAB credential, and one with a typed-in EAB key (from a file): both use a credential.
	h.ok("accounts", "create", "--name", "Z", "--ca", "zerossl", "--eab-credential", "EAB")
	h.ok("accounts", "create", "--name", "Z2", "--ca", "zerossl", "--eab-key-id", "kid-3", "--eab-hmac-file", hmac)
	if out := h.ok("credentials", "where-used", "EAB"); !strings.Contains(out, "used by account Z") {
		t.Fatal(out)
	}
	if r := h.want(1, "credentials", "remove", "EAB"); !strings.Contains(r.stderr, "Z") {
		t.Fatal(r.stderr)
	}
	if out := h.ok("credentials", "list"); !strings.Contains(out, "Z2 EAB") {
		t.Fatal(out)
	}
	// use-eab points an account at another stored EAB credential.
	h.ok("accounts", "use-eab", "Z", "Z2 EAB")
	if out := h.ok("credentials", "where-used", "EAB"); !strings.Contains(out, "Nothing uses") {
		t.Fatal(out)
	}
	if r := h.want(1, "accounts", "use-eab", "Z", "DB"); !strings.Contains(r.stderr, "not an EAB credential") {
		t.Fatal(r.stderr)
	}
	h.want(1, "accounts", "use-eab", "Z", "nope")
	h.want(2, "accounts", "use-eab", "Z")

	// edit changes what is given, and nothing secret.
	h.ok("credentials", "edit", "DB", "--name", "Database", "--tag", "team-b", "--field", "username=root")
	if err := json.Unmarshal([]byte(h.ok("credentials", "show", "Database", "--json")), &d); err != nil ||
		d.Fields["username"] != "root" || strings.Join(d.Tags, ",") != "team-b" || strings.Join(d.SecretsSet, ",") != "password" {
		t.Fatalf("after edit: %+v %v", d, err)
	}
	h.ok("credentials", "edit", "Database", "--no-tags")
	h.want(2, "credentials", "edit", "Database", "--field", "password=plain")
	h.want(2, "credentials", "edit", "Database", "--tag", "x", "--no-tags")
	h.want(1, "credentials", "edit", "Database", "--name", "EAB")
	h.want(1, "credentials", "edit", "nope", "--name", "x")

	h.ok("credentials", "remove", "Old EAB")
	h.want(1, "credentials", "remove", "Old EAB")
	if n := len(credentialsJSON(t, h)); n != 4 {
		t.Fatalf("%d credentials after remove", n)
	}
}

func credentialsJSON(t *testing.T, h *home) []credentials.Listed {
	t.Helper()
	var list []credentials.Listed
	if err := json.Unmarshal([]byte(h.ok("credentials", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// trustFakes returns the environment that makes the built binary trust
// httptest's certificate (the EAB API fakes'), and only it, as the system's roots.
func trustFakes(t *testing.T) string {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	srv.Close()
	return "SSL_CERT_FILE=" + writeFile(t, "fakes.pem", string(cert))
}

// eab digicert … and eab zerossl … against the faithful fakes of those APIs:
// each one's success, bad inputs and exit codes.
func TestEABCommands(t *testing.T) {
	dc := eabtest.NewDigiCert(t)
	dc.AddContract(77, "sub-key", "")
	oldID := dc.AddCredential(77, "kid-0001-abcd", "aG1hYy1vbGQ", time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC))
	zs := eabtest.NewZeroSSL(t)
	zs.AccessKeys["zs-access"] = true
	h := newHome(t)
	env := []string{cli.EnvVaultPassphraseFile + "=" + h.passFile, trustFakes(t)}
	run := func(code int, args ...string) result {
		t.Helper()
		r := h.runEnv("", env, args...)
		if r.code != code {
			t.Fatalf("acmedesk %v: exit %d, want %d\n%s%s", args, r.code, code, r.stdout, r.stderr)
		}
		return r
	}
	h.ok("credentials", "add", "--name", "DC", "--kind", "digicert_partner_key", "--field", "acme_contract_id=77",
		"--field", "api_base_url="+dc.URL, "--secret-file", "api_key="+writeFile(t, "dc-key", "sub-key\n"))
	h.ok("credentials", "add", "--name", "Old", "--kind", "eab", "--field", "ca_id=digicert", "--field", "key_id=kid-0001-abcd",
		"--secret-file", "hmac_key="+writeFile(t, "old-hmac", "c2VjcmV0LWhtYWMta2V5LXZhbHVlLWZvci10ZXN0cw\n"))

	var listed []eab.ListedCredential
	if err := json.Unmarshal([]byte(run(0, "eab", "digicert", "list", "DC", "--json").stdout), &listed); err != nil ||
		len(listed) != 1 || listed[0].CredentialID != oldID || listed[0].StoredName != "Old" {
		t.Fatalf("list: %+v %v", listed, err)
	}
	if out := run(0, "eab", "digicert", "list", "DC").stdout; !strings.Contains(out, "…abcd") || !strings.Contains(out, "Old") {
		t.Fatal(out)
	}

	var plan eab.Plan
	if err := json.Unmarshal([]byte(run(0, "eab", "digicert", "plan-rotation", "DC", "Old", "--json").stdout), &plan); err != nil ||
		plan.ContractID != 77 || plan.OldDigiCertCredentialID != oldID || len(plan.Steps) == 0 {
		t.Fatalf("plan: %+v %v", plan, err)
	}
	var fresh credentials.Credential
	if err := json.Unmarshal([]byte(run(0, "eab", "digicert", "rotate-regenerate", "DC", "Old", "--json").stdout), &fresh); err != nil ||
		fresh.Kind != credentials.KindEAB || !slices.Contains(fresh.SecretsSet, credentials.EABHMACKey) {
		t.Fatalf("rotate-regenerate: %+v %v", fresh, err)
	}
	if out := run(0, "eab", "digicert", "rotate-repoint", "Old", fresh.ID).stdout; !strings.Contains(out, "No account uses") {
		t.Fatal(out)
	}
	run(0, "eab", "digicert", "revoke", "DC", strconv.FormatInt(oldID, 10))
	if out := run(0, "eab", "digicert", "regenerate", "DC").stdout; !strings.Contains(out, "Stored the new EAB credential") || strings.Contains(out, "hmac") {
		t.Fatal(out)
	}
	run(0, "eab", "digicert", "revoke-all", "DC", "--yes")
	for _, c := range dc.Credentials(77) {
		if c.Status != "revoked" {
			t.Fatalf("after revoke-all: %+v", dc.Credentials(77))
		}
	}

	h.ok("credentials", "add", "--name", "ZS", "--kind", "zerossl_access_key", "--field", "api_base_url="+zs.URL,
		"--secret-file", "access_key="+writeFile(t, "zs-key", "zs-access\n"))
	if out := run(0, "eab", "zerossl", "from-access-key", "ZS").stdout; !strings.Contains(out, "ZeroSSL EAB") {
		t.Fatal(out)
	}

	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{1, []string{"eab", "digicert", "list", "Old"}, "not a DigiCert Partner Subscriptions API key"},
		{1, []string{"eab", "digicert", "list", "nope"}, "No credential"},
		{2, []string{"eab", "digicert", "revoke", "DC", "abc"}, "DIGICERT-ID"},
		{2, []string{"eab", "digicert", "revoke-all", "DC"}, `"yes"`},
		{1, []string{"eab", "digicert", "plan-rotation", "DC", "DC"}, "not an EAB credential"},
		{2, []string{"eab", "digicert", "rotate-repoint", "Old"}, "accepts 2 arg"},
		{1, []string{"eab", "zerossl", "from-access-key", "DC"}, "not a ZeroSSL API access key"},
		{1, []string{"eab", "zerossl", "from-email", "not an address"}, "not an email address"},
		{2, []string{"eab", "zerossl"}, "which command"},
	} {
		if r := run(tc.code, tc.args...); !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %s", tc.args, r.stderr)
		}
	}
	// A key DigiCert refuses: the API's answer, exit 1.
	h.ok("credentials", "rotate", "DC", "--secret-file", "api_key="+writeFile(t, "bad-key", "wrong-key\n"))
	if r := run(1, "eab", "digicert", "list", "DC"); r.stderr == "" || strings.Contains(r.stderr, "wrong-key") {
		t.Fatal(r.stderr)
	}
}
