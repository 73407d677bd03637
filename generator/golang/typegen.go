package golang

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// typeExtras are the package-level names a type brings besides its own:
// the constants of an enum, the constructors of a union.
type typeExtras struct {
	enumConsts []string // one per t.Enum value, in order
	members    string   // the variable listing an enum's members
	ctors      []string // one per union variant, in order
	required   string   // the variable listing an object's required properties, for decodeJSON
	keys       string   // the variable listing an object's property names, sorted, when decodeJSON looks keys up in it
}

// nameTypes assigns a Go identifier to every named type of the model, in
// model order, then the names each type brings with it (enum constants,
// union constructors), so they are fixed before any file is emitted and
// do not depend on which targets are selected.
func (g *gen) nameTypes() {
	if g.extras == nil {
		g.extras = map[*contract.Type]*typeExtras{}
	}
	for _, t := range g.m.Types {
		g.typeNames[t] = g.pkg.unique(GoName(t.Name))
	}
	for _, t := range g.m.Types {
		if !hasMethods(t) && g.reaches(t, t, map[*contract.Type]bool{}) {
			g.cyclic[t] = true
		}
	}
	for _, t := range g.m.Types {
		name := g.typeNames[t]
		switch {
		case t.Kind == contract.KindEnum:
			x := &typeExtras{}
			for _, v := range enumMembers(t) {
				x.enumConsts = append(x.enumConsts, g.pkg.unique(name+enumSuffix(v)))
			}
			x.members = g.pkg.unique("members" + name)
			g.extras[t] = x
		case t.Kind == contract.KindUnion && t.Union != nil:
			x := &typeExtras{}
			for _, vi := range g.unionVariants(t) {
				x.ctors = append(x.ctors, g.pkg.unique("New"+name+"From"+vi.goName))
			}
			g.extras[t] = x
		case t.Kind == contract.KindObject:
			x := &typeExtras{}
			if slices.ContainsFunc(t.Fields, mustBePresent) {
				x.required = g.pkg.unique("required" + name)
			}
			if len(t.Fields) > keySwitchMax {
				x.keys = g.pkg.unique("keys" + name)
			}
			g.extras[t] = x
		}
	}
}

// enumSuffix is what an enum constant adds to its type's name: the value
// as an identifier ("red" → "Red", "2fa" → "2fa", 1.5 → "1_5", -1 →
// "Minus1"), "True"/"False", "Null" for null, "Empty" for "", and the
// code points of a value made only of symbols ("+" → "U002B").
func enumSuffix(v any) string {
	switch x := v.(type) {
	case nil:
		return "Null"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64, json.Number:
		s := fmt.Sprint(x)
		if f, ok := x.(float64); ok {
			s = strconv.FormatFloat(f, 'f', -1, 64)
		}
		if strings.HasPrefix(s, "-") {
			s = "Minus" + strings.TrimPrefix(s, "-")
		}
		return strings.ReplaceAll(s, ".", "_")
	case string:
		if x == "" {
			return "Empty"
		}
		n := GoName(x)
		if n == "Value" && !strings.EqualFold(x, "value") {
			var b strings.Builder
			for _, r := range x {
				fmt.Fprintf(&b, "U%04X", r)
			}
			return b.String()
		}
		if r, _ := utf8.DecodeRuneInString(x); unicode.IsDigit(r) && strings.HasPrefix(n, "N") {
			// The type name already starts the identifier.
			n = n[1:]
		}
		return n
	}
	return GoName(fmt.Sprint(v))
}

// hasMethods reports types emitted as defined types with JSON and Validate
// methods: objects, enums and unions. Other named types (primitives,
// arrays, maps) become aliases, so values convert freely, unless they
// refer to themselves (see gen.cyclic).
func hasMethods(t *contract.Type) bool {
	switch t.Kind {
	case contract.KindObject, contract.KindEnum, contract.KindUnion:
		return true
	}
	return false
}

// defined reports whether t is emitted as a defined type with a Validate
// method.
func (g *gen) defined(t *contract.Type) bool {
	return g.typeNames[t] != "" && (hasMethods(t) || g.cyclic[t])
}

// reaches reports whether from reaches target through element and value
// types without passing through a defined (struct) type: such a cycle
// cannot be a Go alias.
func (g *gen) reaches(from, target *contract.Type, seen map[*contract.Type]bool) bool {
	for _, next := range []*contract.Type{from.Elem, from.AdditionalType} {
		if next == nil || seen[next] {
			continue
		}
		if next == target {
			return true
		}
		seen[next] = true
		if !hasMethods(next) && g.reaches(next, target, seen) {
			return true
		}
	}
	return false
}

// typeName is the Go identifier of a named type.
func (g *gen) typeName(t *contract.Type) string { return g.typeNames[t] }

// typeExpr is the Go type of a value of t where t is required and not
// nullable.
func (g *gen) typeExpr(t *contract.Type) *jen.Statement {
	if g.canonical {
		if n := g.canonicalName(t); n != "" {
			return jen.Id(n)
		}
	}
	if n := g.typeNames[t]; n != "" {
		return jen.Id(n)
	}
	return g.underlyingExpr(t)
}

