package credentials

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

// newService opens a real store and a real passphrase vault in a temp folder.
func newService(t testing.TB) (*Service, *store.DB) {
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
	return NewService(db, v), db
}

const hmacA = "c2VjcmV0LWhtYWMta2V5LWZvci10ZXN0cy1vbmx5LTAx" // base64url, 32 bytes

func mustCreate(t *testing.T, s *Service, in Input) *Credential {
	t.Helper()
	c, err := s.Create(in)
	if err != nil {
		t.Fatalf("Create(%s %q): %v", in.Kind, in.Name, err)
	}
	return c
}

func wantCode(t *testing.T, what string, err error, code apperr.Code, inMessage string) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Fatalf("%s: got %v, want code %s", what, err, code)
	}
	if msg := apperr.From(err).Message; !strings.Contains(msg, inMessage) {
		t.Fatalf("%s: message %q does not contain %q", what, msg, inMessage)
	}
}

func TestKindsCatalogue(t *testing.T) {
	kinds := Kinds()
	byID := map[string]Kind{}
	dns := 0
	for _, k := range kinds {
		if _, dup := byID[k.ID]; dup {
			t.Errorf("kind %s listed twice", k.ID)
		}
		byID[k.ID] = k
		if k.IsDNS() {
			dns++
		}
		names := map[string]bool{}
		for _, f := range k.Fields {
			if names[f.Name] {
				t.Errorf("%s: field %s twice", k.ID, f.Name)
			}
			names[f.Name] = true
			if f.AliasOf != "" && !names[f.AliasOf] {
				if _, ok := k.field(f.AliasOf); !ok {
					t.Errorf("%s: %s is an alias of unknown %s", k.ID, f.Name, f.AliasOf)
				}
			}
		}
		for _, alt := range k.AnyOf {
			for _, n := range alt {
				if !names[n] {
					t.Errorf("%s: alternative names unknown field %s", k.ID, n)
				}
			}
		}
	}
	for code := range dnsAlternatives {
		if _, ok := byID[DNSPrefix+code]; !ok {
			t.Errorf("dnsAlternatives names unknown provider %s", code)
		}
	}
	if dns < 150 {
		t.Fatalf("%d DNS provider kinds, want more than 150 (lego v4 has about 190)", dns)
	}
	secret := func(kind, field string) (secret, optional, found bool) {
		for _, f := range byID[kind].Fields {
			if f.Name == field {
				return f.Secret, f.Optional, true
			}
		}
		return false, false, false
	}
	for _, tc := range []struct {
		kind, field      string
		secret, optional bool
	}{
		{"dns:cloudflare", "CF_API_EMAIL", false, true},
		{"dns:cloudflare", "CF_API_KEY", true, true},
		{"dns:cloudflare", "CF_DNS_API_TOKEN", true, true},
		{"dns:cloudflare", "CLOUDFLARE_TTL", false, true},
		{"dns:digitalocean", "DO_AUTH_TOKEN", true, false},
		{"dns:gcloud", "GCE_SERVICE_ACCOUNT", true, true},
		{"dns:keyhelp", "KEYHELP_TTL", false, true},
		{"dns:httpreq", "HTTPREQ_PASSWORD", true, true},
		{KindPassword, "password", true, false},
		{KindPassword, "username", false, false},
		{KindTokenPair, "secret", true, false},
		{KindAPIToken, "token", true, false},
		{KindEAB, EABHMACKey, true, false},
		{KindEAB, EABKeyID, false, false},
		{KindEAB, EABExpiresAt, false, true},
		{KindDigiCertPartnerKey, DigiCertAPIKey, true, false},
		{KindZeroSSLAccessKey, ZeroSSLAccessKey, true, false},
	} {
		s, o, ok := secret(tc.kind, tc.field)
		if !ok || s != tc.secret || o != tc.optional {
			t.Errorf("%s %s: found %v secret %v optional %v, want secret %v optional %v", tc.kind, tc.field, ok, s, o, tc.secret, tc.optional)
		}
	}
	cf := byID["dns:cloudflare"]
	if cf.Label != "Cloudflare (DNS)" || cf.URL != "https://www.cloudflare.com/dns/" || len(cf.AnyOf) != 2 {
		t.Errorf("cloudflare kind: %+v", cf)
	}
	if !strings.Contains(byID[KindDigiCertPartnerKey].Fields[1].Help, "subaccount") ||
		!strings.Contains(byID[KindDigiCertPartnerKey].Fields[1].Help, "CertCentral") {
		t.Error("the DigiCert API key help must say subaccount Partner Subscriptions key, not CertCentral")
	}
	if !strings.HasPrefix(DNSSource(), "github.com/go-acme/lego/v4@v4.") {
		t.Errorf("DNSSource = %q", DNSSource())
	}
	// The catalogue handed out is a copy.
	kinds[0].Fields[0].Name = "changed"
	if Kinds()[0].Fields[0].Name == "changed" {
		t.Error("Kinds shares its fields with the catalogue")
	}
}

