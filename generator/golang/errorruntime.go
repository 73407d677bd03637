package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitErrorRuntime writes the fixed code that sends the contract's
// declared answer for an error the server finds itself: the tables'
// types, the lookup and the writer filling the message in. It is
// contract-independent and moves to generator/golang/runtime as it is.
func (g *gen) emitErrorRuntime(f *jen.File) {
	id := jen.Id
	statuses := make([]jen.Code, len(ownErrorStatuses))
	for i, s := range ownErrorStatuses {
		statuses[i] = jen.Lit(s)
	}
	f.Comment("errorStatuses are the statuses the server sends on its own, in the order of an")
	f.Comment("errorTable's entries.")
	f.Var().Id("errorStatuses").Op("=").Index(jen.Op("...")).Int().Values(statuses...)
	f.Line()
	f.Comment("errorTable holds, for each of errorStatuses, the index + 1 in errorAnswers of")
	f.Comment("the answer an operation declares for it; 0 is none.")
	f.Type().Id("errorTable").Index(jen.Len(id("errorStatuses"))).Uint16()
	f.Line()
	f.Comment("errorAnswer is a response the contract declares for an error the server finds")
	f.Comment("itself: its status, media type and body, and the properties of the body that")
	f.Comment("take the message (value nil) or a fixed value.")
	f.Type().Id("errorAnswer").Struct(
		id("status").Int(),
		jen.Comment("media is empty when the response declares no body."),
		id("media").String(),
		id("body").String(),
		id("fills").Index().Id("errorFill"),
	)
	f.Line()
	f.Comment("errorFill is one property of an error body set on every answer: to value, or")
	f.Comment("when value is nil to the message, in the first such property whose length")
	f.Comment("bounds (min, max; -1 for none) the message fits.")
	f.Type().Id("errorFill").Struct(
		id("name").String(),
		id("value").Any(),
		jen.List(id("min"), id("max")).Int(),
	)
	f.Line()
	f.Comment("answer returns the declared answer for status, nil when there is none.")
	f.Func().Params(id("t").Op("*").Id("errorTable")).Id("answer").Params(id("status").Int()).Op("*").Id("errorAnswer").Block(
		jen.If(id("t").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.For(jen.List(id("i"), id("s")).Op(":=").Range().Id("errorStatuses")).Block(
			jen.If(id("s").Op("==").Id("status").Op("&&").Id("t").Index(id("i")).Op(">").Lit(0)).Block(
				jen.Return(jen.Op("&").Id("errorAnswers").Index(id("t").Index(id("i")).Op("-").Lit(1))),
			),
		),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("write sends the answer with message filled in.")
	f.Func().Params(id("a").Op("*").Id("errorAnswer")).Id("write").Params(id("w").Add(httpQ("ResponseWriter")), id("message").String()).Block(
		id("body").Op(":=").Index().Byte().Call(id("a").Dot("body")),
		jen.If(jen.Len(id("a").Dot("fills")).Op(">").Lit(0)).Block(
			jen.Var().Id("obj").Map(jen.String()).Any(),
			id("d").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("strings", "NewReader").Call(id("a").Dot("body"))),
			id("d").Dot("UseNumber").Call(),
			jen.If(id("d").Dot("Decode").Call(jen.Op("&").Id("obj")).Op("==").Nil()).Block(
				id("filled").Op(":=").False(),
				id("n").Op(":=").Qual("unicode/utf8", "RuneCountInString").Call(id("message")),
				jen.For(jen.List(id("_"), id("f")).Op(":=").Range().Id("a").Dot("fills")).Block(
					jen.Switch().Block(
						jen.Case(id("f").Dot("value").Op("!=").Nil()).Block(id("obj").Index(id("f").Dot("name")).Op("=").Id("f").Dot("value")),
						jen.Case(jen.Op("!").Id("filled").Op("&&").Parens(id("f").Dot("min").Op("<").Lit(0).Op("||").Id("n").Op(">=").Id("f").Dot("min")).Op("&&").Parens(id("f").Dot("max").Op("<").Lit(0).Op("||").Id("n").Op("<=").Id("f").Dot("max"))).Block(
							id("obj").Index(id("f").Dot("name")).Op("=").Id("message"),
							id("filled").Op("=").True(),
						),
					),
				),
				jen.If(jen.List(id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(id("obj")), jen.Err().Op("==").Nil()).Block(id("body").Op("=").Id("b")),
			),
		),
		jen.If(id("a").Dot("media").Op("==").Lit("")).Block(
			id("w").Dot("WriteHeader").Call(id("a").Dot("status")),
			jen.Return(),
		),
		id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), id("a").Dot("media")),
		id("w").Dot("WriteHeader").Call(id("a").Dot("status")),
		id("w").Dot("Write").Call(id("body")),
	)
	f.Line()
}
