package golang

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator/golang/runtime"
)

// The generated JSON codec: every object type gets a decodeJSON method that
// reads it from a jsonReader in one pass (no map of raw properties, no
// reflection, errors carrying their JSON pointer) and an encodeJSON method
// that appends it to a jsonWriter. Other values are read and written by the
// runtime's generic functions (readString, readSlice, writeMap …), which all
// share one shape, func(*T, *jsonReader) error and func(*T, *jsonWriter), so
// a method expression such as (*Pet).decodeJSON or a func literal for a
// nested array plugs into them the same way. The functions below pick the
// reader and writer of a contract type; they mirror typeExpr, which picks its
// Go type, case for case.

// emitJSON writes json.gen.go: the decodeJSON, encodeJSON, UnmarshalJSON
// and MarshalJSON methods of every object type. The reader and writer they
// run on are runtime (runtime/jsonreader.go, runtime/jsonwriter.go,
// runtime/codec.go). A file of its own keeps types.gen.go about the types,
// and lets the two render side by side.
func (g *gen) emitJSON(f *jen.File) error {
	for _, t := range g.m.Types {
		switch t.Kind {
		case contract.KindObject:
			fields := g.structFields(t)
			extra := g.extraType(t)
			g.emitStructDecode(f, t, fields, extra)
			g.emitStructEncode(f, t, fields, extra)
		case contract.KindUnion:
			g.emitUnionEncode(f, t)
			if t.Union.Discriminator != "" {
				g.emitUnionDecode(f, t)
			} else {
				g.emitUnionTrialDecode(f, t)
			}
		}
		g.unitEmitted(f)
	}
	// The union trial decoders validate variants, which may use patterns
	// and shared checks of their own.
	g.flushChecks(f)
	g.flushPatterns(f)
	if g.countAttempts {
		f.Comment("unionAttempts counts the variants tried by union decoders (an instrumented")
		f.Comment("build for tests).")
		f.Var().Id("unionAttempts").Int()
	}
	return nil
}

// codecKind says how a contract type is read and written.
type codecKind int

const (
	codecStruct codecKind = iota // a generated object: its own methods
	codecUnion                   // a generated union: its own decodeJSON and encodeJSON
	codecJSON                    // its own UnmarshalJSON/MarshalJSON (recursive aliases)
	codecBool
	codecInt
	codecFloat32
	codecFloat64
	codecString
	codecTime
	codecBytes
	codecArray
	codecMap
	codecAny
	codecUint    // uint32 and uint64 (intRepOf)
	codecDecimal // integers beyond 64 bits, as their digits
)

// codecOf classifies t as typeExpr renders it.
func (g *gen) codecOf(t *contract.Type) codecKind {
	if t == nil {
		return codecAny
	}
	if g.typeNames[t] != "" {
		switch {
		case t.Kind == contract.KindObject:
			return codecStruct
		case t.Kind == contract.KindUnion:
			return codecUnion
		case g.cyclic[t]:
			return codecJSON
		}
	}
	kind, format := t.Kind, t.Format
	if kind == contract.KindEnum {
		kind, format = t.Base, ""
	}
	switch kind {
	case contract.KindBool:
		return codecBool
	case contract.KindInt:
		switch intRepOf(t) {
		case repUint32, repUint64:
			return codecUint
		case repDecimal:
			return codecDecimal
		}
		return codecInt
	case contract.KindNumber:
		if format == "float" {
			return codecFloat32
		}
		return codecFloat64
	case contract.KindString:
		switch format {
		case "date-time":
			return codecTime
		case "byte":
			return codecBytes
		}
		return codecString
	case contract.KindArray:
		return codecArray
	case contract.KindMap:
		return codecMap
	}
	return codecAny
}

// readsNull reports readers that take null as a value of their own (the
// free-form tree, types decoding themselves through encoding/json, and
// nullable unions); every other reader rejects it with "must not be null".
func (g *gen) readsNull(t *contract.Type) bool {
	switch g.codecOf(t) {
	case codecAny, codecJSON:
		return true
	case codecUnion:
		return t.Nullable
	}
	return false
}

// mayBeNull reports values of t for which null is allowed although t is held
// by value: nullable types Go can hold as nil, and enums listing null.
func mayBeNull(t *contract.Type, nullable bool) bool {
	return nullable || admitsNull(t)
}

var readerFuncs = map[codecKind]string{
	codecBool: "readBool", codecInt: "readInt", codecFloat32: "readFloat", codecFloat64: "readFloat",
	codecString: "readString", codecTime: "readTime", codecBytes: "readBytes", codecAny: "readAny",
	codecUint: "readUint", codecDecimal: "readDecimal",
}

