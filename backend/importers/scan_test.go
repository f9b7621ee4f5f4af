package importers

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"acmedesk/backend/apperr"
	"acmedesk/backend/keys"
)

const leStagingKID = "https://acme-staging-v02.api.letsencrypt.org/acme/acct/123456"

func TestScanRefusesWhatIsNotAFolderOfAccounts(t *testing.T) {
	e := newEnv(t, nil)
	empty := t.TempDir()
	m := wantCode(t, func() error { _, err := e.im.Scan(empty); return err }(), apperr.CodeNotFound)
	if !strings.Contains(m.Message, empty) || !strings.Contains(m.Hint, "certbot") {
		t.Fatalf("empty folder: %+v", m)
	}
	// A folder with unrelated files is "nothing found" too.
	write(t, filepath.Join(empty, "notes", "readme.txt"), []byte("hello"))
	wantCode(t, func() error { _, err := e.im.Scan(empty); return err }(), apperr.CodeNotFound)
	wantCode(t, func() error { _, err := e.im.Scan(filepath.Join(empty, "missing")); return err }(), apperr.CodeNotFound)
	wantCode(t, func() error { _, err := e.im.Scan(filepath.Join(empty, "notes", "readme.txt")); return err }(), apperr.CodeInvalidInput)
	wantCode(t, func() error { _, err := e.im.Scan(" "); return err }(), apperr.CodeInvalidInput)
}

