// Package sample makes values for the types of a contract.Model: the one
// representative example that docs and mock show, seeded random valid
// values and boundary values that validate sends, and invalid values a
// conforming service must reject.
//
// Values are JSON-decoded Go values (nil, bool, float64, string, []any,
// map[string]any), so encoding/json prints them and kin-openapi's schema
// validation accepts them as they are. The same seed always gives the same
// values.
package sample

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// Direction says which way a value travels: readOnly properties are left
// out of requests, writeOnly properties out of responses.
type Direction int

const (
	Request Direction = iota
	Response
)

// maxDepth bounds how deep optional properties and array items are
// filled in, so recursive schemas end.
const maxDepth = 4

// hardDepth is where a value stops nesting whatever its schema says: a
// union that is its own variant, or arrays whose minItems nest forever,
// end there in a leaf value instead of overflowing the stack.
const hardDepth = 4 * maxDepth

// maxSafeInt is the largest integer a float64 holds exactly; generated
// integers stay within ±maxSafeInt.
const maxSafeInt = 1 << 53

// Example returns one representative value for t: the schema's own
// example, default, const or first enum member when it has one, otherwise
// a value built from its type, format and constraints with every optional
// property filled in (to a bounded depth). It is deterministic.
func Example(t *contract.Type, dir Direction) any {
	g := &Generator{dir: dir, typical: true, rng: rand.New(rand.NewPCG(1, 2)), budget: exampleBudget}
	return g.value(t, 0, false)
}

// ContentExample returns the example of one media type of a body: its own
// example, its first named example, or Example of its schema. It returns
// nil for a content without schema or example.
func ContentExample(c *contract.Content, dir Direction) any {
	switch {
	case c.HasExample:
		return c.Example
	case len(c.Examples) > 0:
		return c.Examples[0].Value
	case c.Type != nil:
		return Example(c.Type, dir)
	}
	return nil
}

// ParamExample returns the example of a parameter: its own example or
// Example of its schema.
func ParamExample(p *contract.Param) any {
	if p.HasExample {
		return p.Example
	}
	if p.Type == nil {
		return "value"
	}
	return Example(p.Type, Request)
}

// Generator makes seeded random values. It is not safe for concurrent use.
type Generator struct {
	rng *rand.Rand
	dir Direction
	// typical prefers the contract's own values and middle-of-range
	// values over random ones (Example).
	typical bool
	// plain leaves the contract's examples and defaults out of typical
	// values: Invalid starts from a value known to follow the schema.
	plain bool
	// budget is how many more values may be made for the current top-level
	// value before only required properties and minimum counts are
	// filled in: wide schemas nested a few levels would otherwise give
	// values of millions of nodes.
	budget int
	// unions counts the unions being filled in right now: a union whose
	// variant is itself (or another union leading back to it) recurses
	// without going deeper into a value, so depth alone does not end it.
	unions int
	// contents counts the strings holding JSON being filled in right now
	// (content.go).
	contents int
}

// maxUnionNesting bounds unions directly inside unions; past it a union
// gives an empty object instead of overflowing the stack.
const maxUnionNesting = 32

// Budgets of values per top-level value.
const (
	exampleBudget = 300
	validBudget   = 150
)

// maxNodes bounds the values one top-level value is made of, required
// properties and minimum counts included: past it every value is a leaf
// (a scalar, an empty object or list). A schema of 30 required object
// properties four levels deep would otherwise give 800,000 nodes (12 MB,
// 11 s per answer of the mock); the value may then miss required
// properties, which the mock's check of its own answers sees.
const maxNodes = 10_000

// New returns a Generator for values travelling in dir; the same seed
// gives the same sequence of values.
func New(seed uint64, dir Direction) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), dir: dir}
}

// Valid returns a random value that t accepts. Optional properties are
// present or absent at random; nullable values are sometimes null.
func (g *Generator) Valid(t *contract.Type) any {
	g.budget = validBudget
	return g.value(t, 0, false)
}

// Minimal returns the smallest value t accepts: required properties
// only, the fewest items and characters allowed.
func (g *Generator) Minimal(t *contract.Type) any {
	m := &Generator{rng: g.rng, dir: g.dir, typical: true, plain: true}
	return m.value(t, maxDepth, false)
}

