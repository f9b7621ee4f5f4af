package keys

import (
	"context"
	"crypto"
	"crypto/x509"
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
func (s *Service) List() ([]Key, error) {
	var out []Key
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		out, err = store.List[Key](tx, store.Keys)
		return err
	})
	return out, err
}

// Get returns one key with what uses it.
func (s *Service) Get(id string) (*Details, error) {
	var d *Details
	err := s.db.View(func(tx *store.Tx) error {
		k, err := getKey(tx, id)
		if err != nil {
			return err
		}
		refs, err := tx.RefsTo(id)
		if err != nil {
			return err
		}
		d = &Details{Key: *k, AlgorithmLabel: k.Algorithm.Label(), UsedBy: refs}
		return nil
	})
	return d, err
}

func getKey(tx *store.Tx, id string) (*Key, error) {
	var k Key
	ok, err := tx.Get(store.Keys, id, &k)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, apperr.New(apperr.CodeNotFound, "This key no longer exists.", "Refresh the list.")
	}
	return &k, nil
}

// Generate makes and stores a new key. Cancelling ctx stops the wait and stores nothing.
func (s *Service) Generate(ctx context.Context, name, description string, alg Algorithm) (*Key, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	if err := s.checkNameFree(name, ""); err != nil { // before spending seconds on RSA
		return nil, err
	}
	signer, err := Generate(ctx, alg)
	if err != nil {
		return nil, err
	}
	return s.store(signer, alg, name, description, SourceGenerated, "")
}

// StageGenerate makes a key on the user's behalf (for a new account, a
// rollover) to be stored with what uses it, by Staged.Put: when name is taken
// then, it takes the first free one of "name (2)", "name (3)"…
func (s *Service) StageGenerate(ctx context.Context, name, description string, alg Algorithm) (*Staged, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	signer, err := Generate(ctx, alg)
	if err != nil {
		return nil, err
	}
	st, err := s.stage(signer, alg, name, description, SourceGenerated, "")
	if err != nil {
		return nil, err
	}
	st.freeName = true
	return st, nil
}

// Import parses input (PEM or JWK) and stores the key. The same public key
// imported twice is refused, naming the existing record.
func (s *Service) Import(name, description string, input []byte, passphrase string) (*Key, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	p, err := Parse(input, passphrase)
	if err != nil {
		return nil, err
	}
	return s.store(p.Key, p.Algorithm, name, description, SourceImported, p.Format)
}

func (s *Service) store(signer crypto.Signer, alg Algorithm, name, description string, source Source, format string) (*Key, error) {
	st, err := s.stage(signer, alg, name, description, source, format)
	if err != nil {
		return nil, err
	}
	if err := s.db.Update(st.Put); err != nil {
		return nil, err
	}
	return st.Key, nil
}

// Staged is a key made ready to store (its private part already sealed) by
// another service's transaction, so that it is stored with what uses it or not at all.
type Staged struct {
	Key      *Key
	sealed   []byte
	freeName bool
}

// StageImport parses input (PEM or JWK, unencrypted) into a key for Staged.Put.
func (s *Service) StageImport(name, description string, input []byte) (*Staged, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	p, err := Parse(input, "")
	if err != nil {
		return nil, err
	}
	return s.stage(p.Key, p.Algorithm, name, description, SourceImported, p.Format)
}

func (s *Service) stage(signer crypto.Signer, alg Algorithm, name, description string, source Source, format string) (*Staged, error) {
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
	return &Staged{Key: k, sealed: sealed}, nil
}

// Put stores the staged key in tx: refused when the same key or the name is already stored.
func (st *Staged) Put(tx *store.Tx) error {
	k := st.Key
	if existing := tx.GetRaw(store.KeysByFingerprint, k.FingerprintSHA256); existing != nil {
		other, err := getKey(tx, string(existing))
		if err != nil {
			return err
		}
		return apperr.Newf(apperr.CodeConflict, "Use the existing record; a key is stored once.",
			"This key is already stored as %q.", other.Name)
	}
	if st.freeName {
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
	if err := tx.PutRaw(store.Secrets, k.ID, st.sealed); err != nil {
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
	var k *Key
	err = s.db.Update(func(tx *store.Tx) error {
		if k, err = getKey(tx, id); err != nil {
			return err
		}
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
	return k, err
}

// Delete removes a key and its sealed private part, unless something uses it.
func (s *Service) Delete(id string) error {
	return s.db.Update(func(tx *store.Tx) error {
		k, err := getKey(tx, id)
		if err != nil {
			return err
		}
		if err := tx.RefuseInUse(id, fmt.Sprintf("Key %q", k.Name), "Point those at another key, or delete them first."); err != nil {
			return err
		}
		for _, del := range []struct {
			b  store.Bucket
			id string
		}{{store.Keys, id}, {store.Secrets, id}, {store.KeysByFingerprint, k.FingerprintSHA256}, {store.KeysByName, nameKey(k.Name)}} {
			if err := tx.Delete(del.b, del.id); err != nil {
				return err
			}
		}
		return tx.RemoveRefsTo(id)
	})
}

// Signer opens the sealed private key of id, for use by other backend services (ACME signing).
func (s *Service) Signer(id string) (crypto.Signer, error) {
	var sealed []byte
	err := s.db.View(func(tx *store.Tx) error {
		if _, err := getKey(tx, id); err != nil {
			return err
		}
		sealed = tx.GetRaw(store.Secrets, id)
		return nil
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
