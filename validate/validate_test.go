package validate

import (
	"context"
	"fmt"
	"io"
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

const petstore = "../examples/petstore/openapi.yaml"

func load(t testing.TB, path string) (*contract.Document, *contract.Model) {
	t.Helper()
	doc, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc, m
}

// runAgainst validates the pet store fixture broken as b. For the
// undeclared-status breakage getPet's default response is dropped from
// the contract first: with a default, every status is declared.
func runAgainst(t *testing.T, b fixture.Breakage) *Report {
	t.Helper()
	doc, err := contract.Load(petstore, contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if b == fixture.UndeclaredStatus {
		doc.T.Paths.Value("/pets/{petId}").Get.Responses.Delete("default")
	}
	cfg := Config{Seed: 1, Timeout: 500 * time.Millisecond, Workers: 2}
	if fixture.Secured(b) {
		secure(doc)
		cfg.Headers = http.Header{"Authorization": {"Bearer " + fixture.Token}}
	}
	if b == fixture.RevokesAuth {
		// Which requests land before the revocation and which after
		// decides what the check can tell; with two workers that turns
		// on scheduling (1 run in 8 failed), with one it is the same
		// every run.
		cfg.Workers = 1
	}
	if b == fixture.Slow {
		// A slow answer, not a timeout, however busy the machine.
		cfg.MaxResponseTime, cfg.Timeout = fixture.SlowFor/4, 10*fixture.SlowFor
	}
	m, err := contract.Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fixture.Handler(b))
	defer srv.Close()
	cfg.Doc, cfg.Model, cfg.BaseURL = doc, m, srv.URL
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// secure puts the whole contract behind a bearer scheme, as the
// secured fixtures are.
func secure(doc *contract.Document) {
	if doc.T.Components.SecuritySchemes == nil {
		doc.T.Components.SecuritySchemes = openapi3.SecuritySchemes{}
	}
	doc.T.Components.SecuritySchemes["bearer"] = &openapi3.SecuritySchemeRef{Value: openapi3.NewJWTSecurityScheme()}
	doc.T.Security = openapi3.SecurityRequirements{{"bearer": {}}}
}

func text(r *Report) string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

// TestConformingPetstore: the example pet store honours its contract,
// so validate must find nothing, while still sending every kind of case.
func TestConformingPetstore(t *testing.T) {
	rep := runAgainst(t, fixture.Conforming)
	if n := rep.Findings(); n != 0 {
		t.Fatalf("%d findings on a conforming service:\n%s", n, text(rep))
	}
	if rep.Requests < 5*len(rep.Operations) {
		t.Errorf("only %d requests for %d operations", rep.Requests, len(rep.Operations))
	}
	t.Log(text(rep))
}

// TestBrokenPetstores: each breakage is caught by its own check.
func TestBrokenPetstores(t *testing.T) {
	want := map[fixture.Breakage]string{
		fixture.ServerError:      CheckNotServerError,
		fixture.UndeclaredStatus: CheckStatusDeclared,
		fixture.MissingField:     CheckResponseSchema,
		fixture.WrongType:        CheckResponseSchema,
		fixture.WrongContentType: CheckContentType,
		fixture.AcceptsInvalid:   CheckRejectsInvalid,
		fixture.BadEnum:          CheckResponseSchema,
		fixture.MissingHeader:    CheckResponseHeaders,
		fixture.NullField:        CheckResponseSchema,
		fixture.MalformedCrash:   CheckNotServerError,
		fixture.BadErrorBody:     CheckResponseSchema,
		fixture.DropsConnection:  CheckNotServerError,
		fixture.Hangs:            CheckTimeout,
		fixture.KeepsDeleted:     CheckUseAfterFree,
		fixture.LosesCreated:     CheckResourceAvailability,
		fixture.RejectsValid:     CheckPositiveData,
		fixture.UndeclaredOK:     CheckUnsupportedMethod,
		fixture.UndeclaredCrash:  CheckUnsupportedMethod,
		fixture.IgnoresAuth:      CheckIgnoredAuth,
		fixture.RevokesAuth:      CheckAuth,
		fixture.Slow:             CheckMaxResponseTime,
		fixture.HangsOnLargeIDs:  CheckTimeout,
	}
	for _, b := range fixture.All {
		t.Run(string(b), func(t *testing.T) {
			rep := runAgainst(t, b)
			check := want[b]
			found := false
			for _, op := range rep.Operations {
				if len(op.Checks[check]) > 0 {
					found = true
				}
			}
			if !found {
				t.Fatalf("no %s finding:\n%s", check, text(rep))
			}
		})
	}
}

// TestSecuredConforming: behind bearer auth, with the right token, the
// pet store still has nothing to find, ignored-auth included.
func TestSecuredConforming(t *testing.T) {
	rep := runAgainst(t, fixture.SecuredConforming)
	if n := rep.Findings(); n != 0 {
		t.Fatalf("%d findings on a conforming secured service:\n%s", n, text(rep))
	}
	if _, ran := rep.Operations[0].Checks[CheckIgnoredAuth]; !ran {
		t.Errorf("ignored-auth did not run on a secured operation:\n%s", text(rep))
	}
}

// TestRevokedCredentials: a service that revokes the token after the
// first create is named, with the exclusion to use.
func TestRevokedCredentials(t *testing.T) {
	rep := runAgainst(t, fixture.RevokesAuth)
	want := "after POST /pets every answer was 401; exclude it with --exclude-operation createPet"
	out := text(rep)
	if !strings.Contains(out, "auth: "+want) {
		t.Fatalf("no %q in:\n%s", want, out)
	}
	if !strings.Contains(out, "credentials were refused") {
		t.Errorf("operations refused from the start are not reported:\n%s", out)
	}
}

// TestUploads: bodies of every media type are sent as the service
// expects (a multipart file part, a form, bytes, text), so every
// operation is reached with a 2xx and nothing is found.
func TestUploads(t *testing.T) {
	doc, m := load(t, "testdata/uploads.yaml")
	srv := httptest.NewServer(fixture.Uploads())
	defer srv.Close()
	rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range rep.Operations {
		if op.Coverage.Reach != Reached {
			t.Errorf("%s: %s (valid answers %v)", op.ID, op.Coverage.Reach, op.Coverage.Valid)
		}
	}
	if rep.Findings() != 0 {
		t.Errorf("findings:\n%s", text(rep))
	}
}

// serve runs the pet store contract against h.
func serve(t *testing.T, h http.Handler) *Report {
	t.Helper()
	doc, m := load(t, petstore)
	srv := httptest.NewServer(h)
	defer srv.Close()
	rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestFlakyApart: a 500 that does not come back when the request is
// sent again is counted as flaky, not reported as a finding.
func TestFlakyApart(t *testing.T) {
	store := fixture.Handler(fixture.Conforming)
	var once sync.Once
	rep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		failed := false
		if r.Method == http.MethodGet && r.URL.Path == "/pets" {
			once.Do(func() { failed = true })
		}
		if failed {
			http.Error(w, "hiccup", http.StatusInternalServerError)
			return
		}
		store.ServeHTTP(w, r)
	}))
	if rep.Findings() != 0 {
		t.Errorf("a failure that did not reproduce was reported:\n%s", text(rep))
	}
	if rep.Operations[0].Flaky[CheckNotServerError] != 1 {
		t.Errorf("flaky counts %v, want not-server-error: 1", rep.Operations[0].Flaky)
	}
	if !strings.Contains(text(rep), "flaky not-server-error: 1 failing answers did not reproduce") {
		t.Errorf("flaky answers not shown:\n%s", text(rep))
	}
}

