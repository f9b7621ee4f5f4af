package backup

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/vault"
)

// Mode says how Restore treats data already in the store.
type Mode string

const (
	// IntoEmpty restores into a store with no records (a new data folder); anything else is refused.
	IntoEmpty Mode = "empty"
	// Merge adds what the store lacks and leaves conflicting records as they are.
	Merge Mode = "merge"
)

// Item is one record (with its secret, index entries and references) of a backup.
type Item struct {
	Bucket store.Bucket `json:"bucket"`
	ID     string       `json:"id"`
	Name   string       `json:"name,omitempty"`
	// Reason says why a conflicting record is not restored.
	Reason string `json:"reason,omitempty"`
	// Replaceable: the backup's version of this conflicting record can be
	// taken instead of the one here (it is the same record, changed since).
	Replaceable bool `json:"replaceable,omitempty"`
}

// Plan is what a merge does: records added, records already identical,
// records whose backup version replaces the one here (asked for by id), and
// conflicts (records that exist with other content, or need one that is not restored).
type Plan struct {
	Add       []Item `json:"add"`
	Same      []Item `json:"same"`
	Replace   []Item `json:"replace"`
	Conflicts []Item `json:"conflicts"`
}

// primary buckets hold records; the others hold what belongs to a record.
var primary = map[store.Bucket]bool{store.Keys: true, store.CAs: true, store.Accounts: true, store.Credentials: true}

// group names the record an entry belongs to.
func group(b store.Bucket, k, v []byte) string {
	switch b {
	case store.KeysByFingerprint, store.KeysByName:
		return string(v) // the key record's id
	case store.Refs:
		if _, referrer, ok := strings.Cut(string(k), "/"); ok {
			return referrer // a reference belongs to the record that uses
		}
	case store.Secrets, store.DirectoryCache:
		return string(k)
	case store.Meta:
		return "meta:" + string(k)
	}
	if primary[b] {
		return string(k)
	}
	return string(b) + ":" + string(k)
}

type entry struct {
	bucket store.Bucket
	key    []byte
	value  []byte // plaintext for secrets
	secret bool
}

type recordGroup struct {
	item    Item
	entries []entry
	state   string // "add", "same", "replace", "conflict"
	needs   []string
}

// written: the group's backup entries are written by the restore.
func (g *recordGroup) written() bool { return g.state == "add" || g.state == "replace" }

func (c *Contents) groups() map[string]*recordGroup {
	gs := map[string]*recordGroup{}
	get := func(id string) *recordGroup {
		g, ok := gs[id]
		if !ok {
			g = &recordGroup{item: Item{ID: id}}
			gs[id] = g
		}
		return g
	}
	for b, es := range c.Buckets {
		for _, e := range es {
			if b == store.Meta && (string(e.Key) == vaultMetaKey || string(e.Key) == schemaMetaKey) {
				continue // this machine's own
			}
			g := get(group(b, e.Key, e.Value))
			g.entries = append(g.entries, entry{bucket: b, key: e.Key, value: e.Value})
			if primary[b] {
				g.item.Bucket = b
				var named struct {
					Name string `json:"name"`
				}
				if json.Unmarshal(e.Value, &named) == nil {
					g.item.Name = named.Name
				}
			}
			if b == store.Refs {
				target, _, _ := strings.Cut(string(e.Key), "/")
				g.needs = append(g.needs, target)
			}
		}
	}
	for id, s := range c.Secrets {
		g := get(id)
		g.entries = append(g.entries, entry{bucket: store.Secrets, key: []byte(id), value: s, secret: true})
	}
	for id, g := range gs {
		if g.item.Bucket == "" {
			g.item.Bucket = g.entries[0].bucket
		}
		if g.item.Bucket == store.Meta {
			g.item.ID = strings.TrimPrefix(id, "meta:")
		}
	}
	return gs
}

