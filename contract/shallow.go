package contract

import "github.com/getkin/kin-openapi/openapi3"

// withShallowRefs runs fn while every schema $ref of the document points
// at an empty placeholder, then restores them. kin-openapi validates the
// whole schema closure behind every media type and component it meets,
// afresh each time, which is quadratic on large connected contracts
// (Microsoft Graph: minutes). With references cut, each schema is
// validated once, where it is defined.
func withShallowRefs(t *openapi3.T, fn func()) {
	type saved struct {
		ref   *openapi3.SchemaRef
		value *openapi3.Schema
	}
	var swapped []saved
	placeholder := &openapi3.Schema{}
	WalkSchemas(t, func(r *openapi3.SchemaRef, component bool) {
		if !component && r.Ref != "" && r.Value != placeholder {
			swapped = append(swapped, saved{r, r.Value})
			r.Value = placeholder
		}
	})
	defer func() {
		for i := len(swapped) - 1; i >= 0; i-- {
			swapped[i].ref.Value = swapped[i].value
		}
	}()
	fn()
}

// WalkSchemas calls fn for every schema reference reachable from t: the
// component schemas (component is true for their own entries), the
// schemas of parameters, headers, bodies and responses in components,
// paths, callbacks and webhooks, and inside schemas through every keyword
// that holds one. fn sees a reference before the walk goes into the
// schema it held, which happens once per schema, so cycles end; fn may
// change r.Value (the walk goes into the value r held when fn was called).
// Keys are visited in sorted order, so the walk is deterministic.
func WalkSchemas(t *openapi3.T, fn func(r *openapi3.SchemaRef, component bool)) {
	seen := map[*openapi3.Schema]bool{}
	var visitRef func(r *openapi3.SchemaRef, component bool)
	var visit func(s *openapi3.Schema)
	visitRef = func(r *openapi3.SchemaRef, component bool) {
		if r == nil || r.Value == nil {
			return
		}
		v := r.Value
		fn(r, component)
		visit(v)
	}
	visit = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf, s.PrefixItems} {
			for _, r := range list {
				visitRef(r, false)
			}
		}
		for _, r := range []*openapi3.SchemaRef{s.Not, s.Items, s.AdditionalProperties.Schema, s.Contains, s.PropertyNames, s.If, s.Then, s.Else, s.ContentSchema} {
			visitRef(r, false)
		}
		for _, m := range []openapi3.Schemas{s.Properties, s.PatternProperties, s.DependentSchemas, s.Defs} {
			for _, k := range sortedKeys(m) {
				visitRef(m[k], false)
			}
		}
	}
	content := func(c openapi3.Content) {
		for _, k := range sortedKeys(c) {
			if mt := c[k]; mt != nil {
				visitRef(mt.Schema, false)
			}
		}
	}
	param := func(p *openapi3.ParameterRef) {
		if p != nil && p.Value != nil {
			visitRef(p.Value.Schema, false)
			content(p.Value.Content)
		}
	}
	header := func(h *openapi3.HeaderRef) {
		if h != nil && h.Value != nil {
			visitRef(h.Value.Schema, false)
			content(h.Value.Content)
		}
	}
	response := func(r *openapi3.ResponseRef) {
		if r == nil || r.Value == nil {
			return
		}
		content(r.Value.Content)
		for _, k := range sortedKeys(r.Value.Headers) {
			header(r.Value.Headers[k])
		}
	}
	seenItems := map[*openapi3.PathItem]bool{}
	var pathItem func(item *openapi3.PathItem)
	operation := func(op *openapi3.Operation) {
		for _, p := range op.Parameters {
			param(p)
		}
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			content(op.RequestBody.Value.Content)
		}
		if op.Responses != nil {
			for _, r := range op.Responses.Map() {
				response(r)
			}
		}
		for _, cb := range op.Callbacks {
			if cb != nil && cb.Value != nil {
				for _, item := range cb.Value.Map() {
					pathItem(item)
				}
			}
		}
	}
	pathItem = func(item *openapi3.PathItem) {
		if item == nil || seenItems[item] {
			return
		}
		seenItems[item] = true
		for _, p := range item.Parameters {
			param(p)
		}
		for _, op := range item.Operations() {
			operation(op)
		}
	}
	if t == nil {
		return
	}
	if c := t.Components; c != nil {
		for _, k := range sortedKeys(c.Schemas) {
			visitRef(c.Schemas[k], true)
		}
		for _, k := range sortedKeys(c.Parameters) {
			param(c.Parameters[k])
		}
		for _, k := range sortedKeys(c.Headers) {
			header(c.Headers[k])
		}
		for _, k := range sortedKeys(c.RequestBodies) {
			if r := c.RequestBodies[k]; r != nil && r.Value != nil {
				content(r.Value.Content)
			}
		}
		for _, k := range sortedKeys(c.Responses) {
			response(c.Responses[k])
		}
	}
	if t.Paths != nil {
		for _, item := range t.Paths.Map() {
			pathItem(item)
		}
	}
	for _, item := range t.Webhooks {
		pathItem(item)
	}
}
