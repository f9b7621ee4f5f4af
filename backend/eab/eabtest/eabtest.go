// Package eabtest has in-process fakes of the CA APIs that hand out EAB
// credentials (DigiCert's Partner Subscriptions API, ZeroSSL's API), built from
// their documented requests and answers. They check what they receive —
// method, path, headers, query and body — failing the test on a request the
// real API would not accept, and answer in the documented shapes.
//
// Like the real APIs they speak https (with httptest's own certificate: give
// clients Client()). Each also listens on plain http at PlainURL, recording
// what arrives there like any other request, so a test can prove that a client
// refuses to send a key over plain http. For tests only.
package eabtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Canned is a scripted answer, sent instead of the normal one.
type Canned struct {
	Status int
	Header map[string]string
	Body   string
	// Delay holds the answer back (or until the client gives up), to test timeouts.
	Delay time.Duration
}

// Request is what a fake received, for assertions.
type Request struct {
	Method, Path, RawQuery, ContentType, APIKey, Body string
	// TLS is false for a request that came in over plain http (at PlainURL).
	TLS bool
}

type base struct {
	t testing.TB
	// PlainURL is the same fake over plain http (with the same path prefix as
	// URL): the real APIs are https only, so nothing should ever arrive there.
	PlainURL string
	client   *http.Client
	mu       sync.Mutex
	canned   []Canned
	reqs     []Request
	// NextEAB makes the kid and HMAC key of each new credential; by default random-looking fixed values.
	NextEAB func() (kid, hmacB64URL string)
	n       int
}

// start serves h over https for the rest of the test, and over plain http at
// PlainURL; it returns the https URL.
func (b *base) start(t testing.TB, h http.Handler, prefix string) string {
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	plain := httptest.NewServer(h)
	t.Cleanup(plain.Close)
	b.client = srv.Client()
	b.PlainURL = plain.URL + prefix
	return srv.URL + prefix
}

// Client returns an HTTP client that trusts the fake's certificate (and no
// other). Every call returns a new client, free to change.
func (b *base) Client() *http.Client {
	c := *b.client
	return &c
}

// ClosedURL returns an https URL where nothing listens: connections to it are refused.
func ClosedURL(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "https://" + addr
}

// Queue makes the next requests get these answers, in order.
func (b *base) Queue(c ...Canned) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.canned = append(b.canned, c...)
}

// Requests returns what was received so far.
func (b *base) Requests() []Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Request(nil), b.reqs...)
}

