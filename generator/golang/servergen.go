package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// emitOperations writes the request and response types both the server
// and the client use.
func (g *gen) emitOperations(f *jen.File) error {
	g.emitOperationTypes(f)
	g.emitCallbackURLs(f)
	g.emitXMLTable(f)
	return nil
}

var (
	httpQ = func(n string) *jen.Statement { return jen.Qual("net/http", n) }
	wr    = func() []jen.Code {
		return []jen.Code{jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")}
	}
)

// emitServer writes the Handler interface, the Unimplemented base and
// NewServer: routing on Go 1.22 ServeMux patterns, request decoding and
// validation, problem+json errors, response writing and panic recovery.
func (g *gen) emitServer(f *jen.File) error {
	g.emitHandler(f)
	g.errAnswers = g.buildErrorAnswers()
	g.emitServerRuntime(f)
	g.emitSecurity(f)
	g.emitErrorAnswers(f, g.errAnswers)
	for _, oi := range g.allOps() {
		g.emitDecodeRequest(f, oi)
		g.emitWriteResponse(f, oi)
		g.unitEmitted(f)
	}
	g.emitReceivers(f)
	g.flushChecks(f)
	g.flushPatterns(f)
	g.flushWalkers(f)
	return nil
}

func (g *gen) emitHandler(f *jen.File) {
	g.emitHandlerSet(f, "Handler", "Unimplemented", []string{
		"Handler is the service: one method per operation of the contract. A method",
		"gets a request that has been decoded and validated, and returns one of the",
		"operation's declared responses, or an error (sent as a 500 problem unless",
		"WithErrorHandler says otherwise).",
	}, g.ops, func(oi *opInfo) string { return fmt.Sprintf("%s handles %s %s.", oi.method, oi.op.Method, oi.op.Path) })
}

// emitHandlerSet writes a handler interface with one method per operation
// of ops (the service's Handler, a webhook or callback receiver's), and its
// Unimplemented base answering 501.
func (g *gen) emitHandlerSet(f *jen.File, name, unimpl string, doc []string, ops []*opInfo, methodDoc func(*opInfo) string) {
	for _, l := range doc {
		f.Comment(l)
	}
	var methods []jen.Code
	for _, oi := range ops {
		methods = append(methods, jen.Comment(methodDoc(oi)))
		for _, l := range docLines(oi.op.Summary) {
			methods = append(methods, jen.Comment(l))
		}
		methods = append(methods, jen.Id(oi.method).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Id(oi.reqType)).Params(jen.Id(oi.respIface), jen.Error()))
	}
	f.Type().Id(name).Interface(methods...)
	f.Line()
	f.Comment(fmt.Sprintf("%s answers every operation with 501 Not Implemented. Embed it in", unimpl))
	f.Comment(fmt.Sprintf("a %s implementation to implement operations one at a time.", name))
	f.Type().Id(unimpl).Struct()
	f.Line()
	for _, oi := range ops {
		f.Comment(fmt.Sprintf("%s returns a NotImplementedError.", oi.method))
		f.Func().Params(jen.Id(unimpl)).Id(oi.method).Params(jen.Qual("context", "Context"), jen.Id(oi.reqType)).Params(jen.Id(oi.respIface), jen.Error()).Block(
			jen.Return(jen.Nil(), jen.Op("&").Id("NotImplementedError").Values(jen.Dict{jen.Id("Operation"): jen.Lit(oi.op.ID)})),
		)
		f.Line()
	}
	f.Var().Id("_").Id(name).Op("=").Id(unimpl).Values()
	f.Line()
}

// routePattern turns a contract path into a ServeMux pattern: every
// templated segment becomes a whole-segment wildcard {pN} (values are
// read by matchPath, which also handles "{id}.json"), and a trailing
// slash matches only itself.
func routePattern(method, path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	n := 0
	for i, s := range segs {
		if strings.Contains(s, "{") {
			segs[i] = fmt.Sprintf("{p%d}", n)
			n++
		}
	}
	p := "/" + strings.Join(segs, "/")
	if strings.HasSuffix(p, "/") {
		p += "{$}"
	}
	return method + " " + p
}

