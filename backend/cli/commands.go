package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/backup"
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
	"acmedesk/backend/datadir"
	"acmedesk/backend/exporters"
	"acmedesk/backend/importers"
	"acmedesk/backend/keys"
	"acmedesk/backend/safefile"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func commands() []command {
	return []command{
		{name: "keys list", readOnly: true, summary: "List the stored keys (no private key is shown).", run: keysList},
		{name: "keys generate", summary: "Generate a new account key.", flags: flagSpec{"name": true, "type": true, "description": true}, secrets: true, run: keysGenerate,
			required: []string{"name"}, choices: map[string][]string{"type": {"ec384", "ec256", "rsa2048", "rsa3072", "rsa4096"}},
			help: "Options:\n  --name NAME    the key's name (required)\n  --type TYPE    ec384 (default, recommended), ec256, rsa2048, rsa3072 or rsa4096"},
		{name: "keys import", args: "FILE", minArgs: 1, maxArgs: 1, summary: "Import a private key (PEM or JWK, encrypted or not).",
			flags: flagSpec{"name": true, "description": true, "passphrase-file": true}, secrets: true, run: keysImport, required: []string{"name"},
			help: "Options:\n  --name NAME              the key's name (required)\n  --passphrase-file FILE   passphrase of an encrypted key; else it is prompted on a\n                           terminal, or read as one line of standard input"},
		{name: "keys export", args: "ID|NAME", minArgs: 1, maxArgs: 1, summary: "Write a private key to a file (the key must allow export).",
			flags: flagSpec{"format": true, "out": true}, secrets: true, run: keysExport,
			required: []string{"out"}, choices: map[string][]string{"format": {"pem", "jwk"}},
			help: "Options:\n  --format pem|jwk   PKCS#8 PEM (default) or JWK\n  --out FILE         the file to write (owner-only; never overwritten)\n\nThe key is never written to standard output. Turn on \"Allow export\" for the key first."},

		{name: "accounts list", readOnly: true, summary: "List the stored ACME accounts.", run: accountsList},
		{name: "accounts import", args: "PATH", minArgs: 1, maxArgs: 1, summary: "Import the lego, certbot and acme.sh accounts found in a folder.", secrets: true, run: accountsImport,
			help: "PATH is a .lego folder, a certbot config folder, an acme.sh home, one account's folder, or a parent of several.\nEverything importable is imported; the rest is listed with the reason."},
		{name: "accounts export", args: "ID|NAME", minArgs: 1, maxArgs: 1, summary: "Write an account for lego, certbot, acme.sh or cert-manager.",
			flags: flagSpec{"format": true, "out": true}, secrets: true, run: accountsExport,
			required: []string{"format", "out"}, choices: map[string][]string{"format": {"lego", "certbot", "acmesh", "cert-manager"}},
			help: "Options:\n  --format lego|certbot|acmesh|cert-manager\n  --out DIR    the folder to write into (lego --path, certbot --config-dir, acme.sh --home)\n\nThe account's key must allow export. Files are owner-only and never overwritten.\ncertbot only supports RSA account keys."},
		{name: "accounts register", args: "ID|NAME", minArgs: 1, maxArgs: 1, summary: "Register an account at its CA.",
			flags: flagSpec{"agree-tos": false}, secrets: true, run: accountsRegister,
			help: "Options:\n  --agree-tos   agree to the CA's terms of service (required when the CA has terms)"},
		{name: "accounts refresh", args: "[ID|NAME]", maxArgs: 1, summary: "Ask the CA for the account's state (all accounts without ID or with --all).",
			flags: flagSpec{"all": false}, secrets: true, run: accountsRefresh},

		{name: "credentials list", readOnly: true, summary: "List the stored credentials (names of secret fields only, never values).", run: credentialsList},

		{name: "backup", args: "FILE", minArgs: 1, maxArgs: 1, summary: "Write an encrypted backup of every record and secret.",
			flags: flagSpec{"passphrase-file": true}, secrets: true, run: backupCmd,
			help: "Options:\n  --passphrase-file FILE   the backup passphrase (at least 10 characters); else it is\n                           prompted on a terminal, or read as one line of standard input"},
		{name: "restore", args: "FILE", minArgs: 1, maxArgs: 1, summary: "Restore a backup into an empty data folder, or merge it.",
			flags: flagSpec{"passphrase-file": true, "merge": false, "dry-run": false, "take-backup": true}, secrets: true, run: restoreCmd,
			help: "Options:\n  --merge                  add what the data folder lacks; conflicting records are kept and listed\n  --take-backup IDS        with --merge: take the backup's version of these conflicting records\n                           (ids as listed, comma-separated, or all: every conflict marked *)\n  --dry-run                with --merge: show what would happen, change nothing\n  --passphrase-file FILE   the backup passphrase (else prompted, or one line of standard input)\n\nA wrong passphrase or a damaged file changes nothing."},

		{name: "recover", args: "BACKUP-FILE", minArgs: 1, maxArgs: 1, noCore: true, run: recoverCmd,
			summary: "Set the data folder aside (damaged, or its vault key lost) and restore a backup into a new one.",
			flags:   flagSpec{"passphrase-file": true, "new-vault-passphrase-file": true},
			help: "Options:\n  --passphrase-file FILE            the backup passphrase (else prompted, or one line of standard input)\n" +
				"  --new-vault-passphrase-file FILE  protect the new vault with this passphrase; without it, the new\n" +
				"                                    vault key goes to the OS keychain\n\n" +
				"The old data folder is kept as it is, renamed to <folder>.set-aside-<date>. A wrong passphrase changes nothing."},
		{name: "vault status", readOnly: true, summary: "Say how the vault is protected and whether it is locked.", run: vaultStatus},
		{name: "vault init", summary: "Create a passphrase-protected vault in a new data folder (for machines without a keychain).",
			flags: flagSpec{"passphrase-file": true}, noCore: true, run: vaultInit,
			help: "Options:\n  --passphrase-file FILE   the vault passphrase (at least 10 characters); else prompted\n\nLater commands unlock it with --vault-passphrase-file FILE, " + EnvVaultPassphraseFile + ", or a prompt."},
	}
}

