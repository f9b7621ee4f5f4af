package textfield

import (
	"strings"
	"testing"

	"acmedesk/backend/apperr"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, description string
		ok                bool
		wantName          string
	}{
		{"  Let's Encrypt — prod 🔐 ", " d ", true, "Let's Encrypt — prod 🔐"},
		{strings.Repeat("é", MaxName), strings.Repeat("d", MaxDescription), true, strings.Repeat("é", MaxName)},
		{"", "", false, ""},
		{" \t ", "", false, ""},
		{strings.Repeat("é", MaxName+1), "", false, ""},
		{"ok", strings.Repeat("d", MaxDescription+1), false, ""},
		{"two\nlines", "", false, ""},
		{"bad \xff utf8", "", false, ""},
		// Names that would spoof another in the list.
		{"prod\u202Egpj.yek", "", false, ""},        // right-to-left override
		{"\u2066prod\u2069", "", false, ""},         // isolates
		{"pr\u200Bod", "", false, ""},               // zero-width space
		{"ok", "line one\u202E", false, ""},         // an override in the description
		{"ok", "bell\a", false, ""},                 // a control character in the description
		{"ok", "two\nlines\tand a tab", true, "ok"}, // descriptions may have several lines
		{"\u3164", "", false, ""},                   // a Hangul filler: a letter that draws nothing
		{"\u2800\u2800", "", false, ""},             // braille blanks
		{"\u0301\u0301", "", false, ""},             // combining marks on nothing
		{"\u00a0\u2003", "", false, ""},             // no-break and em spaces
		{"👩\u200d💻 ops", "", true, "👩\u200d💻 ops"},  // a zero-width joiner in an emoji sequence
		{"Ελληνικά 日本 עברית", "", true, "Ελληνικά 日本 עברית"},
	}
	for _, tt := range tests {
		name, _, err := Clean(tt.name, tt.description, "hint")
		if tt.ok != (err == nil) || (tt.ok && name != tt.wantName) {
			t.Errorf("Clean(%.20q) = %q, %v", tt.name, name, err)
		}
		if err != nil && !apperr.Is(err, apperr.CodeInvalidInput) {
			t.Errorf("Clean(%.20q): code of %v", tt.name, err)
		}
	}
	if _, _, err := Clean("", "", "Name it after its purpose."); apperr.From(err).Hint != "Name it after its purpose." {
		t.Error("the empty-name hint is not passed through")
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"one too long", 11, "one too lo…"},
		{"ééééé", 3, "éé…"}, // characters, not bytes
		{"", 1, ""},
		{"ab", 1, "…"},
	} {
		if got := Truncate(tc.s, tc.n); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
