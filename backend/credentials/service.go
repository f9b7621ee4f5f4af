// Package credentials keeps stored credentials: typed sets of values (a DNS
// provider's API token, a CA's EAB key, a password…) of which the secret ones
// are sealed in the vault, with what uses each credential, rotation in place
// and plain-word checks before a credential is used.
package credentials

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/urlcheck"
	"acmedesk/backend/vault"
)

// Limits on what people type or paste.
const (
	MaxValue     = 64 << 10 // bytes, one field's value
	MaxTags      = 20
	MaxTagLength = 64 // characters
)

const nameHint = "Name the credential after what it opens, e.g. \"Cloudflare DNS — example.com\"."

// Credential is a stored credential record. Secret values are not in it: they
// are sealed together in the vault under the same id, written in the same transaction.
type Credential struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Kind        string   `json:"kind"`
	Tags        []string `json:"tags"` // team, tenant… to keep credentials apart
	// Fields holds the values of the non-secret fields.
	Fields map[string]string `json:"fields"`
	// SecretsSet names the secret fields that have a value (the values are sealed).
	SecretsSet []string   `json:"secretsSet"`
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt  time.Time  `json:"updatedAt" ts_type:"string"`
	RotatedAt  *time.Time `json:"rotatedAt,omitempty,omitzero" ts_type:"string"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty,omitzero" ts_type:"string"`
	// ConsumedAt is when a single-use EAB credential was spent: by ClaimEAB,
	// for the account ConsumedBy, just before registering it.
	ConsumedAt *time.Time `json:"consumedAt,omitempty,omitzero" ts_type:"string"`
	ConsumedBy string     `json:"consumedBy,omitempty"`
}

// Details is a credential with what uses it.
type Details struct {
	Credential
	KindLabel string      `json:"kindLabel"`
	UsedBy    []store.Ref `json:"usedBy"`
}

// Input is what people give for a new credential: values of secret and
// non-secret fields alike, by field name.
type Input struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Kind        string            `json:"kind"`
	Tags        []string          `json:"tags"`
	Values      map[string]string `json:"values"`
}

// UpdateInput changes what is not secret. Fields replaces every non-secret value.
type UpdateInput struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Tags        []string          `json:"tags"`
	Fields      map[string]string `json:"fields"`
}

// Filter narrows List; empty parts match everything.
type Filter struct {
	Kind string `json:"kind"`
	Tag  string `json:"tag"` // compared without regard to case
}

// Service manages stored credentials.
type Service struct {
	db    *store.DB
	vault *vault.Vault
	now   func() time.Time
}

// NewService returns a credential service over db, sealing secrets with v.
func NewService(db *store.DB, v *vault.Vault) *Service {
	return &Service{db: db, vault: v, now: time.Now}
}

// Kinds is the catalogue of kinds for the UI (see the package function).
func (s *Service) Kinds() []Kind { return Kinds() }

// Listed is a credential in a list, with how many records use it now.
type Listed struct {
	Credential
	InUse int `json:"inUse"`
}

// List returns the credentials matching f, oldest first. No secret is in them.
func (s *Service) List(f Filter) ([]Listed, error) {
	var out []Listed
	err := s.db.View(func(tx *store.Tx) error {
		all, err := s.ListIn(tx)
		if err != nil {
			return err
		}
		out = make([]Listed, 0, len(all))
		for _, c := range all {
			if (f.Kind == "" || c.Kind == f.Kind) && (f.Tag == "" || hasTag(c.Tags, f.Tag)) {
				refs, err := tx.RefsTo(c.ID)
				if err != nil {
					return err
				}
				l := Listed{Credential: c}
				for _, r := range refs {
					if !r.Historic {
						l.InUse++
					}
				}
				out = append(out, l)
			}
		}
		return nil
	})
	return out, err
}

// ListIn returns every credential, oldest first, inside another service's
// transaction, for a view consistent with its own records. No secret is in them.
func (s *Service) ListIn(tx *store.Tx) ([]Credential, error) {
	return store.List[Credential](tx, store.Credentials)
}

