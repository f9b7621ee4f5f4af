package services

import (
	"context"
	"os"

	"acmedesk/backend/core"
	"acmedesk/backend/keys"
)

// KeysService keeps the account keys.
type KeysService struct{ host *Host }

// AlgorithmOption is a key type offered in the UI.
type AlgorithmOption struct {
	Value       keys.Algorithm `json:"value"`
	Label       string         `json:"label"`
	Recommended bool           `json:"recommended"`
}

// KeyAlgorithms lists the key types ACME Desk can generate, recommended first.
func (s *KeysService) KeyAlgorithms() []AlgorithmOption {
	out := make([]AlgorithmOption, len(keys.Algorithms))
	for i, alg := range keys.Algorithms {
		out[i] = AlgorithmOption{Value: alg, Label: alg.Label(), Recommended: alg == keys.EC384}
	}
	return out
}

// ListKeys returns every stored key (public parts only).
func (s *KeysService) ListKeys() ([]keys.Key, error) {
	return call(s.host, func(c *core.Core) ([]keys.Key, error) { return c.Keys.List() })
}

// GetKey returns one key with what uses it.
func (s *KeysService) GetKey(id string) (*keys.Details, error) {
	return call(s.host, func(c *core.Core) (*keys.Details, error) { return c.Keys.Get(id) })
}

// GenerateKey makes a key; JobsService.CancelJob(jobID) stops the wait.
func (s *KeysService) GenerateKey(jobID, name, description, algorithm string) (*keys.Key, error) {
	return job(s.host, jobID, func(ctx context.Context, c *core.Core) (*keys.Key, error) {
		return c.Keys.Generate(ctx, name, description, keys.Algorithm(algorithm))
	})
}

// ImportKey stores a key given as PEM or JWK text.
func (s *KeysService) ImportKey(name, description, content, passphrase string) (*keys.Key, error) {
	return call(s.host, func(c *core.Core) (*keys.Key, error) {
		return c.Keys.Import(name, description, []byte(content), passphrase)
	})
}

// UpdateKey changes a key's name, description and export switch.
func (s *KeysService) UpdateKey(id, name, description string, allowExport bool) (*keys.Key, error) {
	return call(s.host, func(c *core.Core) (*keys.Key, error) { return c.Keys.Update(id, name, description, allowExport) })
}

// DeleteKey deletes a key nothing uses.
func (s *KeysService) DeleteKey(id string) error {
	return do(s.host, func(c *core.Core) error { return c.Keys.Delete(id) })
}

// ExportKey asks where to save, then writes the key there; "" when the user cancelled.
func (s *KeysService) ExportKey(id, format string) (string, error) {
	return call(s.host, func(c *core.Core) (string, error) {
		d, err := c.Keys.Get(id)
		if err != nil {
			return "", err
		}
		home, _ := os.UserHomeDir()
		path, err := s.host.win.SaveFile(SaveDialog{
			Title:            "Export private key " + d.Name,
			DefaultDirectory: home,
			DefaultFilename:  keys.FileName(d.Name, keys.ExportFormat(format)),
		})
		if err != nil || path == "" {
			return "", err
		}
		return path, c.Keys.ExportToFile(id, keys.ExportFormat(format), path)
	})
}
