package cli

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/exporters"
	"acmedesk/backend/importers"
	"acmedesk/backend/urlcheck"
)

func accountsCommand() *cobra.Command {
	list := leaf("list", "List the stored ACME accounts.", reads, accountsList)

	imp := leaf("import PATH", "Import the lego, certbot and acme.sh accounts found in a folder.", unlocks, accountsImport)
	explain(imp, "PATH is a .lego folder, a certbot config folder, an acme.sh home, one account's folder, or a parent of several.\n"+
		"Everything importable is imported; the rest is listed with the reason.\n\n"+
		"When ACME Desk does not know the CA the files name (a private CA: step-ca, Pebble, in-house):\n"+
		"  --add-ca [--root FILE]   add it as your own CA, from the directory URL the files record; lego records\n"+
		"                           only the CA's host and port: give the directory with --directory URL\n"+
		"  --ca ID|NAME             file the accounts under that stored CA, when their files name only a host\n"+
		"                           several CAs share\n"+
		"Exit 1 when accounts were found but none is in ACME Desk afterwards.")
	imp.Args = cobra.ExactArgs(1)
	imp.Flags().String("ca", "", "the stored CA (`ID|NAME`) for accounts whose files name only a host several CAs share")
	imp.Flags().Bool("add-ca", false, "add the CA the files name as your own CA when ACME Desk does not know it")
	fileFlag(imp, "root", "with --add-ca: a PEM file with the root certificate(s) of the CA's HTTPS")
	imp.Flags().String("directory", "", "with --add-ca: the CA's directory `URL`, for files that record only its host (lego)")
	imp.MarkFlagsMutuallyExclusive("ca", "add-ca")
	imp.RegisterFlagCompletionFunc("ca", completeCANames)

	verify := leaf("verify ID|NAME", "Ask the account's CA whether it knows the account's key (nothing is created there).", unlocks, accountsVerify)
	verify.ValidArgsFunction = firstArg(completeAccountNames)
	explain(verify, "It asks with the account's key and onlyReturnExisting (RFC 8555 §7.3.1).\n"+
		"A valid account is refreshed from the CA; a deactivated one is marked so. Exit 1 unless the CA says valid.")
	verify.Args = cobra.ExactArgs(1)

	export := leaf("export ID|NAME", "Write an account for lego, certbot, acme.sh or cert-manager.", unlocks, accountsExport)
	export.ValidArgsFunction = firstArg(completeAccountNames)
	explain(export, "--out is the folder lego calls --path, certbot --config-dir, acme.sh --home.\n\n"+
		"The account's key must allow export. Files are owner-only and never overwritten.\ncertbot only supports RSA account keys.")
	export.Args = cobra.ExactArgs(1)
	choice(export, "format", "", "the tool to write for", exportFormats()...)
	export.Flags().String("out", "", "the `DIR` to write into")
	export.MarkFlagDirname("out")
	required(export, "format", "out")

	register := leaf("register ID|NAME", "Register an account at its CA.", unlocks, accountsRegister)
	register.ValidArgsFunction = firstArg(completeAccountNames)
	register.Args = cobra.ExactArgs(1)
	register.Flags().Bool("agree-tos", false, "agree to the CA's terms of service (required when the CA has terms)")

	refresh := leaf("refresh [ID|NAME]", "Ask the CA for the account's state (all accounts without ID or with --all).", unlocks, accountsRefresh)
	refresh.ValidArgsFunction = firstArg(completeAccountNames)
	refresh.Args = cobra.MaximumNArgs(1)
	refresh.Flags().Bool("all", false, "refresh every registered account")

	create := leaf("create", "Create an account (not registered yet: then run accounts register).", unlocks, accountsCreate)
	explain(create, "Without --key, a new ECDSA P-384 key is generated for it.\n"+
		"For a CA that needs EAB: --eab-credential ID|NAME, or --eab-key-id KID with --eab-hmac-file FILE\n"+
		"(the HMAC key as the CA gave it, base64url; it becomes a stored EAB credential).")
	create.Flags().String("name", "", "the account's `NAME`")
	create.Flags().String("description", "", "a note about the account")
	create.Flags().String("ca", "", "the CA (`ID|NAME`, see acmedesk cas list)")
	create.Flags().String("key", "", "the account key (`ID|NAME`); default: a new P-384 key")
	create.Flags().StringArray("contact", nil, "a contact e-mail `ADDRESS` (repeat for several)")
	create.Flags().String("eab-credential", "", "a stored EAB credential (`ID|NAME`)")
	create.Flags().String("eab-key-id", "", "the EAB key `ID` the CA gave")
	fileFlag(create, "eab-hmac-file", "a file holding the EAB HMAC key the CA gave")
	required(create, "name", "ca")
	create.RegisterFlagCompletionFunc("ca", completeCANames)
	create.RegisterFlagCompletionFunc("key", completeKeyNames)
	create.RegisterFlagCompletionFunc("eab-credential", completeCredentialNames)
	create.MarkFlagsRequiredTogether("eab-key-id", "eab-hmac-file")
	create.MarkFlagsMutuallyExclusive("eab-credential", "eab-key-id")

	rename := leaf("rename ID|NAME NEW-NAME", "Rename an account here (nothing changes at the CA).", writes, accountsRename)
	rename.ValidArgsFunction = firstArg(completeAccountNames)
	rename.Args = cobra.ExactArgs(2)
	rename.Flags().String("description", "", "a new note about the account")

	contact := leaf("contact ID|NAME", "Replace the account's contact addresses at the CA.", unlocks, accountsContact)
	contact.ValidArgsFunction = firstArg(completeAccountNames)
	contact.Args = cobra.ExactArgs(1)
	contact.Flags().StringArray("contact", nil, "a contact e-mail `ADDRESS` (repeat for several)")
	required(contact, "contact") // ACME has no way to remove every contact: an empty update is refused

	rollover := leaf("rollover ID|NAME", "Move the account to another key at the CA (key rollover); the old key is kept.", unlocks, accountsRollover)
	rollover.ValidArgsFunction = firstArg(completeAccountNames)
	rollover.Args = cobra.ExactArgs(1)
	rollover.Flags().String("key", "", "the new key (`ID|NAME`); default: a new P-384 key")
	rollover.RegisterFlagCompletionFunc("key", completeKeyNames)

	deactivate := leaf("deactivate ID|NAME", "Deactivate the account at its CA, for good.", unlocks, accountsDeactivate)
	deactivate.ValidArgsFunction = firstArg(completeAccountNames)
	explain(deactivate, "It cannot be undone: --confirm must repeat the account's name exactly.")
	deactivate.Args = cobra.ExactArgs(1)
	deactivate.Flags().String("confirm", "", "the account's `NAME`, again")
	required(deactivate, "confirm")

	find := leaf("find-by-key", "Find the account a stored key has at a CA, and store it here.", unlocks, accountsFindByKey)
	explain(find, "It asks with onlyReturnExisting (RFC 8555 §7.3.1): nothing is created at the CA.")
	find.Flags().String("key", "", "the key (`ID|NAME`)")
	find.Flags().String("ca", "", "the CA (`ID|NAME`)")
	find.Flags().String("name", "", "the account's `NAME` here; default: one from the CA and key")
	find.Flags().String("description", "", "a note about the account")
	required(find, "key", "ca")
	find.RegisterFlagCompletionFunc("key", completeKeyNames)
	find.RegisterFlagCompletionFunc("ca", completeCANames)

	useEAB := leaf("use-eab ID|NAME CREDENTIAL", "Make the account refer to another stored EAB credential (after one was rotated at the CA).", writes, accountsUseEAB)
	useEAB.Args = cobra.ExactArgs(2)
	useEAB.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 1 {
			return completeCredentialNames(cmd, args, toComplete)
		}
		return firstArg(completeAccountNames)(cmd, args, toComplete)
	}

	caa := leaf("caa ID|NAME", "Print the CAA record that lets only this account issue for a domain (RFC 8657).", writes, accountsCAA)
	caa.ValidArgsFunction = firstArg(completeAccountNames)
	caa.Args = cobra.ExactArgs(1)

	remove := leaf("remove ID|NAME", "Forget an account here (nothing changes at the CA; its key stays).", writes, accountsRemove)
	remove.ValidArgsFunction = firstArg(completeAccountNames)
	remove.Args = cobra.ExactArgs(1)

	return group("accounts", "ACME accounts: list, create, register, import, export, verify, contact, rollover, deactivate…",
		list, create, register, refresh, imp, export, verify, rename, contact, rollover, deactivate, find, useEAB, caa, remove)
}

