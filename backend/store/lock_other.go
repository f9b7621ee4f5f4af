//go:build !unix

package store

// Lock is a no-op where files that are open cannot be moved (Windows): there,
// moving the data folder aside fails while another process holds the database.
func Lock(string) (release func(), err error) { return func() {}, nil }
