package contract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const contracts = "../testdata/contracts"

// TestBrokenContracts checks that each broken contract fails with a
// positioned message: file:line(:col), the JSON pointer where there is
// one, and the reason.
func TestBrokenContracts(t *testing.T) {
	for _, tc := range []struct {
		file string
		want string // the whole first problem, as printed
	}{
		{"yaml-syntax.yaml", "broken/yaml-syntax.yaml:6: invalid YAML: line 6: did not find expected ',' or ']'"},
		{"json-syntax.json", "broken/json-syntax.json:5:20: invalid JSON: invalid character '}' looking for beginning of value"},
		{"dangling-ref.yaml", `broken/dangling-ref.yaml:12:17: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: $ref "#/components/schemas/Missing" points to nothing`},
		{"missing-file-ref.yaml", `broken/missing-file-ref.yaml:12:17: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: $ref "nowhere.yaml#/Pet": cannot read contract: no such file or directory`},
		{"ref-loop.yaml", `broken/ref-loop.yaml:7:7: /components/schemas/A/$ref: $ref "#/components/schemas/B" is part of a reference loop that never reaches a value`},
		{"required-cycle.yaml", `broken/required-cycle.yaml:15:9: /components/schemas/B/properties/a: required property "a" leads back to B through required properties only`},
		{"unknown-version.yaml", `broken/unknown-version.yaml:1:1: /openapi: unsupported OpenAPI version "4.0.0": want 3.0.x, 3.1.x, 3.2.x or Swagger 2.0`},
		{"not-openapi.yaml", `broken/not-openapi.yaml:1:1: not an OpenAPI contract: neither "openapi" nor "swagger" is set`},
		{"duplicate-operation-id.yaml", `broken/duplicate-operation-id.yaml:10:7: /paths/~1b/get/operationId: operationId "fetch" is also used by GET /a at line 6:7 (use --lenient to number the later ones)`},
		{"required-bool.yaml", `broken/required-bool.yaml:11:11: /components/schemas/Pet/properties/name/required: not an OpenAPI document: json: cannot unmarshal bool into field Schema.required of type []string`},
		{"undeclared-path-param.yaml", `broken/undeclared-path-param.yaml:3:1: /paths: operation GET /pets/{petId} must define exactly all path parameters (missing: [petId])`},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(contracts, "broken", tc.file)
			doc, err := Load(path, LoadOptions{})
			if err == nil {
				_, err = Build(doc)
			}
			var ce *Error
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("got %v, want *contract.Error", err)
			}
			got := strings.TrimPrefix(ce.Problems[0].String(), contracts+"/")
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("first problem:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func load(t *testing.T, path string) *Model {
	t.Helper()
	doc, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func typeNamed(t *testing.T, m *Model, name string) *Type {
	t.Helper()
	for _, ty := range m.Types {
		if ty.Name == name {
			return ty
		}
	}
	t.Fatalf("no type %q", name)
	return nil
}

func field(t *testing.T, ty *Type, name string) *Field {
	t.Helper()
	for _, f := range ty.Fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("%s has no field %q", ty.Name, name)
	return nil
}

func op(t *testing.T, m *Model, id string) *Operation {
	t.Helper()
	for _, o := range m.Operations {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("no operation %q", id)
	return nil
}

func TestKitchenSinkModel(t *testing.T) {
	m := load(t, filepath.Join(contracts, "kitchensink/openapi.yaml"))

	item := typeNamed(t, m, "Item")
	if item.Kind != KindObject {
		t.Fatalf("Item kind %v", item.Kind)
	}
	// allOf merged: fields of BaseItem, NewItem and Item's own.
	for name, want := range map[string][2]bool{ // required, nullable
		"name": {true, false}, "description": {false, true}, "price": {true, false},
		"id": {true, false}, "weight": {false, true}, "color": {false, false},
	} {
		f := field(t, item, name)
		if f.Required != want[0] || f.Nullable != want[1] {
			t.Errorf("Item.%s required=%v nullable=%v, want %v", name, f.Required, f.Nullable, want)
		}
	}
	if f := field(t, item, "id"); !f.ReadOnly || f.Type.Format != "uuid" {
		t.Errorf("Item.id: %+v", f)
	}
	if f := field(t, item, "color"); f.Type != typeNamed(t, m, "Color") {
		t.Errorf("Item.color is not the shared Color type")
	}
	if f := field(t, item, "attributes"); f.Type.Kind != KindMap || f.Type.Elem.Kind != KindString {
		t.Errorf("Item.attributes: %+v", f.Type)
	}
	if f := field(t, item, "dimensions"); f.Type.Name != "Item_dimensions" || field(t, f.Type, "unit").Type.Name != "Item_dimensions_unit" {
		t.Errorf("inline types not named after their place: %q", f.Type.Name)
	}
	if f := field(t, typeNamed(t, m, "NewItem"), "quantity"); !f.Type.HasDefault || f.Type.Default != 1.0 {
		t.Errorf("NewItem.quantity default: %+v", f.Type)
	}
	if p := typeNamed(t, m, "ItemPatch"); p.Additional != AdditionalFalse {
		t.Errorf("ItemPatch additional = %v", p.Additional)
	}

	pet := typeNamed(t, m, "Pet")
	if pet.Kind != KindUnion || !pet.Union.OneOf || pet.Union.Discriminator != "petType" || len(pet.Union.Variants) != 2 ||
		pet.Union.Variants[0].Type != typeNamed(t, m, "Cat") || pet.Union.Variants[1].Values[0] != "dog" {
		t.Errorf("Pet union: %+v", pet.Union)
	}
	shape := typeNamed(t, m, "Shape")
	if shape.Kind != KindUnion || shape.Union.OneOf || shape.Union.Discriminator != "" || shape.Union.Variants[2].Type.Kind != KindString {
		t.Errorf("Shape union: %+v", shape.Union)
	}
	tree := typeNamed(t, m, "TreeNode")
	if field(t, tree, "children").Type.Elem != tree || field(t, tree, "next").Type != tree || !field(t, tree, "next").Nullable {
		t.Errorf("TreeNode recursion is not a pointer cycle")
	}
	if p := typeNamed(t, m, "Priority"); p.Kind != KindEnum || p.Base != KindInt || len(p.Enum) != 3 {
		t.Errorf("Priority enum: %+v", p)
	}

	list := op(t, m, "listItems")
	styles := map[string]string{}
	for _, p := range list.Params {
		styles[p.Name] = string(p.In) + ":" + p.Style + ":" + map[bool]string{true: "explode", false: "flat"}[p.Explode]
	}
	for name, want := range map[string]string{"tags": "query:form:explode", "ids": "query:form:flat", "filter": "query:deepObject:explode", "X-Request-ID": "header:simple:flat", "session": "cookie:form:explode"} {
		if styles[name] != want {
			t.Errorf("param %s = %s, want %s", name, styles[name], want)
		}
	}
	if got := []string{list.Responses[0].Status, list.Responses[1].Status}; got[0] != "200" || got[1] != "default" {
		t.Errorf("response order %v", got)
	}
	if list.Security != nil {
		t.Errorf("listItems should inherit security, got %v", list.Security)
	}
	del := op(t, m, "deleteItemsItemId")
	if !del.IDSynthesized || del.Security == nil || len(del.Security) != 0 {
		t.Errorf("delete: synthesized=%v security=%v", del.IDSynthesized, del.Security)
	}
	create := op(t, m, "createItem")
	if k := []BodyKind{create.Body.Contents[0].Kind, create.Body.Contents[1].Kind}; k[0] != BodyJSON || k[1] != BodyForm {
		t.Errorf("createItem body kinds %v", k)
	}
	if k := op(t, m, "patchItem").Body.Contents[0].Kind; k != BodyJSON {
		t.Errorf("merge-patch+json is %v, want json", k)
	}
	if k := op(t, m, "upload").Body.Contents[0].Kind; k != BodyMultipart {
		t.Errorf("multipart is %v", k)
	}
	if len(m.SecuritySchemes) != 5 || len(m.Spec) == 0 {
		t.Errorf("schemes %d, spec %d bytes", len(m.SecuritySchemes), len(m.Spec))
	}
}

func TestOpenAPI31Model(t *testing.T) {
	m := load(t, filepath.Join(contracts, "v31/openapi.json"))
	ev := typeNamed(t, m, "Event")
	if f := field(t, ev, "title"); !f.Nullable || f.Type.Kind != KindString {
		t.Errorf(`type [string, "null"]: %+v`, f.Type)
	}
	if f := field(t, ev, "kind"); !f.Type.HasConst || f.Type.Const != "event" {
		t.Errorf("const: %+v", f.Type)
	}
	if c := field(t, ev, "score").Type.Constraints; c.Maximum == nil || *c.Maximum != 100 || !c.ExclusiveMaximum {
		t.Errorf("exclusiveMaximum as a number: %+v", c)
	}
	if f := field(t, ev, "value"); f.Type.Kind != KindUnion || len(f.Type.Union.Variants) != 2 {
		t.Errorf("multi-type: %+v", f.Type)
	}
	if f := field(t, ev, "labels"); f.Type.Lossy || f.Type.Keywords == nil || len(f.Type.Keywords.PrefixItems) != 1 || f.Type.Elem.Kind != KindString {
		t.Errorf("prefixItems of the items' type: a []string checked per position, not lossy: %+v", f.Type)
	}
	if p := typeNamed(t, m, "Payload"); p.Union.Discriminator != "type" || p.Union.Variants[0].Values[0] != "click" {
		t.Errorf("payload: %+v", p.Union)
	}
}

func TestSwagger2Model(t *testing.T) {
	m := load(t, filepath.Join(contracts, "swagger2/swagger.yaml"))
	if m.OpenAPI != "2.0" || len(m.Operations) != 3 {
		t.Fatalf("version %q, %d operations", m.OpenAPI, len(m.Operations))
	}
	list := op(t, m, "listOrders")
	if list.Params[0].Explode || !list.Params[1].Explode {
		t.Errorf("csv should not explode, multi should: %+v %+v", list.Params[0], list.Params[1])
	}
	if up := op(t, m, "uploadReceipt"); up.Body == nil || up.Body.Contents[0].Kind != BodyMultipart {
		t.Errorf("formData not converted to a multipart body")
	}
	if f := field(t, typeNamed(t, m, "Order"), "quantity"); !f.Required || f.Type.Format != "int32" {
		t.Errorf("Order.quantity %+v", f)
	}
}

func TestMultiFileModel(t *testing.T) {
	m := load(t, filepath.Join(contracts, "multifile/openapi.yaml"))
	get := op(t, m, "getAnimal")
	animal := get.Responses[0].Contents[0].Type
	keeperFav := field(t, typeNamed(t, m, "Keeper"), "favourite").Type
	if animal.Name != "animal" || animal != keeperFav {
		t.Errorf("schemas/animal.yaml should be one type named animal, got %q and %q", animal.Name, keeperFav.Name)
	}
	if h := field(t, animal, "habitat").Type; h.Name != "Habitat" || h.Kind != KindEnum {
		t.Errorf("habitat from a nested file: %+v", h)
	}
	if p := get.Params[0]; p.Name != "animalId" || p.In != InPath || p.Type.Constraints.Minimum == nil {
		t.Errorf("parameter from another file: %+v", p)
	}
	if errT := get.Responses[1].Contents[0].Type; field(t, errT, "habitat").Type != field(t, animal, "habitat").Type {
		t.Errorf("the same file reached by two paths gave two types")
	}
}

// TestMultiFilePositions checks that a problem in a referenced file is
// reported in that file.
func TestMultiFilePositions(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "root.yaml"), []byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'other.yaml#/Thing'}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.yaml"), []byte("Thing:\n  type: object\n  properties:\n    x:\n      $ref: '#/Nope'\n"), 0o644)
	_, err := Load(filepath.Join(dir, "root.yaml"), LoadOptions{})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("got %v", err)
	}
	want := filepath.Join(dir, "other.yaml") + `:5:7: /Thing/properties/x/$ref: $ref "#/Nope" points to nothing`
	if got := ce.Problems[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// FuzzLoad feeds arbitrary bytes to the loader and builder: they may
// reject the input but must never panic or return an unpositioned error.
func FuzzLoad(f *testing.F) {
	for _, p := range []string{"kitchensink/openapi.yaml", "v31/openapi.json", "swagger2/swagger.yaml", "broken/ref-loop.yaml", "broken/required-cycle.yaml", "soft/example-breaks-schema-31.yaml", "soft/named-example-breaks-schema.yaml"} {
		if b, err := os.ReadFile(filepath.Join(contracts, p)); err == nil {
			f.Add(b)
		}
	}
	addCyclicSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := Load(path, LoadOptions{})
		if err == nil {
			_, err = Build(doc)
		}
		var ce *Error
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("error is not a *contract.Error: %v", err)
		}
	})
}

