package mock

import (
	"strings"
	"testing"
)

// TestPrismParity holds the differences a side-by-side run against
// Prism 5 found and toolkit now shares (bench/corpus-report/mock-vs-prism.md):
// CORS headers on every answer, a challenge only for schemes that have
// one, and a Prefer'd error answered even when Accept does not list its
// media type.
func TestPrismParity(t *testing.T) {
	pet := newMock(t, "../examples/petstore/openapi.yaml", Options{})
	resp, _ := get(t, pet, "GET", "/pets/1", "", nil)
	for h, want := range map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", "Access-Control-Expose-Headers": "*"} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("GET /pets/1 %s: %q, want %q", h, got, want)
		}
	}

	resp, body := get(t, pet, "GET", "/pets/1", "", map[string]string{"Accept": "application/json", "Prefer": "code=404"})
	if resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("Prefer: code=404 with Accept: application/json: %d %s %s, want the declared problem+json 404", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	// Without Prefer, a media type Accept does not take is still a 406.
	if resp, _ := get(t, pet, "GET", "/pets/1", "", map[string]string{"Accept": "application/xml"}); resp.StatusCode != 406 {
		t.Errorf("Accept: application/xml: %d, want 406", resp.StatusCode)
	}

	ks := newMock(t, "../testdata/contracts/kitchensink/openapi.yaml", Options{})
	sw := newMock(t, "../testdata/contracts/swagger2/swagger.yaml", Options{})
	for _, tc := range []struct {
		name    string
		srv     *Server
		method  string
		path    string
		body    string
		wantWWW string
	}{
		{"apiKey in a cookie", ks, "PUT", "/blobs/a", "x", ""},
		{"apiKey in a header", sw, "POST", "/api/orders/1/receipt", "", ""},
		{"document-wide bearer", ks, "GET", "/v2/items", "", `Bearer realm="mock"`},
		{"http basic", sw, "POST", "/api/orders", `{"sku":"a","quantity":1}`, `Basic realm="mock"`},
	} {
		resp, body := get(t, tc.srv, tc.method, tc.path, tc.body, nil)
		if resp.StatusCode != 401 {
			t.Errorf("%s: %s %s without credentials: %d, want 401\n%s", tc.name, tc.method, tc.path, resp.StatusCode, body)
			continue
		}
		if got := resp.Header.Get("WWW-Authenticate"); got != tc.wantWWW {
			t.Errorf("%s: WWW-Authenticate %q, want %q", tc.name, got, tc.wantWWW)
		}
	}
}

// TestFormBodyAllOf: a form body whose schema is an allOf of objects is
// decoded and checked (kin-openapi alone refuses such schemas, so valid
// forms were answered 400 where Prism answers 201).
func TestFormBodyAllOf(t *testing.T) {
	ks := newMock(t, "../testdata/contracts/kitchensink/openapi.yaml", Options{})
	for _, tc := range []struct {
		body   string
		status int
		detail string
	}{
		{"name=lamp&price=1.5", 201, ""},
		{"name=lamp&price=1.5&tags=a&tags=b&quantity=2", 201, ""},
		{"name=lamp&price=abc", 400, "price"},
		{"name=lamp", 400, "price"},
		{"name=lamp&price=1.5&tags=a&tags=a", 400, "tags"},
	} {
		resp, body := get(t, ks, "POST", "/items", tc.body, map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Bearer t"})
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.detail) {
			t.Errorf("form %q: %d %s, want %d naming %q", tc.body, resp.StatusCode, body, tc.status, tc.detail)
		}
	}
}
