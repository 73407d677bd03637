package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// XML bodies: a body of an XML media type that the contract marks to
// travel as XML (contract.Content.XML: an object schema whose xml objects
// encoding/xml can carry) is typed like a JSON body. The runtime
// (runtime/xml.go) reads the XML into the JSON text of the same value for
// the generated decoder, and writes a value's JSON as XML, both after a
// table of how each object travels: xmlBodies, one xmlType per object
// type reached from an XML body, written here from the contract's xml
// objects. The code here fills the table and names, per body and
// response, which entry is its root.

// xmlTableName is the package-level table of the XML bodies' types.
const xmlTableName = "xmlBodies"

// xmlTable lists the object types of XML bodies in the order their
// entries appear in xmlBodies.
type xmlTable struct {
	types []*contract.Type
	index map[*contract.Type]int
}

// xmlRoot is the index of t's entry in xmlBodies, adding the entries of t
// and every object type its properties and items hold.
func (g *gen) xmlRoot(t *contract.Type) int {
	if g.xml == nil {
		g.xml = &xmlTable{index: map[*contract.Type]int{}}
	}
	if i, ok := g.xml.index[t]; ok {
		return i
	}
	i := len(g.xml.types)
	g.xml.index[t] = i
	g.xml.types = append(g.xml.types, t)
	for _, f := range t.Fields {
		ft := f.Type
		if ft.Kind == contract.KindArray && ft.Elem != nil {
			ft = ft.Elem
		}
		if ft.Kind == contract.KindObject {
			g.xmlRoot(ft)
		}
	}
	return i
}

// emitXMLTable writes xmlBodies, when an XML body uses it.
func (g *gen) emitXMLTable(f *jen.File) {
	if g.xml == nil {
		return
	}
	var entries []jen.Code
	for _, t := range g.xml.types {
		var fields []jen.Code
		for _, fd := range t.Fields {
			fields = append(fields, g.xmlFieldEntry(fd))
		}
		e := jen.Dict{
			jen.Id("local"):  jen.Lit(contract.XMLRootName(t)),
			jen.Id("fields"): jen.Index().Id("xmlField").Values(fields...),
		}
		if ns := contract.XMLNamespace(t); ns != "" {
			e[jen.Id("space")] = jen.Lit(ns)
		}
		if t.Additional == contract.AdditionalFalse {
			e[jen.Id("closed")] = jen.True()
		}
		entries = append(entries, jen.Values(e))
	}
	f.Comment(xmlTableName + " says how the object types of XML bodies travel as XML: element")
	f.Comment("and attribute names, namespaces, arrays and their wrapping elements.")
	f.Var().Id(xmlTableName).Op("=").Index().Id("xmlType").Values(entries...)
	f.Line()
}

// xmlFieldEntry is the xmlField of property fd.
func (g *gen) xmlFieldEntry(fd *contract.Field) jen.Code {
	ft := fd.Type
	e := jen.Dict{jen.Id("prop"): jen.Lit(fd.Name)}
	name, space := contract.XMLName(fd), contract.XMLNamespace(ft)
	if ft.Kind == contract.KindArray && ft.Elem != nil {
		e[jen.Id("array")] = jen.True()
		if contract.XMLWrapped(fd) {
			e[jen.Id("wrapped")] = jen.True()
			e[jen.Id("wrap")] = jen.Lit(name)
			if space != "" {
				e[jen.Id("wrapSpace")] = jen.Lit(space)
			}
		}
		name, ft = contract.XMLItemName(fd), ft.Elem
		space = contract.XMLNamespace(ft)
	}
	e[jen.Id("local")] = jen.Lit(name)
	if space != "" {
		e[jen.Id("space")] = jen.Lit(space)
	}
	if contract.XMLAttribute(fd) {
		e[jen.Id("attr")] = jen.True()
	}
	kind, base := ft.Kind, ft.Kind
	if kind == contract.KindEnum {
		base = ft.Base
	}
	switch {
	case kind == contract.KindObject:
		e[jen.Id("kind")] = jen.Id("xmlObject")
		e[jen.Id("obj")] = jen.Lit(g.xml.index[ft])
	case base == contract.KindInt || base == contract.KindNumber:
		e[jen.Id("kind")] = jen.Id("xmlNumber")
	case base == contract.KindBool:
		e[jen.Id("kind")] = jen.Id("xmlBool")
	}
	return jen.Values(e)
}

