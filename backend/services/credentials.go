package services

import (
	"acmedesk/backend/apperr"
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
)

// CredentialsService keeps passwords, API tokens, EAB and DNS credentials.
type CredentialsService struct{ host *Host }

// CredentialKinds lists the kinds of stored credentials and their fields (DNS providers from lego).
func (s *CredentialsService) CredentialKinds() []credentials.Kind {
	kinds := credentials.Kinds()
	fillLists(&kinds)
	return kinds
}

// ListCredentials returns credentials (no secret values), filtered by kind and tag.
func (s *CredentialsService) ListCredentials(filter credentials.Filter) ([]credentials.Listed, error) {
	return call(s.host, func(c *core.Core) ([]credentials.Listed, error) { return c.Credentials.List(filter) })
}

// GetCredential returns one credential with what uses it (no secret values).
func (s *CredentialsService) GetCredential(id string) (*credentials.Details, error) {
	return call(s.host, func(c *core.Core) (*credentials.Details, error) { return c.Credentials.Get(id) })
}

// CreateCredential stores a credential; its secret fields are sealed.
func (s *CredentialsService) CreateCredential(in credentials.Input) (*credentials.Credential, error) {
	return call(s.host, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Create(in) })
}

// UpdateCredential changes name, description, tags and non-secret fields.
func (s *CredentialsService) UpdateCredential(id string, in credentials.UpdateInput) (*credentials.Credential, error) {
	return call(s.host, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Update(id, in) })
}

// RevealCredentialField returns one secret value, because the user asked to see it.
func (s *CredentialsService) RevealCredentialField(id, field string) (string, error) {
	return call(s.host, func(c *core.Core) (string, error) { return c.Credentials.Reveal(id, field) })
}

// CopyCredentialField puts a secret field on the clipboard, from Go (the
// value never reaches the page), and takes it off again after 30 s, or when
// the window closes, if the clipboard still holds it.
func (s *CredentialsService) CopyCredentialField(id, field string) error {
	return do(s.host, func(c *core.Core) error {
		value, err := c.Credentials.Reveal(id, field)
		if err != nil {
			return err
		}
		if err := s.host.clip.CopySecret(value); err != nil {
			return apperr.Wrap(err, apperr.CodeInternal, "Could not copy to the clipboard.", "Reveal the value and copy it by hand.")
		}
		return nil
	})
}

// RotateCredential replaces the secret values in place; every reference stays.
func (s *CredentialsService) RotateCredential(id string, values map[string]string) (*credentials.Credential, error) {
	return call(s.host, func(c *core.Core) (*credentials.Credential, error) { return c.Credentials.Rotate(id, values) })
}

// DeleteCredential deletes a credential nothing uses.
func (s *CredentialsService) DeleteCredential(id string) error {
	return do(s.host, func(c *core.Core) error { return c.Credentials.Delete(id) })
}

// CheckDNSCredential says whether DNS validation could proceed with this credential.
func (s *CredentialsService) CheckDNSCredential(id string) error {
	return do(s.host, func(c *core.Core) error { return c.Credentials.CheckDNS(id) })
}
