// Package exporters writes a stored ACME account in the on-disk layout of
// another client — lego, certbot, acme.sh — so that client uses it as its own
// account (no new registration), and as a Kubernetes cert-manager snippet.
//
// Every function here writes the private key: the callers go through Export,
// which takes the key from keys.Service.Export and so is refused unless the key
// allows export. Files are written owner-only (0600) in owner-only folders
// (0700), and an existing file is never overwritten.
package exporters

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/registration"
	"github.com/go-jose/go-jose/v4"

	"acmedesk/backend/accounts"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/credentials"
	"acmedesk/backend/keys"
	"acmedesk/backend/textfield"
)

// Format is a client an account can be exported to.
type Format string

const (
	FormatLego        Format = "lego"
	FormatCertbot     Format = "certbot"
	FormatAcmeSh      Format = "acmesh"
	FormatCertManager Format = "cert-manager"
)

// Formats lists the export formats.
var Formats = []Format{FormatLego, FormatCertbot, FormatAcmeSh, FormatCertManager}

// legoNoEmail is the folder lego uses for an account without e-mail (cmd/accounts_storage.go).
const legoNoEmail = "noemail@example.com"

// CertManagerFile is the file Export writes the cert-manager snippet to.
const CertManagerFile = "cert-manager.yaml"

// Service exports stored accounts.
type Service struct {
	Keys        *keys.Service
	CAs         *cas.Service
	Accounts    *accounts.Service
	Credentials *credentials.Service
}

// Result says what an export wrote. It holds no secret.
type Result struct {
	Format Format `json:"format"`
	// Dir is the folder to hand to the client (lego --path, certbot --config-dir, acme.sh --home).
	Dir   string   `json:"dir"`
	Files []string `json:"files"`
	// Hints say how to use the export.
	Hints []string `json:"hints,omitempty"`
}

// Check says whether account accountID can be exported in format, before a
// folder is asked for: registered, a known format, a key that allows export
// and that the format's client supports.
func (s *Service) Check(accountID string, format Format) error {
	_, _, err := s.exportable(accountID, format)
	return err
}

func (s *Service) exportable(accountID string, format Format) (*accounts.Account, *cas.Details, error) {
	acc, err := s.Accounts.Get(accountID)
	if err != nil {
		return nil, nil, err
	}
	if acc.KID == "" {
		return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Register the account first; only a registered account can be handed to another client.",
			"Account %q is not registered at its CA.", acc.Name)
	}
	switch format {
	case FormatLego, FormatCertbot, FormatAcmeSh, FormatCertManager:
	default:
		return nil, nil, apperr.Newf(apperr.CodeInvalidInput, "Choose lego, certbot, acmesh or cert-manager.", "%q is not an export format.", textfield.Truncate(string(format), 30))
	}
	key, err := s.Keys.Get(acc.KeyID)
	if err != nil {
		return nil, nil, err
	}
	if !key.AllowExport {
		return nil, nil, apperr.Newf(apperr.CodeForbidden, "Turn on \"Allow export\" for key %q first (Keys), if you really need it outside ACME Desk.",
			"Key %q does not allow export.", key.Name)
	}
	if format == FormatCertbot && !strings.HasPrefix(string(key.Algorithm), "rsa") {
		return nil, nil, errCertbotRSAOnly
	}
	ca, err := s.CAs.Get(acc.CAID)
	if err != nil {
		return nil, nil, err
	}
	return acc, ca, nil
}

var errCertbotRSAOnly = apperr.New(apperr.CodeUnsupported, "certbot only supports RSA account keys; this account's key is not RSA.",
	"Export it to lego or acme.sh instead, or use an account with an RSA key for certbot.")

// Export writes account accountID in format under dir. The key must allow
// export; the caller has confirmed.
func (s *Service) Export(_ context.Context, accountID string, format Format, dir string) (*Result, error) {
	acc, ca, err := s.exportable(accountID, format)
	if err != nil {
		return nil, err
	}
	pemKey, err := s.Keys.Export(acc.KeyID, keys.FormatPEM)
	if err != nil {
		return nil, err
	}
	key, err := parsePKCS8(pemKey)
	clear(pemKey)
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatLego:
		return Lego(acc, key, &ca.CA, dir)
	case FormatCertbot:
		return Certbot(acc, key, &ca.CA, dir, time.Now())
	case FormatAcmeSh:
		return AcmeSh(acc, key, &ca.CA, dir)
	}
	var eab *EAB
	if acc.EABCredentialID != "" {
		if c, err := s.Credentials.Get(acc.EABCredentialID); err == nil {
			eab = &EAB{KeyID: c.Fields[credentials.EABKeyID]}
		}
	}
	text, err := CertManager(acc, key, &ca.CA, eab)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, CertManagerFile)
	if err := mkdirs(dir); err != nil {
		return nil, err
	}
	if err := writeNew(path, []byte(text)); err != nil {
		return nil, err
	}
	return &Result{Format: format, Dir: dir, Files: []string{path}, Hints: []string{"kubectl apply -f " + shellWord(path)}}, nil
}

