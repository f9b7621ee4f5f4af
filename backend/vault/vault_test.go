package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
)

func TestMain(m *testing.M) {
	// Unit tests need no real Argon2 cost; the KDF itself is exercised all the same.
	DefaultKDF = KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

// memKeychain stands in for the OS keychain in tests about the vault's logic;
// the real keychain is exercised by the integration tests (build tag keychain).
type memKeychain struct {
	mu    sync.Mutex
	items map[string]string
	down  error // when set, every call fails like an absent Secret Service
	// onSet, when set, runs as Set is called, after (stored) or before the item is stored.
	onSet  func()
	stored bool
}

func newMemKeychain() *memKeychain { return &memKeychain{items: map[string]string{}} }

func (k *memKeychain) Get(s, u string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.down != nil {
		return "", k.down
	}
	v, ok := k.items[s+"|"+u]
	if !ok {
		return "", ErrKeychainItemNotFound
	}
	return v, nil
}

func (k *memKeychain) Set(s, u, v string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.down != nil {
		return k.down
	}
	if k.onSet != nil && !k.stored {
		k.mu.Unlock()
		defer k.mu.Lock()
		k.onSet()
	}
	k.items[s+"|"+u] = v
	if k.onSet != nil && k.stored {
		k.mu.Unlock()
		defer k.mu.Lock()
		k.onSet()
	}
	return nil
}

func (k *memKeychain) Delete(s, u string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.items, s+"|"+u)
	return nil
}

var errNoSecretService = errors.New("The name org.freedesktop.secrets was not provided by any .service files")

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func metaBytes(t *testing.T, db *store.DB) []byte {
	var raw []byte
	db.View(func(tx *store.Tx) error { raw = tx.GetRaw(store.Meta, metaKey); return nil })
	return raw
}

func TestVaultKeyInAnOSStoreFirstRunAndReopen(t *testing.T) {
	db, kc := openDB(t), newMemKeychain()
	st, err := New(db, kc).Open()
	if err != nil || st.State != StateUnlocked || st.Protection != ProtectionKeychain {
		t.Fatalf("first Open = %+v, %v", st, err)
	}
	v := New(db, kc)
	if st, _ := v.Status(); st.State != StateLocked {
		t.Fatalf("before Open a fresh Vault is %s", st.State)
	}
	if st, err := v.Open(); err != nil || st.State != StateUnlocked {
		t.Fatalf("reopen = %+v, %v", st, err)
	}
	if len(kc.items) != 1 {
		t.Fatalf("keychain holds %d items, want exactly the vault key", len(kc.items))
	}
}

func TestSealBindsRecordID(t *testing.T) {
	v := New(openDB(t), newMemKeychain())
	if _, err := v.Open(); err != nil {
		t.Fatal(err)
	}
	secret := []byte("-----BEGIN PRIVATE KEY----- not really")
	sealed, err := v.Seal("rec-1", secret)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, secret) {
		t.Fatal("sealed blob contains the plaintext")
	}
	got, err := v.Unseal("rec-1", sealed)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("Unseal = %q, %v", got, err)
	}
	if _, err := v.Unseal("rec-2", sealed); err == nil {
		t.Fatal("a blob sealed for rec-1 opened as rec-2")
	}
	tampered := append([]byte(nil), sealed...)
	tampered[len(tampered)-1] ^= 1
	for name, blob := range map[string][]byte{"tampered": tampered, "truncated": sealed[:10], "empty": nil} {
		if _, err := v.Unseal("rec-1", blob); err == nil {
			t.Errorf("%s blob opened", name)
		}
	}
	if s2, _ := v.Seal("rec-1", secret); bytes.Equal(s2, sealed) {
		t.Error("two seals of the same secret are identical: nonce reused")
	}
}

