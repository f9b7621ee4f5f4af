// Package settings keeps the user's preferences in the store.
package settings

import "acmedesk/backend/store"

// Settings are the user's preferences.
type Settings struct {
	// ShowDebug shows technical detail: account KIDs (URLs), raw ACME problem documents.
	ShowDebug bool `json:"showDebug"`
}

const metaKey = "settings"

// Service reads and writes settings.
type Service struct{ db *store.DB }

// NewService returns the settings kept in db.
func NewService(db *store.DB) *Service { return &Service{db: db} }

// Get returns the saved settings, or the defaults.
func (s *Service) Get() (Settings, error) {
	var st Settings
	err := s.db.View(func(tx *store.Tx) error {
		_, err := tx.Get(store.Meta, metaKey, &st)
		return err
	})
	return st, err
}

// Save replaces the settings.
func (s *Service) Save(st Settings) error {
	return s.db.Update(func(tx *store.Tx) error { return tx.Put(store.Meta, metaKey, st) })
}
