package eab

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-acme/lego/v4/acme"
	legoapi "github.com/go-acme/lego/v4/acme/api"

	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
	"acmedesk/backend/eab/eabtest"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

func newCredentials(t *testing.T) (*credentials.Service, *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase("unit test passphrase"); err != nil {
		t.Fatal(err)
	}
	return credentials.NewService(db, v), db
}

// testRepointer stands in for the accounts service.
type testRepointer struct {
	calls  []string // accountID -> newCredentialID
	failOn string
}

func (r *testRepointer) Repoint(_ context.Context, accountID, newCredentialID string) error {
	if accountID == r.failOn {
		return apperr.New(apperr.CodeConflict, "the account is busy", "")
	}
	r.calls = append(r.calls, accountID+"->"+newCredentialID)
	return nil
}

type rotationEnv struct {
	creds     *credentials.Service
	db        *store.DB
	fake      *eabtest.DigiCert
	rot       *Manager
	rep       *testRepointer
	keyID     string // stored DigiCert partner key
	oldID     string // stored old EAB credential
	oldDCID   int64  // DigiCert's id of the old credential
	oldHMAC   string
	pebbleURL string
}

func newRotationEnv(t *testing.T, directoryURL string) *rotationEnv {
	creds, db := newCredentials(t)
	fake := eabtest.NewDigiCert(t)
	fake.AddContract(contract, partnerKey, directoryURL)
	e := &rotationEnv{creds: creds, db: db, fake: fake, rep: &testRepointer{}, oldHMAC: "b2xkLWhtYWMta2V5LWZvci1kaWdpY2VydC0wMQ"}
	e.oldDCID = fake.AddCredential(contract, "old-kid-ab12", e.oldHMAC, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	e.rot = &Manager{
		Credentials: creds, Repointer: e.rep,
		CAs: []KnownCA{{ID: "letsencrypt", DirectoryURL: "https://acme-v02.api.letsencrypt.org/directory"}, {ID: "digicert", DirectoryURL: "https://acme.digicert.com/v2/acme/directory/"}},
		NewDigiCert: func(key string) *DigiCert {
			c := NewDigiCert(key)
			c.BaseURL, c.HTTP = fake.URL, fake.Client()
			return c
		},
	}
	key, err := creds.Create(credentials.Input{Name: "DigiCert partner key", Kind: credentials.KindDigiCertPartnerKey,
		Values: map[string]string{credentials.DigiCertContractID: "12345", credentials.DigiCertAPIKey: partnerKey}})
	if err != nil {
		t.Fatal(err)
	}
	old, err := creds.Create(credentials.Input{Name: "DigiCert EAB", Kind: credentials.KindEAB, Tags: []string{"team-a"},
		Values: map[string]string{credentials.EABCAID: "digicert", credentials.EABKeyID: "old-kid-ab12", credentials.EABHMACKey: e.oldHMAC}})
	if err != nil {
		t.Fatal(err)
	}
	e.keyID, e.oldID = key.ID, old.ID
	for _, r := range []store.Ref{{Kind: "account", ID: "acc-prod", Label: "prod"}, {Kind: "account", ID: "acc-web", Label: "web"}, {Kind: "account", ID: "acc-gone", Label: "retired", Historic: true}} {
		if err := creds.AddRef(old.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// TestRotationEndToEnd: plan → regenerate (old stays active) → stored →
// repoint → revoke old → the new kid/HMAC registers an account at a Pebble that requires EAB.
func TestRotationEndToEnd(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{RequireEAB: true})
	newKID := "digicert-kid-7f9e"
	newHMAC := pebble.AddEAB(newKID)

	e := newRotationEnv(t, pebble.URL)
	e.rot.CAs = append(e.rot.CAs, KnownCA{ID: "pebble-ca", DirectoryURL: strings.ToUpper(pebble.URL[:8]) + pebble.URL[8:] + "/"})
	e.fake.NextEAB = func() (string, string) { return newKID, newHMAC }
	ctx := context.Background()

	plan, err := e.rot.PlanRotation(ctx, e.keyID, e.oldID)
	if err != nil {
		t.Fatal(err)
	}
	if plan.ContractID != contract || plan.OldDigiCertCredentialID != e.oldDCID || len(plan.Accounts) != 2 || len(plan.Steps) != 4 {
		t.Fatalf("plan = %+v", plan)
	}
	for i, want := range []string{"revoke_existing: false", `"prod", "web"`, "credential " + itoa(e.oldDCID), "Delete the stored credential"} {
		if !strings.Contains(plan.Steps[i].Description, want) {
			t.Errorf("step %d %q does not mention %q", i, plan.Steps[i].Description, want)
		}
	}
	if n := len(e.fake.Credentials(contract)); n != 1 {
		t.Fatalf("planning changed DigiCert: %d credentials", n)
	}

	// Step 1: regenerate, keeping the old one; the new one is stored at once.
	created, err := e.rot.RegenerateKeepingOld(ctx, e.keyID, e.oldID)
	if err != nil {
		t.Fatal(err)
	}
	if created.Kind != credentials.KindEAB || created.Fields[credentials.EABKeyID] != newKID || created.Fields[credentials.EABCAID] != "pebble-ca" ||
		created.Fields[credentials.EABExpiresAt] != "2027-06-03T00:00:00Z" || strings.Join(created.Tags, ",") != "team-a" {
		t.Errorf("new credential %+v", created)
	}
	if _, leaked := created.Fields[credentials.EABHMACKey]; leaked {
		t.Error("the new credential carries its HMAC key")
	}
	dc := e.fake.Credentials(contract)
	if len(dc) != 2 || dc[0].Status != "active" || dc[1].Status != "active" || dc[1].KID != newKID {
		t.Fatalf("DigiCert after regenerate: %+v", dc)
	}
	all, _ := e.creds.List(credentials.Filter{Kind: credentials.KindEAB})
	if len(all) != 2 {
		t.Fatalf("%d EAB credentials stored, want old and new", len(all))
	}
	raw, _ := os.ReadFile(e.db.Path())
	if bytes.Contains(raw, []byte(newHMAC)) || bytes.Contains(raw, []byte(partnerKey)) {
		t.Error("the new HMAC or the API key is in the database file in clear")
	}

	// Step 2: repoint every account.
	moved, err := e.rot.Repoint(ctx, e.oldID, created.ID)
	if err != nil || len(moved) != 2 {
		t.Fatalf("Repoint: %v, %v", moved, err)
	}
	if strings.Join(e.rep.calls, " ") != "acc-prod->"+created.ID+" acc-web->"+created.ID {
		t.Errorf("repointer calls %v", e.rep.calls)
	}
	oldD, _ := e.creds.Get(e.oldID)
	newD, _ := e.creds.Get(created.ID)
	if len(oldD.UsedBy) != 1 || !oldD.UsedBy[0].Historic || len(newD.UsedBy) != 2 {
		t.Errorf("refs after repoint: old %v, new %v", oldD.UsedBy, newD.UsedBy)
	}

	// Step 3: revoke the old one at DigiCert, by id; then the old record can go.
	if err := e.rot.RevokeOld(ctx, e.keyID, plan.OldDigiCertCredentialID); err != nil {
		t.Fatal(err)
	}
	dc = e.fake.Credentials(contract)
	if dc[0].Status != "revoked" || dc[1].Status != "active" {
		t.Fatalf("DigiCert after revoke: %+v", dc)
	}
	if err := e.creds.Delete(e.oldID); err != nil {
		t.Fatalf("deleting the old credential once unused: %v", err)
	}

	// The stored credential registers an account at an ACME server requiring EAB.
	if err := e.creds.CheckEABUsable(created.ID); err != nil {
		t.Fatal(err)
	}
	kid, _ := e.creds.Reveal(created.ID, credentials.EABKeyID)
	hmac, err := e.creds.Reveal(created.ID, credentials.EABHMACKey)
	if err != nil || hmac != newHMAC {
		t.Fatalf("Reveal HMAC: %v", err)
	}
	register := func(kid, hmac string) error {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		core, err := legoapi.New(pebble.NewHTTPClient(), "acmedesk-test", pebble.URL, "", key)
		if err != nil {
			return err
		}
		_, err = core.Accounts.NewEAB(acme.Account{TermsOfServiceAgreed: true, Contact: []string{"mailto:ops@example.com"}}, kid, hmac)
		return err
	}
	if err := register(kid, hmac); err != nil {
		t.Fatalf("registering with the rotated EAB credential: %v", err)
	}
	// Pebble does refuse a binding it does not know, so the registration above proves the credential.
	if err := register("old-kid-ab12", e.oldHMAC); err == nil {
		t.Error("Pebble accepted an unknown EAB key: the end-to-end check proves nothing")
	}
}

func TestRotationFailureHalfwayLeavesBothStored(t *testing.T) {
	e := newRotationEnv(t, "")
	ctx := context.Background()
	created, err := e.rot.RegenerateKeepingOld(ctx, e.keyID, e.oldID)
	if err != nil {
		t.Fatal(err)
	}
	// DigiCert's own directory URL matches the catalogue entry despite its trailing slash.
	if created.Fields[credentials.EABCAID] != "digicert" || created.Fields[credentials.EABDirectoryURL] != eabtest.DigiCertDirectoryURL {
		t.Errorf("new credential fields %v", created.Fields)
	}
	e.rep.failOn = "acc-web"
	moved, err := e.rot.Repoint(ctx, e.oldID, created.ID)
	if len(moved) != 1 || moved[0].ID != "acc-prod" {
		t.Fatalf("moved %v", moved)
	}
	ae := wantErr(t, err, apperr.CodeConflict, `Account "web" could not be switched`)
	if !strings.Contains(ae.Hint, "1 account(s) were switched") {
		t.Errorf("hint %q", ae.Hint)
	}
	oldD, _ := e.creds.Get(e.oldID)
	newD, _ := e.creds.Get(created.ID)
	if len(oldD.UsedBy) != 2 || len(newD.UsedBy) != 1 { // web + historic on old, prod on new
		t.Errorf("refs: old %v, new %v", oldD.UsedBy, newD.UsedBy)
	}
	if err := e.creds.Delete(e.oldID); !apperr.Is(err, apperr.CodeInUse) {
		t.Errorf("the old credential is still in use, delete: %v", err)
	}
	for _, c := range e.fake.Credentials(contract) {
		if c.Status != "active" {
			t.Errorf("a failed repoint revoked %+v", c)
		}
	}
	// Running it again finishes the job.
	e.rep.failOn = ""
	if moved, err := e.rot.Repoint(ctx, e.oldID, created.ID); err != nil || len(moved) != 1 || moved[0].ID != "acc-web" {
		t.Fatalf("second Repoint: %v %v", moved, err)
	}
}

func TestRotationRefusals(t *testing.T) {
	e := newRotationEnv(t, "https://acme.unknown-ca.example/directory")
	ctx := context.Background()

	// A refused key stores nothing.
	bad, _ := e.creds.Create(credentials.Input{Name: "wrong key", Kind: credentials.KindDigiCertPartnerKey,
		Values: map[string]string{credentials.DigiCertContractID: "12345", credentials.DigiCertAPIKey: "wrong-key-1234"}})
	_, err := e.rot.RegenerateKeepingOld(ctx, bad.ID, e.oldID)
	wantErr(t, err, apperr.CodeForbidden, "DigiCert refused")
	noSecret(t, err, "wrong-key-1234")
	if all, _ := e.creds.List(credentials.Filter{Kind: credentials.KindEAB}); len(all) != 1 {
		t.Errorf("%d EAB credentials after a refused regenerate", len(all))
	}
	// Swapped arguments are refused in plain words.
	_, err = e.rot.PlanRotation(ctx, e.oldID, e.keyID)
	wantErr(t, err, apperr.CodeInvalidInput, "not an EAB credential")
	_, err = e.rot.RegenerateKeepingOld(ctx, e.oldID, e.oldID)
	wantErr(t, err, apperr.CodeInvalidInput, "not a DigiCert Partner Subscriptions API key")
	// An unknown CA: the directory URL is kept instead of a CA id.
	created, err := e.rot.RegenerateKeepingOld(ctx, e.keyID, e.oldID)
	if err != nil {
		t.Fatal(err)
	}
	if created.Fields[credentials.EABCAID] != "" || created.Fields[credentials.EABDirectoryURL] != "https://acme.unknown-ca.example/directory" {
		t.Errorf("fields %v", created.Fields)
	}
	// Revoking an id DigiCert does not know.
	err = e.rot.RevokeOld(ctx, e.keyID, 4242)
	wantErr(t, err, apperr.CodeNotFound, "no credential 4242")
	// No repointer yet.
	_, err = (&Manager{Credentials: e.creds}).Repoint(ctx, e.oldID, created.ID)
	if err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("Repoint without a Repointer: %v", err)
	}
	// Plan when DigiCert lists no active credential for the old key.
	e.fake.Queue(eabtest.Canned{Status: 200, Body: `{"credentials":[{"credential_id":1,"kid_hint":"zz99","status":"active","created_at":"2026-06-01 14:00:00"}]}`})
	plan, err := e.rot.PlanRotation(ctx, e.keyID, e.oldID)
	if err != nil || plan.OldDigiCertCredentialID != 0 || !strings.Contains(plan.Steps[2].Description, "nothing to revoke") {
		t.Errorf("plan without a match: %+v, %v", plan, err)
	}
}
