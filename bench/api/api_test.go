package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// request is one HTTP request of the tests and benchmarks.
type request struct {
	method, target string
	body           []byte
}

func (r request) new() *http.Request {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req := httptest.NewRequest(r.method, r.target, body)
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// benchRequests are the three requests the server benchmarks send.
var benchRequests = []struct {
	op     string
	req    request
	status int
}{
	{"get", request{http.MethodGet, GetTarget, nil}, http.StatusOK},
	{"post", request{http.MethodPost, PostTarget, NewOrderJSON}, http.StatusCreated},
	{"list", request{http.MethodGet, ListTarget, nil}, http.StatusOK},
}

func serve(t *testing.T, h http.Handler, r request) (int, any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r.new())
	var body any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s %s: response is not JSON: %v\n%s", r.method, r.target, err, rec.Body)
	}
	return rec.Code, body
}

func newServer(t testing.TB, s Server) http.Handler {
	h, err := s.New()
	if err != nil {
		t.Fatalf("%s: %v", s.Name, err)
	}
	return h
}

// serverNamed returns the server called name.
func serverNamed(name string) Server {
	for _, s := range Servers() {
		if s.Name == name {
			return s
		}
	}
	panic("no server " + name)
}

// TestServersAgree checks that every server answers the benchmark requests
// with the same status and the same JSON (field order aside), so the
// benchmarks compare the same work.
func TestServersAgree(t *testing.T) {
	ref := newServer(t, serverNamed(Handwritten))
	for _, br := range benchRequests {
		wantStatus, want := serve(t, ref, br.req)
		if wantStatus != br.status {
			t.Fatalf("handwritten %s: status %d, want %d: %v", br.op, wantStatus, br.status, want)
		}
		for _, s := range Servers() {
			status, got := serve(t, newServer(t, s), br.req)
			if status != wantStatus || !reflect.DeepEqual(got, want) {
				gb, _ := json.MarshalIndent(got, "", " ")
				wb, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("%s %s: status %d, want %d; body\n%s\nwant\n%s", s.Name, br.op, status, wantStatus, gb, wb)
			}
		}
	}
}

func TestFixtureSizes(t *testing.T) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, NewOrderJSON); err != nil {
		t.Fatal(err)
	}
	if n := compact.Len(); n < 900 || n > 1300 {
		t.Errorf("POST body is %d bytes compact, want about 1 KB", n)
	}
	var list struct{ Items []json.RawMessage }
	if err := json.Unmarshal(ListJSON, &list); err != nil || len(list.Items) != 100 {
		t.Errorf("list has %d items (%v), want 100", len(list.Items), err)
	}
}

