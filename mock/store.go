package mock

import (
	"sort"
	"sync"
)

// DefaultMaxResources bounds the stateful store when Options.MaxResources
// is 0: past it the oldest resources go.
const DefaultMaxResources = 10_000

// store keeps the resources of a stateful mock, keyed by collection path
// ("/customers", "/users/7/pets") and id, in creation order. It holds at
// most max resources: adding one more evicts the oldest.
type store struct {
	mu    sync.Mutex
	colls map[string]map[string]*resource
	order []ref // creation order; entries of removed resources are skipped
	seq   uint64
	count int
	max   int
}

// resource is one stored value; seq orders resources by creation.
type resource struct {
	seq   uint64
	value map[string]any
}

// ref names a resource in creation order.
type ref struct {
	coll, id string
	seq      uint64
}

func newStore(max int) *store {
	if max <= 0 {
		max = DefaultMaxResources
	}
	return &store{colls: map[string]map[string]*resource{}, max: max}
}

// nextSeq returns a fresh number for an id.
func (st *store) nextSeq() uint64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.seq++
	return st.seq
}

// add stores a new resource (replacing one with the same id) and evicts
// the oldest past the bound.
func (st *store) add(coll, id string, v map[string]any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.colls[coll]
	if c == nil {
		c = map[string]*resource{}
		st.colls[coll] = c
	}
	if _, replaced := c[id]; !replaced {
		st.count++
	}
	st.seq++
	c[id] = &resource{seq: st.seq, value: v}
	st.order = append(st.order, ref{coll, id, st.seq})
	for st.count > st.max && len(st.order) > 0 {
		old := st.order[0]
		st.order = st.order[1:]
		if r, ok := st.colls[old.coll][old.id]; ok && r.seq == old.seq {
			st.removeLocked(old.coll, old.id)
		}
	}
	if len(st.order) > 2*st.max+64 {
		st.compactLocked()
	}
}

// get returns a stored resource.
func (st *store) get(coll, id string) (map[string]any, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	r, ok := st.colls[coll][id]
	if !ok {
		return nil, false
	}
	return r.value, true
}

// replace sets the value of a stored resource, keeping its place; it
// reports false when there is none.
func (st *store) replace(coll, id string, v map[string]any) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	r, ok := st.colls[coll][id]
	if ok {
		st.colls[coll][id] = &resource{seq: r.seq, value: v}
	}
	return ok
}

// remove deletes a resource; it reports false when there was none.
func (st *store) remove(coll, id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.colls[coll][id]; !ok {
		return false
	}
	st.removeLocked(coll, id)
	return true
}

func (st *store) removeLocked(coll, id string) {
	delete(st.colls[coll], id)
	if len(st.colls[coll]) == 0 {
		delete(st.colls, coll)
	}
	st.count--
}

// compactLocked drops the order entries of removed or replaced resources.
func (st *store) compactLocked() {
	live := st.order[:0]
	for _, o := range st.order {
		if r, ok := st.colls[o.coll][o.id]; ok && r.seq == o.seq {
			live = append(live, o)
		}
	}
	st.order = append([]ref(nil), live...)
}

// list returns a collection's resources, oldest first.
func (st *store) list(coll string) []map[string]any {
	st.mu.Lock()
	rs := make([]*resource, 0, len(st.colls[coll]))
	for _, r := range st.colls[coll] {
		rs = append(rs, r)
	}
	st.mu.Unlock()
	sort.Slice(rs, func(i, j int) bool { return rs[i].seq < rs[j].seq })
	out := make([]map[string]any, len(rs))
	for i, r := range rs {
		out[i] = r.value
	}
	return out
}

// size is the number of stored resources.
func (st *store) size() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}

// mergePatch applies an RFC 7386 JSON Merge Patch to target and returns
// the result; neither argument is changed.
func mergePatch(target any, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, _ := target.(map[string]any)
	out := make(map[string]any, len(t)+len(p))
	for k, v := range t {
		out[k] = v
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = mergePatch(out[k], v)
	}
	return out
}
