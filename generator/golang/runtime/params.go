// The server's fixed helpers that read parameters and report what broke
// the contract. Each operation's decode function calls one helper per
// parameter instead of spelling the same statements out again: on
// Microsoft Graph's 11,000 operations that is most of server.gen.go, and
// the compiler's memory grows with it. The body helpers, which need the
// generated server type, are still written by paramruntime.go.

package runtime

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// InvalidParam is one offending parameter or body field.
type InvalidParam struct {
	// In is path, query, header, cookie or body.
	In string `json:"in"`
	// Name is the parameter name, or the JSON pointer of a body field.
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// RequestError is a request the contract does not allow: the handler is not called.
type RequestError struct {
	// Status is 400, 404 (no operation has the path), 405 (the path has no
	// operation for the method), 413 (body too large) or 415 (media type
	// not declared).
	Status int
	Params []InvalidParam
	Detail string
	// errors are the answers the operation declares for errors; nil for none.
	errors *errorTable
}

// Error names the first offending parameter, or gives the detail.
func (e *RequestError) Error() string {
	if len(e.Params) > 0 {
		p := e.Params[0]
		return p.In + " " + p.Name + ": " + p.Reason
	}
	return e.Detail
}

// badParam is a 400 naming one parameter (or body field) and what is wrong.
func badParam(in, name, reason string) *RequestError {
	return &RequestError{
		Params: []InvalidParam{{
			In:     in,
			Name:   name,
			Reason: reason,
		}},
		Status: http.StatusBadRequest,
	}
}

// invalidValue turns a validation failure of a parameter or body into a RequestError.
func invalidValue(in, name string, err error) *RequestError {
	var ve *ValidationError
	if errors.As(err, &ve) {
		if in == "body" {
			p := ve.Pointer
			if p == "" {
				p = "/"
			}
			return badParam(in, p, ve.Message)
		}
		return badParam(in, name+ve.Pointer, ve.Message)
	}
	return badParam(in, name, err.Error())
}

// params reads the parameters of one request; the query is parsed on first use.
type params struct {
	r  *http.Request
	pv map[string]string
	q  url.Values
}

// values returns the values of parameter name in in (path, query, header or cookie)
// and whether it was sent.
func (p *params) values(in, name string) ([]string, bool) {
	switch in {
	case "path":
		v, ok := p.pv[name]
		return []string{v}, ok
	case "query":
		if p.q == nil {
			p.q = p.r.URL.Query()
		}
		v, ok := p.q[name]
		return v, ok
	case "header":
		v := p.r.Header.Values(name)
		return v, len(v) > 0
	}
	c, err := p.r.Cookie(name)
	if err != nil {
		return nil, false
	}
	return []string{c.Value}, true
}

// param decodes a one-value parameter into *dst with parse and checks it;
// an absent one leaves *dst alone, or is an error when required.
func param[T any](p *params, in, name string, required bool, parse func(string) (T, error), check func(T) error, dst *T) *RequestError {
	vals, ok := p.values(in, name)
	if !ok || len(vals) == 0 {
		if required {
			return badParam(in, name, "is required")
		}
		return nil
	}
	v, rerr := paramValue(in, name, vals[0], parse, check)
	if rerr != nil {
		return rerr
	}
	*dst = v
	return nil
}

// optParam is param for an optional parameter held by pointer, nil when absent.
func optParam[T any](p *params, in, name string, parse func(string) (T, error), check func(T) error, dst **T) *RequestError {
	vals, ok := p.values(in, name)
	if !ok || len(vals) == 0 {
		return nil
	}
	v, rerr := paramValue(in, name, vals[0], parse, check)
	if rerr != nil {
		return rerr
	}
	*dst = &v
	return nil
}

// paramValue decodes the value s of a parameter with parse and checks it.
func paramValue[T any](in, name, s string, parse func(string) (T, error), check func(T) error) (T, *RequestError) {
	v, err := parse(s)
	if err != nil {
		return v, badParam(in, name, err.Error())
	}
	if check != nil {
		if err := check(v); err != nil {
			return v, invalidValue(in, name, err)
		}
	}
	return v, nil
}

// arrayParam decodes a list parameter item by item. Values are split at sep
// (",", " " or "|"); an empty sep keeps them as sent (an exploded query parameter).
func arrayParam[T any](p *params, in, name string, required bool, sep string, parse func(string) (T, error), check func([]T) error, dst *[]T) *RequestError {
	vals, ok := p.values(in, name)
	if !ok || len(vals) == 0 {
		if required {
			return badParam(in, name, "is required")
		}
		return nil
	}
	if sep != "" {
		vals = splitParam(strings.Join(vals, sep), sep)
	}
	var out []T
	for _, s := range vals {
		v, err := parse(s)
		if err != nil {
			return badParam(in, name, err.Error())
		}
		out = append(out, v)
	}
	if check != nil {
		if err := check(out); err != nil {
			return invalidValue(in, name, err)
		}
	}
	*dst = out
	return nil
}

// parseString, parseInt, parseNumber, parseBool, parseTime and parseBytes read one
// parameter value; their errors are the message sent to the client. parseString
// reads a string parameter as it is.
func parseString[T ~string](s string) (T, error) {
	return T(s), nil
}

// parseInt reads an integer parameter.
func parseInt[T ~int32 | ~int64](s string) (T, error) {
	x, err := strconv.ParseInt(s, 10, 64)
	if err != nil || int64(T(x)) != x {
		return 0, errors.New("must be an integer")
	}
	return T(x), nil
}

// parseNumber reads a number parameter.
func parseNumber[T ~float32 | ~float64](s string) (T, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, errors.New("must be a number")
	}
	return T(x), nil
}

// parseBool reads a boolean parameter.
func parseBool[T ~bool](s string) (T, error) {
	x, err := strconv.ParseBool(s)
	if err != nil {
		return false, errors.New("must be true or false")
	}
	return T(x), nil
}

// parseTime reads a date-time parameter (RFC 3339).
func parseTime(s string) (time.Time, error) {
	x, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return x, errors.New("must be an RFC 3339 date-time")
	}
	return x, nil
}

// parseBytes reads a base64 (format byte) parameter.
func parseBytes(s string) ([]byte, error) {
	x, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.New("must be base64")
	}
	return x, nil
}

// statusOr is status, or def when the handler left it 0.
func statusOr(status, def int) int {
	if status == 0 {
		return def
	}
	return status
}

// sendRaw sends a body as it is, with contentType or else the declared media type.
func sendRaw(w http.ResponseWriter, status int, contentType, media string, body []byte) {
	if contentType == "" {
		contentType = media
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(body)
}

// splitParam splits a non-exploded array parameter at its delimiter.
func splitParam(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}
