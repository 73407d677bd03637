// Package mock serves a contract before the service exists, as Prism
// does: each request is routed to its operation (under the servers' path
// prefix or at the root), checked for credentials and validated as the
// generated server would, and answered with a declared response: the
// contract's example (its first named one), or a value from
// contract/sample. Clients pick a response with the Prefer header:
// "code=404", "example=named", "dynamic=true" (or Prism's ?__code=…
// query parameters); what the contract does not
// declare is a 400 naming what it does. CORS is answered for browsers.
// In stateful mode resources live in a bounded in-memory store keyed by
// collection path and id (see stateful). The mock's own error answers
// follow ErrorBody, and every answer keeps to the contract: toolkit
// validate against the mock finds nothing.
package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/errbody"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/contract/xmlmap"
	paramstyle "github.com/contractfirst/toolkit/generator/golang/runtime"
	"github.com/contractfirst/toolkit/internal/route"
)

// Options tune a mock. The zero value is a stateless mock with CORS on
// and the default bounds.
type Options struct {
	// Seed varies generated answers; the same seed answers the same
	// request the same way.
	Seed uint64
	// Dynamic generates a fresh value for every answer, as
	// "Prefer: dynamic=true" does for one request.
	Dynamic bool
	// Stateful keeps created resources in memory (see stateful).
	Stateful bool
	// SeedData are resources a stateful mock starts with, by collection
	// path: {"/customers": [{"id": 1, …}]}.
	SeedData map[string][]any
	// MaxResources bounds the stateful store (0: DefaultMaxResources);
	// past it the oldest resources go.
	MaxResources int
	// MaxBody bounds a request body (0: DefaultMaxBody); a longer one is
	// answered 413 without being read further.
	MaxBody int64
	// NoCORS turns off the CORS headers and preflight answers.
	NoCORS bool
	// CORSOrigins, when set, are the only origins allowed.
	CORSOrigins []string
	// AuthTokens, when set, are the only credentials accepted (bearer
	// tokens, API keys, "user:password" for basic).
	AuthTokens []string
	// LatencyMin and LatencyMax delay each answer by a random duration
	// between them.
	LatencyMin, LatencyMax time.Duration
}

// DefaultMaxBody bounds request bodies when Options.MaxBody is 0.
const DefaultMaxBody = 10 << 20

// Server is a mock of one contract; it is an http.Handler.
type Server struct {
	doc      *contract.Document
	model    *contract.Model
	opts     Options
	router   *route.Router
	schemes  map[string]*contract.SecurityScheme
	prefixes []string // server path prefixes, longest first

	store   *store
	dynamic atomic.Uint64 // counts dynamic answers, to vary their seed

	schemaOpts []openapi3.SchemaValidationOption
	answers    sync.Map // answerKey → body value; values are never mutated
}

// New returns a mock of the loaded contract.
func New(doc *contract.Document, m *contract.Model, opts Options) (*Server, error) {
	s := &Server{doc: doc, model: m, opts: opts, store: newStore(opts.MaxResources), schemes: map[string]*contract.SecurityScheme{}, schemaOpts: []openapi3.SchemaValidationOption{
		openapi3.VisitAsResponse(), openapi3.EnableFormatValidation(), openapi3.SetSchemaRegexCompiler(contract.LenientPattern),
	}}
	if s.opts.MaxBody <= 0 {
		s.opts.MaxBody = DefaultMaxBody
	}
	if doc.T.IsOpenAPI31OrLater() {
		s.schemaOpts = append(s.schemaOpts, openapi3.EnableJSONSchema2020())
	}
	router, err := route.New(doc, m)
	if err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	s.router = router
	for _, sc := range m.SecuritySchemes {
		s.schemes[sc.Name] = sc
	}
	s.prefixes = serverPrefixes(doc)
	examplesInFileOrder(doc, m)
	if err := s.seed(opts.SeedData); err != nil {
		return nil, fmt.Errorf("mock: seed data: %w", err)
	}
	return s, nil
}

