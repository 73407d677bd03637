package golang

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestStructFields pins field names (method names reserved, clashes
// numbered) and shapes (recursive values by pointer).
func TestStructFields(t *testing.T) {
	str := &contract.Type{Kind: contract.KindString}
	a := &contract.Type{Name: "A", Kind: contract.KindObject}
	b := &contract.Type{Name: "B", Kind: contract.KindObject}
	c := &contract.Type{Name: "C", Kind: contract.KindObject}
	leaf := &contract.Type{Name: "Leaf", Kind: contract.KindObject, Fields: []*contract.Field{{Name: "s", Type: str, Required: true}}}
	a.Fields = []*contract.Field{
		{Name: "b", Type: b, Required: true},                                      // A → B → A by value: pointer
		{Name: "leaf", Type: leaf, Required: true},                                // no cycle: value
		{Name: "maybe", Type: leaf, Nullable: true},                               // optional nullable: Nullable[T]
		{Name: "validate", Type: str, Required: true},                             // method name taken
		{Name: "marshal_json", Type: str},                                         // MarshalJSON is taken
		{Name: "user_id", Type: str, Required: true},                              // UserID
		{Name: "userId", Type: str, Required: true},                               // UserID2
		{Name: "tags", Type: &contract.Type{Kind: contract.KindArray, Elem: str}}, // slices stay plain
	}
	b.Fields = []*contract.Field{{Name: "a", Type: a, Required: true}}
	c.Fields = []*contract.Field{{Name: "self", Type: c, Nullable: true}} // Nullable[C] would contain C
	g := newGen(&contract.Model{Types: []*contract.Type{a, b, c, leaf}}, generator.Options{Package: "p"})
	type row struct {
		Name  string
		Shape fieldShape
	}
	got := map[string][]row{}
	for _, tt := range []*contract.Type{a, b, c} {
		for _, fi := range g.structFields(tt) {
			got[tt.Name] = append(got[tt.Name], row{fi.goName, fi.shape})
		}
	}
	want := map[string][]row{
		"A": {{"B", shapePointer}, {"Leaf", shapeValue}, {"Maybe", shapeNullable}, {"Validate2", shapeValue},
			{"MarshalJSON2", shapePointer}, {"UserID", shapeValue}, {"UserID2", shapeValue}, {"Tags", shapeValue}},
		"B": {{"A", shapePointer}},
		"C": {{"Self", shapePointer}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestEnumSuffix(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"red", "Red"}, {"dark-red", "DarkRed"}, {"2fa", "2fa"}, {"", "Empty"}, {"+", "U002B"},
		{"value", "Value"}, {nil, "Null"}, {true, "True"}, {1.5, "1_5"}, {-3.0, "Minus3"}, {"日本", "N日本"},
	} {
		if got := enumSuffix(tc.in); got != tc.want {
			t.Errorf("enumSuffix(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
