// Package acmeerr explains failures of talking to an ACME CA in plain words:
// problem documents (RFC 8555 §6.7) from lego, and transport failures such as
// an unreachable host, a timeout or an untrusted TLS certificate. The raw
// problem or error is kept in the detail for the debug view.
package acmeerr

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/go-acme/lego/v4/acme"

	"acmedesk/backend/apperr"
)

// Problem type namespaces: RFC 8555, and the pre-RFC one some servers still send.
const (
	ns       = "urn:ietf:params:acme:error:"
	legacyNS = "urn:acme:error:"
)

// NotDirectoryError says a URL answered, but not with an ACME directory.
type NotDirectoryError struct {
	URL         string
	Status      int    // HTTP status of the answer
	ContentType string // its Content-Type
	Reason      string // what is wrong, e.g. "no newAccount URL"
}

func (e *NotDirectoryError) Error() string {
	return fmt.Sprintf("not an ACME directory: %s: HTTP %d, %s: %s", e.URL, e.Status, e.ContentType, e.Reason)
}

// Type returns the short ACME problem type of err ("badNonce",
// "accountDoesNotExist", …), or "" when err carries no problem document.
func Type(err error) string {
	var p *acme.ProblemDetails
	if !errors.As(err, &p) {
		return ""
	}
	return shortType(p.Type)
}

func shortType(t string) string {
	if s, ok := strings.CutPrefix(t, ns); ok {
		return s
	}
	if s, ok := strings.CutPrefix(t, legacyNS); ok {
		return s
	}
	return t
}

// Explain turns an error from talking to the CA whose directory is caURL into
// an *apperr.Error. nil stays nil; an *apperr.Error is returned as it is.
func Explain(err error, caURL string) *apperr.Error {
	if err == nil {
		return nil
	}
	var own *apperr.Error
	if errors.As(err, &own) {
		return own
	}
	var p *acme.ProblemDetails
	if errors.As(err, &p) {
		return explainProblem(err, p)
	}
	if caURL == "" {
		var ue *url.Error
		if errors.As(err, &ue) {
			caURL = ue.URL
		}
	}
	return explainTransport(err, caURL)
}

type explanation struct {
	code    apperr.Code
	message string
	hint    string
}

// problems maps short problem types to plain words. %s in a message is the CA's own detail.
var problems = map[string]explanation{
	"badNonce": {apperr.CodeACME,
		"The CA kept rejecting the request's one-time number (badNonce), even after ACME Desk retried.",
		"Try again in a moment. If it keeps happening, the CA is having trouble; check its status page."},
	"unauthorized": {apperr.CodeForbidden,
		"The CA refused: this account is not allowed to do that.",
		"The account may be deactivated, or the request is for something it does not own. The detail has the CA's words."},
	"accountDoesNotExist": {apperr.CodeNotFound,
		"No account exists for this key at this CA.",
		"Check that you chose the right key and CA (staging and production are separate), or register a new account."},
	"externalAccountRequired": {apperr.CodeEABRequired,
		"This CA requires an external account binding (EAB) to register.",
		"Get an EAB key ID and HMAC key from the CA (see the CA's page in Certificate Authorities) and register with them."},
	"invalidContact": {apperr.CodeInvalidInput,
		"The CA refused a contact address: %s",
		"Check the e-mail addresses: the CA may reject unknown domains, typos or addresses it cannot deliver to."},
	"unsupportedContact": {apperr.CodeInvalidInput,
		"The CA does not accept this kind of contact: %s",
		"Use mailto: e-mail addresses only."},
	"badSignatureAlgorithm": {apperr.CodeUnsupported,
		"The CA does not accept the account key's signature algorithm.",
		"Use an RSA (2048 bits or more) or ECDSA P-256/P-384 account key."},
	"badPublicKey": {apperr.CodeUnsupported,
		"The CA does not accept this key: %s",
		"Use an RSA (2048 bits or more) or ECDSA P-256/P-384 key."},
	"malformed": {apperr.CodeACME,
		"The CA could not understand the request: %s",
		"This is probably an incompatibility between ACME Desk and this CA. Please report it with the detail."},
	"serverInternal": {apperr.CodeACME,
		"The CA had an internal error.",
		"The problem is at the CA, not on your side. Try again later."},
	"rejectedIdentifier": {apperr.CodeACME,
		"The CA will not issue for this name: %s",
		"Check the name; the CA may refuse some domains by policy."},
	"unsupportedIdentifier": {apperr.CodeUnsupported,
		"The CA does not support this kind of identifier: %s",
		"Check the names you asked for (e.g. IP addresses are not supported by every CA)."},
	"caa": {apperr.CodeACME,
		"A CAA DNS record forbids this CA from issuing for the name: %s",
		"Add this CA's CAA identity to the domain's CAA records, or use another CA."},
	"dns": {apperr.CodeACME,
		"The CA could not look up DNS for the name: %s",
		"Check the domain's DNS records."},
	"connection": {apperr.CodeACME,
		"The CA could not connect to your server to validate the name: %s",
		"Check that the server is reachable from the internet on the challenge's port."},
	"incorrectResponse": {apperr.CodeACME,
		"The CA got a wrong answer to its validation challenge: %s",
		"Check that the challenge response is served where the CA looks for it."},
	"tls": {apperr.CodeACME,
		"The CA hit a TLS error while validating: %s",
		"Check your server's TLS setup for the challenge."},
	"badCSR": {apperr.CodeInvalidInput,
		"The CA refused the certificate request (CSR): %s",
		""},
	"orderNotReady": {apperr.CodeConflict,
		"The order is not ready to be finalized yet.",
		"Complete its authorizations first."},
	"alreadyRevoked": {apperr.CodeConflict,
		"The certificate is already revoked.",
		""},
	"badRevocationReason": {apperr.CodeInvalidInput,
		"The CA does not accept this revocation reason.",
		"Choose another reason."},
	"alreadyReplaced": {apperr.CodeConflict,
		"The certificate has already been replaced.",
		""},
	"compound": {apperr.CodeACME,
		"The CA refused the request for several reasons: %s",
		"The detail lists each of them."},
}