func hasTag(tags []string, want string) bool {
	want = strings.TrimSpace(want)
	return slices.ContainsFunc(tags, func(t string) bool { return strings.EqualFold(t, want) })
}

// Get returns one credential with what uses it; secret values stay sealed.
func (s *Service) Get(id string) (*Details, error) {
	c, refs, err := store.ReadWithRefs(s.db, id, get)
	if err != nil {
		return nil, err
	}
	return &Details{Credential: *c, KindLabel: kindLabel(c.Kind), UsedBy: refs}, nil
}

func kindLabel(id string) string {
	if k, ok := catalogue[id]; ok {
		return k.Label
	}
	return id
}

func get(tx *store.Tx, id string) (*Credential, error) {
	return store.Find[Credential](tx, store.Credentials, id, apperr.New(apperr.CodeNotFound, "This credential no longer exists.", "Refresh the list."))
}

// Create validates and stores a new credential, its secrets sealed in the same transaction.
func (s *Service) Create(in Input) (*Credential, error) {
	st, err := s.Stage(in)
	if err != nil {
		return nil, err
	}
	return st.Store(s.db)
}

// Staged is a credential made ready to store, its secrets already sealed (Put
// refuses a name that is taken by then).
type Staged = vault.Staged[Credential]

// Stage checks in and seals its secrets, for Staged.Put.
func (s *Service) Stage(in Input) (*Staged, error) {
	name, description, err := textfield.Clean(in.Name, in.Description, nameHint)
	if err != nil {
		return nil, err
	}
	k, ok := catalogue[in.Kind]
	if !ok {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose a kind from the list.", "%q is not a kind of credential ACME Desk knows.", in.Kind)
	}
	tags, err := cleanTags(in.Tags)
	if err != nil {
		return nil, err
	}
	plain, secret, err := cleanValues(k, in.Values, true)
	if err != nil {
		return nil, err
	}
	if err := complete(k, plain, keys(secret)); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	c := &Credential{
		ID: uuid.Must(uuid.NewV7()).String(), Name: name, Description: description, Kind: k.ID,
		Tags: tags, Fields: plain, SecretsSet: keys(secret), CreatedAt: now, UpdatedAt: now,
	}
	sealed, err := s.seal(c.ID, secret)
	if err != nil {
		return nil, err
	}
	return vault.NewStaged(c, c.ID, sealed, func(tx *store.Tx) error {
		if err := nameFree(tx, c.Name, ""); err != nil {
			return err
		}
		return tx.Put(store.Credentials, c.ID, c)
	}), nil
}

// seal seals the secret values of credential id together; nil when there are none.
func (s *Service) seal(id string, secret map[string]string) ([]byte, error) {
	if len(secret) == 0 {
		return nil, nil
	}
	raw, err := json.Marshal(secret)
	if err != nil {
		return nil, err
	}
	return s.vault.Seal(id, raw)
}

func nameFree(tx *store.Tx, name, self string) error {
	all, err := store.List[Credential](tx, store.Credentials)
	if err != nil {
		return err
	}
	for _, other := range all {
		if other.ID != self && strings.EqualFold(other.Name, name) {
			return apperr.Newf(apperr.CodeConflict, "Choose another name.", "A credential named %q already exists.", other.Name)
		}
	}
	return nil
}

// Update changes the name, description, tags and non-secret values. Secret
// values are changed with Rotate.
func (s *Service) Update(id string, in UpdateInput) (*Credential, error) {
	name, description, err := textfield.Clean(in.Name, in.Description, nameHint)
	if err != nil {
		return nil, err
	}
	tags, err := cleanTags(in.Tags)
	if err != nil {
		return nil, err
	}
	return store.Change(s.db, id, get, func(tx *store.Tx, c *Credential) error {
		k, err := kindOf(c)
		if err != nil {
			return err
		}
		plain, _, err := cleanValues(k, in.Fields, false)
		if err != nil {
			return err
		}
		if err := complete(k, plain, c.SecretsSet); err != nil {
			return err
		}
		if err := nameFree(tx, name, id); err != nil {
			return err
		}
		c.Name, c.Description, c.Tags, c.Fields, c.UpdatedAt = name, description, tags, plain, s.now().UTC()
		return tx.Put(store.Credentials, id, c)
	})
}