// serverPrefixes are the path parts of the contract's server URLs
// (Swagger 2.0's basePath becomes one when loaded), with server
// variables at their defaults, longest first.
func serverPrefixes(doc *contract.Document) []string {
	var out []string
	for _, sv := range doc.T.Servers {
		raw := sv.URL
		for name, v := range sv.Variables {
			if v != nil {
				raw = strings.ReplaceAll(raw, "{"+name+"}", v.Default)
			}
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		p := strings.TrimRight(u.EscapedPath(), "/")
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// match routes a request under a server prefix or at the root (clients
// that leave the prefix out still reach the operation). It returns the
// path without the prefix in route.Path.
func (s *Server) match(r *http.Request) (*matched, map[string]string, bool) {
	path := r.URL.EscapedPath()
	found := false
	for _, p := range s.prefixes {
		if rest, ok := strings.CutPrefix(path, p); ok && (rest == "" || rest[0] == '/') {
			rt, params, f := s.router.MatchPath(r, rest)
			if rt != nil {
				return &matched{Route: rt, prefix: p, path: rest}, params, true
			}
			found = found || f
		}
	}
	rt, params, f := s.router.MatchPath(r, path)
	if rt == nil {
		return nil, nil, found || f
	}
	return &matched{Route: rt, path: path}, params, true
}

// matched is a route with the request path it matched, without the
// server prefix.
type matched struct {
	*route.Route
	prefix, path string
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cors(w, r) {
		return
	}
	if !s.delay(r) {
		return
	}
	rt, params, pathFound := s.match(r)
	if rt == nil {
		if pathFound {
			w.Header().Set("Allow", strings.Join(s.methodsOf(r), ", "))
			problem(w, http.StatusMethodNotAllowed, "Method Not Allowed", r.Method+" is not declared for this path")
			return
		}
		problem(w, http.StatusNotFound, "Not Found", "no operation of the contract matches "+r.URL.Path)
		return
	}
	if status, reason := s.authorize(rt.Op, r); status != 0 {
		if c := s.challenge(rt.Op); status == http.StatusUnauthorized && c != "" {
			w.Header().Set("WWW-Authenticate", c)
		}
		s.refuse(w, r, rt, reason, status)
		return
	}
	if reason := unsupportedMedia(rt.Op, r); reason != "" {
		s.refuse(w, r, rt, reason, http.StatusUnsupportedMediaType)
		return
	}
	if r.ContentLength > s.opts.MaxBody {
		s.refuse(w, r, rt, fmt.Sprintf("the body of %d bytes is over the limit of %d", r.ContentLength, s.opts.MaxBody), http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.refuse(w, r, rt, fmt.Sprintf("the body is over the limit of %d bytes", s.opts.MaxBody), http.StatusRequestEntityTooLarge)
			return
		}
		s.refuse(w, r, rt, "reading the body: "+err.Error(), http.StatusBadRequest, http.StatusUnprocessableEntity)
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	xml := xmlmap.Request(rt.Op, mt)
	overBudget := func() {
		s.refuse(w, r, rt, fmt.Sprintf("checking this body against its schema would take more than %d schema visits (a oneOf/anyOf without a discriminator, recursive or wide, is checked variant by variant at every level), so the mock refuses it unchecked", contract.MaxValidationVisits), http.StatusRequestEntityTooLarge)
	}
	if xml == nil && !contract.RequestBodyWithinBudget(rt.Kin.Operation, r.Header.Get("Content-Type"), body) {
		overBudget()
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: rt.Kin,
		Options: contract.RequestOptions(),
	}
	if err := validateRequest(in, body, xml); errors.Is(err, xmlmap.ErrOverBudget) {
		overBudget() // an XML body, judged after it is read (xmlmap)
		return
	} else if err != nil {
		s.refuse(w, r, rt, firstLines(err.Error(), 5), http.StatusBadRequest, http.StatusUnprocessableEntity)
		return
	}
	s.answer(w, r, rt, params, body)
}

// delay waits Options' latency; it reports false when the client left.
func (s *Server) delay(r *http.Request) bool {
	d := s.opts.LatencyMin
	if span := s.opts.LatencyMax - s.opts.LatencyMin; span > 0 {
		d += time.Duration(rand.Int64N(int64(span) + 1))
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// unsupportedMedia says why a request body's media type is not one the
// operation takes ("" when it is, or when there is no body).
func unsupportedMedia(op *contract.Operation, r *http.Request) string {
	ct := r.Header.Get("Content-Type")
	if op.Body == nil || ct == "" || len(op.Body.Contents) == 0 {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return "Content-Type " + strconv.Quote(ct) + " cannot be read: " + err.Error()
	}
	var declared []string
	for _, c := range op.Body.Contents {
		want := strings.ToLower(c.MediaType)
		if base, _, err := mime.ParseMediaType(want); err == nil {
			want = base
		}
		if want == mt || want == "*/*" || strings.HasSuffix(want, "/*") && strings.HasPrefix(mt, strings.TrimSuffix(want, "*")) {
			return ""
		}
		declared = append(declared, c.MediaType)
	}
	return "Content-Type " + mt + " is not declared; send " + strings.Join(declared, ", ")
}

// answer writes the chosen declared response.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, rt *matched, params map[string]string, reqBody []byte) {
	prefer := parsePrefer(r.Header.Get("Prefer"))
	if strings.Contains(r.URL.RawQuery, "__") { // Prism's ?__code=404&__example=name&__dynamic=true
		q := r.URL.Query()
		for _, k := range []string{"code", "example", "dynamic"} {
			if v := q.Get("__" + k); v != "" && prefer[k] == "" {
				prefer[k] = v
			}
		}
	}
	resp, err := chooseResponse(rt.Op, prefer["code"])
	if err != nil {
		misuse(w, err.Error())
		return
	}
	if resp == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	code := resp.Code
	if code == 0 {
		code = statusOf(resp.Status)
	}
	example := prefer["example"]
	if example != "" && !hasExample(resp, example) {
		misuse(w, fmt.Sprintf("no example %q in response %s of %s; declared: %s", example, resp.Status, rt.Op.ID, exampleNames(resp)))
		return
	}
	dynamic := s.opts.Dynamic || prefer["dynamic"] == "true"
	var value any
	var content *contract.Content
	if len(resp.Contents) > 0 {
		content = pickContent(resp.Contents, r.Header.Get("Accept"), example)
		if content == nil && prefer["code"] != "" && code >= 400 {
			// An error the client asked for is answered in its declared
			// media type even when Accept does not list it (a client
			// accepting application/json asking for a problem+json 404):
			// RFC 9110 lets a server disregard Accept, and a 406 would
			// hide the error it wants to see. Prism answers 200 here.
			content = resp.Contents[0]
		}
		if content == nil {
			var declared []string
			for _, c := range resp.Contents {
				declared = append(declared, c.MediaType)
			}
			s.refuse(w, r, rt, "Accept "+strconv.Quote(r.Header.Get("Accept"))+" takes none of the declared media types: "+listOrNone(declared), http.StatusNotAcceptable)
			return
		}
		value = s.bodyOf(rt.Route, resp.Status, content, example, dynamic, r)
		if code >= 400 && example == "" {
			if filled := fillError(content.Type, value, code, http.StatusText(code)); s.valid(rt.Route, resp.Status, content, filled) {
				value = filled // an error asked for with Prefer says which
			}
		}
	}
	location := ""
	if s.opts.Stateful && prefer["code"] == "" && example == "" && code < 300 {
		out := s.stateful(rt, resp, content, params, r.URL.Query(), reqBody, value)
		switch {
		case out.notFound:
			s.refuse(w, r, rt, out.reason, http.StatusNotFound)
			return
		case out.warning != "":
			w.Header().Set("X-Mock-Warning", out.warning)
		default:
			value, location = out.value, out.location
		}
	}
	s.headers(w, rt.Route, resp)
	if location != "" && w.Header().Get("Location") != "" {
		w.Header().Set("Location", location)
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

// headers sets a response's required headers and the optional ones the
// contract gives an example for (Location always, for clients that
// follow it).
func (s *Server) headers(w http.ResponseWriter, rt *route.Route, resp *contract.Response) {
	var kinHeaders openapi3.Headers
	if kr := rt.Kin.Operation.Responses.Value(resp.Status); kr != nil && kr.Value != nil {
		kinHeaders = kr.Value.Headers
	}
	for _, h := range resp.Headers {
		var v any
		hasExample := false
		if kh := kinHeaders[h.Name]; kh != nil && kh.Value != nil && kh.Value.Example != nil {
			v, hasExample = kh.Value.Example, true
		} else if h.Type != nil && h.Type.HasExample {
			v, hasExample = h.Type.Example, true
		}
		if !h.Required && !hasExample && h.Name != "Location" {
			continue
		}
		if !hasExample {
			v = sample.Example(h.Type, sample.Response)
		}
		// Style simple, as a generated client reads it: a list a,b; an
		// object a,1,b,2 or, exploded, a=1,b=2.
		items, object := sample.Items(v)
		w.Header().Set(h.Name, paramstyle.StyleHeader(h.Explode, object, items))
	}
}

// refuse answers a request the mock will not serve, by ErrorBody's rule:
// the operation's declared response for the first of statuses that has
// one (400 falls back to a declared 422), its example body with the
// reason filled in, checked against its schema. Without any, it answers
// problem+json with statuses[0]. The reason travels in X-Mock-Error too.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, rt *matched, reason string, statuses ...int) {
	w.Header().Set("X-Mock-Error", strings.ReplaceAll(firstLines(reason, 1), "\n", " "))
	for _, status := range statuses {
		resp, c, value := ErrorBody(rt.Op, status, reason)
		if resp == nil {
			continue
		}
		wwwAuth := w.Header().Get("WWW-Authenticate")
		s.headers(w, rt.Route, resp)
		if wwwAuth != "" {
			w.Header().Set("WWW-Authenticate", wwwAuth)
		}
		if c == nil {
			w.WriteHeader(status)
			return
		}
		if !s.valid(rt.Route, resp.Status, c, value) {
			value = fillError(c.Type, sample.New(1, sample.Response).Minimal(c.Type), status, reason)
		}
		data, ctype := encode(c, value)
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	problem(w, statuses[0], http.StatusText(statuses[0]), reason)
}

// misuse answers a Prefer header the contract cannot satisfy: 400
// problem+json naming what is declared, never a silent 200.
func misuse(w http.ResponseWriter, reason string) {
	w.Header().Set("X-Mock-Error", reason)
	problem(w, http.StatusBadRequest, "Prefer cannot be satisfied", reason)
}

// hasExample reports whether one of resp's contents has the named example.
func hasExample(resp *contract.Response, name string) bool {
	for _, c := range resp.Contents {
		for _, ne := range c.Examples {
			if ne.Name == name {
				return true
			}
		}
	}
	return false
}

// exampleNames lists resp's named examples for a message.
func exampleNames(resp *contract.Response) string {
	var names []string
	for _, c := range resp.Contents {
		for _, ne := range c.Examples {
			names = append(names, ne.Name)
		}
	}
	return listOrNone(names)
}

// bodyOf picks the body: a named example when the client asked for
// one, the content's example (its own, or the first named one), or a
// generated value; dynamic makes a fresh value for this request. An
// example that breaks its own schema (the loader warned about it) gives
// way to a generated value, so the mock keeps to its contract.
func (s *Server) bodyOf(rt *route.Route, status string, c *contract.Content, example string, dynamic bool, r *http.Request) any {
	if example != "" {
		for _, ne := range c.Examples {
			if ne.Name == example {
				return ne.Value
			}
		}
	}
	seed := s.opts.Seed
	if dynamic {
		seed = seed*31 + s.dynamic.Add(1)
	}
	var candidates []func() any
	if !dynamic && (c.HasExample || len(c.Examples) > 0 || c.Type == nil || seed == 0) {
		candidates = append(candidates, func() any { return sample.ContentExample(c, sample.Response) })
	}
	if c.Type != nil {
		if seed != 0 && !dynamic {
			h := fnv.New64a()
			fmt.Fprintf(h, "%s %s", r.Method, r.URL.String())
			seed ^= h.Sum64()
		}
		candidates = append(candidates,
			func() any { return sample.New(seed, sample.Response).Valid(c.Type) },
			func() any { return sample.New(seed, sample.Response).Minimal(c.Type) })
	}
	if len(candidates) == 0 {
		candidates = append(candidates, func() any { return sample.ContentExample(c, sample.Response) })
	}
	use := "body"
	if s.opts.Seed != 0 || dynamic {
		use = "" // the value depends on the request: nothing to cache
	}
	return s.conforming(rt, status, c, use, candidates)
}

// conforming returns the first candidate value that the response's
// schema accepts, or the first candidate when none does. Values that do
// not depend on the request are kept under use ("body"), so the schema
// check runs once per response, not once per request.
func (s *Server) conforming(rt *route.Route, status string, c *contract.Content, use string, candidates []func() any) any {
	key := answerKey{c, status, use}
	if use != "" {
		if v, ok := s.answers.Load(key); ok {
			return v
		}
	}
	chosen := any(nil)
	for i, cand := range candidates {
		v := cand()
		if i == 0 {
			chosen = v
		}
		if s.valid(rt, status, c, v) {
			chosen = v
			break
		}
	}
	if use != "" {
		s.answers.Store(key, chosen)
	}
	return chosen
}

// valid reports whether the declared schema of a response's content
// accepts v; contents that are not JSON, or have no schema, accept
// anything.
func (s *Server) valid(rt *route.Route, status string, c *contract.Content, v any) bool {
	sch := s.schemaOf(rt, status, c)
	return sch == nil || sch.VisitJSON(v, s.schemaOpts...) == nil
}

// schemaOf is the kin-openapi schema of a response's JSON content, nil
// when the content is not JSON or has none.
func (s *Server) schemaOf(rt *route.Route, status string, c *contract.Content) *openapi3.Schema {
	if c == nil || c.Kind != contract.BodyJSON {
		return nil
	}
	kr := rt.Kin.Operation.Responses.Value(status)
	if kr == nil || kr.Value == nil {
		return nil
	}
	mt := kr.Value.Content.Get(c.MediaType)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// answerKey identifies a cached answer body.
type answerKey struct {
	content *contract.Content
	status  string
	use     string
}

// chooseResponse picks the response a client asked for with Prefer:
// code= (a declared code, or one its range or default covers), else the
// first 2xx, else the first declared one. A code the operation does not
// declare is an error naming the declared ones.
func chooseResponse(op *contract.Operation, code string) (*contract.Response, error) {
	if code != "" {
		n, err := strconv.Atoi(code)
		if err != nil || n < 100 || n > 599 {
			return nil, fmt.Errorf("Prefer: code=%s is not a status code; %s declares %s", code, op.ID, declaredStatuses(op))
		}
		r := errbody.Declared(op, n)
		if r == nil {
			return nil, fmt.Errorf("Prefer: code=%s is not declared by %s; declared: %s", code, op.ID, declaredStatuses(op))
		}
		if r.Code != n {
			cp := *r
			cp.Code = n
			return &cp, nil
		}
		return r, nil
	}
	for _, r := range op.Responses {
		if r.Code >= 200 && r.Code < 300 || strings.EqualFold(r.Status, "2XX") {
			return r, nil
		}
	}
	if len(op.Responses) > 0 {
		return op.Responses[0], nil
	}
	return nil, nil
}

// declaredStatuses lists an operation's declared statuses for a message.
func declaredStatuses(op *contract.Operation) string {
	var out []string
	for _, r := range op.Responses {
		out = append(out, r.Status)
	}
	return listOrNone(out)
}

// listOrNone joins names for a message, "none" when there are none.
func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// statusOf turns "2XX" into 200 and "default" into 200.
func statusOf(status string) int {
	if len(status) == 3 && strings.HasSuffix(strings.ToUpper(status), "XX") {
		n, _ := strconv.Atoi(status[:1])
		return n * 100
	}
	return http.StatusOK
}

// pickContent prefers the content holding the named example, then the
// first the client accepts (contents come JSON first); nil when the
// Accept header takes none of them.
func pickContent(cs []*contract.Content, accept, example string) *contract.Content {
	if example != "" {
		for _, c := range cs {
			for _, ne := range c.Examples {
				if ne.Name == example {
					return c
				}
			}
		}
	}
	for _, c := range cs {
		if accepts(accept, c.MediaType) {
			return c
		}
	}
	return nil
}

// accepts reports whether an Accept header takes a media type: an empty
// header takes everything, a declared wildcard type is taken, otherwise
// the most specific range matching it must give it a quality above 0 (the
// generated server's rule, runtime's acceptQuality).
func accepts(accept, mediaType string) bool {
	if strings.TrimSpace(accept) == "" || strings.Contains(mediaType, "*") {
		return true
	}
	mt := strings.ToLower(mediaType)
	if base, _, err := mime.ParseMediaType(mt); err == nil {
		mt = base
	}
	return paramstyle.AcceptQuality([]string{accept}, mt) > 0
}

// encode renders a body for its media type: an XML body that travels as
// XML as a generated server writes it (JSON text only when the value does
// not fit its schema's table), anything else as errbody does.
func encode(c *contract.Content, v any) ([]byte, string) {
	if c.XML {
		if b, err := xmlmap.Encode(c.Type, v); err == nil {
			return b, c.MediaType
		}
	}
	return errbody.Encode(c, v)
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

// examplesInFileOrder puts each response's named examples in the order the
// contract writes them, so the first one is the default answer, as Prism
// has it (the model sorts them by name: kin-openapi keeps them in a map).
// The order comes from the examples' positions in the contract file;
// where one cannot be found there (a response $ref'd from another file),
// the model's order stays.
func examplesInFileOrder(doc *contract.Document, m *contract.Model) {
	for _, op := range m.Operations {
		for _, r := range op.Responses {
			for _, c := range r.Contents {
				if len(c.Examples) < 2 {
					continue
				}
				base := contract.Pointer("paths", op.Path, strings.ToLower(op.Method), "responses", r.Status, "content", c.MediaType, "examples")
				parent := doc.Position(doc.Path, base)
				type placed struct {
					ex        contract.NamedExample
					line, col int
				}
				var ps []placed
				found := parent.Line > 0
				for _, ex := range c.Examples {
					p := doc.Position(doc.Path, base+"/"+contract.EscapePointerToken(ex.Name))
					if p == parent {
						found = false // not found: the walk stopped above it
						break
					}
					ps = append(ps, placed{ex, p.Line, p.Col})
				}
				if !found {
					continue
				}
				sort.SliceStable(ps, func(i, j int) bool {
					if ps[i].line != ps[j].line {
						return ps[i].line < ps[j].line
					}
					return ps[i].col < ps[j].col
				})
				ordered := make([]contract.NamedExample, len(ps))
				for i, p := range ps {
					ordered[i] = p.ex
				}
				c.Examples = ordered
			}
		}
	}
}
