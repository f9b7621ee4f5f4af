// Package importers brings ACME accounts made by other clients into ACME Desk:
// lego (.lego/accounts), certbot (/etc/letsencrypt/accounts) and acme.sh
// (~/.acme.sh/ca). Scan finds accounts in a folder and describes them without
// storing anything; Import stores the chosen ones (key, EAB credential,
// account) through the keys, credentials and accounts services; Verify asks the
// CA whether an imported account still exists.
//
// Nothing here puts key material or EAB HMAC keys into a Preview, a Result or
// an error: the secrets are read from disk again at Import time.
package importers

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/safefile"
	"acmedesk/backend/store"
	"acmedesk/backend/urlcheck"
)

// Tool names a client whose account files ACME Desk reads.
type Tool string

const (
	ToolLego    Tool = "lego"
	ToolCertbot Tool = "certbot"
	ToolAcmeSh  Tool = "acme.sh"
)

// MaxFolders bounds how many folders one scan looks at, so picking a home
// folder by mistake ends with a clear message instead of a long wait.
var MaxFolders = 50000

// maxFileSize bounds every file read: account files are a few KiB.
const maxFileSize = 1 << 20

// Found is one account found on disk. It holds no secret.
type Found struct {
	// ID identifies the account within its scan (tool and folder); Import takes it.
	ID   string `json:"id"`
	Tool Tool   `json:"tool"`
	// Path is the account's folder.
	Path string `json:"path"`
	// DirectoryURL is the CA's ACME directory as derived from the folder layout; empty when the files do not tell.
	DirectoryURL string `json:"directoryUrl,omitempty"`
	// Server is what the files say about the CA, for people (a host, or host and path).
	Server string `json:"server"`
	// CAID and CAName name the CA in ACME Desk the account belongs to; empty when none matches.
	CAID   string `json:"caId,omitempty"`
	CAName string `json:"caName,omitempty"`
	// CACandidates are the CAs to choose from when the files name only a host several CAs share.
	CACandidates []string `json:"caCandidates,omitempty"`
	Contacts     []string `json:"contacts"`
	// KID is the account URL.
	KID string `json:"kid"`
	// Status as the tool recorded it ("valid", "deactivated"…); empty when it did not.
	Status       string     `json:"status,omitempty"`
	RegisteredAt *time.Time `json:"registeredAt,omitempty,omitzero" ts_type:"string"`

	KeyAlgorithm      keys.Algorithm `json:"keyAlgorithm"`
	KeyLabel          string         `json:"keyLabel"`
	KeyFormat         string         `json:"keyFormat"`
	FingerprintSHA256 string         `json:"fingerprintSha256"`

	// EABKeyID is the EAB key ID acme.sh kept for this CA (its HMAC key is imported, never shown).
	EABKeyID string `json:"eabKeyId,omitempty"`

	// The same key (and so the same account) already stored in ACME Desk.
	ExistingKeyID       string `json:"existingKeyId,omitempty"`
	ExistingKeyName     string `json:"existingKeyName,omitempty"`
	ExistingAccountID   string `json:"existingAccountId,omitempty"`
	ExistingAccountName string `json:"existingAccountName,omitempty"`
	// DuplicateOf is the ID of an account earlier in this scan with the same key.
	DuplicateOf string `json:"duplicateOf,omitempty"`

	// Blocker says why the account cannot be imported as it is; empty when it can.
	Blocker string `json:"blocker,omitempty"`
	// Notes are facts worth knowing that do not stop the import.
	Notes []string `json:"notes,omitempty"`
}

// Problem is a file or folder that could not be read; the rest of the scan still counts.
type Problem struct {
	Path   string `json:"path"`
	Tool   Tool   `json:"tool,omitempty"`
	Reason string `json:"reason"`
}

// Preview is what a scan found.
type Preview struct {
	Root     string    `json:"root"`
	Accounts []Found   `json:"accounts"`
	Problems []Problem `json:"problems"`
}

// Importer reads other clients' accounts into ACME Desk's services.
type Importer struct {
	db          *store.DB
	keys        *keys.Service
	cas         *cas.Service
	accounts    *accounts.Service
	credentials *credentials.Service
}

// New returns an importer over the backend services.
func New(db *store.DB, k *keys.Service, c *cas.Service, a *accounts.Service, creds *credentials.Service) *Importer {
	return &Importer{db: db, keys: k, cas: c, accounts: a, credentials: creds}
}

