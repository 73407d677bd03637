package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// Response headers holding an object (contract.HeaderObject, a struct of
// scalar properties) or a map of scalars (contract.HeaderMap), in style
// simple: a,1,b,2, or a=1,b=2 with explode. They are written and read
// with the code object query parameters use: the properties go through a
// url.Values (encodeValues, objectFields), which the runtime's
// paramstyle.go turns into the header's items (objectItems, styleHeader)
// and back (splitObject).

// writeObjectHeader emits the server's statements setting header hi from
// val, an object or map; nothing is set for a nil pointer or map, or an
// object without a property set.
func (g *gen) writeObjectHeader(hi headerInfo, val *jen.Statement) []jen.Code {
	t, name := hi.h.Type, hi.h.Name
	set := func(items jen.Code) jen.Code {
		return jen.If(jen.Id("items").Op(":=").Add(items), jen.Len(jen.Id("items")).Op(">").Lit(0)).Block(
			jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit(name), jen.Id("styleHeader").Call(jen.Lit(hi.h.Explode), jen.True(), jen.Id("items"))))
	}
	if hi.mapped {
		return []jen.Code{set(jen.Id("mapItems").Call(val, g.formatFunc(t.Elem)))}
	}
	obj := val.Clone()
	shape := g.shapeOf(t, hi.h.Required, false)
	if shape == shapePointer {
		obj = jen.Parens(jen.Op("*").Add(val.Clone()))
	}
	block := []jen.Code{jen.Id("hv").Op(":=").Qual("net/url", "Values").Values()}
	var names []jen.Code
	for _, fi := range g.structFields(t) {
		block = append(block, g.encodeValues("hv", fi.f.Name, fi.f.Type, fi.shape, obj.Clone().Dot(fi.goName))...)
		names = append(names, jen.Lit(fi.f.Name))
	}
	block = append(block, set(jen.Id("objectItems").Call(append([]jen.Code{jen.Id("hv")}, names...)...)))
	if shape == shapePointer {
		return []jen.Code{jen.If(val.Clone().Op("!=").Nil()).Block(block...)}
	}
	return []jen.Code{jen.Block(block...)}
}

// parseObjectHeader emits the client's statements reading header hi, the
// string s, into target; fail builds the statement returning an error.
func (g *gen) parseObjectHeader(hi headerInfo, target *jen.Statement, fail func(string) jen.Code) []jen.Code {
	t := hi.h.Type
	out := []jen.Code{
		jen.List(jen.Id("hv"), jen.Id("ok")).Op(":=").Id("splitObject").Call(jen.Id("s"), jen.Lit(hi.h.Explode)),
		jen.If(jen.Op("!").Id("ok")).Block(fail(objectHeaderMessage(hi.h.Explode))),
	}
	if hi.mapped {
		return append(out,
			jen.Id("m").Op(":=").Add(g.typeExpr(t)).Values(),
			jen.For(jen.List(jen.Id("k"), jen.Id("vals")).Op(":=").Range().Id("hv")).Block(
				g.parseScalar(t.Elem, jen.Id("vals").Index(jen.Lit(0)), func(v jen.Code) []jen.Code {
					return []jen.Code{jen.Id("m").Index(jen.Id("k")).Op("=").Add(v)}
				}, func(msg string) jen.Code { return fail("has a value that " + msg) })...),
			target.Clone().Op("=").Id("m"))
	}
	failField := func(key, msg string) jen.Code { return fail(fmt.Sprintf("property %q %s", key, msg)) }
	out = append(out, jen.Var().Id("obj").Add(g.typeExpr(t)))
	out = append(out, g.objectFields(t, "hv", func(name string) string { return name }, nil, failField)...)
	for _, fi := range g.structFields(t) {
		if fi.f.Required && fi.shape == shapeValue {
			out = append(out, jen.If(jen.Op("!").Id("hv").Dot("Has").Call(jen.Lit(fi.f.Name))).Block(failField(fi.f.Name, "is required")))
		}
	}
	if g.shapeOf(t, hi.h.Required, false) == shapePointer {
		return append(out, target.Clone().Op("=").Op("&").Id("obj"))
	}
	return append(out, target.Clone().Op("=").Id("obj"))
}

// objectHeaderMessage is the client's error for a header that is not an
// object in style simple.
func objectHeaderMessage(explode bool) string {
	if explode {
		return "must be name=value pairs separated by commas"
	}
	return "must be names and values separated by commas"
}

// objectFields emits reading each property of struct type t into the
// local obj from the url.Values named values, under the key key gives the
// property's name: the first value of each key present, parsed as the
// property's scalar type. found runs first for each property present;
// failField builds the statement for a value that does not parse.
// Object query parameters and object response headers both read this way.
func (g *gen) objectFields(t *contract.Type, values string, key func(string) string, found []jen.Code, failField func(key, msg string) jen.Code) []jen.Code {
	var stmts []jen.Code
	for _, fi := range g.structFields(t) {
		k := key(fi.f.Name)
		target := jen.Id("obj").Dot(fi.goName)
		assign := func(v jen.Code) []jen.Code {
			if fi.shape == shapePointer {
				return []jen.Code{jen.Id("v").Op(":=").Add(v), target.Clone().Op("=").Op("&").Id("v")}
			}
			if fi.shape == shapeNullable {
				return []jen.Code{target.Clone().Op("=").Id("NewNullable").Call(v)}
			}
			return []jen.Code{target.Clone().Op("=").Add(v)}
		}
		body := append(append([]jen.Code{}, found...), g.parseScalar(fi.f.Type, jen.Id("vals").Index(jen.Lit(0)), assign, func(msg string) jen.Code { return failField(k, msg) })...)
		stmts = append(stmts, jen.If(jen.List(jen.Id("vals"), jen.Id("ok")).Op(":=").Id(values).Index(jen.Lit(k)), jen.Id("ok").Op("&&").Len(jen.Id("vals")).Op(">").Lit(0)).Block(body...))
	}
	return stmts
}
