package acmetest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"
)

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// newCore is a bare lego ACME client signing with key.
func newCore(t *testing.T, s *Server, key *ecdsa.PrivateKey) *api.Core {
	t.Helper()
	c, err := api.New(s.NewHTTPClient(), "test", s.URL, "", key)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// exists asks Pebble whether key has an account (onlyReturnExisting), through a new client.
func exists(t *testing.T, s *Server, key *ecdsa.PrivateKey) bool {
	t.Helper()
	_, err := newCore(t, s, key).Accounts.New(acme.Account{OnlyReturnExisting: true})
	var p *acme.ProblemDetails
	switch {
	case err == nil:
		return true
	case errors.As(err, &p) && p.Type == "urn:ietf:params:acme:error:accountDoesNotExist":
		return false
	}
	t.Fatalf("onlyReturnExisting: %v", err)
	return false
}

func TestFaultOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		outcome Outcome
		created bool
		fails   bool
	}{
		{"answered", Answered, true, false},
		{"answer lost", AnswerLost, true, true},
		{"request lost", RequestLost, false, true},
		{"refused", Refused, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Start(t, Options{})
			key := newKey(t)
			c := newCore(t, s, key)
			ran := false
			s.Inject(NewAccountPath, Fault{Outcome: tc.outcome, Before: func() { ran = true }})
			_, err := c.Accounts.New(acme.Account{TermsOfServiceAgreed: true})
			if (err != nil) != tc.fails {
				t.Fatalf("newAccount: %v, want failure %v", err, tc.fails)
			}
			var p *acme.ProblemDetails
			if isProblem := errors.As(err, &p); isProblem != (tc.outcome == Refused) {
				t.Fatalf("error %v: problem document %v, want %v", err, isProblem, tc.outcome == Refused)
			}
			if !ran {
				t.Error("Before did not run")
			}
			if got := exists(t, s, key); got != tc.created {
				t.Errorf("account exists at the CA: %v, want %v", got, tc.created)
			}
			// The fault was for one request only.
			if got := s.Posts(NewAccountPath); got != 2 {
				t.Errorf("Posts = %d, want 2", got)
			}
		})
	}
}

func TestHungRequestWaitsForTheClient(t *testing.T) {
	s := Start(t, Options{})
	client := s.NewHTTPClient()
	ctx, cancel := context.WithCancel(context.Background())
	s.Inject(NewAccountPath, Fault{Outcome: Hung, Before: cancel})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.BaseURL()+NewAccountPath, strings.NewReader("{}"))
	if _, err := client.Do(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("POST to a hung CA: %v, want context.Canceled", err)
	}
}

func TestFaultThenDownUntilUp(t *testing.T) {
	s := Start(t, Options{})
	key := newKey(t)
	c := newCore(t, s, key)
	s.Inject(NewAccountPath, Fault{Outcome: AnswerLost, ThenDown: true})
	if _, err := c.Accounts.New(acme.Account{TermsOfServiceAgreed: true}); err == nil {
		t.Fatal("newAccount succeeded with its answer lost")
	}
	if got, err := c.Accounts.New(acme.Account{OnlyReturnExisting: true}); err == nil {
		t.Fatalf("the CA answered while down: %+v", got)
	}
	s.Up()
	if !exists(t, s, key) {
		t.Fatal("the account made before the CA went down is gone: Down must keep the CA's data")
	}
	s.Down()
	if _, err := s.HTTPClient.Get(s.URL); err == nil {
		t.Fatal("GET of the directory succeeded while down")
	}
}

func TestFaultsAreAimedByPath(t *testing.T) {
	s := Start(t, Options{})
	key := newKey(t)
	c := newCore(t, s, key)
	s.Inject(AccountPath, Fault{Outcome: RequestLost})
	acct, err := c.Accounts.New(acme.Account{TermsOfServiceAgreed: true})
	if err != nil {
		t.Fatalf("newAccount met a fault meant for account URLs: %v", err)
	}
	byKID, err := api.New(s.NewHTTPClient(), "test", s.URL, acct.Location, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := byKID.Accounts.Get(acct.Location); err == nil {
		t.Fatal("POST-as-GET of the account URL passed its fault")
	}
	if _, err := byKID.Accounts.Get(acct.Location); err != nil {
		t.Fatalf("second POST-as-GET: %v", err)
	}
	if got := s.Posts(AccountPath); got != 2 {
		t.Errorf("Posts(AccountPath) = %d, want 2", got)
	}
}
