package docs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// A schema is shown as a tree of nodes: one per property, array item,
// union variant or additional-properties value. Trees stay small because
// a shared type (a component schema, or any named type used in more than
// one place) is drawn once, in the Schemas section, and everywhere else
// appears as a reference to it: a link, which the page's script expands
// in place on demand by copying the drawn tree. Inline types are drawn
// where they are used. A recursive type is therefore always cut at a
// shared type, and a type already on the path is never drawn again.

// node is one line of a schema tree.
type node struct {
	// Name is the property name; empty for a root, an item or a variant.
	Name string
	// Label replaces Name for unnamed lines: "items", "option 1",
	// "type = click", "additional properties".
	Label string

	Required, Nullable, ReadOnly, WriteOnly, Deprecated bool

	// Type is the JSON type as read: "string", "integer", "object",
	// "array of string", "map of integer", "one of", "any of" …
	Type   string
	Format string
	// Ref is set when the type is shown by name: the shared type's entry.
	// RefPrefix is what precedes the name in Type ("array of ").
	Ref       *schemaRef
	RefPrefix string
	// Cut is set when the type is already on the path (recursion).
	Cut bool

	// Facts are constraints and values: "≥ 1", "default: 20", "pattern: ^a" …
	Facts []string
	// Enum lists the allowed values, JSON-encoded.
	Enum []string

	Description string

	Kids          []*node
	Discriminator string
	// Lazy, when set, names the JSON entry the page draws Kids from.
	Lazy string
}

// schemaRef names a shared type and where it is drawn.
type schemaRef struct {
	Name   string
	Anchor string
	// Kind is the shared type's shape, shown beside its name.
	Kind string
}

// sharedTypes decides which named types are drawn once in the Schemas
// section: component schemas (and whole-file $refs), and any named type
// referenced from more than one place. It returns them in Model order.
func sharedTypes(m *contract.Model) []*contract.Type {
	refs := map[*contract.Type]int{}
	seen := map[*contract.Type]bool{}
	var visit func(t *contract.Type)
	edge := func(t *contract.Type) {
		if t == nil {
			return
		}
		refs[t]++
		visit(t)
	}
	visit = func(t *contract.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		edge(t.Elem)
		if t.AdditionalType != t.Elem {
			edge(t.AdditionalType)
		}
		for _, f := range t.Fields {
			edge(f.Type)
		}
		if t.Union != nil {
			for _, v := range t.Union.Variants {
				edge(v.Type)
			}
		}
	}
	for _, o := range m.Operations {
		for _, p := range o.Params {
			edge(p.Type)
		}
		if o.Body != nil {
			for _, c := range o.Body.Contents {
				edge(c.Type)
			}
		}
		for _, r := range o.Responses {
			for _, h := range r.Headers {
				edge(h.Type)
			}
			for _, c := range r.Contents {
				edge(c.Type)
			}
		}
	}
	for _, t := range m.Types {
		visit(t)
	}
	var out []*contract.Type
	for _, t := range m.Types {
		if t.Name != "" && (isComponent(t.Source.Pointer) || refs[t] > 1) {
			out = append(out, t)
		}
	}
	return out
}

// isComponent reports whether a pointer names a reusable schema: a
// component, a Swagger definition or a whole file.
func isComponent(p string) bool {
	for _, prefix := range []string{"/components/schemas/", "/definitions/"} {
		if rest, ok := strings.CutPrefix(p, prefix); ok {
			return rest != "" && !strings.Contains(rest, "/")
		}
	}
	return p == "" || strings.Count(p, "/") == 1
}

// kindName is the JSON-Schema word for a type's shape.
func kindName(t *contract.Type) string {
	switch t.Kind {
	case contract.KindAny:
		return "any"
	case contract.KindBool:
		return "boolean"
	case contract.KindInt:
		return "integer"
	case contract.KindNumber:
		return "number"
	case contract.KindString:
		return "string"
	case contract.KindArray:
		return "array"
	case contract.KindMap, contract.KindObject:
		return "object"
	case contract.KindEnum:
		if t.Base == contract.KindAny {
			return "enum"
		}
		return kindName(&contract.Type{Kind: t.Base})
	case contract.KindUnion:
		if t.Union != nil && t.Union.OneOf {
			return "one of"
		}
		return "any of"
	case contract.KindNull:
		return "null"
	}
	return "any"
}

