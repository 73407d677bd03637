package golang

import "github.com/dave/jennifer/jen"

// emitJSONReader writes jsonReader, the reflection-free JSON decoder the
// generated types' decodeJSON methods use, and its generic readers. They
// take what encoding/json takes, decode it to the same values and name the
// JSON pointer of what breaks the contract; testdata/codec/reader_test.go
// checks that inside a generated package. The Go it writes is easiest read
// in any generated types file (toolkit gen --generate types), from the
// jsonReader type on.
func emitJSONReader(f *jen.File) {
	f.Comment("jsonReader decodes one JSON document held in memory, without reflection:")
	f.Comment("generated decodeJSON methods walk the document with it, so decoding costs no")
	f.Comment("more than the values it makes.")
	f.Type().Id("jsonReader").Struct(
		jen.Comment("data is the whole document; pos is the offset of the next byte to read."),
		jen.Id("data").Index().Byte(),
		jen.Id("pos").Int(),
		jen.Comment("src is data as one string when decodeJSONValue made it (documents up to"),
		jen.Comment("jsonReadShareMax bytes): strings without escapes are then slices of it, so"),
		jen.Comment("a document's strings cost one allocation rather than one each, at the price"),
		jen.Comment("of a kept string keeping the document's text alive."),
		jen.Id("src").String(),
		jen.Comment("buf is scratch for unescaping keys and strings, used as a stack: what a"),
		jen.Comment("reader appends it takes off again, so a key stays valid while its value"),
		jen.Comment("is read."),
		jen.Id("buf").Index().Byte(),
		jen.Comment("depth counts the objects and arrays open around pos, so nesting deeper"),
		jen.Comment("than jsonReadMaxDepth is a syntax error rather than a stack overflow."),
		jen.Id("depth").Int(),
		jen.Comment("unions remembers what each union without a discriminator decoded at an"),
		jen.Comment("offset (see decodeUnionOnce); copies of the reader share it."),
		jen.Id("unions").Map(jen.Id("unionAt")).Id("unionDecoded"),
		jen.Comment("unionEnds maps the offset of each union decoded there to its end, so"),
		jen.Comment("allKnown steps over it instead of reading it again."),
		jen.Id("unionEnds").Map(jen.Int()).Int(),
	)
	f.Line()
	f.Comment("jsonReadMaxDepth is how deep objects and arrays may nest, as in encoding/json.")
	f.Const().Id("jsonReadMaxDepth").Op("=").Lit(10000)
	f.Line()
	f.Comment("jsonSyntaxError says the input is not JSON. Offset is the byte offset of the")
	f.Comment("error.")
	f.Type().Id("jsonSyntaxError").Struct(
		jen.Id("Offset").Int(),
		jen.Id("msg").String(),
	)
	f.Line()
	f.Comment("Error says where and why the input is not JSON.")
	f.Func().Params(jen.Id("e").Op("*").Id("jsonSyntaxError")).Id("Error").Params().String().Block(
		jen.Return(jen.Lit("invalid JSON at offset ").Op("+").Qual("strconv", "Itoa").Call(jen.Id("e").Dot("Offset")).Op("+").Lit(": ").Op("+").Id("e").Dot("msg")),
	)
	f.Line()
	f.Comment("syntaxError reports the byte at offset at, or the end of the input there,")
	f.Comment("as unexpected; context says what was expected (\"after array element\").")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("syntaxError").Params(jen.Id("at").Int(), jen.Id("context").String()).Error().Block(
		jen.If(jen.Id("at").Op(">=").Len(jen.Id("r").Dot("data"))).Block(
			jen.Return(jen.Op("&").Id("jsonSyntaxError").Values(jen.Dict{jen.Id("Offset"): jen.Len(jen.Id("r").Dot("data")), jen.Id("msg"): jen.Lit("unexpected end of input")})),
		),
		jen.Return(jen.Op("&").Id("jsonSyntaxError").Values(jen.Dict{jen.Id("Offset"): jen.Id("at"), jen.Id("msg"): jen.Lit("invalid character ").Op("+").Id("jsonReadQuoteChar").Call(jen.Id("r").Dot("data").Index(jen.Id("at"))).Op("+").Lit(" ").Op("+").Id("context")})),
	)
	f.Line()
	f.Comment("jsonReadQuoteChar quotes a byte for a syntax error message, as encoding/json does.")
	f.Func().Id("jsonReadQuoteChar").Params(jen.Id("c").Byte()).String().Block(
		jen.If(jen.Id("c").Op("==").LitRune('\'')).Block(
			jen.Return(jen.Lit(`'\''`)),
		),
		jen.If(jen.Id("c").Op("==").LitRune('"')).Block(
			jen.Return(jen.Lit(`'"'`)),
		),
		jen.Id("s").Op(":=").Qual("strconv", "Quote").Call(jen.String().Call(jen.Rune().Call(jen.Id("c")))),
		jen.Return(jen.Lit("'").Op("+").Id("s").Index(jen.Lit(1), jen.Len(jen.Id("s")).Op("-").Lit(1)).Op("+").Lit("'")),
	)
	f.Line()
	f.Comment("space skips whitespace and returns the next byte, or 0 at the end of the")
	f.Comment("input (which no reader takes for the start of a value).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("space").Params().Byte().Block(
		jen.For(jen.Id("r").Dot("pos").Op("<").Len(jen.Id("r").Dot("data"))).Block(
			jen.Id("c").Op(":=").Id("r").Dot("data").Index(jen.Id("r").Dot("pos")),
			jen.If(jen.Id("c").Op(">").LitRune(' ').Op("||").Id("c").Op("!=").LitRune(' ').Op("&&").Id("c").Op("!=").LitRune('\t').Op("&&").Id("c").Op("!=").LitRune('\n').Op("&&").Id("c").Op("!=").LitRune('\r')).Block(
				jen.Return(jen.Id("c")),
			),
			jen.Id("r").Dot("pos").Op("++"),
		),
		jen.Return(jen.Lit(0)),
	)
	f.Line()
	f.Comment("typeError says the value at pos is not the JSON type want names (\"a")
	f.Comment("string\"), naming the type it is, or that it is null. A byte that starts no")
	f.Comment("value is a syntax error.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("typeError").Params(jen.Id("want").String()).Error().Block(
		jen.Id("got").Op(":=").Lit(""),
		jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
		jen.Switch(jen.Id("c")).Block(
			jen.Case(jen.LitRune('{')).Block(
				jen.Id("got").Op("=").Lit("object"),
			),
			jen.Case(jen.LitRune('[')).Block(
				jen.Id("got").Op("=").Lit("array"),
			),
			jen.Case(jen.LitRune('"')).Block(
				jen.Id("got").Op("=").Lit("string"),
			),
			jen.Case(jen.LitRune('t'), jen.LitRune('f')).Block(
				jen.Id("got").Op("=").Lit("bool"),
			),
			jen.Case(jen.LitRune('n')).Block(
				jen.If(jen.Err().Op(":=").Id("r").Dot("literal").Call(jen.Lit("null")), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Err()),
				),
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must not be null")})),
			),
			jen.Default().Block(
				jen.If(jen.Id("c").Op("!=").LitRune('-').Op("&&").Parens(jen.Id("c").Op("<").LitRune('0').Op("||").Id("c").Op(">").LitRune('9'))).Block(
					jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("looking for beginning of value"))),
				),
				jen.Id("got").Op("=").Lit("number"),
			),
		),
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must be ").Op("+").Id("want").Op("+").Lit(", not ").Op("+").Id("got")})),
	)
	f.Line()
	f.Comment("literal consumes the literal lit (true, false or null) at pos.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("literal").Params(jen.Id("lit").String()).Error().Block(
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Len(jen.Id("lit")), jen.Id("i").Op("++")).Block(
			jen.If(jen.Id("r").Dot("pos").Op("+").Id("i").Op(">=").Len(jen.Id("r").Dot("data")).Op("||").Id("r").Dot("data").Index(jen.Id("r").Dot("pos").Op("+").Id("i")).Op("!=").Id("lit").Index(jen.Id("i"))).Block(
				jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos").Op("+").Id("i"), jen.Lit("in literal ").Op("+").Id("lit"))),
			),
		),
		jen.Id("r").Dot("pos").Op("+=").Len(jen.Id("lit")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("isNull skips whitespace and, if the next value is the literal null,")
	f.Comment("consumes it and reports true; otherwise it consumes nothing.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("isNull").Params().Bool().Block(
		jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
		jen.If(jen.Id("c").Op("==").LitRune('n').Op("&&").Len(jen.Id("r").Dot("data")).Op("-").Id("r").Dot("pos").Op(">=").Lit(4).Op("&&").String().Call(jen.Id("r").Dot("data").Index(jen.Id("r").Dot("pos"), jen.Id("r").Dot("pos").Op("+").Lit(4))).Op("==").Lit("null")).Block(
			jen.Id("r").Dot("pos").Op("+=").Lit(4),
			jen.Return(jen.True()),
		),
		jen.Return(jen.False()),
	)
	f.Line()
	f.Comment("enter opens an object or array at pos, counting its depth.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("enter").Params().Error().Block(
		jen.Id("r").Dot("depth").Op("++"),
		jen.If(jen.Id("r").Dot("depth").Op(">").Id("jsonReadMaxDepth")).Block(
			jen.Return(jen.Op("&").Id("jsonSyntaxError").Values(jen.Dict{jen.Id("Offset"): jen.Id("r").Dot("pos"), jen.Id("msg"): jen.Lit("exceeded max depth")})),
		),
		jen.Id("r").Dot("pos").Op("++"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("object reads an object, calling fn for each member with its unescaped key")
	f.Comment("and r at the member's value, which fn must consume. The key is valid only")
	f.Comment("during the call: it is a slice of data, or of buf when it has escapes, so")
	f.Comment("keys cost no allocation. A *ValidationError from fn gets the key prefixed to")
	f.Comment("its pointer. Duplicate keys reach fn each time (the last wins, as in")
	f.Comment("encoding/json).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("object").Params(jen.Id("fn").Func().Params(jen.Id("key").Index().Byte()).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune('{')).Block(
			jen.Return(jen.Id("r").Dot("typeError").Call(jen.Lit("an object"))),
		),
		jen.If(jen.Err().Op(":=").Id("r").Dot("enter").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
		jen.If(jen.Id("c").Op("==").LitRune('}')).Block(
			jen.Id("r").Dot("pos").Op("++"),
			jen.Id("r").Dot("depth").Op("--"),
			jen.Return(jen.Nil()),
		),
		jen.For().Block(
			jen.If(jen.Id("c").Op("!=").LitRune('"')).Block(
				jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("looking for beginning of object key string"))),
			),
			jen.Id("mark").Op(":=").Len(jen.Id("r").Dot("buf")),
			jen.List(jen.Id("key"), jen.Err()).Op(":=").Id("r").Dot("scanString").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune(':')).Block(
				jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after object key"))),
			),
			jen.Id("r").Dot("pos").Op("++"),
			jen.If(jen.Err().Op(":=").Id("fn").Call(jen.Id("key")), jen.Err().Op("!=").Nil()).Block(
				jen.Var().Id("ve").Op("*").Id("ValidationError"),
				jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(
					jen.Id("ve").Dot("Pointer").Op("=").Lit("/").Op("+").Id("pointerToken").Call(jen.String().Call(jen.Id("key"))).Op("+").Id("ve").Dot("Pointer"),
				),
				jen.Return(jen.Err()),
			),
			jen.Id("r").Dot("buf").Op("=").Id("r").Dot("buf").Index(jen.Empty(), jen.Id("mark")),
			jen.Id("c").Op("=").Id("r").Dot("space").Call(),
			jen.If(jen.Id("c").Op("==").LitRune('}')).Block(
				jen.Id("r").Dot("pos").Op("++"),
				jen.Id("r").Dot("depth").Op("--"),
				jen.Return(jen.Nil()),
			),
			jen.If(jen.Id("c").Op("!=").LitRune(',')).Block(
				jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after object key:value pair"))),
			),
			jen.Id("r").Dot("pos").Op("++"),
			jen.Id("c").Op("=").Id("r").Dot("space").Call(),
		),
	)
	f.Line()
	f.Comment("array reads an array, calling fn for item i (from 0) with r at the item,")
	f.Comment("which fn must consume. A *ValidationError from fn gets the index prefixed to")
	f.Comment("its pointer.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("array").Params(jen.Id("fn").Func().Params(jen.Id("i").Int()).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune('[')).Block(
			jen.Return(jen.Id("r").Dot("typeError").Call(jen.Lit("an array"))),
		),
		jen.If(jen.Err().Op(":=").Id("r").Dot("enter").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.If(jen.Id("r").Dot("space").Call().Op("==").LitRune(']')).Block(
			jen.Id("r").Dot("pos").Op("++"),
			jen.Id("r").Dot("depth").Op("--"),
			jen.Return(jen.Nil()),
		),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(
			jen.If(jen.Err().Op(":=").Id("fn").Call(jen.Id("i")), jen.Err().Op("!=").Nil()).Block(
				jen.Var().Id("ve").Op("*").Id("ValidationError"),
				jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("ve"))).Block(
					jen.Id("ve").Dot("Pointer").Op("=").Lit("/").Op("+").Qual("strconv", "Itoa").Call(jen.Id("i")).Op("+").Id("ve").Dot("Pointer"),
				),
				jen.Return(jen.Err()),
			),
			jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
			jen.If(jen.Id("c").Op("==").LitRune(']')).Block(
				jen.Id("r").Dot("pos").Op("++"),
				jen.Id("r").Dot("depth").Op("--"),
				jen.Return(jen.Nil()),
			),
			jen.If(jen.Id("c").Op("!=").LitRune(',')).Block(
				jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after array element"))),
			),
			jen.Id("r").Dot("pos").Op("++"),
		),
	)
	f.Line()
	f.Comment("jsonReadPlain marks the bytes a string holds as they are: not the quote,")
	f.Comment("the backslash, control characters or the start of a multi-byte UTF-8")
	f.Comment("sequence, which must be checked.")
	f.Var().Id("jsonReadPlain").Op("=").Id("jsonReadPlainTable").Call()
	f.Line()
	f.Comment("jsonReadPlainTable builds jsonReadPlain.")
	f.Func().Id("jsonReadPlainTable").Params().Params(jen.Id("t").Index(jen.Lit(256)).Bool()).Block(
		jen.For(jen.Id("c").Op(":=").LitRune(' '), jen.Id("c").Op("<").Qual("unicode/utf8", "RuneSelf"), jen.Id("c").Op("++")).Block(
			jen.Id("t").Index(jen.Id("c")).Op("=").Id("c").Op("!=").LitRune('"').Op("&&").Id("c").Op("!=").LitRune('\\'),
		),
		jen.Return(jen.Id("t")),
	)
	f.Line()
	f.Comment("scanString consumes the string at pos (the opening quote) and returns its")
	f.Comment("unescaped bytes: a slice of data when it holds neither escapes nor invalid")
	f.Comment("UTF-8, else appended to buf (the caller takes them off again).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("scanString").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("data").Op(":=").Id("r").Dot("data"),
		jen.Id("start").Op(":=").Id("r").Dot("pos").Op("+").Lit(1),
		jen.Id("i").Op(":=").Id("start"),
		jen.For(jen.Id("i").Op("<").Len(jen.Id("data"))).Block(
			jen.Id("c").Op(":=").Id("data").Index(jen.Id("i")),
			jen.If(jen.Id("jsonReadPlain").Index(jen.Id("c"))).Block(
				jen.Id("i").Op("++"),
				jen.Continue(),
			),
			jen.If(jen.Id("c").Op("==").LitRune('"')).Block(
				jen.Id("r").Dot("pos").Op("=").Id("i").Op("+").Lit(1),
				jen.Return(jen.Id("data").Index(jen.Id("start"), jen.Id("i")), jen.Nil()),
			),
			jen.If(jen.Id("c").Op("<").Qual("unicode/utf8", "RuneSelf")).Block(
				jen.Break(),
			),
			jen.List(jen.Id("rn"), jen.Id("size")).Op(":=").Qual("unicode/utf8", "DecodeRune").Call(jen.Id("data").Index(jen.Id("i"), jen.Empty())),
			jen.If(jen.Id("rn").Op("==").Qual("unicode/utf8", "RuneError").Op("&&").Id("size").Op("==").Lit(1)).Block(
				jen.Break(),
			),
			jen.Id("i").Op("+=").Id("size"),
		),
		jen.Return(jen.Id("r").Dot("unescape").Call(jen.Id("start"), jen.Id("i"))),
	)
	f.Line()
	f.Comment("unescape finishes scanString from i, the first byte that needs work, as")
	f.Comment("encoding/json does: escapes are decoded, a valid surrogate pair becomes one")
	f.Comment("rune, and a lone surrogate or invalid UTF-8 becomes U+FFFD.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("unescape").Params(jen.List(jen.Id("start"), jen.Id("i")).Int()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("data").Op(":=").Id("r").Dot("data"),
		jen.Id("mark").Op(":=").Len(jen.Id("r").Dot("buf")),
		jen.Id("b").Op(":=").Append(jen.Id("r").Dot("buf"), jen.Id("data").Index(jen.Id("start"), jen.Id("i")).Op("...")),
		jen.For().Block(
			jen.If(jen.Id("i").Op(">=").Len(jen.Id("data"))).Block(
				jen.Id("r").Dot("buf").Op("=").Id("b").Index(jen.Empty(), jen.Id("mark")),
				jen.Return(jen.Nil(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in string literal"))),
			),
			jen.Id("c").Op(":=").Id("data").Index(jen.Id("i")),
			jen.Switch().Block(
				jen.Case(jen.Id("c").Op("==").LitRune('"')).Block(
					jen.Id("r").Dot("buf").Op("=").Id("b"),
					jen.Id("r").Dot("pos").Op("=").Id("i").Op("+").Lit(1),
					jen.Return(jen.Id("b").Index(jen.Id("mark"), jen.Empty()), jen.Nil()),
				),
				jen.Case(jen.Id("c").Op("==").LitRune('\\')).Block(
					jen.If(jen.Id("i").Op("+").Lit(1).Op(">=").Len(jen.Id("data"))).Block(
						jen.Id("r").Dot("buf").Op("=").Id("b").Index(jen.Empty(), jen.Id("mark")),
						jen.Return(jen.Nil(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i").Op("+").Lit(1), jen.Lit("in string escape code"))),
					),
					jen.Switch(jen.Id("e").Op(":=").Id("data").Index(jen.Id("i").Op("+").Lit(1)), jen.Id("e")).Block(
						jen.Case(jen.LitRune('"'), jen.LitRune('\\'), jen.LitRune('/')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("e")),
						),
						jen.Case(jen.LitRune('b')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\b')),
						),
						jen.Case(jen.LitRune('f')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\f')),
						),
						jen.Case(jen.LitRune('n')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\n')),
						),
						jen.Case(jen.LitRune('r')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\r')),
						),
						jen.Case(jen.LitRune('t')).Block(
							jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\t')),
						),
						jen.Case(jen.LitRune('u')).Block(
							jen.Id("rn").Op(":=").Id("jsonReadHex4").Call(jen.Id("data").Index(jen.Id("i").Op("+").Lit(2), jen.Empty())),
							jen.If(jen.Id("rn").Op("<").Lit(0)).Block(
								jen.Id("r").Dot("buf").Op("=").Id("b").Index(jen.Empty(), jen.Id("mark")),
								jen.Return(jen.Nil(), jen.Id("r").Dot("hexError").Call(jen.Id("i").Op("+").Lit(2))),
							),
							jen.If(jen.Qual("unicode/utf16", "IsSurrogate").Call(jen.Id("rn"))).Block(
								jen.Id("rn2").Op(":=").Rune().Call(jen.Op("-").Lit(1)),
								jen.If(jen.Id("i").Op("+").Lit(7).Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i").Op("+").Lit(6)).Op("==").LitRune('\\').Op("&&").Id("data").Index(jen.Id("i").Op("+").Lit(7)).Op("==").LitRune('u')).Block(
									jen.Id("rn2").Op("=").Id("jsonReadHex4").Call(jen.Id("data").Index(jen.Id("i").Op("+").Lit(8), jen.Empty())),
								),
								jen.If(jen.Id("d").Op(":=").Qual("unicode/utf16", "DecodeRune").Call(jen.Id("rn"), jen.Id("rn2")), jen.Id("d").Op("!=").Qual("unicode/utf8", "RuneError")).Block(
									jen.Id("rn").Op("=").Id("d"),
									jen.Id("i").Op("+=").Lit(6),
								).Else().Block(
									jen.Id("rn").Op("=").Qual("unicode/utf8", "RuneError"),
								),
							),
							jen.Id("b").Op("=").Qual("unicode/utf8", "AppendRune").Call(jen.Id("b"), jen.Id("rn")),
							jen.Id("i").Op("+=").Lit(4),
						),
						jen.Default().Block(
							jen.Id("r").Dot("buf").Op("=").Id("b").Index(jen.Empty(), jen.Id("mark")),
							jen.Return(jen.Nil(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i").Op("+").Lit(1), jen.Lit("in string escape code"))),
						),
					),
					jen.Id("i").Op("+=").Lit(2),
				),
				jen.Case(jen.Id("c").Op("<").LitRune(' ')).Block(
					jen.Id("r").Dot("buf").Op("=").Id("b").Index(jen.Empty(), jen.Id("mark")),
					jen.Return(jen.Nil(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in string literal"))),
				),
				jen.Case(jen.Id("c").Op("<").Qual("unicode/utf8", "RuneSelf")).Block(
					jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("c")),
					jen.Id("i").Op("++"),
				),
				jen.Default().Block(
					jen.List(jen.Id("rn"), jen.Id("size")).Op(":=").Qual("unicode/utf8", "DecodeRune").Call(jen.Id("data").Index(jen.Id("i"), jen.Empty())),
					jen.If(jen.Id("rn").Op("==").Qual("unicode/utf8", "RuneError").Op("&&").Id("size").Op("==").Lit(1)).Block(
						jen.Id("b").Op("=").Qual("unicode/utf8", "AppendRune").Call(jen.Id("b"), jen.Qual("unicode/utf8", "RuneError")),
					).Else().Block(
						jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("data").Index(jen.Id("i"), jen.Id("i").Op("+").Id("size")).Op("...")),
					),
					jen.Id("i").Op("+=").Id("size"),
				),
			),
		),
	)
	f.Line()
	f.Comment("hexError reports the first of the four bytes at i that is not a hex digit.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("hexError").Params(jen.Id("i").Int()).Error().Block(
		jen.For(jen.Empty(), jen.Id("i").Op("<").Len(jen.Id("r").Dot("data")).Op("&&").Id("jsonReadHex").Call(jen.Id("r").Dot("data").Index(jen.Id("i"))).Op(">=").Lit(0), jen.Id("i").Op("++")).Block(),
		jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in \\u hexadecimal character escape"))),
	)
	f.Line()
	f.Comment("jsonReadHex is the value of the hex digit c, or -1.")
	f.Func().Id("jsonReadHex").Params(jen.Id("c").Byte()).Rune().Block(
		jen.Switch().Block(
			jen.Case(jen.LitRune('0').Op("<=").Id("c").Op("&&").Id("c").Op("<=").LitRune('9')).Block(
				jen.Return(jen.Rune().Call(jen.Id("c").Op("-").LitRune('0'))),
			),
			jen.Case(jen.LitRune('a').Op("<=").Id("c").Op("&&").Id("c").Op("<=").LitRune('f')).Block(
				jen.Return(jen.Rune().Call(jen.Id("c").Op("-").LitRune('a').Op("+").Lit(10))),
			),
			jen.Case(jen.LitRune('A').Op("<=").Id("c").Op("&&").Id("c").Op("<=").LitRune('F')).Block(
				jen.Return(jen.Rune().Call(jen.Id("c").Op("-").LitRune('A').Op("+").Lit(10))),
			),
		),
		jen.Return(jen.Op("-").Lit(1)),
	)
	f.Line()
	f.Comment("jsonReadHex4 decodes the four hex digits that start b, or returns -1.")
	f.Func().Id("jsonReadHex4").Params(jen.Id("b").Index().Byte()).Rune().Block(
		jen.If(jen.Len(jen.Id("b")).Op("<").Lit(4)).Block(
			jen.Return(jen.Op("-").Lit(1)),
		),
		jen.Id("n").Op(":=").Rune().Call(jen.Lit(0)),
		jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("b").Index(jen.Empty(), jen.Lit(4))).Block(
			jen.Id("h").Op(":=").Id("jsonReadHex").Call(jen.Id("c")),
			jen.If(jen.Id("h").Op("<").Lit(0)).Block(
				jen.Return(jen.Op("-").Lit(1)),
			),
			jen.Id("n").Op("=").Id("n").Op("<<").Lit(4).Op("|").Id("h"),
		),
		jen.Return(jen.Id("n")),
	)
	f.Line()
	f.Comment("str reads a string value, unescaped; the string is its only allocation.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("str").Params().Params(jen.String(), jen.Error()).Block(
		jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune('"')).Block(
			jen.Return(jen.Lit(""), jen.Id("r").Dot("typeError").Call(jen.Lit("a string"))),
		),
		jen.Id("mark").Op(":=").Len(jen.Id("r").Dot("buf")),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("r").Dot("scanString").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Lit(""), jen.Err()),
		),
		jen.If(jen.Len(jen.Id("r").Dot("buf")).Op("==").Id("mark").Op("&&").Id("r").Dot("src").Op("!=").Lit("")).Block(
			jen.Comment("No escapes: b is the text between the quotes, which src holds too."),
			jen.Id("end").Op(":=").Id("r").Dot("pos").Op("-").Lit(1),
			jen.Return(jen.Id("r").Dot("src").Index(jen.Id("end").Op("-").Len(jen.Id("b")), jen.Id("end")), jen.Nil()),
		),
		jen.Id("s").Op(":=").String().Call(jen.Id("b")),
		jen.Id("r").Dot("buf").Op("=").Id("r").Dot("buf").Index(jen.Empty(), jen.Id("mark")),
		jen.Return(jen.Id("s"), jen.Nil()),
	)
	f.Line()
	f.Comment("scanNumber consumes the number at pos, checked against the JSON grammar,")
	f.Comment("and returns its text and whether it is an integer (no fraction, no")
	f.Comment("exponent).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("scanNumber").Params().Params(jen.Index().Byte(), jen.Bool(), jen.Error()).Block(
		jen.Id("data").Op(":=").Id("r").Dot("data"),
		jen.Id("start").Op(":=").Id("r").Dot("pos"),
		jen.Id("i").Op(":=").Id("start"),
		jen.If(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i")).Op("==").LitRune('-')).Block(
			jen.Id("i").Op("++"),
		),
		jen.If(jen.Id("i").Op(">=").Len(jen.Id("data")).Op("||").Id("data").Index(jen.Id("i")).Op("<").LitRune('0').Op("||").Id("data").Index(jen.Id("i")).Op(">").LitRune('9')).Block(
			jen.Return(jen.Nil(), jen.False(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in numeric literal"))),
		),
		jen.If(jen.Id("data").Index(jen.Id("i")).Op("==").LitRune('0')).Block(
			jen.Id("i").Op("++"),
		).Else().Block(
			jen.For(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i")).Op(">=").LitRune('0').Op("&&").Id("data").Index(jen.Id("i")).Op("<=").LitRune('9')).Block(
				jen.Id("i").Op("++"),
			),
		),
		jen.Id("integer").Op(":=").True(),
		jen.If(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i")).Op("==").LitRune('.')).Block(
			jen.Id("integer").Op("=").False(),
			jen.Id("i").Op("++"),
			jen.If(jen.Id("i").Op(">=").Len(jen.Id("data")).Op("||").Id("data").Index(jen.Id("i")).Op("<").LitRune('0').Op("||").Id("data").Index(jen.Id("i")).Op(">").LitRune('9')).Block(
				jen.Return(jen.Nil(), jen.False(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("after decimal point in numeric literal"))),
			),
			jen.For(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i")).Op(">=").LitRune('0').Op("&&").Id("data").Index(jen.Id("i")).Op("<=").LitRune('9')).Block(
				jen.Id("i").Op("++"),
			),
		),
		jen.If(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Parens(jen.Id("data").Index(jen.Id("i")).Op("==").LitRune('e').Op("||").Id("data").Index(jen.Id("i")).Op("==").LitRune('E'))).Block(
			jen.Id("integer").Op("=").False(),
			jen.Id("i").Op("++"),
			jen.If(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Parens(jen.Id("data").Index(jen.Id("i")).Op("==").LitRune('+').Op("||").Id("data").Index(jen.Id("i")).Op("==").LitRune('-'))).Block(
				jen.Id("i").Op("++"),
			),
			jen.If(jen.Id("i").Op(">=").Len(jen.Id("data")).Op("||").Id("data").Index(jen.Id("i")).Op("<").LitRune('0').Op("||").Id("data").Index(jen.Id("i")).Op(">").LitRune('9')).Block(
				jen.Return(jen.Nil(), jen.False(), jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in exponent of numeric literal"))),
			),
			jen.For(jen.Id("i").Op("<").Len(jen.Id("data")).Op("&&").Id("data").Index(jen.Id("i")).Op(">=").LitRune('0').Op("&&").Id("data").Index(jen.Id("i")).Op("<=").LitRune('9')).Block(
				jen.Id("i").Op("++"),
			),
		),
		jen.Id("r").Dot("pos").Op("=").Id("i"),
		jen.Return(jen.Id("data").Index(jen.Id("start"), jen.Id("i")), jen.Id("integer"), jen.Nil()),
	)
	f.Line()
	f.Comment("isNumberStart reports whether c starts a JSON number.")
	f.Func().Id("jsonReadIsNumberStart").Params(jen.Id("c").Byte()).Bool().Block(
		jen.Return(jen.Id("c").Op("==").LitRune('-').Op("||").Id("c").Op(">=").LitRune('0').Op("&&").Id("c").Op("<=").LitRune('9')),
	)
	f.Line()
	f.Comment("integer reads a JSON number with no fraction and no exponent that fits an")
	f.Comment("int64.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("integer").Params().Params(jen.Int64(), jen.Error()).Block(
		jen.If(jen.Op("!").Id("jsonReadIsNumberStart").Call(jen.Id("r").Dot("space").Call())).Block(
			jen.Return(jen.Lit(0), jen.Id("r").Dot("typeError").Call(jen.Lit("an integer"))),
		),
		jen.List(jen.Id("lit"), jen.Id("integer"), jen.Err()).Op(":=").Id("r").Dot("scanNumber").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Lit(0), jen.Err()),
		),
		jen.Id("digits").Op(":=").Id("lit"),
		jen.If(jen.Id("digits").Index(jen.Lit(0)).Op("==").LitRune('-')).Block(
			jen.Id("digits").Op("=").Id("digits").Index(jen.Lit(1), jen.Empty()),
		),
		jen.If(jen.Op("!").Id("integer")).Block(
			jen.Return(jen.Lit(0), jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must be an integer, not number ").Op("+").String().Call(jen.Id("lit"))})),
		),
		jen.Comment("19 digits cannot overflow a uint64; more are beyond an int64."),
		jen.If(jen.Len(jen.Id("digits")).Op(">").Lit(19)).Block(
			jen.Return(jen.Lit(0), jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 64-bit integer: ").Op("+").String().Call(jen.Id("lit"))})),
		),
		jen.Id("u").Op(":=").Uint64().Call(jen.Lit(0)),
		jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("digits")).Block(
			jen.Id("u").Op("=").Id("u").Op("*").Lit(10).Op("+").Uint64().Call(jen.Id("c").Op("-").LitRune('0')),
		),
		jen.If(jen.Id("lit").Index(jen.Lit(0)).Op("==").LitRune('-')).Block(
			jen.If(jen.Id("u").Op(">").Lit(1).Op("<<").Lit(63)).Block(
				jen.Return(jen.Lit(0), jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 64-bit integer: ").Op("+").String().Call(jen.Id("lit"))})),
			),
			jen.Return(jen.Op("-").Int64().Call(jen.Id("u")), jen.Nil()),
		),
		jen.If(jen.Id("u").Op(">").Lit(1).Op("<<").Lit(63).Op("-").Lit(1)).Block(
			jen.Return(jen.Lit(0), jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 64-bit integer: ").Op("+").String().Call(jen.Id("lit"))})),
		),
		jen.Return(jen.Int64().Call(jen.Id("u")), jen.Nil()),
	)
	f.Line()
	f.Comment("number reads any JSON number, as strconv.ParseFloat(s, 64) does.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("number").Params().Params(jen.Float64(), jen.Error()).Block(
		jen.If(jen.Op("!").Id("jsonReadIsNumberStart").Call(jen.Id("r").Dot("space").Call())).Block(
			jen.Return(jen.Lit(0), jen.Id("r").Dot("typeError").Call(jen.Lit("a number"))),
		),
		jen.List(jen.Id("lit"), jen.Id("_"), jen.Err()).Op(":=").Id("r").Dot("scanNumber").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Lit(0), jen.Err()),
		),
		jen.List(jen.Id("f"), jen.Err()).Op(":=").Qual("strconv", "ParseFloat").Call(jen.String().Call(jen.Id("lit")), jen.Lit(64)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Lit(0), jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 64-bit number: ").Op("+").String().Call(jen.Id("lit"))})),
		),
		jen.Return(jen.Id("f"), jen.Nil()),
	)
	f.Line()
	f.Comment("boolean reads true or false.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("boolean").Params().Params(jen.Bool(), jen.Error()).Block(
		jen.Switch(jen.Id("r").Dot("space").Call()).Block(
			jen.Case(jen.LitRune('t')).Block(
				jen.Return(jen.True(), jen.Id("r").Dot("literal").Call(jen.Lit("true"))),
			),
			jen.Case(jen.LitRune('f')).Block(
				jen.Return(jen.False(), jen.Id("r").Dot("literal").Call(jen.Lit("false"))),
			),
		),
		jen.Return(jen.False(), jen.Id("r").Dot("typeError").Call(jen.Lit("a boolean"))),
	)
	f.Line()
	f.Comment("skip consumes one value of any type, checked as thoroughly as")
	f.Comment("encoding/json checks it, and returns its text: a slice of data, not a copy.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("skip").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Id("r").Dot("space").Call(),
		jen.Id("start").Op(":=").Id("r").Dot("pos"),
		jen.If(jen.Err().Op(":=").Id("r").Dot("skipValue").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Id("r").Dot("data").Index(jen.Id("start"), jen.Id("r").Dot("pos")), jen.Nil()),
	)
	f.Line()
	f.Comment("skipValue consumes the value at pos (after whitespace).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("skipValue").Params().Error().Block(
		jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
		jen.Switch(jen.Id("c")).Block(
			jen.Case(jen.LitRune('{')).Block(
				jen.If(jen.Err().Op(":=").Id("r").Dot("enter").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Err()),
				),
				jen.Id("c").Op("=").Id("r").Dot("space").Call(),
				jen.If(jen.Id("c").Op("==").LitRune('}')).Block(
					jen.Id("r").Dot("pos").Op("++"),
					jen.Id("r").Dot("depth").Op("--"),
					jen.Return(jen.Nil()),
				),
				jen.For().Block(
					jen.If(jen.Id("c").Op("!=").LitRune('"')).Block(
						jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("looking for beginning of object key string"))),
					),
					jen.If(jen.Err().Op(":=").Id("r").Dot("skipString").Call(), jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Err()),
					),
					jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune(':')).Block(
						jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after object key"))),
					),
					jen.Id("r").Dot("pos").Op("++"),
					jen.If(jen.Err().Op(":=").Id("r").Dot("skipValue").Call(), jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Err()),
					),
					jen.Id("c").Op("=").Id("r").Dot("space").Call(),
					jen.If(jen.Id("c").Op("==").LitRune('}')).Block(
						jen.Id("r").Dot("pos").Op("++"),
						jen.Id("r").Dot("depth").Op("--"),
						jen.Return(jen.Nil()),
					),
					jen.If(jen.Id("c").Op("!=").LitRune(',')).Block(
						jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after object key:value pair"))),
					),
					jen.Id("r").Dot("pos").Op("++"),
					jen.Id("c").Op("=").Id("r").Dot("space").Call(),
				),
			),
			jen.Case(jen.LitRune('[')).Block(
				jen.If(jen.Err().Op(":=").Id("r").Dot("enter").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Err()),
				),
				jen.If(jen.Id("r").Dot("space").Call().Op("==").LitRune(']')).Block(
					jen.Id("r").Dot("pos").Op("++"),
					jen.Id("r").Dot("depth").Op("--"),
					jen.Return(jen.Nil()),
				),
				jen.For().Block(
					jen.If(jen.Err().Op(":=").Id("r").Dot("skipValue").Call(), jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Err()),
					),
					jen.Id("c").Op("=").Id("r").Dot("space").Call(),
					jen.If(jen.Id("c").Op("==").LitRune(']')).Block(
						jen.Id("r").Dot("pos").Op("++"),
						jen.Id("r").Dot("depth").Op("--"),
						jen.Return(jen.Nil()),
					),
					jen.If(jen.Id("c").Op("!=").LitRune(',')).Block(
						jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after array element"))),
					),
					jen.Id("r").Dot("pos").Op("++"),
				),
			),
			jen.Case(jen.LitRune('"')).Block(
				jen.Return(jen.Id("r").Dot("skipString").Call()),
			),
			jen.Case(jen.LitRune('t')).Block(
				jen.Return(jen.Id("r").Dot("literal").Call(jen.Lit("true"))),
			),
			jen.Case(jen.LitRune('f')).Block(
				jen.Return(jen.Id("r").Dot("literal").Call(jen.Lit("false"))),
			),
			jen.Case(jen.LitRune('n')).Block(
				jen.Return(jen.Id("r").Dot("literal").Call(jen.Lit("null"))),
			),
		),
		jen.If(jen.Op("!").Id("jsonReadIsNumberStart").Call(jen.Id("c"))).Block(
			jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("looking for beginning of value"))),
		),
		jen.List(jen.Id("_"), jen.Id("_"), jen.Err()).Op(":=").Id("r").Dot("scanNumber").Call(),
		jen.Return(jen.Err()),
	)
	f.Line()
	f.Comment("skipString consumes the string at pos, checking its escapes and control")
	f.Comment("characters but unescaping nothing (JSON does not require valid UTF-8).")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("skipString").Params().Error().Block(
		jen.Id("data").Op(":=").Id("r").Dot("data"),
		jen.Id("i").Op(":=").Id("r").Dot("pos").Op("+").Lit(1),
		jen.For(jen.Id("i").Op("<").Len(jen.Id("data"))).Block(
			jen.Id("c").Op(":=").Id("data").Index(jen.Id("i")),
			jen.Switch().Block(
				jen.Case(jen.Id("c").Op("==").LitRune('"')).Block(
					jen.Id("r").Dot("pos").Op("=").Id("i").Op("+").Lit(1),
					jen.Return(jen.Nil()),
				),
				jen.Case(jen.Id("c").Op("==").LitRune('\\')).Block(
					jen.If(jen.Id("i").Op("+").Lit(1).Op(">=").Len(jen.Id("data"))).Block(
						jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("i").Op("+").Lit(1), jen.Lit("in string escape code"))),
					),
					jen.Switch(jen.Id("data").Index(jen.Id("i").Op("+").Lit(1))).Block(
						jen.Case(jen.LitRune('"'), jen.LitRune('\\'), jen.LitRune('/'), jen.LitRune('b'), jen.LitRune('f'), jen.LitRune('n'), jen.LitRune('r'), jen.LitRune('t')).Block(
							jen.Id("i").Op("+=").Lit(2),
						),
						jen.Case(jen.LitRune('u')).Block(
							jen.If(jen.Id("jsonReadHex4").Call(jen.Id("data").Index(jen.Id("i").Op("+").Lit(2), jen.Empty())).Op("<").Lit(0)).Block(
								jen.Return(jen.Id("r").Dot("hexError").Call(jen.Id("i").Op("+").Lit(2))),
							),
							jen.Id("i").Op("+=").Lit(6),
						),
						jen.Default().Block(
							jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("i").Op("+").Lit(1), jen.Lit("in string escape code"))),
						),
					),
				),
				jen.Case(jen.Id("c").Op("<").LitRune(' ')).Block(
					jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in string literal"))),
				),
				jen.Default().Block(
					jen.Id("i").Op("++"),
				),
			),
		),
		jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("i"), jen.Lit("in string literal"))),
	)
	f.Line()
	f.Comment("value reads one value as encoding/json decodes it into an any:")
	f.Comment("map[string]any, []any, float64, string, bool or nil.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("value").Params().Params(jen.Any(), jen.Error()).Block(
		jen.Id("c").Op(":=").Id("r").Dot("space").Call(),
		jen.Switch(jen.Id("c")).Block(
			jen.Case(jen.LitRune('{')).Block(
				jen.Id("m").Op(":=").Make(jen.Map(jen.String()).Any()),
				jen.Err().Op(":=").Id("r").Dot("object").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Error().Block(
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("r").Dot("value").Call(),
					jen.If(jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Err()),
					),
					jen.Id("m").Index(jen.String().Call(jen.Id("key"))).Op("=").Id("v"),
					jen.Return(jen.Nil()),
				)),
				jen.If(jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Err()),
				),
				jen.Return(jen.Id("m"), jen.Nil()),
			),
			jen.Case(jen.LitRune('[')).Block(
				jen.Id("a").Op(":=").Make(jen.Index().Any(), jen.Lit(0)),
				jen.Err().Op(":=").Id("r").Dot("array").Call(jen.Func().Params(jen.Int()).Error().Block(
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("r").Dot("value").Call(),
					jen.If(jen.Err().Op("!=").Nil()).Block(
						jen.Return(jen.Err()),
					),
					jen.Id("a").Op("=").Append(jen.Id("a"), jen.Id("v")),
					jen.Return(jen.Nil()),
				)),
				jen.If(jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Err()),
				),
				jen.Return(jen.Id("a"), jen.Nil()),
			),
			jen.Case(jen.LitRune('"')).Block(
				jen.Return(jen.Id("r").Dot("str").Call()),
			),
			jen.Case(jen.LitRune('t'), jen.LitRune('f')).Block(
				jen.Return(jen.Id("r").Dot("boolean").Call()),
			),
			jen.Case(jen.LitRune('n')).Block(
				jen.Return(jen.Nil(), jen.Id("r").Dot("literal").Call(jen.Lit("null"))),
			),
		),
		jen.If(jen.Op("!").Id("jsonReadIsNumberStart").Call(jen.Id("c"))).Block(
			jen.Return(jen.Nil(), jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("looking for beginning of value"))),
		),
		jen.Return(jen.Id("r").Dot("number").Call()),
	)
	f.Line()
	f.Comment("end checks that only whitespace follows the value read.")
	f.Func().Params(jen.Id("r").Op("*").Id("jsonReader")).Id("end").Params().Error().Block(
		jen.Id("r").Dot("space").Call(),
		jen.If(jen.Id("r").Dot("pos").Op("<").Len(jen.Id("r").Dot("data"))).Block(
			jen.Return(jen.Id("r").Dot("syntaxError").Call(jen.Id("r").Dot("pos"), jen.Lit("after top-level value"))),
		),
		jen.Return(jen.Nil()),
	)
	f.Line()
	emitScalarReader(f, "readString", "reads a JSON string into a string type.", jen.Op("~").String(), "str")
	f.Comment("readInt reads a JSON integer into an integer type it fits.")
	noInline(f)
	f.Func().Id("readInt").Types(jen.Id("T").Op("~").Int32().Op("|").Op("~").Int64()).Params(jen.Id("p").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("r").Dot("integer").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.If(jen.Int64().Call(jen.Id("T").Call(jen.Id("n"))).Op("!=").Id("n")).Block(
			jen.Comment("A JSON integer that does not fit has no leading zeros, so n"),
			jen.Comment("formats as its literal."),
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 32-bit integer: ").Op("+").Qual("strconv", "FormatInt").Call(jen.Id("n"), jen.Lit(10))})),
		),
		jen.Op("*").Id("p").Op("=").Id("T").Call(jen.Id("n")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readFloat reads a JSON number into a float type, rounded once to its size")
	f.Comment("as encoding/json does.")
	noInline(f)
	f.Func().Id("readFloat").Types(jen.Id("T").Op("~").Float32().Op("|").Op("~").Float64()).Params(jen.Id("p").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.Id("r").Dot("space").Call(),
		jen.Id("start").Op(":=").Id("r").Dot("pos"),
		jen.List(jen.Id("f"), jen.Err()).Op(":=").Id("r").Dot("number").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Id("v").Op(":=").Id("T").Call(jen.Id("f")),
		jen.If(jen.Float64().Call(jen.Id("v")).Op("!=").Id("f")).Block(
			jen.Comment("T is a float32 and f is not one: round the literal to 32 bits"),
			jen.Comment("directly, not through a float64, and reject what overflows."),
			jen.Id("lit").Op(":=").Id("r").Dot("data").Index(jen.Id("start"), jen.Id("r").Dot("pos")),
			jen.List(jen.Id("f"), jen.Err()).Op("=").Qual("strconv", "ParseFloat").Call(jen.String().Call(jen.Id("lit")), jen.Lit(32)),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("is out of range for a 32-bit number: ").Op("+").String().Call(jen.Id("lit"))})),
			),
			jen.Id("v").Op("=").Id("T").Call(jen.Id("f")),
		),
		jen.Op("*").Id("p").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	emitScalarReader(f, "readBool", "reads true or false into a bool type.", jen.Op("~").Bool(), "boolean")
	f.Comment("readTime reads an RFC 3339 date-time string, as time.Time's UnmarshalJSON")
	f.Comment("does, without allocating the string.")
	noInline(f)
	f.Func().Id("readTime").Params(jen.Id("p").Op("*").Qual("time", "Time"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune('"')).Block(
			jen.Return(jen.Id("r").Dot("typeError").Call(jen.Lit("a string"))),
		),
		jen.Id("mark").Op(":=").Len(jen.Id("r").Dot("buf")),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("r").Dot("scanString").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Var().Id("t").Qual("time", "Time"),
		jen.Err().Op("=").Id("t").Dot("UnmarshalText").Call(jen.Id("b")),
		jen.Id("r").Dot("buf").Op("=").Id("r").Dot("buf").Index(jen.Empty(), jen.Id("mark")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must be a date-time (RFC 3339), not ").Op("+").Qual("strconv", "Quote").Call(jen.String().Call(jen.Id("b")))})),
		),
		jen.Op("*").Id("p").Op("=").Id("t"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readBytes reads a base64 string (standard encoding, which tolerates \\r and")
	f.Comment("\\n) into bytes, as encoding/json decodes a []byte.")
	noInline(f)
	f.Func().Id("readBytes").Params(jen.Id("p").Op("*").Index().Byte(), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.If(jen.Id("r").Dot("space").Call().Op("!=").LitRune('"')).Block(
			jen.Return(jen.Id("r").Dot("typeError").Call(jen.Lit("a string"))),
		),
		jen.Id("mark").Op(":=").Len(jen.Id("r").Dot("buf")),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("r").Dot("scanString").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Id("out").Op(":=").Make(jen.Index().Byte(), jen.Qual("encoding/base64", "StdEncoding").Dot("DecodedLen").Call(jen.Len(jen.Id("b")))),
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("encoding/base64", "StdEncoding").Dot("Decode").Call(jen.Id("out"), jen.Id("b")),
		jen.Id("r").Dot("buf").Op("=").Id("r").Dot("buf").Index(jen.Empty(), jen.Id("mark")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must be base64-encoded bytes")})),
		),
		jen.Op("*").Id("p").Op("=").Id("out").Index(jen.Empty(), jen.Id("n")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readAny reads any value, as encoding/json decodes it into an any (null is nil).")
	noInline(f)
	f.Func().Id("readAny").Params(jen.Id("p").Op("*").Any(), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("r").Dot("value").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Op("*").Id("p").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readRaw reads any value as its JSON text, copied, since the caller may reuse")
	f.Comment("the document's bytes.")
	noInline(f)
	f.Func().Id("readRaw").Params(jen.Id("p").Op("*").Qual("encoding/json", "RawMessage"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.List(jen.Id("raw"), jen.Err()).Op(":=").Id("r").Dot("skip").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Op("*").Id("p").Op("=").Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("raw").Op("...")),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readPtr reads a value into a new T with f (which rejects null) and points p")
	f.Comment("at it.")
	noInline(f)
	f.Func().Id("readPtr").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.Id("x").Op(":=").New(jen.Id("T")),
		jen.If(jen.Err().Op(":=").Id("f").Call(jen.Id("x"), jen.Id("r")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Op("*").Id("p").Op("=").Id("x"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readNullPtr reads null as a nil pointer, and anything else as readPtr does.")
	noInline(f)
	f.Func().Id("readNullPtr").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("isNull").Call()).Block(
			jen.Op("*").Id("p").Op("=").Nil(),
			jen.Return(jen.Nil()),
		),
		jen.Return(jen.Id("readPtr").Call(jen.Id("p"), jen.Id("r"), jen.Id("f"))),
	)
	f.Line()
	f.Comment("readNullable reads null or a value with f into a Nullable, which either way")
	f.Comment("is then set.")
	noInline(f)
	f.Func().Id("readNullable").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Id("Nullable").Types(jen.Id("T")), jen.Id("r").Op("*").Id("jsonReader"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("isNull").Call()).Block(
			jen.Op("*").Id("p").Op("=").Id("Nullable").Types(jen.Id("T")).Values(jen.Dict{jen.Id("Set"): jen.True(), jen.Id("Null"): jen.True()}),
			jen.Return(jen.Nil()),
		),
		jen.Op("*").Id("p").Op("=").Id("Nullable").Types(jen.Id("T")).Values(jen.Dict{jen.Id("Set"): jen.True()}),
		jen.Return(jen.Id("f").Call(jen.Op("&").Id("p").Dot("Value"), jen.Id("r"))),
	)
	f.Line()
	f.Comment("readSlice reads an array (not null) into a new slice, never nil, each item")
	f.Comment("decoded in place with f.")
	noInline(f)
	f.Func().Id("readSlice").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Index().Id("T"), jen.Id("r").Op("*").Id("jsonReader"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("isNull").Call()).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must not be null")})),
		),
		jen.Var().Id("s").Index().Id("T"),
		jen.Var().Id("zero").Id("T"),
		jen.Err().Op(":=").Id("r").Dot("array").Call(jen.Func().Params(jen.Id("i").Int()).Error().Block(
			jen.If(jen.Id("s").Op("==").Nil()).Block(
				jen.Comment("Room for 4 items at first, as encoding/json makes."),
				jen.Id("s").Op("=").Make(jen.Index().Id("T"), jen.Lit(0), jen.Lit(4)),
			),
			jen.Id("s").Op("=").Append(jen.Id("s"), jen.Id("zero")),
			jen.Return(jen.Id("f").Call(jen.Op("&").Id("s").Index(jen.Id("i")), jen.Id("r"))),
		)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.If(jen.Id("s").Op("==").Nil()).Block(
			jen.Id("s").Op("=").Make(jen.Index().Id("T"), jen.Lit(0)),
		),
		jen.Op("*").Id("p").Op("=").Id("s"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readMap reads an object (not null) into a new map, each value decoded with f.")
	noInline(f)
	f.Func().Id("readMap").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Map(jen.String()).Id("T"), jen.Id("r").Op("*").Id("jsonReader"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.If(jen.Id("r").Dot("isNull").Call()).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("must not be null")})),
		),
		jen.Id("m").Op(":=").Make(jen.Map(jen.String()).Id("T")),
		jen.Comment("One variable for every value, so decoding costs one allocation when f"),
		jen.Comment("makes it escape, not one per member."),
		jen.Var().List(jen.Id("v"), jen.Id("zero")).Id("T"),
		jen.Err().Op(":=").Id("r").Dot("object").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Error().Block(
			jen.Id("v").Op("=").Id("zero"),
			jen.If(jen.Err().Op(":=").Id("f").Call(jen.Op("&").Id("v"), jen.Id("r")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Id("m").Index(jen.String().Call(jen.Id("key"))).Op("=").Id("v"),
			jen.Return(jen.Nil()),
		)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Op("*").Id("p").Op("=").Id("m"),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("readJSON reads a value of a type that decodes itself (a union) with")
	f.Comment("encoding/json, keeping the JSON pointers of its validation errors.")
	noInline(f)
	f.Func().Id("readJSON").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.List(jen.Id("raw"), jen.Err()).Op(":=").Id("r").Dot("skip").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Id("p")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("decodeError").Call(jen.Lit(""), jen.Err())),
		),
		jen.Return(jen.Nil()),
	)
	f.Line()
	f.Comment("jsonReaders keeps readers, with their scratch buffers, from one document")
	f.Comment("to the next, so a decode allocates no reader.")
	f.Var().Id("jsonReaders").Op("=").Qual("sync", "Pool").Values(jen.Dict{jen.Id("New"): jen.Func().Params().Any().Block(
		jen.Return(jen.New(jen.Id("jsonReader"))),
	)})
	f.Line()
	f.Comment("jsonReadMaxPooled is the largest scratch buffer kept in jsonReaders: one")
	f.Comment("huge key or string does not pin its memory.")
	f.Const().Id("jsonReadMaxPooled").Op("=").Lit(64).Op("<<").Lit(10)
	f.Line()
	f.Comment("jsonReadShareMax is the largest document whose strings share one copy of its")
	f.Comment("text (see jsonReader.src): a string kept from a bigger one does not pin more.")
	f.Const().Id("jsonReadShareMax").Op("=").Lit(1).Op("<<").Lit(20)
	f.Line()
	f.Comment("decodeJSONValue decodes the document data into p with f, and checks that")
	f.Comment("nothing but whitespace follows. A document that is not JSON reports")
	f.Comment("encoding/json's *json.SyntaxError, even when f met a type error first.")
	f.Func().Id("decodeJSONValue").Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("p").Op("*").Id("T"), jen.Id("f").Func().Params(jen.Op("*").Id("T"), jen.Op("*").Id("jsonReader")).Error()).Error().Block(
		jen.Id("r").Op(":=").Id("jsonReaders").Dot("Get").Call().Assert(jen.Op("*").Id("jsonReader")),
		jen.Op("*").Id("r").Op("=").Id("jsonReader").Values(jen.Dict{jen.Id("data"): jen.Id("data"), jen.Id("buf"): jen.Id("r").Dot("buf").Index(jen.Empty(), jen.Lit(0))}),
		jen.If(jen.Len(jen.Id("data")).Op("<=").Id("jsonReadShareMax")).Block(
			jen.Id("r").Dot("src").Op("=").String().Call(jen.Id("data")),
		),
		jen.Err().Op(":=").Id("f").Call(jen.Id("p"), jen.Id("r")),
		jen.If(jen.Err().Op("==").Nil()).Block(
			jen.Err().Op("=").Id("r").Dot("end").Call(),
		),
		jen.If(jen.Cap(jen.Id("r").Dot("buf")).Op("<=").Id("jsonReadMaxPooled")).Block(
			jen.Op("*").Id("r").Op("=").Id("jsonReader").Values(jen.Dict{jen.Id("buf"): jen.Id("r").Dot("buf").Index(jen.Empty(), jen.Lit(0))}),
			jen.Id("jsonReaders").Dot("Put").Call(jen.Id("r")),
		),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.If(jen.Id("jerr").Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.New(jen.Qual("encoding/json", "RawMessage"))), jen.Id("jerr").Op("!=").Nil()).Block(
				jen.Return(jen.Id("jerr")),
			),
			jen.Return(jen.Err()),
		),
		jen.Return(jen.Nil()),
	)
	f.Line()
}

// emitScalarReader writes a generic reader that reads one value with the
// jsonReader method and stores it converted to T: readString, readBool.
func emitScalarReader(f *jen.File, name, doc string, constraint *jen.Statement, method string) {
	f.Comment(name + " " + doc)
	noInline(f)
	f.Func().Id(name).Types(jen.Id("T").Add(constraint)).Params(jen.Id("p").Op("*").Id("T"), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("r").Dot(method).Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err()),
		),
		jen.Op("*").Id("p").Op("=").Id("T").Call(jen.Id("x")),
		jen.Return(jen.Nil()),
	)
	f.Line()
}
