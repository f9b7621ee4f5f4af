//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadRefusesWhatIsNotASmallRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "account.key")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]error{
		fifo:        ErrNotRegular, // would block forever waiting for a writer
		"/dev/zero": ErrNotRegular, // would never end
		"/dev/null": ErrNotRegular,
		dir:         ErrNotRegular,
		big:         ErrTooLarge,
	} {
		if _, err := Read(path, 1024); !errors.Is(err, want) {
			t.Errorf("Read(%s) = %v, want %v", path, err, want)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), 1024); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := Read(fifo, 1024); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("the refusal says what it is: %v", err)
	}
}

func TestReadReadsAllOfIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.pem")
	want := []byte(strings.Repeat("0123456789", 100_000)) // more than one read(2)
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path, int64(len(want)))
	if err != nil || string(got) != string(want) {
		t.Fatalf("read %d of %d bytes: %v", len(got), len(want), err)
	}
	if _, err := Read(path, int64(len(want))-1); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("one byte over: %v", err)
	}
}
