package golang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestIdentifiers: the identifiers match what the emitted code declares,
// including names the namer had to number (a schema called Client).
func TestIdentifiers(t *testing.T) {
	const src = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
        - {name: fields, in: query, schema: {type: array, items: {type: string}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
    Client: {type: string}
`
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, path)
	ids := Identifiers(m, generator.Options{Package: "api"})
	got := map[string]Ident{}
	for _, id := range ids {
		got[id.Kind+" "+id.Name] = id
	}
	for key, typ := range map[string]string{
		"type Pet":                           "",
		"field Pet.Name":                     "string",
		"field Pet.Age":                      "*int64",
		"type Client2":                       "",
		"method Handler.GetPet":              "",
		"method Client.GetPet":               "",
		"request-field GetPetRequest.PetID":  "int64",
		"request-field GetPetRequest.Fields": "[]string",
		"response GetPet200Response":         "",
	} {
		id, ok := got[key]
		if !ok {
			t.Errorf("missing %s; have %v", key, ids)
			continue
		}
		if id.Type != typ {
			t.Errorf("%s: type %q, want %q", key, id.Type, typ)
		}
	}
	// Every identifier is declared in the generated code.
	files, err := Generate(m, generator.Options{Package: "api"})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		all.Write(f.Data)
	}
	for _, id := range ids {
		name := id.Name[strings.LastIndex(id.Name, ".")+1:]
		if !strings.Contains(all.String(), name) {
			t.Errorf("%s %s is not in the generated code", id.Kind, id.Name)
		}
	}
}

// TestGoStringsBatch: rendering type expressions in one pass gives what
// rendering each alone gives, for every field and request field of the
// kitchen-sink contract (qualified, generic, pointer, map and slice types).
func TestGoStringsBatch(t *testing.T) {
	m := loadModel(t, filepath.Join("..", "..", "testdata", "contracts", "kitchensink", "openapi.yaml"))
	g := newGen(m, generator.Options{Package: "api"})
	var exprs []*jen.Statement
	for _, ty := range m.Types {
		if ty.Kind == contract.KindObject && g.typeNames[ty] != "" {
			for _, fi := range g.structFields(ty) {
				exprs = append(exprs, g.shapeExpr(fi.f.Type, fi.shape))
			}
		}
	}
	for _, oi := range g.ops {
		for _, pi := range oi.params {
			exprs = append(exprs, g.paramGoType(pi))
		}
	}
	if len(exprs) < 20 {
		t.Fatalf("only %d expressions: the contract moved?", len(exprs))
	}
	got := goStrings(exprs)
	kinds := map[string]bool{}
	for i, e := range exprs {
		if want := e.GoString(); got[i] != want {
			t.Errorf("expression %d: batch %q, alone %q", i, got[i], want)
		}
		kinds[got[i][:1]] = true
	}
	if !kinds["*"] || !kinds["["] {
		t.Errorf("no pointer or slice among %v", got)
	}
}
