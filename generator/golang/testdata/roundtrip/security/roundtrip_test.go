package api

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// principalKey is where the test's SecurityHandler puts whom it accepted.
type principalKey struct{}

// principal returns the names the security checks attached to ctx, joined.
func principal(ctx context.Context) string {
	p, _ := ctx.Value(principalKey{}).(string)
	return p
}

func withPrincipal(ctx context.Context, name string) context.Context {
	if p := principal(ctx); p != "" {
		name = p + "+" + name
	}
	return context.WithValue(ctx, principalKey{}, name)
}

// guard is the test's SecurityHandler: it accepts fixed credentials and
// records every call as "Scheme:credential:scopes@operation".
type guard struct {
	mu    sync.Mutex
	calls []string
}

func (g *guard) record(scheme, cred string, op OperationInfo, scopes []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, scheme+":"+cred+":"+strings.Join(scopes, ",")+"@"+op.ID)
}

func (g *guard) take() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.calls
	g.calls = nil
	return c
}

var errRefused = errors.New("unknown credential")

func (g *guard) key(ctx context.Context, scheme string, op OperationInfo, scopes []string, key string) (context.Context, error) {
	g.record(scheme, key, op, scopes)
	if key != "good-key" {
		return nil, errRefused
	}
	return withPrincipal(ctx, "key-holder"), nil
}

func (g *guard) HandleAPIKeyHeader(ctx context.Context, op OperationInfo, scopes []string, key string) (context.Context, error) {
	return g.key(ctx, "header", op, scopes, key)
}

func (g *guard) HandleAPIKeyQuery(ctx context.Context, op OperationInfo, scopes []string, key string) (context.Context, error) {
	return g.key(ctx, "query", op, scopes, key)
}

func (g *guard) HandleAPIKeyCookie(ctx context.Context, op OperationInfo, scopes []string, key string) (context.Context, error) {
	return g.key(ctx, "cookie", op, scopes, key)
}

func (g *guard) HandleBasicAuth(ctx context.Context, op OperationInfo, scopes []string, username, password string) (context.Context, error) {
	g.record("basic", username+"/"+password, op, scopes)
	if username != "alice" || password != "s3cret" {
		return nil, errRefused
	}
	return withPrincipal(ctx, "alice"), nil
}

func (g *guard) HandleBearerAuth(ctx context.Context, op OperationInfo, scopes []string, token string) (context.Context, error) {
	g.record("bearer", token, op, scopes)
	switch token {
	case "good-token":
		return withPrincipal(ctx, "bearer"), nil
	case "banned-token":
		return nil, ErrForbidden
	}
	return nil, errRefused
}

// HandleOauth grants "reader" only pets:read: an operation needing
// pets:write is forbidden to it.
func (g *guard) HandleOauth(ctx context.Context, op OperationInfo, scopes []string, token string) (context.Context, error) {
	g.record("oauth", token, op, scopes)
	granted := map[string][]string{"writer": {"pets:read", "pets:write"}, "reader": {"pets:read"}}[token]
	if granted == nil {
		return nil, errRefused
	}
	for _, s := range scopes {
		if !slices.Contains(granted, s) {
			return nil, errors.Join(ErrForbidden, errors.New("missing scope "+s))
		}
	}
	return withPrincipal(ctx, token), nil
}

func (g *guard) HandleMtls(ctx context.Context, op OperationInfo, scopes []string, certs []*x509.Certificate, verified [][]*x509.Certificate) (context.Context, error) {
	g.record("mtls", certs[0].Subject.CommonName, op, scopes)
	if len(verified) == 0 || certs[0].Subject.CommonName != "trusted-client" {
		return nil, errRefused
	}
	return withPrincipal(ctx, certs[0].Subject.CommonName), nil
}

// service answers every operation with what it saw; handled counts the calls.
type service struct {
	mu      sync.Mutex
	handled []string
}