// Each broken account is a problem naming its file and the reason; the good one next to them still imports.
func TestBrokenFilesAreListedAndTheRestImports(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	config := filepath.Join(root, "letsencrypt")

	// Good: certbot 2.x, regr.json with an empty body (no contact kept).
	jwk, _ := certbotJWK(t)
	good := certbotAccount(t, config, "acme-staging-v02.api.letsencrypt.org/directory", "good0", jwk,
		`{"body": {}, "uri": "`+leStagingKID+`"}`)

	// Unreadable: private_key.json is a link to nothing.
	broken := filepath.Join(config, "accounts", "acme-staging-v02.api.letsencrypt.org", "directory", "link1")
	write(t, filepath.Join(broken, "regr.json"), []byte(`{"body": {}, "uri": "https://acme-staging-v02.api.letsencrypt.org/acme/acct/2"}`))
	if err := os.Symlink(filepath.Join(root, "nowhere.json"), filepath.Join(broken, "private_key.json")); err != nil {
		t.Fatal(err)
	}
	// Corrupt JSON in lego's account.json.
	legoDir := filepath.Join(root, ".lego", "accounts", "acme-v02.api.letsencrypt.org", "x@example.com")
	write(t, filepath.Join(legoDir, "keys", "x@example.com.key"), sec1PEM(t, ecKey(t)))
	write(t, filepath.Join(legoDir, "account.json"), []byte(`{"email": "x@example.com", "registration": {`))
	// A key file that is not a key: acme.sh's account.key holding a certificate request, then garbage.
	shDir := filepath.Join(root, ".acme.sh", "ca", "acme-v02.api.letsencrypt.org", "directory")
	write(t, filepath.Join(shDir, "account.key"), []byte("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"))
	write(t, filepath.Join(shDir, "ca.conf"), []byte("ACCOUNT_URL='https://acme-v02.api.letsencrypt.org/acme/acct/9'\n"))
	sh2 := filepath.Join(root, ".acme.sh", "ca", "acme.zerossl.com", "v2", "DV90")
	write(t, filepath.Join(sh2, "account.key"), []byte("this is not a key at all"))
	write(t, filepath.Join(sh2, "ca.conf"), []byte("ACCOUNT_URL='https://acme.zerossl.com/v2/DV90/account/abc'\n"))
	// A certbot regr.json that is not JSON, and a meta.json that is damaged (the account still imports).
	jwk3, _ := certbotJWK(t)
	badRegr := certbotAccount(t, config, "acme-v02.api.letsencrypt.org/directory", "badregr", jwk3, `{"body": {}, "uri": `)
	jwk4, _ := certbotJWK(t)
	badMeta := certbotAccount(t, config, "acme-v02.api.letsencrypt.org/directory", "badmeta", jwk4,
		`{"body": {"contact": ["mailto:old@example.com"], "status": "valid"}, "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/77"}`)
	write(t, filepath.Join(badMeta, "meta.json"), []byte(`[1,2`))

	p := e.scan(root)
	if len(p.Accounts) != 2 {
		t.Fatalf("accounts %+v", p.Accounts)
	}
	for suffix, want := range map[string]string{
		"link1/private_key.json":      "does not exist",
		"x@example.com/account.json":  "not valid JSON",
		"directory/account.key":       "certificate signing request",
		"DV90/account.key":            "not a PEM or JWK private key",
		"badregr/regr.json":           "not valid JSON",
		"badmeta/meta.json":           "still imported",
		"acme.zerossl.com/v2/DV90/ca": "", // nothing about ca.conf: the key failed first
	} {
		pr := problemAt(p, suffix)
		if want == "" {
			if pr != nil {
				t.Errorf("unexpected problem %+v", pr)
			}
			continue
		}
		if pr == nil || !strings.Contains(pr.Reason, want) {
			t.Errorf("problem for %s: %+v, want %q in it; all: %+v", suffix, pr, want, p.Problems)
		}
	}
	if len(p.Problems) != 6 {
		t.Fatalf("%d problems: %+v", len(p.Problems), p.Problems)
	}
	byPath := map[string]Found{}
	for _, f := range p.Accounts {
		byPath[f.Path] = f
	}
	g, ok := byPath[good]
	if !ok || g.CAID != "letsencrypt-staging" || g.DirectoryURL != "https://acme-staging-v02.api.letsencrypt.org/directory" ||
		len(g.Contacts) != 0 || g.KID != leStagingKID || g.KeyAlgorithm != keys.RSA2048 || g.RegisteredAt == nil {
		t.Fatalf("good account %+v", g)
	}
	m, ok := byPath[badMeta]
	if !ok || m.CAID != "letsencrypt" || strings.Join(m.Contacts, ",") != "old@example.com" || m.RegisteredAt != nil {
		t.Fatalf("account with damaged meta.json %+v", m)
	}
	noSecrets(t, p, filepath.Join(good, "private_key.json"))
	_ = badRegr

	res := e.importAll(p)
	if res.Imported != 2 || res.Failed != 0 {
		t.Fatalf("import %+v", res)
	}
	a, _ := e.accounts.Get(res.Outcomes[0].AccountID)
	if a.KID != leStagingKID || a.CAID != "letsencrypt-staging" || len(a.Contacts) != 0 || a.RegisteredAt == nil || a.Status != "valid" {
		t.Fatalf("stored %+v", a)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads a mode-000 file anyway; the broken link above covers "cannot be read" then.
		t.Log("running as root: checking a folder that is a file name instead")
	}
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	dir := certbotAccount(t, root, "acme-v02.api.letsencrypt.org/directory", "id1", jwk, `{"uri": "https://acme-v02.api.letsencrypt.org/acme/acct/1"}`)
	path := filepath.Join(dir, "private_key.json")
	if os.Geteuid() == 0 {
		os.Remove(path)
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	p := e.scan(root)
	pr := problemAt(p, "id1/private_key.json")
	if len(p.Accounts) != 0 || pr == nil || pr.Tool != ToolCertbot || !strings.Contains(pr.Reason, "cannot be read") {
		t.Fatalf("preview %+v", p)
	}
}

func TestDuplicatesAreMergedAndImportIsRepeatable(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	regr := `{"body": {"contact": ["mailto:a@example.com"]}, "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/5"}`
	certbotAccount(t, filepath.Join(root, "server1"), "acme-v02.api.letsencrypt.org/directory", "aaa", jwk, regr)
	certbotAccount(t, filepath.Join(root, "server2"), "acme-v02.api.letsencrypt.org/directory", "aaa", jwk, regr)

	p := e.scan(root)
	if len(p.Accounts) != 2 || p.Accounts[0].DuplicateOf != "" || p.Accounts[1].DuplicateOf != p.Accounts[0].ID {
		t.Fatalf("scan %+v", p.Accounts)
	}
	res := e.importAll(p)
	if res.Imported != 1 || res.Skipped != 1 || res.Outcomes[1].Action != Skipped || !strings.Contains(res.Outcomes[1].Reason, "Same key") {
		t.Fatalf("import %+v", res)
	}
	all, _ := e.accounts.List()
	ks, _ := e.keys.List()
	if len(all) != 1 || len(ks) != 1 || all[0].Name != "Let's Encrypt — a@example.com (certbot)" {
		t.Fatalf("stored %d accounts %+v, %d keys", len(all), all, len(ks))
	}
	// Scanned again: marked as stored, and skipped as such.
	p = e.scan(root)
	if p.Accounts[0].ExistingAccountID != all[0].ID || p.Accounts[0].ExistingKeyID != ks[0].ID {
		t.Fatalf("rescan %+v", p.Accounts[0])
	}
	res = e.importAll(p)
	if res.Skipped != 2 || !strings.Contains(res.Outcomes[0].Reason, "Already stored") {
		t.Fatalf("reimport %+v", res)
	}

	// The key already stored on its own (say, imported under Keys): it is reused, not stored twice.
	jwk2, _ := certbotJWK(t)
	k, err := e.keys.Import("Imported by hand", "", jwk2, "")
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "cfg")
	certbotAccount(t, other, "acme-v02.api.letsencrypt.org/directory", "bbb", jwk2, `{"uri": "https://acme-v02.api.letsencrypt.org/acme/acct/6"}`)
	p = e.scan(other)
	if p.Accounts[0].ExistingKeyID != k.ID || p.Accounts[0].ExistingAccountID != "" {
		t.Fatalf("scan %+v", p.Accounts[0])
	}
	res = e.importAll(p)
	if res.Imported != 1 || !res.Outcomes[0].KeyReused || res.Outcomes[0].KeyID != k.ID {
		t.Fatalf("import with a stored key %+v", res)
	}
	if ks, _ := e.keys.List(); len(ks) != 2 {
		t.Fatalf("%d keys", len(ks))
	}
	// The same account URL with another key is not a second account either.
	jwk3, _ := certbotJWK(t)
	third := filepath.Join(t.TempDir(), "cfg")
	certbotAccount(t, third, "acme-v02.api.letsencrypt.org/directory", "ccc", jwk3, `{"uri": "https://acme-v02.api.letsencrypt.org/acme/acct/6"}`)
	p = e.scan(third)
	if res = e.importAll(p); res.Skipped != 1 || !strings.Contains(res.Outcomes[0].Reason, "same account URL") {
		t.Fatalf("same URL, other key: %+v", res)
	}
	if ks, _ := e.keys.List(); len(ks) != 2 {
		t.Fatalf("a key was left behind: %d keys", len(ks))
	}
}

