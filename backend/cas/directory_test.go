package cas

import (
	"context"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"acmedesk/backend/acmetest"
	"acmedesk/backend/apperr"
	"acmedesk/backend/store"
)

func addCustom(t *testing.T, s *Service, name, dirURL, rootPEM string) *CA {
	t.Helper()
	c, err := s.AddCustom(CustomInput{Name: name, DirectoryURL: dirURL, RootPEM: rootPEM})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFetchDirectoryFromPebble(t *testing.T) {
	s, db := newService(t)
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.now = func() time.Time { return clock }
	pebble := acmetest.Start(t, acmetest.Options{RequireEAB: true})
	c := addCustom(t, s, "Pebble", pebble.URL, string(pebble.RootPEM))

	d, err := s.Directory(context.Background(), c.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	base := pebble.BaseURL()
	if d.Cached || d.CAID != c.ID || d.URL != pebble.URL || !d.FetchedAt.Equal(clock) {
		t.Errorf("directory = %+v", d)
	}
	if d.NewNonce != base+"/nonce-plz" || d.NewAccount != base+"/sign-me-up" || !strings.HasPrefix(d.NewOrder, base+"/") ||
		!d.KeyChangeOffered || d.KeyChange == "" || d.RevokeCert == "" {
		t.Errorf("URLs = %+v", d)
	}
	if !d.Meta.ExternalAccountRequired || d.Meta.TermsOfService != acmetest.TermsOfServiceURL ||
		len(d.Meta.CAAIdentities) != 1 || d.Meta.Profiles["default"] != "The default profile" {
		t.Errorf("meta = %+v", d.Meta)
	}

	// Fresh: served from the cache, even with the CA down.
	pebble.Stop()
	clock = clock.Add(23 * time.Hour)
	cached, err := s.Directory(context.Background(), c.ID, false)
	if err != nil || !cached.Cached || cached.NewAccount != d.NewAccount || !cached.FetchedAt.Equal(d.FetchedAt) {
		t.Fatalf("cached directory = %+v, %v", cached, err)
	}
	// Forced refresh asks the CA, which is down now.
	_, err = s.Directory(context.Background(), c.ID, true)
	if !apperr.Is(err, apperr.CodeUnreachable) || !strings.Contains(err.Error(), pebble.URL) {
		t.Fatalf("forced refresh with the CA down: %v, want unreachable naming %s", err, pebble.URL)
	}
	// Stale: asks the CA.
	clock = clock.Add(2 * time.Hour)
	if _, err = s.Directory(context.Background(), c.ID, false); !apperr.Is(err, apperr.CodeUnreachable) {
		t.Fatalf("stale cache with the CA down: %v", err)
	}

	// Changing the CA drops its cache; deleting it too.
	db.View(func(tx *store.Tx) error {
		if tx.GetRaw(store.DirectoryCache, c.ID) == nil {
			t.Error("no cache entry after a fetch")
		}
		return nil
	})
	if _, err := s.UpdateCustom(c.ID, CustomInput{Name: "Pebble", DirectoryURL: pebble.URL + "2", RootPEM: string(pebble.RootPEM)}); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if tx.GetRaw(store.DirectoryCache, c.ID) != nil {
			t.Error("cache kept after the CA's URL changed")
		}
		return nil
	})
}

func TestDeleteDropsCache(t *testing.T) {
	s, db := newService(t)
	pebble := acmetest.Start(t, acmetest.Options{})
	c := addCustom(t, s, "Pebble", pebble.URL, string(pebble.RootPEM))
	d, err := s.FetchDirectory(context.Background(), c.ID)
	if err != nil || d.Meta.ExternalAccountRequired {
		t.Fatalf("%+v, %v", d, err)
	}
	if err := s.DeleteCustom(c.ID); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *store.Tx) error {
		if tx.GetRaw(store.DirectoryCache, c.ID) != nil {
			t.Error("cache kept after delete")
		}
		return nil
	})
}

func TestFetchWithoutRootIsATLSError(t *testing.T) {
	s, _ := newService(t)
	pebble := acmetest.Start(t, acmetest.Options{})
	c := addCustom(t, s, "Pebble without root", pebble.URL, "")
	_, err := s.FetchDirectory(context.Background(), c.ID)
	e := apperr.From(err)
	if e.Code != apperr.CodeTLS || !strings.Contains(e.Message, pebble.URL) || !strings.Contains(e.Hint, "add its root certificate") {
		t.Fatalf("fetch without root: %+v", e)
	}
	// With some other CA's root, still untrusted.
	other := addCustom(t, s, "Pebble wrong root", pebble.URL+"?x", makeCert(t, "Other Root", true, time.Now().Add(time.Hour)))
	if _, err := s.FetchDirectory(context.Background(), other.ID); !apperr.Is(err, apperr.CodeTLS) {
		t.Fatalf("fetch with the wrong root: %v", err)
	}
}

