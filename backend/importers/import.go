package importers

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
)

// Choice picks one account of a Preview to import.
type Choice struct {
	ID string `json:"id"` // Found.ID
	// CAID answers "which CA?" when the files do not say (Found.CAID is empty);
	// it cannot override a CA the files do name.
	CAID string `json:"caId,omitempty"`
	// Name of the new account; empty picks one from the CA, contact and tool.
	Name string `json:"name,omitempty"`
}

// Action is what happened to one chosen account.
type Action string

const (
	Imported Action = "imported"
	Skipped  Action = "skipped" // a duplicate (merged into the existing record) or blocked
	Failed   Action = "failed"
)

// Outcome is the result for one chosen account.
type Outcome struct {
	ID           string `json:"id"`
	Action       Action `json:"action"`
	AccountID    string `json:"accountId,omitempty"`
	AccountName  string `json:"accountName,omitempty"`
	KeyID        string `json:"keyId,omitempty"`
	KeyReused    bool   `json:"keyReused,omitempty"`
	CredentialID string `json:"credentialId,omitempty"`
	// Reason says why it was skipped or failed, in plain words.
	Reason string        `json:"reason,omitempty"`
	Error  *apperr.Error `json:"error,omitempty"`
}

// Result is the outcome of an import, in the order of the choices.
type Result struct {
	Outcomes []Outcome `json:"outcomes"`
	Imported int       `json:"imported"`
	Skipped  int       `json:"skipped"`
	Failed   int       `json:"failed"`
}

// Import stores the chosen accounts of p: each key through the keys service
// (reusing a stored key with the same fingerprint), an acme.sh EAB credential
// as a stored EAB credential, and the account with its known account URL. The
// files are read again: secrets never travel in the preview. Each account
// stands alone: one that fails leaves nothing behind and does not stop the others.
func (im *Importer) Import(ctx context.Context, p *Preview, choices []Choice) (*Result, error) {
	if p == nil {
		return nil, apperr.New(apperr.CodeInvalidInput, "Scan a folder first.", "")
	}
	byID := make(map[string]*Found, len(p.Accounts))
	for i := range p.Accounts {
		byID[p.Accounts[i].ID] = &p.Accounts[i]
	}
	res := &Result{Outcomes: []Outcome{}}
	done := map[string]string{} // fingerprint -> ID imported (or merged) in this run
	for _, ch := range choices {
		if err := ctx.Err(); err != nil {
			return res, apperr.Wrap(err, apperr.CodeCancelled, "The import was cancelled.", "The accounts listed as imported were stored; the others were not.")
		}
		o := Outcome{ID: ch.ID}
		f, ok := byID[ch.ID]
		switch {
		case !ok:
			o.Action, o.Reason = Failed, "This account is not in the scan; scan the folder again."
		case done[f.FingerprintSHA256] != "":
			o.Action, o.Reason = Skipped, fmt.Sprintf("Same key as %s, imported just before: one key is one account.", done[f.FingerprintSHA256])
		default:
			o = im.importOne(ctx, f, ch)
			if o.Action != Failed {
				done[f.FingerprintSHA256] = f.ID
			}
		}
		switch o.Action {
		case Imported:
			res.Imported++
		case Skipped:
			res.Skipped++
		default:
			res.Failed++
		}
		res.Outcomes = append(res.Outcomes, o)
	}
	return res, nil
}

// chosenCA is the CA the account is filed under: the one its files name, or,
// when they name only a host several CAs share, the one the user chose among
// those candidates. A choice that is not among them is refused.
func chosenCA(f *Found, ch Choice) (string, error) {
	switch {
	case ch.CAID == "" || ch.CAID == f.CAID:
		return f.CAID, nil
	case f.CAID != "":
		return "", apperr.Newf(apperr.CodeInvalidInput, "Import it under that CA, or leave the choice empty.",
			"The files say this account belongs to %s; it cannot be filed under another CA.", f.CAName)
	case slices.Contains(f.CACandidates, ch.CAID):
		return ch.CAID, nil
	}
	return "", apperr.New(apperr.CodeInvalidInput, "That CA is not one this account can belong to.",
		"Choose one of the CAs the scan offered, or add the account's CA and scan again.")
}

func failed(o Outcome, err error) Outcome {
	e := apperr.From(err)
	o.Action, o.Reason, o.Error = Failed, e.Message, e
	return o
}

