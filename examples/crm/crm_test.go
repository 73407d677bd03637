package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/examples/crm/auth"
	customerapi "github.com/contractfirst/toolkit/examples/crm/customer/api"
	"github.com/contractfirst/toolkit/examples/crm/store"
	userapi "github.com/contractfirst/toolkit/examples/crm/user/api"
	"github.com/contractfirst/toolkit/mock"
	"github.com/contractfirst/toolkit/validate"
)

// TestGeneratedCodeIsFresh fails when user/api or customer/api differs
// from what the contracts generate now: run go generate ./... and commit
// the result.
func TestGeneratedCodeIsFresh(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "run", "github.com/contractfirst/toolkit/cmd/toolkit", "gen", "--check").CombinedOutput()
	if err != nil {
		t.Fatalf("generated code is stale (run go generate ./...): %v\n%s", err, out)
	}
}

// testIterations keeps PBKDF2 cheap in tests; production uses
// auth.DefaultIterations.
const testIterations = 1000

// newTestServer serves the whole CRM on a loopback port.
func newTestServer(t *testing.T) *httptest.Server {
	return newWrappedServer(t, func(h http.Handler) http.Handler { return h })
}

// newWrappedServer is newTestServer with wrap around the handler.
func newWrappedServer(t *testing.T, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	signer, err := auth.NewSigner(bytes.Repeat([]byte("k"), 32), nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(wrap(newHandler(store.NewMemory(nil), signer, auth.Hasher{Iterations: testIterations}, time.Hour, log)))
	t.Cleanup(srv.Close)
	return srv
}

// account registers username and logs in, returning the token.
func account(t *testing.T, base, username, password string) string {
	t.Helper()
	ctx := context.Background()
	uc, err := userapi.NewClient(base)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := uc.RegisterUser(ctx, userapi.RegisterUserRequest{Body: userapi.NewUser{Username: username, Password: password, Email: username + "@example.com"}})
	if _, ok := reg.(userapi.RegisterUser201Response); err != nil || !ok {
		t.Fatalf("RegisterUser(%s) = %#v, %v", username, reg, err)
	}
	in, err := uc.Login(ctx, userapi.LoginRequest{Body: userapi.Credentials{Username: username, Password: password}})
	s, ok := in.(userapi.Login201Response)
	if err != nil || !ok || s.Body.Token == "" || s.Body.TokenType != userapi.SessionTokenTypeBearer {
		t.Fatalf("Login(%s) = %#v, %v", username, in, err)
	}
	return s.Body.Token
}

func TestUserFlow(t *testing.T) {
	srv := newTestServer(t)
	ctx := context.Background()
	anon, _ := userapi.NewClient(srv.URL)

	reg, err := anon.RegisterUser(ctx, userapi.RegisterUserRequest{Body: userapi.NewUser{
		Username: "alice", Password: "correct-horse-battery", Email: "alice@example.com", DisplayName: ptr("Alice"),
	}})
	created, ok := reg.(userapi.RegisterUser201Response)
	if err != nil || !ok || created.Body.ID < 1 || created.Body.Username != "alice" || *created.Body.DisplayName != "Alice" || created.Location != "/users/me" {
		t.Fatalf("RegisterUser = %#v, %v", reg, err)
	}
	again, err := anon.RegisterUser(ctx, userapi.RegisterUserRequest{Body: userapi.NewUser{Username: "alice", Password: "another-password", Email: "a2@example.com"}})
	if c, ok := again.(userapi.RegisterUser409Response); err != nil || !ok || c.Body.Status != 409 {
		t.Fatalf("RegisterUser taken = %#v, %v", again, err)
	}

	// Wrong password and unknown user: the same 401.
	for _, cred := range []userapi.Credentials{{Username: "alice", Password: "wrong-password"}, {Username: "nobody", Password: "correct-horse-battery"}} {
		in, err := anon.Login(ctx, userapi.LoginRequest{Body: cred})
		if d, ok := in.(userapi.Login401Response); err != nil || !ok || d.Body.Status != 401 || *d.Body.Detail != "wrong username or password" {
			t.Errorf("Login(%s, %s) = %#v, %v; want 401", cred.Username, cred.Password, in, err)
		}
	}

	first := account(t, srv.URL, "bob", "bobs-password-1")
	second := loginAs(t, srv.URL, "bob", "bobs-password-1")
	bob, _ := userapi.NewClient(srv.URL, userapi.WithBearerAuth(first))
	bob2, _ := userapi.NewClient(srv.URL, userapi.WithBearerAuth(second))

	v, err := bob.ValidateToken(ctx, userapi.ValidateTokenRequest{})
	if info, ok := v.(userapi.ValidateToken200Response); err != nil || !ok || info.Body.Username != "bob" || !info.Body.ExpiresAt.After(time.Now()) {
		t.Fatalf("ValidateToken = %#v, %v", v, err)
	}
	p, err := bob.GetProfile(ctx, userapi.GetProfileRequest{})
	if prof, ok := p.(userapi.GetProfile200Response); err != nil || !ok || prof.Body.Email != "bob@example.com" || prof.Body.DisplayName != nil {
		t.Fatalf("GetProfile = %#v, %v", p, err)
	}

	// Bad tokens: none, garbage, tampered, signed with another key.
	other, _ := auth.NewSigner(bytes.Repeat([]byte("x"), 32), nil)
	sid, _ := auth.NewSessionID()
	forged, _ := other.Sign(auth.Claims{UserID: 1, SessionID: sid, ExpiresAt: time.Now().Add(time.Hour)})
	tampered := first[:len(first)-2] + flip(first[len(first)-2:])
	for name, tok := range map[string]string{"none": "", "garbage": "garbage", "tampered": tampered, "forged": forged} {
		opts := []userapi.ClientOption{}
		if tok != "" {
			opts = append(opts, userapi.WithBearerAuth(tok))
		}
		c, _ := userapi.NewClient(srv.URL, opts...)
		v, err := c.GetProfile(ctx, userapi.GetProfileRequest{})
		d, ok := v.(userapi.GetProfile401Response)
		if err != nil || !ok || d.Body.Status != 401 || !strings.HasPrefix(d.WWWAuthenticate, "Bearer ") {
			t.Errorf("%s token: GetProfile = %#v, %v; want 401 with a challenge", name, v, err)
		}
	}

	// Changing the password needs the current one, keeps this session and
	// ends the others.
	ch, err := bob.ChangePassword(ctx, userapi.ChangePasswordRequest{Body: userapi.PasswordChange{CurrentPassword: "not-the-password", NewPassword: "bobs-password-2"}})
	if _, ok := ch.(userapi.ChangePassword403Response); err != nil || !ok {
		t.Fatalf("ChangePassword with a wrong current password = %#v, %v", ch, err)
	}
	ch, err = bob.ChangePassword(ctx, userapi.ChangePasswordRequest{Body: userapi.PasswordChange{CurrentPassword: "bobs-password-1", NewPassword: "bobs-password-2"}})
	if _, ok := ch.(userapi.ChangePassword204Response); err != nil || !ok {
		t.Fatalf("ChangePassword = %#v, %v", ch, err)
	}
	if v, _ := bob.ValidateToken(ctx, userapi.ValidateTokenRequest{}); !is[userapi.ValidateToken200Response](v) {
		t.Errorf("the session that changed the password: ValidateToken = %#v", v)
	}
	if v, _ := bob2.ValidateToken(ctx, userapi.ValidateTokenRequest{}); !is[userapi.ValidateToken401Response](v) {
		t.Errorf("another session after the password change: ValidateToken = %#v, want 401", v)
	}
	if in, _ := anon.Login(ctx, userapi.LoginRequest{Body: userapi.Credentials{Username: "bob", Password: "bobs-password-1"}}); !is[userapi.Login401Response](in) {
		t.Errorf("login with the old password = %#v, want 401", in)
	}
	loginAs(t, srv.URL, "bob", "bobs-password-2")

	// Logout revokes the token before it expires.
	if out, err := bob.Logout(ctx, userapi.LogoutRequest{}); err != nil || !is[userapi.Logout204Response](out) {
		t.Fatalf("Logout = %#v, %v", out, err)
	}
	if v, _ := bob.ValidateToken(ctx, userapi.ValidateTokenRequest{}); !is[userapi.ValidateToken401Response](v) {
		t.Errorf("after logout: ValidateToken = %#v, want 401", v)
	}
	if out, _ := bob.Logout(ctx, userapi.LogoutRequest{}); !is[userapi.Logout401Response](out) {
		t.Errorf("second logout = %#v, want 401", out)
	}
}

func TestCustomerFlow(t *testing.T) {
	srv := newTestServer(t)
	ctx := context.Background()
	aliceTok := account(t, srv.URL, "alice", "correct-horse-battery")
	bobTok := account(t, srv.URL, "bob", "bobs-password-1")
	alice, _ := customerapi.NewClient(srv.URL, customerapi.WithBearerAuth(aliceTok))
	bob, _ := customerapi.NewClient(srv.URL, customerapi.WithBearerAuth(bobTok))

	names := []string{"Ada Lovelace", "Charles Babbage", "Grace Hopper", "Alan Turing", "Adele Goldberg"}
	ids := map[string]int64{}
	for _, n := range names {
		email := strings.ToLower(strings.Fields(n)[0]) + "@example.com"
		resp, err := alice.CreateCustomer(ctx, customerapi.CreateCustomerRequest{Body: customerapi.CustomerInput{Name: n, Email: email, Company: ptr("Engines Ltd")}})
		c, ok := resp.(customerapi.CreateCustomer201Response)
		if err != nil || !ok || c.Body.Name != n || c.Body.Status != customerapi.CustomerStatusLead || c.Location == "" {
			t.Fatalf("CreateCustomer(%s) = %#v, %v", n, resp, err)
		}
		ids[n] = c.Body.ID
	}
	if _, err := bob.CreateCustomer(ctx, customerapi.CreateCustomerRequest{Body: customerapi.CustomerInput{Name: "Bob's own", Email: "own@example.com"}}); err != nil {
		t.Fatal(err)
	}

	// Search "AD" (matches Ada and Adele, ignoring case) one per page:
	// newest first, then the cursor.
	var got []string
	var cursor *string
	for pages := 0; ; pages++ {
		resp, err := alice.ListCustomers(ctx, customerapi.ListCustomersRequest{Q: ptr("AD"), Limit: 1, Cursor: cursor})
		page, ok := resp.(customerapi.ListCustomers200Response)
		if err != nil || !ok || pages > 5 {
			t.Fatalf("ListCustomers page %d = %#v, %v", pages, resp, err)
		}
		for _, c := range page.Body.Items {
			got = append(got, c.Name)
		}
		if cursor = page.Body.NextCursor; cursor == nil {
			break
		}
	}
	if want := []string{"Adele Goldberg", "Ada Lovelace"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("search ad = %q, want %q", got, want)
	}
	resp, _ := alice.ListCustomers(ctx, customerapi.ListCustomersRequest{Limit: 3})
	if p := resp.(customerapi.ListCustomers200Response); len(p.Body.Items) != 3 || p.Body.Items[0].Name != "Adele Goldberg" || p.Body.NextCursor == nil {
		t.Errorf("first page of 3 = %#v", p)
	}
	resp, _ = bob.ListCustomers(ctx, customerapi.ListCustomersRequest{})
	if p := resp.(customerapi.ListCustomers200Response); len(p.Body.Items) != 1 || p.Body.Items[0].Name != "Bob's own" {
		t.Errorf("bob's list = %#v; want only his own customer", p)
	}
	if resp, _ := alice.ListCustomers(ctx, customerapi.ListCustomersRequest{Cursor: ptr("nonsense")}); !is[customerapi.ListCustomers400Response](resp) {
		t.Errorf("bad cursor = %#v, want 400", resp)
	}

	// Replace sets every field: company, not given, is cleared.
	ada := ids["Ada Lovelace"]
	status := customerapi.CustomerStatusActive
	rep, err := alice.ReplaceCustomer(ctx, customerapi.ReplaceCustomerRequest{CustomerID: ada, Body: customerapi.CustomerInput{Name: "Ada King", Email: "ada@example.com", Status: &status, Notes: ptr("Countess")}})
	r, ok := rep.(customerapi.ReplaceCustomer200Response)
	if err != nil || !ok || r.Body.Name != "Ada King" || r.Body.Status != status || r.Body.Company != nil || *r.Body.Notes != "Countess" {
		t.Fatalf("ReplaceCustomer = %#v, %v", rep, err)
	}
	g, err := alice.GetCustomer(ctx, customerapi.GetCustomerRequest{CustomerID: ada})
	if c, ok := g.(customerapi.GetCustomer200Response); err != nil || !ok || c.Body.Name != "Ada King" {
		t.Fatalf("GetCustomer after replace = %#v, %v", g, err)
	}

	// Another user's customer does not exist for bob.
	if g, _ := bob.GetCustomer(ctx, customerapi.GetCustomerRequest{CustomerID: ada}); !is[customerapi.GetCustomer404Response](g) {
		t.Errorf("bob GetCustomer(alice's) = %#v, want 404", g)
	}
	if r, _ := bob.ReplaceCustomer(ctx, customerapi.ReplaceCustomerRequest{CustomerID: ada, Body: customerapi.CustomerInput{Name: "Mine now", Email: "x@example.com"}}); !is[customerapi.ReplaceCustomer404Response](r) {
		t.Errorf("bob ReplaceCustomer(alice's) = %#v, want 404", r)
	}
	if d, _ := bob.DeleteCustomer(ctx, customerapi.DeleteCustomerRequest{CustomerID: ada}); !is[customerapi.DeleteCustomer404Response](d) {
		t.Errorf("bob DeleteCustomer(alice's) = %#v, want 404", d)
	}

	// No or bad token: 401 everywhere.
	anon, _ := customerapi.NewClient(srv.URL)
	if l, _ := anon.ListCustomers(ctx, customerapi.ListCustomersRequest{}); !is[customerapi.ListCustomers401Response](l) {
		t.Errorf("no token: ListCustomers = %#v, want 401", l)
	}
	bad, _ := customerapi.NewClient(srv.URL, customerapi.WithBearerAuth(aliceTok+"x"))
	if g, _ := bad.GetCustomer(ctx, customerapi.GetCustomerRequest{CustomerID: ada}); !is[customerapi.GetCustomer401Response](g) {
		t.Errorf("bad token: GetCustomer = %#v, want 401", g)
	}

	// Delete, then it is gone.
	if d, err := alice.DeleteCustomer(ctx, customerapi.DeleteCustomerRequest{CustomerID: ada}); err != nil || !is[customerapi.DeleteCustomer204Response](d) {
		t.Fatalf("DeleteCustomer = %#v, %v", d, err)
	}
	if g, _ := alice.GetCustomer(ctx, customerapi.GetCustomerRequest{CustomerID: ada}); !is[customerapi.GetCustomer404Response](g) {
		t.Errorf("GetCustomer after delete = %#v, want 404", g)
	}

	// The contract's constraints reach the service as 400s.
	if c, _ := alice.CreateCustomer(ctx, customerapi.CreateCustomerRequest{Body: customerapi.CustomerInput{Name: "X", Email: "not an email"}}); !is[customerapi.CreateCustomer400Response](c) {
		t.Errorf("CreateCustomer with a bad email = %#v, want 400", c)
	}
}

// TestHealthzAndUnknownPaths checks the mux around the two servers.
func TestHealthzAndUnknownPaths(t *testing.T) {
	srv := newTestServer(t)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/healthz", http.StatusNoContent},
		{"GET", "/nowhere", http.StatusNotFound},
		{"GET", "/users", http.StatusMethodNotAllowed},
		{"DELETE", "/customers", http.StatusMethodNotAllowed},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s = %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
	}
}

