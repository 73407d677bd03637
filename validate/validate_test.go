package validate

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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
	m, err := contract.Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fixture.Handler(b))
	defer srv.Close()
	rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: 500 * time.Millisecond, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return rep
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
