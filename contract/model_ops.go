package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// methodOrder is the order operations of one path appear in.
var methodOrder = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// Build turns a Document into the language-neutral Model. It reports, as
// *Error, problems that only show when meaning is given to the contract:
// two operations with one id, a required property that does not exist,
// a cycle of required properties that no finite value satisfies.
func Build(d *Document) (*Model, error) {
	return BuildWith(d, LoadOptions{})
}

// Open loads a contract and builds its Model with the same options: what
// every command and test that needs both does.
func Open(path string, opts LoadOptions) (*Document, *Model, error) {
	d, err := Load(path, opts)
	if err != nil {
		return nil, nil, err
	}
	m, err := BuildWith(d, opts)
	if err != nil {
		return nil, nil, err
	}
	return d, m, nil
}

// BuildWith is Build with the options the Document was loaded with
// (Lenient turns some errors into warnings).
func BuildWith(d *Document, opts LoadOptions) (*Model, error) {
	t := d.T
	m := &Model{OpenAPI: d.OpenAPI}
	b := &builder{doc: d, m: m, types: map[*openapi3.Schema]*Type{}, byRef: map[string]*Type{}, names: map[string]bool{}, opts: opts}
	b.c.doc = d
	if t.Info != nil {
		m.Title, m.Version, m.Description = t.Info.Title, t.Info.Version, t.Info.Description
	}
	m.Servers = serversOf(t.Servers)
	for _, tg := range t.Tags {
		if tg != nil {
			m.Tags = append(m.Tags, Tag{Name: tg.Name, Description: tg.Description})
		}
	}
	if t.Components != nil {
		// Component names are taken first, so they keep their own names
		// when an inline schema's derived name would collide.
		// Every component gets its type before any is filled in, so a
		// $ref met while filling one finds the other's type.
		var fill []string
		for _, name := range sortedKeys(t.Components.Schemas) {
			b.names[name] = true
		}
		for _, name := range sortedKeys(t.Components.Schemas) {
			ref := t.Components.Schemas[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			key := "#" + Pointer("components", "schemas", name)
			if other, ok := b.types[ref.Value]; ok {
				b.byRef[key] = other // an alias of another component
				continue
			}
			ty := &Type{Source: Source{File: d.Path, Pointer: Pointer("components", "schemas", name)}, Name: name}
			b.types[ref.Value] = ty
			b.byRef[key] = ty
			m.Types = append(m.Types, ty)
			fill = append(fill, name)
		}
		for _, name := range fill {
			ref := t.Components.Schemas[name]
			ty := b.types[ref.Value]
			src := ty.Source // where the schema is written, for positions
			if ref.Ref != "" {
				src = b.refSource(ref.Ref, src)
			}
			if ref.Ref != "" {
				if other, ok := b.byRef[b.refKey(ref.Ref, Source{})]; ok && other != ty {
					// components.schemas.A: {$ref: B}: A is B under
					// another name; keep it as a named alias.
					*ty = Type{Name: ty.Name, Source: ty.Source, Kind: other.Kind}
					b.fill(ty, ref.Value, name, src)
					continue
				}
			}
			b.fill(ty, ref.Value, name, src)
		}
		for _, name := range sortedKeys(t.Components.SecuritySchemes) {
			ref := t.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			s := ref.Value
			ss := &SecurityScheme{Name: name, Type: s.Type, Scheme: strings.ToLower(s.Scheme), ParamName: s.Name, Description: s.Description, BearerFormat: s.BearerFormat}
			if s.In != "" {
				ss.In = ParamIn(s.In)
			}
			m.SecuritySchemes = append(m.SecuritySchemes, ss)
		}
	}
	m.Security = securityOf(t.Security)
	b.operations()
	b.unsupportedOperations()
	b.checkRequiredCycles()
	b.breakUnionCycles()
	sortTypes(m.Types)
	if opts.Strict {
		// As Load does: under --strict the builder's warnings (a union
		// cycle broken, a required property not defined) refuse too.
		for i := range b.c.problems {
			b.c.problems[i].Severity = SeverityError
		}
	}
	if b.c.hasErrors() {
		return nil, b.c.err()
	}
	d.Warnings = append(d.Warnings, b.c.problems...)

	if opts.SkipSpec {
		return m, nil
	}
	spec, err := specJSON(d)
	if err != nil {
		return nil, err
	}
	m.Spec, m.specTree = spec, &specTree{data: spec}
	return m, nil
}

// specJSON renders the contract as one self-contained JSON document. A
// single-file OpenAPI 3 contract written in JSON already is one: its own
// text, compacted, is both more faithful than a re-encoding of the model and
// much cheaper to produce (GitHub's description is 12 MB).
func specJSON(d *Document) ([]byte, error) {
	if root := d.files[d.Path]; root != nil && !d.external && strings.HasPrefix(d.OpenAPI, "3") {
		if trimmed := bytes.TrimSpace(root.data); len(trimmed) > 0 && trimmed[0] == '{' {
			var buf bytes.Buffer
			buf.Grow(len(trimmed))
			if err := json.Compact(&buf, trimmed); err == nil {
				return buf.Bytes(), nil
			}
		}
	}
	if d.external {
		// Inline other files' components, so the embedded spec stands alone.
		d.awaitValueChecks() // they read what this changes
		d.T.InternalizeRefs(context.Background(), componentName(d.Path))
	}
	b, err := json.Marshal(d.T)
	if err != nil {
		return nil, fmt.Errorf("rendering the contract as JSON: %w", err)
	}
	return b, nil
}

// componentName names an internalized component after its file's path
// relative to the root file's folder (extension dropped) and its pointer
// inside that file, so the embedded spec does not depend on where the
// contract sits on disk.
func componentName(root string) openapi3.RefNameResolver {
	dir := filepath.Dir(root)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return func(doc *openapi3.T, ref openapi3.ComponentRef) string {
		if name, ok := openapi3.ReferencesComponentInRootDocument(doc, ref); ok {
			return path.Base(name)
		}
		u := ref.RefPath()
		file := filepath.FromSlash(u.Path)
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
		file = strings.TrimSuffix(filepath.ToSlash(file), path.Ext(file))
		frag := strings.TrimPrefix(u.Fragment, "/components/"+ref.CollectionName())
		name := strings.Trim(file+"_"+strings.Trim(frag, "/"), "_./")
		name = openapi3.InvalidIdentifierCharRegExp.ReplaceAllString(name, "_")
		if name == "" {
			name = ref.CollectionName()
		}
		return name
	}
}

func securityOf(reqs openapi3.SecurityRequirements) []SecurityRequirement {
	var out []SecurityRequirement
	for _, r := range reqs {
		req := SecurityRequirement{}
		for _, name := range sortedKeys(r) {
			req = append(req, SecurityItem{Scheme: name, Scopes: r[name]})
		}
		out = append(out, req)
	}
	return out
}

// itemMethods lists the methods of a path item: the fixed ones in
// methodOrder, then OpenAPI 3.2's query, then its additionalOperations
// (custom methods such as PURGE) in name order.
func itemMethods(item *openapi3.PathItem) []string {
	methods := append([]string(nil), methodOrder...)
	if item.Query != nil {
		methods = append(methods, openapi3.MethodQuery)
	}
	for _, m := range sortedKeys(item.AdditionalOperations) {
		if !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	return methods
}

// operations fills m.Operations in path and method order, then
// m.Webhooks in name and method order; the callbacks of each are built
// with it. Operation ids are unique across all of them.
func (b *builder) operations() {
	t := b.doc.T
	ob := &opBuilder{b: b, ids: map[string]string{}}
	if t.Paths != nil {
		paths := t.Paths.Map()
		for _, path := range sortedKeys(paths) {
			b.m.Operations = append(b.m.Operations, ob.item(paths[path], path, Pointer("paths", path), "", 0)...)
		}
	}
	for _, name := range sortedKeys(t.Webhooks) {
		ops := ob.item(t.Webhooks[name], "", Pointer("webhooks", name), name, 0)
		for _, o := range ops {
			o.Webhook = name
		}
		b.m.Webhooks = append(b.m.Webhooks, ops...)
	}
	ob.synthesize()
}

// opBuilder builds the operations of path items, keeping operation ids
// unique over paths, webhooks and callbacks.
type opBuilder struct {
	b           *builder
	ids         map[string]string // id → pointer of its first use
	synthesized []*Operation
}

// item builds the operations of one path item at ptr. path is the
// contract path ("" for webhooks and callbacks); idHint names operations
// without an operationId when there is no path (a webhook's name, a
// callback's operation and name). depth counts callbacks met on the way.
func (ob *opBuilder) item(item *openapi3.PathItem, path, ptr, idHint string, depth int) []*Operation {
	if item == nil {
		return nil
	}
	b := ob.b
	var out []*Operation
	for _, method := range itemMethods(item) {
		op := item.GetOperation(method)
		if op == nil {
			continue
		}
		optr := ptr + "/" + strings.ToLower(method)
		if item.AdditionalOperations[method] == op {
			optr = ptr + Pointer("additionalOperations", method)
		}
		o := &Operation{
			ID: op.OperationID, Method: method, Path: path,
			Summary: op.Summary, Description: op.Description, Deprecated: op.Deprecated,
			Tags:   op.Tags,
			Source: Source{File: b.doc.Path, Pointer: optr},
		}
		if o.ID == "" {
			o.IDSynthesized = true
			if path == "" {
				o.ID = synthesizeID(method, idHint) // a stable name hint; made unique later
			}
			ob.synthesized = append(ob.synthesized, o)
		} else if first, dup := ob.ids[o.ID]; dup {
			// Paths' repeated ids were refused (or, --lenient, renamed)
			// by Load's checkOperationIDs; what reaches here is a
			// webhook's or callback's id that repeats another one.
			b.c.add(SeverityError, b.doc.Path, optr+"/operationId", fmt.Sprintf("operationId %q is already used at %s; operation ids must be unique", o.ID, first))
		} else {
			ob.ids[o.ID] = optr
		}
		b.params(o, item.Parameters, ptr, op.Parameters)
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			rb := op.RequestBody.Value
			o.Body = &RequestBody{Required: rb.Required, Description: rb.Description}
			o.Body.Contents = b.contents(rb.Content, opName(o)+"_body", child2(o.Source, "requestBody", "content"), false)
			b.unreadBodies(o.Body.Contents, child2(o.Source, "requestBody", "content"))
		}
		b.responses(o, op.Responses)
		if op.Security != nil {
			o.Security = securityOf(*op.Security)
			if o.Security == nil {
				o.Security = []SecurityRequirement{}
			}
		}
		if op.Servers != nil {
			o.Servers = serversOf(*op.Servers)
		}
		if o.Servers == nil {
			o.Servers = serversOf(item.Servers)
		}
		ob.callbacks(o, op.Callbacks, depth)
		out = append(out, o)
	}
	return out
}

// callbacks fills o.Callbacks. A callback's own callbacks are not
// generated: a warning says so.
func (ob *opBuilder) callbacks(o *Operation, cbs openapi3.Callbacks, depth int) {
	b := ob.b
	for _, name := range sortedKeys(cbs) {
		ref := cbs[name]
		src := child2(o.Source, "callbacks", name)
		if ref == nil || ref.Value == nil {
			continue
		}
		if depth > 0 {
			b.c.add(SeverityWarning, src.File, src.Pointer, fmt.Sprintf("callbacks: callback %q of a callback's operation is not generated (callbacks nest only one level in generated code)", name))
			continue
		}
		items := ref.Value.Map()
		for _, expr := range sortedKeys(items) {
			cb := &Callback{Name: name, Expression: expr, Source: child2(src, expr)}
			hint := opName(o) + " " + name
			if len(items) > 1 {
				hint += " " + expr
			}
			cb.Operations = ob.item(items[expr], "", cb.Source.Pointer, hint, depth+1)
			url, err := ParseCallbackURL(expr)
			if err == nil {
				err = evaluable(o, url)
			}
			if err != nil {
				b.c.add(SeverityWarning, cb.Source.File, cb.Source.Pointer, fmt.Sprintf("callbacks: %v; the function computing callback %q's URL is not generated (its client and handler are)", err, name))
			} else {
				cb.URL = url
			}
			o.Callbacks = append(o.Callbacks, cb)
		}
	}
}

// evaluable checks that every expression of a callback URL reads what
// the operation's decoded request holds: a declared parameter, a JSON
// body.
func evaluable(o *Operation, url []URLPart) error {
	for _, p := range url {
		x := p.Expr
		if x == nil {
			continue
		}
		switch x.Source {
		case ExprPath, ExprQuery, ExprHeader:
			in := ParamIn(strings.TrimPrefix(string(x.Source), "request."))
			found := false
			for _, pm := range o.Params {
				if pm.In == in && (pm.Name == x.Name || in == InHeader && strings.EqualFold(pm.Name, x.Name)) {
					found = true
				}
			}
			if !found {
				return fmt.Errorf("runtime expression {$%s.%s} names a %s parameter the operation does not declare", x.Source, x.Name, in)
			}
		case ExprBody:
			if o.Body == nil || len(o.Body.Contents) == 0 || o.Body.Contents[0].Kind != BodyJSON || o.Body.Contents[0].Type == nil {
				return fmt.Errorf("runtime expression {$request.body%s} needs a JSON request body with a schema", prefixed("#", x.Pointer))
			}
		}
	}
	return nil
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// synthesize gives operations without an operationId their id, after all
// ids of the contract are known, so they never take a name it uses.
func (ob *opBuilder) synthesize() {
	for _, o := range ob.synthesized {
		base := o.ID
		if base == "" {
			base = synthesizeID(o.Method, o.Path)
		}
		id := base
		for i := 2; ob.ids[id] != ""; i++ {
			id = fmt.Sprintf("%s%d", base, i)
		}
		ob.ids[id] = o.Source.Pointer
		o.ID = id
	}
}

// ParseCallbackURL splits a callback's key into literal text and runtime
// expressions in braces. It refuses expressions that need the response
// ($response.…, $statusCode), which a URL computed from the request
// cannot read, and anything that is not a runtime expression.
func ParseCallbackURL(s string) ([]URLPart, error) {
	var out []URLPart
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			out = append(out, URLPart{Literal: s})
			break
		}
		if open > 0 {
			out = append(out, URLPart{Literal: s[:open]})
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("runtime expression %q has no closing brace", s[open:])
		}
		x, err := ParseRuntimeExpr(s[open+1 : open+end])
		if err != nil {
			return nil, err
		}
		out = append(out, URLPart{Expr: x})
		s = s[open+end+1:]
	}
	return out, nil
}

