package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/xmlmap"
	"github.com/contractfirst/toolkit/internal/lazyre"
)

// answer is a response with its body, decoded as JSON at most once for
// both the checks and the id harvest.
type answer struct {
	resp    *http.Response
	body    []byte
	value   any
	decoded bool
	err     error
}

// json returns the body decoded as JSON.
func (a *answer) json() (any, error) {
	if !a.decoded {
		a.decoded = true
		a.err = json.Unmarshal(a.body, &a.value)
	}
	return a.value, a.err
}

// check judges one answer; each finding carries its check id.
func (r *runner) check(t *target, c *Case, req *http.Request, reqBody []byte, pathParams map[string]string, a *answer) []*Finding {
	resp, body := a.resp, a.body
	var out []*Finding
	status := resp.StatusCode
	if status >= 500 {
		out = append(out, &Finding{Check: CheckNotServerError, Message: fmt.Sprintf("got %d %s, want an answer below 500", status, http.StatusText(status))})
	}
	if c.Phase == PhaseNegative && status < 400 {
		out = append(out, &Finding{Check: CheckRejectsInvalid, Message: fmt.Sprintf("accepted an invalid request (%s): got %d, want 4xx", strings.TrimPrefix(c.Name, "invalid "), status)})
	}
	declared := declaredResponse(t.op, status)
	if declared == nil && c.Phase == PhaseNegative && status >= 400 && status < 500 && !declaresClientErrors(t.op) {
		// The contract declares no error answer, yet invalid input must
		// be refused: a 4xx is the only right answer it leaves.
		return out
	}
	if declared == nil {
		out = append(out, &Finding{Check: CheckStatusDeclared, Message: fmt.Sprintf("status %d is not declared (declared: %s)", status, statusList(t.op))})
		return out
	}
	kresp := t.route.Operation.Responses.Status(status)
	if kresp == nil {
		kresp = t.route.Operation.Responses.Default()
	}
	if kresp == nil || kresp.Value == nil {
		// A range ("2XX"): kin-openapi looks ranges up by status too.
		kresp = t.route.Operation.Responses.Value(declared.Status)
	}
	if req.Method == http.MethodHead || status == http.StatusNoContent || status == http.StatusNotModified {
		return out
	}
	if len(declared.Headers) > 0 {
		out = append(out, r.checkHeaders(t, req, reqBody, pathParams, resp, body)...)
	}
	if len(declared.Contents) == 0 || kresp == nil || kresp.Value == nil {
		return out
	}
	ctype := resp.Header.Get("Content-Type")
	if ctype == "" && len(body) == 0 {
		out = append(out, &Finding{Check: CheckContentType, Message: fmt.Sprintf("empty answer without Content-Type; the contract declares %s", mediaList(declared))})
		return out
	}
	media, _, err := mime.ParseMediaType(ctype)
	content := kresp.Value.Content.Get(ctype)
	if err != nil || content == nil {
		out = append(out, &Finding{Check: CheckContentType, Pointer: "Content-Type", Message: fmt.Sprintf("Content-Type %q is not declared for %s (declared: %s)", ctype, declared.Status, mediaList(declared))})
		return out
	}
	xmlContent := xmlmap.Find(declared.Contents, media)
	if content.Schema == nil || content.Schema.Value == nil || !isJSON(media) && xmlContent == nil {
		return out
	}
	if int64(len(body)) > maxBody {
		out = append(out, &Finding{Check: CheckResponseSchema, Message: fmt.Sprintf("body is longer than the %s validate reads: its schema was not checked", sizeText(maxBody))})
		return out
	}
	var value any
	if xmlContent != nil {
		// An XML answer is read as the generated code reads it, into
		// the JSON of the same value, and checked like JSON.
		if value, err = xmlmap.DecodeValue(xmlContent.Type, body); err != nil {
			out = append(out, &Finding{Check: CheckResponseSchema, Message: "body is not XML of its schema: " + err.Error()})
			return out
		}
	} else if value, err = a.json(); err != nil {
		out = append(out, &Finding{Check: CheckResponseSchema, Message: "body is not valid JSON: " + err.Error()})
		return out
	}
	if !contract.WithinValidationBudget(content.Schema.Value, value) {
		out = append(out, &Finding{Check: CheckResponseSchema, Message: fmt.Sprintf("not checked: validating the body against its schema would take more than %d schema visits (a recursive oneOf/anyOf without a discriminator?)", contract.MaxValidationVisits)})
		return out
	}
	err = content.Schema.Value.VisitJSON(value, append([]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}, r.schemaOp...)...)
	for _, se := range schemaErrors(err, value) {
		out = append(out, &Finding{Check: CheckResponseSchema, Pointer: se.pointer, Message: se.message})
	}
	return out
}

