package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitOperationRuntime writes the fixed, contract-independent server code
// that puts the matched operation in the request's context and checks an
// operation's security requirements: OperationInfo, OperationFromContext,
// ErrForbidden, SecurityError, the dispatch through the middleware chain
// and the credential readers. It is kept apart, in this one function, so
// it moves to generator/golang/runtime in one step.
func (g *gen) emitOperationRuntime(f *jen.File) {
	ctxQ := func(n string) *jen.Statement { return jen.Qual("context", n) }
	req := func() *jen.Statement { return jen.Op("*").Add(httpQ("Request")) }
	f.Comment("OperationInfo describes the operation of the contract a request matched. The")
	f.Comment("server puts it in the request's context before any middleware runs, so")
	f.Comment("middleware, security checks and handlers can read it with OperationFromContext.")
	f.Comment("Its slices are shared: do not modify them.")
	f.Type().Id("OperationInfo").Struct(
		jen.Comment("ID is the operationId."),
		jen.Id("ID").String(),
		jen.Comment("Method is the HTTP method, Path the contract's path template (\"/pets/{petId}\")."),
		jen.Id("Method").String(),
		jen.Id("Path").String(),
		jen.Id("Tags").Index().String(),
		jen.Comment("Security lists the alternatives that admit a request, tried in order: a"),
		jen.Comment("request is admitted by the first whose every scheme accepts it. It is empty"),
		jen.Comment("when the operation is public; an empty alternative admits anyone."),
		jen.Id("Security").Index().Id("SecurityRequirement"),
	)
	f.Line()
	f.Comment("SecurityRequirement is one alternative of an operation's security: every scheme")
	f.Comment("it lists must accept the request.")
	f.Type().Id("SecurityRequirement").Index().Id("SchemeScopes")
	f.Line()
	f.Comment("SchemeScopes names a security scheme of the contract and the scopes (or roles)")
	f.Comment("the requirement lists for it.")
	f.Type().Id("SchemeScopes").Struct(
		jen.Id("Scheme").String(),
		jen.Id("Scopes").Index().String(),
	)
	f.Line()
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

	f.Comment("ErrForbidden is what a SecurityHandler method returns (or wraps) for a credential")
	f.Comment("that is valid but does not allow the operation: the server answers 403 instead")
	f.Comment("of 401.")
	f.Var().Id("ErrForbidden").Op("=").Qual("errors", "New").Call(jen.Lit("forbidden"))
	f.Line()
	f.Comment("errNoCredential is a credential the request does not carry.")
	f.Var().Id("errNoCredential").Op("=").Qual("errors", "New").Call(jen.Lit("no credential"))
	f.Line()
	f.Comment("SecurityError is a request the operation's security requirements refused: the")
	f.Comment("handler was not called. The default error handler answers Status without the")
	f.Comment("text of Err, which is the SecurityHandler's and may say more than a client")
	f.Comment("should read.")
	f.Type().Id("SecurityError").Struct(
		jen.Comment("Status is 401 (a credential missing or refused) or 403 (a credential refused"),
		jen.Comment("with ErrForbidden)."),
		jen.Id("Status").Int(),
		jen.Comment("Operation is the operationId."),
		jen.Id("Operation").String(),
		jen.Comment("Err is the first error a SecurityHandler method returned, nil when every"),
		jen.Comment("alternative lacked a credential."),
		jen.Id("Err").Error(),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("SecurityError")).Id("Error").Params().String().Block(
		jen.If(jen.Id("e").Dot("Err").Op("==").Nil()).Block(
			jen.Return(jen.Id("e").Dot("Operation").Op("+").Lit(": no credential the operation accepts")),
		),
		jen.Return(jen.Id("e").Dot("Operation").Op("+").Lit(": credential refused: ").Op("+").Id("e").Dot("Err").Dot("Error").Call()),
	)
	f.Line()
	f.Comment("Unwrap returns the SecurityHandler's error.")
	f.Func().Params(jen.Id("e").Op("*").Id("SecurityError")).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err")))
	f.Line()
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
	f.Comment("authorizationCredential returns the credentials of an Authorization header of")
	f.Comment("the given scheme (compared case-insensitively, RFC 9110 section 11.1).")
	f.Func().Id("authorizationCredential").Params(jen.Id("r").Add(req()), jen.Id("scheme").String()).Params(jen.String(), jen.Bool()).Block(
		jen.List(jen.Id("got"), jen.Id("cred"), jen.Id("ok")).Op(":=").Qual("strings", "Cut").Call(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Authorization")), jen.Lit(" ")),
		jen.Id("cred").Op("=").Qual("strings", "TrimSpace").Call(jen.Id("cred")),
		jen.Return(jen.Id("cred"), jen.Id("ok").Op("&&").Id("cred").Op("!=").Lit("").Op("&&").Qual("strings", "EqualFold").Call(jen.Id("got"), jen.Id("scheme"))),
	)
	f.Line()
	f.Comment("apiKeyCredential returns a non-empty API key sent in a header, query parameter")
	f.Comment("or cookie named name.")
	f.Func().Id("apiKeyCredential").Params(jen.Id("r").Add(req()), jen.List(jen.Id("in"), jen.Id("name")).String()).Params(jen.String(), jen.Bool()).Block(
		jen.Var().Id("key").String(),
		jen.Switch(jen.Id("in")).Block(
			jen.Case(jen.Lit("query")).Block(jen.Id("key").Op("=").Id("r").Dot("URL").Dot("Query").Call().Dot("Get").Call(jen.Id("name"))),
			jen.Case(jen.Lit("cookie")).Block(
				jen.If(jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("r").Dot("Cookie").Call(jen.Id("name")), jen.Err().Op("==").Nil()).Block(jen.Id("key").Op("=").Id("c").Dot("Value")),
			),
			jen.Default().Block(jen.Id("key").Op("=").Id("r").Dot("Header").Dot("Get").Call(jen.Id("name"))),
		),
		jen.Return(jen.Id("key"), jen.Id("key").Op("!=").Lit("")),
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
			jen.Id("s").Dot("onError").Call(jen.Id("w"), jen.Id("r"), jen.Err()),
			jen.Return(),
		),
		jen.Id("r").Op("=").Id("r").Dot("WithContext").Call(jen.Id("ctx")),
	)
}

