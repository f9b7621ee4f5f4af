package accounts

import (
	"context"
	"crypto"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"
	"github.com/google/uuid"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
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
func (s *Service) List() ([]Account, error) {
	var out []Account
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		out, err = store.List[Account](tx, store.Accounts)
		return err
	})
	return out, err
}

// Get returns one account.
func (s *Service) Get(id string) (*Account, error) {
	var a *Account
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		a, err = getAccount(tx, id)
		return err
	})
	return a, err
}

func getAccount(tx *store.Tx, id string) (*Account, error) {
	var a Account
	ok, err := tx.Get(store.Accounts, id, &a)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, apperr.New(apperr.CodeNotFound, "This account no longer exists.", "Refresh the list.")
	}
	return &a, nil
}

// Create stores a new, unregistered account. Typed-in EAB values become a
// stored EAB credential that the account refers to.
func (s *Service) Create(ctx context.Context, in NewInput) (*Account, error) {
	a, err := s.prepare(in)
	if err != nil {
		return nil, err
	}
	var cleanup []func()
	defer func() {
		for _, undo := range cleanup {
			undo() // the account was not stored: what was made for it is of no use
		}
	}()
	if in.KeyID == "" {
		k, err := s.keys.Generate(ctx, a.Name+" key", "Generated for the ACME account "+a.Name, keys.EC384)
		if err != nil {
			return nil, err
		}
		a.KeyID = k.ID
		cleanup = append(cleanup, func() { s.keys.Delete(k.ID) })
	}
	if a.EABCredentialID == "" && in.EABKeyID != "" {
		c, err := s.creds.Create(credentials.Input{
			Name: a.Name + " EAB", Description: "Entered with the ACME account " + a.Name, Kind: credentials.KindEAB,
			Values: map[string]string{credentials.EABCAID: a.CAID, credentials.EABKeyID: strings.TrimSpace(in.EABKeyID), credentials.EABHMACKey: strings.TrimSpace(in.EABHMAC)},
		})
		if err != nil {
			return nil, err
		}
		a.EABCredentialID = c.ID
		cleanup = append(cleanup, func() { s.creds.Delete(c.ID) })
	}
	err = s.db.Update(func(tx *store.Tx) error {
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		return s.put(tx, a)
	})
	if err != nil {
		return nil, err
	}
	cleanup = nil
	return a, nil
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
	all, err := store.List[Account](tx, store.Accounts)
	if err != nil {
		return err
	}
	for _, other := range all {
		if other.ID != a.ID && strings.EqualFold(other.Name, a.Name) {
			return apperr.Newf(apperr.CodeConflict, "Choose another name.", "An account named %q already exists.", other.Name)
		}
	}
	return keyFree(tx, a.KeyID, a.ID)
}

