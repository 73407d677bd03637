package infer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract"
)

// TestDrift: each kind of difference between traffic and a base contract
// is a positioned finding; the written contract is the base, its names
// and descriptions kept, with what traffic adds.
func TestDrift(t *testing.T) {
	base, _, err := contract.Open(filepath.Join("testdata", "base.yaml"), contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, found, err := InferDrift(entries([]ex{
		{req: "GET /items/1", status: 200, out: `{"id":1,"name":"a","sku":"x","color":"red"}`},
		{req: "GET /items/2", status: 200, out: `{"id":2,"name":null,"color":"blue"}`},
		{req: "GET /items/3", status: 404, out: `{"title":"Not Found"}`},
		{req: "DELETE /items/3", status: 204},
		{req: "GET /items/3/reviews", status: 200, out: `[{"stars":5,"note":"ok"}]`},
		{req: "GET /items/4/reviews", status: 200, out: `[{"stars":4,"note":null}]`},
	}), Options{}, base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range found {
		got = append(got, fmt.Sprintf("%s %s %s: %s", f.Position, f.ID, f.Subject, f.Message))
	}
	file := filepath.Join("testdata", "base.yaml")
	want := []string{
		file + ":5:1 drift.undocumented-operation DELETE /items/{itemId} (deleteItem): DELETE /items/{itemId} is answered (1 times, statuses 204) but not declared",
		file + ":5:1 drift.undocumented-operation GET /items/{itemId}/reviews (listItemReviews): GET /items/{itemId}/reviews is answered (2 times, statuses 200) but not declared",
		file + ":16:7 drift.undocumented-status GET /items/{id} (fetchItem): status 404 is answered (1 times) but not declared",
		file + ":28:7 drift.undeclared-property GET /items/{id} (fetchItem): status 200 body at /: property \"color\" is in 2 of 2 answers but not declared",
		file + ":27:7 drift.required-missing GET /items/{id} (fetchItem): status 200 body at /: required property \"sku\" is missing from 1 of 2 answers",
		file + ":31:9 drift.type-mismatch GET /items/{id} (fetchItem): status 200 body at /name: answers carry null, the schema allows string",
	}
	sortStrings(want)
	sortStrings(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	out := string(res.YAML)
	for _, kept := range []string{"operationId: fetchItem", "description: Kept as written.", "title: Shop"} {
		if !strings.Contains(out, kept) {
			t.Errorf("the base's %q was not kept:\n%s", kept, out)
		}
	}
	var doc map[string]any
	if err := yaml.Unmarshal(res.YAML, &doc); err != nil {
		t.Fatal(err)
	}
	// Added to the base's own path item, with its parameter name; 3.0
	// nullable; the component it uses copied.
	at(t, doc, "paths", "/items/{id}", "delete", "responses", "204")
	at(t, doc, "paths", "/items/{id}", "get", "responses", "404")
	if p := at(t, doc, "paths", "/items/{id}", "delete", "parameters", "id").(map[string]any); p["in"] != "path" {
		t.Errorf("path parameter %v", p)
	}
	if note := at(t, doc, "paths", "/items/{itemId}/reviews", "get", "responses", "200", "content", "application/json", "schema", "items", "properties", "note"); !cmp.Equal(note, map[string]any{"type": "string", "nullable": true}) {
		t.Errorf("note %v (want 3.0 nullable)", note)
	}
	if _, err := contract.Load(writeTemp(t, res.YAML), contract.LoadOptions{}); err != nil {
		t.Errorf("the merged contract does not load: %v\n%s", err, res.YAML)
	}
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := osWriteFile(p, b); err != nil {
		t.Fatal(err)
	}
	return p
}
