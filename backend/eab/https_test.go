package eab

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
	"acmedesk/backend/eab/eabtest"
	"acmedesk/backend/store"
)

// notHTTPS are base URLs a key must never be sent to; host is a fake's host:port.
func notHTTPS(plainURL, host string) []string {
	return []string{
		plainURL,
		"HTTP://" + host + "/partner-subscription/api/v1",
		"https://ops:s3cret-pw@" + host + "/partner-subscription/api/v1",
		"https://ops@" + host + "/partner-subscription/api/v1",
		"https:///partner-subscription/api/v1",
		"https://:443/partner-subscription/api/v1",
		"https:" + host,
		"//" + host + "/partner-subscription/api/v1",
		"/partner-subscription/api/v1",
		"ftp://" + host,
		"https://" + host + "/partner-subscription/api/v1?x=1",
		"https://" + host + "/partner-subscription/api/v1#x",
		"https://" + host + " /v1",
	}
}

func hostOf(u string) string {
	return strings.SplitN(strings.TrimPrefix(u, "https://"), "/", 2)[0]
}

// A DigiCert client sends its key only to an absolute https:// URL with a host
// and no user info; anything else is refused before a request is made.
func TestDigiCertRefusesBaseURLsThatAreNotHTTPS(t *testing.T) {
	ctx := context.Background()
	f, c := newDigiCert(t)
	sent := 0
	c.Sent = func() { sent++ }
	for _, base := range notHTTPS(f.PlainURL, hostOf(f.URL)) {
		c.BaseURL = base
		_, err := c.ListCredentials(ctx, contract)
		e := wantErr(t, err, apperr.CodeInvalidInput, "The API base URL for DigiCert is not an https:// address")
		if !strings.Contains(e.Message, "nothing was sent") || !strings.Contains(e.Hint, "API base URL") {
			t.Errorf("%s: %+v", base, e)
		}
		noSecret(t, err, "s3cret-pw", partnerKey)
		_, err = c.Regenerate(ctx, contract, false)
		wantErr(t, err, apperr.CodeInvalidInput, "API base URL")
		wantErr(t, c.Revoke(ctx, contract, 1), apperr.CodeInvalidInput, "API base URL")
		wantErr(t, c.RevokeAll(ctx, contract), apperr.CodeInvalidInput, "API base URL")
	}
	if reqs := f.Requests(); len(reqs) != 0 || sent != 0 {
		t.Fatalf("a refused base URL was used: %d answers, requests %+v", sent, reqs)
	}
	// The default and a good URL still work.
	if c := NewDigiCert(partnerKey); c.BaseURL != DigiCertBaseURL || !strings.HasPrefix(DigiCertBaseURL, "https://") {
		t.Errorf("default base URL %q", c.BaseURL)
	}
	c.BaseURL = f.URL + "/"
	if _, err := c.ListCredentials(ctx, contract); err != nil || sent != 1 {
		t.Fatalf("https base URL: %v (%d answers)", err, sent)
	}
}

func TestZeroSSLRefusesBaseURLsThatAreNotHTTPS(t *testing.T) {
	ctx := context.Background()
	f, z := newZeroSSL(t)
	sent := 0
	z.Sent = func() { sent++ }
	for _, base := range notHTTPS(f.PlainURL, hostOf(f.URL)) {
		z.BaseURL = base
		_, err := z.FromAccessKey(ctx, accessKey)
		wantErr(t, err, apperr.CodeInvalidInput, "The API base URL for ZeroSSL is not an https:// address")
		noSecret(t, err, "s3cret-pw", accessKey, "zs-access-key-4c5d6e%2B%2F%3D")
		_, err = z.FromEmail(ctx, "ops@example.com")
		wantErr(t, err, apperr.CodeInvalidInput, "The API base URL for ZeroSSL is not an https:// address")
	}
	if reqs := f.Requests(); len(reqs) != 0 || sent != 0 {
		t.Fatalf("a refused base URL was used: %d answers, requests %+v", sent, reqs)
	}
	z.BaseURL = f.URL
	if _, err := z.FromEmail(ctx, "ops@example.com"); err != nil || sent != 1 {
		t.Fatalf("https base URL: %v (%d answers)", err, sent)
	}
	if r := f.Requests()[0]; !r.TLS {
		t.Errorf("request %+v not over TLS", r)
	}
}

