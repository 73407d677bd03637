package docs

// Browser tests: the generated page opened from file:// in headless
// Chromium through chromedp. One browser serves the whole test binary;
// each test opens its own tab. Without Chromium the tests skip, unless CI
// is set: there they must run (.ci/run installs chromium).

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/internal/headless"
)

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel func()
)

// browser returns the shared browser, starting it on first use.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path := headless.Find()
		if path == "" {
			browserErr = fmt.Errorf("no chromium found (apt-get install chromium, or set CHROMIUM)")
			return
		}
		dir, err := os.MkdirTemp("", "toolkit-docs-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts := headless.Options(path, dir)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		if err := chromedp.Do(bctx); err != nil {
			cancelBrowser()
			cancelAlloc()
			browserErr = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		browserCtx = bctx
		browserCancel = func() {
			cancelBrowser()
			cancelAlloc()
			os.RemoveAll(dir)
		}
	})
	if browserErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests must run in CI: %v", browserErr)
		}
		t.Skipf("skipping browser test: %v", browserErr)
	}
	return browserCtx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browserCancel != nil {
		browserCancel()
	}
	os.Exit(code)
}

// tab is one page in the shared browser, with everything it reported.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	requests []string // URLs of every request other than file: and data:
	problems []string // console errors, uncaught exceptions, CSP reports
}

// openTab opens a tab that records network requests and errors.
func openTab(t *testing.T) *tab {
	t.Helper()
	tb := &tab{}
	listener := func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				tb.requests = append(tb.requests, u)
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tb.problems = append(tb.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				tb.problems = append(tb.problems, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithListener(listener))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	tb.ctx = ctx
	return tb
}

// do runs actions in the tab, failing the test on error.
func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// poll waits until a JavaScript expression is true, up to 5 seconds.
func poll(tb *tab, expr string) error {
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(5*time.Second)))
	return err
}

// clean fails the test if the page made a request or reported a problem.
func (tb *tab) clean(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, r := range tb.requests {
		t.Errorf("the page made a network request: %s", r)
	}
	for _, p := range tb.problems {
		t.Errorf("the page reported: %s", p)
	}
}

// writePage generates the docs of a contract into a temporary folder and
// returns the page's file:// URL.
func writePage(t *testing.T, contractPath string, opts Options) (pageURL string, files []generator.File) {
	t.Helper()
	files, err := Generate(load(t, contractPath), opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := generator.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "index.html"))}).String(), files
}

