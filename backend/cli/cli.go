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
	"text/tabwriter"

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

// flagSpec: true when the flag takes a value.
type flagSpec map[string]bool

type command struct {
	name    string // "keys list"
	args    string // positional arguments, for the usage line
	summary string
	help    string
	flags   flagSpec
	// minArgs/maxArgs bound the positional arguments (maxArgs -1: any).
	minArgs, maxArgs int
	// required flags, and the values allowed for some flags: checked before the data folder is opened.
	required []string
	choices  map[string][]string
	// secrets: the command needs an unlocked vault.
	secrets bool
	// noCore: the command opens the data folder itself.
	noCore bool
	// readOnly: the command only reads, so it opens the data folder read-only:
	// next to other readers, in a read-only folder, writing and creating nothing.
	readOnly bool
	run      func(c *ctx) error
}

// globalFlags are accepted by every command.
var globalFlags = flagSpec{"json": false, "help": false, "h": false, "vault-passphrase-file": true}

// ctx is one command's invocation.
type ctx struct {
	context.Context
	cmd    *command
	args   []string
	values map[string]string
	set    map[string]bool
	json   bool
	in     *bufio.Reader
	stdin  io.Reader
	out    io.Writer
	errOut io.Writer
	core   *core.Core
}

func (c *ctx) flag(name string) string { return c.values[name] }
func (c *ctx) has(name string) bool    { return c.set[name] }

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
	cmds := commands()
	// The command's words: the leading arguments that are not flags.
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			break
		}
		words = append(words, a)
	}
	if len(words) == 0 {
		if wantsHelp(args) {
			printGlobalHelp(stdout, cmds)
			return ExitOK
		}
		fmt.Fprintf(stderr, "acmedesk: %s is not a command.\n\n", quoteArg(first(args)))
		printGlobalHelp(stderr, cmds)
		return ExitUsage
	}
	if words[0] == "help" {
		if len(words) == 1 {
			printGlobalHelp(stdout, cmds)
			return ExitOK
		}
		return Run(append(words[1:], "--help"), stdin, stdout, stderr)
	}
	var cmd *command
	n := 0
	for i := range cmds {
		parts := strings.Fields(cmds[i].name)
		if len(parts) <= len(words) && strings.Join(words[:len(parts)], " ") == cmds[i].name && len(parts) > n {
			cmd, n = &cmds[i], len(parts)
		}
	}
	if cmd == nil {
		// A group alone ("keys") or with an unknown subcommand.
		group := groupCommands(cmds, words[0])
		if len(group) == 0 {
			fmt.Fprintf(stderr, "acmedesk: %q is not a command. Run acmedesk --help to see the commands.\n", words[0])
			return ExitUsage
		}
		w, code := stderr, ExitUsage
		if len(words) == 1 && wantsHelp(args) {
			w, code = stdout, ExitOK
		} else if len(words) > 1 {
			fmt.Fprintf(stderr, "acmedesk: %q is not a %s command.\n\n", words[1], words[0])
		} else {
			fmt.Fprintf(stderr, "acmedesk: %s needs a command.\n\n", words[0])
		}
		fmt.Fprintf(w, "Commands of acmedesk %s:\n", words[0])
		printCommands(w, group)
		return code
	}
	c := &ctx{cmd: cmd, values: map[string]string{}, set: map[string]bool{}, stdin: stdin, in: bufio.NewReader(stdin), out: stdout, errOut: stderr}
	if err := c.parse(args[n:]); err != nil {
		fmt.Fprintf(stderr, "acmedesk %s: %v\n\n", cmd.name, err)
		printCommandHelp(stderr, cmd)
		return ExitUsage
	}
	if c.has("help") || c.has("h") {
		printCommandHelp(stdout, cmd)
		return ExitOK
	}
	c.json = c.has("json")
	var cancel context.CancelFunc
	c.Context, cancel = signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	return c.finish(c.execute())
}

func (c *ctx) execute() error {
	if c.cmd.noCore {
		return c.cmd.run(c)
	}
	dir, err := datadir.Resolve()
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot find ACME Desk's data folder.", "Set ACMEDESK_HOME to the data folder.")
	}
	open := core.Open
	if c.cmd.readOnly {
		open = core.OpenReadOnly
	}
	store.Holder = "the command `acmedesk " + c.cmd.name + "`"
	co, err := open(dir, Keychain)
	if err != nil {
		return err
	}
	defer co.Close()
	c.core = co
	if c.cmd.secrets {
		if err := c.unlock(); err != nil {
			return err
		}
	}
	return c.cmd.run(c)
}

