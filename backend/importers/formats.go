package importers

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/keys"
)

// account is what was read from one account folder, secrets included: it never
// leaves this package.
type account struct {
	tool         Tool
	dir          string
	keyFile      string
	keyBytes     []byte // the key file as it is on disk (secret)
	key          *keys.Parsed
	identity     keys.Identity
	kid          string
	contacts     []string
	status       string
	registeredAt *time.Time
	dirURL       string // the CA's directory, when the layout tells
	host         string // the CA's host[:port], when only that is known
	server       string // for people
	eabKeyID     string
	eabHMAC      string // secret
	notes        []string
}

// acmeAccount is the part of an RFC 8555 account object the tools keep.
type acmeAccount struct {
	Status  string   `json:"status"`
	Contact []string `json:"contact"`
}

func readAccount(tool Tool, dir string) (*account, []Problem) {
	switch tool {
	case ToolCertbot:
		return readCertbot(dir)
	case ToolLego:
		return readLego(dir)
	case ToolAcmeSh:
		return readAcmeSh(dir)
	}
	return nil, nil
}

func problem(tool Tool, path, reason string) Problem {
	return Problem{Path: path, Tool: tool, Reason: reason}
}

// readKey reads and parses an account key file. Its problems name the file and
// say what is wrong, never what is in it.
func (a *account) readKey(path string) *Problem {
	raw, err := readSmall(path)
	if err != nil {
		p := problem(a.tool, path, "The account key cannot be read: "+err.Error())
		return &p
	}
	parsed, err := keys.Parse(raw, "")
	if err != nil {
		e := apperr.From(err)
		reason := "The account key cannot be used: " + e.Message
		if e.Hint != "" {
			reason += " " + e.Hint
		}
		p := problem(a.tool, path, reason)
		return &p
	}
	id, err := keys.Identify(parsed.Key.Public())
	if err != nil {
		p := problem(a.tool, path, "The account key's fingerprint cannot be computed.")
		return &p
	}
	a.keyFile, a.keyBytes, a.key, a.identity = path, raw, parsed, id
	return nil
}

// readJSON decodes a small JSON file; the reason never quotes the file.
func readJSON(path string, v any) error {
	raw, err := readSmall(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return fmt.Errorf("it is not valid JSON (broken at byte %d)", syn.Offset)
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return fmt.Errorf("it is JSON of an unexpected shape (%q is not a %s)", typ.Field, typ.Type)
		}
		return errors.New("it is not valid JSON")
	}
	return nil
}

// contactsOf turns RFC 8555 contact URLs into e-mail addresses.
func (a *account) contactsOf(urls []string) []string {
	var out []string
	for _, c := range urls {
		c = strings.TrimSpace(c)
		if addr, ok := strings.CutPrefix(c, "mailto:"); ok {
			if addr = strings.TrimSpace(addr); addr != "" {
				out = append(out, addr)
			}
		} else if c != "" {
			a.notes = append(a.notes, fmt.Sprintf("The contact %q is not an e-mail address and is left out.", c))
		}
	}
	return out
}

// segmentsAfter returns the path segments of dir after the last one named
// name, and the folder holding that one; false if there is none.
func segmentsAfter(dir, name string) (segs []string, parent string, ok bool) {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(dir)), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == name {
			return parts[i+1:], filepath.FromSlash(strings.Join(parts[:i], "/")), true
		}
	}
	return nil, "", false
}

var portSuffix = regexp.MustCompile(`^(.+)_([0-9]{1,5})$`)

// hostFromFolder undoes the "host_port" spelling lego (always) and certbot
// (on Windows) use for "host:port" in folder names.
func hostFromFolder(name string) string {
	if m := portSuffix.FindStringSubmatch(name); m != nil {
		return m[1] + ":" + m[2]
	}
	return name
}

// --- certbot: accounts/<host[:port]>/<directory path>/<id>/{private_key.json,regr.json,meta.json}

