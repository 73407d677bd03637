package api

// This file is copied next to the code generated from
// testdata/contracts/respheaders/openapi.yaml by TestRespHeadersRoundTrip:
// declared response headers are checked by the generated server under
// WithResponseValidation and by the generated client under
// WithResponseChecks, and their typed values round-trip.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

type items struct{ Unimplemented }

func ptr[T any](v T) *T { return &v }

// GetItem answers by id: "ok" keeps the contract, the others break it in
// one header each.
func (items) GetItem(_ context.Context, req GetItemRequest) (GetItemResponse, error) {
	ok := GetItem200Response{Body: GetItem200{Name: "n"}, XRequestID: "req-1", XRateRemaining: 42, XTags: []string{"a", "b c"}, XCodes: []int64{1, 2}, XTier: ptr(GetItem200XTierPro), XScore: ptr(0.5),
		XWindow: Window{From: 1, To: 5}, XLimits: &GetItem200XLimits{Burst: 5, Plan: ptr("pro")}, XCounts: map[string]int64{"b": 2, "a": 1}, XPairs: ptr("[raw]")}
	switch req.ID {
	case "missing":
		ok.XRequestID = ""
	case "pattern":
		ok.XRequestID = "Not Lower"
	case "range":
		ok.XRateRemaining = 500
	case "enum":
		ok.XTier = ptr(GetItem200XTier("gold"))
	case "notags":
		ok.XTags = nil
	case "codes":
		ok.XCodes = []int64{1, 2, 3, 4}
	case "nocodes":
		ok.XCodes = nil
	case "body":
		ok.Body.Name = ""
	case "window":
		ok.XWindow.From = -1
	case "limits":
		ok.XLimits.Burst = 0
	case "counts":
		ok.XCounts["a"] = -1
	case "nolimits":
		ok.XLimits, ok.XCounts, ok.XPairs = nil, nil, nil
	case "gone":
		return GetItem204Response{}, nil
	case "moved":
		return GetItem204Response{Location: "/items/new"}, nil
	}
	return ok, nil
}

func quiet() ServerOption { return WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))) }

// TestHeadersRoundTrip: the typed values a handler sets are the values the
// client reads, checks on.
func TestHeadersRoundTrip(t *testing.T) {
	srv := httptest.NewServer(NewServer(items{}, WithResponseValidation(ResponseValidationReject), quiet()))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithResponseChecks())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.GetItem(context.Background(), GetItemRequest{ID: "ok"})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := resp.(GetItem200Response)
	if !ok || got.XRequestID != "req-1" || got.XRateRemaining != 42 || !reflect.DeepEqual(got.XTags, []string{"a", "b c"}) || !reflect.DeepEqual(got.XCodes, []int64{1, 2}) ||
		got.XTier == nil || *got.XTier != GetItem200XTierPro || got.XScore == nil || *got.XScore != 0.5 || got.Body.Name != "n" ||
		!reflect.DeepEqual(got.XWindow, Window{From: 1, To: 5}) || !reflect.DeepEqual(got.XLimits, &GetItem200XLimits{Burst: 5, Plan: ptr("pro")}) ||
		!reflect.DeepEqual(got.XCounts, map[string]int64{"a": 1, "b": 2}) || got.XPairs == nil || *got.XPairs != "[raw]" {
		t.Fatalf("got %#v", resp)
	}
	resp, err = c.GetItem(context.Background(), GetItemRequest{ID: "nolimits"})
	if got, ok := resp.(GetItem200Response); err != nil || !ok || got.XLimits != nil || got.XCounts != nil || got.XPairs != nil {
		t.Fatalf("nolimits: %#v, %v", resp, err)
	}
	resp, err = c.GetItem(context.Background(), GetItemRequest{ID: "moved"})
	if got, ok := resp.(GetItem204Response); err != nil || !ok || got.Location != "/items/new" {
		t.Fatalf("moved: %#v, %v", resp, err)
	}
}

