package cas

import (
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://acme-v02.api.letsencrypt.org/acme/acct/123":      true,
		"https://127.0.0.1:14000/my-account/1":                    true,
		"https://ca.example/acme/acct/a;b=(c)$d'e":                true, // RFC 3986 sub-delims: quoted where a shell reads them
		"https://[::1]:8443/acct/1?x=y":                           true,
		"http://ca.example/acct/1":                                false,
		"https:///acct/1":                                         false,
		"https://user:pass@ca.example/acct/1":                     false,
		"https://ca.example/acct/1#frag":                          false,
		"https://ca.example/acct/1\nrm -rf /":                     false,
		"https://ca.example/acct/$(touch /tmp/x)`id`":             false,
		"https://ca.example/acct/\"quoted\"":                      false,
		"https://ca.example/acct/\x1b[31m":                        false,
		"https://ca.example/acct/é":                               false,
		"https://ca.example/acct/1 2":                             false,
		"javascript:alert(1)":                                     false,
		"":                                                        false,
		"https://ca.example/" + strings.Repeat("a", MaxURLLength): false,
		"https:ca.example/acct":                                   false,
	} {
		if err := CheckURL(raw); (err == nil) != ok {
			t.Errorf("CheckURL(%q) = %v", raw, err)
		}
	}
	if checkLink("http://ca.example/terms") != nil || checkLink("data:text/plain,Do%20what%20thou%20wilt") != nil || checkLink("data:text/html,<script>") == nil || checkLink("javascript:alert(1)") == nil || checkLink("file:///etc/passwd") == nil {
		t.Error("checkLink")
	}
}
