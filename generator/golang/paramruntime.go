package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitParamRuntime writes the server's generic helpers that read JSON
// bodies, one call per operation's body. They take the generated server
// type, so they are not in the runtime folder with the parameter helpers
// (runtime/params.go).
func (g *gen) emitParamRuntime(f *jen.File) {
	id := jen.Id
	reqErr := func(status string, detail jen.Code) *jen.Statement {
		return jen.Op("&").Id("RequestError").Values(jen.Dict{id("Status"): httpQ(status), id("Detail"): detail})
	}
	T := func() *jen.Statement { return id("T") }
	checkFn := func(t *jen.Statement) *jen.Statement { return jen.Func().Params(t).Error() }
	readFn := func(t *jen.Statement) *jen.Statement {
		return jen.Func().Params(jen.Op("*").Add(t), jen.Op("*").Id("jsonReader")).Error()
	}

	// JSON bodies.
	f.Comment("readJSONBody reads a JSON body of one of the declared media types into *dst with")
	f.Comment("read. It reports false when the request has no body (an error when required).")
	f.Func().Id("readJSONBody").Types(T().Any()).Params(append(append([]jen.Code{id("s").Op("*").Id("server")}, wr()...), id("required").Bool(), id("media").Index().String(), id("dst").Op("*").Add(T()), id("read").Add(readFn(T())))...).Params(jen.Bool(), jen.Op("*").Id("RequestError")).Block(
		id("ct").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
		jen.If(id("r").Dot("ContentLength").Op("==").Lit(0).Op("&&").Id("ct").Op("==").Lit("")).Block(
			jen.If(id("required")).Block(jen.Return(jen.False(), reqErr("StatusBadRequest", jen.Lit("request body is required")))),
			jen.Return(jen.False(), jen.Nil()),
		),
		jen.List(id("mt"), id("_"), id("_")).Op(":=").Qual("mime", "ParseMediaType").Call(id("ct")),
		jen.If(jen.Op("!").Id("mediaMatches").Call(id("mt"), id("media").Op("...")).Op("&&").Id("mt").Op("!=").Lit("application/json")).Block(
			jen.Return(jen.False(), reqErr("StatusUnsupportedMediaType", jen.Lit("Content-Type must be one of: ").Op("+").Qual("strings", "Join").Call(id("media"), jen.Lit(", ")))),
		),
		jen.List(id("data"), id("rerr")).Op(":=").Id("s").Dot("readBody").Call(id("w"), id("r")),
		jen.If(id("rerr").Op("!=").Nil()).Block(jen.Return(jen.False(), id("rerr"))),
		jen.Return(jen.True(), id("decodeJSONBody").Call(id("data"), id("dst"), id("read"))),
	)
	f.Line()
	checkBody := func(v jen.Code) *jen.Statement {
		return jen.If(id("check").Op("!=").Nil()).Block(
			jen.If(jen.Err().Op(":=").Id("check").Call(v), jen.Err().Op("!=").Nil()).Block(
				jen.Return(id("invalidValue").Call(jen.Lit("body"), jen.Lit(""), id("decodeError").Call(jen.Lit(""), jen.Err()))),
			),
		)
	}
	f.Comment("jsonBody reads a required JSON body into *dst and checks it.")
	f.Func().Id("jsonBody").Types(T().Any()).Params(append([]jen.Code{id("s").Op("*").Id("server")}, append(wr(),
		id("dst").Op("*").Add(T()), id("read").Add(readFn(T())), id("check").Add(checkFn(T())), id("media").Op("...").String())...)...).Op("*").Id("RequestError").Block(
		jen.If(jen.List(id("_"), id("rerr")).Op(":=").Id("readJSONBody").Call(id("s"), id("w"), id("r"), jen.True(), id("media"), id("dst"), id("read")), id("rerr").Op("!=").Nil()).Block(jen.Return(id("rerr"))),
		checkBody(jen.Op("*").Id("dst")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("optJSONBody reads an optional JSON body: *dst stays nil when there is none.")
	f.Func().Id("optJSONBody").Types(T().Any()).Params(append([]jen.Code{id("s").Op("*").Id("server")}, append(wr(),
		id("dst").Op("**").Add(T()), id("read").Add(readFn(T())), id("check").Add(checkFn(T())), id("media").Op("...").String())...)...).Op("*").Id("RequestError").Block(
		id("v").Op(":=").New(T()),
		jen.List(id("ok"), id("rerr")).Op(":=").Id("readJSONBody").Call(id("s"), id("w"), id("r"), jen.False(), id("media"), id("v"), id("read")),
		jen.If(jen.Op("!").Id("ok").Op("||").Id("rerr").Op("!=").Nil()).Block(jen.Return(id("rerr"))),
		jen.Op("*").Id("dst").Op("=").Id("v"),
		checkBody(jen.Op("*").Id("v")),
		jen.Return(jen.Nil()),
	)
	f.Line()
}
