package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/xmlmap"
)

// XML bodies: a body of an XML media type that the contract marks to
// travel as XML (contract.Content.XML: an object schema whose xml objects
// encoding/xml can carry) is typed like a JSON body. The runtime
// (runtime/xml.go) reads the XML into the JSON text of the same value for
// the generated decoder, and writes a value's JSON as XML, both after a
// table of how each object travels: xmlBodies, one xmlType per object
// type reached from an XML body, written here from the contract's xml
// objects by package xmlmap (which the mock shares). The code here writes
// the table and names, per body and response, which entry is its root.

// xmlTableName is the package-level table of the XML bodies' types.
const xmlTableName = "xmlBodies"

// xmlRoot is the index of t's entry in xmlBodies, adding the entries of t
// and every object type its properties and items hold.
func (g *gen) xmlRoot(t *contract.Type) int {
	if g.xml == nil {
		g.xml = &xmlmap.Table{}
	}
	return g.xml.Root(t)
}

// xmlKinds name the runtime's xmlKind constants by value.
var xmlKinds = map[int]string{xmlmap.KindNumber: "xmlNumber", xmlmap.KindBool: "xmlBool", xmlmap.KindObject: "xmlObject"}

// emitXMLTable writes xmlBodies, when an XML body uses it: the entries
// xmlmap builds, as a literal of the runtime's xmlType.
func (g *gen) emitXMLTable(f *jen.File) {
	if g.xml == nil {
		return
	}
	var entries []jen.Code
	for _, o := range g.xml.Objects() {
		var fields []jen.Code
		for _, fd := range o.Fields {
			e := jen.Dict{jen.Id("prop"): jen.Lit(fd.Prop), jen.Id("local"): jen.Lit(fd.Local)}
			set := func(name string, ok bool, v jen.Code) {
				if ok {
					e[jen.Id(name)] = v
				}
			}
			set("space", fd.Space != "", jen.Lit(fd.Space))
			set("attr", fd.Attr, jen.True())
			set("kind", xmlKinds[fd.Kind] != "", jen.Id(xmlKinds[fd.Kind]))
			set("obj", fd.Kind == xmlmap.KindObject, jen.Lit(fd.Obj))
			set("array", fd.Array, jen.True())
			set("wrapped", fd.Wrapped, jen.True())
			set("wrap", fd.Wrapped, jen.Lit(fd.Wrap))
			set("wrapSpace", fd.WrapSpace != "", jen.Lit(fd.WrapSpace))
			fields = append(fields, jen.Values(e))
		}
		e := jen.Dict{jen.Id("local"): jen.Lit(o.Local), jen.Id("fields"): jen.Index().Id("xmlField").Values(fields...)}
		if o.Space != "" {
			e[jen.Id("space")] = jen.Lit(o.Space)
		}
		if o.Closed {
			e[jen.Id("closed")] = jen.True()
		}
		entries = append(entries, jen.Values(e))
	}
	f.Comment(xmlTableName + " says how the object types of XML bodies travel as XML: element")
	f.Comment("and attribute names, namespaces, arrays and their wrapping elements.")
	f.Var().Id(xmlTableName).Op("=").Index().Id("xmlType").Values(entries...)
	f.Line()
}

// xmlArgs are the arguments naming a body's entry in the table: the
// table and the index of t.
func (g *gen) xmlArgs(t *contract.Type) []jen.Code {
	return []jen.Code{jen.Id(xmlTableName), jen.Lit(g.xml.Root(t))}
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
	var drop jen.Code = jen.Nil() // readOnly properties are left out of requests
	if w := g.walker(b.typ, readOnly); w != "" {
		drop = jen.Id(w)
	}
	return []jen.Code{
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("encodeXMLValue").Call(append(append([]jen.Code{body, g.writerFn(b.typ)}, g.xmlArgs(b.typ)...), drop)...),
		jen.If(jen.Err().Op("!=").Nil()).Block(g.callFail(oi, jen.Qual("fmt", "Errorf").Call(jen.Lit("encoding body: %w"), jen.Err()))),
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
