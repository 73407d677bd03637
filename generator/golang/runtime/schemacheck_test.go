package runtime

import (
	"encoding/json"
	"regexp"
	"testing"
)

// testNodes is a table as the generator emits one: 0 unused, 1 accepts
// anything, 2 is false, then the schemas the cases use.
var testNodes = []schemaNode{
	{},
	{},
	{never: true},
	// 3: if country is "US" then zip is required and a 5-digit string,
	// else postcode is required.
	{ifNode: 4, thenNode: 5, elseNode: 7},
	{properties: []schemaProperty{{"country", 8}}, required: []string{"country"}},
	{required: []string{"zip"}, properties: []schemaProperty{{"zip", 6}}},
	{types: []string{"string"}, pattern: regexp.MustCompile(`^[0-9]{5}$`)},
	{required: []string{"postcode"}},
	{hasConst: true, constVal: "US"},
	// 9: dependentRequired and dependentSchemas.
	{dependentRequired: []schemaDependency{{property: "card", required: []string{"billing"}}},
		dependentSchemas: []schemaDependency{{property: "vip", node: 10}}},
	{properties: []schemaProperty{{"level", 11}}, required: []string{"level"}},
	{types: []string{"integer"}, minimum: schemaRef(1.0)},
	// 12: properties a, unevaluatedProperties false, with then adding b.
	{properties: []schemaProperty{{"a", 1}}, ifNode: 13, thenNode: 14, unevaluated: 2},
	{required: []string{"a"}},
	{properties: []schemaProperty{{"b", 1}}},
	// 15: a tuple [string, integer] with no more items, containing 2..3 integers ≥ 1.
	{prefixItems: []int{16, 17}, items: 1},
	{types: []string{"string"}},
	{types: []string{"integer"}},
	{contains: 11, minContains: schemaRef(2), maxContains: schemaRef(3)},
	// 19: a base64 string holding JSON with a required id.
	{contentBase64: true, contentJSON: true, contentSchema: 20},
	{types: []string{"object"}, required: []string{"id"}},
	// 21: a schema that applies itself to the same value.
	{not: 21},
	// 22: patternProperties and propertyNames.
	{patternProperties: []schemaPattern{{regexp.MustCompile(`^x-`), 16}}, propertyNames: 23, additional: 2},
	{maxLength: schemaRef(5)},
	{prefixItems: []int{16}, items: 2},
}

