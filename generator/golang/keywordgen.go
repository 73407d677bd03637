package golang

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// The JSON Schema keywords Go types cannot express (if/then/else,
// dependentRequired, dependentSchemas, unevaluatedProperties, prefixItems,
// contains, patternProperties, propertyNames, not, contentMediaType) are
// checked on the value: Validate encodes it and runs checkSchema (ordinary
// Go in runtime/schemacheck.go, copied into the package with the rest of
// the runtime it uses) over a table of schema nodes emitted here, one per
// subschema, in schema.gen.go. Subschemas refer to each other by index, so recursive
// schemas need no initialisation order.

// Fixed node indices: 0 is "no schema", 1 accepts anything, 2 nothing.
const (
	nodeTrue  = 1
	nodeFalse = 2
)

// nodeKey identifies a full node: a type, and whether null is allowed
// besides what the type says (a nullable property of a non-nullable type).
type nodeKey struct {
	t        *contract.Type
	nullable bool
}

// schemaNodes is the table being built for the package.
type schemaNodes struct {
	lits     []jen.Code // index → literal, nil while being filled
	full     map[nodeKey]int
	keywords map[*contract.Type]int
}

// keywordCheck is the statement checking value (of t's Go type) against
// t's Keywords, returning a *ValidationError under path; nil when t has
// none.
func (g *gen) keywordCheck(t *contract.Type, value, path jen.Code) []jen.Code {
	if t == nil || t.Keywords == nil {
		return nil
	}
	n := g.keywordNode(t)
	return []jen.Code{jen.If(jen.Id("e").Op(":=").Id("checkSchema").Call(jen.Id("schemaNodes"), jen.Lit(n), value), jen.Id("e").Op("!=").Nil()).Block(
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Add(path).Op("+").Id("e").Dot("Pointer"), jen.Id("Message"): jen.Id("e").Dot("Message")})),
	)}
}

// table returns the node table, starting it with the fixed nodes.
func (g *gen) table() *schemaNodes {
	if g.nodes == nil {
		g.nodes = &schemaNodes{
			lits:     []jen.Code{jen.Values(), jen.Values(), jen.Values(jen.Dict{jen.Id("never"): jen.True()})},
			full:     map[nodeKey]int{},
			keywords: map[*contract.Type]int{},
		}
	}
	return g.nodes
}

// reserve takes the next index, to be filled once its subschemas have
// theirs (a recursive schema refers to its own index).
func (sn *schemaNodes) reserve() int {
	sn.lits = append(sn.lits, nil)
	return len(sn.lits) - 1
}

// keywordNode is the node of t's Keywords alone: what Validate checks on
// top of what t's Go type and constraints already enforce. For
// unevaluatedProperties it lists t's own properties as evaluated.
func (g *gen) keywordNode(t *contract.Type) int {
	sn := g.table()
	if n, ok := sn.keywords[t]; ok {
		return n
	}
	n := sn.reserve()
	sn.keywords[t] = n
	d := jen.Dict{}
	if k := t.Keywords; k.Unevaluated != contract.AdditionalUnspecified {
		var props []jen.Code
		for _, f := range t.Fields {
			if !f.Conditional {
				props = append(props, jen.Values(jen.Lit(f.Name), jen.Lit(nodeTrue)))
			}
		}
		if len(props) > 0 {
			d[jen.Id("properties")] = jen.Index().Id("schemaProperty").Values(props...)
		}
	}
	requiredField(d, t.Keywords.Required)
	g.keywordFields(t.Keywords, d)
	sn.lits[n] = jen.Values(d)
	return n
}

// schemaFormats are the string formats the schema checker checks in a
// subschema: those Validate checks (formatChecks) and those the Go types
// check when decoding (time.Time, []byte), by the same runtime functions.
var schemaFormats = map[string]bool{
	"date-time": true, "byte": true,
	"date": true, "uuid": true, "email": true, "uri": true, "ipv4": true, "ipv6": true,
}

