package diff

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// nestedContract is a contract whose Nested schema is an array of itself
// (recursive), or of strings (not).
func nestedContract(items string) string {
	return `openapi: 3.0.3
info: {title: R, version: "1"}
paths:
  /lists:
    post:
      operationId: postLists
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Nested'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Nested'}
components:
  schemas:
    Nested:
      type: array
      items: ` + items + `
    Pair:
      type: array
      items:
        type: array
        items: {$ref: '#/components/schemas/Pair'}
`
}

// TestDiffRecursiveArray: a type change that touches an array of itself
// crashed inside oasdiff (its type renderer follows items without a
// visited set); Compare now reports it, and leaves the documents as they
// were.
func TestDiffRecursiveArray(t *testing.T) {
	dir := t.TempDir()
	plain := writeFile(t, dir, "plain.yaml", nestedContract("{type: string}"))
	recursive := writeFile(t, dir, "recursive.yaml", nestedContract("{$ref: '#/components/schemas/Nested'}"))
	for _, tc := range []struct{ old, new, want string }{
		{plain, recursive, "the `items` request property `type` changed from `string` to `array`"},
		{recursive, plain, "the `items` request property `type` changed from `array` to `string`"},
	} {
		old, new := loadDoc(t, tc.old), loadDoc(t, tc.new)
		cs, err := Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range cs {
			found = found || (c.ID == "request-property-type-changed" && strings.Contains(c.Message, tc.want))
		}
		if !found {
			t.Errorf("%s → %s: no request-property-type-changed %q in %+v", filepath.Base(tc.old), filepath.Base(tc.new), tc.want, cs)
		}
		doc := new
		if tc.old == recursive {
			doc = old
		}
		nested := doc.T.Components.Schemas["Nested"].Value
		if nested.Items.Value != nested {
			t.Errorf("Compare left the recursive array cut: items = %+v", nested.Items.Value)
		}
		pair := doc.T.Components.Schemas["Pair"].Value
		if pair.Items.Value.Items.Value != pair {
			t.Error("Compare left the two-level recursive array cut")
		}
	}
}

// itemsDepth follows items from s and counts the arrays met, up to 10.
func itemsDepth(s *openapi3.Schema) int {
	n := 0
	for ; s != nil && n < 10; n++ {
		if s.Items == nil {
			return n + 1
		}
		s = s.Items.Value
	}
	return n
}

// TestCutItemCycles: every items-only cycle is cut once, where it comes
// back, and restored.
func TestCutItemCycles(t *testing.T) {
	d := loadDoc(t, writeFile(t, t.TempDir(), "r.yaml", nestedContract("{$ref: '#/components/schemas/Nested'}")))
	nested := d.T.Components.Schemas["Nested"].Value
	pair := d.T.Components.Schemas["Pair"].Value
	restore, n := cutItemCycles(d.T)
	if n != 2 {
		t.Errorf("%d cycles cut; want 2 (Nested, Pair)", n)
	}
	if n := itemsDepth(nested); n != 2 {
		t.Errorf("Nested: %d arrays along items after the cut; want 2 (itself, then a copy without items)", n)
	}
	if n := itemsDepth(pair); n != 3 {
		t.Errorf("Pair: %d arrays along items after the cut; want 3", n)
	}
	restore()
	if nested.Items.Value != nested || pair.Items.Value.Items.Value != pair {
		t.Error("restore did not put the cycles back")
	}
}