func parsePKCS8(pemKey []byte) (crypto.Signer, error) {
	b, _ := pem.Decode(pemKey)
	if b == nil {
		return nil, apperr.New(apperr.CodeInternal, "The key could not be read for export.", "")
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	clear(b.Bytes)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.CodeInternal, "The key could not be read for export.", "")
	}
	return k.(crypto.Signer), nil
}

// --- lego: <path>/accounts/<host_port>/<email>/{account.json, keys/<email>.key}

// Lego writes the account as lego v4's CLI keeps it under its --path dir.
func Lego(acc *accounts.Account, key crypto.Signer, ca *cas.CA, dir string) (*Result, error) {
	u, err := directory(ca)
	if err != nil {
		return nil, err
	}
	email := legoNoEmail
	if len(acc.Contacts) > 0 {
		email = acc.Contacts[0]
	}
	if err := safeName(email); err != nil {
		return nil, err
	}
	serverPath := strings.NewReplacer(":", "_", "/", string(os.PathSeparator)).Replace(u.Host)
	userDir := filepath.Join(dir, "accounts", serverPath, email)
	keyPEM, err := traditionalPEM(key)
	if err != nil {
		return nil, err
	}
	type legoAccount struct {
		Email        string                 `json:"email"`
		Registration *registration.Resource `json:"registration"`
	}
	body := acme.Account{Status: string(orValid(acc.Status)), Contact: mailtos(acc.Contacts)}
	if acc.TermsOfService != "" {
		body.TermsOfServiceAgreed = true
	}
	accountEmail := ""
	if len(acc.Contacts) > 0 {
		accountEmail = email
	}
	js, err := json.MarshalIndent(legoAccount{Email: accountEmail, Registration: &registration.Resource{Body: body, URI: acc.KID}}, "", "\t")
	if err != nil {
		return nil, err
	}
	files := []file{
		{filepath.Join(userDir, "account.json"), js},
		{filepath.Join(userDir, "keys", email+".key"), keyPEM},
	}
	if err := writeAll(files); err != nil {
		return nil, err
	}
	hint := fmt.Sprintf("lego --path %s --server %s", shellWord(dir), shellWord(ca.DirectoryURL))
	if accountEmail != "" {
		hint += " --email " + shellWord(accountEmail)
	}
	return &Result{Format: FormatLego, Dir: dir, Files: names(files), Hints: []string{hint + " …"}}, nil
}

// --- certbot: <config-dir>/accounts/<host[:port]>/<directory path>/<id>/{private_key.json, regr.json, meta.json}

// CertbotAccountID is certbot's account id: the MD5 of the public key's PEM (SubjectPublicKeyInfo).
func CertbotAccountID(pub crypto.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	return fmt.Sprintf("%x", sum), nil
}

// Certbot writes the account as certbot (2.x) keeps it under its --config-dir dir.
// certbot only supports RSA account keys.
func Certbot(acc *accounts.Account, key crypto.Signer, ca *cas.CA, dir string, created time.Time) (*Result, error) {
	if _, ok := key.(*rsa.PrivateKey); !ok {
		return nil, errCertbotRSAOnly
	}
	u, err := directory(ca)
	if err != nil {
		return nil, err
	}
	id, err := CertbotAccountID(key.Public())
	if err != nil {
		return nil, err
	}
	// certbot's server_path: netloc + path, "/" as the separator.
	serverPath := filepath.FromSlash(strings.Trim(u.Host+u.EscapedPath(), "/"))
	accDir := filepath.Join(dir, "accounts", serverPath, id)
	jwk, err := (&jose.JSONWebKey{Key: key}).MarshalJSON()
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	// Written as certbot's json_dumps writes them (Python's default separators); certbot 2.x keeps an empty body.
	regr := fmt.Sprintf(`{"body": {}, "uri": %s}`, quote(acc.KID))
	meta := fmt.Sprintf(`{"creation_dt": %s, "creation_host": %s}`, quote(created.UTC().Format("2006-01-02T15:04:05Z")), quote(host))
	files := []file{
		{filepath.Join(accDir, "private_key.json"), jwk},
		{filepath.Join(accDir, "regr.json"), []byte(regr)},
		{filepath.Join(accDir, "meta.json"), []byte(meta)},
	}
	if err := writeAll(files); err != nil {
		return nil, err
	}
	return &Result{Format: FormatCertbot, Dir: dir, Files: names(files),
		Hints: []string{fmt.Sprintf("certbot --config-dir %s --server %s …", shellWord(dir), shellWord(ca.DirectoryURL))}}, nil
}

