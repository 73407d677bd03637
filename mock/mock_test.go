package mock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/validate"
)

var contracts = []string{
	"../testdata/contracts/kitchensink/openapi.yaml",
	"../testdata/contracts/v31/openapi.json",
	"../testdata/contracts/swagger2/swagger.yaml",
	"../testdata/contracts/multifile/openapi.yaml",
	"../examples/petstore/openapi.yaml",
	"../examples/crm/user/openapi.yaml",
	"../examples/crm/customer/openapi.yaml",
}

func load(t testing.TB, path string) (*contract.Document, *contract.Model) {
	t.Helper()
	doc, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc, m
}

// TestMockConformsToItsContract: toolkit validate against the mock of a
// contract finds nothing, for every contract in testdata and examples,
// stateless and stateful.
func TestMockConformsToItsContract(t *testing.T) {
	for _, path := range contracts {
		for _, stateful := range []bool{false, true} {
			name := path
			if stateful {
				name += " stateful"
			}
			t.Run(name, func(t *testing.T) {
				doc, m := load(t, path)
				srv, err := New(doc, m, Options{Seed: 3, Stateful: stateful})
				if err != nil {
					t.Fatal(err)
				}
				hs := httptest.NewServer(srv)
				defer hs.Close()
				// The mock accepts any credential of the right shape, so a
				// wrong one is not refused; a stateless mock keeps serving
				// what was deleted and forgets what was created.
				exclude := []string{validate.CheckIgnoredAuth}
				if !stateful {
					exclude = append(exclude, validate.CheckUseAfterFree, validate.CheckResourceAvailability)
				}
				rep, err := validate.Run(context.Background(), validate.Config{Doc: doc, Model: m, BaseURL: hs.URL, Seed: 5, Workers: 2, Headers: credentials(m), ExcludeChecks: exclude})
				if err != nil {
					t.Fatal(err)
				}
				if rep.Findings() > 0 {
					var b strings.Builder
					rep.WriteText(&b)
					t.Fatalf("%d findings against the mock:\n%s", rep.Findings(), b.String())
				}
				if rep.Requests == 0 {
					t.Fatal("no requests sent")
				}
			})
		}
	}
}

// credentials are headers that satisfy a contract's security schemes:
// a bearer token, and every header or cookie API key (basic and query
// keys aside; basic only when no scheme wants a bearer token).
func credentials(m *contract.Model) http.Header {
	h := http.Header{}
	var cookies []string
	for _, sc := range m.SecuritySchemes {
		switch {
		case sc.Type == "apiKey" && sc.In == contract.InHeader:
			h.Set(sc.ParamName, "key-1")
		case sc.Type == "apiKey" && sc.In == contract.InCookie:
			cookies = append(cookies, sc.ParamName+"=key-1")
		case sc.Type == "http" && sc.Scheme == "basic":
			if h.Get("Authorization") == "" {
				h.Set("Authorization", "Basic dXNlcjpwYXNz") // user:pass
			}
		case sc.Type != "apiKey":
			h.Set("Authorization", "Bearer token-1")
		}
	}
	if len(cookies) > 0 {
		h.Set("Cookie", strings.Join(cookies, "; "))
	}
	return h
}

func get(t *testing.T, h http.Handler, method, path, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(b)
}

// TestPreferAndValidation: Prefer picks the declared response, invalid
// requests get the declared 4xx, unknown paths 404.
func TestPreferAndValidation(t *testing.T) {
	doc, m := load(t, "../examples/petstore/openapi.yaml")
	srv, err := New(doc, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path, body string
		hdr                map[string]string
		status             int
		ctype              string
	}{
		{"GET", "/pets", "", nil, 200, "application/json"},
		{"GET", "/pets/7", "", map[string]string{"Prefer": "code=404"}, 404, "application/problem+json"},
		{"GET", "/pets/0", "", nil, 400, "application/problem+json"},          // minimum 1
		{"GET", "/pets?limit=1000", "", nil, 400, "application/problem+json"}, // maximum 100
		{"POST", "/pets", `{"name":"Rex","species":"dog"}`, nil, 201, "application/json"},
		{"POST", "/pets", `{"name":"Rex"}`, nil, 400, "application/problem+json"},
		{"DELETE", "/pets/3", "", nil, 204, ""},
		{"GET", "/nowhere", "", nil, 404, "application/problem+json"},
		{"PUT", "/pets", "", nil, 405, "application/problem+json"},
	} {
		resp, body := get(t, srv, tc.method, tc.path, tc.body, tc.hdr)
		if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: got %d %q, want %d %q\n%s", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.status, tc.ctype, body)
		}
	}
}

// TestStateful: what POST creates, GET returns and DELETE removes.
func TestStateful(t *testing.T) {
	doc, m := load(t, "../examples/petstore/openapi.yaml")
	srv, err := New(doc, m, Options{Stateful: true})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, srv, "POST", "/pets", `{"name":"Fido","species":"cat"}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	var created map[string]any
	json.Unmarshal([]byte(body), &created)
	if created["name"] != "Fido" || created["species"] != "cat" {
		t.Fatalf("created %v, want the posted name and species", created)
	}
	id := "/pets/" + strings.TrimSuffix(strings.TrimSuffix(json.Number(jsonString(created["id"])).String(), ".0"), "")
	_, body = get(t, srv, "GET", id, "", nil)
	if !strings.Contains(body, `"Fido"`) {
		t.Fatalf("GET %s: %s", id, body)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
