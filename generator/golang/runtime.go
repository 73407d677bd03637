package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitRuntime writes the helpers generated types rely on: ValidationError,
// Nullable[T], error prefixing and format checks. They are small, use the
// standard library only, and are written once per package.
func (g *gen) emitRuntime(f *jen.File) {
	json := func(name string) *jen.Statement { return jen.Qual("encoding/json", name) }
	f.Comment("ValidationError says which value broke which rule of the contract.")
	f.Type().Id("ValidationError").Struct(
		jen.Comment("Pointer is the JSON pointer of the value, relative to the document"),
		jen.Comment("validated (\"/owner/name\", \"/tags/3\"); empty for the document itself."),
		jen.Id("Pointer").String(),
		jen.Comment("Message says what is wrong (\"must be at most 64 characters long\")."),
		jen.Id("Message").String(),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("ValidationError")).Id("Error").Params().String().Block(
		jen.If(jen.Id("e").Dot("Pointer").Op("==").Lit("")).Block(jen.Return(jen.Id("e").Dot("Message"))),
		jen.Return(jen.Id("e").Dot("Pointer").Op("+").Lit(": ").Op("+").Id("e").Dot("Message")),
	)
	f.Line()

	f.Comment("Nullable holds an optional value that may also be null, telling the three apart:")
	f.Comment("absent (Set is false), null (Set and Null) and a value (Set, not Null).")
	f.Type().Id("Nullable").Types(jen.Id("T").Any()).Struct(
		jen.Id("Value").Id("T"),
		jen.Id("Set").Bool(),
		jen.Id("Null").Bool(),
	)
	f.Line()
	f.Comment("NewNullable returns a Nullable holding v.")
	f.Func().Id("NewNullable").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id("Nullable").Types(jen.Id("T")).Block(
		jen.Return(jen.Id("Nullable").Types(jen.Id("T")).Values(jen.Dict{jen.Id("Value"): jen.Id("v"), jen.Id("Set"): jen.True()})),
	)
	f.Line()
	f.Comment("Null returns a Nullable set to null.")
	f.Func().Id("Null").Types(jen.Id("T").Any()).Params().Id("Nullable").Types(jen.Id("T")).Block(
		jen.Return(jen.Id("Nullable").Types(jen.Id("T")).Values(jen.Dict{jen.Id("Set"): jen.True(), jen.Id("Null"): jen.True()})),
	)
	f.Line()
	f.Comment("IsZero reports an absent value, so the omitzero tag option leaves it out.")
	f.Func().Params(jen.Id("n").Id("Nullable").Types(jen.Id("T"))).Id("IsZero").Params().Bool().Block(jen.Return(jen.Op("!").Id("n").Dot("Set")))
	f.Line()
	f.Comment("MarshalJSON encodes null or the value.")
	f.Func().Params(jen.Id("n").Id("Nullable").Types(jen.Id("T"))).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Op("!").Id("n").Dot("Set").Op("||").Id("n").Dot("Null")).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
		jen.Return(json("Marshal").Call(jen.Id("n").Dot("Value"))),
	)
	f.Line()
	f.Comment("UnmarshalJSON decodes null or a value; either way the Nullable is set.")
	f.Func().Params(jen.Id("n").Op("*").Id("Nullable").Types(jen.Id("T"))).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("n").Op("=").Id("Nullable").Types(jen.Id("T")).Values(jen.Dict{jen.Id("Set"): jen.True()}),
		jen.If(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("data"))).Op("==").Lit("null")).Block(
			jen.Id("n").Dot("Null").Op("=").True(),
			jen.Return(jen.Nil()),
		),
		jen.Return(json("Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("n").Dot("Value"))),
	)
	f.Line()

	f.Comment("decodeError turns an error met while decoding or validating the value at")
	f.Comment("pointer into a *ValidationError naming that pointer. Syntax errors stay as they")
	f.Comment("are: the document is not JSON.")
	f.Func().Id("decodeError").Params(jen.Id("pointer").String(), jen.Err().Error()).Error().Block(
		jen.Var().Id("ve").Op("*").Id("ValidationError"),
		jen.Var().Id("te").Op("*").Qual("encoding/json", "UnmarshalTypeError"),
		jen.Var().Id("se").Op("*").Qual("encoding/json", "SyntaxError"),
		jen.Switch().Block(
			jen.Case(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Id("pointer").Op("+").Id("ve").Dot("Pointer"), jen.Id("Message"): jen.Id("ve").Dot("Message")})),
			),
			jen.Case(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("te"))).Block(
				jen.Id("p").Op(":=").Id("pointer"),
				jen.If(jen.Id("te").Dot("Field").Op("!=").Lit("")).Block(
					jen.Id("p").Op("+=").Lit("/").Op("+").Qual("strings", "ReplaceAll").Call(jen.Id("te").Dot("Field"), jen.Lit("."), jen.Lit("/")),
				),
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Id("p"), jen.Id("Message"): jen.Lit("must be ").Op("+").Id("jsonKind").Call(jen.Id("te").Dot("Type").Dot("Kind").Call()).Op("+").Lit(", not ").Op("+").Id("te").Dot("Value")})),
			),
			jen.Case(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("se"))).Block(jen.Return(jen.Err())),
		),
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Id("pointer"), jen.Id("Message"): jen.Err().Dot("Error").Call()})),
	)
	f.Line()
	f.Comment("jsonKind names the JSON type a Go kind is decoded from.")
	f.Func().Id("jsonKind").Params(jen.Id("k").Qual("reflect", "Kind")).String().Block(
		jen.Switch(jen.Id("k")).Block(
			jen.Case(jen.Qual("reflect", "Bool")).Block(jen.Return(jen.Lit("a boolean"))),
			jen.Case(jen.Qual("reflect", "Int"), jen.Qual("reflect", "Int8"), jen.Qual("reflect", "Int16"), jen.Qual("reflect", "Int32"), jen.Qual("reflect", "Int64"),
				jen.Qual("reflect", "Uint"), jen.Qual("reflect", "Uint8"), jen.Qual("reflect", "Uint16"), jen.Qual("reflect", "Uint32"), jen.Qual("reflect", "Uint64")).Block(jen.Return(jen.Lit("an integer"))),
			jen.Case(jen.Qual("reflect", "Float32"), jen.Qual("reflect", "Float64")).Block(jen.Return(jen.Lit("a number"))),
			jen.Case(jen.Qual("reflect", "String")).Block(jen.Return(jen.Lit("a string"))),
			jen.Case(jen.Qual("reflect", "Slice"), jen.Qual("reflect", "Array")).Block(jen.Return(jen.Lit("an array"))),
			jen.Case(jen.Qual("reflect", "Map"), jen.Qual("reflect", "Struct")).Block(jen.Return(jen.Lit("an object"))),
		),
		jen.Return(jen.Lit("another type")),
	)
	f.Line()
	f.Comment("pointerToken escapes a JSON pointer reference token (RFC 6901).")
	f.Func().Id("pointerToken").Params(jen.Id("s").String()).String().Block(
		jen.Return(jen.Qual("strings", "ReplaceAll").Call(jen.Qual("strings", "ReplaceAll").Call(jen.Id("s"), jen.Lit("~"), jen.Lit("~0")), jen.Lit("/"), jen.Lit("~1"))),
	)
	f.Line()
	f.Comment("isMultipleOf reports whether x is a multiple of m, within floating-point error.")
	f.Func().Id("isMultipleOf").Params(jen.List(jen.Id("x"), jen.Id("m")).Float64()).Bool().Block(
		jen.Id("q").Op(":=").Id("x").Op("/").Id("m"),
		jen.Return(jen.Qual("math", "Abs").Call(jen.Id("q").Op("-").Qual("math", "Round").Call(jen.Id("q"))).Op("<").Lit(1e-9)),
	)
	f.Line()
	f.Comment("uniqueItems reports whether no item of s appears twice.")
	f.Func().Id("uniqueItems").Types(jen.Id("T").Comparable()).Params(jen.Id("s").Index().Id("T")).Bool().Block(
		jen.Id("seen").Op(":=").Make(jen.Map(jen.Id("T")).Struct(), jen.Len(jen.Id("s"))),
		jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("s")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id("seen").Index(jen.Id("x")), jen.Id("dup")).Block(jen.Return(jen.False())),
			jen.Id("seen").Index(jen.Id("x")).Op("=").Struct().Values(),
		),
		jen.Return(jen.True()),
	)
	f.Line()
	f.Comment("isDate reports a full-date (RFC 3339), such as 2024-02-29.")
	f.Func().Id("isDate").Params(jen.Id("s").String()).Bool().Block(
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual("time", "Parse").Call(jen.Lit("2006-01-02"), jen.Id("s")),
		jen.Return(jen.Err().Op("==").Nil()),
	)
	f.Line()
	f.Comment("isUUID reports a UUID in its 8-4-4-4-12 hexadecimal form.")
	f.Func().Id("isUUID").Params(jen.Id("s").String()).Bool().Block(
		jen.If(jen.Len(jen.Id("s")).Op("!=").Lit(36)).Block(jen.Return(jen.False())),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Len(jen.Id("s")), jen.Id("i").Op("++")).Block(
			jen.Id("c").Op(":=").Id("s").Index(jen.Id("i")),
			jen.Switch(jen.Id("i")).Block(
				jen.Case(jen.Lit(8), jen.Lit(13), jen.Lit(18), jen.Lit(23)).Block(
					jen.If(jen.Id("c").Op("!=").LitRune('-')).Block(jen.Return(jen.False())),
				),
				jen.Default().Block(
					jen.If(jen.Op("!").Parens(jen.Id("c").Op(">=").LitRune('0').Op("&&").Id("c").Op("<=").LitRune('9').Op("||").Id("c").Op(">=").LitRune('a').Op("&&").Id("c").Op("<=").LitRune('f').Op("||").Id("c").Op(">=").LitRune('A').Op("&&").Id("c").Op("<=").LitRune('F'))).Block(jen.Return(jen.False())),
				),
			),
		),
		jen.Return(jen.True()),
	)
	f.Line()
	f.Comment("isEmail reports a single address as net/mail parses it, without a display name.")
	f.Func().Id("isEmail").Params(jen.Id("s").String()).Bool().Block(
		jen.List(jen.Id("a"), jen.Err()).Op(":=").Qual("net/mail", "ParseAddress").Call(jen.Id("s")),
		jen.Return(jen.Err().Op("==").Nil().Op("&&").Id("a").Dot("Address").Op("==").Id("s")),
	)
	f.Line()
	f.Comment("isURI reports an absolute URI.")
	f.Func().Id("isURI").Params(jen.Id("s").String()).Bool().Block(
		jen.List(jen.Id("u"), jen.Err()).Op(":=").Qual("net/url", "Parse").Call(jen.Id("s")),
		jen.Return(jen.Err().Op("==").Nil().Op("&&").Id("u").Dot("IsAbs").Call()),
	)
	f.Line()
	f.Comment("isIPv4 reports an IPv4 address in dotted form.")
	f.Func().Id("isIPv4").Params(jen.Id("s").String()).Bool().Block(
		jen.List(jen.Id("a"), jen.Err()).Op(":=").Qual("net/netip", "ParseAddr").Call(jen.Id("s")),
		jen.Return(jen.Err().Op("==").Nil().Op("&&").Id("a").Dot("Is4").Call()),
	)
	f.Line()
	f.Comment("isIPv6 reports an IPv6 address.")
	f.Func().Id("isIPv6").Params(jen.Id("s").String()).Bool().Block(
		jen.List(jen.Id("a"), jen.Err()).Op(":=").Qual("net/netip", "ParseAddr").Call(jen.Id("s")),
		jen.Return(jen.Err().Op("==").Nil().Op("&&").Id("a").Dot("Is6").Call()),
	)
	f.Line()
	// Keep the helpers referenced so a package whose contract uses none of
	// them still vets and builds without unused-code noise.
	for _, name := range []jen.Code{jen.Id("isMultipleOf"), jen.Id("uniqueItems").Types(jen.Int()),
		jen.Id("isDate"), jen.Id("isUUID"), jen.Id("isEmail"), jen.Id("isURI"), jen.Id("isIPv4"), jen.Id("isIPv6"), jen.Id("pointerToken")} {
		f.Var().Id("_").Op("=").Add(name)
	}
}
