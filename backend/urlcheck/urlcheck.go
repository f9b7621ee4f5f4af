// Package urlcheck checks URLs that come from outside (typed or pasted, in a
// CA's answer, in an imported folder) before ACME Desk stores them, shows
// them as links or sends anything to them: one strict https:// rule for
// every URL that is fetched or sent to, and a looser one for links people open.
package urlcheck

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// MaxLength bounds a URL, in bytes.
const MaxLength = 2048

// Reasons HTTPS gives that callers word in their own way.
var (
	ErrNotHTTPS = errors.New("it is not an https:// URL")
	ErrUserInfo = errors.New("it holds a user name or password")
)

// HTTPS refuses anything but an absolute https URL with a host (and a port
// from 1 to 65535, when one is given), made only of the characters RFC 3986
// allows (no spaces, control characters, quotes or braces), with no user name
// or password and no fragment, of at most MaxLength bytes. The error says why
// in words that follow "…: ", and never repeats the URL (it may hold a password).
func HTTPS(raw string) error {
	if err := checkChars(raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("it is not a URL")
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return errors.New("it names no host")
	case !strings.EqualFold(u.Scheme, "https"):
		return ErrNotHTTPS
	case u.User != nil:
		return ErrUserInfo
	case strings.Contains(raw, "#"):
		return errors.New("it has a '#' fragment")
	}
	if strings.Contains(strings.TrimPrefix(u.Host, "["+u.Hostname()+"]"), ":") {
		if port, err := strconv.Atoi(u.Port()); err != nil || port < 1 || port > 65535 {
			return errors.New("its port is not a number from 1 to 65535")
		}
	}
	return nil
}

// Link is HTTPS for a link that is shown and opened in a browser (a CA's
// terms of service, its website): http is allowed there, and plain text in a
// data: URL (test CAs such as Pebble serve their terms so); no other scheme
// (javascript:, file:, an application's) is.
func Link(raw string) error {
	if err := checkChars(raw); err != nil {
		return err
	}
	if strings.HasPrefix(strings.ToLower(raw), "data:text/plain,") {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (!strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http")) || u.Host == "" || u.User != nil {
		return errors.New("it is not an http(s) link")
	}
	return nil
}

func checkChars(raw string) error {
	if raw == "" {
		return errors.New("it is empty")
	}
	if len(raw) > MaxLength {
		return fmt.Errorf("it is longer than %d characters", MaxLength)
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			return fmt.Errorf("it holds the character %q, which URLs do not", rune(c))
		}
	}
	return nil
}