// isGoString reports whether typeExpr(t) is the Go type string, without
// rendering it: jennifer renders a statement on its own only through
// go/format, which cost 0.9 s of CPU on GitHub's description when asked once
// per property. It follows typeExpr and underlyingExpr case by case
// (TestIsGoStringAsRendered holds the two together).
func (g *gen) isGoString(t *contract.Type) bool {
	if g.canonical {
		if n := g.canonicalName(t); n != "" {
			return n == "string"
		}
	}
	if n := g.typeNames[t]; n != "" {
		return n == "string"
	}
	return textHeld(t)
}

// underlyingExpr is the Go type t stands for, ignoring its name.
//
// Mapping: boolean → bool; integer → int64 (int32 for format int32);
// number → float64 (float32 for format float); string → string, except
// date-time → time.Time and byte → []byte (base64, as encoding/json does
// it); date, uuid, email, uri, ipv4/6 stay strings checked by Validate;
// binary inside JSON is a string. Free-form values (and null alone) are
// `any` rather than json.RawMessage: they decode to the usual
// map[string]any/[]any/float64 tree a handler can read without a second
// Unmarshal, at the cost of not preserving the exact bytes (key order,
// number spelling). Lossy schemas (not, if/then/else …) keep the closest
// type the model gives them, and their doc comment names what was lost.
func (g *gen) underlyingExpr(t *contract.Type) *jen.Statement {
	switch t.Kind {
	case contract.KindBool:
		return jen.Bool()
	case contract.KindInt:
		return intExpr(intRepOf(t))
	case contract.KindNumber:
		if t.Format == "float" {
			return jen.Float32()
		}
		return jen.Float64()
	case contract.KindString:
		switch t.Format {
		case "date-time":
			return jen.Qual("time", "Time")
		case "byte":
			return jen.Index().Byte()
		}
		return jen.String()
	case contract.KindArray:
		return jen.Index().Add(g.elemExpr(t.Elem))
	case contract.KindMap:
		return jen.Map(jen.String()).Add(g.elemExpr(t.Elem))
	case contract.KindEnum:
		if t.Base == contract.KindInt {
			return intExpr(intRepOf(t))
		}
		return g.underlyingExpr(&contract.Type{Kind: t.Base})
	}
	return jen.Any()
}

// elemExpr is the Go type of an array item or map value: a pointer when
// the item may be null and Go's zero value could not say so.
func (g *gen) elemExpr(t *contract.Type) *jen.Statement {
	if t == nil {
		return jen.Any()
	}
	if t.Nullable && !nilable(g, t) {
		return jen.Op("*").Add(g.typeExpr(t))
	}
	return g.typeExpr(t)
}

// nilable reports Go types whose zero value is nil (slices, maps, any).
func nilable(g *gen, t *contract.Type) bool {
	switch t.Kind {
	case contract.KindArray, contract.KindMap, contract.KindAny, contract.KindNull:
		return true
	case contract.KindString:
		return t.Format == "byte"
	}
	return false
}

// fieldShape says how a value is held in a struct field or parameter.
type fieldShape int

const (
	shapeValue    fieldShape = iota // T
	shapePointer                    // *T: optional, or required and nullable
	shapeNullable                   // Nullable[T]: optional and nullable
)

// shapeOf picks how to hold t: required non-nullable values are plain;
// optional values are pointers (slices and maps stay plain, nil meaning
// absent); required nullable values are pointers (nil meaning null);
// optional nullable values are Nullable[T], which tells absent from null.
func (g *gen) shapeOf(t *contract.Type, required, nullable bool) fieldShape {
	switch {
	case required && !nullable:
		return shapeValue
	case !required && nullable:
		return shapeNullable
	case nilable(g, t):
		return shapeValue
	}
	return shapePointer
}

// fieldTypeExpr is the Go type of a struct field or parameter holding t.
func (g *gen) fieldTypeExpr(t *contract.Type, required, nullable bool) *jen.Statement {
	return g.shapeExpr(t, g.shapeOf(t, required, nullable))
}

// shapeExpr is the Go type holding t in the given shape.
func (g *gen) shapeExpr(t *contract.Type, shape fieldShape) *jen.Statement {
	switch shape {
	case shapePointer:
		return jen.Op("*").Add(g.typeExpr(t))
	case shapeNullable:
		return jen.Id("Nullable").Types(g.typeExpr(t))
	}
	return g.typeExpr(t)
}

