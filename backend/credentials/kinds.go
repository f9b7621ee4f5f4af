package credentials

//go:generate go run ./internal/gendns -o dnsproviders_gen.go

import (
	"sort"
	"strings"

	"acmedesk/backend/apperr"
	"acmedesk/backend/urlcheck"
)

// FieldType says how the UI edits a field and how it is checked.
type FieldType string

const (
	TypeText FieldType = "text"
	TypeDate FieldType = "date" // RFC 3339: 2027-06-03 or 2027-06-03T00:00:00Z
	TypeBool FieldType = "bool" // "true" or "false"
	TypeInt  FieldType = "int"  // a positive whole number
	TypeCA   FieldType = "ca"   // the id of a CA in ACME Desk: forms offer the CAs to pick from, never a free text
)

// Field describes one value of a credential kind.
type Field struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Secret fields are sealed in the vault and only shown when people ask to reveal them.
	Secret   bool      `json:"secret"`
	Optional bool      `json:"optional"`
	Help     string    `json:"help,omitempty"`
	Type     FieldType `json:"type,omitempty"` // "" is text
	// AliasOf names the field this one stands for (lego's CLOUDFLARE_EMAIL for CF_API_EMAIL):
	// setting either satisfies a requirement of the other.
	AliasOf string `json:"aliasOf,omitempty"`
	// Advanced fields (aliases, and lego's additional settings such as polling
	// interval, TTL, timeouts, base URL) are folded away in forms: few need them.
	Advanced bool `json:"advanced,omitempty"`
}

// Kind is a kind of credential with its fields, for the UI and for validation.
type Kind struct {
	ID    string `json:"id"`    // "password", "eab", "dns:cloudflare"…
	Group string `json:"group"` // "general", "acme" or "dns"
	Label string `json:"label"`
	Help  string `json:"help,omitempty"`
	URL   string `json:"url,omitempty"`
	// Fields in the order to show them.
	Fields []Field `json:"fields"`
	// AnyOf, when set, lists alternative sets of fields of which one complete set is needed
	// (e.g. an API token, or an email and a global API key). The fields' own Optional
	// flags are then all true.
	AnyOf [][]string `json:"anyOf,omitempty"`
}

// Kind ids of the fixed kinds.
const (
	KindPassword           = "password"
	KindTokenPair          = "token_pair"
	KindAPIToken           = "api_token"
	KindEAB                = "eab"
	KindDigiCertPartnerKey = "digicert_partner_key"
	KindZeroSSLAccessKey   = "zerossl_access_key"
	// DNSPrefix starts the kind of a DNS provider credential: "dns:" + lego's provider code.
	DNSPrefix = "dns:"
)

// Field names of the EAB kind, used by the rotation flow and the accounts service.
const (
	EABCAID         = "ca_id"
	EABDirectoryURL = "directory_url"
	EABKeyID        = "key_id"
	EABHMACKey      = "hmac_key"
	EABExpiresAt    = "expires_at"
	EABSingleUse    = "single_use"
)

// Field names of the CA API key kinds.
const (
	DigiCertContractID = "acme_contract_id"
	DigiCertAPIKey     = "api_key"
	ZeroSSLAccessKey   = "access_key"
	// APIBaseURL, optional, points the API client elsewhere (regional endpoints,
	// tests). The key is sent there, so it must pass CheckAPIBaseURL.
	APIBaseURL = "api_base_url"
)

// CheckAPIBaseURL refuses an API base URL that a CA API key (or an e-mail
// address) may not be sent to: anything urlcheck.HTTPS refuses (not https://,
// no host, a user name or password, a fragment), and a query, since the API's
// paths are added to its end. The value is not repeated in the error: it may
// hold a password.
func CheckAPIBaseURL(v string) error {
	if urlcheck.HTTPS(v) != nil || strings.Contains(v, "?") { // the fragment is refused, so any '?' starts a query
		return apperr.New(apperr.CodeInvalidInput,
			"The API base URL must be an https:// address with a host name, and no user name, password, query or fragment.",
			"Leave API base URL empty to use the CA's own API, or give the full https:// address, e.g. https://api.example.com/v1. "+
				"The API key is sent there, so ACME Desk never sends it over plain http.")
	}
	return nil
}

