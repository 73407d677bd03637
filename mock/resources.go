package mock

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/errbody"
	"github.com/contractfirst/toolkit/internal/route"
)

// outcome is what the stateful store makes of a request: the body to
// answer with, a resource that is not there (404), or a warning when the
// store's answer would break the contract and the static one is sent.
type outcome struct {
	value    any
	location string
	notFound bool
	reason   string
	warning  string
}

// stateful serves a request from the store. Resources are keyed by
// collection path (the request path of a collection route, or of an
// item route without its last segment) and id (the item route's last
// path parameter; in a body, the property of that name or "id"):
//
//   - POST on a collection creates: the static answer's server-side
//     fields (readOnly ones, timestamps set to now) under the request's
//     fields, with a fresh id;
//   - GET, PUT, PATCH and DELETE on an item read, replace, merge (JSON
//     Merge Patch) or remove it, or answer the declared 404 when it is
//     not stored;
//   - GET on a collection lists what is stored, oldest first, honouring
//     the limit, offset and cursor parameters the operation declares.
//
// Every body is checked against the response's schema; one that breaks
// it is not sent: the static answer goes out with an X-Mock-Warning.
func (s *Server) stateful(rt *matched, resp *contract.Response, c *contract.Content, params map[string]string, query url.Values, reqBody []byte, static any) outcome {
	op := rt.Op
	last := rt.Last()
	isItem := last != "" && strings.HasSuffix(op.Path, "/{"+last+"}")
	keep := func(v any) outcome {
		if c == nil || s.valid(rt.Route, resp.Status, c, v) {
			return outcome{value: v}
		}
		return outcome{value: static, warning: "the stored resource does not fit this response's schema; the example is sent"}
	}
	var in map[string]any
	if len(reqBody) > 0 {
		json.Unmarshal(reqBody, &in) // validated already; not an object: nil
	}
	if !isItem {
		switch op.Method {
		case http.MethodPost:
			return s.create(rt, c, in, static, keep)
		case http.MethodGet:
			if c == nil {
				return outcome{value: static}
			}
			value, arrayField, res := s.page(rt, c, query, static)
			if !s.pageFits(rt.Route, resp.Status, c, value, arrayField, res) {
				return keep(static)
			}
			return outcome{value: value}
		}
		return outcome{value: static}
	}
	coll := rt.path[:strings.LastIndex(rt.path, "/")]
	id, err := url.PathUnescape(params[last])
	if err != nil {
		id = params[last]
	}
	res, stored := s.store.get(coll, id)
	if res == nil {
		if errbody.Declared(op, http.StatusNotFound) == nil {
			return outcome{value: static} // nothing to say it with: the example
		}
		if !s.fillable(op.Path) && s.store.held(coll) == 0 {
			// Nothing the contract offers can put a resource here and
			// nothing was seeded: a read-only resource, served as the
			// example, as a service with data would answer.
			return outcome{value: static}
		}
		return outcome{notFound: true, reason: fmt.Sprintf("no resource %q in %s", id, coll)}
	}
	t := typeOf(c)
	switch op.Method {
	case http.MethodDelete:
		s.store.remove(coll, id)
		if c != nil {
			return keep(stored)
		}
		return outcome{value: static}
	case http.MethodPut:
		next := writable(t, in)
		keepServerFields(t, stored, next)
		s.store.replace(coll, id, next)
		return keep(next)
	case http.MethodPatch:
		next, _ := mergePatch(stored, writable(t, in)).(map[string]any)
		keepServerFields(t, stored, next)
		s.store.replace(coll, id, next)
		return keep(next)
	}
	if sch := s.schemaOf(rt.Route, resp.Status, c); sch != nil && !s.store.fits(res, sch, s.check(sch)) {
		return keep(static)
	}
	return outcome{value: stored}
}

// create stores what a POST on a collection makes.
func (s *Server) create(rt *matched, c *contract.Content, in map[string]any, static any, keep func(any) outcome) outcome {
	base, ok := static.(map[string]any)
	if !ok || c == nil {
		return outcome{value: static}
	}
	t := typeOf(c)
	idName := s.idName(rt.path, t, base)
	created := make(map[string]any, len(base)+len(in))
	for k, v := range base { // what the server fills: the id, readOnly and required properties
		if f := field(t, k); t == nil || k == idName || f != nil && (f.Required || f.ReadOnly || f.Type != nil && f.Type.ReadOnly) {
			created[k] = v
		}
	}
	for k, v := range writable(t, in) {
		created[k] = v
	}
	stampTimes(t, created, true)
	var id string
	for range 1000 { // seeded resources may hold the next numbers
		seq := s.store.nextSeq()
		id = strconv.FormatUint(seq, 10)
		if idName != "" {
			created[idName] = freshID(fieldType(t, idName), seq)
			id = fmt.Sprint(created[idName])
		}
		if taken, _ := s.store.get(rt.path, id); taken == nil {
			break
		}
	}
	out := keep(created)
	if out.warning != "" {
		return out
	}
	s.store.add(rt.path, id, created)
	out.location = rt.prefix + rt.path + "/" + url.PathEscape(id)
	return out
}

