package eab

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
)

// Repointer switches an ACME account to another stored EAB credential. The
// accounts service implements it.
type Repointer interface {
	Repoint(ctx context.Context, accountID, newCredentialID string) error
}

// KnownCA is a CA the app knows (built-in or custom), to name the CA of new EAB credentials.
type KnownCA struct {
	ID           string
	DirectoryURL string
}

// accountRef is the ref kind of accounts using an EAB credential.
const accountRef = "account"

// Manager gets EAB credentials from the CAs' APIs and stores them straight into
// the vault. It replaces a DigiCert EAB credential without downtime, in steps that
// are each called on their own: make a new credential while the old one stays
// active and store it (RegenerateKeepingOld), point the accounts at it
// (Repoint), then revoke the old one at DigiCert (RevokeOld). A failure halfway
// leaves both credentials stored and visible.
//
// A stored API key is marked used (its LastUsedAt) only when the CA's API has
// answered a request carrying it — with any status, a refusal too — and never
// when nothing was sent: a credential or base URL refused before sending, a
// cancelled call, a connection that failed.
type Manager struct {
	Credentials *credentials.Service
	Repointer   Repointer
	// CAs are matched against the directory URL DigiCert returns, to set ca_id.
	CAs []KnownCA
	// NewDigiCert makes the API client for a key; nil: NewDigiCert.
	NewDigiCert func(apiKey string) *DigiCert
	// ZeroSSLBaseURL replaces ZeroSSL's API address (tests); a key's own api_base_url wins.
	ZeroSSLBaseURL string
	// HTTP, when set, is the HTTP client of every DigiCert and ZeroSSL client
	// (tests: one that trusts the fakes' certificate); nil in production.
	HTTP *http.Client
	now  func() time.Time
}

// Step is one step of a rotation plan.
type Step struct {
	Name        string `json:"name"` // "regenerate", "repoint", "revoke", "delete"
	Description string `json:"description"`
}

// Plan describes a rotation before anything changes.
type Plan struct {
	ContractID int64 `json:"contractId"`
	// OldDigiCertCredentialID is DigiCert's id of the old credential (matched by the
	// last four characters of its key ID), 0 when DigiCert lists no such active credential.
	OldDigiCertCredentialID int64       `json:"oldDigicertCredentialId"`
	Accounts                []store.Ref `json:"accounts"`
	Steps                   []Step      `json:"steps"`
}

// digicert reads the key credential and returns its contract and client.
func (r *Manager) digicert(keyCredentialID string) (int64, *DigiCert, error) {
	d, err := r.Credentials.Get(keyCredentialID)
	if err != nil {
		return 0, nil, err
	}
	if d.Kind != credentials.KindDigiCertPartnerKey {
		return 0, nil, apperr.Newf(apperr.CodeInvalidInput, "Choose the stored DigiCert Partner Subscriptions API key.",
			"Credential %q is a %s, not a DigiCert Partner Subscriptions API key.", d.Name, d.KindLabel)
	}
	contractID, err := ParseContractID(d.Fields[credentials.DigiCertContractID])
	if err != nil {
		return 0, nil, err
	}
	key, err := r.Credentials.Reveal(keyCredentialID, credentials.DigiCertAPIKey)
	if err != nil {
		return 0, nil, err
	}
	mk := r.NewDigiCert
	if mk == nil {
		mk = NewDigiCert
	}
	client := mk(key)
	if base := d.Fields[credentials.APIBaseURL]; base != "" {
		client.BaseURL = base
	}
	if r.HTTP != nil {
		client.HTTP = r.HTTP
	}
	client.Sent = r.markUsed(keyCredentialID, client.Sent)
	return contractID, client, nil
}

// markUsed returns a Sent callback that records that the API answered a
// request carrying the stored key, then calls next (if any). Recording is
// bookkeeping: its failure does not undo, or hide, what the API did (new EAB
// credentials to store, say), so it is not reported.
func (r *Manager) markUsed(credentialID string, next func()) func() {
	return func() {
		_ = r.Credentials.MarkUsed(credentialID)
		if next != nil {
			next()
		}
	}
}

