package golang

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// Webhooks and callbacks are operations the API sends rather than serves.
// Each set of them (the contract's webhooks; one callback of one
// operation) gets what the operations of paths get, through the same
// emitters: request and response types, a typed handler interface with a
// constructor of the http.Handler receiving them, and a sender whose
// methods are client methods. A callback also gets a function computing
// its URL from the request that registered it.

// outboundSet is the webhooks, or one runtime expression of a callback.
type outboundSet struct {
	ops []*opInfo
	// routes are the ServeMux patterns the receiver mounts ops at.
	routes []string
	// what names the set in comments: "webhooks", "callback \"onEvent\" of subscribe".
	what string

	handler, unimpl, server string // receiving side
	sender, newSender       string // sending side

	// Callbacks only.
	cb      *contract.Callback
	parent  *opInfo
	urlFunc string // "" when the contract's expression cannot be evaluated
}

// allOps lists the operations of paths, then those of webhooks and
// callbacks: every operation with request and response types.
func (g *gen) allOps() []*opInfo {
	if len(g.outbound) == 0 {
		return g.ops
	}
	out := append([]*opInfo(nil), g.ops...)
	for _, set := range g.outbound {
		out = append(out, set.ops...)
	}
	return out
}

// nameOutbound names the webhook and callback sets and their operations,
// after the operations of paths.
func (g *gen) nameOutbound() {
	if len(g.m.Webhooks) > 0 {
		set := &outboundSet{
			what:    "webhooks",
			handler: g.pkg.unique("WebhookHandler"), unimpl: g.pkg.unique("UnimplementedWebhooks"), server: g.pkg.unique("NewWebhookServer"),
			sender: g.pkg.unique("WebhookSender"), newSender: g.pkg.unique("NewWebhookSender"),
		}
		for _, op := range g.m.Webhooks {
			oi := g.nameOperation(op)
			// Escaped, so that no name is read as a pattern wildcard.
			oi.sendPath = "/" + url.PathEscape(op.Webhook)
			oi.sender, oi.receiver = set.sender, set.handler
			set.ops = append(set.ops, oi)
			set.routes = append(set.routes, op.Method+" "+oi.sendPath)
		}
		g.outbound = append(g.outbound, set)
	}
	for _, parent := range g.ops {
		for _, cb := range parent.op.Callbacks {
			base := parent.method + GoName(cb.Name)
			set := &outboundSet{
				what: fmt.Sprintf("callback %q of %s", cb.Name, parent.op.ID),
				cb:   cb, parent: parent,
				handler: g.pkg.unique(base + "CallbackHandler"), unimpl: g.pkg.unique("Unimplemented" + base + "Callback"),
				server: g.pkg.unique("New" + base + "CallbackServer"),
				sender: g.pkg.unique(base + "Callback"), newSender: g.pkg.unique("New" + base + "Callback"),
			}
			if cb.URL != nil {
				set.urlFunc = g.pkg.unique(base + "CallbackURL")
			}
			for _, op := range cb.Operations {
				oi := g.nameOperation(op)
				oi.sender, oi.receiver = set.sender, set.handler
				set.ops = append(set.ops, oi)
				// The callback's URL is the sender's: any path is it.
				set.routes = append(set.routes, op.Method+" /")
			}
			g.outbound = append(g.outbound, set)
		}
	}
}

// opTarget says where an operation's request goes, for comments: its
// path, a webhook's path under the receiver's URL, or a callback's URL.
func (g *gen) opTarget(oi *opInfo) string {
	switch {
	case oi.op.Webhook != "":
		return fmt.Sprintf("%s (webhook %q)", oi.sendPath, oi.op.Webhook)
	case oi.sender != "":
		return "the callback URL"
	}
	return oi.op.Path
}

