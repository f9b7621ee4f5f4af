package keys

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/binary"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"acmedesk/backend/apperr"
)

const fixturePass = "fixture-passphrase"

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseAcceptsEveryCommonFormat(t *testing.T) {
	tests := []struct {
		file, pass string
		alg        Algorithm
		format     string
	}{
		{"rsa2048-pkcs1.pem", "", RSA2048, "PKCS#1 PEM"},
		{"rsa2048-pkcs8.pem", "", RSA2048, "PKCS#8 PEM"},
		{"rsa2048-pkcs8-encrypted.pem", fixturePass, RSA2048, "PKCS#8 PEM (encrypted)"},
		{"rsa2048-legacy-encrypted.pem", fixturePass, RSA2048, "PKCS#1 PEM (legacy encryption)"},
		{"ec256-sec1-with-params.pem", "", EC256, "SEC1 EC PEM"},
		{"ec384-pkcs8.pem", "", EC384, "PKCS#8 PEM"},
		{"ec384-legacy-encrypted.pem", fixturePass, EC384, "SEC1 EC PEM (legacy encryption)"},
		{"ec384-pkcs8-encrypted-sha1.pem", fixturePass, EC384, "PKCS#8 PEM (encrypted)"},
		{"ec384-openssh.key", "", EC384, "OpenSSH"},
		{"ec384-openssh-encrypted.key", fixturePass, EC384, "OpenSSH (encrypted)"},
		{"rsa2048-openssh.key", "", RSA2048, "OpenSSH"},
		{"ec256-sec1-compressed.pem", "", EC256, "SEC1 EC PEM"},
		{"ec256-sec1-hybrid.pem", "", EC256, "SEC1 EC PEM"},
		{"rsa2048-3prime.pem", "", RSA2048, "PKCS#8 PEM"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := Parse(fixture(t, tt.file), tt.pass)
			if err != nil {
				t.Fatal(err)
			}
			if p.Algorithm != tt.alg || p.Format != tt.format {
				t.Errorf("got %s/%q, want %s/%q", p.Algorithm, p.Format, tt.alg, tt.format)
			}
			signsAsItsPublicKey(t, p.Key)
		})
	}
}

func TestParseSameKeyInEveryFormatHasOneIdentity(t *testing.T) {
	want := strings.TrimSpace(string(fixture(t, "rsa2048-pkcs1.sha256")))
	for _, in := range []struct {
		file, pass string
	}{{"rsa2048-pkcs1.pem", ""}, {"rsa2048-pkcs8.pem", ""}, {"rsa2048-pkcs8-encrypted.pem", fixturePass}, {"rsa2048-legacy-encrypted.pem", fixturePass}, {"rsa2048-openssh.key", ""}} {
		p, err := Parse(fixture(t, in.file), in.pass)
		if err != nil {
			t.Fatal(in.file, err)
		}
		id, _ := Identify(p.Key.Public())
		if got := strings.ToLower(strings.ReplaceAll(id.FingerprintSHA256, ":", "")); got != want {
			t.Errorf("%s: fingerprint %s, OpenSSL says %s", in.file, got, want)
		}
	}
}

