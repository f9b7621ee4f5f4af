package cas

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
	"acmedesk/backend/textfield"
	"acmedesk/backend/urlcheck"
)

// maxDirectorySize bounds what is read of a directory answer; real ones are about 1 KiB.
const maxDirectorySize = 1 << 20

// Directory is a CA's ACME directory (RFC 8555 §7.1.1).
type Directory struct {
	CAID        string `json:"caId"`
	URL         string `json:"url"`
	NewNonce    string `json:"newNonce"`
	NewAccount  string `json:"newAccount"`
	NewOrder    string `json:"newOrder"`
	NewAuthz    string `json:"newAuthz,omitempty"`
	RevokeCert  string `json:"revokeCert,omitempty"`
	KeyChange   string `json:"keyChange,omitempty"`
	RenewalInfo string `json:"renewalInfo,omitempty"`
	Meta        Meta   `json:"meta"`
	// KeyChangeOffered says whether the CA supports account key rollover.
	KeyChangeOffered bool      `json:"keyChangeOffered"`
	FetchedAt        time.Time `json:"fetchedAt" ts_type:"string"`
	// Cached is true when this came from the local cache rather than the CA just now.
	Cached bool `json:"cached"`
}

// Meta is the directory's meta object.
type Meta struct {
	TermsOfService          string   `json:"termsOfService,omitempty"`
	Website                 string   `json:"website,omitempty"`
	CAAIdentities           []string `json:"caaIdentities,omitempty"`
	ExternalAccountRequired bool     `json:"externalAccountRequired"`
	// Profiles maps certificate profile names to their descriptions.
	Profiles map[string]string `json:"profiles,omitempty"`
}

// rawDirectory is the wire form; profiles are decoded leniently.
type rawDirectory struct {
	NewNonce    string `json:"newNonce"`
	NewAccount  string `json:"newAccount"`
	NewOrder    string `json:"newOrder"`
	NewAuthz    string `json:"newAuthz"`
	RevokeCert  string `json:"revokeCert"`
	KeyChange   string `json:"keyChange"`
	RenewalInfo string `json:"renewalInfo"`
	Meta        struct {
		TermsOfService          string                     `json:"termsOfService"`
		Website                 string                     `json:"website"`
		CAAIdentities           []string                   `json:"caaIdentities"`
		ExternalAccountRequired bool                       `json:"externalAccountRequired"`
		Profiles                map[string]json.RawMessage `json:"profiles"`
	} `json:"meta"`
}

// Directory returns the CA's directory from the cache when it is younger than
// CacheTTL, else (or when refresh is set) fetches it.
func (s *Service) Directory(ctx context.Context, caID string, refresh bool) (*Directory, error) {
	if !refresh {
		var cached Directory
		var c *CA
		found := false
		err := s.db.View(func(tx *store.Tx) error {
			var err error
			if c, err = getCA(tx, caID); err != nil {
				return err
			}
			found, err = tx.Get(store.DirectoryCache, caID, &cached)
			return err
		})
		if err != nil {
			return nil, err
		}
		age := s.now().Sub(cached.FetchedAt)
		if found && cached.URL == c.DirectoryURL && age >= 0 && age < s.CacheTTL {
			cached.Cached = true
			return &cached, nil
		}
	}
	return s.FetchDirectory(ctx, caID)
}

