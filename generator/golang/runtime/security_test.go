package runtime

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAuthorizationCredential(t *testing.T) {
	for _, tc := range []struct {
		header, scheme, want string
		ok                   bool
	}{
		{"Bearer abc", "Bearer", "abc", true},
		{"bearer  abc ", "Bearer", "abc", true},
		{"Basic abc", "Bearer", "abc", false},
		{"Bearer", "Bearer", "", false},
		{"Bearer ", "Bearer", "", false},
		{"", "Bearer", "", false},
		{"Digest a=1, b=2", "digest", "a=1, b=2", true},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		got, ok := authorizationCredential(r, tc.scheme)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("%q as %s = %q, %v; want %q, %v", tc.header, tc.scheme, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAPIKeyCredential(t *testing.T) {
	r := httptest.NewRequest("GET", "/?k=fromquery&empty=", nil)
	r.Header.Set("K", "fromheader")
	r.AddCookie(&http.Cookie{Name: "k", Value: "fromcookie"})
	for _, tc := range []struct {
		in, name, want string
		ok             bool
	}{
		{"query", "k", "fromquery", true},
		{"header", "K", "fromheader", true},
		{"cookie", "k", "fromcookie", true},
		{"query", "empty", "", false},
		{"query", "K2", "", false},
		{"cookie", "K", "", false},
	} {
		got, ok := apiKeyCredential(r, tc.in, tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s %s = %q, %v; want %q, %v", tc.in, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSecurityError(t *testing.T) {
	e := &SecurityError{Status: 403, Operation: "getPet", Err: errors.Join(ErrForbidden, errors.New("scope"))}
	if !errors.Is(e, ErrForbidden) || e.Error() != "getPet: credential refused: forbidden\nscope" {
		t.Errorf("%q, Is ErrForbidden %v", e.Error(), errors.Is(e, ErrForbidden))
	}
	if e := (&SecurityError{Status: 401, Operation: "getPet"}); e.Error() != "getPet: no credential the operation accepts" || e.Unwrap() != nil {
		t.Errorf("%q", e.Error())
	}
}

func TestClientWithCerts(t *testing.T) {
	cert := tls.Certificate{Certificate: [][]byte{{1}}}
	base := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{Certificates: make([]tls.Certificate, 1, 4)}}}
	c, err := clientWithCerts(base, []tls.Certificate{cert})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Transport.(*http.Transport).TLSClientConfig.Certificates); n != 2 {
		t.Errorf("%d certificates, want 2", n)
	}
	if n := len(base.Transport.(*http.Transport).TLSClientConfig.Certificates); n != 1 {
		t.Errorf("the given client's transport changed: %d certificates", n)
	}
	if c, err := clientWithCerts(&http.Client{}, []tls.Certificate{cert}); err != nil || len(c.Transport.(*http.Transport).TLSClientConfig.Certificates) != 1 {
		t.Errorf("default transport: %v", err)
	}
	if _, err := clientWithCerts(&http.Client{Transport: roundTripper{}}, nil); err == nil {
		t.Error("a transport that is not an *http.Transport was accepted")
	}
}

type roundTripper struct{}

func (roundTripper) RoundTrip(*http.Request) (*http.Response, error) { return nil, errors.New("no") }
