package golang

import (
	"fmt"
	"math"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// validateStmts are statements, for a function returning error, that check
// value (an expression of type typeExpr(t)) against t's constraints and
// return a *ValidationError whose Pointer starts with path (a string
// expression) on the first violation. Empty when t has nothing to check.
func (g *gen) validateStmts(t *contract.Type, value, path jen.Code) []jen.Code {
	return g.validateDepth(t, value, path, 0)
}

func (g *gen) validateDepth(t *contract.Type, value, path jen.Code, depth int) []jen.Code {
	if t == nil {
		return nil
	}
	if g.trialValidated && t.Kind == contract.KindUnion && t.Union != nil && t.Union.Discriminator == "" {
		// Decoded by decodeUnionOnce, which validated the variant it chose.
		return nil
	}
	if g.defined(t) {
		return []jen.Code{jen.If(jen.Err().Op(":=").Add(value).Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("decodeError").Call(path, jen.Err())),
		)}
	}
	// One call per failed check rather than a composite literal: GitHub's
	// package has 7,000 format checks, and the literal's allocation and
	// field stores cost the compiler more than a call does.
	fail := func(msg string) jen.Code {
		return jen.Return(jen.Id("violation").Call(path, jen.Lit(msg)))
	}
	c := t.Constraints
	var out []jen.Code
	switch t.Kind {
	case contract.KindString:
		if t.Format == "date-time" || t.Format == "byte" {
			break
		}
		if c.MinLength != nil && *c.MinLength > 0 {
			out = append(out, jen.If(jen.Qual("unicode/utf8", "RuneCountInString").Call(value).Op("<").Lit(int(*c.MinLength))).Block(
				fail(fmt.Sprintf("must be at least %d characters long", *c.MinLength))))
		}
		if c.MaxLength != nil {
			out = append(out, jen.If(jen.Qual("unicode/utf8", "RuneCountInString").Call(value).Op(">").Lit(int(*c.MaxLength))).Block(
				fail(fmt.Sprintf("must be at most %d characters long", *c.MaxLength))))
		}
		if c.Pattern != "" {
			re := g.pattern(c.Pattern)
			out = append(out, jen.If(jen.Op("!").Id(re).Dot("MatchString").Call(value)).Block(
				fail(fmt.Sprintf("must match the pattern %q", c.Pattern))))
		}
		if check, ok := formatChecks[t.Format]; ok {
			out = append(out, jen.If(jen.Op("!").Id(check).Call(value)).Block(fail("must be a valid "+t.Format)))
		}
		if t.HasConst {
			if s, ok := t.Const.(string); ok {
				out = append(out, jen.If(jen.Add(value).Op("!=").Lit(s)).Block(fail(fmt.Sprintf("must be %q", s))))
			}
		}
	case contract.KindInt, contract.KindNumber:
		if t.Kind == contract.KindInt {
			out = append(out, intBounds(t, value, fail)...)
			break
		}
		num := jen.Float64().Call(value)
		if c.Minimum != nil {
			op, word := "<", "at least"
			if c.ExclusiveMinimum {
				op, word = "<=", "greater than"
			}
			out = append(out, jen.If(num.Clone().Op(op).Add(floatLit(*c.Minimum))).Block(fail(fmt.Sprintf("must be %s %s", word, fmtNum(*c.Minimum)))))
		}
		if c.Maximum != nil {
			op, word := ">", "at most"
			if c.ExclusiveMaximum {
				op, word = ">=", "less than"
			}
			out = append(out, jen.If(num.Clone().Op(op).Add(floatLit(*c.Maximum))).Block(fail(fmt.Sprintf("must be %s %s", word, fmtNum(*c.Maximum)))))
		}
		if c.MultipleOf != nil {
			out = append(out, jen.If(jen.Op("!").Id("isMultipleOf").Call(num.Clone(), floatLit(*c.MultipleOf))).Block(fail("must be a multiple of "+fmtNum(*c.MultipleOf))))
		}
		if t.HasConst {
			if x, ok := t.Const.(float64); ok {
				out = append(out, jen.If(num.Clone().Op("!=").Add(floatLit(x))).Block(fail("must be "+fmtNum(x))))
			}
		}
	case contract.KindArray:
		if c.MinItems != nil && *c.MinItems > 0 {
			out = append(out, jen.If(jen.Len(value).Op("<").Lit(int(*c.MinItems))).Block(fail(fmt.Sprintf("must have at least %d items", *c.MinItems))))
		}
		if c.MaxItems != nil {
			out = append(out, jen.If(jen.Len(value).Op(">").Lit(int(*c.MaxItems))).Block(fail(fmt.Sprintf("must have at most %d items", *c.MaxItems))))
		}
		if c.UniqueItems {
			// Items Go compares with ==, through a set of them; others
			// (objects, arrays, free-form values, times) by their
			// canonical JSON encoding, through the generated writer.
			check := jen.Id("uniqueItems").Call(value)
			if t.Elem == nil || !comparable(t.Elem) {
				check = jen.Id("uniqueEncoded").Call(value, g.elemWriterFn(t.Elem))
			}
			out = append(out, jen.If(jen.Op("!").Add(check)).Block(fail("must not contain duplicate items")))
		}
		out = append(out, g.eachStmts(t.Elem, value, path, depth, true)...)
	case contract.KindMap:
		if c.MinProperties != nil && *c.MinProperties > 0 {
			out = append(out, jen.If(jen.Len(value).Op("<").Lit(int(*c.MinProperties))).Block(fail(fmt.Sprintf("must have at least %d properties", *c.MinProperties))))
		}
		if c.MaxProperties != nil {
			out = append(out, jen.If(jen.Len(value).Op(">").Lit(int(*c.MaxProperties))).Block(fail(fmt.Sprintf("must have at most %d properties", *c.MaxProperties))))
		}
		out = append(out, g.eachStmts(t.Elem, value, path, depth, false)...)
	}
	return append(out, g.keywordCheck(t, value, path)...)
}