// emitTypes writes one Go type per named model type, then the runtime
// helpers the types rely on.
func (g *gen) emitTypes(f *jen.File) error {
	for _, t := range g.m.Types {
		switch {
		case t.Kind == contract.KindObject:
			g.emitStruct(f, t)
		case t.Kind == contract.KindEnum && g.enumAlias[t] != nil:
			g.emitEnumAlias(f, t)
		case t.Kind == contract.KindEnum:
			g.emitEnum(f, t)
		case t.Kind == contract.KindUnion:
			g.emitUnion(f, t)
		case g.cyclic[t]:
			comment(f, g.typeNames[t], typeDoc(t))
			f.Type().Id(g.typeNames[t]).Add(g.underlyingExpr(t))
			f.Comment("Validate checks the value against the contract's constraints.")
			f.Func().Params(jen.Id("v").Id(g.typeNames[t])).Id("Validate").Params().Error().Block(
				append(g.validateStmts(&contract.Type{Kind: t.Kind, Elem: t.Elem, Constraints: t.Constraints, Format: t.Format, Keywords: t.Keywords}, jen.Id("v"), jen.Lit("")), jen.Return(jen.Nil()))...,
			)
		default:
			comment(f, g.typeNames[t], typeDoc(t))
			f.Type().Id(g.typeNames[t]).Op("=").Add(g.underlyingExpr(t))
		}
		f.Line()
		g.unitEmitted(f)
	}
	g.flushPatterns(f)
	return nil
}

// typeDoc is the documentation of a type: title, description and what the
// contract could not express.
func typeDoc(t *contract.Type) string {
	var parts []string
	if t.Title != "" && t.Title != t.Name {
		parts = append(parts, t.Title)
	}
	if t.Description != "" {
		parts = append(parts, t.Description)
	}
	if t.Deprecated {
		parts = append(parts, "Deprecated: the contract marks this type deprecated.")
	}
	if t.Lossy {
		parts = append(parts, "The contract uses "+t.LossyReason+".")
	}
	return strings.Join(parts, "\n\n")
}

// comment writes a doc comment that starts with name. Contract text is
// untrusted: it is split into line comments, with control characters
// removed, so it can never end the comment or start a directive.
func comment(f interface{ Comment(string) *jen.Statement }, name, text string) {
	lines := docLines(text)
	if len(lines) == 0 {
		return
	}
	if !strings.HasPrefix(lines[0], name+" ") {
		lines[0] = name + " is " + lowerFirst(lines[0])
	}
	for _, l := range lines {
		f.Comment(l)
	}
}

// docLines sanitises contract text into comment lines.
func docLines(text string) []string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r", ""))
	if text == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.Map(func(r rune) rune {
			switch {
			case r < 0x20 && r != '\t', r == 0x7f, r == '\u2028', r == '\u2029', r == utf8.RuneError:
				return ' '
			case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\ufeff':
				// Bidirectional overrides could make the comment read
				// differently from the code around it.
				return -1
			}
			return r
		}, strings.TrimRight(l, " \t"))
		if strings.HasPrefix(l, "/") {
			// jennifer writes a comment starting with // or /* verbatim,
			// which would let the text close or restart the comment.
			l = " " + l
		}
		out = append(out, l)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if strings.HasPrefix(s, "A ") || strings.HasPrefix(s, "An ") || strings.HasPrefix(s, "The ") {
		return strings.ToLower(s[:1]) + s[1:]
	}
	// Keep acronyms and names ("API …", "Pet …") as written.
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// fieldInfo is one struct field with its Go name and shape.
type fieldInfo struct {
	f      *contract.Field
	goName string
	shape  fieldShape
	// tagOK is false when the JSON name cannot be written in a struct
	// tag; such a field is decoded and encoded by the generated methods.
	tagOK bool
}

// structMethods are the names of the methods and extra field every
// struct may have; properties never take them, so "validate" becomes
// Validate2 rather than a field clashing with the method.
var structMethods = []string{"AdditionalProperties", "Validate", "MarshalJSON", "UnmarshalJSON", "SetDefaults"}

// structFields names the fields of an object type, deterministically (in
// contract order, clashes numbered: foo_bar and fooBar become FooBar and
// FooBar2), and picks how each is held.
//
// A field whose type contains the struct itself by value (Node.next of
// type Node, or through other structs) is held by pointer, since a Go
// struct cannot contain itself: required ones then use nil for "not
// decoded", optional nullable ones lose the absent/null distinction.
func (g *gen) structFields(t *contract.Type) []fieldInfo {
	if fs, ok := g.fieldCache[t]; ok {
		return fs
	}
	var sc scope
	for _, n := range structMethods {
		sc.unique(n)
	}
	var out []fieldInfo
	for _, f := range t.Fields {
		shape := g.shapeOf(f.Type, f.Required, f.Nullable)
		if shape != shapePointer && g.byValue(f.Type) && g.containsByValue(f.Type, t, map[*contract.Type]bool{}) {
			shape = shapePointer
		}
		out = append(out, fieldInfo{
			f:      f,
			goName: sc.unique(GoName(f.Name)),
			shape:  shape,
			tagOK:  validTagName(f.Name),
		})
	}
	g.fieldCache[t] = out
	return out
}

