package contract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSelect(t *testing.T) {
	_, m, err := Open("../testdata/contracts/kitchensink/openapi.yaml", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := m.Select(Selection{}); err != nil || got != m {
		t.Fatalf("the zero selection returned %p, %v; want the model itself", got, err)
	}
	for _, tc := range []struct {
		name  string
		sel   Selection
		ops   []string // in model order
		types []string // absent: not checked
		tags  []string
	}{
		{
			name:  "tag",
			sel:   Selection{Tags: []string{"files"}},
			ops:   []string{"putBlob", "getItemImage", "upload"},
			types: []string{"getItemImage_format", "upload_body"},
			tags:  []string{"files"},
		},
		{
			name: "operation pattern",
			sel:  Selection{Operations: []string{"echo*"}},
			ops:  []string{"echoNames", "echoShape", "echoTree"},
			// Shape is a union of Circle and Square; TreeNode refers to
			// itself.
			types: []string{"Circle", "Names", "Shape", "Square", "TreeNode"},
			tags:  []string{},
		},
		{
			name: "operations and tags both apply",
			sel:  Selection{Operations: []string{"get*"}, Tags: []string{"items"}},
			ops:  []string{"getItem"},
			// Item is allOf BaseItem and more, flattened into its own
			// fields, so BaseItem is not needed; its dimensions are an
			// inline object with an inline enum; Problem is the error body.
			types: []string{"Color", "Item", "Item_dimensions", "Item_dimensions_unit", "Money", "Priority", "Problem"},
			tags:  []string{"items"},
		},
		{
			name: "exclusions keep untagged operations",
			sel:  Selection{ExcludeTags: []string{"items", "files"}, ExcludeOperations: []string{"echoTree"}},
			ops:  []string{"echoNames", "addPet", "salesReport", "echoShape"},
			tags: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Select(tc.sel)
			if err != nil {
				t.Fatal(err)
			}
			var ops, types, tags []string
			for _, op := range got.Operations {
				ops = append(ops, op.ID)
			}
			for _, ty := range got.Types {
				types = append(types, ty.Name)
			}
			tags = []string{}
			for _, tg := range got.Tags {
				tags = append(tags, tg.Name)
			}
			if diff := cmp.Diff(sortedLike(m, tc.ops), ops); diff != "" {
				t.Errorf("operations (-want +got):\n%s", diff)
			}
			if tc.types != nil {
				if diff := cmp.Diff(tc.types, types); diff != "" {
					t.Errorf("types (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tc.tags, tags); diff != "" {
				t.Errorf("tags (-want +got):\n%s", diff)
			}
			if len(m.Operations) < 13 || len(m.Types) < 20 {
				t.Errorf("Select changed the model: %d operations, %d types left", len(m.Operations), len(m.Types))
			}
		})
	}
	for _, tc := range []struct {
		sel  Selection
		want string
	}{
		{Selection{Tags: []string{"itemz"}}, `no operation has a tag matching "itemz"`},
		{Selection{Operations: []string{"getItem", "nope*"}}, `no operation has an operationId matching "nope*"`},
		{Selection{Tags: []string{"["}}, `bad pattern "["`},
		{Selection{Operations: []string{"getItem"}, Tags: []string{"files"}}, "the selection (--operation getItem --tag files) leaves no operation"},
	} {
		_, err := m.Select(tc.sel)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Select(%s): %v; want an error containing %q", tc.sel, err, tc.want)
		}
	}
}

// sortedLike orders ids as the model orders its operations.
func sortedLike(m *Model, ids []string) []string {
	var out []string
	for _, op := range m.Operations {
		for _, id := range ids {
			if op.ID == id {
				out = append(out, id)
			}
		}
	}
	return out
}
