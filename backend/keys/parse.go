package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4"
	"github.com/youmark/pkcs8"

	"acmedesk/backend/apperr"
	"acmedesk/backend/textfield"
)

// MaxInputSize bounds what Parse reads: a key, or a bundle with its certificate chain, is far smaller.
const MaxInputSize = 256 << 10

// Parsed is a private key read from user input.
type Parsed struct {
	Key       crypto.Signer
	Algorithm Algorithm
	Format    string // how it was stored, e.g. "PKCS#8 PEM (encrypted)"
}

var hintKeyFormats = "ACME Desk reads PEM private keys (PKCS#1, PKCS#8, SEC1 EC, encrypted PKCS#8 or legacy encrypted PEM), OpenSSH private keys (encrypted or not) and JWK JSON."

// Parse reads one private key from PEM or JWK input. passphrase is used for
// encrypted PEM; an encrypted key without one yields a passphrase_required error.
// Errors say what the input is and why it cannot be an account key; they never
// contain key material.
func Parse(input []byte, passphrase string) (*Parsed, error) {
	if len(input) > MaxInputSize {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose the private key file itself.",
			"The input is too large (%d KiB) to be a private key: the limit is %d KiB.", len(input)>>10, MaxInputSize>>10)
	}
	trimmed := bytes.TrimSpace(input)
	if len(trimmed) == 0 {
		return nil, apperr.New(apperr.CodeInvalidInput, "The input is empty.", "Paste a private key, or choose or drop a key file.")
	}
	if trimmed[0] == '{' {
		return parseJWK(trimmed)
	}
	return parsePEM(trimmed, passphrase)
}

func parsePEM(input []byte, passphrase string) (*Parsed, error) {
	var private []*pem.Block
	seen := map[string]bool{}
	rest := input
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch block.Type {
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY":
			private = append(private, block)
		default:
			seen[block.Type] = true
		}
	}
	if len(private) > 1 {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Import one key at a time: split the file so each holds one private key.",
			"The input holds %d private keys.", len(private))
	}
	if len(private) == 0 {
		return nil, notAPrivateKey(input, seen)
	}
	return parsePrivateBlock(private[0], passphrase)
}

// notAPrivateKey explains what the input is when it holds no private key.
func notAPrivateKey(input []byte, seen map[string]bool) error {
	hint := "Import the private key instead. " + hintKeyFormats
	switch {
	case seen["DSA PRIVATE KEY"]:
		return unsupportedType("DSA")
	case seen["CERTIFICATE"]:
		return apperr.New(apperr.CodeInvalidInput, "This is a certificate, not a private key: a certificate holds only a public key.", hint)
	case seen["CERTIFICATE REQUEST"] || seen["NEW CERTIFICATE REQUEST"]:
		return apperr.New(apperr.CodeInvalidInput, "This is a certificate signing request (CSR), not a private key.", hint)
	case seen["PUBLIC KEY"] || seen["RSA PUBLIC KEY"]:
		return apperr.New(apperr.CodeInvalidInput, "This is a public key only: an ACME account needs the private key to sign its requests.", hint)
	case len(seen) > 0:
		return apperr.Newf(apperr.CodeInvalidInput, hint, "This PEM holds %s, not a private key.", strings.Join(slices.Sorted(maps.Keys(seen)), ", "))
	case bytes.Contains(input, []byte("-----BEGIN")):
		return apperr.New(apperr.CodeInvalidInput, "The PEM is damaged: its BEGIN/END lines or base64 body cannot be read.",
			"Copy the whole key again, from -----BEGIN to -----END, without changing any character.")
	}
	return apperr.New(apperr.CodeInvalidInput, "This is not a PEM or JWK private key.", hintKeyFormats)
}

