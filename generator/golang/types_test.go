package golang

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

var update = flag.Bool("update", false, "rewrite golden files")

func f64(f float64) *float64 { return &f }
func u64(u uint64) *uint64   { return &u }

// kitchenModel is a hand-built Model exercising every shape the types
// emitter handles, independent of the loader.
func kitchenModel() *contract.Model {
	str := &contract.Type{Kind: contract.KindString}
	i64 := &contract.Type{Kind: contract.KindInt, Format: "int64"}
	color := &contract.Type{Name: "Color", Kind: contract.KindEnum, Base: contract.KindString,
		Description: "Color of a pet.\n*/ func init() { panic(1) } /*\n//go:generate rm -rf /",
		Enum:        []any{"red", "dark-red", "Dark_Red", "", "2fa", "+"}}
	mixed := &contract.Type{Name: "Mixed", Kind: contract.KindEnum, Base: contract.KindString, Nullable: true,
		Description: "Values of the wrong type, null and duplicates are not constants.", Enum: []any{"a", nil, "a", 3.0, "b"}}
	none := &contract.Type{Name: "None", Kind: contract.KindEnum, Base: contract.KindInt, Enum: []any{"x", 1.5}}
	level := &contract.Type{Name: "Level", Kind: contract.KindEnum, Base: contract.KindInt, Enum: []any{1.0, 2.0, -3.0}}
	owner := &contract.Type{Name: "Owner", Kind: contract.KindObject, Additional: contract.AdditionalFalse}
	owner.Fields = []*contract.Field{
		{Name: "name", Type: &contract.Type{Kind: contract.KindString, Constraints: contract.Constraints{MinLength: u64(1), MaxLength: u64(5)}}, Required: true},
		{Name: "email", Type: &contract.Type{Kind: contract.KindString, Format: "email"}},
	}
	node := &contract.Type{Name: "Node", Kind: contract.KindObject, Description: "Node is a linked list cell."}
	node.Fields = []*contract.Field{
		{Name: "value", Type: i64, Required: true},
		{Name: "next", Type: node, Required: true, Nullable: true},
		{Name: "self", Type: node, Required: true, ReadOnly: true},
		{Name: "children", Type: &contract.Type{Kind: contract.KindArray, Elem: node}},
	}
	cat := &contract.Type{Name: "Cat", Kind: contract.KindObject}
	dog := &contract.Type{Name: "Dog", Kind: contract.KindObject}
	cat.Fields = []*contract.Field{
		{Name: "petType", Type: str, Required: true},
		{Name: "meows", Type: &contract.Type{Kind: contract.KindBool}, Required: true},
	}
	dog.Fields = []*contract.Field{
		{Name: "petType", Type: str, Required: true},
		{Name: "barks", Type: &contract.Type{Kind: contract.KindInt, Format: "int32", Constraints: contract.Constraints{Minimum: f64(0)}}, Required: true},
	}
	pet := &contract.Type{Name: "Pet", Kind: contract.KindUnion, Union: &contract.Union{OneOf: true, Discriminator: "petType",
		Variants: []*contract.Variant{{Type: cat, Values: []string{"cat", "Cat"}}, {Type: dog, Values: []string{"dog"}}}}}
	idOrName := &contract.Type{Name: "IdOrName", Kind: contract.KindUnion, Union: &contract.Union{OneOf: true,
		Variants: []*contract.Variant{{Type: i64}, {Type: &contract.Type{Kind: contract.KindString, Constraints: contract.Constraints{Pattern: "^[a-z]+$"}}}}}}
	pa := &contract.Type{Name: "PartA", Kind: contract.KindObject, Fields: []*contract.Field{{Name: "x", Type: i64}}}
	pb := &contract.Type{Name: "PartB", Kind: contract.KindObject, Fields: []*contract.Field{{Name: "y", Type: i64}}}
	part := &contract.Type{Name: "Part", Kind: contract.KindUnion, Union: &contract.Union{OneOf: true,
		Variants: []*contract.Variant{{Type: pa}, {Type: pb}}}}
	loose := &contract.Type{Name: "Loose", Kind: contract.KindUnion, Union: &contract.Union{
		Variants: []*contract.Variant{{Type: cat}, {Type: dog}}}}
	labels := &contract.Type{Name: "Labels", Kind: contract.KindObject, Additional: contract.AdditionalTyped,
		Constraints:    contract.Constraints{MinProperties: u64(1), MaxProperties: u64(3)},
		AdditionalType: &contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Maximum: f64(10)}}}
	labels.Fields = []*contract.Field{{Name: "kind", Type: str}}
	free := &contract.Type{Name: "Free", Kind: contract.KindObject, Additional: contract.AdditionalAny}
	free.Fields = []*contract.Field{{Name: "id", Type: i64, Required: true}}
	thing := &contract.Type{Name: "Thing", Kind: contract.KindObject, Title: "A thing", Description: "Everything at once."}
	thing.Fields = []*contract.Field{
		{Name: "id", Type: &contract.Type{Kind: contract.KindString, Format: "uuid"}, Required: true},
		{Name: "color", Type: color, Required: true},
		{Name: "level", Type: level},
		{Name: "owner", Type: owner},
		{Name: "nick", Type: str, Nullable: true},
		{Name: "born", Type: &contract.Type{Kind: contract.KindString, Format: "date-time"}, Nullable: true, Required: true},
		{Name: "day", Type: &contract.Type{Kind: contract.KindString, Format: "date"}},
		{Name: "tags", Type: &contract.Type{Kind: contract.KindArray, Elem: str, Constraints: contract.Constraints{MaxItems: u64(3), UniqueItems: true}}},
		{Name: "scores", Type: &contract.Type{Kind: contract.KindMap, Elem: &contract.Type{Kind: contract.KindNumber, Constraints: contract.Constraints{MultipleOf: f64(0.5)}}}},
		{Name: "pet", Type: pet},
		{Name: "blob", Type: &contract.Type{Kind: contract.KindString, Format: "byte"}},
		{Name: "validate", Type: &contract.Type{Kind: contract.KindBool}},
		{Name: "foo_bar", Type: str},
		{Name: "fooBar", Type: str},
		{Name: `we"ird`, Type: str, Description: "A name a struct tag cannot hold."},
		{Name: "version", Type: &contract.Type{Kind: contract.KindString, HasConst: true, Const: "v1"}, Required: true},
		{Name: "extra", Type: &contract.Type{Kind: contract.KindAny}},
		{Name: "size", Type: &contract.Type{Kind: contract.KindInt, HasDefault: true, Default: 3.0, Constraints: contract.Constraints{Minimum: f64(1), ExclusiveMinimum: true}}},
	}
	return &contract.Model{
		OpenAPI: "3.1.0", Title: "Kitchen", Version: "1",
		Types: []*contract.Type{cat, color, dog, free, idOrName, labels, level, loose, mixed, node, none, owner, part, pa, pb, pet, thing},
		Spec:  []byte("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"`Kitchen` */\"}}"),
	}
}