func exportFormats() []string {
	out := make([]string, len(exporters.Formats))
	for i, f := range exporters.Formats {
		out[i] = string(f)
	}
	return out
}

func accountsList(c *ctx) error {
	list, err := c.core.Accounts.List()
	if err != nil {
		return err
	}
	if list == nil {
		list = []accounts.Account{}
	}
	return c.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No accounts yet.")
			return
		}
		var rows [][]string
		for _, a := range list {
			rows = append(rows, []string{a.ID, a.Name, a.StatusLabel(), c.caName(a.CAID), strings.Join(a.Contacts, ","), orDash(a.KID)})
		}
		table(w, "ID\tNAME\tSTATUS\tCA\tCONTACT\tACCOUNT URL", rows)
	})
}

func (c *ctx) caName(id string) string {
	if d, err := c.core.CAs.Get(id); err == nil {
		return d.Name
	}
	return id
}

func findAccount(c *ctx, ref string) (*accounts.Account, error) {
	list, err := c.core.Accounts.List()
	if err != nil {
		return nil, err
	}
	var match []accounts.Account
	for _, a := range list {
		if a.ID == ref {
			return &a, nil
		}
		if strings.EqualFold(a.Name, ref) {
			match = append(match, a)
		}
	}
	if len(match) == 1 {
		return &match[0], nil
	}
	return nil, apperr.Newf(apperr.CodeNotFound, "Run acmedesk accounts list to see the accounts.", "No account has the ID or name %s.", quoteArg(ref))
}