// byValue reports types a struct field holds inline (not behind a
// pointer, slice or map): structs, as objects are emitted.
func (g *gen) byValue(t *contract.Type) bool {
	return t != nil && t.Kind == contract.KindObject && g.typeNames[t] != ""
}

// containsByValue reports whether a struct of type from holds target
// inline, directly or through the inline fields of other structs. It looks
// at the contract only (required, nullable), not at shapes already
// chosen, so the answer does not depend on the order structs are visited.
func (g *gen) containsByValue(from, target *contract.Type, seen map[*contract.Type]bool) bool {
	if from == target {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	for _, f := range from.Fields {
		if g.shapeOf(f.Type, f.Required, f.Nullable) == shapePointer || !g.byValue(f.Type) {
			continue
		}
		if g.containsByValue(f.Type, target, seen) {
			return true
		}
	}
	return false
}

// validTagName reports whether encoding/json can carry name in a tag.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case r == '"' || r == '\\' || r == ',' || r == '`' || r < 0x20 || r == 0x7f:
			return false
		case r == ' ':
			return false
		}
	}
	return true
}

// emitStruct writes an object type with its JSON decoding (required
// properties, nulls, additional properties) and Validate.
func (g *gen) emitStruct(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	fields := g.structFields(t)
	doc := typeDoc(t)
	comment(f, name, doc)
	if t.Additional == contract.AdditionalFalse {
		// Rejected by the decoder rather than Validate: the struct has
		// nowhere to keep unknown properties for Validate to see.
		if doc != "" {
			f.Comment("")
		}
		f.Comment(name + " rejects properties the contract does not name when decoding (additionalProperties: false).")
	}
	decl := []jen.Code{noCompare()}
	for _, fi := range fields {
		var doc []string
		if fi.f.Description != "" {
			doc = docLines(fi.f.Description)
		}
		if fi.f.ReadOnly {
			doc = append(doc, "Read-only: set by the server, ignored in requests; may be absent when decoding a request.")
		}
		if fi.f.WriteOnly {
			doc = append(doc, "Write-only: sent in requests, never returned; may be absent when decoding a response.")
		}
		if fi.f.Deprecated {
			doc = append(doc, "Deprecated: the contract marks this property deprecated.")
		}
		if fi.f.Type.HasDefault {
			doc = append(doc, "Default: "+jsonText(fi.f.Type.Default)+".")
		}
		if !fi.tagOK {
			doc = append(doc, fmt.Sprintf("JSON name: %q.", fi.f.Name))
		}
		stmt := jen.Id(fi.goName).Add(g.shapeExpr(fi.f.Type, fi.shape))
		if fi.tagOK {
			opt := ""
			switch fi.shape {
			case shapeNullable:
				opt = ",omitzero"
			case shapePointer:
				// A required read/write-only property held by pointer
				// (recursive) may be absent: nil leaves it out.
				if !fi.f.Required || !fi.f.Nullable && !mustBePresent(fi.f) {
					opt = ",omitempty"
				}
			case shapeValue:
				if !fi.f.Required {
					opt = ",omitempty"
				}
			}
			stmt.Tag(map[string]string{"json": fi.f.Name + opt})
		} else {
			stmt.Tag(map[string]string{"json": "-"})
		}
		for i, l := range doc {
			if i == 0 {
				decl = append(decl, jen.Comment(l))
			} else {
				decl = append(decl, jen.Comment(l))
			}
		}
		decl = append(decl, stmt)
	}
	extra := g.extraType(t)
	if extra != nil {
		decl = append(decl, jen.Comment("AdditionalProperties holds properties the contract does not name."))
		decl = append(decl, jen.Id("AdditionalProperties").Map(jen.String()).Add(extra).Tag(map[string]string{"json": "-"}))
	}
	f.Type().Id(name).Struct(decl...)
	f.Line()
	g.emitStructValidate(f, t, fields)
	g.emitSetDefaults(f, t, fields)
}

// extraType is the Go type of additional property values, nil when the
// object keeps none.
func (g *gen) extraType(t *contract.Type) *jen.Statement {
	switch t.Additional {
	case contract.AdditionalTyped:
		return g.elemExpr(t.AdditionalType)
	case contract.AdditionalAny:
		return jen.Any()
	}
	return nil
}

// mustBePresent reports required properties whose absence is an error when
// decoding. A readOnly property is required in responses only and a
// writeOnly one in requests only; the same type decodes both, so neither
// is enforced (see the field's comment).
func mustBePresent(f *contract.Field) bool {
	return f.Required && !f.ReadOnly && !f.WriteOnly
}

// admitsNull reports types whose own values include null: free-form
// values, the null type, and enums listing null.
func admitsNull(t *contract.Type) bool {
	switch t.Kind {
	case contract.KindAny, contract.KindNull:
		return true
	case contract.KindEnum:
		for _, v := range t.Enum {
			if v == nil {
				return true
			}
		}
	}
	return t.Nullable
}

