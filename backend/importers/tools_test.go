package importers

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmetest"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
)

// The certbot folder is made by Debian's certbot against an in-process Pebble.
func TestImportCertbotFolderMadeByCertbot(t *testing.T) {
	certbot := acmetest.NeedTool(t, "certbot", "apt-get install certbot (scripts/deps.sh installs it)")
	e := newEnv(t, &acmetest.Options{})
	base := t.TempDir()
	config := filepath.Join(base, "letsencrypt")
	start := time.Now()
	cmd := exec.CommandContext(t.Context(), certbot, "register", "--server", e.pebble.URL, "--agree-tos", "-m", "a@example.com",
		"--non-interactive", "--config-dir", config, "--work-dir", filepath.Join(base, "work"), "--logs-dir", filepath.Join(base, "logs"))
	cmd.Env = append(os.Environ(), "REQUESTS_CA_BUNDLE="+e.pebble.RootFile(e.t))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("certbot register: %v\n%s", err, out)
	}
	t.Logf("certbot register took %v", time.Since(start).Round(time.Millisecond))

	// The whole config folder: one account, its directory URL read from certbot's folder names.
	p := e.scan(config)
	if len(p.Accounts) != 1 || len(p.Problems) != 0 {
		t.Fatalf("scan: %+v", p)
	}
	f := p.Accounts[0]
	if f.Tool != ToolCertbot || f.DirectoryURL != e.pebble.URL || f.CAID != e.caID || f.Blocker != "" ||
		!strings.HasPrefix(f.KID, e.pebble.BaseURL()+"/") || f.KeyAlgorithm != keys.RSA2048 || f.RegisteredAt == nil ||
		f.ExistingKeyID != "" || f.ExistingAccountID != "" {
		t.Fatalf("found %+v", f)
	}
	// certbot 2.x keeps an empty body in regr.json: no contact is known until the CA is asked.
	if len(f.Contacts) != 0 || len(f.Notes) == 0 {
		t.Fatalf("contacts %v, notes %v", f.Contacts, f.Notes)
	}
	noSecrets(t, p, filepath.Join(f.Path, "private_key.json"))

	res := e.importAll(p)
	if res.Imported != 1 || res.Outcomes[0].AccountID == "" {
		t.Fatalf("import: %+v", res)
	}
	a := e.checkAtPebble(res.Outcomes[0].AccountID)
	if a.KID != f.KID || a.CAID != e.caID || a.Status != accounts.StatusValid {
		t.Fatalf("stored %+v", a)
	}
	k, _ := e.keys.Get(a.KeyID)
	if k.FingerprintSHA256 != f.FingerprintSHA256 || k.ImportFormat != "JWK" {
		t.Fatalf("stored key %+v", k.Key)
	}

	// Verify asks Pebble and refreshes: the contact certbot did not keep comes from the CA.
	v, err := e.im.Verify(t.Context(), a.ID)
	if err != nil || v.Verdict != VerdictValid || v.KID != a.KID {
		t.Fatalf("verify: %+v, %v", v, err)
	}
	if a, _ = e.accounts.Get(a.ID); strings.Join(a.Contacts, ",") != "a@example.com" || a.CheckedAt == nil {
		t.Fatalf("after verify: %+v", a)
	}

	// One account's own folder, scanned again: known now, so importing it again changes nothing.
	p = e.scan(f.Path)
	if len(p.Accounts) != 1 || p.Accounts[0].DirectoryURL != e.pebble.URL || p.Accounts[0].ExistingAccountID != a.ID || p.Accounts[0].ExistingKeyID != a.KeyID {
		t.Fatalf("rescan of the account folder: %+v", p.Accounts)
	}
	if res := e.importAll(p); res.Skipped != 1 || res.Outcomes[0].AccountID != a.ID || !res.Outcomes[0].KeyReused {
		t.Fatalf("second import: %+v", res)
	}
	if all, _ := e.accounts.List(); len(all) != 1 {
		t.Fatalf("%d accounts after importing the same one twice", len(all))
	}
}