func TestUnknownCAIsReportedAndSkipped(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	certbotAccount(t, filepath.Join(root, "certbot"), "acme.example.net/acme/directory", "u1", jwk,
		`{"body": {}, "uri": "https://acme.example.net/acme/acct/1"}`)
	legoDir := filepath.Join(root, ".lego", "accounts", "ca.example.org_8443", "l@example.com")
	write(t, filepath.Join(legoDir, "keys", "l@example.com.key"), sec1PEM(t, ecKey(t)))
	writeJSON(t, filepath.Join(legoDir, "account.json"), map[string]any{"email": "l@example.com",
		"registration": map[string]any{"body": map[string]any{"status": "valid"}, "uri": "https://ca.example.org:8443/acct/1"}})
	// lego on a host several built-in CAs share: Sectigo DV, OV and EV.
	sectigo := filepath.Join(root, ".lego", "accounts", "acme.sectigo.com", "s@example.com")
	write(t, filepath.Join(sectigo, "keys", "s@example.com.key"), sec1PEM(t, ecKey(t)))
	writeJSON(t, filepath.Join(sectigo, "account.json"), map[string]any{"email": "s@example.com",
		"registration": map[string]any{"body": map[string]any{"status": "valid"}, "uri": "https://acme.sectigo.com/acct/xyz"}})

	p := e.scan(root)
	if len(p.Accounts) != 3 {
		t.Fatalf("scan %+v", p)
	}
	byTool := map[string]Found{}
	for _, f := range p.Accounts {
		byTool[string(f.Tool)+" "+f.Server] = f
	}
	cb := byTool["certbot acme.example.net/acme/directory"]
	if cb.CAID != "" || !strings.Contains(cb.Blocker, "https://acme.example.net/acme/directory") {
		t.Fatalf("certbot, unknown CA: %+v", cb)
	}
	lg := byTool["lego ca.example.org:8443"]
	if lg.CAID != "" || !strings.Contains(lg.Blocker, "ca.example.org:8443") {
		t.Fatalf("lego, unknown host: %+v", lg)
	}
	sc := byTool["lego acme.sectigo.com"]
	if sc.CAID != "" || len(sc.CACandidates) != 3 || !strings.Contains(sc.Blocker, "choose the CA") {
		t.Fatalf("lego, shared host: %+v", sc)
	}
	res := e.importAll(p)
	if res.Skipped != 3 || res.Imported != 0 {
		t.Fatalf("import %+v", res)
	}
	for _, o := range res.Outcomes {
		if o.Reason == "" || o.AccountID != "" {
			t.Fatalf("outcome %+v", o)
		}
	}
	if ks, _ := e.keys.List(); len(ks) != 0 {
		t.Fatalf("keys stored for skipped accounts: %d", len(ks))
	}

	// Answering "which CA?": only for the account whose files do not say, and only with a CA on the right host.
	choices := []Choice{
		{ID: sc.ID, CAID: "letsencrypt"},      // another host: refused
		{ID: cb.ID, CAID: "letsencrypt"},      // the files name the directory: refused
		{ID: sc.ID, CAID: sc.CACandidates[0]}, // answered
	}
	res, err := e.im.Import(t.Context(), p, choices)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcomes[0].Action != Failed || res.Outcomes[1].Action != Failed || res.Outcomes[2].Action != Imported {
		t.Fatalf("choices %+v", res)
	}
	a, _ := e.accounts.Get(res.Outcomes[2].AccountID)
	if a.CAID != sc.CACandidates[0] || a.KID != "https://acme.sectigo.com/acct/xyz" {
		t.Fatalf("stored %+v", a)
	}
	// An ID not in the preview.
	res, _ = e.im.Import(t.Context(), p, []Choice{{ID: "certbot:nope"}})
	if res.Failed != 1 {
		t.Fatalf("unknown id %+v", res)
	}
}

