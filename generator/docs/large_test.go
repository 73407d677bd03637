package docs

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/contractfirst/toolkit/generator"
)

// largeContract is an opt-in contract for size and speed measurements:
// GitHub's REST description (npm @octokit/openapi,
// generated/api.github.com.json), named by $TOOLKIT_DOCS_LARGE.
func largeContract(tb testing.TB) string {
	p := os.Getenv("TOOLKIT_DOCS_LARGE")
	if p == "" {
		tb.Skip("set TOOLKIT_DOCS_LARGE to a large contract (e.g. GitHub's api.github.com.json) to run")
	}
	return p
}

// TestBrowserLarge renders a large contract and opens it: every operation
// must be on the page, with no errors or requests. It logs the page size
// and the time from navigation to the first operation being visible (a
// figure for the README, not an assertion).
func TestBrowserLarge(t *testing.T) {
	path := largeContract(t)
	m := load(t, path)
	start := time.Now()
	files, err := Generate(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated in %v: %d operations, %s %d bytes, %s %d bytes", time.Since(start).Round(time.Millisecond), len(m.Operations), files[0].Name, len(files[0].Data), files[1].Name, len(files[1].Data))
	dir := t.TempDir()
	if err := generator.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	tb := openTab(t)
	start = time.Now()
	tb.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dir, "index.html"))), chromedp.WaitVisible(chromedp.CSS("main article.op")))
	t.Logf("navigate to first operation visible: %v", time.Since(start).Round(time.Millisecond))
	t.Logf("browser timings (ms): %s", eval[string](t, tb, `(() => { const n = performance.getEntriesByType("navigation")[0]; const p = performance.getEntriesByName("first-contentful-paint")[0]; return JSON.stringify({firstContentfulPaint: p && Math.round(p.startTime), domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd)}); })()`))
	if err := poll(tb, `document.querySelector("main article.op .cols") !== null`); err != nil {
		t.Fatalf("the first operation's body was never drawn: %v", err)
	}
	t.Logf("first operation's body drawn at %.0f ms after navigation start", eval[float64](t, tb, "performance.now()"))
	n := eval[int](t, tb, `document.querySelectorAll("main article.op").length`)
	nodes := eval[int](t, tb, `document.getElementsByTagName("*").length`)
	t.Logf("%d operations drawn, %d DOM elements", n, nodes)
	if n != len(m.Operations) {
		t.Errorf("page draws %d operations, want %d", n, len(m.Operations))
	}
	start = time.Now()
	tb.do(t, chromedp.SendKeys(chromedp.CSS("#search"), "pulls"))
	t.Logf("filter %q: %d shown, %v", "pulls", eval[int](t, tb, `document.querySelectorAll("#sidebar li[data-q]:not([hidden])").length`), time.Since(start).Round(time.Millisecond))
	last := "operation-" + sanitize(m.Operations[len(m.Operations)-1].ID)
	start = time.Now()
	tb.do(t, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dir, "index.html"))+"#"+last), chromedp.WaitVisible(chromedp.ID(last)))
	t.Logf("deep link to the last operation visible: %v", time.Since(start).Round(time.Millisecond))
	tb.clean(t)
}

// BenchmarkGenerateLarge measures rendering a large contract's docs.
func BenchmarkGenerateLarge(b *testing.B) {
	m := load(b, largeContract(b))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Generate(m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
