package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/internal/route"
)

// CheckRequest is the proxy's extra check: requests from real clients
// that leave the contract (the other checks judge the service's
// answers, as in Run).
const CheckRequest = "request"

// CheckUnknownOperation flags traffic to a method and path the contract
// does not declare.
const CheckUnknownOperation = "unknown-operation"

// Proxy is a reverse proxy that checks real traffic against the
// contract in both directions and logs every violation; it forwards
// everything unchanged.
type Proxy struct {
	run    *runner
	router *route.Router
	rp     *httputil.ReverseProxy
	log    io.Writer

	mu       sync.Mutex
	requests int
	byCheck  map[string]int
}

// NewProxy returns a proxy to upstream that logs violations to log, one
// line each.
func NewProxy(doc *contract.Document, m *contract.Model, upstream string, log io.Writer) (*Proxy, error) {
	u, err := url.Parse(upstream)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("validate proxy: --upstream %q is not an absolute URL", upstream)
	}
	router, err := route.New(doc, m)
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		run:    &runner{schemaOp: schemaOptions(doc.T)},
		router: router, log: log, byCheck: map[string]int{},
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host
		},
		ModifyResponse: p.checkResponse,
	}
	return p, nil
}

// exchange travels with a request from ServeHTTP to checkResponse.
type exchange struct {
	route  *route.Route
	params map[string]string
	body   []byte
}

type exchangeKey struct{}

// ServeHTTP checks the request, forwards it, and checks the answer.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.requests++
	p.mu.Unlock()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "reading the request: "+err.Error(), http.StatusBadGateway)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rt, params, _ := p.router.Match(r)
	if rt == nil {
		p.report(r, 0, &Finding{Check: CheckUnknownOperation, Message: "no operation of the contract is " + r.Method + " " + r.URL.Path})
		p.rp.ServeHTTP(w, r)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: r.Clone(context.Background()), PathParams: params, Route: rt.Kin, Options: contract.RequestOptions()}
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		p.report(r, 0, &Finding{Check: CheckRequest, Message: firstLine(err.Error())})
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	ctx := context.WithValue(r.Context(), exchangeKey{}, &exchange{rt, params, body})
	p.rp.ServeHTTP(w, r.WithContext(ctx))
}

// checkResponse runs validate's answer checks on what upstream said.
func (p *Proxy) checkResponse(resp *http.Response) error {
	ex, ok := resp.Request.Context().Value(exchangeKey{}).(*exchange)
	if !ok {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		return err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	t := &target{op: ex.route.Op, route: ex.route.Kin}
	c := &Case{Op: ex.route.Op, Phase: PhaseGenerated, Name: "traffic"}
	for _, f := range p.run.check(t, c, resp.Request, ex.body, ex.params, &answer{resp: resp, body: body}) {
		p.report(resp.Request, resp.StatusCode, f)
	}
	return nil
}

// report logs one violation.
func (p *Proxy) report(r *http.Request, status int, f *Finding) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.byCheck[f.Check]++
	where := ""
	if f.Pointer != "" {
		where = " at " + f.Pointer
	}
	st := ""
	if status != 0 {
		st = fmt.Sprintf(" → %d", status)
	}
	fmt.Fprintf(p.log, "%s %s%s: %s: %s%s\n", r.Method, r.URL.RequestURI(), st, f.Check, f.Message, where)
}

// Summary says how many requests passed and how many violations of
// each check were seen, one line per check.
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
	return p.requests, violations, b.String()
}
