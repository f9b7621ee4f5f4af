package cas

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/urlcheck"
)

func newService(t testing.TB) (*Service, *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return NewService(db), db
}

// makeCert returns a self-signed certificate in PEM.
func makeCert(t testing.TB, cn string, isCA bool, notAfter time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: notAfter,
		BasicConstraintsValid: true, IsCA: isCA,
	}
	if isCA {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		tmpl.DNSNames = []string{cn}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestCustomValidation(t *testing.T) {
	s, _ := newService(t)
	year := time.Now().Add(365 * 24 * time.Hour)
	root := makeCert(t, "Test Root", true, year)
	good := CustomInput{Name: "Internal CA", DirectoryURL: "https://acme.internal.example/directory"}
	with := func(change func(*CustomInput)) CustomInput { in := good; change(&in); return in }

	tests := []struct {
		name    string
		in      CustomInput
		message string // substring of the error message; "" means accepted
	}{
		{"plain", good, ""},
		{"with root and staging", with(func(in *CustomInput) {
			in.Name, in.DirectoryURL, in.RootPEM, in.Environment = "B", "https://b.example/dir", root, Staging
		}), ""},
		{"two roots", with(func(in *CustomInput) {
			in.Name, in.DirectoryURL, in.RootPEM = "C", "https://c.example/dir", root+makeCert(t, "Other Root", true, year)
		}), ""},
		{"empty name", with(func(in *CustomInput) { in.Name = "  " }), "name is empty"},
		{"name with line break", with(func(in *CustomInput) { in.Name = "a\nb" }), "control characters"},
		{"enormous name", with(func(in *CustomInput) { in.Name = strings.Repeat("n", textfield.MaxName+1) }), "longer than 100"},
		{"invalid UTF-8 name", with(func(in *CustomInput) { in.Name = "\xff" }), "not valid text"},
		{"empty URL", with(func(in *CustomInput) { in.DirectoryURL = "" }), "URL is empty"},
		{"http URL", with(func(in *CustomInput) { in.DirectoryURL = "http://acme.internal.example/directory" }), "must start with https://"},
		{"no scheme", with(func(in *CustomInput) { in.DirectoryURL = "acme.internal.example/directory" }), "not a valid URL"},
		{"ftp", with(func(in *CustomInput) { in.DirectoryURL = "ftp://acme.internal.example/" }), "must start with https://"},
		{"spaces", with(func(in *CustomInput) { in.DirectoryURL = "https://acme.internal.example/my dir" }), "not a valid URL"},
		{"password in URL", with(func(in *CustomInput) { in.DirectoryURL = "https://user:secret@acme.internal.example/" }), "user name or password"},
		{"fragment", with(func(in *CustomInput) { in.DirectoryURL = "https://acme.internal.example/directory#top" }), "not a valid URL: it has a '#' fragment"},
		{"port out of range", with(func(in *CustomInput) { in.DirectoryURL = "https://acme.internal.example:0/directory" }), "not a valid URL: its port"},
		{"enormous URL", with(func(in *CustomInput) {
			in.DirectoryURL = "https://a.example/" + strings.Repeat("p", urlcheck.MaxLength)
		}), "longer than 2048"},
		{"unknown environment", with(func(in *CustomInput) { in.Environment = "testing" }), "Unknown environment"},
		{"garbage root", with(func(in *CustomInput) { in.RootPEM = "hello, I am not a certificate" }), "not a PEM certificate"},
		{"damaged root", with(func(in *CustomInput) {
			in.RootPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("garbage")}))
		}), "damaged"},
		{"leaf as root", with(func(in *CustomInput) { in.RootPEM = makeCert(t, "www.example.com", false, year) }), "is not a CA certificate"},
		{"expired root", with(func(in *CustomInput) { in.RootPEM = makeCert(t, "Old Root", true, time.Now().Add(-time.Hour)) }), "expired on"},
		{"private key as root", with(func(in *CustomInput) {
			in.RootPEM = string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: []byte("secret bytes")}))
		}), "private key, not a certificate"},
		{"root then garbage", with(func(in *CustomInput) { in.RootPEM = root + "trailing junk" }), "not a PEM certificate"},
		{"enormous root", with(func(in *CustomInput) { in.RootPEM = strings.Repeat(root, MaxRootPEM/len(root)+1) }), "larger than 256 KiB"},
		{"unknown template", with(func(in *CustomInput) { in.BasedOn = "letsencrypt" }), "Unknown CA template"},
		{"name of a built-in", with(func(in *CustomInput) { in.Name, in.DirectoryURL = "let's encrypt", "https://d.example/dir" }), "already exists"},
		{"URL of a built-in", with(func(in *CustomInput) {
			in.Name, in.DirectoryURL = "LE copy", "https://acme-v02.api.letsencrypt.org/directory/"
		}), "already has this directory URL"},
		{"same name again", with(func(in *CustomInput) { in.Name, in.DirectoryURL = "internal ca", "https://e.example/dir" }), "already exists"},
	}
	for _, tt := range tests {
		c, err := s.AddCustom(tt.in)
		if tt.message == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			} else if c.ID == "" || c.BuiltIn || c.CreatedAt.IsZero() {
				t.Errorf("%s: stored %+v", tt.name, c)
			}
			continue
		}
		var e *apperr.Error
		if err == nil || !strings.Contains(err.Error(), tt.message) || !(apperr.Is(err, apperr.CodeInvalidInput) || apperr.Is(err, apperr.CodeConflict)) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.message)
		} else if e = apperr.From(err); strings.Contains(e.Message+e.Hint+e.Detail, "secret") {
			t.Errorf("%s: the error repeats a secret: %+v", tt.name, e)
		}
	}
}

