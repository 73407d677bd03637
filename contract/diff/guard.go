package diff

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/contract"
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
// calls it as soon as oasdiff is done. n is how many cycles were cut.
func cutItemCycles(d *openapi3.T) (restore func(), n int) {
	type cut struct {
		s     *openapi3.Schema
		items *openapi3.SchemaRef
	}
	var cuts []cut
	var schemas []*openapi3.Schema
	contract.WalkSchemas(d, func(r *openapi3.SchemaRef, _ bool) { schemas = append(schemas, r.Value) })
	seen := map[*openapi3.Schema]bool{}
	for _, s := range schemas {
		if seen[s] {
			continue
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
	}
	return func() {
		for i := len(cuts) - 1; i >= 0; i-- {
			cuts[i].s.Items = cuts[i].items
		}
	}, len(cuts)
}
