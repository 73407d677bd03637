package golang

import "github.com/dave/jennifer/jen"

// emitJSONWriter writes jsonWriter, the reflection-free JSON encoder the
// generated types' encodeJSON methods use, and its generic writers. What it
// writes is byte for byte what encoding/json.Marshal writes for the same Go
// value (HTML-safe strings, ECMAScript float formats, sorted map keys), and
// it fails where Marshal fails, so replacing Marshal changes no output.
func emitJSONWriter(f *jen.File) {
	jw := &jsonWriterEmitter{f: f}
	jw.writerType()
	jw.strings()
	jw.numbers()
	jw.scalars()
	jw.anyValues()
	jw.containers()
	jw.entryPoints()
	jw.keep()
}

// jsonWriterEmitter emits the writer into f, one group of declarations per
// method.
type jsonWriterEmitter struct{ f *jen.File }

// Small builders for the statements the writer is made of. Each returns a
// fresh statement: jennifer statements grow in place, so none is shared.

func jwW() *jen.Statement   { return jen.Id("w") }
func jwBuf() *jen.Statement { return jen.Id("w").Dot("buf") }
func jwB() *jen.Statement   { return jen.Id("b") }

// jwParam is the parameter "w *jsonWriter".
func jwParam() *jen.Statement { return jen.Id("w").Op("*").Id("jsonWriter") }

// jwAppend is w.buf = append(w.buf, args...).
func jwAppend(args ...jen.Code) *jen.Statement {
	return jwBuf().Op("=").Append(append([]jen.Code{jwBuf()}, args...)...)
}

// jwAppendB is b = append(b, args...).
func jwAppendB(args ...jen.Code) *jen.Statement {
	return jwB().Op("=").Append(append([]jen.Code{jwB()}, args...)...)
}

// jwBytes are the byte literals of args, for appending one by one.
func jwBytes(s string) []jen.Code {
	var out []jen.Code
	for _, c := range []byte(s) {
		out = append(out, jen.LitRune(rune(c)))
	}
	return out
}

// jwHexOf is jsonWriteHex[x], one lower-case hexadecimal digit.
func jwHexOf(x *jen.Statement) *jen.Statement { return jen.Id("jsonWriteHex").Index(x) }

// jwFunc is the element writer parameter "f func(*T, *jsonWriter)".
func jwFunc() *jen.Statement {
	return jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonWriter"))
}

// jwFail is w.fail(err); w.null(); return: a value JSON cannot hold is
// recorded and null keeps the output well-formed.
func jwFail(err jen.Code) []jen.Code {
	return []jen.Code{jwW().Dot("fail").Call(err), jwW().Dot("null").Call(), jen.Return()}
}

// jwMarshalerError is &json.MarshalerError{Type: reflect.TypeFor[T](), Err: err},
// the error json.Marshal reports when a MarshalJSON method fails.
func jwMarshalerError(typ jen.Code, err jen.Code) *jen.Statement {
	return jen.Op("&").Qual("encoding/json", "MarshalerError").Values(jen.Dict{
		jen.Id("Type"): jen.Qual("reflect", "TypeFor").Types(typ).Call(),
		jen.Id("Err"):  err,
	})
}

// jwDigit is '0' <= x && x <= '9'.
func jwDigit(x func() *jen.Statement) *jen.Statement {
	return jen.LitRune('0').Op("<=").Add(x()).Op("&&").Add(x()).Op("<=").LitRune('9')
}

// method starts "func (w *jsonWriter) name(params)".
func (e *jsonWriterEmitter) method(name string, params ...jen.Code) *jen.Statement {
	return e.f.Func().Params(jwParam()).Id(name).Params(params...)
}

// comment writes doc comment lines.
func (e *jsonWriterEmitter) comment(lines ...string) {
	for _, l := range lines {
		e.f.Comment(l)
	}
}

// writerType emits jsonWriter and its structural methods: raw, field, null,
// fail.
func (e *jsonWriterEmitter) writerType() {
	f := e.f
	e.comment("jsonWriter appends JSON to buf without reflection; the first error (a value",
		"JSON cannot hold) is kept in err. Generated encodeJSON methods write through it.")
	f.Type().Id("jsonWriter").Struct(
		jen.Id("buf").Index().Byte(),
		jen.Id("err").Error(),
		jen.Id("depth").Int(),
	)
	f.Line()
	e.comment("raw appends s verbatim: generated code passes literals such as \"{\" and \"}\".")
	e.method("raw", jen.Id("s").String()).Block(jwAppend(jen.Id("s").Op("...")))
	f.Line()
	e.comment("field starts an object member: key is the already-escaped `\"name\":` text,",
		"made when the code was generated. A comma goes first unless the member is",
		"the object's first, which is when the last byte written is '{'.")
	e.method("field", jen.Id("key").String()).Block(
		jen.If(jen.Id("n").Op(":=").Len(jwBuf()), jen.Id("n").Op(">").Lit(0).Op("&&").Add(jwBuf()).Index(jen.Id("n").Op("-").Lit(1)).Op("!=").LitRune('{')).Block(
			jwAppend(jen.LitRune(',')),
		),
		jwAppend(jen.Id("key").Op("...")),
	)
	f.Line()
	e.comment("null writes null.")
	e.method("null").Block(jwAppend(jen.Lit("null").Op("...")))
	f.Line()
	e.comment("fail records err unless an earlier error is recorded: the first is the one",
		"the caller reports.")
	e.method("fail", jen.Err().Error()).Block(
		jen.If(jwW().Dot("err").Op("==").Nil()).Block(jwW().Dot("err").Op("=").Err()),
	)
	f.Line()
	e.comment("jsonWriteMaxDepth is how deep pointers, slices, maps and free-form values may",
		"nest, as deep as the reader reads.")
	f.Const().Id("jsonWriteMaxDepth").Op("=").Lit(10000)
	f.Line()
	e.comment("enter counts one more level of nesting, or records an error and returns",
		"false past jsonWriteMaxDepth: a value that refers to itself fails as it does",
		"with json.Marshal, instead of recursing until the stack overflows, which no",
		"recover catches.")
	e.method("enter").Bool().Block(
		jen.If(jwW().Dot("depth").Op(">=").Id("jsonWriteMaxDepth")).Block(
			jwW().Dot("fail").Call(jen.Op("&").Qual("encoding/json", "UnsupportedValueError").Values(jen.Dict{jen.Id("Str"): jen.Lit("encountered a cycle, or nesting deeper than 10000 levels")})),
			jen.Return(jen.False()),
		),
		jwW().Dot("depth").Op("++"),
		jen.Return(jen.True()),
	)
	f.Line()
	e.comment("leave undoes enter.")
	e.method("leave").Block(jwW().Dot("depth").Op("--"))
	f.Line()
}