// ParseRuntimeExpr reads one runtime expression over a request:
// $url, $method, $request.path.NAME, $request.query.NAME,
// $request.header.NAME, $request.body and $request.body#/POINTER.
func ParseRuntimeExpr(s string) (*RuntimeExpr, error) {
	switch {
	case s == "$url":
		return &RuntimeExpr{Source: ExprURL}, nil
	case s == "$method":
		return &RuntimeExpr{Source: ExprMethod}, nil
	case s == "$request.body":
		return &RuntimeExpr{Source: ExprBody}, nil
	case strings.HasPrefix(s, "$request.body#"):
		ptr := strings.TrimPrefix(s, "$request.body#")
		if ptr != "" && ptr[0] != '/' {
			return nil, fmt.Errorf("runtime expression {%s}: %q is not a JSON pointer", s, ptr)
		}
		return &RuntimeExpr{Source: ExprBody, Pointer: ptr}, nil
	case strings.HasPrefix(s, "$response.") || s == "$statusCode":
		return nil, fmt.Errorf("runtime expression {%s} reads the response, which a URL computed from the request cannot", s)
	}
	for _, src := range []ExprSource{ExprPath, ExprQuery, ExprHeader} {
		if name, ok := strings.CutPrefix(s, "$"+string(src)+"."); ok && name != "" {
			return &RuntimeExpr{Source: src, Name: name}, nil
		}
	}
	return nil, fmt.Errorf("runtime expression {%s} is not one of $url, $method, $request.path|query|header.NAME, $request.body[#/pointer]", s)
}

