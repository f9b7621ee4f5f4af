package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/safefile"
)

func casCommand() *cobra.Command {
	list := leaf("list", "List the certificate authorities: the built-in catalogue, then your own.", reads, casList)

	show := leaf("show ID|NAME", "Show a CA, its trusted roots and what uses it.", reads, casShow)
	show.ValidArgsFunction = firstArg(completeCANames)
	show.Args = cobra.ExactArgs(1)

	add := leaf("add", "Add your own CA (private, in-house, or not in the catalogue).", writes, casAdd)
	explain(add, "Give its ACME directory URL. A private CA needs --root: the certificate\n"+
		"its HTTPS server's certificate chains to (step-ca's root_ca.crt, Pebble's root…).")
	customCAFlags(add)
	required(add, "name", "directory")

	template := leaf("add-template TEMPLATE VALUE", "Add a CA whose directory URL is per customer (HARICA) from its catalogue entry.", writes, casAddTemplate)
	explain(template, "VALUE is what the entry asks for (HARICA: the alias in your directory URL), or that whole URL.")
	template.Args = cobra.ExactArgs(2)
	template.ValidArgsFunction = firstArg(completeTemplates)

	edit := leaf("edit ID|NAME", "Change your own CA: only the flags given change.", writes, casEdit)
	edit.ValidArgsFunction = firstArg(completeCANames)
	explain(edit, "Built-in CAs cannot be changed. "+
		"The directory URL cannot change while accounts use the CA.")
	edit.Args = cobra.ExactArgs(1)
	customCAFlags(edit)
	edit.Flags().Bool("no-root", false, "trust only the system's roots from now on (drop the stored ones)")
	edit.MarkFlagsMutuallyExclusive("root", "no-root")

	remove := leaf("remove ID|NAME", "Delete your own CA (refused while accounts use it).", writes, casRemove)
	remove.ValidArgsFunction = firstArg(completeCANames)
	remove.Args = cobra.ExactArgs(1)

	refresh := leaf("refresh ID|NAME", "Ask the CA for its directory now (terms of service, EAB, profiles…).", writes, casRefresh)
	refresh.ValidArgsFunction = firstArg(completeCANames)
	refresh.Args = cobra.ExactArgs(1)

	return group("cas", "Certificate authorities: list, show, add, add-template, edit, remove, refresh.", list, show, add, template, edit, remove, refresh)
}

func customCAFlags(cmd *cobra.Command) {
	cmd.Flags().String("name", "", "the CA's `NAME`, e.g. \"Company internal CA\"")
	cmd.Flags().String("directory", "", "the CA's ACME directory `URL` (https://…)")
	fileFlag(cmd, "root", "a PEM `FILE` with the root certificate(s) to trust, besides the system's, for the CA's HTTPS")
	choice(cmd, "environment", "", "whether it issues real certificates or test ones (default production)", string(cas.Production), string(cas.Staging))
}

func casList(c *ctx) error {
	list, err := c.core.CAs.List()
	if err != nil {
		return err
	}
	return c.print(list, func(w io.Writer) {
		var rows [][]string
		for _, ca := range list {
			kind := "custom"
			if ca.BuiltIn {
				kind = "built-in"
			}
			rows = append(rows, []string{ca.ID, ca.Name, string(ca.Environment), kind, orDash(firstNonEmpty(ca.DirectoryURL, ca.URLTemplate))})
		}
		table(w, "ID\tNAME\tENVIRONMENT\tKIND\tDIRECTORY", rows)
	})
}

func casShow(c *ctx) error {
	ca, err := findCA(c, c.args[0])
	if err != nil {
		return err
	}
	d, err := c.core.CAs.Get(ca.ID)
	if err != nil {
		return err
	}
	return c.print(d, func(w io.Writer) {
		fmt.Fprintf(w, "%s (%s, %s)\n", shown(d.Name), d.ID, d.Environment)
		fmt.Fprintf(w, "  directory: %s\n", shown(orDash(firstNonEmpty(d.DirectoryURL, d.URLTemplate))))
		if d.EABRequired {
			fmt.Fprintf(w, "  needs EAB credentials: %s\n", shown(d.EABHelp))
		}
		for _, r := range d.Roots {
			fmt.Fprintf(w, "  trusts root %s (SHA-256 %s, until %s)\n", shown(r.Subject), short(r.FingerprintSHA256), r.NotAfter.Format("2006-01-02"))
		}
		for _, u := range d.UsedBy {
			fmt.Fprintf(w, "  used by %s %s\n", u.Kind, shown(u.Label))
		}
	})
}

