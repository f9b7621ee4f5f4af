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
