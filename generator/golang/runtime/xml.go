package runtime

// XML bodies (application/xml, text/xml, +xml) of object schemas whose
// xml objects encoding/xml can carry. They travel through the JSON codec:
// an XML body read is turned into the JSON text of the same value, which
// the generated decoder reads (required properties, types, readOnly,
// additionalProperties: false: all checked as for JSON, with the same
// pointers), and a value sent as XML is written by the generated encoder
// (writeOnly properties dropped as for JSON) and its JSON turned into XML.
// The table of xmlType says how each object travels; the generator writes
// it from the contract's xml objects. encoding/xml does the reading
// (strict, no entity but the five predefined, no DTD) and the writing.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// xmlKind is what an element's or attribute's text holds.
type xmlKind uint8

// The kinds of xmlField: text (a JSON string), a number, a boolean, and
// an object whose type is another entry of the table.
const (
	xmlText xmlKind = iota
	xmlNumber
	xmlBool
	xmlObject
)

// xmlType says how one object schema travels as XML.
type xmlType struct {
	// space and local name the element of a body of this type (xml.name
	// and xml.namespace, else the schema's name).
	space, local string
	// closed refuses elements that are no property
	// (additionalProperties: false), as the JSON decoder refuses them.
	closed bool
	fields []xmlField
}

// xmlField is one property of an xmlType.
type xmlField struct {
	prop         string // the JSON property name
	space, local string // the element's (each item's, for an array) or attribute's name
	attr         bool   // an attribute (scalars only)
	kind         xmlKind
	obj          int  // xmlObject: the index of the property's (or items') type in the table
	array        bool // one element per item
	// wrapped: the items are inside one element named wrapSpace, wrap.
	wrapped         bool
	wrapSpace, wrap string
}

// xsiNamespace is XML Schema instance's namespace, whose nil attribute
// marks a null element.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// matches reports an element name matching the field's name: the same
// local name, in the field's namespace when it declares one.
func xmlNameMatches(n xml.Name, space, local string) bool {
	return n.Local == local && (space == "" || n.Space == space)
}

// xmlToJSON reads the XML document data as a value of types[root] and
// returns its JSON text. A document that is not well-formed XML, declares
// a DTD or nests deeper than the JSON reader reads is an error; so is one
// whose structure the table refutes (a *ValidationError naming the JSON
// pointer). Values are not checked here: the JSON decoder does that.
func xmlToJSON(data []byte, types []xmlType, root int) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	x := &xmlReader{d: d, types: types}
	start, err := x.prolog()
	if err != nil {
		return nil, err
	}
	t := &types[root]
	if !xmlNameMatches(start.Name, t.space, t.local) {
		return nil, &ValidationError{Message: fmt.Sprintf("the root element is %s, want %s", xmlNameText(start.Name), xmlNameText(xml.Name{Space: t.space, Local: t.local}))}
	}
	v, err := x.object(start, root, "", 1)
	if err != nil {
		return nil, err
	}
	if err := x.epilog(); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// xmlNameText writes an element name for messages: <name>, with its
// namespace in braces when it has one.
func xmlNameText(n xml.Name) string {
	if n.Space != "" {
		return "<{" + n.Space + "}" + n.Local + ">"
	}
	return "<" + n.Local + ">"
}

// xmlReader reads one document's elements into JSON values.
type xmlReader struct {
	d     *xml.Decoder
	types []xmlType
}

// errXMLDirective refuses a DTD or other directive: nothing in a body of
// a schema needs one, and refusing it leaves no entity to expand.
var errXMLDirective = errors.New("a DTD or other <!…> directive is not accepted")

// prolog reads up to the root element: the XML declaration, comments,
// processing instructions and white space may come before it.
func (x *xmlReader) prolog() (xml.StartElement, error) {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return xml.StartElement{}, xmlEOF(err, "the document has no root element")
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			return tok, nil
		case xml.Directive:
			return xml.StartElement{}, errXMLDirective
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return xml.StartElement{}, errors.New("text before the root element")
			}
		}
	}
}

// epilog reads what follows the root element: only comments, processing
// instructions and white space may.
func (x *xmlReader) epilog() error {
	for {
		tok, err := x.d.Token()
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			return errors.New("a second root element " + xmlNameText(tok.Name))
		case xml.Directive:
			return errXMLDirective
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return errors.New("text after the root element")
			}
		}
	}
}

// xmlEOF turns the end of the input into what was missing.
func xmlEOF(err error, missing string) error {
	if err == io.EOF {
		return errors.New(missing)
	}
	return err
}

