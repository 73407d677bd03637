package mock

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// BenchmarkLoopback sends a fixed mix of petstore requests (list, read,
// create) to a mock over loopback HTTP from four clients with keep-alive,
// and reports requests/s. Run with a fixed count to bound the load:
// go test ./mock -run '^$' -bench Loopback -benchtime 6000x
func BenchmarkLoopback(b *testing.B) {
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
			hs := httptest.NewServer(srv)
			defer hs.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
			const clients = 4
			var wg sync.WaitGroup
			b.ResetTimer()
			for c := 0; c < clients; c++ {
				wg.Add(1)
				go func(c int) {
					defer wg.Done()
					for i := c; i < b.N; i += clients {
						var req *http.Request
						switch i % 3 {
						case 0:
							req, _ = http.NewRequest("GET", hs.URL+"/pets?limit=10", nil)
						case 1:
							req, _ = http.NewRequest("GET", hs.URL+"/pets/1", nil)
						default:
							req, _ = http.NewRequest("POST", hs.URL+"/pets", strings.NewReader(`{"name":"Rex","species":"dog"}`))
							req.Header.Set("Content-Type", "application/json")
						}
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
}

// BenchmarkHandler is BenchmarkLoopback's request mix without the
// network: the handler's own cost per request, steadier on a shared
// machine.
func BenchmarkHandler(b *testing.B) {
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
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var req *http.Request
				switch i % 3 {
				case 0:
					req = httptest.NewRequest("GET", "/pets?limit=10", nil)
				case 1:
					req = httptest.NewRequest("GET", "/pets/1", nil)
				default:
					req = httptest.NewRequest("POST", "/pets", strings.NewReader(`{"name":"Rex","species":"dog"}`))
					req.Header.Set("Content-Type", "application/json")
				}
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					b.Fatalf("%s %s: %d", req.Method, req.URL.Path, rec.Code)
				}
			}
		})
	}
}
