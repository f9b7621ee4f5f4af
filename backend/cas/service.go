package cas

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/urlcheck"
)

// MaxRootPEM bounds the root certificate text people paste.
const MaxRootPEM = 256 << 10

// CA is a certificate authority: built-in (from the catalogue) or custom (stored).
type CA struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Environment Environment `json:"environment"`
	// DirectoryURL is the ACME directory; empty for a template entry.
	DirectoryURL string `json:"directoryUrl"`
	// URLTemplate, for a CA whose directory URL is per customer, holds the URL
	// with "{alias}" to fill in (see ExpandTemplate); TemplateParam names what to ask for.
	URLTemplate   string `json:"urlTemplate,omitempty"`
	TemplateParam string `json:"templateParam,omitempty"`
	EABRequired   bool   `json:"eabRequired"`
	// EABHelp says where to get EAB credentials, with a URL.
	EABHelp string `json:"eabHelp,omitempty"`
	Website string `json:"website,omitempty"`
	BuiltIn bool   `json:"builtIn"`

	// Custom CAs only.
	// RootPEM holds the certificates to trust, besides the system's, for the CA's HTTPS.
	RootPEM string     `json:"rootPem,omitempty"`
	Roots   []RootInfo `json:"roots,omitempty"`
	// BasedOn is the built-in template entry this CA was made from.
	BasedOn   string    `json:"basedOn,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitempty,omitzero" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt,omitempty,omitzero" ts_type:"string"`
}

// RootInfo describes a trusted root certificate for people.
type RootInfo struct {
	Subject           string    `json:"subject"`
	FingerprintSHA256 string    `json:"fingerprintSha256"`
	NotAfter          time.Time `json:"notAfter" ts_type:"string"`
}

// Details is a CA with what uses it.
type Details struct {
	CA
	UsedBy []store.Ref `json:"usedBy"`
}

// CustomInput is what people give for a custom CA.
type CustomInput struct {
	Name         string      `json:"name"`
	DirectoryURL string      `json:"directoryUrl"`
	Environment  Environment `json:"environment"` // "" means production
	RootPEM      string      `json:"rootPem"`     // optional
	// BasedOn, from ExpandTemplate, copies EAB facts and website from that built-in entry.
	BasedOn string `json:"basedOn,omitempty"`
}

// Service manages CAs and their directories.
type Service struct {
	db  *store.DB
	now func() time.Time
	// CacheTTL is how long a fetched directory is used without asking the CA again.
	CacheTTL time.Duration
	// FetchTimeout bounds one directory fetch.
	FetchTimeout time.Duration
}

// NewService returns a CA service over db.
func NewService(db *store.DB) *Service {
	return &Service{db: db, now: time.Now, CacheTTL: 24 * time.Hour, FetchTimeout: 15 * time.Second}
}

// List returns the built-in CAs in catalogue order, then custom ones, oldest first.
func (s *Service) List() ([]CA, error) {
	out := Catalogue()
	err := s.db.View(func(tx *store.Tx) error {
		custom, err := store.List[CA](tx, store.CAs)
		out = append(out, custom...)
		return err
	})
	return out, err
}

// Get returns one CA with what uses it.
func (s *Service) Get(id string) (*Details, error) {
	c, refs, err := store.ReadWithRefs(s.db, id, getCA)
	if err != nil {
		return nil, err
	}
	return &Details{CA: *c, UsedBy: refs}, nil
}

func getCA(tx *store.Tx, id string) (*CA, error) {
	if c, ok := builtin(id); ok {
		return &c, nil
	}
	return store.Find[CA](tx, store.CAs, id, apperr.New(apperr.CodeNotFound, "This certificate authority no longer exists.", "Refresh the list."))
}

func getCustom(tx *store.Tx, id string) (*CA, error) {
	if _, ok := builtin(id); ok {
		return nil, apperr.New(apperr.CodeForbidden, "Built-in certificate authorities cannot be changed or deleted.",
			"Add your own CA if you need different settings.")
	}
	return getCA(tx, id)
}