// --- keys

func keysList(c *ctx) error {
	list, err := c.core.Keys.List()
	if err != nil {
		return err
	}
	if list == nil {
		list = []keys.Key{}
	}
	return c.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No keys yet.")
			return
		}
		var rows [][]string
		for _, k := range list {
			rows = append(rows, []string{k.ID, k.Name, string(k.Algorithm), short(k.FingerprintSHA256), yesNo(k.AllowExport)})
		}
		table(w, "ID\tNAME\tTYPE\tSHA-256\tEXPORT", rows)
	})
}

func keysGenerate(c *ctx) error {
	if c.flag("name") == "" {
		return usagef("--name is required")
	}
	alg := keys.EC384
	if t := c.flag("type"); t != "" {
		alg = keys.Algorithm(strings.ToLower(t))
		if !validAlg(alg) {
			return usagef("--type must be one of ec384, ec256, rsa2048, rsa3072, rsa4096")
		}
	}
	k, err := c.core.Keys.Generate(c, c.flag("name"), c.flag("description"), alg)
	if err != nil {
		return err
	}
	return c.print(k, func(w io.Writer) { fmt.Fprintf(w, "Generated %s key %q (%s).\n", alg.Label(), k.Name, k.ID) })
}

func validAlg(a keys.Algorithm) bool {
	for _, x := range keys.Algorithms {
		if x == a {
			return true
		}
	}
	return false
}

func keysImport(c *ctx) error {
	if c.flag("name") == "" {
		return usagef("--name is required")
	}
	data, err := readInput(c.args[0])
	if err != nil {
		return err
	}
	defer clear(data)
	pass := ""
	if c.has("passphrase-file") {
		if pass, err = c.secret("", c.flag("passphrase-file")); err != nil {
			return err
		}
	}
	k, err := c.core.Keys.Import(c.flag("name"), c.flag("description"), data, pass)
	if apperr.Is(err, apperr.CodeNeedPass) && !c.has("passphrase-file") {
		if pass, err = c.secret("Passphrase of the key file: ", ""); err != nil {
			return err
		}
		k, err = c.core.Keys.Import(c.flag("name"), c.flag("description"), data, pass)
	}
	if err != nil {
		return err
	}
	return c.print(k, func(w io.Writer) {
		fmt.Fprintf(w, "Imported %s key %q (%s, SHA-256 %s).\n", k.Algorithm.Label(), k.Name, k.ID, short(k.FingerprintSHA256))
	})
}

