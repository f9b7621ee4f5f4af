package eab

import (
	"context"
	"fmt"
	"strings"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
)

// ListedCredential is a credential DigiCert lists for a contract, matched to
// the stored EAB credential whose key ID ends with its kid_hint (if any).
type ListedCredential struct {
	DigiCertCredential
	StoredID   string `json:"storedId,omitempty"`
	StoredName string `json:"storedName,omitempty"`
}

// ListDigiCert lists the contract's credentials, active and revoked.
func (r *Manager) ListDigiCert(ctx context.Context, keyCredentialID string) ([]ListedCredential, error) {
	contractID, dc, err := r.digicert(keyCredentialID)
	if err != nil {
		return nil, err
	}
	list, err := dc.ListCredentials(ctx, contractID)
	if err != nil {
		return nil, err
	}
	stored, err := r.Credentials.List(credentials.Filter{Kind: credentials.KindEAB})
	if err != nil {
		return nil, err
	}
	out := make([]ListedCredential, len(list))
	for i, c := range list {
		out[i].DigiCertCredential = c
		for _, s := range stored {
			if c.KIDHint != "" && strings.HasSuffix(s.Fields[credentials.EABKeyID], c.KIDHint) {
				out[i].StoredID, out[i].StoredName = s.ID, s.Name
			}
		}
	}
	return out, nil
}

// RegenerateDigiCert makes new EAB credentials for the contract and stores
// them; revokeExisting false keeps the current ones active (zero-downtime
// rotation: see RegenerateKeepingOld, which also names the credential it replaces).
func (r *Manager) RegenerateDigiCert(ctx context.Context, keyCredentialID string, revokeExisting bool) (*credentials.Credential, error) {
	contractID, dc, err := r.digicert(keyCredentialID)
	if err != nil {
		return nil, err
	}
	set, err := dc.Regenerate(ctx, contractID, revokeExisting)
	if err != nil {
		return nil, err
	}
	return r.storeDigiCertSet(set, contractID, fmt.Sprintf("DigiCert EAB, contract %d (%s)", contractID, r.clock().UTC().Format("2006-01-02 15:04:05")),
		fmt.Sprintf("Made by DigiCert for ACME contract %d.", contractID), nil, "")
}

// RevokeAllDigiCert revokes every active credential of the contract.
func (r *Manager) RevokeAllDigiCert(ctx context.Context, keyCredentialID string) error {
	contractID, dc, err := r.digicert(keyCredentialID)
	if err != nil {
		return err
	}
	return dc.RevokeAll(ctx, contractID)
}

// ZeroSSLFromAccessKey fetches EAB credentials with the stored ZeroSSL access
// key and stores them as an EAB credential for ZeroSSL.
func (r *Manager) ZeroSSLFromAccessKey(ctx context.Context, accessKeyCredentialID string) (*credentials.Credential, error) {
	d, err := r.Credentials.Get(accessKeyCredentialID)
	if err != nil {
		return nil, err
	}
	if d.Kind != credentials.KindZeroSSLAccessKey {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose the stored ZeroSSL API access key.", "Credential %q is a %s, not a ZeroSSL API access key.", d.Name, d.KindLabel)
	}
	key, err := r.Credentials.Reveal(accessKeyCredentialID, credentials.ZeroSSLAccessKey)
	if err != nil {
		return nil, err
	}
	z := r.zeroSSL(d.Fields[credentials.APIBaseURL])
	z.Sent = r.markUsed(accessKeyCredentialID, nil)
	got, err := z.FromAccessKey(ctx, key)
	if err != nil {
		return nil, err
	}
	return r.storeZeroSSL(got, "Fetched with the access key "+d.Name+".")
}

// ZeroSSLFromEmail fetches EAB credentials for an e-mail address (no ZeroSSL account needed).
func (r *Manager) ZeroSSLFromEmail(ctx context.Context, email string) (*credentials.Credential, error) {
	got, err := r.zeroSSL("").FromEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	return r.storeZeroSSL(got, "Fetched for "+strings.TrimSpace(email)+".")
}

func (r *Manager) zeroSSL(base string) *ZeroSSL {
	z := NewZeroSSL()
	if r.ZeroSSLBaseURL != "" {
		z.BaseURL = r.ZeroSSLBaseURL
	}
	if base != "" {
		z.BaseURL = base
	}
	z.HTTP = r.HTTP
	return z
}

func (r *Manager) storeZeroSSL(got *ZeroSSLEAB, description string) (*credentials.Credential, error) {
	return r.Credentials.Create(credentials.Input{
		Name:        fmt.Sprintf("ZeroSSL EAB (key ID …%s)", got.KID[max(0, len(got.KID)-6):]),
		Description: description + " ZeroSSL EAB credentials can be used again.",
		Kind:        credentials.KindEAB,
		Values:      map[string]string{credentials.EABCAID: "zerossl", credentials.EABKeyID: got.KID, credentials.EABHMACKey: got.HMACKey},
	})
}

func (r *Manager) clock() time.Time {
	if r.now != nil {
		return r.now()
	}
	return time.Now()
}
