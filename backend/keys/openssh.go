package keys

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"

	"golang.org/x/crypto/ssh"

	"acmedesk/backend/apperr"
)

// maxBcryptRounds bounds the work an encrypted OpenSSH key may ask for:
// ssh-keygen uses 16 (-a raises it; 100 is already slow, 256 takes seconds), so a file asking for
// more is not a key someone uses but a way to stall the import. (A variable:
// the fuzz target lowers it, so that no input it makes costs seconds.)
var maxBcryptRounds uint32 = 256

// parseOpenSSH reads ssh-keygen's own format ("openssh-key-v1"), encrypted
// (bcrypt KDF) or not. RSA and ECDSA keys can be ACME account keys; the
// others are refused by checked like any other.
func parseOpenSSH(block *pem.Block, passphrase string) (*Parsed, error) {
	encrypted, rounds, header, err := opensshHeader(block.Bytes)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The OpenSSH private key is damaged and cannot be read.", "Copy or export the key again.")
	}
	format := "OpenSSH"
	raw := pem.EncodeToMemory(block)
	var key any
	if encrypted {
		if passphrase == "" {
			return nil, needPassphrase()
		}
		if rounds > maxBcryptRounds {
			return nil, apperr.Newf(apperr.CodeUnsupported, "Re-encrypt it with ssh-keygen's default work (ssh-keygen -p -a 16 -f <file>, on a copy), then import it.",
				"This OpenSSH key asks for %d rounds of bcrypt, far more than any key in use (the limit is %d).", rounds, maxBcryptRounds)
		}
		format += " (encrypted)"
		key, err = ssh.ParseRawPrivateKeyWithPassphrase(raw, []byte(passphrase))
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, wrongPassphrase(err)
		}
	} else {
		key, err = ssh.ParseRawPrivateKey(raw)
	}
	if err != nil {
		if halvesDisagree(err) {
			return nil, mismatched(err)
		}
		return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "The OpenSSH private key is damaged or of a kind ACME Desk cannot read.", hintKeyFormats)
	}
	if p, ok := key.(*ed25519.PrivateKey); ok {
		key = *p // x/crypto/ssh hands out a pointer; checked names the type
	}
	// x/crypto/ssh reads only the private section; the header's copy of the
	// public key (what ssh-keygen shows without the passphrase) must be the same key.
	pub, err := ssh.ParsePublicKey(header)
	if err != nil {
		return nil, mismatched(err)
	}
	recorded, ok := pub.(ssh.CryptoPublicKey)
	if !ok {
		return nil, mismatched(fmt.Errorf("header key of type %s", pub.Type()))
	}
	return checked(key, format, recorded.CryptoPublicKey())
}

// opensshHeader reads the unencrypted header of an openssh-key-v1 blob: whether
// the key is encrypted, how many bcrypt rounds opening it costs, and its public key.
func opensshHeader(blob []byte) (encrypted bool, rounds uint32, public []byte, err error) {
	const magic = "openssh-key-v1\x00"
	if len(blob) < len(magic) || string(blob[:len(magic)]) != magic {
		return false, 0, nil, errors.New("not an openssh-key-v1 key")
	}
	rest := blob[len(magic):]
	next := func() ([]byte, error) {
		if len(rest) < 4 {
			return nil, errors.New("truncated header")
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n) > uint64(len(rest)-4) {
			return nil, errors.New("truncated header")
		}
		field := rest[4 : 4+n]
		rest = rest[4+n:]
		return field, nil
	}
	cipher, err := next()
	if err != nil {
		return false, 0, nil, err
	}
	kdf, err := next()
	if err != nil {
		return false, 0, nil, err
	}
	options, err := next()
	if err != nil {
		return false, 0, nil, err
	}
	if len(rest) < 4 {
		return false, 0, nil, errors.New("truncated header")
	}
	rest = rest[4:] // the number of keys: x/crypto/ssh accepts only one
	if public, err = next(); err != nil {
		return false, 0, nil, err
	}
	switch string(kdf) {
	case "none":
		return string(cipher) != "none", 0, public, nil
	case "bcrypt":
		rest = options
		if _, err := next(); err != nil { // salt
			return false, 0, nil, err
		}
		if len(rest) < 4 {
			return false, 0, nil, errors.New("truncated KDF options")
		}
		return true, binary.BigEndian.Uint32(rest), public, nil
	}
	return false, 0, nil, fmt.Errorf("unknown KDF %q", kdf)
}