var fixedKinds = []Kind{
	{
		ID: KindPassword, Group: "general", Label: "Username and password",
		Fields: []Field{
			{Name: "username", Label: "Username"},
			{Name: "password", Label: "Password", Secret: true},
		},
	},
	{
		ID: KindTokenPair, Group: "general", Label: "Token ID and secret",
		Help: "A pair such as an access key ID with its secret access key.",
		Fields: []Field{
			{Name: "id", Label: "ID", Help: "The public half, e.g. the access key ID."},
			{Name: "secret", Label: "Secret", Secret: true},
		},
	},
	{
		ID: KindAPIToken, Group: "general", Label: "API token",
		Fields: []Field{{Name: "token", Label: "Token", Secret: true}},
	},
	{
		ID: KindEAB, Group: "acme", Label: "ACME external account binding (EAB)",
		Help: "The key ID and HMAC key a CA hands out to bind new ACME accounts to your account with it.",
		Fields: []Field{
			{Name: EABCAID, Label: "Certificate authority", Type: TypeCA, Optional: true, Help: "The CA these credentials are for (or give its directory URL)."},
			{Name: EABDirectoryURL, Label: "ACME directory URL", Optional: true, Help: "The directory the CA named with these credentials, when it is not a CA ACME Desk knows yet."},
			{Name: EABKeyID, Label: "Key ID", Help: "The EAB key ID (kid)."},
			{Name: EABHMACKey, Label: "HMAC key", Secret: true, Help: "base64url, exactly as the CA shows it."},
			{Name: EABExpiresAt, Label: "Expires", Type: TypeDate, Optional: true, Help: "When the CA stops accepting it (Google's keys: 7 days after creation)."},
			{Name: EABSingleUse, Label: "Single use", Type: TypeBool, Optional: true, Help: "The CA accepts it for one account only (Google Trust Services)."},
		},
		AnyOf: [][]string{{EABCAID, EABKeyID, EABHMACKey}, {EABDirectoryURL, EABKeyID, EABHMACKey}},
	},
	{
		ID: KindDigiCertPartnerKey, Group: "acme", Label: "DigiCert Partner Subscriptions API key",
		Help: "Lets ACME Desk list, make and revoke the EAB credentials of a DigiCert ACME contract.",
		URL:  "https://dev.digicert.com",
		Fields: []Field{
			{Name: DigiCertContractID, Label: "ACME contract ID", Type: TypeInt},
			{Name: DigiCertAPIKey, Label: "API key", Secret: true,
				Help: "Must be a subaccount Partner Subscriptions API key (sent as X-PARTNER-APIKEY): the parent account's key is refused for ACME contracts, and a CertCentral API key (X-DC-DEVKEY) does not work here."},
			{Name: APIBaseURL, Label: "API base URL", Optional: true, Help: "Leave empty for https://www.digicert.com/partner-subscription/api/v1; otherwise an https:// address."},
		},
	},
	{
		ID: KindZeroSSLAccessKey, Group: "acme", Label: "ZeroSSL API access key",
		Help: "Lets ACME Desk fetch EAB credentials from ZeroSSL.",
		URL:  "https://app.zerossl.com/developer",
		Fields: []Field{
			{Name: ZeroSSLAccessKey, Label: "Access key", Secret: true, Help: "From the ZeroSSL dashboard, Developer → API access key."},
			{Name: APIBaseURL, Label: "API base URL", Optional: true, Help: "Leave empty for https://api.zerossl.com; otherwise an https:// address."},
		},
	},
}

