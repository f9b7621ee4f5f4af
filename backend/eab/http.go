// Package eab gets ACME external account binding (EAB) credentials from the
// CAs' own APIs — DigiCert's Partner Subscriptions API and ZeroSSL's API — and
// runs a zero-downtime rotation of DigiCert EAB credentials over the stored
// credentials. API keys, access keys and HMAC keys never appear in its errors.
package eab

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/credentials"
)

const userAgent = "acmedesk/0.1"

// DefaultTimeout bounds one API call when the client has no timeout of its own.
const DefaultTimeout = 30 * time.Second

// maxAutoRetryAfter is the longest Retry-After a client waits out by itself, once.
const maxAutoRetryAfter = 5 * time.Second

// maxBody bounds what is read of an answer.
const maxBody = 1 << 20

// api describes one remote API for error messages.
type api struct {
	name    string   // "DigiCert", "ZeroSSL"
	secrets []string // values to strip from anything shown
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	// sent, when set, is called each time the API has answered a request (any
	// status): what the request carried — a key, an address — reached the API.
	sent func()
}

// checkBase refuses, before anything is sent, a base URL the key (or e-mail
// address) may not go to: see credentials.CheckAPIBaseURL. The URL is not
// shown: it may hold a password.
func (a *api) checkBase(base string) error {
	if err := credentials.CheckAPIBaseURL(base); err != nil {
		e := apperr.From(err)
		return apperr.New(e.Code, "The API base URL for "+a.name+" is not an https:// address with a host name (and no user name, password, query or fragment): nothing was sent.",
			"Edit the credential: leave API base URL empty to use "+a.name+"'s own API, or give its full https:// address.")
	}
	return nil
}

// redact removes the secrets (and URL query strings) from text meant for the debug view.
func (a *api) redact(s string) string {
	for _, secret := range a.secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// do sends the request built by build (called again for the one retry) and
// returns the status and body of a 2xx answer; every failure becomes an
// *apperr.Error that names the API. what says what was asked, for messages.
func (a *api) do(ctx context.Context, client *http.Client, build func() (*http.Request, error), notFound func() *apperr.Error) (int, []byte, error) {
	for attempt := 0; ; attempt++ {
		req, err := build()
		if err != nil {
			return 0, nil, apperr.Wrap(errors.New(a.redact(err.Error())), apperr.CodeInvalidInput, "Cannot build the request to "+a.name+".", "")
		}
		req.Header.Set("User-Agent", userAgent)
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req.WithContext(ctx))
		if err != nil {
			return 0, nil, a.transportError(ctx, req, err)
		}
		if a.sent != nil {
			a.sent()
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		if err != nil {
			return 0, nil, a.transportError(ctx, req, err)
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp.StatusCode, body, nil
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt == 0 {
			if wait, ok := retryAfter(resp.Header.Get("Retry-After"), a.now()); ok && wait <= maxAutoRetryAfter {
				if err := a.sleep(ctx, wait); err != nil {
					return 0, nil, a.transportError(ctx, req, err)
				}
				continue
			}
		}
		return resp.StatusCode, nil, a.statusError(req, resp, body, notFound)
	}
}

func (a *api) where(req *http.Request) string {
	return req.Method + " " + req.URL.Path // never the query: ZeroSSL's access key travels there
}

func (a *api) transportError(ctx context.Context, req *http.Request, err error) *apperr.Error {
	detail := errors.New(a.redact(a.where(req) + ": " + innerError(err).Error()))
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() == context.Canceled:
		return apperr.Wrap(detail, apperr.CodeCancelled, "The request to "+a.name+" was cancelled.", "")
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return apperr.Wrap(detail, apperr.CodeTimeout, a.name+"'s API did not answer in time.",
			"Check your internet connection and try again; if it keeps happening, "+a.name+"'s API may be slow or down.")
	default:
		return apperr.Wrap(detail, apperr.CodeUnreachable, "Cannot reach "+a.name+"'s API.",
			"Check your internet connection, proxy and firewall, then try again.")
	}
}

// innerError drops *url.Error's wrapping, whose text holds the whole URL (query included).
func innerError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

func (a *api) statusError(req *http.Request, resp *http.Response, body []byte, notFound func() *apperr.Error) *apperr.Error {
	detail := errors.New(a.redact(fmt.Sprintf("%s: HTTP %d: %s", a.where(req), resp.StatusCode, snippet(body))))
	var e *apperr.Error
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		e = apperr.New(apperr.CodeForbidden, a.name+" refused the API key.", "")
	case code == http.StatusNotFound && notFound != nil:
		e = notFound()
	case code >= 300 && code < 400:
		e = apperr.Newf(apperr.CodeInvalidInput, "Check the API base URL in the credential: ACME Desk follows a redirect only to https:// on the same host.",
			"%s's API sent the request elsewhere (HTTP %d), and ACME Desk did not follow.", a.name, code)
		if loc, err := resp.Location(); err == nil {
			detail = fmt.Errorf("%w (to %s://%s)", detail, loc.Scheme, a.redact(loc.Host))
		}
	case code == http.StatusTooManyRequests:
		msg := a.name + " is limiting requests: try again later."
		if wait, ok := retryAfter(resp.Header.Get("Retry-After"), a.now()); ok {
			at := a.now().Add(wait).UTC()
			msg = fmt.Sprintf("%s is limiting requests: try again after %s UTC (in %s).", a.name, at.Format("15:04:05"), roundWait(wait))
		}
		e = apperr.New(apperr.CodeRateLimited, msg, "Wait until then; repeating the request sooner only extends the limit.")
	case code >= 500:
		e = apperr.Newf(apperr.CodeUnreachable, "This is a problem on "+a.name+"'s side; try again in a few minutes.",
			"%s's API failed (HTTP %d).", a.name, code)
	default:
		e = apperr.Newf(apperr.CodeInvalidInput, "Check the values in the credential; the detail shows "+a.name+"'s answer.",
			"%s refused the request (HTTP %d).", a.name, code)
	}
	return apperr.Wrap(detail, e.Code, e.Message, e.Hint)
}

// malformed reports an answer that is not the documented JSON. The body is not
// shown: a success answer may hold an HMAC key.
func (a *api) malformed(req *http.Request, err error) *apperr.Error {
	return apperr.Wrap(errors.New(a.redact(a.where(req)+": "+err.Error())), apperr.CodeUnsupported,
		a.name+"'s API gave an answer ACME Desk cannot read.",
		"Try again later; if it persists, "+a.name+" may have changed its API — report it with the debug detail.")
}

func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

func roundWait(d time.Duration) string {
	switch {
	case d < time.Second:
		return "less than a second"
	case d < 2*time.Minute:
		return fmt.Sprintf("%d seconds", int(d.Round(time.Second)/time.Second))
	default:
		return fmt.Sprintf("%d minutes", int(d.Round(time.Minute)/time.Minute))
	}
}

func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// decode reads a JSON answer strictly enough to notice a different shape.
func decode(body []byte, v any) error {
	if len(body) == 0 {
		return errors.New("empty answer")
	}
	return json.Unmarshal(body, v)
}

// httpClient returns a copy of c (nil: a client with DefaultTimeout) that
// follows a redirect only to https:// on the same host: anything else would
// carry the key (a header, or the query) over plain http or to another host.
// The redirect that is not followed is answered as it came (see statusError).
func httpClient(c *http.Client) *http.Client {
	out := http.Client{Timeout: DefaultTimeout}
	if c != nil {
		out = *c
	}
	next := out.CheckRedirect
	out.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" || req.URL.User != nil || len(via) == 0 || !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &out
}
