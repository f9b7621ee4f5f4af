package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/youmark/pkcs8"
	"golang.org/x/crypto/ssh"

	"acmedesk/backend/apperr"
)

// Keys whose private part is not the private half of the public key stored
// with them (what `openssl pkey -check` calls invalid) are refused, whatever
// the format: otherwise the stored fingerprint would describe another key
// than the one that signs, or the key that signs would not be the one in the file.
func TestParseRefusesKeysWhoseHalvesDisagree(t *testing.T) {
	ec256 := privateDER(t, "ec256-sec1-with-params.pem")
	ec384 := privateDER(t, "ec384-pkcs8.pem")
	rsa2048 := privateDER(t, "rsa2048-pkcs1.pem")
	threePrimes := privateDER(t, "rsa2048-3prime.pem")
	otherEC384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	otherRSA2048, _ := rsa.GenerateKey(rand.Reader, 2048) // go-jose writes no JWK for three primes
	ec384SSH := fixture(t, "ec384-openssh.key")
	rsaSSH := fixture(t, "rsa2048-openssh.key")

	tests := []struct {
		name  string
		input []byte
		pass  string
	}{
		{"ec jwk, d of another key", jwkWithDOf(t, mustGenerateEC(t), mustGenerateEC(t)), ""},
		{"rsa jwk, d of another key", jwkWithDOf(t, mustParse(t, "rsa2048-pkcs1.pem"), otherRSA2048), ""},
		{"ec sec1, a bit of the scalar flipped", pemOf("EC PRIVATE KEY", withScalarBitFlipped(t, ec256)), ""},
		{"ec sec1 legacy-encrypted, a bit of the scalar flipped", legacyEncrypted(t, "EC PRIVATE KEY", withScalarBitFlipped(t, ec256)), fixturePass},
		{"ec pkcs8, a bit of the scalar flipped", pemOf("PRIVATE KEY", withScalarBitFlipped(t, ec384)), ""},
		{"ec pkcs8 encrypted, a bit of the scalar flipped", encryptedPKCS8(t, withScalarBitFlipped(t, ec384)), fixturePass},
		{"rsa pkcs1, a prime changed", pemOf("RSA PRIVATE KEY", withRSAField(t, rsa2048, "P")), ""},
		{"rsa pkcs1, d changed", pemOf("RSA PRIVATE KEY", withRSAField(t, rsa2048, "D")), ""},
		{"rsa pkcs8, d changed", pemOf("PRIVATE KEY", pkcs8Of(t, withRSAField(t, rsa2048, "D"))), ""},
		{"rsa three primes, d changed", pemOf("PRIVATE KEY", pkcs8Of(t, withRSAField(t, pkcs1Of(t, threePrimes), "D"))), ""},
		{"rsa three primes, a prime changed", pemOf("PRIVATE KEY", pkcs8Of(t, withRSAField(t, pkcs1Of(t, threePrimes), "P"))), ""},
		{"openssh ecdsa, header holds another key", withOpenSSHHeaderKey(t, ec384SSH, &otherEC384.PublicKey), ""},
		{"openssh rsa, header holds another key", withOpenSSHHeaderKey(t, rsaSSH, mustParse(t, "rsa2048-3prime.pem").Public()), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.input, tt.pass)
			if err == nil {
				id, _ := Identify(p.Key.Public())
				t.Fatalf("accepted as %s %s", p.Format, id.JWKThumbprint)
			}
			e := apperr.From(err)
			if e.Code != apperr.CodeInvalidInput || !strings.Contains(e.Message, "do not belong together") || e.Hint == "" {
				t.Errorf("refused as %s %q (%s), want invalid_input saying the halves do not belong together", e.Code, e.Message, e.Detail)
			}
		})
	}
}

