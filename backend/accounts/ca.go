package accounts

import (
	"context"
	"crypto"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-acme/lego/v4/acme/api"

	"acmedesk/backend/acmeerr"
	"acmedesk/backend/apperr"
	"acmedesk/backend/cas"
	"acmedesk/backend/store"
)

// session is what one operation at the CA needs.
type session struct {
	ca     *cas.CA
	client *http.Client
	signer crypto.Signer
	core   *api.Core
	// sent is set once a POST may have reached the CA: from then on a failure
	// without the CA's own refusal leaves the outcome unknown.
	sent *atomic.Bool
}

// connect signs with keyID and reads the CA's directory. useKID signs by the
// account URL (registered accounts) instead of the embedded key. Every request
// is bound to ctx, which lego does not take: cancelling it (the window
// closing, the user pressing Cancel, Ctrl-C) stops the operation.
func (s *Service) connect(ctx context.Context, a *Account, keyID string, useKID bool) (*session, error) {
	d, err := s.cas.Get(a.CAID)
	if err != nil {
		return nil, err
	}
	if d.DirectoryURL == "" {
		return nil, apperr.Newf(apperr.CodeInvalidInput, "Add the CA with your own directory URL under Certificate Authorities.", "%s has no directory URL of its own.", d.Name)
	}
	signer, err := s.keys.Signer(keyID)
	if err != nil {
		return nil, err
	}
	shared, err := cas.HTTPClient(&d.CA)
	if err != nil {
		return nil, err
	}
	sent := new(atomic.Bool)
	client := &http.Client{Transport: &caTransport{ctx: ctx, base: shared.Transport, sent: sent}, Timeout: shared.Timeout}
	kid := ""
	if useKID {
		kid = a.KID
	}
	core, err := api.New(client, userAgent, d.DirectoryURL, kid, signer)
	if err != nil {
		return nil, explain(ctx, err, d.DirectoryURL)
	}
	return &session{ca: &d.CA, client: client, signer: signer, core: core, sent: sent}, nil
}

// caTransport binds requests to the operation's context and notes when a POST
// has been written to a connection.
type caTransport struct {
	ctx  context.Context
	base http.RoundTripper
	sent *atomic.Bool
}

func (t *caTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// The request's own context carries the client's timeout; the operation's may end sooner.
	ctx, cancel := context.WithCancel(req.Context())
	stop := context.AfterFunc(t.ctx, cancel)
	release := func() { stop(); cancel() }
	if req.Method == http.MethodPost {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { t.sent.Store(true) }})
	}
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releasingBody lets go of the request's context once its answer is read.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

func (s *Service) explain(ctx context.Context, sess *session, err error) error {
	return explain(ctx, err, sess.ca.DirectoryURL)
}

func explain(ctx context.Context, err error, caURL string) error {
	if ctx.Err() != nil {
		return apperr.Wrap(err, apperr.CodeCancelled, "Cancelled.", "")
	}
	return acmeerr.Explain(err, caURL)
}

// refused reports whether err is the CA's own answer that it did not make the
// change: a problem document with a 4xx status (RFC 8555 §6.7).
func refused(err error) bool {
	var p *acme.ProblemDetails
	return errors.As(err, &p) && p.HTTPStatus >= 400 && p.HTTPStatus < 500
}

// unclear reports whether a failed change may still have been applied: it
// may have reached the CA, and the CA did not refuse it.
func unclear(sess *session, err error) bool {
	return sess.sent.Load() && !refused(err)
}

// begin marks the account with the change about to be sent, in one
// transaction with ready's checks of the record as it is now; it refuses
// while an earlier change is unsettled, so two changes never race at the CA.
func (s *Service) begin(id string, p Pending, ready func(tx *store.Tx, a *Account, p *Pending) error) (*Account, error) {
	var a *Account
	err := s.db.Update(func(tx *store.Tx) error {
		var err error
		if a, err = getAccount(tx, id); err != nil {
			return err
		}
		if a.Pending != nil {
			return errPending(a)
		}
		if err := ready(tx, a, &p); err != nil {
			return err
		}
		p.StartedAt = s.now().UTC()
		a.Pending = &p
		return s.put(tx, a)
	})
	return a, err
}

// finish stores what the CA answered to a change, merged into the record as
// it is now (a rename or re-pointed EAB made meanwhile stays), and clears the mark.
func (s *Service) finish(id string, merge func(tx *store.Tx, a *Account) error) (*Account, error) {
	var a *Account
	err := s.db.Update(func(tx *store.Tx) error {
		var err error
		if a, err = getAccount(tx, id); err != nil {
			return err
		}
		if err := merge(tx, a); err != nil {
			return err
		}
		if p := a.Pending; p != nil && p.NewKeyID != "" && p.NewKeyID != a.KeyID {
			if err := tx.RemoveRef(p.NewKeyID, a.ID); err != nil {
				return err
			}
		}
		a.Pending, a.UpdatedAt = nil, s.now().UTC()
		return s.put(tx, a)
	})
	return a, err
}

// notStored wraps a failure to store what the CA did: the mark stays, so
// Check at CA can still learn it, and the message never says nothing changed.
func notStored(err error, op Op) error {
	return apperr.Wrap(err, apperr.CodeOutcomeUnknown, "The CA "+opWords[op]+", but ACME Desk could not record it.",
		"Use Check at CA on the account to record what the CA did.")
}

// mergeStatus applies what the CA says an account is now.
func (s *Service) mergeStatus(a *Account, got acme.Account) {
	now := s.now().UTC()
	a.CheckedAt = &now
	if got.Status != "" {
		a.Status = Status(got.Status)
	}
	if got.Contact != nil {
		a.Contacts = fromMailtos(got.Contact)
	}
}
