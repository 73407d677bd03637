// The generated client's fixed code: options, request building and
// sending, response reading and the parameter formatters. The Client type
// and NewClient depend on the contract (its servers, its security
// schemes) and are written by the generator; generated.go stands in for
// them here.

package runtime

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ClientOption configures NewClient.
type ClientOption func(*Client) error

// WithHTTPClient sends requests through hc instead of http.DefaultClient.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(c *Client) error {
		c.hc = hc
		return nil
	}
}

// WithRequestEditor runs fn on every request before it is sent (tracing headers,
// custom authentication …); an error stops the call.
func WithRequestEditor(fn func(context.Context, *http.Request) error) ClientOption {
	return func(c *Client) error {
		c.editors = append(c.editors, fn)
		return nil
	}
}

// WithResponseChecks makes the client check every decoded response body against the
// contract; one that breaks it is returned as a *ResponseValidationError.
func WithResponseChecks() ClientOption {
	return func(c *Client) error {
		c.responseChecks = checkResponse
		return nil
	}
}

// ResponseValidationError is a response the contract does not allow: a header
// or body value outside its schema, or a required header missing.
type ResponseValidationError struct {
	Operation  string
	StatusCode int
	// Header names the response header at fault; empty when the body is.
	Header string
	// Pointer is the JSON pointer of the offending value in the body ("" for the
	// body itself); Message says what is wrong with it.
	Pointer string
	Message string
}

// Error names the operation, the status and the header or the body's
// pointer at fault, then what is wrong.
func (e *ResponseValidationError) Error() string {
	if e.Header != "" {
		return fmt.Sprintf("%s: response %d breaks the contract in header %q: %s", e.Operation, e.StatusCode, e.Header, e.Message)
	}
	return fmt.Sprintf("%s: response %d breaks the contract at %q: %s", e.Operation, e.StatusCode, e.Pointer, e.Message)
}

// checkResponse turns the error of a decoded response's checks into a
// *ResponseValidationError; nil stays nil. WithResponseChecks puts it in
// the client (Client.responseChecks), so that the option keeps it, and
// the error type, in every generated client.
func checkResponse(op string, status int, err error) error {
	if err == nil {
		return nil
	}
	re := &ResponseValidationError{Operation: op, StatusCode: status, Message: err.Error()}
	var he *headerError
	if errors.As(err, &he) {
		re.Header = he.name
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		re.Pointer, re.Message = ve.Pointer, ve.Message
	}
	return re
}

// parseBaseURL checks NewClient's baseURL and drops its trailing slash:
// operation paths are appended to it.
func parseBaseURL(baseURL string) (*url.URL, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL: %w", err)
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want scheme://host[/path]", baseURL)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	return u, nil
}

// UnexpectedResponseError is a response the contract does not declare for the
// operation; it keeps the status, headers and (up to 1 MiB of) the body.
type UnexpectedResponseError struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// Error gives the status and the start of the body.
func (e *UnexpectedResponseError) Error() string {
	return fmt.Sprintf("unexpected response status %d: %.200s", e.StatusCode, e.Body)
}

// newRequest builds a request of operation op from method, path, query and body,
// on the operation's server (see WithServerForOperation) or the base URL.
func (c *Client) newRequest(ctx context.Context, op, method, path string, query url.Values, body io.Reader, contentType string) (*http.Request, error) {
	base := c.baseOf(op)
	u := *base
	u.RawPath = base.EscapedPath() + path
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		return nil, err
	}
	u.Path = p
	// A query in the base URL (a callback URL's) comes first.
	if q := query.Encode(); u.RawQuery == "" || q == "" {
		u.RawQuery += q
	} else {
		u.RawQuery += "&" + q
	}
	r, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r, nil
}