// emitServerRuntime writes the server's contract-dependent core: the
// server type (its Handler, and SecurityHandler when operations are
// secured), the route table, one serve method per operation and
// NewServer. Everything else the server does is fixed code in
// runtime/server.go, copied by use.
func (g *gen) emitServerRuntime(f *jen.File) {
	f.Comment("server is the http.Handler NewServer returns.")
	f.Type().Id("server").StructFunc(func(gr *jen.Group) {
		gr.Id("h").Id("Handler")
		if g.hasSecurity() {
			gr.Id("sec").Id("SecurityHandler")
		}
		gr.Comment("gate checks a secured operation's requirements; nil when none is secured.")
		gr.Id("gate").Func().Params(httpQ("ResponseWriter"), jen.Op("*").Add(httpQ("Request")), jen.Op("*").Id("OperationInfo")).Params(jen.Qual("context", "Context"), jen.Error())
		gr.Comment("chain is the middleware around serveMatched, run for every request after routing.")
		gr.Id("chain").Add(httpQ("Handler"))
		for _, c := range []jen.Code{
			jen.Id("maxBody").Int64(),
			jen.Id("middleware").Index().Func().Params(httpQ("Handler")).Add(httpQ("Handler")),
			jen.Id("onError").Func().Params(append(wr(), jen.Err().Error())...),
			jen.Id("logger").Op("*").Qual("log/slog", "Logger"),
			jen.Id("routes").Index().Id("route"),
			jen.Id("fallback").Index().Id("route"),
			jen.Id("dropReadOnly").Bool(),
			jen.Id("responseValidation").Id("ResponseValidation"),
		} {
			gr.Add(c)
		}
	})
	f.Line()

	// The routes are a package-level table of method expressions, which
	// the compiler lays out as static data: registering them with a
	// closure each inside NewServer made one function of 11,000 closures
	// for Microsoft Graph.
	f.Comment("routeTable lists every operation: its method, ServeMux pattern, contract path")
	f.Comment("template, the server method serving it and what OperationFromContext returns.")
	f.Var().Id("routeTable").Op("=").Index().Id("route").ValuesFunc(func(gr *jen.Group) {
		for _, oi := range g.ops {
			gr.Line().Values(jen.Lit(oi.op.Method), jen.Lit(oi.op.Path), jen.Lit(routePattern(oi.op.Method, oi.op.Path)), jen.Parens(jen.Op("*").Id("server")).Dot("serve"+oi.method), g.operationInfo(oi), g.errAnswers.tableOf(oi))
		}
		gr.Line()
	})
	f.Line()
	for _, oi := range g.ops {
		f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("serve" + oi.method).Params(append(wr(), jen.Id("pv").Map(jen.String()).String())...).Block(
			g.serveOperation(oi, jen.Id("pv"), jen.Id("s").Dot("h"))...,
		)
		f.Line()
	}
	params := []jen.Code{jen.Id("h").Id("Handler")}
	var body []jen.Code
	if g.hasSecurity() {
		params = append(params, jen.Id("sec").Id("SecurityHandler"))
		body = append(body,
			jen.If(jen.Id("sec").Op("==").Nil()).Block(
				jen.Panic(jen.Lit("NewServer: nil SecurityHandler: the contract's secured operations need one")),
			),
			jen.Id("s").Op(":=").Op("&").Id("server").Values(jen.Dict{jen.Id("h"): jen.Id("h"), jen.Id("sec"): jen.Id("sec")}),
			jen.Id("s").Dot("gate").Op("=").Id("s").Dot("authorize"),
		)
		f.Comment("NewServer returns an http.Handler serving h under the contract's paths. sec")
		f.Comment("checks the credentials of secured operations before h sees their requests.")
	} else {
		body = append(body, jen.Id("s").Op(":=").Op("&").Id("server").Values(jen.Dict{jen.Id("h"): jen.Id("h")}))
		if g.undefinedOnly() {
			body = append(body, jen.Id("s").Dot("gate").Op("=").Id("s").Dot("authorize"))
		}
		f.Comment("NewServer returns an http.Handler serving h under the contract's paths.")
	}
	params = append(params, jen.Id("opts").Op("...").Id("ServerOption"))
	body = append(body, jen.Return(jen.Id("s").Dot("setup").Call(jen.Id("routeTable"), jen.Id("opts"))))
	f.Func().Id("NewServer").Params(params...).Add(httpQ("Handler")).Block(body...)
	f.Line()
}

// serveOperation is the body of a function serving operation oi: decode
// and validate the request (path values pv), call the handler h's method,
// write its response; errors go to the error handler. Spelled out per
// operation rather than one generic runtime function: its request type
// is a struct, and each struct is a GC shape of its own, so a generic
// made one instance per operation, costing the compiler more than these
// few statements.
func (g *gen) serveOperation(oi *opInfo, pv, h jen.Code) []jen.Code {
	return []jen.Code{
		jen.Var().Id("req").Id(oi.reqType),
		jen.If(jen.Id("rerr").Op(":=").Id("s").Dot("decode"+oi.method).Call(jen.Id("w"), jen.Id("r"), pv, jen.Op("&").Id("req")), jen.Id("rerr").Op("!=").Nil()).Block(
			jen.Id("s").Dot("refuse").Call(jen.Id("w"), jen.Id("r"), g.errAnswers.tableOf(oi), jen.Id("rerr")),
			jen.Return(),
		),
		jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(h).Dot(oi.method).Call(jen.Id("r").Dot("Context").Call(), jen.Id("req")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Id("s").Dot("handlerError").Call(jen.Id("w"), jen.Id("r"), jen.Err()),
			jen.Return(),
		),
		jen.Id("s").Dot("write"+oi.method).Call(jen.Id("w"), jen.Id("r"), jen.Id("resp")),
	}
}

