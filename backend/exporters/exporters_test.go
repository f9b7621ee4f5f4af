package exporters

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/importers"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

type env struct {
	t      *testing.T
	db     *store.DB
	svc    *Service
	pebble *acmetest.Server
	caID   string
}

func newEnv(t *testing.T, opts acmetest.Options) *env {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase("exporters test passphrase"); err != nil {
		t.Fatal(err)
	}
	k, c, creds := keys.NewService(db, v), cas.NewService(db), credentials.NewService(db, v)
	e := &env{t: t, db: db, pebble: acmetest.Start(t, opts),
		svc: &Service{Keys: k, CAs: c, Credentials: creds, Accounts: accounts.NewService(db, k, c, creds)}}
	ca, err := c.AddCustom(cas.CustomInput{Name: "Pebble", DirectoryURL: e.pebble.URL, RootPEM: string(e.pebble.RootPEM)})
	if err != nil {
		t.Fatal(err)
	}
	e.caID = ca.ID
	return e
}

// registered makes a key of alg (export allowed or not) and an account registered at Pebble with it.
func (e *env) registered(name string, alg keys.Algorithm, allowExport bool, contacts ...string) *accounts.Account {
	e.t.Helper()
	ctx := context.Background()
	k, err := e.svc.Keys.Generate(ctx, name+" key", "", alg)
	if err != nil {
		e.t.Fatal(err)
	}
	if allowExport {
		if _, err := e.svc.Keys.Update(k.ID, k.Name, "", true); err != nil {
			e.t.Fatal(err)
		}
	}
	a, err := e.svc.Accounts.Create(ctx, accounts.NewInput{Name: name, CAID: e.caID, KeyID: k.ID, Contacts: contacts})
	if err != nil {
		e.t.Fatal(err)
	}
	if a, err = e.svc.Accounts.Register(ctx, a.ID, true); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// orders counts the orders Pebble holds for the account at kid.
func (e *env) orders(kid string) int {
	return len(e.pebble.DB.GetOrdersByAccountID(path.Base(kid)))
}

func ownerOnly(t *testing.T, res *Result) {
	t.Helper()
	for _, f := range res.Files {
		st, err := os.Stat(f)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", f, st.Mode(), err)
		}
		for d := filepath.Dir(f); d != res.Dir && len(d) > len(res.Dir); d = filepath.Dir(d) {
			if st, err := os.Stat(d); err != nil || st.Mode().Perm() != 0o700 {
				t.Fatalf("folder %s: %v %v", d, st.Mode(), err)
			}
		}
	}
}

