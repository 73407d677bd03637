package golang

import (
	"github.com/dave/jennifer/jen"
)

// Response validation, opt-in on both sides: the server checks what a
// handler returns before sending it (WithResponseValidation), the client
// checks what it decoded (WithResponseChecks). Both use the generated
// checks (Validate methods and check functions) the request side uses.

// emitServerResponseValidation writes the server's option and the check
// its response writers call (fixed code: it moves to the runtime as is).
func (g *gen) emitServerResponseValidation(f *jen.File) {
	id := jen.Id
	f.Comment("ResponseValidation says what the server does with a response that breaks the contract.")
	f.Type().Id("ResponseValidation").Int()
	f.Line()
	f.Const().Defs(
		jen.Comment("ResponseValidationOff sends responses unchecked (the default)."),
		id("ResponseValidationOff").Id("ResponseValidation").Op("=").Iota(),
		jen.Comment("ResponseValidationLog logs a response body that breaks the contract, naming"),
		jen.Comment("the JSON pointer, and sends it all the same."),
		id("ResponseValidationLog"),
		jen.Comment("ResponseValidationReject logs it and answers 500 through the error handler"),
		jen.Comment("instead: a handler bug never reaches a client."),
		id("ResponseValidationReject"),
	)
	f.Line()
	f.Comment("WithResponseValidation checks every response body a handler returns against the")
	f.Comment("contract before it is sent; mode says what happens to one that breaks it.")
	f.Func().Id("WithResponseValidation").Params(id("mode").Id("ResponseValidation")).Id("ServerOption").Block(
		jen.Return(jen.Func().Params(id("s").Op("*").Id("server")).Block(id("s").Dot("responseValidation").Op("=").Id("mode"))),
	)
	f.Line()
	f.Comment("responseValid checks v with check when response validation is on. It returns false")
	f.Comment("when the response must not be sent: it has been answered with a 500.")
	f.Func().Id("responseValid").Types(id("T").Any()).Params(append(append([]jen.Code{id("s").Op("*").Id("server")}, wr()...), id("check").Func().Params(id("T")).Error(), id("v").Id("T"))...).Bool().Block(
		jen.If(id("s").Dot("responseValidation").Op("==").Id("ResponseValidationOff")).Block(jen.Return(jen.True())),
		id("err").Op(":=").Id("check").Call(id("v")),
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Return(jen.True())),
		id("err").Op("=").Qual("fmt", "Errorf").Call(jen.Lit("response body breaks the contract: %w"), jen.Err()),
		jen.If(id("s").Dot("responseValidation").Op("==").Id("ResponseValidationLog")).Block(
			id("s").Dot("logger").Dot("ErrorContext").Call(id("r").Dot("Context").Call(), jen.Lit("invalid response"), jen.Lit("method"), id("r").Dot("Method"), jen.Lit("path"), id("r").Dot("URL").Dot("Path"), jen.Lit("error"), jen.Err()),
			jen.Return(jen.True()),
		),
		id("s").Dot("handlerError").Call(id("w"), id("r"), jen.Err()),
		jen.Return(jen.False()),
	)
	f.Line()
}

// checkResponseStmt is the statement of a server's response writer
// checking the body of ri before sending it; nil when there is nothing to
// check.
func (g *gen) checkResponseStmt(ri respInfo) jen.Code {
	check := g.checkFunc(ri.typ, func() *jen.Statement { return g.typeExpr(ri.typ) })
	if isNil(check) {
		return nil
	}
	// Checked only when on: the body is passed by value.
	return jen.If(jen.Id("s").Dot("responseValidation").Op("!=").Id("ResponseValidationOff").Op("&&").Op("!").Id("responseValid").Call(jen.Id("s"), jen.Id("w"), jen.Id("r"), check, jen.Id("v").Dot("Body"))).Block(jen.Return())
}

// isNil reports the jen.Nil() checkFunc returns when there is no check.
func isNil(c jen.Code) bool {
	return c == nil || jen.Nil().GoString() == c.(*jen.Statement).GoString()
}

// emitClientResponseValidation writes the client's option and error type
// (fixed code: it moves to the runtime as is).
func (g *gen) emitClientResponseValidation(f *jen.File) {
	id := jen.Id
	f.Comment("WithResponseChecks makes the client check every decoded response body against the")
	f.Comment("contract; one that breaks it is returned as a *ResponseValidationError.")
	f.Func().Id("WithResponseChecks").Params().Id("ClientOption").Block(
		jen.Return(jen.Func().Params(id("c").Op("*").Id("Client")).Error().Block(id("c").Dot("checkResponses").Op("=").True(), jen.Return(jen.Nil()))),
	)
	f.Line()
	f.Comment("ResponseValidationError is a response body the contract does not allow.")
	f.Type().Id("ResponseValidationError").Struct(
		id("Operation").String(),
		id("StatusCode").Int(),
		jen.Comment("Pointer is the JSON pointer of the offending value in the body (\"\" for the"),
		jen.Comment("body itself); Message says what is wrong with it."),
		id("Pointer").String(),
		id("Message").String(),
	)
	f.Line()
	f.Func().Params(id("e").Op("*").Id("ResponseValidationError")).Id("Error").Params().String().Block(
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s: response %d breaks the contract at %q: %s"), id("e").Dot("Operation"), id("e").Dot("StatusCode"), id("e").Dot("Pointer"), id("e").Dot("Message"))),
	)
	f.Line()
	f.Comment("checkResponse checks a decoded response body with check.")
	f.Func().Id("checkResponse").Types(id("T").Any()).Params(id("op").String(), id("status").Int(), id("check").Func().Params(id("T")).Error(), id("v").Id("T")).Error().Block(
		id("err").Op(":=").Id("check").Call(id("v")),
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Return(jen.Nil())),
		id("re").Op(":=").Op("&").Id("ResponseValidationError").Values(jen.Dict{id("Operation"): id("op"), id("StatusCode"): id("status"), id("Message"): jen.Err().Dot("Error").Call()}),
		jen.Var().Id("ve").Op("*").Id("ValidationError"),
		jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(jen.List(id("re").Dot("Pointer"), id("re").Dot("Message")).Op("=").List(id("ve").Dot("Pointer"), id("ve").Dot("Message"))),
		jen.Return(id("re")),
	)
	f.Line()
}

// checkDecodedStmt is the client's statement checking the decoded body of
// ri when WithResponseChecks is on; nil when there is nothing to check.
func (g *gen) checkDecodedStmt(oi *opInfo, ri respInfo) jen.Code {
	check := g.checkFunc(ri.typ, func() *jen.Statement { return g.typeExpr(ri.typ) })
	if isNil(check) {
		return nil
	}
	return jen.If(jen.Id("c").Dot("checkResponses")).Block(
		jen.If(jen.Err().Op(":=").Id("checkResponse").Call(jen.Lit(oi.op.ID), jen.Id("resp").Dot("StatusCode"), check, jen.Id("out").Dot("Body")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	)
}