// fullNode is the node of everything t says, for a subschema matched
// against a value as a whole, its string format included (those the
// generated types check: schemaFormats).
func (g *gen) fullNode(t *contract.Type, nullable bool) int {
	if t == nil {
		return 0
	}
	if never(t) {
		return nodeFalse
	}
	if isTrue(t) && !t.Nullable {
		return nodeTrue
	}
	nullable = nullable || t.Nullable
	sn := g.table()
	key := nodeKey{t, nullable}
	if n, ok := sn.full[key]; ok {
		return n
	}
	n := sn.reserve()
	sn.full[key] = n
	d := jen.Dict{}
	if types := jsonTypes(t); len(types) > 0 {
		if nullable {
			types = append(types, "null")
		}
		var lits []jen.Code
		for _, ty := range types {
			lits = append(lits, jen.Lit(ty))
		}
		d[jen.Id("types")] = jen.Index().String().Values(lits...)
	}
	if t.Kind == contract.KindString && schemaFormats[t.Format] {
		d[jen.Id("format")] = jen.Lit(t.Format)
	}
	if t.Kind == contract.KindEnum {
		var vals []jen.Code
		for _, v := range t.Enum {
			vals = append(vals, anyLit(v, 0))
		}
		if nullable {
			vals = append(vals, jen.Nil())
		}
		d[jen.Id("enum")] = jen.Index().Any().Values(vals...)
	}
	if t.HasConst {
		d[jen.Id("hasConst")], d[jen.Id("constVal")] = jen.True(), anyLit(t.Const, 0)
	}
	g.constraintFields(t.Constraints, d)
	var req []string
	switch t.Kind {
	case contract.KindArray:
		if e := g.fullNode(t.Elem, false); e != 0 && !isTrue(t.Elem) {
			d[jen.Id("items")] = jen.Lit(e)
		}
	case contract.KindMap:
		if e := g.fullNode(t.Elem, false); e != 0 && !isTrue(t.Elem) {
			d[jen.Id("additional")] = jen.Lit(e)
		}
	case contract.KindObject:
		var props []jen.Code
		for _, f := range t.Fields {
			if f.Conditional {
				continue
			}
			props = append(props, jen.Values(jen.Lit(f.Name), jen.Lit(g.fullNode(f.Type, f.Nullable))))
			if mustBePresent(f) {
				req = append(req, f.Name)
			}
		}
		if len(props) > 0 {
			d[jen.Id("properties")] = jen.Index().Id("schemaProperty").Values(props...)
		}
		switch t.Additional {
		case contract.AdditionalFalse:
			d[jen.Id("additional")] = jen.Lit(nodeFalse)
		case contract.AdditionalTyped:
			d[jen.Id("additional")] = jen.Lit(g.fullNode(t.AdditionalType, false))
		}
	case contract.KindUnion:
		if t.Union != nil {
			var vs []jen.Code
			for _, v := range t.Union.Variants {
				vs = append(vs, jen.Lit(g.fullNode(v.Type, false)))
			}
			kw := "anyOf"
			if t.Union.OneOf {
				kw = "oneOf"
			}
			d[jen.Id(kw)] = jen.Index().Int().Values(vs...)
		}
	}
	if t.Keywords != nil {
		req = append(req, t.Keywords.Required...)
		g.keywordFields(t.Keywords, d)
	}
	requiredField(d, req)
	sn.lits[n] = jen.Values(d)
	return n
}

// requiredField sets the node's required names, if any.
func requiredField(d jen.Dict, names []string) {
	if len(names) == 0 {
		return
	}
	var lits []jen.Code
	for _, r := range names {
		lits = append(lits, jen.Lit(r))
	}
	d[jen.Id("required")] = jen.Index().String().Values(lits...)
}