var writerFuncs = map[codecKind]string{
	codecBool: "writeBool", codecInt: "writeInt", codecFloat32: "writeFloat32", codecFloat64: "writeFloat64",
	codecString: "writeString", codecTime: "writeTime", codecBytes: "writeBytes", codecAny: "writeAny",
	codecUint: "writeUint", codecDecimal: "writeDecimal",
}

// readerFn is a func(*T, *jsonReader) error value reading a value of t held
// as typeExpr(t).
func (g *gen) readerFn(t *contract.Type) jen.Code {
	switch c := g.codecOf(t); c {
	case codecStruct:
		return jen.Parens(jen.Op("*").Id(g.typeNames[t])).Dot("decodeJSON")
	case codecUnion:
		return jen.Parens(jen.Op("*").Id(g.typeNames[t])).Dot("decodeJSON")
	case codecJSON:
		return jen.Id("readJSON").Types(jen.Id(g.typeNames[t]))
	case codecArray, codecMap:
		return jen.Func().Params(jen.Id("p").Op("*").Add(g.typeExpr(t)), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
			jen.Return(g.readInto(t, jen.Id("p"), jen.Id("p"))),
		)
	default:
		return jen.Id(readerFuncs[c])
	}
}

// readInto is the call reading a value of t into the variable val, whose
// address is ptr: a method call for objects, a generic reader otherwise.
func (g *gen) readInto(t *contract.Type, val, ptr *jen.Statement) *jen.Statement {
	switch g.codecOf(t) {
	case codecStruct:
		return val.Clone().Dot("decodeJSON").Call(jen.Id("r"))
	case codecArray:
		return jen.Id("readSlice").Call(g.genericPtr(t, ptr), jen.Id("r"), g.elemReaderFn(t.Elem))
	case codecMap:
		return jen.Id("readMap").Call(g.genericPtr(t, ptr), jen.Id("r"), g.elemReaderFn(t.Elem))
	}
	return jen.Add(g.readerFn(t)).Call(ptr.Clone(), jen.Id("r"))
}

// genericPtr is ptr as the generic slice and map readers and writers take
// it: an enum of arrays or objects is a defined type (type E map[string]any),
// whose address Go cannot unify with *map[string]T, so it is converted to
// a pointer to its underlying type.
func (g *gen) genericPtr(t *contract.Type, ptr *jen.Statement) *jen.Statement {
	if t.Kind != contract.KindEnum {
		return ptr.Clone()
	}
	return jen.Parens(jen.Op("*").Add(g.underlyingExpr(&contract.Type{Kind: t.Base}))).Call(ptr.Clone())
}

// elemReaderFn reads an array item or map value held as elemExpr(t).
func (g *gen) elemReaderFn(t *contract.Type) jen.Code {
	if t == nil {
		return jen.Id("readAny")
	}
	switch {
	case t.Nullable && !nilable(g, t):
		return jen.Func().Params(jen.Id("p").Op("**").Add(g.typeExpr(t)), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
			jen.Return(jen.Id("readNullPtr").Call(jen.Id("p"), jen.Id("r"), g.readerFn(t))),
		)
	case mayBeNull(t, false) && !g.readsNull(t):
		return jen.Func().Params(jen.Id("p").Op("*").Add(g.typeExpr(t)), jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
			jen.Return(jen.Id("readNullOr").Call(jen.Id("p"), jen.Id("r"), g.readerFn(t))),
		)
	}
	return g.readerFn(t)
}

// writerFn is a func(*T, *jsonWriter) value writing a value of t held as
// typeExpr(t).
func (g *gen) writerFn(t *contract.Type) jen.Code {
	switch c := g.codecOf(t); c {
	case codecStruct, codecUnion:
		return jen.Parens(jen.Op("*").Id(g.typeNames[t])).Dot("encodeJSON")
	case codecJSON:
		return jen.Id("writeJSON").Types(jen.Id(g.typeNames[t]))
	case codecArray, codecMap:
		return jen.Func().Params(jen.Id("p").Op("*").Add(g.typeExpr(t)), jen.Id("w").Op("*").Id("jsonWriter")).Block(
			g.writeFrom(t, jen.Id("p"), jen.Id("p")),
		)
	default:
		return jen.Id(writerFuncs[c])
	}
}

// writeFrom is the call writing the value of t in the variable val, whose
// address is ptr. A nil slice is null only where t is nullable: elsewhere
// null is not a value of the array, so it is written [] (writeList).
func (g *gen) writeFrom(t *contract.Type, val, ptr *jen.Statement) *jen.Statement {
	return g.writeFromNullable(t, val, ptr, t.Nullable)
}

