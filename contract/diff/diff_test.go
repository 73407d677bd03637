package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
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
	got := GoIdentifiers(loadDoc(t, "../../testdata/diff/base.yaml"), loadDoc(t, p))
	want := []IdentChange{
		{Kind: "method", Name: "GetPet", From: "getPet"},
		{Kind: "type", Name: "NewPet", From: "NewPet"},
		{Kind: "method", Name: "FetchPet", From: "fetch_pet", Added: true},
		{Kind: "type", Name: "PetInput", From: "PetInput", Added: true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("GoIdentifiers (-want +got):\n%s", d)
	}
}
