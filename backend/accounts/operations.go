package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-acme/lego/v4/acme"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/urlcheck"
)

// A change at the CA runs in four steps, so that nothing a user did is lost
// whatever happens to the CA, the network or this process:
//  1. begin: mark the record with the change (Pending), in one transaction
//     with the checks of the record as it is now;
//  2. send the request;
//  3. on the CA's answer, finish: merge only what the CA said into the record
//     as it is then, and clear the mark, in one transaction;
//  4. on a refusal, or a request that never left, take the mark back; on
//     anything else (a lost answer, a dead CA, 5xx) ask the CA what it did
//     (settle) and, if it cannot tell yet, leave the mark: the account then
//     says plainly that the outcome is unknown, and Check at CA settles it.

// sendFunc sends a change and returns how to merge the CA's answer.
type sendFunc func(sess *session, a *Account) (merge func(tx *store.Tx, a *Account) error, err error)

func (s *Service) change(ctx context.Context, id string, p Pending, ready func(tx *store.Tx, a *Account, p *Pending) error, send sendFunc) (*Account, error) {
	a, err := s.begin(id, p, ready)
	if err != nil {
		return nil, err
	}
	sess, err := s.connect(ctx, a, a.KeyID, p.Op != OpRegister)
	if err != nil {
		return nil, s.takeBack(id, true, err)
	}
	merge, err := send(sess, a)
	if err != nil {
		return s.afterFailure(ctx, sess, id, p.Op, err)
	}
	out, err := s.finish(id, merge)
	if err != nil {
		return nil, notStored(err, p.Op)
	}
	return out, nil
}

// takeBack removes the mark of a change that the CA did not make, and returns cause.
func (s *Service) takeBack(id string, discardNewKey bool, cause error) error {
	if err := s.abandon(id, discardNewKey); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

func (s *Service) afterFailure(ctx context.Context, sess *session, id string, op Op, err error) (*Account, error) {
	cause := s.explain(ctx, sess, err)
	if !unclear(sess, err) {
		return nil, s.takeBack(id, true, cause)
	}
	a, applied, serr := s.settle(ctx, id)
	switch {
	case serr != nil:
		return nil, unknownOutcome(op, cause)
	case applied:
		return a, nil
	}
	return nil, cause // the CA says it did not make the change
}

func unknownOutcome(op Op, cause error) error {
	hint := "The account says so until you use Check at CA once the CA answers again; other changes to it wait until then."
	if op == OpRollover {
		hint = "Both keys are kept, and the account says so until you use Check at CA once the CA answers again."
	}
	return apperr.Wrap(cause, apperr.CodeOutcomeUnknown,
		"The CA did not answer, so ACME Desk does not know whether it "+opWords[op]+".", hint)
}

// abandon clears the mark of a change that was not made. A single-use EAB
// credential claimed for a registration is given back; a key generated for a
// rollover is deleted only when discardNewKey says it never controlled the
// account (the request never left, or the CA refused it).
func (s *Service) abandon(id string, discardNewKey bool) error {
	discard := ""
	err := s.db.Update(func(tx *store.Tx) error {
		a, err := getAccount(tx, id)
		if err != nil || a.Pending == nil {
			return err
		}
		p := a.Pending
		switch p.Op {
		case OpRegister:
			if p.EABCredentialID != "" {
				if err := credentials.ReleaseEAB(tx, p.EABCredentialID, a.ID); err != nil {
					return err
				}
			}
		case OpRollover:
			if err := tx.RemoveRef(p.NewKeyID, a.ID); err != nil {
				return err
			}
			if p.NewKeyGenerated && discardNewKey {
				discard = p.NewKeyID
			}
		}
		a.Pending = nil // as it was: nothing changed
		return s.put(tx, a)
	})
	if err == nil && discard != "" {
		err = s.keys.Delete(discard)
	}
	return err
}

// Register creates the account at its CA. agreeTerms must be true when the CA has terms of service.
func (s *Service) Register(ctx context.Context, id string, agreeTerms bool) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if err := registrable(a); err != nil {
		return nil, err
	}
	dir, err := s.cas.Directory(ctx, a.CAID, false)
	if err != nil {
		return nil, err
	}
	if dir.Meta.TermsOfService != "" && !agreeTerms {
		return nil, apperr.New(apperr.CodeInvalidInput, "Registering requires agreeing to the CA's terms of service.",
			"Read them at "+dir.Meta.TermsOfService+" and tick the box to agree.")
	}
	// Missing, expired or spent single-use EAB credentials are caught before the CA is asked;
	// a single-use one is spent in the same transaction that marks the registration,
	// so two registrations cannot both send it.
	return s.change(ctx, id, Pending{Op: OpRegister, TermsOfService: dir.Meta.TermsOfService}, func(tx *store.Tx, cur *Account, p *Pending) error {
		if err := registrable(cur); err != nil {
			return err
		}
		if cur.EABCredentialID == "" {
			if dir.Meta.ExternalAccountRequired {
				d, err := s.cas.Get(cur.CAID)
				if err != nil {
					return err
				}
				return s.eabMissing(&d.CA)
			}
			return nil
		}
		p.EABCredentialID = cur.EABCredentialID
		return credentials.ClaimEAB(tx, cur.EABCredentialID, cur.ID, s.now())
	}, func(sess *session, cur *Account) (func(*store.Tx, *Account) error, error) {
		msg := acme.Account{TermsOfServiceAgreed: agreeTerms, Contact: mailtos(cur.Contacts)}
		var created acme.ExtendedAccount
		if eabID := cur.Pending.EABCredentialID; eabID != "" {
			kid, err := s.creds.Reveal(eabID, credentials.EABKeyID)
			if err != nil {
				return nil, err
			}
			hmac, err := s.creds.Reveal(eabID, credentials.EABHMACKey)
			if err != nil {
				return nil, err
			}
			created, err = sess.core.Accounts.NewEAB(msg, kid, hmac)
			if err != nil {
				return nil, s.eabRefused(err, eabID)
			}
		} else if created, err = sess.core.Accounts.New(msg); err != nil {
			return nil, err
		}
		return s.registered(created, cur.Pending), nil
	})
}

