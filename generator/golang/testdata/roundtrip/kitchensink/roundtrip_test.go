package api

// This file is copied next to the code generated from
// testdata/contracts/kitchensink/openapi.yaml by TestRoundTrip: it runs the
// generated server with a test implementation and calls it with the
// generated client and with raw requests.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

type shop struct {
	Unimplemented
	mu       sync.Mutex
	calls    int
	lastList ListItemsRequest
	patched  ItemPatch
	blob     []byte
	upload   string
}

func (s *shop) hit() { s.mu.Lock(); s.calls++; s.mu.Unlock() }

var created = time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)

func item(id string, n NewItem) Item {
	return Item{ID: id, CreatedAt: created, Name: n.Name, Price: n.Price, Color: n.Color, Tags: n.Tags, Description: n.Description}
}

func (s *shop) ListItems(_ context.Context, req ListItemsRequest) (ListItemsResponse, error) {
	s.hit()
	s.lastList = req
	if req.Limit == 99 {
		return ListItemsDefaultResponse{StatusCode: 418, Body: Problem{Title: "teapot", Status: 418}}, nil
	}
	if req.Limit == 98 {
		panic("boom")
	}
	if req.Limit == 97 {
		var none []Item // a nil slice, as idiomatic code builds an empty list
		return ListItems200Response{Body: none}, nil
	}
	return ListItems200Response{Body: []Item{item("0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69", NewItem{Name: "lamp", Price: 9.5})}, XTotalCount: 1}, nil
}

func (s *shop) CreateItem(_ context.Context, req CreateItemRequest) (CreateItemResponse, error) {
	s.hit()
	id := "7d0c2b1a-0000-4000-8000-000000000001"
	return CreateItem201Response{Body: item(id, req.Body), Location: "/items/" + id}, nil
}

func (s *shop) GetItem(_ context.Context, req GetItemRequest) (GetItemResponse, error) {
	s.hit()
	if req.ItemID == "00000000-0000-4000-8000-000000000000" {
		return GetItem404Response{Body: Problem{Title: "not found", Status: 404}}, nil
	}
	return GetItem200Response{Body: item(req.ItemID, NewItem{Name: "chair", Price: 20})}, nil
}

func (s *shop) PatchItem(_ context.Context, req PatchItemRequest) (PatchItemResponse, error) {
	s.hit()
	if req.Body != nil {
		s.patched = *req.Body
	}
	return PatchItem200Response{Body: item(req.ItemID, NewItem{Name: "patched", Price: 1})}, nil
}

func (s *shop) GetItemImage(_ context.Context, req GetItemImageRequest) (GetItemImageResponse, error) {
	s.hit()
	return GetItemImage200Response{Body: []byte("image of " + req.ItemID + " as " + string(req.Format))}, nil
}

func (s *shop) Upload(_ context.Context, req UploadRequest) (UploadResponse, error) {
	s.hit()
	var got []string
	if f := req.Body.File; f != nil {
		b, _ := io.ReadAll(f.Body)
		got = append(got, "file="+string(b)+" ("+f.Filename+", "+f.ContentType+")")
	}
	if req.Body.Note != nil {
		got = append(got, "note="+*req.Body.Note)
	}
	s.upload = strings.Join(got, "&")
	return Upload200Response{Body: []byte("stored " + s.upload)}, nil
}

func (s *shop) PutBlob(_ context.Context, req PutBlobRequest) (PutBlobResponse, error) {
	s.hit()
	s.blob, _ = io.ReadAll(req.Body)
	return PutBlob204Response{}, nil
}

func (s *shop) SalesReport(_ context.Context, req SalesReportRequest) (SalesReportResponse, error) {
	s.hit()
	return SalesReport200Response{Body: []byte("day,total\n" + req.From + ",10\n")}, nil
}

func (s *shop) AddPet(_ context.Context, req AddPetRequest) (AddPetResponse, error) {
	s.hit()
	return AddPet200Response{Body: req.Body}, nil
}

func (s *shop) EchoShape(_ context.Context, req EchoShapeRequest) (EchoShapeResponse, error) {
	s.hit()
	return EchoShape200Response{Body: req.Body}, nil
}

func (s *shop) EchoTree(_ context.Context, req EchoTreeRequest) (EchoTreeResponse, error) {
	s.hit()
	return EchoTree2XXResponse{StatusCode: 202, Body: req.Body}, nil
}

