package runtime

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		template, path string
		want           map[string]string
		ok             bool
	}{
		{"/pets", "/pets", nil, true},
		{"/pets", "/pets/", nil, false},
		{"/pets/{id}", "/pets/7", map[string]string{"id": "7"}, true},
		{"/pets/{id}", "/pets/a%2Fb", map[string]string{"id": "a/b"}, true},
		{"/pets/{id}", "/pets/", nil, false},
		{"/pets/{id}", "/pets/7/toys", nil, false},
		{"/files/{name}.json", "/files/report.json", map[string]string{"name": "report"}, true},
		{"/files/{name}.json", "/files/report.xml", nil, false},
		{"/r/{a}-{b}", "/r/x-y", map[string]string{"a": "x", "b": "y"}, true},
		{"/caf\u00e9", "/caf%C3%A9", nil, true},
		{"/pets/{id}", "/pets/%zz", nil, false},
	} {
		got, ok := matchPath(tc.template, tc.path)
		if ok != tc.ok || len(got) != len(tc.want) {
			t.Errorf("matchPath(%q, %q) = %v, %v; want %v, %v", tc.template, tc.path, got, ok, tc.want, tc.ok)
			continue
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("matchPath(%q, %q)[%q] = %q, want %q", tc.template, tc.path, k, got[k], v)
			}
		}
	}
}

func TestMediaMatches(t *testing.T) {
	for _, tc := range []struct {
		mt       string
		declared []string
		want     bool
	}{
		{"application/json", []string{"application/json"}, true},
		{"application/json", []string{" Application/JSON; charset=utf-8"}, true},
		{"image/png", []string{"image/*"}, true},
		{"text/plain", []string{"image/*", "*/*"}, true},
		{"text/plain", []string{"image/*", "application/json"}, false},
		{"text/plain", nil, false},
	} {
		if got := mediaMatches(tc.mt, tc.declared...); got != tc.want {
			t.Errorf("mediaMatches(%q, %q) = %v, want %v", tc.mt, tc.declared, got, tc.want)
		}
	}
}

// TestWriteError checks the default error handler's answer to each kind of
// error: declared answers first, problem+json otherwise, and never a
// handler's or SecurityHandler's text.
func TestWriteError(t *testing.T) {
	declared := &errorTable{{status: 400, media: "application/json", body: `{"message":""}`, fills: []errorFill{{"message", nil, -1, -1}}}}
	for _, tc := range []struct {
		name       string
		err        error
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{"request error, problem", badParam("query", "limit", "is not an integer"), 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"query limit: is not an integer","invalid-params":[{"in":"query","name":"limit","reason":"is not an integer"}]}`},
		{"request error, declared", &RequestError{Status: 400, Detail: "bad", errors: declared}, 400, "application/json", `{"message":"bad"}`},
		{"not implemented", &NotImplementedError{Operation: "listPets"}, 501, "application/problem+json",
			`{"type":"about:blank","title":"Not Implemented","status":501,"detail":"operation listPets is not implemented"}`},
		{"security 401", &SecurityError{Status: 401, Operation: "op", Err: errors.New("secret reason")}, 401, "application/problem+json",
			`{"type":"about:blank","title":"Unauthorized","status":401,"detail":"the operation needs a credential it accepts"}`},
		{"security 403 wrapped", errors.Join(&SecurityError{Status: 403, Operation: "op", Err: ErrForbidden}), 403, "application/problem+json",
			`{"type":"about:blank","title":"Forbidden","status":403,"detail":"the credential does not allow the operation"}`},
		{"handler error", errors.New("db password wrong"), 500, "application/problem+json",
			`{"type":"about:blank","title":"Internal Server Error","status":500}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			writeError(rec, httptest.NewRequest("GET", "/", nil), tc.err)
			if rec.Code != tc.wantStatus || rec.Header().Get("Content-Type") != tc.wantType || rec.Body.String() != tc.wantBody {
				t.Fatalf("got %d %q %s\nwant %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body, tc.wantStatus, tc.wantType, tc.wantBody)
			}
		})
	}
}

