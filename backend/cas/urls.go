package cas

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// CheckURL is the syntax an ACME URL that came from outside (a directory, an
// account URL from a CA's answer or an imported folder) must have before it is
// stored: an absolute https URL with a host, made only of the characters RFC
// 3986 allows (no spaces, control characters, quotes or braces), with no user
// name or password and no fragment, of at most MaxURLLength characters.
func CheckURL(raw string) error {
	if err := checkChars(raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("it is not a URL")
	case !strings.EqualFold(u.Scheme, "https"):
		return errors.New("it is not an https:// URL")
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return errors.New("it names no host")
	case u.User != nil:
		return errors.New("it holds a user name or password")
	case strings.Contains(raw, "#"):
		return errors.New("it has a '#' fragment")
	}
	return nil
}

// checkLink is CheckURL for a link that is shown and opened in a browser
// (the terms of service, the CA's website): http is allowed there, and plain
// text in a data: URL (test CAs such as Pebble serve their terms so); no other
// scheme (javascript:, file:, an application's) is.
func checkLink(raw string) error {
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
	if len(raw) > MaxURLLength {
		return fmt.Errorf("it is longer than %d characters", MaxURLLength)
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			return fmt.Errorf("it holds the character %q, which URLs do not", rune(c))
		}
	}
	return nil
}