// TestSpecIndependentOfLocation builds the multi-file contract from two
// folders of different depth: the embedded spec must come out the same,
// or generated code would change with the machine it was generated on.
func TestSpecIndependentOfLocation(t *testing.T) {
	src := filepath.Join(contracts, "multifile")
	var specs [][]byte
	for _, dest := range []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "deeper", "b", "c")} {
		if err := os.CopyFS(dest, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		doc, err := Load(filepath.Join(dest, "openapi.yaml"), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Build(doc)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(m.Spec, []byte("TestSpecIndependentOfLocation")) {
			t.Errorf("spec names the folder it was loaded from: %s", m.Spec)
		}
		specs = append(specs, m.Spec)
	}
	if diff := cmp.Diff(string(specs[0]), string(specs[1])); diff != "" {
		t.Errorf("spec depends on location (-a +b):\n%s", diff)
	}
}

// TestNestedDefsRefs: $refs into a schema's own $defs or definitions
// (JSON Schema's places for sub-schemas) resolve: the target is hoisted
// to components/schemas; a target that is not a schema stays an error
// at the $ref.
func TestNestedDefsRefs(t *testing.T) {
	write := fileWriter(t)
	good := write("good.json", `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Order"}}}}}}}},
"components":{"schemas":{"Order":{"type":"object","properties":{"line":{"$ref":"#/components/schemas/Order/$defs/line"},"status":{"$ref":"#/components/schemas/Order/definitions/status"}},
"$defs":{"line":{"type":"object","properties":{"sku":{"type":"string"}}}},"definitions":{"status":{"type":"string","enum":["open","closed"]}}}}}}`)
	doc, err := Load(good, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Kind{}
	for _, ty := range m.Types {
		names[ty.Name] = ty.Kind
	}
	if names["Order_line"] != KindObject || names["Order_status"] != KindEnum {
		t.Errorf("hoisted types: got %v", names)
	}

	bad := write("bad.json", `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},
"components":{"schemas":{"Order":{"type":"object","properties":{"kind":{"$ref":"#/components/schemas/Order/definitions/kind"}},
"definitions":{"kind":{"minLength":"one"}}}}}}`)
	_, err = Load(bad, LoadOptions{})
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(ce.Problems[0].String(), "/components/schemas/Order/properties/kind/$ref") {
		t.Errorf("broken target: got %v", err)
	}
}

// TestSpecFromJSONSource: a single-file OpenAPI 3 contract in JSON is
// embedded as its own text, compacted, not re-encoded from the model (which
// would reorder keys and drop what kin-openapi does not model).
func TestSpecFromJSONSource(t *testing.T) {
	src := `{
  "openapi": "3.0.3",
  "x-z-first": {"b": 1, "a": [1, 2]},
  "info": {"title": "T", "version": "1"},
  "paths": {}
}`
	path := filepath.Join(t.TempDir(), "api.json")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, m, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"openapi":"3.0.3","x-z-first":{"b":1,"a":[1,2]},"info":{"title":"T","version":"1"},"paths":{}}`
	if string(m.Spec) != want {
		t.Errorf("spec:\n got %s\nwant %s", m.Spec, want)
	}
}

// TestSkipValueChecks: the option leaves out only the examples-and-
// defaults pass, whose findings are warnings; a structural error is still
// an error.
func TestSkipValueChecks(t *testing.T) {
	write := fileWriter(t)
	example := write("example.json", `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"N": {"type": "integer", "example": "not a number"}}}}`)
	d, err := Load(example, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Pos.Line != 2 || d.Warnings[0].Pointer != "/components/schemas/N/example" {
		t.Fatalf("warnings without the option: %v, want one at 2:… /components/schemas/N/example", d.Warnings)
	}
	if d, err = Load(example, LoadOptions{SkipValueChecks: true}); err != nil || len(d.Warnings) != 0 {
		t.Errorf("with SkipValueChecks: %v, %v; want no warnings", d.Warnings, err)
	}
	broken := write("broken.json", `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"N": {"type": "integer", "minimum": "one"}}}}`)
	if _, err := Load(broken, LoadOptions{SkipValueChecks: true}); err == nil {
		t.Error("a structural error passed with SkipValueChecks")
	}
}

// fileWriter returns a function that writes a file into a fresh temporary
// folder and returns its path.
func fileWriter(t *testing.T) func(name, body string) string {
	dir := t.TempDir()
	return func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}
