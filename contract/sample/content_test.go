package sample

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestContentStrings: a format: byte string (and 3.1 contentEncoding:
// base64) is base64 text within its length bounds, and a string whose
// contentMediaType is JSON holds JSON of its contentSchema, decoded from
// the base64 first when both are set, for Example and random values alike:
// a generated server decodes them, and refused validate's sample text.
func TestContentStrings(t *testing.T) {
	u := func(n uint64) *uint64 { return &n }
	str := &contract.Type{Kind: contract.KindString}
	schema := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{{Name: "n", Required: true, Type: &contract.Type{Kind: contract.KindInt}}}}
	for _, tc := range []struct {
		name   string
		typ    *contract.Type
		base64 bool
		json   bool // holds JSON with a required "n"
	}{
		{"byte", &contract.Type{Kind: contract.KindString, Format: "byte"}, true, false},
		{"byte-min", &contract.Type{Kind: contract.KindString, Format: "byte", Constraints: contract.Constraints{MinLength: u(30)}}, true, false},
		{"byte-max", &contract.Type{Kind: contract.KindString, Format: "byte", Constraints: contract.Constraints{MaxLength: u(5)}}, true, false},
		{"byte-pattern", &contract.Type{Kind: contract.KindString, Format: "byte", Constraints: contract.Constraints{Pattern: "^[a-z]+$"}}, true, false},
		{"json", &contract.Type{Kind: contract.KindString, Keywords: &contract.Keywords{ContentMediaType: "application/json", ContentSchema: schema}}, false, true},
		{"base64-json", &contract.Type{Kind: contract.KindString, Format: "byte", Keywords: &contract.Keywords{ContentEncoding: "base64", ContentMediaType: "application/problem+json", ContentSchema: schema}}, true, true},
		{"plain", str, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := []any{Example(tc.typ, Request)}
			g := New(7, Request)
			for range 20 {
				values = append(values, g.Valid(tc.typ))
			}
			for _, v := range values {
				s, ok := v.(string)
				if !ok {
					t.Fatalf("%#v is not a string", v)
				}
				if !fitsLength(s, tc.typ.Constraints.MinLength, tc.typ.Constraints.MaxLength) {
					t.Errorf("%q breaks the length bounds", s)
				}
				data := []byte(s)
				if tc.base64 {
					b, err := base64.StdEncoding.DecodeString(s)
					if err != nil {
						t.Fatalf("%q is not base64: %v", s, err)
					}
					data = b
				}
				var obj map[string]any
				err := json.Unmarshal(data, &obj)
				if tc.json && (err != nil || obj["n"] == nil) {
					t.Errorf("%q holds %q, not JSON with n: %v", s, data, err)
				}
				if !tc.json && err == nil {
					t.Errorf("%q holds JSON %q", s, data)
				}
			}
		})
	}
}
