package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// emitClient writes Client: one method per operation, encoding parameters
// exactly as the generated server decodes them, and decoding each
// declared response into its type.
func (g *gen) emitClient(f *jen.File) error {
	g.emitClientRuntime(f)
	for _, oi := range g.ops {
		g.emitClientMethod(f, oi)
		g.unitEmitted(f)
	}
	g.emitSenders(f)
	g.flushChecks(f)
	g.flushPatterns(f)
	g.flushWalkers(f)
	return nil
}

// securityOption names the client option of each security scheme.
func (g *gen) securityOptions() map[string]string {
	if g.secOpts != nil {
		return g.secOpts
	}
	g.secOpts = map[string]string{}
	for _, s := range g.m.SecuritySchemes {
		g.secOpts[s.Name] = g.pkg.unique("With" + GoName(s.Name))
	}
	return g.secOpts
}

// emitClientRuntime writes the client's contract-dependent core: the
// Client type (with the fields the contract's servers and mutual TLS
// need), NewClient, the choice of an operation's server (baseOf) and one
// option per security scheme. The fixed rest is runtime/client.go.
func (g *gen) emitClientRuntime(f *jen.File) {
	f.Comment("Client calls the service over HTTP. Its methods are safe for concurrent use.")
	f.Type().Id("Client").StructFunc(func(gr *jen.Group) {
		gr.Id("base").Op("*").Qual("net/url", "URL")
		gr.Id("hc").Op("*").Qual("net/http", "Client")
		gr.Id("editors").Index().Func().Params(jen.Qual("context", "Context"), jen.Op("*").Qual("net/http", "Request")).Error()
		gr.Comment("auth holds a function per configured security scheme.")
		gr.Id("auth").Map(jen.String()).Func().Params(jen.Op("*").Qual("net/http", "Request"))
		gr.Comment("responseChecks converts a failed response check's error (checkResponse); nil")
		gr.Comment("unless WithResponseChecks.")
		gr.Id("responseChecks").Func().Params(jen.Id("op").String(), jen.Id("status").Int(), jen.Err().Error()).Error()
		for _, c := range g.clientServerFields() {
			gr.Add(c)
		}
		if g.clientCerts() {
			gr.Comment("certs are the client certificates of mutual TLS, set up in NewClient.")
			gr.Id("certs").Index().Qual("crypto/tls", "Certificate")
		}
	})
	f.Line()
	f.Comment("NewClient returns a client for the service at baseURL (such as")
	f.Comment("\"https://api.example.com/v1\"); operation paths are appended to it.")
	f.Func().Id("NewClient").Params(jen.Id("baseURL").String(), jen.Id("opts").Op("...").Id("ClientOption")).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.List(jen.Id("u"), jen.Err()).Op(":=").Id("parseBaseURL").Call(jen.Id("baseURL")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("c").Op(":=").Op("&").Id("Client").Values(jen.Dict{jen.Id("base"): jen.Id("u"), jen.Id("hc"): jen.Qual("net/http", "DefaultClient"), jen.Id("auth"): jen.Map(jen.String()).Func().Params(jen.Op("*").Qual("net/http", "Request")).Values()}),
		jen.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(
			jen.If(jen.Err().Op(":=").Id("o").Call(jen.Id("c")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		),
		g.setupClientCerts(),
		jen.Add(g.pickServers()...),
		jen.Return(jen.Id("c"), jen.Nil()),
	)
	f.Line()
	f.Comment("baseOf returns the URL operation op is sent to: its server (see")
	f.Comment("WithServerForOperation) or the base URL.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("baseOf").Params(jen.Id("op").String()).Op("*").Qual("net/url", "URL").Block(append(g.baseFor(), jen.Return(jen.Id("base")))...)
	f.Line()
	g.emitServerOptions(f)
	opts := g.securityOptions()
	for _, s := range g.m.SecuritySchemes {
		name := opts[s.Name]
		set := func(params []jen.Code, fn ...jen.Code) {
			f.Func().Id(name).Params(params...).Id("ClientOption").Block(
				jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Error().Block(
					jen.Id("c").Dot("auth").Index(jen.Lit(s.Name)).Op("=").Func().Params(jen.Id("r").Op("*").Qual("net/http", "Request")).Block(fn...),
					jen.Return(jen.Nil()),
				)),
			)
			f.Line()
		}
		switch {
		case s.Type == "mutualTLS":
			f.Comment(fmt.Sprintf("%s presents certs in the TLS handshake (security scheme %q, mutual TLS):", name, s.Name))
			f.Comment("NewClient gives the HTTP client a copy of its transport that sends them.")
			f.Func().Id(name).Params(jen.Id("certs").Op("...").Qual("crypto/tls", "Certificate")).Id("ClientOption").Block(
				jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Error().Block(
					jen.If(jen.Len(jen.Id("certs")).Op("==").Lit(0)).Block(jen.Return(jen.Qual("errors", "New").Call(jen.Lit(name+": no certificate")))),
					jen.Id("c").Dot("certs").Op("=").Append(jen.Id("c").Dot("certs"), jen.Id("certs").Op("...")),
					jen.Comment("The transport sends the credential; the scheme counts as configured."),
					jen.Id("c").Dot("auth").Index(jen.Lit(s.Name)).Op("=").Func().Params(jen.Op("*").Qual("net/http", "Request")).Block(),
					jen.Return(jen.Nil()),
				)),
			)
			f.Line()
		case s.Type == "http" && s.Scheme == "basic":
			f.Comment(fmt.Sprintf("%s authenticates with HTTP basic auth (security scheme %q).", name, s.Name))
			set([]jen.Code{jen.List(jen.Id("username"), jen.Id("password")).String()}, jen.Id("r").Dot("SetBasicAuth").Call(jen.Id("username"), jen.Id("password")))
		case s.Type == "apiKey" && s.In == contract.InQuery:
			f.Comment(fmt.Sprintf("%s sends key in the %q query parameter (security scheme %q).", name, s.ParamName, s.Name))
			set([]jen.Code{jen.Id("key").String()},
				jen.Id("q").Op(":=").Id("r").Dot("URL").Dot("Query").Call(),
				jen.Id("q").Dot("Set").Call(jen.Lit(s.ParamName), jen.Id("key")),
				jen.Id("r").Dot("URL").Dot("RawQuery").Op("=").Id("q").Dot("Encode").Call())
		case s.Type == "apiKey" && s.In == contract.InCookie:
			f.Comment(fmt.Sprintf("%s sends key in the %q cookie (security scheme %q).", name, s.ParamName, s.Name))
			set([]jen.Code{jen.Id("key").String()}, jen.Id("r").Dot("AddCookie").Call(jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(s.ParamName), jen.Id("Value"): jen.Id("key")})))
		case s.Type == "apiKey":
			f.Comment(fmt.Sprintf("%s sends key in the %q header (security scheme %q).", name, s.ParamName, s.Name))
			set([]jen.Code{jen.Id("key").String()}, jen.Id("r").Dot("Header").Dot("Set").Call(jen.Lit(s.ParamName), jen.Id("key")))
		case s.Type == "http" && s.Scheme != "bearer":
			f.Comment(fmt.Sprintf("%s sends credentials as the Authorization header with scheme %q (security scheme %q).", name, s.Scheme, s.Name))
			set([]jen.Code{jen.Id("credentials").String()}, jen.Id("r").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Lit(schemeTitle(s.Scheme)+" ").Op("+").Id("credentials")))
		default: // http bearer, oauth2, openIdConnect
			f.Comment(fmt.Sprintf("%s sends token as a bearer token (security scheme %q, %s).", name, s.Name, s.Type))
			set([]jen.Code{jen.Id("token").String()}, jen.Id("r").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Lit("Bearer ").Op("+").Id("token")))
		}
	}
}

