package validate

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/internal/fixture"
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
