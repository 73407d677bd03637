// Package mock serves a contract before the service exists: each request
// is routed to its operation and validated as the generated server would
// (400 problem+json on invalid input), and answered with a declared
// response: the contract's example, or a value from contract/sample.
// Clients pick a response with the Prefer header, as with Prism:
// "Prefer: code=404", "Prefer: example=named". In stateful mode, bodies
// created with POST are kept in memory, so POST-then-GET works.
package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/internal/route"
)

// Options tune a mock.
type Options struct {
	// Seed varies generated answers; the same seed answers the same
	// request the same way.
	Seed uint64
	// Stateful keeps created resources in memory.
	Stateful bool
}

// Server is a mock of one contract; it is an http.Handler.
type Server struct {
	doc    *contract.Document
	opts   Options
	router *route.Router

	mu    sync.Mutex
	store map[string]map[string]any // collection path → id → resource
	next  int

	schemaOpts []openapi3.SchemaValidationOption
	answers    sync.Map // answerKey → body value; values are never mutated
}

// New returns a mock of the loaded contract.
func New(doc *contract.Document, m *contract.Model, opts Options) (*Server, error) {
	s := &Server{doc: doc, opts: opts, store: map[string]map[string]any{}, schemaOpts: []openapi3.SchemaValidationOption{
		openapi3.VisitAsResponse(), openapi3.EnableFormatValidation(), openapi3.SetSchemaRegexCompiler(contract.LenientPattern),
	}}
	if doc.T.IsOpenAPI31OrLater() {
		s.schemaOpts = append(s.schemaOpts, openapi3.EnableJSONSchema2020())
	}
	router, err := route.New(doc, m)
	if err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	s.router = router
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, params, pathFound := s.router.Match(r)
	if rt == nil {
		if pathFound {
			problem(w, http.StatusMethodNotAllowed, "Method Not Allowed", r.Method+" is not declared for this path")
			return
		}
		problem(w, http.StatusNotFound, "Not Found", "no operation of the contract matches "+r.URL.Path)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		problem(w, http.StatusBadRequest, "Bad Request", "reading the body: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: rt.Kin,
		Options: contract.RequestOptions(),
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		s.reject(w, rt, firstLines(err.Error(), 5))
		return
	}
	s.answer(w, r, rt, params, body)
}

// answer writes the chosen declared response.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, rt *route.Route, params map[string]string, reqBody []byte) {
	prefer := parsePrefer(r.Header.Get("Prefer"))
	resp := chooseResponse(rt.Op, prefer["code"])
	if resp == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	code := resp.Code
	if code == 0 {
		code = statusOf(resp.Status)
	}
	var value any
	var content *contract.Content
	if len(resp.Contents) > 0 {
		content = pickContent(resp.Contents, r.Header.Get("Accept"))
		value = s.bodyOf(rt, resp.Status, content, prefer["example"], r)
		if s.opts.Stateful && code < 300 {
			value = s.stateful(rt, params, reqBody, value, &code)
		}
	}
	for _, h := range resp.Headers {
		if !h.Required && h.Name != "Location" {
			continue
		}
		v := sample.Example(h.Type, sample.Response)
		w.Header().Set(h.Name, sample.Text(v))
	}
	if code == http.StatusNotFound && content != nil && value == nil {
		value = sample.ContentExample(content, sample.Response)
	}
	if content == nil || code == http.StatusNoContent {
		w.WriteHeader(code)
		return
	}
	data, ctype := encode(content, value)
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// reject answers an invalid request with the 4xx response the operation
// declares (400, 422, another 4xx, a 4XX range or default, in that
// order) and its example body, so the mock keeps to its own contract;
// the reason travels in X-Mock-Error and, when the body is an object
// with a string "detail" or "message", there too. Without any declared
// error response it answers 400 problem+json.
func (s *Server) reject(w http.ResponseWriter, rt *route.Route, reason string) {
	var resp *contract.Response
	for _, want := range []string{"400", "422", "4", "4XX", "default"} {
		for _, r := range rt.Op.Responses {
			if r.Status == want || want == "4" && r.Code >= 400 && r.Code < 500 || strings.EqualFold(r.Status, want) {
				resp = r
				break
			}
		}
		if resp != nil {
			break
		}
	}
	w.Header().Set("X-Mock-Error", strings.ReplaceAll(firstLines(reason, 1), "\n", " "))
	if resp == nil {
		problem(w, http.StatusBadRequest, "Bad Request", reason)
		return
	}
	code := resp.Code
	if code == 0 {
		code = http.StatusBadRequest
	}
	for _, h := range resp.Headers {
		if h.Required {
			w.Header().Set(h.Name, sample.Text(sample.Example(h.Type, sample.Response)))
		}
	}
	if len(resp.Contents) == 0 {
		w.WriteHeader(code)
		return
	}
	c := resp.Contents[0]
	value := s.conforming(rt, resp.Status, c, "error", []func() any{
		func() any { return sample.ContentExample(c, sample.Response) },
		func() any { return sample.New(1, sample.Response).Minimal(c.Type) },
	})
	if obj, ok := value.(map[string]any); ok {
		value = withReason(obj, reason)
	}
	data, ctype := encode(c, value)
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(code)
	w.Write(data)
}

// withReason copies an example error object with its "detail" or
// "message" string set to the reason.
func withReason(obj map[string]any, reason string) map[string]any {
	cp := make(map[string]any, len(obj))
	for k, v := range obj {
		cp[k] = v
	}
	for _, k := range []string{"detail", "message"} {
		if _, isString := cp[k].(string); isString {
			cp[k] = reason
			break
		}
	}
	return cp
}

// bodyOf picks the body: a named example when the client asked for
// one, the content's example, or a generated value; an example that
// breaks its own schema (the loader warned about it) gives way to a
// generated value, so the mock keeps to its contract.
func (s *Server) bodyOf(rt *route.Route, status string, c *contract.Content, example string, r *http.Request) any {
	if example != "" {
		for _, ne := range c.Examples {
			if ne.Name == example {
				return ne.Value
			}
		}
	}
	var candidates []func() any
	if c.HasExample || len(c.Examples) > 0 || c.Type == nil || s.opts.Seed == 0 {
		candidates = append(candidates, func() any { return sample.ContentExample(c, sample.Response) })
	}
	if c.Type != nil {
		seed := s.opts.Seed
		if seed != 0 {
			h := fnv.New64a()
			fmt.Fprintf(h, "%s %s", r.Method, r.URL.String())
			seed ^= h.Sum64()
		}
		candidates = append(candidates,
			func() any { return sample.New(seed, sample.Response).Valid(c.Type) },
			func() any { return sample.New(seed, sample.Response).Minimal(c.Type) })
	}
	use := "body"
	if s.opts.Seed != 0 {
		use = "" // the value depends on the request: nothing to cache
	}
	return s.conforming(rt, status, c, use, candidates)
}

// conforming returns the first candidate value that the response's
// schema accepts, or the first candidate when none does. Values that do
// not depend on the request are kept under use ("body", "error"), so the
// schema check runs once per response, not once per request.
func (s *Server) conforming(rt *route.Route, status string, c *contract.Content, use string, candidates []func() any) any {
	key := answerKey{c, status, use}
	if use != "" {
		if v, ok := s.answers.Load(key); ok {
			return v
		}
	}
	var schema *openapi3.Schema
	if kr := rt.Kin.Operation.Responses.Value(status); kr != nil && kr.Value != nil {
		if mt := kr.Value.Content.Get(c.MediaType); mt != nil && mt.Schema != nil {
			schema = mt.Schema.Value
		}
	}
	chosen := any(nil)
	for i, cand := range candidates {
		v := cand()
		if i == 0 {
			chosen = v
		}
		if schema == nil || c.Kind != contract.BodyJSON || schema.VisitJSON(v, s.schemaOpts...) == nil {
			chosen = v
			break
		}
	}
	if use != "" {
		s.answers.Store(key, chosen)
	}
	return chosen
}

// answerKey identifies a cached answer body.
type answerKey struct {
	content *contract.Content
	status  string
	use     string
}

// stateful keeps what POST creates on a collection path and serves it
// back from the matching item path; DELETE forgets it.
func (s *Server) stateful(rt *route.Route, params map[string]string, reqBody []byte, value any, code *int) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	op := rt.Op
	switch {
	case op.Method == http.MethodPost && !strings.HasSuffix(op.Path, "}"):
		obj, ok := value.(map[string]any)
		if !ok {
			return value
		}
		created := map[string]any{}
		for k, v := range obj {
			created[k] = v
		}
		var in map[string]any
		if json.Unmarshal(reqBody, &in) == nil {
			for k, v := range in {
				if _, known := created[k]; known {
					created[k] = v
				}
			}
		}
		s.next++
		id := s.next
		if cur, ok := created["id"]; ok {
			switch cur.(type) {
			case string:
				created["id"] = strconv.Itoa(id)
			case float64:
				created["id"] = float64(id)
			}
		}
		coll := s.store[op.Path]
		if coll == nil {
			coll = map[string]any{}
			s.store[op.Path] = coll
		}
		coll[fmt.Sprint(created["id"])] = created
		return created
	case rt.Last() != "":
		last := rt.Last()
		coll, ok := s.store[strings.TrimSuffix(op.Path, "/{"+last+"}")]
		if !ok {
			return value
		}
		stored, ok := coll[params[last]]
		if !ok {
			return value
		}
		if op.Method == http.MethodDelete {
			delete(coll, params[last])
		}
		return stored
	}
	return value
}