func kindOf(c *Credential) (*Kind, error) {
	k, ok := catalogue[c.Kind]
	if !ok {
		return nil, apperr.Newf(apperr.CodeUnsupported, "It was stored by another version of ACME Desk; delete it or use that version.",
			"Credential %q is of kind %q, which this ACME Desk does not know.", c.Name, c.Kind)
	}
	return k, nil
}

// Reveal returns the value of one field, secret or not. Only call it when
// people ask to see the value, or when a service needs it to do its work.
func (s *Service) Reveal(id, field string) (string, error) {
	var c *Credential
	var sealed []byte
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		if c, err = get(tx, id); err != nil {
			return err
		}
		sealed = vault.Sealed(tx, id)
		return nil
	})
	if err != nil {
		return "", err
	}
	k, err := kindOf(c)
	if err != nil {
		return "", err
	}
	f, ok := k.field(field)
	if !ok {
		return "", apperr.Newf(apperr.CodeInvalidInput, "", "A %s has no field %q.", k.Label, field)
	}
	notSet := apperr.Newf(apperr.CodeNotFound, "Edit or rotate the credential to give it a value.", "Credential %q has no value for %s.", c.Name, f.Label)
	if !f.Secret {
		v, ok := c.Fields[field]
		if !ok {
			return "", notSet
		}
		return v, nil
	}
	if !slices.Contains(c.SecretsSet, field) {
		return "", notSet
	}
	secret, err := s.unseal(c, sealed)
	if err != nil {
		return "", err
	}
	v, ok := secret[field]
	if !ok {
		return "", notSet
	}
	return v, nil
}

func (s *Service) unseal(c *Credential, sealed []byte) (map[string]string, error) {
	if sealed == nil {
		return nil, apperr.Newf(apperr.CodeInternal, "Rotate the credential to store its secret values again.",
			"The secret values of credential %q are missing from the vault.", c.Name)
	}
	raw, err := s.vault.Unseal(c.ID, sealed)
	if err != nil {
		return nil, err
	}
	var secret map[string]string
	if err := json.Unmarshal(raw, &secret); err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "The secret values of credential "+strconv.Quote(c.Name)+" cannot be read.", "Rotate the credential to store them again.")
	}
	return secret, nil
}

// Rotate replaces the secret values of a credential in place: the id, and so
// every use of it, stays. values must hold the new secret values (all of them:
// secrets not given are dropped); non-secret values given with them (an EAB
// key ID, a new expiry) replace the old ones, the others stay.
func (s *Service) Rotate(id string, values map[string]string) (*Credential, error) {
	c, err := store.Read(s.db, func(tx *store.Tx) (*Credential, error) { return get(tx, id) })
	if err != nil {
		return nil, err
	}
	k, err := kindOf(c)
	if err != nil {
		return nil, err
	}
	plain, secret, err := cleanValues(k, values, true)
	if err != nil {
		return nil, err
	}
	if len(secret) == 0 {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Give the new secret values.", "Rotating credential %q needs its new secret values.", c.Name)
	}
	sealed, err := s.seal(id, secret)
	if err != nil {
		return nil, err
	}
	return store.Change(s.db, id, get, func(tx *store.Tx, cur *Credential) error {
		fields := make(map[string]string, len(cur.Fields)+len(plain))
		for n, v := range cur.Fields {
			fields[n] = v
		}
		for n, v := range plain {
			fields[n] = v
		}
		if err := complete(k, fields, keys(secret)); err != nil {
			return err
		}
		now := s.now().UTC()
		cur.Fields, cur.SecretsSet, cur.RotatedAt, cur.UpdatedAt, cur.ConsumedAt, cur.ConsumedBy = fields, keys(secret), &now, now, nil, ""
		if err := vault.PutSealed(tx, id, sealed); err != nil {
			return err
		}
		return tx.Put(store.Credentials, id, cur)
	})
}

