package clipboard

import (
	"errors"
	"testing"
	"time"
)

type memBoard struct {
	text string
	fail error
}

func (b *memBoard) GetText() (string, error) { return b.text, b.fail }
func (b *memBoard) SetText(t string) error {
	if b.fail != nil {
		return b.fail
	}
	b.text = t
	return nil
}

// guard returns a Guard whose timers are run by the test: no waiting, no timing.
func guard(b Board) (*Guard, *[]func(), *int) {
	g := New(b)
	var due []func()
	cancelled := 0
	g.after = func(d time.Duration, f func()) func() {
		if d != TTL {
			panic("unexpected delay")
		}
		due = append(due, f)
		return func() { cancelled++ }
	}
	return g, &due, &cancelled
}

func TestSecretIsClearedAfterTTL(t *testing.T) {
	b := &memBoard{}
	g, due, _ := guard(b)
	if err := g.CopySecret("s3cret"); err != nil || b.text != "s3cret" || len(*due) != 1 {
		t.Fatalf("copy: %q, %v, %d timers", b.text, err, len(*due))
	}
	(*due)[0]()
	if b.text != "" {
		t.Fatalf("after TTL the clipboard holds %q", b.text)
	}
}

func TestSomethingCopiedSinceIsLeftAlone(t *testing.T) {
	b := &memBoard{}
	g, due, _ := guard(b)
	g.CopySecret("s3cret")
	b.text = "the user copied this since"
	(*due)[0]()
	if b.text != "the user copied this since" {
		t.Fatalf("the clipboard was cleared of %q", b.text)
	}
	g.Clear() // at shutdown: nothing of ours is there
	if b.text != "the user copied this since" {
		t.Fatal("shutdown cleared the user's clipboard")
	}
}

func TestShutdownClearsAndCancelsTheTimer(t *testing.T) {
	b := &memBoard{}
	g, due, cancelled := guard(b)
	g.CopySecret("first")
	g.CopySecret("second") // re-arms: the first timer is cancelled
	if *cancelled != 1 || len(*due) != 2 {
		t.Fatalf("%d cancelled, %d timers", *cancelled, len(*due))
	}
	g.Clear()
	if b.text != "" || *cancelled != 2 {
		t.Fatalf("shutdown left %q (%d cancelled)", b.text, *cancelled)
	}
	(*due)[1]() // a timer that fired anyway finds nothing to do
	if b.text != "" {
		t.Fatal(b.text)
	}
}

func TestACopyThatFailsHoldsNothing(t *testing.T) {
	b := &memBoard{fail: errors.New("no clipboard")}
	g, due, _ := guard(b)
	if err := g.CopySecret("s3cret"); err == nil || len(*due) != 0 {
		t.Fatalf("%v, %d timers", err, len(*due))
	}
	g.Clear()
}
