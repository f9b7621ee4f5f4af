package keys

import (
	"crypto"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

// The example of RFC 7638 §3.1, with its published thumbprint.
const rfc7638Key = `{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`

func TestJWKThumbprintMatchesRFC7638(t *testing.T) {
	var jwk jose.JSONWebKey
	if err := json.Unmarshal([]byte(rfc7638Key), &jwk); err != nil {
		t.Fatal(err)
	}
	id, err := Identify(jwk.Key.(crypto.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if id.JWKThumbprint != "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" {
		t.Fatalf("thumbprint %s", id.JWKThumbprint)
	}
}

func TestFingerprintMatchesOpenSSL(t *testing.T) {
	for _, name := range []string{"rsa2048-pkcs1", "ec256-sec1-with-params", "ec384-pkcs8"} {
		p, err := Parse(fixture(t, name+".pem"), "")
		if err != nil {
			t.Fatal(err)
		}
		id, err := Identify(p.Key.Public())
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(string(fixture(t, name+".sha256")))
		if got := strings.ToLower(strings.ReplaceAll(id.FingerprintSHA256, ":", "")); got != want {
			t.Errorf("%s: %s, OpenSSL says %s", name, got, want)
		}
		if len(id.FingerprintSHA256) != 32*3-1 || !strings.HasPrefix(id.PublicKeyPEM, "-----BEGIN PUBLIC KEY-----") {
			t.Errorf("%s: identity shape %+v", name, id)
		}
	}
}
