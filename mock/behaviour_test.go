package mock

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/contractfirst/toolkit/contract"
)

func newMock(t *testing.T, path string, opts Options) *Server {
	t.Helper()
	doc, m := load(t, path)
	srv, err := New(doc, m, opts)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// miscContract has what the shipped contracts lack: named examples, an
// optional header with an example, a union that is its own variant, an
// operation without error responses.
const miscContract = `openapi: 3.0.3
info: {title: misc, version: "1"}
servers:
  - url: https://api.example.com/{version}/shop
    variables:
      version: {default: v2}
paths:
  /greetings:
    get:
      responses:
        '200':
          description: A greeting.
          headers:
            X-Rate-Limit:
              schema: {type: integer}
              example: 42
            X-Without-Example:
              schema: {type: string}
            X-Window:
              required: true
              schema:
                type: object
                required: [from, to]
                properties: {from: {type: integer}, to: {type: integer}}
            X-Limits:
              explode: true
              schema: {type: object, properties: {burst: {type: integer}}}
              example: {burst: 5}
            X-Tags:
              required: true
              schema: {type: array, items: {type: string}}
          content:
            application/json:
              schema:
                type: object
                required: [text]
                properties:
                  text: {type: string}
              examples:
                a-hello: {value: {text: hello}}
                b-bye: {value: {text: bye}}
  /nodes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
components:
  schemas:
    Node:
      oneOf:
        - $ref: '#/components/schemas/Node'
        - type: object
          properties:
            kids: {type: array, items: {$ref: '#/components/schemas/Node'}}
            a: {oneOf: [{$ref: '#/components/schemas/Node'}, {type: string}]}
`

func misc(t *testing.T, opts Options) *Server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "misc.yaml")
	if err := os.WriteFile(path, []byte(miscContract), 0o644); err != nil {
		t.Fatal(err)
	}
	return newMock(t, path, opts)
}

func decode(t *testing.T, body string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, body)
	}
	return v
}

