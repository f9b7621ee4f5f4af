// Package backup writes every record and secret of ACME Desk into one file
// encrypted with a passphrase, and restores it into an empty store or merges
// it into one in use.
//
// File layout (all integers big-endian):
//
//	"ACMEDESK-BACKUP"  15 bytes, magic
//	version            1 byte (FormatVersion)
//	header length      4 bytes
//	header             JSON: Argon2id parameters and salt, AEAD name and nonce,
//	                   a passphrase check, schema version, creation time
//	payload            XChaCha20-Poly1305 of the JSON payload under the
//	                   Argon2id key; associated data: everything before it
//	checksum           32 bytes, SHA-256 of everything before it
//
// The checksum tells a damaged or truncated file from a wrong passphrase
// before any key is derived; the passphrase check tells a wrong passphrase;
// the AEAD protects against deliberate changes. Secrets are not copied sealed:
// each is unsealed with the current vault key and put in the (encrypted)
// payload, so the backup restores on another machine with another vault key.
// The vault's own parameters (meta "vault") are never written.
//
// Unlike the other packages, which each keep to their own buckets and ask
// the owner's service for the rest, backup reads and writes every bucket
// itself: it copies the whole database as it is, records it knows nothing
// about included (store's ownership test lets it).
package backup

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"acmedesk/backend/apperr"
	"acmedesk/backend/safefile"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/vault"
)

const (
	magic = "ACMEDESK-BACKUP"
	// FormatVersion is the version of the file layout this build writes and reads.
	FormatVersion = 1
	cipherName    = "xchacha20-poly1305"
	checkText     = "acmedesk backup passphrase check"
	checksumSize  = sha256.Size
	prefixSize    = len(magic) + 1 + 4
	maxHeader     = 16 << 10
	// vaultMetaKey is the vault's entry in the meta bucket: machine-specific, never backed up.
	vaultMetaKey  = "vault"
	schemaMetaKey = "schema_version"
)

// MaxFileSize bounds what Read accepts.
var MaxFileSize int64 = 256 << 20

// Open opens the backup file at path for Read: a regular file of at most
// MaxFileSize, refused (with what it is) before a byte of it is read.
func Open(path string) (*os.File, error) {
	f, err := safefile.Open(path, MaxFileSize)
	if err != nil {
		return nil, safefile.Refusal(err, "backup file", path)
	}
	return f, nil
}

// KDF is the Argon2id cost of new backups (RFC 9106's second recommended option).
var KDF = vault.KDFParams{Algorithm: "argon2id", Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

type header struct {
	KDF           vault.KDFParams `json:"kdf"`
	Cipher        string          `json:"cipher"`
	Nonce         []byte          `json:"nonce"`
	Check         []byte          `json:"check"` // checkText sealed under the key, with CheckNonce
	CheckNonce    []byte          `json:"check_nonce"`
	SchemaVersion int             `json:"schema_version"`
	CreatedAt     time.Time       `json:"created_at"`
}

// Entry is one key and value of a bucket.
type Entry struct {
	Key   []byte `json:"k"`
	Value []byte `json:"v"`
}

// Contents is a decrypted backup. Secrets holds plaintext: keep it in memory only, and Wipe it after use.
type Contents struct {
	SchemaVersion int                      `json:"schema_version"`
	CreatedAt     time.Time                `json:"created_at"`
	Buckets       map[store.Bucket][]Entry `json:"buckets"` // without store.Secrets
	// Secrets maps a record id to its secret, unsealed.
	Secrets map[string][]byte `json:"secrets"`
}

// Wipe overwrites the secrets in memory.
func (c *Contents) Wipe() {
	for _, s := range c.Secrets {
		clear(s)
	}
}

func checkPassphrase(p string) error {
	if n := utf8.RuneCountInString(p); n < vault.MinPassphraseLength || len(p) > 1024 {
		return apperr.Newf(apperr.CodeInvalidInput, "A few unrelated words make a passphrase that is long and easy to remember.",
			"The backup passphrase must be at least %d characters long.", vault.MinPassphraseLength)
	}
	return nil
}

// Collect reads every record of db, with its secrets unsealed by v.
func Collect(db *store.DB, v *vault.Vault) (*Contents, error) {
	c := &Contents{SchemaVersion: store.SchemaVersion, CreatedAt: time.Now().UTC(), Buckets: map[store.Bucket][]Entry{}, Secrets: map[string][]byte{}}
	err := db.View(func(tx *store.Tx) error {
		for _, b := range tx.Buckets() {
			entries := []Entry{}
			err := tx.ForEach(b, func(k, val []byte) error {
				if b == store.Meta && (string(k) == vaultMetaKey || string(k) == schemaMetaKey) {
					return nil
				}
				if b == store.Secrets {
					plain, err := v.Unseal(string(k), val)
					if err != nil {
						return apperr.Wrap(err, apperr.CodeInternal, fmt.Sprintf("The secret of record %s cannot be decrypted, so no backup was written.", k),
							"Fix or delete that record, then back up again.")
					}
					c.Secrets[string(k)] = plain
					return nil
				}
				entries = append(entries, Entry{Key: bytes.Clone(k), Value: bytes.Clone(val)})
				return nil
			})
			if err != nil {
				return err
			}
			if b != store.Secrets {
				c.Buckets[b] = entries
			}
		}
		return nil
	})
	if err != nil {
		c.Wipe()
		return nil, err
	}
	return c, nil
}

// Write writes an encrypted backup of everything in db to w.
func Write(db *store.DB, v *vault.Vault, w io.Writer, passphrase string) error {
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	c, err := Collect(db, v)
	if err != nil {
		return err
	}
	defer c.Wipe()
	data, err := Encrypt(c, passphrase)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return apperr.Wrap(err, apperr.CodeInternal, "The backup could not be written.", "Check the free space and try again.")
	}
	return nil
}