// treeBuilder draws trees; path holds the types being drawn, to cut
// recursion, and depth how deep the current line is.
type treeBuilder struct {
	shared map[*contract.Type]*schemaRef
	path   map[*contract.Type]bool
	allOf  *allOfIndex
	depth  int
}

// maxTreeDepth bounds how deep a tree is drawn: deeper lines are cut as
// recursion is. Recursion always comes back through a type on the path,
// so this is a second guard, against contracts nested absurdly deep (a
// reader does not unfold 64 levels either).
const maxTreeDepth = 64

// root draws t as the top of a tree: a shared type is drawn in full only
// when expand is set (its own Schemas entry).
func (b *treeBuilder) root(t *contract.Type, expand bool) *node {
	n := &node{}
	b.fill(n, t, expand)
	return n
}

// fill describes t on n and draws its children.
func (b *treeBuilder) fill(n *node, t *contract.Type, expand bool) {
	if t == nil {
		n.Type = "any"
		return
	}
	// Arrays and maps of anonymous types read "array of …"; an array of
	// itself (a recursive array without a shared name) stops the chain.
	var prefix []string
	var chain map[*contract.Type]bool
	for (t.Kind == contract.KindArray || t.Kind == contract.KindMap) && t.Elem != nil && (b.shared[t] == nil || expand) && !b.path[t] && !chain[t] {
		if chain == nil {
			chain = map[*contract.Type]bool{}
		}
		chain[t] = true
		if t.Kind == contract.KindArray {
			prefix = append(prefix, "array of")
			n.Facts = append(n.Facts, itemFacts(t)...)
		} else {
			prefix = append(prefix, "map of")
			n.Facts = append(n.Facts, propFacts(t.Constraints)...)
		}
		if n.Description == "" && len(prefix) > 1 {
			n.Description = t.Description
		}
		expand = false
		t = t.Elem
		if t.Nullable && len(prefix) > 0 {
			n.Facts = append(n.Facts, "items nullable")
		}
	}
	join := func(s string) string {
		if len(prefix) == 0 {
			return s
		}
		return strings.Join(prefix, " ") + " " + s
	}
	if ref := b.shared[t]; ref != nil && !expand {
		n.Ref = ref
		n.Type = join(ref.Name)
		n.RefPrefix = strings.TrimSuffix(n.Type, ref.Name)
		return
	}
	if b.path[t] || chain[t] || b.depth >= maxTreeDepth {
		// Recursion through a type that is not shared (a shared one is a
		// link, above): say what it is and stop.
		n.Cut = true
		n.Type = join(kindName(t))
		if t.Name != "" {
			n.Type = join(t.Name)
		}
		return
	}
	n.Format = t.Format
	n.Type = join(kindName(t))
	if len(prefix) == 0 {
		n.Nullable = n.Nullable || t.Nullable
		n.ReadOnly = n.ReadOnly || t.ReadOnly
		n.WriteOnly = n.WriteOnly || t.WriteOnly
		n.Deprecated = n.Deprecated || t.Deprecated
	}
	if t.Kind == contract.KindObject {
		if ms := b.allOf.members(t.Source); len(ms) > 0 {
			n.Facts = append(n.Facts, "all of: "+strings.Join(ms, ", "))
		}
	}
	n.Facts = append(n.Facts, valueFacts(t)...)
	if t.Lossy {
		n.Facts = append(n.Facts, "not enforced: "+t.LossyReason)
	}
	if t.Kind == contract.KindEnum {
		for _, v := range t.Enum {
			n.Enum = append(n.Enum, jsonText(v, 60))
		}
	}
	b.path[t] = true
	b.depth++
	defer func() {
		delete(b.path, t)
		b.depth--
	}()
	switch t.Kind {
	case contract.KindObject, contract.KindMap:
		for _, f := range t.Fields {
			k := &node{Name: f.Name, Required: f.Required, Nullable: f.Nullable, ReadOnly: f.ReadOnly, WriteOnly: f.WriteOnly, Deprecated: f.Deprecated, Description: f.Description}
			if k.Description == "" && f.Type != nil && b.shared[f.Type] == nil {
				k.Description = f.Type.Description
			}
			b.fill(k, f.Type, false)
			n.Kids = append(n.Kids, k)
		}
		switch t.Additional {
		case contract.AdditionalTyped:
			if t.Kind == contract.KindObject && t.AdditionalType != nil {
				k := &node{Label: "additional properties"}
				b.fill(k, t.AdditionalType, false)
				n.Kids = append(n.Kids, k)
			}
		case contract.AdditionalFalse:
			n.Facts = append(n.Facts, "no additional properties")
		case contract.AdditionalAny:
			if len(t.Fields) > 0 {
				n.Facts = append(n.Facts, "additional properties allowed")
			}
		}
		n.Facts = append(n.Facts, propFacts(t.Constraints)...)
	case contract.KindUnion:
		if t.Union == nil {
			break
		}
		n.Discriminator = t.Union.Discriminator
		for i, v := range t.Union.Variants {
			k := &node{Label: fmt.Sprintf("option %d", i+1)}
			if len(v.Values) > 0 && t.Union.Discriminator != "" {
				quoted := make([]string, len(v.Values))
				for j, val := range v.Values {
					quoted[j] = strconv.Quote(val)
				}
				k.Label = t.Union.Discriminator + " = " + strings.Join(quoted, " | ")
			}
			if v.Type != nil && b.shared[v.Type] == nil {
				k.Description = v.Type.Description
			}
			b.fill(k, v.Type, false)
			n.Kids = append(n.Kids, k)
		}
	}
}

