// Package vault seals ACME Desk's secrets. Every secret is encrypted with
// AES-256-GCM under one random 256-bit vault key, with the id of the record it
// belongs to as associated data, so a sealed blob cannot be moved to another
// record. The vault key lives in the OS keychain, or, where no keychain
// answers, is wrapped by a key derived from the user's passphrase (Argon2id).
package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/crypto/argon2"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
)

// Protection says what guards the vault key.
type Protection string

const (
	ProtectionKeychain   Protection = "keychain"
	ProtectionPassphrase Protection = "passphrase"
)

// State of the vault in this process.
type State string

const (
	StateNew      State = "new"      // no vault yet: first run
	StateLocked   State = "locked"   // exists, key not loaded (passphrase needed, or keychain failed)
	StateUnlocked State = "unlocked" // secrets can be sealed and opened
)

const (
	keychainService = "ACME Desk"
	metaKey         = "vault"
	checkPlaintext  = "acmedesk vault check"
	sealVersion     = 1
	// MinPassphraseLength is the shortest passphrase accepted for a new vault.
	MinPassphraseLength = 10
	maxPassphraseLength = 1024
)

// KDFParams are the Argon2id parameters, stored with the vault so they can change later.
type KDFParams struct {
	Algorithm string `json:"algorithm"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
	Salt      []byte `json:"salt"`
}

// KDFLimits bound the Argon2id cost accepted from a file (a vault's meta, a
// backup's header): a crafted or damaged one gives an error, not a panic
// (argon2 panics on zero threads) or hours of hashing and gigabytes of memory.
var KDFLimits = struct {
	MaxTime      uint32
	MaxMemoryKiB uint32
	MaxThreads   uint8
}{MaxTime: 64, MaxMemoryKiB: 1 << 20, MaxThreads: 64}

// Check says whether p can be derived with: argon2id, a cost within
// KDFLimits, a salt of a sane length.
func (p KDFParams) Check() error {
	switch {
	case p.Algorithm != "argon2id":
		return fmt.Errorf("the key-derivation algorithm %q is unknown", textfield.Truncate(p.Algorithm, 40))
	case p.Time == 0 || p.Time > KDFLimits.MaxTime || p.Threads == 0 || p.Threads > KDFLimits.MaxThreads ||
		p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > KDFLimits.MaxMemoryKiB:
		return fmt.Errorf("the key-derivation cost is out of range (time %d, memory %d KiB, threads %d)", p.Time, p.MemoryKiB, p.Threads)
	case len(p.Salt) < 8 || len(p.Salt) > 64:
		return fmt.Errorf("the key-derivation salt has %d bytes", len(p.Salt))
	}
	return nil
}

// DefaultKDF follows RFC 9106's second recommended option (64 MiB, t=3, p=4).
var DefaultKDF = KDFParams{Algorithm: "argon2id", Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

type meta struct {
	Version    int        `json:"version"`
	ID         string     `json:"id"`
	Protection Protection `json:"protection"`
	Check      []byte     `json:"check"`                 // checkPlaintext sealed by the vault key
	KDF        *KDFParams `json:"kdf,omitempty"`         // passphrase only
	WrappedKey []byte     `json:"wrapped_key,omitempty"` // passphrase only: vault key sealed by the derived key
	// Pending: a keychain vault whose key may not be in the keychain yet.
	// Written before the key goes there (so a first run killed at any moment
	// leaves no keychain item that nothing knows of) and cleared once it is;
	// nothing is ever sealed under a pending vault, so it is discarded at the next start.
	Pending bool `json:"pending,omitempty"`
}

// Status is what the UI shows about protection; it holds no secret.
type Status struct {
	State      State      `json:"state"`
	Protection Protection `json:"protection,omitempty"`
	// KeychainProblem explains, in plain words, why the OS keychain cannot be used (empty when it can).
	KeychainProblem string `json:"keychainProblem,omitempty"`
	// KeychainDetail is the raw error for the debug view.
	KeychainDetail string `json:"keychainDetail,omitempty"`
	// KeychainHint says what can be done about KeychainProblem.
	KeychainHint string `json:"keychainHint,omitempty"`
	// KeychainLocked: the keychain answers but stays locked (its prompt dismissed, or not shown).
	KeychainLocked bool `json:"keychainLocked,omitempty"`
	// KeyMissing: the keychain answers, but this data folder's vault key is
	// not in it (keyring reset, folder copied from another machine).
	KeyMissing bool `json:"keyMissing,omitempty"`
}

// Vault seals and opens secrets.
type Vault struct {
	db *store.DB
	kc Keychain

	mu   sync.RWMutex
	aead cipher.AEAD
}

// New returns a vault over db whose key is kept in kc.
func New(db *store.DB, kc Keychain) *Vault { return &Vault{db: db, kc: kc} }

// loadMeta returns the vault's meta, nil when there is no vault yet (a
// pending one, from an interrupted first run, counts as none).
func (v *Vault) loadMeta() (*meta, error) {
	m, err := v.rawMeta()
	if m != nil && m.Pending {
		return nil, err
	}
	return m, err
}

func (v *Vault) rawMeta() (*meta, error) {
	var m *meta
	err := v.db.View(func(tx *store.Tx) error {
		var got meta
		ok, err := tx.Get(store.Meta, metaKey, &got)
		if ok {
			m = &got
		}
		return err
	})
	return m, err
}

// discardPending removes what an interrupted first run left: the pending
// vault's keychain item, then its meta.
func (v *Vault) discardPending() error {
	m, err := v.rawMeta()
	if err != nil || m == nil || !m.Pending {
		return err
	}
	if err := v.kc.Delete(keychainService, keychainUser(m.ID)); err != nil && !errors.Is(err, ErrKeychainItemNotFound) {
		return keychainError(err)
	}
	return v.db.Update(func(tx *store.Tx) error { return tx.Delete(store.Meta, metaKey) })
}

// Forget removes the keychain item of a vault that is being thrown away with
// its data folder (a restore into a new folder that did not complete).
func (v *Vault) Forget() error {
	m, err := v.rawMeta()
	if err != nil || m == nil || m.Protection != ProtectionKeychain {
		return err
	}
	if err := v.kc.Delete(keychainService, keychainUser(m.ID)); err != nil && !errors.Is(err, ErrKeychainItemNotFound) {
		return keychainError(err)
	}
	return nil
}

// Status reports the vault's state and, for a new or keychain vault, whether the keychain answers.
func (v *Vault) Status() (Status, error) {
	m, err := v.loadMeta()
	if err != nil {
		return Status{}, err
	}
	st := Status{State: StateNew}
	if m != nil {
		st.Protection = m.Protection
		st.State = StateLocked
		if v.unlocked() {
			st.State = StateUnlocked
		}
	}
	switch {
	case m == nil:
		if err := probeKeychain(v.kc); err != nil {
			e := apperr.From(keychainError(err))
			st.KeychainProblem, st.KeychainDetail = e.Message, err.Error()
			st.KeychainLocked = errors.Is(err, ErrKeychainLocked)
		}
	case m.Protection == ProtectionKeychain && st.State != StateUnlocked:
		// Say why the key could not be had: missing, damaged, another vault's, or no answer.
		if _, err := v.keychainKey(m); err != nil {
			e := apperr.From(err)
			st.KeychainProblem, st.KeychainHint, st.KeychainDetail = e.Message, e.Hint, e.Detail
			st.KeyMissing = errors.Is(err, ErrKeychainItemNotFound)
			st.KeychainLocked = errors.Is(err, ErrKeychainLocked)
		}
	}
	return st, nil
}

func (v *Vault) unlocked() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.aead != nil
}

// Open loads the vault key without asking the user: it creates a keychain
// vault on first run when the keychain answers, and loads the key of an
// existing keychain vault. A passphrase vault stays locked (see Unlock).
func (v *Vault) Open() (Status, error) {
	if err := v.discardPending(); err != nil {
		return Status{}, err
	}
	m, err := v.loadMeta()
	if err != nil {
		return Status{}, err
	}
	switch {
	case m == nil:
		if probeKeychain(v.kc) == nil {
			if err := v.InitKeychain(); err != nil {
				return Status{}, err
			}
		}
	case m.Protection == ProtectionKeychain && !v.unlocked():
		if err := v.unlockFromKeychain(m); err != nil {
			return Status{}, err
		}
	}
	return v.Status()
}

// Load is Open for readers: it loads an existing keychain vault's key, and
// creates nothing (no vault, no keychain item) where there is none.
func (v *Vault) Load() (Status, error) {
	m, err := v.loadMeta()
	if err != nil {
		return Status{}, err
	}
	if m != nil && m.Protection == ProtectionKeychain && !v.unlocked() {
		if err := v.unlockFromKeychain(m); err != nil {
			return Status{}, err
		}
	}
	return v.Status()
}

func keychainUser(id string) string { return "vault-key/" + id }

// InitKeychain creates a new vault whose key lives in the OS keychain.
func (v *Vault) InitKeychain() error {
	if err := probeKeychain(v.kc); err != nil {
		return keychainError(err)
	}
	if err := v.discardPending(); err != nil {
		return err
	}
	key := randomBytes(32)
	id := uuid.NewString()
	encoded := base64.StdEncoding.EncodeToString(key)
	aead := newAEAD(key)
	m := &meta{Version: 1, ID: id, Protection: ProtectionKeychain, Check: seal(aead, metaKey, []byte(checkPlaintext)), Pending: true}
	if err := v.create(m); err != nil {
		return err
	}
	undo := func() {
		v.kc.Delete(keychainService, keychainUser(id))
		v.db.Update(func(tx *store.Tx) error { return tx.Delete(store.Meta, metaKey) })
	}
	if err := v.kc.Set(keychainService, keychainUser(id), encoded); err != nil {
		undo()
		return keychainError(err)
	}
	// Read it back: a keychain that accepts a write but returns something else would lose every secret.
	if got, err := v.kc.Get(keychainService, keychainUser(id)); err != nil || got != encoded {
		undo()
		return keychainError(errors.New("the keychain did not return the vault key it was given"))
	}
	m.Pending = false
	if err := v.db.Update(func(tx *store.Tx) error { return tx.Put(store.Meta, metaKey, m) }); err != nil {
		undo()
		return err
	}
	v.setAEAD(aead)
	return nil
}

// InitPassphrase creates a new vault whose key is wrapped by a key derived from passphrase.
func (v *Vault) InitPassphrase(passphrase string) error {
	if n := utf8.RuneCountInString(passphrase); n < MinPassphraseLength || len(passphrase) > maxPassphraseLength {
		return apperr.Newf(apperr.CodeInvalidInput, "A few unrelated words make a passphrase that is long and easy to remember.",
			"The passphrase must be at least %d characters long.", MinPassphraseLength)
	}
	if err := v.discardPending(); err != nil {
		return err
	}
	key := randomBytes(32)
	kdf := DefaultKDF
	kdf.Salt = randomBytes(16)
	id := uuid.NewString()
	m := &meta{
		Version: 1, ID: id, Protection: ProtectionPassphrase, KDF: &kdf,
		WrappedKey: seal(newAEAD(derive(passphrase, kdf)), "vault-key/"+id, key),
	}
	aead := newAEAD(key)
	m.Check = seal(aead, metaKey, []byte(checkPlaintext))
	if err := v.create(m); err != nil {
		return err
	}
	v.setAEAD(aead)
	return nil
}

func (v *Vault) create(m *meta) error {
	return v.db.Update(func(tx *store.Tx) error {
		if tx.GetRaw(store.Meta, metaKey) != nil {
			return apperr.New(apperr.CodeConflict, "A vault already exists in this data folder.", "")
		}
		return tx.Put(store.Meta, metaKey, m)
	})
}

// Unlock opens a passphrase vault. A wrong passphrase changes nothing.
func (v *Vault) Unlock(passphrase string) error {
	m, err := v.loadMeta()
	if err != nil {
		return err
	}
	if m == nil || m.Protection != ProtectionPassphrase || m.KDF == nil {
		return apperr.New(apperr.CodeInvalidInput, "This vault is not protected by a passphrase.", "")
	}
	if err := m.KDF.Check(); err != nil {
		return apperr.Wrap(err, apperr.CodeDamaged, "The vault's settings in this data folder are damaged, so no passphrase can open it.",
			"Restore your latest ACME Desk backup into a new data folder (Restore a backup into a new data folder, or `acmedesk recover BACKUP-FILE`): this folder is kept aside as it is.")
	}
	if len(passphrase) > maxPassphraseLength {
		return apperr.New(apperr.CodeWrongPass, "Wrong passphrase.", "Check the keyboard layout and Caps Lock, then try again.")
	}
	key, err := open(newAEAD(derive(passphrase, *m.KDF)), "vault-key/"+m.ID, m.WrappedKey)
	if err != nil {
		return apperr.New(apperr.CodeWrongPass, "Wrong passphrase.", "Check the keyboard layout and Caps Lock, then try again.")
	}
	return v.useKey(m, key)
}

func (v *Vault) unlockFromKeychain(m *meta) error {
	aead, err := v.keychainKey(m)
	if err != nil {
		return err
	}
	v.setAEAD(aead)
	return nil
}

// restoreHint is the way out when this folder's vault key cannot be had.
const restoreHint = "Secrets in this data folder cannot be read without it. Restore the keychain item \"ACME Desk\" " +
	"if you have a backup of your keychain; or restore your latest ACME Desk backup into a new data folder " +
	"(Restore a backup into a new data folder, here, or `acmedesk recover BACKUP-FILE`): this folder is kept aside as it is."

// keychainKey reads this vault's key from the keychain and checks it against the vault.
func (v *Vault) keychainKey(m *meta) (cipher.AEAD, error) {
	encoded, err := v.kc.Get(keychainService, keychainUser(m.ID))
	if errors.Is(err, ErrKeychainItemNotFound) {
		return nil, apperr.Wrap(err, apperr.CodeKeychain, "This data folder's vault key is not in your keychain.", restoreHint)
	}
	if errors.Is(err, ErrKeychainLocked) {
		return nil, apperr.Wrap(err, apperr.CodeKeychain, "Your keychain is locked, so ACME Desk cannot read its vault key.",
			"Unlock your keychain (it may ask for your login password), then try again.")
	}
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeKeychain, "The OS keychain did not answer, so ACME Desk cannot read its vault key.",
			"Start your keychain (for example by logging in to your desktop session), then try again.")
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || len(key) != 32 {
		return nil, apperr.New(apperr.CodeKeychain, "The OS keychain holds a damaged ACME Desk vault key.", restoreHint)
	}
	return checkedKey(m, key)
}

func checkedKey(m *meta, key []byte) (cipher.AEAD, error) {
	aead := newAEAD(key)
	if got, err := open(aead, metaKey, m.Check); err != nil || string(got) != checkPlaintext {
		return nil, apperr.New(apperr.CodeKeychain, "The vault key does not match this data folder.",
			"The key found belongs to another ACME Desk vault. Restore the right keychain item or use the matching data folder.")
	}
	return aead, nil
}

func (v *Vault) useKey(m *meta, key []byte) error {
	aead, err := checkedKey(m, key)
	if err != nil {
		return err
	}
	v.setAEAD(aead)
	return nil
}

func (v *Vault) setAEAD(a cipher.AEAD) {
	v.mu.Lock()
	v.aead = a
	v.mu.Unlock()
}

func (v *Vault) current() (cipher.AEAD, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.aead == nil {
		return nil, apperr.New(apperr.CodeLocked, "The vault is locked.", "Unlock ACME Desk first.")
	}
	return v.aead, nil
}

// Seal encrypts a secret for the record recordID.
func (v *Vault) Seal(recordID string, plaintext []byte) ([]byte, error) {
	a, err := v.current()
	if err != nil {
		return nil, err
	}
	return seal(a, recordID, plaintext), nil
}

// Unseal decrypts a secret sealed for recordID; a blob of another record, or a damaged one, fails.
func (v *Vault) Unseal(recordID string, sealed []byte) ([]byte, error) {
	a, err := v.current()
	if err != nil {
		return nil, err
	}
	out, err := open(a, recordID, sealed)
	if err != nil {
		return nil, apperr.New(apperr.CodeInternal, "A stored secret could not be decrypted: it is damaged or belongs to another record.", "Restore it from a backup.")
	}
	return out, nil
}

// The vault keeps the sealed secrets (store.Secrets), each under the id of the
// record it was sealed for; these run inside the transaction that writes,
// reads or deletes that record, so a record and its secret change together.

// PutSealed keeps sealed, from Seal(recordID, …), for the record recordID.
func PutSealed(tx *store.Tx, recordID string, sealed []byte) error {
	return tx.PutRaw(store.Secrets, recordID, sealed)
}

// Sealed returns the sealed secret of the record recordID, or nil when it has none.
func Sealed(tx *store.Tx, recordID string) []byte { return tx.GetRaw(store.Secrets, recordID) }

// DeleteSealed forgets the sealed secret of the record recordID; none is not an error.
func DeleteSealed(tx *store.Tx, recordID string) error { return tx.Delete(store.Secrets, recordID) }

// Staged is a new record made ready to store with its secret already sealed
// for it: sealing (and making a key) happen before any transaction, so that
// one transaction, maybe another service's, stores the record with what uses
// it, or nothing.
type Staged[T any] struct {
	Record *T
	id     string
	sealed []byte // nil: the record has no secret
	put    func(*store.Tx) error
}

// NewStaged makes rec, whose id is id, ready to store with sealed, from
// Seal(id, …); put stores the record itself (and refuses a duplicate).
func NewStaged[T any](rec *T, id string, sealed []byte, put func(*store.Tx) error) *Staged[T] {
	return &Staged[T]{Record: rec, id: id, sealed: sealed, put: put}
}

// Put stores the record and its sealed secret in tx.
func (st *Staged[T]) Put(tx *store.Tx) error {
	if err := st.put(tx); err != nil {
		return err
	}
	if st.sealed == nil {
		return nil
	}
	return PutSealed(tx, st.id, st.sealed)
}

// Store stores the record and its sealed secret in a transaction of their own.
func (st *Staged[T]) Store(db *store.DB) (*T, error) {
	if err := db.Update(st.Put); err != nil {
		return nil, err
	}
	return st.Record, nil
}

func keychainError(err error) error {
	if errors.Is(err, ErrKeychainLocked) {
		return apperr.Wrap(err, apperr.CodeKeychain, "Your keychain is locked, so ACME Desk cannot keep its vault key there.",
			"Unlock your keychain and try again, or protect the vault with a passphrase instead.")
	}
	return apperr.Wrap(err, apperr.CodeKeychain, "No OS keychain answered, so ACME Desk cannot keep its vault key there.",
		"Log in to a desktop session with a keychain (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager), or protect the vault with a passphrase instead.")
}

func derive(passphrase string, p KDFParams) []byte {
	return argon2.IDKey([]byte(passphrase), p.Salt, p.Time, p.MemoryKiB, p.Threads, 32)
}

func newAEAD(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // key is always 32 bytes
	}
	a, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return a
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (Go 1.24+: crashes the program instead)
	return b
}

// seal returns version || nonce || ciphertext, with ad bound as associated data.
func seal(a cipher.AEAD, ad string, plaintext []byte) []byte {
	nonce := randomBytes(a.NonceSize())
	out := append([]byte{sealVersion}, nonce...)
	return a.Seal(out, nonce, plaintext, []byte(ad))
}

func open(a cipher.AEAD, ad string, sealed []byte) ([]byte, error) {
	n := a.NonceSize()
	if len(sealed) < 1+n+a.Overhead() || sealed[0] != sealVersion {
		return nil, errors.New("sealed blob too short or of an unknown version")
	}
	return a.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(ad))
}
