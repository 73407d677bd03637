package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
)

// edit is one textual change of testdata/diff/base.yaml.
type edit struct{ old, new string }

// cases are single changes of one contract, each labelled breaking or
// compatible for existing clients.
var cases = []struct {
	name     string
	edits    []edit
	breaking bool
}{
	{"removed path", []edit{{"  /pets/{id}:\n    get:\n      operationId: getPet\n      summary: Get a pet.\n      parameters:\n        - name: id\n          in: path\n          required: true\n          description: Pet id.\n          schema:\n            type: string\n      responses:\n        \"200\":\n          description: The pet.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Pet\"\n", ""}}, true},
	{"removed operation", []edit{{"    post:\n      operationId: createPet", "    x-gone:\n      operationId: createPet"}}, true},
	{"new required parameter", []edit{{"      parameters:\n        - name: limit", "      parameters:\n        - name: owner\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: limit"}}, true},
	{"parameter type narrowed", []edit{{"          description: Pet id.\n          schema:\n            type: string", "          description: Pet id.\n          schema:\n            type: integer"}}, true},
	{"response field removed", []edit{{"        age:\n          type: integer\n", ""}}, true},
	{"response field retyped", []edit{{"        age:\n          type: integer", "        age:\n          type: string"}}, true},
	{"request field made required", []edit{{"      required: [name]\n", "      required: [name, kind]\n"}}, true},
	{"request enum value removed", []edit{{"enum: [cat, dog, bird]", "enum: [cat, dog]"}}, true},
	{"maxLength reduced", []edit{{"      required: [name]\n      properties:\n        name:\n          type: string\n          maxLength: 50", "      required: [name]\n      properties:\n        name:\n          type: string\n          maxLength: 20"}}, true},
	{"success status changed", []edit{{"        \"201\":\n          description: Created.", "        \"200\":\n          description: Created."}}, true},
	{"response media type changed", []edit{{"          description: The pet.\n          content:\n            application/json:", "          description: The pet.\n          content:\n            application/xml:"}}, true},
	{"body turned into an array", []edit{{"          description: The pet.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Pet\"", "          description: The pet.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: \"#/components/schemas/Pet\""}}, true},

	{"added optional parameter", []edit{{"      parameters:\n        - name: limit", "      parameters:\n        - name: owner\n          in: query\n          schema:\n            type: string\n        - name: limit"}}, false},
	{"new path", []edit{{"components:\n", "  /owners:\n    get:\n      operationId: listOwners\n      responses:\n        \"200\":\n          description: Owners.\ncomponents:\n"}}, false},
	{"new optional response field", []edit{{"        age:\n          type: integer", "        age:\n          type: integer\n        color:\n          type: string"}}, false},
	{"description change", []edit{{"description: Pet id.", "description: The pet's id."}}, false},
	{"maxLength raised", []edit{{"      required: [name]\n      properties:\n        name:\n          type: string\n          maxLength: 50", "      required: [name]\n      properties:\n        name:\n          type: string\n          maxLength: 80"}}, false},
	{"new optional request field", []edit{{"          enum: [cat, dog, bird]", "          enum: [cat, dog, bird]\n        nickname:\n          type: string"}}, false},
	{"new error response", []edit{{"                $ref: \"#/components/schemas/Pet\"\ncomponents:", "                $ref: \"#/components/schemas/Pet\"\n        \"404\":\n          description: No such pet.\ncomponents:"}}, false},
}

// writeFile writes text to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadDoc(t *testing.T, path string) *contract.Document {
	t.Helper()
	d, err := contract.Load(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return d
}

func TestClassification(t *testing.T) {
	base, err := os.ReadFile("../../testdata/diff/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old := loadDoc(t, "../../testdata/diff/base.yaml")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := string(base)
			for _, e := range tc.edits {
				if !strings.Contains(text, e.old) {
					t.Fatalf("edit %q does not apply", e.old)
				}
				text = strings.Replace(text, e.old, e.new, 1)
			}
			if text == string(base) {
				t.Fatal("edits changed nothing")
			}
			p := filepath.Join(t.TempDir(), "new.yaml")
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			cs, err := Compare(old, loadDoc(t, p))
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 && tc.breaking {
				t.Fatal("no change found")
			}
			got := Count(cs)[Breaking] > 0
			if got != tc.breaking {
				t.Errorf("breaking = %v, want %v; changes:\n%s", got, tc.breaking, dump(cs))
			}
			for _, c := range cs {
				if c.Level == Breaking && (c.File == "" || c.Line == 0) {
					t.Errorf("breaking change without position: %+v", c)
				}
			}
		})
	}
}

func dump(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("  " + string(c.Level) + " " + c.ID + " " + c.Operation + ": " + c.Message + "\n")
	}
	return b.String()
}