// child reads up to the next child element of start: ok is false at
// start's end. Text goes to text when it is not nil; comments and
// processing instructions are skipped; a directive is refused.
func (x *xmlReader) child(start xml.StartElement, text *[]byte) (el xml.StartElement, ok bool, err error) {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return el, false, xmlEOF(err, "the document ends inside "+xmlNameText(start.Name))
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			return el, false, nil
		case xml.Directive:
			return el, false, errXMLDirective
		case xml.CharData:
			if text != nil {
				*text = append(*text, tok...)
			}
		case xml.StartElement:
			return tok, true, nil
		}
	}
}

// tooDeep refuses an element depth elements deep beyond what the JSON
// reader reads; each is a frame of the reader's stack.
func tooDeep(depth int) error {
	if depth > jsonReadMaxDepth {
		return fmt.Errorf("elements nest deeper than %d", jsonReadMaxDepth)
	}
	return nil
}

// object reads the attributes and child elements of start, an element of
// types[t] at JSON pointer ptr, depth elements deep.
func (x *xmlReader) object(start xml.StartElement, t int, ptr string, depth int) (map[string]any, error) {
	if err := tooDeep(depth); err != nil {
		return nil, err
	}
	ty := &x.types[t]
	obj := map[string]any{}
	for _, a := range start.Attr {
		for i := range ty.fields {
			if f := &ty.fields[i]; f.attr && xmlNameMatches(a.Name, f.space, f.local) {
				obj[f.prop] = xmlScalar(a.Value, f.kind)
			}
		}
	}
	for {
		el, ok, err := x.child(start, nil)
		if err != nil || !ok {
			return obj, err
		}
		f := ty.element(el.Name)
		if f == nil {
			if ty.closed {
				return nil, &ValidationError{Pointer: ptr + "/" + pointerToken(el.Name.Local), Message: "element " + xmlNameText(el.Name) + " is not a property of this object"}
			}
			if err := x.d.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		at := ptr + "/" + pointerToken(f.prop)
		items, _ := obj[f.prop].([]any)
		if _, dup := obj[f.prop]; dup && !(f.array && !f.wrapped) {
			return nil, &ValidationError{Pointer: at, Message: "element " + xmlNameText(el.Name) + " appears twice"}
		}
		var v any
		switch {
		case f.wrapped:
			v, err = x.wrapped(el, f, at, depth+1)
		case f.array:
			v, err = x.value(el, f, at+"/"+strconv.Itoa(len(items)), depth+1)
			v = append(items, v)
		default:
			v, err = x.value(el, f, at, depth+1)
		}
		if err != nil {
			return nil, err
		}
		obj[f.prop] = v
	}
}

// element is the field a child element named n holds, nil when none does.
func (t *xmlType) element(n xml.Name) *xmlField {
	for i := range t.fields {
		f := &t.fields[i]
		switch {
		case f.attr:
		case f.wrapped:
			if xmlNameMatches(n, f.wrapSpace, f.wrap) {
				return f
			}
		case xmlNameMatches(n, f.space, f.local):
			return f
		}
	}
	return nil
}

// wrapped reads the items of a wrapped array, inside start; elements of
// another name are skipped.
func (x *xmlReader) wrapped(start xml.StartElement, f *xmlField, ptr string, depth int) (any, error) {
	if xmlNil(start) {
		return nil, x.d.Skip()
	}
	if err := tooDeep(depth); err != nil {
		return nil, err
	}
	items := []any{}
	for {
		el, ok, err := x.child(start, nil)
		if err != nil || !ok {
			return items, err
		}
		if !xmlNameMatches(el.Name, f.space, f.local) {
			if err := x.d.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		v, err := x.value(el, f, ptr+"/"+strconv.Itoa(len(items)), depth+1)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
}

// value reads one element holding a value of f (an item, for an array):
// null when it says xsi:nil="true", an object, or a scalar from its text.
func (x *xmlReader) value(start xml.StartElement, f *xmlField, ptr string, depth int) (any, error) {
	if xmlNil(start) {
		return nil, x.d.Skip()
	}
	if f.kind == xmlObject {
		return x.object(start, f.obj, ptr, depth)
	}
	var text []byte
	el, ok, err := x.child(start, &text)
	switch {
	case err != nil:
		return nil, err
	case ok:
		return nil, &ValidationError{Pointer: ptr, Message: "element " + xmlNameText(start.Name) + " must hold text, not the element " + xmlNameText(el.Name)}
	}
	return xmlScalar(string(text), f.kind), nil
}

// xmlNil reports an element marked null: xsi:nil="true".
func xmlNil(start xml.StartElement) bool {
	for _, a := range start.Attr {
		if a.Name.Local == "nil" && (a.Name.Space == xsiNamespace || a.Name.Space == "xsi") {
			return strings.TrimSpace(a.Value) == "true" || strings.TrimSpace(a.Value) == "1"
		}
	}
	return false
}

// xmlScalar is the JSON value of an element's or attribute's text: a
// number or boolean when the text is one (XML Schema's 1 and 0 are
// booleans too), else the text as a string, which the JSON decoder then
// refuses where it wants a number or a boolean, naming the property.
func xmlScalar(s string, k xmlKind) any {
	switch k {
	case xmlNumber:
		t := strings.TrimSpace(s)
		if t != "" && (t[0] == '-' || t[0] >= '0' && t[0] <= '9') && json.Valid([]byte(t)) {
			return json.Number(t)
		}
	case xmlBool:
		switch strings.TrimSpace(s) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
	}
	return s
}

// jsonToXML writes the JSON value data, a value of types[root], as an XML
// document with its declaration.
func jsonToXML(data []byte, types []xmlType, root int) ([]byte, error) {
	v, err := decodeAny(data)
	if err != nil {
		return nil, err
	}
	return anyToXML(v, types, root)
}

// anyToXML writes v, a decoded JSON value of types[root], as an XML
// document: properties the table does not name (none, for the schemas the
// generator accepts) are left out, a null element is written with
// xsi:nil="true" and a null attribute is left out.
func anyToXML(v any, types []xmlType, root int) ([]byte, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("an XML body must be an object, not %T", v)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	w := &xmlWriter{e: xml.NewEncoder(&buf), types: types}
	t := &types[root]
	if err := w.object(xml.Name{Space: t.space, Local: t.local}, obj, root, 1); err != nil {
		return nil, err
	}
	if err := w.e.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xmlWriter writes JSON values as XML elements.
type xmlWriter struct {
	e     *xml.Encoder
	types []xmlType
}

// object writes obj, a value of types[t], as the element name.
func (w *xmlWriter) object(name xml.Name, obj map[string]any, t, depth int) error {
	if depth > jsonReadMaxDepth {
		return fmt.Errorf("values nest deeper than %d", jsonReadMaxDepth)
	}
	ty := &w.types[t]
	start := xml.StartElement{Name: name}
	for _, f := range ty.fields {
		if v, ok := obj[f.prop]; ok && f.attr && v != nil {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Space: f.space, Local: f.local}, Value: xmlString(v)})
		}
	}
	if err := w.e.EncodeToken(start); err != nil {
		return err
	}
	for i := range ty.fields {
		f := &ty.fields[i]
		v, ok := obj[f.prop]
		if !ok || f.attr {
			continue
		}
		item := xml.Name{Space: f.space, Local: f.local}
		if !f.array {
			if err := w.value(item, v, f, depth+1); err != nil {
				return err
			}
			continue
		}
		items, _ := v.([]any)
		if f.wrapped {
			outer := xml.StartElement{Name: xml.Name{Space: f.wrapSpace, Local: f.wrap}}
			if v == nil {
				if err := w.null(outer.Name); err != nil {
					return err
				}
				continue
			}
			if err := w.e.EncodeToken(outer); err != nil {
				return err
			}
			for _, it := range items {
				if err := w.value(item, it, f, depth+2); err != nil {
					return err
				}
			}
			if err := w.e.EncodeToken(outer.End()); err != nil {
				return err
			}
			continue
		}
		for _, it := range items {
			if err := w.value(item, it, f, depth+1); err != nil {
				return err
			}
		}
	}
	return w.e.EncodeToken(start.End())
}

// value writes one value of f (an item, for an array) as the element name.
func (w *xmlWriter) value(name xml.Name, v any, f *xmlField, depth int) error {
	switch v := v.(type) {
	case nil:
		return w.null(name)
	case map[string]any:
		if f.kind == xmlObject {
			return w.object(name, v, f.obj, depth)
		}
		return fmt.Errorf("%s holds an object where its schema has a scalar", xmlNameText(name))
	case []any:
		return fmt.Errorf("%s holds an array where its schema has none", xmlNameText(name))
	}
	start := xml.StartElement{Name: name}
	if err := w.e.EncodeToken(start); err != nil {
		return err
	}
	if err := w.e.EncodeToken(xml.CharData(xmlString(v))); err != nil {
		return err
	}
	return w.e.EncodeToken(start.End())
}

// null writes an empty element marked xsi:nil="true", with the xsi prefix
// declared on it.
func (w *xmlWriter) null(name xml.Name) error {
	start := xml.StartElement{Name: name, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: xsiNamespace},
		{Name: xml.Name{Local: "xsi:nil"}, Value: "true"},
	}}
	if err := w.e.EncodeToken(start); err != nil {
		return err
	}
	return w.e.EncodeToken(start.End())
}