// --- acme.sh: <home>/ca/<host>/<path>/{account.key, account.json, ca.conf}

// AcmeSh writes the account as acme.sh keeps it under its home dir.
func AcmeSh(acc *accounts.Account, key crypto.Signer, ca *cas.CA, dir string) (*Result, error) {
	u, err := directory(ca)
	if err != nil {
		return nil, err
	}
	// acme.sh names the folder after the host (without the port) and the directory path.
	segs := []string{u.Hostname()}
	for _, s := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if s != "" {
			if err := safeName(s); err != nil {
				return nil, err
			}
			segs = append(segs, s)
		}
	}
	caDir := filepath.Join(append([]string{dir, "ca"}, segs...)...)
	keyPEM, err := traditionalPEM(key)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(acme.Account{Status: string(orValid(acc.Status)), Contact: mailtos(acc.Contacts)})
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(keyPEM)
	conf := "ACCOUNT_URL=" + acmeShValue(acc.KID) + "\nCA_KEY_HASH=" + acmeShValue(base64.StdEncoding.EncodeToString(sum[:])) + "\n"
	files := []file{
		{filepath.Join(caDir, "account.key"), keyPEM},
		{filepath.Join(caDir, "account.json"), body},
		{filepath.Join(caDir, "ca.conf"), []byte(conf)},
	}
	if err := writeAll(files); err != nil {
		return nil, err
	}
	return &Result{Format: FormatAcmeSh, Dir: dir, Files: names(files),
		Hints: []string{fmt.Sprintf("acme.sh --home %s --server %s …", shellWord(dir), shellWord(ca.DirectoryURL))}}, nil
}

// acmeShValue is how a value is written into a file acme.sh sources with a
// shell (often as root, from cron): in single quotes, and, unless it is made
// only of characters that mean nothing to a shell, in acme.sh's own base64
// form, which acme.sh decodes and a shell reads as an inert word. No value can
// run a command, end the quoting or start another line.
func acmeShValue(v string) string {
	if v != "" && strings.Trim(v, acmeShPlain) == "" {
		return "'" + v + "'"
	}
	return "'" + acmeShBase64Start + base64.StdEncoding.EncodeToString([]byte(v)) + acmeShBase64End + "'"
}

// shellWord writes s as one word of a command people copy into a shell: as
// it is when nothing in it means anything to a shell, else in single quotes.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, acmeShPlain) == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

const (
	acmeShPlain       = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:/._~%?&=+,@-"
	acmeShBase64Start = "__ACME_BASE64__START_"
	acmeShBase64End   = "__ACME_BASE64__END_"
)

// --- cert-manager

// EAB is what the cert-manager snippet says about the account's external account binding.
// HMAC is put in only when the caller was explicitly asked to; otherwise a placeholder.
type EAB struct {
	KeyID string
	HMAC  string
}

