package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitParamRuntime writes the server's generic helpers that read
// parameters and JSON bodies. Each operation's decode function calls one
// helper per parameter and one for its body instead of spelling the same
// statements out again: on Microsoft Graph's 11,000 operations that is
// most of server.gen.go, and the compiler's memory grows with it.
func (g *gen) emitParamRuntime(f *jen.File) {
	id := jen.Id
	reqErr := func(status string, detail jen.Code) *jen.Statement {
		return jen.Op("&").Id("RequestError").Values(jen.Dict{id("Status"): httpQ(status), id("Detail"): detail})
	}
	errorsNew := func(msg string) *jen.Statement { return jen.Qual("errors", "New").Call(jen.Lit(msg)) }

	f.Comment("params reads the parameters of one request; the query is parsed on first use.")
	f.Type().Id("params").Struct(
		id("r").Op("*").Add(httpQ("Request")),
		id("pv").Map(jen.String()).String(),
		id("q").Qual("net/url", "Values"),
	)
	f.Line()
	f.Comment("values returns the values of parameter name in in (path, query, header or cookie)")
	f.Comment("and whether it was sent.")
	f.Func().Params(id("p").Op("*").Id("params")).Id("values").Params(jen.List(id("in"), id("name")).String()).Params(jen.Index().String(), jen.Bool()).Block(
		jen.Switch(id("in")).Block(
			jen.Case(jen.Lit("path")).Block(
				jen.List(id("v"), id("ok")).Op(":=").Id("p").Dot("pv").Index(id("name")),
				jen.Return(jen.Index().String().Values(id("v")), id("ok")),
			),
			jen.Case(jen.Lit("query")).Block(
				jen.If(id("p").Dot("q").Op("==").Nil()).Block(id("p").Dot("q").Op("=").Id("p").Dot("r").Dot("URL").Dot("Query").Call()),
				jen.List(id("v"), id("ok")).Op(":=").Id("p").Dot("q").Index(id("name")),
				jen.Return(id("v"), id("ok")),
			),
			jen.Case(jen.Lit("header")).Block(
				id("v").Op(":=").Id("p").Dot("r").Dot("Header").Dot("Values").Call(id("name")),
				jen.Return(id("v"), jen.Len(id("v")).Op(">").Lit(0)),
			),
		),
		jen.List(id("c"), jen.Err()).Op(":=").Id("p").Dot("r").Dot("Cookie").Call(id("name")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.False())),
		jen.Return(jen.Index().String().Values(id("c").Dot("Value")), jen.True()),
	)
	f.Line()

	T := func() *jen.Statement { return id("T") }
	parseFn := func() *jen.Statement { return jen.Func().Params(jen.String()).Params(T(), jen.Error()) }
	checkFn := func(t *jen.Statement) *jen.Statement { return jen.Func().Params(t).Error() }
	readFn := func(t *jen.Statement) *jen.Statement {
		return jen.Func().Params(jen.Op("*").Add(t), jen.Op("*").Id("jsonReader")).Error()
	}
	present := func(required bool) []jen.Code {
		absent := []jen.Code{jen.Return(jen.Nil())}
		if required {
			absent = append([]jen.Code{jen.If(id("required")).Block(jen.Return(id("badParam").Call(id("in"), id("name"), jen.Lit("is required"))))}, absent...)
		}
		return []jen.Code{
			jen.List(id("vals"), id("ok")).Op(":=").Id("p").Dot("values").Call(id("in"), id("name")),
			jen.If(jen.Op("!").Id("ok").Op("||").Len(id("vals")).Op("==").Lit(0)).Block(absent...),
		}
	}
	checked := func(v jen.Code) *jen.Statement {
		return jen.If(id("check").Op("!=").Nil()).Block(
			jen.If(jen.Err().Op(":=").Id("check").Call(v), jen.Err().Op("!=").Nil()).Block(
				jen.Return(id("invalidValue").Call(id("in"), id("name"), jen.Err())),
			),
		)
	}
	parsed := func(s jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(id("v"), jen.Err()).Op(":=").Id("parse").Call(s),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(id("badParam").Call(id("in"), id("name"), jen.Err().Dot("Error").Call()))),
		}
	}

	f.Comment("param decodes a one-value parameter into *dst with parse and checks it;")
	f.Comment("an absent one leaves *dst alone, or is an error when required.")
	f.Func().Id("param").Types(T().Any()).Params(
		id("p").Op("*").Id("params"), jen.List(id("in"), id("name")).String(), id("required").Bool(),
		id("parse").Add(parseFn()), id("check").Add(checkFn(T())), id("dst").Op("*").Add(T()),
	).Op("*").Id("RequestError").Block(append(append(present(true), parsed(id("vals").Index(jen.Lit(0)))...),
		checked(id("v")),
		jen.Op("*").Id("dst").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	)...)
	f.Line()
	f.Comment("optParam is param for an optional parameter held by pointer, nil when absent.")
	f.Func().Id("optParam").Types(T().Any()).Params(
		id("p").Op("*").Id("params"), jen.List(id("in"), id("name")).String(),
		id("parse").Add(parseFn()), id("check").Add(checkFn(T())), id("dst").Op("**").Add(T()),
	).Op("*").Id("RequestError").Block(append(append(present(false), parsed(id("vals").Index(jen.Lit(0)))...),
		checked(id("v")),
		jen.Op("*").Id("dst").Op("=").Op("&").Id("v"),
		jen.Return(jen.Nil()),
	)...)
	f.Line()
	f.Comment("arrayParam decodes a list parameter item by item. Values are split at sep")
	f.Comment("(\",\", \" \" or \"|\"); an empty sep keeps them as sent (an exploded query parameter).")
	f.Func().Id("arrayParam").Types(T().Any()).Params(
		id("p").Op("*").Id("params"), jen.List(id("in"), id("name")).String(), id("required").Bool(), id("sep").String(),
		id("parse").Add(parseFn()), id("check").Add(checkFn(jen.Index().Add(T()))), id("dst").Op("*").Index().Add(T()),
	).Op("*").Id("RequestError").Block(append(present(true),
		jen.If(id("sep").Op("!=").Lit("")).Block(
			id("vals").Op("=").Id("splitParam").Call(jen.Qual("strings", "Join").Call(id("vals"), id("sep")), id("sep")),
		),
		jen.Var().Id("out").Index().Add(T()),
		jen.For(jen.List(id("_"), id("s")).Op(":=").Range().Id("vals")).Block(append(parsed(id("s")),
			id("out").Op("=").Append(id("out"), id("v")),
		)...),
		checked(id("out")),
		jen.Op("*").Id("dst").Op("=").Id("out"),
		jen.Return(jen.Nil()),
	)...)
	f.Line()

	f.Comment("parseString, parseInt, parseNumber, parseBool, parseTime and parseBytes read one")
	f.Comment("parameter value; their errors are the message sent to the client.")
	f.Func().Id("parseString").Types(T().Op("~").String()).Params(id("s").String()).Params(T(), jen.Error()).Block(
		jen.Return(T().Call(id("s")), jen.Nil()),
	)
	f.Line()
	f.Func().Id("parseInt").Types(T().Op("~").Int32().Op("|").Op("~").Int64()).Params(id("s").String()).Params(T(), jen.Error()).Block(
		jen.List(id("x"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(id("s"), jen.Lit(10), jen.Lit(64)),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Int64().Call(T().Call(id("x"))).Op("!=").Id("x")).Block(jen.Return(jen.Lit(0), errorsNew("must be an integer"))),
		jen.Return(T().Call(id("x")), jen.Nil()),
	)
	f.Line()
	f.Func().Id("parseNumber").Types(T().Op("~").Float32().Op("|").Op("~").Float64()).Params(id("s").String()).Params(T(), jen.Error()).Block(
		jen.List(id("x"), jen.Err()).Op(":=").Qual("strconv", "ParseFloat").Call(id("s"), jen.Lit(64)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(0), errorsNew("must be a number"))),
		jen.Return(T().Call(id("x")), jen.Nil()),
	)
	f.Line()
	f.Func().Id("parseBool").Types(T().Op("~").Bool()).Params(id("s").String()).Params(T(), jen.Error()).Block(
		jen.List(id("x"), jen.Err()).Op(":=").Qual("strconv", "ParseBool").Call(id("s")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.False(), errorsNew("must be true or false"))),
		jen.Return(T().Call(id("x")), jen.Nil()),
	)
	f.Line()
	f.Func().Id("parseTime").Params(id("s").String()).Params(jen.Qual("time", "Time"), jen.Error()).Block(
		jen.List(id("x"), jen.Err()).Op(":=").Qual("time", "Parse").Call(jen.Qual("time", "RFC3339"), id("s")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(id("x"), errorsNew("must be an RFC 3339 date-time"))),
		jen.Return(id("x"), jen.Nil()),
	)
	f.Line()
	f.Func().Id("parseBytes").Params(id("s").String()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.List(id("x"), jen.Err()).Op(":=").Qual("encoding/base64", "StdEncoding").Dot("DecodeString").Call(id("s")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), errorsNew("must be base64"))),
		jen.Return(id("x"), jen.Nil()),
	)
	f.Line()

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

	f.Comment("statusOr is status, or def when the handler left it 0.")
	f.Func().Id("statusOr").Params(jen.List(id("status"), id("def")).Int()).Int().Block(
		jen.If(id("status").Op("==").Lit(0)).Block(jen.Return(id("def"))),
		jen.Return(id("status")),
	)
	f.Line()
	f.Comment("sendRaw sends a body as it is, with contentType or else the declared media type.")
	f.Func().Id("sendRaw").Params(id("w").Add(httpQ("ResponseWriter")), id("status").Int(), jen.List(id("contentType"), id("media")).String(), id("body").Index().Byte()).Block(
		jen.If(id("contentType").Op("==").Lit("")).Block(id("contentType").Op("=").Id("media")),
		id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), id("contentType")),
		id("w").Dot("WriteHeader").Call(id("status")),
		id("w").Dot("Write").Call(id("body")),
	)
	f.Line()
}
