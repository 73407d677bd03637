package sample

import (
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// Boundary is one valid value at an edge of what a type accepts.
type Boundary struct {
	// Kind names the edge: minimum, maximum, min-length, max-length,
	// enum-member, null, empty-array, min-items, max-items, only-required,
	// all-optional.
	Kind string
	// Pointer is where inside Value the edge is.
	Pointer string
	Value   any
}

// maxBoundaryLength caps strings and arrays built for maxLength and
// maxItems edges, so a contract's "maxLength: 1000000" stays cheap.
const maxBoundaryLength = 4096

// Boundaries returns valid values at the edges of t: for scalars the
// range ends, length limits and every enum member; for objects the value
// with only required properties, with every optional one, and each
// property's own edges in turn (one level deep).
func Boundaries(t *contract.Type, dir Direction) []Boundary {
	g := &Generator{dir: dir, typical: true, plain: true, budget: invalidBudget}
	g.rng = New(11, dir).rng
	return g.boundaries(t, "", false, 0)
}

func (g *Generator) boundaries(t *contract.Type, p string, nullable bool, depth int) []Boundary {
	if t == nil || t.HasConst {
		return nil
	}
	var out []Boundary
	add := func(kind string, v any) { out = append(out, Boundary{Kind: kind, Pointer: p, Value: v}) }
	if nullable || t.Nullable {
		add("null", nil)
	}
	c := t.Constraints
	switch t.Kind {
	case contract.KindInt, contract.KindNumber:
		lo, hi := bounds(t, t.Kind == contract.KindInt)
		if c.Minimum != nil || t.Format == "int32" {
			add("minimum", snapOrSelf(t, lo, lo, hi))
		}
		if c.Maximum != nil || t.Format == "int32" {
			add("maximum", snapOrSelf(t, hi, lo, hi))
		}
	case contract.KindString:
		if t.Format != "" && t.Format != "password" || c.Pattern != "" {
			break // lengths of formatted or patterned strings are not free
		}
		if c.MinLength != nil {
			add("min-length", strings.Repeat("a", int(min64(*c.MinLength, maxBoundaryLength))))
		} else {
			add("min-length", "")
		}
		if c.MaxLength != nil && *c.MaxLength <= maxBoundaryLength {
			add("max-length", strings.Repeat("z", int(*c.MaxLength)))
		}
	case contract.KindEnum:
		for _, e := range nonNull(t.Enum) {
			add("enum-member", e)
		}
	case contract.KindArray:
		lo := uint64(0)
		if c.MinItems != nil {
			lo = *c.MinItems
		}
		if lo == 0 {
			add("empty-array", []any{})
		}
		if c.MaxItems != nil && *c.MaxItems > 0 && *c.MaxItems <= 64 {
			rg := &Generator{rng: g.rng, dir: g.dir, budget: validBudget}
			arr := rg.array(&contract.Type{Kind: contract.KindArray, Elem: t.Elem, Constraints: contract.Constraints{MinItems: c.MaxItems, MaxItems: c.MaxItems, UniqueItems: c.UniqueItems}}, maxDepth)
			if a, ok := arr.([]any); ok && uint64(len(a)) == *c.MaxItems {
				add("max-items", a)
			}
		}
	case contract.KindObject:
		if depth > 0 {
			break
		}
		minimal := g.value(t, maxDepth, false)
		full := g.value(t, 0, false)
		add("only-required", minimal)
		if key(full) != key(minimal) {
			add("all-optional", full)
		}
		base, _ := full.(map[string]any)
		for _, f := range t.Fields {
			if _, present := base[f.Name]; !present || g.skip(f) {
				continue
			}
			for _, b := range g.boundaries(f.Type, p+"/"+contract.EscapePointerToken(f.Name), f.Nullable, depth+1) {
				cp := copyMap(base)
				cp[f.Name] = b.Value
				b.Value = cp
				out = append(out, b)
			}
		}
	}
	return out
}

// snapOrSelf moves an integer or number edge onto multipleOf when the
// type has one.
func snapOrSelf(t *contract.Type, v, lo, hi float64) float64 {
	if m := t.Constraints.MultipleOf; m != nil && *m > 0 {
		return snapMultiple(v, *m, lo, hi)
	}
	return v
}