// plan compares c with the store inside tx; the conflicting records named in
// replace take the backup's version, when they can.
func (c *Contents) plan(tx *store.Tx, v *vault.Vault, replace []string) (*Plan, map[string]*recordGroup, error) {
	have := map[store.Bucket]bool{}
	for _, b := range tx.Buckets() {
		have[b] = true
	}
	for b := range c.Buckets {
		if !have[b] || b == store.Secrets {
			return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Nothing was changed.", "The backup holds a kind of record this ACME Desk does not know (%q).", textfield.Truncate(string(b), 40))
		}
	}
	gs := c.groups()
	existsInStore := func(id string) bool {
		for b := range primary {
			if tx.GetRaw(b, id) != nil {
				return true
			}
		}
		return false
	}
	for _, g := range gs {
		g.state = "same"
		var differ []entry
		for _, e := range g.entries {
			cur := tx.GetRaw(e.bucket, string(e.key))
			if cur == nil {
				if g.state == "same" {
					g.state = "add"
				}
				continue
			}
			if e.bucket == store.DirectoryCache {
				continue // a copy of what the CA serves: the one here is as good
			}
			equal := bytes.Equal(cur, e.value)
			if e.secret {
				plain, err := v.Unseal(string(e.key), cur)
				if err != nil {
					return nil, nil, err
				}
				equal = bytes.Equal(plain, e.value)
				clear(plain)
			}
			if !equal {
				differ = append(differ, e)
			}
		}
		if len(differ) > 0 {
			g.state = "conflict"
			g.item.Reason, g.item.Replaceable = describeConflict(tx, g, differ)
		}
	}
	byID := map[string]*recordGroup{}
	for _, g := range gs {
		byID[g.item.ID] = g
	}
	for _, id := range replace {
		if g := byID[id]; g != nil && g.state == "conflict" && g.item.Replaceable {
			g.state = "replace"
		}
	}
	// A record that uses another (a key, a CA, a credential) is restored only if that one will be there.
	for changed := true; changed; {
		changed = false
		for _, g := range gs {
			if !g.written() {
				continue
			}
			for _, need := range g.needs {
				if existsInStore(need) {
					continue
				}
				ng, inBackup := gs[need]
				if !inBackup {
					continue // a built-in record (a catalogue CA)
				}
				if ng.written() {
					continue
				}
				g.state, g.item.Reason, g.item.Replaceable = "conflict", "It uses "+ng.item.label()+", which is not restored.", false
				changed = true
				break
			}
		}
	}
	for _, id := range replace {
		if g := byID[id]; g == nil || g.state != "replace" {
			return nil, nil, notReplaceable(g, id)
		}
	}
	p := &Plan{Add: []Item{}, Same: []Item{}, Replace: []Item{}, Conflicts: []Item{}}
	for _, g := range gs {
		switch g.state {
		case "add":
			p.Add = append(p.Add, g.item)
		case "same":
			p.Same = append(p.Same, g.item)
		case "replace":
			p.Replace = append(p.Replace, g.item)
		default:
			p.Conflicts = append(p.Conflicts, g.item)
		}
	}
	for _, l := range [][]Item{p.Add, p.Same, p.Replace, p.Conflicts} {
		sort.Slice(l, func(i, j int) bool {
			if l[i].Bucket != l[j].Bucket {
				return l[i].Bucket < l[j].Bucket
			}
			return l[i].ID < l[j].ID
		})
	}
	return p, gs, nil
}

// PlanMerge shows what Merge would do (taking the backup's version of the
// records named in replace), without changing anything.
func PlanMerge(db *store.DB, v *vault.Vault, c *Contents, replace ...string) (*Plan, error) {
	var p *Plan
	err := db.View(func(tx *store.Tx) error {
		var err error
		p, _, err = c.plan(tx, v, replace)
		return err
	})
	return p, err
}

// Restore writes c into db, sealing each secret again with the vault v (the
// current vault key), in one transaction: all of it, or nothing. IntoEmpty
// refuses a store that holds records; Merge adds what does not conflict and
// returns the plan it followed. With Merge, the conflicting records named in
// replace (by id, each one Replaceable) take the backup's version.
func Restore(db *store.DB, v *vault.Vault, c *Contents, mode Mode, replace ...string) (*Plan, error) {
	if mode != IntoEmpty && mode != Merge {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Restore into an empty data folder, or merge.", "Unknown restore mode %q.", textfield.Truncate(string(mode), 20))
	}
	if c.SchemaVersion > store.SchemaVersion {
		return nil, apperr.New(apperr.CodeUnsupported, "This backup holds data of a newer ACME Desk.", "Install the newer ACME Desk that wrote it.")
	}
	if _, err := v.Seal("backup-probe", nil); err != nil {
		return nil, apperr.Wrap(err, apperr.CodeLocked, "The vault is locked.", "Unlock ACME Desk (or set up its vault) first; restored secrets are sealed with it.")
	}
	var plan *Plan
	err := db.Update(func(tx *store.Tx) error {
		if mode == IntoEmpty {
			if n := records(tx); n > 0 {
				return apperr.Newf(apperr.CodeConflict, "Restore into a new, empty data folder, or merge instead to see the conflicts.",
					"This data folder already holds %d records.", n)
			}
		}
		p, gs, err := c.plan(tx, v, replace)
		if err != nil {
			return err
		}
		if mode == IntoEmpty && len(p.Conflicts) > 0 {
			return apperr.Newf(apperr.CodeInvalidInput, "Nothing was changed.", "The backup is inconsistent: %s: %s", p.Conflicts[0].label(), p.Conflicts[0].Reason)
		}
		if err := removeReplaced(tx, gs); err != nil {
			return err
		}
		for _, g := range gs {
			if !g.written() {
				continue
			}
			for _, e := range g.entries {
				if tx.GetRaw(e.bucket, string(e.key)) != nil {
					continue // identical already
				}
				value := e.value
				if e.secret {
					if value, err = v.Seal(string(e.key), e.value); err != nil {
						return err
					}
				}
				if err := tx.PutRaw(e.bucket, string(e.key), value); err != nil {
					return err
				}
			}
		}
		plan = p
		return nil
	})
	if err != nil {
		if _, ok := err.(*apperr.Error); !ok {
			err = apperr.Wrap(err, apperr.CodeInternal, "The backup could not be restored.", "Nothing was changed.")
		}
		return nil, err
	}
	return plan, nil
}

// records counts what is stored besides the store's own and the vault's metadata.
func records(tx *store.Tx) int {
	n := 0
	for _, b := range tx.Buckets() {
		tx.ForEach(b, func(k, _ []byte) error {
			if b != store.Meta || (string(k) != vaultMetaKey && string(k) != schemaMetaKey) {
				n++
			}
			return nil
		})
	}
	return n
}
