//go:build !unix

package safefile

// openNoBlock: there are no named pipes to wait on in the file system here.
const openNoBlock = 0