// writeFromNullable is writeFrom for a value that may be null when nullable
// says so (a field's own nullability).
func (g *gen) writeFromNullable(t *contract.Type, val, ptr *jen.Statement, nullable bool) *jen.Statement {
	switch g.codecOf(t) {
	case codecStruct, codecUnion:
		return val.Clone().Dot("encodeJSON").Call(jen.Id("w"))
	case codecArray:
		fn := "writeList"
		if nullable {
			fn = "writeSlice"
		}
		return jen.Id(fn).Call(g.genericPtr(t, ptr), jen.Id("w"), g.elemWriterFn(t.Elem))
	case codecMap:
		return jen.Id("writeMap").Call(g.genericPtr(t, ptr), jen.Id("w"), g.elemWriterFn(t.Elem))
	}
	return jen.Add(g.writerFn(t)).Call(ptr.Clone(), jen.Id("w"))
}

// elemWriterFn writes an array item or map value held as elemExpr(t).
func (g *gen) elemWriterFn(t *contract.Type) jen.Code {
	if t == nil {
		return jen.Id("writeAny")
	}
	if t.Nullable && !nilable(g, t) {
		return jen.Func().Params(jen.Id("p").Op("**").Add(g.typeExpr(t)), jen.Id("w").Op("*").Id("jsonWriter")).Block(
			jen.Id("writePtr").Call(jen.Id("p"), jen.Id("w"), g.writerFn(t)),
		)
	}
	return g.writerFn(t)
}

// plainString reports a property held as a Go string and read and written
// by readString and writeString: decodeJSON and encodeJSON handle those of
// an object through tables.
func (g *gen) plainString(t *contract.Type) bool {
	return g.codecOf(t) != codecStruct && g.isGoString(t)
}

// jsonKey is the encoded member name `"name":` exactly as encoding/json
// writes it (HTML-safe escaping included), for jsonWriter.field.
func jsonKey(name string) string {
	b, _ := json.Marshal(name) // a string always marshals
	return string(b) + ":"
}

// emitStructDecode writes decodeJSON, which reads the object in one pass:
// each known property into its field (null only where the contract allows
// it), unknown ones kept, rejected or skipped as additionalProperties says,
// then every required property checked for presence; and UnmarshalJSON,
// which makes the type usable with encoding/json.
func (g *gen) emitStructDecode(f *jen.File, t *contract.Type, fields []fieldInfo, extra *jen.Statement) {
	name := g.typeNames[t]
	var cases, required []jen.Code
	reads := make([]jen.Code, len(fields)) // each property's read, in field order
	plain := make([]bool, len(fields))     // which are a string read by readString
	for i, fi := range fields {
		val := jen.Id("v").Dot(fi.goName)
		ptr := jen.Op("&").Id("v").Dot(fi.goName)
		var read jen.Code
		switch fi.shape {
		case shapePointer:
			fn := "readPtr"
			if mayBeNull(fi.f.Type, fi.f.Nullable) {
				fn = "readNullPtr"
			}
			read = jen.Id(fn).Call(ptr, jen.Id("r"), g.readerFn(fi.f.Type))
		case shapeNullable:
			read = jen.Id("readNullable").Call(ptr, jen.Id("r"), g.readerFn(fi.f.Type))
		default:
			if mayBeNull(fi.f.Type, fi.f.Nullable) && !g.readsNull(fi.f.Type) {
				read = jen.Id("readNullOr").Call(ptr, jen.Id("r"), g.readerFn(fi.f.Type))
			} else {
				read = g.readInto(fi.f.Type, val, ptr)
				plain[i] = g.plainString(fi.f.Type)
			}
		}
		reads[i] = jen.Id("m").Dot("err").Op("=").Add(read)
		body := []jen.Code{reads[i]}
		if mustBePresent(fi.f) {
			body = append([]jen.Code{jen.Id("seen").Index(jen.Lit(len(required))).Op("=").True()}, body...)
			required = append(required, jen.Lit(fi.f.Name))
		}
		cases = append(cases, jen.Case(jen.Lit(fi.f.Name)).Block(body...))
	}
	// Members are read in a loop over jsonMembers rather than by r.object
	// with a closure: one function per type instead of two, and no
	// captured variables.
	var other jen.Code
	switch {
	case t.Additional == contract.AdditionalFalse:
		other = jen.Id("unknownProperty").Call()
	case extra != nil:
		other = jen.Id("readExtra").Call(jen.Op("&").Id("v").Dot("AdditionalProperties"), jen.Id("m").Dot("key"), jen.Id("r"), g.extraReaderFn(t))
	default:
		other = jen.Id("r").Dot("skipValue").Call()
	}
	other = jen.Id("m").Dot("err").Op("=").Add(other)
	member := other
	if len(cases) > 0 {
		member = jen.Switch(jen.String().Call(jen.Id("m").Dot("key"))).Block(append(cases, jen.Default().Add(other))...)
	}
	body := []jen.Code{jen.Op("*").Id("v").Op("=").Id(name).Values()}
	if keys := g.extras[t].keys; keys != "" {
		body = append(body, g.keyedDecode(f, t, keys, fields, reads, plain, other)...)
	} else if len(required) > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit(len(required))).Bool())
	}
	if g.extras[t].keys == "" {
		body = append(body,
			jen.Var().Id("m").Id("jsonMembers"),
			jen.For(jen.Id("m").Dot("next").Call(jen.Id("r"))).Block(member),
		)
	}
	switch {
	case g.extras[t].keys != "":
	case len(required) == 0:
		body = append(body, jen.Return(jen.Id("m").Dot("err")))
	default:
		// One table of the required names and one loop over seen, not an
		// if per property: a check per required property was most of the
		// code of decodeJSON (epa.gov_dfr has types of 50 to 100 required
		// strings) and so of what the compiler spends on it.
		table := g.extras[t].required
		body = append(body,
			jen.If(jen.Id("m").Dot("err").Op("!=").Nil()).Block(jen.Return(jen.Id("m").Dot("err"))),
			jen.Return(jen.Id("checkRequired").Call(jen.Id("seen").Index(jen.Empty(), jen.Empty()), jen.Id(table))),
		)
		f.Comment(table + " names the required properties of " + name + " in the order of decodeJSON's seen.")
		f.Var().Id(table).Op("=").Index().String().ValuesFunc(func(gr *jen.Group) {
			for _, r := range required {
				gr.Line().Add(r)
			}
			gr.Line()
		})
		f.Line()
	}
	f.Comment("decodeJSON reads " + name + " from r in one pass, naming the JSON pointer of what fails.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decodeJSON").Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(body...)
	f.Line()
	f.Comment("UnmarshalJSON decodes " + name + ", checking required properties and naming the JSON pointer of what fails.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("decodeJSONWith").Call(jen.Id("data"), jen.Id("v"))),
	)
	f.Line()
}

