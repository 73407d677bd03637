package golang

import (
	"fmt"
	"mime"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// multipart/form-data request bodies: each property of the body's object
// schema is one or more parts (OpenAPI 3.x "Special Considerations for
// multipart Content"). The request's Body is a <Op>Parts struct: scalars
// and arrays of scalars as typed fields read from the parts' text, files
// (format: binary, 3.1 contentMediaType or contentEncoding) as *FilePart
// or []*FilePart, everything else as a value decoded from a JSON part. The
// runtime (runtime/multipart.go) reads and writes the parts; the code here
// names which helper handles which property.

// partKind says how one property travels as parts (contract.PartKindOf,
// which toolkit validate's requests follow too).
type partKind = contract.PartKind

const (
	partText  = contract.PartText
	partTexts = contract.PartTexts
	partFile  = contract.PartFile
	partFiles = contract.PartFiles
	partJSON  = contract.PartJSON
)

// multipartable reports a body whose multipart parts toolkit types: an
// object schema with properties, sent as multipart/form-data (other
// multipart types, such as multipart/mixed, stay raw readers).
func multipartable(c *contract.Content) bool {
	mt, _, err := mime.ParseMediaType(c.MediaType)
	return err == nil && mt == "multipart/form-data" && c.Type != nil && c.Type.Kind == contract.KindObject && len(c.Type.Fields) > 0
}

// partTypes are the media types each property's parts may have: the
// encoding object's contentType, else (OpenAPI 3.1) a file property's
// contentMediaType, or an array of files' items' one.
func partTypes(c *contract.Content) map[string]string {
	out := map[string]string{}
	for _, f := range c.Type.Fields {
		t := f.Type
		if t.Kind == contract.KindArray && t.Elem != nil {
			t = t.Elem
		}
		if ct := c.Encoding[f.Name]; ct != "" {
			out[f.Name] = ct
		} else if contract.IsFile(t) && t.Keywords != nil && t.Keywords.ContentMediaType != "" {
			out[f.Name] = t.Keywords.ContentMediaType
		}
	}
	return out
}

// partKindOf says how a property of type t travels.
func partKindOf(t *contract.Type) partKind { return contract.PartKindOf(t) }

// partFields are the properties of a multipart body the Parts struct
// holds: all but the readOnly ones, which a request leaves out (the server
// refuses them, see decodeMultipart).
func (g *gen) partFields(t *contract.Type) []fieldInfo {
	var out []fieldInfo
	for _, fi := range g.structFields(t) {
		if !fi.f.ReadOnly {
			out = append(out, fi)
		}
	}
	return out
}

// readOnlyMessage is the reason the server gives for a readOnly property
// in a request (form and multipart bodies).
const readOnlyMessage = "is read-only: the server sets it, requests leave it out"

// partGoType is the Go type of the Parts field holding property f.
func (g *gen) partGoType(f *contract.Field) *jen.Statement {
	switch partKindOf(f.Type) {
	case partFile:
		return jen.Op("*").Id("FilePart")
	case partFiles:
		return jen.Index().Op("*").Id("FilePart")
	case partTexts:
		return jen.Index().Add(g.typeExpr(f.Type.Elem))
	}
	if f.Required || nilable(g, f.Type) {
		return g.typeExpr(f.Type)
	}
	return jen.Op("*").Add(g.typeExpr(f.Type))
}

// emitPartsType writes the <Op>Parts struct of a multipart body.
func (g *gen) emitPartsType(f *jen.File, oi *opInfo) {
	b := oi.body
	fields := []jen.Code{noCompare()}
	for _, fi := range g.partFields(b.typ) {
		for _, l := range docLines(fi.f.Description) {
			fields = append(fields, jen.Comment(l))
		}
		doc := fmt.Sprintf("Part %q", fi.f.Name)
		switch partKindOf(fi.f.Type) {
		case partTexts:
			doc = fmt.Sprintf("Parts %q, one per item", fi.f.Name)
		case partFile:
			doc = fmt.Sprintf("File part %q", fi.f.Name)
		case partFiles:
			doc = fmt.Sprintf("File parts %q, one per file", fi.f.Name)
		case partJSON:
			doc = fmt.Sprintf("Part %q, holding JSON", fi.f.Name)
		}
		if ct := b.encoding[fi.f.Name]; ct != "" {
			doc += fmt.Sprintf(" (%q)", ct)
		}
		if fi.f.Required {
			doc += ", required"
		}
		fields = append(fields, jen.Comment(doc+"."), jen.Id(fi.goName).Add(g.partGoType(fi.f)))
	}
	f.Comment(fmt.Sprintf("%s are the parts of the multipart/form-data body of %s %s.", b.parts, oi.op.Method, oi.op.Path))
	f.Type().Id(b.parts).Struct(fields...)
	f.Line()
}

// decodeMultipart emits the server's statements reading a multipart body
// into req.Body: a missing required part is a 400, a part whose media type
// the encoding object does not allow a 415.
func (g *gen) decodeMultipart(oi *opInfo) []jen.Code {
	b := oi.body
	ret := func(e jen.Code) jen.Code { return jen.Return(e) }
	try := func(call jen.Code) jen.Code {
		return jen.If(jen.Id("rerr").Op(":=").Add(call), jen.Id("rerr").Op("!=").Nil()).Block(ret(jen.Id("rerr")))
	}
	read := []jen.Code{
		jen.List(jen.Id("form"), jen.Id("rerr")).Op(":=").Id("readMultipart").Call(jen.Id("w"), jen.Id("r"), jen.Id("s").Dot("maxBody")),
		jen.If(jen.Id("rerr").Op("!=").Nil()).Block(ret(jen.Id("rerr"))),
		jen.Var().Id("obj").Id(b.parts),
	}
	for _, fi := range g.structFields(b.typ) {
		if fi.f.ReadOnly {
			read = append(read, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("form").Dot("parts").Index(jen.Lit(fi.f.Name)), jen.Id("ok")).Block(
				jen.If(jen.Op("!").Id("s").Dot("dropReadOnly")).Block(ret(jen.Id("badParam").Call(jen.Lit("body"), jen.Lit("/"+contract.EscapePointerToken(fi.f.Name)), jen.Lit(readOnlyMessage)))),
			))
		}
	}
	for _, fi := range g.partFields(b.typ) {
		name, t, dst := fi.f.Name, fi.f.Type, jen.Op("&").Id("obj").Dot(fi.goName)
		if ct := b.encoding[name]; ct != "" {
			args := []jen.Code{jen.Lit(name), jen.Id("mediaMatches")}
			for _, m := range strings.Split(ct, ",") {
				args = append(args, jen.Lit(strings.TrimSpace(m)))
			}
			read = append(read, try(jen.Id("form").Dot("checkTypes").Call(args...)))
		}
		required := jen.Lit(fi.f.Required)
		var call jen.Code
		switch partKindOf(t) {
		case partFile:
			call = jen.Id("filePart").Call(jen.Id("form"), jen.Lit(name), required, dst)
		case partFiles:
			call = jen.Id("fileParts").Call(jen.Id("form"), jen.Lit(name), required, dst)
		case partText:
			check := g.checkFunc(t, func() *jen.Statement { return g.typeExpr(t) })
			if fi.f.Required {
				call = jen.Id("partParam").Call(jen.Id("form"), jen.Lit(name), required, g.parseFunc(t), check, dst)
			} else {
				call = jen.Id("optPartParam").Call(jen.Id("form"), jen.Lit(name), g.parseFunc(t), check, dst)
				if lit := g.defaultLit(t); t.HasDefault && lit != nil {
					// The default first; a part sent replaces it.
					read = append(read, jen.Block(jen.Id("v").Op(":=").Add(g.typeExpr(t)).Call(lit), jen.Id("obj").Dot(fi.goName).Op("=").Op("&").Id("v")))
				}
			}
		case partTexts:
			check := g.checkFunc(t, func() *jen.Statement { return jen.Index().Add(g.typeExpr(t.Elem)) })
			call = jen.Id("arrayPart").Call(jen.Id("form"), jen.Lit(name), required, g.parseFunc(t.Elem), check, dst)
		case partJSON:
			check := g.checkFunc(t, func() *jen.Statement { return g.typeExpr(t) })
			parse := jen.Id("parseJSONPart").Call(g.readerFn(t))
			if fi.f.Required || nilable(g, t) {
				call = jen.Id("partParam").Call(jen.Id("form"), jen.Lit(name), required, parse, check, dst)
			} else {
				call = jen.Id("optPartParam").Call(jen.Id("form"), jen.Lit(name), parse, check, dst)
			}
		}
		read = append(read, try(call))
		for _, h := range b.partHeaders[name] {
			parse, check := jen.Code(jen.Id("parseString").Types(jen.String())), jen.Code(jen.Nil())
			if isScalar(h.Type) {
				parse, check = g.parseFunc(h.Type), g.checkFunc(h.Type, func() *jen.Statement { return g.typeExpr(h.Type) })
			}
			read = append(read, try(jen.Id("partHeader").Call(jen.Id("form"), jen.Lit(name), jen.Lit(h.Name), jen.Lit(h.Required), parse, check)))
		}
		if partKindOf(t) == partJSON && g.isStruct(t) && g.hasSetDefaults(t) {
			set := jen.Id("obj").Dot(fi.goName).Dot("SetDefaults").Call()
			if fi.f.Required || nilable(g, t) {
				read = append(read, set)
			} else {
				read = append(read, jen.If(jen.Id("obj").Dot(fi.goName).Op("!=").Nil()).Block(set))
			}
		}
	}
	if b.required {
		read = append(read, jen.Id("req").Dot("Body").Op("=").Id("obj"))
	} else {
		read = append(read, jen.Id("req").Dot("Body").Op("=").Op("&").Id("obj"))
	}
	absent := jen.Id("r").Dot("ContentLength").Op("==").Lit(0).Op("&&").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")).Op("==").Lit("")
	if b.required {
		return append([]jen.Code{jen.If(absent).Block(
			ret(jen.Op("&").Id("RequestError").Values(jen.Dict{jen.Id("Status"): httpQ("StatusBadRequest"), jen.Id("Detail"): jen.Lit("request body is required")})),
		)}, read...)
	}
	return []jen.Code{jen.If(jen.Op("!").Parens(absent)).Block(read...)}
}

