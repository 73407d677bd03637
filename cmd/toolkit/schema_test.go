package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract/lint"
)

// The JSON Schema of toolkit.yaml (toolkit.schema.json, for editors) must
// name exactly the keys the commands read: each section's properties are
// compared with its struct's yaml tags, so a key added to a command and not
// to the schema (or the reverse) fails here.
func TestConfigSchemaMatchesStructs(t *testing.T) {
	var schema struct {
		Properties  map[string]json.RawMessage
		Definitions map[string]struct {
			Properties map[string]json.RawMessage
		}
	}
	data, err := os.ReadFile("../../toolkit.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	sorted := func(ks []string) []string {
		ks = slices.Clone(ks)
		slices.Sort(ks)
		return ks
	}
	for _, tc := range []struct {
		section string
		got     []string
		want    []string
	}{
		{"top level", keys(schema.Properties), sorted(yamlKeys(&config{}))},
		{"generate", keys(schema.Definitions["generateEntry"].Properties), sorted(yamlKeys(&genEntry{}))},
		{"lint", keys(schema.Definitions["lint"].Properties), sorted(yamlKeys(&lint.Config{}))},
		{"validate", keys(schema.Definitions["validate"].Properties), sorted(yamlKeys(&validateFlags{}))},
		{"docs", keys(schema.Definitions["docs"].Properties), sorted(yamlKeys(&docsFlags{}))},
	} {
		if diff := cmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s: schema keys differ from the struct's (-struct +schema):\n%s", tc.section, diff)
		}
	}
}

// Every toolkit.yaml the repository ships (and the scaffold's) validates
// against the schema, and a misspelt key does not.
func TestConfigSchemaValidatesFiles(t *testing.T) {
	c := jsonschema.NewCompiler()
	f, err := os.Open("../../toolkit.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("toolkit.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("toolkit.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, src []byte) error {
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// Through JSON, so numbers and maps have the types the validator expects.
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		return sch.Validate(inst)
	}
	files, _ := filepath.Glob("../../examples/*/toolkit.yaml")
	if len(files) == 0 {
		t.Fatal("no example toolkit.yaml found")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(name, src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	full := `version: 1
generate:
  - {contract: a.yaml, out: api, targets: [types, client], tags: ["users.*"], strict: true}
lint: {disable: [operation-tags], severity: {info-contact: off}}
validate: {base-url: "http://127.0.0.1:8080", timeout: 1m30s, max-cases: 5, reports: [junit=v.xml], headers: ["Authorization: Bearer ${T}"]}
docs: {contract: a.yaml, out: site, title: API}
`
	if err := check("full", []byte(full)); err != nil {
		t.Errorf("a file using every section: %v", err)
	}
	for name, bad := range map[string]string{
		"misspelt key":   "version: 1\ngenerat: []\n",
		"unknown target": "generate: [{contract: a.yaml, out: api, targets: [clinet]}]\n",
		"missing out":    "generate: [{contract: a.yaml}]\n",
		"bad duration":   "validate: {timeout: 10}\n",
	} {
		if err := check(name, []byte(bad)); err == nil {
			t.Errorf("%s: validated, want a schema error", name)
		}
	}
}
