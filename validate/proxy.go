package validate

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/internal/har"
	"github.com/contractfirst/toolkit/internal/route"
)

// CheckRequest is the proxy's extra check: requests from real clients
// that leave the contract (the other checks judge the service's
// answers, as in Run).
const CheckRequest = "request"

// CheckUnknownOperation flags traffic to a method and path the contract
// does not declare.
const CheckUnknownOperation = "unknown-operation"

// DefaultCheckBudget is how much of each body the proxy holds to check
// and record; larger bodies pass through whole, unchecked, and the log
// says so.
const DefaultCheckBudget = 16 << 20

// ProxyConfig is what a proxy needs. Doc and Model are optional: without
// them the proxy only forwards (and records).
type ProxyConfig struct {
	Doc      *contract.Document
	Model    *contract.Model
	Upstream string
	// Log receives one line per violation and per body too large to
	// check; query strings are redacted.
	Log io.Writer
	// Record, when set, receives every exchange (the writer redacts).
	Record *har.Writer
	// Redact lists more header and query names whose values are
	// credentials, for the log.
	Redact []string
	// CheckBudget caps the bytes of each body held for checks and the
	// record (default DefaultCheckBudget).
	CheckBudget int64
}

// Proxy is a reverse proxy that checks real traffic against the
// contract in both directions and logs every violation; it forwards
// everything unchanged, streaming bodies of any size and flushing each
// piece of an answer as it comes (server-sent events pass live).
type Proxy struct {
	run    *runner
	router *route.Router
	rp     *httputil.ReverseProxy
	log    io.Writer
	rec    *har.Writer
	red    *har.Redactor
	budget int64

	mu        sync.Mutex
	requests  int
	unchecked int
	byCheck   map[string]int
}

// NewProxy returns a proxy to upstream that checks against the contract
// and logs violations to log, one line each.
func NewProxy(doc *contract.Document, m *contract.Model, upstream string, log io.Writer) (*Proxy, error) {
	return NewProxyWith(ProxyConfig{Doc: doc, Model: m, Upstream: upstream, Log: log})
}

// NewProxyWith returns a proxy configured by cfg.
func NewProxyWith(cfg ProxyConfig) (*Proxy, error) {
	u, err := url.Parse(cfg.Upstream)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("validate proxy: --upstream %q is not an absolute URL", cfg.Upstream)
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.CheckBudget <= 0 {
		cfg.CheckBudget = DefaultCheckBudget
	}
	p := &Proxy{
		log: cfg.Log, rec: cfg.Record, red: &har.Redactor{Extra: cfg.Redact},
		budget: cfg.CheckBudget, byCheck: map[string]int{},
	}
	if cfg.Doc != nil && cfg.Model != nil {
		if p.router, err = route.New(cfg.Doc, cfg.Model); err != nil {
			return nil, err
		}
		p.run = &runner{schemaOp: schemaOptions(cfg.Doc.T)}
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host
		},
		// Flush every write: streamed answers reach the client as they
		// come.
		FlushInterval:  -1,
		ModifyResponse: p.tapResponse,
	}
	return p, nil
}

// exchange travels with a request from ServeHTTP to the end of its
// answer.
type exchange struct {
	start    time.Time
	in       *http.Request // the client's request, for the record
	route    *route.Route
	params   map[string]string
	body     []byte // the request body, or its first budget bytes
	complete bool   // body is the whole request body
}

type exchangeKey struct{}

