package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// paramDefault sets up the default of an optional scalar parameter: the
// server applies it before the handler sees the request, so the handler
// never meets an absent value. The parameter is held by value (not a
// pointer) when its Go zero value cannot be told from "not sent" — the
// zero value is the default itself, or the schema does not take it — so
// the client sends it only when it is not the zero value. Otherwise (a
// boolean defaulting to true, a count defaulting to 20 that may be 0) it
// stays a pointer, which the server sets to the default when absent, so
// the client can still send the zero value.
func (g *gen) paramDefault(pi *paramInfo) {
	p := pi.p
	if p.Required || pi.enc != encScalar || p.Type == nil || !p.Type.HasDefault || g.defaultLit(p.Type) == nil {
		return
	}
	pi.dflt = true
	if zeroMeansUnset(p.Type) {
		pi.shape = shapeValue
	}
}

// zeroMeansUnset reports whether the Go zero value of the scalar type t is
// its default or a value t does not take.
func zeroMeansUnset(t *contract.Type) bool {
	kind := t.Kind
	if kind == contract.KindEnum {
		for _, v := range t.Enum {
			if v == zeroOf(t.Base) {
				return v == t.Default
			}
		}
		return true // the zero value is no member
	}
	if t.Default == zeroOf(kind) {
		return true
	}
	c := t.Constraints
	switch kind {
	case contract.KindInt, contract.KindNumber:
		return c.Minimum != nil && (*c.Minimum > 0 || *c.Minimum == 0 && c.ExclusiveMinimum) ||
			c.Maximum != nil && (*c.Maximum < 0 || *c.Maximum == 0 && c.ExclusiveMaximum)
	case contract.KindString:
		return c.MinLength != nil && *c.MinLength > 0
	}
	return false
}

// zeroOf is the decoded JSON value of a scalar kind's Go zero value.
func zeroOf(kind contract.Kind) any {
	switch kind {
	case contract.KindBool:
		return false
	case contract.KindInt, contract.KindNumber:
		return 0.0
	case contract.KindString:
		return ""
	}
	return nil
}

// setParamDefault is the statement giving req's parameter its default
// before the request is read; nil for parameters without one.
func (g *gen) setParamDefault(pi paramInfo) jen.Code {
	if !pi.dflt {
		return nil
	}
	v := g.typeExpr(pi.p.Type).Call(g.defaultLit(pi.p.Type))
	if pi.shape == shapePointer {
		return jen.Block(jen.Id("v").Op(":=").Add(v), jen.Id("req").Dot(pi.goName).Op("=").Op("&").Id("v"))
	}
	return jen.Id("req").Dot(pi.goName).Op("=").Add(v)
}

// sentUnlessZero wraps the client's statements sending a defaulted
// parameter held by value: its zero value means not given.
func (g *gen) sentUnlessZero(pi paramInfo, send []jen.Code) []jen.Code {
	if !pi.dflt || pi.shape != shapeValue {
		return send
	}
	return []jen.Code{jen.If(nonZero(pi.p.Type, jen.Id("req").Dot(pi.goName))).Block(send...)}
}

// nonZero is the condition that v, a value of the scalar or list type t,
// is not its Go zero value; nil for types it cannot tell (structs, times).
func nonZero(t *contract.Type, v *jen.Statement) *jen.Statement {
	kind := t.Kind
	if kind == contract.KindEnum {
		kind = t.Base
	}
	switch {
	case kind == contract.KindBool:
		return v
	case kind == contract.KindString && t.Format != "date-time" && t.Format != "byte":
		return v.Op("!=").Lit("")
	case kind == contract.KindInt && intRepOf(t) == repDecimal:
		return v.Op("!=").Lit("")
	case kind == contract.KindInt || kind == contract.KindNumber:
		return v.Op("!=").Lit(0)
	case kind == contract.KindArray || kind == contract.KindMap || kind == contract.KindString && t.Format == "byte":
		return jen.Len(v).Op(">").Lit(0)
	}
	return nil
}

