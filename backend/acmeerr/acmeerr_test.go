package acmeerr

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"
	"github.com/go-acme/lego/v4/lego"
	legolog "github.com/go-acme/lego/v4/log"
	"github.com/go-acme/lego/v4/registration"

	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
)

func TestMain(m *testing.M) {
	legolog.Logger = log.New(io.Discard, "", 0) // lego logs every request at INFO
	os.Exit(m.Run())
}

type user struct {
	email string
	key   crypto.PrivateKey
}

func (u *user) GetEmail() string                        { return u.email }
func (u *user) GetRegistration() *registration.Resource { return nil }
func (u *user) GetPrivateKey() crypto.PrivateKey        { return u.key }

func newKey(t *testing.T) crypto.Signer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func legoClient(t *testing.T, dirURL string, hc *http.Client, email string) (*lego.Client, error) {
	t.Helper()
	cfg := lego.NewConfig(&user{email: email, key: newKey(t)})
	cfg.CADirURL = dirURL
	cfg.HTTPClient = hc
	return lego.NewClient(cfg)
}

func mustLego(t *testing.T, s *acmetest.Server, email string) *lego.Client {
	t.Helper()
	c, err := legoClient(t, s.URL, s.NewHTTPClient(), email)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// registered returns lego's lower-level API signed as a fresh account at s, and the account URL.
func registered(t *testing.T, s *acmetest.Server) (*api.Core, string) {
	t.Helper()
	key := newKey(t)
	core, err := api.New(s.NewHTTPClient(), "acmedesk-test", s.URL, "", key)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := core.Accounts.New(acme.Account{TermsOfServiceAgreed: true})
	if err != nil {
		t.Fatal(err)
	}
	return core, acct.Location
}

type want struct {
	code    apperr.Code
	message string   // substring of Message
	hint    string   // substring of Hint
	detail  []string // substrings of Detail
}

func check(t *testing.T, name string, err error, caURL string, w want) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error to explain", name)
		return
	}
	got := Explain(err, caURL)
	if got.Code != w.code || !strings.Contains(got.Message, w.message) || !strings.Contains(got.Hint, w.hint) {
		t.Errorf("%s: Explain(%v)\n = {%s, %q, hint %q}\nwant {%s, ~%q, hint ~%q}", name, err, got.Code, got.Message, got.Hint, w.code, w.message, w.hint)
	}
	if strings.Contains(got.Message, "\n") || got.Message == "" {
		t.Errorf("%s: message %q is not one line", name, got.Message)
	}
	for _, d := range w.detail {
		if !strings.Contains(got.Detail, d) {
			t.Errorf("%s: detail %q lacks %q", name, got.Detail, d)
		}
	}
	if !errors.Is(got, err) {
		t.Errorf("%s: the explanation does not wrap the original error", name)
	}
}

// TestRealLegoErrors triggers each failure for real against Pebble through lego.
func TestRealLegoErrors(t *testing.T) {
	s := acmetest.Start(t, acmetest.Options{})
	eab := acmetest.Start(t, acmetest.Options{RequireEAB: true})

	_, err := mustLego(t, s, "").Registration.ResolveAccountByKey()
	check(t, "accountDoesNotExist", err, s.URL, want{apperr.CodeNotFound, "No account exists for this key at this CA", "",
		[]string{"type: urn:ietf:params:acme:error:accountDoesNotExist", "status: 400", "detail: unable to find existing account", "request: POST " + s.BaseURL()}})

	core, accountURL := registered(t, s)
	_, err = core.Orders.New(nil)
	check(t, "malformed", err, s.URL, want{apperr.CodeACME, "could not understand the request: ", "report", []string{"type: urn:ietf:params:acme:error:malformed"}})

	_, err = mustLego(t, s, "").Registration.Register(registration.RegisterOptions{})
	check(t, "userActionRequired", err, s.URL, want{apperr.CodeACME, "needs you to do something", "terms of service", []string{"userActionRequired", "did not agree"}})

	_, err = mustLego(t, s, "not an address").Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	check(t, "invalidContact", err, s.URL, want{apperr.CodeInvalidInput, "refused a contact address: contact email", "e-mail", []string{"invalidContact"}})

	_, err = core.Accounts.Update(accountURL, acme.Account{Contact: []string{"tel:+15555550100"}})
	check(t, "unsupportedContact", err, s.URL, want{apperr.CodeInvalidInput, "does not accept this kind of contact", "mailto:", []string{"unsupportedContact", "tel"}})

	_, err = mustLego(t, eab, "").Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	check(t, "externalAccountRequired", err, eab.URL, want{apperr.CodeEABRequired, "requires an external account binding", "HMAC", []string{"externalAccountRequired"}})

	hmac := eab.AddEAB("known")
	_, err = mustLego(t, eab, "").Registration.RegisterWithExternalAccountBinding(registration.RegisterEABOptions{
		TermsOfServiceAgreed: true, Kid: "unknown", HmacEncoded: hmac})
	check(t, "unauthorized (unknown EAB kid)", err, eab.URL, want{apperr.CodeForbidden, "not allowed", "", []string{"unauthorized", "'kid'"}})
	if got := Explain(err, eab.URL); strings.Contains(fmt.Sprintf("%+v", *got), hmac) {
		t.Error("the HMAC key leaked into the explanation")
	}

	client := mustLego(t, s, "")
	s.Stop()
	_, err = client.Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	check(t, "CA down mid-operation", err, s.URL, want{apperr.CodeUnreachable, "CA unreachable: " + s.URL, "Try again", []string{"connection refused"}})
	_, err = legoClient(t, s.URL, s.NewHTTPClient(), "")
	check(t, "CA down at the start", err, s.URL, want{apperr.CodeUnreachable, "CA unreachable: " + s.URL, "", []string{"connection refused"}})
}