func TestNoOSStoreOffersPassphrase(t *testing.T) {
	db, kc := openDB(t), newMemKeychain()
	kc.down = errNoSecretService
	v := New(db, kc)
	st, err := v.Open()
	if err != nil || st.State != StateNew || st.KeychainProblem == "" || st.KeychainDetail != errNoSecretService.Error() {
		t.Fatalf("Open without keychain = %+v, %v", st, err)
	}
	if err := v.InitKeychain(); !apperr.Is(err, apperr.CodeKeychain) {
		t.Fatalf("InitKeychain without keychain: %v", err)
	}
	if _, err := v.Seal("x", []byte("s")); !apperr.Is(err, apperr.CodeLocked) {
		t.Fatalf("Seal before any vault: %v", err)
	}
	for _, short := range []string{"", "short", "123456789"} {
		if err := v.InitPassphrase(short); !apperr.Is(err, apperr.CodeInvalidInput) {
			t.Errorf("InitPassphrase(%q): %v", short, err)
		}
	}
	if metaBytes(t, db) != nil {
		t.Fatal("a refused passphrase wrote a vault")
	}
	const pass = "correct horse battery staple ✓"
	if err := v.InitPassphrase(pass); err != nil {
		t.Fatal(err)
	}
	sealed, _ := v.Seal("r", []byte("secret"))

	again := New(db, kc)
	st, err = again.Open()
	if err != nil || st.State != StateLocked || st.Protection != ProtectionPassphrase {
		t.Fatalf("reopen passphrase vault = %+v, %v", st, err)
	}
	before := metaBytes(t, db)
	if err := again.Unlock("wrong horse battery staple ✓"); !apperr.Is(err, apperr.CodeWrongPass) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if !bytes.Equal(before, metaBytes(t, db)) {
		t.Fatal("a wrong passphrase changed the vault")
	}
	if _, err := again.Unseal("r", sealed); !apperr.Is(err, apperr.CodeLocked) {
		t.Fatalf("Unseal while locked: %v", err)
	}
	if err := again.Unlock(pass); err != nil {
		t.Fatal(err)
	}
	if got, err := again.Unseal("r", sealed); err != nil || string(got) != "secret" {
		t.Fatalf("Unseal after unlock = %q, %v", got, err)
	}
	if err := again.InitPassphrase(pass); !apperr.Is(err, apperr.CodeConflict) {
		t.Fatalf("second InitPassphrase: %v", err)
	}
}

