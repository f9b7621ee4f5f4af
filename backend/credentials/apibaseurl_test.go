package credentials

import (
	"strings"
	"testing"

	"acmedesk/backend/apperr"
)

// An API base URL must be an absolute https:// URL with a host and no user
// info (nor query or fragment): the CA API key is sent there.
func TestCheckAPIBaseURL(t *testing.T) {
	for _, good := range []string{
		"https://www.digicert.com/partner-subscription/api/v1",
		"https://api.zerossl.com",
		"https://api.zerossl.com/",
		"HTTPS://API.example.com:8443/v1",
		"https://[::1]:8443/v1",
		"https://127.0.0.1:4443",
	} {
		if err := CheckAPIBaseURL(good); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
	for _, bad := range []string{
		"",
		"http://api.zerossl.com",
		"HTTP://api.zerossl.com",
		"ftp://api.zerossl.com",
		"api.zerossl.com",
		"//api.zerossl.com/v1",
		"/partner-subscription/api/v1",
		"https:api.zerossl.com",
		"https://",
		"https:///v1",
		"https://:443/v1",
		"https://api.zerossl.com:/v1",
		"https://ops:s3cret-pw@api.zerossl.com",
		"https://ops@api.zerossl.com",
		"https://api.zerossl.com/v1?region=eu",
		"https://api.zerossl.com/v1?",
		"https://api.zerossl.com/v1#x",
		"https://api zerossl.com",
		"https://api.zerossl.com:99999999999/v1",
		"https://api.zerossl.com/v1\n",
	} {
		err := CheckAPIBaseURL(bad)
		if !apperr.Is(err, apperr.CodeInvalidInput) {
			t.Errorf("%q: %v, want invalid_input", bad, err)
			continue
		}
		e := apperr.From(err)
		if !strings.Contains(e.Message, "API base URL") || !strings.Contains(e.Message, "https://") {
			t.Errorf("%q: message %q", bad, e.Message)
		}
		if strings.Contains(e.Message+e.Hint+e.Detail, "s3cret-pw") {
			t.Errorf("%q: the password is repeated in %+v", bad, e)
		}
	}
}

// The DigiCert and ZeroSSL key kinds have the optional API base URL field the check is for.
func TestAPIBaseURLField(t *testing.T) {
	for _, id := range []string{KindDigiCertPartnerKey, KindZeroSSLAccessKey} {
		k, _ := KindByID(id)
		f, ok := k.field(APIBaseURL)
		if !ok || f.Label != "API base URL" || !f.Optional || f.Secret || !strings.Contains(f.Help, "https://") {
			t.Errorf("%s: %+v", id, f)
		}
	}
}