// strings emits str, the string escaper, with its tables.
func (e *jsonWriterEmitter) strings() {
	f := e.f
	c := func() *jen.Statement { return jen.Id("c") }
	i := func() *jen.Statement { return jen.Id("i") }
	s := func() *jen.Statement { return jen.Id("s") }
	flush := func() *jen.Statement { return jwAppendB(s().Index(jen.Id("start").Op(":").Id("i")).Op("...")) }
	e.comment("jsonWriteHex is the digits of \\u00XX escapes, lower case as encoding/json writes them.")
	f.Const().Id("jsonWriteHex").Op("=").Lit("0123456789abcdef")
	f.Line()
	e.comment("jsonWriteSafe marks the bytes a JSON string holds as they are: ASCII other than",
		"control characters, the quote, the backslash and the HTML-special <, > and &",
		"(escaped as encoding/json does). Bytes from 0x80 start a rune to look at.")
	f.Var().Id("jsonWriteSafe").Op("=").Id("jsonWriteSafeTable").Call()
	f.Line()
	e.comment("jsonWriteSafeTable builds jsonWriteSafe.")
	f.Func().Id("jsonWriteSafeTable").Params().Params(jen.Id("t").Index(jen.Lit(256)).Bool()).Block(
		jen.For(c().Op(":=").LitRune(' '), c().Op("<").Qual("unicode/utf8", "RuneSelf"), c().Op("++")).Block(
			jen.Id("t").Index(c()).Op("=").Add(c()).Op("!=").LitRune('"').Op("&&").Add(c()).Op("!=").LitRune('\\').
				Op("&&").Add(c()).Op("!=").LitRune('<').Op("&&").Add(c()).Op("!=").LitRune('>').Op("&&").Add(c()).Op("!=").LitRune('&'),
		),
		jen.Return(jen.Id("t")),
	)
	f.Line()
	e.comment("jsonWriteLo has 1 in each byte, jsonWriteHi 0x80: the masks of the eight-bytes-at-a-time",
		"scan in str.")
	f.Const().Defs(
		jen.Id("jsonWriteLo").Op("=").Op("^").Uint64().Call(jen.Lit(0)).Op("/").Lit(255),
		jen.Id("jsonWriteHi").Op("=").Id("jsonWriteLo").Op("*").Lit(128),
	)
	f.Line()
	lo := func(k jen.Code) *jen.Statement { return jen.Parens(jen.Id("jsonWriteLo").Op("*").Add(k)) }
	x := func() *jen.Statement { return jen.Id("x") }
	word := jen.Uint64().Call(jen.Id("t").Index(jen.Lit(0)))
	for k := 1; k < 8; k++ {
		if k == 4 {
			word.Op("|").Line()
		} else {
			word.Op("|")
		}
		word.Uint64().Call(jen.Id("t").Index(jen.Lit(k))).Op("<<").Lit(8 * k)
	}
	// zero flags the zero bytes of v in their top bit: exactly the lowest one,
	// and maybe bytes above it (a borrow), which is all the scan needs.
	zero := func(v string) *jen.Statement {
		return jen.Parens(jen.Id(v).Op("-").Id("jsonWriteLo")).Op("&^").Id(v)
	}
	e.comment("str writes s as a JSON string escaped exactly as encoding/json escapes it by",
		"default, HTML-safe, with invalid UTF-8 as U+FFFD. Runs of bytes that need no",
		"escape are copied in bulk; they are found eight bytes at a time.")
	e.method("str", s().String()).Block(
		jwB().Op(":=").Append(jwBuf(), jen.LitRune('"')),
		jen.Id("start").Op(":=").Lit(0),
		jen.For(i().Op(":=").Lit(0), i().Op("<").Len(s()), jen.Empty()).Block(
			jen.If(i().Op("+").Lit(8).Op("<=").Len(s())).Block(
				jen.Comment("The top bit of each byte of m flags a byte below 0x20 or from 0x80 on,"),
				jen.Comment("or one of \\ \" & < > (ORing 4 turns '\"' into '&', ORing 2 '<' into '>')."),
				jen.Comment("The lowest flag is exact; a borrow may raise flags above it."),
				jen.Id("t").Op(":=").Add(s()).Index(i().Op(":").Add(i()).Op("+").Lit(8)),
				x().Op(":=").Add(word),
				jen.Id("q").Op(":=").Add(x()).Op("^").Add(lo(jen.LitRune('\\'))),
				jen.Id("a").Op(":=").Parens(x().Op("|").Add(lo(jen.Lit(4)))).Op("^").Add(lo(jen.LitRune('&'))),
				jen.Id("h").Op(":=").Parens(x().Op("|").Add(lo(jen.Lit(2)))).Op("^").Add(lo(jen.LitRune('>'))),
				jen.Id("m").Op(":=").Parens(x().Op("|").Parens(x().Op("-").Add(lo(jen.LitRune(' ')))).Op("|").Add(zero("q")).Op("|").Add(zero("a")).Op("|").Add(zero("h"))).Op("&").Id("jsonWriteHi"),
				jen.If(jen.Id("m").Op("==").Lit(0)).Block(i().Op("+=").Lit(8), jen.Continue()),
				i().Op("+=").Qual("math/bits", "TrailingZeros64").Call(jen.Id("m")).Op("/").Lit(8),
			),
			c().Op(":=").Add(s()).Index(i()),
			jen.If(jen.Id("jsonWriteSafe").Index(c())).Block(i().Op("++"), jen.Continue()),
			jen.If(c().Op("<").Qual("unicode/utf8", "RuneSelf")).Block(
				flush(),
				jen.Switch(c()).Block(
					jen.Case(jen.LitRune('"'), jen.LitRune('\\')).Block(jwAppendB(jen.LitRune('\\'), c())),
					jen.Case(jen.LitRune('\b')).Block(jwAppendB(jwBytes(`\b`)...)),
					jen.Case(jen.LitRune('\f')).Block(jwAppendB(jwBytes(`\f`)...)),
					jen.Case(jen.LitRune('\n')).Block(jwAppendB(jwBytes(`\n`)...)),
					jen.Case(jen.LitRune('\r')).Block(jwAppendB(jwBytes(`\r`)...)),
					jen.Case(jen.LitRune('\t')).Block(jwAppendB(jwBytes(`\t`)...)),
					jen.Default().Block(jwAppendB(append(jwBytes(`\u00`), jwHexOf(c().Op(">>").Lit(4)), jwHexOf(c().Op("&").Lit(0xF)))...)),
				),
				i().Op("++"),
				jen.Id("start").Op("=").Add(i()),
				jen.Continue(),
			),
			jen.List(jen.Id("r"), jen.Id("size")).Op(":=").Qual("unicode/utf8", "DecodeRuneInString").Call(s().Index(i().Op(":"))),
			jen.If(jen.Id("r").Op("==").Qual("unicode/utf8", "RuneError").Op("&&").Id("size").Op("==").Lit(1)).Block(
				flush(),
				jwAppendB(jen.Lit(`\ufffd`).Op("...")),
				i().Op("++"),
				jen.Id("start").Op("=").Add(i()),
				jen.Continue(),
			),
			jen.If(jen.Id("r").Op("==").LitRune('\u2028').Op("||").Id("r").Op("==").LitRune('\u2029')).Block(
				flush(),
				jwAppendB(append(jwBytes(`\u202`), jwHexOf(jen.Id("r").Op("&").Lit(0xF)))...),
				i().Op("+=").Id("size"),
				jen.Id("start").Op("=").Add(i()),
				jen.Continue(),
			),
			i().Op("+=").Id("size"),
		),
		jwAppendB(s().Index(jen.Id("start").Op(":")).Op("...")),
		jwBuf().Op("=").Append(jwB(), jen.LitRune('"')),
	)
	f.Line()
}

