package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
)

func credentialsCommand() *cobra.Command {
	list := leaf("list", "List the stored credentials (names of secret fields only, never values).", reads, credentialsList)
	list.Flags().String("kind", "", "only credentials of this `KIND`")
	list.Flags().String("tag", "", "only credentials with this `TAG`")
	list.RegisterFlagCompletionFunc("kind", completeKinds)

	kinds := leaf("kinds", "List the kinds of credentials and their fields (secret ones marked).", ownFolder, credentialsKinds)
	kinds.Args = cobra.MaximumNArgs(1)
	kinds.Use = "kinds [KIND]"

	add := leaf("add", "Store a credential; its secret values are sealed in the vault.", unlocks, credentialsAdd)
	explain(add, secretValuesHelp)
	add.Flags().String("name", "", "the credential's `NAME`")
	add.Flags().String("kind", "", "its `KIND` (see acmedesk credentials kinds)")
	add.Flags().String("description", "", "a note about it")
	add.Flags().StringArray("tag", nil, "a `TAG` (team, tenant…) to keep credentials apart; repeat for several")
	valueFlags(add)
	required(add, "name", "kind")
	add.RegisterFlagCompletionFunc("kind", completeKinds)

	show := leaf("show ID|NAME", "Show a credential: its fields, which secrets are set (never their values), what uses it.", reads, credentialsShow)
	show.ValidArgsFunction = firstArg(completeCredentialNames)
	show.Args = cobra.ExactArgs(1)

	used := leaf("where-used ID|NAME", "List what uses a credential (accounts, other credentials).", reads, credentialsWhereUsed)
	used.ValidArgsFunction = firstArg(completeCredentialNames)
	used.Args = cobra.ExactArgs(1)

	edit := leaf("edit ID|NAME", "Change a credential's name, description, tags or non-secret values (secrets: rotate).", writes, credentialsEdit)
	explain(edit, "Only what is given changes. --field NAME= empties a value; --tag replaces every tag, --no-tags drops them.")
	edit.Args = cobra.ExactArgs(1)
	edit.ValidArgsFunction = firstArg(completeCredentialNames)
	edit.Flags().String("name", "", "a new `NAME`")
	edit.Flags().String("description", "", "a new note")
	edit.Flags().StringArray("tag", nil, "a `TAG`; repeat for several (replaces every tag)")
	edit.Flags().Bool("no-tags", false, "drop every tag")
	edit.Flags().StringArray("field", nil, "a non-secret value, `NAME=VALUE`; repeat for several")
	edit.MarkFlagsMutuallyExclusive("tag", "no-tags")

	reveal := leaf("reveal ID|NAME FIELD", "Write one value of a credential, secret or not, to a new file (never to the terminal).", unlocks, credentialsReveal)
	reveal.ValidArgsFunction = firstArg(completeCredentialNames)
	reveal.Args = cobra.ExactArgs(2)
	fileFlag(reveal, "out", "the `FILE` to write (readable by you only; never overwritten)")
	required(reveal, "out")

	rotate := leaf("rotate ID|NAME", "Replace a credential's secret values in place; everything that uses it keeps using it.", unlocks, credentialsRotate)
	rotate.ValidArgsFunction = firstArg(completeCredentialNames)
	explain(rotate, "Give every secret value again: secrets not given are dropped. Non-secret values given\n"+
		"(an EAB key ID, a new expiry) replace the old ones; the others stay.\n\n"+secretValuesHelp)
	rotate.Args = cobra.ExactArgs(1)
	valueFlags(rotate)

	check := leaf("check ID|NAME", "Say whether a DNS provider or EAB credential can be used as it is.", reads, credentialsCheck)
	check.ValidArgsFunction = firstArg(completeCredentialNames)
	check.Args = cobra.ExactArgs(1)

	remove := leaf("remove ID|NAME", "Delete a credential and its sealed secrets (refused while something uses it).", writes, credentialsRemove)
	remove.ValidArgsFunction = firstArg(completeCredentialNames)
	remove.Args = cobra.ExactArgs(1)

	return group("credentials", "Credentials (DNS providers, EAB, passwords): list, add, show, reveal, rotate, check, remove…",
		list, kinds, add, show, used, edit, reveal, rotate, check, remove)
}

