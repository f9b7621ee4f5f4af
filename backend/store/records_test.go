package store

import (
	"errors"
	"testing"

	"acmedesk/backend/apperr"
)

var errGone = apperr.New(apperr.CodeNotFound, "This record no longer exists.", "Refresh the list.")

func getRec(tx *Tx, id string) (*rec, error) { return Find[rec](tx, Keys, id, errGone) }

func putRec(t *testing.T, db *DB, r rec) {
	t.Helper()
	if err := db.Update(func(tx *Tx) error { return tx.Put(Keys, r.ID, r) }); err != nil {
		t.Fatal(err)
	}
}

func TestFindAndRead(t *testing.T) {
	db, _ := openTemp(t)
	putRec(t, db, rec{"a", "first"})
	db.Update(func(tx *Tx) error { return tx.PutRaw(Keys, "garbled", []byte("{not json")) })
	for _, tc := range []struct {
		id      string
		want    string // the name read; "" when an error is wanted
		wantErr apperr.Code
	}{
		{"a", "first", ""},
		{"missing", "", apperr.CodeNotFound},
		{"garbled", "", apperr.CodeDamaged},
	} {
		got, err := Read(db, func(tx *Tx) (*rec, error) { return getRec(tx, tc.id) })
		switch {
		case tc.wantErr == "" && (err != nil || got.Name != tc.want):
			t.Errorf("%s: %+v, %v", tc.id, got, err)
		case tc.wantErr != "" && (got != nil || !apperr.Is(err, tc.wantErr)):
			t.Errorf("%s: %+v, %v; want %s", tc.id, got, err, tc.wantErr)
		}
	}
	if m := apperr.From(func() error {
		_, err := Read(db, func(tx *Tx) (*rec, error) { return getRec(tx, "missing") })
		return err
	}()); m != errGone {
		t.Errorf("Find did not return the record's own missing error: %+v", m)
	}
}

func TestReadWithRefs(t *testing.T) {
	db, _ := openTemp(t)
	putRec(t, db, rec{"a", "first"})
	db.Update(func(tx *Tx) error { return tx.AddRef("a", Ref{Kind: "account", ID: "acc", Label: "Prod"}) })
	r, refs, err := ReadWithRefs(db, "a", getRec)
	if err != nil || r.Name != "first" || len(refs) != 1 || refs[0].Label != "Prod" {
		t.Errorf("ReadWithRefs(a) = %+v, %+v, %v", r, refs, err)
	}
	if r, refs, err := ReadWithRefs(db, "missing", getRec); r != nil || refs != nil || !errors.Is(err, errGone) {
		t.Errorf("ReadWithRefs(missing) = %+v, %+v, %v", r, refs, err)
	}
}

func TestChangeWritesAllOrNothing(t *testing.T) {
	db, _ := openTemp(t)
	putRec(t, db, rec{"a", "first"})
	rename := func(name string, fail error) func(*Tx, *rec) error {
		return func(tx *Tx, r *rec) error {
			r.Name = name
			if err := tx.Put(Keys, r.ID, r); err != nil {
				return err
			}
			return fail
		}
	}
	if got, err := Change(db, "a", getRec, rename("renamed", nil)); err != nil || got.Name != "renamed" {
		t.Fatalf("Change = %+v, %v", got, err)
	}
	refused := errors.New("refused")
	if got, err := Change(db, "a", getRec, rename("half-done", refused)); got != nil || !errors.Is(err, refused) {
		t.Errorf("a failing change = %+v, %v", got, err)
	}
	if got, err := Change(db, "missing", getRec, rename("x", nil)); got != nil || !errors.Is(err, errGone) {
		t.Errorf("a change of a missing record = %+v, %v", got, err)
	}
	if r, _ := Read(db, func(tx *Tx) (*rec, error) { return getRec(tx, "a") }); r.Name != "renamed" {
		t.Errorf("the failed change was written: %q", r.Name)
	}
}

func TestDeleteUnused(t *testing.T) {
	db, _ := openTemp(t)
	putRec(t, db, rec{"a", "first"})
	del := func(tx *Tx) func() error { return func() error { return tx.Delete(Keys, "a") } }
	db.Update(func(tx *Tx) error { return tx.AddRef("a", Ref{Kind: "account", ID: "acc", Label: "Prod"}) })
	err := db.Update(func(tx *Tx) error { return tx.DeleteUnused("a", `Key "first"`, "move them", del(tx)) })
	if !apperr.Is(err, apperr.CodeInUse) {
		t.Fatalf("deleting a record in use: %v", err)
	}
	db.Update(func(tx *Tx) error {
		tx.RemoveRef("a", "acc")
		return tx.AddRef("a", Ref{Kind: "account", ID: "old", Label: "Old", Historic: true})
	})
	failing := errors.New("cannot delete")
	err = db.Update(func(tx *Tx) error { return tx.DeleteUnused("a", `Key "first"`, "", func() error { return failing }) })
	if !errors.Is(err, failing) {
		t.Errorf("a failing deletion: %v", err)
	}
	if err := db.Update(func(tx *Tx) error { return tx.DeleteUnused("a", `Key "first"`, "", del(tx)) }); err != nil {
		t.Fatalf("deleting a record used only in the past: %v", err)
	}
	db.View(func(tx *Tx) error {
		if tx.GetRaw(Keys, "a") != nil {
			t.Error("the record stayed")
		}
		if refs, _ := tx.RefsTo("a"); len(refs) != 0 {
			t.Errorf("its past uses stayed: %+v", refs)
		}
		return nil
	})
}
