package accounts

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-acme/lego/v4/acme"
	"github.com/go-jose/go-jose/v4"
)

// lego v4 has no account key change, so RFC 8555 §7.3.5 is built here from
// go-jose and lego's public ACME types: an inner JWS signed by the new key
// (jwk + url; payload {account, oldKey}) wrapped in an outer JWS signed by the
// old key (kid + nonce + url), POSTed to the directory's keyChange URL.

const maxNonceRetries = 10

// changeKey rolls the account at accountURL from oldKey to newKey.
func changeKey(ctx context.Context, client *http.Client, dir acme.Directory, accountURL string, oldKey, newKey crypto.Signer) error {
	if dir.KeyChangeURL == "" {
		return errNoKeyChange
	}
	inner, err := signInner(dir.KeyChangeURL, accountURL, oldKey, newKey)
	if err != nil {
		return err
	}
	nonces := &nonceSource{ctx: ctx, client: client, newNonceURL: dir.NewNonceURL}
	var lastErr error
	for range maxNonceRetries {
		outer, err := sign(oldKey, &jose.SignerOptions{
			NonceSource:  nonces,
			ExtraHeaders: map[jose.HeaderKey]any{"url": dir.KeyChangeURL},
		}, accountURL, inner)
		if err != nil {
			return err
		}
		lastErr = nonces.post(dir.KeyChangeURL, outer)
		var nonceErr *acme.NonceError
		if !errors.As(lastErr, &nonceErr) {
			return lastErr
		}
		// badNonce: the CA says so deliberately at times (RFC 8555 §6.5); try again with the fresh nonce it sent.
	}
	return lastErr
}

var errNoKeyChange = errors.New("the CA's directory offers no keyChange URL")

func signInner(keyChangeURL, accountURL string, oldKey, newKey crypto.Signer) ([]byte, error) {
	payload, err := json.Marshal(struct {
		Account string          `json:"account"`
		OldKey  jose.JSONWebKey `json:"oldKey"`
	}{accountURL, jose.JSONWebKey{Key: oldKey.Public()}})
	if err != nil {
		return nil, err
	}
	return sign(newKey, &jose.SignerOptions{
		EmbedJWK:     true,
		ExtraHeaders: map[jose.HeaderKey]any{"url": keyChangeURL},
	}, "", payload)
}

// sign makes a flattened JWS; kid, when set, names the signing account instead of an embedded jwk.
func sign(key crypto.Signer, opts *jose.SignerOptions, kid string, payload []byte) ([]byte, error) {
	alg, err := signatureAlgorithm(key)
	if err != nil {
		return nil, err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: jose.JSONWebKey{Key: key, KeyID: kid}}, opts)
	if err != nil {
		return nil, err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return nil, err
	}
	return []byte(jws.FullSerialize()), nil
}

func signatureAlgorithm(key crypto.Signer) (jose.SignatureAlgorithm, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return jose.RS256, nil
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P256():
			return jose.ES256, nil
		case elliptic.P384():
			return jose.ES384, nil
		}
	}
	return "", fmt.Errorf("no ACME signature algorithm for %T", key)
}

// nonceSource hands go-jose a fresh anti-replay nonce: the one the last
// response carried, else one fetched from newNonce.
type nonceSource struct {
	ctx         context.Context
	client      *http.Client
	newNonceURL string

	mu    sync.Mutex
	saved string
}

func (n *nonceSource) Nonce() (string, error) {
	n.mu.Lock()
	saved := n.saved
	n.saved = ""
	n.mu.Unlock()
	if saved != "" {
		return saved, nil
	}
	req, err := http.NewRequestWithContext(n.ctx, http.MethodHead, n.newNonceURL, nil)
	if err != nil {
		return "", err
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	nonce := resp.Header.Get("Replay-Nonce")
	if nonce == "" {
		return "", fmt.Errorf("%s answered without a Replay-Nonce", n.newNonceURL)
	}
	return nonce, nil
}

// post sends a JWS and returns lego's error types for problem documents, so
// callers explain them like any other lego failure.
func (n *nonceSource) post(url string, body []byte) error {
	ctx, cancel := context.WithTimeout(n.ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/jose+json")
	resp, err := n.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if nonce := resp.Header.Get("Replay-Nonce"); nonce != "" {
		n.mu.Lock()
		n.saved = nonce
		n.mu.Unlock()
	}
	if resp.StatusCode < 400 {
		return nil
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var problem acme.ProblemDetails
	if err := json.Unmarshal(raw, &problem); err != nil || problem.Type == "" {
		return fmt.Errorf("%d :: POST :: %s :: %s", resp.StatusCode, url, bytes.TrimSpace(raw))
	}
	problem.Method, problem.URL = http.MethodPost, url
	if problem.HTTPStatus == 0 {
		problem.HTTPStatus = resp.StatusCode
	}
	if problem.Type == acme.BadNonceErr {
		return &acme.NonceError{ProblemDetails: &problem}
	}
	return &problem
}
