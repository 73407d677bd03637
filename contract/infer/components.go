package infer

// Named components: object shapes with the same property names seen at
// two places or more (a pet in a list and a pet alone, an address in a
// customer and in an order) become one component, merged over all of
// them and named after where it was first seen: the property that held
// it, or the resource of the path.

// comps are the components of a run.
type comps struct {
	byName map[string]*shape
	order  []string
}

// site is one object shape in the contract with the name it suggests.
type site struct {
	s    *shape
	hint []string
}

// components finds repeated object shapes, sets their ref and returns the
// merged components; reserved holds names already taken (a base
// contract's). Walks are bounded by maxDepth.
func (in *inferrer) components(ops []*Operation, reserved namer) *comps {
	var sites []site
	var walk func(s *shape, hint []string, depth int)
	walk = func(s *shape, hint []string, depth int) {
		if s == nil || depth > maxDepth {
			return
		}
		if s.signature() != "" {
			sites = append(sites, site{s, hint})
		}
		for _, k := range s.order {
			walk(s.props[k], words(k), depth+1)
		}
		if s.additional != nil {
			walk(s.additional, hint, depth+1)
		}
		if s.items != nil {
			h := append([]string(nil), hint...)
			if len(h) > 0 {
				h[len(h)-1] = singular(h[len(h)-1])
			}
			walk(s.items, h, depth+1)
		}
	}
	for _, op := range ops {
		res := resourceWords(op)
		for _, st := range op.Statuses {
			hint := res
			if st >= 400 {
				hint = []string{"error"}
			}
			bs := &op.resp[st].bodies
			for _, mt := range bs.order {
				if b := bs.byType[mt]; b.json {
					walk(&b.shape, hint, 0)
				}
			}
		}
	}
	for _, op := range ops {
		req := &op.ok
		if req.n == 0 {
			req = &op.bad
		}
		res := resourceWords(op)
		for _, mt := range req.bodies.order {
			if b := req.bodies.byType[mt]; b.json {
				walk(&b.shape, append(res, "input"), 0)
			}
		}
	}
	bySig := map[string][]site{}
	var sigs []string
	for _, st := range sites {
		sig := st.s.signature()
		if _, ok := bySig[sig]; !ok {
			sigs = append(sigs, sig)
		}
		bySig[sig] = append(bySig[sig], st)
	}
	c := &comps{byName: map[string]*shape{}}
	for _, sig := range sigs {
		group := bySig[sig]
		if len(group) < 2 {
			continue
		}
		hint := group[0].hint
		if len(hint) == 0 {
			hint = []string{"object"}
		}
		name := reserved.unique(componentKey(camel(hint, true)))
		merged := &shape{}
		for _, st := range group {
			merged.merge(st.s, 0)
		}
		for _, st := range group {
			st.s.ref = name
		}
		c.byName[name] = merged
		c.order = append(c.order, name)
	}
	sortStrings(c.order)
	// Inside each component, the shapes that are components themselves
	// refer to them (never to the component itself: that could be a
	// type containing itself by value).
	names := map[string]string{}
	for _, sig := range sigs {
		if g := bySig[sig]; len(g) >= 2 {
			names[sig] = g[0].s.ref
		}
	}
	var mark func(s *shape, self string, depth int)
	mark = func(s *shape, self string, depth int) {
		if s == nil || depth > maxDepth {
			return
		}
		if depth > 0 {
			if n := names[s.signature()]; n != "" && n != self {
				s.ref = n
				return
			}
		}
		for _, k := range s.order {
			mark(s.props[k], self, depth+1)
		}
		mark(s.additional, self, depth+1)
		mark(s.items, self, depth+1)
	}
	for _, name := range c.order {
		mark(c.byName[name], name, 0)
	}
	return c
}

// resourceWords names what an operation's bodies are: the singular of
// its last literal segment (/pets/{petId} → pet).
func resourceWords(op *Operation) []string {
	for i := len(op.literals) - 1; i >= 0; i-- {
		if l := op.literals[i]; l != "" && !noise(l) {
			return singularWords(l)
		}
	}
	return nil
}