// chooseResponse picks the response a client asked for with Prefer:
// code=, else the first 2xx, else the first declared one.
func chooseResponse(op *contract.Operation, code string) *contract.Response {
	if code != "" {
		for _, r := range op.Responses {
			if r.Status == code {
				return r
			}
		}
		if n, err := strconv.Atoi(code); err == nil {
			for _, r := range op.Responses {
				if strings.EqualFold(r.Status, code[:1]+"XX") || r.Status == "default" {
					cp := *r
					cp.Code = n
					return &cp
				}
			}
		}
	}
	for _, r := range op.Responses {
		if r.Code >= 200 && r.Code < 300 || strings.EqualFold(r.Status, "2XX") {
			return r
		}
	}
	if len(op.Responses) > 0 {
		return op.Responses[0]
	}
	return nil
}

// statusOf turns "2XX" into 200 and "default" into 200.
func statusOf(status string) int {
	if len(status) == 3 && strings.HasSuffix(strings.ToUpper(status), "XX") {
		n, _ := strconv.Atoi(status[:1])
		return n * 100
	}
	return http.StatusOK
}

// pickContent prefers a media type the client accepts, then JSON.
func pickContent(cs []*contract.Content, accept string) *contract.Content {
	for _, c := range cs {
		if accept != "" && strings.Contains(accept, c.MediaType) {
			return c
		}
	}
	return cs[0]
}

// encode renders a body for its media type.
func encode(c *contract.Content, v any) ([]byte, string) {
	mt := c.MediaType
	if strings.Contains(mt, "*") {
		mt = "application/octet-stream"
	}
	switch c.Kind {
	case contract.BodyJSON:
		b, _ := json.Marshal(v)
		return b, mt
	case contract.BodyText:
		if s, ok := v.(string); ok {
			return []byte(s), mt
		}
		b, _ := json.Marshal(v)
		return b, mt
	}
	if s, ok := v.(string); ok {
		return []byte(s), mt
	}
	b, _ := json.Marshal(v)
	return b, mt
}

// parsePrefer reads "code=404, example=named" from a Prefer header.
func parsePrefer(h string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.FieldsFunc(h, func(r rune) bool { return r == ',' || r == ';' }) {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		out[strings.ToLower(k)] = strings.Trim(v, `"`)
	}
	return out
}

// problem writes an RFC 9457 problem+json answer.
func problem(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"title": title, "status": status, "detail": detail})
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