// keyFree refuses a key that another account currently uses: one key, one account.
func keyFree(tx *store.Tx, keyID, accountID string) error {
	var k keys.Key
	if ok, err := tx.Get(store.Keys, keyID, &k); err != nil {
		return err
	} else if !ok {
		return apperr.New(apperr.CodeNotFound, "The chosen key no longer exists.", "Choose another key or generate one.")
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
	return tx.AddRef(a.CAID, store.Ref{Kind: refKind, ID: a.ID, Label: a.Name})
}

// Update changes the local name and description.
func (s *Service) Update(id, name, description string) (*Account, error) {
	name, description, err := textfield.Clean(name, description, nameHint)
	if err != nil {
		return nil, err
	}
	var a *Account
	err = s.db.Update(func(tx *store.Tx) error {
		if a, err = getAccount(tx, id); err != nil {
			return err
		}
		a.Name, a.Description, a.UpdatedAt = name, description, s.now().UTC()
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		return s.put(tx, a)
	})
	return a, err
}

// Delete forgets the account locally; it does not touch the account at the CA.
func (s *Service) Delete(id string) error {
	return s.db.Update(func(tx *store.Tx) error {
		a, err := getAccount(tx, id)
		if err != nil {
			return err
		}
		for _, target := range append([]string{a.KeyID, a.CAID, a.EABCredentialID}, retiredIDs(a)...) {
			if err := tx.RemoveRef(target, a.ID); err != nil {
				return err
			}
		}
		return tx.Delete(store.Accounts, a.ID)
	})
}

func retiredIDs(a *Account) []string {
	out := make([]string, len(a.RetiredKeys))
	for i, r := range a.RetiredKeys {
		out[i] = r.KeyID
	}
	return out
}

// session is what one operation at the CA needs.
type session struct {
	account *Account
	ca      *cas.CA
	client  *http.Client
	signer  crypto.Signer
	core    *api.Core
}

// open loads an account, its CA and key, and connects to the CA's directory.
// kid selects JWS signing by account URL (registered accounts) or by embedded key.
func (s *Service) open(ctx context.Context, id string, useKID bool) (*session, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	return s.connect(ctx, a, a.KeyID, useKID)
}

func (s *Service) connect(_ context.Context, a *Account, keyID string, useKID bool) (*session, error) {
	d, err := s.cas.Get(a.CAID)
	if err != nil {
		return nil, err
	}
	if d.DirectoryURL == "" {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Add the CA with your own directory URL under Certificate Authorities.", "%s has no directory URL of its own.", d.Name)
	}
	signer, err := s.keys.Signer(keyID)
	if err != nil {
		return nil, err
	}
	client, err := cas.HTTPClient(&d.CA)
	if err != nil {
		return nil, err
	}
	kid := ""
	if useKID {
		kid = a.KID
	}
	core, err := api.New(client, userAgent, d.DirectoryURL, kid, signer)
	if err != nil {
		return nil, acmeerr.Explain(err, d.DirectoryURL)
	}
	return &session{account: a, ca: &d.CA, client: client, signer: signer, core: core}, nil
}

func (s *Service) explain(sess *session, err error) error {
	return acmeerr.Explain(err, sess.ca.DirectoryURL)
}

// save stores a changed account, unless it vanished meanwhile.
func (s *Service) save(a *Account) error {
	a.UpdatedAt = s.now().UTC()
	return s.db.Update(func(tx *store.Tx) error {
		if _, err := getAccount(tx, a.ID); err != nil {
			return err
		}
		return s.put(tx, a)
	})
}

func (s *Service) touch(a *Account, status acme.Account) {
	now := s.now().UTC()
	a.CheckedAt = &now
	if status.Status != "" {
		a.Status = Status(status.Status)
	}
	if status.Contact != nil {
		a.Contacts = fromMailtos(status.Contact)
	}
}

// requireActive refuses operations on accounts that cannot act at the CA.
func requireActive(a *Account) error {
	switch a.Status {
	case StatusUnregistered:
		return errUnregistered(a)
	case StatusDeactivated, StatusRevoked:
		return errInactive(a)
	}
	return nil
}

// Register creates the account at its CA. agreeTerms must be true when the CA has terms of service.
func (s *Service) Register(ctx context.Context, id string, agreeTerms bool) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	switch a.Status {
	case StatusValid:
		return nil, apperr.Newf(apperr.CodeConflict, "Use Refresh to check it at the CA.", "Account %q is already registered.", a.Name)
	case StatusDeactivated, StatusRevoked:
		return nil, errInactive(a)
	}
	dir, err := s.cas.Directory(ctx, a.CAID, false)
	if err != nil {
		return nil, err
	}
	if dir.Meta.TermsOfService != "" && !agreeTerms {
		return nil, apperr.New(apperr.CodeInvalidInput, "Registering requires agreeing to the CA's terms of service.",
			"Read them at "+dir.Meta.TermsOfService+" and tick the box to agree.")
	}
	// Missing, expired or spent single-use EAB credentials are caught before the CA is asked.
	if a.EABCredentialID != "" {
		if err := s.creds.CheckEABUsable(a.EABCredentialID); err != nil {
			return nil, err
		}
	} else if dir.Meta.ExternalAccountRequired {
		d, err := s.cas.Get(a.CAID)
		if err != nil {
			return nil, err
		}
		return nil, s.eabMissing(&d.CA)
	}
	sess, err := s.connect(ctx, a, a.KeyID, false)
	if err != nil {
		return nil, err
	}
	msg := acme.Account{TermsOfServiceAgreed: agreeTerms, Contact: mailtos(a.Contacts)}
	var created acme.ExtendedAccount
	if a.EABCredentialID != "" {
		kid, err := s.creds.Reveal(a.EABCredentialID, credentials.EABKeyID)
		if err != nil {
			return nil, err
		}
		hmac, err := s.creds.Reveal(a.EABCredentialID, credentials.EABHMACKey)
		if err != nil {
			return nil, err
		}
		if created, err = sess.core.Accounts.NewEAB(msg, kid, hmac); err != nil {
			return nil, s.explain(sess, err)
		}
		if err := s.creds.MarkEABUsed(a.EABCredentialID); err != nil {
			return nil, err
		}
	} else if created, err = sess.core.Accounts.New(msg); err != nil {
		return nil, s.explain(sess, err)
	}
	now := s.now().UTC()
	a.KID, a.RegisteredAt, a.TermsOfService = created.Location, &now, dir.Meta.TermsOfService
	s.touch(a, created.Account)
	return a, s.save(a)
}

