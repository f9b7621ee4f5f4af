// Package datadir finds and prepares the per-user folder that holds ACME Desk's data.
package datadir

import (
	"fmt"
	"os"
	"path/filepath"
)

// EnvHome overrides the data folder (tests, portable use).
const EnvHome = "ACMEDESK_HOME"

// Resolve returns the data folder: $ACMEDESK_HOME, else <user config dir>/acmedesk.
func Resolve() (string, error) {
	if dir := os.Getenv(EnvHome); dir != "" {
		return filepath.Abs(dir)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user configuration folder (set %s): %w", EnvHome, err)
	}
	return filepath.Join(base, "acmedesk"), nil
}

// Prepare creates dir if needed and makes it readable by its owner only, also
// when it already existed with wider permissions.
func Prepare(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the data folder %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("cannot restrict the data folder %s to its owner: %w", dir, err)
	}
	return nil
}
