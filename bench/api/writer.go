package api

import (
	"bytes"
	"net/http"
)

// ResponseBuffer is a reusable http.ResponseWriter for benchmarks: unlike
// httptest.ResponseRecorder it is reset between requests instead of
// allocated anew, so the figures hold what the server does and little of
// the harness.
type ResponseBuffer struct {
	header http.Header
	Status int
	Body   bytes.Buffer
}

// NewResponseBuffer returns an empty ResponseBuffer.
func NewResponseBuffer() *ResponseBuffer {
	return &ResponseBuffer{header: http.Header{}}
}

// Reset forgets the previous response, keeping the allocated memory.
func (b *ResponseBuffer) Reset() {
	clear(b.header)
	b.Status = 0
	b.Body.Reset()
}

// Header implements http.ResponseWriter.
func (b *ResponseBuffer) Header() http.Header { return b.header }

// WriteHeader implements http.ResponseWriter.
func (b *ResponseBuffer) WriteHeader(status int) {
	if b.Status == 0 {
		b.Status = status
	}
}

// Write implements http.ResponseWriter.
func (b *ResponseBuffer) Write(p []byte) (int, error) {
	if b.Status == 0 {
		b.Status = http.StatusOK
	}
	return b.Body.Write(p)
}