func accountsImport(c *ctx) error {
	if !c.has("add-ca") && (c.has("root") || c.has("directory")) {
		return usagef("--root and --directory go with --add-ca")
	}
	im := c.core.Importer
	p, err := im.Scan(c.args[0])
	if err != nil {
		return err
	}
	added := []cas.CA{}
	if c.has("add-ca") {
		if added, err = addImportCAs(c, p); err != nil {
			return err
		}
		if len(added) > 0 {
			// As in the window: with the CA added, the folder is scanned again.
			if p, err = im.Scan(c.args[0]); err != nil {
				return err
			}
		}
	}
	chosen := ""
	if c.has("ca") {
		ca, err := findCA(c, c.flag("ca"))
		if err != nil {
			return err
		}
		chosen = ca.ID
	}
	choices := make([]importers.Choice, 0, len(p.Accounts))
	for _, f := range p.Accounts {
		ch := importers.Choice{ID: f.ID}
		if f.CAID == "" {
			ch.CAID = chosen // the import refuses a CA the account cannot belong to
		}
		choices = append(choices, ch)
	}
	res := &importers.Result{Outcomes: []importers.Outcome{}}
	if len(choices) > 0 {
		done := c.working("Importing %d account(s)", len(choices))
		res, err = im.Import(c, p, choices)
		done()
		if err != nil {
			return err
		}
	}
	perr := c.print(map[string]any{"found": p, "result": res, "addedCas": added}, func(w io.Writer) {
		for _, ca := range added {
			fmt.Fprintf(w, "Added CA %q (%s) for %s.\n", ca.Name, ca.ID, shown(ca.DirectoryURL))
		}
		fmt.Fprintf(w, "Found %d account(s) in %s.\n", len(p.Accounts), shown(p.Root))
		for i, f := range p.Accounts {
			fmt.Fprintf(w, "  %s  %s  CA %s  contact %s  key %s\n      account URL %s\n", f.Tool, shown(f.Path), shown(orDash(firstNonEmpty(f.CAName, f.Server))),
				shown(orDash(strings.Join(f.Contacts, ","))), f.KeyLabel, shown(orDash(f.KID)))
			if i < len(res.Outcomes) {
				o := res.Outcomes[i]
				switch o.Action {
				case importers.Imported:
					fmt.Fprintf(w, "      imported as %q (%s)\n", o.AccountName, o.AccountID)
				default:
					reason := o.Reason
					if reason == "" && o.Error != nil {
						reason = o.Error.Message
					}
					fmt.Fprintf(w, "      %s: %s\n", o.Action, shown(reason))
				}
			}
			for _, n := range f.Notes {
				fmt.Fprintf(w, "      note: %s\n", shown(n))
			}
		}
		for _, pr := range p.Problems {
			fmt.Fprintf(w, "  cannot read %s: %s\n", shown(pr.Path), shown(pr.Reason))
		}
		fmt.Fprintf(w, "Imported %d, skipped %d, failed %d; %d file(s) could not be read.\n", res.Imported, res.Skipped, res.Failed, len(p.Problems))
	})
	if perr != nil {
		return perr
	}
	if res.Failed > 0 {
		return apperr.Newf(apperr.CodeInvalidInput, "", "%d account(s) could not be imported.", res.Failed)
	}
	if len(p.Accounts) > 0 && !anyStored(res) {
		return apperr.Newf(apperr.CodeInvalidInput,
			"When ACME Desk does not know their CA: add it with acmedesk cas add, or import with --add-ca [--root FILE].",
			"None of the %d account(s) found was imported; the reasons are listed above.", len(p.Accounts))
	}
	return nil
}