// The lego folder is made by the lego CLI (run: register, then obtain a certificate) against Pebble.
func TestImportLegoFolderMadeByLego(t *testing.T) {
	lego := acmetest.BuildLegoCLI(t, filepath.Join("..", ".."))
	e := newEnv(t, &acmetest.Options{AlwaysValid: true})
	legoPath := filepath.Join(t.TempDir(), ".lego")
	root := e.pebble.RootFile(e.t)
	for _, acct := range []struct{ email, keyType string }{{"a@example.com", "ec256"}, {"b@example.com", "rsa2048"}} {
		start := time.Now()
		cmd := exec.CommandContext(t.Context(), lego, "--server", e.pebble.URL, "--email", acct.email, "--accept-tos",
			"--key-type", acct.keyType, "--path", legoPath, "--domains", "lego.test", "--http", "--http.port", acmetest.FreePort(t), "run")
		cmd.Env = append(os.Environ(), "LEGO_CA_CERTIFICATES="+root)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lego run: %v\n%s", err, out)
		}
		t.Logf("lego run (%s) took %v", acct.keyType, time.Since(start).Round(time.Millisecond))
	}

	p := e.scan(legoPath)
	if len(p.Accounts) != 2 || len(p.Problems) != 0 {
		t.Fatalf("scan: %+v", p)
	}
	want := map[string]keys.Algorithm{"a@example.com": keys.EC256, "b@example.com": keys.RSA2048}
	for _, f := range p.Accounts {
		// lego keeps only the host ("127.0.0.1_port"); Pebble is the one CA there.
		if f.Tool != ToolLego || f.CAID != e.caID || f.DirectoryURL != e.pebble.URL || f.Blocker != "" ||
			len(f.Contacts) != 1 || want[f.Contacts[0]] != f.KeyAlgorithm || f.Status != "valid" ||
			!strings.HasPrefix(f.KID, e.pebble.BaseURL()+"/") {
			t.Fatalf("found %+v", f)
		}
		noSecrets(t, p, filepath.Join(f.Path, "keys", f.Contacts[0]+".key"))
	}
	res := e.importAll(p)
	if res.Imported != 2 {
		t.Fatalf("import: %+v", res)
	}
	for _, o := range res.Outcomes {
		a := e.checkAtPebble(o.AccountID)
		if len(a.Contacts) != 1 || a.Status != accounts.StatusValid {
			t.Fatalf("stored %+v", a)
		}
		if v, err := e.im.Verify(t.Context(), a.ID); err != nil || v.Verdict != VerdictValid {
			t.Fatalf("verify: %+v, %v", v, err)
		}
	}

	// The same .lego copied next to itself: every account is found twice and imported once.
	parent := filepath.Dir(legoPath)
	if out, err := exec.Command("cp", "-a", legoPath, filepath.Join(parent, "copy")).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	p = e.scan(parent)
	if len(p.Accounts) != 4 {
		t.Fatalf("scan of both: %+v", p.Accounts)
	}
	dups := 0
	for _, f := range p.Accounts {
		if f.ExistingAccountID == "" {
			t.Fatalf("already imported, not marked: %+v", f)
		}
		if f.DuplicateOf != "" {
			dups++
		}
	}
	if res := e.importAll(p); dups != 2 || res.Skipped != 4 || res.Imported != 0 {
		t.Fatalf("duplicates %d, import %+v", dups, res)
	}
}