func schemeTitle(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// emitClientMethod writes the client method of one operation.
func (g *gen) emitClientMethod(f *jen.File, oi *opInfo) {
	op := oi.op
	// Path: literal text and escaped parameter values.
	pathExpr := g.clientPath(oi)
	stmts := []jen.Code{
		jen.Id("path").Op(":=").Add(pathExpr),
	}
	// The query: none (nil) when the operation has no query parameter.
	var query jen.Code = jen.Nil()
	for _, pi := range oi.params {
		if pi.p.In == contract.InQuery {
			if isNil(query) {
				query = jen.Id("query")
				stmts = append(stmts, jen.Id("query").Op(":=").Qual("net/url", "Values").Values())
			}
			stmts = append(stmts, g.encodeQueryParam(pi)...)
		}
	}
	// Body: none (nil, "") when the operation takes none.
	body, contentType := jen.Nil(), jen.Lit("")
	if oi.body.mode != bodyNone {
		body, contentType = jen.Id("body"), jen.Id("contentType")
		stmts = append(stmts, jen.Var().Id("body").Qual("io", "Reader"), jen.Var().Id("contentType").String())
	}
	switch oi.body.mode {
	case bodyTyped:
		bodyPtr := jen.Id("req").Dot("Body")
		if oi.body.required {
			bodyPtr = jen.Op("&").Id("req").Dot("Body")
		}
		// readOnly properties are left out of the request (a required one
		// held by value would go as its zero value, which the server refuses).
		encode := jen.Id("encodeJSONValue").Call(bodyPtr, g.writerFn(oi.body.typ))
		if w := g.walker(oi.body.typ, readOnly); w != "" {
			encode = jen.Id("encodeJSONWithout").Call(bodyPtr, g.writerFn(oi.body.typ), jen.Id(w))
		}
		enc := []jen.Code{
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Add(encode),
			jen.If(jen.Err().Op("!=").Nil()).Block(g.callFail(oi, jen.Qual("fmt", "Errorf").Call(jen.Lit("encoding body: %w"), jen.Err()))),
			jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").List(jen.Qual("bytes", "NewReader").Call(jen.Id("b")), jen.Lit(firstOr(oi.body.json, "application/json"))),
		}
		if len(oi.body.json) == 0 && !oi.body.form {
			enc = g.encodeXMLBody(oi, bodyPtr)
		} else if len(oi.body.json) == 0 {
			// Form only.
			enc = []jen.Code{
				jen.Id("form").Op(":=").Qual("net/url", "Values").Values(),
			}
			for _, fi := range g.structFields(oi.body.typ) {
				if fi.f.ReadOnly {
					continue // the server sets it; a request leaves it out
				}
				enc = append(enc, g.encodeValues("form", fi.f.Name, fi.f.Type, fi.shape, g.derefBody(oi, fi.goName))...)
			}
			enc = append(enc, jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").List(jen.Qual("strings", "NewReader").Call(jen.Id("form").Dot("Encode").Call()), jen.Lit("application/x-www-form-urlencoded")))
		}
		if oi.body.required {
			stmts = append(stmts, jen.Block(enc...))
		} else {
			stmts = append(stmts, jen.If(jen.Id("req").Dot("Body").Op("!=").Nil()).Block(enc...))
		}
	case bodyRaw:
		stmts = append(stmts,
			jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").List(jen.Id("req").Dot("Body"), jen.Id("req").Dot("ContentType")),
			jen.If(jen.Id("contentType").Op("==").Lit("").Op("&&").Id("body").Op("!=").Nil()).Block(jen.Id("contentType").Op("=").Lit(oi.body.media[0])),
		)
	case bodyMultipart:
		stmts = append(stmts, g.encodeMultipart(oi)...)
	}
	stmts = append(stmts,
		jen.List(jen.Id("r"), jen.Err()).Op(":=").Id("c").Dot("newRequest").Call(jen.Id("ctx"), jen.Lit(op.ID), jen.Lit(op.Method), jen.Id("path"), query, body, contentType),
		jen.If(jen.Err().Op("!=").Nil()).Block(g.callFail(oi, jen.Err())),
	)
	for _, pi := range oi.params {
		switch pi.p.In {
		case contract.InHeader:
			stmts = append(stmts, g.encodeSimple(pi, func(v jen.Code) jen.Code {
				return jen.Id("r").Dot("Header").Dot("Set").Call(jen.Lit(pi.p.Name), v)
			})...)
		case contract.InCookie:
			stmts = append(stmts, g.encodeSimple(pi, func(v jen.Code) jen.Code {
				return jen.Id("r").Dot("AddCookie").Call(jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(pi.p.Name), jen.Id("Value"): v}))
			})...)
		}
	}
	// Security requirements as alternatives of scheme names.
	var alts []jen.Code
	for _, alt := range g.opSecurity(op) {
		var names []jen.Code
		for _, it := range alt {
			names = append(names, jen.Lit(it.Scheme))
		}
		alts = append(alts, jen.Values(names...))
	}
	security := jen.Nil()
	if len(alts) > 0 {
		security = jen.Index().Index().String().Values(alts...)
	}
	stmts = append(stmts,
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Id("c").Dot("send").Call(jen.Id("ctx"), jen.Id("r"), security),
		jen.If(jen.Err().Op("!=").Nil()).Block(g.callFail(oi, jen.Err())),
	)
	// Responses: specific codes, then ranges, then default.
	var cases []jen.Code
	for _, ri := range oi.responses {
		var cond jen.Code
		switch {
		case ri.r.Code > 0:
			cond = jen.Id("resp").Dot("StatusCode").Op("==").Lit(ri.r.Code)
		case ri.r.Status == "default":
			cond = jen.True()
		default:
			cond = jen.Id("resp").Dot("StatusCode").Op("/").Lit(100).Op("==").Lit(int(ri.r.Status[0] - '0'))
		}
		cases = append(cases, jen.Case(cond).Block(g.decodeResponse(oi, ri)...))
	}
	// unexpected closes the body; its error goes unwrapped (see callError).
	stmts = append(stmts, jen.Switch().Block(cases...), jen.Return(jen.Nil(), jen.Id("unexpected").Call(jen.Id("resp"))))

	f.Comment(fmt.Sprintf("%s calls %s %s.", oi.method, op.Method, g.opTarget(oi)))
	for _, l := range docLines(op.Summary) {
		f.Comment(l)
	}
	if op.Deprecated {
		f.Comment("")
		f.Comment("Deprecated: the contract marks this operation deprecated.")
	}
	recv := jen.Id("c").Op("*").Id("Client")
	if oi.sender != "" {
		recv = jen.Id("s").Op("*").Id(oi.sender)
		stmts = append([]jen.Code{jen.Id("c").Op(":=").Id("s").Dot("c")}, stmts...)
	}
	f.Func().Params(recv).Id(oi.method).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Id(oi.reqType)).Params(jen.Id(oi.respIface), jen.Error()).Block(stmts...)
	f.Line()
}