func (s *Service) eabMissing(ca *cas.CA) error {
	hint := "Get an EAB key ID and HMAC key from the CA, add them to this account, then register."
	if ca.EABHelp != "" {
		hint = ca.EABHelp
	}
	return apperr.New(apperr.CodeEABRequired, ca.Name+" requires an external account binding (EAB) to register.", hint)
}

// Repoint makes the account refer to another stored EAB credential (after a
// rotation at the CA); it implements eab.Repointer.
func (s *Service) Repoint(_ context.Context, accountID, credentialID string) error {
	if err := s.checkEABCredential(credentialID); err != nil {
		return err
	}
	return s.db.Update(func(tx *store.Tx) error {
		a, err := getAccount(tx, accountID)
		if err != nil {
			return err
		}
		if a.EABCredentialID != "" {
			if err := tx.RemoveRef(a.EABCredentialID, a.ID); err != nil {
				return err
			}
		}
		a.EABCredentialID, a.UpdatedAt = credentialID, s.now().UTC()
		return s.put(tx, a)
	})
}

// Refresh reads the account's status and contacts from the CA.
func (s *Service) Refresh(ctx context.Context, id string) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if a.Status == StatusUnregistered {
		return nil, errUnregistered(a)
	}
	sess, err := s.connect(ctx, a, a.KeyID, true)
	if err != nil {
		return nil, err
	}
	got, err := sess.core.Accounts.Get(a.KID)
	if err != nil {
		return nil, s.explain(sess, err)
	}
	s.touch(a, got)
	return a, s.save(a)
}

// RefreshResult is the outcome of refreshing one account.
type RefreshResult struct {
	ID     string        `json:"id"`
	Status Status        `json:"status"`
	Error  *apperr.Error `json:"error,omitempty"`
}

// RefreshAll refreshes every registered account, at most concurrency at a time.
func (s *Service) RefreshAll(ctx context.Context, concurrency int) ([]RefreshResult, error) {
	all, err := s.List()
	if err != nil {
		return nil, err
	}
	concurrency = max(concurrency, 1)
	var results []RefreshResult
	for _, a := range all {
		if a.Status != StatusUnregistered {
			results = append(results, RefreshResult{ID: a.ID, Status: a.Status})
		}
	}
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		sem <- struct{}{}
		go func(r *RefreshResult) {
			defer func() { <-sem; wg.Done() }()
			if a, err := s.Refresh(ctx, r.ID); err != nil {
				r.Error = apperr.From(err)
			} else {
				r.Status = a.Status
			}
		}(&results[i])
	}
	wg.Wait()
	return results, nil
}

// ChangeContacts replaces the account's contact addresses at the CA.
func (s *Service) ChangeContacts(ctx context.Context, id string, contacts []string) (*Account, error) {
	cleaned, err := cleanContacts(contacts)
	if err != nil {
		return nil, err
	}
	sess, err := s.open(ctx, id, true)
	if err != nil {
		return nil, err
	}
	a := sess.account
	if err := requireActive(a); err != nil {
		return nil, err
	}
	got, err := sess.core.Accounts.Update(a.KID, acme.Account{Contact: mailtos(cleaned)})
	if err != nil {
		return nil, s.explain(sess, err)
	}
	s.touch(a, got)
	if got.Contact == nil {
		a.Contacts = cleaned
	}
	return a, s.save(a)
}

// Rollover replaces the account's key at the CA with newKeyID (RFC 8555
// §7.3.5). An empty newKeyID generates a new ECDSA P-384 key. The old key is
// kept, marked as retired from this account.
func (s *Service) Rollover(ctx context.Context, id, newKeyID string) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if err := requireActive(a); err != nil {
		return nil, err
	}
	dir, err := s.cas.Directory(ctx, a.CAID, false)
	if err != nil {
		return nil, err
	}
	if !dir.KeyChangeOffered {
		return nil, apperr.New(apperr.CodeUnsupported, "This CA does not offer account key rollover (its directory has no keyChange).",
			"Register a new account with a new key instead, then deactivate this one.")
	}
	generated := false
	if newKeyID == "" {
		name := fmt.Sprintf("%s key (rollover %d)", a.Name, len(a.RetiredKeys)+1)
		k, err := s.keys.Generate(ctx, name, "Generated to replace the key of the ACME account "+a.Name, keys.EC384)
		if err != nil {
			return nil, err
		}
		newKeyID, generated = k.ID, true
	}
	if err := s.rollover(ctx, a, dir, newKeyID); err != nil {
		if generated {
			s.keys.Delete(newKeyID)
		}
		return nil, err
	}
	return a, nil
}

