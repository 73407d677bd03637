package golang

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// This file serves project scaffolds (toolkit init) as stubs.go does, for
// the receiving side of webhooks (3.1) and callbacks (3.0): the names of
// each generated receiver interface, and a starting implementation of
// each whose methods answer 501 until the user writes them.

// ReceiverName is one generated receiver: the handler interface of the
// contract's webhooks, or of one callback of one operation.
type ReceiverName struct {
	// What names it in comments: "webhooks", or "callback \"onEvent\" of
	// operation \"subscribe\"", the contract's names quoted as Go strings.
	What string
	// Callback is set for a callback's receiver, which answers at any path,
	// and clear for the webhooks', which answers at each webhook's name.
	Callback bool
	// Handler is the interface, Unimplemented its 501 base, Server the
	// constructor of the http.Handler receiving it.
	Handler, Unimplemented, Server string
	// Stub is the type a scaffold implements it with, NewStub its
	// constructor: Handler with "Handler" replaced by "Receiver".
	Stub, NewStub string
	// Methods are the interface's methods in contract order.
	Methods []HandlerName
}

// ReceiverNames lists the generated receivers: the webhooks', then each
// callback's in the order of the operations declaring them.
func ReceiverNames(m *contract.Model, opts generator.Options) []ReceiverName {
	g := newGen(m, opts)
	var out []ReceiverName
	for _, set := range g.outbound {
		stub := strings.TrimSuffix(set.handler, "Handler") + "Receiver"
		what := "webhooks"
		if set.cb != nil {
			// Quoted: the names are the contract's, and land in comments.
			what = fmt.Sprintf("callback %q of operation %q", set.cb.Name, set.parent.op.ID)
		}
		rn := ReceiverName{What: what, Callback: set.cb != nil, Handler: set.handler, Unimplemented: set.unimpl, Server: set.server, Stub: stub, NewStub: "New" + stub}
		for _, oi := range set.ops {
			rn.Methods = append(rn.Methods, HandlerName{Op: oi.op, Method: oi.method, Request: oi.reqType, Response: oi.respIface})
		}
		out = append(out, rn)
	}
	return out
}

// ReceiverStubs renders a user-owned Go file of package pkg implementing
// receivers (ReceiverNames) of the generated package imported as
// apiImport: per receiver a type, its constructor, and one method per
// operation answering what the receiver's Unimplemented base answers, a
// 501 problem, until the user replaces its body (a delivery is never
// acknowledged unread). The type embeds that base too, so a webhook or
// callback operation added to the contract later is answered 501 and the
// project still builds (toolkit gen lists the method to add). ok is false
// when receivers is empty.
func ReceiverStubs(receivers []ReceiverName, opts generator.Options, apiImport, pkg string) (file generator.File, ok bool, err error) {
	if len(receivers) == 0 {
		return generator.File{}, false, nil
	}
	f := jen.NewFile(pkg)
	f.ImportName(apiImport, opts.Package)
	api := func(name string) *jen.Statement { return jen.Qual(apiImport, name) }
	what := "the contract's webhooks and callbacks"
	if len(receivers) == 1 {
		what = "the " + receivers[0].What
	}
	f.Comment("This file receives what the API sends: " + what + ",")
	f.Comment(fmt.Sprintf("one type per receiver interface of package %s. cmd/server mounts them next to", opts.Package))
	f.Comment("the API; each method answers 501 Not Implemented until you write it.")
	f.Comment("")
	f.Comment("This file is yours: toolkit created it once and never rewrites it.")
	for _, rn := range receivers {
		f.Line()
		embeddingStubType(f, rn.Stub, rn.NewStub, api(rn.Handler), opts.Package+"."+rn.Handler, api(rn.Unimplemented),
			fmt.Sprintf("%s receives the %s. It embeds %s.%s, which answers", rn.Stub, rn.What, opts.Package, rn.Unimplemented),
			"501 to an operation the contract gains later, until you add its method.")
		for _, n := range rn.Methods {
			f.Line()
			if n.Op.Webhook != "" {
				f.Comment(fmt.Sprintf("%s receives webhook %q (%s).", n.Method, n.Op.Webhook, n.Op.Method))
			} else {
				f.Comment(fmt.Sprintf("%s receives the %s (%s).", n.Method, rn.What, n.Op.Method))
			}
			f.Comment("It answers 501 Not Implemented until you write it.")
			f.Func().Params(jen.Id("s").Op("*").Id(rn.Stub)).Id(n.Method).
				Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Add(api(n.Request))).
				Params(api(n.Response), jen.Error()).
				Block(jen.Return(api(rn.Unimplemented).Values().Dot(n.Method).Call(jen.Id("ctx"), jen.Id("req"))))
		}
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return generator.File{}, false, fmt.Errorf("receiver stubs: render: %w", err)
	}
	return generator.File{Name: "receivers.go", Data: buf.Bytes(), UserOwned: true}, true, nil
}