func TestVaultWhoseStoredKeyIsGoneOrWrong(t *testing.T) {
	db, kc := openDB(t), newMemKeychain()
	if _, err := New(db, kc).Open(); err != nil {
		t.Fatal(err)
	}
	var user string
	for k := range kc.items {
		user = k
	}
	good := kc.items[user]

	delete(kc.items, user)
	if _, err := New(db, kc).Open(); !apperr.Is(err, apperr.CodeKeychain) {
		t.Fatalf("missing key: %v", err)
	}
	// The keychain answers: the status says the key is missing (not that the
	// keychain did not answer) and offers the way out.
	st, _ := New(db, kc).Status()
	if !st.KeyMissing || !strings.Contains(st.KeychainProblem, "not in your keychain") ||
		!strings.Contains(st.KeychainHint, "acmedesk recover") || strings.Contains(st.KeychainProblem, "answer") {
		t.Fatalf("status with the key gone: %+v", st)
	}
	kc.items[user] = "bm90IGEga2V5" // base64 of the wrong length
	if _, err := New(db, kc).Open(); !apperr.Is(err, apperr.CodeKeychain) {
		t.Fatalf("damaged key: %v", err)
	}
	other := newMemKeychain()
	New(openDB(t), other).Open()
	for _, k := range other.items {
		kc.items[user] = k // a valid key of another vault
	}
	if _, err := New(db, kc).Open(); !apperr.Is(err, apperr.CodeKeychain) {
		t.Fatalf("another vault's key: %v", err)
	}
	kc.items[user] = good
	kc.down = errNoSecretService
	v := New(db, kc)
	if _, err := v.Open(); !apperr.Is(err, apperr.CodeKeychain) {
		t.Fatalf("keychain down: %v", err)
	}
	if st, _ := v.Status(); st.State != StateLocked || st.KeyMissing || st.KeychainLocked || !strings.Contains(st.KeychainProblem, "did not answer") ||
		strings.Contains(st.KeychainHint, "passphrase") {
		t.Fatalf("status with keychain down = %+v", st)
	}
	// A keychain that answers but stays locked is not one that does not answer.
	kc.down = asLocked(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'"))
	if st, _ := v.Status(); !st.KeychainLocked || st.KeyMissing || !strings.Contains(st.KeychainProblem, "is locked") ||
		strings.Contains(st.KeychainProblem, "answer") || !strings.Contains(st.KeychainHint, "Unlock your keychain") {
		t.Fatalf("status with the keychain locked = %+v", st)
	}
	if st, _ := New(openDB(t), kc).Status(); st.State != StateNew || !st.KeychainLocked || !strings.Contains(st.KeychainProblem, "is locked") {
		t.Fatalf("a new vault with the keychain locked = %+v", st)
	}
}

// A first run killed at any moment of creating a keychain vault leaves no
// keychain item that nothing uses: the next start clears it and begins again.
func TestFirstRunKilledLeavesNoOrphanStoredKey(t *testing.T) {
	for _, stored := range []bool{false, true} {
		db, kc := openDB(t), newMemKeychain()
		kc.stored = stored
		kc.onSet = func() { panic("killed") } // the process dies here; nothing after runs
		func() {
			defer func() { recover() }()
			New(db, kc).Open()
		}()
		kc.onSet = nil
		v := New(db, kc)
		st, err := v.Open()
		if err != nil || st.State != StateUnlocked {
			t.Fatalf("start after the killed first run (key stored: %v): %+v, %v", stored, st, err)
		}
		if len(kc.items) != 1 {
			t.Fatalf("key stored %v: %d keychain items, want 1 (the one the vault uses)", stored, len(kc.items))
		}
		sealed, err := v.Seal("rec", []byte("secret"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := New(db, kc).Open(); err != nil || got.State != StateUnlocked {
			t.Fatalf("reopening: %+v, %v", got, err)
		}
		v2 := New(db, kc)
		v2.Open()
		if plain, err := v2.Unseal("rec", sealed); err != nil || string(plain) != "secret" {
			t.Fatalf("unseal after reopening: %q, %v", plain, err)
		}
	}
}

func TestAsLockedRecognisesLockedAnswers(t *testing.T) {
	for _, tc := range []struct {
		err    error
		locked bool
	}{
		{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), true},
		{errors.New("org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object"), true},
		{errors.New("exit status 36: security: SecKeychainSearchCopyNext: User interaction is not allowed."), true},
		{errors.New("The name org.freedesktop.secrets was not provided by any .service files"), false},
		{ErrKeychainItemNotFound, false},
		{nil, false},
	} {
		got := asLocked(tc.err)
		if errors.Is(got, ErrKeychainLocked) != tc.locked || (tc.err != nil && !strings.Contains(got.Error(), tc.err.Error())) {
			t.Errorf("asLocked(%v) = %v", tc.err, got)
		}
		if errors.Is(tc.err, ErrKeychainItemNotFound) && !errors.Is(got, ErrKeychainItemNotFound) {
			t.Errorf("a missing item stays a missing item: %v", got)
		}
	}
}

// KDF parameters come from the database: a crafted or damaged file gives an
// error before anything is derived, never a panic or hours of hashing.
func TestUnlockChecksTheStoredKDFFirst(t *testing.T) {
	const pass = "correct horse battery staple"
	for name, edit := range map[string]func(*KDFParams){
		"zero threads":     func(p *KDFParams) { p.Threads = 0 },
		"zero time":        func(p *KDFParams) { p.Time = 0 },
		"4 TiB of memory":  func(p *KDFParams) { p.MemoryKiB = 1<<32 - 1 },
		"a million passes": func(p *KDFParams) { p.Time = 1 << 20 },
		"no salt":          func(p *KDFParams) { p.Salt = nil },
		"scrypt":           func(p *KDFParams) { p.Algorithm = "scrypt" },
		"255 threads":      func(p *KDFParams) { p.Threads = 255 },
	} {
		t.Run(name, func(t *testing.T) {
			db := openDB(t)
			if err := New(db, nil).InitPassphrase(pass); err != nil {
				t.Fatal(err)
			}
			var m meta
			db.Update(func(tx *store.Tx) error {
				tx.Get(store.Meta, metaKey, &m)
				edit(m.KDF)
				return tx.Put(store.Meta, metaKey, &m)
			})
			err := New(db, nil).Unlock(pass)
			if !apperr.Is(err, apperr.CodeDamaged) || !strings.Contains(apperr.From(err).Hint, "acmedesk recover") {
				t.Fatalf("unlock with %s: %v", name, err)
			}
		})
	}
}