const secretValuesHelp = "Values are given per field (see acmedesk credentials kinds KIND):\n" +
	"  --field NAME=VALUE        a value that is not secret\n" +
	"  --secret-file NAME=FILE   a secret value: the first line of FILE; FILE - is one line of standard input\n" +
	"Secret values are never taken from the command line itself."

func valueFlags(cmd *cobra.Command) {
	cmd.Flags().StringArray("field", nil, "a non-secret value, `NAME=VALUE`; repeat for several")
	cmd.Flags().StringArray("secret-file", nil, "a secret value from a file, `NAME=FILE` (FILE - reads one line of standard input); repeat for several")
}

func completeKinds(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, k := range credentials.Kinds() {
		out = append(out, cobra.CompletionWithDesc(k.ID, k.Label))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func credentialsList(c *ctx) error {
	list, err := c.core.Credentials.List(credentials.Filter{Kind: c.flag("kind"), Tag: c.flag("tag")})
	if err != nil {
		return err
	}
	if list == nil {
		list = []credentials.Listed{}
	}
	return c.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No credentials yet.")
			return
		}
		var rows [][]string
		for _, cr := range list {
			rows = append(rows, []string{cr.ID, cr.Name, cr.Kind, orDash(strings.Join(cr.Tags, ",")), orDash(strings.Join(cr.SecretsSet, ","))})
		}
		table(w, "ID\tNAME\tKIND\tTAGS\tSECRETS SET", rows)
	})
}

// findCredential finds a credential by ID, or by name (any case) when one credential has it.
func findCredential(c *ctx, ref string) (*credentials.Listed, error) {
	list, err := c.core.Credentials.List(credentials.Filter{})
	if err != nil {
		return nil, err
	}
	var match []credentials.Listed
	for _, cr := range list {
		if cr.ID == ref {
			return &cr, nil
		}
		if strings.EqualFold(cr.Name, ref) {
			match = append(match, cr)
		}
	}
	if len(match) == 1 {
		return &match[0], nil
	}
	return nil, apperr.Newf(apperr.CodeNotFound, "Run acmedesk credentials list to see the credentials.", "No credential has the ID or name %s.", quoteArg(ref))
}

func credentialsKinds(c *ctx) error {
	list := credentials.Kinds()
	if len(c.args) == 1 {
		k, ok := credentials.KindByID(c.args[0])
		if !ok {
			return apperr.Newf(apperr.CodeNotFound, "Run acmedesk credentials kinds to see them.", "There is no kind of credential %s.", quoteArg(c.args[0]))
		}
		list = []credentials.Kind{k}
	}
	return c.print(list, func(w io.Writer) {
		if len(c.args) == 0 {
			var rows [][]string
			for _, k := range list {
				rows = append(rows, []string{k.ID, k.Group, k.Label})
			}
			table(w, "KIND\tGROUP\tLABEL", rows)
			return
		}
		k := list[0]
		fmt.Fprintf(w, "%s (%s)\n", k.Label, k.ID)
		if k.Help != "" {
			fmt.Fprintln(w, k.Help)
		}
		for _, f := range k.Fields {
			var marks []string
			if f.Secret {
				marks = append(marks, "secret: --secret-file")
			}
			if f.Optional {
				marks = append(marks, "optional")
			}
			fmt.Fprintf(w, "  %s  %s", f.Name, f.Label)
			if len(marks) > 0 {
				fmt.Fprintf(w, " (%s)", strings.Join(marks, ", "))
			}
			fmt.Fprintln(w)
		}
		for _, set := range k.AnyOf {
			fmt.Fprintf(w, "  one complete set is needed, e.g.: %s\n", strings.Join(set, " and "))
		}
	})
}

