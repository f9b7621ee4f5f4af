package eab

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/eab/eabtest"
)

const (
	partnerKey = "dc-subaccount-key-7f3a9b"
	parentKey  = "dc-parent-key-11aa22"
	contract   = int64(12345)
)

// noSecret fails when any of the secrets shows in the error's message, hint or detail.
func noSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	e := apperr.From(err)
	for _, s := range secrets {
		for _, part := range []string{e.Message, e.Hint, e.Detail, err.Error()} {
			if s != "" && strings.Contains(part, s) {
				t.Errorf("secret %q in error %+v", s, e)
			}
		}
	}
}

func wantErr(t *testing.T, err error, code apperr.Code, inMessage string) *apperr.Error {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Fatalf("got %v (%#v), want code %s", err, err, code)
	}
	e := apperr.From(err)
	if !strings.Contains(e.Message, inMessage) {
		t.Fatalf("message %q does not contain %q", e.Message, inMessage)
	}
	return e
}

func newDigiCert(t *testing.T) (*eabtest.DigiCert, *DigiCert) {
	f := eabtest.NewDigiCert(t)
	f.AddContract(contract, partnerKey, "")
	f.ParentKeys[parentKey] = true
	c := NewDigiCert(partnerKey)
	c.BaseURL, c.HTTP = f.URL, f.Client()
	return f, c
}

