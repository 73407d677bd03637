package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitFidelityRuntime writes the fixed code holding the server to what
// the contract says of readOnly and writeOnly properties: the option
// dropping readOnly ones from requests, the check refusing them, and the
// response writer leaving writeOnly ones out. Contract-independent: it
// moves to generator/golang/runtime as it is.
func (g *gen) emitFidelityRuntime(f *jen.File) {
	id := jen.Id
	f.Comment("WithReadOnlyDropped makes the server drop readOnly properties from request bodies")
	f.Comment("before the handler sees them, instead of refusing such a request with 400.")
	f.Func().Id("WithReadOnlyDropped").Params().Id("ServerOption").Block(
		jen.Return(jen.Func().Params(id("s").Op("*").Id("server")).Block(id("s").Dot("dropReadOnly").Op("=").True())),
	)
	f.Line()
	decodeAny := func(src jen.Code) []jen.Code {
		return []jen.Code{
			id("d").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(src)),
			id("d").Dot("UseNumber").Call(),
			jen.Var().Id("x").Any(),
		}
	}
	f.Comment("refuseReadOnly refuses a JSON body carrying a property the contract marks")
	f.Comment("readOnly, naming it, or with WithReadOnlyDropped drops them all from *data.")
	f.Comment("find is the body type's walker. A body that is not JSON is left to the decoder.")
	f.Func().Params(id("s").Op("*").Id("server")).Id("refuseReadOnly").Params(id("data").Op("*").Index().Byte(), id("find").Func().Params(jen.Any(), jen.Bool()).String()).Op("*").Id("RequestError").Block(append(decodeAny(jen.Op("*").Id("data")),
		jen.If(id("d").Dot("Decode").Call(jen.Op("&").Id("x")).Op("!=").Nil()).Block(jen.Return(jen.Nil())),
		id("p").Op(":=").Id("find").Call(id("x"), id("s").Dot("dropReadOnly")),
		jen.Switch().Block(
			jen.Case(id("p").Op("==").Lit("")).Block(jen.Return(jen.Nil())),
			jen.Case(jen.Op("!").Id("s").Dot("dropReadOnly")).Block(jen.Return(id("badParam").Call(jen.Lit("body"), id("p"), jen.Lit("is read-only: the server sets it, requests leave it out")))),
		),
		jen.If(jen.List(id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(id("x")), jen.Err().Op("==").Nil()).Block(jen.Op("*").Id("data").Op("=").Id("b")),
		jen.Return(jen.Nil()),
	)...)
	f.Line()
	f.Comment("sendJSONWithout is sendJSON for a body type holding writeOnly properties: they")
	f.Comment("are left out of the response (drop is the type's walker).")
	f.Func().Id("sendJSONWithout").Types(id("T").Any()).Params(append(append([]jen.Code{id("s").Op("*").Id("server")}, wr()...),
		id("status").Int(), id("contentType").String(), id("v").Op("*").Id("T"), id("write").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonWriter")),
		id("drop").Func().Params(jen.Any(), jen.Bool()).String())...).Block(append(append([]jen.Code{
		jen.List(id("b"), jen.Err()).Op(":=").Id("appendJSONValue").Call(jen.Nil(), id("v"), id("write")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			id("s").Dot("handlerError").Call(id("w"), id("r"), jen.Qual("fmt", "Errorf").Call(jen.Lit("encoding response: %w"), jen.Err())),
			jen.Return(),
		)}, decodeAny(id("b"))...),
		jen.If(id("d").Dot("Decode").Call(jen.Op("&").Id("x")).Op("==").Nil().Op("&&").Id("drop").Call(id("x"), jen.True()).Op("!=").Lit("")).Block(
			jen.If(jen.List(id("out"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(id("x")), jen.Err().Op("==").Nil()).Block(id("b").Op("=").Id("out")),
		),
		id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), id("contentType")),
		id("w").Dot("WriteHeader").Call(id("status")),
		id("w").Dot("Write").Call(id("b")),
	)...)
	f.Line()
}
