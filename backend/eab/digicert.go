package eab

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"acmedesk/backend/apperr"
)

// DigiCertBaseURL is DigiCert's Partner Subscriptions API.
const DigiCertBaseURL = "https://www.digicert.com/partner-subscription/api/v1"

// digicertTime is the API's timestamp layout; it has no zone and is read as UTC.
const digicertTime = "2006-01-02 15:04:05"

// DigiCert talks to DigiCert's Partner Subscriptions API about the EAB
// credentials of ACME contracts. The key must be a subaccount Partner
// Subscriptions API key. It is only ever sent to an https:// BaseURL.
type DigiCert struct {
	BaseURL string       // DigiCertBaseURL unless set; must be https://
	HTTP    *http.Client // nil: a client with DefaultTimeout
	// Sent, when set, is called each time DigiCert has answered a request
	// carrying the key, whatever the status (a refusal too): the key was used.
	// It is not called when nothing was sent or no answer came.
	Sent   func()
	apiKey string
	api    api
}

// NewDigiCert returns a client that authenticates with apiKey (X-PARTNER-APIKEY).
func NewDigiCert(apiKey string) *DigiCert {
	apiKey = strings.TrimSpace(apiKey)
	return &DigiCert{
		BaseURL: DigiCertBaseURL, apiKey: apiKey,
		api: api{name: "DigiCert", secrets: []string{apiKey}, now: time.Now, sleep: sleepCtx},
	}
}

// DigiCertCredential is one EAB credential of an ACME contract, as DigiCert lists it.
type DigiCertCredential struct {
	CredentialID int64     `json:"credentialId"`
	KIDHint      string    `json:"kidHint"` // the last four characters of the EAB key ID
	Status       string    `json:"status"`  // "active" or "revoked"
	CreatedAt    time.Time `json:"createdAt" ts_type:"string"`
}

// DigiCertEABSet is a new EAB credential. HMACKey is secret: store it, never show or log it.
type DigiCertEABSet struct {
	ContractID   int64     `json:"contractId"`
	AccountID    int64     `json:"accountId"`
	DirectoryURL string    `json:"directoryUrl"`
	KID          string    `json:"kid"`
	HMACKey      string    `json:"-"`
	ValidTill    time.Time `json:"validTill" ts_type:"string"`
}

// dcTime reads "YYYY-MM-DD HH:MM:SS" as UTC.
type dcTime struct{ time.Time }

func (t *dcTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseInLocation(digicertTime, s, time.UTC)
	if err != nil {
		return fmt.Errorf("timestamp %q is not YYYY-MM-DD HH:MM:SS", s)
	}
	t.Time = v
	return nil
}

func (c *DigiCert) contractNotFound(contractID int64) func() *apperr.Error {
	return func() *apperr.Error {
		return apperr.Newf(apperr.CodeNotFound,
			"Check the ACME contract ID in the DigiCert API key credential, and that the key belongs to the subaccount that owns the contract.",
			"DigiCert does not know ACME contract %d.", contractID)
	}
}

func (c *DigiCert) call(ctx context.Context, method, path string, body any, notFound func() *apperr.Error) ([]byte, *http.Request, error) {
	if c.apiKey == "" {
		return nil, nil, apperr.New(apperr.CodeInvalidInput, "The DigiCert API key is empty.", "Store the subaccount Partner Subscriptions API key in the credential.")
	}
	base := c.BaseURL
	if base == "" {
		base = DigiCertBaseURL
	}
	a := c.api
	a.sent = c.Sent
	if err := a.checkBase(base); err != nil {
		return nil, nil, err
	}
	base = strings.TrimRight(base, "/")
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, nil, err
		}
	}
	var last *http.Request
	build := func() (*http.Request, error) {
		var rd *bytes.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		var req *http.Request
		var err error
		if rd != nil {
			req, err = http.NewRequest(method, base+path, rd)
		} else {
			req, err = http.NewRequest(method, base+path, nil)
		}
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-PARTNER-APIKEY", c.apiKey)
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		last = req
		return req, nil
	}
	_, resp, err := a.do(ctx, httpClient(c.HTTP), build, notFound)
	if err != nil {
		return nil, last, keyHint(err)
	}
	return resp, last, nil
}

