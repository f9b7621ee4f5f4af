package accounts

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

// env is a real store and vault, and a real Pebble registered as a custom CA.
type env struct {
	t      testing.TB
	db     *store.DB
	path   string
	keys   *keys.Service
	cas    *cas.Service
	creds  *credentials.Service
	svc    *Service
	pebble *acmetest.Server
	caID   string
}

func newEnv(t testing.TB, opts acmetest.Options) *env {
	t.Helper()
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase("accounts test passphrase"); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, path: path, pebble: acmetest.Start(t, opts)}
	e.keys = keys.NewService(db, v)
	e.cas = cas.NewService(db)
	ca, err := e.cas.AddCustom(cas.CustomInput{Name: "Pebble", DirectoryURL: e.pebble.URL, RootPEM: string(e.pebble.RootPEM)})
	if err != nil {
		t.Fatal(err)
	}
	e.caID = ca.ID
	e.creds = credentials.NewService(db, v)
	e.svc = NewService(db, e.keys, e.cas, e.creds)
	return e
}

func (e *env) create(name string, contacts ...string) *Account {
	e.t.Helper()
	a, err := e.svc.Create(context.Background(), NewInput{Name: name, CAID: e.caID, Contacts: contacts})
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) registered(name string, contacts ...string) *Account {
	e.t.Helper()
	a, err := e.svc.Register(context.Background(), e.create(name, contacts...).ID, true)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *env) key(name string) *keys.Key {
	e.t.Helper()
	k, err := e.keys.Generate(context.Background(), name, "", keys.EC384)
	if err != nil {
		e.t.Fatal(err)
	}
	return k
}

// lookup asks Pebble, with onlyReturnExisting, which account keyID controls.
func (e *env) lookup(keyID string) (string, error) {
	signer, err := e.keys.Signer(keyID)
	if err != nil {
		e.t.Fatal(err)
	}
	core, err := api.New(e.pebble.NewHTTPClient(), "test", e.pebble.URL, "", signer)
	if err != nil {
		e.t.Fatal(err)
	}
	got, err := core.Accounts.New(acme.Account{OnlyReturnExisting: true})
	return got.Location, err
}

func wantCode(t *testing.T, err error, code apperr.Code) *apperr.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	e := apperr.From(err)
	if e.Code != code {
		t.Fatalf("error %s (%s; %s), want %s", e.Code, e.Message, e.Detail, code)
	}
	return e
}

