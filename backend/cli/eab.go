package cli

import (
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"acmedesk/backend/credentials"
	"acmedesk/backend/eab"
	"acmedesk/backend/store"
)

func eabCommand() *cobra.Command {
	list := leaf("list KEY", "List the EAB credentials of the DigiCert ACME contract (active and revoked), matched to stored ones.", unlocks, withManager(digicertList))

	regenerate := leaf("regenerate KEY", "Make new EAB credentials at DigiCert and store them.", unlocks, withManager(digicertRegenerate))
	explain(regenerate, "The current credentials stay active unless --revoke-existing is given.")
	regenerate.Flags().Bool("revoke-existing", false, "also revoke the contract's current credentials")

	revoke := leaf("revoke KEY DIGICERT-ID", "Revoke one EAB credential at DigiCert, by DigiCert's credential id (see list).", unlocks, withManager(digicertRevoke))

	revokeAll := leaf("revoke-all KEY", "Revoke every active EAB credential of the contract at DigiCert.", unlocks, withManager(digicertRevokeAll))
	explain(revokeAll, "Accounts bound with them keep working; new accounts need new credentials. --yes confirms.")
	revokeAll.Flags().Bool("yes", false, "confirm: revoke them all")
	required(revokeAll, "yes")

	plan := leaf("plan-rotation KEY OLD-EAB", "Describe each step of replacing a stored EAB credential without downtime; nothing changes.", unlocks, withManager(digicertPlan))

	step1 := leaf("rotate-regenerate KEY OLD-EAB", "Rotation step 1: make and store new credentials while the old ones stay active.", unlocks, withManager(digicertRotateRegenerate))

	step2 := leaf("rotate-repoint OLD-EAB NEW-EAB", "Rotation step 2: point every account using the old EAB credential at the new one.", writes, withManager(digicertRotateRepoint))

	for _, cmd := range []*cobra.Command{list, regenerate, revokeAll} {
		cmd.Args = cobra.ExactArgs(1)
		cmd.ValidArgsFunction = firstArg(completeCredentialNames)
	}
	for _, cmd := range []*cobra.Command{revoke, plan, step1, step2} {
		cmd.Args = cobra.ExactArgs(2)
		cmd.ValidArgsFunction = completeCredentialNames
	}
	digicert := group("digicert", "DigiCert ACME contracts, through a stored Partner Subscriptions API key (KEY): list, regenerate, revoke, rotate.",
		list, regenerate, revoke, revokeAll, plan, step1, step2)

	fromKey := leaf("from-access-key ACCESS-KEY", "Fetch EAB credentials with a stored ZeroSSL API access key, and store them.", unlocks, withManager(zerosslFromAccessKey))
	fromKey.Args = cobra.ExactArgs(1)
	fromKey.ValidArgsFunction = firstArg(completeCredentialNames)
	fromEmail := leaf("from-email EMAIL", "Fetch EAB credentials for the e-mail address of a ZeroSSL account, and store them.", unlocks, withManager(zerosslFromEmail))
	fromEmail.Args = cobra.ExactArgs(1)
	zerossl := group("zerossl", "ZeroSSL EAB credentials: from a stored access key, or from an e-mail address.", fromKey, fromEmail)

	return group("eab", "External account binding at CA APIs: DigiCert contracts, ZeroSSL.", digicert, zerossl)
}

// withManager runs a command with the manager of EAB credentials at CA APIs.
func withManager(run func(c *ctx, m *eab.Manager) error) func(c *ctx) error {
	return func(c *ctx) error {
		m, err := c.core.EAB()
		if err != nil {
			return err
		}
		return run(c, m)
	}
}

func digicertList(c *ctx, m *eab.Manager) error {
	key, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	list, err := m.ListDigiCert(c, key.ID)
	if err != nil {
		return err
	}
	return c.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "DigiCert lists no EAB credentials for this contract.")
			return
		}
		var rows [][]string
		for _, l := range list {
			rows = append(rows, []string{strconv.FormatInt(l.CredentialID, 10), "…" + l.KIDHint, l.Status, l.CreatedAt.Format("2006-01-02 15:04"), orDash(l.StoredName)})
		}
		table(w, "DIGICERT ID\tKEY ID\tSTATUS\tCREATED\tSTORED AS", rows)
	})
}