// emitStructValidate writes Validate: every property's constraints.
func (g *gen) emitStructValidate(f *jen.File, t *contract.Type, fields []fieldInfo) {
	name := g.typeNames[t]
	body := g.structValidateBody(t, fields)
	f.Comment("Validate checks " + name + " against the contract's constraints and returns the first violation as a *ValidationError.")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(body...)
	f.Line()
}

// structValidateBody is the body of an object's Validate, checking the
// struct in v.
func (g *gen) structValidateBody(t *contract.Type, fields []fieldInfo) []jen.Code {
	var body []jen.Code
	for _, fi := range fields {
		if fi.f.Conditional {
			// Checked by the subschema that declares it, where it applies
			// (keywordCheck below).
			continue
		}
		ptr := jen.Lit("/" + contract.EscapePointerToken(fi.f.Name))
		val := jen.Id("v").Dot(fi.goName)
		switch fi.shape {
		case shapePointer:
			stmts := g.validateStmts(fi.f.Type, g.deref(fi.f.Type, jen.Id("v").Dot(fi.goName)), ptr)
			switch {
			case fi.f.Required && !fi.f.Nullable && mustBePresent(fi.f):
				// Held by pointer only because the type is recursive.
				body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Op("==").Nil()).Block(
					jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): ptr, jen.Id("Message"): jen.Lit("is required")})),
				))
				body = append(body, stmts...)
			case len(stmts) > 0:
				body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Op("!=").Nil()).Block(stmts...))
			}
		case shapeNullable:
			if stmts := g.validateStmts(fi.f.Type, jen.Id("v").Dot(fi.goName).Dot("Value"), ptr); len(stmts) > 0 {
				body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Dot("Set").Op("&&").Op("!").Id("v").Dot(fi.goName).Dot("Null")).Block(stmts...))
			}
		default:
			stmts := g.validateStmts(fi.f.Type, val, ptr)
			if cond := absentAsZero(fi); cond != nil && len(stmts) > 0 {
				stmts = []jen.Code{jen.If(cond).Block(stmts...)}
			}
			body = append(body, stmts...)
		}
	}
	body = append(body, g.propertyCountStmts(t, fields)...)
	if t.Additional == contract.AdditionalTyped && t.AdditionalType != nil {
		if stmts := g.validateStmts(t.AdditionalType, jen.Id("x"), jen.Lit("/").Op("+").Id("pointerToken").Call(jen.Id("k"))); len(stmts) > 0 && !t.AdditionalType.Nullable {
			body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(stmts...))
		}
	}
	body = append(body, g.keywordCheck(t, jen.Id("v"), jen.Lit(""))...)
	return append(body, jen.Return(jen.Nil()))
}

// emitEnum writes a typed enum with one constant per member.
func (g *gen) emitEnum(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	comment(f, name, typeDoc(t))
	f.Type().Id(name).Add(g.underlyingExpr(t))
	f.Line()
	if intRepOf(t) == repDecimal {
		emitDecimalJSON(f, name)
	}
	var consts []jen.Code
	var cases []jen.Code
	var members []string
	for i, v := range enumMembers(t) {
		cname := g.extras[t].enumConsts[i]
		lit := enumLit(t, v)
		consts = append(consts, jen.Id(cname).Id(name).Op("=").Add(lit))
		cases = append(cases, jen.Id(cname))
		members = append(members, jsonText(v))
	}
	valid := []jen.Code{jen.Return(jen.False())}
	if len(consts) > 0 {
		f.Comment("Members of " + name + ".")
		f.Const().Defs(consts...)
		f.Line()
		// A table rather than a switch: the compiler expands every case of
		// a string switch into inline comparisons, which on contracts with
		// thousands of enums costs gigabytes of compiler memory. The table
		// holds the underlying type, not the enum's: slices.Contains is
		// then compiled once per underlying type (string, int64 …) rather
		// than once per enum (GitHub's 543 enums compiled 1,632 copies of
		// slices.Contains and slices.Index).
		mv := g.extras[t].members
		base := g.underlyingExpr(t)
		f.Comment(mv + " lists the members of " + name + " for Valid.")
		f.Var().Id(mv).Op("=").Index().Add(base).ValuesFunc(func(gr *jen.Group) {
			for _, c := range cases {
				gr.Line().Add(base.Clone().Call(c))
			}
			gr.Line()
		})
		f.Line()
		valid = []jen.Code{jen.Return(jen.Qual("slices", "Contains").Call(jen.Id(mv), base.Clone().Call(jen.Id("v"))))}
	}
	f.Comment("Valid reports whether v is one of the members of " + name + ".")
	f.Func().Params(jen.Id("v").Id(name)).Id("Valid").Params().Bool().Block(valid...)
	f.Line()
	f.Comment("Validate returns a *ValidationError unless v is one of the members of " + name + ".")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(
		jen.If(jen.Id("v").Dot("Valid").Call()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
			jen.Id("Message"): jen.Lit("must be one of " + strings.Join(members, ", ")),
		})),
	)
	f.Line()
}