func explainProblem(err error, p *acme.ProblemDetails) *apperr.Error {
	short := shortType(p.Type)
	caDetail := strings.TrimSpace(p.Detail)
	if caDetail == "" {
		caDetail = "(the CA gave no detail)"
	}
	e, known := problems[short]
	var out *apperr.Error
	switch {
	case short == "rateLimited":
		out = rateLimited(err, p)
	case short == "userActionRequired":
		msg := "The CA needs you to do something before it continues: " + caDetail
		hint := "Usually these are new terms of service to accept."
		if p.Instance != "" {
			hint = "Open " + p.Instance + " and follow the CA's instructions (usually new terms of service to accept), then try again."
		}
		out = apperr.Wrap(err, apperr.CodeACME, msg, hint)
	case known:
		msg := e.message
		if strings.Contains(msg, "%s") {
			msg = fmt.Sprintf(msg, caDetail)
		}
		out = apperr.Wrap(err, e.code, msg, e.hint)
	default:
		out = apperr.Wrap(err, apperr.CodeACME, "The CA refused the request: "+caDetail,
			"The detail has the CA's problem type; check the CA's documentation for it.")
	}
	out.Message = oneLine(out.Message)
	out.Detail = problemDetail(err, p)
	return out
}

func rateLimited(err error, p *acme.ProblemDetails) *apperr.Error {
	var rl *acme.RateLimitedError
	retry := ""
	if errors.As(err, &rl) {
		retry = describeRetryAfter(rl.RetryAfter)
	}
	msg := "The CA is rate limiting these requests."
	hint := "Try again later; the detail says which limit was hit."
	if retry != "" {
		msg = "The CA is rate limiting these requests; it says to retry " + retry + "."
		hint = "Wait until then; retrying earlier only extends the wait. The detail says which limit was hit."
	}
	return apperr.Wrap(err, apperr.CodeRateLimited, msg, hint)
}

// describeRetryAfter renders a Retry-After value (seconds or an HTTP date), or "" if it has none.
func describeRetryAfter(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return "in " + (time.Duration(secs) * time.Second).String()
	}
	if t, err := time.Parse(time.RFC1123, v); err == nil {
		return "after " + t.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	return "after " + v
}

// problemDetail is the raw problem, field by field, for the debug view.
func problemDetail(err error, p *acme.ProblemDetails) string {
	var b strings.Builder
	fmt.Fprintf(&b, "type: %s\nstatus: %d\ndetail: %s", p.Type, p.HTTPStatus, p.Detail)
	if p.Instance != "" {
		fmt.Fprintf(&b, "\ninstance: %s", p.Instance)
	}
	if p.Method != "" || p.URL != "" {
		fmt.Fprintf(&b, "\nrequest: %s %s", p.Method, p.URL)
	}
	var rl *acme.RateLimitedError
	if errors.As(err, &rl) && rl.RetryAfter != "" {
		fmt.Fprintf(&b, "\nretry-after: %s", rl.RetryAfter)
	}
	for _, sub := range p.SubProblems {
		fmt.Fprintf(&b, "\nsubproblem: %s %s: %s", sub.Identifier.Type, sub.Identifier.Value, sub.Type)
		if sub.Detail != "" {
			fmt.Fprintf(&b, ": %s", sub.Detail)
		}
	}
	if raw := err.Error(); raw != p.Error() {
		fmt.Fprintf(&b, "\nerror: %s", raw)
	}
	return b.String()
}