func TestParseJWKIncludingCertbotStyle(t *testing.T) {
	p, err := Parse(fixture(t, "rsa2048-pkcs1.pem"), "")
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := Encode(p.Key, FormatJWK) // certbot's private_key.json is exactly this: an RSA private JWK
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(jwk, "")
	if err != nil || got.Format != "JWK" || got.Algorithm != RSA2048 {
		t.Fatalf("Parse(JWK) = %+v, %v", got, err)
	}
	if !got.Key.(*rsa.PrivateKey).Equal(p.Key) {
		t.Fatal("JWK round trip changed the key")
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	ecJWK, _ := Encode(ec, FormatJWK)
	if got, err := Parse(ecJWK, ""); err != nil || got.Algorithm != EC384 {
		t.Fatalf("Parse(EC JWK) = %+v, %v", got, err)
	}
}

func TestParseRefusesWithAReason(t *testing.T) {
	p384, _ := Parse(fixture(t, "ec384-pkcs8.pem"), "")
	pubJWK, _ := (&jose.JSONWebKey{Key: p384.Key.Public()}).MarshalJSON()
	p521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	p521JWK, _ := (&jose.JSONWebKey{Key: p521}).MarshalJSON()
	goodPEM := fixture(t, "ec384-pkcs8.pem")
	damaged := bytes.Replace(goodPEM, []byte("M"), []byte("!"), 3)
	truncated := goodPEM[:len(goodPEM)/2]
	two := append(append([]byte{}, goodPEM...), fixture(t, "rsa2048-pkcs8.pem")...)
	block, _ := pem.Decode(goodPEM)
	brokenDER := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: block.Bytes[:40]})
	unknownBlock := pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: []byte{1, 2, 3}})
	sshBlock, _ := pem.Decode(fixture(t, "ec384-openssh-encrypted.key"))
	greedySSH := pem.EncodeToMemory(&pem.Block{Type: sshBlock.Type, Bytes: withBcryptRounds(t, sshBlock.Bytes, 1<<30)})
	brokenSSH := pem.EncodeToMemory(&pem.Block{Type: sshBlock.Type, Bytes: sshBlock.Bytes[:30]})

	tests := []struct {
		name  string
		input []byte
		pass  string
		code  apperr.Code
		says  string
	}{
		{"empty", nil, "", apperr.CodeInvalidInput, "empty"},
		{"only whitespace", []byte(" \n\t "), "", apperr.CodeInvalidInput, "empty"},
		{"10 MB", bytes.Repeat([]byte("A"), 10<<20), "", apperr.CodeInvalidInput, "too large"},
		{"garbage", []byte("hello, I am not a key"), "", apperr.CodeInvalidInput, "not a PEM or JWK"},
		{"binary", []byte{0x30, 0x82, 0x01, 0x00, 0xff}, "", apperr.CodeInvalidInput, "not a PEM or JWK"},
		{"base64 damaged", damaged, "", apperr.CodeInvalidInput, "damaged"},
		{"truncated", truncated, "", apperr.CodeInvalidInput, "damaged"},
		{"damaged DER", brokenDER, "", apperr.CodeInvalidInput, "damaged"},
		{"two keys", two, "", apperr.CodeInvalidInput, "2 private keys"},
		{"certificate", fixture(t, "certificate.pem"), "", apperr.CodeInvalidInput, "certificate"},
		{"csr", fixture(t, "csr.pem"), "", apperr.CodeInvalidInput, "signing request"},
		{"public key", fixture(t, "rsa2048-public.pem"), "", apperr.CodeInvalidInput, "public key only"},
		{"other PEM", unknownBlock, "", apperr.CodeInvalidInput, "X509 CRL"},
		{"ed25519", fixture(t, "ed25519.pem"), "", apperr.CodeUnsupported, "Ed25519"},
		{"p521", fixture(t, "ec521.pem"), "", apperr.CodeUnsupported, "P-521"},
		{"secp256k1 sec1", fixture(t, "secp256k1-sec1.pem"), "", apperr.CodeUnsupported, "curve"},
		{"secp256k1 pkcs8", fixture(t, "secp256k1-pkcs8.pem"), "", apperr.CodeUnsupported, "curve"},
		{"dsa", fixture(t, "dsa.pem"), "", apperr.CodeUnsupported, "DSA"},
		{"dsa pkcs8", fixture(t, "dsa-pkcs8.pem"), "", apperr.CodeUnsupported, "DSA"},
		{"rsa 1024", fixture(t, "rsa1024.pem"), "", apperr.CodeUnsupported, "too weak"},
		{"encrypted, no passphrase", fixture(t, "rsa2048-pkcs8-encrypted.pem"), "", apperr.CodeNeedPass, "encrypted"},
		{"legacy, no passphrase", fixture(t, "rsa2048-legacy-encrypted.pem"), "", apperr.CodeNeedPass, "encrypted"},
		{"encrypted, wrong passphrase", fixture(t, "rsa2048-pkcs8-encrypted.pem"), "wrong", apperr.CodeWrongPass, "Wrong passphrase"},
		{"legacy, wrong passphrase", fixture(t, "rsa2048-legacy-encrypted.pem"), "wrong", apperr.CodeWrongPass, "Wrong passphrase"},
		{"legacy ec, wrong passphrase", fixture(t, "ec384-legacy-encrypted.pem"), "wrong", apperr.CodeWrongPass, "Wrong passphrase"},
		{"openssh ed25519", fixture(t, "ed25519-openssh.key"), "", apperr.CodeUnsupported, "Ed25519"},
		{"openssh, no passphrase", fixture(t, "ec384-openssh-encrypted.key"), "", apperr.CodeNeedPass, "encrypted"},
		{"openssh, wrong passphrase", fixture(t, "ec384-openssh-encrypted.key"), "wrong", apperr.CodeWrongPass, "Wrong passphrase"},
		{"openssh, a billion bcrypt rounds", greedySSH, fixturePass, apperr.CodeUnsupported, "rounds of bcrypt"},
		{"openssh, truncated", brokenSSH, "", apperr.CodeInvalidInput, "damaged"},
		{"json not jwk", []byte(`{"hello":"world"}`), "", apperr.CodeInvalidInput, "not a JWK"},
		{"broken json", []byte(`{"kty":"RSA",`), "", apperr.CodeInvalidInput, "not valid JSON"},
		{"public jwk", pubJWK, "", apperr.CodeInvalidInput, "public key only"},
		{"oct jwk", []byte(`{"kty":"oct","k":"c2VjcmV0"}`), "", apperr.CodeInvalidInput, "symmetric"},
		{"okp jwk", []byte(`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}`), "", apperr.CodeUnsupported, "Ed25519"},
		{"p521 jwk", p521JWK, "", apperr.CodeUnsupported, "P-521"},
		{"incomplete rsa jwk", []byte(`{"kty":"RSA","n":"AQAB"}`), "", apperr.CodeInvalidInput, "JWK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.input, tt.pass)
			if err == nil {
				t.Fatalf("accepted as %+v", p)
			}
			e := apperr.From(err)
			if e.Code != tt.code {
				t.Errorf("code %s, want %s (%s)", e.Code, tt.code, e.Message)
			}
			if !strings.Contains(e.Message, tt.says) {
				t.Errorf("message %q does not say %q", e.Message, tt.says)
			}
			if e.Hint == "" {
				t.Errorf("no hint for %q", e.Message)
			}
		})
	}
}

