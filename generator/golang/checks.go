package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// checkFunc returns a func(T) error value checking a value of t (whose Go
// type is goType()) against t's constraints, or nil when there is nothing
// to check. A defined type's own Validate method is used as a method
// value; other constraints become a package-level function declared at
// the end of the file being emitted, shared by every parameter and body
// whose check renders to the same code. Microsoft Graph repeats the same
// few parameter checks ($top ≥ 0, unique $select items …) over thousands
// of operations; one function each keeps the package small.
func (g *gen) checkFunc(t *contract.Type, goType func() *jen.Statement) jen.Code {
	if t == nil {
		return jen.Nil()
	}
	if g.defined(t) {
		return jen.Id(g.canonicalName(t)).Dot("Validate")
	}
	// Render with canonical names, so a check of []XSelectItem and one of
	// []YSelectItem, both aliases of one enum, are one function.
	g.canonical = true
	defer func() { g.canonical = false }()
	stmts := g.validateStmts(t, jen.Id("v"), jen.Lit(""))
	if len(stmts) == 0 {
		return jen.Nil()
	}
	fn := jen.Params(jen.Id("v").Add(goType())).Error().Block(append(stmts, jen.Return(jen.Nil()))...)
	key := fmt.Sprintf("%#v", fn)
	if name, ok := g.checks[key]; ok {
		return jen.Id(name)
	}
	name := g.pkg.unique(fmt.Sprintf("check%d", len(g.checkOrder)+1))
	if g.checks == nil {
		g.checks = map[string]string{}
	}
	g.checks[key] = name
	g.checkOrder = append(g.checkOrder, checkDecl{name: name, fn: fn})
	return jen.Id(name)
}

// checkDecl is one shared check function waiting to be declared.
type checkDecl struct {
	name string
	fn   *jen.Statement
}

// flushChecks declares the check functions the file being emitted uses.
func (g *gen) flushChecks(f *jen.File) {
	for _, c := range g.checkOrder {
		f.Comment(c.name + " checks a parameter or body value against the contract's constraints.")
		f.Func().Id(c.name).Add(c.fn)
		f.Line()
	}
	g.checks = nil
	g.checkOrder = nil
}