func (r *Manager) eabCredential(id string) (*credentials.Details, error) {
	d, err := r.Credentials.Get(id)
	if err != nil {
		return nil, err
	}
	if d.Kind != credentials.KindEAB {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose the EAB credential to replace.", "Credential %q is a %s, not an EAB credential.", d.Name, d.KindLabel)
	}
	return d, nil
}

// rotation reads what a rotation works on: the EAB credential to replace, and
// the contract and client of the stored DigiCert key.
func (r *Manager) rotation(digicertKeyCredentialID, oldEABCredentialID string) (*credentials.Details, int64, *DigiCert, error) {
	old, err := r.eabCredential(oldEABCredentialID)
	if err != nil {
		return nil, 0, nil, err
	}
	contractID, dc, err := r.digicert(digicertKeyCredentialID)
	if err != nil {
		return nil, 0, nil, err
	}
	return old, contractID, dc, nil
}

// PlanRotation describes each step of replacing oldEABCredentialID, using the
// DigiCert key stored as digicertKeyCredentialID. It asks DigiCert for the
// contract's credentials (to find the old one's id) and changes nothing.
func (r *Manager) PlanRotation(ctx context.Context, digicertKeyCredentialID, oldEABCredentialID string) (*Plan, error) {
	old, contractID, dc, err := r.rotation(digicertKeyCredentialID, oldEABCredentialID)
	if err != nil {
		return nil, err
	}
	list, err := dc.ListCredentials(ctx, contractID)
	if err != nil {
		return nil, err
	}
	p := &Plan{ContractID: contractID}
	kid := old.Fields[credentials.EABKeyID]
	for _, c := range list {
		if c.Status == "active" && c.KIDHint != "" && strings.HasSuffix(kid, c.KIDHint) {
			p.OldDigiCertCredentialID = c.CredentialID
		}
	}
	var names []string
	for _, ref := range old.UsedBy {
		if ref.Kind == accountRef && !ref.Historic {
			p.Accounts = append(p.Accounts, ref)
			names = append(names, fmt.Sprintf("%q", ref.Label))
		}
	}
	p.Steps = append(p.Steps, Step{"regenerate", fmt.Sprintf(
		"Ask DigiCert for new EAB credentials for ACME contract %d, keeping the current ones active (revoke_existing: false), and store them as a new credential next to %q.",
		contractID, old.Name)})
	if len(names) > 0 {
		p.Steps = append(p.Steps, Step{"repoint", fmt.Sprintf("Point the %d account(s) that use %q at the new credential: %s.", len(names), old.Name, strings.Join(names, ", "))})
	} else {
		p.Steps = append(p.Steps, Step{"repoint", fmt.Sprintf("No account uses %q; nothing to point at the new credential.", old.Name)})
	}
	if p.OldDigiCertCredentialID != 0 {
		p.Steps = append(p.Steps, Step{"revoke", fmt.Sprintf(
			"Revoke the old credential at DigiCert (credential %d, key ID ending %q). Certificates already issued stay valid; anything still using it can no longer issue.",
			p.OldDigiCertCredentialID, kid[max(0, len(kid)-4):])})
	} else {
		p.Steps = append(p.Steps, Step{"revoke", fmt.Sprintf(
			"DigiCert lists no active credential whose key ID ends like %q's: there is nothing to revoke for it, or it belongs to another contract.", old.Name)})
	}
	p.Steps = append(p.Steps, Step{"delete", fmt.Sprintf("Delete the stored credential %q once nothing uses it.", old.Name)})
	return p, nil
}

// RegenerateKeepingOld asks DigiCert for new EAB credentials while the old ones
// stay active, and stores them straight away as a new "eab" credential named
// after the old one (tags copied), so the HMAC key is never held anywhere else.
// The result carries no secret.
func (r *Manager) RegenerateKeepingOld(ctx context.Context, digicertKeyCredentialID, oldEABCredentialID string) (*credentials.Credential, error) {
	old, contractID, dc, err := r.rotation(digicertKeyCredentialID, oldEABCredentialID)
	if err != nil {
		return nil, err
	}
	set, err := dc.Regenerate(ctx, contractID, false)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("%s (DigiCert, %s)", old.Name, r.clock().UTC().Format("2006-01-02 15:04:05"))
	if utf8.RuneCountInString(name) > textfield.MaxName {
		name = fmt.Sprintf("DigiCert EAB, contract %d (%s)", contractID, r.clock().UTC().Format("2006-01-02 15:04:05"))
	}
	return r.storeDigiCertSet(set, contractID, name,
		fmt.Sprintf("Made by DigiCert for ACME contract %d to replace %q; the old credential stays active until it is revoked.", contractID, old.Name),
		old.Tags, old.Fields[credentials.EABCAID])
}