// serversOf turns a servers list into Servers; nil when it is empty.
func serversOf(list openapi3.Servers) []Server {
	var out []Server
	for _, s := range list {
		if s == nil {
			continue
		}
		sv := Server{URL: s.URL, Description: s.Description}
		for _, name := range sortedKeys(s.Variables) {
			if v := s.Variables[name]; v != nil {
				sv.Variables = append(sv.Variables, ServerVariable{Name: name, Default: v.Default, Enum: v.Enum})
			}
		}
		out = append(out, sv)
	}
	return out
}

// opName is the name hint for an operation's inline types.
func opName(o *Operation) string {
	if o.ID != "" {
		return o.ID
	}
	return synthesizeID(o.Method, o.Path)
}

// synthesizeID makes a camelCase id from method and path:
// "GET /pets/{petId}/photos" → "getPetsPetIdPhotos".
func synthesizeID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	upper := true
	for _, r := range path {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		} else {
			upper = true
		}
	}
	return b.String()
}

// params merges path-item and operation parameters (the operation's win
// for the same name and location) and fills defaults for style and
// explode.
func (b *builder) params(o *Operation, itemParams openapi3.Parameters, itemPtr string, opParams openapi3.Parameters) {
	type key struct{ name, in string }
	var order []key
	byKey := map[key]*openapi3.ParameterRef{}
	srcs := map[key]Source{}
	add := func(ps openapi3.Parameters, base string) {
		for i, p := range ps {
			if p == nil || p.Value == nil {
				continue
			}
			k := key{p.Value.Name, p.Value.In}
			if _, ok := byKey[k]; !ok {
				order = append(order, k)
			}
			byKey[k] = p
			srcs[k] = Source{File: b.doc.Path, Pointer: base + "/parameters/" + strconv.Itoa(i)}
		}
	}
	add(itemParams, itemPtr)
	add(opParams, o.Source.Pointer)
	for _, k := range order {
		p := byKey[k].Value
		src := srcs[k]
		pm := &Param{
			Name: p.Name, In: ParamIn(p.In), Required: p.Required || p.In == "path",
			Description: p.Description, Deprecated: p.Deprecated, Style: p.Style, AllowReserved: p.AllowReserved,
			Source: src,
		}
		if pm.Style == "" {
			switch pm.In {
			case InQuery, InCookie:
				pm.Style = "form"
			default:
				pm.Style = "simple"
			}
		}
		if p.Explode != nil {
			pm.Explode = *p.Explode
		} else {
			pm.Explode = pm.Style == "form"
		}
		hint := joinName(opName(o), p.Name)
		switch {
		case p.Schema != nil:
			pm.Type = b.typeOf(p.Schema, hint, child2(src, "schema"))
		case len(p.Content) > 0:
			for _, mt := range sortedKeys(p.Content) {
				pm.ContentType = mt
				pm.Type = b.typeOf(p.Content[mt].Schema, hint, child2(src, "content", mt, "schema"))
				break
			}
		default:
			pm.Type = &Type{Kind: KindString}
		}
		if p.Example != nil {
			pm.Example, pm.HasExample = p.Example, true
		}
		o.Params = append(o.Params, pm)
	}
}

