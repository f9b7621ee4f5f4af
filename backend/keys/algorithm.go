// Package keys holds ACME account keys: generation, parsing of every common
// private-key format, identification (fingerprint, RFC 7638 thumbprint),
// export, and the stored key records with their sealed private parts.
package keys

import (
	"context"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"strings"

	"acmedesk/backend/apperr"
	"acmedesk/backend/textfield"
)

// Algorithm names a supported account key type. The values are also the CLI's --type words.
type Algorithm string

const (
	EC384   Algorithm = "ec384" // the recommended account key
	EC256   Algorithm = "ec256"
	RSA2048 Algorithm = "rsa2048"
	RSA3072 Algorithm = "rsa3072"
	RSA4096 Algorithm = "rsa4096"
)

// Algorithms lists the supported types, recommended first.
var Algorithms = []Algorithm{EC384, EC256, RSA2048, RSA3072, RSA4096}

// Label is how people name the algorithm.
func (a Algorithm) Label() string {
	switch a {
	case EC384:
		return "ECDSA P-384"
	case EC256:
		return "ECDSA P-256"
	case RSA2048:
		return "RSA 2048"
	case RSA3072:
		return "RSA 3072"
	case RSA4096:
		return "RSA 4096"
	}
	return string(a)
}

// Generate makes a new key. RSA generation takes seconds; when ctx ends first,
// Generate returns at once with a cancelled error and the key being made is
// discarded (Go's RSA generation itself cannot be interrupted).
func Generate(ctx context.Context, alg Algorithm) (crypto.Signer, error) {
	type result struct {
		key crypto.Signer
		err error
	}
	done := make(chan result, 1)
	go func() {
		k, err := generate(alg)
		done <- result{k, err}
	}()
	select {
	case r := <-done:
		return r.key, r.err
	case <-ctx.Done():
		return nil, apperr.New(apperr.CodeCancelled, "Key generation was cancelled.", "Nothing was stored.")
	}
}

func generate(alg Algorithm) (crypto.Signer, error) {
	switch alg {
	case EC384:
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case EC256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case RSA2048:
		return rsa.GenerateKey(rand.Reader, 2048)
	case RSA3072:
		return rsa.GenerateKey(rand.Reader, 3072)
	case RSA4096:
		return rsa.GenerateKey(rand.Reader, 4096)
	}
	return nil, apperr.Newf(apperr.CodeUnsupported, "Choose ECDSA P-384 (recommended), ECDSA P-256, or RSA 2048, 3072 or 4096.",
		"%q is not a key type ACME Desk can generate.", string(alg))
}

// algorithmOf checks that key can be an ACME account key and names its type.
func algorithmOf(key any) (Algorithm, error) {
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P384():
			return EC384, nil
		case elliptic.P256():
			return EC256, nil
		}
		return "", apperr.Newf(apperr.CodeUnsupported,
			"Use an ECDSA P-384 or P-256 key, or RSA 2048–4096.",
			"This is an ECDSA %s key. ACME CAs and lego sign account requests only with P-256 or P-384 (ES256/ES384), so it cannot be an account key.", k.Curve.Params().Name)
	case *rsa.PrivateKey:
		switch bits := k.N.BitLen(); bits {
		case 2048:
			return RSA2048, nil
		case 3072:
			return RSA3072, nil
		case 4096:
			return RSA4096, nil
		default:
			hint := "Generate a new ECDSA P-384 key (recommended) or an RSA key of 2048, 3072 or 4096 bits."
			if bits < 2048 {
				return "", apperr.Newf(apperr.CodeUnsupported, hint, "This is an RSA %d-bit key: too weak. ACME CAs refuse RSA keys under 2048 bits.", bits)
			}
			return "", apperr.Newf(apperr.CodeUnsupported, hint, "This is an RSA %d-bit key. ACME Desk accepts RSA keys of 2048, 3072 or 4096 bits, the sizes CAs accept.", bits)
		}
	}
	return "", unsupportedType(typeName(key))
}

// typeName names a key type as people know it.
func typeName(key any) string {
	switch key.(type) {
	case ed25519.PrivateKey, *ed25519.PrivateKey:
		return "Ed25519"
	case *ecdh.PrivateKey:
		return "X25519"
	}
	return fmt.Sprintf("%T", key)
}

func unsupportedType(what string) error {
	const hint = "Use an ECDSA P-384 key (recommended), ECDSA P-256, or RSA 2048–4096."
	if what == "" {
		return apperr.New(apperr.CodeUnsupported, "This key is of a kind ACME CAs do not accept: they accept only RSA and ECDSA P-256/P-384 account keys.", hint)
	}
	what = textfield.Truncate(what, 30)
	article := "a"
	// Names are read as initialisms are: an X25519, an Ed25519, a DSA.
	if strings.ContainsRune("AEFHILMNORSXaeiou", []rune(what)[0]) {
		article = "an"
	}
	return apperr.Newf(apperr.CodeUnsupported, hint, "This is %s %s key. ACME CAs accept only RSA and ECDSA P-256/P-384 account keys.", article, what)
}
