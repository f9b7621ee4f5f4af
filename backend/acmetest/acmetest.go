// Package acmetest runs a real Pebble ACME server inside the test process, so
// tests of other packages can talk ACME (through lego or by hand) without a
// network or a separate binary. It is meant for tests only.
package acmetest

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/letsencrypt/pebble/v2/ca"
	"github.com/letsencrypt/pebble/v2/db"
	"github.com/letsencrypt/pebble/v2/va"
	"github.com/letsencrypt/pebble/v2/wfe"
)

// DirectoryPath is where Pebble serves its directory.
const DirectoryPath = wfe.DirectoryPath

// TermsOfServiceURL is what Pebble's directory gives as meta.termsOfService.
const TermsOfServiceURL = wfe.ToSURL

// Options shape a server.
type Options struct {
	// RequireEAB makes newAccount refuse requests without an external account binding.
	RequireEAB bool
	// NonceRejectPercent is how many good nonces Pebble rejects as badNonce, 0–99
	// (PEBBLE_WFE_NONCEREJECT). The default 0 makes tests deterministic; Pebble's own default is 5.
	NonceRejectPercent int
	// AlwaysValid makes every challenge pass without a validation request (PEBBLE_VA_ALWAYS_VALID).
	AlwaysValid bool
	// Log receives Pebble's log; nil discards it.
	Log io.Writer
	// Addr is the address to listen on; "" picks a free loopback port.
	Addr string
}

// Server is a running in-process Pebble.
type Server struct {
	// URL is the ACME directory URL.
	URL string
	// RootPEM is the server's TLS certificate (self-signed, a CA certificate), PEM-encoded:
	// trust it to talk to the server.
	RootPEM []byte
	// HTTPClient trusts the server. lego wraps the Transport of the client it is
	// given, so give each lego client its own from NewHTTPClient.
	HTTPClient *http.Client
	// DB is Pebble's in-memory store, for tests that need to look behind the API.
	DB *db.MemoryStore

	tb         testing.TB
	front      *front
	httpServer *httptest.Server
	stopOnce   sync.Once
}

// envMu serialises the construction of servers: Pebble reads its settings from
// the process environment when its parts are made.
var envMu sync.Mutex

// Start runs a Pebble for the rest of the test; t.Cleanup stops it.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	s.tb = t
	t.Cleanup(s.Stop)
	return s
}

// New runs a Pebble until Stop; for programs (see devpebble), tests use Start.
func New(opts Options) (*Server, error) {
	logOut := opts.Log
	if logOut == nil {
		logOut = io.Discard
	}
	logger := log.New(logOut, "pebble ", log.LstdFlags)

	store := db.NewMemoryStore()
	handler := func() http.Handler {
		envMu.Lock()
		defer envMu.Unlock()
		restore := setEnv(map[string]string{
			"PEBBLE_VA_NOSLEEP":      "1",
			"PEBBLE_WFE_NONCEREJECT": strconv.Itoa(opts.NonceRejectPercent),
			"PEBBLE_AUTHZREUSE":      "0",
			"PEBBLE_VA_ALWAYS_VALID": map[bool]string{true: "1"}[opts.AlwaysValid],
		})
		defer restore()
		profiles := map[string]ca.Profile{"default": {Description: "The default profile"}}
		certAuthority := ca.New(logger, store, "", "ecdsa", 0, 1, profiles)
		// Ports for http-01 and tls-alpn-01 validation; validation is not used by this harness yet.
		validator := va.New(logger, 5002, 5001, false, "", store)
		front := wfe.New(logger, store, validator, certAuthority, []string{"pebble.letsencrypt.org"}, false, opts.RequireEAB, 0, 0)
		return front.Handler()
	}()

	f := newFront(handler)
	hs := httptest.NewUnstartedServer(f)
	if opts.Addr != "" {
		l, err := net.Listen("tcp", opts.Addr)
		if err != nil {
			return nil, err
		}
		hs.Listener.Close()
		hs.Listener = l
	}
	hs.Config.ErrorLog = log.New(io.Discard, "", 0) // TLS handshake failures are expected in tests of untrusted roots
	hs.StartTLS()

	s := &Server{
		URL:        hs.URL + DirectoryPath,
		RootPEM:    pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hs.Certificate().Raw}),
		DB:         store,
		front:      f,
		httpServer: hs,
	}
	s.HTTPClient = s.NewHTTPClient()
	return s, nil
}

// setEnv sets vars ("" unsets) and returns a function putting the old values back.
func setEnv(vars map[string]string) (restore func()) {
	type old struct {
		value string
		set   bool
	}
	saved := make(map[string]old, len(vars))
	for k, v := range vars {
		value, set := os.LookupEnv(k)
		saved[k] = old{value, set}
		if v == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	return func() {
		for k, o := range saved {
			if o.set {
				os.Setenv(k, o.value)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}

// NewHTTPClient returns a new client that trusts the server (and nothing else).
func (s *Server) NewHTTPClient() *http.Client {
	pool := x509.NewCertPool()
	pool.AddCert(s.httpServer.Certificate())
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig.RootCAs = pool
	return &http.Client{Transport: transport, Timeout: 30 * time.Second}
}

// BaseURL is the server's https://host:port, without the directory path.
func (s *Server) BaseURL() string { return s.httpServer.URL }

// AddEAB registers an external account key under kid with a random 256-bit HMAC
// key and returns that key, base64url without padding (as CAs hand it out).
// It fails the test that started the server on an empty or duplicate kid.
func (s *Server) AddEAB(kid string) (hmacB64URL string) {
	s.tb.Helper()
	hmacB64URL, err := s.NewEAB(kid)
	if err != nil {
		s.tb.Fatalf("acmetest.AddEAB: %v", err) // a mistake in the test
	}
	return hmacB64URL
}

// NewEAB is AddEAB for programs: it returns the error.
func (s *Server) NewEAB(kid string) (string, error) {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	hmacB64URL := base64.RawURLEncoding.EncodeToString(key)
	return hmacB64URL, s.DB.AddExternalAccountKeyByID(kid, hmacB64URL)
}

// Stop closes the server, as if the CA went down: later requests fail to connect.
// Calling it again does nothing.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		s.httpServer.CloseClientConnections()
		s.httpServer.Close()
		s.HTTPClient.CloseIdleConnections()
	})
}