// xmlString is the text of a scalar JSON value.
func xmlString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64) // digits, never 1e+06
	}
	return fmt.Sprint(v)
}

// isXMLMedia reports application/xml, text/xml and the +xml media types.
func isXMLMedia(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml")
}

// readXMLBody reads a request body of XML and returns the JSON text of
// the same value (types[root]), for the generated decoder: a document
// that is not well-formed, or whose structure the table refutes, is a 400.
func (s *server) readXMLBody(w http.ResponseWriter, r *http.Request, types []xmlType, root int) ([]byte, *RequestError) {
	data, rerr := s.readBody(w, r)
	if rerr != nil {
		return nil, rerr
	}
	out, err := xmlToJSON(data, types, root)
	if err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return nil, invalidValue("body", "", ve)
		}
		return nil, &RequestError{Status: http.StatusBadRequest, Detail: "request body is not valid XML: " + err.Error()}
	}
	return out, nil
}

// encodeXMLValue writes v (a pointer) as an XML document of types[root]:
// encoded by the generated JSON writer, then drop (the writeOnly walker,
// nil when the type has none) applied, then written as XML.
func encodeXMLValue[P any](v P, write func(P, *jsonWriter), types []xmlType, root int, drop func(any, bool) string) ([]byte, error) {
	b, err := encodeJSONValue(v, write)
	if err != nil {
		return nil, err
	}
	x, err := decodeAny(b)
	if err != nil {
		return nil, err
	}
	if drop != nil {
		drop(x, true)
	}
	return anyToXML(x, types, root)
}

