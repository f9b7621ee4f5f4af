// Package datadir finds and prepares the per-user folder that holds ACME Desk's data.
package datadir

import (
	"fmt"
	"os"
	"path/filepath"

	"acmedesk/backend/apperr"
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

// Check refuses a data folder path that exists but is not a folder (say,
// ACMEDESK_HOME set to a file): nothing can be made or read there.
func Check(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return apperr.Newf(apperr.CodeInvalidInput, "Set "+EnvHome+" to a folder, or unset it to use the default one.",
			"ACME Desk's data folder %s is a file, not a folder.", dir)
	}
	return nil
}

// Prepare creates dir if needed and makes it readable by its owner only, also
// when it already existed with wider permissions.
func Prepare(dir string) error {
	if err := Check(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot create ACME Desk's data folder "+dir+".",
			"Check that its parent folder is writable by you, or set "+EnvHome+" to another folder.")
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot make ACME Desk's data folder "+dir+" readable by you only.",
			"Check that the folder is yours.")
	}
	return nil
}