func TestCheckSchema(t *testing.T) {
	for _, c := range []struct {
		name string
		node int
		json string
		want string // "pointer: message", empty when valid
	}{
		{"if then ok", 3, `{"country":"US","zip":"12345"}`, ""},
		{"if then missing", 3, `{"country":"US"}`, "/zip: is required"},
		{"if then bad", 3, `{"country":"US","zip":"1"}`, `/zip: must match the pattern "^[0-9]{5}$"`},
		{"else ok", 3, `{"country":"FR","postcode":"75001"}`, ""},
		{"else missing", 3, `{"country":"FR"}`, "/postcode: is required"},
		{"dependentRequired ok", 9, `{"card":"x","billing":"y"}`, ""},
		{"dependentRequired absent", 9, `{"billing":"y"}`, ""},
		{"dependentRequired bad", 9, `{"card":"x"}`, `/billing: is required when "card" is present (dependentRequired)`},
		{"dependentSchemas bad", 9, `{"vip":true,"level":0}`, "/level: must be at least 1"},
		{"dependentSchemas ok", 9, `{"vip":true,"level":2}`, ""},
		{"unevaluated ok", 12, `{"a":1,"b":2}`, ""},
		{"unevaluated bad", 12, `{"b":2}`, "/b: is not allowed: the contract declares no such property (unevaluatedProperties)"},
		{"unevaluated extra", 12, `{"a":1,"c":2}`, "/c: is not allowed: the contract declares no such property (unevaluatedProperties)"},
		{"prefixItems ok", 15, `["a",1,true]`, ""},
		{"prefixItems bad", 15, `[1,1]`, "/0: must be a string"},
		{"no more items", 24, `["a","b"]`, "/1: is not allowed"},
		{"contains ok", 18, `[1,2,"x"]`, ""},
		{"contains too few", 18, `[1,"x"]`, ": must contain at least 2 item(s) matching contains, not 1"},
		{"contains too many", 18, `[1,2,3,4]`, ": must contain at most 3 item(s) matching contains, not 4"},
		{"content ok", 19, `"eyJpZCI6MX0="`, ""},
		{"content not base64", 19, `"%%"`, ": must be base64 (contentEncoding): illegal base64 data at input byte 0"},
		{"content not json", 19, `"bm9wZQ=="`, ": must hold JSON (contentMediaType application/json): invalid character 'o' in literal null (expecting 'u')"},
		{"content breaks schema", 19, `"e30="`, ": holds JSON that breaks contentSchema: /id: is required"},
		{"self reference", 21, `1`, ": nests too deeply to be checked"},
		{"pattern properties ok", 22, `{"x-a":"s"}`, ""},
		{"pattern properties bad", 22, `{"x-a":1}`, "/x-a: must be a string"},
		{"property names", 22, `{"x-long":"s"}`, `/x-long: name "x-long" breaks propertyNames: must be at most 5 characters long`},
		{"additional false", 22, `{"y":1}`, "/y: is not allowed: the contract declares no such property"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(c.json), &v); err != nil {
				t.Fatal(err)
			}
			got := ""
			if bad := checkSchema(testNodes, c.node, v); bad != nil {
				got = bad.Pointer + ": " + bad.Message
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestCheckSchemaEncodes checks a Go value, not a decoded tree: it is
// encoded first, as generated types are.
func TestCheckSchemaEncodes(t *testing.T) {
	type addr struct {
		Country string `json:"country"`
		Zip     string `json:"zip,omitempty"`
	}
	if bad := checkSchema(testNodes, 3, addr{Country: "US"}); bad == nil || bad.Pointer != "/zip" {
		t.Errorf("got %+v, want /zip is required", bad)
	}
	if bad := checkSchema(testNodes, 3, addr{Country: "US", Zip: "02139"}); bad != nil {
		t.Errorf("got %+v, want valid", bad)
	}
}

// TestSchemaCheckRecursiveAnyOfLinear: a recursive anyOf whose variants
// share the recursive property is checked with work linear in the body's
// nesting — each node meets each value once — where trying every variant
// at every level took 2^depth evaluations.
func TestSchemaCheckRecursiveAnyOfLinear(t *testing.T) {
	nodes := []schemaNode{
		{},
		{},
		// 2: anyOf [3, 4], both objects whose "next" is 2 again.
		{anyOf: []int{3, 4}},
		{types: []string{"object"}, properties: []schemaProperty{{"next", 2}}},
		{types: []string{"object"}, properties: []schemaProperty{{"next", 2}}, required: []string{"next"}},
	}
	var v any = map[string]any{}
	const depth = 12
	for range depth {
		v = map[string]any{"next": v}
	}
	c := &schemaRun{nodes: nodes, memo: map[schemaAt]schemaResult{}}
	if bad, _ := schemaEval(c, v, 2, "", 0); bad != nil {
		t.Fatalf("a valid body was refused: %v", bad)
	}
	if max := 3 * (depth + 1); c.evals > max {
		t.Errorf("%d evaluations for %d levels, want at most %d", c.evals, depth, max)
	}
}

// TestSchemaCheckFormats: a subschema's string format is checked by the
// functions the generated types and Validate use at the top level (a
// date-time inside a prefixItems tuple was passed unchecked).
func TestSchemaCheckFormats(t *testing.T) {
	nodes := []schemaNode{{}, {}}
	for _, f := range []string{"date-time", "byte", "date", "uuid", "email", "uri", "ipv4", "ipv6"} {
		nodes = append(nodes, schemaNode{types: []string{"string"}, format: f})
	}
	nodes = append(nodes, schemaNode{prefixItems: []int{2, 4}}) // [date-time, date]
	node := map[string]int{"date-time": 2, "byte": 3, "date": 4, "uuid": 5, "email": 6, "uri": 7, "ipv4": 8, "ipv6": 9}
	for _, c := range []struct {
		format, good, bad string
	}{
		{"date-time", "2024-02-29T10:00:00Z", "2024-02-30T10:00:00Z"},
		{"byte", "aGk=", "a*b"},
		{"date", "2024-02-29", "2023-02-29"},
		{"uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000"},
		{"email", "a@example.com", "Ann <a@example.com>"},
		{"uri", "https://example.com/x", "/relative"},
		{"ipv4", "192.0.2.1", "::1"},
		{"ipv6", "2001:db8::1", "192.0.2.1"},
	} {
		if bad := checkSchema(nodes, node[c.format], c.good); bad != nil {
			t.Errorf("%s %q: %v", c.format, c.good, bad)
		}
		bad := checkSchema(nodes, node[c.format], c.bad)
		if bad == nil || bad.Message != "must be a valid "+c.format {
			t.Errorf("%s %q: %+v; want \"must be a valid %s\"", c.format, c.bad, bad, c.format)
		}
	}
	bad := checkSchema(nodes, len(nodes)-1, []any{"2024-02-29T10:00:00Z", "2024-13-01"})
	if bad == nil || bad.Pointer != "/1" || bad.Message != "must be a valid date" {
		t.Errorf("tuple: %+v; want /1 must be a valid date", bad)
	}
	if bad := checkSchema([]schemaNode{{}, {format: "x-unknown"}}, 1, "anything"); bad != nil {
		t.Errorf("unknown format: %+v", bad)
	}
}