// anyStored says whether an account of the import is in ACME Desk now:
// imported, or found already stored (an import run again changes nothing, and that is no failure).
func anyStored(res *importers.Result) bool {
	for _, o := range res.Outcomes {
		if o.Action == importers.Imported || o.AccountID != "" {
			return true
		}
	}
	return false
}

// addImportCAs adds, as custom CAs, the CAs that accounts of p name and ACME
// Desk does not know, from the directory URL their files record (or, for
// files that record only the host, --directory on that host). Every account is
// checked before anything is added.
func addImportCAs(c *ctx, p *importers.Preview) ([]cas.CA, error) {
	root, err := readRoot(c)
	if err != nil {
		return nil, err
	}
	var directories []string
	directoryUsed := false
	for _, f := range p.Accounts {
		// Known, or one of several known CAs (--ca chooses), or blocked for another reason than its CA.
		if f.CAID != "" || len(f.CACandidates) > 0 || urlcheck.HTTPS(f.KID) != nil {
			continue
		}
		dir := f.DirectoryURL
		if dir == "" {
			if !c.has("directory") {
				return nil, usagef("%s records only the CA's host (%s): give the CA's directory URL on that host with --directory URL", f.Tool, shown(f.Server))
			}
			dir, directoryUsed = c.flag("directory"), true
			if u, err := url.Parse(dir); err != nil || !strings.EqualFold(u.Host, f.Server) {
				return nil, usagef("--directory %s is not on %s, the CA's host in the %s files", quoteArg(dir), shown(f.Server), f.Tool)
			}
		}
		if !slices.ContainsFunc(directories, func(d string) bool {
			return strings.EqualFold(strings.TrimSuffix(d, "/"), strings.TrimSuffix(dir, "/"))
		}) {
			directories = append(directories, dir)
		}
	}
	if c.has("directory") && !directoryUsed {
		return nil, usagef("--directory is for files that record only the CA's host, and none of the accounts found needs it")
	}
	added := []cas.CA{}
	for _, dir := range directories {
		name := dir
		if u, err := url.Parse(dir); err == nil {
			name = u.Host
		}
		ca, err := c.core.CAs.AddCustom(cas.CustomInput{Name: name, DirectoryURL: dir, RootPEM: root})
		if err != nil {
			return added, err
		}
		added = append(added, *ca)
	}
	return added, nil
}

