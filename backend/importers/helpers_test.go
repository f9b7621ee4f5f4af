package importers

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"
	"github.com/go-jose/go-jose/v4"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

type env struct {
	t        testing.TB
	db       *store.DB
	keys     *keys.Service
	cas      *cas.Service
	creds    *credentials.Service
	accounts *accounts.Service
	im       *Importer
	pebble   *acmetest.Server
	caID     string // Pebble, as a custom CA
}

// newEnv is a real store and vault; with a Pebble when opts is not nil.
func newEnv(t testing.TB, opts *acmetest.Options) *env {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase("importers test passphrase"); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, keys: keys.NewService(db, v), cas: cas.NewService(db), creds: credentials.NewService(db, v)}
	e.accounts = accounts.NewService(db, e.keys, e.cas, e.creds)
	e.im = New(db, e.keys, e.cas, e.accounts, e.creds)
	if opts != nil {
		e.pebble = acmetest.Start(t, *opts)
		ca, err := e.cas.AddCustom(cas.CustomInput{Name: "Pebble", DirectoryURL: e.pebble.URL, RootPEM: string(e.pebble.RootPEM)})
		if err != nil {
			t.Fatal(err)
		}
		e.caID = ca.ID
	}
	return e
}

// atPebble asks Pebble which account signer controls (onlyReturnExisting).
func (e *env) atPebble(signer crypto.Signer) (string, error) {
	e.t.Helper()
	core, err := api.New(e.pebble.NewHTTPClient(), "test", e.pebble.URL, "", signer)
	if err != nil {
		e.t.Fatal(err)
	}
	got, err := core.Accounts.New(acme.Account{OnlyReturnExisting: true})
	return got.Location, err
}

// checkAtPebble checks that the stored account's key is the key of its KID at Pebble.
func (e *env) checkAtPebble(accountID string) *accounts.Account {
	e.t.Helper()
	a, err := e.accounts.Get(accountID)
	if err != nil {
		e.t.Fatal(err)
	}
	signer, err := e.keys.Signer(a.KeyID)
	if err != nil {
		e.t.Fatal(err)
	}
	kid, err := e.atPebble(signer)
	if err != nil || kid != a.KID {
		e.t.Fatalf("Pebble knows the imported key as %q (%v); the account stored says %q", kid, err, a.KID)
	}
	return a
}

// registerAtPebble registers signer at Pebble, as another client would.
func (e *env) registerAtPebble(signer crypto.Signer, eabKID, eabHMAC string, contacts ...string) acme.ExtendedAccount {
	e.t.Helper()
	core, err := api.New(e.pebble.NewHTTPClient(), "other-client", e.pebble.URL, "", signer)
	if err != nil {
		e.t.Fatal(err)
	}
	msg := acme.Account{TermsOfServiceAgreed: true, Contact: contacts}
	var got acme.ExtendedAccount
	if eabKID != "" {
		got, err = core.Accounts.NewEAB(msg, eabKID, eabHMAC)
	} else {
		got, err = core.Accounts.New(msg)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

func (e *env) scan(root string) *Preview {
	e.t.Helper()
	p, err := e.im.Scan(root)
	if err != nil {
		e.t.Fatalf("scan %s: %v", root, err)
	}
	return p
}

// importAll imports every account of p and returns the result.
func (e *env) importAll(p *Preview) *Result {
	e.t.Helper()
	var choices []Choice
	for _, f := range p.Accounts {
		choices = append(choices, Choice{ID: f.ID})
	}
	res, err := e.im.Import(e.t.Context(), p, choices)
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func writeJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, b)
}

func ecKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sec1PEM(t testing.TB, k *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})
}

// certbotJWK is an RSA key as certbot keeps it in private_key.json.
func certbotJWK(t testing.TB) ([]byte, *rsa.PrivateKey) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b, err := jose.JSONWebKey{Key: k}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b, k
}

// certbotAccount writes a certbot account folder in certbot's layout and returns it.
func certbotAccount(t testing.TB, config, serverPath, id string, jwk []byte, regr string) string {
	dir := filepath.Join(config, "accounts", filepath.FromSlash(serverPath), id)
	write(t, filepath.Join(dir, "private_key.json"), jwk)
	write(t, filepath.Join(dir, "regr.json"), []byte(regr))
	write(t, filepath.Join(dir, "meta.json"), []byte(`{"creation_dt": "2024-03-01T10:00:00Z", "creation_host": "web1"}`))
	return dir
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

func findByTool(p *Preview, tool Tool) []Found {
	var out []Found
	for _, f := range p.Accounts {
		if f.Tool == tool {
			out = append(out, f)
		}
	}
	return out
}

func problemAt(p *Preview, suffix string) *Problem {
	for i := range p.Problems {
		if strings.HasSuffix(p.Problems[i].Path, suffix) {
			return &p.Problems[i]
		}
	}
	return nil
}

func deactivate(t testing.TB, e *env, signer crypto.Signer, kid string) {
	t.Helper()
	core, err := api.New(e.pebble.NewHTTPClient(), "other-client", e.pebble.URL, kid, signer)
	if err != nil {
		t.Fatal(err)
	}
	if err := core.Accounts.Deactivate(kid); err != nil {
		t.Fatal(err)
	}
}

var secretish = regexp.MustCompile(`[A-Za-z0-9+/_-]{20,}`)

// noSecrets fails when the preview (as the UI gets it) holds any part of keyFile's content.
func noSecrets(t testing.TB, p *Preview, keyFile string) {
	t.Helper()
	raw, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("PRIVATE KEY")) {
		t.Fatal("the preview holds a PEM private key")
	}
	tokens := secretish.FindAll(raw, -1)
	if len(tokens) == 0 {
		t.Fatalf("no key material found in %s to look for", keyFile)
	}
	for _, tok := range tokens {
		if bytes.Contains(out, tok) {
			t.Fatalf("the preview holds part of %s", keyFile)
		}
	}
}