func explainTransport(err error, caURL string) *apperr.Error {
	where := caURL
	if where == "" {
		where = "(unknown URL)"
	}
	text := err.Error()

	var notDir *NotDirectoryError
	var dnsErr *net.DNSError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verifyErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var netErr net.Error

	switch {
	case errors.As(err, &notDir):
		return notACME(err, notDir.URL)
	case errors.Is(err, context.Canceled):
		return apperr.Wrap(err, apperr.CodeCancelled, "Cancelled.", "")

	case errors.As(err, &unknownAuth) || strings.Contains(text, "certificate signed by unknown authority"):
		return apperr.Wrap(err, apperr.CodeTLS, "The CA's TLS certificate is not trusted: "+where,
			"For a private CA, add its root certificate to the CA's settings in Certificate Authorities. For a public CA, something (a proxy or antivirus) may be intercepting HTTPS.")
	case errors.As(err, &hostErr) || strings.Contains(text, "certificate is valid for"):
		return apperr.Wrap(err, apperr.CodeTLS, "The CA's TLS certificate is for another host name: "+where,
			"Check the directory URL's host name.")
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired,
		strings.Contains(text, "certificate has expired or is not yet valid"):
		return apperr.Wrap(err, apperr.CodeTLS, "The CA's TLS certificate has expired or is not yet valid: "+where,
			"Check your computer's date and time; if they are right, the CA's certificate has expired.")
	case errors.As(err, &invalid), errors.As(err, &verifyErr), strings.Contains(text, "x509: certificate"), strings.Contains(text, "tls: failed to verify"):
		return apperr.Wrap(err, apperr.CodeTLS, "The CA's TLS certificate cannot be verified: "+where,
			"For a private CA, check that its root certificate (not a leaf or intermediate) is set in the CA's settings.")
	case errors.As(err, &recordErr) || strings.Contains(text, "server gave HTTP response to HTTPS client"):
		return apperr.Wrap(err, apperr.CodeTLS, "The CA's address does not speak HTTPS: "+where,
			"Check the directory URL's port; ACME needs HTTPS.")

	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout(),
		strings.Contains(text, "Client.Timeout exceeded"), strings.Contains(text, "i/o timeout"), strings.Contains(text, "TLS handshake timeout"):
		return apperr.Wrap(err, apperr.CodeTimeout, "The CA did not answer in time: "+where,
			"Check your internet connection and proxy settings, then try again; the CA may be slow or down.")

	case errors.As(err, &dnsErr) || strings.Contains(text, "no such host"):
		return apperr.Wrap(err, apperr.CodeUnreachable, "CA unreachable: "+where,
			"Its host name does not resolve. Check the directory URL for typos, and your internet connection.")
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH),
		strings.Contains(text, "connection refused"), strings.Contains(text, "connection reset"),
		strings.Contains(text, "network is unreachable"), strings.Contains(text, "no route to host"):
		return apperr.Wrap(err, apperr.CodeUnreachable, "CA unreachable: "+where,
			"Check your internet connection and the directory URL; the CA may be down. Try again later.")
	case strings.Contains(text, "HTTPS is required"):
		return apperr.Wrap(err, apperr.CodeInvalidInput, "The CA's URLs must use https: "+where,
			"ACME works over HTTPS only; use the https:// directory URL the CA documents.")

	case strings.Contains(text, "directory missing new"),
		strings.Contains(text, "get directory at") && isNotJSON(err):
		return notACME(err, caURL)
	case isNotJSON(err):
		return apperr.Wrap(err, apperr.CodeACME, "The CA sent an answer that is not ACME: "+where,
			"The CA, or a proxy between you and it, may be having trouble. Try again later.")
	}
	return apperr.Wrap(err, apperr.CodeInternal, "Talking to the CA failed: "+where,
		"Try again. If it keeps failing, the detail says what happened.")
}

func notACME(err error, u string) *apperr.Error {
	if u == "" {
		u = "(unknown URL)"
	}
	return apperr.Wrap(err, apperr.CodeNotACME, "Not an ACME directory: "+u,
		"Check the URL: it must be the CA's ACME directory URL (often ending in /directory), exactly as the CA documents it.")
}

// isNotJSON recognises lego's errors for answers that are not the JSON it
// expected, such as an HTML error page.
func isNotJSON(err error) bool {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	text := err.Error()
	return errors.As(err, &syn) || errors.As(err, &typ) ||
		strings.Contains(text, "invalid character") || strings.Contains(text, "cannot unmarshal") ||
		strings.Contains(text, "unexpected end of JSON input")
}

// maxMessage bounds a message; the full CA detail stays in Detail.
const maxMessage = 300

// oneLine keeps messages on one line (CA details may contain line breaks) and short.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxMessage {
		s = string(r[:maxMessage-1]) + "…"
	}
	return s
}