// sendXML writes a handler's typed response as XML of types[root].
func sendXML[P any](s *server, w http.ResponseWriter, r *http.Request, status int, contentType string, v P, write func(P, *jsonWriter), types []xmlType, root int, drop func(any, bool) string) {
	b, err := encodeXMLValue(v, write, types, root, drop)
	if err != nil {
		s.handlerError(w, r, fmt.Errorf("encoding response: %w", err))
		return
	}
	sendRaw(w, status, contentType, contentType, b)
}

// prefersXML reports whether a request's Accept header ranks the XML
// media type xmlMedia above the JSON one, jsonMedia: each takes the
// quality of the most specific range matching it; a tie, or no Accept,
// is JSON's.
func prefersXML(r *http.Request, jsonMedia, xmlMedia string) bool {
	accept := r.Header.Values("Accept")
	if len(accept) == 0 {
		return false
	}
	return acceptQuality(accept, xmlMedia) > acceptQuality(accept, jsonMedia)
}

// acceptQuality is the quality Accept header values give media type mt:
// that of the most specific range matching it (type/subtype, type/*,
// */*), 0 when none does.
func acceptQuality(accept []string, mt string) float64 {
	mt, _, _ = strings.Cut(mt, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	typ, _, _ := strings.Cut(mt, "/")
	best, q := 0, 0.0
	for _, line := range accept {
		for _, rng := range strings.Split(line, ",") {
			name, params, _ := strings.Cut(rng, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			spec := 0
			switch {
			case name == mt:
				spec = 3
			case name == typ+"/*":
				spec = 2
			case name == "*/*":
				spec = 1
			default:
				continue
			}
			if spec < best {
				continue
			}
			rq := 1.0
			for _, p := range strings.Split(params, ";") {
				k, v, _ := strings.Cut(p, "=")
				if strings.TrimSpace(k) == "q" {
					if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
						rq = f
					}
				}
			}
			if spec > best || rq > q {
				best, q = spec, rq
			}
		}
	}
	return q
}

// decodeXMLResponse reads a response body of XML into v (a pointer) with
// read, through its JSON text (see xmlToJSON). jsonToo: the response
// declares JSON of the same schema too, so a body whose Content-Type is
// not XML is read as JSON.
func decodeXMLResponse[P any](resp *http.Response, v P, read func(P, *jsonReader) error, types []xmlType, root int, jsonToo bool) error {
	if jsonToo && !isXMLMedia(resp.Header.Get("Content-Type")) {
		return decodeResponse(resp, v, read)
	}
	b, err := readAll(resp.Body, resp.ContentLength, maxResponseBytes)
	if err != nil {
		return fmt.Errorf("reading %d response: %w", resp.StatusCode, err)
	}
	j, err := xmlToJSON(b, types, root)
	if err == nil {
		err = decodeJSONValue(j, v, read)
	}
	if err != nil {
		return fmt.Errorf("decoding %d response: %w", resp.StatusCode, err)
	}
	return nil
}