func TestCreateValidation(t *testing.T) {
	s, _ := newService(t)
	big := strings.Repeat("x", MaxValue+1)
	cases := []struct {
		name   string
		in     Input
		code   apperr.Code // "" = accepted
		inMsg  string
		secret []string // secret fields expected set
	}{
		{"password", Input{Kind: KindPassword, Values: map[string]string{"username": "u", "password": "p"}}, "", "", []string{"password"}},
		{"password without password", Input{Kind: KindPassword, Values: map[string]string{"username": "u"}}, apperr.CodeInvalidInput, "needs password", nil},
		{"token pair", Input{Kind: KindTokenPair, Values: map[string]string{"id": "AKIA1", "secret": "s"}}, "", "", []string{"secret"}},
		{"token pair without id", Input{Kind: KindTokenPair, Values: map[string]string{"secret": "s"}}, apperr.CodeInvalidInput, "needs id", nil},
		{"api token", Input{Kind: KindAPIToken, Values: map[string]string{"token": "t\n"}}, "", "", []string{"token"}},
		{"api token empty", Input{Kind: KindAPIToken, Values: map[string]string{"token": ""}}, apperr.CodeInvalidInput, "needs token", nil},
		{"eab", Input{Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "kid", EABHMACKey: hmacA, EABExpiresAt: "2027-06-03", EABSingleUse: "TRUE"}}, "", "", []string{EABHMACKey}},
		{"eab by directory URL", Input{Kind: KindEAB, Values: map[string]string{EABDirectoryURL: "https://acme.example/dir", EABKeyID: "kid", EABHMACKey: hmacA}}, "", "", []string{EABHMACKey}},
		{"eab without CA", Input{Kind: KindEAB, Values: map[string]string{EABKeyID: "kid", EABHMACKey: hmacA}}, apperr.CodeInvalidInput, "needs ca_id", nil},
		{"eab without hmac", Input{Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "kid"}}, apperr.CodeInvalidInput, "needs hmac_key", nil},
		{"eab bad hmac", Input{Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "kid", EABHMACKey: "not base64!"}}, apperr.CodeInvalidInput, "HMAC key", nil},
		{"eab bad date", Input{Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "kid", EABHMACKey: hmacA, EABExpiresAt: "next week"}}, apperr.CodeInvalidInput, "not a date", nil},
		{"eab bad bool", Input{Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "kid", EABHMACKey: hmacA, EABSingleUse: "maybe"}}, apperr.CodeInvalidInput, "true or false", nil},
		{"eab http directory", Input{Kind: KindEAB, Values: map[string]string{EABDirectoryURL: "http://acme.example/dir", EABKeyID: "kid", EABHMACKey: hmacA}}, apperr.CodeInvalidInput, "https://", nil},
		{"eab directory with a password", Input{Kind: KindEAB, Values: map[string]string{EABDirectoryURL: "https://u:pw@acme.example/dir", EABKeyID: "kid", EABHMACKey: hmacA}}, apperr.CodeInvalidInput, "user name or password", nil},
		{"eab directory without host", Input{Kind: KindEAB, Values: map[string]string{EABDirectoryURL: "https:///dir", EABKeyID: "kid", EABHMACKey: hmacA}}, apperr.CodeInvalidInput, "names no host", nil},
		{"digicert", Input{Kind: KindDigiCertPartnerKey, Values: map[string]string{DigiCertContractID: "12345", DigiCertAPIKey: "k"}}, "", "", []string{DigiCertAPIKey}},
		{"digicert contract not a number", Input{Kind: KindDigiCertPartnerKey, Values: map[string]string{DigiCertContractID: "abc", DigiCertAPIKey: "k"}}, apperr.CodeInvalidInput, "positive whole number", nil},
		{"digicert without key", Input{Kind: KindDigiCertPartnerKey, Values: map[string]string{DigiCertContractID: "1"}}, apperr.CodeInvalidInput, "needs api_key", nil},
		{"zerossl", Input{Kind: KindZeroSSLAccessKey, Values: map[string]string{ZeroSSLAccessKey: "k"}}, "", "", []string{ZeroSSLAccessKey}},
		{"zerossl empty", Input{Kind: KindZeroSSLAccessKey}, apperr.CodeInvalidInput, "needs access_key", nil},
		{"cloudflare token", Input{Kind: "dns:cloudflare", Values: map[string]string{"CF_DNS_API_TOKEN": "t"}}, "", "", []string{"CF_DNS_API_TOKEN"}},
		{"cloudflare alias", Input{Kind: "dns:cloudflare", Values: map[string]string{"CLOUDFLARE_DNS_API_TOKEN": "t"}}, "", "", []string{"CLOUDFLARE_DNS_API_TOKEN"}},
		{"cloudflare email and key", Input{Kind: "dns:cloudflare", Values: map[string]string{"CF_API_EMAIL": "a@example.com", "CF_API_KEY": "k"}}, "", "", []string{"CF_API_KEY"}},
		{"cloudflare email only", Input{Kind: "dns:cloudflare", Values: map[string]string{"CF_API_EMAIL": "a@example.com"}}, apperr.CodeInvalidInput, "needs CF_API_KEY", nil},
		{"digitalocean", Input{Kind: "dns:digitalocean", Values: map[string]string{"DO_AUTH_TOKEN": "t", "DO_TTL": "60"}}, "", "", []string{"DO_AUTH_TOKEN"}},
		{"digitalocean empty", Input{Kind: "dns:digitalocean"}, apperr.CodeInvalidInput, "needs DO_AUTH_TOKEN", nil},
		{"unknown field", Input{Kind: KindAPIToken, Values: map[string]string{"token": "t", "extra": "x"}}, apperr.CodeInvalidInput, `no field "extra"`, nil},
		{"enormous value", Input{Kind: KindAPIToken, Values: map[string]string{"token": big}}, apperr.CodeInvalidInput, "larger than 64 KiB", nil},
		{"invalid text", Input{Kind: KindAPIToken, Values: map[string]string{"token": "\xff"}}, apperr.CodeInvalidInput, "not valid text", nil},
		{"line break in a plain field", Input{Kind: KindPassword, Values: map[string]string{"username": "a\nb", "password": "p"}}, apperr.CodeInvalidInput, "control characters", nil},
		{"unknown kind", Input{Kind: "dns:nope", Values: map[string]string{"X": "y"}}, apperr.CodeInvalidInput, "not a kind", nil},
		{"empty name", Input{Name: "  ", Kind: KindAPIToken, Values: map[string]string{"token": "t"}}, apperr.CodeInvalidInput, "name is empty", nil},
		{"too many tags", Input{Kind: KindAPIToken, Tags: strings.Split("a b c d e f g h i j k l m n o p q r s t u", " "), Values: map[string]string{"token": "t"}}, apperr.CodeInvalidInput, "at most 20 tags", nil},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.in.Name == "" {
				tc.in.Name = "credential " + string(rune('A'+i%26)) + tc.name
			}
			c, err := s.Create(tc.in)
			if tc.code != "" {
				wantCode(t, tc.name, err, tc.code, tc.inMsg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(c.SecretsSet, ",") != strings.Join(tc.secret, ",") {
				t.Errorf("secrets set %v, want %v", c.SecretsSet, tc.secret)
			}
			for _, n := range tc.secret {
				if _, leaked := c.Fields[n]; leaked {
					t.Errorf("secret %s stored in the record's fields", n)
				}
				got, err := s.Reveal(c.ID, n)
				if want := strings.Trim(tc.in.Values[n], "\n"); err != nil || got != want {
					t.Errorf("Reveal(%s) = %q, %v; want %q", n, got, err, want)
				}
			}
		})
	}
	// Normalised values and duplicate names.
	all, _ := s.List(Filter{Kind: KindEAB})
	if len(all) != 2 || all[0].Fields[EABSingleUse] != "true" {
		t.Errorf("eab records: %+v", all)
	}
	_, err := s.Create(Input{Name: strings.ToUpper(all[0].Name), Kind: KindAPIToken, Values: map[string]string{"token": "t"}})
	wantCode(t, "duplicate name", err, apperr.CodeConflict, "already exists")
}