func TestFilesChangedSinceTheScanAreNotImported(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	dir := certbotAccount(t, root, "acme-v02.api.letsencrypt.org/directory", "c1", jwk, `{"uri": "https://acme-v02.api.letsencrypt.org/acme/acct/1"}`)
	p := e.scan(root)
	jwk2, _ := certbotJWK(t)
	write(t, filepath.Join(dir, "private_key.json"), jwk2)
	res := e.importAll(p)
	if res.Failed != 1 || !strings.Contains(res.Outcomes[0].Reason, "changed since the scan") {
		t.Fatalf("import %+v", res)
	}
	if ks, _ := e.keys.List(); len(ks) != 0 {
		t.Fatal("a key was stored")
	}
}

func TestAcmeShConfValues(t *testing.T) {
	conf := readShellConf([]byte("# acme.sh\nACCOUNT_URL='__ACME_BASE64__START_aHR0cHM6Ly9leGFtcGxlLmNvbS9hY2N0LzE=__ACME_BASE64__END_'\n" +
		"CA_EAB_KEY_ID=\"kid\"\nexport PLAIN=value\nBROKEN='__ACME_BASE64__START_!!!__ACME_BASE64__END_'\nnoequals\n"))
	want := map[string]string{"ACCOUNT_URL": "https://example.com/acct/1", "CA_EAB_KEY_ID": "kid", "PLAIN": "value",
		"BROKEN": "__ACME_BASE64__START_!!!__ACME_BASE64__END_"}
	got, _ := json.Marshal(conf)
	wantJSON, _ := json.Marshal(want)
	if string(got) != string(wantJSON) {
		t.Fatalf("got %s, want %s", got, wantJSON)
	}
	if hostFromFolder("127.0.0.1_14000") != "127.0.0.1:14000" || hostFromFolder("my_host") != "my_host" {
		t.Fatal("hostFromFolder")
	}
}