// unreadBodies warns about the request body media types a generated server
// does not read: beside a typed JSON body, those that are neither JSON, nor
// a form, nor XML (see xmlBody) of the same schema; beside a typed XML body
// (none of those came first), those that are not XML of its schema; beside
// a typed multipart/form-data body (which sorts after JSON and forms), any
// other. A request in one gets a 415 the contract does not foresee, so it
// must not pass in silence. An untyped first body is read raw, whatever its
// media type.
func (b *builder) unreadBodies(cs []*Content, src Source) {
	if len(cs) < 2 || cs[0].Type == nil {
		return
	}
	first := cs[0]
	switch {
	case first.Kind == BodyJSON:
	case first.XML:
	case first.Kind == BodyMultipart && first.Type.Kind == KindObject:
	default:
		return
	}
	for _, c := range cs[1:] {
		if first.Kind == BodyJSON && c.Type == first.Type && (c.Kind == BodyJSON || c.Kind == BodyForm || c.XML) {
			continue
		}
		if first.XML && c.Type == first.Type && c.XML {
			continue
		}
		b.notGenerated("Request body media type beside a typed one", src.File, child2(src, c.MediaType).Pointer)
	}
}

// contents turns a content map into Contents: JSON media types first,
// then by name, so the preferred encoding leads.
func (b *builder) contents(c openapi3.Content, hint string, src Source, response bool) []*Content {
	keys := sortedKeys(c)
	sort.SliceStable(keys, func(i, j int) bool {
		return BodyKindOf(keys[i]) < BodyKindOf(keys[j])
	})
	var out []*Content
	for i, mt := range keys {
		media := c[mt]
		if media == nil {
			continue
		}
		h := hint
		if i > 0 {
			h = joinName(hint, mediaSuffix(mt))
		}
		ct := &Content{MediaType: mt, Kind: BodyKindOf(mt)}
		if media.Schema != nil {
			ct.Type = b.typeOf(media.Schema, h, child2(src, mt, "schema"))
		}
		if media.Example != nil {
			ct.Example, ct.HasExample = media.Example, true
		}
		for _, name := range sortedKeys(media.Examples) {
			ex := media.Examples[name]
			if ex == nil || ex.Value == nil {
				continue
			}
			ct.Examples = append(ct.Examples, NamedExample{Name: name, Summary: ex.Value.Summary, Value: ex.Value.Value})
		}
		b.stream(ct, media, h, child2(src, mt), response)
		if isXMLMedia(mt) {
			b.xmlBody(ct, child2(src, mt))
		}
		if len(media.Encoding) > 0 {
			ct.Encoding = map[string]string{}
			for _, name := range sortedKeys(media.Encoding) {
				e := media.Encoding[name]
				if e == nil {
					continue
				}
				if e.ContentType != "" {
					ct.Encoding[name] = e.ContentType
				}
				b.partHeaders(ct, name, e.Headers, joinName(h, name), child2(src, mt, "encoding", name, "headers"), response)
			}
		}
		out = append(out, ct)
	}
	return out
}

