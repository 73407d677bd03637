package golang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// typesRuntimeNames are the package-level identifiers the types emitter
// declares itself, reserved before any schema is named.
var typesRuntimeNames = []string{"ValidationError", "Nullable", "NewNullable", "Null"}

// nameTypes assigns a Go identifier to every named type of the model, in
// model order, and decides which named types are Go aliases.
func (g *gen) nameTypes() {
	for _, t := range g.m.Types {
		g.typeNames[t] = g.pkg.unique(GoName(t.Name))
	}
	for _, t := range g.m.Types {
		if !hasMethods(t) && g.reaches(t, t, map[*contract.Type]bool{}) {
			g.cyclic[t] = true
		}
	}
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
	if n := g.typeNames[t]; n != "" {
		return jen.Id(n)
	}
	return g.underlyingExpr(t)
}

// underlyingExpr is the Go type t stands for, ignoring its name.
func (g *gen) underlyingExpr(t *contract.Type) *jen.Statement {
	switch t.Kind {
	case contract.KindBool:
		return jen.Bool()
	case contract.KindInt:
		if t.Format == "int32" {
			return jen.Int32()
		}
		return jen.Int64()
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
	switch g.shapeOf(t, required, nullable) {
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
		case t.Kind == contract.KindEnum:
			g.emitEnum(f, t)
		case t.Kind == contract.KindUnion:
			g.emitUnion(f, t)
		case g.cyclic[t]:
			comment(f, g.typeNames[t], typeDoc(t))
			f.Type().Id(g.typeNames[t]).Add(g.underlyingExpr(t))
			f.Comment("Validate checks the value against the contract's constraints.")
			f.Func().Params(jen.Id("v").Id(g.typeNames[t])).Id("Validate").Params().Error().Block(
				append(g.validateStmts(&contract.Type{Kind: t.Kind, Elem: t.Elem, Constraints: t.Constraints, Format: t.Format}, jen.Id("v"), jen.Lit("")), jen.Return(jen.Nil()))...,
			)
		default:
			comment(f, g.typeNames[t], typeDoc(t))
			f.Type().Id(g.typeNames[t]).Op("=").Add(g.underlyingExpr(t))
		}
		f.Line()
	}
	g.emitRuntime(f)
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
	lines[0] = name + " is " + lowerFirst(lines[0])
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
			if r < 0x20 && r != '\t' || r == 0x7f || r == '\u2028' || r == '\u2029' {
				return ' '
			}
			return r
		}, strings.TrimRight(l, " \t"))
		out = append(out, l)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
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