func readCertbot(dir string) (*account, []Problem) {
	a := &account{tool: ToolCertbot, dir: dir}
	var problems []Problem
	if p := a.readKey(filepath.Join(dir, "private_key.json")); p != nil {
		return nil, append(problems, *p)
	}
	var regr struct {
		Body *acmeAccount `json:"body"`
		URI  string       `json:"uri"`
	}
	regrPath := filepath.Join(dir, "regr.json")
	if err := readJSON(regrPath, &regr); err != nil {
		return nil, append(problems, problem(a.tool, regrPath, "The registration file cannot be read, so the account URL is unknown: "+err.Error()))
	}
	if regr.URI == "" {
		return nil, append(problems, problem(a.tool, regrPath, "The registration file holds no account URL (\"uri\")."))
	}
	a.kid = regr.URI
	if regr.Body != nil {
		a.status = regr.Body.Status
		a.contacts = a.contactsOf(regr.Body.Contact)
	}
	if len(a.contacts) == 0 {
		a.notes = append(a.notes, "certbot does not keep the account's contact address locally; refresh the account at its CA after importing to see it.")
	}
	var meta struct {
		CreationDT string `json:"creation_dt"`
	}
	metaPath := filepath.Join(dir, "meta.json")
	if _, err := os.Lstat(metaPath); err == nil {
		if err := readJSON(metaPath, &meta); err != nil {
			problems = append(problems, problem(a.tool, metaPath, "The account's metadata cannot be read (the account is still imported, without its creation date): "+err.Error()))
		} else if t, err := time.Parse(time.RFC3339, meta.CreationDT); err == nil && t.UTC().Year() >= 1 && t.UTC().Year() <= 9999 {
			// In UTC, years outside 1–9999 cannot be written as JSON (to the window, to the store): taken as no date.
			t = t.UTC()
			a.registeredAt = &t
		}
	}
	segs, _, ok := segmentsAfter(filepath.Dir(dir), "accounts")
	if !ok || len(segs) == 0 {
		a.notes = append(a.notes, "The folder is not inside certbot's accounts folder, so the CA's directory is unknown.")
		a.server = "unknown"
		a.host = hostOf(a.kid)
		return a, problems
	}
	host := segs[0]
	if !strings.Contains(host, ":") {
		if h := hostFromFolder(host); h != host && strings.EqualFold(h, hostOf(a.kid)) {
			host = h
		}
	}
	a.dirURL = "https://" + host + "/" + strings.Join(segs[1:], "/")
	a.server = host + "/" + strings.Join(segs[1:], "/")
	return a, problems
}

func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// --- lego: accounts/<host[_port]>/<email>/{account.json, keys/<email>.key}

func readLego(dir string) (*account, []Problem) {
	a := &account{tool: ToolLego, dir: dir}
	var problems []Problem
	userID := filepath.Base(dir)
	keyPath := filepath.Join(dir, "keys", userID+".key")
	if _, err := os.Lstat(keyPath); err != nil {
		// lego names the key after the account folder; take the one key there is otherwise.
		matches, _ := filepath.Glob(filepath.Join(dir, "keys", "*.key"))
		if len(matches) != 1 {
			return nil, append(problems, problem(a.tool, filepath.Join(dir, "keys"), fmt.Sprintf("The account key %s.key is missing.", userID)))
		}
		keyPath = matches[0]
	}
	if p := a.readKey(keyPath); p != nil {
		return nil, append(problems, *p)
	}
	var acc struct {
		Email        string `json:"email"`
		Registration *struct {
			Body acmeAccount `json:"body"`
			URI  string      `json:"uri"`
		} `json:"registration"`
	}
	accPath := filepath.Join(dir, "account.json")
	if err := readJSON(accPath, &acc); err != nil {
		return nil, append(problems, problem(a.tool, accPath, "The account file cannot be read: "+err.Error()))
	}
	if acc.Registration == nil || acc.Registration.URI == "" {
		return nil, append(problems, problem(a.tool, accPath, "The account file holds no registration: lego did not finish registering this account."))
	}
	a.kid = acc.Registration.URI
	a.status = acc.Registration.Body.Status
	a.contacts = a.contactsOf(acc.Registration.Body.Contact)
	if len(a.contacts) == 0 && acc.Email != "" {
		a.contacts = []string{acc.Email}
	}
	a.host = strings.ToLower(hostFromFolder(filepath.Base(filepath.Dir(dir))))
	a.server = a.host
	if kh := hostOf(a.kid); kh != "" && kh != a.host && !strings.EqualFold(strings.Split(kh, ":")[0], a.host) {
		a.notes = append(a.notes, fmt.Sprintf("The account URL is on %s, but lego filed the account under %s.", kh, a.host))
	}
	return a, problems
}

// --- acme.sh: ca/<host>/<directory path>/{account.key, account.json, ca.conf}
// (older versions: ca/<host>/; deactivated accounts: .../deactivated/<id>/)