func (im *Importer) importOne(ctx context.Context, f *Found, ch Choice) Outcome {
	o := Outcome{ID: f.ID}
	// Read the files again: the preview holds no secret, they may have
	// changed, and the preview came back from the window, so what it says
	// about the CA is not taken from it but derived again from the files.
	a, problems := readAccount(f.Tool, f.Path)
	if a == nil {
		reason := "The account's files cannot be read any more; scan again."
		if len(problems) > 0 {
			reason = problems[0].Path + ": " + problems[0].Reason
		}
		o.Action, o.Reason = Failed, reason
		return o
	}
	if a.identity.FingerprintSHA256 != f.FingerprintSHA256 || a.kid != f.KID {
		o.Action, o.Reason = Failed, "The account's files changed since the scan; scan the folder again."
		return o
	}
	known, err := im.cas.List()
	if err != nil {
		return failed(o, err)
	}
	derived := a.describe(filepath.Dir(f.Path))
	matchCA(&derived, a, known)
	caID, err := chosenCA(&derived, ch)
	if err != nil {
		return failed(o, err)
	}
	if caID == "" {
		o.Action, o.Reason = Skipped, derived.Blocker
		if o.Reason == "" {
			o.Reason = "The certificate authority of this account is unknown."
		}
		return o
	}
	f = &derived

	st, err := im.loadState()
	if err != nil {
		return failed(o, err)
	}
	existingKey, keyStored := st.keyByFingerprint[f.FingerprintSHA256]
	if keyStored {
		if acc, ok := st.accountByKey[existingKey.ID]; ok {
			o.Action, o.AccountID, o.AccountName, o.KeyID, o.KeyReused = Skipped, acc.ID, acc.Name, existingKey.ID, true
			o.Reason = fmt.Sprintf("Already stored as account %q (same key); nothing imported.", acc.Name)
			if acc.KID != f.KID {
				o.Reason = fmt.Sprintf("The key is already used by account %q, with another account URL (%s): one key is one account, so this one was not imported.", acc.Name, acc.KID)
			}
			return o
		}
	}
	if acc, ok := st.accountByKID[caID+" "+f.KID]; ok {
		o.Action, o.AccountID, o.AccountName = Skipped, acc.ID, acc.Name
		o.Reason = fmt.Sprintf("Already stored as account %q (same account URL), with another key; nothing imported.", acc.Name)
		return o
	}

	ca, err := im.cas.Get(caID)
	if err != nil {
		return failed(o, err)
	}
	names, err := im.names()
	if err != nil {
		return failed(o, err)
	}
	who := f.Server
	if len(a.contacts) > 0 {
		who = a.contacts[0]
	}
	accountName := strings.TrimSpace(ch.Name)
	if accountName == "" {
		accountName = names.free(names.accounts, fmt.Sprintf("%s — %s (%s)", ca.Name, who, f.Tool))
	}
	from := fmt.Sprintf("Imported from %s: %s", f.Tool, f.Path)

	// The key, the EAB credential and the account are made ready here and
	// stored in one transaction: all of them, or (killed, failed) none.
	var key *keys.Staged
	keyID := existingKey.ID
	if keyStored {
		o.KeyReused = true
	} else {
		if key, err = im.keys.StageImport(names.free(names.keys, accountName+" key"), from, a.keyBytes); err != nil {
			return failed(o, err)
		}
		keyID = key.Record.ID
	}
	o.KeyID = keyID

	var cred *credentials.Staged
	credID := ""
	if a.eabKeyID != "" {
		if credID, cred, err = im.eabCredential(caID, a, names.free(names.credentials, accountName+" EAB"), from); err != nil {
			return failed(o, err)
		}
	}
	o.CredentialID = credID

	status := accounts.Status(a.status)
	switch status {
	case accounts.StatusValid, accounts.StatusDeactivated, accounts.StatusRevoked:
	default:
		status = accounts.StatusValid // what the tool last used it as; Verify asks the CA
	}
	acc, err := im.accounts.PrepareImport(accounts.ImportInput{
		Name: accountName, Description: from, CAID: caID, KeyID: keyID, KID: a.kid,
		Contacts: a.contacts, Status: status, EABCredentialID: credID, RegisteredAt: a.registeredAt,
	})
	if err != nil {
		return failed(o, err)
	}
	err = im.accounts.StoreImported(acc, accounts.Made{Key: key, Credential: cred})
	if err != nil {
		o.KeyID, o.CredentialID = "", ""
		return failed(o, err)
	}
	o.Action, o.AccountID, o.AccountName = Imported, acc.ID, acc.Name
	return o
}

// eabCredential returns the id of the stored EAB credential with a's key ID
// at caID, or stages a new one (cred) to store with the account.
func (im *Importer) eabCredential(caID string, a *account, name, description string) (id string, cred *credentials.Staged, err error) {
	list, err := im.credentials.List(credentials.Filter{Kind: credentials.KindEAB})
	if err != nil {
		return "", nil, err
	}
	for _, c := range list {
		if c.Fields[credentials.EABCAID] == caID && c.Fields[credentials.EABKeyID] == a.eabKeyID {
			return c.ID, nil, nil
		}
	}
	cred, err = im.credentials.Stage(credentials.Input{
		Name: name, Description: description, Kind: credentials.KindEAB,
		Values: map[string]string{credentials.EABCAID: caID, credentials.EABKeyID: a.eabKeyID, credentials.EABHMACKey: a.eabHMAC},
	})
	if err != nil {
		return "", nil, err
	}
	return cred.Record.ID, cred, nil
}

// takenNames are the names in use, lower-cased, per kind of record.
type takenNames struct {
	keys, accounts, credentials map[string]bool
}

func (im *Importer) names() (*takenNames, error) {
	t := &takenNames{keys: map[string]bool{}, accounts: map[string]bool{}, credentials: map[string]bool{}}
	err := im.db.View(func(tx *store.Tx) error {
		ks, err := im.keys.ListIn(tx)
		if err != nil {
			return err
		}
		for _, k := range ks {
			t.keys[strings.ToLower(k.Name)] = true
		}
		as, err := im.accounts.ListIn(tx)
		if err != nil {
			return err
		}
		for _, a := range as {
			t.accounts[strings.ToLower(a.Name)] = true
		}
		cs, err := im.credentials.ListIn(tx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			t.credentials[strings.ToLower(c.Name)] = true
		}
		return nil
	})
	return t, err
}

// free returns base, or base with a number, that is not yet taken, within the name length limit.
func (t *takenNames) free(taken map[string]bool, base string) string {
	base = textfield.Truncate(base, textfield.MaxName-4)
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	taken[strings.ToLower(name)] = true
	return name
}