// eabRefused explains the CA's refusal of a registration that carried an
// external account binding: the binding is what it refused, whatever the
// problem type says (unauthorized, malformed…).
func (s *Service) eabRefused(err error, credentialID string) error {
	var p *acme.ProblemDetails
	if !refused(err) || !errors.As(err, &p) || acmeerr.Type(err) == "rateLimited" || acmeerr.Type(err) == "userActionRequired" {
		return err
	}
	name := credentialID
	if c, cerr := s.creds.Get(credentialID); cerr == nil {
		name = c.Name
	}
	detail := strings.TrimSpace(p.Detail)
	if detail == "" {
		detail = "it gave no detail"
	}
	return apperr.Wrap(err, apperr.CodeEABRequired, "The CA refused the external account binding (EAB): "+detail+".",
		fmt.Sprintf("Check the key ID and HMAC key in credential %q against what the CA shows for this account (copy both again), "+
			"and whether the CA has expired it or it was single-use and already bound another account; then rotate the credential with fresh values from the CA.", name))
}

func registrable(a *Account) error {
	switch a.Status {
	case StatusValid:
		return apperr.Newf(apperr.CodeConflict, "Use Refresh to check it at the CA.", "Account %q is already registered.", a.Name)
	case StatusDeactivated, StatusRevoked:
		return errInactive(a)
	}
	return nil
}

