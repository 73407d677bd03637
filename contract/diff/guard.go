package diff

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// oasdiff renders a type change with checker.typeString, which follows an
// array's items without a visited set: an array whose items lead back to
// itself through items alone (Nested: {type: array, items: {$ref: Nested}})
// overflows the stack on the first type change that touches it — a fatal
// error no recover catches. Its other walks keep visited sets.
//
// cutItemCycles finds every such items-only cycle in d and cuts its back
// edge: the last array of the cycle gets, in place of the array it comes
// back to, a copy of that array without items. What oasdiff then compares
// is the same contract unrolled once, so no change is lost: the level cut
// repeats the one above it. The returned function restores d; Compare
// calls it as soon as oasdiff is done.
func cutItemCycles(d *openapi3.T) (restore func()) {
	type cut struct {
		s     *openapi3.Schema
		items *openapi3.SchemaRef
	}
	var cuts []cut
	seen := map[*openapi3.Schema]bool{}
	forEachSchema(d, func(s *openapi3.Schema) {
		if seen[s] {
			return
		}
		// Follow items from s; the chain is the arrays met so far.
		chain := map[*openapi3.Schema]bool{}
		for cur := s; cur != nil && !seen[cur]; {
			chain[cur] = true
			if cur.Items == nil || cur.Items.Value == nil {
				break
			}
			next := cur.Items.Value
			if chain[next] {
				copied := *next
				copied.Items = nil
				cuts = append(cuts, cut{cur, cur.Items})
				cur.Items = &openapi3.SchemaRef{Ref: cur.Items.Ref, Value: &copied}
				break
			}
			cur = next
		}
		for c := range chain {
			seen[c] = true
		}
	})
	return func() {
		for i := len(cuts) - 1; i >= 0; i-- {
			cuts[i].s.Items = cuts[i].items
		}
	}
}

// forEachSchema calls fn once for every schema reachable from d: the
// components, and the parameters, bodies, responses and headers of every
// operation (and callback), and every schema those reach through items,
// properties, additionalProperties, allOf, anyOf, oneOf and not. It keeps
// its own stack and a visited set, so any nesting and any cycle is safe.
func forEachSchema(d *openapi3.T, fn func(*openapi3.Schema)) {
	visited := map[*openapi3.Schema]bool{}
	var stack []*openapi3.Schema
	push := func(r *openapi3.SchemaRef) {
		if r != nil && r.Value != nil && !visited[r.Value] {
			visited[r.Value] = true
			stack = append(stack, r.Value)
		}
	}
	content := func(c openapi3.Content) {
		for _, mt := range c {
			if mt != nil {
				push(mt.Schema)
			}
		}
	}
	param := func(p *openapi3.ParameterRef) {
		if p != nil && p.Value != nil {
			push(p.Value.Schema)
			content(p.Value.Content)
		}
	}
	header := func(h *openapi3.HeaderRef) {
		if h != nil && h.Value != nil {
			push(h.Value.Schema)
			content(h.Value.Content)
		}
	}
	response := func(r *openapi3.ResponseRef) {
		if r != nil && r.Value != nil {
			content(r.Value.Content)
			for _, h := range r.Value.Headers {
				header(h)
			}
		}
	}
	body := func(b *openapi3.RequestBodyRef) {
		if b != nil && b.Value != nil {
			content(b.Value.Content)
		}
	}
	seenItems := map[*openapi3.PathItem]bool{}
	var paths func(items map[string]*openapi3.PathItem)
	paths = func(items map[string]*openapi3.PathItem) {
		for _, item := range items {
			if item == nil || seenItems[item] {
				continue
			}
			seenItems[item] = true
			for _, p := range item.Parameters {
				param(p)
			}
			for _, op := range item.Operations() {
				for _, p := range op.Parameters {
					param(p)
				}
				body(op.RequestBody)
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						response(r)
					}
				}
				for _, cb := range op.Callbacks {
					if cb != nil && cb.Value != nil {
						paths(cb.Value.Map())
					}
				}
			}
		}
	}
	if d == nil {
		return
	}
	if d.Paths != nil {
		paths(d.Paths.Map())
	}
	if c := d.Components; c != nil {
		for _, s := range c.Schemas {
			push(s)
		}
		for _, p := range c.Parameters {
			param(p)
		}
		for _, h := range c.Headers {
			header(h)
		}
		for _, b := range c.RequestBodies {
			body(b)
		}
		for _, r := range c.Responses {
			response(r)
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(s)
		push(s.Items)
		push(s.Not)
		for _, p := range s.Properties {
			push(p)
		}
		push(s.AdditionalProperties.Schema)
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range l {
				push(r)
			}
		}
	}
}