// keySwitchMax is the most properties decodeJSON matches with a switch on
// the key; an object with more looks the key up in a sorted table and
// switches on its index. Go compiles a string switch into a binary search
// of inline string comparisons, the largest part of what the compiler
// spends on decodeJSON: on epa.gov_dfr (26 objects of 17 to 100
// properties) the table cut the package's compile memory by 70 MB of 440.
// Finding the key costs the same binary search at run time; small objects
// keep the switch, which reads better and needs no table.
const keySwitchMax = 8

// keyedDecode writes the table keys of t's property names, sorted, and
// the table of its required properties' indexes in keys, and returns
// decodeJSON's statements after the zeroing of v: each member's key is
// looked up in keys, its index marks seen, a string property is read
// through a table of its fields' addresses at their index (epa.gov_dfr's
// large objects are mostly strings: a case per property was most of their
// code), any other is read by its case of a switch on the index (reads, in
// the order of fields), an unknown one by other; then the required
// properties are checked in the order of fields.
func (g *gen) keyedDecode(f *jen.File, t *contract.Type, keys string, fields []fieldInfo, reads []jen.Code, plain []bool, other jen.Code) []jen.Code {
	name := g.typeNames[t]
	order := make([]int, len(fields))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return runtime.KeyOrder(fields[a].f.Name, fields[b].f.Name) })
	at := make([]int, len(fields)) // each field's index in keys
	for i, fi := range order {
		at[fi] = i
	}
	f.Comment(keys + " lists the properties of " + name + " shortest first, for decodeJSON's memberIndex.")
	f.Var().Id(keys).Op("=").Index().String().ValuesFunc(func(gr *jen.Group) {
		for _, fi := range order {
			gr.Line().Lit(fields[fi].f.Name)
		}
		gr.Line()
	})
	f.Line()
	var strs, cases, required []jen.Code
	for _, fi := range order {
		if plain[fi] {
			strs = append(strs, jen.Line().Lit(at[fi]).Op(":").Op("&").Id("v").Dot(fields[fi].goName))
		} else {
			cases = append(cases, jen.Case(jen.Lit(at[fi])).Block(jen.Comment(strconv.Quote(fields[fi].f.Name)), reads[fi]))
		}
	}
	for i, fi := range fields {
		if mustBePresent(fi.f) {
			required = append(required, jen.Line().Lit(at[i]))
		}
	}
	n := jen.Lit(len(fields))
	var body, loop []jen.Code
	loop = append(loop,
		jen.Id("i").Op(":=").Id("memberIndex").Call(jen.Id("m").Dot("key"), jen.Id(keys)),
		jen.If(jen.Id("i").Op("<").Lit(0)).Block(other, jen.Continue()),
	)
	if len(required) > 0 {
		body = append(body, jen.Var().Id("seen").Index(n).Bool())
		loop = append(loop, jen.Id("seen").Index(jen.Id("i")).Op("=").True())
	}
	if len(strs) > 0 {
		body = append(body, jen.Id("strs").Op(":=").Index(n).Op("*").String().Values(append(strs, jen.Line())...))
		read := jen.Id("m").Dot("err").Op("=").Id("readString").Call(jen.Id("strs").Index(jen.Id("i")), jen.Id("r"))
		if len(cases) == 0 {
			loop = append(loop, read)
		} else {
			loop = append(loop, jen.If(jen.Id("strs").Index(jen.Id("i")).Op("!=").Nil()).Block(read, jen.Continue()))
		}
	}
	if len(cases) > 0 {
		loop = append(loop, jen.Switch(jen.Id("i")).Block(cases...))
	}
	body = append(body,
		jen.Var().Id("m").Id("jsonMembers"),
		jen.For(jen.Id("m").Dot("next").Call(jen.Id("r"))).Block(loop...),
	)
	if len(required) == 0 {
		return append(body, jen.Return(jen.Id("m").Dot("err")))
	}
	table := g.extras[t].required
	f.Comment(table + " lists the indexes in " + keys + " of the required properties of " + name + ", in the order decodeJSON checks them.")
	f.Var().Id(table).Op("=").Index().Int().Values(append(required, jen.Line())...)
	f.Line()
	return append(body,
		jen.If(jen.Id("m").Dot("err").Op("!=").Nil()).Block(jen.Return(jen.Id("m").Dot("err"))),
		jen.Return(jen.Id("checkRequiredAt").Call(jen.Id("seen").Index(jen.Empty(), jen.Empty()), jen.Id(table), jen.Id(keys))),
	)
}

