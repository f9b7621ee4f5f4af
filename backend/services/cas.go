package services

import (
	"acmedesk/backend/cas"
	"acmedesk/backend/core"
)

// CAsService keeps the catalogue of CAs and the custom ones.
type CAsService struct{ host *Host }

// ListCAs returns the built-in catalogue and the custom CAs.
func (s *CAsService) ListCAs() ([]cas.CA, error) {
	return call(s.host, func(c *core.Core) ([]cas.CA, error) { return c.CAs.List() })
}

// GetCA returns one CA with what uses it.
func (s *CAsService) GetCA(id string) (*cas.Details, error) {
	return call(s.host, func(c *core.Core) (*cas.Details, error) { return c.CAs.Get(id) })
}

// AddCustomCA stores a private or unlisted ACME CA.
func (s *CAsService) AddCustomCA(in cas.CustomInput) (*cas.CA, error) {
	return call(s.host, func(c *core.Core) (*cas.CA, error) { return c.CAs.AddCustom(in) })
}

// AddTemplateCA makes a custom CA from a per-customer catalogue entry (HARICA's alias).
func (s *CAsService) AddTemplateCA(templateID, value string) (*cas.CA, error) {
	return call(s.host, func(c *core.Core) (*cas.CA, error) {
		in, err := cas.ExpandTemplate(templateID, value)
		if err != nil {
			return nil, err
		}
		return c.CAs.AddCustom(in)
	})
}

// UpdateCustomCA changes a custom CA.
func (s *CAsService) UpdateCustomCA(id string, in cas.CustomInput) (*cas.CA, error) {
	return call(s.host, func(c *core.Core) (*cas.CA, error) { return c.CAs.UpdateCustom(id, in) })
}

// DeleteCustomCA deletes a custom CA no account uses.
func (s *CAsService) DeleteCustomCA(id string) error {
	return do(s.host, func(c *core.Core) error { return c.CAs.DeleteCustom(id) })
}

// CADirectory reads the CA's directory (cached for a day unless refresh).
func (s *CAsService) CADirectory(id string, refresh bool) (*cas.Directory, error) {
	return call(s.host, func(c *core.Core) (*cas.Directory, error) { return c.CAs.Directory(s.host.ops, id, refresh) })
}
