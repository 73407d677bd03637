package mock

import (
	"maps"
	"sync"
)

// DefaultMaxResources bounds the stateful store when Options.MaxResources
// is 0: past it the oldest resources go.
const DefaultMaxResources = 10_000

// store keeps the resources of a stateful mock, keyed by collection path
// ("/customers", "/users/7/pets") and id, in creation order. It holds at
// most max resources: adding one more evicts the oldest. Listing a page
// walks the collection in order without sorting or copying it.
type store struct {
	mu    sync.Mutex
	colls map[string]*collection
	order []*resource // every collection's resources in creation order; gone ones are skipped
	seq   uint64
	count int
	max   int
}

// collection is one collection's resources.
type collection struct {
	byID  map[string]*resource
	order []*resource // creation order; gone ones are skipped
	gone  int         // gone resources still in order
}

// resource is one stored value. verdicts remember, per schema, whether
// the value fits it, so serving a resource again does not check it again;
// version tells a verdict on a replaced value from a current one.
type resource struct {
	coll, id string
	value    map[string]any
	gone     bool
	version  int
	verdicts map[any]bool
}

func newStore(max int) *store {
	if max <= 0 {
		max = DefaultMaxResources
	}
	return &store{colls: map[string]*collection{}, max: max}
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
		c = &collection{byID: map[string]*resource{}}
		st.colls[coll] = c
	}
	if old, ok := c.byID[id]; ok {
		st.removeLocked(old)
	}
	r := &resource{coll: coll, id: id, value: v}
	c.byID[id] = r
	c.order = append(c.order, r)
	st.order = append(st.order, r)
	st.count++
	for st.count > st.max {
		oldest := st.order[0]
		st.order[0] = nil
		st.order = st.order[1:]
		if !oldest.gone {
			st.removeLocked(oldest)
		}
	}
	if len(st.order) > 2*st.count+64 {
		st.order = live(st.order)
	}
}

// get returns a stored resource and its value.
func (st *store) get(coll, id string) (*resource, map[string]any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.colls[coll]; c != nil {
		if r, ok := c.byID[id]; ok {
			return r, r.value
		}
	}
	return nil, nil
}

// fits reports whether a resource's value fits schema, by check the first
// time and from memory after that, until the value is replaced.
func (st *store) fits(r *resource, schema any, check func(any) bool) bool {
	st.mu.Lock()
	v, version := r.value, r.version
	ok, known := r.verdicts[schema]
	st.mu.Unlock()
	if known {
		return ok
	}
	ok = check(v)
	st.mu.Lock()
	if r.version == version {
		if r.verdicts == nil {
			r.verdicts = map[any]bool{}
		}
		r.verdicts[schema] = ok
	}
	st.mu.Unlock()
	return ok
}

// replace sets the value of a stored resource, keeping its place; it
// reports false when there is none.
func (st *store) replace(coll, id string, v map[string]any) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.colls[coll]; c != nil {
		if r, ok := c.byID[id]; ok {
			r.value, r.version, r.verdicts = v, r.version+1, nil
			return true
		}
	}
	return false
}

// remove deletes a resource; it reports false when there was none.
func (st *store) remove(coll, id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.colls[coll]; c != nil {
		if r, ok := c.byID[id]; ok {
			st.removeLocked(r)
			return true
		}
	}
	return false
}

func (st *store) removeLocked(r *resource) {
	r.gone = true
	st.count--
	c := st.colls[r.coll]
	delete(c.byID, r.id)
	c.gone++
	switch {
	case len(c.byID) == 0:
		delete(st.colls, r.coll)
	case c.gone > len(c.order)/2:
		c.order, c.gone = live(c.order), 0
	}
}

// live is the resources of order that are not gone, in a new slice.
func live(order []*resource) []*resource {
	out := make([]*resource, 0, len(order)/2+1)
	for _, r := range order {
		if r != nil && !r.gone {
			out = append(out, r)
		}
	}
	return out
}

// page returns up to limit of a collection's resources from offset,
// oldest first, their values, and how many the collection holds.
func (st *store) page(coll string, offset, limit int) (res []*resource, items []any, total int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.colls[coll]
	if c == nil {
		return nil, []any{}, 0
	}
	total = len(c.byID)
	items = make([]any, 0, max(0, min(limit, total-offset)))
	res = make([]*resource, 0, cap(items))
	skipped := 0
	for _, r := range c.order {
		if len(items) >= limit {
			break
		}
		if r.gone {
			continue
		}
		if skipped < offset {
			skipped++
			continue
		}
		items = append(items, r.value)
		res = append(res, r)
	}
	return res, items, total
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
	out := maps.Clone(t)
	if out == nil {
		out = make(map[string]any, len(p))
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

// held is how many resources collection coll holds.
func (st *store) held(coll string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.colls[coll]
	if c == nil {
		return 0
	}
	return len(c.byID)
}
