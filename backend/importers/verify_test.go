package importers

import (
	"testing"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmetest"
)

// An account deactivated by another client since its import: Verify at CA
// says so and stores it, so the list shows it as deactivated.
func TestVerifyStoresADeactivation(t *testing.T) {
	e := newEnv(t, &acmetest.Options{})
	key := ecKey(t)
	reg := e.registerAtPebble(key, "", "", "mailto:ops@example.com")
	k, err := e.keys.Import("Imported key", "", sec1PEM(t, key), "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.accounts.ImportExisting(t.Context(), accounts.ImportInput{Name: "Elsewhere", CAID: e.caID, KeyID: k.ID, KID: reg.Location})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := e.im.Verify(t.Context(), a.ID); err != nil || v.Verdict != VerdictValid || v.Account == nil ||
		v.Account.Status != accounts.StatusValid || len(v.Account.Contacts) != 1 {
		t.Fatalf("verify of a valid account: %+v, %v", v, err)
	}

	deactivate(t, e, key, reg.Location)
	v, err := e.im.Verify(t.Context(), a.ID)
	if err != nil || v.Verdict != VerdictDeactivated || v.Account == nil || v.Account.Status != accounts.StatusDeactivated {
		t.Fatalf("verify of a deactivated account: %+v, %v", v, err)
	}
	if stored, _ := e.accounts.Get(a.ID); stored.Status != accounts.StatusDeactivated || stored.CheckedAt == nil {
		t.Fatalf("stored %+v", stored)
	}
}