// extraReaderFn and extraWriterFn read and write one additional property
// value, held as extraType(t).
func (g *gen) extraReaderFn(t *contract.Type) jen.Code {
	if t.Additional == contract.AdditionalTyped {
		return g.elemReaderFn(t.AdditionalType)
	}
	return jen.Id("readAny")
}

func (g *gen) extraWriterFn(t *contract.Type) jen.Code {
	if t.Additional == contract.AdditionalTyped {
		return g.elemWriterFn(t.AdditionalType)
	}
	return jen.Id("writeAny")
}

// emitStructEncode writes encodeJSON, which writes the properties in
// contract order with the presence rules of the field tags (optional values
// left out when absent, Nullable ones when unset), then the additional
// properties sorted by name; and MarshalJSON for encoding/json.
func (g *gen) emitStructEncode(f *jen.File, t *contract.Type, fields []fieldInfo, extra *jen.Statement) {
	name := g.typeNames[t]
	var body []jen.Code
	// Until an optional member has had its chance to be written, whether a
	// comma goes before the next one is known here, so the braces, commas
	// and keys around required members are gathered into literal text
	// written by one raw call; after an optional member, w.field decides.
	text, comma := "{", commaNever
	// A run of required string members, whose commas are known, is one
	// writeStrings call: its text, with a NUL byte where each value goes,
	// and its fields' addresses (run). epa.gov_dfr's objects hold 1,800
	// such members, two calls each otherwise.
	var run []jen.Code
	var runText string
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			prefix, _, _ := strings.Cut(runText, "\x00")
			body = append(body, jen.Id("w").Dot("raw").Call(jen.Lit(prefix)), jen.Id("writeString").Call(run[0], jen.Id("w")))
		default:
			args := []jen.Code{jen.Id("w"), jen.Lit(runText + text)}
			for _, p := range run {
				args = append(args, jen.Line().Add(p))
			}
			body = append(body, jen.Id("writeStrings").Call(append(args, jen.Line())...))
			text = ""
		}
		run, runText = nil, ""
		if text != "" {
			body = append(body, jen.Id("w").Dot("raw").Call(jen.Lit(text)))
			text = ""
		}
	}
	// known adds key to text with its comma when whether one goes first is
	// known, and reports whether it was.
	known := func(key string) bool {
		switch comma {
		case commaNever:
			text += key
		case commaAlways:
			text += "," + key
		default:
			return false
		}
		return true
	}
	always := func(key string, write jen.Code) {
		if !known(key) {
			flush()
			body = append(body, jen.Id("w").Dot("field").Call(jen.Lit(key)))
		}
		flush()
		body = append(body, write)
		comma = commaAlways
	}
	maybe := func(write jen.Code) {
		flush()
		body = append(body, write)
		if comma == commaNever {
			comma = commaMaybe
		}
	}
	str := func(key string, ptr *jen.Statement) {
		if !known(key) {
			always(key, jen.Id("writeString").Call(ptr, jen.Id("w")))
			return
		}
		runText += text + "\x00"
		text = ""
		run = append(run, ptr)
		comma = commaAlways
	}
	for _, fi := range fields {
		key := jsonKey(fi.f.Name)
		field := jen.Id("w").Dot("field").Call(jen.Lit(key))
		val := jen.Id("v").Dot(fi.goName)
		ptr := jen.Op("&").Id("v").Dot(fi.goName)
		// Optional members are one call each (writeOpt…), which keeps
		// packages of thousands of types small; required ones are written
		// in line.
		switch fi.shape {
		case shapePointer:
			if !fi.f.Required || !fi.f.Nullable && !mustBePresent(fi.f) {
				maybe(jen.Id("writeOpt").Call(jen.Id("w"), jen.Lit(key), val.Clone().Op("!=").Nil(), val, g.writerFn(fi.f.Type)))
			} else {
				always(key, jen.Id("writePtr").Call(ptr, jen.Id("w"), g.writerFn(fi.f.Type)))
			}
		case shapeNullable:
			maybe(jen.Id("writeOptNullable").Call(jen.Id("w"), jen.Lit(key), ptr, g.writerFn(fi.f.Type)))
		default:
			write := g.writeFromNullable(fi.f.Type, val, ptr, fi.f.Nullable || fi.f.Type.Nullable)
			switch {
			case fi.f.Required && g.plainString(fi.f.Type) && !fi.f.Nullable && !fi.f.Type.Nullable:
				str(key, ptr)
			case fi.f.Required:
				always(key, write)
			case g.codecOf(fi.f.Type) == codecAny || g.codecOf(fi.f.Type) == codecJSON || g.codecOf(fi.f.Type) == codecUnion:
				maybe(jen.If(val.Clone().Op("!=").Nil()).Block(field, write))
			case g.codecOf(fi.f.Type) == codecArray:
				maybe(jen.Id("writeOptSlice").Call(jen.Id("w"), jen.Lit(key), ptr, g.elemWriterFn(fi.f.Type.Elem)))
			default:
				maybe(jen.If(jen.Len(val.Clone()).Op("!=").Lit(0)).Block(field, write))
			}
		}
	}
	if extra != nil {
		args := []jen.Code{jen.Id("w"), jen.Id("v").Dot("AdditionalProperties"), g.extraWriterFn(t)}
		for _, fi := range fields {
			args = append(args, jen.Lit(fi.f.Name))
		}
		maybe(jen.Id("writeExtras").Call(args...))
	}
	text += "}"
	flush()
	f.Comment("encodeJSON writes " + name + " to w.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("encodeJSON").Params(jen.Id("w").Op("*").Id("jsonWriter")).Block(body...)
	f.Line()
	f.Comment("MarshalJSON encodes " + name + ".")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("encodeJSONWith").Call(jen.Op("&").Id("v"))),
	)
	f.Line()
}

