package eab

import (
	"context"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"acmedesk/backend/apperr"
)

// ZeroSSLBaseURL is ZeroSSL's API.
const ZeroSSLBaseURL = "https://api.zerossl.com"

// ZeroSSLDirectoryURL is ZeroSSL's ACME directory (there is no staging).
const ZeroSSLDirectoryURL = "https://acme.zerossl.com/v2/DV90"

// ZeroSSL fetches EAB credentials from ZeroSSL's API. Its credentials are
// reusable. The access key and e-mail address are only ever sent to an
// https:// BaseURL.
type ZeroSSL struct {
	BaseURL string       // ZeroSSLBaseURL unless set; must be https://
	HTTP    *http.Client // nil: a client with DefaultTimeout
	// Sent, when set, is called each time ZeroSSL has answered a request
	// carrying the access key (or e-mail address), whatever the answer (a
	// refusal too): the key was used. It is not called when nothing was sent
	// or no answer came.
	Sent  func()
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// NewZeroSSL returns a ZeroSSL client.
func NewZeroSSL() *ZeroSSL {
	return &ZeroSSL{BaseURL: ZeroSSLBaseURL, now: time.Now, sleep: sleepCtx}
}

// ZeroSSLEAB is an EAB credential from ZeroSSL. HMACKey is secret.
type ZeroSSLEAB struct {
	KID     string `json:"kid"`
	HMACKey string `json:"-"`
}

// FromAccessKey asks for EAB credentials with an API access key
// (POST /acme/eab-credentials?access_key=…). The key is never shown in errors.
func (z *ZeroSSL) FromAccessKey(ctx context.Context, accessKey string) (*ZeroSSLEAB, error) {
	accessKey = strings.TrimSpace(accessKey)
	if accessKey == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "The ZeroSSL access key is empty.", "Copy it from the ZeroSSL dashboard, Developer → API access key.")
	}
	build := func() (*http.Request, error) {
		return http.NewRequest(http.MethodPost, z.endpoint("/acme/eab-credentials")+"?access_key="+url.QueryEscape(accessKey), nil)
	}
	return z.fetch(ctx, build, accessKey, "the API access key")
}

// FromEmail asks for EAB credentials for an email address (POST /acme/eab-credentials-email, form email=).
func (z *ZeroSSL) FromEmail(ctx context.Context, email string) (*ZeroSSLEAB, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil || addr.Name != "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "That is not an email address.", "Give the address of your ZeroSSL account, e.g. you@example.com.")
	}
	form := url.Values{"email": {addr.Address}}.Encode()
	build := func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, z.endpoint("/acme/eab-credentials-email"), strings.NewReader(form))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	}
	return z.fetch(ctx, build, "", "the email address")
}

func (z *ZeroSSL) base() string {
	if z.BaseURL == "" {
		return ZeroSSLBaseURL
	}
	return z.BaseURL
}

func (z *ZeroSSL) endpoint(path string) string {
	return strings.TrimRight(z.base(), "/") + path
}

func (z *ZeroSSL) fetch(ctx context.Context, build func() (*http.Request, error), secret, what string) (*ZeroSSLEAB, error) {
	a := api{name: "ZeroSSL", secrets: []string{secret, url.QueryEscape(secret)}, now: z.now, sleep: z.sleep, sent: z.Sent}
	if a.now == nil {
		a.now = time.Now
	}
	if a.sleep == nil {
		a.sleep = sleepCtx
	}
	if err := a.checkBase(z.base()); err != nil {
		return nil, err
	}
	var last *http.Request
	_, body, err := a.do(ctx, httpClient(z.HTTP), func() (*http.Request, error) {
		req, err := build()
		last = req
		return req, err
	}, nil)
	if err != nil {
		if e := apperr.From(err); e.Code == apperr.CodeForbidden {
			e.Message = "ZeroSSL refused " + what + "."
			e.Hint = "Check the access key in the ZeroSSL dashboard (Developer → API access key); a reset key replaces the old one."
		}
		return nil, err
	}
	var out struct {
		Success *bool  `json:"success"`
		KID     string `json:"eab_kid"`
		HMAC    string `json:"eab_hmac_key"`
		Error   *struct {
			Code int    `json:"code"`
			Type string `json:"type"`
			Info string `json:"info"`
		} `json:"error"`
	}
	if err := decode(body, &out); err != nil || out.Success == nil {
		if err == nil {
			err = fmt.Errorf("no success field")
		}
		return nil, a.malformed(last, err)
	}
	if !*out.Success {
		detail := "success:false"
		kind := ""
		if out.Error != nil {
			kind = out.Error.Type
			detail = fmt.Sprintf("success:false, error code %d, type %q, info %q", out.Error.Code, out.Error.Type, a.redact(out.Error.Info))
		}
		e := apperr.Newf(apperr.CodeInvalidInput, "Check "+what+"; the detail shows ZeroSSL's answer.", "ZeroSSL refused to make EAB credentials.")
		if strings.Contains(kind, "access_key") {
			e = apperr.Newf(apperr.CodeForbidden, "Check the access key in the ZeroSSL dashboard (Developer → API access key); a reset key replaces the old one.",
				"ZeroSSL refused %s.", what)
		}
		return nil, apperr.Wrap(fmt.Errorf("%s: %s", a.where(last), detail), e.Code, e.Message, e.Hint)
	}
	if out.KID == "" || out.HMAC == "" {
		return nil, a.malformed(last, fmt.Errorf("success without eab_kid or eab_hmac_key"))
	}
	return &ZeroSSLEAB{KID: out.KID, HMACKey: out.HMAC}, nil
}
