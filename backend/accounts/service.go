package accounts

import (
	"context"
	"encoding/base64"
	"fmt"

	"strings"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/google/uuid"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/urlcheck"
)

// refKind labels an account's uses of keys and CAs.
const refKind = "account"

const userAgent = "acmedesk/0.1"

const nameHint = "Name the account after its purpose, e.g. \"Let's Encrypt production\"."

// Service manages accounts.
type Service struct {
	db    *store.DB
	keys  *keys.Service
	cas   *cas.Service
	creds *credentials.Service
	now   func() time.Time
}

// NewService returns the account service.
func NewService(db *store.DB, k *keys.Service, c *cas.Service, creds *credentials.Service) *Service {
	return &Service{db: db, keys: k, cas: c, creds: creds, now: time.Now}
}

// NewInput is what people give for a new account.
type NewInput struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	CAID        string   `json:"caId"`
	KeyID       string   `json:"keyId"` // empty: generate an ECDSA P-384 key for it
	Contacts    []string `json:"contacts"`
	// EABCredentialID picks a stored EAB credential; or EABKeyID and EABHMAC
	// (base64url, as CAs hand it out) are typed in and become a stored credential.
	EABCredentialID string `json:"eabCredentialId"`
	EABKeyID        string `json:"eabKeyId"`
	EABHMAC         string `json:"eabHmac"`
}

// List returns every account, oldest first.
func (s *Service) List() ([]Account, error) { return store.Read(s.db, s.ListIn) }

// ListIn is List inside another service's transaction, for a view consistent with its own records.
func (s *Service) ListIn(tx *store.Tx) ([]Account, error) {
	return store.List[Account](tx, store.Accounts)
}

// Get returns one account.
func (s *Service) Get(id string) (*Account, error) {
	return store.Read(s.db, func(tx *store.Tx) (*Account, error) { return getAccount(tx, id) })
}

func getAccount(tx *store.Tx, id string) (*Account, error) {
	return store.Find[Account](tx, store.Accounts, id, apperr.New(apperr.CodeNotFound, "This account no longer exists.", "Refresh the list."))
}

