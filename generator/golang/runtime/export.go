package runtime

import "net/url"

// This file is not copied into generated packages: it exports the
// runtime's parameter serializers to toolkit itself (validate's requests,
// the docs' curl lines), so one source writes a parameter value wherever
// toolkit writes one, and the error-body fill to the mock, so the mock's
// own answers are filled as generated servers fill theirs.

// StylePath writes a path parameter by its style (simple, label, matrix).
func StylePath(name, style string, explode, object bool, items []string) string {
	return stylePath(name, style, explode, object, items)
}

// StyleQuery adds a query parameter to q by its style (form,
// spaceDelimited, pipeDelimited, deepObject).
func StyleQuery(q url.Values, name, style string, explode, object bool, items []string) {
	styleQuery(q, name, style, explode, object, items)
}

// StyleHeader writes a header or cookie parameter (style simple).
func StyleHeader(explode, object bool, items []string) string {
	return styleHeader(explode, object, items)
}

// ErrorFill is one property an error body sets: Fixed when it is not nil,
// else the message, in the first such property whose length bounds (Min,
// Max in characters; -1 for none) it fits.
type ErrorFill struct {
	Name     string
	Fixed    any
	Min, Max int
}

// FillError sets fills in obj as a generated server does.
func FillError(obj map[string]any, fills []ErrorFill, message string) {
	fs := make([]errorFill, len(fills))
	for i, f := range fills {
		fs[i] = errorFill{name: f.Name, fixed: f.Fixed, min: f.Min, max: f.Max}
	}
	fillError(obj, fs, message)
}

// XMLObject is one entry of an XML table (see xmlType), for toolkit
// itself: package contract/xmlmap builds the table the generator writes
// and the mock uses to answer in XML, so both write a value alike.
type XMLObject struct {
	Space, Local string
	Closed       bool
	Fields       []XMLField
}

// XMLField is one property of an XMLObject (see xmlField).
type XMLField struct {
	Prop, Space, Local string
	Attr               bool
	// Kind: 0 text, 1 number, 2 boolean, 3 object (Obj is its index).
	Kind            int
	Obj             int
	Array, Wrapped  bool
	WrapSpace, Wrap string
}

// EncodeXML writes v, a JSON value (decoded into any) of table[root], as
// an XML document, as a generated server writes it.
func EncodeXML(v any, table []XMLObject, root int) ([]byte, error) {
	return anyToXML(v, xmlTypes(table), root)
}

// XMLToJSON reads an XML document of table[root] into the JSON text of the
// same value, as a generated server reads a request body.
func XMLToJSON(data []byte, table []XMLObject, root int) ([]byte, error) {
	return xmlToJSON(data, xmlTypes(table), root)
}

// xmlTypes is the runtime's form of an exported XML table.
func xmlTypes(table []XMLObject) []xmlType {
	types := make([]xmlType, len(table))
	for i, o := range table {
		t := xmlType{space: o.Space, local: o.Local, closed: o.Closed}
		for _, f := range o.Fields {
			t.fields = append(t.fields, xmlField{prop: f.Prop, space: f.Space, local: f.Local, attr: f.Attr, kind: xmlKind(f.Kind), obj: f.Obj,
				array: f.Array, wrapped: f.Wrapped, wrapSpace: f.WrapSpace, wrap: f.Wrap})
		}
		types[i] = t
	}
	return types
}

// DecodeJSON decodes data, one JSON document and nothing after it, as
// encoding/json decodes it into an any (map[string]any, []any, float64,
// string, bool, nil), without reflection: the contract loader reads JSON
// contracts with it. A number too large for a float64 is an error here,
// where encoding/json's UseNumber would keep it.
func DecodeJSON(data []byte) (any, error) {
	r := jsonReader{data: data, src: string(data)}
	v, err := r.value()
	if err == nil {
		err = r.end()
	}
	return v, err
}

// KeyOrder is the order of the property-name tables generated decodeJSON
// methods search with memberIndex; the generator sorts them with it.
func KeyOrder(a, b string) int { return keyOrder(a, b) }

// AcceptQuality is the quality Accept header values give a media type (see
// acceptQuality): the mock chooses its answer's media type with the rule
// the generated server negotiates by.
func AcceptQuality(accept []string, mediaType string) float64 {
	return acceptQuality(accept, mediaType)
}
