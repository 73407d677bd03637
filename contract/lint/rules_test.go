package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      summary: Get a pet.
      description: Returns the pet with the given id.
      tags: [Pets]
      security: [{ApiKey: []}]
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
  /owners:
    post:
      operationId: createPetOwner
      summary: Create an owner.
      description: Registers a pet owner.
      tags: [Owners]
      requestBody:
        description: The owner.
        content:
          application/json:
            schema: {type: object, properties: {name: {title: Name, type: string}}}
      responses:
        "201":
          description: Created.
        "400":
          description: Bad request.
components:
  securitySchemes:
    ApiKey: {type: apiKey, in: header, name: X-Key}
  schemas:
    Pet:
      title: Pet
      type: object
      properties:
        kind: {title: Kind, type: string, enum: [cat, dog]}
`

// upToPaths is good up to and including its "paths:" line, for edits
// that change the header and add a path.
var upToPaths = good[:strings.Index(good, "paths:\n")+len("paths:\n")]

// oas2 is a Swagger 2.0 contract with an invalid response example
// (examples by media type) and an unused definition.
const oas2 = `swagger: "2.0"
info: {title: Pets, version: "1"}
host: api.petstore.test
schemes: [https]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: OK
          schema: {$ref: "#/definitions/Pet"}
          examples: {application/json: {kind: 3}}
definitions:
  Pet: {type: object, properties: {kind: {type: string}}}
  Unused: {type: string}