// numbers emits int and float.
func (e *jsonWriterEmitter) numbers() {
	f := e.f
	e.comment("int writes n.")
	e.method("int", jen.Id("n").Int64()).Block(
		jwBuf().Op("=").Qual("strconv", "AppendInt").Call(jwBuf(), jen.Id("n"), jen.Lit(10)),
	)
	f.Line()
	abs := func() *jen.Statement { return jen.Id("abs") }
	bits := func() *jen.Statement { return jen.Id("bits") }
	b := jwB
	n := func() *jen.Statement { return jen.Id("n") }
	bn := func(k int) *jen.Statement { return b().Index(n().Op("-").Lit(k)) }
	e.comment("float writes f as encoding/json writes a float64 (bits 64) or a float32",
		"(bits 32): like ECMAScript, in 'f' format unless the magnitude is below 1e-6",
		"or from 1e21 on, then in 'e' format with a one-digit negative exponent",
		"unpadded. JSON has no NaN or infinities: those fail, as in json.Marshal, and",
		"write null.")
	e.method("float", jen.Id("f").Float64(), bits().Int()).Block(
		jen.If(jen.Qual("math", "IsInf").Call(jen.Id("f"), jen.Lit(0)).Op("||").Qual("math", "IsNaN").Call(jen.Id("f"))).Block(
			jen.Id("v").Op(":=").Qual("reflect", "ValueOf").Call(jen.Id("f")),
			jen.If(bits().Op("==").Lit(32)).Block(
				jen.Id("v").Op("=").Qual("reflect", "ValueOf").Call(jen.Float32().Call(jen.Id("f"))),
			),
			jwW().Dot("fail").Call(jen.Op("&").Qual("encoding/json", "UnsupportedValueError").Values(jen.Dict{
				jen.Id("Value"): jen.Id("v"),
				jen.Id("Str"):   jen.Qual("strconv", "FormatFloat").Call(jen.Id("f"), jen.LitRune('g'), jen.Lit(-1), bits()),
			})),
			jwW().Dot("null").Call(),
			jen.Return(),
		),
		jen.Id("format").Op(":=").Byte().Call(jen.LitRune('f')),
		jen.If(abs().Op(":=").Qual("math", "Abs").Call(jen.Id("f")), abs().Op("!=").Lit(0)).Block(
			jen.If(
				bits().Op("==").Lit(64).Op("&&").Parens(abs().Op("<").Lit(1e-6).Op("||").Add(abs()).Op(">=").Lit(1e21)).
					Op("||").Add(bits()).Op("==").Lit(32).Op("&&").Parens(
					jen.Float32().Call(abs()).Op("<").Lit(1e-6).Op("||").Float32().Call(abs()).Op(">=").Lit(1e21)),
			).Block(jen.Id("format").Op("=").LitRune('e')),
		),
		b().Op(":=").Qual("strconv", "AppendFloat").Call(jwBuf(), jen.Id("f"), jen.Id("format"), jen.Lit(-1), bits()),
		jen.If(jen.Id("format").Op("==").LitRune('e')).Block(
			jen.Comment("1e-07 becomes 1e-7, as in encoding/json."),
			jen.If(
				n().Op(":=").Len(b()),
				n().Op(">=").Lit(4).Op("&&").Add(bn(4)).Op("==").LitRune('e').Op("&&").Add(bn(3)).Op("==").LitRune('-').Op("&&").Add(bn(2)).Op("==").LitRune('0'),
			).Block(
				bn(2).Op("=").Add(bn(1)),
				b().Op("=").Add(b()).Index(jen.Op(":").Add(n()).Op("-").Lit(1)),
			),
		),
		jwBuf().Op("=").Add(b()),
	)
	f.Line()
	e.comment("jsonWriteNumber writes a json.Number as encoding/json does: verbatim, \"0\"",
		"when empty, and an error when it is not a JSON number.")
	f.Func().Id("jsonWriteNumber").Params(jwParam(), jen.Id("n").Qual("encoding/json", "Number")).Block(
		jen.Id("s").Op(":=").String().Call(jen.Id("n")),
		jen.If(jen.Id("s").Op("==").Lit("")).Block(jen.Id("s").Op("=").Lit("0")),
		jen.If(jen.Op("!").Id("jsonWriteValidNumber").Call(jen.Id("s"))).Block(
			jwFail(jen.Qual("errors", "New").Call(jen.Lit("json: invalid number literal ").Op("+").Qual("strconv", "Quote").Call(jen.Id("s"))))...,
		),
		jwAppend(jen.Id("s").Op("...")),
	)
	f.Line()
	s := func() *jen.Statement { return jen.Id("s") }
	s0 := func() *jen.Statement { return jen.Id("s").Index(jen.Lit(0)) }
	s1 := func() *jen.Statement { return jen.Id("s").Index(jen.Lit(1)) }
	skipDigits := func() *jen.Statement {
		return jen.For(s().Op("!=").Lit("").Op("&&").Add(jwDigit(s0))).Block(s().Op("=").Add(s()).Index(jen.Lit(1).Op(":")))
	}
	e.comment("jsonWriteValidNumber reports whether s is a JSON number (RFC 8259, section 6).")
	f.Func().Id("jsonWriteValidNumber").Params(s().String()).Bool().Block(
		jen.If(s().Op("!=").Lit("").Op("&&").Add(s0()).Op("==").LitRune('-')).Block(s().Op("=").Add(s()).Index(jen.Lit(1).Op(":"))),
		jen.Switch().Block(
			jen.Case(s().Op("==").Lit("")).Block(jen.Return(jen.False())),
			jen.Case(s0().Op("==").LitRune('0')).Block(s().Op("=").Add(s()).Index(jen.Lit(1).Op(":"))),
			jen.Case(jen.LitRune('1').Op("<=").Add(s0()).Op("&&").Add(s0()).Op("<=").LitRune('9')).Block(
				s().Op("=").Add(s()).Index(jen.Lit(1).Op(":")),
				skipDigits(),
			),
			jen.Default().Block(jen.Return(jen.False())),
		),
		jen.If(jen.Len(s()).Op(">=").Lit(2).Op("&&").Add(s0()).Op("==").LitRune('.').Op("&&").Add(jwDigit(s1))).Block(
			s().Op("=").Add(s()).Index(jen.Lit(2).Op(":")),
			skipDigits(),
		),
		jen.If(jen.Len(s()).Op(">=").Lit(2).Op("&&").Parens(s0().Op("==").LitRune('e').Op("||").Add(s0()).Op("==").LitRune('E'))).Block(
			s().Op("=").Add(s()).Index(jen.Lit(1).Op(":")),
			jen.If(s0().Op("==").LitRune('+').Op("||").Add(s0()).Op("==").LitRune('-')).Block(
				s().Op("=").Add(s()).Index(jen.Lit(1).Op(":")),
				jen.If(s().Op("==").Lit("")).Block(jen.Return(jen.False())),
			),
			skipDigits(),
		),
		jen.Return(s().Op("==").Lit("")),
	)
	f.Line()
}

