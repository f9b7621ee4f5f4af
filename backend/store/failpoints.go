//go:build failpoints

package store

import (
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
)

func init() {
	n, err := strconv.Atoi(os.Getenv(EnvKillAtUpdate))
	if err != nil || n < 1 {
		return
	}
	var count atomic.Int64
	beforeUpdate = func() {
		if count.Add(1) == int64(n) {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
}
