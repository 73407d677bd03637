package validate

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/contract"
)

// recursiveUnion is a contract whose answer and request body are a
// recursive oneOf without a discriminator (2^depth visits for kin-openapi).
const recursiveUnion = "../testdata/contracts/hostile/recursive-union.yaml"

// nested returns {"a":"x","next":{"a":"x","next":…}} depth levels deep.
func nested(depth int) string {
	return strings.Repeat(`{"a":"x","next":`, depth) + `{"a":"x"}` + strings.Repeat("}", depth)
}

// TestRecursiveUnionAnswer: validate reports a too-costly answer as not
// checked, and leaves no goroutine behind (the timer budget it replaces
// abandoned kin-openapi's validation, which ran on for minutes).
func TestRecursiveUnionAnswer(t *testing.T) {
	doc, m := load(t, recursiveUnion)
	before := runtime.NumGoroutine()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, nested(60))
	}))
	rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: time.Second})
	srv.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := text(rep); !strings.Contains(out, fmt.Sprintf("not checked: validating the body against its schema would take more than %d schema visits", contract.MaxValidationVisits)) {
		t.Errorf("no not-checked finding:\n%s", out)
	}
	http.DefaultClient.CloseIdleConnections()
	// Connections wind down on their own; a validation left running
	// would not. Wait on the count, never on a clock reading.
	after := runtime.NumGoroutine()
	for i := 0; i < 500 && after > before; i++ {
		time.Sleep(2 * time.Millisecond)
		after = runtime.NumGoroutine()
	}
	if after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the run, %d before:\n%s", after, before, buf[:runtime.Stack(buf, true)])
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

// TestProxyRecursiveUnionRequest: the validating proxy forwards a request
// whose body would cost kin-openapi 2^60 visits, and says it was not
// checked, instead of validating it for ever.
func TestProxyRecursiveUnionRequest(t *testing.T) {
	doc, m := load(t, recursiveUnion)
	var log bytes.Buffer
	front, _ := startProxy(t, ProxyConfig{Doc: doc, Model: m, Log: &log}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	resp, err := http.Post(front.URL+"/tree", "application/json", strings.NewReader(nested(60)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	front.Close()
	want := fmt.Sprintf("POST /tree: not checked: validating the request body against its schema would take more than %d schema visits", contract.MaxValidationVisits)
	if resp.StatusCode != http.StatusNoContent || !strings.Contains(log.String(), want) {
		t.Errorf("status %d, log:\n%s\nwant it to contain %q", resp.StatusCode, log.String(), want)
	}
}