// encodeMultipart emits the client's statements setting body and
// contentType to a multipart body streamed from req.Body, each part with
// the content type the encoding object declares (its first, for a list).
func (g *gen) encodeMultipart(oi *opInfo) []jen.Code {
	b := oi.body
	try := func(call jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	}
	var write []jen.Code
	if b.required {
		write = append(write, jen.Id("v").Op(":=").Op("&").Id("req").Dot("Body"))
	} else {
		write = append(write, jen.Id("v").Op(":=").Id("req").Dot("Body"))
	}
	for _, fi := range g.partFields(b.typ) {
		name, t, field := fi.f.Name, fi.f.Type, jen.Id("v").Dot(fi.goName)
		ct := jen.Lit(b.encoding[name])
		text := func(s jen.Code) jen.Code {
			return try(jen.Id("writeTextPart").Call(jen.Id("mw"), jen.Lit(name), ct, s))
		}
		switch partKindOf(t) {
		case partFile:
			write = append(write, try(jen.Id("writeFilePart").Call(jen.Id("mw"), jen.Lit(name), ct, field)))
		case partFiles:
			write = append(write, jen.For(jen.List(jen.Id("_"), jen.Id("fp")).Op(":=").Range().Add(field)).Block(
				try(jen.Id("writeFilePart").Call(jen.Id("mw"), jen.Lit(name), ct, jen.Id("fp")))))
		case partTexts:
			write = append(write, jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(field)).Block(
				text(g.formatScalar(t.Elem, jen.Id("x")))))
		case partText:
			if fi.f.Required {
				write = append(write, text(g.formatScalar(t, field)))
			} else {
				write = append(write, jen.If(field.Clone().Op("!=").Nil()).Block(text(g.formatPointer(t, field.Clone()))))
			}
		case partJSON:
			call := func(p jen.Code) jen.Code {
				return try(jen.Id("writeJSONPart").Call(jen.Id("mw"), jen.Lit(name), ct, p, g.writerFn(t)))
			}
			switch {
			case fi.f.Required:
				write = append(write, call(jen.Op("&").Add(field)))
			case nilable(g, t):
				write = append(write, jen.If(field.Clone().Op("!=").Nil()).Block(call(jen.Op("&").Add(field.Clone()))))
			default:
				write = append(write, jen.If(field.Clone().Op("!=").Nil()).Block(call(field.Clone())))
			}
		}
	}
	write = append(write, jen.Return(jen.Nil()))
	set := jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").Id("multipartBody").Call(
		jen.Func().Params(jen.Id("mw").Op("*").Qual("mime/multipart", "Writer")).Error().Block(write...))
	if b.required {
		return []jen.Code{set}
	}
	return []jen.Code{jen.If(jen.Id("req").Dot("Body").Op("!=").Nil()).Block(set)}
}