func TestTransportFailures(t *testing.T) {
	pebble := acmetest.Start(t, acmetest.Options{})

	// A client without Pebble's root certificate.
	_, err := legoClient(t, pebble.URL, &http.Client{}, "")
	check(t, "unknown authority", err, pebble.URL, want{apperr.CodeTLS, "not trusted: " + pebble.URL, "add its root certificate", []string{"x509"}})

	html := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Welcome</body></html>")
	}))
	defer html.Close()
	_, err = legoClient(t, html.URL, html.Client(), "")
	check(t, "HTML page", err, html.URL, want{apperr.CodeNotACME, "Not an ACME directory: " + html.URL, "directory URL", []string{"invalid character"}})

	notDir := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"hello": "world"}`)
	}))
	defer notDir.Close()
	_, err = legoClient(t, notDir.URL, notDir.Client(), "")
	check(t, "JSON without newAccount", err, notDir.URL, want{apperr.CodeNotACME, "Not an ACME directory", "", []string{"missing new registration URL"}})

	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	asHTTPS := strings.Replace(plain.URL, "http://", "https://", 1)
	_, err = legoClient(t, asHTTPS, &http.Client{}, "")
	check(t, "plain HTTP on an https URL", err, asHTTPS, want{apperr.CodeTLS, "does not speak HTTPS", "port", nil})

	slow := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	hc := slow.Client()
	hc.Timeout = 50 * time.Millisecond
	_, err = legoClient(t, slow.URL, hc, "")
	check(t, "timeout", err, slow.URL, want{apperr.CodeTimeout, "did not answer in time: " + slow.URL, "", []string{"get directory at"}})
	slow.CloseClientConnections()

	_, err = legoClient(t, "http://example.com/directory", &http.Client{}, "")
	check(t, "http:// URL", err, "http://example.com/directory", want{apperr.CodeInvalidInput, "must use https", "", []string{"HTTPS is required"}})
}

func TestConstructedErrors(t *testing.T) {
	const caURL = "https://ca.example/directory"
	prob := func(typ string, status int, detail string) *acme.ProblemDetails {
		return &acme.ProblemDetails{Type: "urn:ietf:params:acme:error:" + typ, HTTPStatus: status, Detail: detail, Method: "POST", URL: "https://ca.example/acme/x"}
	}
	urlErr := func(inner error) error { return &url.Error{Op: "Get", URL: caURL, Err: inner} }
	tests := []struct {
		name string
		err  error
		want want
	}{
		{"badNonce surfacing after retries", fmt.Errorf("wrapped: %w", &acme.NonceError{ProblemDetails: prob("badNonce", 400, "JWS has an invalid anti-replay nonce")}),
			want{apperr.CodeACME, "badNonce", "Try again", []string{"type: urn:ietf:params:acme:error:badNonce", "invalid anti-replay nonce", "error: wrapped: "}}},
		{"rateLimited with seconds", &acme.RateLimitedError{ProblemDetails: prob("rateLimited", 429, "too many new accounts"), RetryAfter: "3600"},
			want{apperr.CodeRateLimited, "retry in 1h0m0s", "Wait", []string{"too many new accounts", "retry-after: 3600"}}},
		{"rateLimited with a date", &acme.RateLimitedError{ProblemDetails: prob("rateLimited", 429, "x"), RetryAfter: "Wed, 21 Oct 2026 07:28:00 GMT"},
			want{apperr.CodeRateLimited, "retry after 2026-10-21 07:28:00 UTC", "", nil}},
		{"rateLimited without Retry-After", prob("rateLimited", 403, "slow down"),
			want{apperr.CodeRateLimited, "rate limiting", "Try again later", []string{"slow down"}}},
		{"unauthorized", prob("unauthorized", 403, "account deactivated"),
			want{apperr.CodeForbidden, "not allowed", "deactivated", []string{"status: 403"}}},
		{"userActionRequired with instance", &acme.ProblemDetails{Type: "urn:ietf:params:acme:error:userActionRequired", HTTPStatus: 403, Detail: "new terms", Instance: "https://ca.example/tos-2026"},
			want{apperr.CodeACME, "needs you to do something", "Open https://ca.example/tos-2026", []string{"instance: https://ca.example/tos-2026"}}},
		{"badSignatureAlgorithm", prob("badSignatureAlgorithm", 400, "EdDSA not allowed"),
			want{apperr.CodeUnsupported, "signature algorithm", "ECDSA", []string{"EdDSA"}}},
		{"serverInternal", prob("serverInternal", 500, "boom"),
			want{apperr.CodeACME, "internal error", "not on your side", []string{"status: 500", "boom"}}},
		{"legacy namespace", &acme.ProblemDetails{Type: "urn:acme:error:accountDoesNotExist", HTTPStatus: 400},
			want{apperr.CodeNotFound, "No account exists", "", nil}},
		{"unknown type", prob("somethingNew", 400, "line one\nline two"),
			want{apperr.CodeACME, "refused the request: line one line two", "documentation", []string{"somethingNew"}}},
		{"empty detail", prob("malformed", 400, ""),
			want{apperr.CodeACME, "(the CA gave no detail)", "", nil}},
		{"subproblems", &acme.ProblemDetails{Type: "urn:ietf:params:acme:error:compound", HTTPStatus: 403, Detail: "2 problems",
			SubProblems: []acme.SubProblem{{Type: "urn:ietf:params:acme:error:caa", Detail: "CAA forbids", Identifier: acme.Identifier{Type: "dns", Value: "a.example"}}}},
			want{apperr.CodeACME, "several reasons", "", []string{"subproblem: dns a.example: urn:ietf:params:acme:error:caa: CAA forbids"}}},

		{"DNS failure", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "ca.example", IsNotFound: true}}),
			want{apperr.CodeUnreachable, "CA unreachable: " + caURL, "does not resolve", nil}},
		{"connection refused", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}),
			want{apperr.CodeUnreachable, "CA unreachable: " + caURL, "", nil}},
		{"lost chain (go-jose %v)", errors.New("failed to sign content: go-jose/go-jose: Error generating nonce: dial tcp 10.0.0.1:443: connect: connection refused"),
			want{apperr.CodeUnreachable, "CA unreachable: " + caURL, "", []string{"Error generating nonce"}}},
		{"deadline", fmt.Errorf("get directory: %w", context.DeadlineExceeded),
			want{apperr.CodeTimeout, "did not answer in time", "", nil}},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled),
			want{apperr.CodeCancelled, "Cancelled", "", nil}},
		{"unknown authority", urlErr(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}),
			want{apperr.CodeTLS, "not trusted", "root certificate", nil}},
		{"wrong host name", urlErr(x509.HostnameError{Certificate: &x509.Certificate{DNSNames: []string{"other.example"}}, Host: "ca.example"}),
			want{apperr.CodeTLS, "another host name", "", nil}},
		{"expired", urlErr(x509.CertificateInvalidError{Reason: x509.Expired, Detail: "current time is after"}),
			want{apperr.CodeTLS, "expired", "date and time", nil}},
		{"not a directory (cas)", &NotDirectoryError{URL: caURL, Status: 200, ContentType: "text/html", Reason: "not JSON"},
			want{apperr.CodeNotACME, "Not an ACME directory: " + caURL, "", []string{"text/html"}}},
		{"non-JSON answer mid-operation", errors.New("502 ::POST :: https://ca.example/acme/new-acct :: invalid character '<' looking for beginning of value :: <html>"),
			want{apperr.CodeACME, "not ACME", "Try again later", nil}},
		{"anything else", errors.New("weird"),
			want{apperr.CodeInternal, "Talking to the CA failed: " + caURL, "", []string{"weird"}}},
	}
	for _, tt := range tests {
		check(t, tt.name, tt.err, caURL, tt.want)
	}
}

func TestExplainPassesThrough(t *testing.T) {
	if Explain(nil, "x") != nil {
		t.Error("Explain(nil) != nil")
	}
	own := apperr.New(apperr.CodeConflict, "mine", "")
	if Explain(fmt.Errorf("w: %w", own), "x") != own {
		t.Error("an *apperr.Error was not returned as it is")
	}
	// Without caURL, the URL of a *url.Error names the CA.
	got := Explain(&url.Error{Op: "Get", URL: "https://ca.example/dir", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, "")
	if got.Message != "CA unreachable: https://ca.example/dir" {
		t.Errorf("message %q", got.Message)
	}
}

func TestType(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&acme.NonceError{ProblemDetails: &acme.ProblemDetails{Type: acme.BadNonceErr}}, "badNonce"},
		{fmt.Errorf("w: %w", &acme.ProblemDetails{Type: "urn:ietf:params:acme:error:accountDoesNotExist"}), "accountDoesNotExist"},
		{&acme.ProblemDetails{Type: "https://example/custom"}, "https://example/custom"},
		{errors.New("plain"), ""},
		{nil, ""},
	} {
		if got := Type(tt.err); got != tt.want {
			t.Errorf("Type(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestLongDetailIsShortenedInMessageOnly(t *testing.T) {
	long := strings.Repeat("x", 5000)
	got := Explain(&acme.ProblemDetails{Type: "urn:ietf:params:acme:error:malformed", HTTPStatus: 400, Detail: long}, "")
	if n := len([]rune(got.Message)); n > maxMessage {
		t.Errorf("message has %d characters", n)
	}
	if !strings.Contains(got.Detail, long) {
		t.Error("detail lost the CA's full text")
	}
}
