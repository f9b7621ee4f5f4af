package keys

import (
	"testing"

	"acmedesk/backend/apperr"
)

// FuzzParse: no input may crash the parser, and every refusal is a people-facing error.
func FuzzParse(f *testing.F) {
	defer func(n uint32) { maxBcryptRounds = n }(maxBcryptRounds)
	maxBcryptRounds = 2 // the refusal of more is still exercised; deriving stays cheap
	for _, name := range []string{"rsa2048-pkcs1.pem", "ec384-pkcs8.pem", "ec256-sec1-with-params.pem",
		"rsa2048-pkcs8-encrypted.pem", "ec384-legacy-encrypted.pem", "certificate.pem", "dsa.pem", "ed25519.pem", "ec384-openssh.key", "ed25519-openssh.key"} {
		f.Add(fixture(f, name), "")
	}
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"","y":"","d":""}`), "")
	f.Add([]byte(`{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}`), "")
	f.Add(fixture(f, "rsa2048-pkcs8-encrypted.pem"), "x")
	f.Fuzz(func(t *testing.T, input []byte, pass string) {
		p, err := Parse(input, pass)
		if err != nil {
			if e := apperr.From(err); e.Code == apperr.CodeInternal || e.Message == "" {
				t.Fatalf("unexplained error: %#v", e)
			}
			return
		}
		if _, err := Identify(p.Key.Public()); err != nil {
			t.Fatalf("accepted key cannot be identified: %v", err)
		}
		if _, err := algorithmOf(p.Key); err != nil {
			t.Fatalf("accepted an unsupported key: %v", err)
		}
		signsAsItsPublicKey(t, p.Key)
	})
}