// emitReceivers writes, for each set, its handler interface, the
// Unimplemented base and the constructor of the http.Handler receiving it.
func (g *gen) emitReceivers(f *jen.File) {
	if len(g.outbound) == 0 {
		return
	}
	for _, set := range g.outbound {
		doc := []string{fmt.Sprintf("%s receives the %s: one method per operation, called", set.handler, set.what),
			"with a decoded and validated request, as Handler's methods are."}
		g.emitHandlerSet(f, set.handler, set.unimpl, doc, set.ops, func(oi *opInfo) string {
			if oi.op.Webhook != "" {
				return fmt.Sprintf("%s receives webhook %q (%s).", oi.method, oi.op.Webhook, oi.op.Method)
			}
			return fmt.Sprintf("%s receives %s %s.", oi.method, oi.op.Method, set.cb.Expression)
		})
		var mounts []jen.Code
		var lines []string
		for i, oi := range set.ops {
			mounts = append(mounts, jen.Id("mux").Dot("HandleFunc").Call(jen.Lit(set.routes[i]), jen.Func().Params(wr()...).Block(
				g.serveOperation(oi, jen.Nil(), jen.Id("h"))...,
			)))
			lines = append(lines, fmt.Sprintf("  %s: %s", set.routes[i], oi.method))
		}
		if set.cb != nil {
			f.Comment(fmt.Sprintf("%s returns an http.Handler receiving the %s at any path: mount it", set.server, set.what))
			f.Comment("where the callback URL the service is given points. Its operations by method:")
		} else {
			f.Comment(fmt.Sprintf("%s returns an http.Handler receiving the %s, each at its name,", set.server, set.what))
			f.Comment(fmt.Sprintf("where %s delivers it. Mount it under any prefix, as in", set.sender))
			f.Comment(fmt.Sprintf("mux.Handle(\"/hooks/\", http.StripPrefix(\"/hooks\", %s(h))). Its routes:", set.server))
		}
		f.Comment("")
		for _, l := range lines {
			f.Comment(l)
		}
		f.Comment("")
		f.Comment("The options are NewServer's.")
		f.Func().Id(set.server).Params(jen.Id("h").Id(set.handler), jen.Id("opts").Op("...").Id("ServerOption")).Add(httpQ("Handler")).Block(
			jen.Return(jen.Id("newReceiver").Call(jen.Id("opts"), jen.Func().Params(jen.Id("s").Op("*").Id("server"), jen.Id("mux").Op("*").Qual("net/http", "ServeMux")).Block(mounts...))),
		)
		f.Line()
	}
	g.emitReceiverRuntime(f)
}

// emitReceiverRuntime writes newReceiver, which builds a receiving server
// as NewServer builds the service's. Fixed code: it moves to
// runtime/*.go with the server it builds on.
func (g *gen) emitReceiverRuntime(f *jen.File) {
	f.Comment("newReceiver is NewServer for webhooks and callbacks: a server configured by")
	f.Comment("opts, whose routes mount registers, with panic recovery and middleware.")
	f.Func().Id("newReceiver").Params(jen.Id("opts").Index().Id("ServerOption"), jen.Id("mount").Func().Params(jen.Op("*").Id("server"), jen.Op("*").Qual("net/http", "ServeMux"))).Add(httpQ("Handler")).Block(
		jen.Id("s").Op(":=").Op("&").Id("server").Values(jen.Dict{jen.Id("maxBody"): jen.Lit(10 << 20), jen.Id("onError"): jen.Id("writeError")}),
		jen.For(jen.List(jen.Id("_"), jen.Id("o")).Op(":=").Range().Id("opts")).Block(jen.Id("o").Call(jen.Id("s"))),
		jen.If(jen.Id("s").Dot("logger").Op("==").Nil()).Block(jen.Id("s").Dot("logger").Op("=").Qual("log/slog", "Default").Call()),
		jen.Id("mux").Op(":=").Qual("net/http", "NewServeMux").Call(),
		jen.Id("mount").Call(jen.Id("s"), jen.Id("mux")),
		jen.Var().Id("handler").Qual("net/http", "Handler").Op("=").Id("s").Dot("recover").Call(jen.Id("mux")),
		jen.For(jen.Id("i").Op(":=").Len(jen.Id("s").Dot("middleware")).Op("-").Lit(1), jen.Id("i").Op(">=").Lit(0), jen.Id("i").Op("--")).Block(
			jen.Id("handler").Op("=").Id("s").Dot("middleware").Index(jen.Id("i")).Call(jen.Id("handler")),
		),
		jen.If(jen.Len(jen.Id("s").Dot("middleware")).Op(">").Lit(0)).Block(
			jen.Id("handler").Op("=").Id("s").Dot("recover").Call(jen.Id("handler")),
		),
		jen.Return(jen.Id("handler")),
	)
	f.Line()
}

// emitSenders writes, for each set, the sender type, its constructor and
// one client method per operation.
func (g *gen) emitSenders(f *jen.File) {
	for _, set := range g.outbound {
		if set.cb != nil {
			f.Comment(fmt.Sprintf("%s sends the %s to the URL it was made for,", set.sender, set.what))
			if set.urlFunc != "" {
				f.Comment(fmt.Sprintf("as %s computes it from the registering request.", set.urlFunc))
			} else {
				f.Comment(fmt.Sprintf("%q.", set.cb.Expression))
			}
		} else {
			f.Comment(fmt.Sprintf("%s delivers the %s to a receiver: each to the receiver's base URL", set.sender, set.what))
			f.Comment(fmt.Sprintf("followed by the webhook's name, where %s receives it.", set.server))
		}
		f.Type().Id(set.sender).Struct(jen.Id("c").Op("*").Id("Client"))
		f.Line()
		param := "baseURL"
		if set.cb != nil {
			param = "callbackURL"
		}
		f.Comment(fmt.Sprintf("%s returns a %s for %s; the options are NewClient's.", set.newSender, set.sender, param))
		f.Func().Id(set.newSender).Params(jen.Id(param).String(), jen.Id("opts").Op("...").Id("ClientOption")).Params(jen.Op("*").Id(set.sender), jen.Error()).Block(
			jen.List(jen.Id("c"), jen.Err()).Op(":=").Id("NewClient").Call(jen.Id(param), jen.Id("opts").Op("...")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Op("&").Id(set.sender).Values(jen.Dict{jen.Id("c"): jen.Id("c")}), jen.Nil()),
		)
		f.Line()
		for _, oi := range set.ops {
			g.emitClientMethod(f, oi)
		}
	}
}