// A client method has no defer: every return names the method in its
// error itself (callFail before the response, responseFail after it, which
// also closes the body), and a response handled in full closes its body
// before returning. Two defers (the error's prefix, the body's Close)
// were not open-coded (too many returns) and made each method run every
// return through deferreturn: without them, and with one exit per case,
// ljaero.com_dflight's 24 client methods went from 53.6 to 41.1 KB of
// machine code (the nil query of an operation without query parameters
// included).

// callFail is the client method oi's return of error e before it has a
// response: e prefixed with the method's name.
func (g *gen) callFail(oi *opInfo, e jen.Code) jen.Code {
	return jen.Return(jen.Nil(), jen.Id("callError").Call(jen.Lit(oi.method), e))
}

// responseFail is the client method oi's return of error e once it has a
// response: the body closed, e prefixed with the method's name.
func (g *gen) responseFail(oi *opInfo, e jen.Code) jen.Code {
	return jen.Return(jen.Nil(), jen.Id("responseError").Call(jen.Id("resp"), jen.Lit(oi.method), e))
}

func firstOr(ss []string, def string) string {
	if len(ss) > 0 {
		return ss[0]
	}
	return def
}

func (g *gen) derefBody(oi *opInfo, field string) *jen.Statement {
	return jen.Id("req").Dot("Body").Dot(field)
}