// storeDigiCertSet stores a new eab_set as an EAB credential (directory_url
// matched to a known CA, valid_till as expiry). fallbackCA names the CA when
// DigiCert gives no directory URL.
func (r *Manager) storeDigiCertSet(set *DigiCertEABSet, contractID int64, name, description string, tags []string, fallbackCA string) (*credentials.Credential, error) {
	values := map[string]string{
		credentials.EABKeyID:   set.KID,
		credentials.EABHMACKey: set.HMACKey,
	}
	if set.DirectoryURL != "" {
		values[credentials.EABDirectoryURL] = set.DirectoryURL
	}
	if id := r.matchCA(set.DirectoryURL); id != "" {
		values[credentials.EABCAID] = id
	} else if set.DirectoryURL == "" && fallbackCA != "" {
		values[credentials.EABCAID] = fallbackCA
	}
	if !set.ValidTill.IsZero() {
		values[credentials.EABExpiresAt] = set.ValidTill.UTC().Format(time.RFC3339)
	}
	c, err := r.Credentials.Create(credentials.Input{Name: name, Kind: credentials.KindEAB, Tags: tags, Values: values, Description: description})
	if err != nil {
		// The new credential exists at DigiCert but could not be stored: say so plainly.
		e := apperr.From(err)
		return nil, apperr.Wrap(err, e.Code,
			"DigiCert made new EAB credentials (key ID ending "+set.KID[max(0, len(set.KID)-4):]+"), but ACME Desk could not store them: "+e.Message,
			"Any older credential is still as it was. Revoke the new one at DigiCert (list the contract's credentials) and try again.")
	}
	return c, nil
}

// matchCA returns the id of the known CA with this directory URL, or "".
func (r *Manager) matchCA(dirURL string) string {
	want := normalURL(dirURL)
	if want == "" {
		return ""
	}
	for _, ca := range r.CAs {
		if normalURL(ca.DirectoryURL) == want {
			return ca.ID
		}
	}
	return ""
}

func normalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + strings.TrimRight(u.Path, "/")
}

// Repoint switches every account using oldID to newID: the Repointer changes
// the account, then the usage reference moves. It stops at the first failure
// and returns the accounts switched so far; running it again continues.
func (r *Manager) Repoint(ctx context.Context, oldID, newID string) ([]store.Ref, error) {
	if r.Repointer == nil {
		return nil, apperr.New(apperr.CodeInternal, "Accounts cannot be switched to another EAB credential yet.", "")
	}
	old, err := r.eabCredential(oldID)
	if err != nil {
		return nil, err
	}
	if _, err := r.eabCredential(newID); err != nil {
		return nil, err
	}
	var moved []store.Ref
	for _, ref := range old.UsedBy {
		if ref.Kind != accountRef || ref.Historic {
			continue
		}
		if err := ctx.Err(); err != nil {
			return moved, apperr.Wrap(err, apperr.CodeCancelled, "Switching accounts to the new EAB credential was cancelled.", "Run it again to switch the rest.")
		}
		if err := r.Repointer.Repoint(ctx, ref.ID, newID); err != nil {
			e := apperr.From(err)
			return moved, apperr.Wrap(err, e.Code, fmt.Sprintf("Account %q could not be switched to the new EAB credential: %s", ref.Label, e.Message),
				fmt.Sprintf("%d account(s) were switched; the others still use the old credential, which stays active. Fix the problem and run it again.", len(moved)))
		}
		if err := r.Credentials.MoveRef(oldID, newID, ref); err != nil {
			return moved, err
		}
		moved = append(moved, ref)
	}
	return moved, nil
}

// RevokeOld revokes one old credential at DigiCert by DigiCert's credential id.
func (r *Manager) RevokeOld(ctx context.Context, digicertKeyCredentialID string, credentialID int64) error {
	contractID, dc, err := r.digicert(digicertKeyCredentialID)
	if err != nil {
		return err
	}
	return dc.Revoke(ctx, contractID, credentialID)
}