// structFields names the fields of an object type, deterministically.
func (g *gen) structFields(t *contract.Type) []fieldInfo {
	if fs, ok := g.fieldCache[t]; ok {
		return fs
	}
	var sc scope
	sc.unique("AdditionalProperties")
	var out []fieldInfo
	for _, f := range t.Fields {
		out = append(out, fieldInfo{
			f:      f,
			goName: sc.unique(GoName(f.Name)),
			shape:  g.shapeOf(f.Type, f.Required, f.Nullable),
			tagOK:  validTagName(f.Name),
		})
	}
	g.fieldCache[t] = out
	return out
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
	comment(f, name, typeDoc(t))
	var decl []jen.Code
	for _, fi := range fields {
		var doc []string
		if fi.f.Description != "" {
			doc = docLines(fi.f.Description)
		}
		if fi.f.ReadOnly {
			doc = append(doc, "Read-only: set by the server, ignored in requests.")
		}
		if fi.f.WriteOnly {
			doc = append(doc, "Write-only: sent in requests, never returned.")
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
		stmt := jen.Id(fi.goName).Add(g.fieldTypeExpr(fi.f.Type, fi.f.Required, fi.f.Nullable))
		if fi.tagOK {
			opt := ""
			switch fi.shape {
			case shapeNullable:
				opt = ",omitzero"
			case shapePointer:
				if !fi.f.Required {
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
	g.emitStructUnmarshal(f, t, fields, extra)
	if extra != nil || anyUntagged(fields) {
		g.emitStructMarshal(f, t, fields, extra)
	}
	g.emitStructValidate(f, t, fields)
}

func anyUntagged(fs []fieldInfo) bool {
	for _, fi := range fs {
		if !fi.tagOK {
			return true
		}
	}
	return false
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

// emitStructUnmarshal writes UnmarshalJSON: each known property is decoded
// on its own so an error names its JSON pointer; required properties must
// be present (and not null unless nullable); unknown properties are kept,
// rejected or ignored as additionalProperties says.
func (g *gen) emitStructUnmarshal(f *jen.File, t *contract.Type, fields []fieldInfo, extra *jen.Statement) {
	name := g.typeNames[t]
	body := []jen.Code{
		jen.Var().Id("raw").Map(jen.String()).Qual("encoding/json", "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("decodeError").Call(jen.Lit(""), jen.Err())),
		),
		jen.Op("*").Id("v").Op("=").Id(name).Values(),
	}
	for _, fi := range fields {
		ptr := "/" + contract.EscapePointerToken(fi.f.Name)
		decode := g.decodeInto(fi, ptr)
		var orElse []jen.Code
		if fi.f.Required {
			orElse = []jen.Code{jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
				jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("is required"),
			}))}
		}
		inner := []jen.Code{}
		if fi.f.Required && !fi.f.Nullable {
			inner = append(inner, jen.If(jen.String().Call(jen.Id("r")).Op("==").Lit("null")).Block(
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
					jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("must not be null"),
				})),
			))
		}
		inner = append(inner, decode...)
		stmt := jen.If(jen.List(jen.Id("r"), jen.Id("ok")).Op(":=").Id("raw").Index(jen.Lit(fi.f.Name)), jen.Id("ok")).Block(inner...)
		if orElse != nil {
			stmt.Else().Block(orElse...)
		}
		body = append(body, stmt)
	}
	var known []jen.Code
	for _, fi := range fields {
		known = append(known, jen.Lit(fi.f.Name))
	}
	switch {
	case t.Additional == contract.AdditionalFalse:
		loop := jen.For(jen.Id("k").Op(":=").Range().Id("raw"))
		if len(known) > 0 {
			loop.Block(jen.Switch(jen.Id("k")).Block(
				jen.Case(known...),
				jen.Default().Block(jen.Return(jen.Id("unknownProperty").Call(jen.Id("k")))),
			))
			body = append(body, loop)
		} else {
			body = append(body, jen.For(jen.Id("k").Op(":=").Range().Id("raw")).Block(jen.Return(jen.Id("unknownProperty").Call(jen.Id("k")))))
		}
	case extra != nil:
		decodeExtra := []jen.Code{
			jen.Var().Id("x").Add(extra),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("r"), jen.Op("&").Id("x")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id("decodeError").Call(jen.Lit("/").Op("+").Id("pointerToken").Call(jen.Id("k")), jen.Err())),
			),
			jen.If(jen.Id("v").Dot("AdditionalProperties").Op("==").Nil()).Block(
				jen.Id("v").Dot("AdditionalProperties").Op("=").Map(jen.String()).Add(extra).Values(),
			),
			jen.Id("v").Dot("AdditionalProperties").Index(jen.Id("k")).Op("=").Id("x"),
		}
		loop := jen.For(jen.List(jen.Id("k"), jen.Id("r")).Op(":=").Range().Id("raw"))
		if len(known) > 0 {
			loop.Block(jen.Switch(jen.Id("k")).Block(
				jen.Case(known...).Block(jen.Continue()),
			), jen.Add(decodeExtra...))
			// jen.Add with several statements renders them on one line;
			// build the block explicitly instead.
			loop = jen.For(jen.List(jen.Id("k"), jen.Id("r")).Op(":=").Range().Id("raw")).Block(
				append([]jen.Code{jen.Switch(jen.Id("k")).Block(jen.Case(known...).Block(jen.Continue()))}, decodeExtra...)...,
			)
		} else {
			loop = jen.For(jen.List(jen.Id("k"), jen.Id("r")).Op(":=").Range().Id("raw")).Block(decodeExtra...)
		}
		body = append(body, loop)
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("UnmarshalJSON decodes " + name + ", checking required properties and naming the JSON pointer of what fails.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	f.Line()
}

// decodeInto decodes the raw property r into the field, prefixing errors
// with the property's pointer. Arrays of objects go element by element so
// errors name the index.
func (g *gen) decodeInto(fi fieldInfo, ptr string) []jen.Code {
	target := jen.Op("&").Id("v").Dot(fi.goName)
	call := jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("r"), target)
	if fi.shape == shapeValue && fi.f.Type.Kind == contract.KindArray && g.typeNames[fi.f.Type] == "" && fi.f.Type.Elem != nil && g.defined(fi.f.Type.Elem) && !fi.f.Type.Elem.Nullable {
		call = jen.Id("decodeArray").Call(jen.Id("r"), jen.Op("&").Id("v").Dot(fi.goName))
	}
	return []jen.Code{
		jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("decodeError").Call(jen.Lit(ptr), jen.Err())),
		),
	}
}

