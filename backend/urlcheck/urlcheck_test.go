package urlcheck

import (
	"errors"
	"strings"
	"testing"
)

func TestHTTPS(t *testing.T) {
	for raw, want := range map[string]string{ // want: part of the reason; "" accepted
		"https://acme-v02.api.letsencrypt.org/acme/acct/123":   "",
		"https://127.0.0.1:14000/my-account/1":                 "",
		"https://ca.example/acme/acct/a;b=(c)$d'e":             "", // RFC 3986 sub-delims: quoted where a shell reads them
		"https://[::1]:8443/acct/1?x=y":                        "",
		"HTTPS://CA.example:443/dir":                           "",
		"http://ca.example/acct/1":                             "not an https:// URL",
		"ftp://ca.example/":                                    "not an https:// URL",
		"ca.example/directory":                                 "names no host",
		"https:ca.example/acct":                                "names no host",
		"https:///acct/1":                                      "names no host",
		"https://:443/acct/1":                                  "names no host",
		"https://user:pass@ca.example/acct/1":                  "user name or password",
		"https://user@ca.example/acct/1":                       "user name or password",
		"https://ca.example/acct/1#frag":                       "fragment",
		"https://ca.example:/acct":                             "port",
		"https://ca.example:0/acct":                            "port",
		"https://ca.example:99999999999/acct":                  "port",
		"https://[::1]:65536/acct":                             "port",
		"https://ca.example/acct/1\nrm -rf /":                  "character",
		"https://ca.example/acct/$(touch /tmp/x)`id`":          "character",
		"https://ca.example/acct/\"quoted\"":                   "character",
		"https://ca.example/acct/\x1b[31m":                     "character",
		"https://ca.example/acct/é":                            "character",
		"https://ca.example/acct/1 2":                          "character",
		"javascript:alert(1)":                                  "names no host",
		"":                                                     "empty",
		"https://ca.example/" + strings.Repeat("a", MaxLength): "longer than 2048",
	} {
		err := HTTPS(raw)
		switch {
		case want == "" && err != nil:
			t.Errorf("HTTPS(%q) = %v", raw, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("HTTPS(%q) = %v, want it to say %q", raw, err, want)
		}
	}
	if !errors.Is(HTTPS("http://ca.example/"), ErrNotHTTPS) || !errors.Is(HTTPS("https://u:p@ca.example/"), ErrUserInfo) {
		t.Error("the reasons callers word themselves are not their errors")
	}
	if err := HTTPS("https://ops:s3cret-pw@ca.example/"); strings.Contains(err.Error(), "s3cret-pw") {
		t.Errorf("the password is repeated: %v", err)
	}
}

func TestLink(t *testing.T) {
	for raw, ok := range map[string]bool{
		"http://ca.example/terms":                 true,
		"https://ca.example/terms":                true,
		"data:text/plain,Do%20what%20thou%20wilt": true,
		"data:text/html,<script>":                 false,
		"javascript:alert(1)":                     false,
		"file:///etc/passwd":                      false,
		"https://user:pass@ca.example/":           false,
		"https://ca.example/a b":                  false,
		"":                                        false,
	} {
		if err := Link(raw); (err == nil) != ok {
			t.Errorf("Link(%q) = %v", raw, err)
		}
	}
}
