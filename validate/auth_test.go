package validate

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/internal/fixture"
)

// guard serves the conforming pet store to requests ok accepts and
// answers the others 401.
func guard(ok func(*http.Request) bool) http.Handler {
	store := fixture.Handler(fixture.Conforming)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ok(r) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"type":"about:blank","title":"Unauthorized","status":401}`)
			return
		}
		q := r.URL.Query()
		q.Del("api_key")
		r.URL.RawQuery = q.Encode()
		store.ServeHTTP(w, r)
	})
}

// TestAuthFromContract: --auth puts each kind of credential where the
// contract's scheme says; a guarded conforming service then answers
// every operation with a 2xx and refuses the ignored-auth probes, and
// no report shows the secret.
func TestAuthFromContract(t *testing.T) {
	var mu sync.Mutex
	issued := map[string]bool{}
	fetches := 0
	for _, tc := range []struct {
		name, value string
		scheme      *openapi3.SecurityScheme
		ok          func(*http.Request) bool
	}{
		{"bearer", "tok-s3cret", openapi3.NewJWTSecurityScheme(), func(r *http.Request) bool { return r.Header.Get("Authorization") == "Bearer tok-s3cret" }},
		{"basic", "ci:pa55word", &openapi3.SecurityScheme{Type: "http", Scheme: "basic"}, func(r *http.Request) bool {
			return r.Header.Get("Authorization") == "Basic "+base64.StdEncoding.EncodeToString([]byte("ci:pa55word"))
		}},
		{"query key", "k3y-s3cret", &openapi3.SecurityScheme{Type: "apiKey", In: "query", Name: "api_key"}, func(r *http.Request) bool { return r.URL.Query().Get("api_key") == "k3y-s3cret" }},
		{"cookie key", "c00kie-s3cret", &openapi3.SecurityScheme{Type: "apiKey", In: "cookie", Name: "sid"}, func(r *http.Request) bool {
			c, err := r.Cookie("sid")
			return err == nil && c.Value == "c00kie-s3cret"
		}},
		{"oauth", "client:cl1ent-s3cret", &openapi3.SecurityScheme{Type: "oauth2", Flows: &openapi3.OAuthFlows{ClientCredentials: &openapi3.OAuthFlow{TokenURL: "/token", Scopes: map[string]string{}}}},
			func(r *http.Request) bool {
				mu.Lock()
				defer mu.Unlock()
				tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
				return ok && issued[tok]
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := contract.Load(petstore, contract.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			doc.T.Components.SecuritySchemes = openapi3.SecuritySchemes{"s": {Value: tc.scheme}}
			doc.T.Security = openapi3.SecurityRequirements{{"s": {}}}
			m, err := contract.Build(doc)
			if err != nil {
				t.Fatal(err)
			}
			mux := http.NewServeMux()
			mux.Handle("/", guard(tc.ok))
			mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
				if id, secret, _ := r.BasicAuth(); id != "client" || secret != "cl1ent-s3cret" {
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				mu.Lock()
				fetches++
				tok := fmt.Sprintf("issued-%d", fetches)
				issued[tok] = true
				mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				// Expires at once: every request needs a fresh token.
				fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":1}`, tok)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: time.Second, MaxCases: 12,
				Auth: map[string]string{"s": tc.value}})
			if err != nil {
				t.Fatal(err)
			}
			out := text(rep)
			if rep.Findings() != 0 {
				t.Fatalf("findings with working credentials:\n%s", out)
			}
			if _, ran := rep.Operations[0].Checks[CheckIgnoredAuth]; !ran {
				t.Errorf("ignored-auth did not run:\n%s", out)
			}
			for _, op := range rep.Operations {
				if op.Coverage.Reach != Reached {
					t.Errorf("%s: %s", op.ID, op.Coverage.Reach)
				}
			}
			_, secret, _ := strings.Cut(tc.value, ":")
			if secret == "" {
				secret = tc.value
			}
			js, _ := json.Marshal(rep)
			if strings.Contains(out+string(js), secret) {
				t.Errorf("the secret %q is in a report", secret)
			}
		})
	}
	if fetches < 2 {
		t.Errorf("the OAuth2 token was fetched %d times; an expired one must be fetched again", fetches)
	}
}
