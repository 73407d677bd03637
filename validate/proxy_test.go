package validate

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/internal/fixture"
	"github.com/contractfirst/toolkit/internal/har"
)

// TestProxy: traffic through the proxy is forwarded unchanged; invalid
// requests and answers that leave the contract are logged with their
// check id.
func TestProxy(t *testing.T) {
	doc, m := load(t, petstore)
	for _, tc := range []struct {
		breakage fixture.Breakage
		method   string
		path     string
		body     string
		status   int
		logged   string // "" when nothing may be logged
	}{
		{fixture.Conforming, "POST", "/pets", `{"name":"Rex","species":"dog"}`, 201, ""},
		{fixture.Conforming, "GET", "/pets?limit=5", "", 200, ""},
		{fixture.Conforming, "GET", "/pets?limit=1000", "", 400, `GET /pets?limit=1000: request: parameter "limit" in query has an error: number must be at most 100`},
		{fixture.Conforming, "GET", "/nowhere", "", 404, "unknown-operation"},
		{fixture.BadEnum, "POST", "/pets", `{"name":"Rex","species":"dog"}`, 201, "→ 201: response-schema: value is not one of the allowed values"},
		{fixture.MissingHeader, "GET", "/pets", "", 200, "response-headers"},
	} {
		t.Run(string(tc.breakage)+" "+tc.method+" "+tc.path, func(t *testing.T) {
			up := httptest.NewServer(fixture.Handler(tc.breakage))
			defer up.Close()
			var log bytes.Buffer
			p, err := NewProxy(doc, m, up.URL, &log)
			if err != nil {
				t.Fatal(err)
			}
			front := httptest.NewServer(p)
			defer front.Close()
			req, _ := http.NewRequest(tc.method, front.URL+tc.path, strings.NewReader(tc.body))
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			front.Close() // waits for the proxy to finish checking
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d (forwarded unchanged)", resp.StatusCode, tc.status)
			}
			got := log.String()
			switch {
			case tc.logged == "" && log.Len() > 0:
				t.Errorf("logged on conforming traffic:\n%s", log.String())
			case tc.logged != "" && !strings.Contains(got, tc.logged):
				t.Errorf("log lacks %q:\n%s", tc.logged, log.String())
			}
			_, violations, _ := p.Summary()
			if (violations > 0) != (tc.logged != "") {
				t.Errorf("%d violations in the summary", violations)
			}
		})
	}
}

// startProxy serves a proxy to upstream configured by cfg.
func startProxy(t *testing.T, cfg ProxyConfig, upstream http.Handler) (front *httptest.Server, p *Proxy) {
	t.Helper()
	up := httptest.NewServer(upstream)
	t.Cleanup(up.Close)
	cfg.Upstream = up.URL
	p, err := NewProxyWith(cfg)
	if err != nil {
		t.Fatal(err)
	}
	front = httptest.NewServer(p)
	t.Cleanup(front.Close)
	return front, p
}

// TestProxyCorruptsTrafficOver16MiB (issue 22): bodies larger than the
// check budget pass whole in both directions, chunked or not, and the log
// says they were not checked instead of cutting them.
func TestProxyCorruptsTrafficOver16MiB(t *testing.T) {
	doc, m := load(t, petstore)
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.NewResponseController(w).EnableFullDuplex()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.Copy(w, r.Body)
	})
	big := bytes.Repeat([]byte("0123456789abcdef"), (DefaultCheckBudget+1<<20)/16) // 17 MiB
	for _, tc := range []struct {
		name   string
		budget int64
		body   []byte
		chunk  bool
	}{
		{"17MiB chunked, default budget", 0, big, true},
		{"17MiB with length, default budget", 0, big, false},
		{"5000 bytes, budget 1000", 1000, big[:5000], true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			front, p := startProxy(t, ProxyConfig{Doc: doc, Model: m, Log: &log, CheckBudget: tc.budget}, echo)
			var body io.Reader = bytes.NewReader(tc.body)
			if tc.chunk {
				body = io.MultiReader(body) // hides the length: chunked
			}
			req, _ := http.NewRequest("POST", front.URL+"/pets", body)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			front.Close()
			if err != nil || !bytes.Equal(got, tc.body) {
				t.Fatalf("got %d bytes back (err %v), want the %d sent, unchanged", len(got), err, len(tc.body))
			}
			for _, want := range []string{"not checked: the request body is larger than the check budget", "→ 201: not checked: the answer body is larger"} {
				if !strings.Contains(log.String(), want) {
					t.Errorf("log lacks %q:\n%s", want, log.String())
				}
			}
			if _, violations, sum := p.Summary(); violations != 0 || !strings.Contains(sum, "not checked (too large or cut short): 2") {
				t.Errorf("%d violations, summary:\n%s", violations, sum)
			}
		})
	}
}