// ServeHTTP checks the request when its body fits the budget, forwards
// it whole, and arranges for the answer to be checked once it has
// passed.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.requests++
	p.mu.Unlock()
	// The answer may start before the request has been read to its
	// end (an echo, a stream): let both flow at once.
	http.NewResponseController(w).EnableFullDuplex()
	ex := &exchange{start: time.Now(), in: r}
	head, err := io.ReadAll(io.LimitReader(r.Body, p.budget+1))
	if err != nil {
		http.Error(w, "reading the request: "+err.Error(), http.StatusBadGateway)
		return
	}
	ex.body, ex.complete = head, int64(len(head)) <= p.budget
	if ex.complete {
		r.Body = io.NopCloser(bytes.NewReader(head))
	} else {
		// Forward what was read, then the rest as it comes.
		ex.body = head[:p.budget]
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	}
	if p.router != nil {
		ex.route, ex.params, _ = p.router.Match(r)
		switch {
		case ex.route == nil:
			p.report(r, 0, &Finding{Check: CheckUnknownOperation, Message: "no operation of the contract is " + r.Method + " " + r.URL.Path})
		case !ex.complete:
			p.tooLarge(r, 0, "request")
		case !contract.RequestBodyWithinBudget(ex.route.Kin.Operation, r.Header.Get("Content-Type"), head):
			p.note(r, 0, fmt.Sprintf("not checked: validating the request body against its schema would take more than %d schema visits (a recursive oneOf/anyOf without a discriminator?)", contract.MaxValidationVisits))
		default:
			in := &openapi3filter.RequestValidationInput{Request: r.Clone(context.Background()), PathParams: ex.params, Route: ex.route.Kin, Options: contract.RequestOptions()}
			in.Request.Body = io.NopCloser(bytes.NewReader(head))
			if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
				p.report(r, 0, &Finding{Check: CheckRequest, Message: firstLine(err.Error())})
			}
		}
	}
	p.rp.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex)))
}

// tapResponse lets the answer stream to the client untouched while
// keeping its first budget bytes; when it has passed, the answer is
// checked and recorded.
func (p *Proxy) tapResponse(resp *http.Response) error {
	ex, ok := resp.Request.Context().Value(exchangeKey{}).(*exchange)
	if !ok {
		return nil
	}
	resp.Body = &tap{rc: resp.Body, max: p.budget, done: func(body []byte, complete, overflow bool) {
		p.answered(ex, resp, body, complete, overflow)
	}}
	return nil
}

// answered runs validate's answer checks on what upstream said, and
// records the exchange.
func (p *Proxy) answered(ex *exchange, resp *http.Response, body []byte, complete, overflow bool) {
	plain, decoded := decodedBody(resp.Header, body, p.budget)
	if ex.route != nil && p.run != nil {
		switch {
		case overflow || !decoded:
			p.tooLarge(ex.in, resp.StatusCode, "answer")
		case !complete:
			p.note(ex.in, resp.StatusCode, "the answer was cut short (client or service closed the connection): not checked")
		case !ex.complete:
			p.note(ex.in, resp.StatusCode, "the answer was not checked: its request body was too large to check against")
		default:
			t := &target{op: ex.route.Op, route: ex.route.Kin}
			c := &Case{Op: ex.route.Op, Phase: PhaseGenerated, Name: "traffic"}
			for _, f := range p.run.check(t, c, resp.Request, ex.body, ex.params, &answer{resp: resp, body: plain}) {
				p.report(ex.in, resp.StatusCode, f)
			}
		}
	}
	if p.rec != nil {
		e := harEntry(ex, resp, plain, complete && !overflow && decoded)
		if err := p.rec.Write(e); err != nil {
			p.note(ex.in, resp.StatusCode, "recording: "+err.Error())
		}
	}
}

