// Package store keeps ACME Desk's records in one bbolt file: a bucket per record
// kind, JSON values, a schema version with migrations, one transaction per change.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"acmedesk/backend/apperr"
)

// Bucket names a kind of record.
type Bucket string

const (
	Meta    Bucket = "meta"    // vault parameters, schema version, settings
	Keys    Bucket = "keys"    // private key records (public parts only)
	Secrets Bucket = "secrets" // sealed secrets, keyed by the id of the record they belong to
	Refs    Bucket = "refs"    // "<target id>/<referrer id>" -> Ref: what uses what
	// KeysByFingerprint maps a public-key SHA-256 fingerprint to the key record id.
	KeysByFingerprint Bucket = "keys_by_fingerprint"
	// KeysByName maps a lower-cased key name to the key record id.
	KeysByName Bucket = "keys_by_name"
	// CAs holds custom certificate authorities (the built-in ones are Go data).
	CAs Bucket = "cas"
	// DirectoryCache maps a CA id to its last fetched ACME directory.
	DirectoryCache Bucket = "directory_cache"
	// Accounts holds ACME account records.
	Accounts Bucket = "accounts"
	// Credentials holds stored credential records (non-secret fields; secrets are sealed in Secrets).
	Credentials Bucket = "credentials"
)

// FileName is the database file inside the data folder.
const FileName = "acmedesk.db"

// LockTimeout bounds the wait for bbolt's file lock, so a second process gets
// a clear message instead of hanging.
var LockTimeout = 2 * time.Second

const schemaKey = "schema_version"

// migrations[i] brings the schema from version i to i+1, inside one transaction.
var migrations = []func(*bolt.Tx) error{
	createBuckets(Meta, Keys, Secrets, Refs, KeysByFingerprint, KeysByName),
	createBuckets(CAs, DirectoryCache),
	createBuckets(Accounts),
	createBuckets(Credentials),
}

func createBuckets(buckets ...Bucket) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		for _, b := range buckets {
			if _, err := tx.CreateBucketIfNotExists([]byte(b)); err != nil {
				return err
			}
		}
		return nil
	}
}

// SchemaVersion is the version this build writes.
var SchemaVersion = len(migrations)

// DB is an open store.
type DB struct {
	bolt *bolt.DB
}

// Open opens (or creates) the database at path, owner-only, and migrates it.
func Open(path string) (*DB, error) {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, apperr.Wrap(err, apperr.CodeDatabaseInUse,
			"ACME Desk's data is in use by another ACME Desk process.",
			"Close the other ACME Desk window or command, then try again. Data folder: "+path)
	}
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "Cannot open ACME Desk's database.", "Check that "+path+" is readable and writable by you.")
	}
	if err := os.Chmod(path, 0o600); err != nil {
		b.Close()
		return nil, fmt.Errorf("restricting %s to its owner: %w", path, err)
	}
	db := &DB{bolt: b}
	if err := db.migrate(); err != nil {
		b.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) migrate() error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		version := 0
		if meta := tx.Bucket([]byte(Meta)); meta != nil {
			if v := meta.Get([]byte(schemaKey)); v != nil {
				n, err := strconv.Atoi(string(v))
				if err != nil {
					return fmt.Errorf("corrupt schema version %q", v)
				}
				version = n
			}
		}
		if version > len(migrations) {
			return apperr.Newf(apperr.CodeUnsupported, "Install the newer ACME Desk that wrote this data.",
				"This data was written by a newer ACME Desk (schema %d; this one knows %d).", version, len(migrations))
		}
		for ; version < len(migrations); version++ {
			if err := migrations[version](tx); err != nil {
				return fmt.Errorf("migrating schema to %d: %w", version+1, err)
			}
		}
		return tx.Bucket([]byte(Meta)).Put([]byte(schemaKey), []byte(strconv.Itoa(version)))
	})
}

// Close releases the file and its lock.
func (db *DB) Close() error { return db.bolt.Close() }

// Path is the database file.
func (db *DB) Path() string { return db.bolt.Path() }

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(*Tx) error) error {
	return db.bolt.View(func(tx *bolt.Tx) error { return fn(&Tx{tx}) })
}

// Update runs fn in a read-write transaction: all of it is written, or none.
func (db *DB) Update(fn func(*Tx) error) error {
	return db.bolt.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx}) })
}

// Tx is a transaction.
type Tx struct{ tx *bolt.Tx }

func (t *Tx) bucket(b Bucket) *bolt.Bucket {
	bk := t.tx.Bucket([]byte(b))
	if bk == nil {
		panic("store: unknown bucket " + string(b)) // a programming error: buckets come from migrations
	}
	return bk
}

// GetRaw returns a copy of the value under id, or nil.
func (t *Tx) GetRaw(b Bucket, id string) []byte {
	v := t.bucket(b).Get([]byte(id))
	if v == nil {
		return nil
	}
	return append([]byte(nil), v...)
}

// PutRaw stores value under id.
func (t *Tx) PutRaw(b Bucket, id string, value []byte) error {
	return t.bucket(b).Put([]byte(id), value)
}

// Get decodes the JSON record under id into v; false when there is none.
func (t *Tx) Get(b Bucket, id string, v any) (bool, error) {
	raw := t.bucket(b).Get([]byte(id))
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return false, fmt.Errorf("decoding %s/%s: %w", b, id, err)
	}
	return true, nil
}

// Put stores v as JSON under id.
func (t *Tx) Put(b Bucket, id string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.PutRaw(b, id, raw)
}

// Delete removes id; deleting nothing is not an error.
func (t *Tx) Delete(b Bucket, id string) error {
	return t.bucket(b).Delete([]byte(id))
}

// List decodes every record of bucket b, in key order (ids are UUIDv7, so by creation time).
func List[T any](t *Tx, b Bucket) ([]T, error) {
	bk := t.bucket(b)
	out := make([]T, 0, bk.Stats().KeyN)
	err := bk.ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("decoding %s/%s: %w", b, k, err)
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}