`

// ruleCases holds, per rule, edits of good that make it fire.
var ruleCases = map[string][][2]string{
	"OPERATION_ID_PRESENT":                  {{"      operationId: getPet\n", ""}},
	"OPERATION_ID_UNIQUE":                   {{"operationId: createPetOwner", "operationId: getPet"}},
	"OPERATION_ID_CASING":                   {{"operationId: createPetOwner", "operationId: create_pet_owner"}, {"operationId: getPet", "operationId: GetPet"}},
	"OPERATION_SUCCESS_RESPONSE":            {{"        \"201\":\n          description: Created.\n", ""}},
	"OPERATION_ERROR_RESPONSE":              {{"        \"400\":\n          description: Bad request.\n", ""}},
	"OPERATION_DESCRIPTION":                 {{"      description: Returns the pet with the given id.\n", ""}},
	"PATH_TRAILING_SLASH":                   {{"/owners:", "/owners/:"}},
	"PATH_CASING":                           {{"/owners:", "/owners/owner-names/petAges:"}},
	"PATH_PARAMETER_DECLARED":               {{"/pets/{petId}:", "/pets/{petId}/{x}:"}},
	"PATH_PARAMETER_USED":                   {{"/pets/{petId}:", "/pets/{id}:"}},
	"PARAMETER_DESCRIPTION":                 {{"          description: The pet.\n", ""}},
	"BODY_SCHEMA_NAMED":                     {{"properties: {name: {title: Name, type: string}}", "properties: {a: {type: string}, b: {type: string}, c: {type: string}, d: {type: string}}"}},
	"EXAMPLE_VALID":                         {{"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog], example: cow}"}, {"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog], default: cow}"}, {"          schema: {type: string}\n", "          schema: {type: integer}\n          example: abc\n"}, {"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\"}\n              example: {kind: 3}"}, {good, oas2}},
	"ENUM_NOT_EMPTY":                        {{"enum: [cat, dog]", "enum: []"}},
	"ENUM_SINGLE_TYPE":                      {{"enum: [cat, dog]", "enum: [cat, 2]"}, {"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {title: Kind, type: integer, enum: [1, dog]}"}},
	"COMPONENT_UNUSED":                      {{"  schemas:\n", "  schemas:\n    Unused: {type: string}\n"}, {good, oas2}},
	"SERVER_URL_VALID":                      {{"https://api.petstore.test/v1", "api.example.com"}, {"https://api.petstore.test/v1", "https://{region}.example.com"}},
	"SECURITY_SCHEME_DEFINED":               {{"security: [{ApiKey: []}]", "security: [{Token: []}]"}},
	"INFO_CONTACT":                          {{"  contact: {name: Pet team, url: \"https://petstore.test/team\", email: team@petstore.test}\n", ""}},
	"INFO_DESCRIPTION":                      {{"  description: Pets and their owners.\n", ""}},
	"INFO_LICENSE":                          {{"  license: {name: MIT, url: \"https://petstore.test/license\"}\n", ""}},
	"LICENSE_URL":                           {{"license: {name: MIT, url: \"https://petstore.test/license\"}", "license: {name: MIT}"}},
	"CONTACT_PROPERTIES":                    {{"contact: {name: Pet team, url: \"https://petstore.test/team\", email: team@petstore.test}", "contact: {name: Pet team}"}},
	"TAGS_DECLARED":                         {{"tags:\n  - name: Owners\n    description: People with pets.\n  - name: Pets\n    description: The pets.\n", ""}},
	"TAGS_ALPHABETICAL":                     {{"  - name: Owners\n    description: People with pets.\n", "  - name: Zoo\n    description: Z.\n  - name: Owners\n    description: People with pets.\n"}},
	"TAGS_UNIQUE":                           {{"  - name: Owners\n    description: People with pets.\n", "  - name: Owners\n    description: People with pets.\n  - name: Owners\n    description: Again.\n"}},
	"TAG_DESCRIPTION":                       {{"    description: People with pets.\n", ""}},
	"OPERATION_TAGS":                        {{"      tags: [Pets]\n", ""}},
	"OPERATION_TAG_DEFINED":                 {{"tags: [Pets]", "tags: [Pet]"}},
	"OPERATION_SINGULAR_TAG":                {{"tags: [Pets]", "tags: [Pets, Owners]"}},
	"OPERATION_ID_URL_SAFE":                 {{"operationId: getPet", "operationId: \"get Pet\""}},
	"OPERATION_PARAMETERS_UNIQUE":           {{"          schema: {type: string}\n", "          schema: {type: string}\n        - {name: petId, in: path, required: true, description: Again., schema: {type: string}}\n"}},
	"PATH_NO_QUERY":                         {{"/owners:", "/owners?kind=x:"}},
	"PATH_PARAMETER_NAMED":                  {{"/owners:", "/owners/{}:"}},
	"PATH_AMBIGUOUS":                        {{"  /owners:\n", "  /pets/{id}:\n    x-lint-ignore: [PATH_PARAMETER_DECLARED]\n  /owners:\n"}},
	"MARKDOWN_NO_EVAL":                      {{"description: The pets.", "description: \"eval(alert(1))\""}},
	"MARKDOWN_NO_SCRIPT":                    {{"description: The pets.", "description: \"<script>alert(1)</script>\""}},
	"REF_NO_SIBLINGS":                       {{"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\", description: Ignored.}"}},
	"ENUM_DUPLICATE":                        {{"enum: [cat, dog]", "enum: [cat, dog, cat]"}},
	"ARRAY_ITEMS":                           {{"properties: {name: {title: Name, type: string}}", "properties: {names: {type: array}}"}},
	"OAS2_NO_ONEOF_ANYOF":                   {{"openapi: 3.0.3", "swagger: \"2.0\"\ndefinitions:\n  Cat: {oneOf: [{type: string}]}"}},
	"DISCRIMINATOR_PROPERTY":                {{"      type: object\n      properties:\n        kind:", "      type: object\n      discriminator: {propertyName: kind}\n      properties:\n        kind:"}},
	"EXAMPLE_VALUE_OR_EXTERNAL":             {{"schema: {$ref: \"#/components/schemas/Pet\"}", "schema: {$ref: \"#/components/schemas/Pet\"}\n              examples: {one: {value: {kind: cat}, externalValue: \"https://petstore.test/cat.json\"}}"}},
	"SERVERS_PRESENT":                       {{"servers:\n  - url: https://api.petstore.test/v1\n", ""}},
	"SERVER_NOT_EXAMPLE":                    {{"https://api.petstore.test/v1", "https://api.example.com/v1"}},
	"SERVER_TRAILING_SLASH":                 {{"https://api.petstore.test/v1", "https://api.petstore.test/v1/"}},
	"OAS2_SCHEMES":                          {{"openapi: 3.0.3", "swagger: \"2.0\"\nhost: api.petstore.test"}},
	"OAS2_FORMDATA_CONSUMES":                {{upToPaths, strings.Replace(upToPaths, "openapi: 3.0.3", "swagger: \"2.0\"\nhost: api.petstore.test\nschemes: [https]", 1) + "  /form:\n    post:\n      parameters: [{name: a, in: formData, type: string}]\n      responses: {\"200\": {description: OK}}\n"}},
	"CALLBACKS_IN_CALLBACKS":                {{"        \"201\":\n", "      callbacks:\n        done:\n          \"{$request.body#/url}\":\n            post:\n              callbacks: {again: {}}\n              responses: {\"200\": {description: OK}}\n      responses:\n        \"201\":\n"}},
	"WEBHOOK_NO_SERVERS_OR_CALLBACKS":       {{"openapi: 3.0.3", "openapi: 3.1.0\nwebhooks:\n  born:\n    post:\n      servers: [{url: \"https://x.test\"}]\n      responses: {\"200\": {description: OK}}"}},
	"CASING_OPERATION_ID":                   {{"operationId: getPet", "operationId: get_pet"}},
	"CASING_SCHEMA_NAME":                    {{"    Pet:\n", "    pet:\n"}},
	"CASING_PROPERTY_NAME":                  {{"properties: {name: {title: Name, type: string}}", "properties: {first_name: {type: string}}"}},
	"CASING_TAG_NAME":                       {{"  - name: Pets\n", "  - name: pets\n"}},
	"CASING_PATH_SEGMENT":                   {{"/owners:", "/pet-owners:"}},
	"OPENAPI_VERSION_30":                    {{"openapi: 3.0.3", "openapi: 3.1.0"}, {"openapi: 3.0.3", "openapi: 3.0.1"}},
	"OPERATION_SUMMARY":                     {{"      summary: Get a pet.\n", ""}},
	"REQUEST_BODY_DESCRIPTION":              {{"        description: The owner.\n", ""}},
	"CASING_PATH_PARAMETER_NAME":            {{"        - name: petId\n", "        - name: pet_id\n"}},
	"CASING_QUERY_PARAMETER_NAME":           {{"          schema: {type: string}\n", "          schema: {type: string}\n        - {name: page_size, in: query, description: Size., schema: {type: integer}}\n"}},
	"CASING_COOKIE_PARAMETER_NAME":          {{"          schema: {type: string}\n", "          schema: {type: string}\n        - {name: Session, in: cookie, description: Session., schema: {type: string}}\n"}},
	"CASING_HEADER_PARAMETER_NAME":          {{"          schema: {type: string}\n", "          schema: {type: string}\n        - {name: x-trace-id, in: header, description: Trace., schema: {type: string}}\n"}},
	"CASING_RESPONSE_HEADER_NAME":           {{"        default:\n          description: An error.\n", "        default:\n          description: An error.\n          headers: {x-rate-limit: {description: Limit., schema: {type: integer}}}\n"}, {"        default:\n          description: An error.\n", "        default:\n          description: An error.\n          headers: {X-API-Key: {description: Key., schema: {type: string}}}\n"}},
	"CASING_ENCODING_HEADER_NAME":           {{"            schema: {type: object, properties: {name: {title: Name, type: string}}}\n", "            schema: {type: object, properties: {name: {title: Name, type: string}}}\n            encoding: {name: {headers: {x-part: {description: Part., schema: {type: string}}}}}\n"}},
	"CASING_COMPONENT_RESPONSE_NAME":        {{"  schemas:\n", "  responses:\n    not_found: {description: Not found.}\n  schemas:\n"}},
	"CASING_COMPONENT_PARAMETER_NAME":       {{"  schemas:\n", "  parameters:\n    pageSize: {name: pageSize, in: query, description: Size., schema: {type: integer}}\n  schemas:\n"}},
	"CASING_COMPONENT_EXAMPLE_NAME":         {{"  schemas:\n", "  examples:\n    a-cat: {value: {kind: cat}}\n  schemas:\n"}},
	"CASING_COMPONENT_REQUEST_BODY_NAME":    {{"  schemas:\n", "  requestBodies:\n    newPet: {description: A pet., content: {application/json: {schema: {$ref: \"#/components/schemas/Pet\"}}}}\n  schemas:\n"}},
	"CASING_COMPONENT_HEADER_NAME":          {{"  schemas:\n", "  headers:\n    RateLimit: {description: Limit., schema: {type: integer}}\n  schemas:\n"}},
	"CASING_COMPONENT_LINK_NAME":            {{"  schemas:\n", "  links:\n    get-pet: {operationId: getPet}\n  schemas:\n"}},
	"CASING_COMPONENT_CALLBACK_NAME":        {{"  schemas:\n", "  callbacks:\n    onDone: {}\n  schemas:\n"}},
	"CASING_COMPONENT_SECURITY_SCHEME_NAME": {{"    ApiKey: {type: apiKey", "    apiKey: {type: apiKey"}},
	"SECURITY_NOT_GLOBAL":                   {{"paths:\n", "security: [{ApiKey: []}]\npaths:\n"}},
	"TAG_USED":                              {{"    description: The pets.\n", "    description: The pets.\n  - name: Vets\n    description: The vets.\n"}},
	"OPERATION_NO_SERVERS":                  {{"      operationId: getPet\n", "      operationId: getPet\n      servers: [{url: \"https://pets.petstore.test\"}]\n"}},
	"SCHEMA_TITLE":                          {{"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {type: string, enum: [cat, dog]}"}, {"      title: Pet\n", ""}},
	"MEDIA_TYPE_SCHEMA":                     {{"          description: Created.\n", "          description: Created.\n          content: {application/json: {}}\n"}},
	"HEADER_DESCRIPTION":                    {{"        default:\n          description: An error.\n", "        default:\n          description: An error.\n          headers: {X-Rate-Limit: {schema: {type: integer}}}\n"}},
	"YAML_KEY_STRING":                       {{"        \"201\":\n", "        201:\n"}, {"        \"400\":\n", "        400:\n"}},
	"OPENAPI_31_KEYWORD_IN_30":              {{"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {type: string, const: cat}"}, {"kind: {title: Kind, type: string, enum: [cat, dog]}", "kind: {type: [string, \"null\"]}"}},
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
			// only a finding about the whole contract lies at the root
			if f.Message == "" || f.Pointer == "" && (f.Line != 1 || f.Col != 1) {
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

// TestServiceCombMapping: every ServiceComb style-check key names rules
// that exist, are in the servicecomb set and take the key as an alias;
// every rule of the servicecomb set checks one of ServiceComb's keys.
func TestServiceCombMapping(t *testing.T) {
	mapped, keys := map[string]bool{}, 0
	for _, m := range ServiceComb {
		if m.Key == "" {
			for _, id := range m.Rules {
				mapped[id] = true
			}
			continue
		}
		keys++
		var got []string
		for _, r := range lookup(m.Key) {
			got = append(got, r.ID)
			if !r.inSet("servicecomb") {
				t.Errorf("%s: rule %s is not in the servicecomb set", m.Key, r.ID)
			}
			mapped[r.ID] = true
		}
		sort.Strings(got)
		want := append([]string(nil), m.Rules...)
		sort.Strings(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: rules (-want +got):\n%s", m.Key, diff)
		}
	}
	if keys != 33 {
		t.Errorf("%d ServiceComb keys mapped, want its 33", keys)
	}
	for _, r := range (Config{Extends: []string{"servicecomb"}}).Enabled() {
		if !mapped[r.ID] {
			t.Errorf("rule %s is in the servicecomb set but checks none of ServiceComb's keys", r.ID)
		}
	}
}

// TestServiceCombCasings: ServiceComb's three casings accept and refuse
// what its oas-validator does (StringCaseUtils and its README's examples).
func TestServiceCombCasings(t *testing.T) {
	tests := []struct {
		style, name string
		want        bool
	}{
		{"lower-camel-case", "petId", true},
		{"lower-camel-case", "v2", true},
		{"lower-camel-case", "getHTTP", false},
		{"lower-camel-case", "getA", true},
		{"lower-camel-case", "PetId", false},
		{"lower-camel-case", "pet-id", false},
		{"upper-camel-case", "Pet", true},
		{"upper-camel-case", "PetOwner", true},
		{"upper-camel-case", "HTTPServer", false},
		{"upper-camel-case", "pet", false},
		{"upper-hyphen-case", "Content-Type", true},
		{"upper-hyphen-case", "Accept", true},
		{"upper-hyphen-case", "X-Rate-Limit-Limit", true},
		{"upper-hyphen-case", "X-API-Key", false},
		{"upper-hyphen-case", "x-rate-limit", false},
		{"upper-hyphen", "X-API-Key", true},
		{"pascal", "HTTPServer", true},
	}
	for _, tc := range tests {
		if got := Casing(tc.style).MatchString(tc.name); got != tc.want {
			t.Errorf("%s %q: match %v, want %v", tc.style, tc.name, got, tc.want)
		}
	}
}

// TestServiceCombKeysConfigure: toolkit.yaml may name a rule by its
// ServiceComb key, to disable it or to change its casing.
func TestServiceCombKeysConfigure(t *testing.T) {
	p := write(t, "good.yaml", strings.Replace(good, "operationId: getPet", "operationId: get_pet", 1))
	count := func(cfg Config) int {
		fs, err := Run(p, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return len(byRule(fs, "CASING_OPERATION_ID"))
	}
	sc := []string{"servicecomb"}
	if n := count(Config{Extends: sc}); n != 1 {
		t.Errorf("servicecomb: %d CASING_OPERATION_ID findings, want 1", n)
	}
	if n := count(Config{Extends: sc, Disable: []string{"operation.operationId.case"}}); n != 0 {
		t.Errorf("disabled by ServiceComb key: %d findings", n)
	}
	if n := count(Config{Extends: sc, Casing: map[string]string{"operation.operationId.case": "snake"}}); n != 1 {
		t.Errorf("snake by ServiceComb key: %d findings, want 1 (createPetOwner)", n)
	}
}

// TestServiceCombTableInREADME: the README's mapping table names every
// ServiceComb key and every rule of the servicecomb set.
func TestServiceCombTableInREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip("no README next to the package")
	}
	for _, m := range ServiceComb {
		for _, s := range append([]string{m.Key}, m.Rules...) {
			if s != "" && !strings.Contains(string(b), "`"+s+"`") {
				t.Errorf("README's ServiceComb table does not name `%s`", s)
			}
		}
	}
}

// TestOAS2ParameterSchema: a Swagger 2.0 parameter outside the body is its
// own schema: its default and enum are checked against its type, as
// Spectral's oas2-valid-schema-example and typed-enum check them, and its
// parameter keywords (required: true) do not stop the check.
func TestOAS2ParameterSchema(t *testing.T) {
	text := `swagger: "2.0"
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      parameters:
        - name: status
          in: query
          required: true
          type: array
          items: {type: string}
          default: available
          enum:
            - available
      responses:
        "200": {description: OK}
`
	fs, err := Run(write(t, "oas2.yaml", text), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		if f.ID == "EXAMPLE_VALID" || f.ID == "ENUM_SINGLE_TYPE" {
			got = append(got, fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.ID, f.Pointer))
		}
	}
	want := []string{
		"12:20 EXAMPLE_VALID /paths/~1pets/get/parameters/0/default",
		"14:15 ENUM_SINGLE_TYPE /paths/~1pets/get/parameters/0/enum/0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
