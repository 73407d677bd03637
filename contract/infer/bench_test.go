package infer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/internal/har"
)

// writeTraffic writes n synthetic exchanges over twelve operations with
// ids that never repeat, JSON bodies of a dozen properties, query
// parameters and credentials: the shape of a busy API's record.
func writeTraffic(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w, err := har.NewWriter(f, har.Creator{Name: "bench"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resources := []string{"users", "orders", "products", "invoices"}
	for i := 0; i < n; i++ {
		r := resources[i%len(resources)]
		e := har.Entry{StartedDateTime: "2026-01-01T00:00:00.000Z"}
		e.Request = har.Request{Method: "GET", URL: fmt.Sprintf("http://api.test/v1/%s/%d?limit=%d&sort=%s", r, 1000+i, i%50, []string{"asc", "desc"}[i%2]),
			Headers: []har.NameValue{{Name: "Authorization", Value: "Bearer t"}, {Name: "X-Request-Id", Value: fmt.Sprint(i)}}}
		body := fmt.Sprintf(`{"id":%d,"name":"n%d","email":"u%d@x.test","created":"2026-01-02T03:04:05Z","score":%d.5,"active":true,"tags":["a","b"],"address":{"street":"s","city":"c","zip":"%05d"},"owner":{"id":%d,"name":"o"},"note":null,"items":[{"sku":"k","qty":%d}]}`, i, i, i, i%7, i%99999, i, i%3)
		e.Response = har.Response{Status: 200, Content: har.Content{MimeType: "application/json", Text: body}}
		switch i % 3 {
		case 1:
			e.Request.Method, e.Request.URL = "POST", fmt.Sprintf("http://api.test/v1/%s", r)
			e.Request.PostData = &har.PostData{MimeType: "application/json", Text: body}
			e.Response.Status = 201
		case 2:
			e.Request.URL = fmt.Sprintf("http://api.test/v1/%s?page=%d", r, i%10)
			e.Response.Content.Text = "[" + body + "," + body + "]"
		}
		if err := w.Write(e); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkInfer100k: 100,000 exchanges read twice from a HAR file and
// inferred (issue 19 asks for under 10 s; bench/results.md has the
// figure).
func BenchmarkInfer100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "traffic.har")
	writeTraffic(b, path, benchEntries)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Infer(Files([]string{path}, nil), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Operations) != 12 {
			b.Fatalf("%d operations, want 12", len(res.Operations))
		}
	}
}

// TestTrafficShape: the benchmark's traffic infers its twelve operations
// with their templates (so the benchmark measures the real work).
func TestTrafficShape(t *testing.T) {
	path := filepath.Join(t.TempDir(), "traffic.har")
	writeTraffic(t, path, 300)
	res, err := Infer(Files([]string{path}, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := templates(res)
	if len(got) != 12 || got[0] != "GET /v1/invoices listInvoices" || got[2] != "GET /v1/invoices/{invoiceId} getInvoice" {
		t.Errorf("operations %q", got)
	}
}

// benchEntries is 100,000; lower it locally to profile.
var benchEntries = 100_000

func init() {
	if s := os.Getenv("INFER_BENCH_ENTRIES"); s != "" {
		fmt.Sscan(s, &benchEntries)
	}
}
