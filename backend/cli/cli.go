// Package cli is ACME Desk's command line: the same binary, given a command,
// works headless over the same data folder (ACMEDESK_HOME) and vault.
//
// Each command opens the data folder with core.Open (core.OpenReadOnly for
// commands that only read) and closes it when done, so the command line works
// whenever the window is closed; readers also work beside each other. While
// the window is open, bbolt's file lock makes the open fail after the store's
// timeout: the command then says who holds the folder and exits 3, changing nothing.
//
// Exit codes: 0 success, 1 the operation failed, 2 usage error, 3 the data
// folder is in use or the vault is locked (or not set up), 4 the data is damaged.
package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/core"
	"acmedesk/backend/datadir"
	"acmedesk/backend/safefile"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
	ExitInUse  = 3
	// ExitDamaged: the database file is damaged; it was left as it is.
	ExitDamaged = 4
)

// EnvVaultPassphraseFile names a file holding the vault passphrase, for scripts and tests.
const EnvVaultPassphraseFile = "ACMEDESK_VAULT_PASSPHRASE_FILE"

// Keychain is the keychain commands use; tests of this package may replace it.
var Keychain vault.Keychain = vault.SystemKeychain{}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// ranError carries what a command's own work returned, as against cobra's
// errors about the command line itself (unknown commands, flags, arguments),
// which are usage errors.
type ranError struct{ err error }

func (e *ranError) Error() string { return e.err.Error() }

// mode is what a command needs from the data folder.
type mode int

const (
	// reads: the command only reads, so it opens the data folder read-only:
	// next to other readers, in a read-only folder, writing and creating nothing.
	reads mode = iota
	// writes: the command opens the data folder to change it.
	writes
	// unlocks: writes, and the vault must be unlocked to seal and open secrets.
	unlocks
	// ownFolder: the command opens (or sets up) the data folder itself.
	ownFolder
)

// ctx is one command's invocation.
type ctx struct {
	context.Context
	cmd    *cobra.Command
	args   []string
	json   bool
	in     *bufio.Reader
	stdin  io.Reader
	out    io.Writer
	errOut io.Writer
	core   *core.Core
}

func (c *ctx) flag(name string) string { return c.cmd.Flags().Lookup(name).Value.String() }
func (c *ctx) has(name string) bool    { return c.cmd.Flags().Changed(name) }

// Run runs the command line args (without the program name) and returns the
// exit code. A panic ends the command with a one-line message, never a stack
// trace (which could show what the command was handling).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if recover() != nil {
			fmt.Fprintln(stderr, "acmedesk: something went wrong inside ACME Desk; nothing more was done.")
			code = ExitFailed
		}
	}()
	root := newRoot()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	interrupted, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	cmd, err := root.ExecuteContextC(interrupted)
	var ran *ranError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ran):
		return finish(cmd, ran.err)
	default:
		return usage(cmd, err)
	}
}

// leaf is a command that does something (as against a group of commands).
// It takes no arguments unless its Args says otherwise.
func leaf(use, short string, m mode, run func(c *ctx) error) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Checked before the data folder is opened, like cobra's own checks.
			if err := checkChoices(cmd); err != nil {
				return err
			}
			c := &ctx{Context: cmd.Context(), cmd: cmd, args: args, json: wantsJSON(cmd),
				stdin: cmd.InOrStdin(), in: bufio.NewReader(cmd.InOrStdin()), out: cmd.OutOrStdout(), errOut: cmd.ErrOrStderr()}
			if err := c.execute(m, run); err != nil {
				return &ranError{err}
			}
			return nil
		},
	}
}

// group is a command that only holds others: alone, or with an unknown command, it is a usage error.
func group(use, short string, children ...*cobra.Command) *cobra.Command {
	g := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE:  needsCommand,
	}
	g.AddCommand(children...)
	return g
}

func needsCommand(*cobra.Command, []string) error {
	return usagef("which command? See the list below.")
}

func (c *ctx) execute(m mode, run func(c *ctx) error) error {
	if m == ownFolder {
		return run(c)
	}
	dir, err := datadir.Resolve()
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot find ACME Desk's data folder.", "Set ACMEDESK_HOME to the data folder.")
	}
	open := core.Open
	if m == reads {
		open = core.OpenReadOnly
	}
	store.Holder = "the command `" + c.cmd.CommandPath() + "`"
	co, err := open(dir, Keychain)
	if err != nil {
		return err
	}
	defer co.Close()
	c.core = co
	if m == unlocks {
		if err := c.unlock(); err != nil {
			return err
		}
	}
	return run(c)
}

// usage reports a mistake in the command line, with the command's usage, and returns ExitUsage.
func usage(cmd *cobra.Command, err error) int {
	w := cmd.ErrOrStderr()
	// The message may quote what was typed: escaped like any other value.
	fmt.Fprintf(w, "%s: %s\n\n", cmd.CommandPath(), escapeCut(err.Error(), 4*maxShown))
	fmt.Fprint(w, cmd.UsageString())
	return ExitUsage
}

