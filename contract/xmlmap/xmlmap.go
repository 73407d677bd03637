// Package xmlmap says how the object types of XML bodies travel as XML:
// the table the generated code's runtime reads and writes XML with
// (runtime.XMLObject, one entry per object type), built here once from
// the contract's xml objects for the Go generator, which writes it into
// each package, and for the mock, which answers in XML with it.
package xmlmap

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator/golang/runtime"
)

// The kinds of runtime.XMLField: what an element's or attribute's text
// holds.
const (
	KindText   = 0
	KindNumber = 1
	KindBool   = 2
	KindObject = 3
)

// Table numbers the object types of XML bodies, each once, in the order
// Root meets them.
type Table struct {
	types []*contract.Type
	index map[*contract.Type]int
}

// Root is the index of object type t's entry, adding the entries of t and
// of every object type its properties and items hold. t is the type of a
// content whose XML is set (contract.Content.XML).
func (x *Table) Root(t *contract.Type) int {
	if x.index == nil {
		x.index = map[*contract.Type]int{}
	}
	if i, ok := x.index[t]; ok {
		return i
	}
	i := len(x.types)
	x.index[t] = i
	x.types = append(x.types, t)
	for _, f := range t.Fields {
		ft := f.Type
		if ft.Kind == contract.KindArray && ft.Elem != nil {
			ft = ft.Elem
		}
		if ft.Kind == contract.KindObject {
			x.Root(ft)
		}
	}
	return i
}

// Index is the index of t's entry and whether it has one, adding none.
func (x *Table) Index(t *contract.Type) (int, bool) {
	i, ok := x.index[t]
	return i, ok
}

// Len is the number of entries.
func (x *Table) Len() int { return len(x.types) }

// Objects are the entries, in index order.
func (x *Table) Objects() []runtime.XMLObject {
	out := make([]runtime.XMLObject, len(x.types))
	for i, t := range x.types {
		o := runtime.XMLObject{Space: contract.XMLNamespace(t), Local: contract.XMLRootName(t), Closed: t.Additional == contract.AdditionalFalse}
		for _, f := range t.Fields {
			o.Fields = append(o.Fields, x.field(f))
		}
		out[i] = o
	}
	return out
}

// field is the entry of property f: an element (an attribute, with
// attribute: true) named by its xml object; an array's items named by
// theirs, inside the array's element when wrapped.
func (x *Table) field(f *contract.Field) runtime.XMLField {
	ft := f.Type
	e := runtime.XMLField{Prop: f.Name, Local: contract.XMLName(f), Space: contract.XMLNamespace(ft), Attr: contract.XMLAttribute(f)}
	if ft.Kind == contract.KindArray && ft.Elem != nil {
		e.Array = true
		if contract.XMLWrapped(f) {
			e.Wrapped, e.Wrap, e.WrapSpace = true, e.Local, e.Space
		}
		ft = ft.Elem
		e.Local, e.Space = contract.XMLItemName(f), contract.XMLNamespace(ft)
	}
	base := ft.Kind
	if base == contract.KindEnum {
		base = ft.Base
	}
	switch base {
	case contract.KindObject:
		e.Kind, e.Obj = KindObject, x.index[ft]
	case contract.KindInt, contract.KindNumber:
		e.Kind = KindNumber
	case contract.KindBool:
		e.Kind = KindBool
	}
	return e
}

// Encode writes v, a value of object type t decoded from JSON (or a
// sample), as an XML document: the mock's answer in an XML media type.
func Encode(t *contract.Type, v any) ([]byte, error) {
	var x Table
	root := x.Root(t)
	return runtime.EncodeXML(v, x.Objects(), root)
}

// Request is the declared content of op's request body that travels as
// XML and has media type mt (parameters stripped, any case), nil when
// there is none: kin-openapi cannot read XML, so validate and the mock
// check such bodies with ValidateRequest.
func Request(op *contract.Operation, mt string) *contract.Content {
	if op == nil || op.Body == nil {
		return nil
	}
	return Find(op.Body.Contents, mt)
}

// Find is the content of cs that travels as XML and has media type mt
// (any case), nil when there is none.
func Find(cs []*contract.Content, mt string) *contract.Content {
	for _, c := range cs {
		if c.XML && strings.EqualFold(c.MediaType, mt) {
			return c
		}
	}
	return nil
}

// ErrOverBudget is ValidateRequest's error for a body whose schema check
// would take more than contract.MaxValidationVisits.
var ErrOverBudget = fmt.Errorf("checking the body against its schema would take more than %d schema visits", contract.MaxValidationVisits)

// ValidateRequest checks a request whose body is XML of content c as the
// generated server reads it: the parameters by kin-openapi (which cannot
// read XML, so without the body), the body read into the JSON of the same
// value and checked as a request against the schema of c's media type.
// validate (which sends only what the contract accepts) and the mock
// (which refuses what it does not) judge XML requests with it alike.
func ValidateRequest(in *openapi3filter.RequestValidationInput, c *contract.Content, body []byte) error {
	opts := *in.Options
	opts.ExcludeRequestBody = true
	params := *in
	params.Options = &opts
	if err := openapi3filter.ValidateRequest(context.Background(), &params); err != nil {
		return err
	}
	v, err := DecodeValue(c.Type, body)
	if err != nil {
		return fmt.Errorf("request body is not XML of its schema: %w", err)
	}
	rb := in.Route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return nil
	}
	mt := rb.Value.Content.Get(c.MediaType)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	if !contract.WithinValidationBudget(mt.Schema.Value, v) {
		return ErrOverBudget
	}
	visit := append([]openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}, opts.SchemaValidationOptions...)
	if opts.MultiError {
		visit = append(visit, openapi3.MultiErrors())
	}
	if err := mt.Schema.Value.VisitJSON(v, visit...); err != nil {
		return fmt.Errorf("request body has an error: %w", err)
	}
	return nil
}

// DecodeValue reads an XML document of object type t into the value its
// JSON decodes to (map[string]any, float64 …), ready for a JSON Schema
// check.
func DecodeValue(t *contract.Type, data []byte) (any, error) {
	j, err := Decode(t, data)
	if err != nil {
		return nil, err
	}
	var v any
	err = json.Unmarshal(j, &v)
	return v, err
}

// Decode reads an XML document of object type t (a content whose XML is
// set) into the JSON text of the same value, as a generated server reads
// it: validate checks an XML answer against its schema through it.
func Decode(t *contract.Type, data []byte) ([]byte, error) {
	var x Table
	root := x.Root(t)
	return runtime.XMLToJSON(data, x.Objects(), root)
}