// send applies the first alternative of security whose schemes are all
// configured and the request editors, and sends r.
func (c *Client) send(ctx context.Context, r *http.Request, security [][]string) (*http.Response, error) {
	for _, alt := range security {
		ok := true
		for _, name := range alt {
			if _, has := c.auth[name]; !has {
				ok = false
			}
		}
		if ok {
			for _, name := range alt {
				c.auth[name](r)
			}
			break
		}
	}
	for _, edit := range c.editors {
		if err := edit(ctx, r); err != nil {
			return nil, err
		}
	}
	return c.hc.Do(r)
}

// readAll reads a response body up to limit bytes; a declared length within the
// limit (size, -1 when unknown) sizes the buffer up front.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	b := make([]byte, size)
	n, err := io.ReadFull(r, b)
	return b[:n], err
}

// maxResponseBytes bounds the bodies the client reads into memory.
const maxResponseBytes = 64 << 20

// decodeResponse reads a JSON response body into v (a pointer) with read;
// P, not *T: see decodeJSONValue.
func decodeResponse[P any](resp *http.Response, v P, read func(P, *jsonReader) error) error {
	b, err := readAll(resp.Body, resp.ContentLength, maxResponseBytes)
	if err != nil {
		return fmt.Errorf("reading %d response: %w", resp.StatusCode, err)
	}
	if err := decodeJSONValue(b, v, read); err != nil {
		return fmt.Errorf("decoding %d response: %w", resp.StatusCode, err)
	}
	return nil
}

// decodeChecked is a client method's whole handling of one declared JSON
// response with no headers: decode the body into v with read, close it
// and, when checks are on (check, the client's responseChecks: nil unless
// WithResponseChecks) and the body's type has a check (validate, nil when
// none), check it. One call per status instead of the decoding, the
// flag test and the checkResponse call written out in every case: the
// client's methods were 19% of an operation-heavy package's machine code.
// P, not *T: see decodeJSONValue.
func decodeChecked[P any](resp *http.Response, check func(op string, status int, err error) error, op string, v P, read func(P, *jsonReader) error, validate func(P) error) error {
	err := decodeResponse(resp, v, read)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if check != nil && validate != nil {
		return check(op, resp.StatusCode, validate(v))
	}
	return nil
}

// unexpected builds the error for an undeclared response, whose body it
// reads (up to 1 MiB) and closes.
func unexpected(resp *http.Response) error {
	b, _ := readAll(resp.Body, -1, 1<<20)
	resp.Body.Close()
	return &UnexpectedResponseError{StatusCode: resp.StatusCode, Header: resp.Header, Body: b}
}

// callError is a client method's error: err prefixed with the method's
// name op; an *UnexpectedResponseError, and nil, are returned as they
// are. Every return of an error calls it (or responseError) instead of a
// deferred wrapper: see the generator's callFail.
func callError(op string, err error) error {
	if _, ok := err.(*UnexpectedResponseError); ok || err == nil {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// responseError is callError once the method has the response resp: its
// body is closed first.
func responseError(resp *http.Response, op string, err error) error {
	resp.Body.Close()
	return callError(op, err)
}

// setQuery sets the query parameter name to format(*v) unless v is nil.
func setQuery[T any](q url.Values, name string, v *T, format func(T) string) {
	if v != nil {
		q.Set(name, format(*v))
	}
}

// formatString writes a string parameter value as the generated server reads it.
func formatString[T ~string](v T) string { return string(v) }

// formatInt writes an integer parameter value as the generated server reads it.
func formatInt[T ~int32 | ~int64](v T) string { return strconv.FormatInt(int64(v), 10) }

// formatNumber writes a number parameter value as the generated server reads it.
func formatNumber[T ~float32 | ~float64](v T) string {
	return strconv.FormatFloat(float64(v), 'g', -1, 64)
}

// formatBool writes a boolean parameter value as the generated server reads it.
func formatBool[T ~bool](v T) string { return strconv.FormatBool(bool(v)) }

// formatTime writes a date-time parameter value as the generated server reads it.
func formatTime(v time.Time) string { return v.Format(time.RFC3339) }

// formatBytes writes a byte parameter value (base64) as the generated server reads it.
func formatBytes(v []byte) string { return base64.StdEncoding.EncodeToString(v) }