func (s *Service) registered(found acme.ExtendedAccount, p *Pending) func(*store.Tx, *Account) error {
	return func(_ *store.Tx, a *Account) error {
		if err := urlcheck.HTTPS(found.Location); err != nil {
			return badKID(found.Location, err)
		}
		at := p.StartedAt
		a.KID, a.RegisteredAt, a.TermsOfService = found.Location, &at, p.TermsOfService
		s.mergeStatus(a, found.Account)
		return nil
	}
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

// Refresh reads the account's status and contacts from the CA. An account
// whose last change has an unknown outcome is settled instead ("Check at CA").
func (s *Service) Refresh(ctx context.Context, id string) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if a.Pending != nil {
		settled, _, err := s.settle(ctx, id)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.CodeOutcomeUnknown,
				"ACME Desk still cannot tell whether the CA "+opWords[a.Pending.Op]+".", apperr.From(err).Message+" Try again when the CA answers.")
		}
		return settled, nil
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
		return nil, s.explain(ctx, sess, err)
	}
	return s.merged(id, a.KeyID, got)
}

// merged stores an account's state read from the CA, unless the record moved
// on meanwhile (another key, a change under way): then that answer is stale.
func (s *Service) merged(id, keyID string, got acme.Account) (*Account, error) {
	var a *Account
	err := s.db.Update(func(tx *store.Tx) error {
		var err error
		if a, err = getAccount(tx, id); err != nil || a.KeyID != keyID || a.Pending != nil {
			return err
		}
		s.mergeStatus(a, got)
		return s.put(tx, a)
	})
	return a, err
}

// RecordStatus stores a status the CA gave through another question than a
// refresh (Verify at CA asks with onlyReturnExisting), under the same rule as merged.
func (s *Service) RecordStatus(id, keyID string, status Status) (*Account, error) {
	return s.merged(id, keyID, acme.Account{Status: string(status)})
}

// RefreshResult is the outcome of refreshing one account.
type RefreshResult struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status Status `json:"status"`
	// Skipped: deactivated and revoked accounts cannot be asked about any more.
	Skipped bool          `json:"skipped,omitempty"`
	Error   *apperr.Error `json:"error,omitempty"`
}

// RefreshAll refreshes every registered account, at most concurrency at a
// time; cancelling ctx stops it (those not asked yet report cancelled).
func (s *Service) RefreshAll(ctx context.Context, concurrency int) ([]RefreshResult, error) {
	all, err := s.List()
	if err != nil {
		return nil, err
	}
	concurrency = max(concurrency, 1)
	results := []RefreshResult{}
	for _, a := range all {
		if a.Status != StatusUnregistered || a.Pending != nil {
			inactive := (a.Status == StatusDeactivated || a.Status == StatusRevoked) && a.Pending == nil
			results = append(results, RefreshResult{ID: a.ID, Name: a.Name, Status: a.Status, Skipped: inactive})
		}
	}
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for i := range results {
		r := &results[i]
		if r.Skipped {
			continue
		}
		if !acquire(ctx, sem) {
			r.Error = apperr.New(apperr.CodeCancelled, "Cancelled before this account was asked.", "")
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if a, err := s.Refresh(ctx, r.ID); err != nil {
				r.Error = apperr.From(err)
			} else {
				r.Status = a.Status
			}
		}()
	}
	wg.Wait()
	return results, nil
}

// acquire takes a place in sem, unless ctx ends first.
func acquire(ctx context.Context, sem chan struct{}) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// ChangeContacts replaces the account's contact addresses at the CA.
func (s *Service) ChangeContacts(ctx context.Context, id string, contacts []string) (*Account, error) {
	cleaned, err := cleanContacts(contacts)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, id, Pending{Op: OpContact, Contacts: cleaned}, func(_ *store.Tx, a *Account, _ *Pending) error {
		return requireActive(a)
	}, func(sess *session, a *Account) (func(*store.Tx, *Account) error, error) {
		got, err := sess.core.Accounts.Update(a.KID, acme.Account{Contact: mailtos(cleaned)})
		if err != nil {
			return nil, err
		}
		return func(_ *store.Tx, cur *Account) error {
			s.mergeStatus(cur, got)
			if got.Contact == nil {
				cur.Contacts = cleaned
			}
			return nil
		}, nil
	})
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