// TestEveryKindNeedsItsFields creates a credential of every kind in the
// catalogue with just what it needs, and refuses one with nothing.
func TestEveryKindNeedsItsFields(t *testing.T) {
	s, _ := newService(t)
	for _, k := range Kinds() {
		needed := map[string]bool{}
		if len(k.AnyOf) > 0 {
			for _, n := range k.AnyOf[0] {
				needed[n] = true
			}
		} else {
			for _, f := range k.Fields {
				if !f.Optional {
					needed[f.Name] = true
				}
			}
		}
		values := map[string]string{}
		for _, f := range k.Fields {
			if !needed[f.Name] {
				continue
			}
			switch {
			case f.Name == EABHMACKey:
				values[f.Name] = hmacA
			case f.Type == TypeInt:
				values[f.Name] = "7"
			default:
				values[f.Name] = "value-of-" + f.Name
			}
		}
		if _, err := s.Create(Input{Name: k.ID, Kind: k.ID, Values: values}); err != nil {
			t.Errorf("%s with %v: %v", k.ID, values, err)
		}
		if len(needed) == 0 {
			continue
		}
		_, err := s.Create(Input{Name: k.ID + " empty", Kind: k.ID})
		if !apperr.Is(err, apperr.CodeInvalidInput) || !strings.Contains(err.Error(), "needs") {
			t.Errorf("%s with nothing: %v", k.ID, err)
		}
	}
}

