package contract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the README's feature table")

// readmeMarkers delimit the feature table in the README, which
// FeatureTable renders from Features.
const (
	readmeBegin = "<!-- features:begin (generated from contract.Features; go test ./contract -run TestFeatureTable -update) -->\n"
	readmeEnd   = "<!-- features:end -->"
)

// TestFeatureTable keeps the README's table of OpenAPI features what
// Features says: the same list the "not generated" warnings use.
func TestFeatureTable(t *testing.T) {
	path := filepath.Join("..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, readmeBegin)
	j := strings.Index(readme, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no feature table between %q and %q", readmeBegin, readmeEnd)
	}
	got, want := readme[i+len(readmeBegin):j], FeatureTable()
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i+len(readmeBegin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README.md feature table is stale (-want +got); run go test ./contract -run TestFeatureTable -update:\n%s", diff)
	}
}

// TestEveryWarnedFeatureFires loads a contract that uses every feature
// toolkit does not generate, once each: each Warned feature of the table
// must be reported (its note is what the warning says happens instead),
// and every warning must be one of them.
func TestEveryWarnedFeatureFires(t *testing.T) {
	d, _, err := Open(filepath.Join(contracts, "notgenerated", "openapi.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]int{}
	for _, w := range d.Warnings {
		matched := false
		for _, f := range Features {
			if f.Support == Warned && strings.Contains(w.Message, strings.TrimPrefix(f.Note, "the loader warns; ")) {
				fired[f.Keyword]++
				matched = true
			}
		}
		if !matched {
			t.Errorf("warning not in Features: %s", w.Message)
		}
	}
	for _, f := range Features {
		if f.Support == Warned && fired[f.Keyword] == 0 {
			t.Errorf("%s: warned in the table, but the contract using it got no warning", f.Keyword)
		}
	}
	// --strict: the model builder's "not generated" warnings refuse too.
	path := filepath.Join(t.TempDir(), "xml.yaml")
	doc := "openapi: 3.1.0\ninfo: {title: x, version: \"1\"}\npaths:\n  /pets:\n    post:\n      requestBody:\n        content:\n          application/xml:\n            schema: {$ref: \"#/components/schemas/Pet\"}\n      responses:\n        \"204\": {description: ok}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      xml: {name: pet, prefix: p, namespace: \"urn:p\"}\n      properties: {name: {type: string}}\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = Open(path, LoadOptions{Strict: true})
	if err == nil || !strings.Contains(err.Error(), "xml.yaml:16:24: /components/schemas/Pet/xml/prefix: keyword prefix is not generated") {
		t.Errorf("--strict: got %v, want the xml prefix refused at 16:24", err)
	}
}

// TestFeatureNamesUnique: a keyword names one row, so a warning finds
// its note without ambiguity.
func TestFeatureNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Features {
		key := f.Keyword + "|" + f.Object
		if seen[key] {
			t.Errorf("%s (%s) is listed twice", f.Keyword, f.Object)
		}
		seen[key] = true
		if f.Support == Warned && seen["warned|"+f.Keyword] {
			t.Errorf("%s is warned twice", f.Keyword)
		}
		if f.Support == Warned {
			seen["warned|"+f.Keyword] = true
		}
	}
}