// stream fills a content's Stream and ItemType. Streams are generated for
// responses; a request body's itemSchema is not (the body stays a
// reader), and a warning says so.
func (b *builder) stream(ct *Content, media *openapi3.MediaType, hint string, src Source, response bool) {
	kind := StreamKindOf(ct.MediaType)
	if kind == StreamNone || !response {
		if media.ItemSchema != nil {
			what := "a request body"
			if response {
				what = "media type " + ct.MediaType + ", which is not a sequential media type (text/event-stream, application/jsonl, application/x-ndjson, application/json-seq)"
			}
			b.c.add(SeverityWarning, src.File, src.Pointer+"/itemSchema", "itemSchema (OpenAPI 3.2) of "+what+" is not generated: the body is read and written as raw bytes")
		}
		return
	}
	ct.Stream = kind
	switch {
	case media.ItemSchema != nil:
		ct.ItemType = b.typeOf(media.ItemSchema, joinName(hint, "item"), child2(src, "itemSchema"))
		if kind == StreamSSE {
			ct.ItemType = sseData(ct.ItemType)
		}
	case ct.Type == nil && kind == StreamSSE:
		ct.ItemType = &Type{Kind: KindString}
	case ct.Type == nil:
		ct.ItemType = &Type{Kind: KindAny}
	case ct.Type.Kind == KindArray && kind != StreamSSE && ct.Type.Elem != nil:
		ct.ItemType = ct.Type.Elem
	default:
		ct.ItemType = ct.Type
	}
}

