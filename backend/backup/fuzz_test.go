package backup

import (
	"bytes"
	"testing"
	"time"

	"acmedesk/backend/store"
)

// FuzzRead feeds the reader arbitrary files, and the same files with a fitting
// checksum so the fuzzer reaches the header and payload parsing.
func FuzzRead(f *testing.F) {
	// Keep the key derivation cheap whatever the fuzzer writes into a header.
	Limits.MaxTime, Limits.MaxMemoryKiB, Limits.MaxThreads = 2, 4096, 2
	valid, err := Encrypt(&Contents{SchemaVersion: store.SchemaVersion, CreatedAt: time.Unix(0, 0).UTC(),
		Buckets: map[store.Bucket][]Entry{store.Keys: {{Key: []byte("id"), Value: []byte(`{"name":"k"}`)}}},
		Secrets: map[string][]byte{"id": []byte("secret")}}, pass)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(valid[:prefixSize])
	f.Add([]byte("ACMEDESK-BACKUP"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range [][]byte{data, fixChecksum(data)} {
			c, err := Read(bytes.NewReader(b), pass)
			if err == nil && (c == nil || c.Buckets == nil || c.Secrets == nil) {
				t.Fatal("no error, but no usable contents")
			}
		}
	})
}

func fixChecksum(b []byte) []byte {
	if len(b) < checksumSize {
		return b
	}
	return withChecksum(b)
}