func casAdd(c *ctx) error {
	root, err := readRoot(c)
	if err != nil {
		return err
	}
	ca, err := c.core.CAs.AddCustom(cas.CustomInput{Name: c.flag("name"), DirectoryURL: c.flag("directory"),
		Environment: cas.Environment(strings.ToLower(c.flag("environment"))), RootPEM: root})
	if err != nil {
		return err
	}
	return c.print(ca, func(w io.Writer) { fmt.Fprintf(w, "Added CA %q (%s): %s\n", ca.Name, ca.ID, shown(ca.DirectoryURL)) })
}

func casAddTemplate(c *ctx) error {
	in, err := cas.ExpandTemplate(c.args[0], c.args[1])
	if err != nil {
		return err
	}
	ca, err := c.core.CAs.AddCustom(in)
	if err != nil {
		return err
	}
	return c.print(ca, func(w io.Writer) { fmt.Fprintf(w, "Added CA %q (%s): %s\n", ca.Name, ca.ID, shown(ca.DirectoryURL)) })
}

func completeTemplates(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, ca := range cas.Catalogue() {
		if ca.URLTemplate != "" {
			out = append(out, cobra.CompletionWithDesc(ca.ID, ca.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func casEdit(c *ctx) error {
	found, err := findCA(c, c.args[0])
	if err != nil {
		return err
	}
	in := cas.CustomInput{Name: found.Name, DirectoryURL: found.DirectoryURL, Environment: found.Environment, RootPEM: found.RootPEM, BasedOn: found.BasedOn}
	if c.has("name") {
		in.Name = c.flag("name")
	}
	if c.has("directory") {
		in.DirectoryURL = c.flag("directory")
	}
	if c.has("environment") {
		in.Environment = cas.Environment(strings.ToLower(c.flag("environment")))
	}
	if c.has("root") {
		if in.RootPEM, err = readRoot(c); err != nil {
			return err
		}
	}
	if c.has("no-root") {
		in.RootPEM = ""
	}
	ca, err := c.core.CAs.UpdateCustom(found.ID, in)
	if err != nil {
		return err
	}
	return c.print(ca, func(w io.Writer) { fmt.Fprintf(w, "Changed CA %q (%s).\n", ca.Name, ca.ID) })
}

func casRemove(c *ctx) error {
	ca, err := findCA(c, c.args[0])
	if err != nil {
		return err
	}
	if err := c.core.CAs.DeleteCustom(ca.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"id": ca.ID}, func(w io.Writer) { fmt.Fprintf(w, "Deleted CA %q.\n", ca.Name) })
}

func casRefresh(c *ctx) error {
	ca, err := findCA(c, c.args[0])
	if err != nil {
		return err
	}
	d, err := c.core.CAs.Directory(c, ca.ID, true)
	if err != nil {
		return err
	}
	return c.print(d, func(w io.Writer) {
		fmt.Fprintf(w, "%s answered (%s).\n", shown(ca.Name), shown(d.URL))
		if d.Meta.TermsOfService != "" {
			fmt.Fprintf(w, "  terms of service: %s\n", shown(d.Meta.TermsOfService))
		}
		if d.Meta.ExternalAccountRequired {
			fmt.Fprintln(w, "  needs EAB credentials")
		}
		if d.KeyChangeOffered {
			fmt.Fprintln(w, "  offers account key rollover")
		}
		for name := range d.Meta.Profiles {
			fmt.Fprintf(w, "  profile: %s\n", shown(name))
		}
	})
}

// readRoot reads --root: PEM text, bounded like the window's field.
func readRoot(c *ctx) (string, error) {
	file := c.flag("root")
	if file == "" {
		return "", nil
	}
	b, err := safefile.Read(file, cas.MaxRootPEM)
	if err != nil {
		return "", safefile.Refusal(err, "root certificate file", file)
	}
	return string(b), nil
}

// findCA finds a CA by ID, or by name (any case).
func findCA(c *ctx, ref string) (*cas.CA, error) {
	list, err := c.core.CAs.List()
	if err != nil {
		return nil, err
	}
	for _, ca := range list {
		if ca.ID == ref || strings.EqualFold(ca.Name, ref) {
			return &ca, nil
		}
	}
	return nil, apperr.Newf(apperr.CodeNotFound, "Run acmedesk cas list to see the CAs.", "No CA has the ID or name %s.", quoteArg(ref))
}
