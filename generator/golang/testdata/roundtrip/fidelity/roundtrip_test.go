package api

// This file is copied next to the code generated from
// testdata/roundtrip/fidelity/openapi.yaml by TestFidelityRoundTrip: the
// generated server does what the contract says.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

type widgets struct {
	Unimplemented
	mu      sync.Mutex
	calls   int
	list    ListWidgetsRequest
	created Widget
}

func (h *widgets) ListWidgets(_ context.Context, req ListWidgetsRequest) (ListWidgetsResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.list = req
	return ListWidgets200Response{Body: []Widget{{ID: 1, Name: "a", Secret: "s1"}}}, nil
}

func (h *widgets) CreateWidget(_ context.Context, req CreateWidgetRequest) (CreateWidgetResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.created = req.Body
	w := req.Body
	w.ID = 7
	return CreateWidget201Response{Body: w}, nil
}

func (h *widgets) GetWidget(_ context.Context, req GetWidgetRequest) (GetWidgetResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	if req.ID == "buggy" {
		return GetWidget200Response{Body: Widget{ID: 2, Name: ""}}, nil // name has minLength 1
	}
	return GetWidget200Response{Body: Widget{ID: 2, Name: "b", Secret: "hidden"}}, nil
}

func serve(t *testing.T, h Handler, opts ...ServerOption) *httptest.Server {
	opts = append(opts, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	srv := httptest.NewServer(NewServer(h, opts...))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// TestOwnErrorsFollowTheContract: the server's own answers use the
// operation's declared response for the status (exact code, 4XX,
// default) in its media type, with code and message filled in;
// problem+json only where nothing is declared.
func TestOwnErrorsFollowTheContract(t *testing.T) {
	h := &widgets{}
	srv := serve(t, h, WithMaxBodyBytes(64))
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		media                                 string
		message                               string // start of the message property ("" for problem+json)
	}{
		{"400 by 4XX", "GET", "/widgets?limit=0", "", "", 400, "application/json", "query limit: must be at least 1"},
		{"400 exact", "POST", "/widgets", "application/json", `{"name": ""}`, 400, "application/json", "body /name: must be at least 1"},
		{"415 by default", "POST", "/widgets", "text/plain", "x", 415, "application/vnd.error+json", "Content-Type must be one of: application/json"},
		{"413 by default", "POST", "/widgets", "application/json", `{"name": "` + strings.Repeat("n", 80) + `"}`, 413, "application/vnd.error+json", "request body is larger than 64 bytes"},
		{"405 by the path's 4XX", "DELETE", "/widgets", "", "", 405, "application/json", "method DELETE is not declared for this path"},
		{"404 without operation", "GET", "/nowhere", "", "", 404, "application/problem+json", ""},
		{"400 undeclared", "POST", "/plain", "application/json", `{"width": "wide"}`, 400, "application/problem+json", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := h.calls
			res, body := do(t, tc.method, srv.URL+tc.path, tc.contentType, tc.body)
			if res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.media {
				t.Fatalf("got %d %s, want %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.media, body)
			}
			if h.calls != before {
				t.Fatal("the handler was called")
			}
			if tc.message == "" {
				var p ProblemDetails
				if err := json.Unmarshal(body, &p); err != nil || p.Status != tc.status {
					t.Fatalf("not a problem for %d: %s", tc.status, body)
				}
				return
			}
			var e Error
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("not the declared Error: %v: %s", err, body)
			}
			if e.Code != int32(tc.status) || !strings.HasPrefix(e.Message, tc.message) {
				t.Fatalf("Error = %+v, want code %d, message %q…", e, tc.status, tc.message)
			}
			if err := e.Validate(); err != nil {
				t.Fatalf("the answer breaks its own schema: %v", err)
			}
		})
	}
}

// TestCustomErrorHandlerStays: WithErrorHandler still writes every error.
func TestCustomErrorHandlerStays(t *testing.T) {
	srv := serve(t, &widgets{}, WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		var re *RequestError
		if errors.As(err, &re) {
			w.WriteHeader(re.Status)
			w.Write([]byte("custom"))
		}
	}))
	res, body := do(t, "GET", srv.URL+"/widgets?limit=0", "", "")
	if res.StatusCode != 400 || string(body) != "custom" {
		t.Fatalf("got %d %s, want the custom 400", res.StatusCode, body)
	}
}

// TestDefaultsReachTheHandler: parameter and body defaults, nested too,
// are set before the handler runs; what was sent is kept.
func TestDefaultsReachTheHandler(t *testing.T) {
	h := &widgets{}
	srv := serve(t, h)
	do(t, "GET", srv.URL+"/widgets", "", "")
	if h.list.Limit != 20 || h.list.Sort != ListWidgetsSortName || h.list.Verbose == nil || !*h.list.Verbose {
		t.Fatalf("handler saw %+v, want limit 20, sort name, verbose true", h.list)
	}
	do(t, "GET", srv.URL+"/widgets?limit=5&verbose=false", "", "")
	if h.list.Limit != 5 || *h.list.Verbose {
		t.Fatalf("handler saw %+v, want what was sent", h.list)
	}
	res, body := do(t, "POST", srv.URL+"/widgets", "application/json", `{"name": "n", "secret": "s", "size": {"width": 2}}`)
	if res.StatusCode != 201 {
		t.Fatalf("got %d: %s", res.StatusCode, body)
	}
	w := h.created
	if w.Color == nil || *w.Color != "blue" || w.Count == nil || *w.Count != 3 || w.Size.Unit == nil || *w.Size.Unit != DimensionsUnitCm {
		t.Fatalf("handler saw %+v, want the defaults", w)
	}

	// The client sends only what it was given: a zero limit is "not given".
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListWidgets(context.Background(), ListWidgetsRequest{Sort: ListWidgetsSortCreated}); err != nil {
		t.Fatal(err)
	}
	if h.list.Limit != 20 || h.list.Sort != ListWidgetsSortCreated {
		t.Fatalf("handler saw %+v after the client call", h.list)
	}
}