// The edits above make keys refused, not the test's re-encoding: the same
// re-encoding of the untouched key imports, with its original identity.
func TestParseControlsForTheEditedKeys(t *testing.T) {
	ec384 := privateDER(t, "ec384-pkcs8.pem")
	want := strings.TrimSpace(string(fixture(t, "ec384-pkcs8.sha256")))
	for name, in := range map[string][]byte{
		"encrypted pkcs8":          encryptedPKCS8(t, ec384),
		"legacy-encrypted pkcs8":   legacyEncrypted(t, "PRIVATE KEY", ec384),
		"openssh, own header key":  withOpenSSHHeaderKey(t, fixture(t, "ec384-openssh.key"), mustParse(t, "ec384-pkcs8.pem").Public()),
		"three primes, re-encoded": pemOf("PRIVATE KEY", pkcs8Of(t, pkcs1Of(t, privateDER(t, "rsa2048-3prime.pem")))),
	} {
		p, err := Parse(in, fixturePass)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, ok := p.Key.(*rsa.PrivateKey); !ok && fingerprintHex(t, p.Key) != want {
			t.Errorf("%s: another key than ec384-pkcs8.pem", name)
		}
	}
}

// A recorded public point may be compressed or hybrid: it is the same key.
func TestParseAcceptsEveryFormOfTheRecordedECPoint(t *testing.T) {
	want := strings.TrimSpace(string(fixture(t, "ec256-sec1-with-params.sha256")))
	for _, name := range []string{"ec256-sec1-with-params.pem", "ec256-sec1-compressed.pem", "ec256-sec1-hybrid.pem"} {
		p, err := Parse(fixture(t, name), "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := fingerprintHex(t, p.Key); got != want {
			t.Errorf("%s: fingerprint %s, OpenSSL says %s", name, got, want)
		}
	}
}

// signsAsItsPublicKey fails t unless a signature by key verifies with key.Public():
// the public key is what the fingerprint and thumbprint describe.
func signsAsItsPublicKey(t testing.TB, key crypto.Signer) {
	t.Helper()
	digest := sha256.Sum256([]byte("ACME Desk"))
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		t.Fatalf("cannot sign: %v", err)
	}
	switch pub := key.Public().(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, digest[:], sig) {
			t.Fatal("the signature does not verify with the public key")
		}
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			t.Fatalf("the signature does not verify with the public key: %v", err)
		}
	}
}

