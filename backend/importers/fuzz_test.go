package importers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// The fuzz targets below feed one file of an account folder each (the rest of
// the folder is valid and made once per fuzzing process), through the reader
// Scan uses for that tool. Each input overwrites that one file, in place.

const fuzzHost = "acme-v02.api.letsencrypt.org"

// fuzzedFile is a file each input is written to. It stays open: on ext4,
// truncating a file to nothing and closing it flushes it to the disk, which
// cost ten times the rest of an input.
type fuzzedFile struct {
	path string
	f    *os.File
}

func openFuzzed(tb testing.TB, path string) *fuzzedFile {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return &fuzzedFile{path, f}
}

// set replaces the file's content.
func (ff *fuzzedFile) set(t *testing.T, data []byte) {
	if _, err := ff.f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	if err := ff.f.Truncate(int64(len(data))); err != nil {
		t.Fatal(err)
	}
}

// ecJWK is an ECDSA P-256 key as a JWK (certbot's private_key.json format): quicker to parse than RSA.
func ecJWK(tb testing.TB) []byte {
	b, err := jose.JSONWebKey{Key: ecKey(tb)}.MarshalJSON()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// checkFound: what is read is described for the UI, and that marshals to JSON.
func checkFound(t *testing.T, a *account, root string) Found {
	t.Helper()
	found := a.describe(root)
	if _, err := json.Marshal(Preview{Root: root, Accounts: []Found{found}, Problems: []Problem{}}); err != nil {
		t.Fatalf("the account read cannot be shown: %v (%+v)", err, found)
	}
	if found.KID == "" || found.FingerprintSHA256 == "" || found.KeyAlgorithm == "" {
		t.Fatalf("found %+v", found)
	}
	return found
}

// checkContacts: contacts read from RFC 8555 contact URLs are bare, non-empty addresses.
func checkContacts(t *testing.T, contacts []string) {
	t.Helper()
	for _, c := range contacts {
		if c == "" || c != strings.TrimSpace(c) {
			t.Fatalf("contact %q", c)
		}
	}
}

// onlyProblem: the reader refused the account for one reason, about path.
func onlyProblem(t *testing.T, problems []Problem, path string) {
	t.Helper()
	if len(problems) != 1 || problems[0].Path != path || problems[0].Reason == "" {
		t.Fatalf("refused with problems %+v, want one about %s", problems, path)
	}
}

func mailtos(contacts []string) []string {
	out := []string{}
	for _, c := range contacts {
		out = append(out, "mailto:"+c)
	}
	return out
}

// --- lego

type legoFixture struct {
	root, dir string
	acc       *fuzzedFile
}

func newLegoFixture(f *testing.F) legoFixture {
	root := filepath.Join(f.TempDir(), ".lego")
	dir := filepath.Join(root, "accounts", fuzzHost, "a@example.com")
	write(f, filepath.Join(dir, "keys", "a@example.com.key"), sec1PEM(f, ecKey(f)))
	return legoFixture{root, dir, openFuzzed(f, filepath.Join(dir, "account.json"))}
}

// FuzzLegoAccount feeds lego's account.json. What is read is written back
// in lego's format and read again as it was.
func FuzzLegoAccount(f *testing.F) {
	fx := newLegoFixture(f)
	// As lego v4 writes it (json.MarshalIndent of its Account).
	f.Add([]byte(`{
	"email": "a@example.com",
	"registration": {
		"body": {
			"status": "valid",
			"contact": [
				"mailto:a@example.com"
			]
		},
		"uri": "https://acme-v02.api.letsencrypt.org/acme/acct/123456789"
	},
	"key": null
}`))
	f.Add([]byte(`{"email":"l@example.com","registration":{"body":{"status":"valid"},"uri":"https://ca.example.org:8443/acct/1"}}`))
	f.Add([]byte(`{"email":"s@example.com","registration":{"body":{"status":"valid","contact":["tel:+1", " mailto: x@example.com "]},"uri":"https://acme.sectigo.com/acct/xyz"}}`))
	f.Add([]byte(`{"email": "x@example.com", "registration": {`))
	f.Add([]byte(`{"email": "x@example.com", "registration": null}`))
	f.Add([]byte(`{"registration": {"body": {"contact": "mailto:a@example.com"}, "uri": 1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fx.acc.set(t, data)
		a, problems := readLego(fx.dir)
		if a == nil {
			onlyProblem(t, problems, fx.acc.path)
			return
		}
		if len(problems) != 0 || a.kid == "" || a.host != fuzzHost || a.server != fuzzHost {
			t.Fatalf("read %+v, problems %+v", a, problems)
		}
		checkFound(t, a, fx.root)
		// Written back as lego writes an account (without the e-mail field it falls back on).
		var want []string
		for _, c := range a.contacts {
			if c = strings.TrimSpace(c); c != "" {
				want = append(want, c)
			}
		}
		again, err := json.Marshal(map[string]any{"email": "", "registration": map[string]any{
			"body": map[string]any{"status": a.status, "contact": mailtos(want)}, "uri": a.kid}})
		if err != nil {
			t.Fatal(err)
		}
		fx.acc.set(t, again)
		b, problems := readLego(fx.dir)
		if b == nil || len(problems) != 0 || b.kid != a.kid || b.status != a.status || !slices.Equal(b.contacts, want) {
			t.Fatalf("read %+v, written back as %s, read again as %+v (%+v)", a, again, b, problems)
		}
	})
}

// --- certbot

type certbotFixture struct {
	root, dir       string
	key, regr, meta *fuzzedFile
}

const certbotRegr = `{"body": {"contact": ["mailto:a@example.com"], "status": "valid"}, "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/5"}`

func newCertbotFixture(f *testing.F) certbotFixture {
	root := filepath.Join(f.TempDir(), "letsencrypt")
	dir := certbotAccount(f, root, fuzzHost+"/directory", "0123456789abcdef0123456789abcdef", ecJWK(f), certbotRegr)
	return certbotFixture{root, dir, openFuzzed(f, filepath.Join(dir, "private_key.json")),
		openFuzzed(f, filepath.Join(dir, "regr.json")), openFuzzed(f, filepath.Join(dir, "meta.json"))}
}

const certbotDirectory = "https://" + fuzzHost + "/directory"

// FuzzCertbotRegr feeds certbot's regr.json. What is read is written back in
// certbot's format and read again as it was.
func FuzzCertbotRegr(f *testing.F) {
	fx := newCertbotFixture(f)
	f.Add([]byte(certbotRegr))
	// certbot 2.x keeps an empty body.
	f.Add([]byte(`{"body": {}, "uri": "https://acme-staging-v02.api.letsencrypt.org/acme/acct/2"}`))
	// certbot 1.x kept the whole registration resource.
	f.Add([]byte(`{"body": {"key": {"kty": "RSA", "n": "sXch", "e": "AQAB"}, "contact": ["mailto:old@example.com"], "agreement": "https://letsencrypt.org/documents/LE-SA-v1.2-November-15-2017.pdf", "status": "valid"}, "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/77", "new_authzr_uri": "https://acme-v02.api.letsencrypt.org/acme/new-authz", "terms_of_service": "https://letsencrypt.org/documents/LE-SA-v1.2-November-15-2017.pdf"}`))
	f.Add([]byte(`{"body": {}, "uri": `))
	f.Add([]byte(`{"body": null, "uri": ""}`))
	f.Add([]byte(`{"body": {"contact": [1]}, "uri": "x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fx.regr.set(t, data)
		a, problems := readCertbot(fx.dir)
		if a == nil {
			onlyProblem(t, problems, fx.regr.path)
			return
		}
		if len(problems) != 0 || a.kid == "" || a.dirURL != certbotDirectory || a.registeredAt == nil {
			t.Fatalf("read %+v, problems %+v", a, problems)
		}
		checkContacts(t, a.contacts)
		checkFound(t, a, fx.root)
		again, err := json.Marshal(map[string]any{"body": map[string]any{"status": a.status, "contact": mailtos(a.contacts)}, "uri": a.kid})
		if err != nil {
			t.Fatal(err)
		}
		fx.regr.set(t, again)
		b, problems := readCertbot(fx.dir)
		if b == nil || len(problems) != 0 || b.kid != a.kid || b.status != a.status || !slices.Equal(b.contacts, a.contacts) {
			t.Fatalf("read %+v, written back as %s, read again as %+v (%+v)", a, again, b, problems)
		}
	})
}

// FuzzCertbotMeta feeds certbot's meta.json: a damaged one never stops the
// import, and a creation date read is one that can be shown and stored.
func FuzzCertbotMeta(f *testing.F) {
	fx := newCertbotFixture(f)
	f.Add([]byte(`{"creation_dt": "2024-03-01T10:00:00Z", "creation_host": "web1"}`))
	f.Add([]byte(`{"creation_dt": "2019-11-20T08:31:07.123456+01:00", "creation_host": "host.example.com", "register_to_eff": null}`))
	f.Add([]byte(`{"creation_dt": "2024-03-01 10:00:00"}`))
	f.Add([]byte(`{"creation_dt": 1}`))
	// Years that leave 1–9999 in UTC: JSON cannot hold them (the scan result then could not reach the window).
	f.Add([]byte(`{"creation_dt": "0000-01-01T00:00:00+01:00"}`))
	f.Add([]byte(`{"creation_dt": "9999-12-31T23:59:59-23:59"}`))
	f.Add([]byte(`[1,2`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fx.meta.set(t, data)
		a, problems := readCertbot(fx.dir)
		if a == nil || len(problems) > 1 || (len(problems) == 1 && (problems[0].Path != fx.meta.path || a.registeredAt != nil)) {
			t.Fatalf("read %+v, problems %+v", a, problems)
		}
		checkFound(t, a, fx.root)
		if a.registeredAt == nil {
			return
		}
		at := *a.registeredAt
		if at.Location() != time.UTC {
			t.Fatalf("creation date %v is not in UTC", at)
		}
		again, err := json.Marshal(map[string]string{"creation_dt": at.Format(time.RFC3339Nano)})
		if err != nil {
			t.Fatal(err)
		}
		fx.meta.set(t, again)
		b, problems := readCertbot(fx.dir)
		if b == nil || len(problems) != 0 || b.registeredAt == nil || !b.registeredAt.Equal(at) {
			t.Fatalf("creation date %v written back as %s, read again as %+v (%+v)", at, again, b, problems)
		}
	})
}

// FuzzCertbotPrivateKey feeds certbot's private_key.json: a key that is
// refused is refused with a reason that never quotes its private part.
func FuzzCertbotPrivateKey(f *testing.F) {
	fx := newCertbotFixture(f)
	rsaJWK, _ := certbotJWK(f)
	ec := ecJWK(f)
	f.Add(rsaJWK)
	f.Add(ec)
	f.Add(sec1PEM(f, ecKey(f)))
	f.Add(bytes.Replace(ec, []byte(`"P-256"`), []byte(`"P-521"`), 1))
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"","y":"","d":""}`))
	f.Add([]byte(`{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}`))
	f.Add([]byte(`{"kty":"oct","k":"c2VjcmV0LXN5bW1ldHJpYy1rZXktMTIzNDU2Nzg5MA"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fx.key.set(t, data)
		a, problems := readCertbot(fx.dir)
		if a == nil {
			onlyProblem(t, problems, fx.key.path)
			var jwk map[string]any
			if json.Unmarshal(data, &jwk) != nil {
				return
			}
			for _, name := range []string{"d", "p", "q", "dp", "dq", "qi", "k"} {
				secret, _ := jwk[name].(string)
				if len(secret) < 12 || !strings.Contains(problems[0].Reason, secret) {
					continue
				}
				quoted := false // the reason may quote a field that is not secret, e.g. "crv"
				for other, v := range jwk {
					if s, ok := v.(string); ok && other != name && strings.Contains(s, secret) {
						quoted = true
					}
				}
				if !quoted {
					t.Fatalf("the reason %q quotes the key's %q", problems[0].Reason, name)
				}
			}
			return
		}
		if len(problems) != 0 || !bytes.Equal(a.keyBytes, data) || a.keyFile != fx.key.path || a.key == nil {
			t.Fatalf("read %+v, problems %+v", a, problems)
		}
		checkFound(t, a, fx.root)
	})
}

// --- acme.sh

// formatShellConf writes conf as acme.sh does: plain values quoted, the
// others base64-wrapped.
func formatShellConf(conf map[string]string) []byte {
	var b bytes.Buffer
	for k, v := range conf {
		b.WriteString("export " + k + "=")
		if strings.ContainsAny(v, "\n") || decodeB64Value(v) != v {
			b.WriteString(b64Start + base64.StdEncoding.EncodeToString([]byte(v)) + b64End)
		} else {
			b.WriteString("'" + v + "'")
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

type acmeShFixture struct {
	home, dir         string
	conf, accountConf *fuzzedFile
}

func newAcmeShFixture(f *testing.F) acmeShFixture {
	home := filepath.Join(f.TempDir(), ".acme.sh")
	dir := filepath.Join(home, "ca", fuzzHost, "directory")
	write(f, filepath.Join(dir, "account.key"), sec1PEM(f, ecKey(f)))
	return acmeShFixture{home, dir, openFuzzed(f, filepath.Join(dir, "ca.conf")), openFuzzed(f, filepath.Join(home, "account.conf"))}
}

// FuzzAcmeShConf feeds acme.sh's KEY='value' files, as ca.conf and as
// account.conf (with no account.json, so the contact comes from it).
func FuzzAcmeShConf(f *testing.F) {
	fx := newAcmeShFixture(f)
	acct := base64.StdEncoding.EncodeToString([]byte("https://acme-v02.api.letsencrypt.org/acme/acct/9"))
	f.Add([]byte("ACCOUNT_URL='__ACME_BASE64__START_" + acct + "__ACME_BASE64__END_'\nCA_KEY_HASH='47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='\n" +
		"CA_EAB_KEY_ID='eab-kid-1'\nCA_EAB_HMAC_KEY='c2VjcmV0LWhtYWMta2V5LTEyMzQ1Njc4OTA'\n"))
	f.Add([]byte("ACCOUNT_URL='https://acme-v02.api.letsencrypt.org:443/acme/acct/9'\nCA_EAB_KEY_ID='only-half'\n"))
	f.Add([]byte("# acme.sh\nACCOUNT_URL='__ACME_BASE64__START_aHR0cHM6Ly9leGFtcGxlLmNvbS9hY2N0LzE=__ACME_BASE64__END_'\n" +
		"CA_EAB_KEY_ID=\"kid\"\nexport PLAIN=value\nBROKEN='__ACME_BASE64__START_!!!__ACME_BASE64__END_'\nnoequals\n"))
	// account.conf, as acme.sh writes it.
	f.Add([]byte("\n#LOG_FILE=\"/root/.acme.sh/acme.sh.log\"\n#LOG_LEVEL=1\n#AUTO_UPGRADE=\"1\"\n#NO_TIMESTAMP=1\n\nACCOUNT_EMAIL='ops@example.com'\n" +
		"UPGRADE_HASH='0123456789abcdef0123456789abcdef01234567'\nSAVED_CF_Token='__ACME_BASE64__START_dG9rZW4=__ACME_BASE64__END_'\n" +
		"USER_PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'\n"))
	f.Add([]byte("ACCOUNT_URL=\r\n export  ACCOUNT_EMAIL = \"a@example.com\" \r\nX='\nY=''"))
	f.Fuzz(func(t *testing.T, data []byte) {
		conf := readShellConf(data)
		for k, v := range conf {
			if strings.ContainsAny(k, "\n=") || k != strings.TrimSpace(k) {
				t.Fatalf("key %q", k)
			}
			// A line holds no newline: a value has one only when acme.sh wrapped it in base64.
			if strings.Contains(v, "\n") && !bytes.Contains(data, []byte(b64Start)) {
				t.Fatalf("value %q of %q", v, k)
			}
		}
		if len(data) < 64<<10 {
			again := formatShellConf(conf)
			if got := readShellConf(again); !maps.Equal(got, conf) {
				t.Fatalf("read %q, written back as %q, read again as %q", conf, again, got)
			}
		}

		fx.conf.set(t, data)
		fx.accountConf.set(t, data)
		a, problems := readAcmeSh(fx.dir)
		if a == nil {
			onlyProblem(t, problems, fx.conf.path)
			if conf["ACCOUNT_URL"] != "" {
				t.Fatalf("refused with ACCOUNT_URL %q", conf["ACCOUNT_URL"])
			}
			return
		}
		if len(problems) != 0 || a.kid == "" || a.kid != conf["ACCOUNT_URL"] || (a.eabKeyID == "") != (a.eabHMAC == "") ||
			!strings.HasPrefix(a.dirURL, "https://") || !strings.HasSuffix(a.dirURL, "/directory") {
			t.Fatalf("read %+v, problems %+v", a, problems)
		}
		if id, hmac := conf["CA_EAB_KEY_ID"], conf["CA_EAB_HMAC_KEY"]; id != "" && hmac != "" && (a.eabKeyID != id || a.eabHMAC != hmac) {
			t.Fatalf("EAB %q, read %q", id, a.eabKeyID)
		}
		if email := conf["ACCOUNT_EMAIL"]; (email == "" && len(a.contacts) != 0) || (email != "" && !slices.Equal(a.contacts, []string{email})) {
			t.Fatalf("contacts %q, ACCOUNT_EMAIL %q", a.contacts, email)
		}
		checkFound(t, a, fx.home)
	})
}
