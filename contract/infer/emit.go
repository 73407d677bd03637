package infer

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// methodOrder is the order operations are written in within a path.
var methodOrder = map[string]int{"GET": 0, "PUT": 1, "POST": 2, "DELETE": 3, "OPTIONS": 4, "HEAD": 5, "PATCH": 6, "TRACE": 7}

// sortedOps returns the operations by path, then method.
func (in *inferrer) sortedOps() []*Operation {
	ops := make([]*Operation, 0, len(in.order))
	for _, k := range in.order {
		ops = append(ops, in.ops[k])
	}
	sort.Slice(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		ma, oka := methodOrder[a.Method]
		mb, okb := methodOrder[b.Method]
		if !oka {
			ma = 100
		}
		if !okb {
			mb = 100
		}
		if ma != mb {
			return ma < mb
		}
		return a.Method < b.Method
	})
	return ops
}

// emit writes the contract.
func (in *inferrer) emit() (*Result, error) {
	if in.refusals == 0 && len(in.schemes) > 0 {
		// Credentials sent to a service that never refused one may be
		// ignored by it: requiring them would claim what was not seen.
		in.res.Warnings = append(in.res.Warnings, "credentials were sent but no answer was 401 or 403, so nothing shows the service checks them: their security schemes are declared, no operation requires them; add security requirements if the service needs them")
	}
	ops := in.sortedOps()
	in.assumeUnauthorized(ops)
	ids := namer{}
	for _, op := range ops {
		op.ID = ids.unique(operationID(op))
		op.tag = tagOf(op)
		for st := range op.resp {
			op.Statuses = append(op.Statuses, st)
		}
		sort.Ints(op.Statuses)
	}
	reserved := namer{}
	for k := range in.opt.reserved {
		reserved[k] = true
	}
	comps := in.components(ops, reserved)
	paths := mapping()
	var cur *yaml.Node
	curPath := ""
	var tags []string
	tagSeen := map[string]bool{}
	for _, op := range ops {
		if cur == nil || op.Path != curPath {
			cur, curPath = mapping(), op.Path
			set(paths, op.Path, cur)
		}
		set(cur, strings.ToLower(op.Method), in.operation(op))
		if op.tag != "" && !tagSeen[op.tag] {
			tagSeen[op.tag] = true
			tags = append(tags, op.tag)
		}
	}
	sortStrings(tags)
	title := in.opt.Title
	if title == "" {
		title = "Inferred API"
	}
	version := in.opt.Version
	if version == "" {
		version = "0.0.0"
	}
	doc := mapping(
		"openapi", "3.1.0",
		"info", mapping("title", title, "version", version,
			"description", fmt.Sprintf("Inferred by toolkit infer from %d recorded exchanges; review before use.", in.res.Entries-in.res.Skipped)),
	)
	if len(in.opt.Servers) > 0 {
		srv := seqOf(nil)
		for _, s := range in.opt.Servers {
			srv.Content = append(srv.Content, mapping("url", s))
		}
		set(doc, "servers", srv)
	}
	if len(tags) > 0 {
		ts := seqOf(nil)
		for _, t := range tags {
			ts.Content = append(ts.Content, mapping("name", t))
		}
		set(doc, "tags", ts)
	}
	set(doc, "paths", paths)
	components := mapping()
	if len(comps.order) > 0 {
		schemas := mapping()
		for _, name := range comps.order {
			set(schemas, name, in.schema(comps.byName[name], 0, true))
		}
		set(components, "schemas", schemas)
	}
	if len(in.schemes) > 0 {
		set(components, "securitySchemes", in.securitySchemes())
	}
	if len(components.Content) > 0 {
		set(doc, "components", components)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	enc.Close()
	in.res.YAML = buf.Bytes()
	in.res.Operations = ops
	return in.res, nil
}

// assumeUnauthorized gives every operation that always needed
// credentials the 401 answer other operations gave, when it has none of
// its own: traffic recorded with valid credentials rarely shows it, yet
// the service answers it as soon as a credential expires.
func (in *inferrer) assumeUnauthorized(ops []*Operation) {
	var unauth *response
	for _, op := range ops {
		if r := op.resp[http.StatusUnauthorized]; r != nil {
			unauth = r
			break
		}
	}
	if unauth == nil {
		return
	}
	for _, op := range ops {
		req := &op.ok
		if req.n == 0 {
			req = &op.bad
		}
		if op.resp[http.StatusUnauthorized] == nil && len(req.security) > 0 && !req.security[""] {
			op.resp[http.StatusUnauthorized] = unauth
			op.assumed401 = true
		}
	}
}

// operationID makes an id from the method and the path: GET /pets →
// listPets, GET /pets/{petId} → getPet, POST /pets → createPet, GET
// /users/{userId}/orders → listUserOrders.
func operationID(op *Operation) string {
	var ws []string
	lastLiteral := ""
	endsWithParam := len(op.literals) > 0 && op.literals[len(op.literals)-1] == ""
	for i, l := range op.literals {
		if l == "" || noise(l) {
			continue
		}
		if i == len(op.literals)-1 && op.Method == "GET" {
			ws = append(ws, words(l)...) // a collection keeps its plural
		} else {
			ws = append(ws, singularWords(l)...)
		}
		lastLiteral = l
	}
	verb := strings.ToLower(op.Method)
	switch op.Method {
	case "GET":
		verb = "get"
		if !endsWithParam && lastLiteral != "" && plural(strings.ToLower(lastLiteral)) {
			verb = "list"
		}
	case "POST":
		verb = "create"
		if endsWithParam {
			verb = "post"
		}
	case "PUT":
		verb = "update"
	}
	if len(ws) == 0 {
		ws = []string{"root"}
	}
	return camel(append([]string{verb}, ws...), false)
}

// tagOf is the first path segment that names a resource.
func tagOf(op *Operation) string {
	for _, l := range op.literals {
		if l != "" && !noise(l) {
			return l
		}
		if l == "" {
			break
		}
	}
	return ""
}

// operation writes one operation.
func (in *inferrer) operation(op *Operation) *yaml.Node {
	req := &op.ok
	if req.n == 0 {
		req = &op.bad
	}
	o := mapping("operationId", op.ID)
	if op.tag != "" {
		set(o, "tags", []string{op.tag})
	}
	set(o, "summary", fmt.Sprintf("%s %s (seen %d times)", op.Method, op.Path, op.ok.n+op.bad.n))
	ps := seqOf(nil)
	for i, n := range op.segs {
		if op.literals[i] != "" {
			continue
		}
		k, fm := n.paramType()
		s := mapping("type", k.typeName())
		if f := fm.name(); f != "" && k == kindString {
			set(s, "format", f)
		}
		ps.Content = append(ps.Content, mapping("name", n.name, "in", "path", "required", true, "schema", s))
	}
	for _, group := range []struct {
		in string
		ps *params
	}{{"query", &req.query}, {"header", &req.header}, {"cookie", &req.cookie}} {
		keys := append([]string(nil), group.ps.order...)
		sortStrings(keys)
		for _, k := range keys {
			p := group.ps.byName[k]
			ps.Content = append(ps.Content, in.parameter(group.in, p, req.n))
		}
	}
	if len(ps.Content) > 0 {
		set(o, "parameters", ps)
	}
	if len(req.bodies.order) > 0 {
		withBody := 0
		for _, b := range req.bodies.byType {
			withBody += b.n
		}
		set(o, "requestBody", mapping("required", withBody >= req.n, "content", in.content(&req.bodies)))
	}
	responses := mapping()
	for _, st := range op.Statuses {
		r := op.resp[st]
		desc := http.StatusText(st)
		if desc == "" {
			desc = "Status " + strconv.Itoa(st)
		}
		if st == http.StatusUnauthorized && op.assumed401 {
			desc += " (not seen here: the answer other operations gave without valid credentials)"
		}
		rn := mapping("description", desc)
		if hs := in.responseHeaders(r); hs != nil {
			set(rn, "headers", hs)
		}
		if len(r.bodies.order) > 0 {
			set(rn, "content", in.content(&r.bodies))
		}
		set(responses, strconv.Itoa(st), rn)
	}
	set(o, "responses", responses)
	if sec := in.security(req); sec != nil && in.refusals > 0 {
		set(o, "security", sec)
	}
	return o
}

// parameter writes a query, header or cookie parameter; required when
// every request carried it.
func (in *inferrer) parameter(where string, p *param, n int) *yaml.Node {
	s := mapping("type", p.val.kind.typeName())
	if f := p.val.formats.name(); f != "" && p.val.kind == kindString {
		set(s, "format", f)
	}
	// Cookie values may be credentials under any name: never written.
	if in.opt.EnumMax > 0 && where != "cookie" {
		if e := p.val.enum(in.opt.EnumMax); e != nil {
			set(s, "enum", e)
		}
	}
	if p.multi {
		s = mapping("type", "array", "items", s)
	}
	return mapping("name", p.name, "in", where, "required", p.n >= n, "schema", s)
}

// responseHeaders declares the non-standard headers of an answer;
// required when every answer carried them.
func (in *inferrer) responseHeaders(r *response) *yaml.Node {
	keys := append([]string(nil), r.headers.order...)
	sortStrings(keys)
	hs := mapping()
	for _, k := range keys {
		p := r.headers.byName[k]
		s := mapping("type", p.val.kind.typeName())
		set(hs, p.name, mapping("required", p.n >= r.n, "schema", s))
	}
	if len(hs.Content) == 0 {
		return nil
	}
	return hs
}

// content writes bodies by media type, sorted, each with its schema and
// one example.
func (in *inferrer) content(bs *bodies) *yaml.Node {
	keys := append([]string(nil), bs.order...)
	sortStrings(keys)
	c := mapping()
	for _, mt := range keys {
		b := bs.byType[mt]
		var schema, example *yaml.Node
		switch {
		case b.json:
			// Samples that were not JSON under a JSON media type are the
			// service's slip: the schema is the JSON ones'.
			schema = in.schema(&b.shape, 0, false)
			if b.example != nil {
				example = value(b.example)
			}
		case b.binary:
			schema = mapping("type", "string", "format", "binary")
		default:
			schema = mapping("type", "string")
			if b.text != "" {
				example = str(b.text)
			}
		}
		set(c, mt, mapping("schema", schema, "example", example))
	}
	return c
}

// security lists the requirements the accepted requests showed; a
// request without credentials adds the empty requirement.
func (in *inferrer) security(req *request) *yaml.Node {
	keys := make([]string, 0, len(req.security))
	for k := range req.security {
		keys = append(keys, k)
	}
	if len(keys) == 1 && keys[0] == "" {
		return nil
	}
	sortStrings(keys)
	sec := seqOf(nil)
	for _, k := range keys {
		m := mapping()
		if k != "" {
			for _, name := range strings.Split(k, ",") {
				set(m, name, seqOf(nil))
			}
		}
		sec.Content = append(sec.Content, m)
	}
	if len(sec.Content) == 0 {
		return nil
	}
	return sec
}

func (in *inferrer) securitySchemes() *yaml.Node {
	list := make([]*scheme, 0, len(in.schemes))
	for _, s := range in.schemes {
		list = append(list, s)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	m := mapping()
	for _, s := range list {
		if s.typ == "http" {
			set(m, s.name, mapping("type", "http", "scheme", s.in))
		} else {
			set(m, s.name, mapping("type", "apiKey", "in", s.in, "name", s.field))
		}
	}
	return m
}

// schema writes a shape as JSON Schema (OpenAPI 3.1): a $ref when the
// shape is a named component (unless writing that component), a type
// list with "null" when null was seen, a format when every string
// matched one, properties with required, items.
func (in *inferrer) schema(s *shape, depth int, component bool) *yaml.Node {
	if s.ref != "" && !component {
		return mapping("$ref", "#/components/schemas/"+s.ref)
	}
	types := s.types()
	if len(types) == 0 || depth > maxDepth {
		return mapping()
	}
	m := mapping()
	if len(types) == 1 {
		set(m, "type", types[0])
	} else {
		set(m, "type", types)
	}
	if s.str > 0 {
		if f := s.formats.name(); f != "" {
			set(m, "format", f)
		}
	}
	if s.obj > 0 {
		if len(s.order) > 0 {
			props := mapping()
			for _, k := range s.order {
				set(props, k, in.schema(s.props[k], depth+1, false))
			}
			set(m, "properties", props)
			if r := s.required(); len(r) > 0 {
				set(m, "required", r)
			}
		}
		if s.additional != nil {
			set(m, "additionalProperties", in.schema(s.additional, depth+1, false))
		}
	}
	if s.arr > 0 {
		if s.items != nil && s.items.n > 0 {
			set(m, "items", in.schema(s.items, depth+1, false))
		} else {
			set(m, "items", mapping())
		}
	}
	return m
}