func (s *shop) EchoNames(_ context.Context, req EchoNamesRequest) (EchoNamesResponse, error) {
	s.hit()
	return EchoNames200Response{Body: req.Body}, nil
}

func ptr[T any](v T) *T { return &v }

// trusting accepts every credential: these tests are about what the server
// does past security (testdata/roundtrip/security tests the checks).
type trusting struct{}

func (trusting) HandleAPIKeyCookie(ctx context.Context, _ OperationInfo, _ []string, _ string) (context.Context, error) {
	return ctx, nil
}
func (trusting) HandleAPIKeyHeader(ctx context.Context, _ OperationInfo, _ []string, _ string) (context.Context, error) {
	return ctx, nil
}
func (trusting) HandleAPIKeyQuery(ctx context.Context, _ OperationInfo, _ []string, _ string) (context.Context, error) {
	return ctx, nil
}
func (trusting) HandleBasicAuth(ctx context.Context, _ OperationInfo, _ []string, _, _ string) (context.Context, error) {
	return ctx, nil
}
func (trusting) HandleBearerAuth(ctx context.Context, _ OperationInfo, _ []string, _ string) (context.Context, error) {
	return ctx, nil
}

// withCredentials adds to a raw request the credentials the kitchen sink's
// secured operations accept, so that it gets past the security check.
func withCredentials(req *http.Request) *http.Request {
	req.Header.Set("Authorization", "Bearer tok")
	req.AddCookie(&http.Cookie{Name: "token", Value: "cookie-token"})
	return req
}

func getWithCredentials(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(withCredentials(req))
}

func setup(t *testing.T, opts ...ServerOption) (*shop, *httptest.Server, *Client) {
	t.Helper()
	impl := &shop{}
	srv := httptest.NewServer(NewServer(impl, trusting{}, opts...))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL+"/", WithBearerAuth("tok"), WithAPIKeyHeader("key"), WithAPIKeyCookie("cookie-token"))
	if err != nil {
		t.Fatal(err)
	}
	return impl, srv, c
}

