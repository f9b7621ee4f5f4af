// Package store keeps ACME Desk's records in one bbolt file: a bucket per record
// kind, JSON values, a schema version with migrations, one transaction per change.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"acmedesk/backend/apperr"
)

// Bucket names a kind of record. Each belongs to the package that keeps those
// records (bucketOwners, in ownership_test.go, says which): other packages ask
// its service.
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
	bolt       *bolt.DB
	holderNote string // removed at Close
}

// Open opens (or creates) the database at path, owner-only, and migrates it.
// A damaged file is reported as such (CodeDamaged) and left as it is. While
// it is open, a note beside it says who holds it (Holder), for the message
// another process gets.
func Open(path string) (*DB, error) {
	db, err := open(path, false)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		db.bolt.Close()
		return nil, fmt.Errorf("restricting %s to its owner: %w", path, err)
	}
	if err := db.migrate(); err != nil {
		db.bolt.Close()
		return nil, err
	}
	db.holderNote = writeHolder(path)
	return db, nil
}

// ErrNoData: OpenReadOnly found no database to read.
var ErrNoData = errors.New("no database yet")

// errOlderSchema: the file needs a migration, which a reader cannot make.
var errOlderSchema = errors.New("the data needs migrating first")

// OpenReadOnly opens an existing database for reading only, sharing it with
// other readers and writing nothing (a read-only data folder can be listed).
// ErrNoData when there is none; a file an older ACME Desk wrote needs Open.
func OpenReadOnly(path string) (*DB, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoData
	}
	db, err := open(path, true)
	if err != nil {
		return nil, err
	}
	version, err := db.schemaVersion()
	if err == nil && version != len(migrations) {
		err = errOlderSchema
		if version > len(migrations) {
			err = db.migrate() // says which ACME Desk to install
		}
	}
	if err == nil {
		err = db.bucketsPresent()
	}
	if err != nil {
		db.bolt.Close()
		return nil, err
	}
	return db, nil
}

// IsOlderSchema reports OpenReadOnly's refusal of data that Open must migrate.
func IsOlderSchema(err error) bool { return errors.Is(err, errOlderSchema) }

func open(path string, readOnly bool) (*DB, error) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		err := damaged(path, errors.New("the file is empty"))
		e := apperr.From(err)
		e.Hint = "An interrupted first start leaves an empty file: if ACME Desk held nothing yet, delete " + path + ". " + e.Hint
		return nil, e
	}
	if err := inspect(path); err != nil {
		return nil, damaged(path, err)
	}
	b, err := openBolt(path, readOnly)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, apperr.Wrap(err, apperr.CodeDatabaseInUse,
			"ACME Desk's data is in use by "+readHolder(path)+".",
			"Close it, then try again. Data folder: "+filepath.Dir(path))
	}
	var de *damageError
	if errors.As(err, &de) || isCorrupt(err) {
		return nil, damaged(path, err)
	}
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "Cannot open ACME Desk's database.", "Check that "+path+" is readable and writable by you.")
	}
	return &DB{bolt: b}, nil
}

func openBolt(path string, readOnly bool) (b *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer guard(&err)
	return bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: readOnly})
}

// isCorrupt reports bbolt's own verdicts on a file that is not a sound database.
func isCorrupt(err error) bool {
	return errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) ||
		errors.Is(err, bolterrors.ErrVersionMismatch) || (err != nil && strings.Contains(err.Error(), "file size too small"))
}

// decodeError: a record that is not JSON was not written by ACME Desk: the
// file is damaged. A record of another shape is a programming error.
func (t *Tx) decodeError(b Bucket, id string, err error) error {
	err = fmt.Errorf("decoding %s/%s: %w", b, id, err)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) {
		return damaged(t.tx.DB().Path(), err)
	}
	return err
}

// damageError is a panic or memory fault inside bbolt, caught: the file's
// pages are not what bbolt wrote.
type damageError struct{ cause any }

func (e *damageError) Error() string {
	return fmt.Sprintf("bbolt failed on a damaged page: %v", e.cause)
}

// guard turns a panic or memory fault (SIGBUS on a truncated file) of the
// calling goroutine into a damageError.
func guard(err *error) {
	if r := recover(); r != nil && (isFault(r) || panickedInBolt()) {
		*err = &damageError{cause: r}
	}
}

func damaged(path string, cause error) error {
	return apperr.Wrap(cause, apperr.CodeDamaged, "ACME Desk's database is damaged, so it cannot be opened.",
		"The file was left as it is ("+path+"). Restore your latest backup into a new data folder "+
			"(Restore a backup into a new data folder, in the window, or `acmedesk recover BACKUP-FILE`): the damaged folder is kept aside as it is.")
}