// itemFacts are an array's constraints.
func itemFacts(t *contract.Type) []string {
	c := t.Constraints
	var out []string
	if s := rangeText(c.MinItems, c.MaxItems, "items"); s != "" {
		out = append(out, s)
	}
	if c.UniqueItems {
		out = append(out, "unique items")
	}
	return out
}

// propFacts are an object's property-count constraints.
func propFacts(c contract.Constraints) []string {
	if s := rangeText(c.MinProperties, c.MaxProperties, "properties"); s != "" {
		return []string{s}
	}
	return nil
}

// rangeText says "1–10 items", "≥ 1 items", "≤ 10 items" or "".
func rangeText(lo, hi *uint64, what string) string {
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return fmt.Sprintf("exactly %d %s", *lo, what)
	case lo != nil && hi != nil:
		return fmt.Sprintf("%d–%d %s", *lo, *hi, what)
	case lo != nil && *lo > 0:
		return fmt.Sprintf("≥ %d %s", *lo, what)
	case hi != nil:
		return fmt.Sprintf("≤ %d %s", *hi, what)
	}
	return ""
}

// valueFacts are a scalar's constraints, default, const and example.
func valueFacts(t *contract.Type) []string {
	c := t.Constraints
	var out []string
	if c.Minimum != nil {
		op := "≥"
		if c.ExclusiveMinimum {
			op = ">"
		}
		out = append(out, op+" "+num(*c.Minimum))
	}
	if c.Maximum != nil {
		op := "≤"
		if c.ExclusiveMaximum {
			op = "<"
		}
		out = append(out, op+" "+num(*c.Maximum))
	}
	if c.MultipleOf != nil {
		out = append(out, "multiple of "+num(*c.MultipleOf))
	}
	if s := rangeText(c.MinLength, c.MaxLength, "chars"); s != "" {
		out = append(out, s)
	}
	if c.Pattern != "" {
		out = append(out, "pattern: "+c.Pattern)
	}
	if t.HasConst {
		out = append(out, "const: "+jsonText(t.Const, 80))
	}
	if t.HasDefault {
		out = append(out, "default: "+jsonText(t.Default, 80))
	}
	if t.HasExample && t.Kind != contract.KindObject && t.Kind != contract.KindArray {
		out = append(out, "example: "+jsonText(t.Example, 80))
	}
	return out
}

// marshalJSON encodes v without HTML escaping (every output escapes for
// its own context), indented when indent is not empty.
func marshalJSON(v any, indent string) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// num prints a float without exponent or trailing zeros.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// jsonText is v as compact JSON, cut to max runes with "…".
func jsonText(v any, max int) string {
	s, err := marshalJSON(v, "")
	if err != nil {
		return fmt.Sprint(v)
	}
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}