// emitUnionEncode writes encodeJSON for a union: the variant that is set, or
// null when none is; an empty discriminator property of an object variant is
// filled with the variant's discriminator value. MarshalJSON wraps it.
func (g *gen) emitUnionEncode(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	var cases []jen.Code
	for _, vi := range g.unionVariants(t) {
		val := jen.Id("v").Dot(vi.goName)
		if fill := g.discriminatorFill(t, vi); fill != nil {
			cases = append(cases, jen.Case(val.Clone().Op("!=").Nil()).Block(
				jen.Id("x").Op(":=").Op("*").Add(val.Clone()),
				fill,
				g.writeFrom(vi.v.Type, jen.Id("x"), jen.Op("&").Id("x")),
			))
			continue
		}
		cases = append(cases, jen.Case(val.Clone().Op("!=").Nil()).Block(g.writeFrom(vi.v.Type, val, val)))
	}
	cases = append(cases, jen.Default().Block(jen.Id("w").Dot("null").Call()))
	f.Comment("encodeJSON writes the variant of " + name + " that is set, or null when none is.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("encodeJSON").Params(jen.Id("w").Op("*").Id("jsonWriter")).Block(
		jen.Switch().Block(cases...),
	)
	f.Line()
	f.Comment("MarshalJSON encodes " + name + ".")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("encodeJSONWith").Call(jen.Op("&").Id("v"))),
	)
	f.Line()
}

// emitUnionDecode writes decodeJSON for a union with a discriminator: the
// discriminator's value is read first from the object, then the whole object
// is decoded as the variant it names, in one more pass over its bytes and
// without a map of raw properties. Errors read as the trial decoder's did.
func (g *gen) emitUnionDecode(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	ptr := "/" + contract.EscapePointerToken(t.Union.Discriminator)
	body := []jen.Code{jen.Op("*").Id("v").Op("=").Id(name).Values()}
	if t.Nullable {
		body = append(body, jen.If(jen.Id("r").Dot("isNull").Call()).Block(jen.Return(jen.Nil())))
	}
	body = append(body,
		jen.List(jen.Id("tag"), jen.Id("sub"), jen.Id("found"), jen.Err()).Op(":=").Id("r").Dot("discriminator").Call(jen.Lit(t.Union.Discriminator)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Op("!").Id("found")).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("is required and must be a string")})),
		),
	)
	var cases []jen.Code
	var names []string
	for _, vi := range g.unionVariants(t) {
		if len(vi.v.Values) == 0 {
			continue
		}
		var lits []jen.Code
		for _, val := range vi.v.Values {
			lits = append(lits, jen.Lit(val))
			names = append(names, fmt.Sprintf("%q", val))
		}
		cases = append(cases, jen.Case(lits...).Block(
			jen.Return(jen.Id("readPtr").Call(jen.Op("&").Id("v").Dot(vi.goName), jen.Op("&").Id("sub"), g.readerFn(vi.v.Type))),
		))
	}
	body = append(body,
		jen.Switch(jen.Id("tag")).Block(cases...),
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("must be one of " + strings.Join(names, ", "))})),
	)
	f.Comment("decodeJSON reads " + name + ": the variant its " + strconv.Quote(t.Union.Discriminator) + " property names.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decodeJSON").Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(body...)
	f.Line()
	f.Comment("UnmarshalJSON decodes the variant the data's discriminator names.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("decodeJSONWith").Call(jen.Id("data"), jen.Id("v"))),
	)
	f.Line()
}

