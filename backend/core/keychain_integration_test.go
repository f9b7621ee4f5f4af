//go:build keychain

// These tests use the real OS keychain (Secret Service under CI, through
// scripts/with-keychain.sh). Run: make test, or
// scripts/with-keychain.sh go test -tags keychain ./backend/core/
package core

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"

	"acmedesk/backend/backup"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func openWithSystemKeychain(t *testing.T, dir string) *Core {
	t.Helper()
	c, err := Open(dir, vault.SystemKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Vault.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.KeychainProblem != "" {
		c.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must run against a real keychain: %s (%s)", st.KeychainProblem, st.KeychainDetail)
		}
		t.Skipf("no OS keychain here: %s", st.KeychainDetail)
	}
	return c
}

func fixture(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "keys", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// secretForms returns every byte string that would betray key in a file:
// its DER encodings and its private scalar(s).
func secretForms(t *testing.T, key any) [][]byte {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	forms := [][]byte{der, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})[28:80]}
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		d, _ := k.Bytes()
		forms = append(forms, d)
	case *rsa.PrivateKey:
		forms = append(forms, x509.MarshalPKCS1PrivateKey(k), k.D.Bytes(), k.Primes[0].Bytes(), k.Primes[1].Bytes())
	}
	return forms
}

func TestKeychainVaultEndToEnd(t *testing.T) {
	dir := t.TempDir()
	c := openWithSystemKeychain(t, dir)
	st, _ := c.Vault.Status()
	if st.State != vault.StateUnlocked || st.Protection != vault.ProtectionKeychain {
		t.Fatalf("first run with a keychain: %+v", st)
	}

	var stored []*keys.Key
	for _, alg := range []keys.Algorithm{keys.EC384, keys.RSA2048} {
		k, err := c.Keys.Generate(context.Background(), "generated "+string(alg), "", alg)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, k)
	}
	for _, in := range []struct{ file, pass string }{
		{"rsa2048-pkcs1.pem", ""}, {"ec384-pkcs8-encrypted-sha1.pem", "fixture-passphrase"}, {"ec256-sec1-with-params.pem", ""},
	} {
		k, err := c.Keys.Import(in.file, "", fixture(t, in.file), in.pass)
		if err != nil {
			t.Fatal(in.file, err)
		}
		stored = append(stored, k)
	}
	var secrets [][]byte
	for _, k := range stored {
		signer, err := c.Keys.Signer(k.ID)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, secretForms(t, signer)...)
	}
	secrets = append(secrets, []byte("fixture-passphrase"))
	secrets = append(secrets, vaultKeyForms(t, c)...)
	c.Close()

	raw, err := os.ReadFile(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range secrets {
		if bytes.Contains(raw, s) {
			t.Fatalf("the database file holds secret form #%d in plaintext", i)
		}
	}

	// A new process finds the vault key in the keychain without asking.
	again := openWithSystemKeychain(t, dir)
	defer again.Close()
	if st, _ := again.Vault.Status(); st.State != vault.StateUnlocked {
		t.Fatalf("reopen: %+v", st)
	}
	for _, k := range stored {
		if _, err := again.Keys.Signer(k.ID); err != nil {
			t.Fatalf("key %s unreadable after reopen: %v", k.Name, err)
		}
	}
}