func TestDigiCertListCredentials(t *testing.T) {
	f, c := newDigiCert(t)
	f.AddCredential(contract, "kid-one-ab12", "aG1hYy1vbmU", time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC))
	second := f.AddCredential(contract, "kid-two-cd34", "aG1hYy10d28", time.Date(2026, 5, 15, 10, 30, 0, 0, time.UTC))
	if err := c.Revoke(context.Background(), contract, second); err != nil {
		t.Fatal(err)
	}
	list, err := c.ListCredentials(context.Background(), contract)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].KIDHint != "ab12" || list[0].Status != "active" || list[1].Status != "revoked" || list[1].CredentialID != second {
		t.Fatalf("list = %+v", list)
	}
	if want := time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC); !list[0].CreatedAt.Equal(want) || list[0].CreatedAt.Location() != time.UTC {
		t.Errorf("created_at = %v, want %v read as UTC", list[0].CreatedAt, want)
	}
	reqs := f.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != http.MethodGet || last.Path != "/partner-subscription/api/v1/acme/12345/credentials" || last.APIKey != partnerKey || last.Body != "" {
		t.Errorf("list request %+v", last)
	}
	if r := reqs[0]; r.Method != http.MethodPost || r.Path != "/partner-subscription/api/v1/acme/12345/credentials/revoke/"+itoa(second) {
		t.Errorf("revoke request %+v", r)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestDigiCertRegenerate(t *testing.T) {
	f, c := newDigiCert(t)
	oldID := f.AddCredential(contract, "old-kid-ab12", "b2xk", time.Now())
	set, err := c.Regenerate(context.Background(), contract, false)
	if err != nil {
		t.Fatal(err)
	}
	if set.ContractID != contract || set.AccountID != 42 || set.DirectoryURL != eabtest.DigiCertDirectoryURL || set.KID == "" || set.HMACKey == "" ||
		!set.ValidTill.Equal(time.Date(2027, 6, 3, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("set = %+v", set)
	}
	reqs := f.Requests()
	if r := reqs[0]; r.Body != `{"revoke_existing":false}` || r.ContentType != "application/json" || r.Path != "/partner-subscription/api/v1/acme/12345/credentials/regenerate" {
		t.Errorf("regenerate request %+v", r)
	}
	creds := f.Credentials(contract)
	if len(creds) != 2 || creds[0].ID != oldID || creds[0].Status != "active" {
		t.Errorf("revoke_existing:false revoked the old credential: %+v", creds)
	}
	if _, err := c.Regenerate(context.Background(), contract, true); err != nil {
		t.Fatal(err)
	}
	creds = f.Credentials(contract)
	if creds[0].Status != "revoked" || creds[1].Status != "revoked" || creds[2].Status != "active" {
		t.Errorf("revoke_existing:true: %+v", creds)
	}
	if err := c.RevokeAll(context.Background(), contract); err != nil {
		t.Fatal(err)
	}
	for _, cr := range f.Credentials(contract) {
		if cr.Status != "revoked" {
			t.Errorf("after RevokeAll: %+v", cr)
		}
	}
	if r := f.Requests()[2]; r.Path != "/partner-subscription/api/v1/acme/12345/credentials/revoke" || r.Method != http.MethodPost {
		t.Errorf("revoke all request %+v", r)
	}
}

func TestDigiCertErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("wrong key", func(t *testing.T) {
		_, c := newDigiCert(t)
		c2 := NewDigiCert("not-the-key-9988")
		c2.BaseURL, c2.HTTP = c.BaseURL, c.HTTP
		_, err := c2.ListCredentials(ctx, contract)
		e := wantErr(t, err, apperr.CodeForbidden, "DigiCert refused the Partner Subscriptions API key")
		if !strings.Contains(e.Hint, "SUBACCOUNT") || !strings.Contains(e.Hint, "parent") || !strings.Contains(e.Hint, "CertCentral") {
			t.Errorf("hint %q", e.Hint)
		}
		noSecret(t, err, "not-the-key-9988")
	})
	t.Run("parent account key", func(t *testing.T) {
		_, c := newDigiCert(t)
		c2 := NewDigiCert(parentKey)
		c2.BaseURL, c2.HTTP = c.BaseURL, c.HTTP
		_, err := c2.Regenerate(ctx, contract, false)
		wantErr(t, err, apperr.CodeForbidden, "refused")
		noSecret(t, err, parentKey)
	})
	t.Run("unknown contract", func(t *testing.T) {
		_, c := newDigiCert(t)
		_, err := c.ListCredentials(ctx, 999)
		wantErr(t, err, apperr.CodeNotFound, "DigiCert does not know ACME contract 999")
		noSecret(t, err, partnerKey)
	})
	t.Run("unknown credential", func(t *testing.T) {
		_, c := newDigiCert(t)
		err := c.Revoke(ctx, contract, 777)
		wantErr(t, err, apperr.CodeNotFound, "no credential 777 in ACME contract 12345")
	})
	t.Run("rate limited", func(t *testing.T) {
		f, c := newDigiCert(t)
		c.api.now = func() time.Time { return time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) }
		f.Queue(eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "120"}, Body: `{"errors":[{"code":"rate_limited"}]}`})
		_, err := c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeRateLimited, "DigiCert is limiting requests: try again after 12:02:00 UTC (in 2 minutes)")
		if n := len(f.Requests()); n != 1 {
			t.Errorf("%d requests; a long Retry-After must not be waited out", n)
		}
		f.Queue(eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "Wed, 10 Jun 2026 12:00:30 GMT"}})
		_, err = c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeRateLimited, "after 12:00:30 UTC (in 30 seconds)")
		f.Queue(eabtest.Canned{Status: 429})
		_, err = c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeRateLimited, "try again later")
	})
	t.Run("short retry-after is retried once", func(t *testing.T) {
		f, c := newDigiCert(t)
		var waited []time.Duration
		c.api.sleep = func(_ context.Context, d time.Duration) error { waited = append(waited, d); return nil }
		f.Queue(eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "2"}})
		set, err := c.Regenerate(ctx, contract, false)
		if err != nil || set.KID == "" {
			t.Fatalf("after one retry: %v", err)
		}
		reqs := f.Requests()
		if len(waited) != 1 || waited[0] != 2*time.Second || len(reqs) != 2 || reqs[1].Body != `{"revoke_existing":false}` {
			t.Errorf("waited %v, requests %+v", waited, reqs)
		}
		f.Queue(eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "1"}}, eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "1"}})
		_, err = c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeRateLimited, "in 1 seconds")
		if len(waited) != 2 {
			t.Errorf("retried more than once: waited %v", waited)
		}
	})
	t.Run("server error", func(t *testing.T) {
		f, c := newDigiCert(t)
		f.Queue(eabtest.Canned{Status: 503, Body: "upstream down"})
		_, err := c.ListCredentials(ctx, contract)
		e := wantErr(t, err, apperr.CodeUnreachable, "DigiCert's API failed (HTTP 503)")
		if !strings.Contains(e.Detail, "upstream down") || !strings.Contains(e.Detail, "/acme/12345/credentials") {
			t.Errorf("detail %q", e.Detail)
		}
	})
	t.Run("error body echoing the key is redacted", func(t *testing.T) {
		f, c := newDigiCert(t)
		f.Queue(eabtest.Canned{Status: 400, Body: `{"errors":[{"message":"bad key ` + partnerKey + `"}]}`})
		_, err := c.ListCredentials(ctx, contract)
		e := wantErr(t, err, apperr.CodeInvalidInput, "DigiCert refused the request (HTTP 400)")
		noSecret(t, err, partnerKey)
		if !strings.Contains(e.Detail, "[redacted]") {
			t.Errorf("detail %q", e.Detail)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		f, c := newDigiCert(t)
		c.HTTP.Timeout = 100 * time.Millisecond
		f.Queue(eabtest.Canned{Status: 200, Body: `{"credentials":[]}`, Delay: 3 * time.Second})
		_, err := c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeTimeout, "DigiCert's API did not answer in time")
		noSecret(t, err, partnerKey)
	})
	t.Run("cancelled", func(t *testing.T) {
		f, c := newDigiCert(t)
		f.Queue(eabtest.Canned{Status: 200, Body: `{"credentials":[]}`, Delay: 3 * time.Second})
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := c.ListCredentials(cctx, contract)
		wantErr(t, err, apperr.CodeCancelled, "cancelled")
	})
	t.Run("unreachable", func(t *testing.T) {
		c := NewDigiCert(partnerKey)
		c.BaseURL = eabtest.ClosedURL(t) + "/partner-subscription/api/v1"
		_, err := c.ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeUnreachable, "Cannot reach DigiCert's API")
		noSecret(t, err, partnerKey)
	})
	t.Run("malformed answers", func(t *testing.T) {
		f, c := newDigiCert(t)
		hmac := "c2VjcmV0LWhtYWMtaW4tYS1iYWQtYW5zd2Vy"
		for _, canned := range []eabtest.Canned{
			{Status: 200, Body: "<html>maintenance</html>"},
			{Status: 200, Body: `{"creds":[]}`},
			{Status: 200, Body: `{"credentials":[{"credential_id":1,"kid_hint":"ab12","status":"active","created_at":"2026-06-01T14:00:00Z"}]}`},
		} {
			f.Queue(canned)
			_, err := c.ListCredentials(ctx, contract)
			wantErr(t, err, apperr.CodeUnsupported, "DigiCert's API gave an answer ACME Desk cannot read")
		}
		f.Queue(eabtest.Canned{Status: 201, Body: `{"acme_contract_id":12345,"eab_set":{"kid":"k","hmac_key":"` + hmac + `"},"valid_till":"someday"}`})
		_, err := c.Regenerate(ctx, contract, false)
		wantErr(t, err, apperr.CodeUnsupported, "DigiCert")
		noSecret(t, err, hmac, partnerKey)
		f.Queue(eabtest.Canned{Status: 201, Body: `{"acme_contract_id":12345,"eab_set":{"kid":"k"}}`})
		_, err = c.Regenerate(ctx, contract, false)
		wantErr(t, err, apperr.CodeUnsupported, "DigiCert")
	})
	t.Run("empty key", func(t *testing.T) {
		_, err := NewDigiCert(" ").ListCredentials(ctx, contract)
		wantErr(t, err, apperr.CodeInvalidInput, "key is empty")
	})
}

func TestParseContractID(t *testing.T) {
	if n, err := ParseContractID(" 12345 "); err != nil || n != 12345 {
		t.Errorf("12345: %d %v", n, err)
	}
	for _, bad := range []string{"", "0", "-1", "12a"} {
		if _, err := ParseContractID(bad); !apperr.Is(err, apperr.CodeInvalidInput) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