// The real lego CLI takes the exported account as its own: it orders a
// certificate under our account URL, without registering another account.
func TestLegoUsesTheExportedAccount(t *testing.T) {
	lego := acmetest.BuildLegoCLI(t, filepath.Join("..", ".."))
	e := newEnv(t, acmetest.Options{AlwaysValid: true})
	a := e.registered("Lego one", keys.EC256, true, "lego@example.com")
	dir := filepath.Join(t.TempDir(), ".lego")
	res, err := e.svc.Export(t.Context(), a.ID, FormatLego, dir)
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly(t, res)
	var saved struct {
		Email        string `json:"email"`
		Registration struct {
			URI  string `json:"uri"`
			Body struct {
				Status  string   `json:"status"`
				Contact []string `json:"contact"`
			} `json:"body"`
		} `json:"registration"`
	}
	accJSON := res.Files[0]
	raw, _ := os.ReadFile(accJSON)
	if err := json.Unmarshal(raw, &saved); err != nil || saved.Email != "lego@example.com" || saved.Registration.URI != a.KID ||
		saved.Registration.Body.Status != "valid" || !strings.Contains(accJSON, "127.0.0.1_") {
		t.Fatalf("%s: %s (%v)", accJSON, raw, err)
	}
	if e.orders(a.KID) != 0 {
		t.Fatal("orders before lego ran")
	}
	cmd := exec.CommandContext(t.Context(), lego, "--server", e.pebble.URL, "--email", "lego@example.com", "--accept-tos",
		"--path", dir, "--domains", "export.test", "--http", "--http.port", acmetest.FreePort(t), "run")
	cmd.Env = append(os.Environ(), "LEGO_CA_CERTIFICATES="+e.pebble.RootFile(e.t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("lego run: %v\n%s", err, out)
	}
	if e.orders(a.KID) == 0 {
		t.Fatalf("lego did not order under the exported account %s:\n%s", a.KID, out)
	}
	if strings.Contains(string(out), "Generating") || strings.Contains(string(out), "Please review the TOS") {
		t.Fatalf("lego made a new key or registration:\n%s", out)
	}
	raw, _ = os.ReadFile(accJSON)
	if err := json.Unmarshal(raw, &saved); err != nil || saved.Registration.URI != a.KID {
		t.Fatalf("after lego: %s", raw)
	}

	// Exporting again into the same folder never overwrites the account.
	if _, err := e.svc.Export(t.Context(), a.ID, FormatLego, dir); !apperr.Is(err, apperr.CodeConflict) {
		t.Fatalf("second export: %v", err)
	}
}

// The real certbot finds the exported account and uses it: show_account asks
// Pebble with it, and certonly orders under it without registering.
func TestCertbotUsesTheExportedAccount(t *testing.T) {
	certbot := acmetest.NeedTool(t, "certbot", "apt-get install certbot (scripts/deps.sh installs it)")
	e := newEnv(t, acmetest.Options{AlwaysValid: true})
	a := e.registered("Certbot one", keys.RSA2048, true, "cb@example.com")
	base := t.TempDir()
	config := filepath.Join(base, "letsencrypt")
	res, err := e.svc.Export(t.Context(), a.ID, FormatCertbot, config)
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly(t, res)
	run := func(args ...string) string {
		t.Helper()
		args = append(args, "--server", e.pebble.URL, "--non-interactive", "--config-dir", config,
			"--work-dir", filepath.Join(base, "work"), "--logs-dir", filepath.Join(base, "logs"))
		cmd := exec.CommandContext(t.Context(), certbot, args...)
		cmd.Env = append(os.Environ(), "REQUESTS_CA_BUNDLE="+e.pebble.RootFile(e.t))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("certbot %s: %v\n%s", args[0], err, out)
		}
		return string(out)
	}
	out := run("show_account")
	if !strings.Contains(out, "Account URL: "+a.KID+"\n") || !strings.Contains(out, "cb@example.com") {
		t.Fatalf("certbot show_account does not show our account %s:\n%s", a.KID, out)
	}
	port := acmetest.FreePort(t)
	_, p, _ := net.SplitHostPort(port)
	out = run("certonly", "--standalone", "--http-01-port", p, "--http-01-address", "127.0.0.1", "-d", "certbot.test")
	if e.orders(a.KID) == 0 {
		t.Fatalf("certbot did not order under the exported account:\n%s", out)
	}
	entries, _ := os.ReadDir(filepath.Dir(filepath.Dir(res.Files[0])))
	if len(entries) != 1 {
		t.Fatalf("certbot keeps %d accounts for Pebble", len(entries))
	}
}

