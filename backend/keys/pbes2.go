package keys

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"

	"github.com/youmark/pkcs8"

	"acmedesk/backend/apperr"
)

// Bounds on the key-derivation cost an encrypted PKCS#8 file may ask for: a
// crafted file must not make ACME Desk spin for minutes or allocate gigabytes.
// OpenSSL's defaults (2,048 PBKDF2 rounds; scrypt N=16384, r=8) are far below.
const (
	maxPBKDF2Iterations = 10_000_000
	maxScryptMemory     = 256 << 20 // bytes: 128·N·r
)

var (
	oidPBES2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidScrypt = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}
)

// errDamagedCiphertext: decrypting the key panicked in crypto/cipher (the
// encrypted data is not a whole number of blocks), which only a cut or
// edited file does.
var errDamagedCiphertext = errors.New("the encrypted data is damaged")

// parseEncryptedPKCS8 is pkcs8.ParsePrivateKey, with its panic on encrypted
// data of the wrong length turned into errDamagedCiphertext.
func parseEncryptedPKCS8(der []byte, passphrase string) (key any, kdf pkcs8.KDFParameters, err error) {
	defer func() {
		if r := recover(); r != nil {
			key, kdf, err = nil, nil, fmt.Errorf("%w: %v", errDamagedCiphertext, r)
		}
	}()
	return pkcs8.ParsePrivateKey(der, []byte(passphrase))
}

// checkKDFCost refuses an encrypted PKCS#8 key whose key derivation is absurdly
// expensive. Structures it cannot read are left to the decryption to refuse.
func checkKDFCost(der []byte) error {
	var info struct {
		Algorithm pkix.AlgorithmIdentifier
		Data      []byte
	}
	if _, err := asn1.Unmarshal(der, &info); err != nil || !info.Algorithm.Algorithm.Equal(oidPBES2) {
		return nil
	}
	var params struct {
		KDF    pkix.AlgorithmIdentifier
		Cipher pkix.AlgorithmIdentifier
	}
	if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &params); err != nil {
		return nil
	}
	tooCostly := false
	switch {
	case params.KDF.Algorithm.Equal(oidPBKDF2):
		var p struct {
			Salt       []byte
			Iterations int64
		}
		if _, err := asn1.Unmarshal(params.KDF.Parameters.FullBytes, &p); err == nil {
			tooCostly = p.Iterations > maxPBKDF2Iterations
		}
	case params.KDF.Algorithm.Equal(oidScrypt):
		var p struct {
			Salt        []byte
			Cost        int64
			BlockSize   int64
			Parallelism int64
		}
		if _, err := asn1.Unmarshal(params.KDF.Parameters.FullBytes, &p); err == nil {
			tooCostly = p.Cost <= 0 || p.BlockSize <= 0 || p.Cost > maxScryptMemory/128/p.BlockSize
		}
	}
	if tooCostly {
		return apperr.New(apperr.CodeUnsupported, "This key's encryption asks for an unreasonable amount of work to decrypt.",
			"Re-encrypt it with ordinary settings (e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc), or decrypt it first.")
	}
	return nil
}

// decryptPKCS8 decrypts an encrypted PKCS#8 key that pkcs8.ParsePrivateKey has
// just read, with the key-derivation parameters it returned: that library keeps
// the plaintext, and with it the public point an EC key records, to itself.
// It returns nil if the plaintext cannot be had.
func decryptPKCS8(der []byte, kdf pkcs8.KDFParameters, passphrase string) []byte {
	var info struct {
		Algorithm pkix.AlgorithmIdentifier
		Data      []byte
	}
	var params struct {
		KDF    pkix.AlgorithmIdentifier
		Cipher pkix.AlgorithmIdentifier
	}
	var iv []byte
	if _, err := asn1.Unmarshal(der, &info); err != nil || kdf == nil {
		return nil
	}
	if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &params); err != nil {
		return nil
	}
	if _, err := asn1.Unmarshal(params.Cipher.Parameters.FullBytes, &iv); err != nil {
		return nil
	}
	for _, c := range []pkcs8.Cipher{pkcs8.AES128CBC, pkcs8.AES192CBC, pkcs8.AES256CBC, pkcs8.AES128GCM, pkcs8.AES192GCM, pkcs8.AES256GCM, pkcs8.TripleDESCBC} {
		if !c.OID().Equal(params.Cipher.Algorithm) {
			continue
		}
		key, err := kdf.DeriveKey([]byte(passphrase), c.KeySize())
		if err != nil {
			return nil
		}
		plain, err := c.Decrypt(key, iv, info.Data)
		if err != nil {
			return nil
		}
		return plain
	}
	return nil
}