// sseData is the type of an event's data for an SSE itemSchema: OpenAPI
// 3.2 describes the event itself, an object of event, data, id and retry,
// whose data property is the item; any other schema is the data.
func sseData(t *Type) *Type {
	if t.Kind != KindObject {
		return t
	}
	var data *Type
	for _, f := range t.Fields {
		switch f.Name {
		case "data":
			data = f.Type
		case "event", "id", "retry":
		default:
			return t
		}
	}
	if data == nil {
		return &Type{Kind: KindString}
	}
	return data
}

// StreamKindOf classifies a sequential media type.
func StreamKindOf(mediaType string) StreamKind {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(mediaType))
	}
	switch mt {
	case "text/event-stream":
		return StreamSSE
	case "application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/jsonlines":
		return StreamJSONL
	case "application/json-seq":
		return StreamJSONSeq
	}
	return StreamNone
}

// mediaSuffix names a media type for derived type names.
func mediaSuffix(mt string) string {
	base, _, _ := mime.ParseMediaType(mt)
	if base == "" {
		base = mt
	}
	if i := strings.IndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	return base
}

// header is one response or part header: its schema's type, a string
// when it has none.
func (b *builder) header(name string, h *openapi3.Header, hint string, src Source) *Header {
	hd := &Header{Name: name, Required: h.Required, Description: h.Description, Explode: h.Explode != nil && *h.Explode}
	if h.Schema != nil {
		hd.Type = b.typeOf(h.Schema, hint, child2(src, "schema"))
	} else {
		hd.Type = &Type{Kind: KindString}
	}
	return hd
}

