package cli

import (
	"strings"
	"testing"
)

func TestShownEscapesWhatATerminalWouldObey(t *testing.T) {
	for in, want := range map[string]string{
		"plain name":                     "plain name",
		"red \x1b[31mtext\x1b[0m":        `red \x1b[31mtext\x1b[0m`,
		"bell\a and nul\x00":             `bell\a and nul\x00`,
		"two\nlines\r\ttab":              `two\nlines\r\ttab`,
		"gpj.\u202eexe":                  `gpj.\u202eexe`,
		"c1 \u009b2J":                    `c1 \u009b2J`,
		"bad \xff utf8":                  `bad \xff utf8`,
		"👩\u200d💻 Ελληνικά":              "👩\u200d💻 Ελληνικά",
		strings.Repeat("é", maxShown+10): strings.Repeat("é", maxShown) + "…",
	} {
		if got := shown(in); got != want {
			t.Errorf("shown(%q) = %q, want %q", in, got, want)
		}
	}
}