// TestSmallestFailingCase: a service that fails whenever ?limit= is
// present is reported with the smallest request that still fails (the
// other optional parameters dropped), and the original as "found as".
func TestSmallestFailingCase(t *testing.T) {
	store := fixture.Handler(fixture.Conforming)
	rep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/pets" && r.URL.Query().Has("limit") {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		store.ServeHTTP(w, r)
	}))
	shrunk := false
	for _, f := range rep.Operations[0].Checks[CheckNotServerError] {
		if f.FoundAs == "" {
			continue
		}
		shrunk = true
		if !strings.Contains(f.Curl, "limit=") || len(f.Curl) >= len(f.FoundAs) {
			t.Errorf("shrunk to %s\nfrom %s", f.Curl, f.FoundAs)
		}
		if q := f.Curl[strings.Index(f.Curl, "?")+1:]; strings.Contains(q, "&") {
			t.Errorf("an optional parameter besides limit is left: %s", f.Curl)
		}
	}
	if !shrunk {
		t.Fatalf("no finding was made smaller:\n%s", text(rep))
	}
	if !strings.Contains(text(rep), "found as: curl") {
		t.Errorf("the original request is not shown:\n%s", text(rep))
	}
}

// TestSimpler: each simplification is smaller and of the same kind.
func TestSimpler(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want any
		ok   bool
	}{
		{"abcd", "ab", true},
		{"héllo", "hé", true},
		{"a", nil, false},
		{[]any{1.0, 2.0, 3.0}, []any{1.0}, true},
		{[]any{1.0}, nil, false},
		{42.0, nil, false},
	} {
		got, ok := simpler(tc.in)
		if ok != tc.ok || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("simpler(%v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestShrinkBody: a service that fails every create is reported with
// a body reduced to what is required, values shortened.
func TestShrinkBody(t *testing.T) {
	store := fixture.Handler(fixture.Conforming)
	rep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			io.Copy(io.Discard, r.Body)
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		store.ServeHTTP(w, r)
	}))
	var create *OperationResult
	for _, op := range rep.Operations {
		if op.ID == "createPet" {
			create = op
		}
	}
	fs := create.Checks[CheckNotServerError]
	if len(fs) == 0 || fs[0].FoundAs == "" || len(fs[0].Curl) >= len(fs[0].FoundAs) {
		t.Fatalf("the failing create was not made smaller:\n%s", text(rep))
	}
	t.Logf("shrunk %s\nfrom   %s", fs[0].Curl, fs[0].FoundAs)
}
