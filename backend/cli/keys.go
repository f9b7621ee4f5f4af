package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"acmedesk/backend/apperr"
	"acmedesk/backend/keys"
)

func keysCommand() *cobra.Command {
	list := leaf("list", "List the stored keys (no private key is shown).", reads, keysList)

	generate := leaf("generate", "Generate a new account key.", unlocks, keysGenerate)
	generate.Flags().String("name", "", "the key's `NAME`")
	generate.Flags().String("description", "", "a note about the key")
	choice(generate, "type", string(keys.EC384), "the key type (ec384 is recommended)", algorithms()...)
	required(generate, "name")

	imp := leaf("import FILE", "Import a private key (PEM or JWK, encrypted or not).", unlocks, keysImport)
	imp.Args = cobra.ExactArgs(1)
	imp.Flags().String("name", "", "the key's `NAME`")
	imp.Flags().String("description", "", "a note about the key")
	fileFlag(imp, "passphrase-file", "passphrase of an encrypted key; else it is prompted on a terminal, or read as one line of standard input")
	required(imp, "name")

	export := leaf("export ID|NAME", "Write a private key to a file (the key must allow export).", unlocks, keysExport)
	export.ValidArgsFunction = firstArg(completeKeyNames)
	explain(export, "The file is readable by you only, and never overwritten. The key is never written to standard output. Turn on \"Allow export\" for the key first.")
	export.Args = cobra.ExactArgs(1)
	choice(export, "format", string(keys.FormatPEM), "PKCS#8 PEM or JWK", string(keys.FormatPEM), string(keys.FormatJWK))
	fileFlag(export, "out", "the `FILE` to write")
	required(export, "out")

	show := leaf("show ID|NAME", "Show a key: its public key, fingerprints and what uses it.", reads, keysShow)
	show.ValidArgsFunction = firstArg(completeKeyNames)
	show.Args = cobra.ExactArgs(1)

	rename := leaf("rename ID|NAME NEW-NAME", "Rename a key (its description stays unless --description is given).", writes, keysRename)
	rename.ValidArgsFunction = firstArg(completeKeyNames)
	rename.Args = cobra.ExactArgs(2)
	rename.Flags().String("description", "", "a new note about the key")

	allow := leaf("allow-export ID|NAME", "Let the key's private key be exported (to a file, or with an account).", writes, keysAllowExport(true))
	allow.ValidArgsFunction = firstArg(completeKeyNames)
	allow.Args = cobra.ExactArgs(1)
	deny := leaf("deny-export ID|NAME", "Stop the key's private key from being exported (the default).", writes, keysAllowExport(false))
	deny.ValidArgsFunction = firstArg(completeKeyNames)
	deny.Args = cobra.ExactArgs(1)

	del := leaf("delete ID|NAME", "Delete a key for good (refused while an account uses it).", writes, keysDelete)
	del.ValidArgsFunction = firstArg(completeKeyNames)
	del.Args = cobra.ExactArgs(1)

	return group("keys", "Account keys: list, show, generate, import, export, rename, allow or deny export, delete.",
		list, show, generate, imp, export, rename, allow, deny, del)
}

func keysShow(c *ctx) error {
	k, err := findKey(c, c.args[0])
	if err != nil {
		return err
	}
	d, err := c.core.Keys.Get(k.ID)
	if err != nil {
		return err
	}
	return c.print(d, func(w io.Writer) {
		fmt.Fprintf(w, "%s (%s, %s)\n", shown(d.Name), d.ID, d.AlgorithmLabel)
		if d.Description != "" {
			fmt.Fprintf(w, "  %s\n", shown(d.Description))
		}
		fmt.Fprintf(w, "  SHA-256: %s\n  JWK thumbprint: %s\n  export: %s\n", d.FingerprintSHA256, d.JWKThumbprint, yesNo(d.AllowExport))
		for _, u := range d.UsedBy {
			fmt.Fprintf(w, "  used by %s %s\n", u.Kind, shown(u.Label))
		}
		fmt.Fprint(w, d.PublicKeyPEM)
	})
}

func keysRename(c *ctx) error {
	k, err := findKey(c, c.args[0])
	if err != nil {
		return err
	}
	description := k.Description
	if c.has("description") {
		description = c.flag("description")
	}
	updated, err := c.core.Keys.Update(k.ID, c.args[1], description, k.AllowExport)
	if err != nil {
		return err
	}
	return c.print(updated, func(w io.Writer) { fmt.Fprintf(w, "Renamed %q to %q.\n", k.Name, updated.Name) })
}

func keysAllowExport(allow bool) func(c *ctx) error {
	return func(c *ctx) error {
		k, err := findKey(c, c.args[0])
		if err != nil {
			return err
		}
		updated, err := c.core.Keys.Update(k.ID, k.Name, k.Description, allow)
		if err != nil {
			return err
		}
		return c.print(updated, func(w io.Writer) { fmt.Fprintf(w, "Export of %q: %s.\n", updated.Name, yesNo(updated.AllowExport)) })
	}
}

func keysDelete(c *ctx) error {
	k, err := findKey(c, c.args[0])
	if err != nil {
		return err
	}
	if err := c.core.Keys.Delete(k.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"id": k.ID}, func(w io.Writer) { fmt.Fprintf(w, "Deleted key %q.\n", k.Name) })
}

func algorithms() []string {
	out := make([]string, len(keys.Algorithms))
	for i, a := range keys.Algorithms {
		out[i] = string(a)
	}
	return out
}

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
	alg := keys.Algorithm(strings.ToLower(c.flag("type")))
	done := c.working("Generating the %s key", alg.Label())
	k, err := c.core.Keys.Generate(c, c.flag("name"), c.flag("description"), alg)
	done()
	if err != nil {
		return err
	}
	return c.print(k, func(w io.Writer) { fmt.Fprintf(w, "Generated %s key %q (%s).\n", alg.Label(), k.Name, k.ID) })
}

func keysImport(c *ctx) error {
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
	format := keys.ExportFormat(strings.ToLower(c.flag("format")))
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