func TestClientCallsEveryOperation(t *testing.T) {
	impl, _, c := setup(t)
	ctx := context.Background()

	// Parameters of every location and style.
	color := ColorGreen
	resp, err := c.ListItems(ctx, ListItemsRequest{
		Limit: 5, Tags: []string{"a", "b c"}, IDs: []int64{1, 2}, Color: &color,
		Filter:     &ListItemsFilter{MinPrice: ptr(1.5), InStock: ptr(true)},
		XRequestID: ptr("0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69"), Session: ptr("s1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	list, ok := resp.(ListItems200Response)
	if !ok || len(list.Body) != 1 || list.XTotalCount != 1 || list.Body[0].Name != "lamp" || !list.Body[0].CreatedAt.Equal(created) {
		t.Fatalf("ListItems = %#v", resp)
	}
	got := impl.lastList
	if got.Limit != 5 || strings.Join(got.Tags, "|") != "a|b c" || len(got.IDs) != 2 || got.IDs[1] != 2 || *got.Color != ColorGreen ||
		*got.Filter.MinPrice != 1.5 || !*got.Filter.InStock || got.Filter.Name != nil || *got.XRequestID != "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69" || *got.Session != "s1" {
		t.Fatalf("handler got %#v", got)
	}

	// The default response with its own status.
	resp, err = c.ListItems(ctx, ListItemsRequest{Limit: 99})
	if d, ok := resp.(ListItemsDefaultResponse); err != nil || !ok || d.StatusCode != 418 || d.Body.Title != "teapot" {
		t.Fatalf("default response = %#v, %v", resp, err)
	}

	// JSON body in, 201 with a header out.
	cr, err := c.CreateItem(ctx, CreateItemRequest{Body: NewItem{Name: "desk", Price: 120, Description: Null[string](), Tags: []string{"x"}}})
	if err != nil {
		t.Fatal(err)
	}
	if c201, ok := cr.(CreateItem201Response); !ok || c201.Location != "/items/7d0c2b1a-0000-4000-8000-000000000001" || c201.Body.Name != "desk" || !c201.Body.Description.Null {
		t.Fatalf("CreateItem = %#v", cr)
	}

	// Path parameter, 200 and 404.
	g, err := c.GetItem(ctx, GetItemRequest{ItemID: "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69"})
	if g200, ok := g.(GetItem200Response); err != nil || !ok || g200.Body.ID != "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69" {
		t.Fatalf("GetItem = %#v, %v", g, err)
	}
	g, err = c.GetItem(ctx, GetItemRequest{ItemID: "00000000-0000-4000-8000-000000000000"})
	if g404, ok := g.(GetItem404Response); err != nil || !ok || g404.Body.Status != 404 {
		t.Fatalf("GetItem 404 = %#v, %v", g, err)
	}

	// merge-patch+json body with an explicit null.
	if _, err := c.PatchItem(ctx, PatchItemRequest{ItemID: "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69", Body: &ItemPatch{Description: Null[string](), Name: ptr("n")}}); err != nil {
		t.Fatal(err)
	}
	if !impl.patched.Description.Set || !impl.patched.Description.Null || *impl.patched.Name != "n" || impl.patched.Price != nil {
		t.Fatalf("patch seen as %#v", impl.patched)
	}

	// Two variables in one path segment, binary response.
	img, err := c.GetItemImage(ctx, GetItemImageRequest{ItemID: "a b", Format: GetItemImageFormatPng})
	if i, ok := img.(GetItemImage200Response); err != nil || !ok || string(i.Body) != "image of a b as png" || i.ContentType != "image/png" {
		t.Fatalf("GetItemImage = %#v, %v", img, err)
	}

	// Multipart upload: typed parts, a file with its name and media type.
	note := "n1"
	up, err := c.Upload(ctx, UploadRequest{Body: UploadParts{File: &FilePart{Filename: "a.txt", ContentType: "text/plain", Body: strings.NewReader("hello")}, Note: &note}})
	if u, ok := up.(Upload200Response); err != nil || !ok || string(u.Body) != "stored file=hello (a.txt, text/plain)&note=n1" {
		t.Fatalf("Upload = %#v, %v", up, err)
	}

	// Binary stream in.
	if _, err := c.PutBlob(ctx, PutBlobRequest{Key: "k-1", Body: strings.NewReader("\x00\x01bytes")}); err != nil || string(impl.blob) != "\x00\x01bytes" {
		t.Fatalf("PutBlob: %v, blob %q", err, impl.blob)
	}

	// text/csv out.
	rep, err := c.SalesReport(ctx, SalesReportRequest{From: "2024-02-29"})
	if r, ok := rep.(SalesReport200Response); err != nil || !ok || !strings.Contains(string(r.Body), "2024-02-29,10") || !strings.HasPrefix(r.ContentType, "text/csv") {
		t.Fatalf("SalesReport = %#v, %v", rep, err)
	}

	// Unions: discriminator, trial decoding, primitive variant.
	pet, err := c.AddPet(ctx, AddPetRequest{Body: Pet{Dog: &Dog{PetType: "dog", Name: "Rex", GoodBoy: ptr(true)}}})
	if p, ok := pet.(AddPet200Response); err != nil || !ok || p.Body.Dog == nil || p.Body.Cat != nil || p.Body.Dog.Name != "Rex" {
		t.Fatalf("AddPet = %#v, %v", pet, err)
	}
	for _, in := range []Shape{{Square: &Square{Side: 2}}, {Circle: &Circle{Radius: 1}}, {String: ptr("blob")}} {
		sh, err := c.EchoShape(ctx, EchoShapeRequest{Body: in})
		s, ok := sh.(EchoShape200Response)
		if err != nil || !ok {
			t.Fatalf("EchoShape(%#v) = %#v, %v", in, sh, err)
		}
		want, _ := json.Marshal(in)
		back, _ := json.Marshal(s.Body)
		if string(want) != string(back) || (in.Square != nil) != (s.Body.Square != nil) {
			t.Errorf("EchoShape: sent %s, got %s", want, back)
		}
	}

	// Recursion and a 2XX range response.
	tree := TreeNode{Value: "root", Children: []TreeNode{{Value: "leaf"}}, Next: &TreeNode{Value: "sibling"}}
	tr, err := c.EchoTree(ctx, EchoTreeRequest{Body: tree})
	if tt, ok := tr.(EchoTree2XXResponse); err != nil || !ok || tt.StatusCode != 202 || tt.Body.Children[0].Value != "leaf" || tt.Body.Next.Value != "sibling" {
		t.Fatalf("EchoTree = %#v, %v", tr, err)
	}

	// Names that needed care keep their JSON names.
	names := Names{N2fa: ptr(true), Café: ptr("au lait"), FooBar: ptr("camel"), FooBar2: ptr("snake"), Type: ptr("t"), XDottedNames: ptr("d")}
	nr, err := c.EchoNames(ctx, EchoNamesRequest{Body: names})
	if n, ok := nr.(EchoNames200Response); err != nil || !ok || *n.Body.FooBar2 != "snake" || *n.Body.Café != "au lait" {
		t.Fatalf("EchoNames = %#v, %v", nr, err)
	}
	raw, _ := json.Marshal(names)
	for _, key := range []string{`"2fa":true`, `"café":"au lait"`, `"foo_bar":"snake"`, `"fooBar":"camel"`, `"x-dotted.names":"d"`} {
		if !strings.Contains(string(raw), key) {
			t.Errorf("Names JSON %s lacks %s", raw, key)
		}
	}

	// Unimplemented: 501 is not declared, so the client reports it.
	_, err = c.DeleteItemsItemID(ctx, DeleteItemsItemIDRequest{ItemID: "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69"})
	var ue *UnexpectedResponseError
	if !errors.As(err, &ue) || ue.StatusCode != 501 || !strings.Contains(string(ue.Body), "not implemented") {
		t.Fatalf("DeleteItemsItemID error = %v", err)
	}
}

// problem is the body of a problem+json answer.
type problem struct {
	Status        int            `json:"status"`
	InvalidParams []InvalidParam `json:"invalid-params"`
	Detail        string         `json:"detail"`
}

func TestInvalidRequestsNeverReachTheHandler(t *testing.T) {
	impl, srv, _ := setup(t, WithMaxBodyBytes(512))
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		in, param                             string // expected first invalid-params entry, or the detail's start
	}{
		{"below minimum", "GET", "/items?limit=0", "", "", 400, "query", "limit"},
		{"above maximum", "GET", "/items?limit=101", "", "", 400, "query", "limit"},
		{"not an integer", "GET", "/items?limit=ten", "", "", 400, "query", "limit"},
		{"bad enum", "GET", "/items?color=purple", "", "", 400, "query", "color"},
		{"bad array item", "GET", "/items?ids=1,x", "", "", 400, "query", "ids"},
		{"deepObject constraint", "GET", "/items?filter[name]=" + strings.Repeat("n", 21), "", "", 400, "query", "filter/name"},
		{"deepObject type", "GET", "/items?filter[minPrice]=cheap", "", "", 400, "query", "filter[minPrice]"},
		{"bad header format", "GET", "/items", "", "", 400, "header", "X-Request-ID"},
		{"bad path format", "GET", "/items/not-a-uuid", "", "", 400, "path", "itemId"},
		{"path pattern", "PUT", "/blobs/UPPER", "application/octet-stream", "x", 400, "path", "key"},
		{"missing required query", "GET", "/reports/sales.csv", "", "", 400, "query", "from"},
		{"missing required field", "POST", "/items", "application/json", `{"price": 1}`, 400, "body", "/name"},
		{"null required field", "POST", "/items", "application/json", `{"name": null, "price": 1}`, 400, "body", "/name"},
		{"wrong type", "POST", "/items", "application/json", `{"name": "a", "price": "cheap"}`, 400, "body", "/price"},
		{"exclusive minimum", "POST", "/items", "application/json", `{"name": "a", "price": 0}`, 400, "body", "/price"},
		{"duplicate items", "POST", "/items", "application/json", `{"name": "a", "price": 1, "tags": ["x", "x"]}`, 400, "body", "/tags"},
		{"too long", "POST", "/items", "application/json", `{"name": "` + strings.Repeat("a", 81) + `", "price": 1}`, 400, "body", "/name"},
		{"unknown property", "PATCH", "/items/0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69", "application/merge-patch+json", `{"bogus": 1}`, 400, "body", "/bogus"},
		{"bad discriminator", "POST", "/pets", "application/json", `{"petType": "fish", "name": "Nemo"}`, 400, "body", "/petType"},
		{"no discriminator", "POST", "/pets", "application/json", `{"name": "Nemo"}`, 400, "body", "/petType"},
		{"variant's own error", "POST", "/pets", "application/json", `{"name": 5, "petType": "cat"}`, 400, "body", "/name"},
		{"no union variant", "POST", "/shapes", "application/json", `{"radius": 1, "side": 2}`, 400, "body", "/"},
		{"nested required", "POST", "/trees", "application/json", `{"value": "r", "children": [{"value": "a"}, {}]}`, 400, "body", "/children/1/value"},
		{"malformed JSON", "POST", "/items", "application/json", `{"name": `, 400, "", ""},
		{"missing body", "POST", "/items", "", "", 400, "", ""},
		{"oversized body", "POST", "/items", "application/json", `{"name": "` + strings.Repeat("a", 600) + `"}`, 413, "", ""},
		{"undeclared media type", "POST", "/items", "text/plain", "name=a", 415, "", ""},
		{"form missing required", "POST", "/items", "application/x-www-form-urlencoded", "name=a", 400, "body", "/price"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := impl.calls
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			if tc.name == "bad header format" {
				req.Header.Set("X-Request-ID", "nope")
			}
			res, err := http.DefaultClient.Do(withCredentials(req))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var p problem
			body, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(body, &p); err != nil || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("not a problem+json answer: %s %s", res.Header.Get("Content-Type"), body)
			}
			if res.StatusCode != tc.status || p.Status != tc.status {
				t.Fatalf("status %d (body %d), want %d: %s", res.StatusCode, p.Status, tc.status, body)
			}
			// Operations declaring a Problem response answer in its schema,
			// which has no invalid-params: there the detail names the value.
			named := len(p.InvalidParams) > 0 && p.InvalidParams[0].In == tc.in && p.InvalidParams[0].Name == tc.param ||
				len(p.InvalidParams) == 0 && strings.HasPrefix(p.Detail, tc.in+" "+tc.param+": ")
			if tc.param != "" && !named {
				t.Fatalf("invalid-params = %+v, detail %q, want %s %s: %s", p.InvalidParams, p.Detail, tc.in, tc.param, body)
			}
			if impl.calls != before {
				t.Fatalf("the handler was called")
			}
		})
	}
}