// scalars emits boolean and the writers of scalar types: strings, integers,
// floats, booleans, times and bytes.
func (e *jsonWriterEmitter) scalars() {
	f := e.f
	e.comment("boolean writes b.")
	e.method("boolean", jen.Id("b").Bool()).Block(
		jen.If(jen.Id("b")).Block(jwAppend(jen.Lit("true").Op("..."))).Else().Block(jwAppend(jen.Lit("false").Op("..."))),
	)
	f.Line()
	p := func() *jen.Statement { return jen.Op("*").Id("p") }
	generic := func(name string, doc []string, constraint jen.Code, body jen.Code) {
		e.comment(doc...)
		noInline(f)
		f.Func().Id(name).Types(jen.Id("T").Add(constraint)).Params(jen.Id("p").Op("*").Id("T"), jwParam()).Block(body)
		f.Line()
	}
	generic("writeString", []string{"writeString writes a string."}, jen.Op("~").String(), jwW().Dot("str").Call(jen.String().Call(p())))
	generic("writeInt", []string{"writeInt writes an integer."}, jen.Union(jen.Op("~").Int32(), jen.Op("~").Int64()), jwW().Dot("int").Call(jen.Int64().Call(p())))
	generic("writeFloat32", []string{"writeFloat32 writes a float32 as encoding/json does, in the shortest form", "that reads back as the same float32."},
		jen.Op("~").Float32(), jwW().Dot("float").Call(jen.Float64().Call(p()), jen.Lit(32)))
	generic("writeFloat64", []string{"writeFloat64 writes a float64."}, jen.Op("~").Float64(), jwW().Dot("float").Call(jen.Float64().Call(p()), jen.Lit(64)))
	generic("writeBool", []string{"writeBool writes a boolean."}, jen.Op("~").Bool(), jwW().Dot("boolean").Call(jen.Bool().Call(p())))

	b := jwB
	n := func() *jen.Statement { return jen.Id("n") }
	last := func(k int) *jen.Statement { return b().Index(jen.Len(b()).Op("-").Lit(k)) }
	e.comment("writeTime writes a time as time.Time.MarshalJSON does, RFC 3339 with",
		"nanoseconds, formatted straight into the buffer. Like MarshalJSON, it fails",
		"on a year outside [0,9999] or a zone offset of 24 hours or more, which RFC",
		"3339 cannot write.")
	noInline(f)
	f.Func().Id("writeTime").Params(jen.Id("p").Op("*").Qual("time", "Time"), jwParam()).Block(
		b().Op(":=").Append(jwBuf(), jen.LitRune('"')),
		n().Op(":=").Len(b()),
		b().Op("=").Id("p").Dot("AppendFormat").Call(b(), jen.Qual("time", "RFC3339Nano")),
		jen.Var().Id("msg").String(),
		jen.Switch().Block(
			jen.Case(b().Index(n().Op("+").Lit(4)).Op("!=").LitRune('-')).Block(
				jen.Id("msg").Op("=").Lit("year outside of range [0,9999]"),
			),
			jen.Case(last(1).Op("!=").LitRune('Z')).Block(
				jen.Id("c").Op(":=").Add(last(6)),
				jen.If(jwDigit(func() *jen.Statement { return jen.Id("c") }).Op("||").Lit(10).Op("*").Parens(last(5).Op("-").LitRune('0')).Op("+").Parens(last(4).Op("-").LitRune('0')).Op(">=").Lit(24)).Block(
					jen.Id("msg").Op("=").Lit("timezone hour outside of range [0,23]"),
				),
			),
		),
		jen.If(jen.Id("msg").Op("!=").Lit("")).Block(
			append([]jen.Code{jwBuf().Op("=").Add(b()).Index(jen.Op(":").Add(n()).Op("-").Lit(1))},
				jwFail(jwMarshalerError(jen.Qual("time", "Time"), jen.Qual("errors", "New").Call(jen.Lit("Time.MarshalJSON: ").Op("+").Id("msg"))))...)...,
		),
		jwBuf().Op("=").Append(b(), jen.LitRune('"')),
	)
	f.Line()
	e.comment("writeBytes writes bytes as encoding/json does: a base64 string (standard",
		"encoding, padded), or null for a nil slice.")
	noInline(f)
	f.Func().Id("writeBytes").Params(jen.Id("p").Op("*").Index().Byte(), jwParam()).Block(
		jen.If(p().Op("==").Nil()).Block(jwW().Dot("null").Call(), jen.Return()),
		b().Op(":=").Append(jwBuf(), jen.LitRune('"')),
		b().Op("=").Qual("encoding/base64", "StdEncoding").Dot("AppendEncode").Call(b(), p()),
		jwBuf().Op("=").Append(b(), jen.LitRune('"')),
	)
	f.Line()
}