// emitDecodeRequest writes the function that reads one operation's
// parameters and body from a request and validates them: one runtime
// helper call per parameter and body where the helpers cover it, spelled
// out statements for the rest (label and matrix paths, objects, JSON in a
// parameter, form bodies). It fills the caller's request (req, a
// pointer) and returns only the refusal: returning the request by value
// copied the whole struct at every return, one per parameter.
func (g *gen) emitDecodeRequest(f *jen.File, oi *opInfo) {
	var body []jen.Code
	needQuery, needParams := false, false
	for _, pi := range oi.params {
		if g.paramHelper(pi) != nil {
			needParams = true
		} else if pi.p.In == contract.InQuery {
			needQuery = true
		}
	}
	if needQuery {
		body = append(body, jen.Id("q").Op(":=").Id("r").Dot("URL").Dot("Query").Call())
	}
	if needParams {
		fields := jen.Dict{jen.Id("r"): jen.Id("r"), jen.Id("pv"): jen.Id("pv")}
		if needQuery {
			fields[jen.Id("q")] = jen.Id("q")
		}
		body = append(body, jen.Id("p").Op(":=").Op("&").Id("params").Values(fields))
	}
	for _, pi := range oi.params {
		if set := g.setParamDefault(pi); set != nil {
			body = append(body, set)
		}
	}
	for _, pi := range oi.params {
		if call := g.paramHelper(pi); call != nil {
			body = append(body, jen.If(jen.Id("rerr").Op(":=").Add(call), jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))))
			continue
		}
		body = append(body, jen.Block(g.decodeParam(oi, pi)...))
	}
	if call := g.bodyHelper(oi); call != nil {
		body = append(body, jen.If(jen.Id("rerr").Op(":=").Add(call), jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))))
	} else {
		body = append(body, g.decodeBody(oi)...)
	}
	body = append(body, g.bodySetDefaults(oi)...)
	body = append(body, jen.Return(jen.Nil()))
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("decode" + oi.method).Params(append(wr(), jen.Id("pv").Map(jen.String()).String(), jen.Id("req").Op("*").Id(oi.reqType))...).Op("*").Id("RequestError").Block(body...)
	f.Line()
}

// paramHelper is the call of the runtime helper (param, optParam,
// arrayParam) that decodes and checks parameter pi, nil when no helper
// covers it.
func (g *gen) paramHelper(pi paramInfo) *jen.Statement {
	p := pi.p
	if p.In == contract.InPath && (p.Style == "label" || p.Style == "matrix") {
		return nil
	}
	field := jen.Op("&").Id("req").Dot(pi.goName)
	args := []jen.Code{jen.Id("p"), jen.Lit(string(p.In)), jen.Lit(p.Name)}
	switch pi.enc {
	case encScalar:
		parse := g.parseFunc(p.Type)
		check := g.checkFunc(p.Type, func() *jen.Statement { return g.typeExpr(p.Type) })
		if pi.shape == shapePointer {
			return jen.Id("optParam").Call(append(args, parse, check, field)...)
		}
		return jen.Id("param").Call(append(args, jen.Lit(p.Required), parse, check, field)...)
	case encArray:
		if g.defined(p.Type) {
			return nil
		}
		sep := ""
		if !(p.In == contract.InQuery && p.Explode) {
			sep = map[string]string{"spaceDelimited": " ", "pipeDelimited": "|"}[p.Style]
			if sep == "" {
				sep = ","
			}
		}
		parse := g.parseFunc(p.Type.Elem)
		check := g.checkFunc(p.Type, func() *jen.Statement { return jen.Index().Add(g.typeExpr(p.Type.Elem)) })
		return jen.Id("arrayParam").Call(append(args, jen.Lit(p.Required), jen.Lit(sep), parse, check, field)...)
	}
	return nil
}

// parseFunc is the runtime function reading one text value of the scalar
// type t: parseString[T], parseInt[T] … instantiated with t's Go type.
func (g *gen) parseFunc(t *contract.Type) jen.Code { return g.scalarFunc("parse", t) }

