package lint

import "strings"

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// eachOperation calls fn for every operation under paths, in file order.
func eachOperation(root *Node, fn func(path string, item *Node, method string, op *Node)) {
	root.Get("paths").Pairs(func(path string, _ *yamlNode, item *Node) {
		item = item.Deref()
		item.Pairs(func(m string, _ *yamlNode, op *Node) {
			for _, mm := range methods {
				if m == mm {
					fn(path, item, m, op.Deref())
				}
			}
		})
	})
}

// eachParameter calls fn for the path-level and operation-level parameters
// of an operation, dereferenced.
func eachParameter(item, op *Node, fn func(p *Node)) {
	for _, p := range item.Get("parameters").Items() {
		fn(p.Deref())
	}
	for _, p := range op.Get("parameters").Items() {
		fn(p.Deref())
	}
}

// pathParams returns the {names} of a path template.
func pathParams(path string) []string {
	var out []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, path[i+1:i+j])
		path = path[i+j+1:]
	}
}

// eachSchema calls fn for every schema node reachable inside n without
// following $refs (each file's schemas are visited where they are written),
// to maxDepth levels of nesting.
func eachSchema(n *Node, fn func(s *Node)) { eachSchemaAt(n, fn, 0) }

func eachSchemaAt(n *Node, fn func(s *Node), depth int) {
	if n == nil || n.Ref() != "" || depth > maxDepth {
		return
	}
	fn(n)
	for _, k := range []string{"items", "not", "additionalProperties", "contains", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties"} {
		if c := n.Raw(k); c != nil && c.Y.Kind == yamlMapping {
			eachSchemaAt(c, fn, depth+1)
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf", "prefixItems"} {
		for _, c := range n.Raw(k).Items() {
			eachSchemaAt(c, fn, depth+1)
		}
	}
	for _, k := range []string{"properties", "patternProperties", "$defs", "definitions"} {
		n.Raw(k).Pairs(func(_ string, _ *yamlNode, c *Node) { eachSchemaAt(c, fn, depth+1) })
	}
}

// eachRootSchema calls fn for each schema written in the contract's files
// as reached from the root: components, parameters, bodies and responses,
// following $refs into other files once per target.
func eachRootSchema(root *Node, fn func(s *Node)) {
	seen := map[string]bool{}
	var visit func(s *Node)
	visit = func(s *Node) {
		if s == nil {
			return
		}
		if s.Ref() != "" {
			t := s.Deref()
			if t == s || seen[t.File+"#"+t.Pointer] {
				return
			}
			seen[t.File+"#"+t.Pointer] = true
			s = t
		}
		eachSchema(s, func(x *Node) {
			fn(x)
			// schemas referenced from inside this one, in other files too
			x.Pairs(func(k string, _ *yamlNode, v *Node) {
				if v.Ref() != "" && k != "$ref" {
					visit(v)
				}
			})
			for _, k := range []string{"properties", "allOf", "anyOf", "oneOf"} {
				c := x.Raw(k)
				c.Pairs(func(_ string, _ *yamlNode, v *Node) {
					if v.Ref() != "" {
						visit(v)
					}
				})
				for _, v := range c.Items() {
					if v.Ref() != "" {
						visit(v)
					}
				}
			}
		})
	}
	root.Get("components").Get("schemas").Pairs(func(_ string, _ *yamlNode, s *Node) { visit(s) })
	root.Raw("definitions").Pairs(func(_ string, _ *yamlNode, s *Node) { visit(s) })
	eachMedia(root, func(_ string, _ string, media *Node) { visit(media.Raw("schema")) })
	oas2 := root.Has("swagger")
	eachOperation(root, func(_ string, item *Node, _ string, op *Node) {
		eachParameter(item, op, func(p *Node) {
			if oas2 && !p.Has("schema") && p.Has("type") {
				// a Swagger 2.0 parameter outside the body is its own
				// schema: type, enum, default, items sit on it
				visit(p)
				return
			}
			visit(p.Raw("schema"))
		})
	})
}

// eachMedia calls fn for every media type object of request bodies and
// responses, with where ("request" or "response <code>"). A Swagger 2.0
// response with a schema stands for its media types: it holds the schema
// and the examples (by media type) that OpenAPI 3 moved into content.
func eachMedia(root *Node, fn func(op string, where string, media *Node)) {
	oas2 := root.Has("swagger")
	eachOperation(root, func(path string, _ *Node, method string, op *Node) {
		name := strings.ToUpper(method) + " " + path
		op.Get("requestBody").Get("content").Pairs(func(_ string, _ *yamlNode, m *Node) { fn(name, "request", m.Deref()) })
		op.Get("responses").Pairs(func(code string, _ *yamlNode, r *Node) {
			r = r.Deref()
			if oas2 && r.Has("schema") {
				fn(name, "response "+code, r)
			}
			r.Get("content").Pairs(func(_ string, _ *yamlNode, m *Node) { fn(name, "response "+code, m.Deref()) })
		})
	})
}

// eachNode calls fn for every mapping node of the contract: the root file
// and, once each, the nodes $refs lead to in other files, to maxDepth
// levels of nesting.
func eachNode(root *Node, fn func(n *Node)) {
	seen := map[string]bool{root.File + "#": true}
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		if n == nil || depth > maxDepth {
			return
		}
		switch n.Y.Kind {
		case yamlMapping:
			fn(n)
			if r := n.Ref(); r != "" {
				if t := n.tree.follow(n.File, r); t != nil && t.File != n.File {
					key := t.File + "#" + t.Pointer
					if !seen[key] {
						seen[key] = true
						walk(t, 0)
					}
				}
			}
			n.Pairs(func(_ string, _ *yamlNode, v *Node) { walk(v, depth+1) })
		case yamlSequence:
			for _, v := range n.Items() {
				walk(v, depth+1)
			}
		}
	}
	walk(root, 0)
}