// TestServersReject checks that the validating servers refuse each request
// that breaks one constraint of the contract, with a 4xx, before the
// handler runs. oapi-codegen checks only that values have the right type,
// so it is held to the cases marked typeError.
func TestServersReject(t *testing.T) {
	body := func(from, to string) []byte {
		if !bytes.Contains(NewOrderJSON, []byte(from)) {
			t.Fatalf("fixture has no %q", from)
		}
		return bytes.Replace(NewOrderJSON, []byte(from), []byte(to), 1)
	}
	get := "/stores/" + StoreID + "/orders/12345"
	list := "/stores/" + StoreID + "/orders"
	cases := []struct {
		name      string
		req       request
		typeError bool
	}{
		{"store id pattern", request{"GET", "/stores/Acme/orders/1", nil}, false},
		{"store id too short", request{"GET", "/stores/ab/orders/1", nil}, false},
		{"store id too long", request{"GET", "/stores/" + strings.Repeat("a", 33) + "/orders/1", nil}, false},
		{"order id not an integer", request{"GET", "/stores/acme/orders/x1", nil}, true},
		{"order id below minimum", request{"GET", "/stores/acme/orders/0", nil}, false},
		{"currency not in enum", request{"GET", get + "?currency=CHF", nil}, false},
		{"includeLines not a boolean", request{"GET", get + "?includeLines=maybe", nil}, true},
		{"locale pattern", request{"GET", get + "?locale=EN", nil}, false},
		{"limit above maximum", request{"GET", list + "?limit=101", nil}, false},
		{"limit not an integer", request{"GET", list + "?limit=ten", nil}, true},
		{"status not in enum", request{"GET", list + "?status=lost", nil}, false},
		{"cursor too long", request{"GET", list + "?cursor=" + strings.Repeat("c", 65), nil}, false},
		{"body not JSON", request{"POST", list, []byte(`{"customer":`)}, true},
		{"body field of the wrong type", request{"POST", list, body(`"quantity": 2`, `"quantity": "2"`)}, true},
		{"quantity below minimum", request{"POST", list, body(`"quantity": 2`, `"quantity": 0`)}, false},
		{"sku pattern", request{"POST", list, body(`"BOOK-0001"`, `"book"`)}, false},
		{"currency not in enum", request{"POST", list, body(`"currency": "GBP"`, `"currency": "CHF"`)}, false},
		{"country pattern", request{"POST", list, body(`"country": "GB"`, `"country": "gb"`)}, false},
		{"discount above maximum", request{"POST", list, body(`"discount": 0.1`, `"discount": 1.5`)}, false},
		{"tag too long", request{"POST", list, body(`"express"`, `"`+strings.Repeat("x", 33)+`"`)}, false},
		{"tier not in enum", request{"POST", list, body(`"tier": "gold"`, `"tier": "silver"`)}, false},
		{"customer missing", request{"POST", list, body(`"customer"`, `"client"`)}, false},
		{"no lines", request{"POST", list, []byte(`{"customer": {"id": "c", "name": "n", "email": "e"}, "shippingAddress": {"line1": "l", "city": "c", "country": "GB"}, "lines": [], "currency": "EUR"}`)}, false},
	}
	for _, s := range Servers() {
		h := newServer(t, s)
		accepted := 0
		for _, c := range cases {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, c.req.new())
			rejected := rec.Code >= 400 && rec.Code <= 499
			switch {
			case !rejected && (s.Validates || c.typeError):
				t.Errorf("%s: %s: status %d, want 4xx\n%s", s.Name, c.name, rec.Code, rec.Body)
			case !rejected:
				accepted++
			}
		}
		// results.md says oapi-codegen's server checks types only: keep
		// that true, or this test tells whoever upgrades it to say otherwise.
		if !s.Validates && accepted == 0 {
			t.Errorf("%s: rejects every request that breaks a constraint; mark it Validates and update results.md's note", s.Name)
		}
	}
}

// TestClients checks that every client sends the same body and decodes the
// canned responses completely.
func TestClients(t *testing.T) {
	created := httptest.NewRecorder()
	newServer(t, serverNamed(Handwritten)).ServeHTTP(created, request{http.MethodPost, PostTarget, NewOrderJSON}.new())
	var wantBody any
	if err := json.Unmarshal(NewOrderJSON, &wantBody); err != nil {
		t.Fatal(err)
	}
	for _, c := range Clients() {
		list, err := c.New(&http.Client{Transport: &CannedTransport{Status: http.StatusOK, Body: ListJSON}})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := list.List(context.Background()); err != nil || n != 100 {
			t.Errorf("%s: list decoded %d orders (%v), want 100", c.Name, n, err)
		}
		rec := &recordingTransport{CannedTransport{Status: http.StatusCreated, Body: created.Body.Bytes()}, nil}
		create, err := c.New(&http.Client{Transport: rec})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := create.Create(context.Background()); err != nil || n != 4 {
			t.Errorf("%s: created order has %d lines (%v), want 4", c.Name, n, err)
		}
		var sent any
		if err := json.Unmarshal(rec.sent, &sent); err != nil || !reflect.DeepEqual(sent, wantBody) {
			t.Errorf("%s: sent body differs from NewOrderJSON (%v):\n%s", c.Name, err, rec.sent)
		}
	}
}

type recordingTransport struct {
	CannedTransport
	sent []byte
}

func (t *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	t.sent = b
	r.Body = io.NopCloser(bytes.NewReader(nil))
	return t.CannedTransport.RoundTrip(r)
}

// TestResponseBuffer checks the benchmarks' writer against httptest's.
func TestResponseBuffer(t *testing.T) {
	h := newServer(t, Servers()[0])
	buf := NewResponseBuffer()
	for range 2 {
		buf.Reset()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, request{http.MethodGet, GetTarget, nil}.new())
		h.ServeHTTP(buf, request{http.MethodGet, GetTarget, nil}.new())
		if buf.Status != rec.Code || !bytes.Equal(buf.Body.Bytes(), rec.Body.Bytes()) || !reflect.DeepEqual(buf.Header(), rec.Header()) {
			t.Fatalf("ResponseBuffer got %d %v %s, httptest %d %v %s", buf.Status, buf.Header(), buf.Body.Bytes(), rec.Code, rec.Header(), rec.Body)
		}
	}
}
