package contract

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestValidationVisitsCounted: the estimate counts one visit per schema
// and value node, every union variant included, and stops at its limit.
func TestValidationVisitsCounted(t *testing.T) {
	str := openapi3.NewStringSchema()
	obj := openapi3.NewObjectSchema().WithProperty("a", openapi3.NewIntegerSchema()).WithProperty("b", openapi3.NewArraySchema().WithItems(str))
	value := map[string]any{"a": 1.0, "b": []any{"x", "y", "z"}, "c": true}
	if got := ValidationVisits(obj, value, 1000); got != 6 {
		t.Errorf("object: %d visits, want 6 (object, a, b, three items; c has no schema)", got)
	}
	union := &openapi3.Schema{OneOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", obj), openapi3.NewSchemaRef("", obj)}}
	// the union, each variant (6) on a copy of the 7-node value, the
	// matching one again
	if got := ValidationVisits(union, value, 1000); got != 1+2*(6+7)+6 {
		t.Errorf("oneOf of two: %d visits, want %d", got, 1+2*(6+7)+6)
	}
	if got := ValidationVisits(union, value, 10); got != 10 {
		t.Errorf("limit 10: %d visits, want 10", got)
	}
}

// TestValidationVisitsRecursiveUnion: a 60-level value of a recursive
// union without a discriminator (2^60 visits for kin-openapi) is over the
// budget, and the estimate itself looks at each (schema, node) pair once;
// a 10-level one fits. A wide union three levels deep costs as much as a
// deep one, and is counted so.
func TestValidationVisitsRecursiveUnion(t *testing.T) {
	doc, err := Load(filepath.Join(contracts, "hostile", "recursive-union.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	node := doc.T.Components.Schemas["Node"].Value
	nested := func(depth int) any {
		var v any
		if err := json.Unmarshal([]byte(strings.Repeat(`{"a":"x","next":`, depth)+`{"a":"x"}`+strings.Repeat("}", depth)), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	c := &visitCounter{limit: MaxValidationVisits + 1, memo: map[visitKey]int{}, busy: map[visitKey]bool{}, sizes: map[string]int{}}
	if n := c.count(node, nested(60), ""); n <= MaxValidationVisits {
		t.Errorf("60 levels: %d visits, want over the budget", n)
	}
	// Node, its two variants, their a/b and next at each of 61 levels.
	if len(c.memo) > 61*6 {
		t.Errorf("the estimate looked at %d (schema, node) pairs, want at most %d", len(c.memo), 61*6)
	}
	if n := ValidationVisits(node, nested(10), MaxValidationVisits+1); n > MaxValidationVisits || n < 1<<10 {
		t.Errorf("10 levels: %d visits, want within the budget and at least 2^10", n)
	}

	// 200 variants, each an object whose every property is the union again:
	// three levels of a 5-property value are 200^3 visits.
	wide := &openapi3.Schema{}
	variant := openapi3.NewObjectSchema()
	for _, p := range []string{"p", "q", "r", "s", "t"} {
		variant.WithPropertyRef(p, openapi3.NewSchemaRef("", wide))
	}
	for range 200 {
		wide.OneOf = append(wide.OneOf, openapi3.NewSchemaRef("", variant))
	}
	var v any = "leaf"
	for range 3 {
		v = map[string]any{"p": v}
	}
	if WithinValidationBudget(wide, v) {
		t.Errorf("a 200-wide union 3 levels deep fits the budget: %d visits", ValidationVisits(wide, v, MaxValidationVisits+1))
	}
}