// decodedBody undoes a gzip Content-Encoding for the checks and the
// record (the client gets the bytes as sent); false when the decoded
// body exceeds max or is not valid gzip.
func decodedBody(h http.Header, body []byte, max int64) ([]byte, bool) {
	if !strings.EqualFold(h.Get("Content-Encoding"), "gzip") || len(body) == 0 {
		return body, true
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, false
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil || int64(len(out)) > max {
		return nil, false
	}
	return out, true
}

// tap passes a body through and keeps its first max bytes; done is
// called once, on Close, with whether the body was read to its end and
// whether it exceeded max.
type tap struct {
	rc       io.ReadCloser
	max      int64
	buf      []byte
	overflow bool
	eof      bool
	once     sync.Once
	done     func(body []byte, complete, overflow bool)
}

func (t *tap) Read(b []byte) (int, error) {
	n, err := t.rc.Read(b)
	if n > 0 && !t.overflow {
		if int64(len(t.buf)+n) > t.max {
			t.overflow, t.buf = true, nil
		} else {
			t.buf = append(t.buf, b[:n]...)
		}
	}
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

func (t *tap) Close() error {
	err := t.rc.Close()
	t.once.Do(func() { t.done(t.buf, t.eof, t.overflow) })
	return err
}

// harEntry is the record of one exchange; bodies that were not held
// whole are left out with a comment saying so.
func harEntry(ex *exchange, resp *http.Response, body []byte, whole bool) har.Entry {
	r := ex.in
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	e := har.Entry{
		StartedDateTime: ex.start.UTC().Format("2006-01-02T15:04:05.000Z"),
		Time:            float64(time.Since(ex.start).Microseconds()) / 1000,
		Timings:         har.Timings{Send: -1, Wait: -1, Receive: -1},
		Request: har.Request{
			Method: r.Method, URL: scheme + "://" + r.Host + r.URL.RequestURI(), HTTPVersion: r.Proto,
			Headers: nameValues(r.Header), QueryString: queryPairs(r.URL.RawQuery), Cookies: []har.NameValue{},
			HeadersSize: -1, BodySize: r.ContentLength,
		},
		Response: har.Response{
			Status: resp.StatusCode, StatusText: http.StatusText(resp.StatusCode), HTTPVersion: resp.Proto,
			Headers: nameValues(resp.Header), Cookies: []har.NameValue{}, HeadersSize: -1, BodySize: resp.ContentLength,
		},
	}
	e.Request.Headers = append([]har.NameValue{{Name: "Host", Value: r.Host}}, e.Request.Headers...)
	for _, c := range r.Cookies() {
		e.Request.Cookies = append(e.Request.Cookies, har.NameValue{Name: c.Name, Value: c.Value})
	}
	for _, c := range resp.Cookies() {
		e.Response.Cookies = append(e.Response.Cookies, har.NameValue{Name: c.Name, Value: c.Value})
	}
	if len(ex.body) > 0 {
		pd := &har.PostData{MimeType: r.Header.Get("Content-Type"), Text: string(ex.body)}
		if !ex.complete || !utf8.Valid(ex.body) {
			pd.Text, pd.Comment = "", "body not recorded: larger than the check budget or not text"
		}
		e.Request.PostData = pd
	}
	c := har.Content{Size: int64(len(body)), MimeType: resp.Header.Get("Content-Type")}
	switch {
	case !whole:
		c.Size, c.Comment = -1, "body not recorded: larger than the check budget, cut short, or undecodable"
	case utf8.Valid(body):
		c.Text = string(body)
	default:
		c.Text, c.Encoding = base64.StdEncoding.EncodeToString(body), "base64"
	}
	e.Response.Content = c
	return e
}

// nameValues lists a header sorted by name, values in order.
func nameValues(h http.Header) []har.NameValue {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	out := []har.NameValue{}
	for _, n := range names {
		for _, v := range h[n] {
			out = append(out, har.NameValue{Name: n, Value: v})
		}
	}
	return out
}

// queryPairs lists a raw query in its order, decoded.
func queryPairs(raw string) []har.NameValue {
	out := []har.NameValue{}
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, har.NameValue{Name: k, Value: v})
	}
	return out
}

// report logs one violation.
func (p *Proxy) report(r *http.Request, status int, f *Finding) {
	p.mu.Lock()
	p.byCheck[f.Check]++
	p.mu.Unlock()
	where := ""
	if f.Pointer != "" {
		where = " at " + f.Pointer
	}
	p.line(r, status, f.Check+": "+f.Message+where)
}

// tooLarge logs a body that passed unchecked because it exceeded the
// budget.
func (p *Proxy) tooLarge(r *http.Request, status int, what string) {
	p.note(r, status, fmt.Sprintf("not checked: the %s body is larger than the check budget of %d bytes (it was forwarded whole)", what, p.budget))
}

// note logs a line that is not a violation: a check that could not run.
func (p *Proxy) note(r *http.Request, status int, msg string) {
	p.mu.Lock()
	p.unchecked++
	p.mu.Unlock()
	p.line(r, status, msg)
}

func (p *Proxy) line(r *http.Request, status int, msg string) {
	st := ""
	if status != 0 {
		st = fmt.Sprintf(" → %d", status)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.log, "%s %s%s: %s\n", r.Method, p.red.URL(r.URL.RequestURI()), st, msg)
}

// Summary says how many requests passed and how many violations of
// each check were seen, one line per check, and how many checks could
// not run.
func (p *Proxy) Summary() (requests int, violations int, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var checks []string
	for c := range p.byCheck {
		checks = append(checks, c)
	}
	sort.Strings(checks)
	var b strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&b, "  %s: %d\n", c, p.byCheck[c])
		violations += p.byCheck[c]
	}
	if p.unchecked > 0 {
		fmt.Fprintf(&b, "  not checked (too large or cut short): %d\n", p.unchecked)
	}
	return p.requests, violations, b.String()
}
