// Package accounts keeps ACME accounts and runs their lifecycle at the CA
// with lego v4: register (with EAB when the CA needs it), refresh, change of
// contact, key rollover (RFC 8555 §7.3.5, built here), deactivation, and
// finding an account registered elsewhere from its key.
package accounts

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/textfield"
)

// Status is an account's state, as last seen at the CA (RFC 8555 §7.1.2) or
// "unregistered" before registration.
type Status string

const (
	StatusUnregistered Status = "unregistered"
	StatusValid        Status = "valid"
	StatusDeactivated  Status = "deactivated"
	StatusRevoked      Status = "revoked"
)

// Account is a stored ACME account. Its key's private part lives with the key
// record; its EAB key ID and HMAC key live in a stored EAB credential it refers to.
type Account struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	CAID        string   `json:"caId"`
	KeyID       string   `json:"keyId"`
	Contacts    []string `json:"contacts"` // e-mail addresses, without "mailto:"
	Status      Status   `json:"status"`
	// KID is the account URL the CA assigned (debug view only).
	KID string `json:"kid,omitempty"`
	// EABCredentialID refers to the stored EAB credential the account registers (or registered) with.
	EABCredentialID string       `json:"eabCredentialId,omitempty"`
	TermsOfService  string       `json:"termsOfService,omitempty"` // the terms agreed to at registration
	RetiredKeys     []RetiredKey `json:"retiredKeys,omitempty"`
	// Pending is a change sent to the CA whose answer is not stored yet; set
	// after a lost answer, it says that the outcome is unknown until settled.
	Pending      *Pending   `json:"pending,omitempty"`
	CreatedAt    time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt    time.Time  `json:"updatedAt" ts_type:"string"`
	RegisteredAt *time.Time `json:"registeredAt,omitempty,omitzero" ts_type:"string"`
	CheckedAt    *time.Time `json:"checkedAt,omitempty,omitzero" ts_type:"string"`
}

// Op names a change asked of the CA.
type Op string

const (
	OpRegister   Op = "register"
	OpContact    Op = "contact"
	OpRollover   Op = "rollover"
	OpDeactivate Op = "deactivate"
)

// Pending is written before a change leaves for the CA and cleared in the
// transaction that stores the CA's answer: anything sent is treated as
// possibly applied until the CA says otherwise.
type Pending struct {
	Op        Op        `json:"op"`
	StartedAt time.Time `json:"startedAt" ts_type:"string"`
	// NewKeyID is the key a rollover moves to: the account refers to it (so it
	// cannot be deleted or given to another account) until the outcome is known.
	NewKeyID string `json:"newKeyId,omitempty"`
	// NewKeyGenerated says the new key was made for this rollover.
	NewKeyGenerated bool `json:"newKeyGenerated,omitempty"`
	// Contacts are the addresses a contact change asked for.
	Contacts []string `json:"contacts,omitempty"`
	// TermsOfService are the terms a registration agreed to.
	TermsOfService string `json:"termsOfService,omitempty"`
	// EABCredentialID is the EAB credential a registration claimed (and spent, if single-use).
	EABCredentialID string `json:"eabCredentialId,omitempty"`
}

// RetiredKey is a key the account used before a rollover.
type RetiredKey struct {
	KeyID     string    `json:"keyId"`
	RetiredAt time.Time `json:"retiredAt" ts_type:"string"`
}

// Limits on what people type.
const (
	MaxContacts       = 10
	maxEmailLength    = 254
	maxEABKeyIDLength = 512
	maxEABHMACLength  = 1024
)

// cleanContacts checks e-mail addresses; an empty list is allowed (RFC 8555 contacts are optional).
func cleanContacts(in []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, c := range in {
		c = strings.TrimPrefix(strings.TrimSpace(c), "mailto:")
		if c == "" {
			continue
		}
		addr, err := mail.ParseAddress(c)
		if err != nil || addr.Address != c || len(c) > maxEmailLength || strings.ContainsAny(c, ",;") {
			return nil, apperr.Newf(apperr.CodeInvalidInput, "Enter a plain address such as admin@example.com.", "%q is not an e-mail address.", textfield.Truncate(c, 80))
		}
		if !seen[strings.ToLower(c)] {
			seen[strings.ToLower(c)] = true
			out = append(out, c)
		}
	}
	if len(out) > MaxContacts {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Use a shared mailbox instead of many addresses.", "At most %d contact addresses.", MaxContacts)
	}
	return out, nil
}

func mailtos(contacts []string) []string {
	out := make([]string, len(contacts))
	for i, c := range contacts {
		out[i] = "mailto:" + c
	}
	return out
}

func fromMailtos(contacts []string) []string {
	out := []string{}
	for _, c := range contacts {
		if strings.HasPrefix(c, "mailto:") {
			out = append(out, strings.TrimPrefix(c, "mailto:"))
		}
	}
	return out
}

func errInactive(a *Account) error {
	return apperr.Newf(apperr.CodeConflict, "Create a new account for this CA if you need one.",
		"Account %q is %s at its CA: it cannot be used any more.", a.Name, a.Status)
}

var opWords = map[Op]string{
	OpRegister:   "registered the account",
	OpContact:    "changed the contact addresses",
	OpRollover:   "rolled the account over to its new key",
	OpDeactivate: "deactivated the account",
}

// StatusLabel is the status as people read it, with an unsettled change.
func (a *Account) StatusLabel() string {
	if a.Pending == nil {
		return string(a.Status)
	}
	return fmt.Sprintf("%s, %s outcome unknown — check at CA", a.Status, opNames[a.Pending.Op])
}

var opNames = map[Op]string{OpRegister: "registration", OpContact: "contact change", OpRollover: "rollover", OpDeactivate: "deactivation"}

// errPending refuses a change while an earlier one's outcome is not known.
func errPending(a *Account) error {
	return apperr.Newf(apperr.CodeOutcomeUnknown, "Use Check at CA to settle it first.",
		"ACME Desk does not know yet whether the CA %s (account %q).", opWords[a.Pending.Op], a.Name)
}

func errUnregistered(a *Account) error {
	return apperr.Newf(apperr.CodeConflict, "Register it first.", "Account %q is not registered at its CA yet.", a.Name)
}
