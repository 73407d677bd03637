package xmlmap

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator/golang/runtime"
)

// TestTable: the table of testdata/contracts/xml's Pet, from its xml
// objects: the root's name and namespace, an attribute, an enum attribute,
// a wrapped array named by the array and its items, an unwrapped one named
// by its items, a nested object named by its own xml.name and, through
// it, a recursive object closed by additionalProperties: false.
func TestTable(t *testing.T) {
	_, m, err := contract.Open("../../testdata/contracts/xml/openapi.yaml", contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pet *contract.Type
	for _, ty := range m.Types {
		if ty.Name == "Pet" {
			pet = ty
		}
	}
	var x Table
	if root := x.Root(pet); root != 0 || x.Root(pet) != 0 || x.Len() != 2 {
		t.Fatalf("root %d, %d entries; want 0 of 2", root, x.Len())
	}
	want := []runtime.XMLObject{
		{Space: "urn:example:pets", Local: "pet", Fields: []runtime.XMLField{
			{Prop: "id", Local: "id", Attr: true, Kind: KindNumber},
			{Prop: "name", Local: "name"},
			{Prop: "nick", Local: "nick"},
			{Prop: "owner", Local: "owner", Kind: KindObject, Obj: 1},
			{Prop: "photos", Local: "photo", Array: true},
			{Prop: "secret", Local: "secret"},
			{Prop: "status", Local: "status", Attr: true},
			{Prop: "tags", Local: "tag", Array: true, Wrapped: true, Wrap: "tags"},
			{Prop: "vaccinated", Local: "vaccinated", Kind: KindBool},
			{Prop: "weight", Local: "weight", Kind: KindNumber},
		}},
		{Local: "owner", Closed: true, Fields: []runtime.XMLField{
			{Prop: "age", Local: "age", Kind: KindNumber},
			{Prop: "friends", Local: "owner", Kind: KindObject, Obj: 1, Array: true, Wrapped: true, Wrap: "friends"},
			{Prop: "name", Local: "name"},
		}},
	}
	if diff := cmp.Diff(want, x.Objects()); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	b, err := Encode(pet, map[string]any{"name": "Rex", "id": 7.0, "tags": []any{"a"}})
	if want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<pet xmlns="urn:example:pets" id="7"><name>Rex</name><tags><tag>a</tag></tags></pet>`; err != nil || string(b) != want {
		t.Errorf("Encode: %s, %v; want %s", b, err, want)
	}
}