// emitClientCertRuntime writes clientWithCerts, the fixed client code of
// mutual TLS, for contracts with a mutualTLS scheme.
func (g *gen) emitClientCertRuntime(f *jen.File) {
	if !g.clientCerts() {
		return
	}
	httpT := func() *jen.Statement { return jen.Op("*").Qual("net/http", "Transport") }
	f.Comment("clientWithCerts returns a copy of hc whose transport, a clone of hc's (or of")
	f.Comment("http.DefaultTransport), presents certs in TLS handshakes. hc is left as it is.")
	f.Func().Id("clientWithCerts").Params(jen.Id("hc").Op("*").Qual("net/http", "Client"), jen.Id("certs").Index().Qual("crypto/tls", "Certificate")).Params(jen.Op("*").Qual("net/http", "Client"), jen.Error()).Block(
		jen.Id("rt").Op(":=").Id("hc").Dot("Transport"),
		jen.If(jen.Id("rt").Op("==").Nil()).Block(jen.Id("rt").Op("=").Qual("net/http", "DefaultTransport")),
		jen.List(jen.Id("t"), jen.Id("ok")).Op(":=").Id("rt").Assert(httpT()),
		jen.If(jen.Op("!").Id("ok")).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("mutual TLS: the HTTP client's transport is a %T, not an *http.Transport: give it the certificates yourself"), jen.Id("rt"))),
		),
		jen.Id("t").Op("=").Id("t").Dot("Clone").Call(),
		jen.If(jen.Id("t").Dot("TLSClientConfig").Op("==").Nil()).Block(
			jen.Id("t").Dot("TLSClientConfig").Op("=").Op("&").Qual("crypto/tls", "Config").Values(),
		),
		jen.Id("t").Dot("TLSClientConfig").Dot("Certificates").Op("=").Append(jen.Qual("slices", "Clip").Call(jen.Id("t").Dot("TLSClientConfig").Dot("Certificates")), jen.Id("certs").Op("...")),
		jen.Id("c").Op(":=").Op("*").Id("hc"),
		jen.Id("c").Dot("Transport").Op("=").Id("t"),
		jen.Return(jen.Op("&").Id("c"), jen.Nil()),
	)
	f.Line()
}
