package cas

import (
	"net/url"
	"strings"
	"testing"

	"acmedesk/backend/apperr"
)

func TestCatalogue(t *testing.T) {
	all := Catalogue()
	if len(all) < 13 {
		t.Fatalf("catalogue has %d entries", len(all))
	}
	ids := map[string]bool{}
	names := map[string]bool{}
	urlEnv := map[string]Environment{}
	for _, c := range all {
		if c.ID == "" || ids[c.ID] {
			t.Errorf("%q: empty or duplicate id", c.ID)
		}
		ids[c.ID] = true
		if c.Name == "" || names[strings.ToLower(c.Name)] {
			t.Errorf("%s: empty or duplicate name %q", c.ID, c.Name)
		}
		names[strings.ToLower(c.Name)] = true
		if !c.Environment.Valid() || !c.BuiltIn {
			t.Errorf("%s: environment %q, builtIn %v", c.ID, c.Environment, c.BuiltIn)
		}
		if (c.DirectoryURL == "") == (c.URLTemplate == "") {
			t.Errorf("%s: needs exactly one of directoryUrl and urlTemplate", c.ID)
		}
		for what, u := range map[string]string{"directory": c.DirectoryURL, "template": c.URLTemplate, "website": c.Website} {
			if u == "" && what != "website" {
				continue
			}
			p, err := url.Parse(u)
			if err != nil || p.Scheme != "https" || p.Host == "" {
				t.Errorf("%s: %s URL %q is not https", c.ID, what, u)
			}
		}
		if c.URLTemplate != "" && (!strings.Contains(c.URLTemplate, templatePlaceholder) || c.TemplateParam == "") {
			t.Errorf("%s: template %q without placeholder or parameter name", c.ID, c.URLTemplate)
		}
		if c.EABRequired && !strings.Contains(c.EABHelp, "https://") {
			t.Errorf("%s: EAB required but the help has no URL: %q", c.ID, c.EABHelp)
		}
		if !c.EABRequired && c.EABHelp != "" {
			t.Errorf("%s: EAB help without EAB", c.ID)
		}
		if c.DirectoryURL != "" {
			key := strings.ToLower(strings.TrimSuffix(c.DirectoryURL, "/"))
			if env, seen := urlEnv[key]; seen {
				t.Errorf("%s: directory URL used twice (also in %s)", c.ID, env)
			}
			urlEnv[key] = c.Environment
		}
	}
	// Staging entries exist where the CA has one, and never share a host with production.
	prodHosts := map[string]bool{}
	for _, c := range all {
		if c.Environment == Production && c.DirectoryURL != "" {
			u, _ := url.Parse(c.DirectoryURL)
			prodHosts[u.Host] = true
		}
	}
	staging := 0
	for _, c := range all {
		if c.Environment == Staging {
			staging++
			u, _ := url.Parse(c.DirectoryURL)
			if prodHosts[u.Host] {
				t.Errorf("%s: staging directory on a production host %s", c.ID, u.Host)
			}
			if !strings.Contains(strings.ToLower(c.Name), "staging") {
				t.Errorf("%s: staging entry's name %q does not say so", c.ID, c.Name)
			}
		}
	}
	if staging != 2 {
		t.Errorf("%d staging entries, want Let's Encrypt's and Google's", staging)
	}
	for _, id := range []string{"letsencrypt", "letsencrypt-staging", "google", "google-staging", "zerossl", "sslcom-rsa", "sslcom-ecc",
		"actalis", "digicert", "sectigo-dv", "sectigo-ov", "sectigo-ev", "harica"} {
		if !ids[id] {
			t.Errorf("catalogue lacks %s", id)
		}
	}
	if le, _ := builtin("letsencrypt"); le.EABRequired || le.DirectoryURL != "https://acme-v02.api.letsencrypt.org/directory" {
		t.Errorf("letsencrypt = %+v", le)
	}
}

func TestCatalogueIsACopy(t *testing.T) {
	Catalogue()[0].DirectoryURL = "https://evil.example/directory"
	if c, _ := builtin(Catalogue()[0].ID); c.DirectoryURL == "https://evil.example/directory" {
		t.Fatal("changing Catalogue()'s result changed the catalogue")
	}
}

func TestExpandTemplate(t *testing.T) {
	tests := []struct {
		id, value string
		wantURL   string
		wantCode  apperr.Code
	}{
		{"harica", "acme-prod-1", "https://acme.harica.gr/acme-prod-1/directory", ""},
		{"harica", "  myuni.gr ", "https://acme.harica.gr/myuni.gr/directory", ""},
		{"harica", "https://acme.harica.gr/abc123/directory", "https://acme.harica.gr/abc123/directory", ""},
		{"harica", "https://acme.harica.gr/abc123/directory/", "https://acme.harica.gr/abc123/directory", ""},
		{"harica", "", "", apperr.CodeInvalidInput},
		{"harica", "a/b", "", apperr.CodeInvalidInput},
		{"harica", "..", "", apperr.CodeInvalidInput},
		{"harica", "x?y=1", "", apperr.CodeInvalidInput},
		{"harica", strings.Repeat("a", 101), "", apperr.CodeInvalidInput},
		{"letsencrypt", "abc", "", apperr.CodeInvalidInput},
		{"nope", "abc", "", apperr.CodeInvalidInput},
	}
	for _, tt := range tests {
		in, err := ExpandTemplate(tt.id, tt.value)
		if tt.wantCode != "" {
			if !apperr.Is(err, tt.wantCode) {
				t.Errorf("ExpandTemplate(%q, %q) = %+v, %v; want %s", tt.id, tt.value, in, err, tt.wantCode)
			}
			continue
		}
		if err != nil || in.DirectoryURL != tt.wantURL || in.BasedOn != tt.id || in.Environment != Production || !strings.HasPrefix(in.Name, "HARICA (") {
			t.Errorf("ExpandTemplate(%q, %q) = %+v, %v; want URL %s", tt.id, tt.value, in, err, tt.wantURL)
		}
	}
}