// TestValidate holds the running service to both contracts with toolkit
// validate, authenticated as a freshly registered user (whose password is
// the one the user contract's examples use, so changePassword's example
// succeeds). Zero findings alone would also pass against a service that
// answers 401 to everything, so the test also wants every operation to
// have succeeded (2xx) at least once.
func TestValidate(t *testing.T) {
	for _, contractPath := range []string{"user/openapi.yaml", "customer/openapi.yaml"} {
		t.Run(filepath.Dir(contractPath), func(t *testing.T) {
			doc, m, err := contract.Open(contractPath, contract.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			succeeded := map[*contract.Operation]bool{}
			var mu sync.Mutex
			srv := newWrappedServer(t, func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					rec := &statusRecorder{ResponseWriter: w}
					h.ServeHTTP(rec, r)
					if op := operationOf(m, r); op != nil && rec.status >= 200 && rec.status < 300 {
						mu.Lock()
						succeeded[op] = true
						mu.Unlock()
					}
				})
			})
			// The login example's own user, so validate's example login
			// succeeds (positive-data-acceptance).
			tok := account(t, srv.URL, "alice", "correct-horse-battery")
			rep, err := validate.Run(context.Background(), validate.Config{
				Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1,
				Headers: http.Header{"Authorization": {"Bearer " + tok}},
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("validate %s: %d requests, %d findings", contractPath, rep.Requests, rep.Findings())
			if rep.Findings() != 0 || rep.Requests == 0 {
				var buf bytes.Buffer
				rep.WriteText(&buf)
				t.Errorf("validate: %d findings in %d requests:\n%s", rep.Findings(), rep.Requests, buf.String())
			}
			mu.Lock()
			defer mu.Unlock()
			for _, op := range m.Operations {
				if !succeeded[op] {
					t.Errorf("validate never got a 2xx from %s (%s %s)", op.ID, op.Method, op.Path)
				}
			}
		})
	}
}

