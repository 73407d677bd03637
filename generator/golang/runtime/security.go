package runtime

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// OperationInfo describes the operation of the contract a request matched. The
// server puts it in the request's context before any middleware runs, so
// middleware, security checks and handlers can read it with OperationFromContext.
// Its slices are shared: do not modify them.
type OperationInfo struct {
	// ID is the operationId.
	ID string
	// Method is the HTTP method, Path the contract's path template ("/pets/{petId}").
	Method string
	Path   string
	Tags   []string
	// Security lists the alternatives that admit a request, tried in order: a
	// request is admitted by the first whose every scheme accepts it. It is empty
	// when the operation is public; an empty alternative admits anyone.
	Security []SecurityRequirement
}

// SecurityRequirement is one alternative of an operation's security: every scheme
// it lists must accept the request.
type SecurityRequirement []SchemeScopes

// SchemeScopes names a security scheme of the contract and the scopes (or roles)
// the requirement lists for it.
type SchemeScopes struct {
	Scheme string
	Scopes []string
}

// ErrForbidden is what a SecurityHandler method returns (or wraps) for a credential
// that is valid but does not allow the operation: the server answers 403 instead
// of 401.
var ErrForbidden = errors.New("forbidden")

// errNoCredential is a credential the request does not carry.
var errNoCredential = errors.New("no credential")

// SecurityError is a request the operation's security requirements refused: the
// handler was not called. The default error handler answers Status without the
// text of Err, which is the SecurityHandler's and may say more than a client
// should read.
type SecurityError struct {
	// Status is 401 (a credential missing or refused) or 403 (a credential refused
	// with ErrForbidden).
	Status int
	// Operation is the operationId.
	Operation string
	// Err is the first error a SecurityHandler method returned, nil when every
	// alternative lacked a credential.
	Err error
	// errors are the answers the operation declares for errors; nil for none.
	errors *errorTable
}

// Error names the operation and, when there is one, the refusal.
func (e *SecurityError) Error() string {
	if e.Err == nil {
		return e.Operation + ": no credential the operation accepts"
	}
	return e.Operation + ": credential refused: " + e.Err.Error()
}

// Unwrap returns the SecurityHandler's error.
func (e *SecurityError) Unwrap() error {
	return e.Err
}

// authorizationCredential returns the credentials of an Authorization header of
// the given scheme (compared case-insensitively, RFC 9110 section 11.1).
func authorizationCredential(r *http.Request, scheme string) (string, bool) {
	got, cred, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	cred = strings.TrimSpace(cred)
	return cred, ok && cred != "" && strings.EqualFold(got, scheme)
}

// apiKeyCredential returns a non-empty API key sent in a header, query parameter
// or cookie named name.
func apiKeyCredential(r *http.Request, in, name string) (string, bool) {
	var key string
	switch in {
	case "query":
		key = r.URL.Query().Get(name)
	case "cookie":
		if c, err := r.Cookie(name); err == nil {
			key = c.Value
		}
	default:
		key = r.Header.Get(name)
	}
	return key, key != ""
}

// clientWithCerts returns a copy of hc whose transport, a clone of hc's (or of
// http.DefaultTransport), presents certs in TLS handshakes. hc is left as it is.
func clientWithCerts(hc *http.Client, certs []tls.Certificate) (*http.Client, error) {
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return nil, fmt.Errorf("mutual TLS: the HTTP client's transport is a %T, not an *http.Transport: give it the certificates yourself", rt)
	}
	t = t.Clone()
	if t.TLSClientConfig == nil {
		t.TLSClientConfig = &tls.Config{}
	}
	t.TLSClientConfig.Certificates = append(slices.Clip(t.TLSClientConfig.Certificates), certs...)
	c := *hc
	c.Transport = t
	return &c, nil
}