// never reports the boolean schema false, as the model holds it.
func never(t *contract.Type) bool {
	k := t.Keywords
	return k != nil && k.Not != nil && isTrue(k.Not) && t.Kind == contract.KindAny
}

// isTrue reports a type that accepts every value.
func isTrue(t *contract.Type) bool {
	return t.Kind == contract.KindAny && t.Keywords == nil && t.Constraints.Empty() && !t.HasConst
}

// jsonTypes are the JSON types t admits, empty for any.
func jsonTypes(t *contract.Type) []string {
	kind := t.Kind
	if kind == contract.KindEnum {
		kind = t.Base
	}
	switch kind {
	case contract.KindBool:
		return []string{"boolean"}
	case contract.KindInt:
		return []string{"integer"}
	case contract.KindNumber:
		return []string{"number"}
	case contract.KindString:
		return []string{"string"}
	case contract.KindArray:
		return []string{"array"}
	case contract.KindMap, contract.KindObject:
		return []string{"object"}
	case contract.KindNull:
		return []string{"null"}
	}
	return nil
}

// constraintFields adds the node fields of c.
func (g *gen) constraintFields(c contract.Constraints, d jen.Dict) {
	num := func(name string, v *float64) {
		if v != nil {
			d[jen.Id(name)] = jen.Id("schemaRef").Call(jen.Lit(*v))
		}
	}
	count := func(name string, v *uint64) {
		if v != nil {
			d[jen.Id(name)] = jen.Id("schemaRef").Call(jen.Lit(int(min(*v, math.MaxInt32))))
		}
	}
	least := func(name string, v *uint64) {
		if v != nil && *v > 0 {
			d[jen.Id(name)] = jen.Lit(int(min(*v, math.MaxInt32)))
		}
	}
	num("minimum", c.Minimum)
	num("maximum", c.Maximum)
	num("multipleOf", c.MultipleOf)
	if c.ExclusiveMinimum {
		d[jen.Id("exclusiveMinimum")] = jen.True()
	}
	if c.ExclusiveMaximum {
		d[jen.Id("exclusiveMaximum")] = jen.True()
	}
	least("minLength", c.MinLength)
	count("maxLength", c.MaxLength)
	if c.Pattern != "" {
		d[jen.Id("pattern")] = jen.Qual("regexp", "MustCompile").Call(jen.Lit(c.Pattern))
	}
	least("minItems", c.MinItems)
	count("maxItems", c.MaxItems)
	if c.UniqueItems {
		d[jen.Id("uniqueItems")] = jen.True()
	}
	least("minProperties", c.MinProperties)
	count("maxProperties", c.MaxProperties)
}