// checkHeaders validates the declared response headers with
// kin-openapi: required ones present, values matching their schemas.
func (r *runner) checkHeaders(t *target, req *http.Request, reqBody []byte, pathParams map[string]string, resp *http.Response, body []byte) []*Finding {
	cp := req.Clone(context.Background())
	cp.Body = io.NopCloser(bytes.NewReader(reqBody))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: cp, PathParams: pathParams, Route: t.route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{ExcludeResponseBody: true, RegexCompiler: contract.LenientPattern, SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()}},
	}
	err := openapi3filter.ValidateResponse(context.Background(), in)
	if err == nil {
		return nil
	}
	var re *openapi3filter.ResponseError
	if !errors.As(err, &re) {
		return []*Finding{{Check: CheckResponseHeaders, Message: err.Error()}}
	}
	name := ""
	if m := headerName().FindStringSubmatch(re.Reason); m != nil {
		name = m[1]
	}
	msg := re.Reason
	if re.Err != nil {
		msg += ": " + firstLine(re.Err.Error())
	}
	return []*Finding{{Check: CheckResponseHeaders, Pointer: name, Message: msg}}
}

var headerName = lazyre.New(`header "([^"]+)"`)

// schemaError is one violation inside a body.
type schemaError struct{ pointer, message string }

// schemaErrors flattens kin-openapi's errors about body into pointer +
// message, sorted by pointer. On OpenAPI 3.1 kin-openapi's JSON Schema
// validator made them, and its own tree tells them (contract.
// ValidatorReasons): kin-openapi's conversion repeats each place, names a
// schema URL internal to kin-openapi and splits a failed anyOf into one
// error per alternative.
func schemaErrors(err error, body any) []schemaError {
	if err == nil {
		return nil
	}
	var out []schemaError
	if rs, ok := contract.ValidatorReasons(err); ok {
		for _, r := range rs {
			msg := r.Why
			if v, ok := contract.ResolvePointer(body, r.At()); ok {
				msg = withValue(msg, v)
			}
			out = append(out, schemaError{r.At(), msg})
		}
		return out // sorted by place already
	}
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			msg := se.Reason
			if se.SchemaField != "" && !strings.Contains(msg, se.SchemaField) {
				msg += " (" + se.SchemaField + ")"
			}
			out = append(out, schemaError{contract.Pointer(se.JSONPointer()...), withValue(msg, se.Value)})
			return
		}
		out = append(out, schemaError{"", firstLine(err.Error())})
	}
	walk(err)
	sort.SliceStable(out, func(i, j int) bool { return out[i].pointer < out[j].pointer })
	return out
}

// withValue adds the failing value to msg when its JSON is short.
func withValue(msg string, v any) string {
	if b, err := json.Marshal(v); err == nil && len(b) <= 120 {
		return msg + "; got " + string(b)
	}
	return msg
}

// declaredResponse finds the response the contract declares for a
// status: the exact code, its range ("4XX"), or default.
func declaredResponse(op *contract.Operation, status int) *contract.Response {
	var rng, def *contract.Response
	for _, r := range op.Responses {
		switch {
		case r.Code == status:
			return r
		case strings.EqualFold(r.Status, strconv.Itoa(status/100)+"XX"):
			rng = r
		case r.Status == "default":
			def = r
		}
	}
	if rng != nil {
		return rng
	}
	return def
}

// declaresClientErrors reports whether an operation declares any 4xx
// answer: a code, the 4XX range or default.
func declaresClientErrors(op *contract.Operation) bool {
	for _, r := range op.Responses {
		if r.Code >= 400 && r.Code < 500 || strings.EqualFold(r.Status, "4XX") || r.Status == "default" {
			return true
		}
	}
	return false
}

func statusList(op *contract.Operation) string {
	var s []string
	for _, r := range op.Responses {
		s = append(s, r.Status)
	}
	return strings.Join(s, ", ")
}

func mediaList(r *contract.Response) string {
	var s []string
	for _, c := range r.Contents {
		s = append(s, c.MediaType)
	}
	return strings.Join(s, ", ")
}

// isJSON reports application/json and any +json media type.
func isJSON(media string) bool {
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// sizeText renders a byte count: "16 MiB", "512 bytes".
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