// An https API that redirects off https, or to another host, is not followed:
// the key would go along (a header, or the query).
func TestRedirectsAwayFromTheHTTPSHostAreNotFollowed(t *testing.T) {
	ctx := context.Background()
	f, c := newDigiCert(t)
	other := eabtest.NewDigiCert(t)
	other.AddContract(contract, partnerKey, "")
	for _, to := range []string{f.PlainURL, other.URL} {
		f.Queue(eabtest.Canned{Status: http.StatusTemporaryRedirect, Header: map[string]string{"Location": to + "/acme/12345/credentials"}})
		_, err := c.ListCredentials(ctx, contract)
		e := wantErr(t, err, apperr.CodeInvalidInput, "DigiCert's API sent the request elsewhere (HTTP 307)")
		if !strings.Contains(e.Detail, "127.0.0.1") {
			t.Errorf("detail %q", e.Detail)
		}
	}
	if reqs, elsewhere := f.Requests(), other.Requests(); len(reqs) != 2 || !reqs[0].TLS || !reqs[1].TLS || len(elsewhere) != 0 {
		t.Fatalf("requests %+v, elsewhere %+v", reqs, elsewhere)
	}
	// A redirect to https on the same host is followed.
	f.Queue(eabtest.Canned{Status: http.StatusTemporaryRedirect, Header: map[string]string{"Location": f.URL + "/acme/12345/credentials"}})
	if _, err := c.ListCredentials(ctx, contract); err != nil {
		t.Fatal(err)
	}
	if reqs := f.Requests(); len(reqs) != 4 || reqs[3].APIKey != partnerKey || !reqs[3].TLS {
		t.Fatalf("requests %+v", reqs)
	}
}

// Sent reports each answer from the API, refusals included, and nothing else.
func TestSentOnlyWhenTheAPIAnswered(t *testing.T) {
	ctx := context.Background()
	f, c := newDigiCert(t)
	sent := 0
	c.Sent = func() { sent++ }
	check := func(what string, want int) {
		t.Helper()
		if sent != want {
			t.Fatalf("%s: Sent called %d times, want %d", what, sent, want)
		}
	}
	if _, err := c.ListCredentials(ctx, contract); err != nil {
		t.Fatal(err)
	}
	check("success", 1)
	f.ParentKeys[partnerKey] = true
	_, err := c.ListCredentials(ctx, contract)
	wantErr(t, err, apperr.CodeForbidden, "refused")
	check("403", 2)
	delete(f.ParentKeys, partnerKey)
	_, err = c.ListCredentials(ctx, 999)
	wantErr(t, err, apperr.CodeNotFound, "999")
	check("404", 3)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.ListCredentials(cancelled, contract)
	wantErr(t, err, apperr.CodeCancelled, "cancelled")
	check("cancelled before sending", 3)
	f.Queue(eabtest.Canned{Status: 200, Body: `{"credentials":[]}`, Delay: 3 * time.Second})
	inFlight, cancel2 := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel2)
	_, err = c.ListCredentials(inFlight, contract)
	wantErr(t, err, apperr.CodeCancelled, "cancelled")
	check("cancelled before the answer", 3)
	c.BaseURL = eabtest.ClosedURL(t)
	_, err = c.ListCredentials(ctx, contract)
	wantErr(t, err, apperr.CodeUnreachable, "Cannot reach")
	check("connection refused", 3)

	fz, z := newZeroSSL(t)
	zsent := 0
	z.Sent = func() { zsent++ }
	if _, err := z.FromAccessKey(ctx, "wrong-key"); !apperr.Is(err, apperr.CodeForbidden) || zsent != 1 {
		t.Fatalf("refused key: %v, %d answers", err, zsent)
	}
	fz.Queue(eabtest.Canned{Status: 503})
	if _, err := z.FromAccessKey(ctx, accessKey); !apperr.Is(err, apperr.CodeUnreachable) || zsent != 2 {
		t.Fatalf("503: %v, %d answers", err, zsent)
	}
	z.BaseURL = eabtest.ClosedURL(t)
	if _, err := z.FromAccessKey(ctx, accessKey); !apperr.Is(err, apperr.CodeUnreachable) || zsent != 2 {
		t.Fatalf("connection refused: %v, %d answers", err, zsent)
	}
}

