package keys

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/vault"
)

const nameHint = "Give the key a name that says what it is for, e.g. \"Let's Encrypt production account\"."

// Source says where a key came from.
type Source string

const (
	SourceGenerated Source = "generated"
	SourceImported  Source = "imported"
)

// Key is a stored key record. The private key is not in it: it is sealed in
// the vault under the same id and written in the same transaction.
type Key struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Algorithm   Algorithm `json:"algorithm"`
	Identity
	Source       Source    `json:"source"`
	ImportFormat string    `json:"importFormat,omitempty"`
	CreatedAt    time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt    time.Time `json:"updatedAt" ts_type:"string"`
	// AllowExport gates every way of getting the private key out; off by default.
	AllowExport bool `json:"allowExport"`
}

// Details is a key with what uses it.
type Details struct {
	Key
	AlgorithmLabel string      `json:"algorithmLabel"`
	UsedBy         []store.Ref `json:"usedBy"`
}

// Service manages stored keys.
type Service struct {
	db    *store.DB
	vault *vault.Vault
	now   func() time.Time
}

// NewService returns a key service over db, sealing private keys with v.
func NewService(db *store.DB, v *vault.Vault) *Service {
	return &Service{db: db, vault: v, now: time.Now}
}

// List returns every key, oldest first.
func (s *Service) List() ([]Key, error) { return store.Read(s.db, s.ListIn) }

// ListIn is List inside another service's transaction, for a view consistent with its own records.
func (s *Service) ListIn(tx *store.Tx) ([]Key, error) { return store.List[Key](tx, store.Keys) }

// GetIn returns one key inside another service's transaction (CodeNotFound when there is none).
func (s *Service) GetIn(tx *store.Tx, id string) (*Key, error) { return getKey(tx, id) }

// Get returns one key with what uses it.
func (s *Service) Get(id string) (*Details, error) {
	k, refs, err := store.ReadWithRefs(s.db, id, getKey)
	if err != nil {
		return nil, err
	}
	return &Details{Key: *k, AlgorithmLabel: k.Algorithm.Label(), UsedBy: refs}, nil
}

func getKey(tx *store.Tx, id string) (*Key, error) {
	return store.Find[Key](tx, store.Keys, id, apperr.New(apperr.CodeNotFound, "This key no longer exists.", "Refresh the list."))
}

// Generate makes and stores a new key. Cancelling ctx stops the wait and stores nothing.
func (s *Service) Generate(ctx context.Context, name, description string, alg Algorithm) (*Key, error) {
	st, err := s.stageGenerated(ctx, name, description, alg, false)
	if err != nil {
		return nil, err
	}
	return st.Store(s.db)
}

// StageGenerate makes a key on the user's behalf (for a new account, a
// rollover) to be stored with what uses it, by Staged.Put: when name is taken
// then, it takes the first free one of "name (2)", "name (3)"…
func (s *Service) StageGenerate(ctx context.Context, name, description string, alg Algorithm) (*Staged, error) {
	return s.stageGenerated(ctx, name, description, alg, true)
}

// stageGenerated makes a key of alg. Without freeName, a taken name is
// refused before spending seconds on RSA.
func (s *Service) stageGenerated(ctx context.Context, name, description string, alg Algorithm, freeName bool) (*Staged, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	if !freeName {
		if err := s.checkNameFree(name, ""); err != nil {
			return nil, err
		}
	}
	signer, err := Generate(ctx, alg)
	if err != nil {
		return nil, err
	}
	return s.stage(signer, alg, name, description, SourceGenerated, "", freeName)
}

// Import parses input (PEM or JWK) and stores the key. The same public key
// imported twice is refused, naming the existing record.
func (s *Service) Import(name, description string, input []byte, passphrase string) (*Key, error) {
	st, err := s.stageParsed(name, description, input, passphrase)
	if err != nil {
		return nil, err
	}
	return st.Store(s.db)
}

// Staged is a key made ready to store, its private part already sealed (Put
// refuses the same key or the name when either is already stored).
type Staged = vault.Staged[Key]

// StageImport parses input (PEM or JWK, unencrypted) into a key for Staged.Put.
func (s *Service) StageImport(name, description string, input []byte) (*Staged, error) {
	return s.stageParsed(name, description, input, "")
}

func (s *Service) stageParsed(name, description string, input []byte, passphrase string) (*Staged, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	p, err := Parse(input, passphrase)
	if err != nil {
		return nil, err
	}
	return s.stage(p.Key, p.Algorithm, name, description, SourceImported, p.Format, false)
}

// stage seals the private key of a new key record. With freeName, a name
// taken by the time it is stored becomes the first free one; without, it is refused.
func (s *Service) stage(signer crypto.Signer, alg Algorithm, name, description string, source Source, format string, freeName bool) (*Staged, error) {
	id, err := identify(signer)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(signer)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	k := &Key{
		ID: uuid.Must(uuid.NewV7()).String(), Name: name, Description: description, Algorithm: alg,
		Identity: id, Source: source, ImportFormat: format, CreatedAt: now, UpdatedAt: now,
	}
	sealed, err := s.vault.Seal(k.ID, der)
	if err != nil {
		return nil, err
	}
	return vault.NewStaged(k, k.ID, sealed, func(tx *store.Tx) error { return put(tx, k, freeName) }), nil
}