// defaultDoc documents a defaulted parameter's field.
func defaultDoc(pi paramInfo) string {
	doc := "Default: " + jsonText(pi.p.Type.Default) + ", set by the server when the request leaves it out"
	if pi.shape == shapeValue {
		return doc + "; the client sends it unless it is the zero value."
	}
	return doc + "."
}

// hasSetDefaults reports struct types that get a SetDefaults method: an
// optional property with a default of its own, or a property (or array
// item) of such a type.
func (g *gen) hasSetDefaults(t *contract.Type) bool {
	if g.withDefaults == nil {
		g.withDefaults = g.closure(func(fi fieldInfo) bool { return g.ownDefault(fi) != nil }, func(t *contract.Type) []*contract.Type {
			if t.Kind == contract.KindArray && t.Elem != nil && !t.Elem.Nullable {
				return []*contract.Type{t, t.Elem} // SetDefaults loops over items held by value
			}
			return []*contract.Type{t}
		})
	}
	return g.withDefaults[t]
}

// isStruct reports types emitted as a Go struct.
func (g *gen) isStruct(t *contract.Type) bool {
	return t.Kind == contract.KindObject && g.typeNames[t] != ""
}

// ownDefault is the literal of an optional pointer property's default;
// nil when it has none that fits its Go type.
func (g *gen) ownDefault(fi fieldInfo) jen.Code {
	ft := fi.f.Type
	if fi.shape != shapePointer || fi.f.Required || !ft.HasDefault {
		return nil
	}
	return g.defaultLit(ft)
}

// nestedSetDefaults are the statements of SetDefaults applying the
// defaults of the struct-typed properties and array items of fi.
func (g *gen) nestedSetDefaults(fi fieldInfo) []jen.Code {
	ft := fi.f.Type
	v := jen.Id("v").Dot(fi.goName)
	switch {
	case g.hasSetDefaults(ft):
		switch fi.shape {
		case shapePointer:
			return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(v.Clone().Dot("SetDefaults").Call())}
		case shapeNullable:
			return []jen.Code{jen.If(v.Clone().Dot("Set").Op("&&").Op("!").Add(v.Clone()).Dot("Null")).Block(v.Clone().Dot("Value").Dot("SetDefaults").Call())}
		}
		return []jen.Code{v.Clone().Dot("SetDefaults").Call()}
	case ft.Kind == contract.KindArray && ft.Elem != nil && !ft.Elem.Nullable && g.hasSetDefaults(ft.Elem) && fi.shape != shapeNullable:
		return []jen.Code{jen.For(jen.Id("i").Op(":=").Range().Add(v.Clone())).Block(v.Clone().Index(jen.Id("i")).Dot("SetDefaults").Call())}
	}
	return nil
}

// bodySetDefaults applies the defaults of a decoded request body's
// properties, once it has been validated, before the handler sees it.
func (g *gen) bodySetDefaults(oi *opInfo) []jen.Code {
	b := oi.body
	if b.mode != bodyTyped || b.typ == nil {
		return nil
	}
	body := jen.Id("req").Dot("Body")
	var stmt jen.Code
	switch {
	case g.hasSetDefaults(b.typ):
		stmt = body.Clone().Dot("SetDefaults").Call()
	case b.typ.Kind == contract.KindArray && b.typ.Elem != nil && !b.typ.Elem.Nullable && g.hasSetDefaults(b.typ.Elem):
		items := body.Clone()
		if !b.required {
			items = jen.Parens(jen.Op("*").Add(body.Clone()))
		}
		stmt = jen.For(jen.Id("i").Op(":=").Range().Add(items.Clone())).Block(items.Clone().Index(jen.Id("i")).Dot("SetDefaults").Call())
	default:
		return nil
	}
	if b.required {
		return []jen.Code{stmt}
	}
	return []jen.Code{jen.If(body.Clone().Op("!=").Nil()).Block(stmt)}
}