// partHeaders keeps the encoding headers of property name of ct when the
// generated code handles them: a file part of a multipart/form-data
// request body (FilePart.Header on both sides, checked by the server).
// Anywhere else they are warned about: the client would send the part
// without them.
func (b *builder) partHeaders(ct *Content, name string, hs openapi3.Headers, hint string, src Source, response bool) {
	if len(hs) == 0 {
		return
	}
	mt, _, _ := mime.ParseMediaType(ct.MediaType)
	var prop *Type
	if ct.Type != nil {
		for _, f := range ct.Type.Fields {
			if f.Name == name {
				prop = f.Type
			}
		}
	}
	if prop != nil && prop.Kind == KindArray {
		prop = prop.Elem
	}
	if response || mt != "multipart/form-data" || !IsFile(prop) {
		b.notGenerated("encoding headers outside a file part", src.File, src.Pointer)
		return
	}
	for _, hn := range sortedKeys(hs) {
		if h := hs[hn]; h != nil && h.Value != nil && !strings.EqualFold(hn, "Content-Type") {
			if ct.PartHeaders == nil {
				ct.PartHeaders = map[string][]*Header{}
			}
			ct.PartHeaders[name] = append(ct.PartHeaders[name], b.header(hn, h.Value, joinName(hint, hn), child2(src, hn)))
		}
	}
}

