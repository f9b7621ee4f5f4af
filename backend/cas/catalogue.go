// Package cas knows certificate authorities: a built-in catalogue of public
// ACME CAs, custom CAs people add (with an optional root certificate to trust,
// for private CAs), and their ACME directories, fetched and cached.
package cas

import (
	"regexp"
	"strings"

	"acmedesk/backend/apperr"
)

// Environment says whether a CA issues real certificates or test ones.
type Environment string

const (
	Production Environment = "production"
	Staging    Environment = "staging"
)

// Valid reports whether e is a known environment.
func (e Environment) Valid() bool { return e == Production || e == Staging }

// templatePlaceholder marks what to fill in a URL template.
const templatePlaceholder = "{alias}"

// builtins is the catalogue. Staging and production are separate entries:
// accounts and keys at one do not exist at the other.
var builtins = []CA{
	{
		ID: "letsencrypt", Name: "Let's Encrypt", Environment: Production,
		DirectoryURL: "https://acme-v02.api.letsencrypt.org/directory",
		Website:      "https://letsencrypt.org",
	},
	{
		ID: "letsencrypt-staging", Name: "Let's Encrypt (staging)", Environment: Staging,
		DirectoryURL: "https://acme-staging-v02.api.letsencrypt.org/directory",
		Website:      "https://letsencrypt.org/docs/staging-environment/",
	},
	{
		ID: "google", Name: "Google Trust Services", Environment: Production,
		DirectoryURL: "https://dv.acme-v02.api.pki.goog/directory",
		EABRequired:  true,
		EABHelp: "Create EAB credentials with Google Cloud's Public Certificate Authority API: enable it in a Google Cloud project, " +
			"then run `gcloud publicca external-account-keys create`. Guide: https://cloud.google.com/certificate-manager/docs/public-ca-tutorial",
		Website: "https://pki.goog",
	},
	{
		ID: "google-staging", Name: "Google Trust Services (staging)", Environment: Staging,
		DirectoryURL: "https://dv.acme-v02.test-api.pki.goog/directory",
		EABRequired:  true,
		EABHelp: "Staging EAB credentials come from the staging Public CA API: run " +
			"`gcloud config set api_endpoint_overrides/publicca https://preprod-publicca.googleapis.com/`, " +
			"then `gcloud publicca external-account-keys create`. Guide: https://cloud.google.com/certificate-manager/docs/public-ca-tutorial",
		Website: "https://pki.goog",
	},
	{
		ID: "zerossl", Name: "ZeroSSL", Environment: Production,
		DirectoryURL: "https://acme.zerossl.com/v2/DV90",
		EABRequired:  true,
		EABHelp: "In the ZeroSSL dashboard, Developer → EAB Credentials → Generate (https://app.zerossl.com/developer), " +
			"or with the ZeroSSL API and your access key: https://zerossl.com/documentation/acme/generate-eab-credentials/",
		Website: "https://zerossl.com",
	},
	{
		ID: "sslcom-rsa", Name: "SSL.com (RSA)", Environment: Production,
		DirectoryURL: "https://acme.ssl.com/sslcom-dv-rsa",
		EABRequired:  true,
		EABHelp:      sslcomHelp,
		Website:      "https://www.ssl.com",
	},
	{
		ID: "sslcom-ecc", Name: "SSL.com (ECC)", Environment: Production,
		DirectoryURL: "https://acme.ssl.com/sslcom-dv-ecc",
		EABRequired:  true,
		EABHelp:      sslcomHelp,
		Website:      "https://www.ssl.com",
	},
	{
		ID: "actalis", Name: "Actalis", Environment: Production,
		DirectoryURL: "https://acme-api.actalis.com/acme/directory",
		EABRequired:  true,
		EABHelp:      "Actalis gives the EAB key ID and HMAC key in its customer area once your ACME subscription is active: https://www.actalis.com",
		Website:      "https://www.actalis.com",
	},
	{
		ID: "digicert", Name: "DigiCert", Environment: Production,
		DirectoryURL: "https://acme.digicert.com/v2/acme/directory/",
		EABRequired:  true,
		EABHelp: "In DigiCert CertCentral (https://www.digicert.com/account/), Automation → ACME Directory URLs → Add ACME Directory URL: " +
			"it shows the key ID and HMAC key once. Partners can create them with the CertCentral Services API (POST /services/v2/key/acme-eab, https://dev.digicert.com).",
		Website: "https://www.digicert.com",
	},
	{
		ID: "sectigo-dv", Name: "Sectigo DV", Environment: Production,
		DirectoryURL: "https://acme.sectigo.com/v2/DV",
		EABRequired:  true, EABHelp: sectigoHelp, Website: "https://www.sectigo.com",
	},
	{
		ID: "sectigo-ov", Name: "Sectigo OV", Environment: Production,
		DirectoryURL: "https://acme.sectigo.com/v2/OV",
		EABRequired:  true, EABHelp: sectigoHelp, Website: "https://www.sectigo.com",
	},
	{
		ID: "sectigo-ev", Name: "Sectigo EV", Environment: Production,
		DirectoryURL: "https://acme.sectigo.com/v2/EV",
		EABRequired:  true, EABHelp: sectigoHelp, Website: "https://www.sectigo.com",
	},
	{
		ID: "harica", Name: "HARICA", Environment: Production,
		URLTemplate:   "https://acme.harica.gr/" + templatePlaceholder + "/directory",
		TemplateParam: "alias",
		EABRequired:   true,
		EABHelp: "In HARICA's Certificate Manager (https://cm.harica.gr), create an ACME account: " +
			"it shows your own directory URL (with your alias), the key ID and the HMAC key.",
		Website: "https://www.harica.gr",
	},
}

