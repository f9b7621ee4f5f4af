package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/settings"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

const pass = "correct horse battery staple"

func TestMain(m *testing.M) {
	vault.DefaultKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	KDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 1024, Threads: 1}
	os.Exit(m.Run())
}

type env struct {
	db       *store.DB
	vault    *vault.Vault
	keys     *keys.Service
	cas      *cas.Service
	creds    *credentials.Service
	accounts *accounts.Service
}

func newEnv(t *testing.T, vaultPass string) *env {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase(vaultPass); err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, vault: v, keys: keys.NewService(db, v), cas: cas.NewService(db), creds: credentials.NewService(db, v)}
	e.accounts = accounts.NewService(db, e.keys, e.cas, e.creds)
	return e
}

// populated has a record of every kind, with secrets.
func populated(t *testing.T) *env {
	e := newEnv(t, "first vault passphrase")
	ctx := context.Background()
	k1, err := e.keys.Generate(ctx, "Prod key", "the one", keys.EC384)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.keys.Generate(ctx, "Spare key", "", keys.EC256); err != nil {
		t.Fatal(err)
	}
	ca, err := e.cas.AddCustom(cas.CustomInput{Name: "Internal CA", DirectoryURL: "https://acme.internal.example/directory"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.creds.Create(credentials.Input{Name: "Admin password", Kind: "password", Values: map[string]string{"username": "admin", "password": "s3cret-ü"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.accounts.Create(ctx, accounts.NewInput{Name: "Internal", CAID: ca.ID, KeyID: k1.ID, Contacts: []string{"ops@example.com"},
		EABKeyID: "kid-7", EABHMAC: "c2VjcmV0LWhtYWMta2V5LTEyMzQ1Njc4OTA"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.accounts.Create(ctx, accounts.NewInput{Name: "LE", CAID: "letsencrypt", Contacts: []string{"le@example.com"}}); err != nil {
		t.Fatal(err)
	}
	if err := settings.NewService(e.db).Save(settings.Settings{ShowDebug: true}); err != nil {
		t.Fatal(err)
	}
	return e
}

// dump is every bucket's entries except the secrets and the vault's own entry.
func dump(t *testing.T, db *store.DB) map[string]string {
	out := map[string]string{}
	err := db.View(func(tx *store.Tx) error {
		for _, b := range tx.Buckets() {
			if b == store.Secrets {
				continue
			}
			tx.ForEach(b, func(k, v []byte) error {
				if b == store.Meta && string(k) == vaultMetaKey {
					return nil
				}
				out[string(b)+"/"+string(k)] = string(v)
				return nil
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// secrets unseals every secret of db.
func secrets(t *testing.T, db *store.DB, v *vault.Vault) map[string][]byte {
	out := map[string][]byte{}
	db.View(func(tx *store.Tx) error {
		return tx.ForEach(store.Secrets, func(k, sealed []byte) error {
			plain, err := v.Unseal(string(k), sealed)
			if err != nil {
				t.Fatalf("secret %s: %v", k, err)
			}
			out[string(k)] = plain
			return nil
		})
	})
	return out
}

func backupBytes(t *testing.T, e *env) []byte {
	var buf bytes.Buffer
	if err := Write(e.db, e.vault, &buf, pass); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBackupWipeRestoreIsIdentical(t *testing.T) {
	src := populated(t)
	path := filepath.Join(t.TempDir(), "acmedesk.backup")
	if err := WriteFile(src.db, src.vault, path, pass); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("backup file mode %v, %v", st.Mode(), err)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("ACMEDESK-BACKUP")) {
		t.Fatal("no magic")
	}
	for _, s := range [][]byte{[]byte("s3cret-ü"), []byte("Prod key"), []byte("ops@example.com"), []byte("kid-7")} {
		if bytes.Contains(raw, s) {
			t.Fatalf("the backup file holds %q in the clear", s)
		}
	}

	// Wipe: a new data folder with a new vault key.
	dst := newEnv(t, "another vault passphrase")
	f, _ := os.Open(path)
	c, err := Read(f, pass)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Restore(dst.db, dst.vault, c, IntoEmpty)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Conflicts) != 0 || len(plan.Add) == 0 {
		t.Fatalf("plan %+v", plan)
	}

	want, got := dump(t, src.db), dump(t, dst.db)
	if len(want) < 15 {
		t.Fatalf("too little data to prove anything: %d entries", len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: restored %q, want %q", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: restored but not in the original", k)
		}
	}
	ws, gs := secrets(t, src.db, src.vault), secrets(t, dst.db, dst.vault)
	if len(ws) != 5 || len(gs) != len(ws) { // three keys (one generated for "LE"), two credentials (password, typed-in EAB)
		t.Fatalf("%d secrets, restored %d", len(ws), len(gs))
	}
	for id, w := range ws {
		if !bytes.Equal(gs[id], w) {
			t.Errorf("secret %s differs after restore", id)
		}
	}
	// Sealed again with the new vault key: the old vault cannot open the restored blobs.
	dst.db.View(func(tx *store.Tx) error {
		return tx.ForEach(store.Secrets, func(k, sealed []byte) error {
			if _, err := src.vault.Unseal(string(k), sealed); err == nil {
				t.Errorf("secret %s is still sealed with the old vault key", k)
			}
			return nil
		})
	})
	// And the services work on the restored data.
	ks, _ := dst.keys.List()
	for _, k := range ks {
		if _, err := dst.keys.Signer(k.ID); err != nil {
			t.Fatalf("signer of restored key: %v", err)
		}
	}

	// Restoring again into the now full store is refused and changes nothing.
	before := dump(t, dst.db)
	_, err = Restore(dst.db, dst.vault, c, IntoEmpty)
	wantCode(t, err, apperr.CodeConflict)
	if after := dump(t, dst.db); len(after) != len(before) {
		t.Fatal("a refused restore changed the store")
	}
	// Merging the same backup: everything is the same.
	plan, err = Restore(dst.db, dst.vault, c, Merge)
	if err != nil || len(plan.Add) != 0 || len(plan.Conflicts) != 0 || len(plan.Same) == 0 {
		t.Fatalf("merge of an identical backup: %+v, %v", plan, err)
	}
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

func TestBadFilesFailCleanly(t *testing.T) {
	src := populated(t)
	data := backupBytes(t, src)
	read := func(b []byte, p string) error { _, err := Read(bytes.NewReader(b), p); return err }

	m := wantCode(t, read(data, "wrong passphrase!"), apperr.CodeWrongPass)
	if !strings.Contains(m.Message, "Wrong passphrase") {
		t.Fatalf("wrong passphrase message %q", m.Message)
	}
	wantCode(t, Write(src.db, src.vault, &bytes.Buffer{}, "short"), apperr.CodeInvalidInput)

	for name, b := range map[string][]byte{
		"truncated by one byte": data[:len(data)-1],
		"truncated by half":     data[:len(data)/2],
		"only the magic":        data[:20],
		"empty":                 nil,
		"not a backup":          []byte("-----BEGIN PRIVATE KEY-----\n"),
	} {
		err := read(b, pass)
		if e := apperr.From(err); err == nil || e.Code != apperr.CodeInvalidInput {
			t.Errorf("%s: %v", name, err)
		} else if name == "truncated by one byte" && !strings.Contains(e.Message, "damaged or incomplete") {
			t.Errorf("%s: message %q", name, e.Message)
		}
	}

	hdrAt := prefixSize + 10
	payloadAt := len(data) - checksumSize - 20
	for name, at := range map[string]int{"header": hdrAt, "payload": payloadAt, "version": len(magic), "checksum": len(data) - 1} {
		b := bytes.Clone(data)
		b[at] ^= 0x01
		err := read(b, pass)
		if err == nil {
			t.Fatalf("flipped byte in the %s: read", name)
		}
		if c := apperr.From(err).Code; c != apperr.CodeInvalidInput && c != apperr.CodeUnsupported {
			t.Errorf("flipped byte in the %s: %v", name, err)
		}
		// Even with the checksum made to fit, the AEAD (or the header check) refuses the change.
		fixed := withChecksum(b)
		if name == "version" || name == "checksum" {
			continue
		}
		if _, err := Read(bytes.NewReader(fixed), pass); err == nil {
			t.Errorf("flipped byte in the %s with a fitting checksum: read", name)
		}
	}
	// A restore from nothing changes nothing: the target stays empty.
	dst := newEnv(t, "third vault passphrase")
	if got := dump(t, dst.db); len(got) != 1 { // meta/schema_version only
		t.Fatalf("target %v", got)
	}
}

func withChecksum(b []byte) []byte {
	body := b[:len(b)-checksumSize]
	sum := sha256.Sum256(body)
	return append(bytes.Clone(body), sum[:]...)
}

func TestMergeShowsConflictsAndAddsTheRest(t *testing.T) {
	src := populated(t)
	data := backupBytes(t, src)
	c, err := Read(bytes.NewReader(data), pass)
	if err != nil {
		t.Fatal(err)
	}
	dst := newEnv(t, "another vault passphrase")
	if _, err := Restore(dst.db, dst.vault, c, IntoEmpty); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Changes made after the backup: a key renamed, a password rotated, an account deleted, a new key.
	ks, _ := dst.keys.List()
	var prod keys.Key
	for _, k := range ks {
		if k.Name == "Prod key" {
			prod = k
		}
	}
	if _, err := dst.keys.Update(prod.ID, "Prod key (renamed)", prod.Description, prod.AllowExport); err != nil {
		t.Fatal(err)
	}
	cl, _ := dst.creds.List(credentials.Filter{Kind: "password"})
	if _, err := dst.creds.Rotate(cl[0].ID, map[string]string{"password": "rotated"}); err != nil {
		t.Fatal(err)
	}
	as, _ := dst.accounts.List()
	var le accounts.Account
	for _, a := range as {
		if a.Name == "LE" {
			le = a
		}
	}
	if err := dst.accounts.Delete(le.ID); err != nil {
		t.Fatal(err)
	}
	// Only a secret differs: the spare key's sealed private part is replaced.
	var spare keys.Key
	for _, k := range ks {
		if k.Name == "Spare key" {
			spare = k
		}
	}
	sealed, _ := dst.vault.Seal(spare.ID, []byte("other secret"))
	dst.db.Update(func(tx *store.Tx) error { return tx.PutRaw(store.Secrets, spare.ID, sealed) })
	newKey, err := dst.keys.Generate(ctx, "Made later", "", keys.EC256)
	if err != nil {
		t.Fatal(err)
	}

	plan, err := PlanMerge(dst.db, dst.vault, c)
	if err != nil {
		t.Fatal(err)
	}
	conflicts := map[string]Item{}
	for _, it := range plan.Conflicts {
		conflicts[it.ID] = it
	}
	if it := conflicts[prod.ID]; it.Bucket != store.Keys || it.Name != "Prod key" || !it.Replaceable ||
		it.Reason != `Renamed here to "Prod key (renamed)" since the backup.` {
		t.Fatalf("renamed key: %+v; plan %+v", it, plan)
	}
	if it := conflicts[cl[0].ID]; it.Bucket != store.Credentials || it.Name != "Admin password" || !it.Replaceable ||
		!strings.HasPrefix(it.Reason, "Changed here since the backup: ") {
		t.Fatalf("rotated password: %+v", it)
	}
	if it := conflicts[spare.ID]; it.Name != "Spare key" || !it.Replaceable || it.Reason != "Its secret was changed here since the backup." {
		t.Fatalf("changed secret: %+v", it)
	}
	if len(plan.Add) != 1 || plan.Add[0].ID != le.ID || plan.Add[0].Name != "LE" || len(plan.Conflicts) != 3 {
		t.Fatalf("plan %+v", plan)
	}

	before := dump(t, dst.db)
	if _, err := Restore(dst.db, dst.vault, c, Merge); err != nil {
		t.Fatal(err)
	}
	after := dump(t, dst.db)
	if a, err := dst.accounts.Get(le.ID); err != nil || a.Name != "LE" {
		t.Fatalf("account not merged back: %+v, %v", a, err)
	}
	if d, _ := dst.cas.Get("letsencrypt"); len(d.UsedBy) != 1 {
		t.Fatalf("the merged account's reference to its CA: %+v", d.UsedBy)
	}
	if k, _ := dst.keys.Get(prod.ID); k.Name != "Prod key (renamed)" {
		t.Fatalf("conflicting key overwritten: %q", k.Name)
	}
	if got, _ := dst.creds.Reveal(cl[0].ID, "password"); got != "rotated" {
		t.Fatalf("conflicting secret overwritten: %q", got)
	}
	if _, err := dst.keys.Get(newKey.ID); err != nil {
		t.Fatal("a record made after the backup was lost")
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("merge changed %s", k)
		}
	}
}

// A record changed here since the backup (renamed, rotated, its secret
// replaced) takes the backup's version when asked, with its index entries:
// the name it had here is free again.
func TestMergeTakesTheBackupsVersionWhenAsked(t *testing.T) {
	src := populated(t)
	c, err := Read(bytes.NewReader(backupBytes(t, src)), pass)
	if err != nil {
		t.Fatal(err)
	}
	dst := newEnv(t, "another vault passphrase")
	if _, err := Restore(dst.db, dst.vault, c, IntoEmpty); err != nil {
		t.Fatal(err)
	}
	byName := map[string]keys.Key{}
	ks, _ := dst.keys.List()
	for _, k := range ks {
		byName[k.Name] = k
	}
	prod, spare := byName["Prod key"], byName["Spare key"]
	if _, err := dst.keys.Update(prod.ID, "Prod key (renamed)", prod.Description, prod.AllowExport); err != nil {
		t.Fatal(err)
	}
	cl, _ := dst.creds.List(credentials.Filter{Kind: "password"})
	if _, err := dst.creds.Rotate(cl[0].ID, map[string]string{"password": "rotated"}); err != nil {
		t.Fatal(err)
	}
	sealed, _ := dst.vault.Seal(spare.ID, []byte("other secret"))
	dst.db.Update(func(tx *store.Tx) error { return tx.PutRaw(store.Secrets, spare.ID, sealed) })

	// Only conflicts can be replaced: asking for an identical record changes nothing.
	as, _ := dst.accounts.List()
	before := dump(t, dst.db)
	_, err = Restore(dst.db, dst.vault, c, Merge, prod.ID, as[0].ID)
	wantCode(t, err, apperr.CodeInvalidInput)
	if !strings.Contains(err.Error(), "is not in conflict") || strings.Contains(err.Error(), as[0].ID) {
		t.Fatalf("refusal: %v", err)
	}
	for k, v := range dump(t, dst.db) {
		if before[k] != v {
			t.Fatalf("a refused restore changed %s", k)
		}
	}

	preview, err := PlanMerge(dst.db, dst.vault, c, prod.ID, cl[0].ID, spare.ID)
	if err != nil || len(preview.Replace) != 3 || len(preview.Conflicts) != 0 {
		t.Fatalf("preview %+v, %v", preview, err)
	}
	plan, err := Restore(dst.db, dst.vault, c, Merge, prod.ID, cl[0].ID, spare.ID)
	if err != nil || len(plan.Replace) != 3 || len(plan.Conflicts) != 0 {
		t.Fatalf("restore %+v, %v", plan, err)
	}
	if k, _ := dst.keys.Get(prod.ID); k.Name != "Prod key" || k.Description != "the one" {
		t.Fatalf("key after taking the backup's version: %+v", k)
	}
	if _, err := dst.keys.Generate(context.Background(), "Prod key (renamed)", "", keys.EC256); err != nil {
		t.Fatalf("the name the key had here is still taken: %v", err)
	}
	if got, _ := dst.creds.Reveal(cl[0].ID, "password"); got != "s3cret-ü" {
		t.Fatalf("password after taking the backup's version: %q", got)
	}
	if _, err := dst.keys.Signer(spare.ID); err != nil {
		t.Fatalf("the spare key's private part was not restored: %v", err)
	}
	if again, err := PlanMerge(dst.db, dst.vault, c); err != nil || len(again.Conflicts) != 0 || len(again.Add) != 0 {
		t.Fatalf("after replacing, the backup should be all identical: %+v, %v", again, err)
	}
}

func TestMergeSkipsWhatDependsOnAConflict(t *testing.T) {
	src := populated(t)
	c, err := Read(bytes.NewReader(backupBytes(t, src)), pass)
	if err != nil {
		t.Fatal(err)
	}
	// Another store that already holds a key named "Prod key" (another key): the backup's
	// "Prod key" conflicts by name, so the account using it cannot be merged either.
	dst := newEnv(t, "another vault passphrase")
	if _, err := dst.keys.Generate(context.Background(), "prod KEY", "", keys.EC256); err != nil {
		t.Fatal(err)
	}
	plan, err := Restore(dst.db, dst.vault, c, Merge)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range plan.Conflicts {
		names = append(names, it.Name+": "+it.Reason)
	}
	got := strings.Join(names, " | ")
	if len(plan.Conflicts) != 2 || !strings.Contains(got, `Prod key: Another key here is named "prod key".`) ||
		!strings.Contains(got, `Internal: It uses the key "Prod key", which is not restored.`) {
		t.Fatalf("conflicts: %s", got)
	}
	for _, it := range plan.Conflicts {
		if it.Replaceable {
			t.Fatalf("%s cannot take the backup's version: another key holds its name", it.Name)
		}
		_, err := Restore(dst.db, dst.vault, c, Merge, it.ID)
		if e := wantCode(t, err, apperr.CodeConflict); !strings.Contains(e.Message, "cannot take the backup's version") {
			t.Fatalf("asked to replace %s: %v", it.Name, err)
		}
	}
	as, _ := dst.accounts.List()
	if len(as) != 1 || as[0].Name != "LE" {
		t.Fatalf("accounts after merge: %+v", as)
	}
	// The LE account's generated key came along with it.
	if _, err := dst.keys.Signer(as[0].KeyID); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreNeedsAnUnlockedVault(t *testing.T) {
	src := populated(t)
	c, err := Read(bytes.NewReader(backupBytes(t, src)), pass)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = Restore(db, vault.New(db, nil), c, IntoEmpty)
	wantCode(t, err, apperr.CodeLocked)
	_, err = Restore(db, vault.New(db, nil), c, "overwrite")
	wantCode(t, err, apperr.CodeInvalidInput)
}

// A backup killed while writing leaves its temporary file; the next backup to
// that folder removes it, but never one another backup is still writing.
func TestKilledBackupsLeaveNoDebris(t *testing.T) {
	e := newEnv(t, "first vault passphrase")
	dir := t.TempDir()
	dead := filepath.Join(dir, ".acmedesk-backup-123456") // what a killed writer leaves: nobody holds it
	if err := os.WriteFile(dead, []byte("half a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	live, err := os.CreateTemp(dir, tempPattern) // a backup being written right now
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := hold(live); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(e.db, e.vault, filepath.Join(dir, "new.backup"), "backup passphrase 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Error("the killed backup's temporary file is still there")
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Errorf("a backup still being written lost its file: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	if len(left) != 1 {
		t.Errorf("temporary files left: %v", left)
	}
}