func TestFetchNotADirectory(t *testing.T) {
	handlers := map[string]http.HandlerFunc{
		"html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<!doctype html><title>Welcome</title>")
		},
		"html without content type": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "")
			fmt.Fprint(w, "<html>hello</html>")
		},
		"json without newAccount": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"newNonce": "https://x.example/nonce", "newOrder": "https://x.example/order", "meta": {}}`)
		},
		"json array": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `[1, 2]`) },
		"http URLs": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"newNonce": "http://x.example/n", "newAccount": "http://x.example/a", "newOrder": "http://x.example/o"}`)
		},
		"a newline in newAccount": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"newNonce": "https://x.example/n", "newAccount": "https://x.example/a\nrm -rf ~", "newOrder": "https://x.example/o"}`)
		},
		"a backtick in keyChange": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"newNonce": "https://x.example/n", "newAccount": "https://x.example/a", "newOrder": "https://x.example/o", "keyChange": "https://x.example/`+"`id`"+`"}`)
		},
		"404": func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"huge": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"newNonce": "`+strings.Repeat("a", maxDirectorySize)+`"}`)
		},
	}
	for name, h := range handlers {
		srv := httptest.NewTLSServer(h)
		s, _ := newService(t)
		c := addCustom(t, s, "CA", srv.URL+"/directory", string(pemOf(srv)))
		_, err := s.FetchDirectory(context.Background(), c.ID)
		e := apperr.From(err)
		if e.Code != apperr.CodeNotACME || e.Message != "Not an ACME directory: "+srv.URL+"/directory" {
			t.Errorf("%s: %+v", name, e)
		}
		srv.Close()
	}
}

// Links the window opens in a browser are http(s) only: a CA's javascript: or
// file: "terms" are not kept.
func TestDirectoryLinksThatAreNotWebLinksAreDropped(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"newNonce": "https://x.example/n", "newAccount": "https://x.example/a", "newOrder": "https://x.example/o",
			"meta": {"termsOfService": "javascript:alert(1)", "website": "file:///etc/passwd"}}`)
	}))
	defer srv.Close()
	s, _ := newService(t)
	c := addCustom(t, s, "CA", srv.URL, string(pemOf(srv)))
	d, err := s.FetchDirectory(context.Background(), c.ID)
	if err != nil || d.Meta.TermsOfService != "" || d.Meta.Website != "" {
		t.Fatalf("%+v, %v", d, err)
	}
}

func TestFetchServerError(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	s, _ := newService(t)
	c := addCustom(t, s, "CA", srv.URL, string(pemOf(srv)))
	_, err := s.FetchDirectory(context.Background(), c.ID)
	e := apperr.From(err)
	if e.Code != apperr.CodeUnreachable || !strings.Contains(e.Message, "HTTP 503") || !strings.Contains(e.Detail, "maintenance") {
		t.Fatalf("503: %+v", e)
	}
}

func TestFetchTimeoutAndCancel(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	s, _ := newService(t)
	s.FetchTimeout = 100 * time.Millisecond
	c := addCustom(t, s, "Slow CA", srv.URL, string(pemOf(srv)))
	start := time.Now()
	_, err := s.FetchDirectory(context.Background(), c.ID)
	if !apperr.Is(err, apperr.CodeTimeout) || time.Since(start) > 5*time.Second {
		t.Fatalf("slow CA: %v after %s", err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.FetchDirectory(ctx, c.ID); !apperr.Is(err, apperr.CodeCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestDirectoryOfTemplateAndUnknown(t *testing.T) {
	s, _ := newService(t)
	if _, err := s.Directory(context.Background(), "harica", false); !apperr.Is(err, apperr.CodeInvalidInput) || !strings.Contains(err.Error(), "per customer") {
		t.Errorf("template: %v", err)
	}
	if _, err := s.Directory(context.Background(), "no-such-ca", false); !apperr.Is(err, apperr.CodeNotFound) {
		t.Errorf("unknown: %v", err)
	}
}

func TestHTTPClientNeverSkipsVerification(t *testing.T) {
	c := &CA{RootPEM: makeCert(t, "R", true, time.Now().Add(time.Hour))}
	hc, err := HTTPClient(c)
	if err != nil {
		t.Fatal(err)
	}
	tlsConf := hc.Transport.(*http.Transport).TLSClientConfig
	if tlsConf.InsecureSkipVerify || tlsConf.RootCAs == nil {
		t.Fatalf("TLS config %+v", tlsConf)
	}
	if _, err := HTTPClient(&CA{RootPEM: "junk"}); !apperr.Is(err, apperr.CodeInvalidInput) {
		t.Errorf("junk root: %v", err)
	}
}

func pemOf(srv *httptest.Server) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
}
