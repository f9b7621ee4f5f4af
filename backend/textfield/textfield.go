// Package textfield checks the names and descriptions people give records, the
// same way for keys, CAs and accounts, and shortens what messages quote back.
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
	case strings.ContainsFunc(name, hidden) || strings.ContainsFunc(description, hidden):
		return "", "", apperr.New(apperr.CodeInvalidInput, "The name or description contains invisible formatting characters (such as a right-to-left override).",
			"They can make a name look like another one in the list; type it again without them.")
	case strings.ContainsFunc(description, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		return "", "", apperr.New(apperr.CodeInvalidInput, "The description contains control characters.", "Use plain lines of text.")
	case !strings.ContainsFunc(name, visible):
		return "", "", apperr.New(apperr.CodeInvalidInput, "The name shows nothing: it is made only of invisible characters.", emptyHint)
	}
	return name, description, nil
}

// hidden reports invisible formatting characters (Unicode category Cf:
// bidirectional overrides and isolates, zero-width spaces, tags) that can make
// one name look like another. The zero-width joiner stays: emoji sequences use it.
func hidden(r rune) bool { return unicode.Is(unicode.Cf, r) && r != '\u200d' }

// blankLetters are letters and symbols that draw nothing.
var blankLetters = map[rune]bool{'\u115f': true, '\u1160': true, '\u3164': true, '\uffa0': true, '\u2800': true, '\u180e': true}

// visible reports a character that shows something on its own.
func visible(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me) && !blankLetters[r]
}

// Truncate returns s cut to at most n characters (n ≥ 1), the last an
// ellipsis when it was cut: what came from outside is quoted back, or made
// into a name, without growing without bound.
func Truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
