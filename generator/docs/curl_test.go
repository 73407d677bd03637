package docs

import (
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestCurlStyles: curl lines write parameter values by their style, as
// generated clients and validate do (one serializer): a required array
// query parameter is a comma list or repeated, not JSON; a label or matrix
// path parameter carries its prefix; a deepObject is name[key]=value.
func TestCurlStyles(t *testing.T) {
	ints := &contract.Type{Kind: contract.KindArray, Elem: &contract.Type{Kind: contract.KindInt}, HasExample: true, Example: []any{3.0, 4.0}}
	obj := &contract.Type{Kind: contract.KindObject, HasExample: true, Example: map[string]any{"min": 1.0, "max": 9.0}}
	id := &contract.Type{Kind: contract.KindInt, HasExample: true, Example: 7.0}
	op := &contract.Operation{Method: "GET", Path: "/pets/{id}{ext}", Params: []*contract.Param{
		{Name: "id", In: contract.InPath, Required: true, Style: "matrix", Type: id},
		{Name: "ext", In: contract.InPath, Required: true, Style: "label", Explode: true, Type: ints},
		{Name: "ids", In: contract.InQuery, Required: true, Style: "form", Type: ints},
		{Name: "tag", In: contract.InQuery, Required: true, Style: "form", Explode: true, Type: ints},
		{Name: "range", In: contract.InQuery, Required: true, Style: "deepObject", Explode: true, Type: obj},
		{Name: "X-Ids", In: contract.InHeader, Required: true, Style: "simple", Type: ints},
	}}
	got := curl(op, "https://api.test", nil, nil)
	for _, want := range []string{
		"https://api.test/pets/;id=7.3.4?",
		"ids=3%2C4",
		"tag=3&tag=4",
		"range%5Bmax%5D=9&range%5Bmin%5D=1",
		"'X-Ids: 3,4'",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q is not in\n%s", want, got)
		}
	}
	if strings.Contains(got, "[3,4]") {
		t.Errorf("an array is written as JSON:\n%s", got)
	}
}

// TestUndefinedSchemeShown: a requirement naming a scheme the contract
// never defines is shown as one no credential meets, in both the page and
// the Markdown, rather than as an ordinary scheme.
func TestUndefinedSchemeShown(t *testing.T) {
	files, err := Generate(load(t, "../golang/testdata/roundtrip/undefinedsec/openapi.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("%d files, want the page and the Markdown", len(files))
	}
	for _, f := range files {
		if n := strings.Count(string(f.Data), "bearerAuth</code> (not defined in the contract: no credential meets it)") + strings.Count(string(f.Data), "`bearerAuth` (not defined in the contract: no credential meets it)"); n != 1 {
			t.Errorf("%s: the undefined scheme is marked %d times, want once", f.Name, n)
		}
		if strings.Contains(string(f.Data), "key</code> (not defined") || strings.Contains(string(f.Data), "`key` (not defined") {
			t.Errorf("%s: the defined scheme is marked undefined", f.Name)
		}
	}
}
