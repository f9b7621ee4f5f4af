package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/datadir"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func vaultCommand() *cobra.Command {
	status := leaf("status", "Say how the vault is protected and whether it is locked.", reads, vaultStatus)
	// vault init opens the store itself: core.Open would create a keychain vault first when a keychain answers.
	initCmd := leaf("init", "Create a passphrase-protected vault in a new data folder (for machines without a keychain).", ownFolder, vaultInit)
	explain(initCmd,
		"Later commands unlock it with --vault-passphrase-file FILE, "+EnvVaultPassphraseFile+", or a prompt.")
	fileFlag(initCmd, "passphrase-file", "the vault passphrase (at least 10 characters); else prompted")
	return group("vault", "The vault that seals secrets: status, init.", status, initCmd)
}

func vaultStatus(c *ctx) error {
	st, err := c.core.Vault.Status()
	if err != nil {
		return err
	}
	return c.print(st, func(w io.Writer) {
		fmt.Fprintf(w, "Vault: %s", st.State)
		if st.Protection != "" {
			fmt.Fprintf(w, " (%s)", st.Protection)
		}
		fmt.Fprintln(w)
		if st.KeychainProblem != "" {
			fmt.Fprintln(w, shown(st.KeychainProblem))
		}
		if st.KeychainHint != "" {
			fmt.Fprintln(w, "  "+shown(st.KeychainHint))
		}
	})
}

// vaultInit opens the store itself: core.Open would create a keychain vault first when a keychain answers.
func vaultInit(c *ctx) (err error) {
	dir, err := datadir.Resolve()
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot find ACME Desk's data folder.", "Set ACMEDESK_HOME to the data folder.")
	}
	// The passphrase first: a command that fails creates nothing.
	pass, err := c.newSecret("New vault passphrase: ", c.flag("passphrase-file"))
	if err != nil {
		return err
	}
	if _, statErr := os.Stat(dir); errors.Is(statErr, fs.ErrNotExist) {
		defer func() {
			if err != nil {
				os.RemoveAll(dir) // made by this command, which failed
			}
		}()
	}
	if err := datadir.Prepare(dir); err != nil {
		return err
	}
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := vault.New(db, Keychain).InitPassphrase(pass); err != nil {
		return err
	}
	return c.print(map[string]string{"state": string(vault.StateUnlocked), "protection": string(vault.ProtectionPassphrase), "dataDir": dir}, func(w io.Writer) {
		fmt.Fprintf(w, "Created a passphrase-protected vault in %s.\n", dir)
	})
}