// emitStructMarshal writes MarshalJSON for objects with additional
// properties or names a struct tag cannot carry.
func (g *gen) emitStructMarshal(f *jen.File, t *contract.Type, fields []fieldInfo, extra *jen.Statement) {
	name := g.typeNames[t]
	body := []jen.Code{
		jen.Type().Id("plain").Id(name),
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("v"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Var().Id("m").Map(jen.String()).Qual("encoding/json", "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("m")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	}
	for _, fi := range fields {
		if fi.tagOK {
			continue
		}
		set := []jen.Code{
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v").Dot(fi.goName)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("m").Index(jen.Lit(fi.f.Name)).Op("=").Id("x"),
		}
		switch fi.shape {
		case shapePointer:
			body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Op("!=").Nil().Op("||").Lit(fi.f.Required)).Block(set...))
		case shapeNullable:
			body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Dot("Set")).Block(set...))
		default:
			body = append(body, jen.Block(set...))
		}
	}
	if extra != nil {
		body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("known")).Op(":=").Id("m").Index(jen.Id("k")), jen.Id("known")).Block(jen.Continue()),
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("x")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("m").Index(jen.Id("k")).Op("=").Id("b"),
		))
	}
	body = append(body, jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("m"))))
	f.Comment("MarshalJSON encodes " + name + " with its additional properties.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
	f.Line()
}

// emitStructValidate writes Validate: every property's constraints.
func (g *gen) emitStructValidate(f *jen.File, t *contract.Type, fields []fieldInfo) {
	name := g.typeNames[t]
	var body []jen.Code
	for _, fi := range fields {
		ptr := jen.Lit("/" + contract.EscapePointerToken(fi.f.Name))
		val := jen.Id("v").Dot(fi.goName)
		switch fi.shape {
		case shapePointer:
			if stmts := g.validateStmts(fi.f.Type, g.deref(fi.f.Type, jen.Id("v").Dot(fi.goName)), ptr); len(stmts) > 0 {
				body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Op("!=").Nil()).Block(stmts...))
			}
		case shapeNullable:
			if stmts := g.validateStmts(fi.f.Type, jen.Id("v").Dot(fi.goName).Dot("Value"), ptr); len(stmts) > 0 {
				body = append(body, jen.If(jen.Id("v").Dot(fi.goName).Dot("Set").Op("&&").Op("!").Id("v").Dot(fi.goName).Dot("Null")).Block(stmts...))
			}
		default:
			body = append(body, g.validateStmts(fi.f.Type, val, ptr)...)
		}
	}
	if t.Additional == contract.AdditionalTyped && t.AdditionalType != nil {
		if stmts := g.validateStmts(t.AdditionalType, jen.Id("x"), jen.Lit("/").Op("+").Id("pointerToken").Call(jen.Id("k"))); len(stmts) > 0 && !t.AdditionalType.Nullable {
			body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(stmts...))
		}
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("Validate checks " + name + " against the contract's constraints and returns the first violation as a *ValidationError.")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(body...)
	f.Line()
}

// emitEnum writes a typed enum with one constant per member.
func (g *gen) emitEnum(f *jen.File, t *contract.Type) {
	name := g.typeNames[t]
	comment(f, name, typeDoc(t))
	f.Type().Id(name).Add(g.underlyingExpr(&contract.Type{Kind: t.Base}))
	f.Line()
	var consts []jen.Code
	var cases []jen.Code
	var members []string
	for _, v := range t.Enum {
		cname := g.pkg.unique(name + GoName(fmt.Sprint(v)))
		lit := enumLit(t.Base, v)
		consts = append(consts, jen.Id(cname).Id(name).Op("=").Add(lit))
		cases = append(cases, jen.Id(cname))
		members = append(members, jsonText(v))
	}
	f.Comment("Members of " + name + ".")
	f.Const().Defs(consts...)
	f.Line()
	f.Comment("Validate reports whether v is one of the members of " + name + ".")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(
		jen.Switch(jen.Id("v")).Block(jen.Case(cases...).Block(jen.Return(jen.Nil()))),
		jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
			jen.Id("Message"): jen.Lit("must be one of " + strings.Join(members, ", ")),
		})),
	)
	f.Line()
}

