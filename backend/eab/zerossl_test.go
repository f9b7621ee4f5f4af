package eab

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/eab/eabtest"
)

const accessKey = "zs-access-key-4c5d6e+/="

func newZeroSSL(t *testing.T) (*eabtest.ZeroSSL, *ZeroSSL) {
	f := eabtest.NewZeroSSL(t)
	f.AccessKeys[accessKey] = true
	z := NewZeroSSL()
	z.BaseURL, z.HTTP = f.URL, f.Client()
	return f, z
}

func TestZeroSSLFromAccessKey(t *testing.T) {
	f, z := newZeroSSL(t)
	f.NextEAB = func() (string, string) { return "zs-kid-1", "enMtaG1hYy1rZXktMQ" }
	got, err := z.FromAccessKey(context.Background(), accessKey)
	if err != nil {
		t.Fatal(err)
	}
	if got.KID != "zs-kid-1" || got.HMACKey != "enMtaG1hYy1rZXktMQ" {
		t.Errorf("got %+v", got)
	}
	r := f.Requests()[0]
	if r.Method != http.MethodPost || r.Path != "/acme/eab-credentials" || r.APIKey != accessKey || r.Body != "" {
		t.Errorf("request %+v", r)
	}
}

func TestZeroSSLFromEmail(t *testing.T) {
	f, z := newZeroSSL(t)
	got, err := z.FromEmail(context.Background(), " ops+acme@example.com ")
	if err != nil || got.KID == "" || got.HMACKey == "" {
		t.Fatalf("FromEmail: %+v, %v", got, err)
	}
	r := f.Requests()[0]
	if r.Path != "/acme/eab-credentials-email" || r.Body != "email=ops%2Bacme%40example.com" || r.ContentType != "application/x-www-form-urlencoded" || r.RawQuery != "" {
		t.Errorf("request %+v", r)
	}
	for _, bad := range []string{"", "not an address", "Ops <ops@example.com>"} {
		_, err := z.FromEmail(context.Background(), bad)
		wantErr(t, err, apperr.CodeInvalidInput, "not an email address")
	}
	if n := len(f.Requests()); n != 1 {
		t.Errorf("bad addresses were sent: %d requests", n)
	}
}

func TestZeroSSLErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("refused access key", func(t *testing.T) {
		_, z := newZeroSSL(t)
		_, err := z.FromAccessKey(ctx, "wrong-key-5566")
		e := wantErr(t, err, apperr.CodeForbidden, "ZeroSSL refused the API access key")
		if !strings.Contains(e.Detail, "invalid_access_key") {
			t.Errorf("detail %q", e.Detail)
		}
		noSecret(t, err, "wrong-key-5566")
	})
	t.Run("success false without details", func(t *testing.T) {
		f, z := newZeroSSL(t)
		f.Queue(eabtest.Canned{Status: 200, Body: `{"success":false}`})
		_, err := z.FromEmail(ctx, "a@example.com")
		wantErr(t, err, apperr.CodeInvalidInput, "ZeroSSL refused to make EAB credentials")
	})
	t.Run("http errors", func(t *testing.T) {
		f, z := newZeroSSL(t)
		z.now = func() time.Time { return time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) }
		for _, tc := range []struct {
			canned eabtest.Canned
			code   apperr.Code
			msg    string
		}{
			{eabtest.Canned{Status: 401, Body: `{"success":false,"error":{"code":101,"type":"invalid_access_key"}}`}, apperr.CodeForbidden, "ZeroSSL refused the API access key"},
			{eabtest.Canned{Status: 429, Header: map[string]string{"Retry-After": "600"}}, apperr.CodeRateLimited, "ZeroSSL is limiting requests: try again after 12:10:00 UTC (in 10 minutes)"},
			{eabtest.Canned{Status: 502, Body: "bad gateway access_key=" + accessKey}, apperr.CodeUnreachable, "ZeroSSL's API failed (HTTP 502)"},
			{eabtest.Canned{Status: 200, Body: "not json"}, apperr.CodeUnsupported, "ZeroSSL's API gave an answer"},
			{eabtest.Canned{Status: 200, Body: `{"eab_kid":"k"}`}, apperr.CodeUnsupported, "ZeroSSL's API gave an answer"},
			{eabtest.Canned{Status: 200, Body: `{"success":true,"eab_kid":"k"}`}, apperr.CodeUnsupported, "ZeroSSL's API gave an answer"},
		} {
			f.Queue(tc.canned)
			_, err := z.FromAccessKey(ctx, accessKey)
			wantErr(t, err, tc.code, tc.msg)
			noSecret(t, err, accessKey, "zs-access-key-4c5d6e%2B%2F%3D")
		}
	})
	t.Run("timeout", func(t *testing.T) {
		f, z := newZeroSSL(t)
		z.HTTP.Timeout = 100 * time.Millisecond
		f.Queue(eabtest.Canned{Status: 200, Body: `{"success":true}`, Delay: 3 * time.Second})
		_, err := z.FromAccessKey(ctx, accessKey)
		wantErr(t, err, apperr.CodeTimeout, "ZeroSSL's API did not answer in time")
		noSecret(t, err, accessKey, "zs-access-key-4c5d6e%2B%2F%3D")
	})
	t.Run("unreachable: the URL with the key is not shown", func(t *testing.T) {
		z := NewZeroSSL()
		z.BaseURL = eabtest.ClosedURL(t)
		_, err := z.FromAccessKey(ctx, accessKey)
		e := wantErr(t, err, apperr.CodeUnreachable, "Cannot reach ZeroSSL's API")
		noSecret(t, err, accessKey, "zs-access-key-4c5d6e%2B%2F%3D", "access_key=")
		if !strings.Contains(e.Detail, "POST /acme/eab-credentials") {
			t.Errorf("detail %q", e.Detail)
		}
	})
	t.Run("empty key", func(t *testing.T) {
		_, z := newZeroSSL(t)
		_, err := z.FromAccessKey(ctx, "  ")
		wantErr(t, err, apperr.CodeInvalidInput, "access key is empty")
	})
}