// emitUnionTrialDecode writes decodeJSON and UnmarshalJSON for a union
// without a discriminator. Each variant reads the value from its own copy of
// the reader, through the generated readers; a variant matches when it reads
// and validates. anyOf takes the first match. oneOf must have exactly one,
// except that among several object matches the one declaring every property
// the data has is the one meant.
//
// Trying every variant at every level would read a recursive union's subtree
// once per variant per level, exponential in its depth (a 406-byte body took
// 2.6 s). So decodeJSON goes through decodeUnionOnce, which remembers the
// result per offset and type for the document: a nested union reached again
// by the next variant is not decoded again, and the work stays linear in the
// size of the document. The value is not skipped first either: the matching
// variant's reader says where it ends.
func (g *gen) emitUnionTrialDecode(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	vs := g.unionVariants(t)
	body := []jen.Code{jen.Op("*").Id("v").Op("=").Id(name).Values()}
	if t.Nullable {
		body = append(body, jen.If(jen.Id("r").Dot("isNull").Call()).Block(jen.Return(jen.Nil())))
	}
	// Each variant's check, built once. sub, end and top serve the
	// variants tried in line; anyOf's variants without checks are tried by
	// one runtime call each (see tryVariant).
	checks := make([]jen.Code, len(vs))
	byCall := make([]bool, len(vs))
	inline := t.Union.OneOf
	for i, vi := range vs {
		checks[i] = g.variantCheck(vi.v.Type)
		byCall[i] = !t.Union.OneOf && checks[i] == nil && g.triedByCall(vi.v.Type)
		inline = inline || !byCall[i]
	}
	if inline {
		body = append(body, jen.Id("sub").Op(":=").Op("*").Id("r"), jen.Id("end").Op(":=").Id("r").Dot("pos"))
	}
	tieBreak := false
	if t.Union.OneOf {
		body = append(body, jen.Id("n").Op(":=").Lit(0))
		for _, vi := range vs {
			tieBreak = tieBreak || closedKeys(vi.v.Type) != nil
		}
		if tieBreak {
			body = append(body,
				jen.Id("fit").Op(":=").Lit(0),
				jen.Var().Id("fits").Index(jen.Lit(len(vs))).Bool(),
			)
		}
	}
	for i, vi := range vs {
		vt := vi.v.Type
		if byCall[i] {
			// The variant is the value when it reads: one call.
			body = append(body, jen.If(jen.Id("tryVariant").Call(jen.Id(triedTop(inline)), jen.Op("&").Id("v").Dot(vi.goName), g.readerFn(vt))).Block(jen.Return(jen.Nil())))
			continue
		}
		// Each variant reads its own copy of the reader, named r so that
		// the readers generated for fields apply unchanged.
		var read jen.Code
		if mayBeNull(vt, false) && !g.readsNull(vt) {
			read = jen.Id("readNullOr").Call(jen.Op("&").Id("x"), jen.Id("r"), g.readerFn(vt))
		} else {
			read = g.readInto(vt, jen.Id("x"), jen.Op("&").Id("x"))
		}
		cond := jen.Add(read).Op("==").Nil()
		if checks[i] != nil {
			cond = cond.Op("&&").Add(checks[i]).Op("==").Nil()
		}
		then := []jen.Code{jen.Id("v").Dot(vi.goName).Op("=").Op("&").Id("x"), jen.Id("end").Op("=").Id("r").Dot("pos")}
		if t.Union.OneOf {
			then = append(then, jen.Id("n").Op("++"))
			if keys := closedKeys(vt); keys != nil {
				then = append(then, jen.If(jen.Id("sub").Dot("allKnown").Call(keys...)).Block(
					jen.Id("fits").Index(jen.Lit(i)).Op("=").True(),
					jen.Id("fit").Op("++"),
				))
			}
		} else {
			then = append(then, jen.Id("top").Dot("pos").Op("=").Id("end"), jen.Return(jen.Nil()))
		}
		block := []jen.Code{
			jen.Id("again").Op(":=").Id("sub"),
			jen.Id("r").Op(":=").Op("&").Id("again"),
		}
		if g.countAttempts {
			block = append(block, jen.Id("unionAttempts").Op("++"))
		}
		block = append(block,
			jen.Var().Id("x").Add(g.typeExpr(vt)),
			jen.If(cond).Block(then...),
		)
		body = append(body, jen.Block(block...))
	}
	if t.Union.OneOf {
		body = append(body,
			jen.Switch(jen.Id("n")).Block(
				jen.Case(jen.Lit(1)).Block(jen.Id("r").Dot("pos").Op("=").Id("end"), jen.Return(jen.Nil())),
				jen.Case(jen.Lit(0)).Block(jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
					jen.Id("Message"): jen.Lit("does not match any variant of oneOf"),
				}))),
			),
		)
		if tieBreak {
			unset := []jen.Code{jen.Id("r").Dot("pos").Op("=").Id("end")}
			for i, vi := range vs {
				unset = append(unset, jen.If(jen.Op("!").Id("fits").Index(jen.Lit(i))).Block(jen.Id("v").Dot(vi.goName).Op("=").Nil()))
			}
			body = append(body, jen.If(jen.Id("fit").Op("==").Lit(1)).Block(append(unset, jen.Return(jen.Nil()))...))
		}
		body = append(body,
			jen.Op("*").Id("v").Op("=").Id(name).Values(),
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
				jen.Id("Message"): jen.Lit("matches ").Op("+").Qual("strconv", "Itoa").Call(jen.Id("n")).Op("+").Lit(" variants of oneOf, want exactly one"),
			})),
		)
	} else {
		if inline {
			body = append([]jen.Code{jen.Id("top").Op(":=").Id("r")}, body...)
		}
		body = append(body, jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
			jen.Id("Message"): jen.Lit("does not match any variant of anyOf"),
		})))
	}
	f.Comment("decodeJSON reads " + name + " as the variant the value matches, once per offset")
	f.Comment("of the document (see decodeUnionOnce).")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decodeJSON").Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(
		jen.Return(jen.Id("decodeUnionOnce").Call(jen.Id("r"), jen.Lit(name), jen.Id("v"), jen.Parens(jen.Op("*").Id(name)).Dot("decodeVariants"))),
	)
	f.Line()
	f.Comment("decodeVariants tries each variant of " + name + " on the value at r.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("decodeVariants").Params(jen.Id("r").Op("*").Id("jsonReader")).Error().Block(body...)
	f.Line()
	f.Comment("UnmarshalJSON decodes the variant the data matches.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("decodeJSONWith").Call(jen.Id("data"), jen.Id("v"))),
	)
	f.Line()
}