func enumLit(base contract.Kind, v any) jen.Code {
	switch base {
	case contract.KindInt:
		if x, ok := v.(float64); ok {
			return jen.Lit(int(x))
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

// variantInfo is one union member with its Go field name.
type variantInfo struct {
	v      *contract.Variant
	goName string
}

func (g *gen) unionVariants(t *contract.Type) []variantInfo {
	var sc scope
	var out []variantInfo
	for _, v := range t.Union.Variants {
		n := g.typeNames[v.Type]
		if n == "" {
			n = kindName(v.Type)
		}
		out = append(out, variantInfo{v: v, goName: sc.unique(n)})
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
	if t.Union.Discriminator != "" {
		how = fmt.Sprintf("Decoding picks the variant named by the %q property.", t.Union.Discriminator)
	}
	doc = strings.TrimSpace(doc + "\n\nIt holds one of its " + kw + " variants: set exactly one field. " + how)
	comment(f, name, doc)
	var fields []jen.Code
	for _, vi := range vs {
		fields = append(fields, jen.Id(vi.goName).Op("*").Add(g.typeExpr(vi.v.Type)))
	}
	f.Type().Id(name).Struct(fields...)
	f.Line()

	// MarshalJSON
	var mcases []jen.Code
	for _, vi := range vs {
		mcases = append(mcases, jen.Case(jen.Id("v").Dot(vi.goName).Op("!=").Nil()).Block(
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("v").Dot(vi.goName))),
		))
	}
	f.Comment("MarshalJSON encodes the variant that is set, or null when none is.")
	f.Func().Params(jen.Id("v").Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Switch().Block(mcases...),
		jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()),
	)
	f.Line()

	// UnmarshalJSON
	body := []jen.Code{jen.Op("*").Id("v").Op("=").Id(name).Values()}
	if t.Nullable {
		body = append(body, jen.If(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("data"))).Op("==").Lit("null")).Block(jen.Return(jen.Nil())))
	}
	if t.Union.Discriminator != "" {
		ptr := "/" + contract.EscapePointerToken(t.Union.Discriminator)
		body = append(body,
			jen.Var().Id("raw").Map(jen.String()).Qual("encoding/json", "RawMessage"),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id("decodeError").Call(jen.Lit(""), jen.Err())),
			),
			jen.Var().Id("tag").String(),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw").Index(jen.Lit(t.Union.Discriminator)), jen.Op("&").Id("tag")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("is required and must be a string")})),
			),
		)
		var cases []jen.Code
		var names []string
		for _, vi := range vs {
			if len(vi.v.Values) == 0 {
				continue
			}
			var lits []jen.Code
			for _, val := range vi.v.Values {
				lits = append(lits, jen.Lit(val))
				names = append(names, fmt.Sprintf("%q", val))
			}
			cases = append(cases, jen.Case(lits...).Block(
				jen.Id("v").Dot(vi.goName).Op("=").New(g.typeExpr(vi.v.Type)),
				jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Id("v").Dot(vi.goName))),
			))
		}
		body = append(body,
			jen.Switch(jen.Id("tag")).Block(cases...),
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Pointer"): jen.Lit(ptr), jen.Id("Message"): jen.Lit("must be one of " + strings.Join(names, ", "))})),
		)
	} else {
		for _, vi := range vs {
			tryStmts := []jen.Code{
				jen.Var().Id("x").Add(g.typeExpr(vi.v.Type)),
			}
			check := g.validateStmts(vi.v.Type, jen.Id("x"), jen.Lit(""))
			cond := jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("x")).Op("==").Nil()
			if len(check) > 0 {
				fn := jen.Func().Params().Error().Block(append(check, jen.Return(jen.Nil()))...).Call()
				cond = cond.Op("&&").Add(fn).Op("==").Nil()
			}
			tryStmts = append(tryStmts, jen.If(cond).Block(
				jen.Id("v").Dot(vi.goName).Op("=").Op("&").Id("x"),
				jen.Return(jen.Nil()),
			))
			body = append(body, jen.Block(tryStmts...))
		}
		body = append(body, jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
			jen.Id("Message"): jen.Lit("does not match any variant of " + kw),
		})))
	}
	f.Comment("UnmarshalJSON decodes the variant the data matches.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	f.Line()

	// Validate
	vbody := []jen.Code{jen.Id("n").Op(":=").Lit(0)}
	for _, vi := range vs {
		stmts := g.validateStmts(vi.v.Type, g.deref(vi.v.Type, jen.Id("v").Dot(vi.goName)), jen.Lit(""))
		vbody = append(vbody, jen.If(jen.Id("v").Dot(vi.goName).Op("!=").Nil()).Block(append([]jen.Code{jen.Id("n").Op("++")}, stmts...)...))
	}
	minSet := 1
	if t.Nullable {
		minSet = 0
	}
	vbody = append(vbody,
		jen.If(jen.Id("n").Op("<").Lit(minSet).Op("||").Id("n").Op(">").Lit(1)).Block(
			jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Message"): jen.Lit("exactly one variant of " + name + " must be set")})),
		),
		jen.Return(jen.Nil()),
	)
	f.Comment("Validate checks that one variant is set and valid.")
	f.Func().Params(jen.Id("v").Id(name)).Id("Validate").Params().Error().Block(vbody...)
	f.Line()
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
