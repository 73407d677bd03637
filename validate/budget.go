package validate

import (
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/contract"
)

// maxVisits is the validation budget of one body: the most (schema, value)
// visits kin-openapi may be asked to make. kin-openapi takes no context and
// validates every variant of a oneOf/anyOf in full, so on a recursive union
// without a discriminator its work doubles with each level of the value
// (issue 22: 226 bytes, 2.2 s). The budget is checked before kin-openapi
// runs, so nothing is started that could outlive the run; a body over it
// is reported as not checked. Ordinary bodies need a few visits per value
// (a 10,000-item list of 20-field objects: about 200,000).
var maxVisits = 4_000_000

// visits returns an upper bound of the (schema, value) visits kin-openapi
// makes validating value against s, counting every variant of
// oneOf/anyOf/allOf, not, if/then/else and each property and item; it
// stops counting at limit (the result is then limit). It is computed
// once per (schema, node of the value), so its own cost is bounded by
// their product, whatever kin-openapi's would be.
func visits(s *openapi3.Schema, value any, limit int) int {
	c := &visitCounter{limit: limit, memo: map[visitKey]int{}, busy: map[visitKey]bool{}}
	return c.count(s, value, "")
}

// withinVisits reports whether validating value against s fits maxVisits.
func withinVisits(s *openapi3.Schema, value any) bool {
	return visits(s, value, maxVisits+1) <= maxVisits
}

type visitKey struct {
	s    *openapi3.Schema
	node string // the value node's JSON pointer
}

type visitCounter struct {
	limit int
	memo  map[visitKey]int
	busy  map[visitKey]bool
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
		// A schema that reaches itself on the same value (allOf: [self]):
		// kin-openapi would not end.
		return c.limit
	}
	c.busy[k] = true
	defer delete(c.busy, k)
	n := 1
	ref := func(r *openapi3.SchemaRef, v any, node string) {
		if r != nil && n < c.limit {
			n = c.add(n, c.count(r.Value, v, node))
		}
	}
	for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
		for _, r := range list {
			ref(r, v, node)
		}
	}
	for _, r := range []*openapi3.SchemaRef{s.Not, s.If, s.Then, s.Else} {
		ref(r, v, node)
	}
	switch x := v.(type) {
	case map[string]any:
		for name, e := range x {
			at := node + "/" + contract.EscapePointerToken(name)
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