// anyValues emits the writers of values whose type is known only when
// written: writeAny, writeRaw (json.RawMessage) and writeJSON (types with a
// MarshalJSON method).
func (e *jsonWriterEmitter) anyValues() {
	f := e.f
	v := func() *jen.Statement { return jen.Id("v") }
	marshal := func(arg jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(arg),
			jen.If(jen.Err().Op("!=").Nil()).Block(jwFail(jen.Err())...),
			jwAppend(jen.Id("b").Op("...")),
		}
	}
	e.comment("jsonWriteEncoder is a value that writes itself: a generated type.")
	f.Type().Id("jsonWriteEncoder").Interface(jen.Id("encodeJSON").Params(jen.Op("*").Id("jsonWriter")))
	f.Line()
	e.comment("writeAny writes a value of unknown type. The types JSON decodes into, and",
		"generated types, are written directly; anything else by json.Marshal.")
	noInline(f)
	f.Func().Id("writeAny").Params(jen.Id("p").Op("*").Any(), jwParam()).Block(
		jen.Switch(v().Op(":=").Parens(jen.Op("*").Id("p")).Assert(jen.Type())).Block(
			jen.Case(jen.Nil()).Block(jwW().Dot("null").Call()),
			jen.Case(jen.Bool()).Block(jwW().Dot("boolean").Call(v())),
			jen.Case(jen.Float64()).Block(jwW().Dot("float").Call(v(), jen.Lit(64))),
			jen.Case(jen.Float32()).Block(jwW().Dot("float").Call(jen.Float64().Call(v()), jen.Lit(32))),
			jen.Case(jen.Int()).Block(jwW().Dot("int").Call(jen.Int64().Call(v()))),
			jen.Case(jen.Int64()).Block(jwW().Dot("int").Call(v())),
			jen.Case(jen.Int32()).Block(jwW().Dot("int").Call(jen.Int64().Call(v()))),
			jen.Case(jen.String()).Block(jwW().Dot("str").Call(v())),
			jen.Case(jen.Qual("encoding/json", "Number")).Block(jen.Id("jsonWriteNumber").Call(jwW(), v())),
			jen.Case(jen.Index().Any()).Block(jen.Id("writeSlice").Call(jen.Op("&").Add(v()), jwW(), jen.Id("writeAny"))),
			jen.Case(jen.Map(jen.String()).Any()).Block(jen.Id("writeMap").Call(jen.Op("&").Add(v()), jwW(), jen.Id("writeAny"))),
			jen.Case(jen.Qual("encoding/json", "RawMessage")).Block(jen.Id("writeRaw").Call(jen.Op("&").Add(v()), jwW())),
			jen.Case(jen.Id("jsonWriteEncoder")).Block(
				jen.Comment("A nil pointer is null, as json.Marshal writes it: no method is called on it."),
				jen.If(
					jen.Id("rv").Op(":=").Qual("reflect", "ValueOf").Call(v()),
					jen.Id("rv").Dot("Kind").Call().Op("==").Qual("reflect", "Pointer").Op("&&").Id("rv").Dot("IsNil").Call(),
				).Block(jwW().Dot("null").Call(), jen.Return()),
				jen.Comment("Slices and maps count their own nesting; this is the hop back"),
				jen.Comment("into generated types, through which a value can refer to itself."),
				jen.If(jwW().Dot("enter").Call()).Block(
					v().Dot("encodeJSON").Call(jwW()),
					jwW().Dot("leave").Call(),
				),
			),
			jen.Default().Block(marshal(v())...),
		),
	)
	f.Line()

	m := func() *jen.Statement { return jen.Id("m") }
	e.comment("writeRaw writes a json.RawMessage as encoding/json does: null when nil, else",
		"compacted, with <, >, &, U+2028 and U+2029 escaped; it fails when the",
		"message is not JSON.")
	noInline(f)
	f.Func().Id("writeRaw").Params(jen.Id("p").Op("*").Qual("encoding/json", "RawMessage"), jwParam()).Block(
		m().Op(":=").Op("*").Id("p"),
		jen.If(m().Op("==").Nil()).Block(jwW().Dot("null").Call(), jen.Return()),
		jen.If(jen.Op("!").Qual("encoding/json", "Valid").Call(m())).Block(
			append([]jen.Code{
				jen.Comment("Compact, on this rare path only, says what is wrong where."),
				jen.Var().Id("b").Qual("bytes", "Buffer"),
				jen.Err().Op(":=").Qual("encoding/json", "Compact").Call(jen.Op("&").Id("b"), m()),
			}, jwFail(jwMarshalerError(jen.Qual("encoding/json", "RawMessage"), jen.Err()))...)...,
		),
		jwBuf().Op("=").Id("jsonWriteCompact").Call(jwBuf(), m()),
	)
	f.Line()

	dst := func() *jen.Statement { return jen.Id("dst") }
	src := func() *jen.Statement { return jen.Id("src") }
	i := func() *jen.Statement { return jen.Id("i") }
	c := func() *jen.Statement { return jen.Id("c") }
	appendDst := func(args ...jen.Code) *jen.Statement {
		return dst().Op("=").Append(append([]jen.Code{dst()}, args...)...)
	}
	flush := func() *jen.Statement { return appendDst(src().Index(jen.Id("start").Op(":").Id("i")).Op("...")) }
	e.comment("jsonWriteCompact appends the valid JSON src to dst without insignificant",
		"spaces, with <, >, &, U+2028 and U+2029 in strings escaped: what json.Marshal",
		"does to the output of a MarshalJSON method.")
	f.Func().Id("jsonWriteCompact").Params(jen.List(dst(), src()).Index().Byte()).Index().Byte().Block(
		jen.Id("start").Op(":=").Lit(0),
		jen.Id("in").Op(":=").False(),
		jen.For(i().Op(":=").Lit(0), i().Op("<").Len(src()), i().Op("++")).Block(
			c().Op(":=").Add(src()).Index(i()),
			jen.If(jen.Op("!").Id("in")).Block(
				jen.Switch(c()).Block(
					jen.Case(jen.LitRune(' '), jen.LitRune('\t'), jen.LitRune('\n'), jen.LitRune('\r')).Block(
						flush(),
						jen.Id("start").Op("=").Add(i()).Op("+").Lit(1),
					),
					jen.Case(jen.LitRune('"')).Block(jen.Id("in").Op("=").True()),
				),
				jen.Continue(),
			),
			jen.Switch(c()).Block(
				jen.Case(jen.LitRune('"')).Block(jen.Id("in").Op("=").False()),
				jen.Case(jen.LitRune('\\')).Block(i().Op("++")),
				jen.Case(jen.LitRune('<'), jen.LitRune('>'), jen.LitRune('&')).Block(
					flush(),
					appendDst(append(jwBytes(`\u00`), jwHexOf(c().Op(">>").Lit(4)), jwHexOf(c().Op("&").Lit(0xF)))...),
					jen.Id("start").Op("=").Add(i()).Op("+").Lit(1),
				),
				jen.Case(jen.LitByte(0xE2)).Block(
					jen.If(i().Op("+").Lit(2).Op("<").Len(src()).Op("&&").Add(src()).Index(i().Op("+").Lit(1)).Op("==").LitByte(0x80).
						Op("&&").Add(src()).Index(i().Op("+").Lit(2)).Op("&^").Lit(1).Op("==").LitByte(0xA8)).Block(
						flush(),
						appendDst(append(jwBytes(`\u202`), jwHexOf(src().Index(i().Op("+").Lit(2)).Op("&").Lit(0xF)))...),
						i().Op("+=").Lit(2),
						jen.Id("start").Op("=").Add(i()).Op("+").Lit(1),
					),
				),
			),
		),
		jen.Return(jen.Append(dst(), src().Index(jen.Id("start").Op(":")).Op("..."))),
	)
	f.Line()

	e.comment("writeJSON writes a value of a type with its own MarshalJSON method (such as",
		"a union) through json.Marshal.")
	noInline(f)
	f.Func().Id("writeJSON").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Id("T"), jwParam()).Block(marshal(jen.Id("p"))...)
	f.Line()
}

