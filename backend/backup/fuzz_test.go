package backup

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/settings"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// The fuzz targets are in three layers, so that each one reaches its code at
// thousands of inputs a second:
//
//   - FuzzPayload feeds the JSON payload parser beneath the seal
//     (decodePayload) and plans a merge of what it accepts: a mutated payload
//     never gets past the AEAD, so no file-level target can reach it;
//   - FuzzSealRoundTrip seals random contents under random passphrases and
//     opens them again, with a wrong passphrase and with each byte changed;
//   - FuzzRead feeds the file framing and the header (length, checksum, JSON,
//     Argon2id limits) whole files and bare headers.
//
// The Argon2id cost is brought down to the least the format allows
// (cheapKDF, cheapLimits) while a target runs: Argon2 on each input is what
// kept the former FuzzRead at 0 execs/s.

// cheapKDF is the least Argon2id cost checkHeader accepts (8 KiB per thread).
var cheapKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 8, Threads: 1}

// cheapen sets the Argon2id cost of new backups, and the most Read accepts, to
// a few kilobytes for the rest of f.
func cheapen(f *testing.F) {
	kdf, limits := KDF, vault.KDFLimits
	f.Cleanup(func() { KDF, vault.KDFLimits = kdf, limits })
	KDF = cheapKDF
	// A header may still ask for more than cheapKDF (and is refused above this).
	vault.KDFLimits.MaxTime, vault.KDFLimits.MaxMemoryKiB, vault.KDFLimits.MaxThreads = 2, 64, 2
}

// realContents is what Collect reads from a store holding a record of every
// kind (as populated, for a testing.F), with the store and vault it came from.
func realContents(f *testing.F) (*store.DB, *vault.Vault, *Contents) {
	db, err := store.Open(filepath.Join(f.TempDir(), store.FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	v := vault.New(db, nil)
	if err := v.InitPassphrase("fuzz vault passphrase"); err != nil {
		f.Fatal(err)
	}
	ks, cs, creds := keys.NewService(db, v), cas.NewService(db), credentials.NewService(db, v)
	as := accounts.NewService(db, ks, cs, creds)
	ctx := context.Background()
	k, err := ks.Generate(ctx, "Prod key", "the one", keys.EC256)
	if err != nil {
		f.Fatal(err)
	}
	ca, err := cs.AddCustom(cas.CustomInput{Name: "Internal CA", DirectoryURL: "https://acme.internal.example/directory"})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := creds.Create(credentials.Input{Name: "Admin password", Kind: "password", Values: map[string]string{"username": "admin", "password": "s3cret-ü"}}); err != nil {
		f.Fatal(err)
	}
	if _, err := as.Create(ctx, accounts.NewInput{Name: "Internal", CAID: ca.ID, KeyID: k.ID, Contacts: []string{"ops@example.com"},
		EABKeyID: "kid-7", EABHMAC: "c2VjcmV0LWhtYWMta2V5LTEyMzQ1Njc4OTA"}); err != nil {
		f.Fatal(err)
	}
	if _, err := as.Create(ctx, accounts.NewInput{Name: "LE", CAID: "letsencrypt", Contacts: []string{"le@example.com"}}); err != nil {
		f.Fatal(err)
	}
	if err := settings.NewService(db).Save(settings.Settings{ShowDebug: true}); err != nil {
		f.Fatal(err)
	}
	c, err := Collect(db, v)
	if err != nil {
		f.Fatal(err)
	}
	return db, v, c
}

func smallContents() *Contents {
	return &Contents{SchemaVersion: store.SchemaVersion, CreatedAt: time.Unix(0, 0).UTC(),
		Buckets: map[store.Bucket][]Entry{store.Keys: {{Key: []byte("id"), Value: []byte(`{"name":"k"}`)}}},
		Secrets: map[string][]byte{"id": []byte("secret")}}
}

// FuzzPayload feeds the parser of an opened backup's payload, and plans a
// merge of what it accepts into a store holding records of every kind (the
// store the real seed came from: its records are the same, changed or new).
func FuzzPayload(f *testing.F) {
	db, v, real := realContents(f)
	for _, c := range []*Contents{real, smallContents()} {
		b, err := json.Marshal(c)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, c.SchemaVersion)
	}
	f.Add([]byte(`{"schema_version":1,"created_at":"2024-01-01T00:00:00Z","buckets":{},"secrets":null}`), 1)
	f.Add([]byte(`{"schema_version":1,"buckets":{"secrets":[]}}`), 1)
	f.Add([]byte(`{"schema_version":1,"buckets":{"refs":[{"k":"YS9i","v":"e30="}],"keys_by_name":[{"k":"eA==","v":"eQ=="}]}}`), 1)
	f.Add([]byte(`{"schema_version":2,"buckets":{}}`), 1)
	f.Add([]byte(`null`), 0)
	f.Fuzz(func(t *testing.T, payload []byte, schema int) {
		c, err := decodePayload(bytes.Clone(payload), schema)
		if err != nil {
			if e := apperr.From(err); e.Code != apperr.CodeInvalidInput || c != nil {
				t.Fatalf("refused with %#v, contents %v", e, c)
			}
			return
		}
		if c.SchemaVersion != schema || c.Buckets == nil || c.Secrets == nil {
			t.Fatalf("accepted unusable contents: %+v", c)
		}
		if _, ok := c.Buckets[store.Secrets]; ok {
			t.Fatal("accepted sealed secrets")
		}
		// What is accepted is written again as it was read.
		again, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("accepted contents cannot be written again: %v", err)
		}
		c2, err := decodePayload(again, schema)
		if err != nil {
			t.Fatalf("contents written again are refused: %v", err)
		}
		if !sameContents(c, c2) {
			t.Fatalf("contents change when written again:\n%s\n%s", again, mustJSON(t, c2))
		}
		// Every entry belongs to one record group.
		n := len(c.Secrets)
		for b, es := range c.Buckets {
			for _, e := range es {
				if b != store.Meta || (string(e.Key) != vaultMetaKey && string(e.Key) != schemaMetaKey) {
					n++
				}
			}
		}
		gs := c.groups()
		for _, g := range gs {
			n -= len(g.entries)
		}
		if n != 0 {
			t.Fatalf("%d entries are in no group, or in two", n)
		}
		p, err := PlanMerge(db, v, c)
		if err != nil {
			if e := apperr.From(err); e.Code == apperr.CodeInternal {
				t.Fatalf("merge plan: %#v", e)
			}
			return
		}
		if got := len(p.Add) + len(p.Same) + len(p.Replace) + len(p.Conflicts); got != len(gs) || len(p.Replace) != 0 {
			t.Fatalf("plan of %d records for %d groups: %+v", got, len(gs), p)
		}
		var replace []string
		for _, it := range p.Conflicts {
			if it.Reason == "" {
				t.Fatalf("conflict without a reason: %+v", it)
			}
			if it.Replaceable {
				replace = append(replace, it.ID)
			}
		}
		if len(replace) > 0 {
			if _, err := PlanMerge(db, v, c, replace...); err != nil {
				if e := apperr.From(err); e.Code == apperr.CodeInternal {
					t.Fatalf("merge plan replacing %v: %#v", replace, e)
				}
			}
		}
	})
}