func (s *service) seen(ctx context.Context) Seen {
	op, _ := OperationFromContext(ctx)
	s.mu.Lock()
	s.handled = append(s.handled, op.ID)
	s.mu.Unlock()
	return Seen{Operation: op.ID, Principal: principal(ctx)}
}

func (s *service) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.handled
	s.handled = nil
	return h
}

func (s *service) GetPublic(ctx context.Context, _ GetPublicRequest) (GetPublicResponse, error) {
	return GetPublic200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetOptional(ctx context.Context, _ GetOptionalRequest) (GetOptionalResponse, error) {
	return GetOptional200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetBearer(ctx context.Context, _ GetBearerRequest) (GetBearerResponse, error) {
	return GetBearer200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetKeyHeader(ctx context.Context, _ GetKeyHeaderRequest) (GetKeyHeaderResponse, error) {
	return GetKeyHeader200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetKeyQuery(ctx context.Context, _ GetKeyQueryRequest) (GetKeyQueryResponse, error) {
	return GetKeyQuery200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetKeyCookie(ctx context.Context, _ GetKeyCookieRequest) (GetKeyCookieResponse, error) {
	return GetKeyCookie200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetBasic(ctx context.Context, _ GetBasicRequest) (GetBasicResponse, error) {
	return GetBasic200Response{Body: s.seen(ctx)}, nil
}
func (s *service) CreatePet(ctx context.Context, _ CreatePetRequest) (CreatePetResponse, error) {
	return CreatePet200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetBoth(ctx context.Context, _ GetBothRequest) (GetBothResponse, error) {
	return GetBoth200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetEither(ctx context.Context, _ GetEitherRequest) (GetEitherResponse, error) {
	return GetEither200Response{Body: s.seen(ctx)}, nil
}
func (s *service) GetCerts(ctx context.Context, _ GetCertsRequest) (GetCertsResponse, error) {
	return GetCerts200Response{Body: s.seen(ctx)}, nil
}

// fixture serves the contract over plain HTTP with a middleware that
// records which operation each request matched.
type fixture struct {
	srv   *httptest.Server
	svc   *service
	guard *guard
	mu    sync.Mutex
	mw    []string
}

func newFixture(t *testing.T) *fixture {
	fx := &fixture{svc: &service{}, guard: &guard{}}
	record := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			op, ok := OperationFromContext(r.Context())
			entry := "none"
			if ok {
				entry = op.ID + " " + op.Method + " " + op.Path + " [" + strings.Join(op.Tags, ",") + "]"
				for _, alt := range op.Security {
					var names []string
					for _, it := range alt {
						names = append(names, it.Scheme+"("+strings.Join(it.Scopes, ",")+")")
					}
					entry += " {" + strings.Join(names, "&") + "}"
				}
			}
			fx.mu.Lock()
			fx.mw = append(fx.mw, entry)
			fx.mu.Unlock()
			next.ServeHTTP(w, r)
		})
	}
	fx.srv = httptest.NewServer(NewServer(fx.svc, fx.guard, WithMiddleware(record)))
	t.Cleanup(fx.srv.Close)
	return fx
}

// call sends a raw request and returns the status, the decoded JSON body and
// the WWW-Authenticate challenges.
func (fx *fixture) call(t *testing.T, method, target string, edit func(*http.Request)) (int, map[string]any, []string) {
	t.Helper()
	var body io.Reader
	if method == "POST" {
		body = strings.NewReader(`{"name":"rex"}`)
	}
	req, err := http.NewRequest(method, fx.srv.URL+target, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if edit != nil {
		edit(req)
	}
	resp, err := fx.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, target, err)
	}
	return resp.StatusCode, m, resp.Header.Values("WWW-Authenticate")
}

func header(name, value string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Set(name, value) }
}

func bearer(token string) func(*http.Request) { return header("Authorization", "Bearer "+token) }

func basic(user, password string) func(*http.Request) {
	return func(r *http.Request) { r.SetBasicAuth(user, password) }
}

func cookie(value string) func(*http.Request) {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "session", Value: value}) }
}