// certbot only supports RSA account keys: said before a folder is asked for (Check), and by Export.
func TestCertbotRefusesECKeys(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("EC", keys.EC384, true, "ec@example.com")
	if err := e.svc.Check(a.ID, FormatCertbot); !apperr.Is(err, apperr.CodeUnsupported) || !strings.Contains(err.Error(), "RSA") {
		t.Fatalf("check of an EC key for certbot: %v", err)
	}
	for _, f := range []Format{FormatLego, FormatAcmeSh, FormatCertManager} {
		if err := e.svc.Check(a.ID, f); err != nil {
			t.Fatalf("check for %s: %v", f, err)
		}
	}
	dir := t.TempDir()
	_, err := e.svc.Export(t.Context(), a.ID, FormatCertbot, dir)
	if !apperr.Is(err, apperr.CodeUnsupported) || !strings.Contains(err.Error(), "RSA") {
		t.Fatalf("EC key to certbot: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}

func TestExportNeedsAllowExport(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("Locked", keys.EC256, false, "x@example.com")
	for _, f := range Formats {
		if err := e.svc.Check(a.ID, f); !apperr.Is(err, apperr.CodeForbidden) {
			t.Fatalf("check %s: %v", f, err)
		}
		dir := t.TempDir()
		if _, err := e.svc.Export(t.Context(), a.ID, f, dir); !apperr.Is(err, apperr.CodeForbidden) {
			t.Fatalf("%s: %v", f, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%s: files written: %v", f, entries)
		}
	}
}

// acme.sh is not packaged: the export is read back by ACME Desk's acme.sh
// importer (the documented layout) and the key is checked against Pebble.
func TestAcmeShExportReadsBackAsTheSameAccount(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a := e.registered("Acme.sh one", keys.EC256, true, "sh@example.com")
	home := filepath.Join(t.TempDir(), ".acme.sh")
	res, err := e.svc.Export(t.Context(), a.ID, FormatAcmeSh, home)
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly(t, res)
	im := importers.New(e.db, e.svc.Keys, e.svc.CAs, e.svc.Accounts, e.svc.Credentials)
	p, err := im.Scan(home)
	if err != nil || len(p.Accounts) != 1 || len(p.Problems) != 0 {
		t.Fatalf("scan: %+v %v", p, err)
	}
	f := p.Accounts[0]
	if f.Tool != importers.ToolAcmeSh || f.KID != a.KID || f.DirectoryURL != e.pebble.URL || f.ExistingAccountID != a.ID ||
		strings.Join(f.Contacts, ",") != "sh@example.com" || len(f.Notes) != 0 {
		t.Fatalf("found %+v", f)
	}
}

func TestCertManagerSnippet(t *testing.T) {
	e := newEnv(t, acmetest.Options{RequireEAB: true})
	k, _ := e.svc.Keys.Generate(t.Context(), "cm key", "", keys.EC256)
	e.svc.Keys.Update(k.ID, k.Name, "", true)
	hmac := e.pebble.AddEAB("kid-cm")
	a, err := e.svc.Accounts.Create(t.Context(), accounts.NewInput{Name: "Prod issuer", CAID: e.caID, KeyID: k.ID,
		Contacts: []string{"k8s@example.com"}, EABKeyID: "kid-cm", EABHMAC: hmac})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = e.svc.Accounts.Register(t.Context(), a.ID, true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := e.svc.Export(t.Context(), a.ID, FormatCertManager, dir)
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly(t, res)
	raw, _ := os.ReadFile(res.Files[0])
	text := string(raw)
	for _, want := range []string{"kind: Secret", "kind: ClusterIssuer", "BEGIN EC PRIVATE KEY", "server: \"" + e.pebble.URL + "\"",
		"email: \"k8s@example.com\"", "privateKeySecretRef:\n      name: acmedesk-prod-issuer-account-key", "externalAccountBinding:",
		"keyID: \"kid-cm\"", "keySecretRef:\n        name: acmedesk-prod-issuer-eab", "REPLACE-WITH-EAB-HMAC-KEY"} {
		if !strings.Contains(text, want) {
			t.Fatalf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, hmac) {
		t.Fatal("the snippet holds the EAB HMAC key")
	}
}

func TestUnregisteredAccountIsRefused(t *testing.T) {
	e := newEnv(t, acmetest.Options{})
	a, err := e.svc.Accounts.Create(t.Context(), accounts.NewInput{Name: "New", CAID: e.caID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Export(t.Context(), a.ID, FormatLego, t.TempDir()); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Fatalf("unregistered: %v", err)
	}
	if err := e.svc.Check(a.ID, FormatLego); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Fatalf("check of an unregistered account: %v", err)
	}
}

// acme.sh sources ca.conf with a shell, often as root from cron: no value may
// run a command there, whatever it holds. The file is sourced by sh here and
// each value must come back as it was (acme.sh's base64 form decoded).
func TestAcmeShConfIsInertWhenSourced(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &cas.CA{Name: "CA", DirectoryURL: "https://ca.example/acme/directory"}
	marker := filepath.Join(t.TempDir(), "ran")
	for i, kid := range []string{
		"https://ca.example/acct/1",
		"https://ca.example/acct/1'; touch " + marker + "; echo '",
		`https://ca.example/acct/"$(touch ` + marker + `)"`,
		"https://ca.example/acct/`touch " + marker + "`",
		"https://ca.example/acct/1; touch " + marker,
		"https://ca.example/acct/1\ntouch " + marker + "\n",
		"https://ca.example/acct/${HOME}$(id)\\",
	} {
		dir := filepath.Join(t.TempDir(), "home")
		res, err := AcmeSh(&accounts.Account{Name: "x", KID: kid, Status: accounts.StatusValid}, key, ca, dir)
		if err != nil {
			t.Fatal(err)
		}
		var conf string
		for _, f := range res.Files {
			if filepath.Base(f) == "ca.conf" {
				conf = f
			}
		}
		out, err := exec.Command("sh", "-c", `. "$1" && printf '%s' "$ACCOUNT_URL"`, "sh", conf).CombinedOutput()
		if err != nil {
			t.Fatalf("#%d: sourcing ca.conf: %v %s", i, err, out)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Fatalf("#%d: sourcing ca.conf ran a command", i)
		}
		got := string(out)
		if b64, ok := strings.CutPrefix(got, "__ACME_BASE64__START_"); ok {
			raw, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(b64, "__ACME_BASE64__END_"))
			if err != nil {
				t.Fatal(err)
			}
			got = string(raw)
		}
		if got != kid {
			t.Fatalf("#%d: ACCOUNT_URL reads back as %q, want %q", i, got, kid)
		}
	}
}

func TestShellWordIsOneInertWord(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	for _, s := range []string{"/home/me/lego", "/tmp/it's here", "/tmp/$(touch " + marker + ")", "/tmp/`touch " + marker + "`; x", "two\nlines", ""} {
		out, err := exec.Command("sh", "-c", "printf '%s' "+shellWord(s)).CombinedOutput()
		if err != nil || string(out) != s {
			t.Errorf("shellWord(%q) = %s reads back as %q (%v)", s, shellWord(s), out, err)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a hint ran a command")
	}
}