// page lists a collection into the shape of its static answer: an array,
// or an object whose array property (items, data, results … or the first
// array) gets the page, with a next-cursor and a total property set
// where the schema has them.
func (s *Server) page(rt *matched, c *contract.Content, query url.Values, static any) (value any, arrayField string, res []*resource) {
	offset, limit := 0, -1
	for _, p := range rt.Op.Params {
		if p.In != contract.InQuery {
			continue
		}
		raw := query.Get(p.Name)
		switch p.Name {
		case "limit":
			if n, err := strconv.Atoi(raw); err == nil && n >= 0 {
				limit = n
			} else if p.Type != nil && p.Type.HasDefault {
				if f, ok := p.Type.Default.(float64); ok && f >= 0 {
					limit = int(f)
				}
			}
		case "offset", "cursor":
			if n, err := strconv.Atoi(raw); err == nil && n >= 0 {
				offset = n
			}
		}
	}
	if limit < 0 {
		limit = s.store.max
	}
	res, items, total := s.store.page(rt.path, offset, limit)
	end := offset + len(items)
	t := typeOf(c)
	if t == nil || t.Kind == contract.KindArray {
		return items, "", res
	}
	obj, ok := static.(map[string]any)
	if !ok {
		return static, "", nil
	}
	out := maps.Clone(obj)
	for _, name := range []string{"items", "data", "results", "content", "records", "entries"} {
		if f := fieldType(t, name); f != nil && f.Kind == contract.KindArray {
			arrayField = name
			break
		}
	}
	for _, f := range t.Fields {
		if arrayField == "" && f.Type != nil && f.Type.Kind == contract.KindArray {
			arrayField = f.Name
		}
	}
	if arrayField == "" {
		return static, "", nil
	}
	out[arrayField] = items
	for _, f := range t.Fields {
		switch strings.ToLower(f.Name) {
		case "nextcursor", "next_cursor", "cursor", "next":
			if end < total {
				out[f.Name] = strconv.Itoa(end)
			} else if !f.Required {
				delete(out, f.Name)
			}
		case "total", "totalcount", "total_count", "count":
			out[f.Name] = float64(total)
		}
	}
	return out, arrayField, res
}

// pageFits reports whether a listed page fits its response's schema. The
// page's own properties are checked with its array empty, and each
// resource against the array's item schema once (store.fits remembers),
// so a list costs what its new resources cost; a schema that needs the
// whole array at once (uniqueItems, or no plain items schema) is checked
// whole.
func (s *Server) pageFits(rt *route.Route, status string, c *contract.Content, value any, arrayField string, res []*resource) bool {
	sch := s.schemaOf(rt, status, c)
	if sch == nil || res == nil {
		return s.valid(rt, status, c, value)
	}
	arr := sch
	if arrayField != "" {
		if p := sch.Properties[arrayField]; p != nil {
			arr = p.Value
		} else {
			arr = nil
		}
	}
	n := uint64(len(res))
	if arr == nil || arr.Items == nil || arr.Items.Value == nil || arr.UniqueItems || n < arr.MinItems || arr.MaxItems != nil && n > *arr.MaxItems {
		return s.valid(rt, status, c, value)
	}
	if obj, ok := value.(map[string]any); ok && arrayField != "" {
		shell := maps.Clone(obj)
		shell[arrayField] = []any{}
		if arr.MinItems > 0 || sch.VisitJSON(shell, s.schemaOpts...) != nil {
			return s.valid(rt, status, c, value)
		}
	}
	item := arr.Items.Value
	for _, r := range res {
		if !s.store.fits(r, item, s.check(item)) {
			return false
		}
	}
	return true
}

// typeOf is a content's schema, nil without one.
func typeOf(c *contract.Content) *contract.Type {
	if c == nil {
		return nil
	}
	return c.Type
}

// fieldType is the type of t's property name, nil when t has none.
func fieldType(t *contract.Type, name string) *contract.Type {
	if f := field(t, name); f != nil {
		return f.Type
	}
	return nil
}