func TestValidFormBodyAndServerRobustness(t *testing.T) {
	impl, srv, c := setup(t)
	form := url.Values{"name": {"a"}, "price": {"2.5"}, "tags": {"x", "y"}}
	req, _ := http.NewRequest("POST", srv.URL+"/items", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(withCredentials(req))
	if err != nil {
		t.Fatal(err)
	}
	var it Item
	json.NewDecoder(res.Body).Decode(&it)
	res.Body.Close()
	if res.StatusCode != 201 || it.Name != "a" || it.Price != 2.5 || len(it.Tags) != 2 {
		t.Fatalf("form create: %d %#v", res.StatusCode, it)
	}

	// A panicking handler is a 500 problem, and the server keeps serving.
	// listItems declares a default response, so the 500 arrives as one.
	resp, err := c.ListItems(context.Background(), ListItemsRequest{Limit: 98})
	if d, ok := resp.(ListItemsDefaultResponse); err != nil || !ok || d.StatusCode != 500 || d.Body.Status != 500 {
		t.Fatalf("panic answered %#v, %v", resp, err)
	}
	if _, err := c.ListItems(context.Background(), ListItemsRequest{}); err != nil {
		t.Fatalf("after a panic: %v", err)
	}

	// Unknown paths and methods.
	for path, want := range map[string]int{"/nowhere": 404, "/items/0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69/image.png/x": 404} {
		res, err := http.Get(srv.URL + path)
		if err != nil || res.StatusCode != want {
			t.Errorf("GET %s = %v, %v; want %d", path, res.StatusCode, err, want)
		}
	}
	req, _ = http.NewRequest("PUT", srv.URL+"/items", nil)
	res, err = http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 405 || !strings.Contains(res.Header.Get("Allow"), "POST") {
		t.Errorf("PUT /items = %v %v, want 405 with Allow", res.StatusCode, res.Header.Get("Allow"))
	}
	_ = impl
}

func TestSecuritySchemesAreSent(t *testing.T) {
	seen := make(chan http.Header, 4)
	mw := WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := r.Header.Clone()
			h.Set("X-Query", r.URL.RawQuery)
			seen <- h
			next.ServeHTTP(w, r)
		})
	})
	_, _, c := setup(t, mw)
	ctx := context.Background()
	c.ListItems(ctx, ListItemsRequest{})
	if h := <-seen; h.Get("Authorization") != "Bearer tok" {
		t.Errorf("global bearer: Authorization = %q", h.Get("Authorization"))
	}
	c.DeleteItemsItemID(ctx, DeleteItemsItemIDRequest{ItemID: "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69"})
	if h := <-seen; h.Get("Authorization") != "" {
		t.Errorf("security: [] still sent Authorization %q", h.Get("Authorization"))
	}
	c.Upload(ctx, UploadRequest{})
	if h := <-seen; h.Get("X-API-Key") != "key" || strings.Contains(h.Get("X-Query"), "api_key") {
		t.Errorf("first satisfiable alternative: X-API-Key=%q query=%q", h.Get("X-API-Key"), h.Get("X-Query"))
	}
	c.PutBlob(ctx, PutBlobRequest{Key: "k", Body: strings.NewReader("x")})
	if h := <-seen; !strings.Contains(h.Get("Cookie"), "token=cookie-token") {
		t.Errorf("cookie API key: Cookie = %q", h.Get("Cookie"))
	}
}

