package keys

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/vault"
)

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

// newService opens a real store and a real passphrase vault in a temp folder.
// Tests against the OS keychain are in keychain_integration_test.go.
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

func TestGenerateEveryAlgorithm(t *testing.T) {
	s, _ := newService(t)
	for _, alg := range Algorithms {
		if testing.Short() && strings.HasPrefix(string(alg), "rsa") && alg != RSA2048 {
			continue
		}
		k, err := s.Generate(context.Background(), "key "+string(alg), "", alg)
		if err != nil {
			t.Fatal(alg, err)
		}
		signer, err := s.Signer(k.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := algorithmOf(signer)
		if err != nil || got != alg || k.Source != SourceGenerated || k.AllowExport {
			t.Errorf("%s: stored %s (%v), source %s, allowExport %v", alg, got, err, k.Source, k.AllowExport)
		}
	}
	if _, err := s.Generate(context.Background(), "x", "", "ec521"); !apperr.Is(err, apperr.CodeUnsupported) {
		t.Errorf("ec521: %v", err)
	}
}

func TestGenerateCancelledStoresNothing(t *testing.T) {
	s, _ := newService(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Generate(ctx, "cancelled", "", RSA4096); !apperr.Is(err, apperr.CodeCancelled) {
		t.Fatalf("cancelled generation: %v", err)
	}
	if all, _ := s.List(); len(all) != 0 {
		t.Fatalf("a cancelled generation stored %d keys", len(all))
	}
}

func TestImportDuplicateAndNames(t *testing.T) {
	s, _ := newService(t)
	k, err := s.Import("  Let's Encrypt — prod 🔐 ", "account key", fixture(t, "rsa2048-pkcs1.pem"), "")
	if err != nil {
		t.Fatal(err)
	}
	if k.Name != "Let's Encrypt — prod 🔐" || k.Source != SourceImported || k.ImportFormat != "PKCS#1 PEM" {
		t.Fatalf("imported %+v", k)
	}
	_, err = s.Import("again", "", fixture(t, "rsa2048-pkcs8-encrypted.pem"), fixturePass)
	if e := apperr.From(err); e == nil || e.Code != apperr.CodeConflict || !strings.Contains(e.Message, k.Name) {
		t.Fatalf("same key again: %v, want a conflict naming %q", err, k.Name)
	}
	long := strings.Repeat("é", textfield.MaxName+1)
	for name, want := range map[string]apperr.Code{
		"":                       apperr.CodeInvalidInput,
		"   ":                    apperr.CodeInvalidInput,
		long:                     apperr.CodeInvalidInput,
		"two\nlines":             apperr.CodeInvalidInput,
		"LET'S ENCRYPT — PROD 🔐": apperr.CodeConflict,
	} {
		if _, err := s.Import(name, "", fixture(t, "ec384-pkcs8.pem"), ""); !apperr.Is(err, want) {
			t.Errorf("name %.20q: %v, want %s", name, err, want)
		}
	}
	if _, err := s.Import("ok", strings.Repeat("d", textfield.MaxDescription+1), fixture(t, "ec384-pkcs8.pem"), ""); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Errorf("long description: %v", err)
	}
	if _, err := s.Import(strings.Repeat("é", textfield.MaxName), "", fixture(t, "ec384-pkcs8.pem"), ""); err != nil {
		t.Errorf("a name of exactly the limit: %v", err)
	}
	if all, _ := s.List(); len(all) != 2 {
		t.Fatalf("%d keys stored, want 2", len(all))
	}
}

func TestBadImportChangesNothing(t *testing.T) {
	s, db := newService(t)
	before := dbSnapshot(t, db)
	for _, in := range [][]byte{nil, []byte("garbage"), fixture(t, "certificate.pem"), fixture(t, "ed25519.pem")} {
		if _, err := s.Import("k", "", in, ""); err == nil {
			t.Fatal("accepted bad input")
		}
	}
	if _, err := s.Import("k", "", fixture(t, "rsa2048-pkcs8-encrypted.pem"), "wrong"); !apperr.Is(err, apperr.CodeWrongPass) {
		t.Fatal(err)
	}
	if after := dbSnapshot(t, db); after != before {
		t.Fatal("a refused import changed the store")
	}
}

func dbSnapshot(t *testing.T, db *store.DB) string {
	var sb strings.Builder
	db.View(func(tx *store.Tx) error {
		for _, b := range []store.Bucket{store.Keys, store.Secrets, store.KeysByFingerprint, store.KeysByName, store.Refs} {
			all, _ := store.List[map[string]any](tx, b)
			sb.WriteString(string(b))
			sb.WriteString(strings.Repeat("x", len(all)))
		}
		return nil
	})
	return sb.String()
}

func TestUpdateRenameFreesOldName(t *testing.T) {
	s, _ := newService(t)
	a, _ := s.Import("alpha", "", fixture(t, "ec384-pkcs8.pem"), "")
	b, _ := s.Import("beta", "", fixture(t, "rsa2048-pkcs8.pem"), "")
	if _, err := s.Update(b.ID, "Alpha", "", false); !apperr.Is(err, apperr.CodeConflict) {
		t.Fatalf("rename onto another key's name: %v", err)
	}
	if _, err := s.Update(a.ID, "ALPHA", "new text", true); err != nil {
		t.Fatalf("changing only the case of its own name: %v", err)
	}
	if _, err := s.Update(a.ID, "gamma", "", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(b.ID, "alpha", "", false); err != nil {
		t.Fatalf("the old name should be free: %v", err)
	}
	d, err := s.Get(a.ID)
	if err != nil || d.Name != "gamma" || !d.AllowExport || d.AlgorithmLabel != "ECDSA P-384" {
		t.Fatalf("Get = %+v, %v", d, err)
	}
	if _, err := s.Update("no-such-id", "x", "", false); !apperr.Is(err, apperr.CodeNotFound) {
		t.Fatalf("update missing: %v", err)
	}
}

func TestExportOnlyWhenAllowed(t *testing.T) {
	s, _ := newService(t)
	k, _ := s.Import("k", "", fixture(t, "ec256-sec1-with-params.pem"), "")
	path := filepath.Join(t.TempDir(), "out.pem")
	if err := s.ExportToFile(k.ID, FormatPEM, path); !apperr.Is(err, apperr.CodeForbidden) {
		t.Fatalf("export of a non-exportable key: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("a refused export wrote a file")
	}
	s.Update(k.ID, "k", "", true)
	for _, f := range []ExportFormat{FormatPEM, FormatJWK} {
		path := filepath.Join(t.TempDir(), FileName("k / prod", f))
		if err := s.ExportToFile(k.ID, f, path); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		p, err := Parse(data, "")
		if err != nil {
			t.Fatalf("%s export does not read back: %v", f, err)
		}
		if id, _ := Identify(p.Key.Public()); id.FingerprintSHA256 != k.FingerprintSHA256 {
			t.Fatalf("%s export is another key", f)
		}
		if runtime.GOOS != "windows" {
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
				t.Errorf("%s export has permissions %o", f, fi.Mode().Perm())
			}
		}
	}
	pemOut, _ := s.Export(k.ID, FormatPEM)
	if block, _ := pem.Decode(pemOut); block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("PEM export is not PKCS#8: %q", pemOut)
	} else if _, err := x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Export(k.ID, "der"); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Fatalf("unknown format: %v", err)
	}
	if err := s.ExportToFile(k.ID, FormatPEM, filepath.Join(t.TempDir(), "missing-dir", "k.pem")); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Fatalf("export into a missing folder: %v", err)
	}
	if got := FileName("../../etc/passwd", FormatJWK); strings.ContainsAny(got, "/\\") {
		t.Fatalf("FileName kept path separators: %q", got)
	}
}

