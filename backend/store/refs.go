package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"acmedesk/backend/apperr"
)

// Ref says that a record (an account, a credential…) uses another one (a key…).
// Deletion of a record is refused while refs to it exist.
type Ref struct {
	Kind  string `json:"kind"`  // e.g. "account"
	ID    string `json:"id"`    // the referrer's id
	Label string `json:"label"` // what people call the referrer, e.g. its name
	// Historic refs record a past use (a key retired from an account): shown, but they do not block deletion.
	Historic bool `json:"historic,omitempty"`
}

func refKey(target, referrer string) []byte { return []byte(target + "/" + referrer) }

// AddRef records that ref uses target.
func (t *Tx) AddRef(target string, ref Ref) error {
	raw, err := json.Marshal(ref)
	if err != nil {
		return err
	}
	return t.bucket(Refs).Put(refKey(target, ref.ID), raw)
}

// RemoveRef forgets that referrer uses target.
func (t *Tx) RemoveRef(target, referrer string) error {
	return t.bucket(Refs).Delete(refKey(target, referrer))
}

// RefsTo lists what uses target.
func (t *Tx) RefsTo(target string) ([]Ref, error) {
	prefix := []byte(target + "/")
	var out []Ref
	c := t.bucket(Refs).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r Ref
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ReadWithRefs reads the record id, by get, and what uses it, in one read-only transaction.
func ReadWithRefs[T any](db *DB, id string, get func(*Tx, string) (*T, error)) (*T, []Ref, error) {
	var rec *T
	var refs []Ref
	err := db.View(func(tx *Tx) error {
		var err error
		if rec, err = get(tx, id); err != nil {
			return err
		}
		refs, err = tx.RefsTo(id)
		return err
	})
	return rec, refs, err
}

// RemoveRefsTo forgets every use of target (when target itself is deleted).
func (t *Tx) RemoveRefsTo(target string) error {
	refs, err := t.RefsTo(target)
	if err != nil {
		return err
	}
	for _, r := range refs {
		if err := t.RemoveRef(target, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteUnused runs del, which deletes the record target and what goes with
// it (index entries, its sealed secret), unless something uses target now
// (RefuseInUse, with what and hint); what used it once (historic refs) is
// forgotten with it.
func (t *Tx) DeleteUnused(target, what, hint string, del func() error) error {
	if err := t.RefuseInUse(target, what, hint); err != nil {
		return err
	}
	if err := del(); err != nil {
		return err
	}
	return t.RemoveRefsTo(target)
}

// Users names what currently uses target (historic refs do not count), e.g. `account "web"`.
func (t *Tx) Users(target string) ([]string, error) {
	refs, err := t.RefsTo(target)
	if err != nil {
		return nil, err
	}
	var users []string
	for _, r := range refs {
		if !r.Historic {
			users = append(users, fmt.Sprintf("%s %q", r.Kind, r.Label))
		}
	}
	return users, nil
}

// RefuseInUse returns an in_use error naming what currently uses target
// (historic refs do not count), or nil when nothing does. what names the
// target for people, e.g. `Key "prod"`; hint says what to do instead.
func (t *Tx) RefuseInUse(target, what, hint string) error {
	users, err := t.Users(target)
	if err != nil || len(users) == 0 {
		return err
	}
	return apperr.Newf(apperr.CodeInUse, hint, "%s is used by %s, so it cannot be deleted.", what, strings.Join(users, ", "))
}