// finish reports err and returns the exit code.
func (c *ctx) finish(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.errOut, "acmedesk %s: %s\n\n", c.cmd.name, ue.msg)
		printCommandHelp(c.errOut, c.cmd)
		return ExitUsage
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
	if c.json {
		b, _ := json.Marshal(map[string]any{"error": e})
		fmt.Fprintln(c.errOut, string(b))
		return code
	}
	hint := e.Hint
	if e.Code == apperr.CodeInternal {
		// The window's hint for this points at its Settings; a command shows the detail instead.
		hint = strings.TrimSpace("Nothing more was done. " + e.Detail)
	}
	// A message may quote a name or a path: escaped like any other value.
	fmt.Fprintln(c.errOut, "acmedesk:", escapeCut(e.Message, 4*maxShown))
	if hint != "" {
		fmt.Fprintln(c.errOut, "  "+escapeCut(hint, 4*maxShown))
	}
	return code
}

// parse reads flags (anywhere, --name value or --name=value) and positional arguments.
func (c *ctx) parse(args []string) error {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			c.args = append(c.args, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			c.args = append(c.args, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takes, ok := c.cmd.flags[name]
		if !ok {
			takes, ok = globalFlags[name]
		}
		if !ok {
			return fmt.Errorf("unknown option %s", a)
		}
		if takes && !hasValue {
			if i+1 >= len(args) {
				return fmt.Errorf("%s needs a value", a)
			}
			i++
			value = args[i]
		} else if !takes && hasValue {
			return fmt.Errorf("%s takes no value", a)
		}
		c.values[name], c.set[name] = value, true
	}
	if c.has("help") || c.has("h") {
		return nil
	}
	for _, name := range c.cmd.required {
		if c.values[name] == "" {
			return fmt.Errorf("--%s is required", name)
		}
	}
	for name, allowed := range c.cmd.choices {
		if v, ok := c.values[name]; ok && !contains(allowed, strings.ToLower(v)) {
			return fmt.Errorf("--%s must be one of %s", name, strings.Join(allowed, ", "))
		}
	}
	if len(c.args) < c.cmd.minArgs {
		return fmt.Errorf("missing %s", c.cmd.args)
	}
	if c.cmd.maxArgs >= 0 && len(c.args) > c.cmd.maxArgs {
		return fmt.Errorf("unexpected argument %s", quoteArg(c.args[c.cmd.maxArgs]))
	}
	return nil
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

// print writes v as JSON with --json, else calls human.
func (c *ctx) print(v any, human func(w io.Writer)) error {
	if c.json {
		enc := json.NewEncoder(c.out)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	human(c.out)
	return nil
}

func table(w io.Writer, header string, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = escapeCut(v, maxCell)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--help" || a == "-h" || a == "-help" {
			return true
		}
	}
	return false
}

func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func quoteArg(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%q", s)
}

func groupCommands(cmds []command, group string) []command {
	var out []command
	for _, c := range cmds {
		if strings.HasPrefix(c.name, group+" ") || c.name == group {
			out = append(out, c)
		}
	}
	return out
}

func printGlobalHelp(w io.Writer, cmds []command) {
	fmt.Fprint(w, `ACME Desk: keeps ACME account keys, accounts and secrets.

Usage:
  acmedesk                      open the window
  acmedesk COMMAND [OPTIONS]    work on the same data without the window

Commands:
`)
	printCommands(w, cmds)
	fmt.Fprint(w, `
Options for every command:
  --json                        machine-readable output
  --vault-passphrase-file FILE  unlock a passphrase-protected vault (or set `+EnvVaultPassphraseFile+`)
  --help                        help for the command

The data folder is $ACMEDESK_HOME, or acmedesk in the user configuration folder.
While the window is open the data folder is in use: close it first.
Exit codes: 0 success, 1 failed, 2 usage error, 3 data folder in use or vault locked, 4 data damaged.
No secret is ever printed: keys are exported to files only.
`)
}

func printCommands(w io.Writer, cmds []command) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range cmds {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.name, c.args, c.summary)
	}
	tw.Flush()
}

func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: acmedesk %s %s\n\n%s\n", c.name, strings.TrimSpace(c.args+" [OPTIONS]"), c.summary)
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(c.help, "\n"))
	}
	fmt.Fprintln(w, "\nCommon options: --json, --vault-passphrase-file FILE, --help")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
