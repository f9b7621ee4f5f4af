package keys

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"

	"github.com/go-jose/go-jose/v4"

	"acmedesk/backend/apperr"
)

// ExportFormat is a file format a private key can be exported to.
type ExportFormat string

const (
	FormatPEM ExportFormat = "pem" // PKCS#8 PEM
	FormatJWK ExportFormat = "jwk" // JWK JSON
)

// Encode writes key in format.
func Encode(key crypto.Signer, format ExportFormat) ([]byte, error) {
	switch format {
	case FormatPEM:
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
	case FormatJWK:
		b, err := (&jose.JSONWebKey{Key: key}).MarshalJSON()
		if err != nil {
			return nil, err
		}
		return append(b, '\n'), nil
	}
	return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose PEM (PKCS#8) or JWK.", "%q is not an export format.", string(format))
}

// FileExtension is the usual file ending for format.
func (f ExportFormat) FileExtension() string {
	if f == FormatJWK {
		return ".jwk.json"
	}
	return ".pem"
}
