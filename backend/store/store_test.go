package store

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"acmedesk/backend/apperr"
)

func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

type rec struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func TestPutGetListDeleteSurviveReopen(t *testing.T) {
	db, path := openTemp(t)
	err := db.Update(func(tx *Tx) error {
		for _, r := range []rec{{"b", "second"}, {"a", "first"}} {
			if err := tx.Put(Keys, r.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *Tx) error {
		all, err := List[rec](tx, Keys)
		if err != nil {
			return err
		}
		if len(all) != 2 || all[0].Name != "first" || all[1].Name != "second" {
			t.Errorf("List = %+v, want key order a, b", all)
		}
		var r rec
		if ok, err := tx.Get(Keys, "missing", &r); ok || err != nil {
			t.Errorf("Get(missing) = %v, %v", ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *Tx) error { return tx.Delete(Keys, "a") }); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *Tx) error {
		if tx.GetRaw(Keys, "a") != nil || tx.GetRaw(Keys, "b") == nil {
			t.Error("Delete removed the wrong record")
		}
		return nil
	})
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	db, _ := openTemp(t)
	err := db.Update(func(tx *Tx) error {
		if err := tx.PutRaw(Keys, "k", []byte(`{}`)); err != nil {
			return err
		}
		return apperr.New(apperr.CodeConflict, "stop", "")
	})
	if !apperr.Is(err, apperr.CodeConflict) {
		t.Fatalf("err = %v", err)
	}
	db.View(func(tx *Tx) error {
		if tx.GetRaw(Keys, "k") != nil {
			t.Error("a failed transaction left a record behind")
		}
		return nil
	})
}

func TestFileIsOwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	_, path := openTemp(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("database permissions %o, want 600", perm)
	}
}

func TestSecondOpenGetsClearMessageNotHang(t *testing.T) {
	_, path := openTemp(t)
	old := LockTimeout
	LockTimeout = 100 * time.Millisecond
	defer func() { LockTimeout = old }()
	_, err := Open(path)
	if !apperr.Is(err, apperr.CodeDatabaseInUse) {
		t.Fatalf("second Open: %v, want database_in_use", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	db, path := openTemp(t)
	db.Update(func(tx *Tx) error { return tx.PutRaw(Meta, schemaKey, []byte("99")) })
	db.Close()
	_, err := Open(path)
	if !apperr.Is(err, apperr.CodeUnsupported) {
		t.Fatalf("Open newer schema: %v", err)
	}
}

func TestRefs(t *testing.T) {
	db, _ := openTemp(t)
	err := db.Update(func(tx *Tx) error {
		tx.AddRef("key1", Ref{Kind: "account", ID: "acc1", Label: "Prod"})
		tx.AddRef("key1", Ref{Kind: "account", ID: "acc2", Label: "Staging"})
		tx.AddRef("key10", Ref{Kind: "account", ID: "acc3", Label: "Other"})
		return tx.RemoveRef("key1", "acc2")
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *Tx) error {
		refs, err := tx.RefsTo("key1")
		if err != nil || len(refs) != 1 || refs[0].Label != "Prod" {
			t.Errorf("RefsTo(key1) = %+v, %v; want only Prod (no prefix bleed from key10)", refs, err)
		}
		return nil
	})
	db.Update(func(tx *Tx) error { return tx.RemoveRefsTo("key1") })
	db.View(func(tx *Tx) error {
		if refs, _ := tx.RefsTo("key1"); len(refs) != 0 {
			t.Errorf("RemoveRefsTo left %+v", refs)
		}
		if refs, _ := tx.RefsTo("key10"); len(refs) != 1 {
			t.Errorf("RemoveRefsTo(key1) touched key10: %+v", refs)
		}
		return nil
	})
}

func TestMigrationRecordsVersion(t *testing.T) {
	db, _ := openTemp(t)
	db.View(func(tx *Tx) error {
		if got := string(tx.GetRaw(Meta, schemaKey)); got != "4" || SchemaVersion != 4 {
			t.Errorf("schema version %q (build %d), want 4", got, SchemaVersion)
		}
		return nil
	})
}

func TestRefuseInUseIgnoresHistoricRefs(t *testing.T) {
	db, _ := openTemp(t)
	db.Update(func(tx *Tx) error {
		if err := tx.RefuseInUse("k", `Key "k"`, "hint"); err != nil {
			t.Errorf("unused target refused: %v", err)
		}
		tx.AddRef("k", Ref{Kind: "account", ID: "old", Label: "Old", Historic: true})
		if err := tx.RefuseInUse("k", `Key "k"`, "hint"); err != nil {
			t.Errorf("a historic use blocks deletion: %v", err)
		}
		tx.AddRef("k", Ref{Kind: "account", ID: "a", Label: "Prod"})
		err := tx.RefuseInUse("k", `Key "k"`, "move them")
		if e := apperr.From(err); e == nil || e.Code != apperr.CodeInUse || e.Message != `Key "k" is used by account "Prod", so it cannot be deleted.` || e.Hint != "move them" {
			t.Errorf("RefuseInUse = %#v", e)
		}
		return nil
	})
}

func TestBucketsAndForEachSeeEverything(t *testing.T) {
	db, _ := openTemp(t)
	db.Update(func(tx *Tx) error {
		tx.PutRaw(Keys, "b", []byte("2"))
		return tx.PutRaw(Keys, "a", []byte("1"))
	})
	db.View(func(tx *Tx) error {
		names := tx.Buckets()
		for _, want := range []Bucket{Meta, Keys, Secrets, Accounts, Credentials} {
			if !slices.Contains(names, want) {
				t.Errorf("Buckets() lacks %s: %v", want, names)
			}
		}
		var got string
		tx.ForEach(Keys, func(k, v []byte) error { got += string(k) + "=" + string(v) + ";"; return nil })
		if got != "a=1;b=2;" {
			t.Errorf("ForEach saw %q", got)
		}
		return nil
	})
}