// TestObjectHeadersOnTheWire: object and map headers travel in style
// simple, exploded as declared (a,1,b,2 / a=1,b=2), properties in schema
// order, map keys sorted; unset optional properties left out.
func TestObjectHeadersOnTheWire(t *testing.T) {
	srv := httptest.NewServer(NewServer(items{}, quiet()))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/items/ok")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for name, want := range map[string]string{"X-Window": "from,1,to,5", "X-Limits": "burst=5,plan=pro", "X-Counts": "a,1,b,2", "X-Pairs": "[raw]"} {
		if got := res.Header.Get(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestServerChecksHeaders: under ResponseValidationReject a header that
// breaks the contract becomes a 500 carrying none of the handler's headers;
// under ResponseValidationLog it is logged, naming the header, and sent.
func TestServerChecksHeaders(t *testing.T) {
	rejecting := httptest.NewServer(NewServer(items{}, WithResponseValidation(ResponseValidationReject), quiet()))
	defer rejecting.Close()
	var logged bytes.Buffer
	logging := httptest.NewServer(NewServer(items{}, WithResponseValidation(ResponseValidationLog), WithLogger(slog.New(slog.NewTextHandler(&logged, nil)))))
	defer logging.Close()
	for _, tc := range []struct{ id, log string }{
		{"missing", `response header \"X-Request-Id\": is required but missing`},
		{"pattern", `response header \"X-Request-Id\": must match`},
		{"range", `response header \"X-Rate-Remaining\": must be at most 100`},
		{"enum", `response header \"X-Tier\": `},
		{"notags", `response header \"X-Tags\": is required but missing`},
		{"gone", `response header \"Location\": is required but missing`},
		{"codes", `response header \"X-Codes\": must have at most 3 items`},
		{"body", `must be at least 1 characters long`},
		{"window", `response header \"X-Window\": `},
		{"limits", `response header \"X-Limits\": `},
		{"counts", `response header \"X-Counts\": `},
	} {
		res, err := http.Get(rejecting.URL + "/items/" + tc.id)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 500 || res.Header.Get("X-Rate-Remaining") != "" || res.Header.Get("X-Tier") != "" {
			t.Errorf("%s: reject mode answered %d with headers %v, want a bare 500", tc.id, res.StatusCode, res.Header)
		}
		logged.Reset()
		res, err = http.Get(logging.URL + "/items/" + tc.id)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 500 || !strings.Contains(logged.String(), tc.log) {
			t.Errorf("%s: log mode answered %d, logged %s; want it sent and %s logged", tc.id, res.StatusCode, logged.String(), tc.log)
		}
	}
	for _, id := range []string{"ok", "moved", "nocodes", "nolimits"} {
		res, err := http.Get(rejecting.URL + "/items/" + id)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode >= 300 {
			t.Errorf("%s: a valid response refused: %d", id, res.StatusCode)
		}
	}
}

// TestClientChecksHeaders: a client with WithResponseChecks returns a
// *ResponseValidationError naming the header; without, it returns the
// response as received.
func TestClientChecksHeaders(t *testing.T) {
	srv := httptest.NewServer(NewServer(items{}, quiet()))
	defer srv.Close()
	checking, _ := NewClient(srv.URL, WithResponseChecks())
	plain, _ := NewClient(srv.URL)
	for _, tc := range []struct{ id, header, pointer, message string }{
		{"missing", "X-Request-Id", "", "is required but missing"},
		{"pattern", "X-Request-Id", "", `must match the pattern "^[a-z0-9-]+$"`},
		{"range", "X-Rate-Remaining", "", "must be at most 100"},
		{"enum", "X-Tier", "", ""},
		{"notags", "X-Tags", "", "is required but missing"},
		{"gone", "Location", "", "is required but missing"},
		{"codes", "X-Codes", "", "must have at most 3 items"},
		{"body", "", "/name", "must be at least 1 characters long"},
		{"window", "X-Window", "/from", "must be at least 0"},
		{"limits", "X-Limits", "/burst", "must be at least 1"},
		{"counts", "X-Counts", "/a", "must be at least 0"},
	} {
		_, err := checking.GetItem(context.Background(), GetItemRequest{ID: tc.id})
		var rve *ResponseValidationError
		if !errors.As(err, &rve) || rve.Header != tc.header || rve.Pointer != tc.pointer || rve.Operation != "getItem" ||
			!strings.Contains(rve.Message, tc.message) || tc.header != "" && !strings.Contains(err.Error(), `header "`+tc.header+`"`) {
			t.Errorf("%s: error %v (%#v), want header %q pointer %q message %q", tc.id, err, rve, tc.header, tc.pointer, tc.message)
		}
		if _, err := plain.GetItem(context.Background(), GetItemRequest{ID: tc.id}); err != nil {
			t.Errorf("%s: without checks: %v", tc.id, err)
		}
	}
}

// TestClientMalformedHeader: a header value that is not of its schema's
// type (a scalar, an item of a list, an object's property or shape) is an
// error naming the header, checks on or off, as a body that does not decode
// is; spaces around a list's commas are allowed.
func TestClientMalformedHeader(t *testing.T) {
	// Per item id, the header the server breaks, its value and the error.
	malformed := map[string]struct{ header, value, want string }{
		"rate":       {"X-Rate-Remaining", "many", `response header "X-Rate-Remaining" must be an integer`},
		"codes":      {"X-Codes", "1, x", `response header "X-Codes" must be an integer`},
		"window":     {"X-Window", "from,1,to", `response header "X-Window" must be names and values separated by commas`},
		"from":       {"X-Window", "to,1", `response header "X-Window" property "from" is required`},
		"limits":     {"X-Limits", "burst=x", `response header "X-Limits" property "burst" must be an integer`},
		"limitpairs": {"X-Limits", "burst", `response header "X-Limits" must be name=value pairs separated by commas`},
		"counts":     {"X-Counts", "a,one", `response header "X-Counts" has a value that must be an integer`},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		w.Header().Set("X-Tags", "a")
		w.Header().Set("X-Rate-Remaining", "1")
		w.Header().Set("X-Codes", "1, 2")
		w.Header().Set("X-Window", "from, 1, to, 2")
		if m, ok := malformed[strings.TrimPrefix(r.URL.Path, "/items/")]; ok {
			w.Header().Set(m.header, m.value)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"name":"n"}`)
	}))
	defer srv.Close()
	for _, opts := range [][]ClientOption{nil, {WithResponseChecks()}} {
		c, _ := NewClient(srv.URL, opts...)
		for id, m := range malformed {
			_, err := c.GetItem(context.Background(), GetItemRequest{ID: id})
			if err == nil || !strings.Contains(err.Error(), m.want) {
				t.Errorf("%s, checks %v: error %v, want %s", id, opts != nil, err, m.want)
			}
		}
		resp, err := c.GetItem(context.Background(), GetItemRequest{ID: "fine"})
		if got, ok := resp.(GetItem200Response); err != nil || !ok || !reflect.DeepEqual(got.XCodes, []int64{1, 2}) {
			t.Errorf("fine, checks %v: %#v, %v; want X-Codes [1 2]", opts != nil, resp, err)
		}
	}
}
