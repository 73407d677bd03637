package validate

import (
	"context"
	"fmt"
	"net/http"
	"slices"
)

// CheckUnsupportedMethod sends, once per declared path, a method the
// contract does not declare there: the answer must be 405 (RFC 9110),
// and is a finding when it is a 2xx (an undocumented operation) or a
// 5xx (a crash).
const CheckUnsupportedMethod = "unsupported-method"

// probeMethods are tried in order; the first undeclared one is sent.
var probeMethods = []string{http.MethodPatch, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodGet}

func (r *runner) unsupportedMethods(ctx context.Context, targets []*target) {
	seen := map[string]bool{}
	for _, t := range targets {
		if seen[t.op.Path] || len(t.cases) == 0 || ctx.Err() != nil {
			continue
		}
		seen[t.op.Path] = true
		method := ""
		for _, m := range probeMethods {
			if t.route.PathItem.GetOperation(m) == nil {
				method = m
				break
			}
		}
		c := firstValid(t)
		if method == "" || c == nil {
			continue
		}
		req, _, _, err := r.build(ctx, t, c, true)
		if err != nil {
			continue
		}
		req.Method = method
		req.Body, req.ContentLength = http.NoBody, 0
		req.Header.Del("Content-Type")
		res := r.results[t.op]
		r.ran(res, CheckUnsupportedMethod)
		resp, _, _, err := r.send(ctx, req)
		r.count()
		if resp == nil || err != nil {
			continue // timeouts and drops are the other checks' business
		}
		if resp.StatusCode < 300 || resp.StatusCode >= 500 {
			r.add(res, &Case{Name: "undeclared method " + method}, &Finding{Check: CheckUnsupportedMethod, Status: resp.StatusCode, Curl: r.redact.curl(req, nil),
				Message: fmt.Sprintf("%s is not declared on %s, yet got %d; want 405 Method Not Allowed", method, t.op.Path, resp.StatusCode)})
		}
	}
}

// firstValid returns an operation's first case that is not invalid.
func firstValid(t *target) *Case {
	i := slices.IndexFunc(t.cases, func(c *Case) bool { return c.Phase != PhaseNegative })
	if i < 0 {
		return nil
	}
	return t.cases[i]
}

// count records a request sent by a check rather than a case.
func (r *runner) count() {
	r.mu.Lock()
	r.requests++
	r.mu.Unlock()
}
