package mock

import (
	"net/http"
	"slices"
	"strings"
)

// cors adds the CORS headers a browser needs to every answer and answers
// a preflight request (OPTIONS with Origin and
// Access-Control-Request-Method) itself with 204, as Prism does: a
// front-end on another origin can call the mock. Any origin is allowed
// unless Options.CORSOrigins lists some; an origin not listed gets no
// CORS headers, so the browser refuses the answer. It reports whether
// the request was a preflight and is answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.NoCORS {
		return false
	}
	origin := r.Header.Get("Origin")
	allow := "*"
	switch {
	case origin != "" && (len(s.opts.CORSOrigins) == 0 || slices.Contains(s.opts.CORSOrigins, origin)):
		allow = origin
	case origin != "" || len(s.opts.CORSOrigins) > 0:
		allow = ""
	}
	h := w.Header()
	if allow != "" {
		h.Set("Access-Control-Allow-Origin", allow)
		if allow != "*" {
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Vary", "Origin")
		}
	}
	preflight := r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != ""
	if !preflight {
		if allow != "" {
			// Allow-Headers on a plain answer is what Prism sends too;
			// browsers read it only on preflights, but clients that
			// compare the two mocks see the same headers.
			h.Set("Access-Control-Allow-Headers", "*")
			h.Set("Access-Control-Expose-Headers", "*")
		}
		return false
	}
	if allow != "" {
		h.Set("Access-Control-Allow-Methods", strings.Join(s.methodsOf(r), ", "))
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		}
		h.Set("Access-Control-Max-Age", "86400")
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}

// methodsOf lists the methods the contract declares for the request's
// path, or every method when the path is unknown.
func (s *Server) methodsOf(r *http.Request) []string {
	var out []string
	for _, m := range []string{"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if rt, _, _ := s.match(probe); rt != nil {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		out = []string{"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"}
	}
	return append(out, "OPTIONS")
}
