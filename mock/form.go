package mock

import (
	"context"
	"mime"
	"net/url"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/xmlmap"
)

// validateRequest checks a request as the generated server would. kin-openapi
// decodes an application/x-www-form-urlencoded body only when its schema
// says type: object at the top; a schema composed with allOf (the usual
// NewItem = allOf[Base, {…}]) is refused as "unsupported schema of request
// body", so a valid form was answered 400 where Prism answers 201. For
// such bodies the parameters are checked by kin-openapi and the body is
// decoded here, each field by the type its property declares, and checked
// against the whole schema.
//
// An XML body (xml, the declared content it was sent as; nil otherwise),
// which kin-openapi cannot read, is read as the generated server reads it
// and checked against its schema, the parameters by kin-openapi.
func validateRequest(in *openapi3filter.RequestValidationInput, body []byte, xml *contract.Content) error {
	if xml != nil {
		return xmlmap.ValidateRequest(in, xml, body)
	}
	err := openapi3filter.ValidateRequest(context.Background(), in)
	if err == nil || !strings.Contains(err.Error(), "unsupported schema of request body") {
		return err
	}
	sch := formSchema(in)
	if sch == nil {
		return err
	}
	opts := *in.Options
	opts.ExcludeRequestBody = true
	params := *in
	params.Options = &opts
	if err := openapi3filter.ValidateRequest(context.Background(), &params); err != nil {
		return err
	}
	values, perr := url.ParseQuery(string(body))
	if perr != nil {
		return perr
	}
	return sch.VisitJSON(decodeForm(values, sch), openapi3.VisitAsRequest(), openapi3.EnableFormatValidation(), openapi3.MultiErrors())
}

// formSchema is the schema of the request's urlencoded body when it has
// no top-level type but an allOf to take properties from; nil otherwise.
func formSchema(in *openapi3filter.RequestValidationInput) *openapi3.Schema {
	mt, _, _ := mime.ParseMediaType(in.Request.Header.Get("Content-Type"))
	rb := in.Route.Operation.RequestBody
	if mt != "application/x-www-form-urlencoded" || rb == nil || rb.Value == nil {
		return nil
	}
	c := rb.Value.Content.Get(mt)
	if c == nil || c.Schema == nil || c.Schema.Value == nil || len(c.Schema.Value.AllOf) == 0 {
		return nil
	}
	return c.Schema.Value
}

// formProperty finds a property's schema in sch or its allOf parts
// (depth-bounded: schemas may be recursive).
func formProperty(sch *openapi3.Schema, name string, depth int) *openapi3.Schema {
	if sch == nil || depth > 8 {
		return nil
	}
	if p := sch.Properties[name]; p != nil && p.Value != nil {
		return p.Value
	}
	for _, part := range sch.AllOf {
		if part != nil {
			if p := formProperty(part.Value, name, depth+1); p != nil {
				return p
			}
		}
	}
	return nil
}

// decodeForm turns form fields into the JSON value the schema checks:
// numbers, integers and booleans parsed (left as text when they do not
// parse, so the check names the field), arrays from repeated fields.
func decodeForm(values url.Values, sch *openapi3.Schema) map[string]any {
	out := make(map[string]any, len(values))
	for name, vs := range values {
		p := formProperty(sch, name, 0)
		if p != nil && p.Type.Is("array") {
			var item *openapi3.Schema
			if p.Items != nil {
				item = p.Items.Value
			}
			arr := make([]any, 0, len(vs))
			for _, v := range vs {
				arr = append(arr, formScalar(v, item))
			}
			out[name] = arr
			continue
		}
		out[name] = formScalar(vs[0], p)
	}
	return out
}

// formScalar parses one field by its schema's type.
func formScalar(v string, sch *openapi3.Schema) any {
	if sch == nil {
		return v
	}
	switch {
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
	case sch.Type.Is("boolean"):
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
	}
	return v
}