// Rollover replaces the account's key at the CA with newKeyID (RFC 8555
// §7.3.5). An empty newKeyID generates a new ECDSA P-384 key. The old key is
// kept, marked as retired from this account. A key that may have reached the
// CA in a keyChange is never deleted.
func (s *Service) Rollover(ctx context.Context, id, newKeyID string) (*Account, error) {
	a, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if err := requireActive(a); err != nil {
		return nil, err
	}
	if a.Pending != nil {
		return nil, errPending(a)
	}
	if newKeyID == a.KeyID {
		return nil, apperr.New(apperr.CodeInvalidInput, "The account already uses this key.", "Choose another key.")
	}
	dir, err := s.cas.Directory(ctx, a.CAID, false)
	if err != nil {
		return nil, err
	}
	if !dir.KeyChangeOffered {
		return nil, apperr.New(apperr.CodeUnsupported, "This CA does not offer account key rollover (its directory has no keyChange).",
			"Register a new account with a new key instead, then deactivate this one.")
	}
	// A generated key is stored in the transaction that marks the rollover: it exists only if it may be sent.
	var generated *keys.Staged
	if newKeyID == "" {
		name := fmt.Sprintf("%s key (rollover %d)", a.Name, len(a.RetiredKeys)+1)
		if generated, err = s.keys.StageGenerate(ctx, name, "Generated to replace the key of the ACME account "+a.Name, keys.EC384); err != nil {
			return nil, err
		}
		newKeyID = generated.Record.ID
	}
	p := Pending{Op: OpRollover, NewKeyID: newKeyID, NewKeyGenerated: generated != nil}
	return s.change(ctx, id, p, func(tx *store.Tx, cur *Account, _ *Pending) error {
		if err := requireActive(cur); err != nil {
			return err
		}
		if newKeyID == cur.KeyID {
			return apperr.New(apperr.CodeInvalidInput, "The account already uses this key.", "Choose another key.")
		}
		if generated != nil {
			if err := generated.Put(tx); err != nil {
				return err
			}
		}
		return s.keyFree(tx, newKeyID, "")
	}, func(sess *session, cur *Account) (func(*store.Tx, *Account) error, error) {
		newKey, err := s.keys.Signer(newKeyID)
		if err != nil {
			return nil, err
		}
		legoDir := acme.Directory{NewNonceURL: dir.NewNonce, KeyChangeURL: dir.KeyChange}
		if err := changeKey(ctx, sess.client, legoDir, cur.KID, sess.signer, newKey); err != nil {
			if errors.Is(err, errNoKeyChange) {
				return nil, apperr.Wrap(err, apperr.CodeUnsupported, "This CA does not offer account key rollover.", "")
			}
			return nil, err
		}
		return s.rolledOver(newKeyID), nil
	})
}

// rolledOver moves the account to newKeyID, retiring its current key.
func (s *Service) rolledOver(newKeyID string) func(*store.Tx, *Account) error {
	return func(tx *store.Tx, a *Account) error {
		if a.KeyID == newKeyID {
			return nil
		}
		if err := tx.RemoveRef(a.KeyID, a.ID); err != nil {
			return err
		}
		a.RetiredKeys = append(a.RetiredKeys, RetiredKey{KeyID: a.KeyID, RetiredAt: s.now().UTC()})
		a.KeyID = newKeyID
		return nil
	}
}

// Deactivate deactivates the account at its CA (RFC 8555 §7.3.6). It cannot be
// undone, so confirmName must repeat the account's name.
func (s *Service) Deactivate(ctx context.Context, id, confirmName string) (*Account, error) {
	return s.change(ctx, id, Pending{Op: OpDeactivate}, func(_ *store.Tx, a *Account, _ *Pending) error {
		if strings.TrimSpace(confirmName) != a.Name {
			return apperr.Newf(apperr.CodeInvalidInput, "Deactivation cannot be undone; type the name exactly to confirm.",
				"The name typed does not match %q.", a.Name)
		}
		return requireActive(a)
	}, func(sess *session, a *Account) (func(*store.Tx, *Account) error, error) {
		if err := sess.core.Accounts.Deactivate(a.KID); err != nil {
			return nil, err
		}
		return s.deactivated, nil
	})
}