// artifacts is where screenshots go: $TOOLKIT_ARTIFACTS, or a folder that
// outlives the test run, logged.
func artifacts(t *testing.T) string {
	dir := os.Getenv("TOOLKIT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "toolkit-docs-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowserPage loads the kitchen-sink page: no errors, no requests,
// every operation drawn and listed, search filtering, schema expansion,
// screenshots in light and dark.
func TestBrowserPage(t *testing.T) {
	for _, mode := range pageModes {
		t.Run(mode.name, func(t *testing.T) { testBrowserPage(t, mode.name, mode.opts) })
	}
}

// pageModes are the two ways a page draws operations: in full, and (for
// large contracts) on demand from JSON.
var pageModes = []struct {
	name string
	opts Options
}{
	{"inline", Options{LazyAbove: -1}},
	{"lazy", Options{LazyAbove: 1}},
}

func testBrowserPage(t *testing.T, mode string, opts Options) {
	const contractPath = "../../testdata/contracts/kitchensink/openapi.yaml"
	m := load(t, contractPath)
	page, _ := writePage(t, contractPath, opts)
	tb := openTab(t)
	tb.do(t, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#main article.op")))
	ids := eval[[]string](t, tb, `Array.from(document.querySelectorAll("main article.op")).map(a => a.id)`)
	listed := eval[[]string](t, tb, `Array.from(document.querySelectorAll("#sidebar li[data-q] a")).map(a => a.getAttribute("href").slice(1))`)
	if len(ids) != len(m.Operations) {
		t.Errorf("page draws %d operations, the contract has %d", len(ids), len(m.Operations))
	}
	for _, o := range m.Operations {
		want := "operation-" + sanitize(o.ID)
		if !contains(ids, want) {
			t.Errorf("operation %s (%s %s) has no #%s on the page", o.ID, o.Method, o.Path, want)
		}
		if !contains(listed, want) {
			t.Errorf("operation %s is not in the sidebar", o.ID)
		}
	}

	// Typing filters the sidebar as you type: "upload" matches exactly
	// the operations whose method, path, summary, id or tags contain it,
	// listed once per tag.
	wantShown := 0
	for _, o := range m.Operations {
		text := strings.ToLower(strings.Join(append([]string{o.Method, o.Path, o.Summary, o.ID}, o.Tags...), " "))
		if strings.Contains(text, "upload") {
			wantShown += len(uniq(o.Tags, 1))
		}
	}
	if wantShown == 0 || wantShown >= len(listed) {
		t.Fatalf("the test needs some but not all operations to match \"upload\" (%d of %d)", wantShown, len(listed))
	}
	tb.do(t, chromedp.SendKeys(chromedp.CSS("#search"), "upload"))
	shown := eval[int](t, tb, `document.querySelectorAll("#sidebar li[data-q]:not([hidden])").length`)
	if shown != wantShown {
		t.Errorf("after typing \"upload\", %d sidebar entries are shown, want %d", shown, wantShown)
	}
	if count := eval[string](t, tb, `document.getElementById("search-count").textContent`); !strings.HasPrefix(count, fmt.Sprintf("%d of %d", wantShown, len(listed))) {
		t.Errorf("search count says %q", count)
	}
	tb.do(t, chromedp.SendKeys(chromedp.CSS("#search"), "\u001b")) // Escape clears the filter
	if all := eval[int](t, tb, `document.querySelectorAll("#sidebar li[data-q]:not([hidden])").length`); all != len(listed) {
		t.Errorf("after Escape, %d entries are shown, want all %d", all, len(listed))
	}

	// A reference to a shared schema expands in place when opened.
	tb.do(t, chromedp.Navigate(page+"#operation-createItem"), chromedp.WaitVisible(chromedp.ID("operation-createItem")))
	if err := poll(tb, `document.querySelector("#operation-createItem .cols") !== null`); err != nil {
		t.Fatalf("the operation's body was not drawn: %v", err)
	}
	// At 1400 px the documentation and the samples sit side by side.
	if ratio := eval[float64](t, tb, `document.querySelector("#operation-createItem .samples").getBoundingClientRect().width / document.getElementById("operation-createItem").getBoundingClientRect().width`); ratio < 0.4 {
		t.Errorf("the samples column is %.0f%% of the operation's width, want two columns", ratio*100)
	}
	eval[bool](t, tb, `(() => { const d = document.querySelector("main article.op td details.ref, main article.op .content details.ref"); d.open = true; return true; })()`)
	if err := poll(tb, `document.querySelector("main article.op details.ref[open] .schema-copy") !== null`); err != nil {
		t.Errorf("opening a schema reference did not draw the schema: %v", err)
	}

	dir := artifacts(t)
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		tb.do(t,
			chromedp.Navigate(page+"#operation-createItem"),
			chromedp.WaitVisible(chromedp.ID("operation-createItem")),
			chromedp.Sleep(300*time.Millisecond), // lazily expanded schemas settle before the picture
		)
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "kitchensink-"+mode+"-"+scheme+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
	tb.clean(t)
}

// TestBrowserDeepLink opens the page at an operation's anchor, and again
// after a reload: the operation must be in the viewport both times.
func TestBrowserDeepLink(t *testing.T) {
	for _, mode := range pageModes {
		t.Run(mode.name, func(t *testing.T) { testBrowserDeepLink(t, mode.opts) })
	}
}

func testBrowserDeepLink(t *testing.T, opts Options) {
	const contractPath = "../../testdata/contracts/kitchensink/openapi.yaml"
	m := load(t, contractPath)
	page, _ := writePage(t, contractPath, opts)
	// The last operation is drawn furthest down the page.
	target := "operation-" + sanitize(m.Operations[len(m.Operations)-1].ID)
	tb := openTab(t)
	inView := fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return window.scrollY > 0 && r.top >= -1 && r.top < window.innerHeight / 2; })()`, target)
	for _, step := range []string{"load", "reload"} {
		if step == "load" {
			tb.do(t, chromedp.Navigate(page+"#"+target))
		} else {
			tb.do(t, chromedp.Reload())
		}
		tb.do(t, chromedp.WaitVisible(chromedp.ID(target)))
		if err := poll(tb, inView); err != nil {
			top := eval[float64](t, tb, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, target))
			t.Errorf("after %s of #%s the operation is not at the top of the view (top %.0f, scrollY %.0f): %v", step, target, top, eval[float64](t, tb, "window.scrollY"), err)
		}
	}
	if current := eval[string](t, tb, `(document.querySelector("#sidebar a.current") || {}).hash || ""`); current != "#"+target {
		t.Errorf("sidebar marks %q as current, want #%s", current, target)
	}
	tb.clean(t)
}

// TestBrowserXSS opens the page of a contract whose every string carries a
// payload: nothing runs, nothing is fetched, the payloads show as text.
func TestBrowserXSS(t *testing.T) {
	for _, mode := range pageModes {
		t.Run(mode.name, func(t *testing.T) { testBrowserXSS(t, mode.opts) })
	}
}

func testBrowserXSS(t *testing.T, opts Options) {
	page, _ := writePage(t, "testdata/xss/openapi.yaml", opts)
	tb := openTab(t)
	tb.do(t,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS("#main")),
	)
	// Draw every lazily drawn operation, then open every <details> twice
	// (the first round expands schema
	// references, the second opens what they drew), so a payload hidden in
	// a collapsed tree gets its chance to run.
	for _, a := range eval[[]string](t, tb, `Array.from(document.querySelectorAll("main article.op")).map(a => a.id)`) {
		eval[bool](t, tb, fmt.Sprintf(`location.hash = %q, true`, "#"+a))
		if err := poll(tb, fmt.Sprintf(`document.getElementById(%q).querySelector(".cols") !== null`, a)); err != nil {
			t.Fatalf("operation %s not drawn: %v", a, err)
		}
	}
	for range 2 {
		eval[bool](t, tb, `document.querySelectorAll("details").forEach(d => d.open = true), true`)
		tb.do(t, chromedp.Sleep(200*time.Millisecond))
	}
	if eval[bool](t, tb, `window.__pwned !== undefined`) {
		t.Error("a payload ran: window.__pwned is set")
	}
	if n := eval[int](t, tb, `document.querySelectorAll("script").length`); n != 2 {
		t.Errorf("the page has %d <script> elements, want only its own two (code and schema data)", n)
	}
	if n := eval[int](t, tb, `document.querySelectorAll("script:not([type]), script[type]:not([type='application/json'])").length`); n != 1 {
		t.Errorf("the page has %d executable <script> elements, want only its own", n)
	}
	if n := eval[int](t, tb, `Array.from(document.querySelectorAll("*")).filter(e => Array.from(e.attributes).some(a => a.name.startsWith("on"))).length`); n != 0 {
		t.Errorf("%d elements carry on* event handler attributes", n)
	}
	if n := eval[int](t, tb, `document.querySelectorAll("img, iframe, object, embed, form, base, meta[http-equiv=refresh]").length`); n != 0 {
		t.Errorf("%d elements that load or navigate (img, iframe, object, embed, form, base, refresh)", n)
	}
	if bad := eval[[]string](t, tb, `Array.from(document.querySelectorAll("a[href]")).map(a => a.getAttribute("href")).filter(h => !/^(#|https?:|mailto:)/i.test(h))`); len(bad) != 0 {
		t.Errorf("links outside http, https, mailto and the page: %q", bad)
	}
	if title := eval[string](t, tb, `document.title`); !strings.Contains(title, "<script>window.__pwned=1</script>") {
		t.Errorf("the title does not show its payload as text: %q", title)
	}
	body := eval[string](t, tb, `document.body.innerText`)
	for _, want := range []string{
		`<script>window.__pwned=1</script>`,
		`"><img src=x onerror="window.__pwned=1">`,
		`</details></summary></code></pre></td></table>`,
		`$(touch /tmp/pwned)`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
	tb.clean(t)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// uniq returns the distinct strings of list, or n placeholders when empty.
func uniq(list []string, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return make([]string, n)
	}
	return out
}