// Scan looks for lego, certbot and acme.sh accounts in root (a tool's whole
// folder, a parent of several, or one account's folder) and describes them.
// It stores nothing.
func (im *Importer) Scan(root string) (*Preview, error) {
	abs, err := checkRoot(root)
	if err != nil {
		return nil, err
	}
	found, problems, err := scanFolder(abs)
	if err != nil {
		return nil, err
	}
	p := &Preview{Root: abs, Accounts: []Found{}, Problems: problems}
	if p.Problems == nil {
		p.Problems = []Problem{}
	}
	if len(found) == 0 && len(problems) == 0 {
		return nil, apperr.Newf(apperr.CodeNotFound,
			"Choose the folder of lego (.lego), certbot (/etc/letsencrypt) or acme.sh (~/.acme.sh), a folder holding several, or one account's folder.",
			"No lego, certbot or acme.sh account was found in %s.", abs)
	}
	known, err := im.cas.List()
	if err != nil {
		return nil, err
	}
	state, err := im.loadState()
	if err != nil {
		return nil, err
	}
	byFingerprint := map[string]string{}
	for _, a := range found {
		f := a.describe(abs)
		matchCA(&f, a, known)
		state.mark(&f)
		if first, ok := byFingerprint[f.FingerprintSHA256]; ok {
			f.DuplicateOf = first
			f.Notes = append(f.Notes, "The same key as "+first+": one key is one account, so this one is merged into it.")
		} else {
			byFingerprint[f.FingerprintSHA256] = f.ID
		}
		p.Accounts = append(p.Accounts, f)
	}
	return p, nil
}

func checkRoot(root string) (string, error) {
	if strings.TrimSpace(root) == "" {
		return "", apperr.New(apperr.CodeInvalidInput, "Choose a folder to import from.", "")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", apperr.Wrap(err, apperr.CodeInvalidInput, "The folder path is not valid.", "")
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", apperr.Newf(apperr.CodeNotFound, "Check the path.", "The folder %s does not exist.", abs)
	case err != nil:
		return "", apperr.Wrap(err, apperr.CodeInvalidInput, "The folder "+abs+" cannot be read.", "Check that you may read it (certbot's folder usually needs root).")
	case !st.IsDir():
		return "", apperr.Newf(apperr.CodeInvalidInput, "Choose the folder that holds the account, not a file in it.", "%s is not a folder.", abs)
	}
	return abs, nil
}

// scanFolder walks root and reads every account folder it recognises.
func scanFolder(root string) ([]*account, []Problem, error) {
	var found []*account
	var problems []Problem
	folders := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return apperr.Wrap(err, apperr.CodeInvalidInput, "The folder "+root+" cannot be read.", "Check that you may read it (certbot's folder usually needs root).")
			}
			problems = append(problems, Problem{Path: path, Reason: "Cannot be read: " + osReason(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if folders++; folders > MaxFolders {
			problems = append(problems, Problem{Path: root, Reason: fmt.Sprintf("The scan stopped after %d folders; choose a folder closer to the accounts.", MaxFolders)})
			return fs.SkipAll
		}
		tool := detect(path)
		if tool == "" {
			return nil
		}
		a, probs := readAccount(tool, path)
		problems = append(problems, probs...)
		if a != nil {
			found = append(found, a)
		}
		if tool == ToolLego || tool == ToolCertbot {
			return fs.SkipDir // nothing more inside an account folder
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return found, problems, nil
}

// detect says which tool's account folder dir is, if any.
func detect(dir string) Tool {
	has := func(name string) bool { _, err := os.Lstat(filepath.Join(dir, name)); return err == nil }
	switch {
	case has("private_key.json") && (has("regr.json") || has("meta.json")):
		return ToolCertbot
	case has("account.key") && (has("ca.conf") || has("account.json")):
		return ToolAcmeSh
	case has("account.json") && has("keys"):
		return ToolLego
	}
	return ""
}

// osReason is an OS error in plain words, without repeating the path.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (it may need to be read as root)"
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist (a broken link?)"
	}
	return err.Error()
}

// readSmall reads a file of an account folder: a regular file (a named pipe
// would block the scan, a device never end), whole, of at most maxFileSize.
func readSmall(path string) ([]byte, error) {
	data, err := safefile.Read(path, maxFileSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular), errors.Is(err, safefile.ErrTooLarge):
		return nil, fmt.Errorf("it cannot be an account file (%v)", err)
	case err != nil:
		return nil, errors.New(osReason(err))
	}
	return data, nil
}

// describe turns what was read into what people see.
func (a *account) describe(root string) Found {
	rel, err := filepath.Rel(root, a.dir)
	if err != nil || rel == "." {
		rel = filepath.Base(a.dir)
	}
	contacts := a.contacts
	if contacts == nil {
		contacts = []string{}
	}
	return Found{
		ID: string(a.tool) + ":" + filepath.ToSlash(rel), Tool: a.tool, Path: a.dir,
		DirectoryURL: a.dirURL, Server: a.server, Contacts: contacts, KID: a.kid, Status: a.status,
		RegisteredAt: a.registeredAt, KeyAlgorithm: a.key.Algorithm, KeyLabel: a.key.Algorithm.Label(),
		KeyFormat: a.key.Format, FingerprintSHA256: a.identity.FingerprintSHA256, EABKeyID: a.eabKeyID,
		Notes: append([]string(nil), a.notes...),
	}
}