// keyHint explains DigiCert's refusal of a key: the usual cause is the wrong kind of key.
func keyHint(err error) error {
	if e := apperr.From(err); e.Code == apperr.CodeForbidden {
		e.Message = "DigiCert refused the Partner Subscriptions API key."
		e.Hint = "Use a SUBACCOUNT Partner Subscriptions API key (sent as X-PARTNER-APIKEY): DigiCert refuses the parent account's key " +
			"for ACME contracts, and a CertCentral API key (X-DC-DEVKEY) does not work with this API. Check that the key was not revoked."
		return e
	}
	return err
}

// ListCredentials lists the active and revoked EAB credentials of an ACME contract.
func (c *DigiCert) ListCredentials(ctx context.Context, contractID int64) ([]DigiCertCredential, error) {
	body, req, err := c.call(ctx, http.MethodGet, fmt.Sprintf("/acme/%d/credentials", contractID), nil, c.contractNotFound(contractID))
	if err != nil {
		return nil, err
	}
	var out struct {
		Credentials *[]struct {
			CredentialID int64  `json:"credential_id"`
			KIDHint      string `json:"kid_hint"`
			Status       string `json:"status"`
			CreatedAt    dcTime `json:"created_at"`
		} `json:"credentials"`
	}
	if err := decode(body, &out); err != nil {
		return nil, c.api.malformed(req, err)
	}
	if out.Credentials == nil {
		return nil, c.api.malformed(req, fmt.Errorf("no credentials array"))
	}
	list := make([]DigiCertCredential, 0, len(*out.Credentials))
	for _, cr := range *out.Credentials {
		list = append(list, DigiCertCredential{CredentialID: cr.CredentialID, KIDHint: cr.KIDHint, Status: cr.Status, CreatedAt: cr.CreatedAt.Time})
	}
	return list, nil
}

// Regenerate makes new EAB credentials for an ACME contract. With
// revokeExisting false the current credentials stay active (zero-downtime
// rotation: make new, switch clients, revoke the old one by id).
func (c *DigiCert) Regenerate(ctx context.Context, contractID int64, revokeExisting bool) (*DigiCertEABSet, error) {
	body, req, err := c.call(ctx, http.MethodPost, fmt.Sprintf("/acme/%d/credentials/regenerate", contractID),
		map[string]bool{"revoke_existing": revokeExisting}, c.contractNotFound(contractID))
	if err != nil {
		return nil, err
	}
	var out struct {
		ContractID   int64  `json:"acme_contract_id"`
		AccountID    int64  `json:"account_id"`
		DirectoryURL string `json:"directory_url"`
		EABSet       struct {
			KID     string `json:"kid"`
			HMACKey string `json:"hmac_key"`
		} `json:"eab_set"`
		ValidTill dcTime `json:"valid_till"`
	}
	if err := decode(body, &out); err != nil {
		return nil, c.api.malformed(req, err)
	}
	if out.EABSet.KID == "" || out.EABSet.HMACKey == "" {
		return nil, c.api.malformed(req, fmt.Errorf("eab_set without kid or hmac_key"))
	}
	return &DigiCertEABSet{
		ContractID: out.ContractID, AccountID: out.AccountID, DirectoryURL: out.DirectoryURL,
		KID: out.EABSet.KID, HMACKey: out.EABSet.HMACKey, ValidTill: out.ValidTill.Time,
	}, nil
}

// Revoke revokes one EAB credential of an ACME contract. Certificates issued
// with it stay valid; clients still using it can no longer issue.
func (c *DigiCert) Revoke(ctx context.Context, contractID, credentialID int64) error {
	_, _, err := c.call(ctx, http.MethodPost, fmt.Sprintf("/acme/%d/credentials/revoke/%d", contractID, credentialID), nil,
		func() *apperr.Error {
			return apperr.Newf(apperr.CodeNotFound, "List the contract's credentials to see which exist.",
				"DigiCert knows no credential %d in ACME contract %d.", credentialID, contractID)
		})
	return err
}

// RevokeAll revokes every active EAB credential of an ACME contract; the contract itself stays.
func (c *DigiCert) RevokeAll(ctx context.Context, contractID int64) error {
	_, _, err := c.call(ctx, http.MethodPost, fmt.Sprintf("/acme/%d/credentials/revoke", contractID), nil, c.contractNotFound(contractID))
	return err
}

// ParseContractID reads an ACME contract id as stored in a credential.
func ParseContractID(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.New(apperr.CodeInvalidInput, "The DigiCert ACME contract ID is not a positive number.", "Copy it from DigiCert, e.g. 12345.")
	}
	return n, nil
}