func (db *DB) migrate() error {
	version, err := db.schemaVersion()
	if err != nil {
		return err
	}
	if version > len(migrations) {
		return apperr.Newf(apperr.CodeUnsupported, "Install the newer ACME Desk that wrote this data.",
			"This data was written by a newer ACME Desk (schema %d; this one knows %d).", version, len(migrations))
	}
	if version == len(migrations) {
		return db.bucketsPresent() // nothing to write: opening to read changes nothing
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		for v := version; v < len(migrations); v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrating schema to %d: %w", v+1, err)
			}
		}
		return tx.Bucket([]byte(Meta)).Put([]byte(schemaKey), []byte(strconv.Itoa(len(migrations))))
	})
}

// allBuckets are the buckets the migrations make.
var allBuckets = []Bucket{Meta, Keys, Secrets, Refs, KeysByFingerprint, KeysByName, CAs, DirectoryCache, Accounts, Credentials}

// bucketsPresent: a file whose schema is current but lacks a bucket was damaged.
func (db *DB) bucketsPresent() error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket([]byte(b)) == nil {
				return damaged(db.Path(), fmt.Errorf("bucket %q is missing", b))
			}
		}
		return nil
	})
}

func (db *DB) schemaVersion() (version int, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(Meta))
		if meta == nil {
			return nil
		}
		v := meta.Get([]byte(schemaKey))
		if v == nil {
			return nil
		}
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return fmt.Errorf("corrupt schema version %q", v)
		}
		version = n
		return nil
	})
	return version, err
}

// Close releases the file and its lock.
func (db *DB) Close() error {
	if db.holderNote != "" {
		os.Remove(db.holderNote)
	}
	return db.bolt.Close()
}

// Path is the database file.
func (db *DB) Path() string { return db.bolt.Path() }

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(*Tx) error) error {
	return db.guarded(func() error { return db.bolt.View(func(tx *bolt.Tx) error { return fn(&Tx{tx}) }) })
}

// EnvKillAtUpdate, in a build with the failpoints tag (tests only), names the
// read-write transaction (1, 2, …) at whose start the process SIGKILLs
// itself: tests stop a command between any two of its writes with it.
const EnvKillAtUpdate = "ACMEDESK_FAILPOINT_KILL_AT_UPDATE"

// beforeUpdate runs as each read-write transaction begins: a no-op, except in
// builds with the failpoints tag, whose tests kill the process there.
var beforeUpdate = func() {}

// Update runs fn in a read-write transaction: all of it is written, or none.
func (db *DB) Update(fn func(*Tx) error) error {
	beforeUpdate()
	return db.guarded(func() error { return db.bolt.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx}) }) })
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
		return false, t.decodeError(b, id, err)
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
			return t.decodeError(b, string(k), err)
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// Find decodes the record under id of bucket b; missing, which each kind of
// record words for people, is the error when there is none.
func Find[T any](t *Tx, b Bucket, id string, missing error) (*T, error) {
	var rec T
	ok, err := t.Get(b, id, &rec)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, missing
	}
	return &rec, nil
}

// Read runs fn in a read-only transaction and returns what it read.
func Read[T any](db *DB, fn func(*Tx) (T, error)) (T, error) {
	var out T
	err := db.View(func(tx *Tx) error {
		var err error
		out, err = fn(tx)
		return err
	})
	return out, err
}

// Change reads the record id, by get (which says when it is gone), and runs
// change on it, in one read-write transaction; it returns the record as
// change left it.
func Change[T any](db *DB, id string, get func(*Tx, string) (*T, error), change func(*Tx, *T) error) (*T, error) {
	var rec *T
	err := db.Update(func(tx *Tx) error {
		var err error
		if rec, err = get(tx, id); err != nil {
			return err
		}
		return change(tx, rec)
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// guarded runs a transaction with bbolt's panics and memory faults on damaged
// pages turned into a CodeDamaged error; a panic elsewhere (in fn) is an
// internal error, not damage.
func (db *DB) guarded(run func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if isFault(r) || panickedInBolt() {
				err = damaged(db.Path(), &damageError{cause: r})
			} else {
				err = apperr.Wrap(fmt.Errorf("panic: %v", r), apperr.CodeInternal, "Something went wrong inside ACME Desk.", "Nothing was changed.")
			}
		}
	}()
	return run()
}

// isFault reports a memory fault (SetPanicOnFault): a read of the mapped file
// that the file does not back, wherever the bytes were being read.
func isFault(r any) bool {
	err, ok := r.(runtime.Error)
	return ok && strings.Contains(err.Error(), "fault address")
}

// panickedInBolt reports, from a deferred recover, whether the panic was raised in bbolt's code.
func panickedInBolt() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt")
		}
		if !more {
			return false
		}
	}
}