// AddCustom validates and stores a custom CA.
func (s *Service) AddCustom(in CustomInput) (*CA, error) {
	c, err := validate(in)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	c.ID, c.CreatedAt, c.UpdatedAt = uuid.Must(uuid.NewV7()).String(), now, now
	err = s.db.Update(func(tx *store.Tx) error {
		if err := unique(tx, c); err != nil {
			return err
		}
		return tx.Put(store.CAs, c.ID, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCustom replaces the settings of a custom CA. Its cached directory is
// dropped: the URL or the trusted root may have changed.
func (s *Service) UpdateCustom(id string, in CustomInput) (*CA, error) {
	c, err := validate(in)
	if err != nil {
		return nil, err
	}
	_, err = store.Change(s.db, id, getCustom, func(tx *store.Tx, old *CA) error {
		c.ID, c.CreatedAt, c.UpdatedAt = id, old.CreatedAt, s.now().UTC()
		if c.DirectoryURL != old.DirectoryURL {
			if err := refuseMoveWhileUsed(tx, old); err != nil {
				return err
			}
		}
		if err := unique(tx, c); err != nil {
			return err
		}
		if err := tx.Delete(store.DirectoryCache, id); err != nil {
			return err
		}
		return tx.Put(store.CAs, id, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// refuseMoveWhileUsed keeps a CA's directory URL while accounts use it: an
// account exists at the server that issued it, and would silently point at
// another one.
func refuseMoveWhileUsed(tx *store.Tx, c *CA) error {
	users, err := tx.Users(c.ID)
	if err != nil || len(users) == 0 {
		return err
	}
	return apperr.Newf(apperr.CodeInUse,
		"An account belongs to the server that registered it. Add the new URL as another CA and create accounts there, or remove these accounts first.",
		"The directory URL of CA %q cannot change while %s use it.", c.Name, strings.Join(users, ", "))
}

// DeleteCustom removes a custom CA, unless something (an account…) uses it.
func (s *Service) DeleteCustom(id string) error {
	_, err := store.Change(s.db, id, getCustom, func(tx *store.Tx, c *CA) error {
		return tx.DeleteUnused(id, fmt.Sprintf("CA %q", c.Name), "Delete those first, or move them to another CA.", func() error {
			return errors.Join(tx.Delete(store.DirectoryCache, id), tx.Delete(store.CAs, id))
		})
	})
	return err
}

// unique refuses a custom CA whose name or directory URL another CA already has.
func unique(tx *store.Tx, c *CA) error {
	custom, err := store.List[CA](tx, store.CAs)
	if err != nil {
		return err
	}
	for _, other := range append(Catalogue(), custom...) {
		if other.ID == c.ID {
			continue
		}
		if strings.EqualFold(other.Name, c.Name) {
			return apperr.Newf(apperr.CodeConflict, "Choose another name.", "A CA named %q already exists.", other.Name)
		}
		if other.DirectoryURL != "" && sameURL(other.DirectoryURL, c.DirectoryURL) {
			return apperr.Newf(apperr.CodeConflict, "Use the existing entry.", "%q already has this directory URL.", other.Name)
		}
	}
	return nil
}

func sameURL(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(b, "/"))
}

// validate checks and normalises input into a CA record (without id and times).
func validate(in CustomInput) (*CA, error) {
	name, _, err := textfield.Clean(in.Name, "", "Give the CA a name, e.g. \"Company internal CA\".")
	if err != nil {
		return nil, err
	}
	dirURL, err := validateURL(in.DirectoryURL)
	if err != nil {
		return nil, err
	}
	env := in.Environment
	if env == "" {
		env = Production
	}
	if !env.Valid() {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Choose production or staging.", "Unknown environment %q.", textfield.Truncate(string(env), 40))
	}
	c := &CA{Name: name, DirectoryURL: dirURL, Environment: env}
	if strings.TrimSpace(in.RootPEM) != "" {
		roots, err := ParseRoots(in.RootPEM)
		if err != nil {
			return nil, err
		}
		c.RootPEM = encodeRoots(roots)
		for _, r := range roots {
			sum := sha256.Sum256(r.Raw)
			c.Roots = append(c.Roots, RootInfo{Subject: r.Subject.String(), FingerprintSHA256: hex.EncodeToString(sum[:]), NotAfter: r.NotAfter.UTC()})
		}
	}
	if in.BasedOn != "" {
		base, ok := builtin(in.BasedOn)
		if !ok || base.URLTemplate == "" {
			return nil, apperr.Newf(apperr.CodeInvalidInput, "", "Unknown CA template %q.", textfield.Truncate(in.BasedOn, 40))
		}
		c.BasedOn, c.EABRequired, c.EABHelp, c.Website = base.ID, base.EABRequired, base.EABHelp, base.Website
	}
	return c, nil
}

func validateURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	hint := "Use the https:// directory URL from the CA's documentation, e.g. https://acme.example.com/directory."
	if raw == "" {
		return "", apperr.New(apperr.CodeInvalidInput, "The directory URL is empty.", hint)
	}
	err := urlcheck.HTTPS(raw)
	switch {
	case errors.Is(err, urlcheck.ErrNotHTTPS):
		return "", apperr.New(apperr.CodeInvalidInput, "The directory URL must start with https://.", "ACME works over HTTPS only (RFC 8555 §6.1). "+hint)
	case errors.Is(err, urlcheck.ErrUserInfo):
		// Never keep a password in a URL: it would be shown and logged like any URL.
		return "", apperr.New(apperr.CodeInvalidInput, "The directory URL contains a user name or password.", "Remove the part before '@'; ACME does not use it.")
	case err != nil:
		return "", apperr.Newf(apperr.CodeInvalidInput, hint, "The directory URL is not a valid URL: %v.", err)
	}
	u, _ := url.Parse(raw) // HTTPS parsed it
	u.Scheme = "https"
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

// ParseRoots parses PEM text holding one or more CA certificates to trust.
// Anything else (a private key, a leaf certificate, garbage) is refused.
func ParseRoots(text string) ([]*x509.Certificate, error) {
	hint := "Paste the CA's root certificate in PEM form: text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
	if len(text) > MaxRootPEM {
		return nil, apperr.Newf(apperr.CodeInvalidInput, hint, "The root certificate text is larger than %d KiB.", MaxRootPEM>>10)
	}
	rest := []byte(strings.TrimSpace(text))
	var roots []*x509.Certificate
	for len(rest) > 0 {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			if strings.Contains(block.Type, "PRIVATE KEY") {
				return nil, apperr.New(apperr.CodeInvalidInput, "That is a private key, not a certificate.", "Only the CA's root certificate is needed; keep the private key where it is.")
			}
			return nil, apperr.Newf(apperr.CodeInvalidInput, hint, "The text contains a %q block, not a certificate.", textfield.Truncate(block.Type, 40))
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.CodeInvalidInput, "A certificate in the text is damaged and cannot be read.", hint)
		}
		if !cert.BasicConstraintsValid || !cert.IsCA {
			return nil, apperr.Newf(apperr.CodeInvalidInput,
				"Use the certificate of the CA that issued it (its root), not a server's own certificate.",
				"%q is not a CA certificate.", textfield.Truncate(cert.Subject.String(), 100))
		}
		if time.Now().After(cert.NotAfter) {
			return nil, apperr.Newf(apperr.CodeInvalidInput, "Get the CA's current root certificate.",
				"The CA certificate %q expired on %s.", textfield.Truncate(cert.Subject.String(), 100), cert.NotAfter.UTC().Format("2006-01-02"))
		}
		roots = append(roots, cert)
	}
	if len(strings.TrimSpace(string(rest))) > 0 || len(roots) == 0 {
		return nil, apperr.New(apperr.CodeInvalidInput, "That is not a PEM certificate.", hint)
	}
	return roots, nil
}

func encodeRoots(roots []*x509.Certificate) string {
	var b strings.Builder
	for _, r := range roots {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.Raw}))
	}
	return b.String()
}