func keysExport(c *ctx) error {
	out := c.flag("out")
	if out == "" {
		return usagef("--out FILE is required: keys are never written to standard output")
	}
	format := keys.ExportFormat(strings.ToLower(c.flag("format")))
	if format == "" {
		format = keys.FormatPEM
	}
	if format != keys.FormatPEM && format != keys.FormatJWK {
		return usagef("--format must be pem or jwk")
	}
	k, err := findKey(c, c.args[0])
	if err != nil {
		return err
	}
	if _, err := os.Lstat(out); err == nil {
		return apperr.Newf(apperr.CodeConflict, "Choose another file name, or move the existing file away.", "%s already exists; it is not overwritten.", out)
	}
	if err := c.core.Keys.ExportToFile(k.ID, format, out); err != nil {
		return err
	}
	abs, _ := filepath.Abs(out)
	return c.print(map[string]string{"keyId": k.ID, "format": string(format), "file": abs}, func(w io.Writer) {
		fmt.Fprintf(w, "Wrote the private key of %q to %s (readable by you only).\n", k.Name, shown(abs))
	})
}

func findKey(c *ctx, ref string) (*keys.Key, error) {
	list, err := c.core.Keys.List()
	if err != nil {
		return nil, err
	}
	var match []keys.Key
	for _, k := range list {
		if k.ID == ref {
			return &k, nil
		}
		if strings.EqualFold(k.Name, ref) {
			match = append(match, k)
		}
	}
	if len(match) == 1 {
		return &match[0], nil
	}
	return nil, apperr.Newf(apperr.CodeNotFound, "Run acmedesk keys list to see the keys.", "No key has the ID or name %s.", quoteArg(ref))
}

// --- accounts

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
	co := c.core
	im := importers.New(co.DB, co.Keys, co.CAs, co.Accounts, co.Credentials)
	p, err := im.Scan(c.args[0])
	if err != nil {
		return err
	}
	choices := make([]importers.Choice, 0, len(p.Accounts))
	for _, f := range p.Accounts {
		choices = append(choices, importers.Choice{ID: f.ID})
	}
	res := &importers.Result{Outcomes: []importers.Outcome{}}
	if len(choices) > 0 {
		if res, err = im.Import(c, p, choices); err != nil {
			return err
		}
	}
	perr := c.print(map[string]any{"found": p, "result": res}, func(w io.Writer) {
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
	return nil
}

func accountsExport(c *ctx) error {
	format := exporters.Format(strings.ToLower(c.flag("format")))
	if format == "" || c.flag("out") == "" {
		return usagef("--format and --out are required")
	}
	ok := false
	for _, f := range exporters.Formats {
		ok = ok || f == format
	}
	if !ok {
		return usagef("--format must be lego, certbot, acmesh or cert-manager")
	}
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
	res, err := c.core.Accounts.RefreshAll(c, 4)
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

// --- credentials

func credentialsList(c *ctx) error {
	list, err := c.core.Credentials.List(credentials.Filter{})
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

// --- backup and restore

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

// --- vault

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

// --- helpers

// maxKeyFile bounds a key file: the largest RSA key in PEM is a few KiB.
const maxKeyFile = 1 << 20

func readInput(path string) ([]byte, error) {
	data, err := safefile.Read(path, maxKeyFile)
	if err != nil {
		return nil, safefile.Refusal(err, "key file", path)
	}
	return data, nil
}

func short(fp string) string {
	if len(fp) > 16 {
		return fp[:16] + "…"
	}
	return fp
}

func yesNo(b bool) string {
	if b {
		return "allowed"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
