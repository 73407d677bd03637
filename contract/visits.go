package contract

import (
	"encoding/json"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// MaxValidationVisits is the validation budget of one body: the most (schema, value)
// visits kin-openapi may be asked to make. kin-openapi takes no context and
// validates every variant of a oneOf/anyOf in full, so on a recursive union
// without a discriminator its work doubles with each level of the value
// (issue 22: 226 bytes, 2.2 s). The budget is checked before kin-openapi
// runs, so nothing is started that could outlive the run; a body over it
// is reported as not checked (validate) or refused (mock). Ordinary bodies need a few visits per value
// (a 10,000-item list of 20-field objects: about 200,000).
const MaxValidationVisits = 4_000_000

// ValidationVisits returns an upper bound of the work kin-openapi does
// validating value against s, in schema visits and copied value nodes:
// every variant of oneOf/anyOf is tried on a deep copy of the value and
// the matching one visited again, allOf, not, if/then/else and each
// property and item are visited, and a schema met again on the same
// value ends at once (as kin-openapi does). It stops counting at limit
// (the result is then limit). It is computed once per (schema, node of
// the value), so its own cost is bounded by their product, whatever
// kin-openapi's would be.
func ValidationVisits(s *openapi3.Schema, value any, limit int) int {
	c := &visitCounter{limit: limit, memo: map[visitKey]int{}, busy: map[visitKey]bool{}, sizes: map[string]int{}}
	return c.count(s, value, "")
}

// WithinValidationBudget reports whether validating value against s fits
// MaxValidationVisits; validate and mock ask it before handing a body to
// kin-openapi.
func WithinValidationBudget(s *openapi3.Schema, value any) bool {
	return ValidationVisits(s, value, MaxValidationVisits+1) <= MaxValidationVisits
}

// RequestBodyWithinBudget reports whether kin-openapi's validation of a
// request body of media type ctype for op fits MaxValidationVisits. Only
// JSON bodies are estimated: others decode to flat values, and a body
// that is not JSON is refused by kin-openapi without a walk.
func RequestBodyWithinBudget(op *openapi3.Operation, ctype string, body []byte) bool {
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return true
	}
	mt := op.RequestBody.Value.Content.Get(ctype)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return true
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return true
	}
	return WithinValidationBudget(mt.Schema.Value, v)
}

type visitKey struct {
	s    *openapi3.Schema
	node string // the value node's JSON pointer
}

type visitCounter struct {
	limit int
	memo  map[visitKey]int
	busy  map[visitKey]bool
	sizes map[string]int // value nodes under each node, itself included
}

// size counts the nodes of the value v at node (what a deep copy of it
// costs), once per node.
func (c *visitCounter) size(v any, node string) int {
	if n, ok := c.sizes[node]; ok {
		return n
	}
	n := 1
	switch x := v.(type) {
	case map[string]any:
		for name, e := range x {
			n = c.add(n, c.size(e, node+"/"+EscapePointerToken(name)))
		}
	case []any:
		for i, e := range x {
			n = c.add(n, c.size(e, node+"/"+strconv.Itoa(i)))
		}
	}
	c.sizes[node] = n
	return n
}

// add sums without passing the limit.
func (c *visitCounter) add(a, b int) int {
	if a+b > c.limit {
		return c.limit
	}
	return a + b
}

func (c *visitCounter) count(s *openapi3.Schema, v any, node string) int {
	if s == nil {
		return 0
	}
	k := visitKey{s, node}
	if n, ok := c.memo[k]; ok {
		return n
	}
	if c.busy[k] {
		// A schema that reaches itself on the same value (oneOf: [self,
		// …]): kin-openapi skips a schema already entered on this value.
		return 1
	}
	c.busy[k] = true
	defer delete(c.busy, k)
	n := 1
	ref := func(r *openapi3.SchemaRef, v any, node string) {
		if r != nil && n < c.limit {
			n = c.add(n, c.count(r.Value, v, node))
		}
	}
	for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		// Each variant is tried on a deep copy of the value, and the one
		// that matched is visited again (to apply its defaults).
		most := 0
		for _, r := range list {
			if r != nil && n < c.limit {
				k := c.count(r.Value, v, node)
				n = c.add(c.add(n, k), c.size(v, node))
				most = max(most, k)
			}
		}
		n = c.add(n, most)
	}
	for _, r := range s.AllOf {
		ref(r, v, node)
	}
	for _, r := range []*openapi3.SchemaRef{s.Not, s.If, s.Then, s.Else} {
		ref(r, v, node)
	}
	switch x := v.(type) {
	case map[string]any:
		for name, e := range x {
			at := node + "/" + EscapePointerToken(name)
			if p, ok := s.Properties[name]; ok {
				ref(p, e, at)
			} else if ap := s.AdditionalProperties.Schema; ap != nil {
				ref(ap, e, at)
			}
			for _, p := range s.PatternProperties {
				ref(p, e, at)
			}
			if d, ok := s.DependentSchemas[name]; ok {
				ref(d, x, node)
			}
			ref(s.PropertyNames, name, at)
		}
	case []any:
		for i, e := range x {
			at := node + "/" + strconv.Itoa(i)
			if i < len(s.PrefixItems) {
				ref(s.PrefixItems[i], e, at)
			} else {
				ref(s.Items, e, at)
			}
			ref(s.Contains, e, at)
		}
	}
	c.memo[k] = n
	return n
}
