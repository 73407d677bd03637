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
info:
  title: Pets
  version: "1"
  description: Pets and their owners.
  contact: {name: Pet team, url: "https://petstore.test/team", email: team@petstore.test}
  license: {name: MIT, url: "https://petstore.test/license"}
servers:
  - url: https://api.petstore.test/v1
tags:
  - name: Owners
    description: People with pets.
  - name: Pets
    description: The pets.
security:
  - key: []
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      summary: Get a pet.
      description: Returns the pet with the given id.
      tags: [Pets]
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
      description: Registers a pet owner.
      tags: [Owners]
      requestBody:
        description: The owner.
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

// upToPaths is good up to and including its "paths:" line, for edits
// that change the header and add a path.
var upToPaths = good[:strings.Index(good, "paths:\n")+len("paths:\n")]

// ruleCases holds, per rule, edits of good that make it fire.
var ruleCases = map[string][][2]string{
	"OPERATION_ID_PRESENT":            {{"      operationId: getPet\n", ""}},
	"OPERATION_ID_UNIQUE":             {{"operationId: createPetOwner", "operationId: getPet"}},
	"OPERATION_ID_CASING":             {{"operationId: createPetOwner", "operationId: create_pet_owner"}, {"operationId: getPet", "operationId: GetPet"}},
	"OPERATION_SUCCESS_RESPONSE":      {{"        \"201\":\n          description: Created.\n", ""}},
	"OPERATION_ERROR_RESPONSE":        {{"        \"400\":\n          description: Bad request.\n", ""}},
	"OPERATION_DESCRIPTION":           {{"      description: Returns the pet with the given id.\n", ""}},
	"PATH_TRAILING_SLASH":             {{"/pet-owners:", "/pet-owners/:"}},
	"PATH_CASING":                     {{"/pet-owners:", "/pet-owners/owner-names/petAges:"}},
	"PATH_PARAMETER_DECLARED":         {{"/pets/{petId}:", "/pets/{petId}/{x}:"}},
	"PATH_PARAMETER_USED":             {{"/pets/{petId}:", "/pets/{id}:"}},
	"PARAMETER_DESCRIPTION":           {{"          description: The pet.\n", ""}},
	"BODY_SCHEMA_NAMED":               {{"properties: {name: {type: string}}", "properties: {a: {type: string}, b: {type: string}, c: {type: string}, d: {type: string}}"}},
	"EXAMPLE_VALID":                   {{"kind: {type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog], example: cow}"}, {"kind: {type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog], default: cow}"}, {"          schema: {type: string}\n", "          schema: {type: integer}\n          example: abc\n"}, {"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\"}\n              example: {kind: 3}"}},
	"ENUM_NOT_EMPTY":                  {{"enum: [cat, dog]", "enum: []"}},
	"ENUM_SINGLE_TYPE":                {{"enum: [cat, dog]", "enum: [cat, 2]"}},
	"COMPONENT_UNUSED":                {{"  schemas:\n", "  schemas:\n    Unused: {type: string}\n"}},
	"SERVER_URL_VALID":                {{"https://api.petstore.test/v1", "api.example.com"}, {"https://api.petstore.test/v1", "https://{region}.example.com"}},
	"SECURITY_SCHEME_DEFINED":         {{"  - key: []", "  - token: []"}},
	"INFO_CONTACT":                    {{"  contact: {name: Pet team, url: \"https://petstore.test/team\", email: team@petstore.test}\n", ""}},
	"INFO_DESCRIPTION":                {{"  description: Pets and their owners.\n", ""}},
	"INFO_LICENSE":                    {{"  license: {name: MIT, url: \"https://petstore.test/license\"}\n", ""}},
	"LICENSE_URL":                     {{"license: {name: MIT, url: \"https://petstore.test/license\"}", "license: {name: MIT}"}},
	"CONTACT_PROPERTIES":              {{"contact: {name: Pet team, url: \"https://petstore.test/team\", email: team@petstore.test}", "contact: {name: Pet team}"}},
	"TAGS_DECLARED":                   {{"tags:\n  - name: Owners\n    description: People with pets.\n  - name: Pets\n    description: The pets.\n", ""}},
	"TAGS_ALPHABETICAL":               {{"  - name: Owners\n    description: People with pets.\n", "  - name: Zoo\n    description: Z.\n  - name: Owners\n    description: People with pets.\n"}},
	"TAGS_UNIQUE":                     {{"  - name: Owners\n    description: People with pets.\n", "  - name: Owners\n    description: People with pets.\n  - name: Owners\n    description: Again.\n"}},
	"TAG_DESCRIPTION":                 {{"    description: People with pets.\n", ""}},
	"OPERATION_TAGS":                  {{"      tags: [Pets]\n", ""}},
	"OPERATION_TAG_DEFINED":           {{"tags: [Pets]", "tags: [Pet]"}},
	"OPERATION_SINGULAR_TAG":          {{"tags: [Pets]", "tags: [Pets, Owners]"}},
	"OPERATION_ID_URL_SAFE":           {{"operationId: getPet", "operationId: \"get Pet\""}},
	"OPERATION_PARAMETERS_UNIQUE":     {{"          schema: {type: string}\n", "          schema: {type: string}\n        - {name: petId, in: path, required: true, description: Again., schema: {type: string}}\n"}},
	"PATH_NO_QUERY":                   {{"/pet-owners:", "/pet-owners?kind=x:"}},
	"PATH_PARAMETER_NAMED":            {{"/pet-owners:", "/pet-owners/{}:"}},
	"PATH_AMBIGUOUS":                  {{"  /pet-owners:\n", "  /pets/{id}:\n    x-lint-ignore: [PATH_PARAMETER_DECLARED]\n  /pet-owners:\n"}},
	"MARKDOWN_NO_EVAL":                {{"description: The pets.", "description: \"eval(alert(1))\""}},
	"MARKDOWN_NO_SCRIPT":              {{"description: The pets.", "description: \"<script>alert(1)</script>\""}},
	"REF_NO_SIBLINGS":                 {{"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\", description: Ignored.}"}},
	"ENUM_DUPLICATE":                  {{"enum: [cat, dog]", "enum: [cat, dog, cat]"}},
	"ARRAY_ITEMS":                     {{"properties: {name: {type: string}}", "properties: {names: {type: array}}"}},
	"OAS2_NO_ONEOF_ANYOF":             {{"openapi: 3.0.3", "swagger: \"2.0\"\ndefinitions:\n  Cat: {oneOf: [{type: string}]}"}},
	"DISCRIMINATOR_PROPERTY":          {{"      type: object\n      properties:\n        kind:", "      type: object\n      discriminator: {propertyName: kind}\n      properties:\n        kind:"}},
	"EXAMPLE_VALUE_OR_EXTERNAL":       {{"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\"}\n              examples: {one: {value: {kind: cat}, externalValue: \"https://petstore.test/cat.json\"}}"}},
	"SERVERS_PRESENT":                 {{"servers:\n  - url: https://api.petstore.test/v1\n", ""}},
	"SERVER_NOT_EXAMPLE":              {{"https://api.petstore.test/v1", "https://api.example.com/v1"}},
	"SERVER_TRAILING_SLASH":           {{"https://api.petstore.test/v1", "https://api.petstore.test/v1/"}},
	"OAS2_SCHEMES":                    {{"openapi: 3.0.3", "swagger: \"2.0\"\nhost: api.petstore.test"}},
	"OAS2_FORMDATA_CONSUMES":          {{upToPaths, strings.Replace(upToPaths, "openapi: 3.0.3", "swagger: \"2.0\"\nhost: api.petstore.test\nschemes: [https]", 1) + "  /form:\n    post:\n      parameters: [{name: a, in: formData, type: string}]\n      responses: {\"200\": {description: OK}}\n"}},
	"CALLBACKS_IN_CALLBACKS":          {{"        \"201\":\n", "      callbacks:\n        done:\n          \"{$request.body#/url}\":\n            post:\n              callbacks: {again: {}}\n              responses: {\"200\": {description: OK}}\n      responses:\n        \"201\":\n"}},
	"WEBHOOK_NO_SERVERS_OR_CALLBACKS": {{"openapi: 3.0.3", "openapi: 3.1.0\nwebhooks:\n  born:\n    post:\n      servers: [{url: \"https://x.test\"}]\n      responses: {\"200\": {description: OK}}"}},
	"CASING_OPERATION_ID":             {{"operationId: getPet", "operationId: get_pet"}},
	"CASING_SCHEMA_NAME":              {{"    Pet:\n", "    pet:\n"}},
	"CASING_PROPERTY_NAME":            {{"properties: {name: {type: string}}", "properties: {first_name: {type: string}}"}},
	"CASING_PARAMETER_NAME":           {{"        - name: petId\n", "        - name: pet_id\n"}},
	"CASING_HEADER_NAME":              {{"        default:\n          description: An error.\n", "        default:\n          description: An error.\n          headers: {x-rate-limit: {schema: {type: integer}}}\n"}},
	"CASING_TAG_NAME":                 {{"  - name: Pets\n", "  - name: pets\n"}},
	"CASING_PATH_SEGMENT":             {{"/pet-owners:", "/petOwners:"}},
	"OPENAPI_VERSION_30":              {{"openapi: 3.0.3", "openapi: 3.1.0"}},
	"OPERATION_SUMMARY":               {{"      summary: Get a pet.\n", ""}},
	"REQUEST_BODY_DESCRIPTION":        {{"        description: The owner.\n", ""}},
	"OPENAPI_31_KEYWORD_IN_30":        {{"kind: {type: string, enum: [cat, dog]}", "kind: {type: string, const: cat}"}, {"kind: {type: string, enum: [cat, dog]}", "kind: {type: [string, \"null\"]}"}},
}