// value builds a value of t at depth; nullable says null is accepted here
// (the field or the type is nullable).
func (g *Generator) value(t *contract.Type, depth int, nullable bool) any {
	if t == nil {
		return map[string]any{}
	}
	g.budget--
	if depth >= hardDepth || g.budget < -maxNodes {
		return g.leaf(t, nullable)
	}
	if g.typical {
		switch {
		case t.HasConst:
			return t.Const
		case g.plain:
		case t.HasExample && t.Example != nil && depth < maxDepth:
			return t.Example
		case t.HasDefault && t.Default != nil && depth < maxDepth:
			return t.Default
		}
	} else {
		if t.HasConst {
			return t.Const
		}
		if (nullable || t.Nullable) && g.rng.IntN(10) == 0 {
			return nil
		}
	}
	if v, ok := g.scalar(t); ok {
		return v
	}
	switch t.Kind {
	case contract.KindNull:
		return nil
	case contract.KindArray:
		return g.array(t, depth)
	case contract.KindMap:
		return g.mapValue(t, depth)
	case contract.KindObject:
		return g.object(t, depth)
	case contract.KindUnion:
		return g.union(t, depth)
	}
	// KindAny: anything goes; an empty object is the most useful shape
	// to show.
	return map[string]any{}
}

func (g *Generator) enum(t *contract.Type) any {
	vals := nonNull(t.Enum)
	if len(vals) == 0 {
		return nil
	}
	if g.typical {
		return vals[0]
	}
	return vals[g.rng.IntN(len(vals))]
}