// finish reports the error of a command's work and returns the exit code.
func finish(cmd *cobra.Command, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return usage(cmd, ue)
	}
	e := apperr.From(err)
	code := ExitFailed
	switch e.Code {
	case apperr.CodeDatabaseInUse:
		code = ExitInUse
	case apperr.CodeLocked, apperr.CodeKeychain:
		code = ExitInUse
	case apperr.CodeDamaged:
		code = ExitDamaged
	}
	w := cmd.ErrOrStderr()
	if wantsJSON(cmd) {
		b, _ := json.Marshal(map[string]any{"error": e})
		fmt.Fprintln(w, string(b))
		return code
	}
	hint := e.Hint
	if e.Code == apperr.CodeInternal {
		// The window's hint for this points at its Settings; a command shows the detail instead.
		hint = strings.TrimSpace("Nothing more was done. " + e.Detail)
	}
	// A message may quote a name or a path: escaped like any other value.
	fmt.Fprintln(w, "acmedesk:", escapeCut(e.Message, 4*maxShown))
	if hint != "" {
		fmt.Fprintln(w, "  "+escapeCut(hint, 4*maxShown))
	}
	return code
}

func wantsJSON(cmd *cobra.Command) bool {
	on, _ := cmd.Flags().GetBool("json")
	return on
}

// unlock makes sure the vault can seal and open secrets.
func (c *ctx) unlock() error {
	st, err := c.core.Vault.Status()
	if err != nil {
		return err
	}
	switch {
	case st.State == vault.StateUnlocked:
		return nil
	case st.State == vault.StateNew:
		return apperr.New(apperr.CodeLocked, "ACME Desk has no vault in this data folder yet, and no OS keychain answered to create one.",
			"Open ACME Desk once, or run: acmedesk vault init --passphrase-file FILE")
	case st.Protection == vault.ProtectionKeychain:
		// The vault says why: the key missing from a keychain that works, damaged, another vault's, or no answer.
		return &apperr.Error{Code: apperr.CodeKeychain, Message: st.KeychainProblem, Hint: st.KeychainHint, Detail: st.KeychainDetail}
	}
	pass, err := c.secret("Vault passphrase: ", c.vaultPassFile())
	if err != nil {
		return err
	}
	if err := c.core.Vault.Unlock(pass); err != nil {
		if apperr.Is(err, apperr.CodeWrongPass) {
			return apperr.Wrap(err, apperr.CodeLocked, "Wrong vault passphrase: the vault stays locked.", "Check the passphrase and try again.")
		}
		return err
	}
	return nil
}

func (c *ctx) vaultPassFile() string {
	if f := c.flag("vault-passphrase-file"); f != "" {
		return f
	}
	return os.Getenv(EnvVaultPassphraseFile)
}

// maxPassphraseFile bounds a passphrase file: one line, with room to spare.
const maxPassphraseFile = 64 << 10

// secret reads a passphrase: from file when given, else prompted on a
// terminal without echo, else one line of standard input.
func (c *ctx) secret(prompt, file string) (string, error) {
	if file != "" {
		b, err := safefile.Read(file, maxPassphraseFile)
		if err != nil {
			return "", safefile.Refusal(err, "passphrase file", file)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	if f, ok := c.stdin.(*os.File); ok && isTerminal(f) {
		fmt.Fprint(c.errOut, prompt)
		p, err := readPassword(c, f)
		fmt.Fprintln(c.errOut)
		if c.Err() != nil {
			return "", apperr.Wrap(err, apperr.CodeCancelled, "Cancelled; nothing was changed.", "")
		}
		if err != nil {
			return "", apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot read the passphrase.", "")
		}
		return p, nil
	}
	line, err := readLine(c, c.in)
	if c.Err() != nil {
		return "", apperr.Wrap(err, apperr.CodeCancelled, "Cancelled; nothing was changed.", "")
	}
	if err != nil {
		return "", apperr.New(apperr.CodeNeedPass, "A passphrase is needed and none was given.",
			"Give it with a --…passphrase-file option, on a terminal, or as one line of standard input.")
	}
	return line, nil
}

// newSecret is secret for a passphrase being chosen: on a terminal it is
// asked twice, since a typo would make what it protects unrecoverable.
func (c *ctx) newSecret(prompt, file string) (string, error) {
	pass, err := c.secret(prompt, file)
	if err != nil {
		return "", err
	}
	if f, ok := c.stdin.(*os.File); ok && file == "" && isTerminal(f) {
		again, err := c.secret("Repeat it: ", "")
		if err != nil {
			return "", err
		}
		if again != pass {
			return "", apperr.New(apperr.CodeInvalidInput, "The two passphrases differ; nothing was done.", "Type the same passphrase twice.")
		}
	}
	return pass, nil
}

// readLine reads one line (without its end) from r; a cancelled ctx ends the
// wait at once (the read itself is left to the process's exit).
func readLine(ctx context.Context, r *bufio.Reader) (string, error) {
	type answer struct {
		line string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		line, err := r.ReadString('\n')
		if err == io.EOF && line != "" {
			err = nil
		}
		got <- answer{strings.TrimRight(line, "\r\n"), err}
	}()
	select {
	case a := <-got:
		return a.line, a.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
