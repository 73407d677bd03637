package golang

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/dave/jennifer/jen"
)

// intRep is the Go representation of an integer schema (or an integer
// enum): int64 by default, int32 for format int32, unsigned when the
// contract says its values are never negative and a uint64 is needed or
// asked for, and the exact decimal digits in a string type when the
// values reach beyond both int64 and uint64. Enum members and bounds beyond
// int64 (18446744073709551615, -9223372036854775809) are thus neither
// refused nor rounded.
type intRep int

const (
	repInt64   intRep = iota
	repInt32          // format int32 (not for enums, which were int64 before)
	repUint32         // format uint32
	repUint64         // format uint64, or values ≥ 0 beyond int64
	repDecimal        // values beyond int64 and uint64: json.Number digits
)

// twoTo63 and twoTo64 as float64 bounds: a float64 bound above 2^63 (or
// below −2^63) cannot be an int64; above 2^64 not a uint64 either.
const (
	twoTo63 = 1 << 63
	twoTo64 = 1 << 64
)

// intRepOf chooses how integer values of t are held. t is an integer
// (KindInt) or an integer enum; other types get repInt64, which callers
// do not consult.
func intRepOf(t *contract.Type) intRep {
	enum := t.Kind == contract.KindEnum
	if enum && t.Base != contract.KindInt || !enum && t.Kind != contract.KindInt {
		return repInt64
	}
	format := t.Format
	unsignedFormat := format == "uint64" || format == "uint" || format == "uint32"
	var beyondInt64, beyondUint64, negative bool
	for _, v := range t.Enum {
		switch x := v.(type) {
		case float64:
			negative = negative || x < 0
		case json.Number:
			s := string(x)
			negative = negative || strings.HasPrefix(s, "-")
			if !contract.FitsInt64(s) {
				beyondInt64 = true
				if _, err := strconv.ParseUint(s, 10, 64); err != nil {
					beyondUint64 = true
				}
			}
		}
	}
	c := t.Constraints
	if c.Maximum != nil && *c.Maximum > twoTo63 {
		beyondInt64 = true
		beyondUint64 = beyondUint64 || *c.Maximum > twoTo64 // 2^64−1 is held as 2^64
	}
	if c.Minimum != nil && *c.Minimum < -twoTo63 {
		beyondInt64, beyondUint64, negative = true, true, true
	}
	// Values are known to be ≥ 0 when an enum lists no negative member, the
	// minimum is ≥ 0, or the format says so.
	nonNegative := !negative && (enum || unsignedFormat || c.Minimum != nil && *c.Minimum >= 0)
	switch {
	case beyondUint64 || beyondInt64 && !nonNegative:
		return repDecimal
	case beyondInt64 || (format == "uint64" || format == "uint") && nonNegative:
		return repUint64
	case format == "uint32" && nonNegative:
		return repUint32
	case format == "int32" && !enum:
		return repInt32
	}
	return repInt64
}

// intExpr is the Go type holding integers of representation rep.
func intExpr(rep intRep) *jen.Statement {
	switch rep {
	case repInt32:
		return jen.Int32()
	case repUint32:
		return jen.Uint32()
	case repUint64:
		return jen.Uint64()
	case repDecimal:
		return jen.Qual("encoding/json", "Number")
	}
	return jen.Int64()
}

// intFuncSuffix names the runtime's reader, writer, parser and formatter
// family for rep: readInt/readUint/readDecimal, parseInt/… .
func intFuncSuffix(rep intRep) string {
	switch rep {
	case repUint32, repUint64:
		return "Uint"
	case repDecimal:
		return "Decimal"
	}
	return "Int"
}

// decimalLit is the exact decimal text of an integer enum member or bound
// (a float64 up to 2^53, or a json.Number with the contract's digits);
// ok is false for a value that is not a whole number.
func decimalLit(v any) (string, bool) {
	switch x := v.(type) {
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			return "", false
		}
		return strconv.FormatFloat(x, 'f', 0, 64), true
	case json.Number:
		return string(x), true
	}
	return "", false
}