func nonNull(vs []any) []any {
	var out []any
	for _, v := range vs {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// bounds returns the inclusive range a numeric type allows, clamped to
// what float64 holds exactly, and whether the range is empty.
func bounds(t *contract.Type, integer bool) (lo, hi float64) {
	lo, hi = -maxSafeInt, maxSafeInt
	c := t.Constraints
	step := math.SmallestNonzeroFloat64
	if integer {
		step = 1
	}
	if c.Minimum != nil {
		lo = *c.Minimum
		if c.ExclusiveMinimum {
			lo = nextUp(lo, step, integer)
		}
	}
	if c.Maximum != nil {
		hi = *c.Maximum
		if c.ExclusiveMaximum {
			hi = nextDown(hi, step, integer)
		}
	}
	if t.Format == "int32" {
		lo, hi = math.Max(lo, math.MinInt32), math.Min(hi, math.MaxInt32)
	}
	if integer {
		lo, hi = math.Ceil(lo), math.Floor(hi)
	}
	return math.Max(lo, -maxSafeInt), math.Min(hi, maxSafeInt)
}

func nextUp(v, step float64, integer bool) float64 {
	if integer {
		return math.Floor(v) + 1
	}
	return math.Nextafter(v, math.Inf(1))
}

func nextDown(v, step float64, integer bool) float64 {
	if integer {
		return math.Ceil(v) - 1
	}
	return math.Nextafter(v, math.Inf(-1))
}

// pick returns a value in [lo, hi]: near the typical value for Example,
// random otherwise, with most random values in a small range (as real
// inputs are) and a few anywhere.
func (g *Generator) pick(lo, hi, typical float64) float64 {
	if g.typical || lo >= hi {
		return clamp(typical, lo, hi)
	}
	a, b := math.Max(lo, -1000), math.Min(hi, 1000)
	if a > b || g.rng.IntN(8) == 0 {
		a, b = lo, hi
	}
	return a + g.rng.Float64()*(b-a)
}

func clamp(v, lo, hi float64) float64 {
	return math.Min(math.Max(v, lo), hi)
}

func (g *Generator) integer(t *contract.Type) any {
	lo, hi := bounds(t, true)
	v := math.Round(g.pick(lo, hi, 1))
	if m := t.Constraints.MultipleOf; m != nil && *m > 0 {
		v = snapMultiple(v, *m, lo, hi)
	}
	return clamp(v, lo, hi)
}

func (g *Generator) number(t *contract.Type) any {
	lo, hi := bounds(t, false)
	v := g.pick(lo, hi, 1.5)
	if m := t.Constraints.MultipleOf; m != nil && *m > 0 {
		return snapMultiple(v, *m, lo, hi)
	}
	return v
}

// snapMultiple moves v to a multiple of m inside [lo, hi] when there is
// one.
func snapMultiple(v, m, lo, hi float64) float64 {
	k := math.Round(v / m)
	for _, c := range []float64{k, k + 1, k - 1, math.Ceil(lo / m), math.Floor(hi / m)} {
		if x := c * m; x >= lo && x <= hi {
			return x
		}
	}
	return v
}

func (g *Generator) count(min, max *uint64, typical int) int {
	lo, hi := 0, 3
	if !g.typical {
		hi = 4
	}
	if typical == 0 {
		hi = 0
	}
	if min != nil {
		lo = int(min64(*min, 64))
	}
	if max != nil {
		hi = int(min64(*max, uint64(hi)))
	}
	if hi < lo {
		hi = lo
	}
	if g.typical {
		return int(clamp(float64(typical), float64(lo), float64(hi)))
	}
	return lo + g.rng.IntN(hi-lo+1)
}

func min64(a, b uint64) uint64 {
	if a < b {
		return a
	}
	return b
}

// size picks how many items or entries a collection at depth gets:
// one typically, the minimum once deep enough or out of budget.
func (g *Generator) size(min, max *uint64, depth int) int {
	typical := 1
	if depth >= maxDepth || g.budget <= 0 {
		typical = 0
	}
	return g.count(min, max, typical)
}

func (g *Generator) array(t *contract.Type, depth int) any {
	n := g.size(t.Constraints.MinItems, t.Constraints.MaxItems, depth)
	out := make([]any, 0, n)
	seen := map[string]bool{}
	for tries := 0; len(out) < n && tries < 20*n+10; tries++ {
		v := g.value(t.Elem, depth+1, false)
		if t.Constraints.UniqueItems || g.typical {
			if tries > 0 && g.typical {
				// Example repeats itself; vary items through a random
				// generator so unique arrays can still be filled.
				v = (&Generator{rng: g.rng, dir: g.dir}).value(t.Elem, depth+1, false)
			}
			k := key(v)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, v)
	}
	return out
}

func (g *Generator) mapValue(t *contract.Type, depth int) any {
	n := g.size(t.Constraints.MinProperties, t.Constraints.MaxProperties, depth)
	out := make(map[string]any, n)
	for i := 0; i < n; i++ {
		out[propName(i)] = g.value(t.Elem, depth+1, false)
	}
	return out
}

func propName(i int) string {
	return "key" + string(rune('A'+i%26)) + strings.Repeat("x", i/26)
}

// skip reports whether a field does not travel in this direction.
func (g *Generator) skip(f *contract.Field) bool {
	if g.dir == Request {
		return f.ReadOnly || f.Type != nil && f.Type.ReadOnly
	}
	return f.WriteOnly || f.Type != nil && f.Type.WriteOnly
}

func (g *Generator) object(t *contract.Type, depth int) any {
	out := map[string]any{}
	var optional []*contract.Field
	for _, f := range t.Fields {
		if g.skip(f) {
			continue
		}
		if f.Required {
			out[f.Name] = g.value(f.Type, depth+1, f.Nullable)
			continue
		}
		optional = append(optional, f)
	}
	max := len(optional) + len(out) + 3
	if mp := t.Constraints.MaxProperties; mp != nil && int(*mp) < max {
		max = int(*mp)
	}
	for _, f := range optional {
		if len(out) >= max {
			break
		}
		switch {
		case depth >= maxDepth || g.budget <= 0:
			continue
		case g.typical:
		case g.rng.IntN(2) == 0:
			continue
		}
		out[f.Name] = g.value(f.Type, depth+1, f.Nullable)
	}
	// minProperties: add optional fields, then extra properties.
	if mp := t.Constraints.MinProperties; mp != nil {
		for _, f := range optional {
			if len(out) >= int(*mp) {
				break
			}
			if _, ok := out[f.Name]; !ok {
				out[f.Name] = g.value(f.Type, maxDepth, f.Nullable)
			}
		}
		for i := 0; len(out) < int(*mp) && t.Additional != contract.AdditionalFalse && i < 64; i++ {
			if _, ok := out[propName(i)]; !ok && !hasField(t, propName(i)) {
				out[propName(i)] = g.value(t.AdditionalType, maxDepth, false)
			}
		}
	}
	return out
}

func hasField(t *contract.Type, name string) bool {
	for _, f := range t.Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

func (g *Generator) union(t *contract.Type, depth int) any {
	vs := t.Union.Variants
	if len(vs) == 0 || g.unions >= maxUnionNesting {
		return map[string]any{}
	}
	g.unions++
	defer func() { g.unions-- }()
	start := 0
	if !g.typical {
		start = g.rng.IntN(len(vs))
	}
	if depth >= maxDepth {
		// Deep down (a union can be its own variant) one variant is
		// tried, preferring one that is not a union again, so the
		// value ends and the work stays linear in depth.
		vs = []*contract.Variant{leafVariant(vs)}
		start = 0
	}
	var first any
	for i := range vs {
		v := vs[(start+i)%len(vs)]
		val := g.value(v.Type, depth+1, false)
		if d := t.Union.Discriminator; d != "" && len(v.Values) > 0 {
			if obj, ok := val.(map[string]any); ok {
				obj[d] = v.Values[0]
			}
			return val // the discriminator decides
		}
		if i == 0 {
			first = val
		}
		if !t.Union.OneOf || g.unique(t, v, val) {
			return val
		}
	}
	return first
}

// unique reports whether no variant of a oneOf but the chosen one
// accepts val.
func (g *Generator) unique(t *contract.Type, chosen *contract.Variant, val any) bool {
	for _, other := range t.Union.Variants {
		if other != chosen && matches(other.Type, val, 0) {
			return false
		}
	}
	return true
}

// matches reports whether v could be a value of t, judged on shape
// alone: JSON type, enum and const membership, required properties and
// additionalProperties: false, recursively. A oneOf value must match
// exactly one variant, and this is how union picks a variant whose value
// no other variant also accepts.
func matches(t *contract.Type, v any, depth int) bool {
	if t == nil || depth > 2*maxDepth {
		return true
	}
	if v == nil {
		return t.Nullable || t.Kind == contract.KindNull || t.Kind == contract.KindAny || (t.Kind == contract.KindEnum && hasNil(t.Enum))
	}
	if t.HasConst {
		return key(v) == key(t.Const)
	}
	switch t.Kind {
	case contract.KindBool:
		_, ok := v.(bool)
		return ok
	case contract.KindInt:
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case contract.KindNumber:
		_, ok := v.(float64)
		return ok
	case contract.KindString:
		_, ok := v.(string)
		return ok
	case contract.KindEnum:
		for _, e := range t.Enum {
			if key(e) == key(v) {
				return true
			}
		}
		return false
	case contract.KindArray:
		arr, ok := v.([]any)
		if !ok {
			return false
		}
		for _, item := range arr {
			if !matches(t.Elem, item, depth+1) {
				return false
			}
		}
		return true
	case contract.KindMap, contract.KindObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, f := range t.Fields {
			fv, present := obj[f.Name]
			if !present {
				if f.Required {
					return false
				}
				continue
			}
			if fv == nil && f.Nullable {
				continue
			}
			if !matches(f.Type, fv, depth+1) {
				return false
			}
		}
		if t.Additional == contract.AdditionalFalse {
			for k := range obj {
				if !hasField(t, k) {
					return false
				}
			}
		}
		return true
	case contract.KindUnion:
		for _, vr := range t.Union.Variants {
			if matches(vr.Type, v, depth+1) {
				return true
			}
		}
		return false
	case contract.KindNull:
		return false
	}
	return true
}

// leafVariant picks the first variant that is not itself a union, else
// the first one.
func leafVariant(vs []*contract.Variant) *contract.Variant {
	for _, v := range vs {
		if v.Type != nil && v.Type.Kind != contract.KindUnion {
			return v
		}
	}
	return vs[0]
}

// leaf is the value of t at hardDepth: null where allowed, a scalar, or
// an empty container, without looking any deeper. It may break a
// minItems or required constraint of a schema that can never end; it
// never recurses past a chain of unions.
func (g *Generator) leaf(t *contract.Type, nullable bool) any {
	for i := 0; t != nil && t.Kind == contract.KindUnion && i < hardDepth; i++ {
		if len(t.Union.Variants) == 0 {
			break
		}
		t = leafVariant(t.Union.Variants).Type
	}
	switch {
	case t == nil:
		return map[string]any{}
	case t.HasConst:
		return t.Const
	case nullable || t.Nullable || t.Kind == contract.KindNull:
		return nil
	}
	if v, ok := g.scalar(t); ok {
		return v
	}
	if t.Kind == contract.KindArray {
		return []any{}
	}
	return map[string]any{}
}

// scalar makes a value of a type that holds no other type: boolean,
// integer, number, string or enum; ok is false for any other kind.
func (g *Generator) scalar(t *contract.Type) (v any, ok bool) {
	switch t.Kind {
	case contract.KindBool:
		if g.typical {
			return true, true
		}
		return g.rng.IntN(2) == 0, true
	case contract.KindInt:
		return g.integer(t), true
	case contract.KindNumber:
		return g.number(t), true
	case contract.KindString:
		return g.str(t), true
	case contract.KindEnum:
		return g.enum(t), true
	}
	return nil, false
}
