package vault

import (
	"errors"
	"fmt"
	"strings"

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

// ErrKeychainLocked is returned by a Keychain that answers but stays locked:
// its unlock prompt was dismissed, or cannot be shown.
var ErrKeychainLocked = errors.New("the keychain is locked")

// lockedAnswers are how keychains say they stay locked, through go-keyring:
// Secret Service (its Unlock call, and the IsLocked error), macOS's security tool.
var lockedAnswers = []string{"failed to unlock correct collection", "Secret.Error.IsLocked", "User interaction is not allowed", "User canceled the operation"}

// asLocked marks err as ErrKeychainLocked when the keychain said it is locked.
func asLocked(err error) error {
	if err == nil {
		return nil
	}
	for _, s := range lockedAnswers {
		if strings.Contains(err.Error(), s) {
			return fmt.Errorf("%w: %v", ErrKeychainLocked, err)
		}
	}
	return err
}

// SystemKeychain is the OS keychain (macOS Keychain, Windows Credential
// Manager, Secret Service on Linux) through go-keyring.
type SystemKeychain struct{}

func (SystemKeychain) Get(service, user string) (string, error) {
	if err := sessionBus(); err != nil {
		return "", err
	}
	s, err := keyring.Get(service, user)
	return s, asLocked(err)
}

func (SystemKeychain) Set(service, user, secret string) error {
	if err := sessionBus(); err != nil {
		return err
	}
	return asLocked(keyring.Set(service, user, secret))
}

func (SystemKeychain) Delete(service, user string) error {
	if err := sessionBus(); err != nil {
		return err
	}
	return asLocked(keyring.Delete(service, user))
}

// probeKeychain says whether kc answers at all: a missing item is an answer.
func probeKeychain(kc Keychain) error {
	_, err := kc.Get(keychainService, "probe")
	if err == nil || errors.Is(err, ErrKeychainItemNotFound) {
		return nil
	}
	return err
}