// record notes the request and sends a queued answer if there is one (true).
func (b *base) record(w http.ResponseWriter, r *http.Request, apiKey string) (body []byte, answered bool) {
	body, _ = io.ReadAll(r.Body)
	b.mu.Lock()
	b.reqs = append(b.reqs, Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"), APIKey: apiKey, Body: string(body), TLS: r.TLS != nil})
	var c *Canned
	if len(b.canned) > 0 {
		c = &b.canned[0]
		b.canned = b.canned[1:]
	}
	b.mu.Unlock()
	if c == nil {
		return body, false
	}
	if c.Delay > 0 {
		select {
		case <-time.After(c.Delay):
		case <-r.Context().Done():
			// The client gave up: answer nothing at all (an empty 200 would be an answer).
			panic(http.ErrAbortHandler)
		}
	}
	for k, v := range c.Header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(c.Status)
	io.WriteString(w, c.Body)
	return body, true
}

func (b *base) newEAB() (string, string) {
	b.n++
	if b.NextEAB != nil {
		return b.NextEAB()
	}
	return fmt.Sprintf("fake-kid-%04d", b.n), fmt.Sprintf("ZmFrZS1obWFjLWtleS1mb3ItdGVzdHMtMDAwMDAw%04d", b.n)
}

// wrongRequest fails the test: the client sent something the real API does not accept.
func (b *base) wrongRequest(w http.ResponseWriter, status int, format string, args ...any) {
	b.t.Errorf("eabtest: "+format, args...)
	writeJSON(w, status, map[string]any{"errors": []map[string]string{{"code": "invalid_request", "message": fmt.Sprintf(format, args...)}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// DigiCertCredential is a credential the fake DigiCert holds.
type DigiCertCredential struct {
	ID        int64
	KID, HMAC string
	Status    string // "active" or "revoked"
	CreatedAt time.Time
}

type contract struct {
	apiKey       string
	accountID    int64
	directoryURL string
	validTill    time.Time
	creds        []*DigiCertCredential
}

// DigiCert fakes the Partner Subscriptions API's ACME credential calls.
type DigiCert struct {
	base
	// URL is the https API base URL to give the client (like .../partner-subscription/api/v1).
	URL string
	// ParentKeys are keys of a parent account: known, but refused for ACME contracts (403).
	ParentKeys map[string]bool
	contracts  map[int64]*contract
	nextID     int64
	now        func() time.Time
}

// DigiCertDirectoryURL is what the real API returns as directory_url.
const DigiCertDirectoryURL = "https://acme.digicert.com/v2/acme/directory"

var (
	listPath   = regexp.MustCompile(`^/partner-subscription/api/v1/acme/(\d+)/credentials$`)
	regenPath  = regexp.MustCompile(`^/partner-subscription/api/v1/acme/(\d+)/credentials/regenerate$`)
	revokeOne  = regexp.MustCompile(`^/partner-subscription/api/v1/acme/(\d+)/credentials/revoke/(\d+)$`)
	revokeAll  = regexp.MustCompile(`^/partner-subscription/api/v1/acme/(\d+)/credentials/revoke$`)
	digicertTS = "2006-01-02 15:04:05"
)

// NewDigiCert starts a fake DigiCert for the rest of the test.
func NewDigiCert(t testing.TB) *DigiCert {
	f := &DigiCert{base: base{t: t}, ParentKeys: map[string]bool{}, contracts: map[int64]*contract{}, nextID: 5000, now: time.Now}
	f.URL = f.start(t, http.HandlerFunc(f.serve), "/partner-subscription/api/v1")
	return f
}

// AddContract makes an ACME contract reachable with the subaccount key apiKey.
// directoryURL is what regenerate returns ("" for DigiCertDirectoryURL).
func (f *DigiCert) AddContract(id int64, apiKey, directoryURL string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if directoryURL == "" {
		directoryURL = DigiCertDirectoryURL
	}
	f.contracts[id] = &contract{apiKey: apiKey, accountID: 42, directoryURL: directoryURL, validTill: time.Date(2027, 6, 3, 0, 0, 0, 0, time.UTC)}
}

// AddCredential gives a contract an active credential and returns its id.
func (f *DigiCert) AddCredential(contractID int64, kid, hmac string, created time.Time) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	c := f.contracts[contractID]
	c.creds = append(c.creds, &DigiCertCredential{ID: f.nextID, KID: kid, HMAC: hmac, Status: "active", CreatedAt: created.UTC()})
	return f.nextID
}

// Credentials returns a copy of a contract's credentials.
func (f *DigiCert) Credentials(contractID int64) []DigiCertCredential {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []DigiCertCredential
	for _, c := range f.contracts[contractID].creds {
		out = append(out, *c)
	}
	return out
}

func (f *DigiCert) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-PARTNER-APIKEY")
	body, answered := f.record(w, r, key)
	if answered {
		return
	}
	if r.URL.RawQuery != "" {
		f.wrongRequest(w, http.StatusBadRequest, "DigiCert: unexpected query %q", r.URL.RawQuery)
		return
	}
	if r.Header.Get("X-DC-DEVKEY") != "" {
		f.wrongRequest(w, http.StatusBadRequest, "DigiCert: a CertCentral X-DC-DEVKEY header was sent to the partner API")
		return
	}
	var m []string
	var want string
	switch {
	case listPath.MatchString(r.URL.Path):
		m, want = listPath.FindStringSubmatch(r.URL.Path), http.MethodGet
	case regenPath.MatchString(r.URL.Path):
		m, want = regenPath.FindStringSubmatch(r.URL.Path), http.MethodPost
	case revokeOne.MatchString(r.URL.Path):
		m, want = revokeOne.FindStringSubmatch(r.URL.Path), http.MethodPost
	case revokeAll.MatchString(r.URL.Path):
		m, want = revokeAll.FindStringSubmatch(r.URL.Path), http.MethodPost
	default:
		f.wrongRequest(w, http.StatusNotFound, "DigiCert: no such endpoint %s %s", r.Method, r.URL.Path)
		return
	}
	if r.Method != want {
		f.wrongRequest(w, http.StatusMethodNotAllowed, "DigiCert: %s %s, want %s", r.Method, r.URL.Path, want)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id, _ := strconv.ParseInt(m[1], 10, 64)
	c := f.contracts[id]
	switch {
	case key == "":
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": []map[string]string{{"code": "access_denied", "message": "Missing API key."}}})
		return
	case f.ParentKeys[key]:
		writeJSON(w, http.StatusForbidden, map[string]any{"errors": []map[string]string{{"code": "access_denied", "message": "Parent account API keys are not accepted for ACME contract operations."}}})
		return
	case c == nil:
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": []map[string]string{{"code": "not_found", "message": "ACME contract not found."}}})
		return
	case c.apiKey != key:
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": []map[string]string{{"code": "access_denied", "message": "Invalid API key."}}})
		return
	}
	switch {
	case listPath.MatchString(r.URL.Path):
		if len(body) != 0 {
			f.wrongRequest(w, http.StatusBadRequest, "DigiCert list: unexpected body %q", body)
			return
		}
		type cred struct {
			CredentialID int64  `json:"credential_id"`
			KIDHint      string `json:"kid_hint"`
			Status       string `json:"status"`
			CreatedAt    string `json:"created_at"`
		}
		list := []cred{}
		for _, cr := range c.creds {
			hint := cr.KID
			if len(hint) > 4 {
				hint = hint[len(hint)-4:]
			}
			list = append(list, cred{cr.ID, hint, cr.Status, cr.CreatedAt.Format(digicertTS)})
		}
		writeJSON(w, http.StatusOK, map[string]any{"credentials": list})
	case regenPath.MatchString(r.URL.Path):
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			f.wrongRequest(w, http.StatusBadRequest, "DigiCert regenerate: Content-Type %q, want application/json", ct)
			return
		}
		revoke := true // documented default
		if len(body) > 0 {
			var req map[string]json.RawMessage
			if err := json.Unmarshal(body, &req); err != nil {
				f.wrongRequest(w, http.StatusBadRequest, "DigiCert regenerate: body is not JSON: %v", err)
				return
			}
			for k, v := range req {
				if k != "revoke_existing" || json.Unmarshal(v, &revoke) != nil {
					f.wrongRequest(w, http.StatusBadRequest, "DigiCert regenerate: unexpected body field %s=%s", k, v)
					return
				}
			}
		}
		if revoke {
			for _, cr := range c.creds {
				cr.Status = "revoked"
			}
		}
		kid, hmac := f.newEAB()
		f.nextID++
		c.creds = append(c.creds, &DigiCertCredential{ID: f.nextID, KID: kid, HMAC: hmac, Status: "active", CreatedAt: f.now().UTC().Truncate(time.Second)})
		writeJSON(w, http.StatusCreated, map[string]any{
			"acme_contract_id": id, "account_id": c.accountID, "directory_url": c.directoryURL,
			"eab_set":    map[string]string{"kid": kid, "hmac_key": hmac},
			"valid_till": c.validTill.Format(digicertTS),
		})
	case revokeOne.MatchString(r.URL.Path):
		credID, _ := strconv.ParseInt(m[2], 10, 64)
		for _, cr := range c.creds {
			if cr.ID == credID {
				cr.Status = "revoked"
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": []map[string]string{{"code": "not_found", "message": "Credential not found."}}})
	default: // revoke all
		for _, cr := range c.creds {
			cr.Status = "revoked"
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// ZeroSSL fakes ZeroSSL's EAB credential endpoints.
type ZeroSSL struct {
	base
	// URL is the https API base URL to give the client.
	URL string
	// AccessKeys are the keys it accepts; Emails the addresses it makes credentials for (any, when nil).
	AccessKeys map[string]bool
}

// NewZeroSSL starts a fake ZeroSSL API for the rest of the test.
func NewZeroSSL(t testing.TB) *ZeroSSL {
	f := &ZeroSSL{base: base{t: t}, AccessKeys: map[string]bool{}}
	f.URL = f.start(t, http.HandlerFunc(f.serve), "")
	return f
}

func (f *ZeroSSL) serve(w http.ResponseWriter, r *http.Request) {
	body, answered := f.record(w, r, r.URL.Query().Get("access_key"))
	if answered {
		return
	}
	if r.Method != http.MethodPost {
		f.wrongRequest(w, http.StatusMethodNotAllowed, "ZeroSSL: %s %s, want POST", r.Method, r.URL.Path)
		return
	}
	fail := func(code int, typ string) {
		writeJSON(w, http.StatusOK, map[string]any{"success": false, "error": map[string]any{"code": code, "type": typ}})
	}
	switch r.URL.Path {
	case "/acme/eab-credentials":
		key := r.URL.Query().Get("access_key")
		if len(body) != 0 {
			f.wrongRequest(w, http.StatusBadRequest, "ZeroSSL eab-credentials: unexpected body %q", body)
			return
		}
		if key == "" {
			fail(101, "missing_access_key")
			return
		}
		f.mu.Lock()
		ok := f.AccessKeys[key]
		f.mu.Unlock()
		if !ok {
			fail(101, "invalid_access_key")
			return
		}
	case "/acme/eab-credentials-email":
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			f.wrongRequest(w, http.StatusBadRequest, "ZeroSSL eab-credentials-email: Content-Type %q", ct)
			return
		}
		if r.URL.RawQuery != "" {
			f.wrongRequest(w, http.StatusBadRequest, "ZeroSSL eab-credentials-email: unexpected query %q", r.URL.RawQuery)
			return
		}
		form, err := url.ParseQuery(string(body))
		if err != nil || len(form) != 1 || form.Get("email") == "" {
			f.wrongRequest(w, http.StatusBadRequest, "ZeroSSL eab-credentials-email: form %q, want only email=", body)
			return
		}
	default:
		f.wrongRequest(w, http.StatusNotFound, "ZeroSSL: no such endpoint %s", r.URL.Path)
		return
	}
	f.mu.Lock()
	kid, hmac := f.newEAB()
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "eab_kid": kid, "eab_hmac_key": hmac})
}
