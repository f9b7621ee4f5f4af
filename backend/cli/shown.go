package cli

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a value written to a terminal: a line of text, a table cell.
const (
	maxShown = 200
	maxCell  = 64
)

// shown is how a value that came from a record or an imported file is written
// to a terminal: control characters (escape sequences, BEL, NUL, newlines) and
// invisible formatting (bidirectional overrides) are escaped as \x1b, \n,
// \u202e, bytes that are not UTF-8 as \xff, and a long value is cut. Such a
// value can neither move the cursor, ring, recolour the terminal nor fake a line.
func shown(s string) string { return escapeCut(s, maxShown) }

func escapeCut(s string, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if n == max {
			b.WriteString("…")
			break
		}
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != '\u200d'):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += size
		n++
	}
	return b.String()
}
