package keys

import (
	"encoding/asn1"
	"encoding/pem"
	"testing"
	"time"

	"acmedesk/backend/apperr"
)

// withIterations rewrites the PBKDF2 iteration count of an OpenSSL-made encrypted PKCS#8 key.
func withIterations(t *testing.T, pemText []byte, iterations int64) []byte {
	t.Helper()
	block, _ := pem.Decode(pemText)
	var info struct {
		Algorithm struct {
			Algorithm  asn1.ObjectIdentifier
			Parameters struct {
				KDF struct {
					Algorithm  asn1.ObjectIdentifier
					Parameters struct {
						Salt       []byte
						Iterations int64
						Rest       asn1.RawValue `asn1:"optional"`
					}
				}
				Cipher asn1.RawValue
			}
		}
		Data []byte
	}
	if _, err := asn1.Unmarshal(block.Bytes, &info); err != nil {
		t.Fatal(err)
	}
	info.Algorithm.Parameters.KDF.Parameters.Iterations = iterations
	der, err := asn1.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der})
}

func TestAbsurdKDFCostRefusedQuickly(t *testing.T) {
	original := fixture(t, "rsa2048-pkcs8-encrypted.pem")
	// The rewritten structure is still read the same way: with OpenSSL's own count it decrypts.
	if _, err := Parse(withIterations(t, original, 2048), fixturePass); err != nil {
		t.Fatalf("re-encoded with the original count: %v", err)
	}
	start := time.Now()
	_, err := Parse(withIterations(t, original, 1<<40), fixturePass)
	if !apperr.Is(err, apperr.CodeUnsupported) {
		t.Fatalf("2^40 PBKDF2 rounds: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("refusing took %v: the derivation ran", d)
	}
}