func parsePrivateBlock(block *pem.Block, passphrase string) (*Parsed, error) {
	if block.Type == "OPENSSH PRIVATE KEY" {
		return parseOpenSSH(block, passphrase)
	}
	der := block.Bytes
	format := map[string]string{
		"PRIVATE KEY":           "PKCS#8 PEM",
		"RSA PRIVATE KEY":       "PKCS#1 PEM",
		"EC PRIVATE KEY":        "SEC1 EC PEM",
		"ENCRYPTED PRIVATE KEY": "PKCS#8 PEM (encrypted)",
	}[block.Type]

	if block.Headers["Proc-Type"] == "4,ENCRYPTED" {
		if passphrase == "" {
			return nil, needPassphrase()
		}
		//lint:ignore SA1019 legacy encrypted PEM is still what `openssl genrsa -aes256` and old tools write; users must be able to import it.
		plain, err := x509.DecryptPEMBlock(block, []byte(passphrase)) //nolint:staticcheck
		if err != nil {
			return nil, wrongPassphrase(err)
		}
		der, format = plain, format+" (legacy encryption)"
	}

	var key any
	var err error
	switch block.Type {
	case "ENCRYPTED PRIVATE KEY":
		if passphrase == "" {
			return nil, needPassphrase()
		}
		if err := checkKDFCost(der); err != nil {
			return nil, err
		}
		var kdf pkcs8.KDFParameters
		key, kdf, err = parseEncryptedPKCS8(der, passphrase)
		if errors.Is(err, errDamagedCiphertext) {
			return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "This encrypted key is damaged: its encrypted part has been cut or changed.",
				"Export the key again from where it came from.")
		}
		if err != nil {
			if strings.Contains(err.Error(), "unsupported") || strings.Contains(err.Error(), "only P") {
				return nil, apperr.Wrap(err, apperr.CodeUnsupported, "This key is encrypted with a scheme ACME Desk cannot read.",
					"Re-encrypt it with PBES2 (AES-CBC, PBKDF2 or scrypt), e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc, or decrypt it first.")
			}
			return nil, wrongPassphrase(err)
		}
		if _, ok := key.(*ecdsa.PrivateKey); ok {
			// For the public point it records; should that fail, validate still
			// makes sure the key signs as the public key it is stored under.
			der = decryptPKCS8(der, kdf, passphrase)
		}
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(der)
		if err != nil && !halvesDisagree(err) {
			return nil, explainPKCS8(der, err)
		}
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(der)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(der)
	}
	if err != nil {
		if halvesDisagree(err) {
			return nil, mismatched(err)
		}
		if block.Headers["Proc-Type"] != "" {
			// Legacy PEM encryption cannot always tell a wrong passphrase: the result just does not parse.
			return nil, wrongPassphrase(err)
		}
		if strings.Contains(err.Error(), "unknown elliptic curve") {
			return nil, apperr.Wrap(err, apperr.CodeUnsupported, "This EC key uses a curve ACME CAs do not accept.", "Use an ECDSA P-384 (recommended) or P-256 key.")
		}
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The "+format+" private key is damaged and cannot be read.", "Copy or export the key again.")
	}
	recorded, err := recordedECPublicKey(der, key)
	if err != nil {
		return nil, mismatched(err)
	}
	return checked(key, format, recorded)
}

// explainPKCS8 names the algorithm of a PKCS#8 key that Go cannot parse, when the structure is sound.
func explainPKCS8(der []byte, parseErr error) error {
	var info struct {
		Version    int
		Algorithm  pkix.AlgorithmIdentifier
		PrivateKey []byte
	}
	if _, err := asn1.Unmarshal(der, &info); err == nil {
		names := map[string]string{
			"1.2.840.10040.4.1":     "DSA",
			"1.3.101.113":           "Ed448",
			"1.3.101.111":           "X448",
			"1.3.101.110":           "X25519",
			"1.2.840.113549.1.1.10": "RSASSA-PSS",
		}
		if name, ok := names[info.Algorithm.Algorithm.String()]; ok {
			return unsupportedType(name)
		}
		if strings.Contains(parseErr.Error(), "unknown elliptic curve") || strings.Contains(parseErr.Error(), "unsupported elliptic curve") {
			return apperr.Wrap(parseErr, apperr.CodeUnsupported, "This EC key uses a curve ACME CAs do not accept.", "Use an ECDSA P-384 (recommended) or P-256 key.")
		}
	}
	return apperr.Wrap(parseErr, apperr.CodeInvalidInput, "The PKCS#8 private key is damaged or of an unknown kind.", hintKeyFormats)
}