func TestSecretsNeverInTheFile(t *testing.T) {
	s, db := newService(t)
	secrets := []string{"pw-9f8e7d6c5b4a", "token-5e4d3c2b1a09", "cf-token-a1b2c3d4e5f6", hmacA, "digicert-key-0f1e2d3c"}
	a := mustCreate(t, s, Input{Name: "a", Kind: KindPassword, Values: map[string]string{"username": "admin", "password": secrets[0]}})
	b := mustCreate(t, s, Input{Name: "b", Kind: KindAPIToken, Values: map[string]string{"token": secrets[1]}})
	mustCreate(t, s, Input{Name: "c", Kind: "dns:cloudflare", Values: map[string]string{"CF_DNS_API_TOKEN": secrets[2], "CLOUDFLARE_TTL": "300"}})
	mustCreate(t, s, Input{Name: "d", Kind: KindEAB, Values: map[string]string{EABCAID: "google", EABKeyID: "kid-visible", EABHMACKey: secrets[3]}})
	mustCreate(t, s, Input{Name: "e", Kind: KindDigiCertPartnerKey, Values: map[string]string{DigiCertContractID: "12345", DigiCertAPIKey: secrets[4]}})
	rotated := []string{"pw-rotated-1a2b3c4d", "token-rotated-9z8y7x"}
	if _, err := s.Rotate(a.ID, map[string]string{"password": rotated[0]}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rotate(b.ID, map[string]string{"token": rotated[1]}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range append(secrets, rotated...) {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("secret %q is in the database file in clear", secret)
		}
	}
	// The non-secret values are there: the search above can find what is in the file.
	for _, visible := range []string{"kid-visible", "admin", "CLOUDFLARE_TTL"} {
		if !bytes.Contains(raw, []byte(visible)) {
			t.Errorf("%q not found in the file: the search is broken", visible)
		}
	}
	// Nor in what Get and List hand to the UI.
	list, _ := s.List(Filter{})
	d, _ := s.Get(a.ID)
	out, _ := json.Marshal([]any{list, d})
	for _, secret := range append(secrets, rotated...) {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("secret %q is in List/Get output", secret)
		}
	}
	// A sealed blob is bound to its record: moved to another id, it does not open.
	db.Update(func(tx *store.Tx) error { return tx.PutRaw(store.Secrets, b.ID, tx.GetRaw(store.Secrets, a.ID)) })
	if _, err := s.Reveal(b.ID, "token"); err == nil {
		t.Error("a sealed blob moved to another record opened")
	}
}