func field(t *contract.Type, name string) *contract.Field {
	if t == nil {
		return nil
	}
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// writable keeps the properties of a request body the response type t
// shows and a client may set: not readOnly or writeOnly ones, and only
// declared ones when t takes no others.
func writable(t *contract.Type, in map[string]any) map[string]any {
	out := make(map[string]any, len(in))
	for k, v := range in {
		f := field(t, k)
		switch {
		case f != nil && (f.ReadOnly || f.WriteOnly || f.Type != nil && (f.Type.ReadOnly || f.Type.WriteOnly)):
		case f == nil && t != nil && len(t.Fields) > 0 && t.Additional != contract.AdditionalAny && t.Additional != contract.AdditionalTyped:
		default:
			out[k] = v
		}
	}
	return out
}

// keepServerFields copies what the server owns from the stored resource
// into its replacement: the id and readOnly properties; updated
// timestamps are set to now.
func keepServerFields(t *contract.Type, stored, next map[string]any) {
	if next == nil {
		return
	}
	for k, v := range stored {
		f := field(t, k)
		if k == "id" || f != nil && (f.ReadOnly || f.Type != nil && f.Type.ReadOnly) || f != nil && f.Required && next[k] == nil {
			next[k] = v
		}
	}
	stampTimes(t, next, false)
}

// stampTimes sets date-time properties named like creation and update
// times (createdAt, created_at, updatedAt, modified …) to now; creation
// times only when created.
func stampTimes(t *contract.Type, v map[string]any, created bool) {
	if t == nil {
		return
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for _, f := range t.Fields {
		if f.Type == nil || f.Type.Kind != contract.KindString || f.Type.Format != "date-time" {
			continue
		}
		name := strings.ToLower(f.Name)
		isCreated := strings.HasPrefix(name, "created")
		isUpdated := strings.HasPrefix(name, "updated") || strings.HasPrefix(name, "modified")
		if isUpdated || isCreated && created {
			if _, present := v[f.Name]; present || f.Required {
				v[f.Name] = now
			}
		}
	}
}

// idName is the id property of a collection's resources: the property
// named like the item route's path parameter, else "id"; "" when the
// resource has neither.
func (s *Server) idName(coll string, t *contract.Type, v map[string]any) string {
	if rt := s.itemRoute(coll, "0"); rt != nil && rt.Last() != "" {
		if _, ok := v[rt.Last()]; ok || field(t, rt.Last()) != nil {
			return rt.Last()
		}
	}
	if _, ok := v["id"]; ok || field(t, "id") != nil {
		return "id"
	}
	return ""
}

// freshID is a new id of the id property's type: a number for integers,
// a UUID-shaped string for format uuid, digits otherwise.
func freshID(t *contract.Type, seq uint64) any {
	if t != nil {
		switch {
		case t.Kind == contract.KindInt || t.Kind == contract.KindNumber:
			return float64(seq)
		case t.Format == "uuid":
			return fmt.Sprintf("00000000-0000-4000-8000-%012x", seq)
		}
	}
	return strconv.FormatUint(seq, 10)
}

// seed loads Options.SeedData into the store: each collection path's
// resources, with ids taken from their id property.
func (s *Server) seed(data map[string][]any) error {
	colls := make([]string, 0, len(data))
	for coll := range data {
		colls = append(colls, coll)
	}
	sort.Strings(colls)
	for _, coll := range colls {
		for i, item := range data[coll] {
			obj, ok := item.(map[string]any)
			if !ok {
				return fmt.Errorf("%s[%d]: want an object, got %T", coll, i, item)
			}
			name := s.idName(coll, nil, obj)
			if name == "" {
				return fmt.Errorf("%s[%d]: no id property (%q or the item path's parameter)", coll, i, "id")
			}
			id := fmt.Sprint(obj[name])
			if err := s.checkSeed(coll, id, obj); err != nil {
				return fmt.Errorf("%s[%d]: %w", coll, i, err)
			}
			s.store.add(strings.TrimRight(coll, "/"), id, obj)
		}
	}
	return nil
}

// checkSeed checks a seeded resource against the schema of the answer
// that serves it (the item route's GET), so the mock never serves what
// breaks its contract; a collection without such a route is an error.
func (s *Server) checkSeed(coll, id string, v map[string]any) error {
	rt := s.itemRoute(coll, id)
	if rt == nil {
		return fmt.Errorf("no GET %s/{id} operation serves it", strings.TrimRight(coll, "/"))
	}
	resp, _ := chooseResponse(rt.Op, "")
	if resp == nil || len(resp.Contents) == 0 {
		return nil
	}
	c := resp.Contents[0]
	if sch := s.schemaOf(rt, resp.Status, c); sch != nil {
		if err := sch.VisitJSON(v, s.schemaOpts...); err != nil {
			why := firstLines(err.Error(), 1)
			if rs, ok := contract.ValidatorReasons(err); ok { // OpenAPI 3.1
				why = contract.ListReasons(rs)
			}
			return fmt.Errorf("does not fit the schema of %s %s's %s answer: %s", rt.Op.Method, rt.Op.Path, resp.Status, why)
		}
	}
	return nil
}

// itemRoute is the GET route of an item of a collection, nil when the
// contract has none.
func (s *Server) itemRoute(coll, id string) *route.Route {
	path := strings.TrimRight(coll, "/") + "/" + url.PathEscape(id)
	probe, err := http.NewRequest(http.MethodGet, "http://mock"+path, nil)
	if err != nil {
		return nil
	}
	rt, _, _ := s.router.MatchPath(probe, path)
	return rt
}

// check is a schema's check of one value, for store.fits.
func (s *Server) check(sch *openapi3.Schema) func(any) bool {
	return func(v any) bool { return sch.VisitJSON(v, s.schemaOpts...) == nil }
}

// fillable reports whether the contract lets a client create resources of
// the item route itemPath: a POST on its collection path or a PUT on the
// item itself.
func (s *Server) fillable(itemPath string) bool {
	coll := itemPath[:strings.LastIndex(itemPath, "/")]
	for _, op := range s.model.Operations {
		if (op.Method == http.MethodPost && op.Path == coll) || (op.Method == http.MethodPut && op.Path == itemPath) {
			return true
		}
	}
	return false
}
