package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

type tokenKey struct{}

// Bearer is middleware that puts the request's bearer token, if any,
// into the request context, where Authenticate finds it: for a server that
// does not check the token itself (the generated servers do, through
// Admit).
func Bearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok, ok := bearerToken(r.Header.Get("Authorization")); ok {
			r = r.WithContext(context.WithValue(r.Context(), tokenKey{}, tok))
		}
		next.ServeHTTP(w, r)
	})
}

// bearerToken extracts the token of an "Authorization: Bearer <token>"
// header; the scheme is case-insensitive (RFC 9110).
func bearerToken(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

// WithToken returns ctx carrying token as Bearer would; for tests and
// other transports.
func WithToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, tokenKey{}, token)
}

// Admit is the check of the bearerAuth security scheme both services'
// SecurityHandler makes before a secured operation's handler runs: a token
// whose signature or expiry is wrong is refused there (401); one that
// passes is put in the context, where the handler's Authenticate also
// checks its session against the store.
func (a *Authenticator) Admit(ctx context.Context, token string) (context.Context, error) {
	if _, err := a.Signer.Verify(token); err != nil {
		return nil, err
	}
	return WithToken(ctx, token), nil
}

// SessionChecker tells whether a session is still open: not logged out,
// not revoked by a password change.
type SessionChecker interface {
	SessionOpen(ctx context.Context, sessionID string, userID int64) (bool, error)
}

// Authenticator verifies the token of every protected call: signature,
// expiry, and that its session is still open.
type Authenticator struct {
	Signer   *Signer
	Sessions SessionChecker
}

// Authenticate returns the claims of ctx's bearer token. Its errors are
// ErrNoToken, ErrInvalidToken, ErrExpiredToken, ErrRevokedToken (answer
// 401) or a wrapped store failure (answer 500).
func (a *Authenticator) Authenticate(ctx context.Context) (Claims, error) {
	tok, _ := ctx.Value(tokenKey{}).(string)
	if tok == "" {
		return Claims{}, ErrNoToken
	}
	c, err := a.Signer.Verify(tok)
	if err != nil {
		return Claims{}, err
	}
	open, err := a.Sessions.SessionOpen(ctx, c.SessionID, c.UserID)
	if err != nil {
		return Claims{}, fmt.Errorf("look up session: %w", err)
	}
	if !open {
		return Claims{}, ErrRevokedToken
	}
	return c, nil
}

// IsUnauthorized reports whether err means the caller is not
// authenticated (as opposed to a failure of the service).
func IsUnauthorized(err error) bool {
	return errors.Is(err, ErrNoToken) || errors.Is(err, ErrInvalidToken) ||
		errors.Is(err, ErrExpiredToken) || errors.Is(err, ErrRevokedToken)
}

// Challenge is the WWW-Authenticate value for a 401 caused by err
// (RFC 6750 section 3: no error code when no token was sent).
func Challenge(err error) string {
	if errors.Is(err, ErrNoToken) {
		return `Bearer realm="crm"`
	}
	return `Bearer realm="crm", error="invalid_token"`
}
