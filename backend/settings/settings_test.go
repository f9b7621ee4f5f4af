package settings

import (
	"path/filepath"
	"testing"

	"acmedesk/backend/store"
)

func TestDefaultsThenSavedSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s := NewService(db)
	if st, err := s.Get(); err != nil || st.ShowDebug {
		t.Fatalf("defaults = %+v, %v; debug must start off", st, err)
	}
	if err := s.Save(Settings{ShowDebug: true}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, _ := NewService(db).Get(); !st.ShowDebug {
		t.Fatal("the saved setting was lost")
	}
}
