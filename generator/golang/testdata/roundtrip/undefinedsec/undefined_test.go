package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/gen/open"
)

// service counts the handler calls: a refused request must never reach it.
type service struct{ calls int }

func (s *service) GetTypo(ctx context.Context, _ GetTypoRequest) (GetTypoResponse, error) {
	s.calls++
	return GetTypo200Response{Body: "served"}, nil
}

func (s *service) GetEither(ctx context.Context, _ GetEitherRequest) (GetEitherResponse, error) {
	s.calls++
	return GetEither200Response{Body: "served"}, nil
}

// keys accepts the key "good" and records its calls.
type keys struct{ calls int }

func (k *keys) HandleKey(ctx context.Context, op OperationInfo, scopes []string, key string) (context.Context, error) {
	k.calls++
	if key != "good" {
		return nil, errors.New("unknown key")
	}
	return ctx, nil
}

func get(t *testing.T, h http.Handler, target string, header map[string]string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestUndefinedSchemeFailsClosed: an operation whose every requirement names
// an undefined scheme answers 401 whatever the request carries, before the
// handler and without asking the SecurityHandler; an undefined alternative
// beside a defined one leaves the defined one working.
func TestUndefinedSchemeFailsClosed(t *testing.T) {
	svc, k := &service{}, &keys{}
	h := NewServer(svc, k)
	for _, tc := range []struct {
		target  string
		header  map[string]string
		status  int
		handler int
		checks  int
	}{
		{"/typo", nil, 401, 0, 0},
		{"/typo", map[string]string{"Authorization": "Bearer anything", "X-Key": "good"}, 401, 0, 0},
		{"/either", nil, 401, 0, 0},
		{"/either", map[string]string{"X-Key": "bad"}, 401, 0, 1},
		{"/either", map[string]string{"X-Key": "good"}, 200, 1, 1},
	} {
		svc.calls, k.calls = 0, 0
		status, body := get(t, h, tc.target, tc.header)
		if status != tc.status || svc.calls != tc.handler || k.calls != tc.checks {
			t.Errorf("GET %s %v: status %d (body %s), handler calls %d, key checks %d; want %d, %d, %d",
				tc.target, tc.header, status, body, svc.calls, k.calls, tc.status, tc.handler, tc.checks)
		}
	}
}

type openService struct{ calls int }

func (s *openService) GetThing(ctx context.Context, _ open.GetThingRequest) (open.GetThingResponse, error) {
	s.calls++
	return open.GetThing200Response{Body: "served"}, nil
}

func (s *openService) GetOpen(ctx context.Context, _ open.GetOpenRequest) (open.GetOpenResponse, error) {
	s.calls++
	return open.GetOpen200Response{Body: "served"}, nil
}

// TestNoSchemesFailsClosed: a contract that defines no scheme at all but
// requires one at its root gets a server without a SecurityHandler that
// still refuses the covered operations, and serves the public one.
func TestNoSchemesFailsClosed(t *testing.T) {
	svc := &openService{}
	h := open.NewServer(svc)
	if status, body := get(t, h, "/thing", map[string]string{"Authorization": "Bearer x"}); status != 401 || svc.calls != 0 {
		t.Errorf("GET /thing: %d %s, handler calls %d; want 401 and none", status, body, svc.calls)
	}
	if status, body := get(t, h, "/open", nil); status != 200 || svc.calls != 1 {
		t.Errorf("GET /open: %d %s, handler calls %d; want 200 and one", status, body, svc.calls)
	}
}
