package credentials

import (
	"strings"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

// CheckDNS says, in plain words, whether the credential can drive a DNS
// provider for dns-01 validation: that it still exists, is a DNS provider's,
// and has every value that provider needs.
func (s *Service) CheckDNS(id string) error {
	var c *Credential
	var sealed bool
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		c, err = store.Find[Credential](tx, store.Credentials, id, apperr.New(apperr.CodeNotFound, "DNS validation cannot proceed: the stored credential is missing.",
			"It may have been deleted. Choose another stored credential for this DNS provider, or create one under Credentials."))
		if err != nil {
			return err
		}
		sealed = vault.Sealed(tx, id) != nil
		return nil
	})
	if err != nil {
		return err
	}
	k, ok := catalogue[c.Kind]
	if !ok && strings.HasPrefix(c.Kind, DNSPrefix) {
		return apperr.Newf(apperr.CodeUnsupported, "Create a credential for one of the DNS providers this version lists.",
			"DNS validation cannot proceed: credential %q is for the DNS provider %q, which this ACME Desk does not know.", c.Name, strings.TrimPrefix(c.Kind, DNSPrefix))
	}
	if !ok || !k.IsDNS() {
		return apperr.Newf(apperr.CodeInvalidInput, "Choose a credential made for the DNS provider.",
			"DNS validation cannot proceed: credential %q is a %s, not a DNS provider credential.", c.Name, kindLabel(c.Kind))
	}
	if miss := k.missing(setOf(c.Fields, c.SecretsSet)); len(miss) > 0 {
		f, _ := k.field(miss[0])
		hint := "Open the credential and fill in " + strings.Join(miss, " and ") + "."
		if len(miss) == 1 && f.Help != "" {
			hint = "Open the credential and fill in " + f.Name + " (" + f.Help + ")."
		}
		if len(k.AnyOf) > 0 {
			hint += " " + k.describeNeeds()
		}
		return apperr.Newf(apperr.CodeInvalidInput, hint, "DNS validation cannot proceed: credential %q is missing %s.", c.Name, strings.Join(miss, " and "))
	}
	if len(c.SecretsSet) > 0 && !sealed {
		return apperr.Newf(apperr.CodeInternal, "Rotate the credential to store its secret values again.",
			"DNS validation cannot proceed: the secret values of credential %q are missing from the vault.", c.Name)
	}
	return nil
}

// CheckEABUsable says, before a CA is contacted, whether an EAB credential can
// still bind an account: it exists, has a key ID and HMAC key, has not expired
// and, when single-use, has not been used.
func (s *Service) CheckEABUsable(id string) error {
	return s.db.View(func(tx *store.Tx) error {
		c, err := getEAB(tx, id)
		if err != nil {
			return err
		}
		return usableEAB(c, s.now())
	})
}

// RequireEAB, inside another service's transaction, refuses an id that is not a stored EAB credential.
func RequireEAB(tx *store.Tx, id string) error {
	_, err := getEAB(tx, id)
	return err
}

func getEAB(tx *store.Tx, id string) (*Credential, error) {
	c, err := store.Find[Credential](tx, store.Credentials, id, apperr.New(apperr.CodeNotFound, "The EAB credential is missing.",
		"It may have been deleted. Choose another EAB credential, or store the key ID and HMAC key from the CA under Credentials."))
	if err != nil {
		return nil, err
	}
	if c.Kind != KindEAB {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose an EAB credential.", "Credential %q is a %s, not an EAB credential.", c.Name, kindLabel(c.Kind))
	}
	return c, nil
}

func usableEAB(c *Credential, now time.Time) error {
	k := catalogue[KindEAB]
	if miss := k.missing(setOf(c.Fields, c.SecretsSet)); len(miss) > 0 {
		return apperr.Newf(apperr.CodeInvalidInput, "Rotate it with the key ID and HMAC key from the CA.", "The EAB credential %q is missing %s.", c.Name, strings.Join(miss, " and "))
	}
	if v := c.Fields[EABExpiresAt]; v != "" {
		exp, err := ParseDate(v)
		if err != nil {
			return apperr.Newf(apperr.CodeInvalidInput, "Edit the credential and correct the date.", "The expiry date of EAB credential %q cannot be read.", c.Name)
		}
		if !now.Before(exp) {
			return apperr.Newf(apperr.CodeEABRequired,
				"Get a new EAB key ID and HMAC key from the CA, then rotate this credential with them (accounts using it keep working with it) or store them as a new one.",
				"The EAB credential %q expired on %s.", c.Name, showDate(exp))
		}
	}
	if c.Fields[EABSingleUse] == "true" && c.ConsumedAt != nil {
		return apperr.Newf(apperr.CodeEABRequired,
			"The CA accepts a single-use EAB key for one account only: create a new one at the CA and store it, or rotate this credential with it.",
			"The EAB credential %q was single-use and has already been used (on %s).", c.Name, showDate(*c.ConsumedAt))
	}
	return nil
}

// ClaimEAB, inside the transaction that records a registration about to be
// sent, checks that the EAB credential can bind an account and, when it is
// single-use, spends it for accountID: of two registrations racing for one
// single-use credential, only the first to commit gets it.
func ClaimEAB(tx *store.Tx, id, accountID string, now time.Time) error {
	c, err := getEAB(tx, id)
	if err != nil {
		return err
	}
	if err := usableEAB(c, now); err != nil {
		return err
	}
	now = now.UTC()
	c.LastUsedAt = &now
	if c.Fields[EABSingleUse] == "true" {
		c.ConsumedAt, c.ConsumedBy = &now, accountID
	}
	return tx.Put(store.Credentials, id, c)
}

// ReleaseEAB gives back a single-use credential that accountID claimed, once
// the CA has said that no account was made with it.
func ReleaseEAB(tx *store.Tx, id, accountID string) error {
	c, err := getEAB(tx, id)
	if err != nil {
		if apperr.From(err).Code == apperr.CodeNotFound {
			return nil // deleted meanwhile: nothing to give back
		}
		return err
	}
	if c.ConsumedBy != accountID {
		return nil
	}
	c.ConsumedAt, c.ConsumedBy = nil, ""
	return tx.Put(store.Credentials, id, c)
}

func showDate(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02 15:04 UTC")
}