// Delete removes a credential and its sealed values, unless something uses it.
func (s *Service) Delete(id string) error {
	_, err := store.Change(s.db, id, get, func(tx *store.Tx, c *Credential) error {
		return tx.DeleteUnused(id, fmt.Sprintf("Credential %q", c.Name), "Point those at another credential, or delete them first.", func() error {
			return errors.Join(tx.Delete(store.Credentials, id), vault.DeleteSealed(tx, id))
		})
	})
	return err
}

// MarkUsed records that the credential was just used.
func (s *Service) MarkUsed(id string) error {
	return s.change(id, func(c *Credential, now time.Time) error {
		c.LastUsedAt = &now
		return nil
	})
}

func (s *Service) change(id string, fn func(*Credential, time.Time) error) error {
	_, err := store.Change(s.db, id, get, func(tx *store.Tx, c *Credential) error {
		if err := fn(c, s.now().UTC()); err != nil {
			return err
		}
		return tx.Put(store.Credentials, id, c)
	})
	return err
}

// AddRef records, inside another service's transaction, that ref uses the
// credential; it fails when the credential no longer exists.
func AddRef(tx *store.Tx, credentialID string, ref store.Ref) error {
	missing := apperr.New(apperr.CodeNotFound, "The chosen credential no longer exists.", "Choose another credential or store a new one.")
	if _, err := store.Find[Credential](tx, store.Credentials, credentialID, missing); err != nil {
		return err
	}
	return tx.AddRef(credentialID, ref)
}

// RemoveRef forgets, inside another service's transaction, that referrer uses the credential.
func RemoveRef(tx *store.Tx, credentialID, referrerID string) error {
	return tx.RemoveRef(credentialID, referrerID)
}

// AddRef records that ref uses the credential.
func (s *Service) AddRef(credentialID string, ref store.Ref) error {
	return s.db.Update(func(tx *store.Tx) error { return AddRef(tx, credentialID, ref) })
}

// RemoveRef forgets that referrer uses the credential.
func (s *Service) RemoveRef(credentialID, referrerID string) error {
	return s.db.Update(func(tx *store.Tx) error { return RemoveRef(tx, credentialID, referrerID) })
}

// MoveRef makes ref use newID instead of oldID, in one transaction.
func (s *Service) MoveRef(oldID, newID string, ref store.Ref) error {
	return s.db.Update(func(tx *store.Tx) error {
		if err := AddRef(tx, newID, ref); err != nil {
			return err
		}
		return tx.RemoveRef(oldID, ref.ID)
	})
}

// cleanValues checks values against the kind's fields and splits them into
// non-secret and secret ones. Empty values count as not given. With
// allowSecret false, a secret field is refused (Update changes no secret).
func cleanValues(k *Kind, values map[string]string, allowSecret bool) (plain, secret map[string]string, err error) {
	plain, secret = map[string]string{}, map[string]string{}
	for name, v := range values {
		f, ok := k.field(name)
		if !ok {
			return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Use the fields the form shows.", "A %s has no field %q.", k.Label, name)
		}
		if !allowSecret && f.Secret {
			return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Rotate the credential to change a secret value.", "%s is secret and cannot be changed by editing.", f.Label)
		}
		if len(v) > MaxValue {
			return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Check that you pasted the right thing.", "The value of %s is larger than %d KiB.", f.Label, MaxValue>>10)
		}
		if !utf8.ValidString(v) {
			return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Paste it as text.", "The value of %s is not valid text.", f.Label)
		}
		if f.Secret {
			v = strings.Trim(v, "\r\n") // a pasted line break, not part of the secret
		} else {
			v = strings.TrimSpace(v)
		}
		if v == "" {
			continue
		}
		if v, err = checkValue(k, f, v); err != nil {
			return nil, nil, err
		}
		if f.Secret {
			secret[name] = v
		} else {
			plain[name] = v
		}
	}
	return plain, secret, nil
}