// WriteFile writes the backup to path, readable by its owner only, through a
// temporary file: a failure never leaves half a backup under that name.
func WriteFile(db *store.DB, v *vault.Vault, path, passphrase string) error {
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	removeAbandoned(dir)
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write to that folder.", "Choose a folder you can write to.")
	}
	defer os.Remove(tmp.Name())
	err = hold(tmp)
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = Write(db, v, tmp, passphrase)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		if _, ok := err.(*apperr.Error); ok {
			return err
		}
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write the backup file.", "Choose another place to save it.")
	}
	return nil
}

// tempPattern names the file a backup is written to before it takes its name.
const tempPattern = ".acmedesk-backup-*"

// removeAbandoned deletes the temporary files of backups that were killed
// while writing into dir (their writer holds them no more).
func removeAbandoned(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, m := range matches {
		if abandoned(m) {
			os.Remove(m)
		}
	}
}

// Encrypt seals c into the backup file format.
func Encrypt(c *Contents, passphrase string) ([]byte, error) {
	if err := checkPassphrase(passphrase); err != nil {
		return nil, err
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	defer clear(payload)
	h := header{KDF: KDF, Cipher: cipherName, SchemaVersion: c.SchemaVersion, CreatedAt: c.CreatedAt}
	h.KDF.Salt = random(16)
	h.Nonce, h.CheckNonce = random(chacha20poly1305.NonceSizeX), random(chacha20poly1305.NonceSizeX)
	key := deriveKey(passphrase, h.KDF)
	aead, err := chacha20poly1305.NewX(key)
	clear(key)
	if err != nil {
		return nil, err
	}
	h.Check = aead.Seal(nil, h.CheckNonce, []byte(checkText), []byte(magic))
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, prefixSize+len(hb)+len(payload)+aead.Overhead()+checksumSize)
	out = append(out, magic...)
	out = append(out, FormatVersion)
	out = binary.BigEndian.AppendUint32(out, uint32(len(hb)))
	out = append(out, hb...)
	out = aead.Seal(out, h.Nonce, payload, out) // associated data: magic, version and header
	sum := sha256.Sum256(out)
	return append(out, sum[:]...), nil
}

func deriveKey(passphrase string, p vault.KDFParams) []byte {
	return argon2.IDKey([]byte(passphrase), p.Salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
}

func random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

var errNotBackup = apperr.New(apperr.CodeInvalidInput, "This is not an ACME Desk backup file.", "Choose a file written by ACME Desk's backup.")

func damaged(what string) error {
	return apperr.New(apperr.CodeInvalidInput, "The backup file is damaged or incomplete: "+what+".",
		"Nothing was changed. Use another copy of the backup.")
}

// Read reads and decrypts a backup. A wrong passphrase, a damaged or truncated
// file each give a clear error; nothing is changed anywhere.
func Read(r io.Reader, passphrase string) (*Contents, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The backup file cannot be read.", "")
	}
	if int64(len(data)) > MaxFileSize {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose an ACME Desk backup file.", "The file is larger than any ACME Desk backup (%d MiB).", MaxFileSize>>20)
	}
	return Decrypt(data, passphrase)
}

