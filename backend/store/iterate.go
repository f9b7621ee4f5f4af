package store

import bolt "go.etcd.io/bbolt"

// Buckets lists the buckets in the file, in name order (for backups: the data
// decides, so a bucket added by a later migration is never forgotten).
func (t *Tx) Buckets() []Bucket {
	var out []Bucket
	t.tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		out = append(out, Bucket(name))
		return nil
	})
	return out
}

// ForEach calls fn with every key and value of bucket b, in key order. The
// slices are valid only during fn; fn must not change the bucket.
func (t *Tx) ForEach(b Bucket, fn func(k, v []byte) error) error {
	return t.bucket(b).ForEach(fn)
}