const (
	sslcomHelp = "Log in to your SSL.com account; on the Dashboard open \"api credentials\": the Account Key is the EAB key ID, next to the HMAC key. " +
		"Guide: https://www.ssl.com/guide/ssl-tls-certificate-issuance-and-revocation-with-acme/"
	sectigoHelp = "Sectigo gives the EAB key ID and HMAC key with an ACME-enabled order, or in Sectigo Certificate Manager under ACME accounts. " +
		"Ask your Sectigo account contact if you have neither: https://www.sectigo.com"
)

// Catalogue returns the built-in CAs, a copy the caller may change.
func Catalogue() []CA {
	out := make([]CA, len(builtins))
	for i, c := range builtins {
		c.BuiltIn = true
		out[i] = c
	}
	return out
}

func builtin(id string) (CA, bool) {
	for _, c := range Catalogue() {
		if c.ID == id {
			return c, true
		}
	}
	return CA{}, false
}

var aliasPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// ExpandTemplate fills the alias of a built-in CA whose directory URL is per
// customer (HARICA) and returns the input for AddCustom. value may be the alias
// or the whole directory URL the CA gave.
func ExpandTemplate(id, value string) (CustomInput, error) {
	c, ok := builtin(id)
	if !ok || c.URLTemplate == "" {
		return CustomInput{}, apperr.New(apperr.CodeInvalidInput, "This CA has a fixed directory URL; nothing to fill in.", "")
	}
	value = strings.TrimSpace(value)
	prefix, suffix, _ := strings.Cut(c.URLTemplate, templatePlaceholder)
	if inner, ok := strings.CutPrefix(value, prefix); ok {
		value = strings.TrimSuffix(strings.TrimSuffix(inner, "/"), strings.TrimSuffix(suffix, "/"))
	}
	if !aliasPattern.MatchString(value) || strings.Contains(value, "..") {
		return CustomInput{}, apperr.Newf(apperr.CodeInvalidInput,
			"Enter the "+c.TemplateParam+" from your directory URL "+c.URLTemplate+" (letters, digits, '.', '_' and '-').",
			"That is not a valid %s for %s.", c.TemplateParam, c.Name)
	}
	return CustomInput{
		Name:         c.Name + " (" + value + ")",
		DirectoryURL: prefix + value + suffix,
		Environment:  c.Environment,
		BasedOn:      c.ID,
	}, nil
}