// values reads --field and --secret-file into the values of kind's fields:
// a secret field only from a file or standard input.
func values(c *ctx, kind string) (map[string]string, error) {
	k, ok := credentials.KindByID(kind)
	if !ok {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Run acmedesk credentials kinds to see them.", "There is no kind of credential %s.", quoteArg(kind))
	}
	secret := map[string]bool{}
	for _, f := range k.Fields {
		secret[f.Name] = f.Secret
	}
	out := map[string]string{}
	fields, _ := c.cmd.Flags().GetStringArray("field")
	for _, kv := range fields {
		name, value, ok := strings.Cut(kv, "=")
		switch {
		case !ok || name == "":
			return nil, usagef("--field takes NAME=VALUE, not %s", quoteArg(kv))
		case secret[name]:
			return nil, usagef("%s is secret: give it with --secret-file %s=FILE (or %s=- for standard input), never on the command line", name, name, name)
		}
		out[name] = value
	}
	files, _ := c.cmd.Flags().GetStringArray("secret-file")
	fromFile := map[string]string{}
	fromStdin := ""
	for _, kv := range files {
		name, file, ok := strings.Cut(kv, "=")
		switch {
		case !ok || name == "" || file == "":
			return nil, usagef("--secret-file takes NAME=FILE, not %s", quoteArg(kv))
		case file == "-" && fromStdin != "":
			return nil, usagef("standard input holds one value: give the others with --secret-file NAME=FILE")
		case file == "-":
			fromStdin = name
		default:
			fromFile[name] = file
		}
	}
	for name, file := range fromFile {
		v, err := c.secret("", file)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	if fromStdin != "" {
		v, err := c.secret(fromStdin+": ", "")
		if apperr.Is(err, apperr.CodeNeedPass) {
			return nil, apperr.Newf(apperr.CodeInvalidInput, "Give it as one line of standard input, or with --secret-file NAME=FILE.", "No value for %s was given.", fromStdin)
		}
		if err != nil {
			return nil, err
		}
		out[fromStdin] = v
	}
	return out, nil
}

func credentialsAdd(c *ctx) error {
	vals, err := values(c, c.flag("kind"))
	if err != nil {
		return err
	}
	tags, _ := c.cmd.Flags().GetStringArray("tag")
	cr, err := c.core.Credentials.Create(credentials.Input{Name: c.flag("name"), Description: c.flag("description"), Kind: c.flag("kind"), Tags: tags, Values: vals})
	if err != nil {
		return err
	}
	return c.print(cr, func(w io.Writer) {
		fmt.Fprintf(w, "Stored credential %q (%s); secrets set: %s\n", cr.Name, cr.ID, orDash(strings.Join(cr.SecretsSet, ",")))
	})
}

func credentialsShow(c *ctx) error {
	d, err := credentialDetails(c)
	if err != nil {
		return err
	}
	return c.print(d, func(w io.Writer) {
		fmt.Fprintf(w, "%s (%s, %s)\n", shown(d.Name), d.ID, shown(d.KindLabel))
		if d.Description != "" {
			fmt.Fprintf(w, "  %s\n", shown(d.Description))
		}
		if len(d.Tags) > 0 {
			fmt.Fprintf(w, "  tags: %s\n", shown(strings.Join(d.Tags, ", ")))
		}
		names := make([]string, 0, len(d.Fields))
		for name := range d.Fields {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			fmt.Fprintf(w, "  %s = %s\n", shown(name), shown(d.Fields[name]))
		}
		for _, name := range d.SecretsSet {
			fmt.Fprintf(w, "  %s = (secret, set)\n", shown(name))
		}
		printUsedBy(w, d)
	})
}

func credentialsWhereUsed(c *ctx) error {
	d, err := credentialDetails(c)
	if err != nil {
		return err
	}
	return c.print(d.UsedBy, func(w io.Writer) { printUsedBy(w, d) })
}

func printUsedBy(w io.Writer, d *credentials.Details) {
	if len(d.UsedBy) == 0 {
		fmt.Fprintf(w, "Nothing uses %s.\n", shown(d.Name))
	}
	for _, u := range d.UsedBy {
		past := ""
		if u.Historic {
			past = " (in the past)"
		}
		fmt.Fprintf(w, "  used by %s %s (%s)%s\n", u.Kind, shown(u.Label), u.ID, past)
	}
}

func credentialDetails(c *ctx) (*credentials.Details, error) {
	cr, err := findCredential(c, c.args[0])
	if err != nil {
		return nil, err
	}
	return c.core.Credentials.Get(cr.ID)
}

func credentialsEdit(c *ctx) error {
	d, err := credentialDetails(c)
	if err != nil {
		return err
	}
	in := credentials.UpdateInput{Name: d.Name, Description: d.Description, Tags: d.Tags, Fields: d.Fields}
	if c.has("name") {
		in.Name = c.flag("name")
	}
	if c.has("description") {
		in.Description = c.flag("description")
	}
	if c.has("tag") {
		in.Tags, _ = c.cmd.Flags().GetStringArray("tag")
	}
	if c.has("no-tags") {
		in.Tags = nil
	}
	given, err := values(c, d.Kind)
	if err != nil {
		return err
	}
	if in.Fields == nil {
		in.Fields = map[string]string{}
	}
	maps.Copy(in.Fields, given)
	cr, err := c.core.Credentials.Update(d.ID, in)
	if err != nil {
		return err
	}
	return c.print(cr, func(w io.Writer) { fmt.Fprintf(w, "Changed credential %q (%s).\n", cr.Name, cr.ID) })
}

func credentialsReveal(c *ctx) error {
	cr, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	value, err := c.core.Credentials.Reveal(cr.ID, c.args[1])
	if err != nil {
		return err
	}
	path, err := writeNewFile(c.flag("out"), []byte(value+"\n"))
	if err != nil {
		return err
	}
	return c.print(map[string]string{"credentialId": cr.ID, "field": c.args[1], "file": path}, func(w io.Writer) {
		fmt.Fprintf(w, "Wrote %s of %q to %s (readable by you only).\n", shown(c.args[1]), cr.Name, shown(path))
	})
}

func credentialsRotate(c *ctx) error {
	cr, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	vals, err := values(c, cr.Kind)
	if err != nil {
		return err
	}
	rotated, err := c.core.Credentials.Rotate(cr.ID, vals)
	if err != nil {
		return err
	}
	return c.print(rotated, func(w io.Writer) {
		fmt.Fprintf(w, "Rotated %q; secrets set: %s\n", rotated.Name, orDash(strings.Join(rotated.SecretsSet, ",")))
	})
}

// credentialsCheck runs the window's check for the credential's kind: a DNS
// provider's (can dns-01 validation proceed), or an EAB credential's (can it still bind an account).
func credentialsCheck(c *ctx) error {
	cr, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	switch {
	case strings.HasPrefix(cr.Kind, credentials.DNSPrefix):
		err = c.core.Credentials.CheckDNS(cr.ID)
	case cr.Kind == credentials.KindEAB:
		err = c.core.Credentials.CheckEABUsable(cr.ID)
	default:
		return apperr.Newf(apperr.CodeInvalidInput, "Only DNS provider and EAB credentials are checked.", "Nothing to check for %q, a %s credential.", cr.Name, cr.Kind)
	}
	if err != nil {
		return err
	}
	return c.print(map[string]any{"id": cr.ID, "ok": true}, func(w io.Writer) { fmt.Fprintf(w, "%q can be used as it is.\n", cr.Name) })
}

func credentialsRemove(c *ctx) error {
	cr, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	if err := c.core.Credentials.Delete(cr.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"id": cr.ID}, func(w io.Writer) { fmt.Fprintf(w, "Deleted credential %q and its secrets.\n", cr.Name) })
}
