package validate

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/contractfirst/toolkit/contract"
)

// idPool remembers identifiers from successful answers so later
// requests address resources that exist: values named by the contract's
// OpenAPI links ("$response.body#/id" for getPet's petId), and, where
// there are no links, the "id" of what an operation on a collection
// path returned, for the matching "/collection/{param}" paths.
type idPool struct {
	mu sync.Mutex
	// links: target operation id → parameter name → value.
	links map[string]map[string]any
	// byPath: collection path ("/pets") → last id seen there.
	byPath map[string]any
}

func newIDPool() *idPool {
	return &idPool{links: map[string]map[string]any{}, byPath: map[string]any{}}
}

// lookup returns an id for a path parameter of op.
func (p *idPool) lookup(op *contract.Operation, param string) (any, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.links[op.ID][param]; ok {
		return v, true
	}
	prefix, _, ok := strings.Cut(op.Path, "/{"+param+"}")
	if !ok {
		return nil, false
	}
	v, ok := p.byPath[prefix]
	return v, ok
}

// harvest records ids from a successful answer of t.
func (p *idPool) harvest(t *target, a *answer) {
	resp := a.resp
	value, err := a.json()
	if len(a.body) == 0 || err != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if kr := t.route.Operation.Responses.Status(resp.StatusCode); kr != nil && kr.Value != nil {
		for _, l := range kr.Value.Links {
			if l == nil || l.Value == nil || l.Value.OperationID == "" {
				continue
			}
			for name, expr := range l.Value.Parameters {
				s, ok := expr.(string)
				if !ok {
					continue
				}
				if v, ok := evalLink(s, resp, value); ok {
					if p.links[l.Value.OperationID] == nil {
						p.links[l.Value.OperationID] = map[string]any{}
					}
					p.links[l.Value.OperationID][name] = v
				}
			}
		}
	}
	if id, ok := idIn(value); ok {
		p.byPath[t.op.Path] = id
	}
}

// evalLink evaluates the runtime expressions links use most:
// $response.body#/pointer and $response.header.Name.
func evalLink(expr string, resp *http.Response, body any) (any, bool) {
	if ptr, ok := strings.CutPrefix(expr, "$response.body#"); ok {
		return contract.ResolvePointer(body, ptr)
	}
	if name, ok := strings.CutPrefix(expr, "$response.header."); ok {
		if v := resp.Header.Get(name); v != "" {
			return v, true
		}
	}
	return nil, false
}

// idIn finds a resource id in an answer: the object's "id", or the
// first item's of an array (top level, or the first array property, as
// in {"items": [...]}).
func idIn(v any) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["id"]; ok && isScalar(id) {
			return id, true
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if arr, ok := x[k].([]any); ok && len(arr) > 0 {
				return idIn(arr[0])
			}
		}
	case []any:
		if len(x) > 0 {
			if obj, ok := x[0].(map[string]any); ok {
				return idIn(obj)
			}
		}
	}
	return nil, false
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, float64, bool:
		return true
	}
	return false
}