func accountsVerify(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	v, err := c.core.Importer.Verify(c, a.ID)
	if err != nil {
		return err
	}
	if err := c.print(v, func(w io.Writer) {
		fmt.Fprintf(w, "%s: %s\n", shown(a.Name), shown(v.Message))
		if v.KID != "" {
			fmt.Fprintf(w, "  account URL at the CA: %s\n", shown(v.KID))
		}
	}); err != nil {
		return err
	}
	if v.Verdict != importers.VerdictValid {
		return apperr.Newf(apperr.CodeConflict, "", "The CA does not say the account %q is valid: %s", a.Name, v.Verdict)
	}
	return nil
}

func accountsExport(c *ctx) error {
	format := exporters.Format(strings.ToLower(c.flag("format")))
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	out, err := filepath.Abs(c.flag("out"))
	if err != nil {
		return usagef("bad --out: %v", err)
	}
	co := c.core
	svc := co.Exporter
	res, err := svc.Export(c, a.ID, format, out)
	if err != nil {
		return err
	}
	return c.print(res, func(w io.Writer) {
		fmt.Fprintf(w, "Exported %q for %s (files readable by you only):\n", a.Name, format)
		for _, f := range res.Files {
			fmt.Fprintln(w, "  "+shown(f))
		}
		for _, h := range res.Hints {
			fmt.Fprintln(w, "Use it with: "+shown(h))
		}
	})
}

func accountsRegister(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	a, err = c.core.Accounts.Register(c, a.ID, c.has("agree-tos"))
	if err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) { fmt.Fprintf(w, "Registered %q: %s\n", a.Name, shown(a.KID)) })
}

func accountsRefresh(c *ctx) error {
	if len(c.args) == 1 && c.has("all") {
		return usagef("give an account or --all, not both")
	}
	if len(c.args) == 1 {
		a, err := findAccount(c, c.args[0])
		if err != nil {
			return err
		}
		if a, err = c.core.Accounts.Refresh(c, a.ID); err != nil {
			return err
		}
		return c.print(a, func(w io.Writer) { fmt.Fprintf(w, "%s: %s\n", shown(a.Name), a.StatusLabel()) })
	}
	done := c.working("Asking the CA of each registered account")
	res, err := c.core.Accounts.RefreshAll(c, 4)
	done()
	if err != nil {
		return err
	}
	if res == nil {
		res = []accounts.RefreshResult{}
	}
	failed := 0
	for _, r := range res {
		if r.Error != nil {
			failed++
		}
	}
	if err := c.print(res, func(w io.Writer) {
		if len(res) == 0 {
			fmt.Fprintln(w, "No registered accounts to refresh.")
		}
		for _, r := range res {
			switch {
			case r.Error != nil:
				fmt.Fprintf(w, "%s: failed: %s\n", shown(r.Name), shown(r.Error.Message))
			case r.Skipped:
				fmt.Fprintf(w, "%s: %s (not asked: it cannot be used any more)\n", shown(r.Name), r.Status)
			default:
				fmt.Fprintf(w, "%s: %s\n", shown(r.Name), r.Status)
			}
		}
	}); err != nil {
		return err
	}
	if failed > 0 {
		return apperr.Newf(apperr.CodeInvalidInput, "", "%d account(s) could not be refreshed.", failed)
	}
	return nil
}

