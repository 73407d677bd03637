package golang

import (
	"bytes"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// This file serves project scaffolds (toolkit init): the Go names of the
// generated Handler interface, and a starting implementation of it whose
// methods answer 501 until the user writes them. Names come from newGen, so
// they always match the generated server.

// HandlerName is how one operation appears in the generated Handler.
type HandlerName struct {
	Op *contract.Operation
	// Method is the Handler (and Client) method name.
	Method string
	// Request is the request struct type, Response the response interface.
	Request, Response string
}

// HandlerNames lists the Handler's methods in contract order.
func HandlerNames(m *contract.Model, opts generator.Options) []HandlerName {
	g := newGen(m, opts)
	out := make([]HandlerName, len(g.ops))
	for i, oi := range g.ops {
		out[i] = HandlerName{Op: oi.op, Method: oi.method, Request: oi.reqType, Response: oi.respIface}
	}
	return out
}

// HandlerMethods lists the Handler's method names in contract order.
func HandlerMethods(m *contract.Model, opts generator.Options) []string {
	names := HandlerNames(m, opts)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.Method
	}
	return out
}

// ServiceType is the name of the type HandlerStubs declares, and
// ServiceConstructor the function that returns one.
const (
	ServiceType        = "Service"
	ServiceConstructor = "New"
)

// HandlerStubs renders a user-owned Go file of package pkg that implements
// the Handler of the generated package imported as apiImport (whose package
// name is opts.Package): a Service type, New, and one method per operation
// that answers what Unimplemented answers, a 501 problem, until the user
// replaces its body. The file's Name is "service.go"; callers place it.
func HandlerStubs(m *contract.Model, opts generator.Options, apiImport, pkg string) (generator.File, error) {
	g := newGen(m, opts)
	f := jen.NewFile(pkg)
	f.ImportName(apiImport, opts.Package)
	api := func(name string) *jen.Statement { return jen.Qual(apiImport, name) }

	f.PackageComment(fmt.Sprintf("Package %s implements the contract's operations: the methods of", pkg))
	f.PackageComment(fmt.Sprintf("%s.Handler, the interface toolkit generates from the contract.", opts.Package))
	f.PackageComment("")
	f.PackageComment("This file is yours: toolkit created it once and never rewrites it. When the")
	f.PackageComment("contract gains an operation, toolkit gen lists the method to add here, and")
	f.PackageComment("so does the compiler.")

	stubType(f, ServiceType, ServiceConstructor, api("Handler"), "every operation",
		fmt.Sprintf("%s answers the contract's operations. Add what the handlers need (a", ServiceType),
		"store, clients, configuration) as fields and fill them in "+ServiceConstructor+".")

	for _, oi := range g.ops {
		f.Line()
		f.Comment(fmt.Sprintf("%s handles %s %s.", oi.method, oi.op.Method, oi.op.Path))
		if lines := docLines(oi.op.Summary); len(lines) > 0 {
			for _, l := range lines {
				f.Comment(l)
			}
			f.Comment("")
		}
		f.Comment("It answers 501 Not Implemented until you write it.")
		f.Func().Params(jen.Id("s").Op("*").Id(ServiceType)).Id(oi.method).
			Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Add(api(oi.reqType))).
			Params(api(oi.respIface), jen.Error()).
			Block(jen.Return(api("Unimplemented").Values().Dot(oi.method).Call(jen.Id("ctx"), jen.Id("req"))))
	}

	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return generator.File{}, fmt.Errorf("handler stubs: render: %w", err)
	}
	return generator.File{Name: "service.go", Data: buf.Bytes(), UserOwned: true}, nil
}

// stubType declares a stub file's empty struct typ (documented by doc), its
// constructor, and the compile-time check that it implements iface (what).
func stubType(f *jen.File, typ, constructor string, iface *jen.Statement, what string, doc ...string) {
	embeddingStubType(f, typ, constructor, iface, what, nil, doc...)
}

// embeddingStubType is stubType whose struct embeds embed when it is not
// nil.
func embeddingStubType(f *jen.File, typ, constructor string, iface *jen.Statement, what string, embed jen.Code, doc ...string) {
	for _, l := range doc {
		f.Comment(l)
	}
	if embed != nil {
		f.Type().Id(typ).Struct(embed)
	} else {
		f.Type().Id(typ).Struct()
	}
	f.Line()
	f.Comment(fmt.Sprintf("%s returns a %s.", constructor, typ))
	f.Func().Id(constructor).Params().Op("*").Id(typ).Block(
		jen.Return(jen.Op("&").Id(typ).Values()),
	)
	f.Line()
	f.Comment(fmt.Sprintf("The compiler checks here that %s implements %s.", typ, what))
	f.Var().Id("_").Add(iface).Op("=").Parens(jen.Op("*").Id(typ)).Parens(jen.Nil())
}