func (s *Service) rollover(ctx context.Context, a *Account, dir *cas.Directory, newKeyID string) error {
	if newKeyID == a.KeyID {
		return apperr.New(apperr.CodeInvalidInput, "The account already uses this key.", "Choose another key.")
	}
	if err := s.db.View(func(tx *store.Tx) error { return keyFree(tx, newKeyID, "") }); err != nil {
		return err
	}
	sess, err := s.connect(ctx, a, a.KeyID, true)
	if err != nil {
		return err
	}
	newKey, err := s.keys.Signer(newKeyID)
	if err != nil {
		return err
	}
	legoDir := acme.Directory{NewNonceURL: dir.NewNonce, KeyChangeURL: dir.KeyChange}
	if err := changeKey(ctx, sess.client, legoDir, a.KID, sess.signer, newKey); err != nil {
		if errors.Is(err, errNoKeyChange) {
			return apperr.Wrap(err, apperr.CodeUnsupported, "This CA does not offer account key rollover.", "")
		}
		return s.explain(sess, err)
	}
	now := s.now().UTC()
	old := a.KeyID
	a.RetiredKeys = append(a.RetiredKeys, RetiredKey{KeyID: old, RetiredAt: now})
	a.KeyID = newKeyID
	a.UpdatedAt = now
	return s.db.Update(func(tx *store.Tx) error {
		if err := tx.RemoveRef(old, a.ID); err != nil {
			return err
		}
		return s.put(tx, a)
	})
}

// Deactivate deactivates the account at its CA (RFC 8555 §7.3.6). It cannot be
// undone, so confirmName must repeat the account's name.
func (s *Service) Deactivate(ctx context.Context, id, confirmName string) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(confirmName) != a.Name {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Deactivation cannot be undone; type the name exactly to confirm.",
			"The name typed does not match %q.", a.Name)
	}
	if err := requireActive(a); err != nil {
		return nil, err
	}
	sess, err := s.connect(ctx, a, a.KeyID, true)
	if err != nil {
		return nil, err
	}
	if err := sess.core.Accounts.Deactivate(a.KID); err != nil {
		return nil, s.explain(sess, err)
	}
	now := s.now().UTC()
	a.Status, a.CheckedAt = StatusDeactivated, &now
	return a, s.save(a)
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
		return nil, s.explain(sess, err)
	}
	a.KID = found.Location
	s.touch(a, found.Account)
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
	if in.KeyID == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "Choose the key of the account to import.", "Import the account's key under Keys first.")
	}
	kid := strings.TrimSpace(in.KID)
	if u, err := url.Parse(kid); kid == "" || err != nil || !strings.EqualFold(u.Scheme, "https") || u.Host == "" || len(kid) > cas.MaxURLLength {
		return nil, apperr.New(apperr.CodeInvalidInput, "The account URL (KID) is missing or is not an https:// URL.",
			"Take the account URL from the client's account files, or find the account by its key instead.")
	}
	status := in.Status
	switch status {
	case "":
		status = StatusValid
	case StatusValid, StatusDeactivated, StatusRevoked:
	default:
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Use valid, deactivated or revoked.", "%q is not an account status.", truncate(string(status), 40))
	}
	a, err := s.prepare(NewInput{Name: in.Name, Description: in.Description, CAID: in.CAID, KeyID: in.KeyID,
		Contacts: in.Contacts, EABCredentialID: in.EABCredentialID})
	if err != nil {
		return nil, err
	}
	a.KID, a.Status, a.RegisteredAt = kid, status, in.RegisteredAt
	err = s.db.Update(func(tx *store.Tx) error {
		if err := s.checkNew(tx, a); err != nil {
			return err
		}
		all, err := store.List[Account](tx, store.Accounts)
		if err != nil {
			return err
		}
		for _, other := range all {
			if other.CAID == a.CAID && other.KID == a.KID {
				return apperr.Newf(apperr.CodeConflict, "Use the existing record.", "This account is already stored as %q.", other.Name)
			}
		}
		return s.put(tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