// containers emits the writers that take an element writer f: pointers,
// Nullable, slices and maps.
func (e *jsonWriterEmitter) containers() {
	f := e.f
	typed := func(name string, param jen.Code, body ...jen.Code) {
		noInline(f)
		f.Func().Id(name).Types(jen.Id("T").Any()).Params(param, jwParam(), jwFunc()).Block(body...)
		f.Line()
	}
	nullIf := func(cond jen.Code) *jen.Statement {
		return jen.If(cond).Block(jwW().Dot("null").Call(), jen.Return())
	}
	e.comment("writePtr writes null for a nil pointer, else what it points to with f.")
	typed("writePtr", jen.Id("p").Op("**").Id("T"),
		nullIf(jen.Op("*").Id("p").Op("==").Nil()),
		jen.If(jen.Op("!").Add(jwW()).Dot("enter").Call()).Block(jen.Return()),
		jen.Id("f").Call(jen.Op("*").Id("p"), jwW()),
		jwW().Dot("leave").Call(),
	)
	e.comment("writeNullable writes null for an absent or null value, else the value with f.")
	typed("writeNullable", jen.Id("p").Op("*").Id("Nullable").Types(jen.Id("T")),
		nullIf(jen.Op("!").Id("p").Dot("Set").Op("||").Id("p").Dot("Null")),
		jen.Id("f").Call(jen.Op("&").Id("p").Dot("Value"), jwW()),
	)
	comma := jen.If(jen.Id("i").Op(">").Lit(0)).Block(jwAppend(jen.LitRune(',')))
	e.comment("writeSlice writes a slice as a JSON array, each item with f; a nil slice is",
		"null, as encoding/json writes it.")
	typed("writeSlice", jen.Id("p").Op("*").Index().Id("T"),
		jen.Id("s").Op(":=").Op("*").Id("p"),
		nullIf(jen.Id("s").Op("==").Nil()),
		jen.If(jen.Op("!").Add(jwW()).Dot("enter").Call()).Block(jen.Return()),
		jwAppend(jen.LitRune('[')),
		jen.For(jen.Id("i").Op(":=").Range().Id("s")).Block(
			comma,
			jen.Id("f").Call(jen.Op("&").Id("s").Index(jen.Id("i")), jwW()),
		),
		jwAppend(jen.LitRune(']')),
		jwW().Dot("leave").Call(),
	)
	e.comment("writeList writes a slice of a non-nullable array: a nil slice is [], since",
		"null is not a value of the contract's array (idiomatic \"var out []T\" stays valid).")
	typed("writeList", jen.Id("p").Op("*").Index().Id("T"),
		jen.If(jen.Op("*").Id("p").Op("==").Nil()).Block(jwAppend(jen.LitRune('['), jen.LitRune(']')), jen.Return()),
		jen.Id("writeSlice").Call(jen.Id("p"), jwW(), jen.Id("f")),
	)
	e.comment("writeMap writes a map as a JSON object with its keys sorted, as",
		"encoding/json orders them, each value with f; a nil map is null. Keys of",
		"small maps are sorted on the stack; values go through one local copy, since",
		"map values have no address.")
	typed("writeMap", jen.Id("p").Op("*").Map(jen.String()).Id("T"),
		jen.Id("m").Op(":=").Op("*").Id("p"),
		nullIf(jen.Id("m").Op("==").Nil()),
		jen.If(jen.Op("!").Add(jwW()).Dot("enter").Call()).Block(jen.Return()),
		jen.Var().Id("small").Index(jen.Lit(16)).String(),
		jen.Id("keys").Op(":=").Id("small").Index(jen.Op(":").Lit(0)),
		jen.For(jen.Id("k").Op(":=").Range().Id("m")).Block(
			jen.Id("keys").Op("=").Append(jen.Id("keys"), jen.Id("k")),
		),
		jen.Qual("slices", "Sort").Call(jen.Id("keys")),
		jwAppend(jen.LitRune('{')),
		jen.Var().Id("v").Id("T"),
		jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
			jen.If(jen.Id("i").Op(">").Lit(0)).Block(jwAppend(jen.LitRune(','))),
			jwW().Dot("str").Call(jen.Id("k")),
			jwAppend(jen.LitRune(':')),
			jen.Id("v").Op("=").Id("m").Index(jen.Id("k")),
			jen.Id("f").Call(jen.Op("&").Id("v"), jwW()),
		),
		jwAppend(jen.LitRune('}')),
		jwW().Dot("leave").Call(),
	)
}