// scalarFunc names the runtime function verb+Kind for the scalar type t
// (parseInt[T], formatTime …): the server parses and the client formats
// the same set of scalar kinds.
func (g *gen) scalarFunc(verb string, t *contract.Type) jen.Code {
	kind, format := t.Kind, t.Format
	if kind == contract.KindEnum {
		kind, format = t.Base, ""
	}
	switch kind {
	case contract.KindBool:
		return jen.Id(verb + "Bool").Types(g.typeExpr(t))
	case contract.KindInt:
		return jen.Id(verb + intFuncSuffix(intRepOf(t))).Types(g.typeExpr(t))
	case contract.KindNumber:
		return jen.Id(verb + "Number").Types(g.typeExpr(t))
	case contract.KindString:
		switch format {
		case "date-time":
			return jen.Id(verb + "Time")
		case "byte":
			return jen.Id(verb + "Bytes")
		}
	}
	return jen.Id(verb + "String").Types(g.typeExpr(t))
}

// bodyHelper is the call of jsonBody or optJSONBody reading a body that
// only JSON media types carry, nil for other bodies.
func (g *gen) bodyHelper(oi *opInfo) *jen.Statement {
	b := oi.body
	if b.mode != bodyTyped || b.form || len(b.json) == 0 || len(b.xml) > 0 || g.walker(b.typ, readOnly) != "" {
		return nil
	}
	args := []jen.Code{jen.Id("s"), jen.Id("w"), jen.Id("r"), jen.Op("&").Id("req").Dot("Body"), g.readerFn(b.typ), g.checkFunc(b.typ, func() *jen.Statement { return g.typeExpr(b.typ) })}
	for _, m := range b.json {
		args = append(args, jen.Lit(m))
	}
	if b.required {
		return jen.Id("jsonBody").Call(args...)
	}
	return jen.Id("optJSONBody").Call(args...)
}

// decodeParam emits the statements that read one parameter into
// req.<Field>, returning a RequestError when it is missing or invalid.
func (g *gen) decodeParam(oi *opInfo, pi paramInfo) []jen.Code {
	p := pi.p
	in, name := string(p.In), p.Name
	fail := func(msg string) jen.Code {
		return jen.Return(jen.Id("badParam").Call(jen.Lit(in), jen.Lit(name), jen.Lit(msg)))
	}
	field := jen.Id("req").Dot(pi.goName)
	// raw: the values as sent; present: whether the parameter was sent.
	var stmts []jen.Code
	switch p.In {
	case contract.InPath:
		prefix := ""
		switch p.Style {
		case "label":
			prefix = "."
		case "matrix":
			prefix = ";" + name + "="
		}
		stmts = append(stmts, jen.List(jen.Id("raw"), jen.Id("present")).Op(":=").Id("pv").Index(jen.Lit(name)))
		if prefix != "" {
			stmts = append(stmts, jen.Id("raw").Op("=").Qual("strings", "TrimPrefix").Call(jen.Id("raw"), jen.Lit(prefix)))
		}
		stmts = append(stmts, jen.Id("vals").Op(":=").Index().String().Values(jen.Id("raw")))
	case contract.InQuery:
		if pi.enc == encDeepObject || pi.enc == encFormObject {
			break
		}
		stmts = append(stmts, jen.List(jen.Id("vals"), jen.Id("present")).Op(":=").Id("q").Index(jen.Lit(name)))
	case contract.InHeader:
		stmts = append(stmts,
			jen.Id("vals").Op(":=").Id("r").Dot("Header").Dot("Values").Call(jen.Lit(name)),
			jen.Id("present").Op(":=").Len(jen.Id("vals")).Op(">").Lit(0),
		)
	case contract.InCookie:
		stmts = append(stmts,
			jen.Var().Id("vals").Index().String(),
			jen.If(jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("r").Dot("Cookie").Call(jen.Lit(name)), jen.Err().Op("==").Nil()).Block(
				jen.Id("vals").Op("=").Index().String().Values(jen.Id("c").Dot("Value")),
			),
			jen.Id("present").Op(":=").Len(jen.Id("vals")).Op(">").Lit(0),
		)
	}
	assign := func(v jen.Code) []jen.Code {
		switch pi.shape {
		case shapePointer:
			return []jen.Code{jen.Id("v").Op(":=").Add(v), field.Clone().Op("=").Op("&").Id("v")}
		}
		return []jen.Code{field.Clone().Op("=").Add(v)}
	}
	var parse []jen.Code
	switch pi.enc {
	case encScalar:
		parse = g.parseScalar(p.Type, jen.Id("vals").Index(jen.Lit(0)), assign, fail)
	case encArray:
		sep := map[string]string{"spaceDelimited": " ", "pipeDelimited": "|"}[p.Style]
		if sep == "" {
			sep = ","
		}
		if p.In == contract.InPath && p.Explode {
			// The exploded prefixed styles repeat their prefix between
			// items: .3.4 and ;id=3;id=4 (their first one is trimmed).
			switch p.Style {
			case "label":
				sep = "."
			case "matrix":
				sep = ";" + name + "="
			}
		}
		split := []jen.Code{}
		if !(p.In == contract.InQuery && p.Explode) {
			split = append(split, jen.Id("vals").Op("=").Id("splitParam").Call(jen.Qual("strings", "Join").Call(jen.Id("vals"), jen.Lit(sep)), jen.Lit(sep)))
		}
		elemAssign := func(v jen.Code) []jen.Code {
			return []jen.Code{field.Clone().Op("=").Append(field.Clone(), v)}
		}
		parse = append(split, jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("vals")).Block(
			g.parseScalar(p.Type.Elem, jen.Id("s"), elemAssign, fail)...,
		))
	case encJSON:
		target := field.Clone()
		parse = []jen.Code{jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("vals").Index(jen.Lit(0))), jen.Op("&").Add(target)), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("invalidValue").Call(jen.Lit(in), jen.Lit(name), jen.Id("decodeError").Call(jen.Lit(""), jen.Err()))),
		)}
	case encRaw:
		if p.Required {
			parse = []jen.Code{field.Clone().Op("=").Id("vals").Index(jen.Lit(0))}
		} else {
			parse = []jen.Code{jen.Id("v").Op(":=").Id("vals").Index(jen.Lit(0)), field.Clone().Op("=").Op("&").Id("v")}
		}
	case encDeepObject, encFormObject:
		return g.decodeObjectParam(pi, field, fail)
	}
	if p.Required {
		// Required: reject a missing value once, then parse what is there.
		stmts = append(stmts, jen.If(jen.Op("!").Id("present").Op("||").Len(jen.Id("vals")).Op("==").Lit(0)).Block(fail("is required")))
		stmts = append(stmts, parse...)
	} else {
		stmts = append(stmts, jen.If(jen.Id("present").Op("&&").Len(jen.Id("vals")).Op(">").Lit(0)).Block(parse...))
	}
	stmts = append(stmts, g.validateParam(pi, field)...)
	return stmts
}

