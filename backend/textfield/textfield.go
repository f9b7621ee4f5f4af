// Package textfield checks the names and descriptions people give records, the
// same way for keys, CAs and accounts.
package textfield

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"acmedesk/backend/apperr"
)

// Limits on what people type.
const (
	MaxName        = 100
	MaxDescription = 2000
)

// Clean trims and checks a name and its description. emptyHint says what a
// good name looks like for this kind of record.
func Clean(name, description, emptyHint string) (string, string, error) {
	name, description = strings.TrimSpace(name), strings.TrimSpace(description)
	switch {
	case name == "":
		return "", "", apperr.New(apperr.CodeInvalidInput, "The name is empty.", emptyHint)
	case !utf8.ValidString(name) || !utf8.ValidString(description):
		return "", "", apperr.New(apperr.CodeInvalidInput, "The name or description is not valid text.", "")
	case utf8.RuneCountInString(name) > MaxName:
		return "", "", apperr.Newf(apperr.CodeInvalidInput, "Shorten it; the description can hold the rest.", "The name is longer than %d characters.", MaxName)
	case utf8.RuneCountInString(description) > MaxDescription:
		return "", "", apperr.Newf(apperr.CodeInvalidInput, "Shorten it.", "The description is longer than %d characters.", MaxDescription)
	case strings.ContainsFunc(name, unicode.IsControl):
		return "", "", apperr.New(apperr.CodeInvalidInput, "The name contains control characters (such as a line break or tab).", "Use a single line of text.")
	}
	return name, description, nil
}
