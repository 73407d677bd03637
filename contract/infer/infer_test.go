package infer

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/internal/har"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// ex is one exchange, written short: "GET /pets?limit=5", status,
// request and response JSON bodies, request headers as "Name: value".
type ex struct {
	req     string
	status  int
	in, out string
	headers []string
}

func entries(xs []ex) Source {
	return func(_ bool, visit func(*har.Entry) error) error {
		for _, x := range xs {
			method, target, _ := strings.Cut(x.req, " ")
			e := &har.Entry{Request: har.Request{Method: method, URL: "http://api.test" + target}, Response: har.Response{Status: x.status}}
			for _, h := range x.headers {
				n, v, _ := strings.Cut(h, ": ")
				e.Request.Headers = append(e.Request.Headers, har.NameValue{Name: n, Value: v})
			}
			if x.in != "" {
				e.Request.PostData = &har.PostData{MimeType: "application/json", Text: x.in}
			}
			if x.out != "" {
				e.Response.Content = har.Content{MimeType: "application/json; charset=utf-8", Text: x.out}
			}
			if err := visit(e); err != nil {
				return err
			}
		}
		return nil
	}
}

// run infers from xs and returns the contract as a tree for lookups.
func run(t *testing.T, xs []ex, opt Options) (*Result, map[string]any) {
	t.Helper()
	res, err := Infer(entries(xs), opt)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(res.YAML, &doc); err != nil {
		t.Fatalf("%v\n%s", err, res.YAML)
	}
	return res, doc
}

// at follows a slash-separated path of keys (JSON pointer escapes not
// needed for the tests) into a decoded contract.
func at(t *testing.T, doc any, path ...string) any {
	t.Helper()
	cur := doc
	for _, k := range path {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[k]
			if !ok {
				t.Fatalf("no %q in %v (path %v)", k, keys(c), path)
			}
			cur = v
		case []any:
			found := false
			for _, e := range c {
				if m, ok := e.(map[string]any); ok && m["name"] == k {
					cur, found = m, true
					break
				}
			}
			if !found {
				t.Fatalf("no item named %q (path %v)", k, path)
			}
		default:
			t.Fatalf("%v: %q under a scalar", path, k)
		}
	}
	return cur
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func templates(res *Result) []string {
	var out []string
	for _, op := range res.Operations {
		out = append(out, op.Method+" "+op.Path+" "+op.ID)
	}
	return out
}