// withBcryptRounds rewrites the bcrypt rounds in an openssh-key-v1 header.
func withBcryptRounds(t *testing.T, blob []byte, rounds uint32) []byte {
	t.Helper()
	out := bytes.Clone(blob)
	at := len("openssh-key-v1\x00")
	skip := func() { at += 4 + int(binary.BigEndian.Uint32(out[at:])) }
	skip()  // cipher
	skip()  // kdf name
	at += 4 // kdf options length
	skip()  // salt
	binary.BigEndian.PutUint32(out[at:], rounds)
	return out
}

func TestParseRSASizes(t *testing.T) {
	for _, bits := range []int{1536, 2304} {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		in := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
		if _, err := Parse(in, ""); !apperr.Is(err, apperr.CodeUnsupported) {
			t.Errorf("RSA %d: %v, want unsupported", bits, err)
		}
	}
}

// An encrypted PKCS#8 key whose encrypted data was cut to a length that is not
// a whole number of cipher blocks made the decryption library panic: now it
// is refused as damaged, with any passphrase. (Found by FuzzParse.)
func TestEncryptedPKCS8CutMidBlockIsDamaged(t *testing.T) {
	block, _ := pem.Decode(fixture(t, "ec384-pkcs8-encrypted-sha1.pem"))
	var info struct {
		Algorithm asn1.RawValue
		Data      []byte
	}
	if _, err := asn1.Unmarshal(block.Bytes, &info); err != nil {
		t.Fatal(err)
	}
	info.Data = info.Data[:len(info.Data)-1]
	der, err := asn1.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	cut := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der})
	for _, pass := range []string{"fixture-passphrase", "wrong"} {
		_, err := Parse(cut, pass)
		if !apperr.Is(err, apperr.CodeInvalidInput) || !strings.Contains(err.Error(), "damaged") {
			t.Fatalf("passphrase %q: %v", pass, err)
		}
	}
}

func TestUnsupportedKindsAreNamedInGoodEnglish(t *testing.T) {
	for in, want := range map[string]string{
		`{"kty":"OKP","crv":"Ed25519","d":"x","x":"y"}`: "This is an Ed25519 key.",
		`{"kty":"OKP","crv":"X25519","d":"x","x":"y"}`:  "This is an X25519 key.",
		`{"kty":"OKP","d":"x","x":"y"}`:                 "This key is of a kind ACME CAs do not accept",
		`{"kty":"EC","d":"AQ","x":"AQ","y":"AQ"}`:       `This EC JWK names no curve`,
	} {
		_, err := Parse([]byte(in), "")
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "  ") {
			t.Errorf("%s: %v", in, err)
		}
	}
	if _, err := Parse(fixture(t, "ed25519.pem"), ""); err == nil || !strings.HasPrefix(err.Error(), "This is an Ed25519 key.") {
		t.Errorf("ed25519.pem: %v", err)
	}
}