// TestCORS: preflights are answered 204 with the allow headers, every
// answer carries Access-Control-Allow-Origin; --cors=false and
// --cors-origin change that.
func TestCORS(t *testing.T) {
	pet := "../examples/petstore/openapi.yaml"
	preflight := map[string]string{"Origin": "http://app.test", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, authorization"}

	srv := newMock(t, pet, Options{})
	resp, _ := get(t, srv, "OPTIONS", "/pets", "", preflight)
	h := resp.Header
	if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "http://app.test" ||
		h.Get("Access-Control-Allow-Methods") != "GET, POST, OPTIONS" || h.Get("Access-Control-Allow-Headers") != "content-type, authorization" {
		t.Errorf("preflight: %d %v", resp.StatusCode, h)
	}
	if resp, _ := get(t, srv, "GET", "/pets", "", nil); resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET without Origin: Access-Control-Allow-Origin %q, want *", resp.Header.Get("Access-Control-Allow-Origin"))
	}

	off := newMock(t, pet, Options{NoCORS: true})
	if resp, _ := get(t, off, "OPTIONS", "/pets", "", preflight); resp.StatusCode != 405 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("NoCORS preflight: %d %v, want 405 without CORS headers", resp.StatusCode, resp.Header)
	} else if resp.Header.Get("Allow") != "GET, POST, OPTIONS" {
		t.Errorf("405 Allow: %q", resp.Header.Get("Allow"))
	}

	only := newMock(t, pet, Options{CORSOrigins: []string{"http://ok.test"}})
	if resp, _ := get(t, only, "GET", "/pets", "", map[string]string{"Origin": "http://evil.test"}); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("origin not listed got %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if resp, _ := get(t, only, "GET", "/pets", "", map[string]string{"Origin": "http://ok.test"}); resp.Header.Get("Access-Control-Allow-Origin") != "http://ok.test" {
		t.Errorf("listed origin got %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
}

// TestSecurity: without a credential of the right shape a secured
// operation answers its declared 401; with AuthTokens only those pass.
func TestSecurity(t *testing.T) {
	crm := "../examples/crm/customer/openapi.yaml"
	srv := newMock(t, crm, Options{})
	for _, tc := range []struct {
		auth   string
		status int
	}{
		{"", 401},
		{"Token abc", 401},  // wrong scheme
		{"Bearer ", 401},    // empty token
		{"Bearer abc", 200}, // any token
		{"bearer xyz", 200}, // scheme names are case-insensitive
		{"Basic dTpw", 401}, // basic is not bearer
	} {
		resp, body := get(t, srv, "GET", "/customers", "", map[string]string{"Authorization": tc.auth})
		if resp.StatusCode != tc.status {
			t.Errorf("Authorization %q: %d, want %d\n%s", tc.auth, resp.StatusCode, tc.status, body)
			continue
		}
		if tc.status == 401 {
			p := decode(t, body)
			if resp.Header.Get("Content-Type") != "application/problem+json" || p["status"] != 401.0 || p["title"] != "Unauthorized" ||
				!strings.Contains(fmt.Sprint(p["detail"]), "bearerAuth (Authorization: Bearer …)") || resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 answer: %v %s", resp.Header, body)
			}
		}
	}
	// Operations with security: [] stay open.
	users := newMock(t, "../examples/crm/user/openapi.yaml", Options{})
	if resp, body := get(t, users, "POST", "/sessions", `{"username":"ada","password":"correct-horse-battery"}`, nil); resp.StatusCode >= 400 {
		t.Errorf("POST /sessions (security: []): %d %s", resp.StatusCode, body)
	}

	only := newMock(t, crm, Options{AuthTokens: []string{"good"}})
	if resp, _ := get(t, only, "GET", "/customers", "", map[string]string{"Authorization": "Bearer good"}); resp.StatusCode != 200 {
		t.Errorf("accepted token: %d", resp.StatusCode)
	}
	resp, body := get(t, only, "GET", "/customers", "", map[string]string{"Authorization": "Bearer bad"})
	if resp.StatusCode != 403 || decode(t, body)["status"] != 403.0 { // answered with the declared default
		t.Errorf("refused token: %d %s, want 403", resp.StatusCode, body)
	}

	// Alternatives: an API key in the query or a header, or basic.
	ks := newMock(t, "../testdata/contracts/kitchensink/openapi.yaml", Options{})
	for _, tc := range []struct {
		path string
		hdr  map[string]string
		ok   bool
	}{
		{"/uploads?api_key=k", nil, true},
		{"/uploads", map[string]string{"X-API-Key": "k"}, true},
		{"/uploads", map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}, true},
		{"/uploads", map[string]string{"Authorization": "Basic bm9jb2xvbg=="}, false}, // "nocolon"
		{"/uploads", map[string]string{"Authorization": "Bearer t"}, false},
	} {
		hdr := map[string]string{"Content-Type": "multipart/form-data; boundary=b"}
		for k, v := range tc.hdr {
			hdr[k] = v
		}
		resp, body := get(t, ks, "POST", tc.path, "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n", hdr)
		if (resp.StatusCode == 401) == tc.ok {
			t.Errorf("%s %v: %d %s", tc.path, tc.hdr, resp.StatusCode, body)
		}
	}

	// A requirement naming only undefined schemes fails closed, as the
	// generated server does; a defined alternative beside one still admits.
	typo := newMock(t, "../generator/golang/testdata/roundtrip/undefinedsec/openapi.yaml", Options{})
	resp, body = get(t, typo, "GET", "/typo", "", map[string]string{"Authorization": "Bearer x", "X-Key": "k"})
	if resp.StatusCode != 401 || !strings.Contains(resp.Header.Get("X-Mock-Error"), "bearerAuth (not declared)") {
		t.Errorf("GET /typo with credentials: %d %v %s, want 401 naming the undefined scheme", resp.StatusCode, resp.Header, body)
	}
	if resp, body := get(t, typo, "GET", "/either", "", map[string]string{"X-Key": "k"}); resp.StatusCode != 200 {
		t.Errorf("GET /either with the key: %d %s, want 200", resp.StatusCode, body)
	}
}

