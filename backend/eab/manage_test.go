package eab

import (
	"context"
	"testing"
	"time"

	"acmedesk/backend/credentials"
	"acmedesk/backend/eab/eabtest"
)

func TestListDigiCertMatchesStoredCredentials(t *testing.T) {
	e := newRotationEnv(t, "https://acme.digicert.com/v2/acme/directory/")
	other := e.fake.AddCredential(contract, "someone-else-zz99", "aGVsbG8taG1hYy1rZXktZm9yLXRlc3RzLTAx", time.Date(2026, 5, 2, 8, 0, 0, 0, time.UTC))
	list, err := e.rot.ListDigiCert(context.Background(), e.keyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("listed %d credentials", len(list))
	}
	for _, c := range list {
		switch c.CredentialID {
		case e.oldDCID:
			if c.StoredID != e.oldID || c.StoredName != "DigiCert EAB" || c.Status != "active" {
				t.Errorf("old credential not matched to the stored one: %+v", c)
			}
		case other:
			if c.StoredID != "" {
				t.Errorf("an unknown credential matched %q", c.StoredName)
			}
		}
	}
}

func TestRegenerateDigiCertRevokingAndRevokeAll(t *testing.T) {
	e := newRotationEnv(t, "https://acme.digicert.com/v2/acme/directory/")
	ctx := context.Background()
	c, err := e.rot.RegenerateDigiCert(ctx, e.keyID, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != credentials.KindEAB || c.Fields[credentials.EABCAID] != "digicert" || c.Fields[credentials.EABExpiresAt] == "" {
		t.Fatalf("stored %+v", c)
	}
	for _, dc := range e.fake.Credentials(contract) {
		if dc.ID == e.oldDCID && dc.Status != "revoked" {
			t.Fatal("revoke_existing: true left the old credential active")
		}
	}
	if err := e.rot.RevokeAllDigiCert(ctx, e.keyID); err != nil {
		t.Fatal(err)
	}
	for _, dc := range e.fake.Credentials(contract) {
		if dc.Status != "revoked" {
			t.Fatalf("credential %d still %s after revoke all", dc.ID, dc.Status)
		}
	}
}

func TestZeroSSLCredentialsAreStored(t *testing.T) {
	creds, _ := newCredentials(t)
	fake := eabtest.NewZeroSSL(t)
	fake.AccessKeys["zs-access-key-1"] = true
	m := &Manager{Credentials: creds, ZeroSSLBaseURL: eabtest.ClosedURL(t), HTTP: fake.Client()} // the key's own base URL must win
	key, err := creds.Create(credentials.Input{Name: "ZeroSSL key", Kind: credentials.KindZeroSSLAccessKey,
		Values: map[string]string{credentials.ZeroSSLAccessKey: "zs-access-key-1", credentials.APIBaseURL: fake.URL}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := m.ZeroSSLFromAccessKey(context.Background(), key.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fields[credentials.EABCAID] != "zerossl" || c.Fields[credentials.EABKeyID] == "" {
		t.Fatalf("stored %+v", c)
	}
	if hmac, err := creds.Reveal(c.ID, credentials.EABHMACKey); err != nil || hmac == "" {
		t.Fatalf("HMAC not stored: %v", err)
	}
	m.ZeroSSLBaseURL = fake.URL
	byMail, err := m.ZeroSSLFromEmail(context.Background(), "ops@example.com")
	if err != nil || byMail.Fields[credentials.EABCAID] != "zerossl" {
		t.Fatalf("from e-mail %+v, %v", byMail, err)
	}
	if _, err := m.ZeroSSLFromAccessKey(context.Background(), byMail.ID); err == nil {
		t.Fatal("an EAB credential was accepted as a ZeroSSL access key")
	}
}