// xmlArgs are the arguments naming a body's entry in the table: the
// table and the index of t.
func (g *gen) xmlArgs(t *contract.Type) []jen.Code {
	return []jen.Code{jen.Id(xmlTableName), jen.Lit(g.xml.index[t])}
}

// xmlBeside is the first XML media type of cs that travels as XML with
// the schema t of a JSON body, "" when there is none.
func (g *gen) xmlBeside(cs []*contract.Content, t *contract.Type) string {
	for _, c := range cs {
		if c.XML && c.Type == t {
			g.xmlRoot(t)
			return c.MediaType
		}
	}
	return ""
}

// decodeXMLCase is the case of a request's media type switch reading an
// XML body: the runtime turns it into JSON, and decode (the JSON case's
// statements after reading the body: readOnly, decoding) takes it from
// there.
func (g *gen) decodeXMLCase(b bodyInfo, decode []jen.Code) jen.Code {
	lits := []jen.Code{jen.Id("mt")}
	for _, m := range b.xml {
		lits = append(lits, jen.Lit(m))
	}
	read := jen.List(jen.Id("data"), jen.Id("rerr")).Op(":=").Id("s").Dot("readXMLBody").Call(append([]jen.Code{jen.Id("w"), jen.Id("r")}, g.xmlArgs(b.typ)...)...)
	return jen.Case(jen.Id("mediaMatches").Call(lits...)).Block(append([]jen.Code{read}, decode...)...)
}

// writeXML is the statement writing a typed response ri: asJSON when
// XML does not carry it; as XML when only XML does; else as the request's
// Accept prefers.
func (g *gen) writeXML(ri respInfo, status, asJSON jen.Code) jen.Code {
	if ri.xml == "" {
		return asJSON
	}
	drop := jen.Nil()
	if w := g.walker(ri.typ, writeOnly); w != "" {
		drop = jen.Id(w)
	}
	args := append([]jen.Code{jen.Id("s"), jen.Id("w"), jen.Id("r"), status, jen.Lit(ri.xml), jen.Op("&").Id("v").Dot("Body"), g.writerFn(ri.typ)}, g.xmlArgs(ri.typ)...)
	send := jen.Id("sendXML").Call(append(args, drop)...)
	if ri.xml == ri.media {
		return send
	}
	return jen.If(jen.Id("prefersXML").Call(jen.Id("r"), jen.Lit(ri.media), jen.Lit(ri.xml))).Block(send).Else().Block(asJSON)
}

// encodeXMLBody is the client's statements sending a typed request body
// that only XML carries (the pointer body) in the first XML media type.
func (g *gen) encodeXMLBody(oi *opInfo, body jen.Code) []jen.Code {
	b := oi.body
	return []jen.Code{
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("encodeXMLValue").Call(append(append([]jen.Code{body, g.writerFn(b.typ)}, g.xmlArgs(b.typ)...), jen.Nil())...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("encoding body: %w"), jen.Err()))),
		jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").List(jen.Qual("bytes", "NewReader").Call(jen.Id("b")), jen.Lit(b.xml[0])),
	}
}

// decodeXMLResponse is the client's call decoding typed response ri into
// out.Body: decodeResponse for JSON alone; for XML, alone or beside JSON
// (then chosen by the response's Content-Type), decodeXMLResponse.
func (g *gen) decodeXMLResponse(ri respInfo) jen.Code {
	args := []jen.Code{jen.Id("resp"), jen.Op("&").Id("out").Dot("Body"), g.readerFn(ri.typ)}
	if ri.xml == "" {
		return jen.Id("decodeResponse").Call(args...)
	}
	args = append(append(args, g.xmlArgs(ri.typ)...), jen.Lit(ri.xml != ri.media))
	return jen.Id("decodeXMLResponse").Call(args...)
}