// TestProxyFlushesStreamedAnswers (issue 22): each event of a streamed
// answer reaches the client while the service is still writing; the
// service writes its second event only after the client saw the first,
// so a proxy that held answers back would never deliver it.
func TestProxyFlushesStreamedAnswers(t *testing.T) {
	seen := make(chan struct{})
	sse := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-seen:
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "data: two\n\n")
	})
	front, _ := startProxy(t, ProxyConfig{}, sse)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // only against a hang
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", front.URL+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	line, err := br.ReadString('\n')
	if err != nil || line != "data: one\n" {
		t.Fatalf("first event %q, %v: the answer was held back", line, err)
	}
	close(seen)
	rest, _ := io.ReadAll(br)
	if string(rest) != "\ndata: two\n\n" {
		t.Errorf("rest %q", rest)
	}
}

// TestProxyRecord: without a contract the proxy records every exchange
// as HAR with credentials redacted, and its log never shows a query
// string's API key.
func TestProxyRecord(t *testing.T) {
	var rec bytes.Buffer
	w, err := har.NewWriter(&rec, har.Creator{Name: "toolkit"}, &har.Redactor{Extra: []string{"X-Tenant"}})
	if err != nil {
		t.Fatal(err)
	}
	front, _ := startProxy(t, ProxyConfig{Record: w, Redact: []string{"X-Tenant"}}, fixture.Handler(fixture.Conforming))
	for _, r := range []struct{ method, path, body string }{
		{"GET", "/pets?limit=2&api_key=s3cr3t", ""},
		{"POST", "/pets", `{"name":"Rex","species":"dog"}`},
	} {
		req, _ := http.NewRequest(r.method, front.URL+r.path, strings.NewReader(r.body))
		req.Header.Set("Authorization", "Bearer tok.en.value")
		req.Header.Set("X-Tenant", "acme-corp")
		req.AddCookie(&http.Cookie{Name: "sid", Value: "c00kie"})
		if r.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	front.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"s3cr3t", "tok.en.value", "acme-corp", "c00kie"} {
		if strings.Contains(rec.String(), secret) {
			t.Errorf("the record holds %q", secret)
		}
	}
	var got []string
	err = har.Read(&rec, func(_ int, e *har.Entry) error {
		got = append(got, fmt.Sprintf("%s %s %d %s", e.Request.Method, e.Request.URL, e.Response.Status, har.Header(e.Request.Headers, "Authorization")))
		if e.Response.Content.Text == "" {
			t.Errorf("%s: no answer body recorded", e.Request.URL)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(front.URL, "http://")
	want := []string{
		"GET http://" + host + "/pets?limit=2&api_key=REDACTED 200 Bearer REDACTED",
		"POST http://" + host + "/pets 201 Bearer REDACTED",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
}

// TestProxyLogsAPIKeys (issue 22): a query string's credential never
// reaches the proxy's log.
func TestProxyLogsAPIKeys(t *testing.T) {
	doc, m := load(t, petstore)
	var log bytes.Buffer
	front, _ := startProxy(t, ProxyConfig{Doc: doc, Model: m, Log: &log}, fixture.Handler(fixture.Conforming))
	resp, err := http.Get(front.URL + "/nowhere?api_key=s3cr3t&access_token=t0ken&page=2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	front.Close()
	want := "GET /nowhere?api_key=REDACTED&access_token=REDACTED&page=2: unknown-operation"
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}

// TestProxyLargeRequestSmallAnswer: an answer to a request too large to
// check is not judged either (its checks need the request), and the log
// says so rather than passing it.
func TestProxyLargeRequestSmallAnswer(t *testing.T) {
	doc, m := load(t, petstore)
	var log bytes.Buffer
	front, p := startProxy(t, ProxyConfig{Doc: doc, Model: m, Log: &log, CheckBudget: 200}, fixture.Handler(fixture.Conforming))
	body := `{"name":"Rex","species":"dog"}` + strings.Repeat(" ", 300)
	resp, err := http.Post(front.URL+"/pets", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	front.Close()
	want := "POST /pets → 201: the answer was not checked: its request body was too large to check against"
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	if _, violations, sum := p.Summary(); violations != 0 || !strings.Contains(sum, "not checked (too large or cut short): 2") {
		t.Errorf("%d violations, summary:\n%s", violations, sum)
	}
}