// testServer builds a server over routes whose serve functions answer
// with the operation and its id, as NewServer does with the route table.
func testServer(opts ...ServerOption) (http.Handler, *bytes.Buffer) {
	var log bytes.Buffer
	serve := func(s *server, w http.ResponseWriter, r *http.Request, pv map[string]string) {
		if r.URL.Query().Get("panic") != "" {
			panic("boom")
		}
		op, _ := OperationFromContext(r.Context())
		io.WriteString(w, op.ID+" "+pv["id"])
	}
	routes := []route{
		{method: "GET", template: "/pets/{id}", pattern: "GET /pets/{p0}", serve: serve, op: OperationInfo{ID: "getPet"}},
		{method: "DELETE", template: "/pets/{id}", pattern: "DELETE /pets/{p0}", serve: serve, op: OperationInfo{ID: "deletePet"}},
		// Two templates of one ServeMux shape: the second is served by
		// unrouted's fallback.
		{method: "GET", template: "/docs/{id}.xml", pattern: "GET /docs/{p0}", serve: serve, op: OperationInfo{ID: "getXML"}},
		{method: "GET", template: "/docs/{id}.json", pattern: "GET /docs/{p0}", serve: serve, op: OperationInfo{ID: "getJSON"}},
	}
	s := &server{}
	opts = append([]ServerOption{WithLogger(slog.New(slog.NewTextHandler(&log, nil)))}, opts...)
	return s.setup(routes, opts), &log
}

func TestServerRouting(t *testing.T) {
	var seen []string
	h, log := testServer(WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			op, ok := OperationFromContext(r.Context())
			seen = append(seen, op.ID+":"+map[bool]string{true: "matched", false: "none"}[ok])
			next.ServeHTTP(w, r)
		})
	}))
	for _, tc := range []struct {
		method, path string
		wantStatus   int
		wantBody     string
		wantAllow    string
	}{
		{"GET", "/pets/7", 200, "getPet 7", ""},
		{"DELETE", "/pets/7", 200, "deletePet 7", ""},
		{"PUT", "/pets/7", 405, "method PUT is not declared for this path", "GET, DELETE"},
		{"GET", "/cats", 404, "no operation of the contract has this path", ""},
		{"GET", "/pets/7?panic=1", 500, `"status":500}`, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.wantStatus || !strings.Contains(rec.Body.String(), tc.wantBody) || rec.Header().Get("Allow") != tc.wantAllow {
			t.Errorf("%s %s: got %d %q Allow %q; want %d %q Allow %q", tc.method, tc.path, rec.Code, rec.Body, rec.Header().Get("Allow"), tc.wantStatus, tc.wantBody, tc.wantAllow)
		}
	}
	if want := "getPet:matched deletePet:matched :none :none getPet:matched"; strings.Join(seen, " ") != want {
		t.Errorf("middleware saw %q, want %q", strings.Join(seen, " "), want)
	}
	if !strings.Contains(log.String(), "handler panic") || !strings.Contains(log.String(), "boom") {
		t.Errorf("the panic was not logged: %s", log)
	}
}

func TestServerFallbackRoute(t *testing.T) {
	h, _ := testServer()
	for path, want := range map[string]string{
		"/docs/a.xml":  "200 getXML a",
		"/docs/b.json": "200 getJSON b",
		"/docs/c.txt":  "404 ",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		got := fmt.Sprintf("%d %s", rec.Code, rec.Body)
		if rec.Code != 200 {
			got = fmt.Sprintf("%d ", rec.Code)
		}
		if got != want {
			t.Errorf("GET %s: got %q, want %q", path, got, want)
		}
	}
}

func TestReadBody(t *testing.T) {
	s := &server{maxBody: 8}
	for _, tc := range []struct {
		name       string
		body       string
		length     int64
		wantStatus int
	}{
		{"declared length", "12345678", 8, 0},
		{"unknown length within", "1234", -1, 0},
		{"unknown length over", "123456789", -1, 413},
		{"declared over", "123456789", 9, 413},
		{"short body", "1234", 8, 400},
	} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
		r.ContentLength = tc.length
		data, rerr := s.readBody(httptest.NewRecorder(), r)
		switch {
		case tc.wantStatus == 0 && (rerr != nil || string(data) != tc.body):
			t.Errorf("%s: got %q, %v", tc.name, data, rerr)
		case tc.wantStatus != 0 && (rerr == nil || rerr.Status != tc.wantStatus):
			t.Errorf("%s: got %v, want status %d", tc.name, rerr, tc.wantStatus)
		}
	}
}