// TestValidateCLI is what CI runs by hand: toolkit validate starts the
// built service itself (--server-cmd) with a demo token minted for the
// same key, and finds nothing in either contract.
func TestValidateCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the service and toolkit")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "crm")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	key := strings.Repeat("5a", 32)
	out, err := exec.Command(bin, "-token-key", key, "-mint-demo-token").Output()
	if err != nil {
		t.Fatalf("-mint-demo-token: %v", err)
	}
	token := strings.TrimSpace(string(out))
	for _, contractPath := range []string{"user/openapi.yaml", "customer/openapi.yaml"} {
		addr := freeAddr(t)
		cmd := exec.Command(gobin, "run", "github.com/contractfirst/toolkit/cmd/toolkit", "validate",
			"--contract", contractPath, "--base-url", "http://"+addr, "--ready-path", "/healthz",
			"--server-cmd", fmt.Sprintf("%s -addr %s -token-key %s -demo-token %s -pbkdf2-iterations %d", bin, addr, key, token, testIterations),
			"--header", "Authorization: Bearer "+token,
			// No user exists to log in as, and the demo token may not
			// change a password (403): validate would rightly report both
			// as never exercised. TestValidate covers them in process.
			"--exclude-operation", "login", "--exclude-operation", "changePassword")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), " 0 findings") {
			t.Errorf("toolkit validate --contract %s: %v\n%s", contractPath, err, out)
		}
	}
}

