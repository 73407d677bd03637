package golang

import (
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestDedupeEnums: an inline enum with the same members as an earlier
// inline one becomes an alias of it with constants of its own; component
// enums and enums with other members keep their own type.
func TestDedupeEnums(t *testing.T) {
	enum := func(name, ptr string, vals ...any) *contract.Type {
		return &contract.Type{Name: name, Kind: contract.KindEnum, Base: contract.KindString, Enum: vals,
			Source: contract.Source{Pointer: ptr}}
	}
	first := enum("listA_select_item", "/paths/~1a/get/parameters/0/schema/items", "id", "name")
	copyOf := enum("listB_select_item", "/paths/~1b/get/parameters/0/schema/items", "id", "name")
	other := enum("listC_select_item", "/paths/~1c/get/parameters/0/schema/items", "id", "size")
	compA := enum("Status", "/components/schemas/Status", "id", "name")
	compB := enum("State", "/components/schemas/State", "id", "name")
	m := &contract.Model{Types: []*contract.Type{compA, compB, first, copyOf, other}}
	files, err := Generate(m, generator.Options{Package: "api", Targets: []string{"types"}})
	if err != nil {
		t.Fatal(err)
	}
	src := string(files[0].Data)
	for _, want := range []string{
		"type ListBSelectItem = ListASelectItem\n",
		"ListBSelectItemID   ListBSelectItem = \"id\"",
		"type ListASelectItem string\n",
		"type ListCSelectItem string\n",
		"type Status string\n",
		"type State string\n",
		"func (v ListASelectItem) Valid() bool",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated types lack %q", want)
		}
	}
	if strings.Contains(src, "func (v ListBSelectItem)") {
		t.Error("the alias has methods of its own")
	}
	if testing.Short() {
		return
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", files)
	goRun(t, dir, "vet", "./...")
}