// TestTemplating: segments that vary become named, typed parameters;
// literal segments stay.
func TestTemplating(t *testing.T) {
	for _, tc := range []struct {
		name string
		reqs []string
		want []string
	}{
		{"integers", []string{"GET /users/1", "GET /users/22", "GET /users/3/orders"},
			[]string{"GET /users/{userId} getUser", "GET /users/{userId}/orders listUserOrders"}},
		{"literal beside a parameter", []string{"GET /users/me", "GET /users/7", "GET /users/8"},
			[]string{"GET /users/me getUserMe", "GET /users/{userId} getUser"}},
		{"resources followed by the same segments stay", []string{"GET /v1/customers/search", "GET /v1/charges/search", "GET /v1/invoices/search"},
			[]string{"GET /v1/charges/search getChargeSearch", "GET /v1/customers/search getCustomerSearch", "GET /v1/invoices/search getInvoiceSearch"}},
		{"literals stay", []string{"GET /current/user", "GET /other/user"},
			[]string{"GET /current/user getCurrentUser", "GET /other/user getOtherUser"}},
		{"uuid, date, hex, base64", []string{"GET /orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "GET /days/2024-05-06", "GET /blobs/deadbeef01", "GET /tokens/aGVsbG8gd29ybGQxMjM0NTY"},
			[]string{"GET /blobs/{blobId} getBlob", "GET /days/{dayId} getDay", "GET /orders/{orderId} getOrder", "GET /tokens/{tokenId} getToken"}},
		{"words seen once among many", []string{"GET /repos/alpha", "GET /repos/beta", "GET /repos/gamma", "GET /repos/delta", "GET /repos/epsilon", "GET /repos/zeta", "GET /repos/eta", "GET /repos/theta"},
			[]string{"GET /repos/{repoId} getRepo"}},
		{"few words stay", []string{"GET /repos/alpha", "GET /repos/beta", "GET /repos/gamma"},
			[]string{"GET /repos/alpha getRepoAlpha", "GET /repos/beta getRepoBeta", "GET /repos/gamma getRepoGamma"}},
		{"first segments stay", []string{"GET /a", "GET /b", "GET /c", "GET /d", "GET /e", "GET /f", "GET /g", "GET /h"},
			[]string{"GET /a getA", "GET /b getB", "GET /c getC", "GET /d getD", "GET /e getE", "GET /f getF", "GET /g getG", "GET /h getH"}},
		{"two parameters in a row", []string{"GET /files/1/2", "GET /files/3/4"},
			[]string{"GET /files/{fileId}/{id} getFile"}},
		{"root and versions", []string{"GET /", "GET /api/v1/pets", "POST /api/v1/pets"},
			[]string{"GET / getRoot", "GET /api/v1/pets listPets", "POST /api/v1/pets createPet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var xs []ex
			for _, r := range tc.reqs {
				xs = append(xs, ex{req: r, status: 200})
			}
			res, _ := run(t, xs, Options{})
			if d := cmp.Diff(tc.want, templates(res)); d != "" {
				t.Errorf("operations (-want +got):\n%s", d)
			}
		})
	}
}

// TestTemplatingRefusedValues: a value sent to be refused ("abc" where
// integers go, answered 400) joins the parameter and does not make it a
// string.
func TestTemplatingRefusedValues(t *testing.T) {
	// Answers without credentials (401) still say the values were
	// acceptable as far as anyone knows.
	res, doc := run(t, []ex{{req: "GET /pets/1", status: 200}, {req: "GET /pets/2", status: 401}, {req: "GET /pets/abc", status: 400}, {req: "GET /pets/1.5", status: 400}}, Options{})
	if d := cmp.Diff([]string{"GET /pets/{petId} getPet"}, templates(res)); d != "" {
		t.Fatalf("operations (-want +got):\n%s", d)
	}
	p := at(t, doc, "paths", "/pets/{petId}", "get", "parameters", "petId").(map[string]any)
	if d := cmp.Diff(map[string]any{"name": "petId", "in": "path", "required": true, "schema": map[string]any{"type": "integer"}}, p); d != "" {
		t.Errorf("parameter (-want +got):\n%s", d)
	}
	if got := keys(at(t, doc, "paths", "/pets/{petId}", "get", "responses").(map[string]any)); !cmp.Equal(got, []string{"200", "400", "401"}) {
		t.Errorf("responses %v", got)
	}
}

// TestParameters: query, header and cookie parameters with types,
// required when always present, enums for small closed sets, arrays for
// repeated names; standard headers are not parameters.
func TestParameters(t *testing.T) {
	var xs []ex
	for i, q := range []string{"?limit=5&sort=asc&tag=a&tag=b", "?limit=10&sort=desc", "?limit=7&sort=asc&since=2024-01-02T03:04:05Z", "?limit=1&sort=desc"} {
		xs = append(xs, ex{req: "GET /pets" + q, status: 200, headers: []string{"Accept: application/json", "X-Tenant: t" + string(rune('0'+i)), "Cookie: theme=dark; lang=en"}})
	}
	_, doc := run(t, xs, Options{})
	ps := at(t, doc, "paths", "/pets", "get", "parameters").([]any)
	var got []string
	for _, p := range ps {
		m := p.(map[string]any)
		b, _ := json.Marshal(m["schema"])
		got = append(got, fmt.Sprintf("%s %s required=%v %s", m["in"], m["name"], m["required"], b))
	}
	want := []string{
		`query limit required=true {"type":"integer"}`,
		`query since required=false {"format":"date-time","type":"string"}`,
		`query sort required=true {"enum":["asc","desc"],"type":"string"}`,
		`query tag required=false {"items":{"type":"string"},"type":"array"}`,
		`header X-Tenant required=true {"type":"string"}`,
		`cookie lang required=true {"type":"string"}`,
		`cookie theme required=true {"type":"string"}`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("parameters (-want +got):\n%s", d)
	}
	// No enum under --enum-max 0 (passed as a negative EnumMax).
	_, doc = run(t, xs, Options{EnumMax: -1})
	if s := at(t, doc, "paths", "/pets", "get", "parameters", "sort", "schema").(map[string]any); s["enum"] != nil {
		t.Errorf("enum with enums off: %v", s)
	}
}

// TestBodies: JSON schemas merged over samples — required when in every
// sample, null makes a type nullable, integers and numbers, formats only
// when every sample matches, arrays of objects merged.
func TestBodies(t *testing.T) {
	xs := []ex{
		{req: "GET /things/1", status: 200, out: `{"id":1,"name":"a","score":1,"when":"2024-01-02T03:04:05Z","day":"2024-01-02","mail":"a@b.test","site":"https://x.test/a","ip":"10.0.0.1","ip6":"::1","uid":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","note":null,"items":[{"k":"x","v":1}],"mixed":"2024-01-02"}`},
		{req: "GET /things/2", status: 200, out: `{"id":2,"score":2.5,"when":"2024-02-02T03:04:05.5+01:00","day":"2024-02-03","mail":"c@d.test","site":"http://y.test","ip":"192.168.1.1","ip6":"fe80::1","uid":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","note":"hi","items":[{"k":"y"},{"k":"z","v":null}],"mixed":"soon"}`},
	}
	_, doc := run(t, xs, Options{})
	s := at(t, doc, "paths", "/things/{thingId}", "get", "responses", "200", "content", "application/json", "schema").(map[string]any)
	props := s["properties"].(map[string]any)
	want := map[string]any{
		"id":    map[string]any{"type": "integer"},
		"name":  map[string]any{"type": "string"},
		"score": map[string]any{"type": "number"},
		"when":  map[string]any{"type": "string", "format": "date-time"},
		"day":   map[string]any{"type": "string", "format": "date"},
		"mail":  map[string]any{"type": "string", "format": "email"},
		"site":  map[string]any{"type": "string", "format": "uri"},
		"ip":    map[string]any{"type": "string", "format": "ipv4"},
		"ip6":   map[string]any{"type": "string", "format": "ipv6"},
		"uid":   map[string]any{"type": "string", "format": "uuid"},
		"note":  map[string]any{"type": []any{"string", "null"}},
		"mixed": map[string]any{"type": "string"},
		"items": map[string]any{"type": "array", "items": map[string]any{"type": "object",
			"properties": map[string]any{"k": map[string]any{"type": "string"}, "v": map[string]any{"type": []any{"integer", "null"}}}, "required": []any{"k"}}},
	}
	if d := cmp.Diff(want, props); d != "" {
		t.Errorf("properties (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]any{"day", "id", "ip", "ip6", "items", "mail", "mixed", "note", "score", "site", "uid", "when"}, s["required"]); d != "" {
		t.Errorf("required (-want +got):\n%s", d)
	}
	ex := at(t, doc, "paths", "/things/{thingId}", "get", "responses", "200", "content", "application/json", "example").(map[string]any)
	if ex["id"] != 1 {
		t.Errorf("example is not the first answer: %v", ex)
	}
}

// TestRequestBodyRequired: a body is required when every accepted
// request carried one.
func TestRequestBodyRequired(t *testing.T) {
	_, doc := run(t, []ex{
		{req: "POST /a", status: 200, in: `{"x":1}`}, {req: "POST /a", status: 200, in: `{"x":2}`},
		{req: "POST /b", status: 200, in: `{"x":1}`}, {req: "POST /b", status: 200},
	}, Options{})
	if r := at(t, doc, "paths", "/a", "post", "requestBody", "required"); r != true {
		t.Errorf("/a: required %v", r)
	}
	if r := at(t, doc, "paths", "/b", "post", "requestBody", "required"); r != false {
		t.Errorf("/b: required %v", r)
	}
}

// TestNonJSONBodies: other media types by media type, binary as binary.
func TestNonJSONBodies(t *testing.T) {
	src := func(_ bool, visit func(*har.Entry) error) error {
		visit(&har.Entry{Request: har.Request{Method: "GET", URL: "http://h/report.csv"}, Response: har.Response{Status: 200, Content: har.Content{MimeType: "text/csv", Text: "a,b\n1,2\n"}}})
		visit(&har.Entry{Request: har.Request{Method: "GET", URL: "http://h/logo"}, Response: har.Response{Status: 200, Content: har.Content{MimeType: "image/png", Text: "iVBORw0KGgo=", Encoding: "base64"}}})
		return visit(&har.Entry{Request: har.Request{Method: "DELETE", URL: "http://h/logo"}, Response: har.Response{Status: 204}})
	}
	res, err := Infer(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	yaml.Unmarshal(res.YAML, &doc)
	if d := cmp.Diff(map[string]any{"schema": map[string]any{"type": "string"}, "example": "a,b\n1,2\n"}, at(t, doc, "paths", "/report.csv", "get", "responses", "200", "content", "text/csv")); d != "" {
		t.Errorf("csv (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}, at(t, doc, "paths", "/logo", "get", "responses", "200", "content", "image/png")); d != "" {
		t.Errorf("png (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]any{"description": "No Content"}, at(t, doc, "paths", "/logo", "delete", "responses", "204")); d != "" {
		t.Errorf("204 (-want +got):\n%s", d)
	}
}

// TestComponents: an object that repeats (a pet alone and in a list, an
// address in two places) becomes one named component; errors are named
// as errors.
func TestComponents(t *testing.T) {
	pet := `{"id":1,"name":"Rex","home":{"street":"a","city":"b"}}`
	_, doc := run(t, []ex{
		{req: "GET /pets", status: 200, out: `[` + pet + `]`},
		{req: "GET /pets/1", status: 200, out: pet},
		{req: "GET /owners/1", status: 200, out: `{"name":"Ann","address":{"street":"c","city":"d"}}`},
		{req: "GET /pets/2", status: 404, out: `{"title":"Not Found"}`},
		{req: "GET /owners/2", status: 404, out: `{"title":"Not Found"}`},
	}, Options{})
	schemas := at(t, doc, "components", "schemas").(map[string]any)
	if d := cmp.Diff([]string{"Address", "Error", "Pet"}, keys(schemas)); d != "" {
		t.Fatalf("components (-want +got):\n%s", d)
	}
	if got := at(t, doc, "paths", "/pets", "get", "responses", "200", "content", "application/json", "schema", "items"); !cmp.Equal(got, map[string]any{"$ref": "#/components/schemas/Pet"}) {
		t.Errorf("list items %v", got)
	}
	if got := at(t, doc, "components", "schemas", "Pet", "properties", "home"); !cmp.Equal(got, map[string]any{"$ref": "#/components/schemas/Address"}) {
		t.Errorf("Pet.home %v", got)
	}
	if got := at(t, doc, "paths", "/owners/{ownerId}", "get", "responses", "200", "content", "application/json", "schema", "properties", "address"); !cmp.Equal(got, map[string]any{"$ref": "#/components/schemas/Address"}) {
		t.Errorf("owner.address %v", got)
	}
}

// TestSecurity: schemes from the credentials seen, per operation;
// credentials never appear in the contract, even from a HAR that was not
// redacted (a browser's).
func TestSecurity(t *testing.T) {
	_, doc := run(t, []ex{
		{req: "GET /me", status: 200, headers: []string{"Authorization: Bearer s3cr3t.jwt"}, out: `{"token":"tok-123","name":"a"}`},
		{req: "GET /admin", status: 200, headers: []string{"Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l"}},
		{req: "GET /keys?api_key=k3y", status: 200, headers: []string{"X-API-Key: hdr-k3y"}},
		{req: "GET /public", status: 200},
		{req: "GET /mixed", status: 200, headers: []string{"Authorization: Bearer x"}},
		{req: "GET /mixed", status: 200},
		{req: "GET /me", status: 401, out: `{"title":"Unauthorized"}`},
		{req: "GET /me/orders", status: 200, headers: []string{"Authorization: Bearer s3cr3t.jwt"}},
	}, Options{})
	b, _ := yaml.Marshal(doc)
	for _, secret := range []string{"s3cr3t", "tok-123", "YWxhZGRpbjpvcGVuc2VzYW1l", "k3y"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the contract holds %q", secret)
		}
	}
	want := map[string]any{
		"bearerAuth":  map[string]any{"type": "http", "scheme": "bearer"},
		"basicAuth":   map[string]any{"type": "http", "scheme": "basic"},
		"apiKeyQuery": map[string]any{"type": "apiKey", "in": "query", "name": "api_key"},
		"xApiKey":     map[string]any{"type": "apiKey", "in": "header", "name": "X-API-Key"},
	}
	if d := cmp.Diff(want, at(t, doc, "components", "securitySchemes")); d != "" {
		t.Errorf("schemes (-want +got):\n%s", d)
	}
	for path, want := range map[string]any{
		"/me":    []any{map[string]any{"bearerAuth": []any{}}},
		"/keys":  []any{map[string]any{"apiKeyQuery": []any{}, "xApiKey": []any{}}},
		"/mixed": []any{map[string]any{}, map[string]any{"bearerAuth": []any{}}},
	} {
		if d := cmp.Diff(want, at(t, doc, "paths", path, "get", "security")); d != "" {
			t.Errorf("%s security (-want +got):\n%s", path, d)
		}
	}
	if _, ok := at(t, doc, "paths", "/public", "get").(map[string]any)["security"]; ok {
		t.Errorf("/public has security")
	}
	// The 401 seen on /me is assumed for the other operations that
	// always needed credentials, and only for them.
	if d := at(t, doc, "paths", "/me/orders", "get", "responses", "401", "description"); d != "Unauthorized (not seen here: the answer other operations gave without valid credentials)" {
		t.Errorf("/me/orders 401: %v", d)
	}
	for _, p := range []string{"/public", "/mixed"} {
		if _, ok := at(t, doc, "paths", p, "get", "responses").(map[string]any)["401"]; ok {
			t.Errorf("%s: 401 assumed where requests without credentials were accepted", p)
		}
	}
}

// TestSecurityNeedsARefusal: credentials sent to a service that never
// refused one are declared as schemes but required by no operation, with a
// warning: nothing in the traffic shows the service checks them.
func TestSecurityNeedsARefusal(t *testing.T) {
	res, doc := run(t, []ex{
		{req: "GET /me", status: 200, headers: []string{"Authorization: Bearer s3cr3t.jwt"}},
		{req: "GET /me/orders", status: 200, headers: []string{"Authorization: Bearer s3cr3t.jwt"}},
	}, Options{})
	if _, ok := at(t, doc, "components", "securitySchemes").(map[string]any)["bearerAuth"]; !ok {
		t.Error("the bearer scheme seen is not declared")
	}
	for _, p := range []string{"/me", "/me/orders"} {
		if _, ok := at(t, doc, "paths", p, "get").(map[string]any)["security"]; ok {
			t.Errorf("%s requires credentials though no request was ever refused", p)
		}
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w, "no answer was 401 or 403")
	}
	if !warned {
		t.Errorf("no warning about unproven security in %q", res.Warnings)
	}
}

// TestServersAndInfo: --title and --server reach the contract.
func TestServersAndInfo(t *testing.T) {
	_, doc := run(t, []ex{{req: "GET /a", status: 200}}, Options{Title: "Shop", Servers: []string{"https://api.shop.test"}})
	if at(t, doc, "info", "title") != "Shop" || !cmp.Equal(at(t, doc, "servers"), []any{map[string]any{"url": "https://api.shop.test"}}) {
		t.Errorf("info and servers: %v %v", doc["info"], doc["servers"])
	}
}

// TestNoUsableEntries: traffic without answers is an error, not an empty
// contract; entries without an answer are skipped with a warning.
func TestNoUsableEntries(t *testing.T) {
	if _, err := Infer(entries([]ex{{req: "GET /a", status: 0}}), Options{}); err == nil || !strings.Contains(err.Error(), "no usable exchange") {
		t.Errorf("err %v", err)
	}
	res, _ := run(t, []ex{{req: "GET /a", status: 0}, {req: "GET /b", status: 200}}, Options{})
	if res.Skipped != 1 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "entry 0 (GET http://api.test/a): skipped: no answer (status 0)") {
		t.Errorf("skipped %d, warnings %q", res.Skipped, res.Warnings)
	}
}

// TestGolden: traffic recorded by the proxy in front of examples/petstore
// while toolkit validate drove it, inferred; the same bytes every run.
func TestGolden(t *testing.T) {
	in := filepath.Join("testdata", "petstore.har")
	res, err := Infer(Files([]string{in}, nil), Options{Title: "Petstore", Servers: []string{"http://127.0.0.1:8080"}})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Infer(Files([]string{in}, nil), Options{Title: "Petstore", Servers: []string{"http://127.0.0.1:8080"}})
	if string(again.YAML) != string(res.YAML) {
		t.Fatal("two runs over the same traffic differ")
	}
	golden := filepath.Join("testdata", "petstore.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, res.YAML, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(res.YAML)); d != "" {
		t.Errorf("contract (-want +got), -update to accept:\n%s", d)
	}
}

func osWriteFile(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }

// FuzzInfer: no path, query or body crashes inference, and what it
// writes is YAML that decodes.
func FuzzInfer(f *testing.F) {
	f.Add("/pets/1?limit=5", `{"id":1,"tags":["a"],"owner":{"name":null}}`)
	f.Add("/a/b/c/d/e", `[[[[[[1]]]]]]`)
	f.Add("/%zz", `{"a":{"a":{"a":{"a":{}}}}}`)
	f.Fuzz(func(t *testing.T, target, body string) {
		res, err := Infer(entries([]ex{{req: "GET " + target, status: 200, out: body}, {req: "POST " + target, status: 201, in: body, out: body}}), Options{})
		if err != nil {
			return
		}
		var doc map[string]any
		if err := yaml.Unmarshal(res.YAML, &doc); err != nil {
			t.Fatalf("%v\n%s", err, res.YAML)
		}
	})
}
