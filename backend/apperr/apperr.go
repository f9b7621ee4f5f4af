// Package apperr is the one error shape the backend hands to people: a code for
// programs, a one-line message, a hint saying what to do, and detail for the
// debug view. Secrets never go into any of these fields.
package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Code names a class of failure; the frontend may branch on it.
type Code string

const (
	CodeInvalidInput  Code = "invalid_input"
	CodeNotFound      Code = "not_found"
	CodeConflict      Code = "conflict"
	CodeInUse         Code = "in_use"
	CodeUnsupported   Code = "unsupported"
	CodeWrongPass     Code = "wrong_passphrase"
	CodeNeedPass      Code = "passphrase_required"
	CodeForbidden     Code = "forbidden"
	CodeLocked        Code = "vault_locked"
	CodeKeychain      Code = "keychain_unavailable"
	CodeDatabaseInUse Code = "database_in_use"
	CodeDamaged       Code = "data_damaged" // the database file is not sound; it is left untouched
	CodeCancelled     Code = "cancelled"
	CodeStarting      Code = "starting" // the window asked before the data was open
	// CodeOutcomeUnknown: a change was sent to the CA and no answer came back; the record says so until settled.
	CodeOutcomeUnknown Code = "outcome_unknown"
	CodeInternal       Code = "internal"
	CodeACME           Code = "acme_problem"       // the CA refused a request with an ACME problem document
	CodeRateLimited    Code = "rate_limited"       // the CA says to slow down
	CodeEABRequired    Code = "eab_required"       // the CA wants an external account binding
	CodeUnreachable    Code = "ca_unreachable"     // no connection to the CA
	CodeTimeout        Code = "ca_timeout"         // the CA did not answer in time
	CodeTLS            Code = "tls"                // the CA's TLS certificate is not trusted or the handshake failed
	CodeNotACME        Code = "not_acme_directory" // the URL answered, but not as an ACME server
)

// Error is a failure explained for people.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	Detail  string `json:"detail,omitempty"`
	cause   error
}

func (e *Error) Error() string { return e.Message }

func (e *Error) Unwrap() error { return e.cause }

// New makes an error with a message and a hint.
func New(code Code, message, hint string) *Error {
	return &Error{Code: code, Message: message, Hint: hint}
}

// Wrap keeps cause for errors.Is/As and shows its text only in the debug detail.
func Wrap(cause error, code Code, message, hint string) *Error {
	e := &Error{Code: code, Message: message, Hint: hint, cause: cause}
	if cause != nil {
		e.Detail = cause.Error()
	}
	return e
}

// Newf formats the message.
func Newf(code Code, hint, format string, args ...any) *Error {
	return New(code, fmt.Sprintf(format, args...), hint)
}

// Is reports whether err is an *Error with the given code.
func Is(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// From turns any error into an *Error; unexpected ones become "internal" with
// their text kept as detail.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Wrap(err, CodeInternal, "Something went wrong inside ACME Desk.", "Nothing was changed. Turn on debug information in Settings to see the detail.")
}

// JSON renders err as the object the frontend bridge parses.
func JSON(err error) string {
	b, _ := json.Marshal(From(err))
	return string(b)
}