// variantCheck is the expression checking variant type vt's value x once
// it has read, nil when the variant has no check. In line for an object so
// that its nested unions, validated as they were decoded, are not walked
// again (see trialValidated): a recursive union stays linear.
func (g *gen) variantCheck(vt *contract.Type) jen.Code {
	g.trialValidated = true
	defer func() { g.trialValidated = false }()
	if vt.Kind == contract.KindObject && g.defined(vt) {
		if check := g.structValidateBody(vt, g.structFields(vt)); len(check) > 1 {
			return jen.Func().Params(jen.Id("v").Add(g.typeExpr(vt))).Error().Block(check...).Call(jen.Id("x"))
		}
		return nil
	}
	if check := g.validateStmts(vt, jen.Id("x"), jen.Lit("")); len(check) > 0 {
		return jen.Func().Params().Error().Block(append(check, jen.Return(jen.Nil()))...).Call()
	}
	return nil
}

// triedByCall reports whether an anyOf variant of type vt without checks
// is tried by the runtime's tryVariant, its reader passed as a function:
// not when null needs reading around it (readNullOr), nor when the
// decoders count their attempts (a test's instrumentation). A variant in
// line copied the reader, read into a fresh value and moved the union's
// reader past it in about 300 bytes of machine code; ljaero.com_dflight's
// 25 number-or-integer unions were 5% of its package's.
func (g *gen) triedByCall(vt *contract.Type) bool {
	return !g.countAttempts && !(mayBeNull(vt, false) && !g.readsNull(vt))
}

// triedTop is the reader tryVariant moves past a matching variant: the
// union's own, named top when variants in line shadow r.
func triedTop(inline bool) string {
	if inline {
		return "top"
	}
	return "r"
}

// How a struct's encodeJSON knows, while it is generated, whether a comma
// goes before the next member.
const (
	commaNever  = iota // nothing written yet: no comma
	commaAlways        // a member is always written by now: a comma
	commaMaybe         // only optional members so far: w.field decides
)