// Create stores a new, unregistered account. Typed-in EAB values become a
// stored EAB credential that the account refers to.
func (s *Service) Create(ctx context.Context, in NewInput) (*Account, error) {
	a, err := s.prepare(in)
	if err != nil {
		return nil, err
	}
	var made Made
	if in.KeyID == "" {
		if made.Key, err = s.keys.StageGenerate(ctx, a.Name+" key", "Generated for the ACME account "+a.Name, keys.EC384); err != nil {
			return nil, err
		}
		a.KeyID = made.Key.Record.ID
	}
	if a.EABCredentialID == "" && in.EABKeyID != "" {
		made.Credential, err = s.creds.Stage(credentials.Input{
			Name: a.Name + " EAB", Description: "Entered with the ACME account " + a.Name, Kind: credentials.KindEAB,
			Values: map[string]string{credentials.EABCAID: a.CAID, credentials.EABKeyID: strings.TrimSpace(in.EABKeyID), credentials.EABHMACKey: strings.TrimSpace(in.EABHMAC)},
		})
		if err != nil {
			return nil, err
		}
		a.EABCredentialID = made.Credential.Record.ID
	}
	err = s.db.Update(func(tx *store.Tx) error {
		if err := made.put(tx); err != nil {
			return err
		}
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		return s.put(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Made is what was made for an account before it is stored: a generated or
// imported key, an EAB credential entered with it. They are stored in the
// account's transaction: all of them, or (killed, failed) none.
type Made struct {
	Key        *keys.Staged
	Credential *credentials.Staged
}

func (m Made) put(tx *store.Tx) error {
	if m.Key != nil {
		if err := m.Key.Put(tx); err != nil {
			return err
		}
	}
	if m.Credential != nil {
		return m.Credential.Put(tx)
	}
	return nil
}

// prepare validates input into an account record.
func (s *Service) prepare(in NewInput) (*Account, error) {
	name, description, err := textfield.Clean(in.Name, in.Description, nameHint)
	if err != nil {
		return nil, err
	}
	contacts, err := cleanContacts(in.Contacts)
	if err != nil {
		return nil, err
	}
	if _, err := s.cas.Get(in.CAID); err != nil {
		return nil, err
	}
	if in.EABCredentialID != "" {
		if in.EABKeyID != "" || in.EABHMAC != "" {
			return nil, apperr.New(apperr.CodeInvalidInput, "Choose a stored EAB credential or type in a new one, not both.", "")
		}
		if err := s.checkEABCredential(in.EABCredentialID); err != nil {
			return nil, err
		}
	} else if err := checkTypedEAB(in.EABKeyID, in.EABHMAC); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	return &Account{
		ID: uuid.Must(uuid.NewV7()).String(), Name: name, Description: description, CAID: in.CAID,
		KeyID: in.KeyID, Contacts: contacts, Status: StatusUnregistered, EABCredentialID: in.EABCredentialID,
		CreatedAt: now, UpdatedAt: now,
	}, nil
}

func (s *Service) checkEABCredential(id string) error {
	c, err := s.creds.Get(id)
	if err != nil {
		return err
	}
	if c.Kind != credentials.KindEAB {
		return apperr.Newf(apperr.CodeInvalidInput, "Choose an EAB credential.", "Credential %q is not an EAB credential.", c.Name)
	}
	return nil
}

// checkTypedEAB catches the usual copy-and-paste mistakes before anything is stored.
func checkTypedEAB(kid, hmac string) error {
	kid, hmac = strings.TrimSpace(kid), strings.TrimSpace(hmac)
	switch {
	case kid == "" && hmac == "":
		return nil
	case kid == "" || hmac == "":
		return apperr.New(apperr.CodeInvalidInput, "External account binding needs both the key ID and the HMAC key.", "Copy both from the CA.")
	case len(kid) > maxEABKeyIDLength || len(hmac) > maxEABHMACLength:
		return apperr.New(apperr.CodeInvalidInput, "The EAB key ID or HMAC key is far longer than any CA hands out.", "Copy them again from the CA.")
	}
	key, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(hmac, "="))
	if err != nil || len(key) < 16 {
		return apperr.New(apperr.CodeInvalidInput, "The EAB HMAC key is not a base64url key.", "Copy the HMAC key exactly as the CA shows it.")
	}
	return nil
}

// checkNew refuses a duplicate name and a key another account uses.
func (s *Service) checkNew(tx *store.Tx, a *Account) error {
	all, err := s.ListIn(tx)
	if err != nil {
		return err
	}
	for _, other := range all {
		if other.ID != a.ID && strings.EqualFold(other.Name, a.Name) {
			return apperr.Newf(apperr.CodeConflict, "Choose another name.", "An account named %q already exists.", other.Name)
		}
	}
	return s.keyFree(tx, a.KeyID, a.ID)
}

// keyFree refuses a key that another account currently uses: one key, one account.
func (s *Service) keyFree(tx *store.Tx, keyID, accountID string) error {
	k, err := s.keys.GetIn(tx, keyID)
	if err != nil {
		if apperr.From(err).Code == apperr.CodeNotFound {
			return apperr.New(apperr.CodeNotFound, "The chosen key no longer exists.", "Choose another key or generate one.")
		}
		return err
	}
	refs, err := tx.RefsTo(keyID)
	if err != nil {
		return err
	}
	for _, r := range refs {
		if r.Kind == refKind && r.ID != accountID {
			label := r.Label
			if r.Historic {
				label += ", which retired it"
			}
			return apperr.Newf(apperr.CodeConflict, "Pick an unused key or generate a new one.",
				"Key %q is already used by account %q.", k.Name, label)
		}
	}
	return nil
}

// put writes the account and its references to its key and CA.
func (s *Service) put(tx *store.Tx, a *Account) error {
	if err := tx.Put(store.Accounts, a.ID, a); err != nil {
		return err
	}
	if err := tx.AddRef(a.KeyID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name}); err != nil {
		return err
	}
	if a.EABCredentialID != "" {
		if err := credentials.AddRef(tx, a.EABCredentialID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name}); err != nil {
			return err
		}
	}
	for _, r := range a.RetiredKeys {
		if err := tx.AddRef(r.KeyID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name + " (retired key)", Historic: true}); err != nil {
			return err
		}
	}
	if p := a.Pending; p != nil && p.NewKeyID != "" {
		if err := tx.AddRef(p.NewKeyID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name + " (rollover not settled)"}); err != nil {
			return err
		}
	}
	return tx.AddRef(a.CAID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name})
}