// mockExcludedChecks are the validate checks a mock cannot pass by
// design: it answers from the contract without enforcing credentials,
// and a stateless one keeps serving what was deleted.
var mockExcludedChecks = []string{validate.CheckIgnoredAuth, validate.CheckUseAfterFree, validate.CheckResourceAvailability}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestDemoSession(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	signer, _ := auth.NewSigner(bytes.Repeat([]byte("k"), 32), nil)
	other, _ := auth.NewSigner(bytes.Repeat([]byte("o"), 32), nil)
	hasher := auth.Hasher{Iterations: testIterations}
	good, err := mintDemoToken(signer, now)
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := mintDemoToken(other, now)
	sid, _ := auth.NewSessionID()
	notDemo, _ := signer.Sign(auth.Claims{UserID: 2, SessionID: sid, ExpiresAt: now.Add(time.Hour)})
	for name, tok := range map[string]string{"other key": foreign, "another user": notDemo, "garbage": "x"} {
		if err := openDemoSession(ctx, store.NewMemory(nil), signer, hasher, tok, now); err == nil {
			t.Errorf("%s: openDemoSession accepted the token", name)
		}
	}
	st := store.NewMemory(nil)
	if err := openDemoSession(ctx, st, signer, hasher, good, now); err != nil {
		t.Fatal(err)
	}
	a := auth.Authenticator{Signer: signer, Sessions: st}
	if c, err := a.Authenticate(auth.WithToken(ctx, good)); err != nil || c.UserID != demoUserID {
		t.Errorf("demo token: Authenticate = %+v, %v", c, err)
	}
	if err := openDemoSession(ctx, st, signer, hasher, good, now); err == nil {
		t.Error("openDemoSession on a store that has users: want an error")
	}
}

