package route

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

func router(t testing.TB) *Router {
	t.Helper()
	doc, m, err := contract.Open("../../testdata/contracts/kitchensink/openapi.yaml", contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := New(doc, m)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

// TestMatchPath: the most specific route wins, parameters are captured
// escaped, a known path with another method says so, and MatchPath
// routes a path other than the request's (the mock strips prefixes).
func TestMatchPath(t *testing.T) {
	rt := router(t)
	for _, tc := range []struct {
		method, path string
		want         string // operation id, "" for none
		found        bool
		params       string
	}{
		{"GET", "/items/a%2Fb", "getItem", true, "itemId=a%2Fb"},
		{"GET", "/items/x/image.png", "getItemImage", true, "format=png itemId=x"},
		{"PUT", "/items", "", true, ""},
		{"GET", "/nowhere", "", false, ""},
	} {
		req := httptest.NewRequest(tc.method, "/v2/prefix/ignored", nil)
		got, params, found := rt.MatchPath(req, tc.path)
		id := ""
		if got != nil {
			id = got.Op.ID
		}
		var ps []string
		for _, n := range []string{"format", "itemId"} {
			if v, ok := params[n]; ok {
				ps = append(ps, n+"="+v)
			}
		}
		if id != tc.want || found != tc.found || strings.Join(ps, " ") != tc.params {
			t.Errorf("%s %s: %q %v %v, want %q %v %q", tc.method, tc.path, id, found, ps, tc.want, tc.found, tc.params)
		}
	}
}

// FuzzMatch: any method and path routes without panicking, and a match
// captures one value per parameter name of its route.
func FuzzMatch(f *testing.F) {
	rt := router(f)
	for _, s := range []string{"/items/1", "/items/x/image.png", "//", "/items/%zz", "/" + strings.Repeat("a/", 100)} {
		f.Add("GET", s)
	}
	f.Fuzz(func(t *testing.T, method, path string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Method = method
		got, params, found := rt.MatchPath(req, path)
		if got != nil && (!found || len(params) != len(got.names)) {
			t.Fatalf("%s %q: route %s with params %v, found %v", method, path, got.Op.ID, params, found)
		}
	})
}