// clientPath builds the request path: template text with each parameter
// formatted and path-escaped.
func (g *gen) clientPath(oi *opInfo) jen.Code {
	byName := map[string]paramInfo{}
	for _, pi := range oi.params {
		if pi.p.In == contract.InPath {
			byName[pi.p.Name] = pi
		}
	}
	var parts []jen.Code
	rest := oi.op.Path
	if oi.sendPath != "" {
		rest = oi.sendPath
	}
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		end := strings.IndexByte(rest, '}')
		if open < 0 || end < open {
			parts = append(parts, jen.Lit(rest))
			break
		}
		if open > 0 {
			parts = append(parts, jen.Lit(rest[:open]))
		}
		name := rest[open+1 : end]
		rest = rest[end+1:]
		pi, ok := byName[name]
		if !ok {
			parts = append(parts, jen.Lit("{"+name+"}"))
			continue
		}
		if items := g.paramItems(pi, jen.Id("req").Dot(pi.goName)); items != nil && (pi.enc == encArray || pi.p.Style == "label" || pi.p.Style == "matrix") {
			// Lists and the prefixed styles by the serializer validate
			// and the docs use too; a plain scalar needs no call.
			parts = append(parts, jen.Id("stylePath").Call(jen.Lit(name), jen.Lit(pi.p.Style), jen.Lit(pi.p.Explode), jen.False(), items))
			continue
		}
		parts = append(parts, jen.Qual("net/url", "PathEscape").Call(g.paramString(pi, jen.Id("req").Dot(pi.goName))))
	}
	if len(parts) == 0 {
		return jen.Lit("")
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

// paramItems is a scalar or list parameter's value as the []string of
// items the runtime's style serializers take; nil for other encodings.
func (g *gen) paramItems(pi paramInfo, v *jen.Statement) jen.Code {
	switch pi.enc {
	case encScalar:
		return jen.Index().String().Values(g.paramString(pi, v))
	case encArray:
		return jen.Id("mapStrings").Call(v, g.formatFunc(pi.p.Type.Elem))
	}
	return nil
}

// paramString is a single string for a path, header or cookie parameter:
// arrays are joined with commas (style simple and form, not exploded).
func (g *gen) paramString(pi paramInfo, v *jen.Statement) jen.Code {
	switch pi.enc {
	case encScalar:
		if pi.shape == shapePointer {
			return g.formatPointer(pi.p.Type, v)
		}
		return g.formatScalar(pi.p.Type, v)
	case encArray:
		return jen.Id("styleHeader").Call(jen.Lit(pi.p.Explode), jen.False(), g.paramItems(pi, v))
	case encRaw:
		if !pi.p.Required {
			return jen.Op("*").Add(v)
		}
		return v
	}
	return jen.Qual("fmt", "Sprint").Call(v)
}

// encodeSimple emits setting a header or cookie parameter when present.
func (g *gen) encodeSimple(pi paramInfo, set func(v jen.Code) jen.Code) []jen.Code {
	v := jen.Id("req").Dot(pi.goName)
	s := g.paramString(pi, v.Clone())
	switch {
	case pi.enc == encJSON:
		return []jen.Code{jen.If(jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(v.Clone()), jen.Err().Op("==").Nil()).Block(set(jen.String().Call(jen.Id("b"))))}
	case pi.enc == encArray:
		return []jen.Code{jen.If(jen.Len(v.Clone()).Op(">").Lit(0)).Block(set(s))}
	case pi.shape == shapePointer || pi.enc == encRaw && !pi.p.Required:
		return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(set(s))}
	}
	return g.sentUnlessZero(pi, []jen.Code{set(s)})
}