// emitDecimalJSON gives a decimal-backed enum JSON methods, so that
// encoding/json writes it as a number (json.Number is special to it, types
// defined from it are not) and reads it exactly.
func emitDecimalJSON(f *jen.File, name string) {
	f.Comment("MarshalJSON writes " + name + " as a JSON number with its exact digits.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("encodeJSONValue").Call(jen.Op("&").Id("v"), jen.Id("writeDecimal").Types(jen.Id(name)))),
	)
	f.Line()
	f.Comment("UnmarshalJSON reads a JSON integer of any size into " + name + ", keeping its digits.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("decodeJSONValue").Call(jen.Id("data"), jen.Id("v"), jen.Id("readDecimal").Types(jen.Id(name)))),
	)
	f.Line()
}

// intBounds are the checks of minimum, maximum, multipleOf and const for
// an integer value, compared as integers: a float64 would round values
// beyond 2^53 (9007199254740993 ≤ 9007199254740992 as float64s), the very
// values uint64 and decimal types exist for. A bound the value's Go type
// cannot hold as a constant is compared through a float64, as before.
func intBounds(t *contract.Type, value jen.Code, fail func(string) jen.Code) []jen.Code {
	rep := intRepOf(t)
	var digits *jen.Statement
	if rep == repDecimal {
		digits = jen.Id("decimalCanon").Call(jen.String().Call(value))
	}
	// cmp is the condition value op r, r a whole number.
	cmp := func(op string, r float64) jen.Code {
		lit := strconv.FormatFloat(r, 'f', 0, 64)
		switch {
		case rep == repDecimal:
			return jen.Id("decimalCmp").Call(digits.Clone(), jen.Lit(lit)).Op(op).Lit(0)
		case holds(rep, r):
			return jen.Add(value).Op(op).Op(lit)
		}
		return jen.Float64().Call(value).Op(op).Add(floatLit(r))
	}
	var out []jen.Code
	c := t.Constraints
	bound := func(b float64, exclusive, lower bool) {
		// For an integer v, v ≥ 1.5 is v ≥ 2 and v ≤ 1.5 is v ≤ 1; an
		// exclusive bound is so too unless it is whole.
		r, op, word := math.Ceil(b), "<", "at least"
		if !lower {
			r, op, word = math.Floor(b), ">", "at most"
		}
		if exclusive {
			word = map[bool]string{true: "greater than", false: "less than"}[lower]
			if r == b {
				op += "="
			}
		}
		out = append(out, jen.If(cmp(op, r)).Block(fail("must be "+word+" "+fmtNum(b))))
	}
	if c.Minimum != nil && !math.IsInf(*c.Minimum, 0) {
		bound(*c.Minimum, c.ExclusiveMinimum, true)
	}
	if c.Maximum != nil && !math.IsInf(*c.Maximum, 0) {
		bound(*c.Maximum, c.ExclusiveMaximum, false)
	}
	if m := c.MultipleOf; m != nil {
		var cond jen.Code
		switch {
		case rep == repDecimal:
			cond = jen.Op("!").Id("decimalMultipleOf").Call(digits.Clone(), floatLit(*m))
		case *m >= 1 && *m == math.Trunc(*m) && holds(rep, *m):
			cond = jen.Add(value).Op("%").Op(strconv.FormatFloat(*m, 'f', 0, 64)).Op("!=").Lit(0)
		default:
			cond = jen.Op("!").Id("isMultipleOf").Call(jen.Float64().Call(value), floatLit(*m))
		}
		out = append(out, jen.If(cond).Block(fail("must be a multiple of "+fmtNum(*m))))
	}
	if t.HasConst {
		if s, ok := decimalLit(t.Const); ok {
			x, _ := strconv.ParseFloat(s, 64)
			out = append(out, jen.If(cmp("!=", x)).Block(fail("must be "+s)))
		} else if x, ok := t.Const.(float64); ok { // 1.5: no integer is it
			out = append(out, jen.If(jen.Float64().Call(value).Op("!=").Add(floatLit(x))).Block(fail("must be "+fmtNum(x))))
		}
	}
	return out
}

// holds reports whether the whole number r is a constant of rep's Go type.
func holds(rep intRep, r float64) bool {
	switch rep {
	case repInt32:
		return r >= math.MinInt32 && r <= math.MaxInt32
	case repUint32:
		return r >= 0 && r <= math.MaxUint32
	case repUint64:
		return r >= 0 && r < twoTo64
	case repInt64:
		return r >= -twoTo63 && r < twoTo63
	}
	return false
}