// Update changes the local name and description.
func (s *Service) Update(id, name, description string) (*Account, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	return store.Change(s.db, id, getAccount, func(tx *store.Tx, a *Account) error {
		a.Name, a.Description, a.UpdatedAt = name, description, s.now().UTC()
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		return s.put(tx, a)
	})
}

// Delete forgets the account locally; it does not touch the account at the CA.
func (s *Service) Delete(id string) error {
	_, err := store.Change(s.db, id, getAccount, func(tx *store.Tx, a *Account) error {
		targets := append([]string{a.KeyID, a.CAID, a.EABCredentialID}, retiredIDs(a)...)
		if a.Pending != nil && a.Pending.NewKeyID != "" {
			targets = append(targets, a.Pending.NewKeyID)
		}
		for _, target := range targets {
			if err := tx.RemoveRef(target, a.ID); err != nil {
				return err
			}
		}
		return tx.Delete(store.Accounts, a.ID)
	})
	return err
}

func retiredIDs(a *Account) []string {
	out := make([]string, len(a.RetiredKeys))
	for i, r := range a.RetiredKeys {
		out[i] = r.KeyID
	}
	return out
}

// FindInput names a key to look up at a CA.
type FindInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	CAID        string `json:"caId"`
	KeyID       string `json:"keyId"`
}

// FindByKey asks the CA for the account of an existing key (onlyReturnExisting,
// RFC 8555 §7.3.1) and stores it, so an account registered elsewhere can be used here.
func (s *Service) FindByKey(ctx context.Context, in FindInput) (*Account, error) {
	if in.KeyID == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "Choose the key of the account to find.", "Import the account's key under Keys first.")
	}
	a, err := s.prepare(NewInput{Name: in.Name, Description: in.Description, CAID: in.CAID, KeyID: in.KeyID})
	if err != nil {
		return nil, err
	}
	if err := s.db.View(func(tx *store.Tx) error { return s.checkNew(tx, a) }); err != nil {
		return nil, err
	}
	sess, err := s.connect(ctx, a, a.KeyID, false)
	if err != nil {
		return nil, err
	}
	found, err := sess.core.Accounts.New(acme.Account{OnlyReturnExisting: true})
	if err != nil {
		if acmeerr.Type(err) == "accountDoesNotExist" {
			return nil, apperr.Wrap(err, apperr.CodeNotFound, "No account exists for this key at "+sess.ca.Name+".",
				"Check the key and the CA (staging and production are separate), or create a new account instead.")
		}
		return nil, s.explain(ctx, sess, err)
	}
	if err := urlcheck.HTTPS(found.Location); err != nil {
		return nil, badKID(found.Location, err)
	}
	a.KID = found.Location
	s.mergeStatus(a, found.Account)
	err = s.db.Update(func(tx *store.Tx) error {
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		return s.put(tx, a)
	})
	return a, err
}

// ValidAt returns a valid account at the CA, or says plainly that there is none.
func (s *Service) ValidAt(caID string) (*Account, error) {
	all, err := s.List()
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].CAID == caID && all[i].Status == StatusValid {
			return &all[i], nil
		}
	}
	name := caID
	if d, err := s.cas.Get(caID); err == nil {
		name = d.Name
	}
	return nil, apperr.New(apperr.CodeNotFound, "There is no matching ACME account.",
		"No valid account at "+name+". Create and register one on the Accounts page (staging and production need separate accounts), or choose a CA where you have one.")
}

// CAARecord is the CAA record (RFC 8659, accounturi from RFC 8657) that lets
// only this account obtain certificates for a domain from its CA.
type CAARecord struct {
	Value string `json:"value"` // e.g. 0 issue "letsencrypt.org; accounturi=https://…"
}

