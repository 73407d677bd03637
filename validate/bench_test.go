package validate

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/internal/fixture"
)

// BenchmarkRun is a whole validate run against the example pet store
// served in process: requests per second are the headline figure.
func BenchmarkRun(b *testing.B) {
	doc, m := load(b, petstore)
	srv := httptest.NewServer(fixture.Handler(fixture.Conforming))
	defer srv.Close()
	requests := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: uint64(i), Workers: 4})
		if err != nil {
			b.Fatal(err)
		}
		requests += rep.Requests
	}
	b.ReportMetric(float64(requests)/b.Elapsed().Seconds(), "requests/s")
}

// listPage returns a listPets answer with n pets, as the service sends it.
func listPage(b *testing.B, n int) (*http.Request, *http.Response, []byte) {
	h := fixture.Handler(fixture.Conforming)
	for i := 0; i < n; i++ {
		req := httptest.NewRequest("POST", "/pets", strings.NewReader(`{"name":"Rex","species":"dog","tags":["a","b"],"weightKg":12.5}`))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	req := httptest.NewRequest("GET", "/pets?limit=100", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	return req, resp, body
}

// BenchmarkCheckAnswer is the cost of judging one answer (status,
// content type, headers and a 20-pet body against its schema): the
// price validate adds to each request.
func BenchmarkCheckAnswer(b *testing.B) {
	doc, m := load(b, petstore)
	var tgt *target
	for _, op := range m.Operations {
		if op.ID == "listPets" {
			route, err := routeOf(doc.T, op)
			if err != nil {
				b.Fatal(err)
			}
			tgt = &target{op: op, route: route}
		}
	}
	req, resp, body := listPage(b, 20)
	r := &runner{schemaOp: schemaOptions(doc.T)}
	c := &Case{Op: tgt.op, Phase: PhaseGenerated, Name: "bench"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fs := r.check(tgt, c, req, nil, nil, &answer{resp: resp, body: body}); len(fs) > 0 {
			b.Fatal(fs[0].Message)
		}
	}
}

// BenchmarkServiceAnswer is what the service itself spends on the same
// request (the generated server and the in-memory store, no network),
// to compare BenchmarkCheckAnswer with.
func BenchmarkServiceAnswer(b *testing.B) {
	h := fixture.Handler(fixture.Conforming)
	for i := 0; i < 20; i++ {
		req := httptest.NewRequest("POST", "/pets", strings.NewReader(`{"name":"Rex","species":"dog","tags":["a","b"],"weightKg":12.5}`))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/pets?limit=100", nil))
	}
}