// validateParam checks the decoded parameter against its constraints.
func (g *gen) validateParam(pi paramInfo, field *jen.Statement) []jen.Code {
	p := pi.p
	var checks []jen.Code
	switch pi.enc {
	case encRaw:
		return nil
	case encArray:
		checks = g.validateStmts(p.Type, field.Clone(), jen.Lit(""))
	default:
		if pi.shape == shapePointer {
			inner := g.validateStmts(p.Type, g.deref(p.Type, field.Clone()), jen.Lit(""))
			if len(inner) > 0 {
				checks = []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(inner...)}
			}
		} else {
			checks = g.validateStmts(p.Type, field.Clone(), jen.Lit(""))
		}
	}
	if len(checks) == 0 {
		return nil
	}
	fn := jen.Func().Params().Error().Block(append(checks, jen.Return(jen.Nil()))...)
	return []jen.Code{jen.If(jen.Err().Op(":=").Add(fn).Call(), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Id("invalidValue").Call(jen.Lit(string(p.In)), jen.Lit(p.Name), jen.Err())),
	)}
}

// decodeObjectParam reads a deepObject (name[field]=v) or exploded form
// object (field=v) query parameter into its struct.
func (g *gen) decodeObjectParam(pi paramInfo, field *jen.Statement, fail func(string) jen.Code) []jen.Code {
	t := pi.p.Type
	var stmts []jen.Code
	stmts = append(stmts, jen.Var().Id("obj").Add(g.typeExpr(t)), jen.Id("present").Op(":=").False())
	key := func(name string) string {
		if pi.enc == encDeepObject {
			return pi.p.Name + "[" + name + "]"
		}
		return name
	}
	failField := func(key, msg string) jen.Code {
		return jen.Return(jen.Id("badParam").Call(jen.Lit(string(pi.p.In)), jen.Lit(key), jen.Lit(msg)))
	}
	stmts = append(stmts, g.objectFields(t, "q", key, []jen.Code{jen.Id("present").Op("=").True()}, failField)...)
	if pi.p.Required {
		stmts = append(stmts, jen.If(jen.Op("!").Id("present")).Block(fail("is required")))
	}
	set := []jen.Code{field.Clone().Op("=").Id("obj")}
	if pi.shape == shapePointer {
		set = []jen.Code{field.Clone().Op("=").Op("&").Id("obj")}
	}
	// Required properties of the object are checked by Validate only for
	// pointer fields; a missing required value field is reported here.
	for _, fi := range g.structFields(t) {
		if fi.f.Required && fi.shape == shapeValue {
			key := fi.f.Name
			if pi.enc == encDeepObject {
				key = pi.p.Name + "[" + fi.f.Name + "]"
			}
			stmts = append(stmts, jen.If(jen.Id("present").Op("&&").Op("!").Id("q").Dot("Has").Call(jen.Lit(key))).Block(
				jen.Return(jen.Id("badParam").Call(jen.Lit(string(pi.p.In)), jen.Lit(key), jen.Lit("is required"))),
			))
		}
	}
	stmts = append(stmts, jen.If(jen.Id("present")).Block(append(set,
		jen.If(jen.Err().Op(":=").Id("obj").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("invalidValue").Call(jen.Lit(string(pi.p.In)), jen.Lit(pi.p.Name), jen.Err())),
		))...))
	return stmts
}

