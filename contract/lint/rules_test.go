package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/findings"
)

// good is a contract that trips no rule; each case edits it.
const good = `openapi: 3.0.3
info: {title: Pets, version: "1"}
servers:
  - url: https://api.example.com/v1
security:
  - key: []
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      summary: Get a pet.
      parameters:
        - name: petId
          in: path
          required: true
          description: The pet.
          schema: {type: string}
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        default:
          description: An error.
  /pet-owners:
    post:
      operationId: createPetOwner
      summary: Create an owner.
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        "201":
          description: Created.
        "400":
          description: Bad request.
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Pet:
      type: object
      properties:
        kind: {type: string, enum: [cat, dog]}
`

// ruleCases holds, per rule, edits of good that make it fire.
var ruleCases = map[string][][2]string{
	"OPERATION_ID_PRESENT":       {{"      operationId: getPet\n", ""}},
	"OPERATION_ID_UNIQUE":        {{"operationId: createPetOwner", "operationId: getPet"}},
	"OPERATION_ID_CASING":        {{"operationId: createPetOwner", "operationId: create_pet_owner"}, {"operationId: getPet", "operationId: GetPet"}},
	"OPERATION_SUCCESS_RESPONSE": {{"        \"201\":\n          description: Created.\n", ""}},
	"OPERATION_ERROR_RESPONSE":   {{"        \"400\":\n          description: Bad request.\n", ""}},
	"OPERATION_DESCRIPTION":      {{"      summary: Get a pet.\n", ""}},
	"PATH_TRAILING_SLASH":        {{"/pet-owners:", "/pet-owners/:"}},
	"PATH_CASING":                {{"/pet-owners:", "/pet-owners/owner-names/petAges:"}},
	"PATH_PARAMETER_DECLARED":    {{"/pets/{petId}:", "/pets/{petId}/{x}:"}},
	"PATH_PARAMETER_USED":        {{"/pets/{petId}:", "/pets/{id}:"}},
	"PARAMETER_DESCRIPTION":      {{"          description: The pet.\n", ""}},
	"BODY_SCHEMA_NAMED":          {{"properties: {name: {type: string}}", "properties: {a: {type: string}, b: {type: string}, c: {type: string}, d: {type: string}}"}},
	"EXAMPLE_VALID":              {{"kind: {type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog], example: cow}"}, {"          schema: {type: string}\n", "          schema: {type: integer}\n          example: abc\n"}, {"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\"}\n              example: {kind: 3}"}},
	"ENUM_NOT_EMPTY":             {{"enum: [cat, dog]", "enum: []"}},
	"ENUM_SINGLE_TYPE":           {{"enum: [cat, dog]", "enum: [cat, 2]"}},
	"COMPONENT_UNUSED":           {{"  schemas:\n", "  schemas:\n    Unused: {type: string}\n"}},
	"SERVER_URL_VALID":           {{"https://api.example.com/v1", "api.example.com"}, {"https://api.example.com/v1", "https://{region}.example.com"}},
	"SECURITY_SCHEME_DEFINED":    {{"  - key: []", "  - token: []"}},
	"OPENAPI_31_KEYWORD_IN_30":   {{"kind: {type: string, enum: [cat, dog]}", "kind: {type: string, const: cat}"}, {"kind: {type: string, enum: [cat, dog]}", "kind: {type: [string, \"null\"]}"}},
}

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func byRule(fs []findings.Finding, id string) []findings.Finding {
	var out []findings.Finding
	for _, f := range fs {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}

func TestGoodContractIsClean(t *testing.T) {
	fs, err := Run(write(t, "good.yaml", good), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		t.Errorf("unexpected finding: %+v", f)
	}
}

func TestEveryRuleFires(t *testing.T) {
	for _, r := range Rules() {
		edits, ok := ruleCases[r.ID]
		if !ok {
			t.Errorf("rule %s has no test case", r.ID)
			continue
		}
		for i, e := range edits {
			if !strings.Contains(good, e[0]) {
				t.Fatalf("%s: edit %d does not apply: %q", r.ID, i, e[0])
			}
			text := strings.Replace(good, e[0], e[1], 1)
			fs, err := Run(write(t, "bad.yaml", text), Config{})
			if err != nil {
				t.Fatalf("%s: %v", r.ID, err)
			}
			got := byRule(fs, r.ID)
			if len(got) == 0 {
				t.Errorf("%s: edit %d: no finding; got %+v", r.ID, i, fs)
				continue
			}
			// The finding points at the edited line (or the node holding it).
			lines := strings.Split(text, "\n")
			f := got[0]
			if f.Line < 1 || f.Line > len(lines) || f.Col < 1 {
				t.Errorf("%s: bad position %d:%d", r.ID, f.Line, f.Col)
			}
			if f.Severity != r.Severity.level() {
				t.Errorf("%s: severity %s, want default %s", r.ID, f.Severity, r.Severity)
			}
			if f.Message == "" || f.Pointer == "" {
				t.Errorf("%s: finding without message or pointer: %+v", r.ID, f)
			}
		}
	}
}

func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		if r.ID != strings.ToUpper(r.ID) || r.Category == "" || r.Description == "" || r.Hint == "" || r.Check == nil {
			t.Errorf("rule %q: incomplete metadata", r.ID)
		}
		switch r.Severity {
		case Error, Warning, Info:
		default:
			t.Errorf("rule %s: default severity %q", r.ID, r.Severity)
		}
	}
}