// vaultKeyForms reads the vault key from the keychain, as the forms it would
// take in a file: raw, and base64 as the keychain keeps it.
func vaultKeyForms(t *testing.T, c *Core) [][]byte {
	t.Helper()
	var m struct {
		ID string `json:"id"`
	}
	if err := c.DB.View(func(tx *store.Tx) error { _, err := tx.Get(store.Meta, "vault", &m); return err }); err != nil || m.ID == "" {
		t.Fatalf("vault meta: %+v, %v", m, err)
	}
	encoded, err := keyring.Get("ACME Desk", "vault-key/"+m.ID)
	if err != nil {
		t.Fatal(err)
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || len(key) != 32 {
		t.Fatalf("the keychain holds %d bytes (%v)", len(key), err)
	}
	return [][]byte{key, []byte(encoded), []byte(base64.RawURLEncoding.EncodeToString(key)), []byte(hex.EncodeToString(key))}
}

// A data folder whose key is gone from a keychain that works says so, and a
// backup restored into a new folder gets a new key in the same keychain.
func TestKeychainKeyMissingWayOut(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "acmedesk")
	c := openWithSystemKeychain(t, dataDir)
	if _, err := c.Keys.Generate(context.Background(), "Prod key", "", keys.EC256); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := backup.Write(c.DB, c.Vault, &file, "the backup passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := c.Vault.Forget(); err != nil { // as a keyring reset would
		t.Fatal(err)
	}
	c.Close()

	c, err := Open(dataDir, vault.SystemKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := c.Vault.Status()
	if st.State != vault.StateLocked || !st.KeyMissing {
		t.Fatalf("a folder whose key is gone: %+v", st)
	}
	c.Close()

	got, err := RestoreIntoNewFolder(dataDir, vault.SystemKeychain{}, &file, Recovery{BackupPassphrase: "the backup passphrase"})
	if err != nil || got.SetAside == "" {
		t.Fatalf("%+v, %v", got, err)
	}
	c = openWithSystemKeychain(t, dataDir)
	defer c.Close()
	defer c.Vault.Forget()
	if st, _ := c.Vault.Status(); st.State != vault.StateUnlocked || st.Protection != vault.ProtectionKeychain {
		t.Fatalf("the new folder's vault: %+v", st)
	}
	ks, err := c.Keys.List()
	if err != nil || len(ks) != 1 {
		t.Fatalf("keys %+v, %v", ks, err)
	}
	if _, err := c.Keys.Signer(ks[0].ID); err != nil {
		t.Fatal(err)
	}
}

// envLockedChild marks the run of this test binary, in a keyring session of
// its own, that locks its keyring: locking the shared one would fail the
// keychain tests of other packages running meanwhile.
const envLockedChild = "ACMEDESK_TEST_LOCKED_KEYRING_CHILD"

// A keychain that answers but is locked (its unlock prompt dismissed, or not
// shown) is reported as locked, not as a keychain that did not answer.
func TestKeychainLockedIsSaidSo(t *testing.T) {
	if os.Getenv(envLockedChild) != "" {
		lockedChild(t)
		return
	}
	cmd := exec.Command("../../scripts/with-keychain.sh", os.Args[0], "-test.run=^TestKeychainLockedIsSaidSo$", "-test.v")
	cmd.Env = append(os.Environ(), envLockedChild+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestKeychainLockedIsSaidSo") {
		t.Fatalf("the locked-keyring run: %v\n%s", err, out)
	}
}

func lockedChild(t *testing.T) {
	dataDir := t.TempDir()
	c := openWithSystemKeychain(t, dataDir)
	c.Close()
	conn, err := dbus.SessionBus()
	if err != nil {
		t.Fatal(err)
	}
	var locked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets").
		Call("org.freedesktop.Secret.Service.Lock", 0, []dbus.ObjectPath{"/org/freedesktop/secrets/aliases/default"}).Store(&locked, &prompt); err != nil || len(locked) == 0 {
		t.Fatalf("locking the keyring: %v %v", locked, err)
	}
	// No display here: the unlock prompt cannot be shown, as when the user dismisses it.
	c, err = Open(dataDir, vault.SystemKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, _ := c.Vault.Status()
	if st.State != vault.StateLocked || !st.KeychainLocked || st.KeyMissing || !strings.Contains(st.KeychainProblem, "is locked") ||
		strings.Contains(st.KeychainProblem, "answer") {
		t.Fatalf("status with the keyring locked: %+v", st)
	}
	// A new data folder meets the same keychain: locked, not absent.
	fresh, err := Open(t.TempDir(), vault.SystemKeychain{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if st, _ := fresh.Vault.Status(); st.State != vault.StateNew || !st.KeychainLocked {
		t.Fatalf("a new folder with the keyring locked: %+v", st)
	}
}