// put stores a new key record and its index entries in tx: refused when the same key or the name is already stored.
func put(tx *store.Tx, k *Key, freeName bool) error {
	if existing := tx.GetRaw(store.KeysByFingerprint, k.FingerprintSHA256); existing != nil {
		other, err := getKey(tx, string(existing))
		if err != nil {
			return err
		}
		return apperr.Newf(apperr.CodeConflict, "Use the existing record; a key is stored once.",
			"This key is already stored as %q.", other.Name)
	}
	if freeName {
		k.Name = firstFreeName(tx, k.Name)
	} else if err := nameFree(tx, k.Name, ""); err != nil {
		return err
	}
	if err := tx.Put(store.Keys, k.ID, k); err != nil {
		return err
	}
	if err := tx.PutRaw(store.KeysByName, nameKey(k.Name), []byte(k.ID)); err != nil {
		return err
	}
	return tx.PutRaw(store.KeysByFingerprint, k.FingerprintSHA256, []byte(k.ID))
}

func identify(signer crypto.Signer) (Identity, error) {
	id, err := Identify(signer.Public())
	if err != nil {
		return Identity{}, apperr.Wrap(err, apperr.CodeInternal, "Cannot compute the key's fingerprint.", "")
	}
	return id, nil
}

// Update changes name, description and the export switch.
func (s *Service) Update(id, name, description string, allowExport bool) (*Key, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	return store.Change(s.db, id, getKey, func(tx *store.Tx, k *Key) error {
		if err := nameFree(tx, name, id); err != nil {
			return err
		}
		if err := tx.Delete(store.KeysByName, nameKey(k.Name)); err != nil {
			return err
		}
		if err := tx.PutRaw(store.KeysByName, nameKey(name), []byte(id)); err != nil {
			return err
		}
		k.Name, k.Description, k.AllowExport, k.UpdatedAt = name, description, allowExport, s.now().UTC()
		return tx.Put(store.Keys, id, k)
	})
}

// Delete removes a key and its sealed private part, unless something uses it.
func (s *Service) Delete(id string) error {
	_, err := store.Change(s.db, id, getKey, func(tx *store.Tx, k *Key) error {
		return tx.DeleteUnused(id, fmt.Sprintf("Key %q", k.Name), "Point those at another key, or delete them first.", func() error {
			return errors.Join(tx.Delete(store.Keys, id), tx.Delete(store.KeysByFingerprint, k.FingerprintSHA256),
				tx.Delete(store.KeysByName, nameKey(k.Name)), vault.DeleteSealed(tx, id))
		})
	})
	return err
}

// Signer opens the sealed private key of id, for use by other backend services (ACME signing).
func (s *Service) Signer(id string) (crypto.Signer, error) {
	sealed, err := store.Read(s.db, func(tx *store.Tx) ([]byte, error) {
		if _, err := getKey(tx, id); err != nil {
			return nil, err
		}
		return vault.Sealed(tx, id), nil
	})
	if err != nil {
		return nil, err
	}
	der, err := s.vault.Unseal(id, sealed)
	if err != nil {
		return nil, err
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "A stored private key is damaged.", "Restore it from a backup.")
	}
	return key.(crypto.Signer), nil
}

// Export returns the private key in format, only when the key allows export.
func (s *Service) Export(id string, format ExportFormat) ([]byte, error) {
	d, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if !d.AllowExport {
		return nil, apperr.Newf(apperr.CodeForbidden, "Turn on \"Allow export\" for this key first, if you really need it outside ACME Desk.",
			"Key %q does not allow export.", d.Name)
	}
	signer, err := s.Signer(id)
	if err != nil {
		return nil, err
	}
	return Encode(signer, format)
}

// ExportToFile writes the exported key to path, readable by its owner only.
func (s *Service) ExportToFile(id string, format ExportFormat, path string) error {
	data, err := s.Export(id, format)
	if err != nil {
		return err
	}
	return writeOwnerOnly(path, data)
}

// writeOwnerOnly writes data through a temporary file in the same folder, so
// a failure never leaves a half-written key, and the file is never readable by others.
func writeOwnerOnly(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".acmedesk-export-*")
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write to that folder.", "Choose a folder you can write to.")
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err == nil {
			return nil
		}
	} else {
		tmp.Close()
	}
	return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write the exported key.", "Choose another place to save it.")
}

// FileName suggests a file name for exporting key k.
func FileName(name string, format ExportFormat) string {
	safe := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '-'
	}, name)
	return strings.Trim(safe, "-.") + format.FileExtension()
}

func (s *Service) checkNameFree(name, except string) error {
	return s.db.View(func(tx *store.Tx) error { return nameFree(tx, name, except) })
}

// nameKey is the index key of a name: names differing only in case are the same name.
func nameKey(name string) string { return strings.ToLower(name) }

func firstFreeName(tx *store.Tx, name string) string {
	candidate := name
	for n := 2; tx.GetRaw(store.KeysByName, nameKey(candidate)) != nil; n++ {
		candidate = fmt.Sprintf("%s (%d)", name, n)
	}
	return candidate
}

// nameFree refuses a name another key already has, so "Prod" and "prod" are not both kept.
func nameFree(tx *store.Tx, name, except string) error {
	owner := tx.GetRaw(store.KeysByName, nameKey(name))
	if owner == nil || string(owner) == except {
		return nil
	}
	return apperr.Newf(apperr.CodeConflict, "Choose another name.", "A key named %q already exists.", name)
}