// eachStmts validates every item of a slice or value of a map.
func (g *gen) eachStmts(elem *contract.Type, value, path jen.Code, depth int, slice bool) []jen.Code {
	if elem == nil {
		return nil
	}
	idx, item := fmt.Sprintf("i%d", depth), fmt.Sprintf("e%d", depth)
	var itemPath jen.Code
	if slice {
		itemPath = jen.Add(path).Op("+").Lit("/").Op("+").Qual("strconv", "Itoa").Call(jen.Id(idx))
	} else {
		itemPath = jen.Add(path).Op("+").Lit("/").Op("+").Id("pointerToken").Call(jen.Id(idx))
	}
	var itemVal jen.Code = jen.Id(item)
	pointer := elem.Nullable && !nilable(g, elem)
	if pointer {
		itemVal = g.deref(elem, jen.Id(item))
	}
	inner := g.validateDepth(elem, itemVal, itemPath, depth+1)
	if len(inner) == 0 {
		return nil
	}
	if pointer {
		inner = []jen.Code{jen.If(jen.Id(item).Op("!=").Nil()).Block(inner...)}
	}
	return []jen.Code{jen.For(jen.List(jen.Id(idx), jen.Id(item)).Op(":=").Range().Add(value)).Block(inner...)}
}

// comparable reports element types uniqueItems can check with ==.
func comparable(t *contract.Type) bool {
	switch t.Kind {
	case contract.KindBool, contract.KindInt, contract.KindNumber, contract.KindEnum:
		return !t.Nullable
	case contract.KindString:
		return !t.Nullable && t.Format != "byte" && t.Format != "date-time"
	}
	return false
}

// formatChecks maps string formats to the runtime check emitted for them.
var formatChecks = map[string]string{
	"date":  "isDate",
	"uuid":  "isUUID",
	"email": "isEmail",
	"uri":   "isURI",
	"ipv4":  "isIPv4",
	"ipv6":  "isIPv6",
}

func floatLit(f float64) jen.Code {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return jen.Lit(f)
	}
	return jen.Lit(f)
}

// fmtNum is a bound as messages show it: whole numbers in digits
// (4000000000, not 4e+09), others in the shortest form.
func fmtNum(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// pattern returns the name of a package-level compiled regexp for p,
// declared at the end of the file being emitted.
func (g *gen) pattern(p string) string {
	if n, ok := g.patterns[p]; ok {
		return n
	}
	n := g.pkg.unique(fmt.Sprintf("pattern%d", len(g.patternOrder)))
	g.patterns[p] = n
	g.patternOrder = append(g.patternOrder, p)
	return n
}

// flushPatterns declares the regexps used by the file being emitted.
func (g *gen) flushPatterns(f *jen.File) {
	if len(g.patternOrder) == 0 {
		return
	}
	var defs []jen.Code
	for _, p := range g.patternOrder {
		defs = append(defs, jen.Id(g.patterns[p]).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p)))
	}
	f.Comment("Patterns from the contract, compiled once.")
	f.Var().Defs(defs...)
	g.patterns = map[string]string{}
	g.patternOrder = nil
}