func both(a, b func(*http.Request)) func(*http.Request) {
	return func(r *http.Request) { a(r); b(r) }
}

// TestRefusedBeforeTheHandler sends requests without credentials and with
// wrong ones: each is answered 401 or 403 before the handler runs, with the
// SecurityHandler called exactly as listed.
func TestRefusedBeforeTheHandler(t *testing.T) {
	fx := newFixture(t)
	for _, tc := range []struct {
		name, method, target string
		edit                 func(*http.Request)
		status               int
		calls                []string
		challenges           []string
	}{
		{"bearer missing", "GET", "/bearer", nil, 401, nil, []string{`Bearer realm="Secured vault"`}},
		{"bearer wrong scheme", "GET", "/bearer", header("Authorization", "Token good-token"), 401, nil, []string{`Bearer realm="Secured vault"`}},
		{"bearer empty", "GET", "/bearer", header("Authorization", "Bearer "), 401, nil, []string{`Bearer realm="Secured vault"`}},
		{"bearer refused", "GET", "/bearer", bearer("stolen"), 401, []string{"bearer:stolen:@getBearer"}, []string{`Bearer realm="Secured vault", error="invalid_token"`}},
		{"bearer forbidden", "GET", "/bearer", bearer("banned-token"), 403, []string{"bearer:banned-token:@getBearer"}, nil},
		{"header key missing", "GET", "/keys/header", nil, 401, nil, nil},
		{"header key refused", "GET", "/keys/header", header("X-API-Key", "bad"), 401, []string{"header:bad:@getKeyHeader"}, nil},
		{"key in the wrong place", "GET", "/keys/header?X-API-Key=good-key", nil, 401, nil, nil},
		{"query key refused", "GET", "/keys/query?api_key=bad", nil, 401, []string{"query:bad:@getKeyQuery"}, nil},
		{"cookie key missing", "GET", "/keys/cookie", header("X-API-Key", "good-key"), 401, nil, nil},
		{"cookie key refused", "GET", "/keys/cookie", cookie("bad"), 401, []string{"cookie:bad:@getKeyCookie"}, nil},
		{"basic missing", "GET", "/basic", nil, 401, nil, []string{`Basic realm="Secured vault", charset="UTF-8"`}},
		{"basic refused", "GET", "/basic", basic("alice", "guess"), 401, []string{"basic:alice/guess:@getBasic"}, []string{`Basic realm="Secured vault", charset="UTF-8"`}},
		{"oauth missing", "POST", "/pets", nil, 401, nil, []string{`Bearer realm="Secured vault"`}},
		{"oauth scope missing", "POST", "/pets", bearer("reader"), 403, []string{"oauth:reader:pets:read,pets:write@createPet"}, nil},
		// AND: both schemes must accept; the second is not asked once the first refused.
		{"and: key only", "GET", "/both", header("X-API-Key", "good-key"), 401, []string{"header:good-key:@getBoth"}, []string{`Bearer realm="Secured vault"`}},
		{"and: token only", "GET", "/both", bearer("good-token"), 401, nil, []string{`Bearer realm="Secured vault"`}},
		{"and: bad key", "GET", "/both", both(header("X-API-Key", "bad"), bearer("good-token")), 401, []string{"header:bad:@getBoth"}, []string{`Bearer realm="Secured vault"`}},
		{"and: bad token", "GET", "/both", both(header("X-API-Key", "good-key"), bearer("stolen")), 401, []string{"header:good-key:@getBoth", "bearer:stolen:@getBoth"}, []string{`Bearer realm="Secured vault", error="invalid_token"`}},
		// OR: each alternative in turn.
		{"or: nothing", "GET", "/either", nil, 401, nil, []string{`Basic realm="Secured vault", charset="UTF-8"`}},
		{"or: both wrong", "GET", "/either?api_key=bad", basic("alice", "guess"), 401, []string{"basic:alice/guess:@getEither", "query:bad:@getEither"}, []string{`Basic realm="Secured vault", charset="UTF-8"`}},
		{"mtls over plain HTTP", "GET", "/certs", nil, 401, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, challenges := fx.call(t, tc.method, tc.target, tc.edit)
			if status != tc.status {
				t.Errorf("status %d, want %d (body %v)", status, tc.status, body)
			}
			if got, _ := body["status"].(float64); int(got) != tc.status {
				t.Errorf("body status %v, want %d: %v", body["status"], tc.status, body)
			}
			if d, _ := body["detail"].(string); strings.Contains(d, "unknown credential") || strings.Contains(d, "scope") {
				t.Errorf("the body quotes the SecurityHandler's error: %q", d)
			}
			if h := fx.svc.take(); len(h) != 0 {
				t.Errorf("the handler ran: %v", h)
			}
			if got := fx.guard.take(); !slices.Equal(got, tc.calls) {
				t.Errorf("SecurityHandler calls %q, want %q", got, tc.calls)
			}
			if !slices.Equal(challenges, tc.challenges) {
				t.Errorf("WWW-Authenticate %q, want %q", challenges, tc.challenges)
			}
		})
	}
}

