package accounts

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
	"acmedesk/backend/store"
)

// The CA's answer lost, or the CA dying mid-request, for every change an
// account can ask of it: afterwards the record agrees with the CA, or says it
// does not know yet and agrees once settled.

func (e *env) mustGet(id string) *Account {
	e.t.Helper()
	a, err := e.svc.Get(id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// kidOf asks the CA which account keyID controls; "" when none.
func (e *env) kidOf(keyID string) string {
	e.t.Helper()
	kid, err := e.lookup(keyID)
	if err != nil {
		return ""
	}
	return kid
}

func TestRolloverAnswerLostIsSettledAtOnce(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Rolled")
	oldKey := a.KeyID
	e.pebble.Inject(acmetest.KeyChangePath, acmetest.Fault{Outcome: acmetest.AnswerLost})

	got, err := e.svc.Rollover(ctx, a.ID, "")
	if err != nil {
		t.Fatalf("rollover whose answer was lost, with the CA still up: %v (the CA can say what happened)", err)
	}
	if got.KeyID == oldKey || got.Pending != nil {
		t.Fatalf("after settling: key %s (old %s), pending %+v", got.KeyID, oldKey, got.Pending)
	}
	if kid := e.kidOf(got.KeyID); kid != a.KID {
		t.Fatalf("the CA says the new key controls %q, want %q", kid, a.KID)
	}
	if _, err := e.keys.Get(got.KeyID); err != nil {
		t.Fatalf("the key the CA now accepts is gone: %v", err)
	}
}

func TestRolloverWithTheCADownAfterApplying(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Rolled", "a@example.com")
	oldKey := a.KeyID
	e.pebble.Inject(acmetest.KeyChangePath, acmetest.Fault{Outcome: acmetest.AnswerLost, ThenDown: true})

	_, err := e.svc.Rollover(ctx, a.ID, "")
	wantCode(t, err, apperr.CodeOutcomeUnknown)
	pending := e.mustGet(a.ID)
	if pending.Pending == nil || pending.Pending.Op != OpRollover || pending.KeyID != oldKey {
		t.Fatalf("account after the lost answer: %+v", pending)
	}
	newKey := pending.Pending.NewKeyID
	for _, id := range []string{oldKey, newKey} {
		if _, err := e.keys.Get(id); err != nil {
			t.Fatalf("key %s is gone: %v", id, err)
		}
	}
	wantCode(t, e.keys.Delete(newKey), apperr.CodeInUse)
	// Nothing else may change the account at the CA until the outcome is known.
	_, err = e.svc.ChangeContacts(ctx, a.ID, []string{"b@example.com"})
	wantCode(t, err, apperr.CodeOutcomeUnknown)
	_, err = e.svc.Rollover(ctx, a.ID, "")
	wantCode(t, err, apperr.CodeOutcomeUnknown)
	// Still down: Check at CA says it still cannot tell, and keeps both keys.
	_, err = e.svc.Refresh(ctx, a.ID)
	wantCode(t, err, apperr.CodeOutcomeUnknown)

	e.pebble.Up()
	settled, err := e.svc.Refresh(ctx, a.ID)
	if err != nil {
		t.Fatalf("Check at CA with the CA back: %v", err)
	}
	if settled.KeyID != newKey || settled.Pending != nil || len(settled.RetiredKeys) != 1 || settled.RetiredKeys[0].KeyID != oldKey {
		t.Fatalf("settled account: %+v", settled)
	}
	if kid := e.kidOf(newKey); kid != a.KID {
		t.Fatalf("the CA says the new key controls %q, want %q", kid, a.KID)
	}
	if _, err := e.svc.ChangeContacts(ctx, a.ID, []string{"b@example.com"}); err != nil {
		t.Fatalf("contact change with the settled key: %v", err)
	}
}

func TestRolloverLostBeforeTheCASawIt(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Unrolled")
	e.pebble.Inject(acmetest.KeyChangePath, acmetest.Fault{Outcome: acmetest.RequestLost, ThenDown: true})

	_, err := e.svc.Rollover(ctx, a.ID, "")
	wantCode(t, err, apperr.CodeOutcomeUnknown)
	newKey := e.mustGet(a.ID).Pending.NewKeyID
	e.pebble.Up()
	settled, err := e.svc.Refresh(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if settled.KeyID != a.KeyID || settled.Pending != nil || len(settled.RetiredKeys) != 0 {
		t.Fatalf("settled account: %+v", settled)
	}
	if kid := e.kidOf(a.KeyID); kid != a.KID {
		t.Fatalf("the CA says the old key controls %q, want %q", kid, a.KID)
	}
	// It was sent, so it is kept; nothing uses it any more, so the user may delete it.
	if _, err := e.keys.Get(newKey); err != nil {
		t.Fatalf("a key that was sent in a keyChange was deleted: %v", err)
	}
	if err := e.keys.Delete(newKey); err != nil {
		t.Fatalf("the unused key cannot be deleted: %v", err)
	}
}

func TestRolloverRefusedByTheCATakesTheMarkBack(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Stays")
	keysBefore, _ := e.keys.List()
	e.pebble.Inject(acmetest.KeyChangePath, acmetest.Fault{Outcome: acmetest.Refused})
	_, err := e.svc.Rollover(ctx, a.ID, "")
	if err == nil || apperr.From(err).Code == apperr.CodeOutcomeUnknown {
		t.Fatalf("a refused rollover: %v, want the CA's refusal", err)
	}
	got := e.mustGet(a.ID)
	if got.Pending != nil || got.KeyID != a.KeyID {
		t.Fatalf("after the refusal: %+v", got)
	}
	// The CA refused it, so the key generated for it never controlled the account.
	if keysAfter, _ := e.keys.List(); len(keysAfter) != len(keysBefore) {
		t.Fatalf("%d keys before, %d after a refused rollover", len(keysBefore), len(keysAfter))
	}
	// A chosen key is kept, and free again.
	k := e.key("chosen")
	e.pebble.Inject(acmetest.KeyChangePath, acmetest.Fault{Outcome: acmetest.Refused})
	if _, err := e.svc.Rollover(ctx, a.ID, k.ID); err == nil {
		t.Fatal("refused rollover to a chosen key succeeded")
	}
	if err := e.keys.Delete(k.ID); err != nil {
		t.Fatalf("the refused key is still marked as used: %v", err)
	}
}

func TestContactChangeWithTheCADown(t *testing.T) {
	for _, tc := range []struct {
		name    string
		outcome acmetest.Outcome
		want    []string
	}{
		{"applied", acmetest.AnswerLost, []string{"new@example.com"}},
		{"not applied", acmetest.RequestLost, []string{"old@example.com"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, acmetest.Options{})
			ctx := context.Background()
			a := e.registered("Mail", "old@example.com")
			e.pebble.Inject(acmetest.AccountPath, acmetest.Fault{Outcome: tc.outcome, ThenDown: true})
			_, err := e.svc.ChangeContacts(ctx, a.ID, []string{"new@example.com"})
			wantCode(t, err, apperr.CodeOutcomeUnknown)
			if got := e.mustGet(a.ID); got.Pending == nil || got.Pending.Op != OpContact {
				t.Fatalf("pending = %+v", got.Pending)
			}
			e.pebble.Up()
			settled, err := e.svc.Refresh(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if settled.Pending != nil || !slices.Equal(settled.Contacts, tc.want) {
				t.Fatalf("settled: contacts %v pending %+v, want %v", settled.Contacts, settled.Pending, tc.want)
			}
		})
	}
}

func TestDeactivateWithTheCADown(t *testing.T) {
	for _, tc := range []struct {
		name    string
		outcome acmetest.Outcome
		want    Status
	}{
		{"applied", acmetest.AnswerLost, StatusDeactivated},
		{"not applied", acmetest.RequestLost, StatusValid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, acmetest.Options{})
			ctx := context.Background()
			a := e.registered("Ending")
			e.pebble.Inject(acmetest.AccountPath, acmetest.Fault{Outcome: tc.outcome, ThenDown: true})
			_, err := e.svc.Deactivate(ctx, a.ID, a.Name)
			wantCode(t, err, apperr.CodeOutcomeUnknown)
			if got := e.mustGet(a.ID); got.Status != StatusValid || got.Pending == nil {
				t.Fatalf("before settling: %+v", got)
			}
			e.pebble.Up()
			settled, err := e.svc.Refresh(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if settled.Status != tc.want || settled.Pending != nil {
				t.Fatalf("settled: %s, pending %+v; want %s", settled.Status, settled.Pending, tc.want)
			}
		})
	}
}

// eabAccount makes an account bound to a stored single-use EAB credential known to the CA.
func (e *env) eabAccount(name, credentialID string) *Account {
	e.t.Helper()
	a, err := e.svc.Create(context.Background(), NewInput{Name: name, CAID: e.caID, EABCredentialID: credentialID})
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) singleUseEAB(name, kid string) *credentials.Credential {
	e.t.Helper()
	c, err := e.creds.Create(credentials.Input{Name: name, Kind: credentials.KindEAB, Values: map[string]string{
		credentials.EABCAID: e.caID, credentials.EABKeyID: kid, credentials.EABHMACKey: e.pebble.AddEAB(kid),
		credentials.EABSingleUse: "true",
	}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestRegisterWithTheCADown(t *testing.T) {
	for _, tc := range []struct {
		name    string
		outcome acmetest.Outcome
		created bool
	}{
		{"created", acmetest.AnswerLost, true},
		{"not created", acmetest.RequestLost, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, acmetest.Options{RequireEAB: true})
			ctx := context.Background()
			cred := e.singleUseEAB("once", "kid-once")
			a := e.eabAccount("Bound", cred.ID)
			e.pebble.Inject(acmetest.NewAccountPath, acmetest.Fault{Outcome: tc.outcome, ThenDown: true})
			_, err := e.svc.Register(ctx, a.ID, true)
			wantCode(t, err, apperr.CodeOutcomeUnknown)
			if got := e.mustGet(a.ID); got.Pending == nil || got.Pending.Op != OpRegister {
				t.Fatalf("pending = %+v", got.Pending)
			}
			// The single-use credential stays claimed while the outcome is unknown.
			wantCode(t, e.creds.CheckEABUsable(cred.ID), apperr.CodeEABRequired)

			e.pebble.Up()
			settled, err := e.svc.Refresh(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if settled.Pending != nil {
				t.Fatalf("still pending: %+v", settled.Pending)
			}
			if !tc.created {
				if settled.Status != StatusUnregistered || settled.KID != "" {
					t.Fatalf("settled: %+v", settled)
				}
				if err := e.creds.CheckEABUsable(cred.ID); err != nil {
					t.Fatalf("the unspent credential was not given back: %v", err)
				}
				if _, err := e.svc.Register(ctx, a.ID, true); err != nil {
					t.Fatalf("registering again: %v", err)
				}
				return
			}
			if settled.Status != StatusValid || settled.KID == "" || settled.KID != e.kidOf(a.KeyID) || settled.RegisteredAt == nil {
				t.Fatalf("settled: %+v; the CA says %q", settled, e.kidOf(a.KeyID))
			}
			wantCode(t, e.creds.CheckEABUsable(cred.ID), apperr.CodeEABRequired)
		})
	}
}

func TestOneSingleUseEABCannotBeSpentTwice(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	ctx := context.Background()
	cred := e.singleUseEAB("once", "kid-once")
	first := e.eabAccount("First", cred.ID)
	second := e.eabAccount("Second", cred.ID)
	var secondErr error
	// The second registration starts while the first one's request is at the CA.
	e.pebble.Inject(acmetest.NewAccountPath, acmetest.Fault{Before: func() {
		_, secondErr = e.svc.Register(ctx, second.ID, true)
	}})
	if _, err := e.svc.Register(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}
	wantCode(t, secondErr, apperr.CodeEABRequired)
	if n := e.pebble.Posts(acmetest.NewAccountPath); n != 1 {
		t.Fatalf("the CA got %d newAccount requests, want 1: the spent credential was sent again", n)
	}
	if got := e.mustGet(second.ID); got.Status != StatusUnregistered || got.Pending != nil {
		t.Fatalf("second account: %+v", got)
	}
}

// Changes made here while an operation waits for the CA survive it.
func TestEditsDuringACAOperationAreKept(t *testing.T) {
	ops := []struct {
		name string
		path string
		run  func(e *env, a *Account) error
	}{
		{"refresh", acmetest.AccountPath, func(e *env, a *Account) error {
			_, err := e.svc.Refresh(context.Background(), a.ID)
			return err
		}},
		{"contacts", acmetest.AccountPath, func(e *env, a *Account) error {
			_, err := e.svc.ChangeContacts(context.Background(), a.ID, []string{"new@example.com"})
			return err
		}},
		{"rollover", acmetest.KeyChangePath, func(e *env, a *Account) error {
			_, err := e.svc.Rollover(context.Background(), a.ID, "")
			return err
		}},
		{"deactivate", acmetest.AccountPath, func(e *env, a *Account) error {
			_, err := e.svc.Deactivate(context.Background(), a.ID, a.Name)
			return err
		}},
		{"refresh all", acmetest.AccountPath, func(e *env, a *Account) error {
			res, err := e.svc.RefreshAll(context.Background(), 8)
			if err == nil && res[0].Error != nil {
				err = res[0].Error
			}
			return err
		}},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			e := newEnv(t, acmetest.Options{RequireEAB: true})
			oldCred := e.singleUseEAB("old binding", "kid-old")
			newCred := e.singleUseEAB("new binding", "kid-new")
			a := e.eabAccount("Before", oldCred.ID)
			if _, err := e.svc.Register(context.Background(), a.ID, true); err != nil {
				t.Fatal(err)
			}
			e.pebble.Inject(op.path, acmetest.Fault{Before: func() {
				if _, err := e.svc.Update(a.ID, "Renamed meanwhile", "edited"); err != nil {
					t.Error(err)
				}
				if err := e.svc.Repoint(context.Background(), a.ID, newCred.ID); err != nil {
					t.Error(err)
				}
			}})
			if err := op.run(e, a); err != nil {
				t.Fatal(err)
			}
			got := e.mustGet(a.ID)
			if got.Name != "Renamed meanwhile" || got.Description != "edited" || got.EABCredentialID != newCred.ID {
				t.Fatalf("the edit made meanwhile was undone: %+v", got)
			}
			// References follow the record: the old credential is free, the new one is used.
			if err := e.creds.Delete(oldCred.ID); err != nil {
				t.Errorf("the old credential is still referred to: %v", err)
			}
			wantCode(t, e.creds.Delete(newCred.ID), apperr.CodeInUse)
			refs := e.refsTo(got.KeyID)
			if len(refs) != 1 || refs[0].Label != "Renamed meanwhile" {
				t.Errorf("the key's reference says %+v", refs)
			}
		})
	}
}

func (e *env) refsTo(target string) []store.Ref {
	e.t.Helper()
	var refs []store.Ref
	if err := e.db.View(func(tx *store.Tx) error {
		var err error
		refs, err = tx.RefsTo(target)
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return refs
}

func TestRefreshAllSkipsDeactivatedAndNamesFailures(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	gone := e.registered("Gone")
	if _, err := e.svc.Deactivate(ctx, gone.ID, gone.Name); err != nil {
		t.Fatal(err)
	}
	live := e.registered("Live")
	res, err := e.svc.RefreshAll(ctx, 8)
	if err != nil || len(res) != 2 {
		t.Fatalf("RefreshAll = %+v, %v", res, err)
	}
	for _, r := range res {
		switch r.ID {
		case gone.ID:
			if !r.Skipped || r.Error != nil || r.Status != StatusDeactivated || r.Name != "Gone" {
				t.Errorf("deactivated account: %+v", r)
			}
		case live.ID:
			if r.Skipped || r.Error != nil || r.Status != StatusValid || r.Name != "Live" {
				t.Errorf("live account: %+v", r)
			}
		}
	}
}

func TestCancelledOperationsStop(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("Patient")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := e.svc.RefreshAll(ctx, 8)
	if err != nil || len(res) != 1 || res[0].Error == nil || res[0].Error.Code != apperr.CodeCancelled {
		t.Fatalf("RefreshAll with a cancelled context: %+v, %v", res, err)
	}
	// Cancelled while the CA holds the request: the operation returns at once, cancelled.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	e.pebble.Inject(acmetest.AccountPath, acmetest.Fault{Outcome: acmetest.Hung, Before: cancel})
	_, err = e.svc.Refresh(ctx, a.ID)
	wantCode(t, err, apperr.CodeCancelled)
	if n := e.pebble.Posts(acmetest.AccountPath); n != 1 {
		t.Fatalf("the CA got %d account requests, want 1 (none from the cancelled Refresh all)", n)
	}
}

// Refresh all against a CA that stops answering ends when its context does
// (the window closing), not when the last account has been tried.
func TestRefreshAllEndsWithItsContext(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	const n = 20
	for i := range n {
		e.registered(fmt.Sprintf("acct %d", i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var hung atomic.Int32
	for range n {
		e.pebble.Inject(acmetest.AccountPath, acmetest.Fault{Outcome: acmetest.Hung, Before: func() {
			if hung.Add(1) == 8 { // every worker is now waiting for the CA
				cancel()
			}
		}})
	}
	res, err := e.svc.RefreshAll(ctx, 8)
	if err != nil || len(res) != n {
		t.Fatalf("RefreshAll = %d results, %v", len(res), err)
	}
	for _, r := range res {
		if r.Error == nil || r.Error.Code != apperr.CodeCancelled {
			t.Fatalf("result %+v, want cancelled", r)
		}
	}
	if got := e.pebble.Posts(acmetest.AccountPath); got != 8 {
		t.Fatalf("%d requests reached the CA, want 8 (one per worker)", got)
	}
}

func TestGeneratedKeysTakeAFreeName(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	e.key("Prod key")
	a := e.create("Prod")
	k, err := e.keys.Get(a.KeyID)
	if err != nil || k.Name != "Prod key (2)" {
		t.Fatalf("generated key %+v, %v", k, err)
	}
	e.key("Prod key (rollover 1)")
	b, err := e.svc.Register(context.Background(), a.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err = e.svc.Rollover(context.Background(), b.ID, "")
	if err != nil {
		t.Fatalf("rollover while the generated key's name is taken: %v", err)
	}
	if k, _ := e.keys.Get(b.KeyID); k.Name != "Prod key (rollover 1) (2)" {
		t.Fatalf("rollover key named %q", k.Name)
	}
}

// A CA that answers with an account URL that is not a valid URL (a shell
// command in it, a line break) gets nothing stored from that answer: the KID is
// written into other clients' files and shown on terminals.
func TestRegisterRefusesAHostileAccountURL(t *testing.T) {
	for _, location := range []string{"https://ca.example/acct/`touch pwned`", "https://ca.example/acct/1\nExport: done", "javascript:alert(1)"} {
		e := newEnv(t, acmetest.Options{})
		a, err := e.svc.Create(context.Background(), NewInput{Name: "Prod", CAID: e.caID})
		if err != nil {
			t.Fatal(err)
		}
		e.pebble.Inject(acmetest.NewAccountPath, acmetest.Fault{Rewrite: func(h http.Header) { h["Location"] = []string{location} }})
		_, err = e.svc.Register(context.Background(), a.ID, true)
		if err == nil || !strings.Contains(apperr.From(err).Detail+apperr.From(err).Message, "not a valid https URL") {
			t.Fatalf("%q: %v", location, err)
		}
		if got := e.mustGet(a.ID); got.KID != "" {
			t.Fatalf("%q: stored KID %q", location, got.KID)
		}
	}
}