// An account URL in the files that is not a valid URL (a shell command, a
// line break) blocks that account: it would be stored and written into other
// clients' files on export.
func TestHostileAccountURLBlocksTheAccount(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	for i, uri := range []string{"https://acme-v02.api.letsencrypt.org/acme/acct/`touch pwned`", `https://acme-v02.api.letsencrypt.org/acme/acct/1\nrm -rf ~`} {
		regr := `{"body": {}, "uri": "` + uri + `"}`
		certbotAccount(t, filepath.Join(root, fmt.Sprint(i)), "acme-v02.api.letsencrypt.org/directory", "id", jwk, regr)
	}
	p := e.scan(root)
	if len(p.Accounts) != 2 {
		t.Fatalf("scan: %+v", p)
	}
	for _, f := range p.Accounts {
		if !strings.Contains(f.Blocker, "not a valid https URL") {
			t.Fatalf("%q: blocker %q", f.KID, f.Blocker)
		}
	}
	if res := e.importAll(p); res.Imported != 0 {
		t.Fatalf("imported %+v", res)
	}
}

// The preview comes back from the window and is not trusted: a CA written into
// it, or a blocker taken out, does not decide where an account is filed; the
// CA is derived from the files again, and a choice must be one the scan offered.
func TestATamperedPreviewDoesNotChooseTheCA(t *testing.T) {
	e := newEnv(t, nil)
	root := t.TempDir()
	jwk, _ := certbotJWK(t)
	certbotAccount(t, filepath.Join(root, "certbot"), "acme.example.net/acme/directory", "u1", jwk,
		`{"body": {}, "uri": "https://acme.example.net/acme/acct/1"}`)
	sectigo := filepath.Join(root, ".lego", "accounts", "acme.sectigo.com", "s@example.com")
	write(t, filepath.Join(sectigo, "keys", "s@example.com.key"), sec1PEM(t, ecKey(t)))
	writeJSON(t, filepath.Join(sectigo, "account.json"), map[string]any{"email": "s@example.com",
		"registration": map[string]any{"body": map[string]any{"status": "valid"}, "uri": "https://acme.sectigo.com/acct/xyz"}})
	p := e.scan(root)
	cb, sg := findByTool(p, ToolCertbot)[0], findByTool(p, ToolLego)[0]

	// The certbot account's CA is unknown: the page says it is Let's Encrypt.
	for i := range p.Accounts {
		p.Accounts[i].CAID, p.Accounts[i].CAName, p.Accounts[i].Blocker = "letsencrypt", "Let's Encrypt", ""
	}
	res, err := e.im.Import(t.Context(), p, []Choice{{ID: cb.ID}, {ID: sg.ID, CAID: "letsencrypt"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 0 || res.Outcomes[0].Action != Skipped || !strings.Contains(res.Outcomes[0].Reason, "acme.example.net") ||
		res.Outcomes[1].Action != Failed || !strings.Contains(res.Outcomes[1].Reason, "not one this account can belong to") {
		t.Fatalf("import of a tampered preview: %+v", res.Outcomes)
	}
	if res, _ = e.im.Import(t.Context(), p, []Choice{{ID: cb.ID, CAID: "letsencrypt"}}); res.Outcomes[0].Action != Failed {
		t.Fatalf("a CA chosen for an account whose files name another: %+v", res.Outcomes)
	}
	if all, _ := e.accounts.List(); len(all) != 0 {
		t.Fatalf("stored %+v", all)
	}
	// A choice among the candidates the scan offered is taken.
	res, err = e.im.Import(t.Context(), p, []Choice{{ID: sg.ID, CAID: sg.CACandidates[0]}})
	if err != nil || res.Imported != 1 {
		t.Fatalf("import under an offered candidate: %+v, %v", res, err)
	}
}