// TestReadOnlyAndWriteOnly: a readOnly property in a request is refused
// (or dropped on request), a required readOnly one need not be sent, and
// a writeOnly one never leaves the server.
func TestReadOnlyAndWriteOnly(t *testing.T) {
	h := &widgets{}
	srv := serve(t, h)
	before := h.calls
	res, body := do(t, "POST", srv.URL+"/widgets", "application/json", `{"id": 5, "name": "n", "secret": "s"}`)
	var e Error
	json.Unmarshal(body, &e)
	if res.StatusCode != 400 || e.Message != "body /id: is read-only: the server sets it, requests leave it out" || h.calls != before {
		t.Fatalf("got %d %s, want 400 naming /id before the handler", res.StatusCode, body)
	}

	dropping := serve(t, h, WithReadOnlyDropped())
	res, body = do(t, "POST", dropping.URL+"/widgets", "application/json", `{"id": 5, "name": "n", "secret": "s"}`)
	if res.StatusCode != 201 || h.created.ID != 0 || h.created.Secret != "s" {
		t.Fatalf("got %d %s, handler saw %+v: want id dropped", res.StatusCode, body, h.created)
	}
	if bytes.Contains(body, []byte("secret")) || !bytes.Contains(body, []byte(`"id":7`)) {
		t.Fatalf("response %s: want id, no secret", body)
	}
	for _, path := range []string{"/widgets", "/widgets/x"} {
		_, body := do(t, "GET", srv.URL+path, "", "")
		if bytes.Contains(body, []byte("secret")) || bytes.Contains(body, []byte("hidden")) {
			t.Fatalf("GET %s answered a writeOnly property: %s", path, body)
		}
	}
	// The generated client leaves the required readOnly id out of its
	// request, set or not: the server that refuses readOnly properties
	// admits what the client sends.
	c, _ := NewClient(srv.URL)
	for _, id := range []int64{0, 9} {
		created, err := c.CreateWidget(context.Background(), CreateWidgetRequest{Body: Widget{ID: id, Name: "n", Secret: "s"}})
		if err != nil {
			t.Fatalf("client create (id %d): %v", id, err)
		}
		if w, ok := created.(CreateWidget201Response); !ok || w.Body.ID != 7 || h.created.ID != 0 || h.created.Secret != "s" {
			t.Fatalf("client create (id %d): %#v, handler saw %+v", id, created, h.created)
		}
	}
	// The generated client reads a response without the required writeOnly property.
	got, err := c.GetWidget(context.Background(), GetWidgetRequest{ID: "x"})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	if w := got.(GetWidget200Response).Body; w.Name != "b" || w.Secret != "" {
		t.Fatalf("client read %+v", w)
	}
}

// TestResponseValidation: a handler bug is caught on both sides when asked.
func TestResponseValidation(t *testing.T) {
	h := &widgets{}
	off := serve(t, h)
	if res, _ := do(t, "GET", off.URL+"/widgets/buggy", "", ""); res.StatusCode != 200 {
		t.Fatalf("without validation: %d, want the handler's 200", res.StatusCode)
	}
	var logged bytes.Buffer
	logging := httptest.NewServer(NewServer(h, WithResponseValidation(ResponseValidationLog), WithLogger(slog.New(slog.NewTextHandler(&logged, nil)))))
	defer logging.Close()
	if res, _ := do(t, "GET", logging.URL+"/widgets/buggy", "", ""); res.StatusCode != 200 || !strings.Contains(logged.String(), "/name: must be at least 1 characters long") {
		t.Fatalf("log mode: %d, log %q", res.StatusCode, logged.String())
	}
	rejecting := serve(t, h, WithResponseValidation(ResponseValidationReject))
	if res, body := do(t, "GET", rejecting.URL+"/widgets/buggy", "", ""); res.StatusCode != 500 {
		t.Fatalf("reject mode: %d %s, want 500", res.StatusCode, body)
	}
	if res, _ := do(t, "GET", rejecting.URL+"/widgets/fine", "", ""); res.StatusCode != 200 {
		t.Fatalf("reject mode refused a valid response: %d", res.StatusCode)
	}

	c, _ := NewClient(off.URL, WithResponseChecks())
	_, err := c.GetWidget(context.Background(), GetWidgetRequest{ID: "buggy"})
	var rve *ResponseValidationError
	if !errors.As(err, &rve) || rve.Pointer != "/name" || rve.StatusCode != 200 || rve.Operation != "getWidget" {
		t.Fatalf("client error = %v, want a ResponseValidationError at /name", err)
	}
	plain, _ := NewClient(off.URL)
	if _, err := plain.GetWidget(context.Background(), GetWidgetRequest{ID: "buggy"}); err != nil {
		t.Fatalf("without checks the client returns the body: %v", err)
	}
}
