package validate

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// maxShrinkSteps bounds the requests spent making one failing case
// smaller.
const maxShrinkSteps = 12

// recheck sends a failing request once more and keeps the findings whose
// check fails again: an answer that does not reproduce is counted as
// flaky for its check and shown apart, not reported as a finding.
// DELETE is not repeated: its second answer differs by design.
func (r *runner) recheck(ctx context.Context, t *target, c *Case, req *http.Request, body []byte, pathParams map[string]string, fs []*Finding) []*Finding {
	if len(fs) == 0 || req.Method == http.MethodDelete {
		return fs
	}
	again := r.checkAgain(ctx, t, c, req, body, pathParams)
	if again == nil {
		return fs // no answer the second time: keep what the first showed
	}
	var kept []*Finding
	res := r.results[t.op]
	for _, f := range fs {
		if again[f.Check] {
			kept = append(kept, f)
			continue
		}
		r.mu.Lock()
		if res.Flaky == nil {
			res.Flaky = map[string]int{}
		}
		res.Flaky[f.Check]++
		r.mu.Unlock()
	}
	return kept
}

// checkAgain sends a request and returns the check ids that fail on its
// answer; nil when no answer came.
func (r *runner) checkAgain(ctx context.Context, t *target, c *Case, req *http.Request, body []byte, pathParams map[string]string) map[string]bool {
	cp := req.Clone(ctx)
	cp.Body = io.NopCloser(bytes.NewReader(body))
	resp, respBody, _, err := r.send(ctx, cp)
	r.count()
	if resp == nil || err != nil {
		return nil
	}
	failed := map[string]bool{}
	for _, f := range r.check(t, c, cp, body, pathParams, &answer{resp: resp, body: respBody}) {
		failed[f.Check] = true
	}
	return failed
}

// shrink makes a failing case smaller while the same check still fails:
// optional parameters dropped, then optional top-level body properties,
// then their values simplified (shorter strings, one-item lists), one
// step at a time, within maxShrinkSteps requests. It returns the smallest
// request's curl line, or "" when nothing could be dropped.
func (r *runner) shrink(ctx context.Context, t *target, c *Case, check string) string {
	if t.op.Method == http.MethodDelete {
		return ""
	}
	best, curl := c, ""
	steps := 0
	for _, drop := range shrinkSteps(t, c) {
		if steps >= maxShrinkSteps || ctx.Err() != nil {
			break
		}
		smaller := drop(best)
		if smaller == nil {
			continue
		}
		req, body, pathParams, err := r.build(ctx, t, smaller, smaller.Linked)
		if err != nil || r.contractRejects(t, smaller, req, body, pathParams) != (c.Phase == PhaseNegative) {
			continue // the smaller request is no longer the kind of case it was
		}
		steps++
		if r.checkAgain(ctx, t, smaller, req, body, pathParams)[check] {
			best, curl = smaller, r.redact.curl(req, body)
		}
	}
	return curl
}

// shrinkSteps lists the reductions to try, each returning a smaller copy
// of a case or nil when it does not apply.
func shrinkSteps(t *target, c *Case) []func(*Case) *Case {
	var steps []func(*Case) *Case
	for _, p := range t.op.Params {
		if p.Required {
			continue
		}
		k := keyOf(p)
		steps = append(steps, func(from *Case) *Case {
			if _, ok := from.Params[k]; !ok {
				return nil
			}
			cp := from.clone()
			delete(cp.Params, k)
			return cp
		})
	}
	// Then simpler values: shorter strings, one-item lists.
	for _, p := range t.op.Params {
		k := keyOf(p)
		steps = append(steps, func(from *Case) *Case {
			v, ok := simpler(from.Params[k])
			if !ok {
				return nil
			}
			cp := from.clone()
			cp.Params[k] = v
			return cp
		})
	}
	if c.Content == nil || c.Content.Type == nil {
		return steps
	}
	for _, f := range c.Content.Type.Fields {
		if f.Required {
			continue
		}
		name := f.Name
		steps = append(steps, func(from *Case) *Case {
			obj, ok := from.Body.(map[string]any)
			if !ok {
				return nil
			}
			if _, ok := obj[name]; !ok {
				return nil
			}
			cp := from.clone()
			cp.Body = withField(obj, name, nil)
			return cp
		})
	}
	for _, f := range c.Content.Type.Fields {
		name := f.Name
		steps = append(steps, func(from *Case) *Case {
			obj, ok := from.Body.(map[string]any)
			if !ok {
				return nil
			}
			v, ok := simpler(obj[name])
			if !ok {
				return nil
			}
			cp := from.clone()
			cp.Body = withField(obj, name, v)
			return cp
		})
	}
	return steps
}

// simpler returns a smaller value of the same kind: the first half of a
// string, the first item of a list; false when there is none.
func simpler(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		r := []rune(x)
		if len(r) > 1 {
			return string(r[:len(r)/2]), true
		}
	case []any:
		if len(x) > 1 {
			return x[:1], true
		}
	}
	return nil, false
}

// withField copies an object with one property set (v != nil) or
// removed (v == nil).
func withField(obj map[string]any, name string, v any) map[string]any {
	out := make(map[string]any, len(obj))
	for k, val := range obj {
		if k != name {
			out[k] = val
		}
	}
	if v != nil {
		out[name] = v
	}
	return out
}