func write(t testing.TB, name, text string) string {
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
	fs, err := Run(write(t, "good.yaml", good), Config{Extends: []string{"all"}})
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
			fs, err := Run(write(t, "bad.yaml", text), Config{Extends: []string{"all"}})
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

// TestRuleDirectories: every rule has its own folder under
// testdata/lint/rules holding a contract that triggers it (fires.yaml) and
// one that does not (clean.yaml); -update writes them from ruleCases.
func TestRuleDirectories(t *testing.T) {
	all := Config{Extends: []string{"all"}}
	for _, r := range Rules() {
		dir := filepath.Join("../../testdata/lint/rules", r.ID)
		if *update {
			if edits := ruleCases[r.ID]; len(edits) > 0 {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "fires.yaml"), []byte(strings.Replace(good, edits[0][0], edits[0][1], 1)), 0o644)
				os.WriteFile(filepath.Join(dir, "clean.yaml"), []byte(good), 0o644)
			}
		}
		for file, want := range map[string]bool{"fires.yaml": true, "clean.yaml": false} {
			fs, err := Run(filepath.Join(dir, file), all)
			if err != nil {
				t.Errorf("%s: %v", r.ID, err)
				continue
			}
			if got := len(byRule(fs, r.ID)) > 0; got != want {
				t.Errorf("%s/%s: rule fired = %v, want %v", r.ID, file, got, want)
			}
		}
	}
}
