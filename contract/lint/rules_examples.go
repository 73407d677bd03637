package lint

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func init() {
	register(&Rule{ID: "EXAMPLE_VALID", Category: "SCHEMAS", Severity: Error,
		Description: "Examples of schemas, parameters and media types, and schema defaults, are valid against their schema: docs and mocks show them.", Hint: "fix the example (or default) so that it matches its schema", Aliases: []string{"oas3-valid-media-example", "oas3-valid-schema-example", "oas2-valid-media-example", "oas2-valid-schema-example"}, Check: checkExamples})
}

// maxRefDepth bounds $ref expansion when building a schema for validation;
// deeper (recursive) parts accept anything.
const maxRefDepth = 12

// plain converts the node to JSON-shaped Go values, expanding $refs.
func plain(n *Node, depth int) any {
	if n == nil {
		return nil
	}
	if n.Ref() != "" {
		if depth >= maxRefDepth {
			return map[string]any{}
		}
		t := n.Deref()
		if t == n {
			return map[string]any{}
		}
		return plain(t, depth+1)
	}
	switch n.Y.Kind {
	case yamlMapping:
		m := map[string]any{}
		n.Pairs(func(k string, _ *yamlNode, v *Node) { m[k] = plain(v, depth) })
		return m
	case yamlSequence:
		var l []any
		for _, v := range n.Items() {
			l = append(l, plain(v, depth))
		}
		if l == nil {
			l = []any{}
		}
		return l
	}
	var v any
	if err := n.Y.Decode(&v); err != nil {
		return n.Y.Value
	}
	// Round-trip through JSON so numbers are float64 as VisitJSON expects.
	b, err := json.Marshal(v)
	if err != nil {
		return n.Y.Value
	}
	var out any
	json.Unmarshal(b, &out)
	return out
}

// paramOnly are the keywords of a Swagger 2.0 parameter that are not
// schema keywords (required is a boolean there, a list in a schema).
var paramOnly = []string{"name", "in", "required", "description", "collectionFormat", "allowEmptyValue"}

func toSchema(n *Node) (*openapi3.Schema, error) {
	v := plain(n, 0)
	if m, ok := v.(map[string]any); ok && m["in"] != nil && m["name"] != nil {
		// a Swagger 2.0 parameter standing for its own schema
		for _, k := range paramOnly {
			delete(m, k)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var s openapi3.Schema
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// schemaOf converts a schema node once per target: many bodies $ref the
// same component schema.
func schemaOf(n *Node) (*openapi3.Schema, error) {
	t := n.Deref()
	key := [2]string{t.File, t.Pointer}
	if s, ok := n.tree.schemas[key]; ok {
		return s, nil
	}
	s, err := toSchema(t)
	if err == nil {
		n.tree.schemas[key] = s
	}
	return s, err
}

func checkExamples(c *Context) {
	check := func(schema, example *Node, what string) {
		if schema == nil || example == nil {
			return
		}
		s, err := schemaOf(schema)
		if err != nil {
			return // the loader reports malformed schemas
		}
		if err := s.VisitJSON(plain(example, 0), openapi3.MultiErrors()); err != nil {
			// kin appends the whole schema and value; keep the reason only.
			msg := err.Error()
			if i := strings.Index(msg, "\nSchema:"); i >= 0 {
				msg = msg[:i]
			}
			msg = strings.ReplaceAll(msg, "\n", "; ")
			if len(msg) > 300 {
				msg = msg[:300] + "…"
			}
			c.Report(example, fmt.Sprintf("%s does not match its schema: %s; fix the example or the schema", what, msg))
		}
	}
	eachRootSchema(c.Root, func(s *Node) {
		// Spectral's oas3-valid-schema-example checks a schema's default
		// as it checks its example: both are values of the schema.
		for _, k := range []string{"example", "default"} {
			if ex := s.Raw(k); ex != nil {
				check(s, ex, k)
			}
		}
	})
	checkMedia := func(m *Node, where string) {
		check(m.Raw("schema"), m.Raw("example"), "example of the "+where)
		m.Get("examples").Pairs(func(name string, _ *yamlNode, ex *Node) {
			if c.OAS2() {
				// Swagger 2.0: examples maps a media type to the value
				check(m.Raw("schema"), ex, fmt.Sprintf("%s example of the %s", name, where))
				return
			}
			ex = ex.Deref()
			check(m.Raw("schema"), ex.Raw("value"), fmt.Sprintf("example %q of the %s", name, where))
		})
	}
	eachMedia(c.Root, func(op, where string, m *Node) { checkMedia(m, where+" body of "+op) })
	seen := map[string]bool{}
	eachOperation(c.Root, func(_ string, item *Node, _ string, op *Node) {
		eachParameter(item, op, func(p *Node) {
			if seen[p.File+"#"+p.Pointer] {
				return
			}
			seen[p.File+"#"+p.Pointer] = true
			checkMedia(p, fmt.Sprintf("parameter %q", p.Str("name")))
		})
	})
}