// IsFile reports a string type that holds a file's content rather than
// text, as a multipart part: format binary, or (3.1) a contentMediaType
// that is not JSON, or a contentEncoding other than base64 (base64 makes
// the value []byte).
func IsFile(t *Type) bool {
	if t == nil || t.Kind != KindString {
		return false
	}
	if t.Format == "binary" {
		return true
	}
	k := t.Keywords
	if k == nil {
		return false
	}
	mt := strings.ToLower(k.ContentMediaType)
	return mt != "" && !isJSONMedia(mt) || k.ContentEncoding != "" && k.ContentEncoding != "base64"
}

// BodyKindOf classifies a media type.
func BodyKindOf(mediaType string) BodyKind {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(mediaType))
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "/json") || mt == "*/*" && false:
		return BodyJSON
	case mt == "application/x-www-form-urlencoded":
		return BodyForm
	case strings.HasPrefix(mt, "multipart/"):
		return BodyMultipart
	case strings.HasPrefix(mt, "text/"):
		return BodyText
	}
	return BodyBinary
}

// responses fills o.Responses: codes ascending, then ranges, then default.
func (b *builder) responses(o *Operation, rs *openapi3.Responses) {
	if rs == nil {
		return
	}
	m := rs.Map()
	for _, status := range sortedKeys(m) {
		ref := m[status]
		if ref == nil || ref.Value == nil {
			continue
		}
		r := ref.Value
		resp := &Response{Status: strings.ToUpper(status)}
		if status == "default" {
			resp.Status = "default"
		}
		resp.Code, _ = strconv.Atoi(status)
		if r.Description != nil {
			resp.Description = *r.Description
		}
		src := child2(o.Source, "responses", status)
		for _, name := range sortedKeys(r.Headers) {
			h := r.Headers[name]
			if h == nil || h.Value == nil || strings.EqualFold(name, "Content-Type") {
				continue
			}
			hd := b.header(name, h.Value, joinName(opName(o), resp.Status+"_"+name), child2(src, "headers", name))
			b.checkHeaderShape(hd, child2(src, "headers", name, "schema"))
			resp.Headers = append(resp.Headers, hd)
		}
		resp.Contents = b.contents(r.Content, joinName(opName(o), resp.Status), child2(src, "content"), true)
		o.Responses = append(o.Responses, resp)
	}
	sort.SliceStable(o.Responses, func(i, j int) bool {
		return statusRank(o.Responses[i]) < statusRank(o.Responses[j])
	})
}

// statusRank orders specific codes, then ranges, then default.
func statusRank(r *Response) int {
	switch {
	case r.Code > 0:
		return r.Code
	case r.Status == "default":
		return 10000
	}
	return 1000 + int(r.Status[0]-'0')
}

// checkRequiredCycles reports objects that require themselves through a
// chain of required, non-nullable object properties: no finite JSON
// value can satisfy them.
func (b *builder) checkRequiredCycles() {
	state := map[*Type]visitState{}
	var visit func(t *Type, path []string) bool
	visit = func(t *Type, path []string) bool {
		switch state[t] {
		case visitOpen:
			return true
		case visitDone:
			return false
		}
		state[t] = visitOpen
		defer func() { state[t] = visitDone }()
		if t.Kind != KindObject {
			return false
		}
		for _, f := range t.Fields {
			if !f.Required || f.Nullable || f.Type.Nullable || f.Type.Kind != KindObject {
				continue
			}
			if visit(f.Type, append(path, f.Name)) {
				b.c.add(SeverityError, t.Source.File, t.Source.Pointer+"/properties/"+EscapePointerToken(f.Name),
					fmt.Sprintf("required property %q leads back to %s through required properties only: no finite value satisfies this schema; make one of them optional or nullable", f.Name, t.Name))
				return false
			}
		}
		return false
	}
	for _, t := range b.m.Types {
		if state[t] == visitFresh {
			visit(t, nil)
		}
	}
}