// emitCallbackURLs writes, for each callback whose expression reads the
// request, the function computing its URL from the decoded request. The
// expression at the start of the URL (the address a subscriber gave) is
// taken as it is; later ones are escaped for the path or the query.
func (g *gen) emitCallbackURLs(f *jen.File) {
	for _, set := range g.outbound {
		if set.urlFunc == "" {
			continue
		}
		oi := set.parent
		params := []jen.Code{jen.Id("req").Id(oi.reqType)}
		var body []jen.Code
		usesBody := false
		for _, p := range set.cb.URL {
			if p.Expr != nil && p.Expr.Source == contract.ExprBody {
				usesBody = true
			}
			if p.Expr != nil && p.Expr.Source == contract.ExprURL {
				params = append(params, jen.Id("requestURL").String())
			}
		}
		if usesBody {
			ptr := jen.Op("&").Id("req").Dot("Body")
			if !oi.body.required {
				ptr = jen.Id("req").Dot("Body")
				body = append(body, jen.If(jen.Id("req").Dot("Body").Op("==").Nil()).Block(
					jen.Return(jen.Lit(""), jen.Qual("errors", "New").Call(jen.Lit("the request has no body"))),
				))
			}
			body = append(body,
				jen.List(jen.Id("doc"), jen.Err()).Op(":=").Id("encodeJSONValue").Call(ptr, g.writerFn(oi.body.typ)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Err())),
			)
		}
		body = append(body, jen.Var().Id("b").Qual("strings", "Builder"))
		inQuery := false
		for i, p := range set.cb.URL {
			if p.Expr == nil {
				body = append(body, jen.Id("b").Dot("WriteString").Call(jen.Lit(p.Literal)))
				inQuery = inQuery || strings.Contains(p.Literal, "?")
				continue
			}
			escape := func(v jen.Code) jen.Code {
				switch {
				case i == 0:
					return v
				case inQuery:
					return jen.Qual("net/url", "QueryEscape").Call(v)
				}
				return jen.Qual("net/url", "PathEscape").Call(v)
			}
			body = append(body, g.exprValue(oi, p.Expr, escape)...)
		}
		body = append(body, jen.Return(jen.Id("b").Dot("String").Call(), jen.Nil()))
		f.Comment(fmt.Sprintf("%s computes the URL of %s from the", set.urlFunc, set.what))
		f.Comment(fmt.Sprintf("request that registered it, for %s:", set.newSender))
		f.Comment("")
		f.Comment(fmt.Sprintf("\t%q", set.cb.Expression))
		f.Comment("")
		f.Comment("The address comes from the client: check it (scheme, host) before calling it.")
		f.Func().Id(set.urlFunc).Params(params...).Params(jen.String(), jen.Error()).Block(body...)
		f.Line()
	}
}

// exprValue is the statements writing one runtime expression's value
// into the builder b.
func (g *gen) exprValue(oi *opInfo, x *contract.RuntimeExpr, escape func(jen.Code) jen.Code) []jen.Code {
	write := func(v jen.Code) jen.Code { return jen.Id("b").Dot("WriteString").Call(escape(v)) }
	switch x.Source {
	case contract.ExprURL:
		return []jen.Code{write(jen.Id("requestURL"))}
	case contract.ExprMethod:
		return []jen.Code{write(jen.Lit(oi.op.Method))}
	case contract.ExprBody:
		return []jen.Code{jen.Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("jsonPointerText").Call(jen.Id("doc"), jen.Lit(x.Pointer)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Err())),
			write(jen.Id("v")),
		)}
	}
	in := contract.ParamIn(strings.TrimPrefix(string(x.Source), "request."))
	for _, pi := range oi.params {
		if pi.p.In != in || !(pi.p.Name == x.Name || in == contract.InHeader && strings.EqualFold(pi.p.Name, x.Name)) {
			continue
		}
		v := jen.Id("req").Dot(pi.goName)
		stmt := write(g.paramString(pi, v.Clone()))
		if pi.shape == shapePointer || pi.enc == encRaw && !pi.p.Required {
			return []jen.Code{jen.If(v.Clone().Op("==").Nil()).Block(
				jen.Return(jen.Lit(""), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("the request has no %s parameter %q", in, pi.p.Name)))),
			), stmt}
		}
		return []jen.Code{stmt}
	}
	// The model checked that the parameter is declared (or left the URL
	// function out).
	return nil
}