// setFields changes stored non-secret values behind the service's back, as a
// credential stored by an older version (before the checks) would hold them.
func setFields(t *testing.T, db *store.DB, id string, fields map[string]string) {
	t.Helper()
	err := db.Update(func(tx *store.Tx) error {
		var c credentials.Credential
		if _, err := tx.Get(store.Credentials, id, &c); err != nil {
			return err
		}
		for k, v := range fields {
			c.Fields[k] = v
		}
		return tx.Put(store.Credentials, id, &c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func lastUsed(t *testing.T, creds *credentials.Service, id string) *time.Time {
	t.Helper()
	d, err := creds.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return d.LastUsedAt
}

// A stored DigiCert key is marked used when DigiCert answered a request
// carrying it (a refusal too), and only then.
func TestDigiCertKeyMarkedUsedOnlyWhenDigiCertAnswered(t *testing.T) {
	ctx := context.Background()
	creds, db := newCredentials(t)
	fake := eabtest.NewDigiCert(t)
	fake.AddContract(contract, partnerKey, "")
	fake.ParentKeys[parentKey] = true
	// No NewDigiCert hook: the key's own api_base_url and the Manager's HTTP client are used.
	m := &Manager{Credentials: creds, HTTP: fake.Client()}
	newKey := func(name, apiKey, base string) string {
		t.Helper()
		c, err := creds.Create(credentials.Input{Name: name, Kind: credentials.KindDigiCertPartnerKey,
			Values: map[string]string{credentials.DigiCertContractID: "12345", credentials.DigiCertAPIKey: apiKey, credentials.APIBaseURL: base}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	old, err := creds.Create(credentials.Input{Name: "DigiCert EAB", Kind: credentials.KindEAB,
		Values: map[string]string{credentials.EABCAID: "digicert", credentials.EABKeyID: "old-kid-ab12", credentials.EABHMACKey: "b2xkLWhtYWMta2V5LWZvci1kaWdpY2VydC0wMQ"}})
	if err != nil {
		t.Fatal(err)
	}
	// every runs each Manager call that uses the key.
	every := func(ctx context.Context, id string) []error {
		_, e1 := m.ListDigiCert(ctx, id)
		_, e2 := m.RegenerateDigiCert(ctx, id, false)
		e3 := m.RevokeAllDigiCert(ctx, id)
		_, e4 := m.PlanRotation(ctx, id, old.ID)
		_, e5 := m.RegenerateKeepingOld(ctx, id, old.ID)
		e6 := m.RevokeOld(ctx, id, 1)
		return []error{e1, e2, e3, e4, e5, e6}
	}
	notUsed := func(what, id string, code apperr.Code, inMessage string, ctx context.Context) {
		t.Helper()
		before := len(fake.Requests())
		for i, err := range every(ctx, id) {
			if !apperr.Is(err, code) || !strings.Contains(apperr.From(err).Message, inMessage) {
				t.Errorf("%s, call %d: %v, want %s %q", what, i, err, code, inMessage)
			}
		}
		if at := lastUsed(t, creds, id); at != nil {
			t.Errorf("%s: the key is marked used (%v) though DigiCert answered nothing", what, at)
		}
		if n := len(fake.Requests()) - before; n != 0 {
			t.Errorf("%s: %d requests reached DigiCert", what, n)
		}
	}

	plain := newKey("plain http", partnerKey, fake.URL)
	setFields(t, db, plain, map[string]string{credentials.APIBaseURL: fake.PlainURL})
	notUsed("http:// base URL", plain, apperr.CodeInvalidInput, "API base URL", ctx)

	withUser := newKey("user info", partnerKey, fake.URL)
	setFields(t, db, withUser, map[string]string{credentials.APIBaseURL: "https://ops:pw@" + hostOf(fake.URL) + "/partner-subscription/api/v1"})
	notUsed("base URL with user info", withUser, apperr.CodeInvalidInput, "API base URL", ctx)

	badContract := newKey("bad contract", partnerKey, fake.URL)
	setFields(t, db, badContract, map[string]string{credentials.DigiCertContractID: "12a"})
	notUsed("bad contract id", badContract, apperr.CodeInvalidInput, "contract ID", ctx)

	blank := newKey("blank key", "   ", fake.URL)
	notUsed("blank key", blank, apperr.CodeInvalidInput, "key is empty", ctx)

	refused := newKey("refused connection", partnerKey, eabtest.ClosedURL(t)+"/partner-subscription/api/v1")
	notUsed("connection refused", refused, apperr.CodeUnreachable, "Cannot reach", ctx)

	good := newKey("good key", partnerKey, fake.URL)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	notUsed("cancelled", good, apperr.CodeCancelled, "cancelled", cancelled)

	// Answered: marked, whatever DigiCert said.
	parent := newKey("parent key", parentKey, fake.URL)
	_, err = m.ListDigiCert(ctx, parent)
	wantErr(t, err, apperr.CodeForbidden, "DigiCert refused")
	if lastUsed(t, creds, parent) == nil {
		t.Error("a key DigiCert answered (403) is not marked used")
	}
	if err := m.RevokeOld(ctx, good, 4242); !apperr.Is(err, apperr.CodeNotFound) {
		t.Fatalf("unknown credential: %v", err)
	}
	first := lastUsed(t, creds, good)
	if first == nil {
		t.Fatal("a key DigiCert answered (404) is not marked used")
	}
	if _, err := m.RegenerateKeepingOld(ctx, good, old.ID); err != nil {
		t.Fatal(err)
	}
	if at := lastUsed(t, creds, good); at == nil || at.Before(*first) {
		t.Errorf("after a success: %v", at)
	}
	for _, r := range fake.Requests() {
		if !r.TLS {
			t.Errorf("a request came over plain http: %+v", r)
		}
	}
}

// A stored ZeroSSL access key likewise: marked when ZeroSSL answered (a refusal
// too), not when nothing was sent.
func TestZeroSSLKeyMarkedUsedOnlyWhenZeroSSLAnswered(t *testing.T) {
	ctx := context.Background()
	creds, db := newCredentials(t)
	fake := eabtest.NewZeroSSL(t)
	fake.AccessKeys["zs-access-key-1"] = true
	m := &Manager{Credentials: creds, HTTP: fake.Client()}
	newKey := func(name, key, base string) string {
		t.Helper()
		c, err := creds.Create(credentials.Input{Name: name, Kind: credentials.KindZeroSSLAccessKey,
			Values: map[string]string{credentials.ZeroSSLAccessKey: key, credentials.APIBaseURL: base}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}

	plain := newKey("plain http", "zs-access-key-1", fake.URL)
	setFields(t, db, plain, map[string]string{credentials.APIBaseURL: fake.PlainURL})
	_, err := m.ZeroSSLFromAccessKey(ctx, plain)
	wantErr(t, err, apperr.CodeInvalidInput, "The API base URL for ZeroSSL is not an https:// address")
	noSecret(t, err, "zs-access-key-1")
	refused := newKey("refused connection", "zs-access-key-1", eabtest.ClosedURL(t))
	_, err = m.ZeroSSLFromAccessKey(ctx, refused)
	wantErr(t, err, apperr.CodeUnreachable, "Cannot reach ZeroSSL's API")
	good := newKey("good key", "zs-access-key-1", fake.URL)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = m.ZeroSSLFromAccessKey(cancelled, good)
	wantErr(t, err, apperr.CodeCancelled, "cancelled")
	for _, id := range []string{plain, refused, good} {
		if at := lastUsed(t, creds, id); at != nil {
			t.Errorf("key %s marked used (%v) though ZeroSSL answered nothing", id, at)
		}
	}
	// The e-mail route sends no stored key, and no e-mail address to plain http either.
	m.ZeroSSLBaseURL = fake.PlainURL
	_, err = m.ZeroSSLFromEmail(ctx, "ops@example.com")
	wantErr(t, err, apperr.CodeInvalidInput, "The API base URL for ZeroSSL is not an https:// address")
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Fatalf("requests reached ZeroSSL: %+v", reqs)
	}
	m.ZeroSSLBaseURL = ""

	wrong := newKey("wrong key", "zs-wrong-key", fake.URL)
	_, err = m.ZeroSSLFromAccessKey(ctx, wrong)
	wantErr(t, err, apperr.CodeForbidden, "ZeroSSL refused the API access key")
	if lastUsed(t, creds, wrong) == nil {
		t.Error("a key ZeroSSL answered (refused) is not marked used")
	}
	if _, err := m.ZeroSSLFromAccessKey(ctx, good); err != nil {
		t.Fatal(err)
	}
	if lastUsed(t, creds, good) == nil {
		t.Error("a key ZeroSSL answered (success) is not marked used")
	}
	for _, r := range fake.Requests() {
		if !r.TLS {
			t.Errorf("a request came over plain http: %+v", r)
		}
	}
}