// emitEnumAlias writes an inline enum identical to an earlier one as an
// alias of it, with constants of its own name.
func (g *gen) emitEnumAlias(f *jen.File, t *contract.Type) {
	name, canon := g.typeNames[t], g.typeNames[g.enumAlias[t]]
	doc := typeDoc(t)
	if doc != "" {
		doc += "\n\n"
	}
	comment(f, name, doc+name+" has the same members as "+canon+", so it is that type.")
	f.Type().Id(name).Op("=").Id(canon)
	f.Line()
	var consts []jen.Code
	for i, v := range enumMembers(t) {
		consts = append(consts, jen.Id(g.extras[t].enumConsts[i]).Id(name).Op("=").Add(enumLit(t, v)))
	}
	if len(consts) > 0 {
		f.Comment("Members of " + name + ".")
		f.Const().Defs(consts...)
		f.Line()
	}
}

// enumMembers are the enum values that become constants: those that fit
// the enum's base kind, once each. null is left out (a nullable enum is
// held by pointer or Nullable), as are values of the wrong type, which
// would not compile.
func enumMembers(t *contract.Type) []any {
	var out []any
	seen := map[any]bool{}
	for _, v := range t.Enum {
		ok := false
		switch x := v.(type) {
		case string:
			ok = t.Base == contract.KindString
		case bool:
			ok = t.Base == contract.KindBool
		case float64:
			ok = t.Base == contract.KindNumber && !math.IsInf(x, 0) && !math.IsNaN(x) ||
				t.Base == contract.KindInt && x == math.Trunc(x) && math.Abs(x) <= 1<<53
		case json.Number: // an integer beyond 2^53, exactly as written
			ok = t.Base == contract.KindInt // intRepOf chose a type holding it
		}
		if ok && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func enumLit(t *contract.Type, v any) jen.Code {
	switch t.Base {
	case contract.KindInt:
		if intRepOf(t) == repDecimal {
			if s, ok := decimalLit(v); ok {
				return jen.Lit(s)
			}
		}
		if x, ok := v.(float64); ok {
			return jen.Lit(int(x))
		}
		if x, ok := v.(json.Number); ok {
			return jen.Op(string(x)) // digits checked by enumMembers
		}
	case contract.KindNumber:
		if x, ok := v.(float64); ok {
			return jen.Lit(x)
		}
	case contract.KindBool:
		if x, ok := v.(bool); ok {
			return jen.Lit(x)
		}
	}
	return jen.Lit(fmt.Sprint(v))
}

// variantInfo is one union member with its Go field and accessor names.
type variantInfo struct {
	v      *contract.Variant
	goName string // the field holding the variant: Cat
	as     string // the accessor method: AsCat
}

// unionVariants names the fields and accessors of a union, in variant
// order, in one scope so a field never clashes with a method.
func (g *gen) unionVariants(t *contract.Type) []variantInfo {
	var sc scope
	for _, n := range []string{"Validate", "MarshalJSON", "UnmarshalJSON"} {
		sc.unique(n)
	}
	var out []variantInfo
	for _, v := range t.Union.Variants {
		n := g.typeNames[v.Type]
		if n == "" {
			n = kindName(v.Type)
		}
		out = append(out, variantInfo{v: v, goName: sc.unique(n)})
	}
	for i := range out {
		out[i].as = sc.unique("As" + out[i].goName)
	}
	return out
}

func kindName(t *contract.Type) string {
	switch t.Kind {
	case contract.KindBool:
		return "Bool"
	case contract.KindInt:
		return "Int"
	case contract.KindNumber:
		return "Number"
	case contract.KindString:
		if t.Format == "date-time" {
			return "Time"
		}
		return "String"
	case contract.KindArray:
		return "Array"
	case contract.KindMap:
		return "Map"
	}
	return "Any"
}

// emitUnion writes a oneOf/anyOf as a struct holding exactly one variant,
// with JSON methods that pick the variant by discriminator or by trying
// each in order.
func (g *gen) emitUnion(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	vs := g.unionVariants(t)
	doc := typeDoc(t)
	kw := "anyOf"
	if t.Union.OneOf {
		kw = "oneOf"
	}
	how := "Decoding tries the variants in order and keeps the first that decodes and validates."
	if t.Union.OneOf {
		how = "Decoding tries every variant and requires exactly one to decode and validate; when several objects match, the one declaring every property present wins."
	}
	if t.Union.Discriminator != "" {
		how = fmt.Sprintf("Decoding picks the variant named by the %q property.", t.Union.Discriminator)
	}
	doc = strings.TrimSpace(doc + "\n\n" + name + " holds one of its " + kw + " variants: set exactly one field. " + how)
	comment(f, name, doc)
	var fields []jen.Code
	for _, vi := range vs {
		fields = append(fields, jen.Id(vi.goName).Op("*").Add(g.typeExpr(vi.v.Type)))
	}
	f.Type().Id(name).Struct(fields...)
	f.Line()

	for i, vi := range vs {
		ctor := g.extras[t].ctors[i]
		vt := g.typeExpr(vi.v.Type)
		f.Comment(ctor + " returns a " + name + " holding v.")
		f.Func().Id(ctor).Params(jen.Id("v").Add(vt.Clone())).Id(name).Block(
			jen.Return(jen.Id(name).Values(jen.Dict{jen.Id(vi.goName): jen.Op("&").Id("v")})),
		)
		f.Line()
		f.Comment(vi.as + " returns the " + vi.goName + " variant and whether it is the one set.")
		f.Func().Params(jen.Id("u").Id(name)).Id(vi.as).Params().Params(vt.Clone(), jen.Bool()).Block(
			jen.If(jen.Id("u").Dot(vi.goName).Op("==").Nil()).Block(
				jen.Var().Id("zero").Add(vt.Clone()),
				jen.Return(jen.Id("zero"), jen.False()),
			),
			jen.Return(jen.Op("*").Id("u").Dot(vi.goName), jen.True()),
		)
		f.Line()
	}

	// Every union decodes in json.gen.go (emitUnionDecode, emitUnionTrialDecode).
	f.Line()

	// Validate
	vbody := []jen.Code{jen.Id("n").Op(":=").Lit(0)}
	for _, vi := range vs {
		stmts := g.validateStmts(vi.v.Type, g.deref(vi.v.Type, jen.Id("v").Dot(vi.goName)), jen.Lit(""))
		vbody = append(vbody, jen.If(jen.Id("v").Dot(vi.goName).Op("!=").Nil()).Block(append([]jen.Code{jen.Id("n").Op("++")}, stmts...)...))
	}
	nCheck := jen.Id("n").Op("!=").Lit(1)
	if t.Nullable {
		// Null (nothing set) is a valid value.
		nCheck = jen.Id("n").Op(">").Lit(1)
	}
	vbody = append(vbody,
		jen.If(nCheck).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("exactly one variant of " + name + " must be set")})),
		),
	)
	vbody = append(vbody, g.keywordCheck(t, jen.Id("v"), jen.Lit(""))...)
	vbody = append(vbody, jen.Return(jen.Nil()))
	f.Comment("Validate checks that one variant is set and valid.")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(vbody...)
	f.Line()
}