// matchCA finds the CA in ACME Desk that the account belongs to: by directory
// URL, or, when the files name only a host (lego, old acme.sh), by host.
func matchCA(f *Found, a *account, known []cas.CA) {
	if a.kid == "" {
		f.Blocker = "The files do not hold the account URL, so the account cannot be used as it is."
		return
	}
	// Both are stored, shown, and written into other clients' files on export.
	if err := urlcheck.HTTPS(a.kid); err != nil {
		f.Blocker = "The account URL in the files is not a valid https URL (" + err.Error() + "), so the account is not imported."
		return
	}
	if a.dirURL != "" && urlcheck.HTTPS(a.dirURL) != nil {
		f.Blocker = "The CA directory the files name is not a valid https URL, so the account is not imported."
		return
	}
	if a.dirURL != "" {
		for _, c := range known {
			if c.DirectoryURL != "" && sameURL(c.DirectoryURL, a.dirURL) {
				f.CAID, f.CAName = c.ID, c.Name
				return
			}
		}
		f.Blocker = fmt.Sprintf("No certificate authority in ACME Desk has the directory %s. Add it under Certificate Authorities (with its root certificate if it is private), then scan again.", a.dirURL)
		return
	}
	var candidates []cas.CA
	for _, c := range known {
		if u, err := url.Parse(c.DirectoryURL); err == nil && c.DirectoryURL != "" && strings.EqualFold(u.Host, a.host) {
			candidates = append(candidates, c)
		}
	}
	if len(candidates) > 1 {
		// Account URLs usually sit under the directory's path (e.g. /v2/DV/account/…).
		var under []cas.CA
		for _, c := range candidates {
			u, _ := url.Parse(c.DirectoryURL)
			if p := strings.TrimSuffix(u.Path, "/"); p != "" && strings.HasPrefix(kidPath(a.kid), p+"/") {
				under = append(under, c)
			}
		}
		if len(under) == 1 {
			candidates = under
		}
	}
	switch len(candidates) {
	case 0:
		f.Blocker = fmt.Sprintf("%s records only the CA's host (%s), and no certificate authority in ACME Desk is on that host. Add the CA under Certificate Authorities, then scan again.", a.tool, a.host)
	case 1:
		f.CAID, f.CAName, f.DirectoryURL = candidates[0].ID, candidates[0].Name, candidates[0].DirectoryURL
		f.Notes = append(f.Notes, fmt.Sprintf("%s records only the CA's host; %s is the one CA in ACME Desk on %s.", a.tool, candidates[0].Name, a.host))
	default:
		names := make([]string, len(candidates))
		for i, c := range candidates {
			names[i] = c.Name
			f.CACandidates = append(f.CACandidates, c.ID)
		}
		f.Blocker = fmt.Sprintf("%s records only the CA's host (%s), which several CAs share (%s): choose the CA when importing.", a.tool, a.host, strings.Join(names, ", "))
	}
}

func kidPath(kid string) string {
	u, err := url.Parse(kid)
	if err != nil {
		return ""
	}
	return u.Path
}

func sameURL(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(b, "/"))
}

// state is what ACME Desk already holds, to tell people what is new.
type state struct {
	keyByFingerprint map[string]keys.Key
	accountByKey     map[string]accounts.Account
	accountByKID     map[string]accounts.Account
}

func (im *Importer) loadState() (*state, error) {
	s := &state{keyByFingerprint: map[string]keys.Key{}, accountByKey: map[string]accounts.Account{}, accountByKID: map[string]accounts.Account{}}
	err := im.db.View(func(tx *store.Tx) error {
		ks, err := im.keys.ListIn(tx)
		if err != nil {
			return err
		}
		for _, k := range ks {
			s.keyByFingerprint[k.FingerprintSHA256] = k
		}
		as, err := im.accounts.ListIn(tx)
		if err != nil {
			return err
		}
		for _, a := range as {
			s.accountByKey[a.KeyID] = a
			if a.KID != "" {
				s.accountByKID[a.CAID+" "+a.KID] = a
			}
		}
		return nil
	})
	return s, err
}

func (s *state) mark(f *Found) {
	if k, ok := s.keyByFingerprint[f.FingerprintSHA256]; ok {
		f.ExistingKeyID, f.ExistingKeyName = k.ID, k.Name
		if a, ok := s.accountByKey[k.ID]; ok {
			f.ExistingAccountID, f.ExistingAccountName = a.ID, a.Name
		}
	}
	if f.ExistingAccountID == "" && f.CAID != "" {
		if a, ok := s.accountByKID[f.CAID+" "+f.KID]; ok {
			f.ExistingAccountID, f.ExistingAccountName = a.ID, a.Name
		}
	}
}