// TestTypesGolden pins the generated types and spec of the hand-built
// model; go test -run TestTypesGolden -update rewrites the goldens.
func TestTypesGolden(t *testing.T) {
	files, err := Generate(kitchenModel(), generator.Options{Package: "kitchen", Targets: []string{"types", "spec"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		checkGolden(t, filepath.Join("testdata", "kitchen", f.Name+".golden"), f.Data)
	}
	again, err := Generate(kitchenModel(), generator.Options{Package: "kitchen", Targets: []string{"types", "spec"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		if !bytes.Equal(files[i].Data, again[i].Data) {
			t.Errorf("%s: two runs produced different bytes", files[i].Name)
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// TestCommentsCannotBreakOut checks that contract text reaches the
// generated file only inside line comments.
func TestCommentsCannotBreakOut(t *testing.T) {
	files, err := Generate(kitchenModel(), generator.Options{Package: "kitchen", Targets: []string{"types"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(files[0].Data), "\n") {
		trim := strings.TrimSpace(line)
		if strings.Contains(line, "panic(1)") && !strings.HasPrefix(trim, "//") {
			t.Errorf("description escaped its comment: %q", line)
		}
		if strings.HasPrefix(trim, "//go:generate") {
			t.Errorf("description became a directive: %q", line)
		}
	}
}

// TestRoundTrip compiles the kitchen types with a test file of its own
// that decodes, validates and re-encodes sample documents.
func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	files, err := Generate(kitchenModel(), generator.Options{Package: "kitchen", Targets: []string{"types", "spec"}})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "roundtrip_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, generator.File{Name: "roundtrip_test.go", Data: src})
	dir := t.TempDir()
	writeModule(t, dir, "kitchen", files)
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "./...")
}
