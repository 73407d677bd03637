package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/xmlmap"
)

// maxBody caps how much of an answer is read and validated (a variable
// so tests can lower it).
var maxBody int64 = 16 << 20

// ErrUnreachable wraps failures to reach the service at all (connection
// refused, DNS): a usage problem, not a finding.
var ErrUnreachable = errors.New("service unreachable")

// runner holds one run's state.
type runner struct {
	cfg      Config
	client   *http.Client
	base     *url.URL
	excluded map[string]bool
	ids      *idPool
	sem      chan struct{}
	tick     <-chan time.Time
	schemaOp []openapi3.SchemaValidationOption

	mu       sync.Mutex
	results  map[*contract.Operation]*OperationResult
	requests int
	done     int
	total    int
	reached  bool
	lastErr  error
	// answers logs every answer to a case in arrival order.
	answers []loggedAnswer
	// getOf maps a path to its GET operation, for the state checks.
	getOf map[string]*target
	// probed marks operations whose auth was already probed.
	probed map[*contract.Operation]bool
	redact *redactor
	auth   *authenticator
}

// target is an operation with its cases and its kin-openapi route.
type target struct {
	op    *contract.Operation
	route *routers.Route
	cases []*Case
}

// Run sends every case of the selected operations and checks the
// answers. It returns an error only when the run could not be done
// (bad configuration, service unreachable); findings are in the Report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Model == nil || cfg.Doc == nil {
		return nil, errors.New("validate: no contract")
	}
	base, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("validate: --base-url %q is not an absolute URL", cfg.BaseURL)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	r := &runner{
		cfg: cfg, base: base, ids: newIDPool(),
		excluded: map[string]bool{},
		results:  map[*contract.Operation]*OperationResult{},
		sem:      make(chan struct{}, cfg.Workers),
		getOf:    map[string]*target{},
		probed:   map[*contract.Operation]bool{},
	}
	r.redact = newRedactor(cfg, base)
	for _, c := range cfg.ExcludeChecks {
		if !slices.Contains(Checks, c) {
			return nil, fmt.Errorf("validate: unknown check %q (checks: %s)", c, strings.Join(Checks, ", "))
		}
		r.excluded[c] = true
	}
	r.client = cfg.Client
	if r.client == nil {
		r.client = &http.Client{
			Timeout:       cfg.Timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if cfg.Rate > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
		defer t.Stop()
		r.tick = t.C
	}
	r.schemaOp = schemaOptions(cfg.Doc.T)
	if r.auth, err = newAuthenticator(cfg, base, r.client); err != nil {
		return nil, err
	}

	rep := &Report{Contract: cfg.Doc.Path, BaseURL: r.redact.url(base), Seed: cfg.Seed, Started: time.Now()}
	targets, err := r.targets(rep)
	if err != nil {
		return nil, err
	}
	for _, t := range targets {
		r.total += len(t.cases)
		res := &OperationResult{ID: t.op.ID, Method: t.op.Method, Path: t.op.Path, Checks: map[string][]*Finding{}, Coverage: newCoverage(), op: t.op}
		r.results[t.op] = res
		rep.Operations = append(rep.Operations, res)
		if t.op.Method == http.MethodGet && r.getOf[t.op.Path] == nil {
			r.getOf[t.op.Path] = t
		}
	}
	// Stages: creating and listing first, then reading and changing
	// resources by id, deleting last, so ids flow from one to the next.
	for stage := 0; stage < 3; stage++ {
		var wg sync.WaitGroup
		for _, t := range targets {
			if stageOf(t.op) != stage {
				continue
			}
			for _, c := range t.cases {
				if ctx.Err() != nil {
					break
				}
				r.sem <- struct{}{}
				wg.Add(1)
				go func() {
					defer func() { <-r.sem; wg.Done() }()
					r.runCase(ctx, t, c)
				}()
			}
		}
		wg.Wait()
		if stage == 1 && !cfg.ReadOnly {
			// Before the deletes, while harvested ids still exist.
			r.unsupportedMethods(ctx, targets)
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if !r.reached && r.requests > 0 {
		return nil, fmt.Errorf("%w at %s: %v", ErrUnreachable, rep.BaseURL, r.lastErr)
	}
	culprit, revoked := revocation(r.answers, func(req *http.Request) int {
		resp, _, _, err := r.send(ctx, req.Clone(ctx))
		if err != nil {
			return 0
		}
		r.mu.Lock()
		r.requests++
		r.mu.Unlock()
		return resp.StatusCode
	})
	for _, res := range rep.Operations {
		r.positiveData(res, revoked)
	}
	if culprit != nil {
		r.add(culprit, coverageCase, &Finding{Check: CheckAuth, Message: revoked})
	}
	rep.Requests = r.requests
	rep.Duration = Duration(time.Since(rep.Started))
	return rep, nil
}

// schemaOptions are the kin-openapi schema options every check uses:
// formats on, patterns Go cannot read ignored rather than failing every
// value, JSON Schema 2020-12 for 3.1 documents.
func schemaOptions(t *openapi3.T) []openapi3.SchemaValidationOption {
	opts := []openapi3.SchemaValidationOption{
		openapi3.EnableFormatValidation(),
		openapi3.SetSchemaRegexCompiler(contract.LenientPattern),
		openapi3.MultiErrors(),
	}
	if t.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return opts
}

// targets selects operations by the filters and builds their cases.
// Operations left out by --read-only are listed in the report.
func (r *runner) targets(rep *Report) ([]*target, error) {
	var out []*target
	sel := r.cfg.Select
	if err := sel.Check(); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	for _, op := range r.cfg.Model.Operations {
		if !sel.Selects(op) {
			continue
		}
		if r.cfg.ReadOnly && !safeMethod(op.Method) {
			rep.Skipped = append(rep.Skipped, &OperationResult{ID: op.ID, Method: op.Method, Path: op.Path, Coverage: Coverage{Reach: NotReached}})
			continue
		}
		route, err := routeOf(r.cfg.Doc.T, op)
		if err != nil {
			return nil, err
		}
		out = append(out, &target{op: op, route: route, cases: buildCases(op, r.cfg.Seed, r.cfg.MaxCases)})
	}
	if len(out) == 0 {
		return nil, errors.New("validate: no operation matches the --operation, --tag, --exclude-operation and --exclude-tag filters")
	}
	return out, nil
}

// routeOf finds the kin-openapi operation behind a model operation.
func routeOf(t *openapi3.T, op *contract.Operation) (*routers.Route, error) {
	item := t.Paths.Value(op.Path)
	if item == nil {
		return nil, fmt.Errorf("validate: path %s not found in the contract", op.Path)
	}
	kop := item.GetOperation(op.Method)
	if kop == nil {
		return nil, fmt.Errorf("validate: %s %s not found in the contract", op.Method, op.Path)
	}
	return &routers.Route{Spec: t, Path: op.Path, PathItem: item, Method: op.Method, Operation: kop}, nil
}

// stageOf orders operations: 0 without path parameters (create, list),
// 1 with them, 2 DELETE.
func stageOf(op *contract.Operation) int {
	switch {
	case op.Method == http.MethodDelete:
		return 2
	case strings.Contains(op.Path, "{"):
		return 1
	}
	return 0
}

// runCase builds, confirms, sends and checks one case.
func (r *runner) runCase(ctx context.Context, t *target, c *Case) {
	req, body, pathParams, err := r.build(ctx, t, c, c.Linked)
	if err != nil {
		r.progress()
		return // a value that cannot be encoded; nothing to learn from it
	}
	rejected := r.contractRejects(t, c, req, body, pathParams)
	if c.Phase != PhaseNegative && rejected && c.Linked {
		// A harvested id that does not fit this parameter: use the
		// generated value instead.
		if req, body, pathParams, err = r.build(ctx, t, c, false); err == nil {
			rejected = r.contractRejects(t, c, req, body, pathParams)
		}
	}
	if err != nil || rejected != (c.Phase == PhaseNegative) {
		// Only requests the contract judges as the case intends are
		// sent: an invalid "valid" case or an accepted "invalid" one
		// would blame the service for what the contract allows.
		r.progress()
		return
	}
	if r.tick != nil {
		select {
		case <-r.tick:
		case <-ctx.Done():
			return
		}
	}
	curl := r.redact.curl(req, body)
	resp, respBody, took, err := r.send(ctx, req)
	res := r.results[t.op]
	r.mu.Lock()
	r.requests++
	res.Cases++
	r.mu.Unlock()
	if resp != nil && err != nil {
		// An answer whose body broke off: the service was reached.
		r.mu.Lock()
		r.reached = true
		r.mu.Unlock()
		r.add(res, c, &Finding{Check: CheckNotServerError, Status: resp.StatusCode, Message: "answer cut short: " + bodyError(resp, respBody, err), Curl: curl})
		r.progress()
		return
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		if isTimeout(err) {
			r.mu.Lock()
			r.reached = true
			r.mu.Unlock()
			r.add(res, c, &Finding{Check: CheckTimeout, Message: fmt.Sprintf("no complete answer within %v", r.cfg.Timeout), Curl: curl})
		} else {
			// No answer at all: a service that drops the connection on
			// some input (a crash, a panic) fails like a 5xx. Whether it
			// was reachable at all is decided at the end of the run.
			r.mu.Lock()
			r.lastErr = err
			r.mu.Unlock()
			r.add(res, c, &Finding{Check: CheckNotServerError, Message: "no answer: " + unwrapURLError(err), Curl: curl})
		}
		r.progress()
		return
	}
	r.mu.Lock()
	r.reached = true
	if c.Phase == PhaseNegative {
		res.Coverage.Invalid[resp.StatusCode]++
	} else {
		res.Coverage.Valid[resp.StatusCode]++
	}
	logged := loggedAnswer{res: res, status: resp.StatusCode}
	if safeMethod(req.Method) && resp.StatusCode < 300 {
		logged.req = req
	}
	r.answers = append(r.answers, logged)
	r.mu.Unlock()
	a := &answer{resp: resp, body: respBody}
	for _, f := range r.recheck(ctx, t, c, req, body, pathParams, r.check(t, c, req, body, pathParams, a)) {
		f.Status, f.Curl = resp.StatusCode, curl
		if r.add(res, c, f) {
			if small := r.shrink(ctx, t, c, f.Check); small != "" {
				f.FoundAs, f.Curl = curl, small
			}
		}
	}
	r.maxResponseTime(res, c, resp.StatusCode, took, curl)
	if resp.StatusCode < 300 {
		r.ids.harvest(t, a)
		if c.Phase != PhaseNegative {
			r.afterSuccess(ctx, t, c, req, body, a)
		}
	}
	r.progress()
}

// send sends a request within the per-request deadline and reads the
// answer (up to maxBody; a longer body is cut there and flagged by
// answer.capped). On a body that broke off it returns the response and
// the error together.
func (r *runner) send(ctx context.Context, req *http.Request) (*http.Response, []byte, time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	start := time.Now()
	resp, err := r.client.Do(req.WithContext(rctx))
	if err != nil {
		if rctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("%w: %v", context.DeadlineExceeded, err)
		}
		return nil, nil, time.Since(start), err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	took := time.Since(start)
	if err != nil && (isTimeout(err) || rctx.Err() != nil) {
		// No complete answer in time: a timeout.
		return nil, nil, took, fmt.Errorf("%w: %v", context.DeadlineExceeded, err)
	}
	return resp, body, took, err
}

// bodyError says how a body broke off, with the length the service
// announced, rather than blaming the service's reachability.
func bodyError(resp *http.Response, body []byte, err error) string {
	if resp.ContentLength > 0 {
		return fmt.Sprintf("the body ended after %d of the %d bytes of its Content-Length (%v)", len(body), resp.ContentLength, err)
	}
	return fmt.Sprintf("the body ended after %d bytes (%v)", len(body), err)
}

// ran records that a check ran for an operation, so reports list it as
// passed when it found nothing, and never list a check that did not run.
func (r *runner) ran(res *OperationResult, check string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := res.Checks[check]; !ok && !r.excluded[check] {
		res.Checks[check] = nil
	}
}

// unwrapURLError drops net/http's `Get "URL": ` prefix, which the curl
// command already shows.
func unwrapURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// add records a finding, folding repeats of the same check and message
// into one with a count; it reports whether the finding is a new one.
func (r *runner) add(res *OperationResult, c *Case, f *Finding) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.excluded[f.Check] {
		return false
	}
	f.Case = c.Name
	f.Message = r.redact.text(f.Message)
	for _, old := range res.Checks[f.Check] {
		if sameRule(old.Message, f.Message) && old.Pointer == f.Pointer {
			old.Count++
			return false
		}
	}
	res.Checks[f.Check] = append(res.Checks[f.Check], f)
	return true
}

// sameRule reports two messages that differ at most in the value they
// quote ("…; got 3" and "…; got 4"): the same violation.
func sameRule(a, b string) bool {
	a, _, _ = strings.Cut(a, "; got ")
	b, _, _ = strings.Cut(b, "; got ")
	return a == b
}

func (r *runner) progress() {
	r.mu.Lock()
	r.done++
	done, total := r.done, r.total
	r.mu.Unlock()
	if r.cfg.Progress != nil {
		r.cfg.Progress(done, total)
	}
}

// build turns a case into a request. Linked cases take path parameters
// from harvested ids when there are any.
func (r *runner) build(ctx context.Context, t *target, c *Case, linked bool) (*http.Request, []byte, map[string]string, error) {
	op := t.op
	// AWS-style "/#X-Amz-Target=Op" keys tell operations apart in the
	// contract only; the fragment never travels.
	path, _, _ := strings.Cut(op.Path, "#")
	pathParams := map[string]string{}
	q := url.Values{}
	hdr := http.Header{}
	var cookies []string
	for _, p := range op.Params {
		v, ok := c.Params[keyOf(p)]
		if p.In == contract.InPath && linked {
			if id, found := r.ids.lookup(op, p.Name); found {
				v, ok = id, true
			}
		}
		if arr, isArr := v.([]any); !ok || isArr && len(arr) == 0 && p.In != contract.InPath {
			continue // an empty list travels as no parameter at all
		}
		switch p.In {
		case contract.InPath:
			s := serializePath(p, v)
			path = strings.ReplaceAll(path, "{"+p.Name+"}", s)
			pathParams[p.Name] = s
		case contract.InQuery:
			addQuery(q, p, v)
		case contract.InHeader:
			hdr.Set(p.Name, headerValue(p, v))
		case contract.InCookie:
			cookies = append(cookies, p.Name+"="+url.QueryEscape(headerValue(p, v)))
		}
	}
	var body []byte
	var ctype string
	switch {
	case c.RawType != "":
		body, ctype = c.RawBody, c.RawType
	case c.Content != nil:
		var err error
		body, ctype, err = encodeBody(c.Content, c.Body)
		if err != nil {
			return nil, nil, nil, err
		}
	}
	u := *r.base
	unescaped, err := url.PathUnescape(path)
	if err != nil {
		return nil, nil, nil, err
	}
	u.Path = r.base.Path + unescaped
	u.RawPath = r.base.EscapedPath() + path
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, op.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, nil, err
	}
	for k, vs := range r.cfg.Headers {
		req.Header[k] = slices.Clone(vs)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	if len(cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(cookies, "; "))
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", acceptOf(op))
	if err := r.auth.apply(ctx, req, op); err != nil {
		return nil, nil, nil, err
	}
	if body == nil {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	return req, body, pathParams, nil
}

// acceptOf lists the media types the operation's responses declare.
func acceptOf(op *contract.Operation) string {
	var types []string
	for _, resp := range op.Responses {
		for _, c := range resp.Contents {
			if !slices.Contains(types, c.MediaType) {
				types = append(types, c.MediaType)
			}
		}
	}
	if len(types) == 0 {
		return "*/*"
	}
	return strings.Join(types, ", ")
}

// contractRejects asks kin-openapi whether the contract rejects a
// request: negative cases are sent only when it does, so a conforming
// service is never blamed for accepting what the contract allows. A
// request too costly to judge within the budget counts as not what c
// intends, so it is not sent.
func (r *runner) contractRejects(t *target, c *Case, req *http.Request, body []byte, pathParams map[string]string) bool {
	cp := req.Clone(context.Background())
	cp.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request: cp, PathParams: pathParams, Route: t.route,
		Options: contract.RequestOptions(),
	}
	if c.Content != nil && c.Content.XML {
		// kin-openapi cannot read XML: the body is judged as the
		// generated server reads it.
		err := xmlmap.ValidateRequest(in, c.Content, body)
		if errors.Is(err, xmlmap.ErrOverBudget) {
			return c.Phase != PhaseNegative // too costly to judge: not sent
		}
		return err != nil
	}
	if !contract.RequestBodyWithinBudget(t.route.Operation, req.Header.Get("Content-Type"), body) {
		// Too costly to judge: the case is not sent, so the operation's
		// coverage shows it rather than a guess being blamed on the service.
		return c.Phase != PhaseNegative
	}
	return openapi3filter.ValidateRequest(context.Background(), in) != nil
}