const (
	b64Start = "__ACME_BASE64__START_"
	b64End   = "__ACME_BASE64__END_"
)

// readShellConf reads acme.sh's KEY='value' files. Values are never quoted in
// errors: ca.conf holds the EAB HMAC key.
func readShellConf(raw []byte) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), maxFileSize)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '\'' || value[0] == '"') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		}
		out[key] = decodeB64Value(value)
	}
	return out
}

// decodeB64Value unwraps __ACME_BASE64__START_<base64>__ACME_BASE64__END_.
func decodeB64Value(v string) string {
	inner, ok := strings.CutPrefix(v, b64Start)
	if !ok {
		return v
	}
	inner, ok = strings.CutSuffix(inner, b64End)
	if !ok {
		return v
	}
	dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(inner))
	if err != nil {
		return v
	}
	return strings.TrimRight(string(dec), "\r\n")
}

func readAcmeSh(dir string) (*account, []Problem) {
	a := &account{tool: ToolAcmeSh, dir: dir}
	var problems []Problem
	if p := a.readKey(filepath.Join(dir, "account.key")); p != nil {
		return nil, append(problems, *p)
	}
	confPath := filepath.Join(dir, "ca.conf")
	raw, err := readSmall(confPath)
	if err != nil {
		return nil, append(problems, problem(a.tool, confPath, "The CA settings file cannot be read, so the account URL is unknown: "+err.Error()))
	}
	conf := readShellConf(raw)
	a.kid = conf["ACCOUNT_URL"]
	if a.kid == "" {
		return nil, append(problems, problem(a.tool, confPath, "The CA settings hold no ACCOUNT_URL: acme.sh did not finish registering this account."))
	}
	if want := conf["CA_KEY_HASH"]; want != "" {
		sum := sha256.Sum256(a.keyBytes)
		if base64.StdEncoding.EncodeToString(sum[:]) != want {
			a.notes = append(a.notes, "account.key changed after acme.sh registered (CA_KEY_HASH differs); verify the account at its CA after importing.")
		}
	}
	a.eabKeyID, a.eabHMAC = conf["CA_EAB_KEY_ID"], conf["CA_EAB_HMAC_KEY"]
	if (a.eabKeyID == "") != (a.eabHMAC == "") {
		a.notes = append(a.notes, "ca.conf holds only half of an EAB credential; it is left out.")
		a.eabKeyID, a.eabHMAC = "", ""
	}

	jsonPath := filepath.Join(dir, "account.json")
	if _, err := os.Lstat(jsonPath); err == nil {
		var body acmeAccount
		if err := readJSON(jsonPath, &body); err != nil {
			problems = append(problems, problem(a.tool, jsonPath, "The account details cannot be read (the account is still imported, without contacts): "+err.Error()))
		} else {
			a.status = body.Status
			a.contacts = a.contactsOf(body.Contact)
		}
	}

	segs, home, ok := segmentsAfter(dir, "ca")
	if ok && len(segs) >= 2 && segs[len(segs)-2] == "deactivated" {
		segs = segs[:len(segs)-2]
		a.status = "deactivated"
		a.notes = append(a.notes, "acme.sh moved this account aside as deactivated.")
	}
	if len(a.contacts) == 0 && ok {
		// ~/.acme.sh/account.conf keeps the e-mail given to acme.sh for all its accounts.
		if raw, err := readSmall(filepath.Join(home, "account.conf")); err == nil {
			if email := readShellConf(raw)["ACCOUNT_EMAIL"]; email != "" {
				a.contacts = []string{email}
			}
		}
	}
	if !ok || len(segs) == 0 {
		a.host = hostOf(a.kid)
		a.server = a.host
		a.notes = append(a.notes, "The folder is not inside acme.sh's ca folder, so the CA is matched by the account URL's host.")
		return a, problems
	}
	// acme.sh drops the port from the folder name; the account URL still has it.
	host := segs[0]
	if kh := hostOf(a.kid); kh != "" && strings.EqualFold(strings.Split(kh, ":")[0], host) {
		host = kh
	}
	if len(segs) == 1 {
		a.host, a.server = strings.ToLower(host), host // acme.sh before 2.9 kept only the host
		return a, problems
	}
	a.dirURL = "https://" + host + "/" + strings.Join(segs[1:], "/")
	a.server = host + "/" + strings.Join(segs[1:], "/")
	return a, problems
}
