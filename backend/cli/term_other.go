//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package cli

import (
	"context"
	"errors"
	"os"
)

// Without terminal support here, passphrases come from files or standard input.
func isTerminal(*os.File) bool { return false }

func readPassword(context.Context, *os.File) (string, error) {
	return "", errors.New("cannot read a passphrase from this terminal")
}
