package backup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
)

// kinds name a primary bucket's records as people do.
var kinds = map[store.Bucket]string{store.Keys: "key", store.CAs: "CA", store.Accounts: "account", store.Credentials: "credential", store.Meta: "setting"}

// label is how messages name the item: its kind and name, never its internal id
// unless it has no name.
func (i Item) label() string {
	kind := kinds[i.Bucket]
	if kind == "" {
		kind = "record"
	}
	if i.Name != "" {
		return fmt.Sprintf("the %s %q", kind, textfield.Truncate(i.Name, 60))
	}
	return fmt.Sprintf("the %s %s", kind, textfield.Truncate(i.ID, 40))
}

// fieldWords name a record's fields in conflict reasons; fields not listed are named as stored.
var fieldWords = map[string]string{
	"name": "name", "description": "description", "contacts": "contacts", "status": "status",
	"keyId": "key", "caId": "CA", "kid": "account URL", "eabCredentialId": "EAB credential",
	"retiredKeys": "retired keys", "pending": "change under way", "termsOfService": "terms",
	"registeredAt": "registration", "checkedAt": "last check", "allowExport": "Allow export",
	"fields": "fields", "directoryUrl": "directory URL", "consumedAt": "use", "rotatedAt": "last rotation",
}

// bookkeeping fields change with every edit: named only when nothing else differs.
var bookkeeping = map[string]bool{"updatedAt": true, "createdAt": true}

// describeConflict says why a record of the backup is not restored as it is,
// and whether the backup's version may replace the one here: it may when the
// record itself changed here, not when another record holds its name or key.
func describeConflict(tx *store.Tx, g *recordGroup, differ []entry) (string, bool) {
	var record, secret, refs bool
	for _, e := range differ {
		switch {
		case e.bucket == store.KeysByName:
			return fmt.Sprintf("Another key here is named %q.", textfield.Truncate(string(e.key), 60)), false
		case e.bucket == store.KeysByFingerprint:
			other := Item{Bucket: store.Keys, ID: string(tx.GetRaw(e.bucket, string(e.key)))}
			other.Name = storedName(tx, store.Keys, other.ID)
			return "The same key is stored here as " + other.label() + ".", false
		case e.secret:
			secret = true
		case e.bucket == store.Refs:
			refs = true
		default:
			record = true
		}
	}
	switch {
	case record && g.item.Bucket == store.Meta:
		return "It is set differently here.", true
	case record:
		return changedHere(tx, g), true
	case secret:
		return "Its secret was changed here since the backup.", true
	case refs:
		return "It uses other records here than in the backup.", true
	}
	return "It differs here from the backup.", true
}

// changedHere names the fields of a record that differ between the backup and here.
func changedHere(tx *store.Tx, g *recordGroup) string {
	var backup []byte
	for _, e := range g.entries {
		if e.bucket == g.item.Bucket {
			backup = e.value
		}
	}
	var was, is map[string]json.RawMessage
	if json.Unmarshal(backup, &was) != nil || json.Unmarshal(tx.GetRaw(g.item.Bucket, g.item.ID), &is) != nil {
		return "It was changed here since the backup."
	}
	var fields, kept []string
	for name := range union(was, is) {
		if bytes.Equal(was[name], is[name]) {
			continue
		}
		if bookkeeping[name] {
			kept = append(kept, name)
			continue
		}
		if w, ok := fieldWords[name]; ok {
			name = w
		}
		fields = append(fields, name)
	}
	if len(fields) == 0 {
		fields = kept
	}
	sort.Strings(fields)
	if len(fields) == 1 && fields[0] == "name" {
		return fmt.Sprintf("Renamed here to %q since the backup.", textfield.Truncate(storedName(tx, g.item.Bucket, g.item.ID), 60))
	}
	return "Changed here since the backup: " + strings.Join(fields, ", ") + "."
}

func union(a, b map[string]json.RawMessage) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func storedName(tx *store.Tx, b store.Bucket, id string) string {
	var named struct {
		Name string `json:"name"`
	}
	json.Unmarshal(tx.GetRaw(b, id), &named)
	return named.Name
}

func notReplaceable(g *recordGroup, id string) error {
	if g == nil {
		return apperr.Newf(apperr.CodeInvalidInput, "Nothing was changed; check the backup again and choose among its conflicts.",
			"The backup holds no record %s.", textfield.Truncate(id, 40))
	}
	if g.state != "conflict" {
		return apperr.Newf(apperr.CodeInvalidInput, "Nothing was changed; check the backup again and choose among its conflicts.",
			"%s is not in conflict.", capitalize(g.item.label()))
	}
	return apperr.Newf(apperr.CodeConflict, "Nothing was changed. Resolve it here first, then restore again.",
		"%s cannot take the backup's version: %s", capitalize(g.item.label()), g.item.Reason)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// removeReplaced deletes what the store holds of each record whose backup
// version replaces it (the record, its secret, its index entries and the
// references it makes), so that the backup's entries are written in their place.
func removeReplaced(tx *store.Tx, gs map[string]*recordGroup) error {
	replaced := map[string]bool{}
	for id, g := range gs {
		if g.state == "replace" {
			replaced[id] = true
		}
	}
	if len(replaced) == 0 {
		return nil
	}
	type stored struct {
		bucket store.Bucket
		key    string
	}
	var drop []stored
	for _, b := range tx.Buckets() {
		err := tx.ForEach(b, func(k, v []byte) error {
			if b == store.Meta && (string(k) == vaultMetaKey || string(k) == schemaMetaKey) {
				return nil
			}
			if replaced[group(b, k, v)] {
				drop = append(drop, stored{b, string(k)})
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, d := range drop {
		if err := tx.Delete(d.bucket, d.key); err != nil {
			return err
		}
	}
	return nil
}
