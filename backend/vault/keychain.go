package vault

import (
	"errors"

	"github.com/zalando/go-keyring"
)

// Keychain is where the vault key lives: the OS keychain in the app, another
// implementation only in tests that are not about the keychain itself.
type Keychain interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// ErrKeychainItemNotFound is returned by a Keychain that answers but has no such item.
var ErrKeychainItemNotFound = keyring.ErrNotFound

// SystemKeychain is the OS keychain (macOS Keychain, Windows Credential
// Manager, Secret Service on Linux) through go-keyring.
type SystemKeychain struct{}

func (SystemKeychain) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (SystemKeychain) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (SystemKeychain) Delete(service, user string) error { return keyring.Delete(service, user) }

// probeKeychain says whether kc answers at all: a missing item is an answer.
func probeKeychain(kc Keychain) error {
	_, err := kc.Get(keychainService, "probe")
	if err == nil || errors.Is(err, ErrKeychainItemNotFound) {
		return nil
	}
	return err
}
