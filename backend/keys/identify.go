package keys

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// Identity is what identifies a key publicly; none of it is secret.
type Identity struct {
	// PublicKeyPEM is the SubjectPublicKeyInfo in PEM.
	PublicKeyPEM string `json:"publicKeyPem"`
	// FingerprintSHA256 is the SHA-256 of the DER SubjectPublicKeyInfo, colon-separated hex.
	FingerprintSHA256 string `json:"fingerprintSha256"`
	// JWKThumbprint is the RFC 7638 SHA-256 thumbprint, base64url (what ACME uses in key authorizations).
	JWKThumbprint string `json:"jwkThumbprint"`
}

// Identify computes the public identity of a public key.
func Identify(pub crypto.PublicKey) (Identity, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return Identity{}, err
	}
	sum := sha256.Sum256(der)
	thumb, err := (&jose.JSONWebKey{Key: pub}).Thumbprint(crypto.SHA256)
	if err != nil {
		return Identity{}, err
	}
	return Identity{
		PublicKeyPEM:      string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})),
		FingerprintSHA256: colonHex(sum[:]),
		JWKThumbprint:     base64.RawURLEncoding.EncodeToString(thumb),
	}, nil
}

func colonHex(b []byte) string {
	h := strings.ToUpper(hex.EncodeToString(b))
	var sb strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}
