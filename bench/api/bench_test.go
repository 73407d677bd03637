package api

import (
	"bytes"
	"context"
	"net/http"
	"testing"
)

// BenchmarkServer drives each server's whole http.Handler, routing,
// decoding, validation, handler and encoding, with a prebuilt request; the
// response bytes land in a reused buffer. Names carry op= and gen= keys so
// that benchstat -col /gen compares generators.
func BenchmarkServer(b *testing.B) {
	for _, br := range benchRequests {
		for _, s := range Servers() {
			b.Run("op="+br.op+"/gen="+s.Name, func(b *testing.B) {
				h := newServer(b, s)
				req := br.req.new()
				// Reassigned every time (without allocating): middleware
				// such as openapi3filter replaces r.Body with its own copy.
				body := &replayBody{}
				w := NewResponseBuffer()
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if br.req.body != nil {
						body.Reset(br.req.body)
						req.Body = body
					}
					w.Reset()
					h.ServeHTTP(w, req)
				}
				b.StopTimer()
				if w.Status != br.status {
					b.Fatalf("status %d, want %d: %s", w.Status, br.status, w.Body.Bytes())
				}
			})
		}
	}
}

// replayBody is a request body that can be read again after Reset.
type replayBody struct{ bytes.Reader }

func (*replayBody) Close() error { return nil }

// BenchmarkClient calls each generated client against an in-memory
// transport: list decodes the 100-order page, post encodes the 1 KB body
// (and decodes the created order that comes back).
func BenchmarkClient(b *testing.B) {
	created := NewResponseBuffer()
	h := newServer(b, serverNamed(Handwritten))
	h.ServeHTTP(created, request{http.MethodPost, PostTarget, NewOrderJSON}.new())
	ops := []struct {
		op        string
		transport *CannedTransport
		call      func(ClientCalls) func(context.Context) (int, error)
		want      int
	}{
		{"list", &CannedTransport{Status: http.StatusOK, Body: ListJSON}, func(c ClientCalls) func(context.Context) (int, error) { return c.List }, 100},
		{"post", &CannedTransport{Status: http.StatusCreated, Body: created.Body.Bytes()}, func(c ClientCalls) func(context.Context) (int, error) { return c.Create }, 4},
	}
	ctx := context.Background()
	for _, op := range ops {
		for _, c := range Clients() {
			b.Run("op="+op.op+"/gen="+c.Name, func(b *testing.B) {
				calls, err := c.New(&http.Client{Transport: op.transport})
				if err != nil {
					b.Fatal(err)
				}
				call := op.call(calls)
				b.ReportAllocs()
				b.ResetTimer()
				var n int
				for b.Loop() {
					if n, err = call(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if n != op.want {
					b.Fatalf("got %d, want %d", n, op.want)
				}
			})
		}
	}
}