// CAA builds the CAA record for a valid account.
func (s *Service) CAA(ctx context.Context, id string) (*CAARecord, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if a.Status != StatusValid {
		if a.Status == StatusUnregistered {
			return nil, errUnregistered(a)
		}
		return nil, errInactive(a)
	}
	dir, err := s.cas.Directory(ctx, a.CAID, false)
	if err != nil {
		return nil, err
	}
	if len(dir.Meta.CAAIdentities) == 0 {
		return nil, apperr.New(apperr.CodeUnsupported, "This CA's directory names no CAA identity.", "Ask the CA which issuer domain to put in CAA records.")
	}
	return &CAARecord{Value: `0 issue "` + dir.Meta.CAAIdentities[0] + `; accounturi=` + a.KID + `"`}, nil
}

// ImportInput describes an account that already exists at its CA (registered
// by another client, e.g. certbot, lego or acme.sh), to be stored as it is.
type ImportInput struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	CAID        string   `json:"caId"`
	KeyID       string   `json:"keyId"` // the stored key of the account (required)
	KID         string   `json:"kid"`   // the account URL the CA assigned (required)
	Contacts    []string `json:"contacts"`
	// Status as last known; empty means valid.
	Status Status `json:"status"`
	// EABCredentialID optionally refers to the stored EAB credential the account was registered with.
	EABCredentialID string     `json:"eabCredentialId,omitempty"`
	RegisteredAt    *time.Time `json:"registeredAt,omitempty"`
}

// ImportExisting stores an account registered elsewhere, with its references,
// like Create does; nothing is asked of the CA. An account with the same key,
// or with the same account URL at the same CA, is refused as a duplicate.
func (s *Service) ImportExisting(_ context.Context, in ImportInput) (*Account, error) {
	a, err := s.PrepareImport(in)
	if err != nil {
		return nil, err
	}
	if err := s.StoreImported(a, Made{}); err != nil {
		return nil, err
	}
	return a, nil
}

// PrepareImport checks an account registered elsewhere, for StoreImported.
func (s *Service) PrepareImport(in ImportInput) (*Account, error) {
	if in.KeyID == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "Choose the key of the account to import.", "Import the account's key under Keys first.")
	}
	kid := strings.TrimSpace(in.KID)
	if err := urlcheck.HTTPS(kid); err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The account URL (KID) is missing or is not a valid https:// URL: "+err.Error()+".",
			"Take the account URL from the client's account files, or find the account by its key instead.")
	}
	status := in.Status
	switch status {
	case "":
		status = StatusValid
	case StatusValid, StatusDeactivated, StatusRevoked:
	default:
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Use valid, deactivated or revoked.", "%q is not an account status.", textfield.Truncate(string(status), 40))
	}
	a, err := s.prepare(NewInput{Name: in.Name, Description: in.Description, CAID: in.CAID, KeyID: in.KeyID, Contacts: in.Contacts})
	if err != nil {
		return nil, err
	}
	a.KID, a.Status, a.RegisteredAt, a.EABCredentialID = kid, status, in.RegisteredAt, in.EABCredentialID
	return a, nil
}

// badKID refuses an account URL a CA answered with that is not a valid URL:
// it would be stored, shown and written into other clients' files.
func badKID(kid string, err error) error {
	return apperr.Wrap(err, apperr.CodeACME, fmt.Sprintf("The CA answered with an account URL that is not a valid https URL (%.80q): %v.", kid, err),
		"Nothing was stored from that answer. Report it to the CA.")
}

// StoreImported stores a prepared imported account with what was made for it
// (its key, its EAB credential) in one transaction, refusing duplicates.
func (s *Service) StoreImported(a *Account, made Made) error {
	return s.db.Update(func(tx *store.Tx) error {
		if err := made.put(tx); err != nil {
			return err
		}
		return s.putImported(tx, a)
	})
}

func (s *Service) putImported(tx *store.Tx, a *Account) error {
	if a.EABCredentialID != "" {
		if err := credentials.RequireEAB(tx, a.EABCredentialID); err != nil {
			return err
		}
	}
	if err := s.checkNew(tx, a); err != nil {
		return err
	}
	all, err := s.ListIn(tx)
	if err != nil {
		return err
	}
	for _, other := range all {
		if other.CAID == a.CAID && other.KID == a.KID {
			return apperr.Newf(apperr.CodeConflict, "Use the existing record.", "This account is already stored as %q.", other.Name)
		}
	}
	return s.put(tx, a)
}
