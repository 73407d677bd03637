package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAuthorize checks the order of alternatives, the context handed from
// scheme to scheme, 403 for ErrForbidden and the WWW-Authenticate
// challenges of a 401.
func TestAuthorize(t *testing.T) {
	type ctxKey struct{}
	key := func(r *http.Request, header string) (string, error) {
		v := r.Header.Get(header)
		if v == "" {
			return "", errNoCredential
		}
		return v, nil
	}
	securitySchemes = map[string]securityScheme{
		"bearer": {challenge: `Bearer realm="api"`, check: func(_ *server, ctx context.Context, r *http.Request, _ *OperationInfo, _ []string) (context.Context, error) {
			v, err := key(r, "Authorization")
			switch {
			case err != nil:
				return nil, err
			case v == "Bearer good":
				return context.WithValue(ctx, ctxKey{}, "bearer"), nil
			case v == "Bearer reader":
				return nil, fmt.Errorf("read only: %w", ErrForbidden)
			}
			return nil, errors.New("unknown token")
		}},
		"key": {check: func(_ *server, ctx context.Context, r *http.Request, _ *OperationInfo, _ []string) (context.Context, error) {
			if _, err := key(r, "X-Key"); err != nil {
				return nil, err
			}
			return context.WithValue(ctx, ctxKey{}, fmt.Sprint(ctx.Value(ctxKey{}), "+key")), nil
		}},
		"basic": {challenge: `Basic realm="api"`, check: func(_ *server, ctx context.Context, r *http.Request, _ *OperationInfo, _ []string) (context.Context, error) {
			return nil, errNoCredential
		}},
	}
	defer func() { securitySchemes = nil }()
	op := &OperationInfo{ID: "op", Security: []SecurityRequirement{
		{{Scheme: "bearer"}, {Scheme: "key"}},
		{{Scheme: "basic"}},
	}}
	for _, tc := range []struct {
		name      string
		headers   map[string]string
		want      string // the context's value, or the error's status
		challenge string
	}{
		{"both schemes", map[string]string{"Authorization": "Bearer good", "X-Key": "k"}, "bearer+key", ""},
		{"one missing", map[string]string{"Authorization": "Bearer good"}, "401", `Bearer realm="api"|Basic realm="api"`},
		{"refused token", map[string]string{"Authorization": "Bearer bad", "X-Key": "k"}, "401", `Bearer realm="api", error="invalid_token"|Basic realm="api"`},
		{"forbidden", map[string]string{"Authorization": "Bearer reader", "X-Key": "k"}, "403", ""},
		{"nothing", nil, "401", `Bearer realm="api"|Basic realm="api"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			ctx, err := (&server{}).authorize(rec, r, op)
			var got string
			var se *SecurityError
			switch {
			case err == nil:
				got = fmt.Sprint(ctx.Value(ctxKey{}))
			case errors.As(err, &se):
				got = fmt.Sprint(se.Status)
			default:
				t.Fatalf("error %v is not a *SecurityError", err)
			}
			if challenge := strings.Join(rec.Header().Values("WWW-Authenticate"), "|"); got != tc.want || challenge != tc.challenge {
				t.Fatalf("got %s, challenge %q; want %s, %q", got, challenge, tc.want, tc.challenge)
			}
		})
	}
}

// TestServeMatchedGate checks that serveMatched runs the gate for secured
// operations only, and that a refusal carries the operation's answers.
func TestServeMatchedGate(t *testing.T) {
	declared := &errorTable{nil, {status: 401, media: "text/plain", body: "no"}}
	var gated int
	s := &server{onError: writeError, gate: func(w http.ResponseWriter, r *http.Request, op *OperationInfo) (context.Context, error) {
		gated++
		return nil, &SecurityError{Status: 401, Operation: op.ID}
	}}
	served := 0
	serve := func(*server, http.ResponseWriter, *http.Request, map[string]string) { served++ }
	for _, rt := range []*route{
		{serve: serve, op: OperationInfo{ID: "public"}},
		{serve: serve, op: OperationInfo{ID: "secured", Security: []SecurityRequirement{{{Scheme: "k"}}}}, errors: declared},
	} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r = r.WithContext(context.WithValue(r.Context(), matchedKey{}, &matchedRoute{rt: rt}))
		s.serveMatched(rec, r)
		if rt.op.ID == "secured" && (rec.Code != 401 || rec.Body.String() != "no") {
			t.Errorf("secured: got %d %q, want the declared 401", rec.Code, rec.Body)
		}
	}
	if gated != 1 || served != 1 {
		t.Errorf("gate ran %d times, operations served %d times; want 1 and 1", gated, served)
	}
}
