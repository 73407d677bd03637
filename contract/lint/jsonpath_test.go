package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONPath checks the given: dialect of Spectral rulesets against the
// pointers each expression selects.
func TestJSONPath(t *testing.T) {
	doc := `openapi: 3.0.3
paths:
  /a:
    get: {operationId: getA, x-internal: true, parameters: [{name: q, in: query}, {name: X-Id, in: header}]}
    post: {operationId: postA}
  /b:
    put: {operationId: putB, tags: [t], responses: {"200": {$ref: "#/components/responses/R"}}}
components:
  responses:
    R: {description: OK}
  schemas:
    S: {properties: {one: {type: string}, two: {properties: {three: {type: integer}}}}}
`
	tr := newTree()
	root, err := tr.root(write(t, "doc.yaml", doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"$.paths[*][*].operationId", "/paths/~1a/get/operationId /paths/~1a/post/operationId /paths/~1b/put/operationId"},
		{"$.paths.*[get,put]", "/paths/~1a/get /paths/~1b/put"},
		{"$.paths['/a'][\"post\"]", "/paths/~1a/post"},
		{"$.paths.*~", "/paths/~1a /paths/~1b"},
		{"$..properties", "/components/schemas/S/properties /components/schemas/S/properties/two/properties"},
		{"$..properties.*.type", "/components/schemas/S/properties/one/type /components/schemas/S/properties/two/properties/three/type"},
		{"$.paths.*[?(@.x-internal)]", "/paths/~1a/get"},
		{"$.paths.*[?(!@.tags && @.operationId != 'postA')]", "/paths/~1a/get"},
		{"$.paths.*.*.parameters[?(@.in === 'header')].name", "/paths/~1a/get/parameters/1/name"},
		{"$.paths.*[?(@property === 'put' || @property.match(/^po/))]", "/paths/~1a/post /paths/~1b/put"},
		{"$.paths.*.get.parameters[0]", "/paths/~1a/get/parameters/0"},
		{"$.paths.*.*.responses.*.description", "/components/responses/R/description"},
	} {
		steps, err := parsePath(tc.path)
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		var got []string
		for _, m := range eval(root, steps, true) {
			got = append(got, m.n.Pointer)
		}
		if diff := cmp.Diff(tc.want, strings.Join(got, " ")); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.path, diff)
		}
	}
	for _, bad := range []string{"paths", "$.paths[", "$.paths[?(@.a <)]", "$.a[1:2]"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzJSONPath: no expression crashes the parser or the evaluator.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{"$.paths[*][*]", "$..properties.*~", "$.a[?(@.b && !@.c || @property.match(/x/i))]", "$.paths[get,'put']", "$[0]", "$..[?((@.a == 1))]"} {
		f.Add(s)
	}
	tr := newTree()
	root, err := tr.root(write(f, "doc.yaml", "a: {b: [1, {c: x}], d: {e: {f: true}}}\npaths: {/x: {get: {}}}\n"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, p string) {
		steps, err := parsePath(p)
		if err != nil {
			return
		}
		eval(root, steps, true)
	})
}

// FuzzRuleset: no ruleset file crashes the reader or the rules it makes.
func FuzzRuleset(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/lint/ruleset/.spectral.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("rules:\n  r: {given: '$..*', then: {function: length, functionOptions: {max: 1}}}\n")
	f.Add("extends: [[spectral:oas, all]]\nrules:\n  r: {given: ['$.a~'], then: [{field: '@key', function: casing, functionOptions: {type: snake}}, {function: schema, functionOptions: {schema: {type: string}}}]}\n")
	dir := f.TempDir()
	contractPath := filepath.Join(dir, "c.yaml")
	os.WriteFile(contractPath, []byte("openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\na: {b: [1, {c: x}]}\npaths: {/x: {get: {responses: {\"200\": {description: OK}}}}}\n"), 0o644)
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(dir, "r.yaml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Skip()
		}
		rs, err := LoadRuleset(p)
		if err != nil {
			return
		}
		Run(contractPath, rs.Apply(Config{}))
	})
}