// entryPoints emits encodeJSONValue and appendJSONValue, which run a writer
// over a value, and the pool of writers they share.
func (e *jsonWriterEmitter) entryPoints() {
	f := e.f
	e.comment("jsonWriters recycles writers, and the buffers encodeJSONValue writes into",
		"before it copies the result out.")
	f.Var().Id("jsonWriters").Qual("sync", "Pool")
	f.Line()
	e.comment("jsonWriteMaxPooled is the capacity beyond which a buffer is not kept for reuse.")
	f.Const().Id("jsonWriteMaxPooled").Op("=").Lit(64).Op("<<").Lit(10)
	f.Line()
	e.comment("jsonWriteGet returns an empty writer from the pool, or a new one.")
	f.Func().Id("jsonWriteGet").Params().Op("*").Id("jsonWriter").Block(
		jen.If(jen.List(jwW(), jen.Id("ok")).Op(":=").Id("jsonWriters").Dot("Get").Call().Assert(jen.Op("*").Id("jsonWriter")), jen.Id("ok")).Block(jen.Return(jwW())),
		jen.Return(jen.New(jen.Id("jsonWriter"))),
	)
	f.Line()
	e.comment("jsonWritePut empties w and returns it to the pool with its buffer, unless",
		"that buffer has grown too large to keep.")
	f.Func().Id("jsonWritePut").Params(jwParam()).Block(
		jen.If(jen.Cap(jwBuf()).Op(">").Id("jsonWriteMaxPooled")).Block(jwBuf().Op("=").Nil()),
		jen.List(jwBuf(), jwW().Dot("err"), jwW().Dot("depth")).Op("=").List(jwBuf().Index(jen.Op(":").Lit(0)), jen.Nil(), jen.Lit(0)),
		jen.Id("jsonWriters").Dot("Put").Call(jwW()),
	)
	f.Line()
	typeParams := func() *jen.Statement { return jen.Types(jen.Id("T").Any()) }
	e.comment("encodeJSONValue encodes *p with f and returns the JSON, or nil and the",
		"first error. The JSON is written into a pooled buffer and copied out, so",
		"the result is the one allocation.")
	f.Func().Id("encodeJSONValue").Add(typeParams()).Params(jen.Id("p").Op("*").Id("T"), jwFunc()).Params(jen.Index().Byte(), jen.Error()).Block(
		jwW().Op(":=").Id("jsonWriteGet").Call(),
		jen.Id("f").Call(jen.Id("p"), jwW()),
		jen.If(jen.Err().Op(":=").Add(jwW()).Dot("err"), jen.Err().Op("!=").Nil()).Block(
			jen.Id("jsonWritePut").Call(jwW()),
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Id("out").Op(":=").Make(jen.Index().Byte(), jen.Len(jwBuf())),
		jen.Copy(jen.Id("out"), jwBuf()),
		jen.Id("jsonWritePut").Call(jwW()),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
	e.comment("appendJSONValue appends the JSON of *p, encoded with f, to buf (a server's",
		"pooled buffer). On an error it returns buf as it was and the error.")
	f.Func().Id("appendJSONValue").Add(typeParams()).Params(jen.Id("buf").Index().Byte(), jen.Id("p").Op("*").Id("T"), jwFunc()).Params(jen.Index().Byte(), jen.Error()).Block(
		jwW().Op(":=").Id("jsonWriteGet").Call(),
		jen.Id("own").Op(":=").Add(jwBuf()),
		jwBuf().Op("=").Id("buf"),
		jen.Id("f").Call(jen.Id("p"), jwW()),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").List(jwBuf(), jwW().Dot("err")),
		jwBuf().Op("=").Id("own"),
		jen.Id("jsonWritePut").Call(jwW()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("buf"), jen.Err())),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
}

// keep references the writers a package may not use, so that a contract
// without, say, byte strings leaves no unused code for linters to report.
func (e *jsonWriterEmitter) keep() {
	e.comment("The writers generated code may leave unused, referenced for linters.")
	methods := func(name string) jen.Code { return jen.Parens(jen.Op("*").Id("jsonWriter")).Dot(name) }
	e.f.Var().Id("_").Op("=").Index().Any().Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true},
		methods("raw"), methods("field"),
		jen.Id("writeString").Types(jen.String()), jen.Id("writeInt").Types(jen.Int64()),
		jen.Id("writeFloat32").Types(jen.Float32()), jen.Id("writeFloat64").Types(jen.Float64()),
		jen.Id("writeBool").Types(jen.Bool()), jen.Id("writeTime"), jen.Id("writeBytes"),
		jen.Id("writeAny"), jen.Id("writeRaw"), jen.Id("writeJSON").Types(jen.Any()),
		jen.Id("writePtr").Types(jen.Any()), jen.Id("writeNullable").Types(jen.Any()),
		jen.Id("writeSlice").Types(jen.Any()), jen.Id("writeList").Types(jen.Any()), jen.Id("writeMap").Types(jen.Any()),
		jen.Id("encodeJSONValue").Types(jen.Any()), jen.Id("appendJSONValue").Types(jen.Any()),
	)
	e.f.Line()
}
