package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"acmedesk/backend/apperr"
)

// sampleFile writes a database with enough records to span many pages and returns its bytes.
func sampleFile(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for batch := range 10 {
		err := db.Update(func(tx *Tx) error {
			for i := range 100 {
				id := fmt.Sprintf("rec-%d-%03d", batch, i)
				if err := tx.Put(Keys, id, rec{ID: id, Name: fmt.Sprintf("record %d with some padding to fill pages", i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, raw
}

// readAll opens path and reads every bucket, as the commands do.
func readAll(path string) error {
	db, err := Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *Tx) error {
		for _, b := range []Bucket{Meta, Keys, Secrets, Refs, Accounts, Credentials} {
			if _, err := List[rec](tx, b); err != nil && b == Keys {
				return err
			}
		}
		return nil
	})
}

func TestDamagedFilesAreReportedAndLeftAlone(t *testing.T) {
	path, good := sampleFile(t)
	page := 4096
	cases := map[string][]byte{
		"empty":       {},
		"truncated":   good[:len(good)/2],
		"one page":    good[:page],
		"garbage":     bytes.Repeat([]byte{0x5a}, len(good)),
		"zeroed meta": append(make([]byte, 2*page), good[2*page:]...),
	}
	zeroed := bytes.Clone(good)
	clear(zeroed[4*page : 5*page]) // a page in the middle: freelist, branch or leaf
	cases["zeroed page"] = zeroed
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			err := readAll(path)
			if e := apperr.From(err); err == nil || e.Code != apperr.CodeDamaged {
				t.Fatalf("reading a damaged file: %v", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Fatal("the damaged file was changed")
			}
		})
	}
}

// Flipped bytes anywhere never crash a reader: it reads, or reports damage.
func TestFlippedBytesNeverPanic(t *testing.T) {
	path, good := sampleFile(t)
	for pos := 0; pos < len(good); pos += 997 { // a prime stride reaches every kind of page
		bad := bytes.Clone(good)
		bad[pos] ^= 0xff
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := readAll(path); err != nil && apperr.From(err).Code != apperr.CodeDamaged {
			t.Fatalf("byte %d flipped: %v, want data_damaged or success", pos, err)
		}
	}
}

func TestOpeningToReadWritesNothing(t *testing.T) {
	path, good := sampleFile(t)
	if err := readAll(path); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, good) {
		t.Fatal("opening and reading the database changed the file")
	}
}

func TestAPanicInATransactionIsNotCalledDamage(t *testing.T) {
	db, _ := openTemp(t)
	err := db.View(func(*Tx) error { panic("a programming error") })
	if e := apperr.From(err); e.Code != apperr.CodeInternal {
		t.Fatalf("panic in fn: %+v", e)
	}
}

func TestAllBucketsAreTheMigrations(t *testing.T) {
	db, _ := openTemp(t)
	var got []Bucket
	db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error { got = append(got, Bucket(name)); return nil })
	})
	want := slices.Clone(allBuckets)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the migrations make %v, allBuckets says %v", got, want)
	}
}