func parseJWK(input []byte) (*Parsed, error) {
	var probe struct {
		Kty string `json:"kty"`
		Crv string `json:"crv"`
		D   string `json:"d"`
	}
	if err := json.Unmarshal(input, &probe); err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "This looks like JSON but is not valid JSON.", "Copy the whole JWK again.")
	}
	switch probe.Kty {
	case "":
		return nil, apperr.New(apperr.CodeInvalidInput, "This JSON is not a JWK: it has no \"kty\" member.", hintKeyFormats)
	case "oct":
		return nil, apperr.New(apperr.CodeInvalidInput, "This JWK is a symmetric (oct) key, such as an EAB HMAC key, not a private key.", "Account keys are RSA or ECDSA private keys.")
	case "OKP":
		return nil, unsupportedType(probe.Crv)
	}
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(input); err != nil {
		if halvesDisagree(err) {
			return nil, mismatched(err)
		}
		if strings.Contains(err.Error(), "unsupported elliptic curve") {
			if probe.Crv == "" {
				return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "This EC JWK names no curve: its \"crv\" member is missing.", "Copy the whole JWK again.")
			}
			return nil, apperr.Wrap(err, apperr.CodeUnsupported, fmt.Sprintf("This is an ECDSA %s key: ACME CAs sign account requests only with P-256 or P-384.", textfield.Truncate(probe.Crv, 20)), "Use an ECDSA P-384 (recommended) or P-256 key.")
		}
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The JWK is damaged or incomplete.", "Copy the whole JWK again.")
	}
	if jwk.IsPublic() || probe.D == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "This JWK is a public key only: an ACME account needs the private key to sign its requests.", "Import the private JWK (it has a \"d\" member).")
	}
	return checked(jwk.Key, "JWK", nil) // x and y are the key's own public point: validate compares it with d·G
}

// checked refuses what cannot be an account key, and any key whose parts
// disagree: the fingerprint and thumbprint stored for a key must describe the
// key that signs. recorded is the public key the file holds beside the private
// one when the parser did not use it (nil if none).
func checked(key any, format string, recorded crypto.PublicKey) (*Parsed, error) {
	switch key.(type) {
	case ed25519.PrivateKey:
		return nil, unsupportedType("Ed25519")
	case *ecdh.PrivateKey:
		return nil, unsupportedType("X25519")
	}
	alg, err := algorithmOf(key)
	if err != nil {
		return nil, err
	}
	signer := key.(crypto.Signer)
	if err := validate(key); err != nil {
		return nil, mismatched(err)
	}
	if recorded != nil && !signer.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(recorded) {
		return nil, mismatched(errors.New("the public key stored in the file is not the private key's"))
	}
	return &Parsed{Key: signer, Algorithm: alg, Format: format}, nil
}

// validate checks that a key's private part is the private half of its public part.
func validate(key any) error {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		// Validate checks p·q = n, d·e ≡ 1 and the CRT values, but for keys of more than two primes only e.
		if err := k.Validate(); err != nil || len(k.Primes) == 2 {
			return err
		}
		return validateMultiPrime(k)
	case *ecdsa.PrivateKey:
		// Go signs with d alone, while the fingerprint describes (X, Y).
		priv, err := k.ECDH() // refuses d outside [1, n-1] and (X, Y) off the curve
		if err != nil {
			return err
		}
		pub, err := k.PublicKey.ECDH()
		if err != nil {
			return err
		}
		if !priv.PublicKey().Equal(pub) {
			return errors.New("the public point is not d·G")
		}
	}
	return nil
}

