package mock

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// benchModes runs a benchmark against a stateless and a stateful mock of
// the petstore.
func benchModes(b *testing.B, run func(b *testing.B, srv *Server)) {
	for _, stateful := range []bool{false, true} {
		name := "stateless"
		if stateful {
			name = "stateful"
		}
		b.Run(name, func(b *testing.B) {
			doc, m := load(b, "../examples/petstore/openapi.yaml")
			srv, err := New(doc, m, Options{Stateful: stateful})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			run(b, srv)
		})
	}
}

// mixRequest is request i of the benchmarks' mix: list, read, create.
func mixRequest(base string, i int) *http.Request {
	switch i % 3 {
	case 0:
		return httptest.NewRequest("GET", base+"/pets?limit=10", nil)
	case 1:
		return httptest.NewRequest("GET", base+"/pets/1", nil)
	}
	req := httptest.NewRequest("POST", base+"/pets", strings.NewReader(`{"name":"Rex","species":"dog"}`))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// BenchmarkLoopback sends the mix to a mock over loopback HTTP from four
// clients with keep-alive, and reports requests/s. Run with a fixed count
// to bound the load:
// go test ./mock -run '^$' -bench Loopback -benchtime 6000x
func BenchmarkLoopback(b *testing.B) {
	benchModes(b, func(b *testing.B, srv *Server) {
		hs := httptest.NewServer(srv)
		defer hs.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
		const clients = 4
		var wg sync.WaitGroup
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := c; i < b.N; i += clients {
					req := mixRequest(hs.URL, i)
					req.RequestURI = "" // a client request
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode >= 500 {
						b.Errorf("%s %s: %d", req.Method, req.URL.Path, resp.StatusCode)
					}
				}
			}(c)
		}
		wg.Wait()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
}

// BenchmarkHandler is the same mix without the network: the handler's
// own cost per request, steadier on a shared machine.
func BenchmarkHandler(b *testing.B) {
	benchModes(b, func(b *testing.B, srv *Server) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			req := mixRequest("", i)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				b.Fatalf("%s %s: %d", req.Method, req.URL.Path, rec.Code)
			}
		}
	})
}
