package importers

import (
	"context"
	"strings"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"

	"acmedesk/backend/accounts"
	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
)

// Verdict is what the CA says about an account's key.
type Verdict string

const (
	VerdictValid       Verdict = "valid"
	VerdictDeactivated Verdict = "deactivated"
	VerdictNotFound    Verdict = "not_found"
	// VerdictOtherURL: the CA knows the key, under another account URL than the one stored.
	VerdictOtherURL Verdict = "other_url"
)

// Verification is the answer of the CA for one account.
type Verification struct {
	AccountID string    `json:"accountId"`
	Verdict   Verdict   `json:"verdict"`
	KID       string    `json:"kid,omitempty"` // the account URL the CA gave, when it knows the key
	Message   string    `json:"message"`
	CheckedAt time.Time `json:"checkedAt" ts_type:"string"`
	// Account is the record as stored after the verdict, when the verdict changed it.
	Account *accounts.Account `json:"account,omitempty"`
}

// Verify asks the account's CA, with the account's key and onlyReturnExisting
// (RFC 8555 §7.3.1), whether the account exists: nothing is created at the CA.
// The verdict is stored: a valid account is refreshed (status and contacts come
// from the CA), a deactivated one is marked deactivated.
func (im *Importer) Verify(ctx context.Context, accountID string) (*Verification, error) {
	a, err := im.accounts.Get(accountID)
	if err != nil {
		return nil, err
	}
	d, err := im.cas.Get(a.CAID)
	if err != nil {
		return nil, err
	}
	signer, err := im.keys.Signer(a.KeyID)
	if err != nil {
		return nil, err
	}
	client, err := cas.HTTPClient(&d.CA)
	if err != nil {
		return nil, err
	}
	core, err := api.New(client, "acmedesk/0.1", d.DirectoryURL, "", signer)
	if err != nil {
		return nil, acmeerr.Explain(err, d.DirectoryURL)
	}
	v := &Verification{AccountID: a.ID, CheckedAt: time.Now().UTC()}
	found, err := core.Accounts.New(acme.Account{OnlyReturnExisting: true})
	switch {
	case err == nil:
		v.KID = found.Location
		if found.Location != a.KID {
			v.Verdict = VerdictOtherURL
			v.Message = "The CA knows this key as another account (" + found.Location + ") than the one stored (" + a.KID + ")."
			return v, nil
		}
		if found.Status == string(accounts.StatusDeactivated) {
			return im.deactivated(v, a, d.Name), nil
		}
		v.Verdict, v.Message = VerdictValid, "The account exists at "+d.Name+" and is "+orValid(found.Status)+"."
		if v.Account, err = im.accounts.Refresh(ctx, a.ID); err != nil {
			v.Message += " Its details could not be refreshed: " + apperr.From(err).Message
		}
		return v, nil
	case acmeerr.Type(err) == "accountDoesNotExist":
		v.Verdict, v.Message = VerdictNotFound, "No account exists for this key at "+d.Name+"."
		return v, nil
	case acmeerr.Type(err) == "unauthorized" && strings.Contains(strings.ToLower(err.Error()), "deactivated"):
		return im.deactivated(v, a, d.Name), nil
	}
	return nil, acmeerr.Explain(err, d.DirectoryURL)
}

// deactivated stores the verdict, so that the list shows the account as deactivated.
func (im *Importer) deactivated(v *Verification, a *accounts.Account, caName string) *Verification {
	v.Verdict, v.Message = VerdictDeactivated, "The account is deactivated at "+caName+"."
	stored, err := im.accounts.RecordStatus(a.ID, a.KeyID, accounts.StatusDeactivated)
	if err != nil {
		v.Message += " ACME Desk could not record it: " + apperr.From(err).Message
		return v
	}
	v.Account = stored
	return v
}

func orValid(s string) string {
	if s == "" {
		return "valid"
	}
	return s
}