// Decrypt opens a backup held in memory; see Read.
func Decrypt(data []byte, passphrase string) (*Contents, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errNotBackup
	}
	if len(data) < prefixSize+checksumSize {
		return nil, damaged("it ends right after its first bytes")
	}
	if v := data[len(magic)]; v != FormatVersion {
		return nil, apperr.Newf(apperr.CodeUnsupported, "Use the ACME Desk version that wrote it, or a newer one.",
			"This backup uses file format %d; this ACME Desk reads format %d.", v, FormatVersion)
	}
	body, sum := data[:len(data)-checksumSize], data[len(data)-checksumSize:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, damaged("its checksum does not match (a changed byte, or the end of the file is missing)")
	}
	hlen := int(binary.BigEndian.Uint32(data[len(magic)+1:]))
	if hlen > maxHeader || prefixSize+hlen > len(body) {
		return nil, damaged("its header has an impossible length")
	}
	var h header
	if err := json.Unmarshal(body[prefixSize:prefixSize+hlen], &h); err != nil {
		return nil, damaged("its header cannot be read")
	}
	if err := checkHeader(&h); err != nil {
		return nil, err
	}
	if h.SchemaVersion > store.SchemaVersion {
		return nil, apperr.Newf(apperr.CodeUnsupported, "Install the newer ACME Desk that wrote this backup.",
			"This backup holds data of a newer ACME Desk (schema %d; this one knows %d).", h.SchemaVersion, store.SchemaVersion)
	}
	key := deriveKey(passphrase, h.KDF)
	aead, err := chacha20poly1305.NewX(key)
	clear(key)
	if err != nil {
		return nil, err
	}
	if _, err := aead.Open(nil, h.CheckNonce, h.Check, []byte(magic)); err != nil {
		return nil, apperr.New(apperr.CodeWrongPass, "Wrong passphrase for this backup.", "Check the keyboard layout and Caps Lock, then try again. Nothing was changed.")
	}
	ad := body[:prefixSize+hlen]
	payload, err := aead.Open(nil, h.Nonce, body[prefixSize+hlen:], ad)
	if err != nil {
		return nil, damaged("its encrypted contents do not match its header (the file was altered)")
	}
	defer clear(payload)
	return decodePayload(payload, h.SchemaVersion)
}

// decodePayload reads the JSON payload of an opened backup whose header
// claims schemaVersion.
func decodePayload(payload []byte, schemaVersion int) (*Contents, error) {
	var c Contents
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, damaged("its contents cannot be read")
	}
	if c.SchemaVersion != schemaVersion || c.Buckets == nil {
		c.Wipe()
		return nil, damaged("its contents do not match its header")
	}
	if c.Secrets == nil {
		c.Secrets = map[string][]byte{}
	}
	if _, ok := c.Buckets[store.Secrets]; ok {
		c.Wipe()
		return nil, damaged("it holds sealed secrets, which a backup never does")
	}
	return &c, nil
}

func checkHeader(h *header) error {
	k := h.KDF
	switch {
	case h.Cipher != cipherName:
		return apperr.Newf(apperr.CodeUnsupported, "Use the ACME Desk version that wrote it.", "This backup is encrypted with %q, which this ACME Desk does not know.", textfield.Truncate(h.Cipher, 40))
	case k.Algorithm != "argon2id":
		return apperr.Newf(apperr.CodeUnsupported, "Use the ACME Desk version that wrote it.", "This backup's passphrase is derived with %q, which this ACME Desk does not know.", textfield.Truncate(k.Algorithm, 40))
	case k.Check() != nil: // the bounds the vault applies to its own (vault.KDFLimits)
		return damaged("its key-derivation settings are out of range")
	case len(h.Nonce) != chacha20poly1305.NonceSizeX || len(h.CheckNonce) != chacha20poly1305.NonceSizeX || len(h.Check) == 0:
		return damaged("its encryption settings are out of range")
	}
	return nil
}
