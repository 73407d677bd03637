// Package errbody is the one rule for the answers a server gives on its
// own — a request it refuses with 400, 401, 403, 404, 405, 413, 415 … —
// so that they keep to the contract. The mock applies it at run time; the
// Go generator applies it at generation time and writes the result into
// each generated server as data, so both answer the same request with the
// same status, media type and body shape.
package errbody

import (
	"encoding/json"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/generator/golang/runtime"
)

// Answer is the declared response a server uses for one status it sends
// on its own.
type Answer struct {
	// Status is the code to send: the one asked for, or 422 for a 400
	// when the operation declares only that (see For).
	Status   int
	Response *contract.Response
	// Content is the response's first declared content; nil when the
	// response declares no body.
	Content *contract.Content
	// Example is the body before filling: the content's example, or the
	// smallest value of its schema.
	Example any
	// Fills are the properties of Example that take the status, its text
	// or the message, in the order they are tried.
	Fills []Fill
}

// Fill is one property of an error object that is set on every answer.
type Fill struct {
	// Name is the JSON property name.
	Name string
	// Value is set as it is; nil means the message, which is set only in
	// the first message property whose MinLength and MaxLength (in
	// characters, -1 for none) it fits.
	Value                any
	MinLength, MaxLength int
}

// Property names For fills, lower case.
var (
	messageNames = map[string]bool{"detail": true, "message": true, "error_description": true, "errormessage": true, "description": true, "msg": true}
	titleNames   = map[string]bool{"title": true, "error": true}
	codeNames    = map[string]bool{"status": true, "code": true, "statuscode": true, "status_code": true, "httpstatus": true}
)

// For picks op's declared response for status: the exact code first,
// then its range ("4XX"), then "default"; for 400, a declared 422 when
// none of those is. The body is in that response's first declared media
// type: the content's example, or the smallest value of its schema, with
// message-like string properties (detail, message, error_description,
// description) set to the message, title-like ones (title, error) to the
// status text, and code-like ones (status, code, statusCode, status_code)
// to the status, each only where the property's schema takes the value.
//
// For returns nil when the operation declares nothing for status: answer
// an RFC 9457 application/problem+json body then.
func For(op *contract.Operation, status int) *Answer {
	resp := Declared(op, status)
	if resp == nil && status == http.StatusBadRequest {
		status = http.StatusUnprocessableEntity
		resp = Declared(op, status)
	}
	if resp == nil {
		return nil
	}
	a := &Answer{Status: status, Response: resp}
	if len(resp.Contents) == 0 {
		return a
	}
	a.Content = resp.Contents[0]
	a.Example = sample.ContentExample(a.Content, sample.Response)
	a.Fills = Fills(a.Content.Type, a.Example, status)
	return a
}

// Body is the answer's body carrying message; nil without content.
func (a *Answer) Body(message string) any {
	if a.Content == nil {
		return nil
	}
	return Apply(a.Example, a.Fills, message)
}

// Declared returns the response op declares for status: exact code,
// then range, then default; nil when there is none.
func Declared(op *contract.Operation, status int) *contract.Response {
	if op == nil {
		return nil
	}
	code, class := strconv.Itoa(status), strconv.Itoa(status/100)+"XX"
	for _, want := range []string{code, class, "default"} {
		for _, r := range op.Responses {
			if strings.EqualFold(r.Status, want) {
				return r
			}
		}
	}
	return nil
}

// Fills lists the properties of the error object example (of schema t)
// that For's rule sets for status. Nothing when example is no object.
func Fills(t *contract.Type, example any, status int) []Fill {
	obj, ok := example.(map[string]any)
	if !ok || t == nil {
		return nil
	}
	var fills []Fill
	for _, f := range t.Fields {
		name := strings.ToLower(f.Name)
		fill := Fill{Name: f.Name, MinLength: -1, MaxLength: -1}
		switch {
		case messageNames[name]:
			if !plainString(f.Type) {
				continue
			}
			c := f.Type.Constraints
			if c.MinLength != nil {
				fill.MinLength = int(*c.MinLength)
			}
			if c.MaxLength != nil {
				fill.MaxLength = int(*c.MaxLength)
			}
			fills = append(fills, fill)
			continue
		case titleNames[name]:
			fill.Value = http.StatusText(status)
		case codeNames[name]:
			fill.Value = float64(status)
			if f.Type != nil && f.Type.Kind == contract.KindString {
				fill.Value = strconv.Itoa(status)
			}
		default:
			continue
		}
		if _, present := obj[f.Name]; !present && !f.Required {
			continue
		}
		if takes(f.Type, fill.Value) {
			fills = append(fills, fill)
		}
	}
	return fills
}

// Apply copies the example error object v with fills set, by the fill
// generated servers run (runtime.FillError); a value that is not an object
// is returned as it is.
func Apply(v any, fills []Fill, message string) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	cp := maps.Clone(obj)
	fs := make([]runtime.ErrorFill, len(fills))
	for i, f := range fills {
		fs[i] = runtime.ErrorFill{Name: f.Name, Fixed: f.Value, Min: f.MinLength, Max: f.MaxLength}
	}
	runtime.FillError(cp, fs, message)
	return cp
}

// plainString reports a string schema that takes any text, up to its
// length bounds.
func plainString(t *contract.Type) bool {
	return t != nil && t.Kind == contract.KindString && t.Format == "" && t.Constraints.Pattern == "" && !t.HasConst
}

// takes reports whether a plain string or integer schema certainly
// accepts v; anything it cannot judge (patterns, formats, enums,
// unions) is no.
func takes(t *contract.Type, v any) bool {
	if t == nil {
		return false
	}
	c := t.Constraints
	switch v := v.(type) {
	case string:
		n := uint64(len([]rune(v)))
		return plainString(t) && (c.MaxLength == nil || n <= *c.MaxLength) && (c.MinLength == nil || n >= *c.MinLength)
	case float64:
		return (t.Kind == contract.KindInt || t.Kind == contract.KindNumber) && !t.HasConst &&
			(c.Minimum == nil || v >= *c.Minimum) && (c.Maximum == nil || v <= *c.Maximum) && c.MultipleOf == nil
	}
	return false
}

// Encode renders the value v of content c as it goes on the wire, with
// the Content-Type to send: JSON for JSON media types, a string as it is
// for text and other media types, and a wildcard media type ("*/*") as
// application/octet-stream.
func Encode(c *contract.Content, v any) ([]byte, string) {
	mt := c.MediaType
	if strings.Contains(mt, "*") {
		mt = "application/octet-stream"
	}
	if s, ok := v.(string); ok && c.Kind != contract.BodyJSON {
		return []byte(s), mt
	}
	b, _ := json.Marshal(v)
	return b, mt
}
