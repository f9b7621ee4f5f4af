package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/core"
	"acmedesk/backend/datadir"
)

func backupCommand() *cobra.Command {
	cmd := leaf("backup FILE", "Write an encrypted backup of every record and secret.", unlocks, backupCmd)
	cmd.Args = cobra.ExactArgs(1)
	fileFlag(cmd, "passphrase-file", "the backup passphrase (at least 10 characters); else it is prompted on a terminal, or read as one line of standard input")
	return cmd
}

func restoreCommand() *cobra.Command {
	cmd := leaf("restore FILE", "Restore a backup into an empty data folder, or merge it.", unlocks, restoreCmd)
	explain(cmd, "A wrong passphrase or a damaged file changes nothing.")
	cmd.Args = cobra.ExactArgs(1)
	cmd.Flags().Bool("merge", false, "add what the data folder lacks; conflicting records are kept and listed")
	cmd.Flags().String("take-backup", "", "with --merge: take the backup's version of these conflicting records (`IDS` as listed, comma-separated, or all: every conflict marked *)")
	cmd.Flags().Bool("dry-run", false, "with --merge: show what would happen, change nothing")
	fileFlag(cmd, "passphrase-file", "the backup passphrase (else prompted, or one line of standard input)")
	return cmd
}

func recoverCommand() *cobra.Command {
	cmd := leaf("recover BACKUP-FILE", "Set the data folder aside (damaged, or its vault key lost) and restore a backup into a new one.", ownFolder, recoverCmd)
	explain(cmd,
		"The old data folder is kept as it is, renamed to <folder>.set-aside-<date>. A wrong passphrase changes nothing.")
	cmd.Args = cobra.ExactArgs(1)
	fileFlag(cmd, "passphrase-file", "the backup passphrase (else prompted, or one line of standard input)")
	fileFlag(cmd, "new-vault-passphrase-file", "protect the new vault with this passphrase; without it, the new vault key goes to the OS keychain")
	return cmd
}

func backupCmd(c *ctx) error {
	path, err := filepath.Abs(c.args[0])
	if err != nil {
		return usagef("bad FILE: %v", err)
	}
	if _, err := os.Lstat(path); err == nil {
		return apperr.Newf(apperr.CodeConflict, "Choose another file name, or move the existing file away.", "%s already exists; it is not overwritten.", path)
	}
	pass, err := c.newSecret("Backup passphrase: ", c.flag("passphrase-file"))
	if err != nil {
		return err
	}
	if err := backup.WriteFile(c.core.DB, c.core.Vault, path, pass); err != nil {
		return err
	}
	return c.print(map[string]string{"file": path}, func(w io.Writer) {
		fmt.Fprintf(w, "Wrote the encrypted backup to %s (readable by you only). Keep the passphrase: without it the backup cannot be opened.\n", path)
	})
}

func restoreCmd(c *ctx) error {
	if c.has("dry-run") && !c.has("merge") {
		return usagef("--dry-run goes with --merge")
	}
	f, err := backup.Open(c.args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	pass, err := c.secret("Backup passphrase: ", c.flag("passphrase-file"))
	if err != nil {
		return err
	}
	contents, err := backup.Read(f, pass)
	if err != nil {
		return err
	}
	defer contents.Wipe()
	replace, err := takeBackup(c, contents)
	if err != nil {
		return err
	}
	var plan *backup.Plan
	switch {
	case c.has("dry-run"):
		plan, err = backup.PlanMerge(c.core.DB, c.core.Vault, contents, replace...)
	case c.has("merge"):
		plan, err = backup.Restore(c.core.DB, c.core.Vault, contents, backup.Merge, replace...)
	default:
		plan, err = backup.Restore(c.core.DB, c.core.Vault, contents, backup.IntoEmpty)
	}
	if err != nil {
		return err
	}
	return c.print(plan, func(w io.Writer) {
		verb, replaced := "Restored", "took the backup's version of"
		if c.has("dry-run") {
			verb, replaced = "Would restore", "would take the backup's version of"
		}
		fmt.Fprintf(w, "%s %d record(s); %s %d; %d already identical; %d conflict(s).\n", verb, len(plan.Add), replaced, len(plan.Replace), len(plan.Same), len(plan.Conflicts))
		for _, it := range plan.Replace {
			fmt.Fprintf(w, "  replaced: %s %s %s\n", it.Bucket, shown(it.ID), quoteName(it.Name))
		}
		marked := false
		for _, it := range plan.Conflicts {
			mark := " "
			if it.Replaceable {
				mark, marked = "*", true
			}
			fmt.Fprintf(w, "%s conflict: %s %s %s: %s\n", mark, it.Bucket, shown(it.ID), quoteName(it.Name), shown(it.Reason))
		}
		if marked {
			fmt.Fprintln(w, "* add --take-backup ID[,ID…] (or all) to take the backup's version instead of the one here.")
		}
	})
}

// takeBackup reads --take-backup: the ids of conflicting records to replace
// with the backup's version, or all of those that can be.
func takeBackup(c *ctx, contents *backup.Contents) ([]string, error) {
	if !c.has("take-backup") {
		return nil, nil
	}
	if !c.has("merge") {
		return nil, usagef("--take-backup goes with --merge")
	}
	value := strings.TrimSpace(c.flag("take-backup"))
	if value != "all" {
		var ids []string
		for id := range strings.SplitSeq(value, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return nil, usagef("--take-backup needs the ids of conflicting records, or all")
		}
		return ids, nil
	}
	plan, err := backup.PlanMerge(c.core.DB, c.core.Vault, contents)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, it := range plan.Conflicts {
		if it.Replaceable {
			ids = append(ids, it.ID)
		}
	}
	return ids, nil
}

func quoteName(name string) string {
	if name == "" {
		return ""
	}
	return strconv.Quote(name)
}

func recoverCmd(c *ctx) error {
	dir, err := datadir.Resolve()
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot find ACME Desk's data folder.", "Set ACMEDESK_HOME to the data folder.")
	}
	f, err := backup.Open(c.args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	backupPass, err := c.secret("Backup passphrase: ", c.flag("passphrase-file"))
	if err != nil {
		return err
	}
	var vaultPass string
	if c.has("new-vault-passphrase-file") {
		if vaultPass, err = c.newSecret("New vault passphrase: ", c.flag("new-vault-passphrase-file")); err != nil {
			return err
		}
	}
	got, err := core.RestoreIntoNewFolder(dir, Keychain, f, core.Recovery{BackupPassphrase: backupPass, VaultPassphrase: vaultPass})
	if apperr.Is(err, apperr.CodeKeychain) {
		e := apperr.From(err)
		e.Hint = "Add --new-vault-passphrase-file FILE to protect the new vault with a passphrase instead."
		return e
	}
	if err != nil {
		return err
	}
	return c.print(got, func(w io.Writer) {
		fmt.Fprintf(w, "Restored %d record(s) into a new data folder, %s.\n", len(got.Plan.Add), dir)
		if got.SetAside != "" {
			fmt.Fprintf(w, "The old data folder was kept as it was, as %s.\n", got.SetAside)
		}
	})
}
