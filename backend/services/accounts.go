package services

import (
	"context"

	"acmedesk/backend/accounts"
	"acmedesk/backend/core"
)

// AccountsService keeps the ACME accounts and talks to their CAs.
type AccountsService struct{ host *Host }

// refreshConcurrency bounds the requests "Refresh all" sends to CAs at once.
const refreshConcurrency = 8

// ListAccounts returns every account.
func (s *AccountsService) ListAccounts() ([]accounts.Account, error) {
	return call(s.host, func(c *core.Core) ([]accounts.Account, error) { return c.Accounts.List() })
}

// GetAccount returns one account.
func (s *AccountsService) GetAccount(id string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Get(id) })
}

// CreateAccount stores a new, unregistered account (an empty keyId generates a P-384 key).
func (s *AccountsService) CreateAccount(in accounts.NewInput) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Create(s.host.ops, in) })
}

// UpdateAccount changes the local name and description.
func (s *AccountsService) UpdateAccount(id, name, description string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Update(id, name, description) })
}

// DeleteAccount forgets an account locally (nothing changes at the CA).
func (s *AccountsService) DeleteAccount(id string) error {
	return do(s.host, func(c *core.Core) error { return c.Accounts.Delete(id) })
}

// RegisterAccount registers the account at its CA.
func (s *AccountsService) RegisterAccount(id string, agreeTerms bool) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Register(s.host.ops, id, agreeTerms)
	})
}

// RefreshAccount reads the account's status from its CA.
func (s *AccountsService) RefreshAccount(id string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.Refresh(s.host.ops, id) })
}

// RefreshAllAccounts refreshes every registered account, a few at a time; JobsService.CancelJob(jobID) stops it.
func (s *AccountsService) RefreshAllAccounts(jobID string) ([]accounts.RefreshResult, error) {
	return job(s.host, jobID, func(ctx context.Context, c *core.Core) ([]accounts.RefreshResult, error) {
		return c.Accounts.RefreshAll(ctx, refreshConcurrency)
	})
}

// ChangeAccountContacts replaces the contact addresses at the CA.
func (s *AccountsService) ChangeAccountContacts(id string, contacts []string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.ChangeContacts(s.host.ops, id, contacts)
	})
}

// RolloverAccountKey moves the account to newKeyID ("" generates a P-384 key).
func (s *AccountsService) RolloverAccountKey(id, newKeyID string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Rollover(s.host.ops, id, newKeyID)
	})
}

// DeactivateAccount deactivates the account at its CA; confirmName must repeat its name.
func (s *AccountsService) DeactivateAccount(id, confirmName string) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) {
		return c.Accounts.Deactivate(s.host.ops, id, confirmName)
	})
}

// FindAccountByKey imports the account an existing key has at a CA.
func (s *AccountsService) FindAccountByKey(in accounts.FindInput) (*accounts.Account, error) {
	return call(s.host, func(c *core.Core) (*accounts.Account, error) { return c.Accounts.FindByKey(s.host.ops, in) })
}

// AccountCAA returns the CAA record that binds a domain to this account (RFC 8657).
func (s *AccountsService) AccountCAA(id string) (*accounts.CAARecord, error) {
	return call(s.host, func(c *core.Core) (*accounts.CAARecord, error) { return c.Accounts.CAA(s.host.ops, id) })
}

// RepointAccountEAB makes an account use another stored EAB credential.
func (s *AccountsService) RepointAccountEAB(accountID, credentialID string) error {
	return do(s.host, func(c *core.Core) error { return c.Accounts.Repoint(s.host.ops, accountID, credentialID) })
}
