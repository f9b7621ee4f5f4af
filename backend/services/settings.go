package services

import (
	"acmedesk/backend/core"
	"acmedesk/backend/settings"
)

// SettingsService keeps the user's preferences.
type SettingsService struct{ host *Host }

// GetSettings returns the user's preferences.
func (s *SettingsService) GetSettings() (settings.Settings, error) {
	return call(s.host, func(c *core.Core) (settings.Settings, error) { return c.Settings.Get() })
}

// SaveSettings replaces the user's preferences.
func (s *SettingsService) SaveSettings(in settings.Settings) error {
	return do(s.host, func(c *core.Core) error { return c.Settings.Save(in) })
}
