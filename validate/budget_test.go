package validate

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestWithinBudget: a validation that never ends is abandoned, one that
// ends returns its error.
func TestWithinBudget(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	if _, done := withinBudget(10*time.Millisecond, func() error { <-block; return nil }); done {
		t.Error("a blocked validation reported done")
	}
	want := errors.New("bad")
	if err, done := withinBudget(time.Minute, func() error { return want }); !done || err != want {
		t.Errorf("got %v, %v; want the function's error", err, done)
	}
}

// TestShortBody: an answer whose body ends before its Content-Length is
// reported as cut short, with both lengths, not as an unreachable
// service.
func TestShortBody(t *testing.T) {
	rep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `{"items":[`)
	}))
	out := text(rep)
	if !strings.Contains(out, "answer cut short: the body ended after 10 of the 100 bytes of its Content-Length") {
		t.Errorf("no precise message for a short body:\n%s", out)
	}
}

// TestCappedBody: a body over the limit validate reads is reported as
// not checked, not as invalid JSON.
func TestCappedBody(t *testing.T) {
	defer func(old int64) { maxBody = old }(maxBody)
	maxBody = 1 << 10
	big := `{"items":[],"pad":"` + strings.Repeat("x", int(maxBody)) + `"}`
	rep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/pets" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Total-Count", "0")
		fmt.Fprint(w, big)
	}))
	out := text(rep)
	if !strings.Contains(out, "body is longer than the 1024 bytes validate reads: its schema was not checked") || strings.Contains(out, "not valid JSON") {
		t.Errorf("capped body misreported:\n%.3000s", out)
	}
}

// TestSizeText: whole MiB read as such, the rest in bytes.
func TestSizeText(t *testing.T) {
	if got := sizeText(16 << 20); got != "16 MiB" {
		t.Errorf("got %q", got)
	}
	if got := sizeText(1500); got != "1500 bytes" {
		t.Errorf("got %q", got)
	}
}
