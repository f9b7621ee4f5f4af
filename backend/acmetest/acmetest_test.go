package acmetest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/lego"
	legolog "github.com/go-acme/lego/v4/log"
	"github.com/go-acme/lego/v4/registration"
)

func TestMain(m *testing.M) {
	legolog.Logger = log.New(io.Discard, "", 0) // lego logs every request at INFO
	os.Exit(m.Run())
}

type user struct {
	key crypto.PrivateKey
	reg *registration.Resource
}

func (u *user) GetEmail() string                        { return "" }
func (u *user) GetRegistration() *registration.Resource { return u.reg }
func (u *user) GetPrivateKey() crypto.PrivateKey        { return u.key }

func newLegoClient(t *testing.T, s *Server) *lego.Client {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cfg := lego.NewConfig(&user{key: key})
	cfg.CADirURL = s.URL
	cfg.HTTPClient = s.NewHTTPClient()
	client, err := lego.NewClient(cfg)
	if err != nil {
		t.Fatalf("lego.NewClient: %v", err)
	}
	return client
}

func TestDirectoryIsServedAndTrusted(t *testing.T) {
	s := Start(t, Options{})
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || !strings.HasSuffix(s.URL, DirectoryPath) {
		t.Fatalf("URL = %q", s.URL)
	}
	resp, err := s.HTTPClient.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var dir acme.Directory
	if err := json.NewDecoder(resp.Body).Decode(&dir); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || dir.NewAccountURL == "" || dir.NewNonceURL == "" || dir.KeyChangeURL == "" {
		t.Fatalf("status %d, directory %+v", resp.StatusCode, dir)
	}
	if dir.Meta.ExternalAccountRequired || dir.Meta.TermsOfService != TermsOfServiceURL {
		t.Errorf("meta = %+v", dir.Meta)
	}
	if !strings.Contains(string(s.RootPEM), "BEGIN CERTIFICATE") {
		t.Errorf("RootPEM = %q", s.RootPEM)
	}
	// A client that does not trust RootPEM is refused.
	if _, err := http.Get(s.URL); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusting client: %v, want a certificate error", err)
	}
}

func TestRegisterWithLego(t *testing.T) {
	s := Start(t, Options{})
	client := newLegoClient(t, s)
	reg, err := client.Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(reg.URI, s.BaseURL()+"/") || reg.Body.Status != acme.StatusValid {
		t.Fatalf("registration = %+v", reg)
	}
}

func TestRegisterWithoutTermsIsRefused(t *testing.T) {
	s := Start(t, Options{})
	_, err := newLegoClient(t, s).Registration.Register(registration.RegisterOptions{})
	var p *acme.ProblemDetails
	if !errors.As(err, &p) || p.Type != "urn:ietf:params:acme:error:userActionRequired" {
		t.Fatalf("err = %v, want userActionRequired", err)
	}
}

func TestEABRequired(t *testing.T) {
	s := Start(t, Options{RequireEAB: true})

	resp, err := s.HTTPClient.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	var dir acme.Directory
	json.NewDecoder(resp.Body).Decode(&dir)
	resp.Body.Close()
	if !dir.Meta.ExternalAccountRequired {
		t.Error("directory does not say externalAccountRequired")
	}

	_, err = newLegoClient(t, s).Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	var p *acme.ProblemDetails
	if !errors.As(err, &p) || p.Type != "urn:ietf:params:acme:error:externalAccountRequired" {
		t.Fatalf("register without EAB: %v, want externalAccountRequired", err)
	}

	hmac := s.AddEAB("kid-1")
	if strings.ContainsAny(hmac, "=+/") || len(hmac) != 43 {
		t.Errorf("AddEAB returned %q, want 32 bytes unpadded base64url", hmac)
	}
	reg, err := newLegoClient(t, s).Registration.RegisterWithExternalAccountBinding(registration.RegisterEABOptions{
		TermsOfServiceAgreed: true, Kid: "kid-1", HmacEncoded: hmac,
	})
	if err != nil {
		t.Fatalf("register with EAB: %v", err)
	}
	if reg.URI == "" {
		t.Fatal("no account URL")
	}

	// A wrong HMAC key for a known kid is refused.
	_, err = newLegoClient(t, s).Registration.RegisterWithExternalAccountBinding(registration.RegisterEABOptions{
		TermsOfServiceAgreed: true, Kid: "kid-1", HmacEncoded: s.AddEAB("kid-2"),
	})
	if !errors.As(err, &p) {
		t.Fatalf("register with wrong HMAC: %v, want a problem document", err)
	}
}