func TestDeleteRefusedWhileUsed(t *testing.T) {
	s, db := newService(t)
	k, _ := s.Import("k", "", fixture(t, "ec384-pkcs8.pem"), "")
	db.Update(func(tx *store.Tx) error {
		return tx.AddRef(k.ID, store.Ref{Kind: "account", ID: "acc-1", Label: "Prod at Let's Encrypt"})
	})
	d, _ := s.Get(k.ID)
	if len(d.UsedBy) != 1 || d.UsedBy[0].Label != "Prod at Let's Encrypt" {
		t.Fatalf("UsedBy = %+v", d.UsedBy)
	}
	err := s.Delete(k.ID)
	if e := apperr.From(err); e == nil || e.Code != apperr.CodeInUse || !strings.Contains(e.Message, "Prod at Let's Encrypt") {
		t.Fatalf("delete of a used key: %v", err)
	}
	// Once the account only used the key in the past, the key may go, and its history with it.
	db.Update(func(tx *store.Tx) error {
		return tx.AddRef(k.ID, store.Ref{Kind: "account", ID: "acc-1", Label: "Prod (retired key)", Historic: true})
	})
	if err := s.Delete(k.ID); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if refs, _ := tx.RefsTo(k.ID); len(refs) != 0 {
			t.Errorf("refs to a deleted key remain: %+v", refs)
		}
		return nil
	})
	if _, err := s.Get(k.ID); !apperr.Is(err, apperr.CodeNotFound) {
		t.Fatalf("Get after delete: %v", err)
	}
	// The same key can come back once deleted, under the same name.
	if _, err := s.Import("k", "", fixture(t, "ec384-pkcs8.pem"), ""); err != nil {
		t.Fatalf("re-import after delete: %v", err)
	}
	if err := s.Delete("missing"); !apperr.Is(err, apperr.CodeNotFound) {
		t.Fatalf("delete missing: %v", err)
	}
}

func TestListIsOldestFirst(t *testing.T) {
	s, _ := newService(t)
	names := []string{"one", "two", "three"}
	for _, n := range names {
		if _, err := s.Generate(context.Background(), n, "", EC256); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // UUIDv7 orders by millisecond
	}
	all, _ := s.List()
	for i, k := range all {
		if k.Name != names[i] {
			t.Fatalf("List order %v", all)
		}
	}
}