// keywordFields adds the node fields of k.
func (g *gen) keywordFields(k *contract.Keywords, d jen.Dict) {
	node := func(name string, t *contract.Type) {
		if t != nil {
			d[jen.Id(name)] = jen.Lit(g.fullNode(t, false))
		}
	}
	if k.If != nil {
		node("ifNode", k.If)
		d[jen.Id("thenNode")], d[jen.Id("elseNode")] = jen.Lit(g.fullNode(k.Then, false)), jen.Lit(g.fullNode(k.Else, false))
	}
	node("not", k.Not)
	deps := func(name string, list []contract.Dependency) {
		var lits []jen.Code
		for _, dep := range list {
			e := jen.Dict{jen.Id("property"): jen.Lit(dep.Property)}
			if len(dep.Required) > 0 {
				var req []jen.Code
				for _, r := range dep.Required {
					req = append(req, jen.Lit(r))
				}
				e[jen.Id("required")] = jen.Index().String().Values(req...)
			}
			if dep.Type != nil {
				e[jen.Id("node")] = jen.Lit(g.fullNode(dep.Type, false))
			}
			lits = append(lits, jen.Values(e))
		}
		if len(lits) > 0 {
			d[jen.Id(name)] = jen.Index().Id("schemaDependency").Values(lits...)
		}
	}
	deps("dependentRequired", k.DependentRequired)
	deps("dependentSchemas", k.DependentSchemas)
	var pats []jen.Code
	for _, p := range k.PatternProperties {
		pats = append(pats, jen.Values(jen.Qual("regexp", "MustCompile").Call(jen.Lit(p.Pattern)), jen.Lit(g.fullNode(p.Type, false))))
	}
	if len(pats) > 0 {
		d[jen.Id("patternProperties")] = jen.Index().Id("schemaPattern").Values(pats...)
	}
	node("propertyNames", k.PropertyNames)
	switch k.Unevaluated {
	case contract.AdditionalFalse:
		d[jen.Id("unevaluated")] = jen.Lit(nodeFalse)
	case contract.AdditionalTyped:
		node("unevaluated", k.UnevaluatedType)
	}
	if len(k.PrefixItems) > 0 {
		var ns []jen.Code
		for _, p := range k.PrefixItems {
			ns = append(ns, jen.Lit(g.fullNode(p, false)))
		}
		d[jen.Id("prefixItems")] = jen.Index().Int().Values(ns...)
		node("items", k.Items)
	}
	if k.Contains != nil {
		node("contains", k.Contains)
		if k.MinContains != nil {
			d[jen.Id("minContains")] = jen.Id("schemaRef").Call(jen.Lit(int(min(*k.MinContains, math.MaxInt32))))
		}
		if k.MaxContains != nil {
			d[jen.Id("maxContains")] = jen.Id("schemaRef").Call(jen.Lit(int(min(*k.MaxContains, math.MaxInt32))))
		}
	}
	if k.ContentEncoding == "base64" {
		d[jen.Id("contentBase64")] = jen.True()
	}
	if contentJSON(k.ContentMediaType) {
		d[jen.Id("contentJSON")] = jen.True()
		node("contentSchema", k.ContentSchema)
	}
}

// contentJSON reports the media types whose content checkSchema parses.
func contentJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// anyLit is a Go expression for a decoded JSON value, as encoding/json
// decodes it into any (numbers are float64).
func anyLit(v any, depth int) jen.Code {
	if depth > 64 {
		return jen.Nil()
	}
	switch x := v.(type) {
	case nil:
		return jen.Nil()
	case bool, string:
		return jen.Lit(x)
	case float64:
		return jen.Lit(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d := jen.Dict{}
		for _, k := range keys {
			d[jen.Lit(k)] = anyLit(x[k], depth+1)
		}
		return jen.Map(jen.String()).Any().Values(d)
	case []any:
		var items []jen.Code
		for _, e := range x {
			items = append(items, anyLit(e, depth+1))
		}
		return jen.Index().Any().Values(items...)
	}
	var f float64
	if _, err := fmt.Sscan(fmt.Sprint(v), &f); err == nil {
		return jen.Lit(f) // json.Number, integers
	}
	return jen.Lit(fmt.Sprint(v))
}

// schemaFiles renders the node table when any Validate uses checkSchema;
// nothing otherwise.
func (g *gen) schemaFiles(pkg string) ([]generator.File, error) {
	if g.nodes == nil {
		return nil, nil
	}
	f := jen.NewFile(pkg)
	f.HeaderComment(Header)
	f.Comment("schemaNodes are the contract's schemas that checkSchema applies to values,")
	f.Comment("for the keywords Go types cannot express; subschemas refer to each other by index.")
	f.Var().Id("schemaNodes").Op("=").Index().Id("schemaNode").ValuesFunc(func(gr *jen.Group) {
		for i, l := range g.nodes.lits {
			gr.Line().Comment(fmt.Sprint(i)).Line().Add(l)
		}
		gr.Line()
	})
	var buf strings.Builder
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("schema.gen.go: render: %w", err)
	}
	return []generator.File{{Name: "schema.gen.go", Data: []byte(buf.String())}}, nil
}
