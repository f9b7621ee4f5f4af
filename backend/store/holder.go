package store

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"
)

// Holder says, in the note beside an open database, who holds it: "the ACME
// Desk window", "the command `acmedesk keys generate`". Set once at start.
var Holder = "another ACME Desk process"

type holderNote struct {
	Holder string `json:"holder"`
	PID    int    `json:"pid"`
}

func holderPath(dbPath string) string { return dbPath + ".holder" }

// writeHolder notes who holds the file just opened for writing; it returns
// the note's path ("" when it could not be written: the note is a courtesy).
func writeHolder(dbPath string) string {
	raw, _ := json.Marshal(holderNote{Holder: Holder, PID: os.Getpid()})
	if err := os.WriteFile(holderPath(dbPath), raw, 0o600); err != nil {
		return ""
	}
	return holderPath(dbPath)
}

// readHolder names who holds dbPath, from its note.
func readHolder(dbPath string) string {
	raw, err := os.ReadFile(holderPath(dbPath))
	var n holderNote
	if err != nil || len(raw) > 4096 || json.Unmarshal(raw, &n) != nil || n.Holder == "" {
		return "another ACME Desk process"
	}
	printable := strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, n.Holder)
	if len(printable) > 120 {
		printable = printable[:120]
	}
	return fmt.Sprintf("%s (process %d)", printable, n.PID)
}