// syncBuffer is a log destination the server's goroutines write while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// take returns what was logged since the last call.
func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

func TestServerLogsPanicsAndHandlerErrors(t *testing.T) {
	var log syncBuffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	panicky := WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Panic") != "" {
				panic("middleware boom")
			}
			next.ServeHTTP(w, r)
		})
	})
	_, srv, c := setup(t, WithLogger(logger), panicky)
	ctx := context.Background()

	// A handler's panic: one 500 and one log record with the value and the
	// stack, though the middleware's recovery is there too.
	if resp, err := c.ListItems(ctx, ListItemsRequest{Limit: 98}); err != nil || resp.(ListItemsDefaultResponse).StatusCode != 500 {
		t.Fatalf("panic answered %#v, %v", resp, err)
	}
	got := log.take()
	if strings.Count(got, "handler panic") != 1 || !strings.Contains(got, "panic=boom") || !strings.Contains(got, "method=GET path=/items") || !strings.Contains(got, "runtime/debug.Stack") {
		t.Errorf("handler panic logged as:\n%s", got)
	}

	// A handler's error: the client sees 501 without its text, the log has it.
	if _, err := c.DeleteItemsItemID(ctx, DeleteItemsItemIDRequest{ItemID: "0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69"}); err == nil {
		t.Fatal("unimplemented operation answered without an error")
	}
	if got := log.take(); !strings.Contains(got, "level=ERROR msg=\"handler error\" method=DELETE path=/items/0b4f9c3e-6a5b-4e1a-9a7d-2f1e3c4b5a69") || !strings.Contains(got, "is not implemented") {
		t.Errorf("handler error logged as:\n%s", got)
	}

	// A panic in middleware answers 500 instead of resetting the connection.
	req, _ := http.NewRequest("GET", srv.URL+"/items", nil)
	req.Header.Set("X-Panic", "1")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("middleware panic: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 500 || res.Header.Get("Content-Type") != "application/problem+json" || !bytes.Contains(body, []byte(`"status":500`)) {
		t.Errorf("middleware panic answered %d %q %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if got := log.take(); !strings.Contains(got, "panic=\"middleware boom\"") {
		t.Errorf("middleware panic logged as:\n%s", got)
	}

	// Requests the contract refuses are the client's fault: not logged.
	res, err = getWithCredentials(srv.URL + "/items?limit=abc")
	if err != nil || res.StatusCode != 400 {
		t.Fatalf("invalid request: %v %v", res, err)
	}
	res.Body.Close()
	if got := log.take(); got != "" {
		t.Errorf("an invalid request was logged:\n%s", got)
	}
}