// decodeBody emits the statements reading the request body.
func (g *gen) decodeBody(oi *opInfo) []jen.Code {
	b := oi.body
	switch b.mode {
	case bodyNone:
		return nil
	case bodyMultipart:
		return g.decodeMultipart(oi)
	case bodyRaw:
		stmts := []jen.Code{
			jen.Id("ct").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
			jen.List(jen.Id("mt"), jen.Id("_"), jen.Id("_")).Op(":=").Qual("mime", "ParseMediaType").Call(jen.Id("ct")),
		}
		var lits []jen.Code
		for _, m := range b.media {
			lits = append(lits, jen.Lit(m))
		}
		empty := jen.Id("r").Dot("ContentLength").Op("==").Lit(0)
		if b.required {
			stmts = append(stmts, jen.If(empty.Clone()).Block(
				jen.Return(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusBadRequest"), jen.Id("Detail"): jen.Lit("request body is required")})),
			))
		}
		stmts = append(stmts,
			jen.If(jen.Op("!").Parens(empty.Clone()).Op("&&").Op("!").Id("mediaMatches").Call(append([]jen.Code{jen.Id("mt")}, lits...)...)).Block(
				jen.Return(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusUnsupportedMediaType"), jen.Id("Detail"): jen.Lit("Content-Type must be one of: " + strings.Join(b.media, ", "))})),
			),
			jen.Id("req").Dot("Body").Op("=").Qual("net/http", "MaxBytesReader").Call(jen.Id("w"), jen.Id("r").Dot("Body"), jen.Id("s").Dot("maxBody")),
			jen.Id("req").Dot("ContentType").Op("=").Id("ct"),
		)
		return stmts
	}
	// Typed: JSON and maybe form.
	var jsonLits []jen.Code
	for _, m := range b.json {
		jsonLits = append(jsonLits, jen.Lit(m))
	}
	accepted := append([]string{}, b.json...)
	if b.form {
		accepted = append(accepted, "application/x-www-form-urlencoded")
	}
	accepted = append(accepted, b.xml...)
	target := jen.Op("&").Id("req").Dot("Body")
	if !b.required {
		target = jen.Id("req").Dot("Body")
	}
	var cases []jen.Code
	jsonDecode := []jen.Code{
		jen.List(jen.Id("data"), jen.Id("rerr")).Op(":=").Id("s").Dot("readBody").Call(jen.Id("w"), jen.Id("r")),
		jen.If(jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))),
	}
	if w := g.walker(b.typ, readOnly); w != "" {
		jsonDecode = append(jsonDecode, jen.If(jen.Id("rerr").Op(":=").Id("s").Dot("refuseReadOnly").Call(jen.Op("&").Id("data"), jen.Id(w)), jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))))
	}
	if !b.required {
		jsonDecode = append(jsonDecode, jen.Id("req").Dot("Body").Op("=").New(g.typeExpr(b.typ)))
	}
	jsonDecode = append(jsonDecode, jen.If(jen.Id("rerr").Op(":=").Id("decodeJSONBody").Call(jen.Id("data"), target, g.readerFn(b.typ)), jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))))
	if len(b.json) > 0 {
		cases = append(cases, jen.Case(jen.Id("mediaMatches").Call(append([]jen.Code{jen.Id("mt")}, jsonLits...)...).Op("||").Id("mt").Op("==").Lit("application/json")).Block(jsonDecode...))
	}
	if b.form {
		cases = append(cases, jen.Case(jen.Id("mt").Op("==").Lit("application/x-www-form-urlencoded")).Block(g.decodeForm(oi)...))
	}
	if len(b.xml) > 0 {
		cases = append(cases, g.decodeXMLCase(b, jsonDecode[1:]))
	}
	cases = append(cases, jen.Default().Block(
		jen.Return(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusUnsupportedMediaType"), jen.Id("Detail"): jen.Lit("Content-Type must be one of: " + strings.Join(accepted, ", "))})),
	))
	stmts := []jen.Code{
		jen.List(jen.Id("mt"), jen.Id("_"), jen.Id("_")).Op(":=").Qual("mime", "ParseMediaType").Call(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type"))),
	}
	absent := jen.Id("r").Dot("ContentLength").Op("==").Lit(0).Op("&&").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")).Op("==").Lit("")
	if b.required {
		stmts = append(stmts, jen.If(absent).Block(
			jen.Return(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusBadRequest"), jen.Id("Detail"): jen.Lit("request body is required")})),
		), jen.Switch().Block(cases...))
	} else {
		stmts = append(stmts, jen.If(jen.Op("!").Parens(absent)).Block(jen.Switch().Block(cases...)))
	}
	validate := g.validateStmts(b.typ, g.derefIf(!b.required, b.typ, jen.Id("req").Dot("Body")), jen.Lit(""))
	if len(validate) > 0 {
		fn := jen.Func().Params().Error().Block(append(validate, jen.Return(jen.Nil()))...)
		check := jen.If(jen.Err().Op(":=").Add(fn).Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("invalidValue").Call(jen.Lit("body"), jen.Lit(""), jen.Err())),
		)
		if b.required {
			stmts = append(stmts, check)
		} else {
			stmts = append(stmts, jen.If(jen.Id("req").Dot("Body").Op("!=").Nil()).Block(check))
		}
	}
	return stmts
}

// derefIf is deref when cond holds, else the expression itself.
func (g *gen) derefIf(cond bool, t *contract.Type, e *jen.Statement) *jen.Statement {
	if cond {
		return g.deref(t, e)
	}
	return e
}

// decodeForm reads an application/x-www-form-urlencoded body into the
// typed body struct.
func (g *gen) decodeForm(oi *opInfo) []jen.Code {
	b := oi.body
	stmts := []jen.Code{
		jen.List(jen.Id("data"), jen.Id("rerr")).Op(":=").Id("s").Dot("readBody").Call(jen.Id("w"), jen.Id("r")),
		jen.If(jen.Id("rerr").Op("!=").Nil()).Block(jen.Return(jen.Id("rerr"))),
		jen.List(jen.Id("form"), jen.Err()).Op(":=").Qual("net/url", "ParseQuery").Call(jen.String().Call(jen.Id("data"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusBadRequest"), jen.Id("Detail"): jen.Lit("request body is not a valid form: ").Op("+").Err().Dot("Error").Call()}))),
		jen.Var().Id("obj").Add(g.typeExpr(b.typ)),
	}
	for _, fi := range g.structFields(b.typ) {
		target := jen.Id("obj").Dot(fi.goName)
		ptr := "/" + contract.EscapePointerToken(fi.f.Name)
		fail := func(msg string) jen.Code {
			return jen.Return(jen.Id("badParam").Call(jen.Lit("body"), jen.Lit(ptr), jen.Lit(msg)))
		}
		if fi.f.ReadOnly {
			stmts = append(stmts, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("form").Index(jen.Lit(fi.f.Name)), jen.Id("ok")).Block(
				jen.If(jen.Op("!").Id("s").Dot("dropReadOnly")).Block(fail(readOnlyMessage)),
				jen.Delete(jen.Id("form"), jen.Lit(fi.f.Name)),
			))
		}
		var parse []jen.Code
		if fi.f.Type.Kind == contract.KindArray {
			parse = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("vals")).Block(
				g.parseScalar(fi.f.Type.Elem, jen.Id("s"), func(v jen.Code) []jen.Code {
					return []jen.Code{target.Clone().Op("=").Append(target.Clone(), v)}
				}, fail)...,
			)}
		} else {
			parse = g.parseScalar(fi.f.Type, jen.Id("vals").Index(jen.Lit(0)), func(v jen.Code) []jen.Code {
				switch fi.shape {
				case shapePointer:
					return []jen.Code{jen.Id("v").Op(":=").Add(v), target.Clone().Op("=").Op("&").Id("v")}
				case shapeNullable:
					return []jen.Code{target.Clone().Op("=").Id("NewNullable").Call(v)}
				}
				return []jen.Code{target.Clone().Op("=").Add(v)}
			}, fail)
		}
		stmt := jen.If(jen.List(jen.Id("vals"), jen.Id("ok")).Op(":=").Id("form").Index(jen.Lit(fi.f.Name)), jen.Id("ok").Op("&&").Len(jen.Id("vals")).Op(">").Lit(0)).Block(parse...)
		if fi.f.Required {
			stmt.Else().Block(fail("is required"))
		}
		stmts = append(stmts, stmt)
	}
	if b.required {
		stmts = append(stmts, jen.Id("req").Dot("Body").Op("=").Id("obj"))
	} else {
		stmts = append(stmts, jen.Id("req").Dot("Body").Op("=").Op("&").Id("obj"))
	}
	return stmts
}

// emitWriteResponse writes the method sending a Handler's response.
func (g *gen) emitWriteResponse(f *jen.File, oi *opInfo) {
	var cases []jen.Code
	usesV := false
	for _, ri := range oi.responses {
		var stmts []jen.Code
		if ri.r.Code == 0 || len(ri.headers) > 0 || ri.mode != bodyNone {
			usesV = true
		}
		status := jen.Lit(ri.r.Code)
		if ri.r.Code == 0 {
			status = jen.Id("statusOr").Call(jen.Id("v").Dot("StatusCode"), jen.Lit(defaultStatus(ri.r)))
		}
		// Checked before anything is set: a 500 instead carries none of it.
		if check := g.checkResponseStmt(ri); check != nil {
			stmts = append(stmts, check)
		}
		for _, hi := range ri.headers {
			val := jen.Id("v").Dot(hi.goName)
			if hi.object || hi.mapped {
				stmts = append(stmts, g.writeObjectHeader(hi, val)...)
				continue
			}
			var s jen.Code
			if hi.list {
				stmts = append(stmts, jen.If(jen.Len(val.Clone()).Op(">").Lit(0)).Block(jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit(hi.h.Name),
					jen.Id("styleHeader").Call(jen.False(), jen.False(), jen.Id("mapStrings").Call(val.Clone(), g.formatFunc(hi.h.Type.Elem))))))
				continue
			}
			if hi.scalar {
				shape := g.shapeOf(hi.h.Type, hi.h.Required, false)
				if shape == shapePointer {
					s = g.formatPointer(hi.h.Type, val.Clone())
					stmts = append(stmts, jen.If(val.Clone().Op("!=").Nil()).Block(jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit(hi.h.Name), s)))
					continue
				}
				s = g.formatScalar(hi.h.Type, val.Clone())
			} else if hi.h.Required {
				s = val.Clone()
			} else {
				stmts = append(stmts, jen.If(val.Clone().Op("!=").Nil()).Block(jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit(hi.h.Name), jen.Op("*").Add(val.Clone()))))
				continue
			}
			stmts = append(stmts, jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit(hi.h.Name), s))
		}
		switch ri.mode {
		case bodyTyped:
			var send jen.Code
			if drop := g.walker(ri.typ, writeOnly); drop != "" {
				send = jen.Id("sendJSONWithout").Call(jen.Id("s"), jen.Id("w"), jen.Id("r"), status, jen.Lit(ri.media), jen.Op("&").Id("v").Dot("Body"), g.writerFn(ri.typ), jen.Id(drop))
			} else {
				send = jen.Id("sendJSON").Call(jen.Id("s"), jen.Id("w"), jen.Id("r"), status, jen.Lit(ri.media), jen.Op("&").Id("v").Dot("Body"), g.writerFn(ri.typ))
			}
			stmts = append(stmts, g.writeXML(ri, status, send))
		case bodyRaw:
			stmts = append(stmts, jen.Id("sendRaw").Call(jen.Id("w"), status, jen.Id("v").Dot("ContentType"), jen.Lit(ri.media), jen.Id("v").Dot("Body")))
		case bodyStream:
			stmts = append(stmts, g.writeStream(ri, status))
		default:
			stmts = append(stmts, jen.Id("w").Dot("WriteHeader").Call(status))
		}
		cases = append(cases, jen.Case(jen.Id(ri.typeName)).Block(stmts...))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("s").Dot("handlerError").Call(jen.Id("w"), jen.Id("r"), jen.Qual("fmt", "Errorf").Call(jen.Lit(oi.method+" returned %T, which is not a declared response"), jen.Id("resp"))),
	))
	sw := jen.Switch(jen.Id("v").Op(":=").Id("resp").Assert(jen.Type())).Block(cases...)
	if !usesV {
		sw = jen.Switch(jen.Id("resp").Assert(jen.Type())).Block(cases...)
	}
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("write" + oi.method).Params(append(wr(), jen.Id("resp").Id(oi.respIface))...).Block(sw)
	f.Line()
}
