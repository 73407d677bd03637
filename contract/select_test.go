package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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
			checkSelectedSpec(t, got)
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

// checkSelectedSpec checks that the selected model's embedded contract holds
// exactly its operations and loads on its own: every $ref still resolves.
func checkSelectedSpec(t *testing.T, m *Model) {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(m.Spec, &doc); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, op := range m.Operations {
		want = append(want, strings.ToLower(op.Method)+" "+op.Path)
	}
	for p, item := range doc.Paths {
		for k := range item {
			if httpMethods[k] {
				got = append(got, k+" "+p)
			}
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operations of the embedded contract (-want +got):\n%s", diff)
	}
	path := filepath.Join(t.TempDir(), "selected.json")
	if err := os.WriteFile(path, m.Spec, 0o644); err != nil {
		t.Fatal(err)
	}
	_, again, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatalf("the embedded contract does not load on its own: %v", err)
	}
	if len(again.Operations) != len(m.Operations) {
		t.Errorf("the embedded contract loads with %d operations; want %d", len(again.Operations), len(m.Operations))
	}
}