// encodeQueryParam emits adding a query parameter in its style.
func (g *gen) encodeQueryParam(pi paramInfo) []jen.Code {
	p := pi.p
	v := jen.Id("req").Dot(pi.goName)
	switch pi.enc {
	case encArray:
		return []jen.Code{jen.Id("styleQuery").Call(jen.Id("query"), jen.Lit(p.Name), jen.Lit(p.Style), jen.Lit(p.Explode), jen.False(), g.paramItems(pi, v.Clone()))}
	case encDeepObject, encFormObject:
		var out []jen.Code
		obj := v.Clone()
		if pi.shape == shapePointer {
			obj = jen.Parens(jen.Op("*").Add(v.Clone()))
		}
		for _, fi := range g.structFields(p.Type) {
			key := fi.f.Name
			if pi.enc == encDeepObject {
				key = p.Name + "[" + fi.f.Name + "]"
			}
			out = append(out, g.encodeValues("query", key, fi.f.Type, fi.shape, obj.Clone().Dot(fi.goName))...)
		}
		if pi.shape == shapePointer {
			return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(out...)}
		}
		return out
	case encJSON:
		set := jen.If(jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(v.Clone()), jen.Err().Op("==").Nil()).Block(jen.Id("query").Dot("Set").Call(jen.Lit(p.Name), jen.String().Call(jen.Id("b"))))
		if pi.shape == shapePointer {
			return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(set)}
		}
		return []jen.Code{set}
	}
	if pi.enc == encScalar && pi.shape == shapePointer {
		return []jen.Code{jen.Id("setQuery").Call(jen.Id("query"), jen.Lit(p.Name), v, g.formatFunc(p.Type))}
	}
	return g.encodeSimple(pi, func(s jen.Code) jen.Code { return jen.Id("query").Dot("Set").Call(jen.Lit(p.Name), s) })
}