func (s *Service) deactivated(_ *store.Tx, a *Account) error {
	now := s.now().UTC()
	a.Status, a.CheckedAt = StatusDeactivated, &now
	return nil
}

// settle asks the CA what became of the account's unsettled change and
// stores the answer: applied says whether the change was made. An error
// means the CA could not tell yet; the mark stays.
func (s *Service) settle(ctx context.Context, id string) (a *Account, applied bool, err error) {
	if a, err = s.Get(id); err != nil || a.Pending == nil {
		return a, false, err
	}
	p := a.Pending
	switch p.Op {
	case OpRegister:
		found, err := s.lookup(ctx, a, a.KeyID)
		switch {
		case err == nil:
			a, err = s.finish(id, s.registered(found, p))
			return a, true, err
		case acmeerr.Type(err) == "accountDoesNotExist":
			return s.settledNotApplied(id)
		}
		return nil, false, err
	case OpContact, OpDeactivate:
		sess, err := s.connect(ctx, a, a.KeyID, true)
		if err != nil {
			return nil, false, err
		}
		got, err := sess.core.Accounts.Get(a.KID)
		if err != nil {
			// The CA refuses a deactivated account's own key: the deactivation was made.
			if p.Op == OpDeactivate && acmeerr.Type(err) == "unauthorized" {
				a, err = s.finish(id, s.deactivated)
				return a, true, err
			}
			return nil, false, s.explain(ctx, sess, err)
		}
		applied := Status(got.Status) == StatusDeactivated
		if p.Op == OpContact {
			applied = got.Contact != nil && sameContacts(fromMailtos(got.Contact), p.Contacts)
		}
		a, err = s.finish(id, func(_ *store.Tx, cur *Account) error { s.mergeStatus(cur, got); return nil })
		return a, applied, err
	case OpRollover:
		found, err := s.lookup(ctx, a, p.NewKeyID)
		switch {
		case err == nil && found.Location == a.KID:
			a, err = s.finish(id, s.rolledOver(p.NewKeyID))
			return a, true, err
		case err == nil:
			return nil, false, apperr.Newf(apperr.CodeConflict, "Keep both keys and ask the CA's support which account each key controls.",
				"The new key controls another account at the CA (%s).", found.Location)
		case acmeerr.Type(err) != "accountDoesNotExist":
			return nil, false, err
		}
		// The new key has no account: the old one must still have this one.
		found, err = s.lookup(ctx, a, a.KeyID)
		if err == nil && found.Location == a.KID {
			return s.settledNotApplied(id)
		}
		if err == nil {
			err = apperr.Newf(apperr.CodeConflict, "Keep both keys and ask the CA's support which account each key controls.",
				"The account's key now controls another account at the CA (%s).", found.Location)
		}
		return nil, false, err
	}
	return nil, false, fmt.Errorf("unknown pending operation %q", p.Op)
}

func (s *Service) settledNotApplied(id string) (*Account, bool, error) {
	if err := s.abandon(id, false); err != nil {
		return nil, false, err
	}
	a, err := s.Get(id)
	return a, false, err
}

// lookup asks the CA for the account of keyID (onlyReturnExisting, RFC 8555 §7.3.1).
func (s *Service) lookup(ctx context.Context, a *Account, keyID string) (acme.ExtendedAccount, error) {
	sess, err := s.connect(ctx, a, keyID, false)
	if err != nil {
		return acme.ExtendedAccount{}, err
	}
	found, err := sess.core.Accounts.New(acme.Account{OnlyReturnExisting: true})
	if err != nil && acmeerr.Type(err) != "accountDoesNotExist" {
		return found, s.explain(ctx, sess, err)
	}
	return found, err
}

func sameContacts(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]bool{}
	for _, c := range a {
		seen[strings.ToLower(c)] = true
	}
	for _, c := range b {
		if !seen[strings.ToLower(c)] {
			return false
		}
	}
	return true
}