func TestRotateKeepsIDAndRefs(t *testing.T) {
	s, _ := newService(t)
	base := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return base }
	c := mustCreate(t, s, Input{Name: "cf", Kind: "dns:cloudflare", Tags: []string{"team-a"}, Values: map[string]string{"CF_API_EMAIL": "a@example.com", "CF_API_KEY": "old-key"}})
	ref := store.Ref{Kind: "account", ID: "acc-1", Label: "prod"}
	if err := s.AddRef(c.ID, ref); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return base.Add(time.Hour) }
	r, err := s.Rotate(c.ID, map[string]string{"CF_DNS_API_TOKEN": "new-token"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != c.ID || r.RotatedAt == nil || !r.RotatedAt.Equal(base.Add(time.Hour)) || !r.CreatedAt.Equal(base) {
		t.Errorf("rotated record %+v", r)
	}
	d, err := s.Get(c.ID)
	if err != nil || len(d.UsedBy) != 1 || d.UsedBy[0] != ref {
		t.Fatalf("Get after rotate: %+v, %v", d, err)
	}
	if v, err := s.Reveal(c.ID, "CF_DNS_API_TOKEN"); err != nil || v != "new-token" {
		t.Errorf("Reveal new = %q, %v", v, err)
	}
	_, err = s.Reveal(c.ID, "CF_API_KEY")
	wantCode(t, "old secret after rotate", err, apperr.CodeNotFound, "no value for CF_API_KEY")
	if d.Fields["CF_API_EMAIL"] != "a@example.com" || strings.Join(d.SecretsSet, ",") != "CF_DNS_API_TOKEN" {
		t.Errorf("after rotate fields %v secrets %v", d.Fields, d.SecretsSet)
	}
	// Rotation must leave a complete credential, and give a secret.
	_, err = s.Rotate(c.ID, map[string]string{"CF_ZONE_API_TOKEN": "zone-only"})
	wantCode(t, "incomplete rotate", err, apperr.CodeInvalidInput, "needs")
	_, err = s.Rotate(c.ID, map[string]string{"CF_API_EMAIL": "b@example.com"})
	wantCode(t, "rotate without secret", err, apperr.CodeInvalidInput, "new secret values")
	if v, _ := s.Reveal(c.ID, "CF_DNS_API_TOKEN"); v != "new-token" {
		t.Errorf("a refused rotation changed the secret to %q", v)
	}
	_, err = s.Rotate("missing", map[string]string{"token": "x"})
	wantCode(t, "rotate missing", err, apperr.CodeNotFound, "no longer exists")
}

func TestUpdate(t *testing.T) {
	s, _ := newService(t)
	c := mustCreate(t, s, Input{Name: "pw", Kind: KindPassword, Values: map[string]string{"username": "u1", "password": "p1"}})
	mustCreate(t, s, Input{Name: "other", Kind: KindAPIToken, Values: map[string]string{"token": "t"}})
	u, err := s.Update(c.ID, UpdateInput{Name: " renamed ", Description: "d", Tags: []string{" Team-A ", "team-a", "tenant-x"}, Fields: map[string]string{"username": "u2"}})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "renamed" || u.Fields["username"] != "u2" || strings.Join(u.Tags, ",") != "Team-A,tenant-x" {
		t.Errorf("updated: %+v", u)
	}
	if v, _ := s.Reveal(c.ID, "password"); v != "p1" {
		t.Errorf("Update changed the secret: %q", v)
	}
	_, err = s.Update(c.ID, UpdateInput{Name: "renamed", Fields: map[string]string{"username": "u", "password": "p2"}})
	wantCode(t, "secret by update", err, apperr.CodeInvalidInput, "secret")
	_, err = s.Update(c.ID, UpdateInput{Name: "renamed"})
	wantCode(t, "required field cleared", err, apperr.CodeInvalidInput, "needs username")
	_, err = s.Update(c.ID, UpdateInput{Name: "OTHER", Fields: map[string]string{"username": "u"}})
	wantCode(t, "name taken", err, apperr.CodeConflict, "already exists")
	_, err = s.Update(c.ID, UpdateInput{Name: "", Fields: map[string]string{"username": "u"}})
	wantCode(t, "empty name", err, apperr.CodeInvalidInput, "name is empty")
}

func TestDeleteRefusedWhileUsed(t *testing.T) {
	s, db := newService(t)
	c := mustCreate(t, s, Input{Name: "eab", Kind: KindEAB, Values: map[string]string{EABCAID: "zerossl", EABKeyID: "k", EABHMACKey: hmacA}})
	for _, r := range []store.Ref{{Kind: "account", ID: "a1", Label: "prod"}, {Kind: "account", ID: "a2", Label: "staging"}, {Kind: "account", ID: "a3", Label: "old", Historic: true}} {
		if err := s.AddRef(c.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Delete(c.ID)
	wantCode(t, "delete used", err, apperr.CodeInUse, `used by account "prod", account "staging"`)
	if strings.Contains(err.Error(), "old") {
		t.Errorf("a historic use blocks deletion: %v", err)
	}
	s.RemoveRef(c.ID, "a1")
	if err := db.Update(func(tx *store.Tx) error { return RemoveRef(tx, c.ID, "a2") }); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(c.ID); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if tx.GetRaw(store.Secrets, c.ID) != nil || tx.GetRaw(store.Credentials, c.ID) != nil {
			t.Error("Delete left the record or its sealed secret")
		}
		if refs, _ := tx.RefsTo(c.ID); len(refs) != 0 {
			t.Errorf("Delete left refs %v", refs)
		}
		return nil
	})
	wantCode(t, "delete again", s.Delete(c.ID), apperr.CodeNotFound, "no longer exists")
	wantCode(t, "ref to deleted", s.AddRef(c.ID, store.Ref{Kind: "account", ID: "a4"}), apperr.CodeNotFound, "no longer exists")
}

func TestListFilter(t *testing.T) {
	s, _ := newService(t)
	mustCreate(t, s, Input{Name: "1", Kind: KindAPIToken, Tags: []string{"team-a"}, Values: map[string]string{"token": "t"}})
	mustCreate(t, s, Input{Name: "2", Kind: "dns:digitalocean", Tags: []string{"Team-A", "tenant-x"}, Values: map[string]string{"DO_AUTH_TOKEN": "t"}})
	mustCreate(t, s, Input{Name: "3", Kind: "dns:digitalocean", Tags: []string{"team-b"}, Values: map[string]string{"DO_AUTH_TOKEN": "t"}})
	for _, tc := range []struct {
		f    Filter
		want string
	}{
		{Filter{}, "1,2,3"},
		{Filter{Kind: "dns:digitalocean"}, "2,3"},
		{Filter{Tag: "team-a"}, "1,2"},
		{Filter{Tag: "TENANT-X"}, "2"},
		{Filter{Kind: "dns:digitalocean", Tag: "team-a"}, "2"},
		{Filter{Kind: KindEAB}, ""},
	} {
		got, err := s.List(tc.f)
		var names []string
		for _, c := range got {
			names = append(names, c.Name)
		}
		if err != nil || strings.Join(names, ",") != tc.want {
			t.Errorf("List(%+v) = %v, %v; want %s", tc.f, names, err, tc.want)
		}
	}
}

func TestEABExpiryAndSingleUse(t *testing.T) {
	s, db := newService(t)
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	claim := func(id, accountID string) error {
		return db.Update(func(tx *store.Tx) error { return ClaimEAB(tx, id, accountID, now) })
	}
	release := func(id, accountID string) error {
		return db.Update(func(tx *store.Tx) error { return ReleaseEAB(tx, id, accountID) })
	}
	eab := func(name string, extra map[string]string) *Credential {
		v := map[string]string{EABCAID: "google", EABKeyID: "kid-" + name, EABHMACKey: hmacA}
		for k, x := range extra {
			v[k] = x
		}
		return mustCreate(t, s, Input{Name: name, Kind: KindEAB, Values: v})
	}
	fresh := eab("fresh", map[string]string{EABExpiresAt: "2026-06-17T09:00:00Z"})
	expired := eab("gts old", map[string]string{EABExpiresAt: "2026-06-03"})
	once := eab("gts once", map[string]string{EABSingleUse: "true", EABExpiresAt: "2026-06-17"})
	reusable := eab("zerossl", nil)

	if err := s.CheckEABUsable(fresh.ID); err != nil {
		t.Errorf("fresh: %v", err)
	}
	err := s.CheckEABUsable(expired.ID)
	wantCode(t, "expired", err, apperr.CodeEABRequired, `The EAB credential "gts old" expired on 2026-06-03`)
	if !strings.Contains(apperr.From(err).Hint, "new EAB") {
		t.Errorf("expired hint: %q", apperr.From(err).Hint)
	}
	// Expiry at the exact instant counts as expired.
	s.now = func() time.Time { return time.Date(2026, 6, 17, 9, 0, 0, 0, time.UTC) }
	wantCode(t, "expiry instant", s.CheckEABUsable(fresh.ID), apperr.CodeEABRequired, "expired on 2026-06-17 09:00 UTC")
	s.now = func() time.Time { return now }

	if err := s.CheckEABUsable(once.ID); err != nil {
		t.Errorf("unused single-use: %v", err)
	}
	if err := claim(once.ID, "acct-1"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "used single-use", s.CheckEABUsable(once.ID), apperr.CodeEABRequired, `"gts once" was single-use and has already been used`)
	// A second registration cannot claim it; only the claimer's release gives it back.
	wantCode(t, "claimed twice", claim(once.ID, "acct-2"), apperr.CodeEABRequired, "already been used")
	if err := release(once.ID, "acct-2"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "released by another", s.CheckEABUsable(once.ID), apperr.CodeEABRequired, "already been used")
	if err := release(once.ID, "acct-1"); err != nil {
		t.Fatal(err)
	}
	if err := claim(once.ID, "acct-2"); err != nil {
		t.Errorf("claim after release: %v", err)
	}
	wantCode(t, "claim expired", claim(expired.ID, "acct-3"), apperr.CodeEABRequired, "expired")
	if err := release("gone", "acct-1"); err != nil {
		t.Errorf("release of a deleted credential: %v", err)
	}
	// Reusable credentials stay usable, and record their last use.
	claim(reusable.ID, "acct-1")
	claim(reusable.ID, "acct-2")
	if err := s.CheckEABUsable(reusable.ID); err != nil {
		t.Errorf("reusable after two uses: %v", err)
	}
	if d, _ := s.Get(reusable.ID); d.LastUsedAt == nil || d.ConsumedAt != nil {
		t.Errorf("reusable after use: %+v", d.Credential)
	}
	// Rotating a spent single-use credential with a new key makes it usable again.
	if _, err := s.Rotate(once.ID, map[string]string{EABKeyID: "kid-new", EABHMACKey: hmacA}); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckEABUsable(once.ID); err != nil {
		t.Errorf("rotated single-use: %v", err)
	}

	wantCode(t, "missing", s.CheckEABUsable("gone"), apperr.CodeNotFound, "EAB credential is missing")
	tok := mustCreate(t, s, Input{Name: "tok", Kind: KindAPIToken, Values: map[string]string{"token": "t"}})
	wantCode(t, "not eab", s.CheckEABUsable(tok.ID), apperr.CodeInvalidInput, "not an EAB credential")
	wantCode(t, "claim not eab", claim(tok.ID, "acct-1"), apperr.CodeInvalidInput, "not an EAB credential")
	if err := s.MarkUsed(tok.ID); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Get(tok.ID); d.LastUsedAt == nil || !d.LastUsedAt.Equal(now) {
		t.Errorf("MarkUsed: %+v", d.LastUsedAt)
	}
}

func TestCheckDNS(t *testing.T) {
	s, db := newService(t)
	ok := mustCreate(t, s, Input{Name: "do", Kind: "dns:digitalocean", Values: map[string]string{"DO_AUTH_TOKEN": "t"}})
	if err := s.CheckDNS(ok.ID); err != nil {
		t.Fatalf("complete credential: %v", err)
	}
	cf := mustCreate(t, s, Input{Name: "cf", Kind: "dns:cloudflare", Values: map[string]string{"CF_DNS_API_TOKEN": "t"}})
	if err := s.CheckDNS(cf.ID); err != nil {
		t.Fatalf("cloudflare with a token: %v", err)
	}

	// A record stored before lego asked for more (or by an older version):
	// written directly, as Create refuses incomplete credentials.
	incomplete := func(id, name, kind string, fields map[string]string, secrets ...string) {
		c := Credential{ID: id, Name: name, Kind: kind, Fields: fields, SecretsSet: secrets}
		if err := db.Update(func(tx *store.Tx) error { return tx.Put(store.Credentials, id, c) }); err != nil {
			t.Fatal(err)
		}
	}
	incomplete("inc-1", "netcup prod", "dns:netcup", map[string]string{"NETCUP_CUSTOMER_NUMBER": "42"})
	err := s.CheckDNS("inc-1")
	wantCode(t, "missing field", err, apperr.CodeInvalidInput, `DNS validation cannot proceed: credential "netcup prod" is missing NETCUP_API_KEY and NETCUP_API_PASSWORD`)
	incomplete("inc-2", "do old", "dns:digitalocean", map[string]string{})
	err = s.CheckDNS("inc-2")
	wantCode(t, "one missing field", err, apperr.CodeInvalidInput, `credential "do old" is missing DO_AUTH_TOKEN`)
	if h := apperr.From(err).Hint; !strings.Contains(h, "DO_AUTH_TOKEN (Authentication token)") {
		t.Errorf("hint %q", h)
	}
	incomplete("inc-3", "cf half", "dns:cloudflare", map[string]string{"CF_API_EMAIL": "a@example.com"})
	wantCode(t, "alternatives", s.CheckDNS("inc-3"), apperr.CodeInvalidInput, `credential "cf half" is missing CF_API_KEY`)
	incomplete("inc-4", "no secret blob", "dns:digitalocean", map[string]string{}, "DO_AUTH_TOKEN")
	wantCode(t, "secret gone", s.CheckDNS("inc-4"), apperr.CodeInternal, "missing from the vault")
	incomplete("inc-5", "gone provider", "dns:retired", map[string]string{})
	wantCode(t, "unknown provider", s.CheckDNS("inc-5"), apperr.CodeUnsupported, `DNS provider "retired"`)

	err = s.CheckDNS("no-such-id")
	wantCode(t, "missing credential", err, apperr.CodeNotFound, "DNS validation cannot proceed: the stored credential is missing")
	if apperr.From(err).Hint == "" {
		t.Error("no hint for a missing credential")
	}
	s.Delete(ok.ID)
	wantCode(t, "deleted credential", s.CheckDNS(ok.ID), apperr.CodeNotFound, "the stored credential is missing")
	pw := mustCreate(t, s, Input{Name: "pw", Kind: KindPassword, Values: map[string]string{"username": "u", "password": "p"}})
	wantCode(t, "not dns", s.CheckDNS(pw.ID), apperr.CodeInvalidInput, "not a DNS provider credential")
}

func TestRevealErrors(t *testing.T) {
	s, _ := newService(t)
	c := mustCreate(t, s, Input{Name: "pw", Kind: KindPassword, Values: map[string]string{"username": "u", "password": "p"}})
	if v, err := s.Reveal(c.ID, "username"); err != nil || v != "u" {
		t.Errorf("Reveal non-secret = %q, %v", v, err)
	}
	_, err := s.Reveal(c.ID, "token")
	wantCode(t, "unknown field", err, apperr.CodeInvalidInput, `no field "token"`)
	_, err = s.Reveal("missing", "password")
	wantCode(t, "missing credential", err, apperr.CodeNotFound, "no longer exists")
}

func TestMoveRef(t *testing.T) {
	s, _ := newService(t)
	a := mustCreate(t, s, Input{Name: "a", Kind: KindAPIToken, Values: map[string]string{"token": "t"}})
	b := mustCreate(t, s, Input{Name: "b", Kind: KindAPIToken, Values: map[string]string{"token": "t"}})
	ref := store.Ref{Kind: "account", ID: "acc", Label: "prod"}
	s.AddRef(a.ID, ref)
	if err := s.MoveRef(a.ID, b.ID, ref); err != nil {
		t.Fatal(err)
	}
	da, _ := s.Get(a.ID)
	db, _ := s.Get(b.ID)
	if len(da.UsedBy) != 0 || len(db.UsedBy) != 1 || db.UsedBy[0] != ref {
		t.Errorf("after move: a %v, b %v", da.UsedBy, db.UsedBy)
	}
	wantCode(t, "move to missing", s.MoveRef(b.ID, "missing", ref), apperr.CodeNotFound, "no longer exists")
	if db, _ := s.Get(b.ID); len(db.UsedBy) != 1 {
		t.Error("a failed move removed the old ref")
	}
}

func TestListCountsCurrentUsers(t *testing.T) {
	s, _ := newService(t)
	c, err := s.Create(Input{Name: "pw", Kind: KindPassword, Values: map[string]string{"username": "u", "password": "p"}})
	if err != nil {
		t.Fatal(err)
	}
	s.AddRef(c.ID, store.Ref{Kind: "account", ID: "a", Label: "A"})
	s.AddRef(c.ID, store.Ref{Kind: "account", ID: "b", Label: "B", Historic: true})
	list, err := s.List(Filter{})
	if err != nil || len(list) != 1 || list[0].InUse != 1 {
		t.Fatalf("List = %+v, %v; want one credential used once (historic uses do not count)", list, err)
	}
}

// An API base URL that is not https:// is refused when the key is stored or
// edited, as the user types it, not only when the key is about to be sent.
func TestAPIBaseURLMustBeHTTPS(t *testing.T) {
	s, _ := newService(t)
	for _, kind := range []struct {
		id     string
		values map[string]string
	}{
		{KindDigiCertPartnerKey, map[string]string{DigiCertContractID: "12345", DigiCertAPIKey: "dc-key"}},
		{KindZeroSSLAccessKey, map[string]string{ZeroSSLAccessKey: "zs-key"}},
	} {
		with := func(base string) map[string]string {
			v := map[string]string{APIBaseURL: base}
			for n, x := range kind.values {
				v[n] = x
			}
			return v
		}
		for _, bad := range []string{"http://api.example.com/v1", "https://ops:pw@api.example.com", "https:///v1", "api.example.com"} {
			_, err := s.Create(Input{Name: kind.id + " " + bad, Kind: kind.id, Values: with(bad)})
			wantCode(t, kind.id+" create "+bad, err, apperr.CodeInvalidInput, "API base URL")
		}
		c := mustCreate(t, s, Input{Name: kind.id, Kind: kind.id, Values: with(" https://api.example.com/v1 ")})
		if c.Fields[APIBaseURL] != "https://api.example.com/v1" {
			t.Errorf("%s: stored %q", kind.id, c.Fields[APIBaseURL])
		}
		fields := map[string]string{APIBaseURL: "http://api.example.com/v1"}
		if kind.id == KindDigiCertPartnerKey {
			fields[DigiCertContractID] = "12345"
		}
		_, err := s.Update(c.ID, UpdateInput{Name: kind.id, Fields: fields})
		wantCode(t, kind.id+" update", err, apperr.CodeInvalidInput, "API base URL")
		_, err = s.Rotate(c.ID, with("http://api.example.com/v1"))
		wantCode(t, kind.id+" rotate", err, apperr.CodeInvalidInput, "API base URL")
		if d, _ := s.Get(c.ID); d.Fields[APIBaseURL] != "https://api.example.com/v1" {
			t.Errorf("%s: a refused edit changed the base URL to %q", kind.id, d.Fields[APIBaseURL])
		}
		delete(fields, APIBaseURL) // empty: the CA's own API
		if _, err := s.Update(c.ID, UpdateInput{Name: kind.id, Fields: fields}); err != nil {
			t.Errorf("%s: clearing the base URL: %v", kind.id, err)
		}
	}
}