func sameContents(a, b *Contents) bool {
	if a.SchemaVersion != b.SchemaVersion || !a.CreatedAt.Equal(b.CreatedAt) || len(a.Buckets) != len(b.Buckets) || len(a.Secrets) != len(b.Secrets) {
		return false
	}
	for k, es := range a.Buckets {
		es2, ok := b.Buckets[k]
		if !ok || len(es) != len(es2) {
			return false
		}
		for i := range es {
			if !bytes.Equal(es[i].Key, es2[i].Key) || !bytes.Equal(es[i].Value, es2[i].Value) {
				return false
			}
		}
	}
	for k, s := range a.Secrets {
		s2, ok := b.Secrets[k]
		if !ok || !bytes.Equal(s, s2) {
			return false
		}
	}
	return true
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzSealRoundTrip: what is sealed under a passphrase opens with it as it
// was, and does not open with another passphrase (even flip) or with any byte
// changed (odd flip: which byte, and how).
func FuzzSealRoundTrip(f *testing.F) {
	cheapen(f)
	f.Add("keys", []byte("id"), []byte(`{"name":"k"}`), "id", []byte("secret"), pass, uint32(0))
	f.Add("meta", []byte("settings"), []byte(`{"showDebug":true}`), "", []byte{}, "ünïcödé passphrase", uint32(17))
	f.Add("secrets", []byte("id"), []byte("sealed"), "id", []byte("x"), pass, uint32(200))
	f.Add("accounts", []byte("acct"), []byte(`{"name":"LE","kid":"https://x/acct/1"}`), "acct", []byte("k"), pass, uint32(0x5a000199))
	f.Add("cas", []byte{}, []byte(nil), "k\x00y", []byte{0xff, 0}, "short", uint32(1<<31))
	f.Fuzz(func(t *testing.T, bucket string, key, value []byte, id string, secret []byte, passphrase string, flip uint32) {
		// Bucket names and record ids are JSON object keys: valid UTF-8 in every store.
		bucket, id = strings.ToValidUTF8(bucket, "\uFFFD"), strings.ToValidUTF8(id, "\uFFFD")
		c := &Contents{SchemaVersion: store.SchemaVersion, CreatedAt: time.Date(2024, 5, 6, 7, 8, 9, 10, time.UTC),
			Buckets: map[store.Bucket][]Entry{store.Bucket(bucket): {{Key: key, Value: value}}},
			Secrets: map[string][]byte{id: bytes.Clone(secret)}}
		data, err := Encrypt(c, passphrase)
		if checkPassphrase(passphrase) != nil {
			if err == nil {
				t.Fatal("sealed under a passphrase that is refused")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decrypt(data, passphrase)
		if bucket == string(store.Secrets) {
			if err == nil {
				t.Fatal("opened a backup holding sealed secrets")
			}
			return
		}
		if err != nil {
			t.Fatalf("sealed contents do not open: %v", err)
		}
		if !sameContents(c, got) {
			t.Fatalf("opened %+v, sealed %+v", got, c)
		}
		// Each open costs an Argon2id derivation: one more check per input, chosen by flip.
		if flip&1 == 0 {
			if _, err := Decrypt(data, passphrase+"!"); apperr.From(err).Code != apperr.CodeWrongPass {
				t.Fatalf("another passphrase: %v", err)
			}
			return
		}
		body := bytes.Clone(data[:len(data)-checksumSize])
		body[int(flip%uint32(len(body)))] ^= byte(flip>>24) | 1
		changed := withChecksum(append(body, make([]byte, checksumSize)...))
		if _, err := Decrypt(changed, passphrase); err == nil {
			t.Fatalf("opened with byte %d changed", flip%uint32(len(body)))
		}
	})
}

// FuzzRead feeds the reader arbitrary files, the same files with a fitting
// checksum (so the fuzzer reaches the header), and each input as the header
// of a valid file (length and checksum fitting): a header that is not the
// one the file was sealed with never opens it.
func FuzzRead(f *testing.F) {
	cheapen(f)
	valid, err := Encrypt(smallContents(), pass)
	if err != nil {
		f.Fatal(err)
	}
	hlen := int(binary.BigEndian.Uint32(valid[len(magic)+1:]))
	validHeader := valid[prefixSize : prefixSize+hlen]
	sealed := valid[prefixSize+hlen : len(valid)-checksumSize]
	frame := func(h []byte) []byte {
		out := append([]byte(magic), FormatVersion)
		out = binary.BigEndian.AppendUint32(out, uint32(len(h)))
		out = append(append(out, h...), sealed...)
		return withChecksum(append(out, make([]byte, checksumSize)...))
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(valid[:prefixSize])
	f.Add([]byte(magic))
	f.Add([]byte{})
	f.Add(bytes.Clone(validHeader))
	var h header
	if err := json.Unmarshal(validHeader, &h); err != nil {
		f.Fatal(err)
	}
	for _, change := range []func(*header){
		func(h *header) { h.KDF.Time = 100 },
		func(h *header) { h.KDF.MemoryKiB = 1 << 30 },
		func(h *header) { h.KDF.Threads = 0 },
		func(h *header) { h.KDF.Salt = h.KDF.Salt[:4] },
		func(h *header) { h.Cipher = "aes-256-gcm" },
		func(h *header) { h.Nonce = h.Nonce[:12] },
		func(h *header) { h.SchemaVersion = store.SchemaVersion + 1 },
		func(h *header) { h.CreatedAt = h.CreatedAt.Add(time.Second) },
	} {
		h2 := h
		change(&h2)
		b, err := json.Marshal(h2)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range [][]byte{data, fixChecksum(data)} {
			c, err := Read(bytes.NewReader(b), pass)
			if err == nil && (c == nil || c.Buckets == nil || c.Secrets == nil) {
				t.Fatal("no error, but no usable contents")
			}
		}
		if len(data) > maxHeader {
			return
		}
		c, err := Decrypt(frame(data), pass)
		if opens := bytes.Equal(data, validHeader); opens != (err == nil) {
			t.Fatalf("header %q: opens %v, error %v", data, opens, err)
		}
		if err == nil && !sameContents(c, smallContents()) {
			t.Fatalf("opened %+v", c)
		}
	})
}

func fixChecksum(b []byte) []byte {
	if len(b) < checksumSize {
		return b
	}
	return withChecksum(b)
}
