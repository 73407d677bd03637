package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitOperationRuntime writes the server code that puts the matched
// operation in the request's context and checks an operation's security
// requirements: OperationFromContext, the dispatch through the middleware
// chain and authorize. It is fixed code but uses the server and route
// types, which are still written with jennifer, so it moves to
// generator/golang/runtime with them; what stands alone (OperationInfo,
// SecurityError, ErrForbidden, the credential readers, clientWithCerts)
// is already there, in runtime/security.go.
func (g *gen) emitOperationRuntime(f *jen.File) {
	ctxQ := func(n string) *jen.Statement { return jen.Qual("context", n) }
	req := func() *jen.Statement { return jen.Op("*").Add(httpQ("Request")) }
	f.Comment("matchedKey is the context key of the matched route.")
	f.Type().Id("matchedKey").Struct()
	f.Line()
	f.Comment("matched is the route a request matched and its path values.")
	f.Type().Id("matched").Struct(
		jen.Id("rt").Op("*").Id("route"),
		jen.Id("pv").Map(jen.String()).String(),
	)
	f.Line()
	f.Comment("OperationFromContext returns the operation the request of ctx matched; false")
	f.Comment("when it matched none (the server answers 404 or 405).")
	f.Func().Id("OperationFromContext").Params(jen.Id("ctx").Add(ctxQ("Context"))).Params(jen.Id("OperationInfo"), jen.Bool()).Block(
		jen.If(jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("ctx").Dot("Value").Call(jen.Id("matchedKey").Values()).Assert(jen.Op("*").Id("matched")), jen.Id("ok")).Block(
			jen.Return(jen.Id("m").Dot("rt").Dot("op"), jen.True()),
		),
		jen.Return(jen.Id("OperationInfo").Values(), jen.False()),
	)
	f.Line()
	f.Comment("dispatch serves a request that matched rt: the operation goes into the")
	f.Comment("request's context, then the middleware chain runs, then serveMatched.")
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("dispatch").Params(append(wr(), jen.Id("rt").Op("*").Id("route"), jen.Id("pv").Map(jen.String()).String())...).Block(
		jen.Id("ctx").Op(":=").Add(ctxQ("WithValue")).Call(jen.Id("r").Dot("Context").Call(), jen.Id("matchedKey").Values(), jen.Op("&").Id("matched").Values(jen.Id("rt"), jen.Id("pv"))),
		jen.Id("s").Dot("chain").Dot("ServeHTTP").Call(jen.Id("w"), jen.Id("r").Dot("WithContext").Call(jen.Id("ctx"))),
	)
	f.Line()
	f.Comment("serveMatched is the innermost handler of the middleware chain: it checks the")
	f.Comment("matched operation's security, then decodes the request and calls the Handler.")
	f.Comment("A request that matched no operation gets 404 or 405.")
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("serveMatched").Params(wr()...).Block(
		jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("r").Dot("Context").Call().Dot("Value").Call(jen.Id("matchedKey").Values()).Assert(jen.Op("*").Id("matched")),
		jen.If(jen.Id("m").Op("==").Nil()).Block(
			jen.Id("s").Dot("noOperation").Call(jen.Id("w"), jen.Id("r")),
			jen.Return(),
		),
		g.securityGate(),
		jen.Id("m").Dot("rt").Dot("serve").Call(jen.Id("s"), jen.Id("w"), jen.Id("r"), jen.Id("m").Dot("pv")),
	)
	f.Line()
	if !g.hasSecurity() {
		return
	}

	f.Comment("securityScheme is how the server checks one scheme of the contract.")
	f.Type().Id("securityScheme").Struct(
		jen.Comment("check reads the scheme's credential from r and has the SecurityHandler judge"),
		jen.Comment("it; errNoCredential when r carries none."),
		jen.Id("check").Func().Params(jen.Op("*").Id("server"), ctxQ("Context"), req(), jen.Op("*").Id("OperationInfo"), jen.Index().String()).Params(ctxQ("Context"), jen.Error()),
		jen.Comment("challenge is the WWW-Authenticate challenge of an http scheme, empty for others."),
		jen.Id("challenge").String(),
	)
	f.Line()
	f.Comment("authorize checks op's security requirements: the alternatives in order, every")
	f.Comment("scheme of one alternative in order, each getting the context the previous")
	f.Comment("returned. It returns the context of the first alternative that admits r, or a")
	f.Comment("*SecurityError, after setting WWW-Authenticate for a 401.")
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("authorize").Params(append(wr(), jen.Id("op").Op("*").Id("OperationInfo"))...).Params(ctxQ("Context"), jen.Error()).Block(
		jen.Var().Id("first").Error(),
		jen.Id("forbidden").Op(":=").False(),
		jen.Var().Id("refused").Map(jen.String()).Bool(),
		jen.For(jen.List(jen.Id("_"), jen.Id("alt")).Op(":=").Range().Id("op").Dot("Security")).Block(
			jen.List(jen.Id("ctx"), jen.Id("ok")).Op(":=").List(jen.Id("r").Dot("Context").Call(), jen.True()),
			jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Id("alt")).Block(
				jen.List(jen.Id("next"), jen.Err()).Op(":=").Id("securitySchemes").Index(jen.Id("it").Dot("Scheme")).Dot("check").Call(jen.Id("s"), jen.Id("ctx"), jen.Id("r"), jen.Id("op"), jen.Id("it").Dot("Scopes")),
				jen.If(jen.Err().Op("!=").Nil()).Block(
					jen.If(jen.Err().Op("!=").Id("errNoCredential")).Block(
						jen.If(jen.Id("first").Op("==").Nil()).Block(jen.Id("first").Op("=").Err()),
						jen.Id("forbidden").Op("=").Id("forbidden").Op("||").Qual("errors", "Is").Call(jen.Err(), jen.Id("ErrForbidden")),
						jen.If(jen.Id("refused").Op("==").Nil()).Block(jen.Id("refused").Op("=").Map(jen.String()).Bool().Values()),
						jen.Id("refused").Index(jen.Id("it").Dot("Scheme")).Op("=").True(),
					),
					jen.Id("ok").Op("=").False(),
					jen.Break(),
				),
				jen.If(jen.Id("next").Op("!=").Nil()).Block(jen.Id("ctx").Op("=").Id("next")),
			),
			jen.If(jen.Id("ok")).Block(jen.Return(jen.Id("ctx"), jen.Nil())),
		),
		jen.If(jen.Id("forbidden")).Block(
			jen.Return(jen.Nil(), jen.Op("&").Id("SecurityError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusForbidden"), jen.Id("Operation"): jen.Id("op").Dot("ID"), jen.Id("Err"): jen.Id("first")})),
		),
		jen.Comment("One challenge per http scheme the operation accepts (RFC 9110 section 11.6.1);"),
		jen.Comment("a bearer token that was refused is said to be invalid (RFC 6750 section 3)."),
		jen.Id("seen").Op(":=").Map(jen.String()).Bool().Values(),
		jen.For(jen.List(jen.Id("_"), jen.Id("alt")).Op(":=").Range().Id("op").Dot("Security")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("it")).Op(":=").Range().Id("alt")).Block(
				jen.Id("c").Op(":=").Id("securitySchemes").Index(jen.Id("it").Dot("Scheme")).Dot("challenge"),
				jen.If(jen.Qual("strings", "HasPrefix").Call(jen.Id("c"), jen.Lit("Bearer ")).Op("&&").Id("refused").Index(jen.Id("it").Dot("Scheme"))).Block(
					jen.Id("c").Op("+=").Lit(`, error="invalid_token"`),
				),
				jen.If(jen.Id("c").Op("!=").Lit("").Op("&&").Op("!").Id("seen").Index(jen.Id("c"))).Block(
					jen.Id("seen").Index(jen.Id("c")).Op("=").True(),
					jen.Id("w").Dot("Header").Call().Dot("Add").Call(jen.Lit("WWW-Authenticate"), jen.Id("c")),
				),
			),
		),
		jen.Return(jen.Nil(), jen.Op("&").Id("SecurityError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusUnauthorized"), jen.Id("Operation"): jen.Id("op").Dot("ID"), jen.Id("Err"): jen.Id("first")})),
	)
	f.Line()
}

// securityGate is serveMatched's check of the operation's security; nothing
// when no operation of the contract is secured.
func (g *gen) securityGate() jen.Code {
	if !g.hasSecurity() {
		return jen.Null()
	}
	return jen.If(jen.Len(jen.Id("m").Dot("rt").Dot("op").Dot("Security")).Op(">").Lit(0)).Block(
		jen.List(jen.Id("ctx"), jen.Err()).Op(":=").Id("s").Dot("authorize").Call(jen.Id("w"), jen.Id("r"), jen.Op("&").Id("m").Dot("rt").Dot("op")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.If(jen.List(jen.Id("se"), jen.Id("ok")).Op(":=").Err().Assert(jen.Op("*").Id("SecurityError")), jen.Id("ok")).Block(
				jen.Id("se").Dot("errors").Op("=").Id("m").Dot("rt").Dot("errors"),
			),
			jen.Id("s").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Err()),
			jen.Return(),
		),
		jen.Id("r").Op("=").Id("r").Dot("WithContext").Call(jen.Id("ctx")),
	)
}
