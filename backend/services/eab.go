package services

import (
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
	"acmedesk/backend/eab"
	"acmedesk/backend/store"
)

// EABService gets, revokes and rotates EAB credentials at the CAs that issue them (DigiCert, ZeroSSL).
type EABService struct{ host *Host }

// withEAB runs fn with the EAB manager.
func withEAB[T any](h *Host, fn func(*eab.Manager) (T, error)) (T, error) {
	return call(h, func(c *core.Core) (T, error) {
		m, err := c.EAB()
		if err != nil {
			var zero T
			return zero, err
		}
		return fn(m)
	})
}

// DigiCertListEAB lists the ACME contract's EAB credentials at DigiCert, matched to stored ones.
func (s *EABService) DigiCertListEAB(keyCredentialID string) ([]eab.ListedCredential, error) {
	return withEAB(s.host, func(m *eab.Manager) ([]eab.ListedCredential, error) {
		return m.ListDigiCert(s.host.ops, keyCredentialID)
	})
}

// DigiCertRegenerateEAB makes new EAB credentials at DigiCert and stores them (revokeExisting: also revoke the current ones).
func (s *EABService) DigiCertRegenerateEAB(keyCredentialID string, revokeExisting bool) (*credentials.Credential, error) {
	return withEAB(s.host, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.RegenerateDigiCert(s.host.ops, keyCredentialID, revokeExisting)
	})
}

// DigiCertRevokeEAB revokes one credential at DigiCert by its id.
func (s *EABService) DigiCertRevokeEAB(keyCredentialID string, digicertCredentialID int64) error {
	_, err := withEAB(s.host, func(m *eab.Manager) (struct{}, error) {
		return struct{}{}, m.RevokeOld(s.host.ops, keyCredentialID, digicertCredentialID)
	})
	return err
}

// DigiCertRevokeAllEAB revokes every active credential of the contract.
func (s *EABService) DigiCertRevokeAllEAB(keyCredentialID string) error {
	_, err := withEAB(s.host, func(m *eab.Manager) (struct{}, error) {
		return struct{}{}, m.RevokeAllDigiCert(s.host.ops, keyCredentialID)
	})
	return err
}

// DigiCertPlanRotation describes each step of replacing an EAB credential without downtime.
func (s *EABService) DigiCertPlanRotation(keyCredentialID, oldEABCredentialID string) (*eab.Plan, error) {
	return withEAB(s.host, func(m *eab.Manager) (*eab.Plan, error) {
		return m.PlanRotation(s.host.ops, keyCredentialID, oldEABCredentialID)
	})
}

// DigiCertRotateStep1Regenerate makes and stores new credentials while the old ones stay active.
func (s *EABService) DigiCertRotateStep1Regenerate(keyCredentialID, oldEABCredentialID string) (*credentials.Credential, error) {
	return withEAB(s.host, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.RegenerateKeepingOld(s.host.ops, keyCredentialID, oldEABCredentialID)
	})
}

// DigiCertRotateStep2Repoint points every account using the old credential at the new one.
func (s *EABService) DigiCertRotateStep2Repoint(oldEABCredentialID, newEABCredentialID string) ([]store.Ref, error) {
	return withEAB(s.host, func(m *eab.Manager) ([]store.Ref, error) {
		return m.Repoint(s.host.ops, oldEABCredentialID, newEABCredentialID)
	})
}

// ZeroSSLEABFromAccessKey fetches and stores EAB credentials with a stored ZeroSSL access key.
func (s *EABService) ZeroSSLEABFromAccessKey(accessKeyCredentialID string) (*credentials.Credential, error) {
	return withEAB(s.host, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.ZeroSSLFromAccessKey(s.host.ops, accessKeyCredentialID)
	})
}

// ZeroSSLEABFromEmail fetches and stores EAB credentials for an e-mail address.
func (s *EABService) ZeroSSLEABFromEmail(email string) (*credentials.Credential, error) {
	return withEAB(s.host, func(m *eab.Manager) (*credentials.Credential, error) {
		return m.ZeroSSLFromEmail(s.host.ops, email)
	})
}