func TestStopMakesRequestsFail(t *testing.T) {
	s := Start(t, Options{})
	client := newLegoClient(t, s) // fetches the directory while the server is up
	s.Stop()
	s.Stop() // twice is harmless
	if _, err := s.HTTPClient.Get(s.URL); err == nil {
		t.Fatal("GET after Stop succeeded")
	}
	_, err := client.Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("register after Stop: %v, want connection refused", err)
	}
}

func TestEnvironmentIsRestored(t *testing.T) {
	t.Setenv("PEBBLE_WFE_NONCEREJECT", "42")
	os.Unsetenv("PEBBLE_VA_NOSLEEP")
	Start(t, Options{})
	if got := os.Getenv("PEBBLE_WFE_NONCEREJECT"); got != "42" {
		t.Errorf("PEBBLE_WFE_NONCEREJECT = %q after Start, want 42", got)
	}
	if _, set := os.LookupEnv("PEBBLE_VA_NOSLEEP"); set {
		t.Error("PEBBLE_VA_NOSLEEP left set after Start")
	}
}

// badNonceSpy counts badNonce answers; with stop set it turns the first into a
// transport error, so lego gives up at once instead of retrying for seconds.
type badNonceSpy struct {
	rt    http.RoundTripper
	stop  bool
	count int
}

func (b *badNonceSpy) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := b.rt.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusBadRequest {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if strings.Contains(string(body), acme.BadNonceErr) {
		b.count++
		if b.stop {
			return nil, errors.New("stopped at badNonce")
		}
	}
	return resp, nil
}

func registerCountingBadNonces(t *testing.T, s *Server, stop bool) int {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cfg := lego.NewConfig(&user{key: key})
	cfg.CADirURL = s.URL
	cfg.HTTPClient = s.NewHTTPClient()
	spy := &badNonceSpy{rt: cfg.HTTPClient.Transport, stop: stop}
	cfg.HTTPClient.Transport = spy
	client, err := lego.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Registration.Register(registration.RegisterOptions{TermsOfServiceAgreed: true})
	if !stop && err != nil {
		t.Fatal(err)
	}
	return spy.count
}

func TestNonceRejectPercent(t *testing.T) {
	calm := Start(t, Options{})
	for range 20 {
		if n := registerCountingBadNonces(t, calm, false); n != 0 {
			t.Fatalf("NonceRejectPercent 0: %d badNonce answers", n)
		}
	}
	// 99% rejection: five registrations without any badNonce would be a 1e-10 fluke.
	picky := Start(t, Options{NonceRejectPercent: 99})
	total := 0
	for range 5 {
		total += registerCountingBadNonces(t, picky, true)
	}
	if total == 0 {
		t.Fatal("NonceRejectPercent 99: no badNonce answer")
	}
}

func TestToolHelpers(t *testing.T) {
	if p := NeedTool(t, "go", "install Go"); p == "" {
		t.Fatal("NeedTool found no path for go")
	}
	if addr := FreePort(t); !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("FreePort = %q", addr)
	}
	s := Start(t, Options{})
	got, err := os.ReadFile(s.RootFile(t))
	if err != nil || !bytes.Equal(got, s.RootPEM) {
		t.Fatalf("RootFile holds %q, %v", got, err)
	}
}
