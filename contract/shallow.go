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
	seen := map[*openapi3.Schema]bool{}
	placeholder := &openapi3.Schema{}
	var visitRef func(r *openapi3.SchemaRef)
	var visit func(s *openapi3.Schema)
	visitRef = func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || r.Value == placeholder {
			return
		}
		v := r.Value
		if r.Ref != "" {
			swapped = append(swapped, saved{r, v})
			r.Value = placeholder
		}
		visit(v)
	}
	visit = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf, s.PrefixItems} {
			for _, r := range list {
				visitRef(r)
			}
		}
		for _, r := range []*openapi3.SchemaRef{s.Not, s.Items, s.AdditionalProperties.Schema, s.Contains, s.PropertyNames, s.If, s.Then, s.Else, s.ContentSchema} {
			visitRef(r)
		}
		for _, m := range []openapi3.Schemas{s.Properties, s.PatternProperties, s.DependentSchemas, s.Defs} {
			for _, k := range sortedKeys(m) {
				visitRef(m[k])
			}
		}
	}
	content := func(c openapi3.Content) {
		for _, k := range sortedKeys(c) {
			if mt := c[k]; mt != nil {
				visitRef(mt.Schema)
			}
		}
	}
	param := func(p *openapi3.ParameterRef) {
		if p != nil && p.Value != nil {
			visitRef(p.Value.Schema)
			content(p.Value.Content)
		}
	}
	header := func(h *openapi3.HeaderRef) {
		if h != nil && h.Value != nil {
			visitRef(h.Value.Schema)
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
		if item == nil {
			return
		}
		for _, p := range item.Parameters {
			param(p)
		}
		for _, op := range item.Operations() {
			operation(op)
		}
	}
	if c := t.Components; c != nil {
		for _, k := range sortedKeys(c.Schemas) {
			if r := c.Schemas[k]; r != nil {
				visit(r.Value)
			}
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
	defer func() {
		for i := len(swapped) - 1; i >= 0; i-- {
			swapped[i].ref.Value = swapped[i].value
		}
	}()
	fn()
}
