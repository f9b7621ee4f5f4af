package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestFromKeepsAppErrorsAndWrapsOthers(t *testing.T) {
	own := New(CodeConflict, "taken", "pick another")
	wrapped := fmt.Errorf("saving: %w", own)
	if got := From(wrapped); got != own {
		t.Fatalf("From(wrapped) = %#v, want the original error", got)
	}
	plain := errors.New("disk on fire")
	got := From(plain)
	if got.Code != CodeInternal || got.Detail != "disk on fire" || !errors.Is(got, plain) {
		t.Fatalf("From(plain) = %#v", got)
	}
	if From(nil) != nil {
		t.Fatal("From(nil) must be nil")
	}
}

func TestJSONShape(t *testing.T) {
	var m map[string]string
	if err := json.Unmarshal([]byte(JSON(Wrap(errors.New("x"), CodeNotFound, "gone", "look elsewhere"))), &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"code": "not_found", "message": "gone", "hint": "look elsewhere", "detail": "x"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %q, want %q", k, m[k], v)
		}
	}
	if !Is(fmt.Errorf("w: %w", New(CodeInUse, "m", "")), CodeInUse) || Is(errors.New("x"), CodeInUse) {
		t.Error("Is does not match codes through wrapping")
	}
}