// TestPrefer: an undeclared code or unknown example is an error naming
// what is declared; dynamic=true varies the answer; the first named
// example is the default.
func TestPrefer(t *testing.T) {
	ks := newMock(t, "../testdata/contracts/kitchensink/openapi.yaml", Options{})
	auth := map[string]string{"Authorization": "Bearer t", "Prefer": "code=500"}
	resp, body := get(t, ks, "GET", "/items/3fa85f64-5717-4562-b3fc-2c963f66afa6", "", auth)
	if resp.StatusCode != 400 || !strings.Contains(body, "code=500 is not declared by getItem; declared: 200, 404") {
		t.Errorf("undeclared code: %d %s", resp.StatusCode, body)
	}
	auth["Prefer"] = "code=404"
	if resp, body := get(t, ks, "GET", "/items/3fa85f64-5717-4562-b3fc-2c963f66afa6", "", auth); resp.StatusCode != 404 {
		t.Errorf("declared code: %d %s", resp.StatusCode, body)
	}
	crm := newMock(t, "../examples/crm/customer/openapi.yaml", Options{})
	resp, body = get(t, crm, "GET", "/customers", "", map[string]string{"Authorization": "Bearer t", "Prefer": "code=503"})
	if p := decode(t, body); resp.StatusCode != 503 || p["status"] != 503.0 || p["title"] != "Service Unavailable" {
		t.Errorf("code=503 through default: %d %s", resp.StatusCode, body)
	}

	srv := misc(t, Options{})
	resp, body = get(t, srv, "GET", "/greetings", "", nil)
	if resp.StatusCode != 200 || decode(t, body)["text"] != "hello" {
		t.Errorf("default answer: %d %s, want the first named example", resp.StatusCode, body)
	}
	if _, body := get(t, srv, "GET", "/greetings", "", map[string]string{"Prefer": "example=b-bye"}); decode(t, body)["text"] != "bye" {
		t.Errorf("example=b-bye: %s", body)
	}
	if _, body := get(t, srv, "GET", "/greetings?__example=b-bye", "", nil); decode(t, body)["text"] != "bye" {
		t.Errorf("?__example=b-bye (Prism's query form): %s", body)
	}
	resp, body = get(t, srv, "GET", "/greetings", "", map[string]string{"Prefer": "example=nope"})
	if resp.StatusCode != 400 || !strings.Contains(body, `no example \"nope\" in response 200 of getGreetings; declared: a-hello, b-bye`) {
		t.Errorf("unknown example: %d %s", resp.StatusCode, body)
	}

	pet := newMock(t, "../examples/petstore/openapi.yaml", Options{})
	seen := map[string]bool{}
	for range 5 {
		_, body := get(t, pet, "GET", "/pets/1", "", map[string]string{"Prefer": "dynamic=true"})
		seen[body] = true
	}
	if len(seen) < 2 {
		t.Errorf("dynamic=true: the same answer 5 times: %v", seen)
	}
	_, a := get(t, pet, "GET", "/pets/1", "", nil)
	_, b := get(t, pet, "GET", "/pets/1", "", nil)
	if a != b {
		t.Errorf("static answers differ:\n%s\n%s", a, b)
	}
	dyn := newMock(t, "../examples/petstore/openapi.yaml", Options{Dynamic: true})
	_, a = get(t, dyn, "GET", "/pets/1", "", nil)
	_, b = get(t, dyn, "GET", "/pets/1", "", nil)
	if a == b {
		t.Errorf("Options.Dynamic: the same answer twice: %s", a)
	}
}