// FetchDirectory asks the CA for its directory now and caches the answer.
func (s *Service) FetchDirectory(ctx context.Context, caID string) (*Directory, error) {
	c, err := store.Read(s.db, func(tx *store.Tx) (*CA, error) { return getCA(tx, caID) })
	if err != nil {
		return nil, err
	}
	if c.DirectoryURL == "" {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Add it with your "+c.TemplateParam+" first (Certificate Authorities → Add).",
			"%s has a directory URL per customer.", c.Name)
	}
	client, err := HTTPClient(c)
	if err != nil {
		return nil, err
	}
	client.Timeout = s.FetchTimeout
	d, err := fetch(ctx, client, c.DirectoryURL)
	if err != nil {
		return nil, err
	}
	d.CAID, d.FetchedAt = c.ID, s.now().UTC()
	err = s.db.Update(func(tx *store.Tx) error {
		now, err := getCA(tx, caID)
		if err != nil || now.DirectoryURL != c.DirectoryURL {
			return nil // deleted or changed meanwhile: do not cache a stale answer
		}
		return tx.Put(store.DirectoryCache, caID, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// transports holds one transport per set of extra roots, so connections (and
// TLS sessions) to a CA are reused across operations instead of re-handshaking.
var transports sync.Map // RootPEM -> *http.Transport

// HTTPClient returns a new client for talking to c: it trusts the system's
// roots plus c's own root certificates, and never skips verification. Each
// call returns its own Client (lego wraps a client's Transport field), sharing
// the underlying transport.
func HTTPClient(c *CA) (*http.Client, error) {
	if t, ok := transports.Load(c.RootPEM); ok {
		return &http.Client{Transport: t.(*http.Transport), Timeout: 15 * time.Second}, nil
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if c.RootPEM != "" {
		roots, err := ParseRoots(c.RootPEM)
		if err != nil {
			return nil, err
		}
		for _, r := range roots {
			pool.AddCert(r)
		}
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	t, _ := transports.LoadOrStore(c.RootPEM, transport)
	return &http.Client{Transport: t.(*http.Transport), Timeout: 15 * time.Second}, nil
}

func fetch(ctx context.Context, client *http.Client, dirURL string) (*Directory, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, dirURL, nil)
	if err != nil {
		return nil, acmeerr.Explain(err, dirURL)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "ACME Desk")
	resp, err := client.Do(req)
	if err != nil {
		return nil, acmeerr.Explain(err, dirURL)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDirectorySize+1))
	if err != nil {
		return nil, acmeerr.Explain(err, dirURL)
	}
	contentType := resp.Header.Get("Content-Type")
	notDir := func(reason string) error {
		return acmeerr.Explain(&acmeerr.NotDirectoryError{URL: dirURL, Status: resp.StatusCode, ContentType: contentType, Reason: reason}, dirURL)
	}
	switch {
	case resp.StatusCode >= 500:
		return nil, apperr.Wrap(fmt.Errorf("GET %s: HTTP %s: %s", dirURL, resp.Status, snippet(body)), apperr.CodeUnreachable,
			fmt.Sprintf("The CA is not working right now (HTTP %d): %s", resp.StatusCode, dirURL),
			"The problem is at the CA. Try again later, or check the CA's status page.")
	case resp.StatusCode != http.StatusOK:
		return nil, notDir(fmt.Sprintf("HTTP status %s: %s", resp.Status, snippet(body)))
	case len(body) > maxDirectorySize:
		return nil, notDir("the answer is larger than 1 MiB")
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "text/html" {
		return nil, notDir("an HTML page: " + snippet(body))
	}
	var raw rawDirectory
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, notDir("not a JSON object (" + err.Error() + "): " + snippet(body))
	}
	var missing []string
	for _, f := range []struct {
		name, value string
		required    bool
	}{
		{"newNonce", raw.NewNonce, true}, {"newAccount", raw.NewAccount, true}, {"newOrder", raw.NewOrder, true},
		{"newAuthz", raw.NewAuthz, false}, {"revokeCert", raw.RevokeCert, false}, {"keyChange", raw.KeyChange, false}, {"renewalInfo", raw.RenewalInfo, false},
	} {
		switch {
		case f.value == "" && f.required:
			missing = append(missing, f.name)
		case f.value != "":
			if err := urlcheck.HTTPS(f.value); err != nil {
				return nil, notDir(fmt.Sprintf("its %s URL %.80q is not a valid https URL: %v", f.name, f.value, err))
			}
		}
	}
	if len(missing) > 0 {
		return nil, notDir("no " + strings.Join(missing, ", ") + " URL")
	}
	// Shown as links that open in the browser: only http(s) links are kept.
	for _, link := range []*string{&raw.Meta.TermsOfService, &raw.Meta.Website} {
		if *link != "" && urlcheck.Link(*link) != nil {
			*link = ""
		}
	}
	d := &Directory{
		URL: dirURL, NewNonce: raw.NewNonce, NewAccount: raw.NewAccount, NewOrder: raw.NewOrder, NewAuthz: raw.NewAuthz,
		RevokeCert: raw.RevokeCert, KeyChange: raw.KeyChange, RenewalInfo: raw.RenewalInfo,
		KeyChangeOffered: raw.KeyChange != "",
		Meta: Meta{
			TermsOfService: raw.Meta.TermsOfService, Website: raw.Meta.Website, CAAIdentities: raw.Meta.CAAIdentities,
			ExternalAccountRequired: raw.Meta.ExternalAccountRequired,
		},
	}
	if len(raw.Meta.Profiles) > 0 {
		d.Meta.Profiles = make(map[string]string, len(raw.Meta.Profiles))
		for name, v := range raw.Meta.Profiles {
			var desc string
			if json.Unmarshal(v, &desc) != nil {
				desc = string(v) // not the draft's string: keep what the CA said
			}
			d.Meta.Profiles[name] = desc
		}
	}
	return d, nil
}

// snippet is the start of a body, for the debug detail.
func snippet(body []byte) string {
	s := strings.ToValidUTF8(string(body), "?")
	return textfield.Truncate(strings.Join(strings.Fields(s), " "), 200)
}