// checkValue checks one value by its field's type and the kind's rules, and returns it normalised.
func checkValue(k *Kind, f Field, v string) (string, error) {
	bad := func(hint, format string, args ...any) (string, error) {
		return "", apperr.Newf(apperr.CodeInvalidInput, hint, format, args...)
	}
	switch f.Type {
	case TypeDate:
		if _, err := ParseDate(v); err != nil {
			return bad("Use a date such as 2027-06-03, or a time such as 2027-06-03T12:00:00Z.", "%s is not a date.", f.Label)
		}
	case TypeBool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return bad("Use true or false.", "%s must be true or false.", f.Label)
		}
		v = strconv.FormatBool(b)
	case TypeInt:
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
			return bad("Use the number as the CA shows it, e.g. 12345.", "%s must be a positive whole number.", f.Label)
		}
	}
	if !f.Secret && strings.ContainsFunc(v, unicode.IsControl) {
		return bad("Use a single line of text.", "%s contains control characters (such as a line break or tab).", f.Label)
	}
	switch {
	case k.ID == KindEAB && f.Name == EABHMACKey:
		key, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(v, "="))
		if err != nil || len(key) < 16 {
			return bad("Copy the HMAC key exactly as the CA shows it.", "The EAB HMAC key is not a base64url key of at least 16 bytes.")
		}
	case f.Name == APIBaseURL && (k.ID == KindDigiCertPartnerKey || k.ID == KindZeroSSLAccessKey):
		if err := CheckAPIBaseURL(v); err != nil {
			return "", err
		}
	case k.ID == KindEAB && f.Name == EABDirectoryURL:
		if err := urlcheck.HTTPS(v); err != nil {
			return bad("Copy the https:// directory URL the CA gave.", "The ACME directory URL must be an https:// URL with a host: %v.", err)
		}
	}
	return v, nil
}

// ParseDate reads an RFC 3339 date ("2027-06-03", midnight UTC) or time.
func ParseDate(v string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, v)
}

// complete refuses a credential whose required fields are not all set.
func complete(k *Kind, plain map[string]string, secretsSet []string) error {
	if miss := k.missing(setOf(plain, secretsSet)); len(miss) > 0 {
		return apperr.Newf(apperr.CodeInvalidInput, k.describeNeeds(), "A %s credential needs %s.", k.Label, strings.Join(miss, " and "))
	}
	return nil
}

func setOf(plain map[string]string, secretsSet []string) map[string]bool {
	set := make(map[string]bool, len(plain)+len(secretsSet))
	for n := range plain {
		set[n] = true
	}
	for _, n := range secretsSet {
		set[n] = true
	}
	return set
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func cleanTags(in []string) ([]string, error) {
	out := []string{}
	for _, t := range in {
		t = strings.TrimSpace(t)
		switch {
		case t == "":
			continue
		case !utf8.ValidString(t) || strings.ContainsFunc(t, unicode.IsControl):
			return nil, apperr.New(apperr.CodeInvalidInput, "A tag contains control characters or is not valid text.", "Use a short single word or phrase, e.g. a team or tenant name.")
		case utf8.RuneCountInString(t) > MaxTagLength:
			return nil, apperr.Newf(apperr.CodeInvalidInput, "Use a short word or phrase, e.g. a team or tenant name.", "A tag is longer than %d characters.", MaxTagLength)
		}
		if !hasTag(out, t) {
			out = append(out, t)
		}
	}
	if len(out) > MaxTags {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Keep the tags that say who owns the credential.", "A credential can have at most %d tags.", MaxTags)
	}
	return out, nil
}
