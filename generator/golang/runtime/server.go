// The generated server's fixed code: options, routing, dispatch, the
// error answers and the body readers and writers its per-operation code
// calls. The server type itself, its Handler and NewServer depend on the
// contract (which handlers and security it has) and are written by the
// generator; generated.go stands in for them here.

package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
)

// ProblemDetails is an RFC 9457 problem details object, the body of every error the
// server sends.
type ProblemDetails struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	// InvalidParams names each parameter or body field that broke the contract.
	InvalidParams []InvalidParam `json:"invalid-params,omitempty"`
}

// NotImplementedError is returned by Unimplemented; the server answers 501.
type NotImplementedError struct {
	Operation string
}

// Error names the operation.
func (e *NotImplementedError) Error() string {
	return "operation " + e.Operation + " is not implemented"
}

// ServerOption configures NewServer.
type ServerOption func(*server)

// WithMaxBodyBytes limits request bodies (default 10 MiB); larger ones get 413.
func WithMaxBodyBytes(n int64) ServerOption {
	return func(s *server) { s.maxBody = n }
}

// WithMiddleware wraps the server's handler; the first one given is the outermost.
func WithMiddleware(mw func(http.Handler) http.Handler) ServerOption {
	return func(s *server) { s.middleware = append(s.middleware, mw) }
}

// WithLogger sets where the server logs handler errors and recovered panics
// (default slog.Default()). The log carries the error text, which is never sent
// to clients by the default error handler.
func WithLogger(l *slog.Logger) ServerOption {
	return func(s *server) { s.logger = l }
}

// WithErrorHandler replaces how errors are written: *RequestError for requests the
// contract rejects, *NotImplementedError, *SecurityError for requests the
// security requirements refuse (when the contract has any), and whatever a
// Handler method returns. The default writes ProblemDetails and never shows a
// handler's error text to clients.
func WithErrorHandler(fn func(w http.ResponseWriter, r *http.Request, err error)) ServerOption {
	return func(s *server) { s.onError = fn }
}

// route is one operation: its contract path template and handler.
type route struct {
	method   string
	template string
	pattern  string
	serve    func(*server, http.ResponseWriter, *http.Request, map[string]string)
	op       OperationInfo
	errors   *errorTable
}

// setup applies opts to s, registers routes on a new ServeMux and returns
// the handler NewServer returns.
func (s *server) setup(routes []route, opts []ServerOption) http.Handler {
	s.maxBody = 10 << 20
	s.onError = writeError
	for _, o := range opts {
		o(s)
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	mux := http.NewServeMux()
	for _, rt := range routes {
		s.handle(mux, rt.pattern, rt)
	}
	mux.HandleFunc("/", s.unrouted)
	// Middleware runs after routing, so it can read the operation; a request that
	// matched none goes through it too, on its way to a 404 or 405.
	s.chain = http.HandlerFunc(s.serveMatched)
	for i := len(s.middleware) - 1; i >= 0; i-- {
		s.chain = s.middleware[i](s.chain)
	}
	// A panic in middleware is recovered too: a 500, not a reset connection.
	return s.recover(mux)
}

// handle registers rt on mux. Patterns ServeMux cannot tell apart (two templates
// with the same shape) are matched by unrouted instead, in contract order.
func (s *server) handle(mux *http.ServeMux, pattern string, rt route) {
	s.routes = append(s.routes, rt)
	defer func() {
		if recover() != nil {
			s.fallback = append(s.fallback, rt)
		}
	}()
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if pv, ok := matchPath(rt.template, r.URL.EscapedPath()); ok {
			s.dispatch(w, r, &rt, pv)
			return
		}
		s.unrouted(w, r)
	})
}

// unrouted serves requests no pattern took: fallback routes first, then the
// middleware on the way to noOperation.
func (s *server) unrouted(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	for i := range s.fallback {
		rt := &s.fallback[i]
		if rt.method != r.Method && !(rt.method == "GET" && r.Method == "HEAD") {
			continue
		}
		if pv, ok := matchPath(rt.template, path); ok {
			s.dispatch(w, r, rt, pv)
			return
		}
	}
	s.chain.ServeHTTP(w, r)
}

