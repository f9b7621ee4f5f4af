package eabtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, client *http.Client, url, key string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("X-PARTNER-APIKEY", key)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

// The fake answers as DigiCert documents: credentials listed with the last four
// characters of the key ID and a zone-less timestamp; parent keys refused; unknown contracts 404.
func TestDigiCertFakeAnswersLikeTheDocs(t *testing.T) {
	f := NewDigiCert(t)
	f.AddContract(77, "sub-key", "")
	f.ParentKeys["parent-key"] = true
	f.AddCredential(77, "kid-0001-abcd", "hmac", time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC))

	resp, body := get(t, f.Client(), f.URL+"/acme/77/credentials", "sub-key")
	if resp.StatusCode != 200 {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	creds := body["credentials"].([]any)
	c := creds[0].(map[string]any)
	if c["kid_hint"] != "abcd" || c["status"] != "active" || c["created_at"] != "2026-06-01 14:00:00" {
		t.Fatalf("listed %v", c)
	}
	if resp, _ := get(t, f.Client(), f.URL+"/acme/77/credentials", "parent-key"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("parent key: %d, want 403", resp.StatusCode)
	}
	if resp, _ := get(t, f.Client(), f.URL+"/acme/78/credentials", "sub-key"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown contract: %d, want 404", resp.StatusCode)
	}
	if !strings.HasPrefix(f.URL, "https://") || !strings.HasSuffix(f.URL, "/partner-subscription/api/v1") {
		t.Fatalf("base URL %s", f.URL)
	}
}

// The fakes speak https, trusted only through Client(); what reaches PlainURL is recorded as plain.
func TestFakesAreHTTPS(t *testing.T) {
	f := NewDigiCert(t)
	f.AddContract(77, "sub-key", "")
	if _, err := http.DefaultClient.Get(f.URL + "/acme/77/credentials"); err == nil {
		t.Error("the fake's certificate is trusted by the default client")
	}
	get(t, f.Client(), f.URL+"/acme/77/credentials", "sub-key")
	if !strings.HasPrefix(f.PlainURL, "http://") || !strings.HasSuffix(f.PlainURL, "/partner-subscription/api/v1") {
		t.Fatalf("plain URL %s", f.PlainURL)
	}
	get(t, http.DefaultClient, f.PlainURL+"/acme/77/credentials", "sub-key")
	reqs := f.Requests()
	if len(reqs) != 2 || !reqs[0].TLS || reqs[1].TLS {
		t.Errorf("requests %+v", reqs)
	}
	z := NewZeroSSL(t)
	if !strings.HasPrefix(z.URL, "https://") || !strings.HasPrefix(z.PlainURL, "http://") {
		t.Errorf("ZeroSSL URLs %s, %s", z.URL, z.PlainURL)
	}
	if _, err := f.Client().Get(ClosedURL(t)); err == nil {
		t.Error("ClosedURL answered")
	}
}
