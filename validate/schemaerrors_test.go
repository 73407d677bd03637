package validate

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSchemaErrors: a body that breaks its schema gives one finding per
// failure, at its place in the body, the same way on OpenAPI 3.0 (kin-
// openapi's own checks) and 3.1 (its JSON Schema validator): no schema URL
// internal to kin-openapi, each place once and escaped as a JSON pointer,
// a failed anyOf one finding with its alternatives rather than one finding
// per alternative.
func TestSchemaErrors(t *testing.T) {
	const schema = `"S": {"type": "object", "required": ["id"], "properties": {
		"id": {"type": "string"}, "n": {"type": "integer"}, "a/b": {"type": "array", "items": {"type": "integer"}},
		"s": {"anyOf": [{"type": "integer"}, {"type": "boolean"}]}}}`
	value := map[string]any{"n": "x", "s": "y", "a/b": []any{1.0, "z"}}
	for _, tc := range []struct {
		version string
		want    []string
	}{
		{"3.0.3", []string{
			`/a~1b/1: value must be an integer (type); got "z"`,
			`/id: property "id" is missing (required); got {"a/b":[1,"z"],"n":"x","s":"y"}`,
			`/n: value must be an integer (type); got "x"`,
			`/s: doesn't match any schema from "anyOf"; got "y"`,
		}},
		{"3.1.0", []string{
			`: missing property 'id'; got {"a/b":[1,"z"],"n":"x","s":"y"}`,
			`/a~1b/1: got string, want integer; got "z"`,
			`/n: got string, want integer; got "x"`,
			`/s: 'anyOf' failed (at /s: got string, want integer; at /s: got string, want boolean); got "y"`,
		}},
	} {
		t.Run(tc.version, func(t *testing.T) {
			doc, err := openapi3.NewLoader().LoadFromData([]byte(`{"openapi": "` + tc.version + `", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {` + schema + `}}}`))
			if err != nil {
				t.Fatal(err)
			}
			err = doc.Components.Schemas["S"].Value.VisitJSON(value, append([]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}, schemaOptions(doc)...)...)
			var got []string
			for _, se := range schemaErrors(err, value) {
				got = append(got, se.pointer+": "+se.message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, g := range got {
				if strings.Contains(g, "example.com") {
					t.Errorf("%q names kin-openapi's internal schema URL", g)
				}
			}
		})
	}
}