// formatFunc is the runtime function writing one value of the scalar type
// t as text: formatString[T], formatInt[T] … instantiated with t's Go type.
func (g *gen) formatFunc(t *contract.Type) jen.Code { return g.scalarFunc("format", t) }

// encodeValues emits adding one scalar or array field to a url.Values.
func (g *gen) encodeValues(values, key string, t *contract.Type, shape fieldShape, v *jen.Statement) []jen.Code {
	if t.Kind == contract.KindArray {
		return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(v)).Block(
			jen.Id(values).Dot("Add").Call(jen.Lit(key), g.formatScalar(t.Elem, jen.Id("x"))),
		)}
	}
	switch shape {
	case shapePointer:
		return []jen.Code{jen.If(v.Clone().Op("!=").Nil()).Block(jen.Id(values).Dot("Set").Call(jen.Lit(key), g.formatPointer(t, v.Clone())))}
	case shapeNullable:
		return []jen.Code{jen.If(v.Clone().Dot("Set").Op("&&").Op("!").Add(v.Clone()).Dot("Null")).Block(jen.Id(values).Dot("Set").Call(jen.Lit(key), g.formatScalar(t, v.Clone().Dot("Value"))))}
	}
	return []jen.Code{jen.Id(values).Dot("Set").Call(jen.Lit(key), g.formatScalar(t, v))}
}

