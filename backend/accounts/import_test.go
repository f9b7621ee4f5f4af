package accounts

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"

	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
)

// registerElsewhere registers keyID's key at Pebble directly, as another ACME
// client would, and returns the account URL.
func (e *env) registerElsewhere(keyID string, contacts ...string) string {
	e.t.Helper()
	signer, err := e.keys.Signer(keyID)
	if err != nil {
		e.t.Fatal(err)
	}
	core, err := api.New(e.pebble.NewHTTPClient(), "other-client", e.pebble.URL, "", signer)
	if err != nil {
		e.t.Fatal(err)
	}
	got, err := core.Accounts.New(acme.Account{TermsOfServiceAgreed: true, Contact: mailtos(contacts)})
	if err != nil {
		e.t.Fatal(err)
	}
	return got.Location
}

func TestImportExistingStoresAnAccountRegisteredElsewhere(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	k := e.key("certbot key")
	kid := e.registerElsewhere(k.ID, "ops@example.com")
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

	a, err := e.svc.ImportExisting(ctx, ImportInput{Name: "Imported", CAID: e.caID, KeyID: k.ID, KID: kid,
		Contacts: []string{"mailto:ops@example.com"}, RegisteredAt: &when})
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusValid || a.KID != kid || a.KeyID != k.ID || a.CAID != e.caID ||
		strings.Join(a.Contacts, ",") != "ops@example.com" || a.RegisteredAt == nil || !a.RegisteredAt.Equal(when) {
		t.Fatalf("imported %+v", a)
	}
	// Stored with its references, like Create: the key and the CA know their user.
	if got, err := e.svc.Get(a.ID); err != nil || got.KID != kid {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if d, _ := e.keys.Get(k.ID); len(d.UsedBy) != 1 || d.UsedBy[0].ID != a.ID {
		t.Fatalf("key used by %+v", d.UsedBy)
	}
	if d, _ := e.cas.Get(e.caID); len(d.UsedBy) != 1 || d.UsedBy[0].ID != a.ID {
		t.Fatalf("CA used by %+v", d.UsedBy)
	}
	wantCode(t, e.keys.Delete(k.ID), apperr.CodeInUse)

	// The CA agrees: the key's account is the one imported, and the account works as if made here.
	if got, err := e.lookup(k.ID); err != nil || got != kid {
		t.Fatalf("Pebble knows the key as %q (%v), want %q", got, err, kid)
	}
	if a, err = e.svc.Refresh(ctx, a.ID); err != nil || a.Status != StatusValid || a.CheckedAt == nil {
		t.Fatalf("refresh of the imported account: %+v, %v", a, err)
	}

	// Duplicates: the same key again, or the same account URL with another key.
	_, err = e.svc.ImportExisting(ctx, ImportInput{Name: "Again", CAID: e.caID, KeyID: k.ID, KID: kid})
	wantCode(t, err, apperr.CodeConflict)
	other := e.key("other key")
	_, err = e.svc.ImportExisting(ctx, ImportInput{Name: "Same URL", CAID: e.caID, KeyID: other.ID, KID: kid})
	if m := wantCode(t, err, apperr.CodeConflict); !strings.Contains(m.Message, `"Imported"`) {
		t.Fatalf("duplicate URL message %q", m.Message)
	}
	if all, _ := e.svc.List(); len(all) != 1 {
		t.Fatalf("%d accounts after refused duplicates", len(all))
	}
}

func TestImportExistingRefusesBadInput(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	k := e.key("key")
	good := ImportInput{Name: "A", CAID: e.caID, KeyID: k.ID, KID: e.pebble.BaseURL() + "/my-account/1"}
	for name, change := range map[string]func(*ImportInput){
		"no key":       func(in *ImportInput) { in.KeyID = "" },
		"unknown key":  func(in *ImportInput) { in.KeyID = "nope" },
		"no kid":       func(in *ImportInput) { in.KID = " " },
		"http kid":     func(in *ImportInput) { in.KID = "http://example.com/acct/1" },
		"not a url":    func(in *ImportInput) { in.KID = "my-account" },
		"a backtick":   func(in *ImportInput) { in.KID = "https://ca.example/acct/`id`" },
		"a quote":      func(in *ImportInput) { in.KID = `https://ca.example/acct/1"; rm -rf ~; "` },
		"a fragment":   func(in *ImportInput) { in.KID = "https://ca.example/acct/1#x" },
		"a password":   func(in *ImportInput) { in.KID = "https://u:p@ca.example/acct/1" },
		"an escape":    func(in *ImportInput) { in.KID = "https://ca.example/acct/\x1b[2J" },
		"bad status":   func(in *ImportInput) { in.Status = "pending" },
		"unknown CA":   func(in *ImportInput) { in.CAID = "no-such-ca" },
		"bad contact":  func(in *ImportInput) { in.Contacts = []string{"not an address"} },
		"empty name":   func(in *ImportInput) { in.Name = "" },
		"unknown cred": func(in *ImportInput) { in.EABCredentialID = "nope" },
	} {
		in := good
		change(&in)
		if _, err := e.svc.ImportExisting(ctx, in); err == nil {
			t.Errorf("%s: imported", name)
		} else if c := apperr.From(err).Code; c != apperr.CodeInvalidInput && c != apperr.CodeNotFound {
			t.Errorf("%s: code %s (%v)", name, c, err)
		}
	}
	if all, _ := e.svc.List(); len(all) != 0 {
		t.Fatalf("%d accounts stored from bad input", len(all))
	}
}

func TestImportExistingKeepsStatusAndEAB(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	k := e.key("old key")
	cred, err := e.creds.Create(credentials.Input{Name: "acme.sh EAB", Kind: credentials.KindEAB,
		Values: map[string]string{credentials.EABCAID: e.caID, credentials.EABKeyID: "kid-1", credentials.EABHMACKey: "c2VjcmV0LWhtYWMta2V5LTEyMzQ1Njc4OTA"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.svc.ImportExisting(ctx, ImportInput{Name: "Old", CAID: e.caID, KeyID: k.ID,
		KID: e.pebble.BaseURL() + "/my-account/gone", Status: StatusDeactivated, EABCredentialID: cred.ID})
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusDeactivated || a.EABCredentialID != cred.ID {
		t.Fatalf("imported %+v", a)
	}
	if d, _ := e.creds.Get(cred.ID); len(d.UsedBy) != 1 || d.UsedBy[0].ID != a.ID {
		t.Fatalf("EAB credential used by %+v", d.UsedBy)
	}
	// A deactivated account is kept for the record but cannot act.
	_, err = e.svc.ChangeContacts(ctx, a.ID, []string{"x@example.com"})
	wantCode(t, err, apperr.CodeConflict)
}
