package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
	"acmedesk/backend/datadir"
	"acmedesk/backend/keys"
)

// The groups of commands in acmedesk --help.
const (
	groupRecords = "records"
	groupData    = "data"
	groupShell   = "shell"
)

// newRoot builds the whole command tree: what runs, --help, completion and man pages all come from it.
func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "acmedesk",
		Short: "ACME Desk: keeps ACME account keys, accounts and secrets.",
		Long: `ACME Desk: keeps ACME account keys, accounts and secrets.

Without a command, acmedesk opens the window. With one, it works on the same
data without the window.

The data folder is $ACMEDESK_HOME, or acmedesk in the user configuration folder.
While the window is open the data folder is in use: close it first.
Exit codes: 0 success, 1 failed, 2 usage error, 3 data folder in use or vault locked, 4 data damaged.
No secret is ever printed, nor taken from the command line: keys are exported to files only,
passphrases and secret values come from files, a terminal (without echo) or one line of standard input.`,
		Args:          cobra.NoArgs,
		RunE:          needsCommand,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().Bool("json", false, "machine-readable output on standard output (errors as {\"error\":{…}} on standard error)")
	root.PersistentFlags().String("vault-passphrase-file", "", "unlock a passphrase-protected vault with the passphrase in `FILE` (or set "+EnvVaultPassphraseFile+")")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.AddGroup(
		&cobra.Group{ID: groupRecords, Title: "Keys, CAs, accounts and credentials:"},
		&cobra.Group{ID: groupData, Title: "Backups and the vault:"},
		&cobra.Group{ID: groupShell, Title: "Help, shell completion:"},
	)
	for _, g := range []*cobra.Command{keysCommand(), casCommand(), accountsCommand(), credentialsCommand(), eabCommand()} {
		g.GroupID = groupRecords
		root.AddCommand(g)
	}
	for _, g := range []*cobra.Command{backupCommand(), restoreCommand(), recoverCommand(), vaultCommand()} {
		g.GroupID = groupData
		root.AddCommand(g)
	}
	root.AddCommand(manCommand())
	root.SetHelpCommandGroupID(groupShell)
	root.SetCompletionCommandGroupID(groupShell)
	// Made now, not at Execute, so that the man pages and tests see the whole tree.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	help, _, _ := root.Find([]string{"help"})
	showHelp := help.Run
	help.Run, help.RunE = nil, func(cmd *cobra.Command, args []string) error {
		// cobra's help answers an unknown topic with the root's usage and success.
		if target, rest, err := cmd.Root().Find(args); err != nil || target == nil || len(rest) > 0 {
			return usagef("%s is not a command", quoteArg(strings.Join(args, " ")))
		}
		showHelp(cmd, args)
		return nil
	}
	completion, _, _ := root.Find([]string{"completion"})
	completion.Args, completion.RunE = cobra.NoArgs, needsCommand // completion alone, or of an unknown shell
	return root
}

// manCommand writes a man page per command, from the same definitions as --help (for packagers).
func manCommand() *cobra.Command {
	cmd := leaf("man DIR", "Write the man pages (one per command) into DIR.", ownFolder, func(c *ctx) error {
		dir := c.args[0]
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot create the folder "+dir+".", "")
		}
		header := &doc.GenManHeader{Title: "ACMEDESK", Section: "1", Source: "ACME Desk", Manual: "ACME Desk manual"}
		if err := doc.GenManTree(c.cmd.Root(), header, dir); err != nil {
			return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write the man pages into "+dir+".", "")
		}
		fmt.Fprintf(c.out, "Wrote the man pages into %s.\n", shown(dir))
		return nil
	})
	cmd.Args = cobra.ExactArgs(1)
	cmd.Hidden = true
	return cmd
}

// explain gives a command's help more than its summary, after it.
func explain(cmd *cobra.Command, more string) {
	cmd.Long = cmd.Short + "\n\n" + more
}

// choicesAnnotation marks a flag whose value is one of a fixed list (checked, and offered by completion).
const choicesAnnotation = "acmedesk_choices"

// choice adds a string flag whose value is one of values (any case).
func choice(cmd *cobra.Command, name, value, usage string, values ...string) {
	cmd.Flags().String(name, value, usage+": "+strings.Join(values, ", "))
	cmd.Flags().SetAnnotation(name, choicesAnnotation, values)
	cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// checkChoices refuses a value outside its flag's list.
func checkChoices(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		allowed, ok := f.Annotations[choicesAnnotation]
		if ok && f.Changed && err == nil && !slices.Contains(allowed, strings.ToLower(f.Value.String())) {
			err = usagef("--%s must be one of %s", f.Name, strings.Join(allowed, ", "))
		}
	})
	return err
}

// required marks flags that must be given.
func required(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		if err := cmd.MarkFlagRequired(n); err != nil {
			panic(err) // a flag that does not exist: a mistake in this package
		}
	}
}

// fileFlag adds a flag naming a file (shown as FILE, completed with file names).
func fileFlag(cmd *cobra.Command, name, usage string) {
	cmd.Flags().Var(new(fileValue), name, usage)
	cmd.MarkFlagFilename(name)
}

// fileValue is a string flag that help shows as FILE.
type fileValue string

func (f *fileValue) String() string     { return string(*f) }
func (f *fileValue) Set(s string) error { *f = fileValue(s); return nil }
func (f *fileValue) Type() string       { return "FILE" }

// firstArg completes a command's first argument only.
func firstArg(complete cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete(cmd, args, toComplete)
	}
}

// completeNames offers the names of stored records, read from the data folder opened read-only.
func completeNames(names func(co *core.Core) ([]string, error)) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		none := cobra.ShellCompDirectiveNoFileComp
		dir, err := datadir.Resolve()
		if err != nil {
			return nil, none
		}
		co, err := core.OpenReadOnly(dir, Keychain)
		if err != nil {
			return nil, none
		}
		defer co.Close()
		list, err := names(co)
		if err != nil {
			return nil, none
		}
		return list, none
	}
}

var (
	completeKeyNames = completeNames(func(co *core.Core) ([]string, error) {
		list, err := co.Keys.List()
		return names(list, func(k keys.Key) string { return k.Name }), err
	})
	completeCANames = completeNames(func(co *core.Core) ([]string, error) {
		list, err := co.CAs.List()
		return names(list, func(c cas.CA) string { return c.Name }), err
	})
	completeAccountNames = completeNames(func(co *core.Core) ([]string, error) {
		list, err := co.Accounts.List()
		return names(list, func(a accounts.Account) string { return a.Name }), err
	})
	completeCredentialNames = completeNames(func(co *core.Core) ([]string, error) {
		list, err := co.Credentials.List(credentials.Filter{})
		return names(list, func(c credentials.Listed) string { return c.Name }), err
	})
)

func names[T any](list []T, name func(T) string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = name(v)
	}
	return out
}
