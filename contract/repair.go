package contract

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// repair makes the loaded document whole where validation only warned, so
// the model builder and the generators never meet the gap: an absent info,
// paths or responses object becomes an empty one, and a security requirement naming
// an undefined scheme is dropped when another can be met (it was warned about). Duplicate
// operationIds are checked here too, because their message needs both
// positions.
func (d *Document) repair(c *collector, opts LoadOptions) {
	t := d.T
	if t.Info == nil {
		t.Info = &openapi3.Info{}
	}
	if t.Paths == nil {
		t.Paths = openapi3.NewPaths()
	}
	for _, srv := range t.Servers {
		for _, v := range srv.Variables {
			if v != nil && v.Default == "" && len(v.Enum) > 0 {
				v.Default = v.Enum[0]
			}
		}
	}
	var schemes map[string]*openapi3.SecuritySchemeRef
	if t.Components != nil {
		schemes = t.Components.SecuritySchemes
	}
	t.Security = d.definedOnly(c, "/security", t.Security, schemes)
	for _, o := range d.operations() {
		if o.op.Responses == nil {
			o.op.Responses = openapi3.NewResponses()
		}
		d.describeResponses(c, o)
		if o.op.Security != nil {
			s := d.definedOnly(c, o.pointer()+"/security", *o.op.Security, schemes)
			o.op.Security = &s
		}
	}
	d.checkOperationIDs(c, opts)
}

// definedOnly keeps the requirements whose every scheme is defined (the
// others were warned about): an alternative naming an undefined scheme can
// never be met, so dropping it beside others changes nothing. When every
// alternative names one, the list stays as written and nothing can meet it:
// the generated server answers 401 to every request of the operations it
// covers (fail closed), the mock likewise, and a warning at ptr says so
// (other generators accept such contracts and leave the operations open;
// --strict refuses it).
func (d *Document) definedOnly(c *collector, ptr string, reqs openapi3.SecurityRequirements, schemes map[string]*openapi3.SecuritySchemeRef) openapi3.SecurityRequirements {
	if reqs == nil {
		return nil
	}
	out := openapi3.SecurityRequirements{}
	for _, r := range reqs {
		ok := true
		for name := range r {
			if _, def := schemes[name]; !def {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	if len(reqs) > 0 && len(out) == 0 {
		c.add(SeverityWarning, d.Path, ptr, "every security requirement here names an undefined scheme: no credential can meet it, so the generated server and the mock refuse every request of the operations it covers with 401 (define the scheme, or write security: [] to make them public; --strict refuses this)")
		return reqs
	}
	return out
}

// docOperation is one operation of the document with its place.
type docOperation struct {
	path, method string
	custom       bool // under additionalOperations (OpenAPI 3.2)
	op           *openapi3.Operation
}

// pointer is the JSON pointer of the operation in the root file.
func (o docOperation) pointer() string {
	if o.custom {
		return Pointer("paths", o.path, "additionalOperations", o.method)
	}
	return Pointer("paths", o.path, strings.ToLower(o.method))
}

// operations lists the document's operations in path and method order.
func (d *Document) operations() []docOperation {
	var out []docOperation
	for _, path := range sortedKeys(d.T.Paths.Map()) {
		item := d.T.Paths.Value(path)
		if item == nil {
			continue
		}
		ops := item.Operations()
		for _, m := range sortedKeys(ops) {
			custom := item.AdditionalOperations[m] != nil && item.AdditionalOperations[m] == ops[m]
			out = append(out, docOperation{path, m, custom, ops[m]})
		}
	}
	return out
}

// checkOperationIDs reports an operationId used twice as an error at the
// later use, naming the earlier one's position. With Lenient the later
// ones get a number suffix (getTest2, getTest3 …) and a warning. "Later"
// is file order, so the first written keeps its name.
func (d *Document) checkOperationIDs(c *collector, opts LoadOptions) {
	all := d.operations()
	count := map[string]int{}
	used := map[string]bool{}
	for _, o := range all {
		used[o.op.OperationID] = true
		count[o.op.OperationID]++
	}
	// Only operations sharing an id need file order, and positions cost
	// a parse of the file: most contracts have none and parse nothing.
	type placed struct {
		o  docOperation
		at Position
	}
	var dups []placed
	for _, o := range all {
		if o.op.OperationID != "" && count[o.op.OperationID] > 1 {
			dups = append(dups, placed{o, d.Position(d.Path, o.pointer())})
		}
	}
	slices.SortStableFunc(dups, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.at.Line, b.at.Line), cmp.Compare(a.at.Col, b.at.Col))
	})
	first := map[string]docOperation{}
	for _, p := range dups {
		o, id := p.o, p.o.op.OperationID
		prev, dup := first[id]
		if !dup {
			first[id] = o
			continue
		}
		if prev.op == o.op {
			// One operation reached from two paths (a path item $ref):
			// the later path gets its own copy, numbered, since the
			// contract asks for exactly this.
			o = d.unshare(o)
			n := 2
			for used[fmt.Sprint(id, n)] {
				n++
			}
			o.op.OperationID = fmt.Sprint(id, n)
			used[o.op.OperationID] = true
			c.add(SeverityWarning, d.Path, Pointer("paths", o.path), fmt.Sprintf("%s %s is the operation %q of %s through a path item $ref: generated as %q", o.method, o.path, id, prev.path, o.op.OperationID))
			continue
		}
		ptr := o.pointer() + "/operationId"
		at := d.Position(d.Path, prev.pointer()+"/operationId")
		where := fmt.Sprintf("%s %s at line %d:%d", prev.method, prev.path, at.Line, at.Col)
		if !opts.Lenient {
			c.add(SeverityError, d.Path, ptr, fmt.Sprintf("operationId %q is also used by %s (use --lenient to number the later ones)", id, where))
			continue
		}
		n := 2
		for used[fmt.Sprint(id, n)] {
			n++
		}
		renamed := fmt.Sprint(id, n)
		used[renamed] = true
		o.op.OperationID = renamed
		c.add(SeverityWarning, d.Path, ptr, fmt.Sprintf("operationId %q is also used by %s (--lenient: renamed to %q)", id, where, renamed))
	}
}

// describeResponses warns about each response of the operation written
// without a description (required, but only documentation reads it) and
// gives it an empty one.
func (d *Document) describeResponses(c *collector, o docOperation) {
	if o.op.Responses == nil {
		return
	}
	m := o.op.Responses.Map()
	for _, code := range sortedKeys(m) {
		r := m[code]
		if r == nil || r.Ref != "" || r.Value == nil || r.Value.Description != nil {
			continue
		}
		c.add(SeverityWarning, d.Path, o.pointer()+Pointer("responses", code), "a response needs a description (only documentation reads it)")
		empty := ""
		r.Value.Description = &empty
	}
}

// unshare gives the operation at o its own path item and operation
// object, so renaming it leaves the other paths that share them alone.
func (d *Document) unshare(o docOperation) docOperation {
	item := *d.T.Paths.Value(o.path)
	op := *o.op
	if o.custom {
		item.AdditionalOperations = maps.Clone(item.AdditionalOperations)
		item.AdditionalOperations[o.method] = &op
	} else {
		item.SetOperation(o.method, &op)
	}
	d.T.Paths.Set(o.path, &item)
	o.op = &op
	return o
}