// TestMockConforms: toolkit mock of each CRM contract, stateless and
// stateful, passes toolkit validate, so consumer teams can develop
// against the mock before (or instead of) this service.
func TestMockConforms(t *testing.T) {
	for _, contractPath := range []string{"user/openapi.yaml", "customer/openapi.yaml"} {
		for _, stateful := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/stateful=%v", filepath.Dir(contractPath), stateful), func(t *testing.T) {
				doc, m, err := contract.Open(contractPath, contract.LoadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				h, err := mock.New(doc, m, mock.Options{Seed: 1, Stateful: stateful})
				if err != nil {
					t.Fatal(err)
				}
				srv := httptest.NewServer(h)
				defer srv.Close()
				rep, err := validate.Run(context.Background(), validate.Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1,
					Headers: http.Header{"Authorization": {"Bearer mock"}}, ExcludeChecks: mockExcludedChecks})
				if err != nil {
					t.Fatal(err)
				}
				if rep.Findings() != 0 || rep.Requests == 0 {
					var buf bytes.Buffer
					rep.WriteText(&buf)
					t.Errorf("validate against the mock: %d findings in %d requests:\n%s", rep.Findings(), rep.Requests, buf.String())
				}
			})
		}
	}
}

// operationOf finds the operation of m whose method and path template
// match r (templates' variables match any one segment).
func operationOf(m *contract.Model, r *http.Request) *contract.Operation {
	got := strings.Split(r.URL.Path, "/")
	for _, op := range m.Operations {
		want := strings.Split(op.Path, "/")
		if op.Method != r.Method || len(want) != len(got) {
			continue
		}
		match := true
		for i := range want {
			if !strings.HasPrefix(want[i], "{") && want[i] != got[i] {
				match = false
				break
			}
		}
		if match {
			return op
		}
	}
	return nil
}

// loginAs logs in as an existing user and returns the token.
func loginAs(t *testing.T, base, username, password string) string {
	t.Helper()
	uc, _ := userapi.NewClient(base)
	in, err := uc.Login(context.Background(), userapi.LoginRequest{Body: userapi.Credentials{Username: username, Password: password}})
	s, ok := in.(userapi.Login201Response)
	if err != nil || !ok {
		t.Fatalf("Login(%s) = %#v, %v", username, in, err)
	}
	return s.Body.Token
}

func is[T any](v any) bool { _, ok := v.(T); return ok }

func ptr[T any](v T) *T { return &v }

// flip changes the two base64url characters s so the MAC no longer
// matches.
func flip(s string) string {
	if s == "AA" {
		return "BB"
	}
	return "AA"
}