func TestServerLogsToSlogDefault(t *testing.T) {
	var log syncBuffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	_, _, c := setup(t)
	if resp, err := c.ListItems(context.Background(), ListItemsRequest{Limit: 98}); err != nil || resp.(ListItemsDefaultResponse).StatusCode != 500 {
		t.Fatalf("panic answered %#v, %v", resp, err)
	}
	if got := log.take(); !strings.Contains(got, "handler panic") || !strings.Contains(got, "panic=boom") {
		t.Errorf("slog.Default got:\n%s", got)
	}
}

// TestNilSliceIsAnEmptyArray: a handler's nil slice for a non-nullable array
// is sent as [], which the contract (and the generated client) accepts; null
// is not an array.
func TestNilSliceIsAnEmptyArray(t *testing.T) {
	_, srv, c := setup(t)
	res, err := getWithCredentials(srv.URL + "/items?limit=97")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != "[]" {
		t.Errorf("nil slice answered %d %s, want 200 []", res.StatusCode, body)
	}
	resp, err := c.ListItems(context.Background(), ListItemsRequest{Limit: 97})
	if ok, isOK := resp.(ListItems200Response); err != nil || !isOK || ok.Body == nil || len(ok.Body) != 0 {
		t.Errorf("client read %#v, %v; want an empty list", resp, err)
	}
}
