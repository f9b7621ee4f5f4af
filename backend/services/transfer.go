package services

import (
	"acmedesk/backend/core"
	"acmedesk/backend/exporters"
	"acmedesk/backend/importers"
)

// TransferService brings accounts in from lego, certbot and acme.sh, and takes them out again.
type TransferService struct{ host *Host }

// ChooseFolder asks for a folder (e.g. a lego, certbot or acme.sh folder to import); "" when cancelled.
func (s *TransferService) ChooseFolder(title string) (string, error) {
	return guarded(func() (string, error) { return s.host.win.OpenFolder(title, false) })
}

// ScanForAccounts finds the accounts kept by lego, certbot or acme.sh under path; nothing is stored.
func (s *TransferService) ScanForAccounts(path string) (*importers.Preview, error) {
	return call(s.host, func(c *core.Core) (*importers.Preview, error) { return c.Importer.Scan(path) })
}

// ImportAccounts imports the chosen accounts of a preview (files are read again; duplicates merge).
func (s *TransferService) ImportAccounts(preview importers.Preview, choices []importers.Choice) (*importers.Result, error) {
	return call(s.host, func(c *core.Core) (*importers.Result, error) {
		return c.Importer.Import(s.host.ops, &preview, choices)
	})
}

// VerifyAccount asks the account's CA whether it knows the account's key (onlyReturnExisting).
func (s *TransferService) VerifyAccount(accountID string) (*importers.Verification, error) {
	return call(s.host, func(c *core.Core) (*importers.Verification, error) {
		return c.Importer.Verify(s.host.ops, accountID)
	})
}

// ExportAccount asks for a folder, then writes the account for lego, certbot,
// acme.sh or cert-manager there (only when its key allows export); nil when
// cancelled. What would refuse the export is said before the folder is asked for.
func (s *TransferService) ExportAccount(id, format string) (*exporters.Result, error) {
	if err := do(s.host, func(c *core.Core) error { return c.Exporter.Check(id, exporters.Format(format)) }); err != nil {
		return nil, err
	}
	dir, err := guarded(func() (string, error) { return s.host.win.OpenFolder("Export the account to this folder", true) })
	if err != nil || dir == "" {
		return nil, err
	}
	return call(s.host, func(c *core.Core) (*exporters.Result, error) {
		return c.Exporter.Export(s.host.ops, id, exporters.Format(format), dir)
	})
}