// noOperation answers a request that matched no operation: 405 when the path
// exists with other methods, else 404.
func (s *server) noOperation(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	var allow []string
	var errs *errorTable
	for _, rt := range s.routes {
		if _, ok := matchPath(rt.template, path); ok {
			allow = append(allow, rt.method)
			// 405 is answered as the path's first operation declaring it says.
			if errs.answer(http.StatusMethodNotAllowed) == nil {
				errs = rt.errors
			}
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.refuse(w, r, errs, &RequestError{Status: http.StatusMethodNotAllowed, Detail: "method " + r.Method + " is not declared for this path"})
		return
	}
	// No operation: problem+json.
	s.refuse(w, r, nil, &RequestError{Status: http.StatusNotFound, Detail: "no operation of the contract has this path"})
}

// refuse answers a request the server refuses itself (400, 401, 403, 404, 405,
// 413, 415) through the error handler; the default one sends the answer errs
// declares for the status, or problem+json when there is none.
func (s *server) refuse(w http.ResponseWriter, r *http.Request, errs *errorTable, re *RequestError) {
	re.errors = errs
	s.onError(w, r, re)
}

// handlerError logs an error a handler returned, or met while its response was
// encoded, and answers it through the error handler.
func (s *server) handlerError(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.ErrorContext(r.Context(), "handler error", "method", r.Method, "path", r.URL.Path, "error", err)
	s.onError(w, r, err)
}

// recover turns a panic below it into a logged 500 problem; the process lives on.
func (s *server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.ErrorContext(r.Context(), "handler panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.onError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// declaredError is an error the server refuses a request with on its own
// (*RequestError, *SecurityError): answered as the operation declares for
// its status.
type declaredError interface {
	error
	// declared returns the status, the message for the body, the
	// operation's declared answers and the offending parameters.
	declared() (status int, detail string, errs *errorTable, params []InvalidParam)
}

// declared is the answer to a request the contract does not allow.
func (e *RequestError) declared() (int, string, *errorTable, []InvalidParam) {
	return e.Status, e.Error(), e.errors, e.Params
}

// writeError is the default error handler. A request the contract does not allow
// gets the answer its operation declares for the status (exact code, then 4XX,
// then default), with the reason in the body's message-like property; problem+json
// when it declares none.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var de declaredError
	var ni *NotImplementedError
	switch {
	case errors.As(err, &de):
		status, detail, errs, params := de.declared()
		if a := errs.answer(status); a != nil {
			a.write(w, detail)
			return
		}
		writeProblem(w, ProblemDetails{Status: status, Detail: detail, InvalidParams: params})
	case errors.As(err, &ni):
		writeProblem(w, ProblemDetails{Status: http.StatusNotImplemented, Detail: ni.Error()})
	default:
		writeProblem(w, ProblemDetails{Status: http.StatusInternalServerError})
	}
}

// writeProblem sends p as application/problem+json.
func writeProblem(w http.ResponseWriter, p ProblemDetails) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	b, _ := json.Marshal(p)
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	w.Write(b)
}

// jsonBuffers holds the buffers responses are encoded into, so a busy server
// does not allocate one per response.
var jsonBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 4096)
	return &b
}}

// sendJSON encodes v (a pointer) with write before sending anything, so an
// encoding error is still a clean 500. P, not *T: see decodeJSONValue.
func sendJSON[P any](s *server, w http.ResponseWriter, r *http.Request, status int, contentType string, v P, write func(P, *jsonWriter)) {
	bp := jsonBuffers.Get().(*[]byte)
	defer jsonBuffers.Put(bp)
	b, err := appendJSONValue((*bp)[:0], v, write)
	if err != nil {
		s.handlerError(w, r, fmt.Errorf("encoding response: %w", err))
		return
	}
	*bp = b
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(b)
}

