package golang

// Stubs owned by the types emitter; replaced as it is written.

import (
	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

func (g *gen) emitTypes(f *jen.File) error { return nil }
func (g *gen) emitSpec(f *jen.File) error  { return nil }

// typeName is the Go identifier of a named type (t.Name != "").
func (g *gen) typeName(t *contract.Type) string { return GoName(t.Name) }

// typeExpr is the Go type of a value of t where t is required and not
// nullable: a named type's identifier, or string, int64, []T, map[string]T …
func (g *gen) typeExpr(t *contract.Type) *jen.Statement { return jen.Any() }

// fieldTypeExpr is the Go type of a struct field or parameter that holds t
// with the given required/nullable flags (pointer for optional, Nullable[T]
// for optional and nullable …).
func (g *gen) fieldTypeExpr(t *contract.Type, required, nullable bool) *jen.Statement {
	return jen.Any()
}

// validateStmts are statements, for a function returning error, that check
// value (an expression of type typeExpr(t)) against t's constraints and
// return a *ValidationError whose Pointer is path (a string expression,
// JSON pointer relative to the body or the parameter name) on the first
// violation. Empty when t has nothing to check.
func (g *gen) validateStmts(t *contract.Type, value, path jen.Code) []jen.Code { return nil }

// GoName turns a contract name into an exported Go identifier.
func GoName(s string) string { return s }

// typesRuntimeNames are the package-level identifiers the types emitter
// declares itself (ValidationError, Nullable …), reserved before any schema
// is named.
var typesRuntimeNames = []string{"ValidationError", "Nullable"}

// nameTypes assigns a Go identifier to every named type of the model.
func (g *gen) nameTypes() {}
