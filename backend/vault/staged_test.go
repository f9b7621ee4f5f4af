package vault

import (
	"bytes"
	"errors"
	"testing"

	"acmedesk/backend/store"
)

type note struct {
	ID string `json:"id"`
}

// A staged record is stored with its sealed secret, or, when its own put
// refuses it, not at all.
func TestStagedStoresRecordAndSecretTogether(t *testing.T) {
	db := openDB(t)
	v := New(db, newMemKeychain())
	if _, err := v.Open(); err != nil {
		t.Fatal(err)
	}
	taken := errors.New("the name is taken")
	stage := func(id string, secret []byte, refuse error) *Staged[note] {
		var sealed []byte
		if secret != nil {
			var err error
			if sealed, err = v.Seal(id, secret); err != nil {
				t.Fatal(err)
			}
		}
		n := &note{ID: id}
		return NewStaged(n, id, sealed, func(tx *store.Tx) error {
			if refuse != nil {
				return refuse
			}
			return tx.Put(store.Keys, id, n)
		})
	}
	for _, tc := range []struct {
		name, id string
		secret   []byte
		refuse   error
	}{
		{"with a secret", "a", []byte("s3cret"), nil},
		{"without one", "b", nil, nil},
		{"refused by its put", "c", []byte("s3cret"), taken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := stage(tc.id, tc.secret, tc.refuse).Store(db)
			if !errors.Is(err, tc.refuse) || (err == nil) != (got != nil) {
				t.Fatalf("Store = %+v, %v; want %v", got, err, tc.refuse)
			}
			db.View(func(tx *store.Tx) error {
				stored, sealed := tx.GetRaw(store.Keys, tc.id) != nil, Sealed(tx, tc.id)
				if stored != (tc.refuse == nil) || (sealed != nil) != (tc.refuse == nil && tc.secret != nil) {
					t.Errorf("record stored %v, sealed secret %q", stored, sealed)
				}
				if sealed != nil {
					if plain, err := v.Unseal(tc.id, sealed); err != nil || !bytes.Equal(plain, tc.secret) {
						t.Errorf("the stored secret opens to %q, %v", plain, err)
					}
				}
				return nil
			})
		})
	}
}