// TestAdmitted sends the right credentials with the generated client: the
// handler runs and sees the principal the SecurityHandler attached.
func TestAdmitted(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	client := func(opts ...ClientOption) *Client {
		c, err := NewClient(fx.srv.URL, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	check := func(name string, resp any, err error, want Seen, calls ...string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got Seen
		switch r := resp.(type) {
		case GetPublic200Response:
			got = r.Body
		case GetOptional200Response:
			got = r.Body
		case GetBearer200Response:
			got = r.Body
		case GetKeyHeader200Response:
			got = r.Body
		case GetKeyQuery200Response:
			got = r.Body
		case GetKeyCookie200Response:
			got = r.Body
		case GetBasic200Response:
			got = r.Body
		case CreatePet200Response:
			got = r.Body
		case GetBoth200Response:
			got = r.Body
		case GetEither200Response:
			got = r.Body
		default:
			t.Fatalf("%s: response %T", name, resp)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: handler saw %+v, want %+v", name, got, want)
		}
		if h := fx.svc.take(); !slices.Equal(h, []string{want.Operation}) {
			t.Errorf("%s: handled %v", name, h)
		}
		if c := fx.guard.take(); !slices.Equal(c, calls) {
			t.Errorf("%s: SecurityHandler calls %q, want %q", name, c, calls)
		}
	}
	anon := client()
	r1, err := anon.GetPublic(ctx, GetPublicRequest{})
	check("public", r1, err, Seen{Operation: "getPublic"})
	r2, err := anon.GetOptional(ctx, GetOptionalRequest{})
	check("optional, anonymous", r2, err, Seen{Operation: "getOptional"})

	r3, err := client(WithBearerAuth("good-token")).GetBearer(ctx, GetBearerRequest{})
	check("bearer", r3, err, Seen{Operation: "getBearer", Principal: "bearer"}, "bearer:good-token:@getBearer")
	r4, err := client(WithAPIKeyHeader("good-key")).GetKeyHeader(ctx, GetKeyHeaderRequest{})
	check("header key", r4, err, Seen{Operation: "getKeyHeader", Principal: "key-holder"}, "header:good-key:@getKeyHeader")
	page := int64(2)
	r5, err := client(WithAPIKeyQuery("good-key")).GetKeyQuery(ctx, GetKeyQueryRequest{Page: &page})
	check("query key", r5, err, Seen{Operation: "getKeyQuery", Principal: "key-holder"}, "query:good-key:@getKeyQuery")
	r6, err := client(WithAPIKeyCookie("good-key")).GetKeyCookie(ctx, GetKeyCookieRequest{})
	check("cookie key", r6, err, Seen{Operation: "getKeyCookie", Principal: "key-holder"}, "cookie:good-key:@getKeyCookie")
	r7, err := client(WithBasicAuth("alice", "s3cret")).GetBasic(ctx, GetBasicRequest{})
	check("basic", r7, err, Seen{Operation: "getBasic", Principal: "alice"}, "basic:alice/s3cret:@getBasic")
	r8, err := client(WithOauth("writer")).CreatePet(ctx, CreatePetRequest{Body: CreatePetBody{Name: "rex"}})
	check("oauth with scopes", r8, err, Seen{Operation: "createPet", Principal: "writer"}, "oauth:writer:pets:read,pets:write@createPet")
	// AND: the client sends both credentials; the principals accumulate in order.
	r9, err := client(WithAPIKeyHeader("good-key"), WithBearerAuth("good-token")).GetBoth(ctx, GetBothRequest{})
	check("and", r9, err, Seen{Operation: "getBoth", Principal: "key-holder+bearer"}, "header:good-key:@getBoth", "bearer:good-token:@getBoth")
	// OR: the second alternative admits when the first has no credential.
	r10, err := client(WithAPIKeyQuery("good-key")).GetEither(ctx, GetEitherRequest{})
	check("or, second", r10, err, Seen{Operation: "getEither", Principal: "key-holder"}, "query:good-key:@getEither")
	// OR: a refused first alternative does not stop the second.
	// The client sends the credentials of the first alternative it has every
	// credential for (basic), not those of later ones.
	_, err = client(WithBasicAuth("alice", "guess"), WithAPIKeyQuery("good-key")).GetEither(ctx, GetEitherRequest{})
	var ue *UnexpectedResponseError
	if !errors.As(err, &ue) || ue.StatusCode != 401 {
		t.Errorf("or, client with both: %v", err)
	}
	if c := fx.guard.take(); !slices.Equal(c, []string{"basic:alice/guess:@getEither"}) {
		t.Errorf("or, client with both: SecurityHandler calls %q", c)
	}
	if h := fx.svc.take(); len(h) != 0 {
		t.Errorf("or, client with both: handled %v", h)
	}
	status, body, _ := fx.call(t, "GET", "/either?api_key=good-key", basic("alice", "guess"))
	if status != 200 || body["principal"] != "key-holder" {
		t.Errorf("or, first refused: %d %v", status, body)
	}
	if c := fx.guard.take(); !slices.Equal(c, []string{"basic:alice/guess:@getEither", "query:good-key:@getEither"}) {
		t.Errorf("or, first refused: SecurityHandler calls %q", c)
	}
	fx.svc.take()
	// optional: an empty alternative comes first, so a token is not even checked.
	r12, err := client(WithBearerAuth("stolen")).GetOptional(ctx, GetOptionalRequest{})
	check("optional with a token", r12, err, Seen{Operation: "getOptional"})
	// The client refused by the server gets the declared 401 of getBearer.
	r13, err := client(WithBearerAuth("stolen")).GetBearer(ctx, GetBearerRequest{})
	if _, ok := r13.(GetBearer401Response); err != nil || !ok {
		t.Errorf("bearer refused through the client: %T, %v", r13, err)
	}
	fx.guard.take()
}

// TestOperationInMiddleware checks what middleware reads from the context:
// the matched operation with its tags and security in force, and nothing
// for a path of no operation (which still passes through middleware).
func TestOperationInMiddleware(t *testing.T) {
	fx := newFixture(t)
	fx.call(t, "GET", "/public", nil)
	fx.call(t, "GET", "/keys/query", nil)
	fx.call(t, "POST", "/pets", nil)
	fx.call(t, "GET", "/optional", nil)
	fx.call(t, "GET", "/either", nil)
	fx.call(t, "GET", "/bearer", nil)
	fx.call(t, "GET", "/nowhere", nil)
	want := []string{
		"getPublic GET /public [vault]",
		"getKeyQuery GET /keys/query [keys] {apiKeyQuery()}",
		"createPet POST /pets [vault] {oauth(pets:read,pets:write)}",
		"getOptional GET /optional [] {} {bearerAuth()}",
		"getEither GET /either [] {basicAuth()} {apiKeyQuery()}",
		"getBearer GET /bearer [vault] {bearerAuth()}",
		"none",
	}
	fx.mu.Lock()
	defer fx.mu.Unlock()
	if !slices.Equal(fx.mw, want) {
		t.Errorf("middleware saw\n%q\nwant\n%q", fx.mw, want)
	}
}

// TestNilSecurityHandler: a server without its SecurityHandler would admit
// nobody or everybody; NewServer refuses to build one.
func TestNilSecurityHandler(t *testing.T) {
	defer func() {
		if v := recover(); v == nil || !strings.Contains(v.(string), "nil SecurityHandler") {
			t.Errorf("NewServer(h, nil) did not panic naming the SecurityHandler: %v", v)
		}
	}()
	NewServer(&service{}, nil)
}

// TestMutualTLS serves over TLS asking for client certificates: the client's
// mutualTLS option presents one through its transport, the SecurityHandler
// gets it with its verified chain, and a client without one is refused.
func TestMutualTLS(t *testing.T) {
	ca, caKey := newCert(t, "test-ca", nil, nil)
	clientCert, _ := newCert(t, "trusted-client", &ca, caKey)
	otherCert, _ := newCert(t, "other-client", &ca, caKey)
	pool := x509.NewCertPool()
	pool.AddCert(ca.Leaf)

	svc, g := &service{}, &guard{}
	srv := httptest.NewUnstartedServer(NewServer(svc, g))
	srv.TLS = &tls.Config{ClientAuth: tls.VerifyClientCertIfGiven, ClientCAs: pool}
	srv.StartTLS()
	defer srv.Close()

	ctx := context.Background()
	c, err := NewClient(srv.URL, WithMtls(clientCert), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.GetCerts(ctx, GetCertsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := resp.(GetCerts200Response); !ok || !reflect.DeepEqual(r.Body, Seen{Operation: "getCerts", Principal: "trusted-client"}) {
		t.Errorf("with a trusted certificate: %#v", resp)
	}
	if got := g.take(); !slices.Equal(got, []string{"mtls:trusted-client:@getCerts"}) {
		t.Errorf("SecurityHandler calls %q", got)
	}
	if tr := srv.Client().Transport.(*http.Transport); len(tr.TLSClientConfig.Certificates) != 0 {
		t.Error("WithMtls changed the transport of the HTTP client it was given")
	}

	c, _ = NewClient(srv.URL, WithHTTPClient(srv.Client()), WithMtls(otherCert))
	_, err = c.GetCerts(ctx, GetCertsRequest{})
	var ue *UnexpectedResponseError
	if !errors.As(err, &ue) || ue.StatusCode != 401 {
		t.Errorf("with another certificate: %v", err)
	}
	c, _ = NewClient(srv.URL, WithHTTPClient(srv.Client()))
	_, err = c.GetCerts(ctx, GetCertsRequest{})
	if !errors.As(err, &ue) || ue.StatusCode != 401 {
		t.Errorf("without a certificate: %v", err)
	}
	if got := g.take(); !slices.Equal(got, []string{"mtls:other-client:@getCerts"}) {
		t.Errorf("SecurityHandler calls %q", got)
	}
	if h := svc.take(); !slices.Equal(h, []string{"getCerts"}) {
		t.Errorf("handled %v", h)
	}
	if _, err := NewClient(srv.URL, WithMtls()); err == nil {
		t.Error("WithMtls() without a certificate was accepted")
	}
}

// newCert makes a certificate for name, signed by parent (self-signed when nil).
func newCert(t *testing.T, name string, parent *tls.Certificate, parentKey *ecdsa.PrivateKey) (tls.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	signer, signerCert := key, tmpl
	if parent == nil {
		tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
	} else {
		signer, signerCert = parentKey, parent.Leaf
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, key
}