// decodeResponse emits reading one declared response.
func (g *gen) decodeResponse(oi *opInfo, ri respInfo) []jen.Code {
	var out []jen.Code
	out = append(out, jen.Var().Id("out").Id(ri.typeName))
	if ri.r.Code == 0 {
		out = append(out, jen.Id("out").Dot("StatusCode").Op("=").Id("resp").Dot("StatusCode"))
	}
	for _, hi := range ri.headers {
		target := jen.Id("out").Dot(hi.goName)
		fail := func(msg string) jen.Code {
			return g.responseFail(oi, jen.Qual("fmt", "Errorf").Call(jen.Lit(fmt.Sprintf("response header %q %s", hi.h.Name, msg))))
		}
		var parse []jen.Code
		if hi.list {
			// Items are comma-separated, with optional spaces around
			// commas (an HTTP list).
			parse = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("splitParam").Call(jen.Id("s"), jen.Lit(","))).Block(
				g.parseScalar(hi.h.Type.Elem, jen.Qual("strings", "TrimSpace").Call(jen.Id("x")), func(v jen.Code) []jen.Code {
					return []jen.Code{target.Clone().Op("=").Append(target.Clone(), v)}
				}, fail)...,
			)}
		} else if hi.object || hi.mapped {
			parse = g.parseObjectHeader(hi, target, fail)
		} else if hi.scalar {
			shape := g.shapeOf(hi.h.Type, hi.h.Required, false)
			parse = g.parseScalar(hi.h.Type, jen.Id("s"), func(v jen.Code) []jen.Code {
				if shape == shapePointer {
					return []jen.Code{jen.Id("v").Op(":=").Add(v), target.Clone().Op("=").Op("&").Id("v")}
				}
				return []jen.Code{target.Clone().Op("=").Add(v)}
			}, fail)
		} else if hi.h.Required {
			parse = []jen.Code{target.Clone().Op("=").Id("s")}
		} else {
			parse = []jen.Code{target.Clone().Op("=").Op("&").Id("s")}
		}
		out = append(out, jen.If(jen.Id("s").Op(":=").Id("resp").Dot("Header").Dot("Get").Call(jen.Lit(hi.h.Name)), jen.Id("s").Op("!=").Lit("")).Block(parse...))
	}
	if call := g.decodeCheckedCall(oi, ri); call != nil {
		return append(out,
			// decodeChecked closes the body.
			jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(g.callFail(oi, jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	}
	// Headers and a typed body are checked together once the body is
	// decoded; other bodies are not checked, so their headers are at once.
	check := g.checkDecodedStmt(oi, ri)
	if check != nil && ri.mode != bodyTyped {
		out = append(out, check)
	}
	switch ri.mode {
	case bodyTyped:
		out = append(out,
			jen.If(jen.Err().Op(":=").Add(g.decodeXMLResponse(ri)), jen.Err().Op("!=").Nil()).Block(
				g.responseFail(oi, jen.Err()),
			),
		)
		if check != nil {
			out = append(out, check)
		}
	case bodyRaw:
		out = append(out,
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("readAll").Call(jen.Id("resp").Dot("Body"), jen.Id("resp").Dot("ContentLength"), jen.Id("maxResponseBytes")),
			jen.If(jen.Err().Op("!=").Nil()).Block(g.responseFail(oi, jen.Qual("fmt", "Errorf").Call(jen.Lit("reading response: %w"), jen.Err()))),
			jen.Id("out").Dot("Body").Op("=").Id("b"),
			jen.Id("out").Dot("ContentType").Op("=").Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
		)
	case bodyStream:
		// The stream is handed to the caller, who closes it.
		return append(append(out, g.readStream(ri)...), jen.Return(jen.Id("out"), jen.Nil()))
	}
	return append(out, jen.Id("resp").Dot("Body").Dot("Close").Call(), jen.Return(jen.Id("out"), jen.Nil()))
}

// decodeCheckedCall is the runtime's decodeChecked call that decodes and
// checks response ri in one, for a JSON body without headers whose check,
// if any, is its type's Validate method; nil for any other response, which
// decodeResponse writes out. One call per declared status keeps a client
// method small: on ljaero.com_dflight's 24 operations the written-out
// decoding and check were most of each method's 2.4 KB of machine code.
func (g *gen) decodeCheckedCall(oi *opInfo, ri respInfo) jen.Code {
	if ri.mode != bodyTyped || ri.xml != "" || len(ri.headers) > 0 {
		return nil
	}
	var validate jen.Code = jen.Nil()
	if g.defined(ri.typ) {
		validate = jen.Parens(jen.Op("*").Id(g.canonicalName(ri.typ))).Dot("Validate")
	} else if !isNil(g.checkFunc(ri.typ, func() *jen.Statement { return g.typeExpr(ri.typ) })) {
		return nil
	}
	return jen.Id("decodeChecked").Call(jen.Id("resp"), jen.Id("c").Dot("responseChecks"), jen.Lit(oi.op.ID), jen.Op("&").Id("out").Dot("Body"), g.readerFn(ri.typ), validate)
}