// propertyCountStmts check minProperties and maxProperties of an object:
// the properties present (set pointers, non-nil slices and maps, set
// Nullables, required values) plus its additional properties.
func (g *gen) propertyCountStmts(t *contract.Type, fields []fieldInfo) []jen.Code {
	c := t.Constraints
	if (c.MinProperties == nil || *c.MinProperties == 0) && c.MaxProperties == nil {
		return nil
	}
	fixed := 0
	var count []jen.Code
	for _, fi := range fields {
		field := jen.Id("v").Dot(fi.goName)
		switch {
		case fi.shape == shapeNullable:
			count = append(count, jen.If(field.Dot("Set")).Block(jen.Id("n").Op("++")))
		case fi.shape == shapeValue && fi.f.Required:
			fixed++
		default:
			// Optional pointers, slices, maps and any: nil is absent.
			count = append(count, jen.If(field.Op("!=").Nil()).Block(jen.Id("n").Op("++")))
		}
	}
	stmts := []jen.Code{jen.Id("n").Op(":=").Lit(fixed)}
	stmts = append(stmts, count...)
	if g.extraType(t) != nil {
		stmts = append(stmts, jen.Id("n").Op("+=").Len(jen.Id("v").Dot("AdditionalProperties")))
	}
	if c.MinProperties != nil && *c.MinProperties > 0 {
		stmts = append(stmts, jen.If(jen.Id("n").Op("<").Lit(int(*c.MinProperties))).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(""), jen.Id("Message"): jen.Lit(fmt.Sprintf("must have at least %d properties", *c.MinProperties))}))))
	}
	if c.MaxProperties != nil {
		stmts = append(stmts, jen.If(jen.Id("n").Op(">").Lit(int(*c.MaxProperties))).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(""), jen.Id("Message"): jen.Lit(fmt.Sprintf("must have at most %d properties", *c.MaxProperties))}))))
	}
	return []jen.Code{jen.Block(stmts...)}
}

// closedKeys are the property names of an object variant that keeps no
// additional properties, as literals for allKnown; nil for other variants.
func closedKeys(t *contract.Type) []jen.Code {
	if t.Kind != contract.KindObject || t.Additional == contract.AdditionalAny || t.Additional == contract.AdditionalTyped {
		return nil
	}
	keys := []jen.Code{}
	for _, f := range t.Fields {
		keys = append(keys, jen.Lit(f.Name))
	}
	return keys
}