// TestOptionalHeaderExample: an optional response header with an
// example is sent, one without is not.
func TestOptionalHeaderExample(t *testing.T) {
	resp, _ := get(t, misc(t, Options{}), "GET", "/greetings", "", nil)
	if resp.Header.Get("X-Rate-Limit") != "42" || resp.Header.Get("X-Without-Example") != "" {
		t.Errorf("headers %v", resp.Header)
	}
}

// TestHeaderStyles: response headers holding lists and objects are sent
// in style simple, as generated clients read them, not as JSON.
func TestHeaderStyles(t *testing.T) {
	resp, _ := get(t, misc(t, Options{}), "GET", "/greetings", "", nil)
	for name, want := range map[string]string{"X-Window": "from,1,to,1", "X-Limits": "burst=5", "X-Tags": "string"} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestServerPrefix: the mock serves under the servers' path (with
// variables at their defaults) and Swagger 2.0's basePath, and at the
// root.
func TestServerPrefix(t *testing.T) {
	srv := misc(t, Options{})
	for _, p := range []string{"/v2/shop/greetings", "/greetings"} {
		if resp, body := get(t, srv, "GET", p, "", nil); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	if resp, _ := get(t, srv, "GET", "/v2/shopgreetings", "", nil); resp.StatusCode != 404 {
		t.Errorf("/v2/shopgreetings: %d, want 404", resp.StatusCode)
	}
	sw := newMock(t, "../testdata/contracts/swagger2/swagger.yaml", Options{})
	for _, p := range []string{"/api/orders", "/orders"} {
		if resp, body := get(t, sw, "GET", p, "", map[string]string{"X-Key": "k"}); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
}

// TestSelfReferencingOneOf: a union that is its own variant used to
// overflow the stack on the first request and kill the mock.
func TestSelfReferencingOneOf(t *testing.T) {
	resp, body := get(t, misc(t, Options{}), "POST", "/nodes", `{"kids":[{"kids":[{"a":{"a":{"a":"x"}}}]}]}`, nil)
	if resp.StatusCode != 200 {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}

// TestBodyLimit: a body over the limit is answered 413, whether its
// length is announced or it comes chunked, never 400 "unexpected EOF".
func TestBodyLimit(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{MaxBody: 64})
	big := `{"name":"` + strings.Repeat("x", 200) + `","species":"dog"}`
	resp, body := get(t, srv, "POST", "/pets", big, nil)
	if resp.StatusCode != 413 || !strings.Contains(body, "over the limit of 64") {
		t.Errorf("announced: %d %s", resp.StatusCode, body)
	}
	req := httptest.NewRequest("POST", "/pets", iotest.HalfReader(strings.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Errorf("chunked: %d %s", rec.Code, rec.Body)
	}
	if resp, body := get(t, srv, "POST", "/pets", `{"name":"a","species":"dog"}`, nil); resp.StatusCode != 201 {
		t.Errorf("small body: %d %s", resp.StatusCode, body)
	}
}

// TestUnsupportedMediaType: a body in a media type the operation does
// not take gets 415 naming the declared ones.
func TestUnsupportedMediaType(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{})
	resp, body := get(t, srv, "POST", "/pets", "name=a", map[string]string{"Content-Type": "text/plain"})
	if resp.StatusCode != 415 || !strings.Contains(body, "Content-Type text/plain is not declared; send application/json") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	if resp, body := get(t, srv, "POST", "/pets", `{"name":"a","species":"dog"}`, map[string]string{"Content-Type": "application/json; charset=utf-8"}); resp.StatusCode != 201 {
		t.Errorf("charset: %d %s", resp.StatusCode, body)
	}
}

// TestErrorBody: the declared response for the status (exact, range,
// default), with message- and code-like properties filled where their
// schemas allow; nil when nothing is declared.
func TestErrorBody(t *testing.T) {
	str := &contract.Type{Kind: contract.KindString}
	maxLen := uint64(3)
	errType := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{
		{Name: "code", Type: &contract.Type{Kind: contract.KindInt}, Required: true},
		{Name: "message", Type: str, Required: true},
		{Name: "short", Type: &contract.Type{Kind: contract.KindString, Constraints: contract.Constraints{MaxLength: &maxLen}}},
		{Name: "title", Type: &contract.Type{Kind: contract.KindEnum, Enum: []any{"x"}}},
	}}
	content := func(ex any) []*contract.Content {
		return []*contract.Content{{MediaType: "application/vnd.err+json", Type: errType, Example: ex, HasExample: true}}
	}
	op := &contract.Operation{Responses: []*contract.Response{
		{Status: "200", Code: 200},
		{Status: "404", Code: 404, Contents: content(map[string]any{"code": 1.0, "message": "m", "title": "x"})},
		{Status: "4XX", Contents: content(map[string]any{"code": 2.0, "message": "range"})},
		{Status: "default", Contents: content(map[string]any{"code": 3.0, "message": "default"})},
	}}
	for _, tc := range []struct {
		status     int
		wantStatus string
		want       string
	}{
		{404, "404", `{"code":404,"message":"gone","title":"x"}`},
		{413, "4XX", `{"code":413,"message":"gone"}`},
		{503, "default", `{"code":503,"message":"gone"}`},
	} {
		resp, c, body := ErrorBody(op, tc.status, "gone")
		if resp == nil || resp.Status != tc.wantStatus || c == nil || c.MediaType != "application/vnd.err+json" {
			t.Errorf("%d: response %+v", tc.status, resp)
			continue
		}
		if got := jsonString(body); got != tc.want {
			t.Errorf("%d: body %s, want %s", tc.status, got, tc.want)
		}
	}
	bare := &contract.Operation{Responses: []*contract.Response{{Status: "200", Code: 200}}}
	if resp, _, _ := ErrorBody(bare, 401, "x"); resp != nil {
		t.Errorf("nothing declared: got %+v", resp)
	}
	if resp, c, _ := ErrorBody(&contract.Operation{Responses: []*contract.Response{{Status: "401", Code: 401}}}, 401, "x"); resp == nil || c != nil {
		t.Errorf("a body-less 401: %+v %+v", resp, c)
	}
}

// creds are bearer credentials for the CRM contracts.
var creds = map[string]string{"Authorization": "Bearer t"}

// TestStatefulCRUD: the CRM customer contract served statefully: create,
// read, list, replace, delete, read (404), list without it (the contract
// declares no PATCH: TestStatefulMerge merges on the petstore); every
// answer valid against the contract (checked by the mock itself and by
// TestMockConformsToItsContract).
func TestStatefulCRUD(t *testing.T) {
	srv := newMock(t, "../examples/crm/customer/openapi.yaml", Options{Stateful: true})
	call := func(method, path, body string, want int) map[string]any {
		t.Helper()
		resp, out := get(t, srv, method, path, body, creds)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d, want %d\n%s", method, path, resp.StatusCode, want, out)
		}
		if w := resp.Header.Get("X-Mock-Warning"); w != "" {
			t.Fatalf("%s %s: warning %s", method, path, w)
		}
		if out == "" {
			return nil
		}
		return decode(t, out)
	}
	a := call("POST", "/customers", `{"name":"Ada","email":"ada@x.example","status":"lead"}`, 201)
	b := call("POST", "/customers", `{"name":"Bob","email":"bob@x.example"}`, 201)
	if a["name"] != "Ada" || a["status"] != "lead" || a["id"] == b["id"] || a["createdAt"] == nil || a["company"] != nil {
		t.Fatalf("created %v and %v (want no company: none was sent)", a, b)
	}
	ida := fmt.Sprint(a["id"])
	if got := call("GET", "/customers/"+ida, "", 200); got["email"] != "ada@x.example" {
		t.Errorf("read %v", got)
	}
	list := call("GET", "/customers", "", 200)
	if items := list["items"].([]any); len(items) != 2 || items[0].(map[string]any)["name"] != "Ada" {
		t.Errorf("list %v", list)
	}
	page := call("GET", "/customers?limit=1", "", 200)
	if items := page["items"].([]any); len(items) != 1 || page["nextCursor"] != "1" {
		t.Errorf("first page %v", page)
	}
	page = call("GET", "/customers?limit=1&cursor=1", "", 200)
	if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["name"] != "Bob" || page["nextCursor"] != nil {
		t.Errorf("second page %v", page)
	}
	put := call("PUT", "/customers/"+ida, `{"name":"Ada King","email":"ada@king.example","notes":"n"}`, 200)
	if put["name"] != "Ada King" || fmt.Sprint(put["id"]) != ida || put["createdAt"] != a["createdAt"] || put["company"] != nil {
		t.Errorf("replaced %v", put)
	}
	if got := call("GET", "/customers/"+ida, "", 200); got["name"] != "Ada King" {
		t.Errorf("read after replace %v", got)
	}
	call("DELETE", "/customers/"+ida, "", 204)
	if p := call("GET", "/customers/"+ida, "", 404); !strings.Contains(fmt.Sprint(p["detail"]), "no resource") {
		t.Errorf("404 body %v", p)
	}
	call("DELETE", "/customers/"+ida, "", 404)
	list = call("GET", "/customers", "", 200)
	if items := list["items"].([]any); len(items) != 1 || items[0].(map[string]any)["name"] != "Bob" {
		t.Errorf("list after delete %v", list)
	}
}

// TestStatefulMerge: PATCH applies a JSON Merge Patch to the stored
// resource: null removes, other values replace.
func TestStatefulMerge(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{Stateful: true})
	resp, body := get(t, srv, "POST", "/pets", `{"name":"Rex","species":"dog","tags":["a"]}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	created := decode(t, body)
	path := "/pets/" + fmt.Sprint(created["id"])
	resp, body = get(t, srv, "PATCH", path, `{"name":"Max"}`, nil)
	merged := decode(t, body)
	if resp.StatusCode != 200 || merged["name"] != "Max" || merged["species"] != "dog" || merged["id"] != created["id"] || merged["createdAt"] != created["createdAt"] {
		t.Errorf("merged: %d %v (created %v)", resp.StatusCode, merged, created)
	}
	if _, body := get(t, srv, "GET", path, "", nil); decode(t, body)["name"] != "Max" {
		t.Errorf("read after merge: %s", body)
	}
	if got := mergePatch(map[string]any{"a": 1.0, "b": map[string]any{"c": 1.0, "d": 2.0}}, map[string]any{"a": nil, "b": map[string]any{"c": nil, "e": 3.0}}); jsonString(got) != `{"b":{"d":2,"e":3}}` {
		t.Errorf("mergePatch: %s", jsonString(got))
	}
}

// TestStatefulBounded: past MaxResources the oldest resources go.
func TestStatefulBounded(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{Stateful: true, MaxResources: 3})
	for i := range 5 {
		if resp, body := get(t, srv, "POST", "/pets", fmt.Sprintf(`{"name":"p%d","species":"dog"}`, i), nil); resp.StatusCode != 201 {
			t.Fatalf("create %d: %d %s", i, resp.StatusCode, body)
		}
	}
	if n := srv.store.size(); n != 3 {
		t.Errorf("stored %d, want 3", n)
	}
	_, body := get(t, srv, "GET", "/pets", "", nil)
	var names []string
	for _, it := range decode(t, body)["items"].([]any) {
		names = append(names, it.(map[string]any)["name"].(string))
	}
	if strings.Join(names, ",") != "p2,p3,p4" {
		t.Errorf("listed %v, want p2,p3,p4", names)
	}
	if resp, _ := get(t, srv, "GET", "/pets/1", "", nil); resp.StatusCode != 404 {
		t.Errorf("evicted pet: %d, want 404", resp.StatusCode)
	}
}

// TestSeedData: seeded resources are served and listed; an item without
// an id is an error naming it.
func TestSeedData(t *testing.T) {
	seed := map[string][]any{"/customers": {map[string]any{
		"id": 7.0, "name": "Seeded", "email": "s@x.example", "status": "active",
		"createdAt": "2024-01-02T03:04:05Z", "updatedAt": "2024-01-02T03:04:05Z",
	}}}
	srv := newMock(t, "../examples/crm/customer/openapi.yaml", Options{Stateful: true, SeedData: seed})
	if resp, body := get(t, srv, "GET", "/customers/7", "", creds); resp.StatusCode != 200 || decode(t, body)["name"] != "Seeded" {
		t.Errorf("seeded read: %d %s", resp.StatusCode, body)
	}
	for i := range 8 { // the 7th creation must not take the seeded id 7
		if resp, body := get(t, srv, "POST", "/customers", `{"name":"N","email":"n@x.example"}`, creds); resp.StatusCode != 201 || i == 6 && decode(t, body)["id"] == 7.0 {
			t.Fatalf("create %d: %d %s", i, resp.StatusCode, body)
		}
	}
	if resp, body := get(t, srv, "GET", "/customers/7", "", creds); decode(t, body)["name"] != "Seeded" {
		t.Errorf("seeded resource replaced by a created one: %d %s", resp.StatusCode, body)
	}
	doc, m := load(t, "../examples/crm/customer/openapi.yaml")
	_, err := New(doc, m, Options{Stateful: true, SeedData: map[string][]any{"/customers": {map[string]any{"name": "x"}}}})
	if err == nil || err.Error() != `mock: seed data: /customers[0]: no id property ("id" or the item path's parameter)` {
		t.Errorf("seed without id: %v", err)
	}
}

var _ http.Handler = (*Server)(nil)

// TestRecursiveUnionBudget: kin-openapi's check of a union without a
// discriminator tries every variant at every level; a body whose check
// would pass the visit budget is refused with 413 and the reason before
// kin-openapi runs, whether the cost comes from depth (40 levels of a
// recursive union) or width; an ordinary body of the same operation is
// checked and answered.
func TestRecursiveUnionBudget(t *testing.T) {
	srv := misc(t, Options{})
	deep := strings.Repeat(`{"a":`, 40) + `"x"` + strings.Repeat(`}`, 40)
	resp, body := get(t, srv, "POST", "/nodes", deep, nil)
	if want := fmt.Sprintf("checking this body against its schema would take more than %d schema visits", contract.MaxValidationVisits); resp.StatusCode != 413 || !strings.Contains(body, want) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	shallow := strings.Repeat(`{"kids":[`, 3) + `{}` + strings.Repeat(`]}`, 3)
	if resp, body := get(t, srv, "POST", "/nodes", shallow, nil); resp.StatusCode != 200 {
		t.Errorf("shallow body: %d %s", resp.StatusCode, body)
	}
}

// TestSeedDataChecked: a seeded resource that breaks the schema of the
// answer serving it is refused when the mock starts, naming it.
func TestSeedDataChecked(t *testing.T) {
	doc, m := load(t, "../examples/crm/customer/openapi.yaml")
	_, err := New(doc, m, Options{Stateful: true, SeedData: map[string][]any{"/customers": {map[string]any{"id": 1.0, "name": "no email"}}}})
	if err == nil || !strings.Contains(err.Error(), "/customers[0]: does not fit the schema of GET /customers/{customerId}'s 200 answer") {
		t.Errorf("got %v", err)
	}
	_, err = New(doc, m, Options{Stateful: true, SeedData: map[string][]any{"/nowhere": {map[string]any{"id": 1.0}}}})
	if err == nil || !strings.Contains(err.Error(), "/nowhere[0]: no GET /nowhere/{id} operation serves it") {
		t.Errorf("got %v", err)
	}
}

// TestSeedDataChecked31: on an OpenAPI 3.1 contract (checked by kin-
// openapi's JSON Schema validator) the refusal says what is wrong and
// where, without the schema URL internal to kin-openapi.
func TestSeedDataChecked31(t *testing.T) {
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties:
                  id: {type: integer}
                  name: {type: string}
`
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, m := load(t, path)
	_, err := New(doc, m, Options{Stateful: true, SeedData: map[string][]any{"/things": {map[string]any{"id": "one"}}}})
	const want = "mock: seed data: /things[0]: does not fit the schema of GET /things/{id}'s 200 answer: missing property 'name'; at /id: got string, want integer"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestNotAcceptable: an Accept header that takes none of the chosen
// response's media types gets 406 naming them, as with Prism; ranges and
// parameters are understood.
func TestNotAcceptable(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{})
	resp, body := get(t, srv, "GET", "/pets/1", "", map[string]string{"Accept": "application/xml"})
	if resp.StatusCode != 406 || !strings.Contains(body, "takes none of the declared media types: application/json") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	for _, accept := range []string{"", "*/*", "application/*", "text/html, application/json;q=0.9", "APPLICATION/JSON"} {
		if resp, body := get(t, srv, "GET", "/pets/1", "", map[string]string{"Accept": accept}); resp.StatusCode != 200 {
			t.Errorf("Accept %q: %d %s", accept, resp.StatusCode, body)
		}
	}
	if accepts("application/json;q=0", "application/json") {
		t.Error("q=0 accepted")
	}
}

// TestStoreVerdicts: a resource is checked against a schema once, and
// again after it is replaced.
func TestStoreVerdicts(t *testing.T) {
	st := newStore(10)
	st.add("/c", "1", map[string]any{"n": 1.0})
	checks := 0
	check := func(v any) bool { checks++; return v.(map[string]any)["n"] == 1.0 }
	r, _ := st.get("/c", "1")
	for range 3 {
		if !st.fits(r, "schema", check) {
			t.Fatal("fits: false")
		}
	}
	if checks != 1 {
		t.Errorf("checked %d times, want 1", checks)
	}
	st.replace("/c", "1", map[string]any{"n": 2.0})
	if st.fits(r, "schema", check) || checks != 2 {
		t.Errorf("after replace: checks %d, want a fresh check that fails", checks)
	}
	if _, items, total := st.page("/c", 0, 10); total != 1 || len(items) != 1 {
		t.Errorf("page: %v %d", items, total)
	}
}

// TestLatencyLeftClient: a delayed answer to a client that has gone is
// never written (no timing asserted: the delay is an hour and the client
// has already left).
func TestLatencyLeftClient(t *testing.T) {
	srv := newMock(t, "../examples/petstore/openapi.yaml", Options{LatencyMin: time.Hour, LatencyMax: 2 * time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/pets", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" {
		t.Errorf("answered a client that left: %v %s", rec.Header(), rec.Body)
	}
}

// TestStatefulReadOnlyResource: an item the contract offers no way to
// create (no POST on its collection, no PUT on it) and nothing seeded is
// served from the contract's example in stateful mode, not a 404 forever.
func TestStatefulReadOnlyResource(t *testing.T) {
	doc, m := load(t, "../testdata/contracts/multifile/openapi.yaml")
	srv, err := New(doc, m, Options{Seed: 3, Stateful: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/animals/7", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /animals/7 in stateful mode: %d %s, want 200 with the example", rec.Code, rec.Body)
	}
}

// TestFirstNamedExampleInFileOrder: the default answer is the first named
// example as the contract writes it, not the first by name.
func TestFirstNamedExampleInFileOrder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "openapi.yaml")
	src := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pet:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
              examples:
                zeta: {value: {name: first}}
                alpha: {value: {name: second}}
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, m := load(t, path)
	srv, err := New(doc, m, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/pet", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"first"`) {
		t.Fatalf("GET /pet: %d %s, want the first example written (zeta)", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/pet", nil)
	req.Header.Set("Prefer", "example=alpha")
	srv.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"second"`) {
		t.Fatalf("Prefer: example=alpha: %s", rec.Body)
	}
}
