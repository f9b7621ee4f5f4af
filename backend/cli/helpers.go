package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"acmedesk/backend/apperr"
	"acmedesk/backend/safefile"
)

// print writes v as JSON with --json, else calls human.
func (c *ctx) print(v any, human func(w io.Writer)) error {
	if c.json {
		enc := json.NewEncoder(c.out)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	human(c.out)
	return nil
}

func table(w io.Writer, header string, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = escapeCut(v, maxCell)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func quoteArg(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// maxKeyFile bounds a key file: the largest RSA key in PEM is a few KiB.
const maxKeyFile = 1 << 20

func readInput(path string) ([]byte, error) {
	data, err := safefile.Read(path, maxKeyFile)
	if err != nil {
		return nil, safefile.Refusal(err, "key file", path)
	}
	return data, nil
}

func short(fp string) string {
	if len(fp) > 16 {
		return fp[:16] + "…"
	}
	return fp
}

func yesNo(b bool) string {
	if b {
		return "allowed"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// writeNewFile writes data to a new file at path, readable by its owner only;
// an existing file is never overwritten. It returns the absolute path.
func writeNewFile(path string, data []byte) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", usagef("bad file name %s: %v", quoteArg(path), err)
	}
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return "", apperr.Newf(apperr.CodeConflict, "Choose another file name, or move the existing file away.", "%s already exists; it is not overwritten.", abs)
	}
	if err != nil {
		return "", apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot create "+abs+".", "Choose a folder you can write to.")
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(abs) // never a half-written secret
		return "", apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write "+abs+".", "")
	}
	return abs, nil
}

// working says on a terminal what a long operation is doing, until done is
// called; with --json, or when standard error is not a terminal, it says nothing.
func (c *ctx) working(format string, args ...any) (done func()) {
	f, ok := c.errOut.(*os.File)
	if c.json || !ok || !isTerminal(f) {
		return func() {}
	}
	fmt.Fprintf(f, format+"…", args...)
	return func() { fmt.Fprint(f, "\r\x1b[K") } // the line is erased: the result follows
}
