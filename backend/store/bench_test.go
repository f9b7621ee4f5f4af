package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkOpen10000 opens a database holding 10,000 records of each of four
// kinds (a large user's file), including the check of every page that keeps
// a damaged file from crashing or hanging bbolt.
func BenchmarkOpen10000(b *testing.B) {
	path := filepath.Join(b.TempDir(), FileName)
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	padding := strings.Repeat("x", 400) // about the size of a key or account record
	for _, bucket := range []Bucket{Keys, Secrets, Accounts, Credentials} {
		err := db.Update(func(tx *Tx) error {
			for i := range 10000 {
				id := fmt.Sprintf("%s-%05d", bucket, i)
				if err := tx.Put(bucket, id, rec{ID: id, Name: padding}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	db.Close()
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MiB")
	}
	b.ResetTimer()
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