// validateMultiPrime checks what rsa.PrivateKey.Validate leaves out for keys of
// three or more primes: that the primes make n and that d·e ≡ 1 mod (p-1) for each.
func validateMultiPrime(k *rsa.PrivateKey) error {
	one := big.NewInt(1)
	n := big.NewInt(1)
	de := new(big.Int).Mul(k.D, big.NewInt(int64(k.E)))
	for _, p := range k.Primes {
		if p.Cmp(one) <= 0 || new(big.Int).Mod(de, new(big.Int).Sub(p, one)).Cmp(one) != 0 {
			return errors.New("d·e is not 1 modulo p-1 for some prime p")
		}
		n.Mul(n, p)
	}
	if n.Cmp(k.N) != 0 {
		return errors.New("the primes do not multiply to n")
	}
	return nil
}

// recordedECPublicKey is the public point a SEC1 or PKCS#8 EC key (der) stores
// beside its scalar, or nil if it stores none. Go's parsers derive the public key
// from the scalar and never read this copy, so a damaged scalar would otherwise
// import as some other key.
func recordedECPublicKey(der []byte, key any) (crypto.PublicKey, error) {
	k, ok := key.(*ecdsa.PrivateKey)
	if !ok {
		return nil, nil
	}
	var info struct { // PKCS#8
		Version    int
		Algorithm  pkix.AlgorithmIdentifier
		PrivateKey []byte
	}
	if _, err := asn1.Unmarshal(der, &info); err == nil {
		der = info.PrivateKey // a SEC1 ECPrivateKey
	}
	var sec1 struct {
		Version    int
		PrivateKey []byte
		Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
		PublicKey  asn1.BitString        `asn1:"optional,explicit,tag:1"`
	}
	if _, err := asn1.Unmarshal(der, &sec1); err != nil || len(sec1.PublicKey.Bytes) == 0 {
		return nil, nil
	}
	point := sec1.PublicKey.Bytes
	switch point[0] {
	case 4: // uncompressed
		return ecdsa.ParseUncompressedPublicKey(k.Curve, point)
	case 6, 7: // hybrid (OpenSSL's -conv_form hybrid): uncompressed, with y's parity in the tag too
		pub, err := ecdsa.ParseUncompressedPublicKey(k.Curve, append([]byte{4}, point[1:]...))
		if err == nil && pub.Y.Bit(0) != uint(point[0]&1) {
			err = errors.New("hybrid point with the wrong parity")
		}
		return pub, err
	}
	x, y := elliptic.UnmarshalCompressed(k.Curve, point)
	if x == nil {
		return nil, errors.New("the stored public point is not a point of the curve")
	}
	return &ecdsa.PublicKey{Curve: k.Curve, X: x, Y: y}, nil
}

// halvesDisagree tells, among the errors of the parsers that check consistency
// themselves (crypto/rsa's Validate inside x509, go-jose and x/crypto/ssh;
// x/crypto/ssh for ECDSA), those that say the parts of a key disagree.
func halvesDisagree(err error) bool {
	return strings.Contains(err.Error(), "crypto/rsa: ") || strings.Contains(err.Error(), "public key does not match private key")
}

// mismatched refuses a key whose private part is not the private half of its public key.
func mismatched(cause error) error {
	return apperr.Wrap(cause, apperr.CodeInvalidInput, "The private and public halves of this key do not belong together.",
		"The file is damaged or was edited; export the key again from where it came from.")
}

func needPassphrase() error {
	return apperr.New(apperr.CodeNeedPass, "This private key is encrypted.", "Enter its passphrase.")
}

func wrongPassphrase(cause error) error {
	if errors.Is(cause, x509.IncorrectPasswordError) {
		cause = nil
	}
	return apperr.Wrap(cause, apperr.CodeWrongPass, "Wrong passphrase for this encrypted key.", "Check the passphrase and try again.")
}