// acme.sh is not packaged for Debian: its folder is written here in its
// documented layout (ca/<host>/<path>/ with account.key, account.json, ca.conf),
// from accounts really registered at Pebble, one of them with EAB.
func TestImportAcmeShLayoutFromRealAccounts(t *testing.T) {
	e := newEnv(t, &acmetest.Options{RequireEAB: true})
	home := filepath.Join(t.TempDir(), ".acme.sh")
	host, _, _ := strings.Cut(strings.TrimPrefix(e.pebble.BaseURL(), "https://"), ":")
	caDir := filepath.Join(home, "ca", host, "dir") // acme.sh drops the port from the folder name

	// An EAB account, as acme.sh registers it for ZeroSSL and the like.
	key := ecKey(t)
	hmac := e.pebble.AddEAB("eab-kid-1")
	reg := e.registerAtPebble(key, "eab-kid-1", hmac, "mailto:ops@example.com")
	keyPEM := sec1PEM(t, key)
	write(t, filepath.Join(caDir, "account.key"), keyPEM)
	writeJSON(t, filepath.Join(caDir, "account.json"), reg.Account)
	sum := sha256.Sum256(keyPEM)
	write(t, filepath.Join(caDir, "ca.conf"), fmt.Appendf(nil,
		"ACCOUNT_URL='__ACME_BASE64__START_%s__ACME_BASE64__END_'\nCA_KEY_HASH='%s'\nCA_EAB_KEY_ID='eab-kid-1'\nCA_EAB_HMAC_KEY='%s'\n",
		base64.StdEncoding.EncodeToString([]byte(reg.Location)), base64.StdEncoding.EncodeToString(sum[:]), hmac))
	write(t, filepath.Join(home, "account.conf"), []byte("ACCOUNT_EMAIL='ops@example.com'\n"))

	// An account acme.sh deactivated and moved aside.
	oldKey := ecKey(t)
	oldHMAC := e.pebble.AddEAB("eab-kid-2")
	old := e.registerAtPebble(oldKey, "eab-kid-2", oldHMAC)
	deactivate(t, e, oldKey, old.Location)
	oldDir := filepath.Join(caDir, "deactivated", "12345")
	write(t, filepath.Join(oldDir, "account.key"), sec1PEM(t, oldKey))
	write(t, filepath.Join(oldDir, "account.json"), []byte(`{"status":"valid","orders":"x"}`))
	write(t, filepath.Join(oldDir, "ca.conf"), []byte("ACCOUNT_URL='"+old.Location+"'\n"))

	p := e.scan(home)
	if len(p.Accounts) != 2 || len(p.Problems) != 0 {
		t.Fatalf("scan: %+v", p)
	}
	f, gone := p.Accounts[0], p.Accounts[1]
	if f.Tool != ToolAcmeSh || f.DirectoryURL != e.pebble.URL || f.CAID != e.caID || f.KID != reg.Location ||
		f.EABKeyID != "eab-kid-1" || strings.Join(f.Contacts, ",") != "ops@example.com" || f.KeyAlgorithm != keys.EC256 || len(f.Notes) != 0 {
		t.Fatalf("found %+v", f)
	}
	if gone.Status != "deactivated" || gone.DirectoryURL != e.pebble.URL || gone.KID != old.Location || len(gone.Contacts) != 1 {
		t.Fatalf("deactivated one: %+v", gone)
	}
	raw, _ := json.Marshal(p)
	if bytes.Contains(raw, []byte(hmac)) {
		t.Fatal("the preview holds the EAB HMAC key")
	}
	noSecrets(t, p, filepath.Join(caDir, "account.key"))

	res := e.importAll(p)
	if res.Imported != 2 {
		t.Fatalf("import: %+v", res)
	}
	a := e.checkAtPebble(res.Outcomes[0].AccountID)
	if a.EABCredentialID == "" || a.EABCredentialID != res.Outcomes[0].CredentialID {
		t.Fatalf("stored %+v", a)
	}
	c, err := e.creds.Get(a.EABCredentialID)
	if err != nil || c.Kind != credentials.KindEAB || c.Fields[credentials.EABKeyID] != "eab-kid-1" || c.Fields[credentials.EABCAID] != e.caID ||
		len(c.UsedBy) != 1 || c.UsedBy[0].ID != a.ID {
		t.Fatalf("EAB credential %+v, %v", c, err)
	}
	if got, err := e.creds.Reveal(c.ID, credentials.EABHMACKey); err != nil || got != hmac {
		t.Fatalf("stored HMAC differs (%v)", err)
	}
	if v, err := e.im.Verify(t.Context(), a.ID); err != nil || v.Verdict != VerdictValid {
		t.Fatalf("verify: %+v, %v", v, err)
	}
	b, _ := e.accounts.Get(res.Outcomes[1].AccountID)
	if b.Status != accounts.StatusDeactivated || b.EABCredentialID != "" {
		t.Fatalf("deactivated account stored as %+v", b)
	}
	if v, err := e.im.Verify(t.Context(), b.ID); err != nil || v.Verdict != VerdictDeactivated {
		t.Fatalf("verify of the deactivated account: %+v, %v", v, err)
	}
}