func fingerprintHex(t *testing.T, key crypto.Signer) string {
	t.Helper()
	id, err := Identify(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(strings.ReplaceAll(id.FingerprintSHA256, ":", ""))
}

func mustParse(t *testing.T, name string) crypto.Signer {
	t.Helper()
	p, err := Parse(fixture(t, name), "")
	if err != nil {
		t.Fatal(err)
	}
	return p.Key
}

func mustGenerateEC(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// privateDER is the DER of the private-key block of a PEM fixture.
func privateDER(t *testing.T, name string) []byte {
	t.Helper()
	rest := fixture(t, name)
	for {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			t.Fatalf("%s holds no private key", name)
		}
		if strings.HasSuffix(block.Type, "PRIVATE KEY") {
			return block.Bytes
		}
	}
}

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// jwkWithDOf is the private JWK of key with the "d" of other.
func jwkWithDOf(t *testing.T, key, other crypto.Signer) []byte {
	t.Helper()
	members := func(k crypto.Signer) map[string]any {
		b, err := (&jose.JSONWebKey{Key: k}).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	mixed := members(key)
	mixed["d"] = members(other)["d"]
	out, err := json.Marshal(mixed)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withScalarBitFlipped flips the lowest bit of the private scalar of a SEC1 or
// PKCS#8 EC key, leaving the public point it records as it was.
func withScalarBitFlipped(t *testing.T, der []byte) []byte {
	t.Helper()
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		key, err = x509.ParseECPrivateKey(der)
	}
	if err != nil {
		t.Fatal(err)
	}
	scalar, _ := key.(*ecdsa.PrivateKey).Bytes()
	at := bytes.Index(der, scalar)
	if at < 0 {
		t.Fatal("scalar not found in the DER")
	}
	out := bytes.Clone(der)
	out[at+len(scalar)-1] ^= 1
	return out
}

// pkcs1PrivateKey mirrors RFC 8017's RSAPrivateKey, keeping any further primes as they are.
type pkcs1PrivateKey struct {
	Version               int
	N                     *big.Int
	E                     int
	D, P, Q, Dp, Dq, Qinv *big.Int
	AdditionalPrimes      []asn1.RawValue `asn1:"optional,omitempty"`
}

// withRSAField adds 2 to one integer (D or P) of a PKCS#1 key, leaving the rest as it was.
func withRSAField(t *testing.T, der []byte, field string) []byte {
	t.Helper()
	var k pkcs1PrivateKey
	if _, err := asn1.Unmarshal(der, &k); err != nil {
		t.Fatal(err)
	}
	two := big.NewInt(2)
	switch field {
	case "D":
		k.D.Add(k.D, two)
	case "P":
		k.P.Add(k.P, two)
	}
	out, err := asn1.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pkcs8Of wraps PKCS#1 DER in PKCS#8, and pkcs1Of unwraps it.
func pkcs8Of(t *testing.T, pkcs1 []byte) []byte {
	t.Helper()
	out, err := asn1.Marshal(struct {
		Version    int
		Algorithm  pkix.AlgorithmIdentifier
		PrivateKey []byte
	}{0, pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}, Parameters: asn1.NullRawValue}, pkcs1})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func pkcs1Of(t *testing.T, pkcs8DER []byte) []byte {
	t.Helper()
	var info struct {
		Version    int
		Algorithm  pkix.AlgorithmIdentifier
		PrivateKey []byte
	}
	if _, err := asn1.Unmarshal(pkcs8DER, &info); err != nil {
		t.Fatal(err)
	}
	return info.PrivateKey
}

// encryptedPKCS8 encrypts PKCS#8 DER as it is (PBES2: PBKDF2-SHA256, AES-256-CBC) with fixturePass.
func encryptedPKCS8(t *testing.T, der []byte) []byte {
	t.Helper()
	salt, iv := make([]byte, 8), make([]byte, 16)
	opts := pkcs8.PBKDF2Opts{SaltSize: len(salt), IterationCount: 2048, HMACHash: crypto.SHA256}
	key, kdfParams, err := opts.DeriveKey([]byte(fixturePass), salt, pkcs8.AES256CBC.KeySize())
	if err != nil {
		t.Fatal(err)
	}
	data, err := pkcs8.AES256CBC.Encrypt(key, iv, der)
	if err != nil {
		t.Fatal(err)
	}
	kdfDER, _ := asn1.Marshal(kdfParams)
	ivDER, _ := asn1.Marshal(iv)
	schemeDER, _ := asn1.Marshal(struct{ KDF, Cipher pkix.AlgorithmIdentifier }{
		pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdfDER}},
		pkix.AlgorithmIdentifier{Algorithm: pkcs8.AES256CBC.OID(), Parameters: asn1.RawValue{FullBytes: ivDER}},
	})
	out, err := asn1.Marshal(struct {
		Algorithm pkix.AlgorithmIdentifier
		Data      []byte
	}{pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: schemeDER}}, data})
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("ENCRYPTED PRIVATE KEY", out)
}

// legacyEncrypted writes DER as legacy encrypted PEM (Proc-Type 4,ENCRYPTED) with fixturePass.
func legacyEncrypted(t *testing.T, typ string, der []byte) []byte {
	t.Helper()
	//lint:ignore SA1019 the legacy format is what is being tested
	block, err := x509.EncryptPEMBlock(rand.Reader, typ, der, []byte(fixturePass), x509.PEMCipherAES128) //nolint:staticcheck
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(block)
}

// withOpenSSHHeaderKey replaces the public key in the header of an unencrypted
// openssh-key-v1 file, leaving the private section as it was.
func withOpenSSHHeaderKey(t *testing.T, file []byte, pub crypto.PublicKey) []byte {
	t.Helper()
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(file)
	blob := block.Bytes
	at := len("openssh-key-v1\x00")
	skip := func() { at += 4 + int(binary.BigEndian.Uint32(blob[at:])) }
	skip()  // cipher
	skip()  // kdf name
	skip()  // kdf options
	at += 4 // number of keys
	end := at + 4 + int(binary.BigEndian.Uint32(blob[at:]))
	header := binary.BigEndian.AppendUint32(nil, uint32(len(sshPub.Marshal())))
	out := append(append(append(bytes.Clone(blob[:at]), header...), sshPub.Marshal()...), blob[end:]...)
	return pemOf(block.Type, out)
}
