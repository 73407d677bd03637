package mock

import (
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
)

// ErrorBody is the rule for the answers a server gives on its own — a
// request it refuses with status 400, 401, 403, 404, 405, 413, 415 … —
// so that they keep to the contract. It picks the operation's declared
// response for status: the exact code first, then its range ("4XX"),
// then "default". The body is in that response's first declared media
// type: the content's example, or the smallest value of its schema, with
// message-like string properties (detail, message, error_description,
// description) set to message, title-like ones (title, error) to the
// status text, and code-like ones (status, code, statusCode,
// status_code) to status, each only where the property's schema takes
// the value. content is nil when the response declares no body.
//
// resp is nil when the operation declares nothing for status: answer an
// RFC 9457 application/problem+json body then. The mock answers with
// it, and a generated server can follow the same rule.
func ErrorBody(op *contract.Operation, status int, message string) (resp *contract.Response, content *contract.Content, body any) {
	resp = declaredFor(op, status)
	if resp == nil || len(resp.Contents) == 0 {
		return resp, nil, nil
	}
	content = resp.Contents[0]
	return resp, content, fillError(content.Type, sample.ContentExample(content, sample.Response), status, message)
}

// declaredFor returns the response op declares for status: exact code,
// then range, then default; nil when there is none.
func declaredFor(op *contract.Operation, status int) *contract.Response {
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

// Property names ErrorBody fills, lower case.
var (
	messageNames = map[string]bool{"detail": true, "message": true, "error_description": true, "errormessage": true, "description": true, "msg": true}
	titleNames   = map[string]bool{"title": true, "error": true}
	codeNames    = map[string]bool{"status": true, "code": true, "statuscode": true, "status_code": true, "httpstatus": true}
)

// fillError copies an example error object with its message-, title- and
// code-like properties set, where t's property schema takes the value.
// A value that is not an object is returned as it is.
func fillError(t *contract.Type, v any, status int, message string) any {
	obj, ok := v.(map[string]any)
	if !ok || t == nil {
		return v
	}
	cp := maps.Clone(obj)
	filledMessage := false
	for _, f := range t.Fields {
		name := strings.ToLower(f.Name)
		var want any
		switch {
		case messageNames[name] && !filledMessage:
			want = message
		case titleNames[name]:
			want = http.StatusText(status)
		case codeNames[name]:
			want = float64(status)
			if f.Type != nil && f.Type.Kind == contract.KindString {
				want = strconv.Itoa(status)
			}
		default:
			continue
		}
		if _, present := cp[f.Name]; !present && !f.Required && !messageNames[name] {
			continue
		}
		if takes(f.Type, want) {
			cp[f.Name] = want
			filledMessage = filledMessage || messageNames[name]
		}
	}
	return cp
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
		return t.Kind == contract.KindString && t.Format == "" && c.Pattern == "" && !t.HasConst &&
			(c.MaxLength == nil || n <= *c.MaxLength) && (c.MinLength == nil || n >= *c.MinLength)
	case float64:
		return (t.Kind == contract.KindInt || t.Kind == contract.KindNumber) && !t.HasConst &&
			(c.Minimum == nil || v >= *c.Minimum) && (c.Maximum == nil || v <= *c.Maximum) && c.MultipleOf == nil
	}
	return false
}
