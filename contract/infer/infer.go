// Package infer writes an OpenAPI 3.1 contract from recorded traffic
// (HAR files): path templates from segments that vary, parameters with
// types, required and small enums, JSON schemas merged over every
// sample, repeated objects as named components, one redacted example per
// operation and status, operation ids, tags, security schemes from the
// credentials seen. The traffic is read twice (paths first, then
// everything else), one entry at a time, so memory is bounded by the
// contract being built, not by the traffic.
package infer

import (
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"os"
	"strings"

	"github.com/contractfirst/toolkit/internal/har"
)

// Options shape the contract.
type Options struct {
	Title   string   // info.title (default "Inferred API")
	Version string   // info.version (default "0.0.0")
	Servers []string // servers, in order
	// EnumMax is the most distinct values a string parameter may take to
	// become an enum (default 5; negative: no enums).
	EnumMax int
	// Redact lists more names whose values are credentials; the built-in
	// names are always redacted (the traffic may come from a browser).
	Redact []string

	reserved namer // component names taken by a base contract
}

// Source calls visit for every exchange of the traffic, in the same
// order each time; Infer calls it twice. When summary is set, only the
// request's method and URL and the response's status are needed.
type Source func(summary bool, visit func(*har.Entry) error) error

// Files is the Source of HAR files read one entry at a time. A file cut
// short (a recorder that was killed) is read to its last complete entry
// and reported through warn.
func Files(paths []string, warn func(string)) Source {
	return func(summary bool, visit func(*har.Entry) error) error {
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			if summary {
				var e har.Entry
				err = har.ReadSummaries(f, func(_ int, s *har.Summary) error {
					e.Request.Method, e.Request.URL, e.Response.Status = s.Request.Method, s.Request.URL, s.Response.Status
					return visit(&e)
				})
			} else {
				err = har.Read(f, func(_ int, e *har.Entry) error { return visit(e) })
			}
			f.Close()
			if errors.Is(err, har.ErrTruncated) {
				if warn != nil {
					warn(p + ": " + err.Error())
				}
				err = nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return nil
	}
}

// Result is an inferred contract.
type Result struct {
	// YAML is the contract, deterministic for the same traffic and options.
	YAML []byte
	// Entries counts the exchanges read; Skipped those left out (no
	// answer, unparsable URL), with Warnings saying why.
	Entries, Skipped int
	Warnings         []string
	// Operations are the inferred operations, sorted by path and method.
	Operations []*Operation
}

// Operation is one inferred operation.
type Operation struct {
	Method, Path, ID string
	// Statuses answered, sorted.
	Statuses []int

	node     *segment
	segs     []*segment
	literals []string // the literal text per segment, "" for parameters
	ok, bad  request
	resp     map[int]*response
	tag      string
	// assumed401 is set when the 401 answer was not seen for this
	// operation but assumed from others (assumeUnauthorized).
	assumed401 bool
}

// request is what the requests of an operation showed; an operation
// keeps the requests the service accepted apart from those it refused,
// and describes its input from the accepted ones when there are any.
type request struct {
	n        int
	query    params
	header   params
	cookie   params
	bodies   bodies
	security map[string]bool // requirement keys: scheme names joined by ","
}

type params struct {
	byName map[string]*param
	order  []string
}

type param struct {
	name  string // as seen first
	n     int    // requests carrying it
	multi bool   // repeated within one request
	val   scalar
}

func (ps *params) get(name string) *param {
	key := strings.ToLower(name)
	if p, ok := ps.byName[key]; ok {
		return p
	}
	if ps.byName == nil {
		ps.byName = map[string]*param{}
	}
	p := &param{name: name}
	ps.byName[key] = p
	ps.order = append(ps.order, key)
	return p
}

// bodies are the bodies of one request or response side, by media type.
type bodies struct {
	byType map[string]*body
	order  []string
}

type body struct {
	json    bool
	shape   shape
	example any    // JSON, shortened
	text    string // a text example, shortened
	binary  bool
	n       int
}

// add merges one body; the first of each media type is kept as the
// example, shortened and with credentials redacted (traffic from a
// browser was never redacted).
func (bs *bodies) add(red *har.Redactor, mediaType, text string, base64Encoded bool) {
	mt := mediaTypeOf(mediaType)
	if mt == "" {
		mt = "application/octet-stream"
	}
	if bs.byType == nil {
		bs.byType = map[string]*body{}
	}
	b, ok := bs.byType[mt]
	if !ok {
		b = &body{}
		bs.byType[mt] = b
		bs.order = append(bs.order, mt)
	}
	b.n++
	if base64Encoded {
		if _, err := base64.StdEncoding.DecodeString(text); err == nil {
			b.binary = true
			return
		}
	}
	if isJSONType(mt) {
		if v, ok := decodeJSON(text); ok {
			b.json = true
			b.shape.add(v, 0)
			if b.example == nil {
				b.example = shorten(v, 0)
				red.Value(b.example)
			}
			return
		}
	}
	if strings.HasPrefix(mt, "text/") || isJSONType(mt) || strings.HasSuffix(mt, "+xml") || mt == "application/xml" || mt == "application/x-www-form-urlencoded" {
		if b.text == "" {
			if mt == "application/x-www-form-urlencoded" {
				text = red.Query(text)
			}
			b.text = shortenText(text)
		}
		return
	}
	b.binary = true
}

type response struct {
	n       int
	bodies  bodies
	headers params
	empty   int // answers without a body
}

// mediaTypeOf lowercases a Content-Type and drops its parameters.
func mediaTypeOf(ct string) string {
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt
}

func isJSONType(mt string) bool { return mt == "application/json" || strings.HasSuffix(mt, "+json") }

// inferrer holds one run.
type inferrer struct {
	opt     Options
	red     *har.Redactor
	root    *segment
	ops     map[string]*Operation
	order   []string
	res     *Result
	schemes map[string]*scheme
	// refusals counts answers 401 or 403: the only evidence in traffic
	// that the service checks the credentials it is sent.
	refusals int
}

// Infer reads the traffic and writes its contract.
func Infer(src Source, opt Options) (*Result, error) {
	if opt.EnumMax == 0 {
		opt.EnumMax = 5
	}
	in := &inferrer{opt: opt, red: &har.Redactor{Extra: opt.Redact}, root: &segment{}, ops: map[string]*Operation{}, res: &Result{}, schemes: map[string]*scheme{}}
	// Pass one: the paths.
	err := src(true, func(e *har.Entry) error {
		u, ok := in.usable(e, false)
		if ok {
			in.root.insert(splitPath(u.Path), valuesAccepted(e.Response.Status))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	in.root.settle(0)
	nameParams(in.root, nil, nil, 0)
	// Pass two: everything else.
	refused := 0
	err = src(false, func(e *har.Entry) error {
		in.res.Entries++
		u, ok := in.usable(e, true)
		if !ok {
			in.res.Skipped++
			return nil
		}
		if notAnOperation(e.Response.Status) {
			// The service says the method is not one it serves there
			// (validate probes undeclared methods): the path exists, the
			// operation does not.
			in.res.Skipped++
			refused++
			return nil
		}
		if st := e.Response.Status; st == 401 || st == 403 {
			in.refusals++
		}
		in.add(e, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if refused > 0 {
		in.res.Warnings = append(in.res.Warnings, fmt.Sprintf("%d exchanges answered 405 or 501 describe no operation and were left out", refused))
	}
	if in.res.Entries == in.res.Skipped {
		return nil, errors.New("infer: no usable exchange in the traffic (each needs a method, an absolute URL and an answer)")
	}
	return in.emit()
}

// notAnOperation reports answers that say the method is not served at
// that path at all: 405 Method Not Allowed, 501 Not Implemented.
func notAnOperation(status int) bool {
	return status == 405 || status == 501
}

// valuesAccepted reports whether an answer says the path's values were
// fine: below 400, or refused for want of credentials (401, 403: the
// service did not get to judge the values).
func valuesAccepted(status int) bool {
	return status < 400 || status == 401 || status == 403
}

// usable parses an entry's URL; false (with a warning in pass two) for
// entries that cannot describe an operation.
func (in *inferrer) usable(e *har.Entry, warn bool) (*url.URL, bool) {
	u, err := url.Parse(e.Request.URL)
	reason := ""
	switch {
	case err != nil:
		reason = "the URL does not parse"
	case e.Request.Method == "" || strings.ContainsAny(e.Request.Method, " /{}"):
		reason = fmt.Sprintf("method %q", e.Request.Method)
	case e.Response.Status < 100 || e.Response.Status > 599:
		reason = fmt.Sprintf("no answer (status %d)", e.Response.Status)
	case strings.ContainsAny(u.Path, "{}"):
		reason = "braces in the path"
	}
	if reason != "" {
		if warn && len(in.res.Warnings) < 100 {
			in.res.Warnings = append(in.res.Warnings, fmt.Sprintf("entry %d (%s %s): skipped: %s", in.res.Entries-1, e.Request.Method, in.red.URL(e.Request.URL), reason))
		}
		return nil, false
	}
	return u, true
}

// add merges one exchange into its operation.
func (in *inferrer) add(e *har.Entry, u *url.URL) {
	segs := splitPath(u.Path)
	nodes, lits := in.root.match(segs)
	if nodes == nil && len(segs) > 0 {
		return
	}
	method := strings.ToUpper(e.Request.Method)
	var tmpl strings.Builder
	literals := make([]string, len(segs))
	for i, n := range nodes {
		tmpl.WriteByte('/')
		if lits[i] {
			tmpl.WriteString(segs[i])
			literals[i] = segs[i]
		} else {
			tmpl.WriteString("{" + n.name + "}")
		}
	}
	path := tmpl.String()
	if path == "" {
		path = "/"
	}
	key := path + " " + method
	op, ok := in.ops[key]
	if !ok {
		op = &Operation{Method: method, Path: path, segs: nodes, literals: literals, resp: map[int]*response{}}
		in.ops[key] = op
		in.order = append(in.order, key)
	}
	side := &op.bad
	if e.Response.Status < 400 {
		side = &op.ok
	}
	in.addRequest(side, e, u)
	in.addResponse(op, e)
}

// standardHeaders are request headers every client sends or that
// transport concerns own; they are not parameters.
var standardHeaders = map[string]bool{
	"host": true, "user-agent": true, "accept": true, "accept-encoding": true, "accept-language": true, "accept-charset": true,
	"content-type": true, "content-length": true, "connection": true, "keep-alive": true, "origin": true, "referer": true,
	"cache-control": true, "pragma": true, "te": true, "trailer": true, "transfer-encoding": true, "upgrade": true, "via": true,
	"dnt": true, "priority": true, "expect": true, "if-match": true, "if-none-match": true, "if-modified-since": true,
	"if-unmodified-since": true, "if-range": true, "range": true, "upgrade-insecure-requests": true, "traceparent": true,
	"tracestate": true, "forwarded": true, "x-forwarded-for": true, "x-forwarded-host": true, "x-forwarded-proto": true,
	"x-real-ip": true, "x-requested-with": true, "authorization": true, "cookie": true, "proxy-authorization": true,
	"content-encoding": true, "date": true,
}

// standardResponseHeaders are not declared on responses.
var standardResponseHeaders = map[string]bool{
	"content-type": true, "content-length": true, "date": true, "connection": true, "keep-alive": true, "server": true,
	"transfer-encoding": true, "vary": true, "set-cookie": true, "content-encoding": true, "cache-control": true,
	"expires": true, "pragma": true, "age": true, "etag": true, "last-modified": true, "alt-svc": true, "via": true,
	"strict-transport-security": true, "access-control-allow-origin": true, "access-control-allow-credentials": true,
	"access-control-expose-headers": true, "access-control-allow-headers": true, "access-control-allow-methods": true,
	"access-control-max-age": true, "x-content-type-options": true, "x-frame-options": true, "x-xss-protection": true,
	"content-security-policy": true, "referrer-policy": true, "permissions-policy": true, "report-to": true, "nel": true,
	"trailer": true, "accept-ranges": true, "content-range": true, "x-powered-by": true,
}

func (in *inferrer) addRequest(side *request, e *har.Entry, u *url.URL) {
	side.n++
	var creds []string
	seen := map[*param]bool{}
	qs := e.Request.QueryString
	if len(qs) == 0 && u.RawQuery != "" {
		for _, kv := range strings.Split(u.RawQuery, "&") {
			k, v, _ := strings.Cut(kv, "=")
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			qs = append(qs, har.NameValue{Name: k, Value: v})
		}
	}
	for _, q := range qs {
		creds = in.param(&side.query, "query", q, seen, creds)
	}
	hasCookieList := len(e.Request.Cookies) > 0
	for _, h := range e.Request.Headers {
		l := strings.ToLower(h.Name)
		switch {
		case l == "authorization":
			scheme, _, _ := strings.Cut(strings.TrimSpace(h.Value), " ")
			creds = append(creds, in.scheme("http", strings.ToLower(scheme), ""))
		case l == "cookie" && !hasCookieList:
			for _, c := range strings.Split(h.Value, ";") {
				name, v, _ := strings.Cut(strings.TrimSpace(c), "=")
				e.Request.Cookies = append(e.Request.Cookies, har.NameValue{Name: name, Value: v})
			}
		case standardHeaders[l] || strings.HasPrefix(l, "sec-") || strings.HasPrefix(l, ":"):
		case in.red.IsSecret(h.Name):
			creds = append(creds, in.scheme("apiKey", "header", h.Name))
		default:
			side.header.observe(h.Name, h.Value, seen)
		}
	}
	for _, c := range e.Request.Cookies {
		creds = in.param(&side.cookie, "cookie", c, seen, creds)
	}
	if side.security == nil {
		side.security = map[string]bool{}
	}
	sortStrings(creds)
	side.security[strings.Join(dedupe(creds), ",")] = true
	if pd := e.Request.PostData; pd != nil && (pd.Text != "" || pd.MimeType != "") {
		mt := pd.MimeType
		if mt == "" {
			mt = har.Header(e.Request.Headers, "Content-Type")
		}
		side.bodies.add(in.red, mt, pd.Text, false)
	}
}

// param records a query or cookie parameter, or, when its name says it
// holds a credential, the apiKey scheme it stands for.
func (in *inferrer) param(ps *params, where string, nv har.NameValue, seen map[*param]bool, creds []string) []string {
	switch {
	case nv.Name == "":
	case in.red.IsSecret(nv.Name):
		creds = append(creds, in.scheme("apiKey", where, nv.Name))
	default:
		ps.observe(nv.Name, nv.Value, seen)
	}
	return creds
}

// observe records one value of name in one message; seen (one per
// message) tells a repeated name from a new one.
func (ps *params) observe(name, value string, seen map[*param]bool) {
	p := ps.get(name)
	if seen[p] {
		p.multi = true
	} else {
		seen[p] = true
		p.n++
	}
	p.val.add(value)
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func (in *inferrer) addResponse(op *Operation, e *har.Entry) {
	st := e.Response.Status
	r, ok := op.resp[st]
	if !ok {
		r = &response{}
		op.resp[st] = r
	}
	r.n++
	seen := map[*param]bool{}
	for _, h := range e.Response.Headers {
		if !standardResponseHeaders[strings.ToLower(h.Name)] && !in.red.IsSecret(h.Name) {
			r.headers.observe(h.Name, h.Value, seen)
		}
	}
	c := e.Response.Content
	if c.Text == "" || st == 204 || st == 304 || e.Request.Method == "HEAD" {
		r.empty++
		return
	}
	mt := c.MimeType
	if mt == "" {
		mt = har.Header(e.Response.Headers, "Content-Type")
	}
	r.bodies.add(in.red, mt, c.Text, c.Encoding == "base64")
}

// scheme is a security scheme seen in the traffic.
type scheme struct {
	name           string
	typ, in, field string // http + bearer/basic; apiKey + header/query/cookie + name
}

// scheme registers a security scheme and returns its name.
func (in *inferrer) scheme(typ, where, field string) string {
	key := typ + "|" + where + "|" + strings.ToLower(field)
	if s, ok := in.schemes[key]; ok {
		return s.name
	}
	var name string
	switch {
	case typ == "http" && where == "bearer":
		name = "bearerAuth"
	case typ == "http" && where == "basic":
		name = "basicAuth"
	case typ == "http":
		name = camel(words(where), false) + "Auth"
	default:
		name = camel(words(field), false)
		if where != "header" {
			name += camel([]string{where}, true)
		}
	}
	s := &scheme{name: componentKey(name), typ: typ, in: where, field: field}
	in.schemes[key] = s
	return s.name
}

// nameParams names every parameter node of the trie after the literal
// segment before it (users → userId), unique along each path. Depth is
// bounded.
func nameParams(n *segment, prev []string, used namer, depth int) {
	if depth > maxDepth {
		return
	}
	for _, s := range n.order {
		nameParams(n.lit[s], words(s), used.copy(), depth+1)
	}
	if p := n.param; p != nil {
		u := used.copy()
		base := "id"
		if len(prev) > 0 {
			ws := append([]string(nil), prev...)
			ws[len(ws)-1] = singular(ws[len(ws)-1])
			base = camel(append(ws, "id"), false)
		}
		p.name = u.unique(base)
		nameParams(p, nil, u, depth+1)
	}
}

func (n namer) copy() namer {
	c := namer{}
	for k := range n {
		c[k] = true
	}
	return c
}

// shorten keeps an example small: arrays cut to three items, long
// strings cut, depth bounded.
func shorten(v any, depth int) any {
	if depth > maxDepth {
		return v
	}
	switch x := v.(type) {
	case []any:
		if len(x) > 3 {
			x = x[:3]
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = shorten(e, depth+1)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = shorten(e, depth+1)
		}
		return out
	case string:
		if len(x) > 200 && formatsOf(x) == 0 {
			return shortenText(x)
		}
	}
	return v
}

// shortenText cuts text to 200 bytes at a rune boundary.
func shortenText(s string) string {
	if len(s) <= 200 {
		return s
	}
	cut := 200
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