func TestCustomCRUD(t *testing.T) {
	s, db := newService(t)
	root := makeCert(t, "Corp Root", true, time.Now().Add(24*time.Hour))
	c, err := s.AddCustom(CustomInput{Name: " Corp CA ", DirectoryURL: " HTTPS://ACME.Corp.Example/directory ", RootPEM: "  " + root + "\n\n"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Corp CA" || c.DirectoryURL != "https://acme.corp.example/directory" || c.Environment != Production {
		t.Errorf("not normalised: %+v", c)
	}
	if len(c.Roots) != 1 || c.Roots[0].Subject != "CN=Corp Root" || len(c.Roots[0].FingerprintSHA256) != 64 || c.RootPEM != root {
		t.Errorf("roots = %+v, pem %q", c.Roots, c.RootPEM)
	}

	all, err := s.List()
	if err != nil || len(all) != len(Catalogue())+1 || all[len(all)-1].ID != c.ID {
		t.Fatalf("List = %d entries, %v", len(all), err)
	}
	d, err := s.Get(c.ID)
	if err != nil || d.Name != "Corp CA" || len(d.UsedBy) != 0 {
		t.Fatalf("Get = %+v, %v", d, err)
	}
	if d, err := s.Get("letsencrypt"); err != nil || !d.BuiltIn {
		t.Fatalf("Get(letsencrypt) = %+v, %v", d, err)
	}

	up, err := s.UpdateCustom(c.ID, CustomInput{Name: "Corp CA v2", DirectoryURL: "https://acme2.corp.example/directory", Environment: Staging})
	if err != nil {
		t.Fatal(err)
	}
	if up.ID != c.ID || up.Name != "Corp CA v2" || up.RootPEM != "" || up.Environment != Staging || !up.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("updated = %+v", up)
	}
	// Keeping its own name and URL is not a conflict with itself.
	if _, err := s.UpdateCustom(c.ID, CustomInput{Name: "corp ca V2", DirectoryURL: "https://acme2.corp.example/directory"}); err != nil {
		t.Errorf("update to own name: %v", err)
	}
	if _, err := s.UpdateCustom(c.ID, CustomInput{Name: "", DirectoryURL: "https://x.example"}); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Errorf("invalid update: %v", err)
	}

	for _, id := range []string{"letsencrypt", "harica"} {
		if _, err := s.UpdateCustom(id, CustomInput{Name: "x", DirectoryURL: "https://x.example"}); !apperr.Is(err, apperr.CodeForbidden) {
			t.Errorf("update built-in %s: %v", id, err)
		}
		if err := s.DeleteCustom(id); !apperr.Is(err, apperr.CodeForbidden) {
			t.Errorf("delete built-in %s: %v", id, err)
		}
	}

	// Delete is refused while an account uses the CA, and names it.
	err = db.Update(func(tx *store.Tx) error {
		return tx.AddRef(c.ID, store.Ref{Kind: "account", ID: "acct-1", Label: "prod account"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Get(c.ID); len(d.UsedBy) != 1 {
		t.Errorf("UsedBy = %+v", d.UsedBy)
	}
	err = s.DeleteCustom(c.ID)
	if !apperr.Is(err, apperr.CodeInUse) || !strings.Contains(err.Error(), `account "prod account"`) {
		t.Fatalf("delete while used: %v", err)
	}
	if _, err := s.Get(c.ID); err != nil {
		t.Fatal("a refused delete removed the CA")
	}
	db.Update(func(tx *store.Tx) error { return tx.RemoveRef(c.ID, "acct-1") })
	if err := s.DeleteCustom(c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(c.ID); !apperr.Is(err, apperr.CodeNotFound) {
		t.Errorf("Get after delete: %v", err)
	}
	if err := s.DeleteCustom(c.ID); !apperr.Is(err, apperr.CodeNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestAddFromTemplate(t *testing.T) {
	s, _ := newService(t)
	in, err := ExpandTemplate("harica", "myuni")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.AddCustom(in)
	if err != nil {
		t.Fatal(err)
	}
	if c.BasedOn != "harica" || !c.EABRequired || !strings.Contains(c.EABHelp, "cm.harica.gr") || c.Website == "" {
		t.Errorf("custom from template = %+v", c)
	}
	if _, err := s.AddCustom(in); !apperr.Is(err, apperr.CodeConflict) {
		t.Errorf("same alias twice: %v", err)
	}
}

func TestDirectoryURLStaysWhileAccountsUseTheCA(t *testing.T) {
	s, db := newService(t)
	ca, err := s.AddCustom(CustomInput{Name: "step-ca", DirectoryURL: "https://ca.internal/acme/acme/directory"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *store.Tx) error {
		return tx.AddRef(ca.ID, store.Ref{Kind: "account", ID: "acct-1", Label: "Internal web"})
	}); err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateCustom(ca.ID, CustomInput{Name: "step-ca", DirectoryURL: "https://other.internal/acme/directory"})
	if e := apperr.From(err); err == nil || e.Code != apperr.CodeInUse || !strings.Contains(e.Message, `account "Internal web"`) {
		t.Fatalf("moving a CA in use: %v", err)
	}
	if got, _ := s.Get(ca.ID); got.DirectoryURL != ca.DirectoryURL {
		t.Fatalf("the refused change was stored: %s", got.DirectoryURL)
	}
	// Everything else can change.
	if _, err := s.UpdateCustom(ca.ID, CustomInput{Name: "step-ca (lab)", DirectoryURL: ca.DirectoryURL}); err != nil {
		t.Fatalf("renaming a CA in use: %v", err)
	}
	// A retired use does not hold it.
	db.Update(func(tx *store.Tx) error {
		return tx.AddRef(ca.ID, store.Ref{Kind: "account", ID: "acct-1", Label: "Internal web", Historic: true})
	})
	if _, err := s.UpdateCustom(ca.ID, CustomInput{Name: "step-ca", DirectoryURL: "https://other.internal/acme/directory"}); err != nil {
		t.Fatalf("moving a CA nothing uses now: %v", err)
	}
}