// dnsProvider is one lego DNS provider, from lego's own metadata (dnsproviders_gen.go).
type dnsProvider struct {
	Code, Name, URL string
	Fields          []Field
}

// dnsAlternatives names, for the lego DNS providers that accept several ways to
// authenticate, the sets of variables that work together. lego's metadata lists
// every variable a provider reads as a "credential" without saying which go
// together, so these few are written by hand from lego's provider code; every
// other provider needs all its non-optional credential variables.
var dnsAlternatives = map[string][][]string{
	"cloudflare": {{"CF_API_EMAIL", "CF_API_KEY"}, {"CF_DNS_API_TOKEN"}},
	"route53":    {{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}, {"AWS_PROFILE"}, {"AWS_ASSUME_ROLE_ARN"}},
	"lightsail":  {{"DNS_ZONE"}},
	"ovh": {
		{"OVH_ENDPOINT", "OVH_APPLICATION_KEY", "OVH_APPLICATION_SECRET", "OVH_CONSUMER_KEY"},
		{"OVH_ENDPOINT", "OVH_CLIENT_ID", "OVH_CLIENT_SECRET"},
		{"OVH_ENDPOINT", "OVH_ACCESS_TOKEN"},
	},
	"azuredns": {
		{"AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID"},
		{"AZURE_CLIENT_ID", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_TENANT_ID"},
	},
	"gcloud": {{"GCE_SERVICE_ACCOUNT"}, {"GCE_SERVICE_ACCOUNT_FILE"}},
	"designate": {
		{"OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD"},
		{"OS_AUTH_URL", "OS_USER_ID", "OS_PASSWORD"},
		{"OS_AUTH_URL", "OS_APPLICATION_CREDENTIAL_ID", "OS_APPLICATION_CREDENTIAL_SECRET"},
		{"OS_AUTH_URL", "OS_APPLICATION_CREDENTIAL_NAME", "OS_APPLICATION_CREDENTIAL_SECRET"},
	},
	"edgedns": {
		{"AKAMAI_HOST", "AKAMAI_CLIENT_TOKEN", "AKAMAI_CLIENT_SECRET", "AKAMAI_ACCESS_TOKEN"},
		{"AKAMAI_EDGERC"},
	},
	"oraclecloud": {
		{"OCI_COMPARTMENT_OCID", "OCI_REGION", "OCI_PRIVATE_KEY_PATH", "OCI_TENANCY_OCID", "OCI_USER_OCID", "OCI_FINGERPRINT"},
		{"OCI_COMPARTMENT_OCID", "OCI_AUTH_TYPE"},
	},
	"joker":      {{"JOKER_USERNAME", "JOKER_PASSWORD"}, {"JOKER_API_KEY"}},
	"nicmanager": {{"NICMANAGER_API_LOGIN", "NICMANAGER_API_USERNAME", "NICMANAGER_API_PASSWORD"}, {"NICMANAGER_API_EMAIL", "NICMANAGER_API_PASSWORD"}},
	"alidns":     {{"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"}, {"ALICLOUD_RAM_ROLE"}},
	"aliesa":     {{"ALIESA_ACCESS_KEY", "ALIESA_SECRET_KEY"}, {"ALIESA_RAM_ROLE"}},
	"acme-dns":   {{"ACME_DNS_API_BASE", "ACME_DNS_STORAGE_PATH"}, {"ACME_DNS_API_BASE", "ACME_DNS_STORAGE_BASE_URL"}},
}

// dnsSecretVariables are secrets whose names do not say so; the generator judges by name only.
var dnsSecretVariables = map[string]bool{
	"GCE_SERVICE_ACCOUNT": true, // the service account's JSON key, private key included
}

// catalogue is every kind by id, built once.
var catalogue, catalogueOrder = buildCatalogue()

func buildCatalogue() (map[string]*Kind, []string) {
	byID := map[string]*Kind{}
	var order []string
	add := func(k Kind) {
		byID[k.ID] = &k
		order = append(order, k.ID)
	}
	for _, k := range fixedKinds {
		add(k)
	}
	providers := append([]dnsProvider(nil), dnsProviders...)
	sort.Slice(providers, func(i, j int) bool { return providers[i].Code < providers[j].Code })
	for _, p := range providers {
		k := Kind{
			ID: DNSPrefix + p.Code, Group: "dns", Label: p.Name + " (DNS)", URL: p.URL,
			Help:   "Credentials for lego's " + p.Code + " DNS provider, used to answer dns-01 challenges. Field names are lego's environment variables.",
			Fields: append([]Field(nil), p.Fields...),
		}
		for i, f := range k.Fields {
			if dnsSecretVariables[f.Name] {
				k.Fields[i].Secret = true
			}
		}
		if alt, ok := dnsAlternatives[p.Code]; ok {
			k.AnyOf = alt
			for i := range k.Fields {
				k.Fields[i].Optional = true
			}
		}
		add(k)
	}
	return byID, order
}

// Kinds is the catalogue of credential kinds for the UI: the fixed kinds, then
// one per lego DNS provider, by code. It holds no secret; the caller may change it.
func Kinds() []Kind {
	out := make([]Kind, 0, len(catalogueOrder))
	for _, id := range catalogueOrder {
		out = append(out, copyKind(catalogue[id]))
	}
	return out
}

// KindByID returns one kind.
func KindByID(id string) (Kind, bool) {
	k, ok := catalogue[id]
	if !ok {
		return Kind{}, false
	}
	return copyKind(k), true
}

func copyKind(k *Kind) Kind {
	c := *k
	c.Fields = append([]Field(nil), k.Fields...)
	c.AnyOf = nil
	for _, set := range k.AnyOf {
		c.AnyOf = append(c.AnyOf, append([]string(nil), set...))
	}
	return c
}

// DNSSource is the lego module version the DNS provider kinds were generated from.
func DNSSource() string { return dnsCatalogueSource }

func (k *Kind) field(name string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// IsDNS reports whether the kind is a DNS provider's.
func (k *Kind) IsDNS() bool { return strings.HasPrefix(k.ID, DNSPrefix) }

// has reports whether name, or a field standing for it, has a value in set.
func (k *Kind) has(set map[string]bool, name string) bool {
	if set[name] {
		return true
	}
	for _, f := range k.Fields {
		if f.AliasOf == name && set[f.Name] {
			return true
		}
	}
	return false
}

// missing returns the fields still needed when the fields in set have values:
// nil when the credential is complete. With alternatives, it is what is missing
// from the closest alternative.
func (k *Kind) missing(set map[string]bool) []string {
	if len(k.AnyOf) > 0 {
		var best []string
		for i, alt := range k.AnyOf {
			var miss []string
			for _, name := range alt {
				if !k.has(set, name) {
					miss = append(miss, name)
				}
			}
			if len(miss) == 0 {
				return nil
			}
			if i == 0 || len(miss) < len(best) {
				best = miss
			}
		}
		return best
	}
	var miss []string
	for _, f := range k.Fields {
		if !f.Optional && !k.has(set, f.Name) {
			miss = append(miss, f.Name)
		}
	}
	return miss
}

// describeNeeds says in words what a complete credential of this kind holds.
func (k *Kind) describeNeeds() string {
	if len(k.AnyOf) > 0 {
		alts := make([]string, len(k.AnyOf))
		for i, alt := range k.AnyOf {
			alts[i] = strings.Join(alt, " and ")
		}
		return "Fill in one of: " + strings.Join(alts, "; or ") + "."
	}
	var req []string
	for _, f := range k.Fields {
		if !f.Optional {
			req = append(req, f.Name)
		}
	}
	return "Fill in " + strings.Join(req, ", ") + "."
}
