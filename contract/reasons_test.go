package contract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// TestJSONSchemaReasons: the JSON Schema validator's error tree (OpenAPI
// 3.1 values) is told on one line without the validator's internal schema
// URL, failures sorted by place, long lists and deep trees cut short.
func TestJSONSchemaReasons(t *testing.T) {
	typ := func(at []string, got string, want ...string) *jsonschema.ValidationError {
		return &jsonschema.ValidationError{InstanceLocation: at, ErrorKind: &kind.Type{Got: got, Want: want}}
	}
	root := func(causes ...*jsonschema.ValidationError) *jsonschema.ValidationError {
		return &jsonschema.ValidationError{SchemaURL: "https://example.com/schema.json#", ErrorKind: &kind.Schema{Location: "https://example.com/schema.json#"}, Causes: causes}
	}
	var many []*jsonschema.ValidationError
	for i := range 12 {
		many = append(many, typ([]string{fmt.Sprint("p", i+10)}, "string", "integer"))
	}
	deep := typ([]string{"x"}, "null", "object")
	for range 40 {
		deep = &jsonschema.ValidationError{ErrorKind: &kind.Reference{Keyword: "$ref", URL: "https://example.com/schema.json#/$defs/X"}, Causes: []*jsonschema.ValidationError{deep}}
	}
	for _, tc := range []struct {
		name string
		err  *jsonschema.ValidationError
		want string
	}{
		{"one at the root", root(typ(nil, "string", "object")), ": got string, want object"},
		{"one inside", root(typ([]string{"a/b", "0"}, "number", "string")), " at /a~1b/0: got number, want string"},
		{"sorted by place", root(typ([]string{"z"}, "null", "string"), &jsonschema.ValidationError{ErrorKind: &kind.Required{Missing: []string{"id"}}}, typ([]string{"a"}, "null", "integer", "string")),
			": missing property 'id'; at /a: got null, want integer or string; at /z: got null, want string"},
		{"alternatives keep their order", root(&jsonschema.ValidationError{InstanceLocation: []string{"s"}, ErrorKind: &kind.AnyOf{}, Causes: []*jsonschema.ValidationError{typ([]string{"s"}, "number", "string"), typ([]string{"s"}, "number", "boolean")}}),
			" at /s: 'anyOf' failed (at /s: got number, want string; at /s: got number, want boolean)"},
		{"ten listed", root(many...), ": at /p10: got string, want integer; at /p11: got string, want integer; at /p12: got string, want integer; at /p13: got string, want integer; at /p14: got string, want integer; at /p15: got string, want integer; at /p16: got string, want integer; at /p17: got string, want integer; at /p18: got string, want integer; at /p19: got string, want integer; and 2 more"},
		{"deep tree", root(deep), ": …"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := joinReasons(validatorReasons(tc.err, 0))
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if strings.Contains(got, "example.com") {
				t.Errorf("%q names the validator's internal URL", got)
			}
		})
	}
}