func TestIdenticalContractsHaveNoChanges(t *testing.T) {
	d := loadDoc(t, "../../testdata/diff/base.yaml")
	cs, err := Compare(d, loadDoc(t, "../../testdata/diff/base.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 0 {
		t.Errorf("changes between identical contracts:\n%s", dump(cs))
	}
}

func TestGoIdentifiers(t *testing.T) {
	base, err := os.ReadFile("../../testdata/diff/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(base), "operationId: getPet", "operationId: fetch_pet", 1)
	text = strings.Replace(text, "    NewPet:\n", "    PetInput:\n", 1)
	text = strings.ReplaceAll(text, "#/components/schemas/NewPet", "#/components/schemas/PetInput")
	p := filepath.Join(t.TempDir(), "new.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := GoIdentifiers(loadDoc(t, "../../testdata/diff/base.yaml"), loadDoc(t, p))
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]IdentChange{}
	for _, c := range got {
		has[c.Kind+" "+c.Name] = c
	}
	for key, added := range map[string]bool{
		"method Handler.GetPet": false, "method Client.GetPet": false, "type GetPetRequest": false, "type NewPet": false,
		"method Handler.FetchPet": true, "method Client.FetchPet": true, "type PetInput": true,
	} {
		c, ok := has[key]
		if !ok {
			t.Errorf("no change for %s in %v", key, got)
			continue
		}
		wantLevel := GoBreaking
		if added {
			wantLevel = Info
		}
		if c.Added != added || c.Level != wantLevel {
			t.Errorf("%s: added=%v level=%s, want added=%v level=%s", key, c.Added, c.Level, added, wantLevel)
		}
	}
	// Removals and changes come before additions.
	for i := 1; i < len(got); i++ {
		if !got[i-1].Added && got[i].Added {
			continue
		}
		if got[i-1].Added && !got[i].Added {
			t.Fatalf("an addition (%s) before a removal (%s)", got[i-1].Name, got[i].Name)
		}
	}
}

// TestGoBreakingTypeChange: an integer parameter that becomes a string is
// compatible for oasdiff's wire checks in some directions, but breaks Go
// code that sets the request field; it is go-breaking and names the field
// and both types.
func TestGoBreakingTypeChange(t *testing.T) {
	const old = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
components:
  schemas:
    Item:
      type: object
      properties:
        size: {type: integer}
`
	newText := strings.Replace(strings.Replace(old, "{name: limit, in: query, schema: {type: integer}}", "{name: limit, in: query, schema: {type: string}}", 1), "size: {type: integer}", "size: {type: number}", 1)
	dir := t.TempDir()
	got, err := GoIdentifiers(loadDoc(t, writeFile(t, dir, "old.yaml", old)), loadDoc(t, writeFile(t, dir, "new.yaml", newText)))
	if err != nil {
		t.Fatal(err)
	}
	want := []IdentChange{
		{Kind: "request-field", Name: "ListItemsRequest.Limit", From: `listItems query parameter "limit"`, OldType: "*int64", NewType: "*string", Level: GoBreaking},
		{Kind: "field", Name: "Item.Size", From: "/components/schemas/Item/properties/size", OldType: "*int64", NewType: "*float64", Level: GoBreaking},
	}
	sortByName := cmpopts.SortSlices(func(a, b IdentChange) bool { return a.Name < b.Name })
	if d := cmp.Diff(want, got, sortByName); d != "" {
		t.Errorf("GoIdentifiers (-want +got):\n%s", d)
	}
	if n := GoBreakingCount(got); n != 2 {
		t.Errorf("GoBreakingCount = %d, want 2", n)
	}
	rep := Report(nil, got)
	var changed *findings.Finding
	for i, f := range rep.Findings {
		if f.ID == GoTypeChangedID {
			changed = &rep.Findings[i]
		}
	}
	if changed == nil || changed.Message != "Go request-field ListItemsRequest.Limit changes type from *int64 to *string (go-breaking)" || changed.Severity != findings.Warning {
		t.Errorf("the Go type change as a finding: %+v", changed)
	}
	if !strings.HasSuffix(rep.Summary, "; 2 go-breaking") {
		t.Errorf("summary %q does not count 2 go-breaking", rep.Summary)
	}
}

// TestCompareAllSameAsInTurn: CompareAll, which runs the Go API
// comparison and oasdiff's at once when no array cycle has to be cut,
// finds what GoIdentifiers then Compare find, for every classification
// case and for a pair whose cycles are cut (run with -race, it also checks
// that the two only read the documents).
func TestCompareAllSameAsInTurn(t *testing.T) {
	base, err := os.ReadFile("../../testdata/diff/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	type pair struct{ name, old, new string }
	pairs := []pair{
		{"recursive array", writeFile(t, dir, "plain.yaml", nestedContract("{type: string}")), writeFile(t, dir, "recursive.yaml", nestedContract("{$ref: '#/components/schemas/Nested'}"))},
	}
	for i, tc := range cases {
		text := string(base)
		for _, e := range tc.edits {
			text = strings.Replace(text, e.old, e.new, 1)
		}
		pairs = append(pairs, pair{tc.name, "../../testdata/diff/base.yaml", writeFile(t, dir, fmt.Sprintf("case%d.yaml", i), text)})
	}
	changed := 0
	for _, p := range pairs {
		old, new := loadDoc(t, p.old), loadDoc(t, p.new)
		wantIDs, wantGoErr := GoIdentifiers(old, new)
		want, err := Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		ids, goErr, got, err := CompareAll(old, new)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(goErr) != fmt.Sprint(wantGoErr) {
			t.Errorf("%s: Go API error %v, want %v", p.name, goErr, wantGoErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: changes (-in turn +at once):\n%s", p.name, diff)
		}
		if diff := cmp.Diff(wantIDs, ids); diff != "" {
			t.Errorf("%s: Go identifiers (-in turn +at once):\n%s", p.name, diff)
		}
		if len(want) > 0 {
			changed++
		}
	}
	if changed < len(pairs)-1 {
		t.Errorf("changes found in %d of %d pairs: the test compares little", changed, len(pairs))
	}
}