// CertManager returns YAML: a Secret with the account key (PEM) and a
// ClusterIssuer using it; with EAB, a second Secret for the HMAC key that the
// issuer's externalAccountBinding refers to.
func CertManager(acc *accounts.Account, key crypto.Signer, ca *cas.CA, eab *EAB) (string, error) {
	if _, err := directory(ca); err != nil {
		return "", err
	}
	keyPEM, err := traditionalPEM(key)
	if err != nil {
		return "", err
	}
	name := k8sName(acc.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "# ACME Desk export of account %q (%s)\n", acc.Name, acc.KID)
	b.WriteString("# This Secret holds the account's private key: keep this file as secret as the key.\n")
	b.WriteString("apiVersion: v1\nkind: Secret\nmetadata:\n")
	fmt.Fprintf(&b, "  name: %s-account-key\n  namespace: cert-manager\ntype: Opaque\nstringData:\n  tls.key: |\n", name)
	for _, line := range strings.Split(strings.TrimRight(string(keyPEM), "\n"), "\n") {
		b.WriteString("    " + line + "\n")
	}
	if eab != nil {
		b.WriteString("---\napiVersion: v1\nkind: Secret\nmetadata:\n")
		fmt.Fprintf(&b, "  name: %s-eab\n  namespace: cert-manager\ntype: Opaque\nstringData:\n", name)
		if eab.HMAC != "" {
			fmt.Fprintf(&b, "  secret: %s\n", quote(eab.HMAC))
		} else {
			b.WriteString("  # Put the EAB HMAC key (base64url, as the CA gave it) here; ACME Desk does not write it to files.\n")
			b.WriteString("  secret: \"REPLACE-WITH-EAB-HMAC-KEY\"\n")
		}
	}
	b.WriteString("---\napiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n")
	fmt.Fprintf(&b, "  name: %s\nspec:\n  acme:\n", name)
	fmt.Fprintf(&b, "    server: %s\n", quote(ca.DirectoryURL))
	if len(acc.Contacts) > 0 {
		fmt.Fprintf(&b, "    email: %s\n", quote(acc.Contacts[0]))
	}
	fmt.Fprintf(&b, "    privateKeySecretRef:\n      name: %s-account-key\n", name)
	if eab != nil {
		fmt.Fprintf(&b, "    externalAccountBinding:\n      keyID: %s\n      keySecretRef:\n        name: %s-eab\n        key: secret\n", quote(eab.KeyID), name)
	}
	b.WriteString("    solvers:\n      # Add your solvers here, e.g.:\n      - http01:\n          ingress: {}\n")
	return b.String(), nil
}

// --- helpers

type file struct {
	path string
	data []byte
}

func names(fs []file) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.path
	}
	return out
}

// writeAll refuses when any file exists already, then writes them all; on a
// failure it removes what it wrote.
func writeAll(files []file) error {
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			return apperr.Newf(apperr.CodeConflict, "Choose an empty folder, or move the existing files away first.",
				"%s already exists; ACME Desk does not overwrite it.", f.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write to that folder.", "Choose a folder you can write to.")
		}
	}
	var written []string
	for _, f := range files {
		err := mkdirs(filepath.Dir(f.path))
		if err == nil {
			err = writeNew(f.path, f.data)
		}
		if err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			return err
		}
		written = append(written, f.path)
	}
	return nil
}

// mkdirs creates dir and its missing parents owner-only.
func mkdirs(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot create the export folder.", "Choose a folder you can write to.")
	}
	return nil
}

// writeNew writes data to a new file readable by its owner only.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write the exported file.", "Choose an empty folder you can write to.")
	}
	if err = f.Chmod(0o600); err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return apperr.Wrap(err, apperr.CodeInvalidInput, "Cannot write the exported file.", "Choose another place.")
	}
	return nil
}

func directory(ca *cas.CA) (*url.URL, error) {
	u, err := url.Parse(ca.DirectoryURL)
	if err != nil || ca.DirectoryURL == "" || u.Host == "" {
		return nil, apperr.New(apperr.CodeInvalidInput, "The account's CA has no usable directory URL.", "Check the CA in Settings.")
	}
	return u, nil
}

// safeName refuses what cannot be one folder or file name.
func safeName(s string) error {
	if s == "" || s == "." || s == ".." || strings.ContainsAny(s, `/\`+"\x00") {
		return apperr.Newf(apperr.CodeInvalidInput, "", "%q cannot be used as a folder name.", textfield.Truncate(s, 60))
	}
	return nil
}

// traditionalPEM encodes the key as lego and acme.sh write keys: SEC1 for EC, PKCS#1 for RSA.
func traditionalPEM(key crypto.Signer) ([]byte, error) {
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		der, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			return nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), nil
	case *rsa.PrivateKey:
		return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}), nil
	}
	return nil, apperr.New(apperr.CodeUnsupported, "This key type cannot be exported to that client.", "")
}

func mailtos(contacts []string) []string {
	var out []string
	for _, c := range contacts {
		out = append(out, "mailto:"+c)
	}
	return out
}

func orValid(s accounts.Status) accounts.Status {
	if s == "" || s == accounts.StatusUnregistered {
		return accounts.StatusValid
	}
	return s
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// k8sName makes a Kubernetes object name (RFC 1123 label) from an account name.
func k8sName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		s = "acme-account"
	}
	return "acmedesk-" + s
}