func accountsCreate(c *ctx) error {
	ca, err := findCA(c, c.flag("ca"))
	if err != nil {
		return err
	}
	in := accounts.NewInput{Name: c.flag("name"), Description: c.flag("description"), CAID: ca.ID, EABKeyID: c.flag("eab-key-id")}
	if in.Contacts, err = c.cmd.Flags().GetStringArray("contact"); err != nil {
		return err
	}
	if c.has("key") {
		k, err := findKey(c, c.flag("key"))
		if err != nil {
			return err
		}
		in.KeyID = k.ID
	}
	if c.has("eab-credential") {
		cr, err := findCredential(c, c.flag("eab-credential"))
		if err != nil {
			return err
		}
		in.EABCredentialID = cr.ID
	}
	if c.has("eab-hmac-file") {
		if in.EABHMAC, err = c.secret("", c.flag("eab-hmac-file")); err != nil {
			return err
		}
	}
	a, err := c.core.Accounts.Create(c, in)
	if err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) {
		fmt.Fprintf(w, "Created account %q (%s) at %s; register it with: acmedesk accounts register %s\n", a.Name, a.ID, shown(ca.Name), a.ID)
	})
}

func accountsRename(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	description := a.Description
	if c.has("description") {
		description = c.flag("description")
	}
	updated, err := c.core.Accounts.Update(a.ID, c.args[1], description)
	if err != nil {
		return err
	}
	return c.print(updated, func(w io.Writer) { fmt.Fprintf(w, "Renamed %q to %q.\n", a.Name, updated.Name) })
}

func accountsContact(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	contacts, err := c.cmd.Flags().GetStringArray("contact")
	if err != nil {
		return err
	}
	if a, err = c.core.Accounts.ChangeContacts(c, a.ID, contacts); err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) {
		fmt.Fprintf(w, "%s: contacts now %s\n", shown(a.Name), shown(orDash(strings.Join(a.Contacts, ","))))
	})
}

func accountsRollover(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	newKey := ""
	if c.has("key") {
		k, err := findKey(c, c.flag("key"))
		if err != nil {
			return err
		}
		newKey = k.ID
	}
	if a, err = c.core.Accounts.Rollover(c, a.ID, newKey); err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) { fmt.Fprintf(w, "%s now uses the key %s.\n", shown(a.Name), a.KeyID) })
}

func accountsDeactivate(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	if a, err = c.core.Accounts.Deactivate(c, a.ID, c.flag("confirm")); err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) { fmt.Fprintf(w, "%s: %s\n", shown(a.Name), a.StatusLabel()) })
}

func accountsFindByKey(c *ctx) error {
	k, err := findKey(c, c.flag("key"))
	if err != nil {
		return err
	}
	ca, err := findCA(c, c.flag("ca"))
	if err != nil {
		return err
	}
	a, err := c.core.Accounts.FindByKey(c, accounts.FindInput{Name: c.flag("name"), Description: c.flag("description"), CAID: ca.ID, KeyID: k.ID})
	if err != nil {
		return err
	}
	return c.print(a, func(w io.Writer) { fmt.Fprintf(w, "Found %q (%s): %s\n", a.Name, a.ID, shown(a.KID)) })
}

func accountsCAA(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	rec, err := c.core.Accounts.CAA(c, a.ID)
	if err != nil {
		return err
	}
	return c.print(rec, func(w io.Writer) { fmt.Fprintln(w, shown(rec.Value)) })
}

func accountsRemove(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	if err := c.core.Accounts.Delete(a.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"id": a.ID}, func(w io.Writer) {
		fmt.Fprintf(w, "Forgot the account %q here; it is unchanged at the CA, and its key is kept.\n", a.Name)
	})
}

func accountsUseEAB(c *ctx) error {
	a, err := findAccount(c, c.args[0])
	if err != nil {
		return err
	}
	cr, err := findCredential(c, c.args[1])
	if err != nil {
		return err
	}
	if err := c.core.Accounts.Repoint(c, a.ID, cr.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"accountId": a.ID, "eabCredentialId": cr.ID}, func(w io.Writer) {
		fmt.Fprintf(w, "%s now refers to the EAB credential %q.\n", shown(a.Name), cr.Name)
	})
}
