//go:build unix

package safefile

import "syscall"

// openNoBlock makes opening a named pipe return at once instead of waiting for a writer.
const openNoBlock = syscall.O_NONBLOCK