func digicertRegenerate(c *ctx, m *eab.Manager) error {
	key, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	cr, err := m.RegenerateDigiCert(c, key.ID, c.has("revoke-existing"))
	if err != nil {
		return err
	}
	return printStoredEAB(c, cr)
}

func digicertRevoke(c *ctx, m *eab.Manager) error {
	key, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.args[1], 10, 64)
	if err != nil || id <= 0 {
		return usagef("DIGICERT-ID is DigiCert's number for the credential (see eab digicert list), not %s", quoteArg(c.args[1]))
	}
	if err := m.RevokeOld(c, key.ID, id); err != nil {
		return err
	}
	return c.print(map[string]int64{"credentialId": id}, func(w io.Writer) { fmt.Fprintf(w, "Revoked the EAB credential %d at DigiCert.\n", id) })
}

func digicertRevokeAll(c *ctx, m *eab.Manager) error {
	key, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	if err := m.RevokeAllDigiCert(c, key.ID); err != nil {
		return err
	}
	return c.print(map[string]string{"keyCredentialId": key.ID}, func(w io.Writer) {
		fmt.Fprintln(w, "Revoked every active EAB credential of the contract at DigiCert.")
	})
}

func digicertPlan(c *ctx, m *eab.Manager) error {
	key, old, err := twoCredentials(c)
	if err != nil {
		return err
	}
	plan, err := m.PlanRotation(c, key.ID, old.ID)
	if err != nil {
		return err
	}
	return c.print(plan, func(w io.Writer) {
		fmt.Fprintf(w, "Replacing %q (contract %d):\n", old.Name, plan.ContractID)
		for i, s := range plan.Steps {
			fmt.Fprintf(w, "  %d. %s\n", i+1, shown(s.Description))
		}
	})
}

func digicertRotateRegenerate(c *ctx, m *eab.Manager) error {
	key, old, err := twoCredentials(c)
	if err != nil {
		return err
	}
	cr, err := m.RegenerateKeepingOld(c, key.ID, old.ID)
	if err != nil {
		return err
	}
	return printStoredEAB(c, cr)
}

func digicertRotateRepoint(c *ctx, m *eab.Manager) error {
	old, next, err := twoCredentials(c)
	if err != nil {
		return err
	}
	moved, err := m.Repoint(c, old.ID, next.ID)
	if moved == nil {
		moved = []store.Ref{}
	}
	if perr := c.print(moved, func(w io.Writer) {
		for _, r := range moved {
			fmt.Fprintf(w, "%s %s now uses %q.\n", r.Kind, shown(r.Label), next.Name)
		}
		if err == nil && len(moved) == 0 {
			fmt.Fprintf(w, "No account uses %q.\n", old.Name)
		}
	}); perr != nil {
		return perr
	}
	return err // those listed were switched; running it again goes on
}

func zerosslFromAccessKey(c *ctx, m *eab.Manager) error {
	key, err := findCredential(c, c.args[0])
	if err != nil {
		return err
	}
	cr, err := m.ZeroSSLFromAccessKey(c, key.ID)
	if err != nil {
		return err
	}
	return printStoredEAB(c, cr)
}

func zerosslFromEmail(c *ctx, m *eab.Manager) error {
	cr, err := m.ZeroSSLFromEmail(c, c.args[0])
	if err != nil {
		return err
	}
	return printStoredEAB(c, cr)
}

// twoCredentials finds the command's two credential arguments.
func twoCredentials(c *ctx) (*credentials.Listed, *credentials.Listed, error) {
	first, err := findCredential(c, c.args[0])
	if err != nil {
		return nil, nil, err
	}
	second, err := findCredential(c, c.args[1])
	if err != nil {
		return nil, nil, err
	}
	return first, second, nil
}

func printStoredEAB(c *ctx, cr *credentials.Credential) error {
	return c.print(cr, func(w io.Writer) {
		fmt.Fprintf(w, "Stored the new EAB credential %q (%s); its HMAC key is sealed, never shown.\n", cr.Name, cr.ID)
	})
}