// discriminatorFill is the statement that sets the discriminator property
// of variant x when it is empty, so NewPetFromCat(Cat{…}) encodes with
// "petType": "cat" without the caller repeating it. Nil when the variant
// has no plain string property of that name.
func (g *gen) discriminatorFill(t *contract.Type, vi variantInfo) jen.Code {
	if t.Union.Discriminator == "" || len(vi.v.Values) == 0 || vi.v.Type.Kind != contract.KindObject || g.typeNames[vi.v.Type] == "" {
		return nil
	}
	for _, fi := range g.structFields(vi.v.Type) {
		if fi.f.Name != t.Union.Discriminator || fi.shape != shapeValue {
			continue
		}
		ft := fi.f.Type
		var val jen.Code
		switch {
		case ft.Kind == contract.KindString && ft.Format == "" && g.typeNames[ft] == "":
			val = jen.Lit(vi.v.Values[0])
		case ft.Kind == contract.KindEnum && ft.Base == contract.KindString:
			val = g.typeExpr(ft).Call(jen.Lit(vi.v.Values[0]))
		default:
			return nil
		}
		return jen.If(jen.Id("x").Dot(fi.goName).Op("==").Lit("")).Block(jen.Id("x").Dot(fi.goName).Op("=").Add(val))
	}
	return nil
}

// emitSetDefaults writes SetDefaults for structs whose optional properties
// have primitive defaults, or hold structs that do (see hasSetDefaults):
// each absent (nil) one is set to its default, and nested values get
// theirs. It is not called by UnmarshalJSON, so a decoded value still
// tells "absent" from "sent the default"; the generated server calls it
// on every request body before the handler sees it. Defaults of the wrong
// type for their schema (a contract slip the loader warns about) are
// skipped.
func (g *gen) emitSetDefaults(f *jen.File, t *contract.Type, fields []fieldInfo) {
	if !g.hasSetDefaults(t) {
		return
	}
	name := g.typeNames[t]
	var body []jen.Code
	for _, fi := range fields {
		if lit := g.ownDefault(fi); lit != nil {
			body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Op("==").Nil()).Block(
				jen.Id("x").Op(":=").Add(g.typeExpr(fi.f.Type)).Call(lit),
				jen.Id("v").Dot(fi.goName).Op("=").Op("&").Id("x"),
			))
		}
		body = append(body, g.nestedSetDefaults(fi)...)
	}
	f.Comment("SetDefaults sets every absent optional property that has a default in the contract to that default, in nested objects too.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("SetDefaults").Params().Block(body...)
	f.Line()
}

// defaultLit is a literal for t's default value, nil when the default does
// not fit t's Go type.
func (g *gen) defaultLit(t *contract.Type) jen.Code {
	kind := t.Kind
	if kind == contract.KindEnum {
		kind = t.Base
		if !slicesContains(t.Enum, t.Default) {
			return nil
		}
	}
	switch x := t.Default.(type) {
	case bool:
		if kind == contract.KindBool {
			return jen.Lit(x)
		}
	case string:
		if kind == contract.KindString && (t.Kind == contract.KindEnum || t.Format == "" || formatChecks[t.Format] != "") {
			return jen.Lit(x)
		}
	case float64:
		switch kind {
		case contract.KindInt:
			rep := intRepOf(t)
			if rep == repDecimal && x == math.Trunc(x) && math.Abs(x) <= 1<<53 {
				return jen.Lit(strconv.FormatFloat(x, 'f', -1, 64))
			}
			if (rep == repUint32 || rep == repUint64) && x < 0 {
				return nil
			}
			if x == math.Trunc(x) && math.Abs(x) <= 1<<53 && (rep != repInt32 && rep != repUint32 || math.Abs(x) <= math.MaxInt32) {
				return jen.Lit(int(x)) // untyped constant: int32(1), not int32(int64(1))
			}
		case contract.KindNumber:
			if !math.IsInf(x, 0) && !math.IsNaN(x) {
				return jen.Lit(x)
			}
		}
	}
	return nil
}

// slicesContains reports whether the primitive v is one of vs.
func slicesContains(vs []any, v any) bool {
	switch v.(type) {
	case bool, string, float64:
	default:
		return false // maps and slices cannot be compared (and are no enum default here)
	}
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// jsonText renders a decoded JSON value for documentation.
func jsonText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", x)
	case float64:
		return fmt.Sprint(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%q: %s", k, jsonText(x[k])))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, jsonText(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// deref is the expression validateStmts needs for a pointer p to a value
// of t: p itself for defined types (their Validate method is in *T's
// method set), *p otherwise.
func (g *gen) deref(t *contract.Type, p *jen.Statement) *jen.Statement {
	if g.defined(t) {
		return p
	}
	return jen.Op("*").Add(p)
}

// reachesStruct reports whether a value of t can contain a value of owner
// through struct fields (t itself included).
func (g *gen) reachesStruct(t, owner *contract.Type, seen map[*contract.Type]bool) bool {
	if t == owner {
		return true
	}
	if seen[t] || t.Kind != contract.KindObject {
		return false
	}
	seen[t] = true
	for _, f := range t.Fields {
		if g.reachesStruct(f.Type, owner, seen) {
			return true
		}
	}
	return false
}