func TestLifecycleAgainstPebble(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.create("Pebble prod", "ops@example.com")
	if a.Status != StatusUnregistered || a.KID != "" {
		t.Fatalf("new account %+v", a)
	}
	k, _ := e.keys.Get(a.KeyID)
	if k.Algorithm != keys.EC384 || len(k.UsedBy) != 1 || k.UsedBy[0].ID != a.ID {
		t.Fatalf("inline key %+v", k)
	}

	wantCode(t, func() error { _, err := e.svc.Register(ctx, a.ID, false); return err }(), apperr.CodeInvalidInput)
	wantCode(t, func() error { _, err := e.svc.Refresh(ctx, a.ID); return err }(), apperr.CodeConflict)

	a, err := e.svc.Register(ctx, a.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusValid || !strings.HasPrefix(a.KID, e.pebble.BaseURL()) || a.TermsOfService != acmetest.TermsOfServiceURL {
		t.Fatalf("registered %+v", a)
	}
	if kid, err := e.lookup(a.KeyID); err != nil || kid != a.KID {
		t.Fatalf("Pebble knows the key as %q (%v), want %q", kid, err, a.KID)
	}
	wantCode(t, func() error { _, err := e.svc.Register(ctx, a.ID, true); return err }(), apperr.CodeConflict)

	if a, err = e.svc.Refresh(ctx, a.ID); err != nil || a.Status != StatusValid || a.CheckedAt == nil {
		t.Fatalf("refresh %+v, %v", a, err)
	}

	a, err = e.svc.ChangeContacts(ctx, a.ID, []string{"new@example.com", "mailto:second@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if a, _ = e.svc.Refresh(ctx, a.ID); strings.Join(a.Contacts, ",") != "new@example.com,second@example.com" {
		t.Fatalf("contacts at the CA after change: %v", a.Contacts)
	}
	wantCode(t, func() error { _, err := e.svc.ChangeContacts(ctx, a.ID, []string{"not an address"}); return err }(), apperr.CodeInvalidInput)

	caa, err := e.svc.CAA(ctx, a.ID)
	if err != nil || caa.Value != `0 issue "pebble.letsencrypt.org; accounturi=`+a.KID+`"` {
		t.Fatalf("CAA %+v, %v", caa, err)
	}
	if v, err := e.svc.ValidAt(e.caID); err != nil || v.ID != a.ID {
		t.Fatalf("ValidAt = %+v, %v", v, err)
	}

	wantCode(t, func() error { _, err := e.svc.Deactivate(ctx, a.ID, "pebble prod"); return err }(), apperr.CodeInvalidInput)
	if a, err = e.svc.Deactivate(ctx, a.ID, "Pebble prod"); err != nil || a.Status != StatusDeactivated {
		t.Fatalf("deactivate %+v, %v", a, err)
	}
	if _, err := e.lookup(a.KeyID); err == nil {
		t.Fatal("Pebble still answers for a deactivated account's key")
	}
	for name, op := range map[string]func() error{
		"refresh":    func() error { _, err := e.svc.Refresh(ctx, a.ID); return err },
		"contacts":   func() error { _, err := e.svc.ChangeContacts(ctx, a.ID, []string{"x@example.com"}); return err },
		"rollover":   func() error { _, err := e.svc.Rollover(ctx, a.ID, ""); return err },
		"deactivate": func() error { _, err := e.svc.Deactivate(ctx, a.ID, a.Name); return err },
		"register":   func() error { _, err := e.svc.Register(ctx, a.ID, true); return err },
		"caa":        func() error { _, err := e.svc.CAA(ctx, a.ID); return err },
	} {
		if name == "refresh" {
			// Refresh still asks the CA, which answers that the account is deactivated.
			if err := op(); err == nil {
				t.Errorf("%s of a deactivated account succeeded", name)
			}
			continue
		}
		if err := op(); !apperr.Is(err, apperr.CodeConflict) {
			t.Errorf("%s of a deactivated account: %v, want a local refusal", name, err)
		}
	}
	err = func() error { _, err := e.svc.ValidAt(e.caID); return err }()
	if m := wantCode(t, err, apperr.CodeNotFound); m.Message != "There is no matching ACME account." {
		t.Fatalf("ValidAt message %q", m.Message)
	}
}

func TestRolloverVerifiedAtTheCA(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Rolling")
	oldKey, kid := a.KeyID, a.KID

	other := e.registered("Other")
	wantCode(t, func() error { _, err := e.svc.Rollover(ctx, a.ID, other.KeyID); return err }(), apperr.CodeConflict)
	wantCode(t, func() error { _, err := e.svc.Rollover(ctx, a.ID, a.KeyID); return err }(), apperr.CodeInvalidInput)
	if m := wantCode(t, func() error { _, err := e.svc.Rollover(ctx, a.ID, "no-such-key"); return err }(), apperr.CodeNotFound); m.Message != "The chosen key no longer exists." {
		t.Errorf("rollover to a missing key: %q", m.Message)
	}

	fresh := e.key("fresh key")
	a, err := e.svc.Rollover(ctx, a.ID, fresh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.KeyID != fresh.ID || a.KID != kid || len(a.RetiredKeys) != 1 || a.RetiredKeys[0].KeyID != oldKey {
		t.Fatalf("after rollover %+v", a)
	}
	if got, err := e.lookup(fresh.ID); err != nil || got != kid {
		t.Fatalf("new key finds %q, %v; want %q", got, err, kid)
	}
	if _, err := e.lookup(oldKey); acmeerr.Type(err) != "accountDoesNotExist" {
		t.Fatalf("old key: %v, want accountDoesNotExist", err)
	}
	// The account keeps working with its new key.
	if a, err = e.svc.Refresh(ctx, a.ID); err != nil || a.Status != StatusValid {
		t.Fatalf("refresh after rollover %+v, %v", a, err)
	}
	old, _ := e.keys.Get(oldKey)
	if len(old.UsedBy) != 1 || !old.UsedBy[0].Historic || !strings.Contains(old.UsedBy[0].Label, "retired") {
		t.Fatalf("old key used by %+v, want the account as historic", old.UsedBy)
	}
	// A generated key in one step, then the retired key can be deleted (it no longer controls anything).
	if a, err = e.svc.Rollover(ctx, a.ID, ""); err != nil || len(a.RetiredKeys) != 2 {
		t.Fatalf("rollover to a generated key %+v, %v", a, err)
	}
	if err := e.keys.Delete(oldKey); err != nil {
		t.Fatalf("deleting a retired key: %v", err)
	}
	if err := e.keys.Delete(a.KeyID); !apperr.Is(err, apperr.CodeInUse) {
		t.Fatalf("deleting the account's current key: %v", err)
	}

	// Found by its key after being forgotten locally.
	if err := e.svc.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	found, err := e.svc.FindByKey(ctx, FindInput{Name: "Found again", CAID: e.caID, KeyID: a.KeyID})
	if err != nil || found.KID != kid || found.Status != StatusValid {
		t.Fatalf("FindByKey = %+v, %v", found, err)
	}
}

func TestRolloverRefusedWithoutKeyChange(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("No key change")
	// Pretend the CA's directory offers no keyChange (as some CAs do).
	d, err := e.cas.Directory(context.Background(), e.caID, false)
	if err != nil {
		t.Fatal(err)
	}
	d.KeyChange, d.KeyChangeOffered = "", false
	e.db.Update(func(tx *store.Tx) error { return tx.Put(store.DirectoryCache, e.caID, d) })
	if raw := func() []byte {
		var r []byte
		e.db.View(func(tx *store.Tx) error { r = tx.GetRaw(store.DirectoryCache, e.caID); return nil })
		return r
	}(); !bytes.Contains(raw, []byte(`"keyChangeOffered":false`)) {
		t.Fatalf("cache layout changed: %s", raw)
	}
	m := wantCode(t, func() error { _, err := e.svc.Rollover(context.Background(), a.ID, ""); return err }(), apperr.CodeUnsupported)
	if !strings.Contains(m.Message, "key rollover") {
		t.Fatalf("message %q", m.Message)
	}
	if list, _ := e.keys.List(); len(list) != 1 {
		t.Fatalf("a refused rollover left %d keys", len(list))
	}
}

func TestFindByKeyWithoutAccount(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	k := e.key("never registered")
	_, err := e.svc.FindByKey(context.Background(), FindInput{Name: "x", CAID: e.caID, KeyID: k.ID})
	m := wantCode(t, err, apperr.CodeNotFound)
	if !strings.Contains(m.Message, "No account exists for this key at Pebble") {
		t.Fatalf("message %q", m.Message)
	}
	if list, _ := e.svc.List(); len(list) != 0 {
		t.Fatal("a failed lookup stored an account")
	}
}

func TestEABAgainstPebbleRequiringIt(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	ctx := context.Background()
	noEAB := e.create("Without EAB")
	wantCode(t, func() error { _, err := e.svc.Register(ctx, noEAB.ID, true); return err }(), apperr.CodeEABRequired)

	hmac := e.pebble.AddEAB("kid-1")
	wrong := base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	bad, err := e.svc.Create(ctx, NewInput{Name: "Wrong HMAC", CAID: e.caID, EABKeyID: "kid-1", EABHMAC: wrong})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Register(ctx, bad.ID, true)
	if ae := wantCode(t, err, apperr.CodeEABRequired); !strings.Contains(ae.Message, "refused the external account binding") ||
		!strings.Contains(ae.Hint, `"Wrong HMAC EAB"`) {
		t.Fatalf("wrong HMAC: %+v", ae)
	}
	// An unknown key ID likewise.
	unknown, err := e.svc.Create(ctx, NewInput{Name: "Unknown kid", CAID: e.caID, EABKeyID: "kid-nobody", EABHMAC: hmac})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Register(ctx, unknown.ID, true)
	wantCode(t, err, apperr.CodeEABRequired)
	if a, _ := e.svc.Get(bad.ID); a.Status != StatusUnregistered {
		t.Fatal("a failed registration changed the account")
	}

	good, err := e.svc.Create(ctx, NewInput{Name: "With EAB", CAID: e.caID, EABKeyID: "kid-1", EABHMAC: hmac})
	if err != nil {
		t.Fatal(err)
	}
	if good, err = e.svc.Register(ctx, good.ID, true); err != nil || good.Status != StatusValid {
		t.Fatalf("register with EAB %+v, %v", good, err)
	}
	e.db.Close()
	raw, _ := os.ReadFile(e.path)
	secret, _ := base64.RawURLEncoding.DecodeString(hmac)
	if bytes.Contains(raw, secret) || bytes.Contains(raw, []byte(hmac)) {
		t.Fatal("the EAB HMAC key is in the database file in plaintext")
	}
}

func TestOperationsSucceedWhilePebbleRejectsNonces(t *testing.T) {
	e := newEnv(t, acmetest.Options{NonceRejectPercent: 50})
	ctx := context.Background()
	a := e.registered("Nonce storm", "a@example.com")
	var err error
	if a, err = e.svc.Refresh(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if a, err = e.svc.ChangeContacts(ctx, a.ID, []string{"b@example.com"}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if a, err = e.svc.Rollover(ctx, a.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	if a, err = e.svc.Deactivate(ctx, a.ID, a.Name); err != nil || a.Status != StatusDeactivated {
		t.Fatalf("deactivate %+v, %v", a, err)
	}
}

func TestCADownMidOperationChangesNothing(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	ctx := context.Background()
	a := e.registered("Fragile")
	before, _ := json.Marshal(a)
	e.pebble.Stop()
	for name, op := range map[string]func() error{
		"refresh":    func() error { _, err := e.svc.Refresh(ctx, a.ID); return err },
		"contacts":   func() error { _, err := e.svc.ChangeContacts(ctx, a.ID, []string{"x@example.com"}); return err },
		"rollover":   func() error { _, err := e.svc.Rollover(ctx, a.ID, ""); return err },
		"deactivate": func() error { _, err := e.svc.Deactivate(ctx, a.ID, a.Name); return err },
	} {
		err := op()
		if m := wantCode(t, err, apperr.CodeUnreachable); !strings.Contains(m.Message+m.Hint, e.pebble.BaseURL()) && !strings.Contains(m.Message+m.Hint, "127.0.0.1") {
			t.Errorf("%s: message %q does not name the CA", name, m.Message)
		}
	}
	after, _ := e.svc.Get(a.ID)
	if got, _ := json.Marshal(after); !bytes.Equal(got, before) {
		t.Fatalf("local data changed:\n%s\n%s", before, got)
	}
	if list, _ := e.keys.List(); len(list) != 1 {
		t.Fatalf("a failed rollover left %d keys", len(list))
	}
}

func TestRefreshAll(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		e.registered(n)
	}
	e.create("unregistered")
	res, err := e.svc.RefreshAll(context.Background(), 3)
	if err != nil || len(res) != 5 {
		t.Fatalf("RefreshAll = %d results, %v", len(res), err)
	}
	for _, r := range res {
		if r.Error != nil || r.Status != StatusValid {
			t.Errorf("%+v", r)
		}
	}
}

func TestCreateRefusesBadInput(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	used := e.create("Taken")
	free := e.key("free")
	long := strings.Repeat("x", textfield.MaxName+1)
	tests := map[string]struct {
		in   NewInput
		code apperr.Code
	}{
		"empty name":      {NewInput{Name: " ", CAID: e.caID}, apperr.CodeInvalidInput},
		"long name":       {NewInput{Name: long, CAID: e.caID}, apperr.CodeInvalidInput},
		"duplicate name":  {NewInput{Name: "TAKEN", CAID: e.caID, KeyID: free.ID}, apperr.CodeConflict},
		"unknown CA":      {NewInput{Name: "n", CAID: "nope"}, apperr.CodeNotFound},
		"unknown key":     {NewInput{Name: "n", CAID: e.caID, KeyID: "nope"}, apperr.CodeNotFound},
		"key in use":      {NewInput{Name: "n", CAID: e.caID, KeyID: used.KeyID}, apperr.CodeConflict},
		"bad email":       {NewInput{Name: "n", CAID: e.caID, Contacts: []string{"Bob <bob@example.com>"}}, apperr.CodeInvalidInput},
		"enormous email":  {NewInput{Name: "n", CAID: e.caID, Contacts: []string{strings.Repeat("a", 300) + "@example.com"}}, apperr.CodeInvalidInput},
		"half EAB":        {NewInput{Name: "n", CAID: e.caID, EABKeyID: "kid"}, apperr.CodeInvalidInput},
		"EAB not base64":  {NewInput{Name: "n", CAID: e.caID, EABKeyID: "kid", EABHMAC: "not base64!"}, apperr.CodeInvalidInput},
		"EAB far too big": {NewInput{Name: "n", CAID: e.caID, EABKeyID: strings.Repeat("k", 10000), EABHMAC: "abcd"}, apperr.CodeInvalidInput},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := e.svc.Create(context.Background(), tt.in)
			wantCode(t, err, tt.code)
		})
	}
	if list, _ := e.svc.List(); len(list) != 1 {
		t.Fatalf("refused input stored accounts: %d", len(list))
	}
	if list, _ := e.keys.List(); len(list) != 2 {
		t.Fatalf("refused input left generated keys: %d", len(list))
	}
}

func TestSeveralAccountsOnOneCAAndLocalEdits(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a, b := e.registered("Product A"), e.registered("Product B")
	if a.KID == b.KID {
		t.Fatal("two accounts share a KID")
	}
	if _, err := e.svc.Update(a.ID, "Product B", ""); !apperr.Is(err, apperr.CodeConflict) {
		t.Fatalf("rename onto another account: %v", err)
	}
	got, err := e.svc.Update(a.ID, "Product A (EU)", "billing team")
	if err != nil || got.Name != "Product A (EU)" || got.Description != "billing team" {
		t.Fatalf("update %+v, %v", got, err)
	}
	k, _ := e.keys.Get(a.KeyID)
	if k.UsedBy[0].Label != "Product A (EU)" {
		t.Fatalf("key's used-by label not renamed: %+v", k.UsedBy)
	}
	if err := e.cas.DeleteCustom(e.caID); !apperr.Is(err, apperr.CodeInUse) {
		t.Fatalf("deleting a CA with accounts: %v", err)
	}
}

func TestRolloverAcrossKeyTypes(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("Mixed")
	for _, alg := range []keys.Algorithm{keys.RSA2048, keys.EC256, keys.EC384} {
		k, err := e.keys.Generate(context.Background(), "to "+string(alg), "", alg)
		if err != nil {
			t.Fatal(err)
		}
		if a, err = e.svc.Rollover(context.Background(), a.ID, k.ID); err != nil {
			t.Fatalf("rollover to %s: %v", alg, err)
		}
		if kid, err := e.lookup(k.ID); err != nil || kid != a.KID {
			t.Fatalf("after rollover to %s the CA knows %q, %v", alg, kid, err)
		}
	}
}

func TestEABLivesInAStoredCredential(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	ctx := context.Background()
	hmac := e.pebble.AddEAB("typed-kid")
	typed, err := e.svc.Create(ctx, NewInput{Name: "Typed", CAID: e.caID, EABKeyID: "typed-kid", EABHMAC: hmac})
	if err != nil {
		t.Fatal(err)
	}
	cred, err := e.creds.Get(typed.EABCredentialID)
	if err != nil || cred.Kind != credentials.KindEAB || cred.Fields[credentials.EABCAID] != e.caID ||
		len(cred.UsedBy) != 1 || cred.UsedBy[0].ID != typed.ID {
		t.Fatalf("typed-in EAB became %+v, %v", cred, err)
	}
	if err := e.creds.Delete(cred.ID); !apperr.Is(err, apperr.CodeInUse) {
		t.Fatalf("deleting a credential an account uses: %v", err)
	}
	if typed, err = e.svc.Register(ctx, typed.ID, true); err != nil || typed.Status != StatusValid {
		t.Fatalf("register with the typed-in credential %+v, %v", typed, err)
	}

	// A stored single-use credential (as Google Trust Services hands out) binds one account only.
	single, err := e.creds.Create(credentials.Input{Name: "GTS key", Kind: credentials.KindEAB, Values: map[string]string{
		credentials.EABCAID: e.caID, credentials.EABKeyID: "single-kid", credentials.EABHMACKey: e.pebble.AddEAB("single-kid"),
		credentials.EABSingleUse: "true",
	}})
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.svc.Create(ctx, NewInput{Name: "First", CAID: e.caID, EABCredentialID: single.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Register(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}
	second, _ := e.svc.Create(ctx, NewInput{Name: "Second", CAID: e.caID, EABCredentialID: single.ID})
	e.pebble.Stop() // the refusal must come before the CA is asked
	_, err = e.svc.Register(ctx, second.ID, true)
	if m := wantCode(t, err, apperr.CodeEABRequired); !strings.Contains(m.Message, "single-use and has already been used") {
		t.Fatalf("message %q", m.Message)
	}

	wantCode(t, func() error {
		_, err := e.svc.Create(ctx, NewInput{Name: "Both", CAID: e.caID, EABCredentialID: single.ID, EABKeyID: "k", EABHMAC: hmac})
		return err
	}(), apperr.CodeInvalidInput)
	pw, _ := e.creds.Create(credentials.Input{Name: "pw", Kind: credentials.KindPassword, Values: map[string]string{"username": "u", "password": "p"}})
	wantCode(t, func() error {
		_, err := e.svc.Create(ctx, NewInput{Name: "Wrong kind", CAID: e.caID, EABCredentialID: pw.ID})
		return err
	}(), apperr.CodeInvalidInput)
}

func TestExpiredEABRefusedBeforeContactingTheCA(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	old, err := e.creds.Create(credentials.Input{Name: "Old", Kind: credentials.KindEAB, Values: map[string]string{
		credentials.EABCAID: e.caID, credentials.EABKeyID: "k", credentials.EABHMACKey: e.pebble.AddEAB("k"),
		credentials.EABExpiresAt: "2020-01-01",
	}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.svc.Create(context.Background(), NewInput{Name: "Late", CAID: e.caID, EABCredentialID: old.ID})
	_, err = e.svc.Register(context.Background(), a.ID, true)
	if m := wantCode(t, err, apperr.CodeEABRequired); !strings.Contains(m.Message, "expired") {
		t.Fatalf("message %q", m.Message)
	}
}

func TestRepointMovesTheReference(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	mk := func(name, kid string) *credentials.Credential {
		c, err := e.creds.Create(credentials.Input{Name: name, Kind: credentials.KindEAB, Values: map[string]string{
			credentials.EABCAID: e.caID, credentials.EABKeyID: kid, credentials.EABHMACKey: e.pebble.AddEAB(kid)}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	oldCred, newCred := mk("old", "old-kid"), mk("new", "new-kid")
	a, _ := e.svc.Create(context.Background(), NewInput{Name: "Moving", CAID: e.caID, EABCredentialID: oldCred.ID})
	if err := e.svc.Repoint(context.Background(), a.ID, newCred.ID); err != nil {
		t.Fatal(err)
	}
	if o, _ := e.creds.Get(oldCred.ID); len(o.UsedBy) != 0 {
		t.Fatalf("old credential still used by %+v", o.UsedBy)
	}
	if n, _ := e.creds.Get(newCred.ID); len(n.UsedBy) != 1 || n.UsedBy[0].ID != a.ID {
		t.Fatalf("new credential used by %+v", n.UsedBy)
	}
	if err := e.creds.Delete(oldCred.ID); err != nil {
		t.Fatalf("the old credential is free now: %v", err)
	}
	if a, err := e.svc.Register(context.Background(), a.ID, true); err != nil || a.Status != StatusValid {
		t.Fatalf("register with the new credential %+v, %v", a, err)
	}
}