// matchPath matches an escaped request path against a contract path template
// and returns the unescaped template values. A segment may hold text around its
// variables ("{id}.json").
func matchPath(template, path string) (map[string]string, bool) {
	var vals map[string]string
	// Segment by segment, without splitting either string up front.
	for {
		t, tRest, tMore := strings.Cut(template, "/")
		p, pRest, pMore := strings.Cut(path, "/")
		if tMore != pMore {
			return nil, false
		}
		for t != "" {
			open := strings.IndexByte(t, '{')
			if open < 0 {
				if u, err := url.PathUnescape(p); err != nil || u != t && p != t {
					return nil, false
				}
				p, t = "", ""
				break
			}
			if !strings.HasPrefix(p, t[:open]) {
				return nil, false
			}
			p = p[open:]
			end := strings.IndexByte(t, '}')
			if end < open {
				return nil, false
			}
			name := t[open+1 : end]
			t = t[end+1:]
			// The value runs to the next literal text of the template, or to the end.
			stop := len(p)
			if next := strings.IndexByte(t, '{'); t != "" {
				lit := t
				if next >= 0 {
					lit = t[:next]
				}
				if lit != "" {
					stop = strings.Index(p, lit)
					if stop < 0 {
						return nil, false
					}
				}
			}
			v, err := url.PathUnescape(p[:stop])
			if err != nil || v == "" {
				return nil, false
			}
			if vals == nil {
				vals = map[string]string{}
			}
			vals[name] = v
			p = p[stop:]
		}
		if p != "" {
			return nil, false
		}
		if !tMore {
			return vals, true
		}
		template, path = tRest, pRest
	}
}

// mediaMatches reports whether the request media type mt is one of declared,
// honouring wildcards such as image/* and */*.
func mediaMatches(mt string, declared ...string) bool {
	for _, d := range declared {
		d, _, _ = strings.Cut(d, ";")
		d = strings.ToLower(strings.TrimSpace(d))
		switch {
		case d == mt || d == "*/*":
			return true
		case strings.HasSuffix(d, "/*") && strings.HasPrefix(mt, strings.TrimSuffix(d, "*")):
			return true
		}
	}
	return false
}

// readBody reads a request body up to the server's limit.
func (s *server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *RequestError) {
	// A declared length within the limit is read in one allocation.
	if n := r.ContentLength; n > 0 && n <= s.maxBody {
		data := make([]byte, n)
		if _, err := io.ReadFull(r.Body, data); err != nil {
			return nil, &RequestError{Status: http.StatusBadRequest, Detail: "reading request body: " + err.Error()}
		}
		return data, nil
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &RequestError{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("request body is larger than %d bytes", s.maxBody)}
		}
		return nil, &RequestError{Status: http.StatusBadRequest, Detail: "reading request body: " + err.Error()}
	}
	return data, nil
}

// decodeJSONBody decodes a JSON request body into v (a pointer) with read,
// naming the offending field.
func decodeJSONBody[P any](data []byte, v P, read func(P, *jsonReader) error) *RequestError {
	err := decodeJSONValue(data, v, read)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &RequestError{Status: http.StatusBadRequest, Detail: "request body is not valid JSON: " + err.Error()}
	}
	return invalidValue("body", "", decodeError("", err))
}

// matchedKey is the context key of the matched route.
type matchedKey struct{}

// matchedRoute is the route a request matched and its path values.
type matchedRoute struct {
	rt *route
	pv map[string]string
}

// OperationFromContext returns the operation the request of ctx matched; false
// when it matched none (the server answers 404 or 405).
func OperationFromContext(ctx context.Context) (OperationInfo, bool) {
	if m, ok := ctx.Value(matchedKey{}).(*matchedRoute); ok {
		return m.rt.op, true
	}
	return OperationInfo{}, false
}

// dispatch serves a request that matched rt: the operation goes into the
// request's context, then the middleware chain runs, then serveMatched.
func (s *server) dispatch(w http.ResponseWriter, r *http.Request, rt *route, pv map[string]string) {
	ctx := context.WithValue(r.Context(), matchedKey{}, &matchedRoute{rt, pv})
	s.chain.ServeHTTP(w, r.WithContext(ctx))
}

// serveMatched is the innermost handler of the middleware chain: it checks the
// matched operation's security (s.gate, nil when the contract secures no
// operation), then decodes the request and calls the Handler. A request that
// matched no operation gets 404 or 405.
func (s *server) serveMatched(w http.ResponseWriter, r *http.Request) {
	m, _ := r.Context().Value(matchedKey{}).(*matchedRoute)
	if m == nil {
		s.noOperation(w, r)
		return
	}
	if s.gate != nil && len(m.rt.op.Security) > 0 {
		ctx, err := s.gate(w, r, &m.rt.op)
		if err != nil {
			if se, ok := err.(*SecurityError); ok {
				se.errors = m.rt.errors
			}
			s.onError(w, r, err)
			return
		}
		r = r.WithContext(ctx)
	}
	m.rt.serve(s, w, r, m.pv)
}
