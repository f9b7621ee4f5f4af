package keys

import (
	"context"
	"fmt"
	"testing"

	"acmedesk/backend/store"
)

func BenchmarkGenerate(b *testing.B) {
	for _, alg := range Algorithms {
		b.Run(string(alg), func(b *testing.B) {
			for b.Loop() {
				if _, err := Generate(context.Background(), alg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkList10000 lists 10,000 stored keys, as the Keys page does on open.
func BenchmarkList10000(b *testing.B) {
	s, db := newService(b)
	p, _ := Parse(fixture(b, "ec384-pkcs8.pem"), "")
	id, _ := Identify(p.Key.Public())
	err := db.Update(func(tx *store.Tx) error {
		for i := range 10000 {
			k := Key{ID: fmt.Sprintf("%08d", i), Name: fmt.Sprintf("key %d", i), Algorithm: EC384, Identity: id, Source: SourceImported}
			if err := tx.Put(store.Keys, k.ID, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		all, err := s.List()
		if err != nil || len(all) != 10000 {
			b.Fatal(len(all), err)
		}
	}
}
