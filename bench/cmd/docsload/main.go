// Command docsload measures how long a browser takes to show the first
// operation of an API's reference page: toolkit's docs page (toolkit docs
// output) against Redocly's Redoc, the peer issue 20 names, rendering the
// same contract. Each run starts a fresh headless Chromium (cold cache),
// loads the page over a local HTTP server, and takes the page's own clock
// (performance.now, from navigation start) twice: shown, at the first frame
// after the first operation is in the document; usable, once the load
// event has also fired (every script run, a hydration included) and the
// next task got to run. It prints one line per page with the medians and
// the runs, which benchreport reads:
//
//	toolkit 0.412s [0.405s 0.412s 0.430s] usable 0.610s [...]
//	redoc 7.210s [...] usable 7.300s [...]
//	redocly 2.100s [...] usable 95.000s [...]
//
// "redoc" is Redoc's standalone bundle rendering the contract in the page;
// "redocly" is the page Redocly CLI's build-docs pre-renders.
//
// Usage:
//
// Exit status 3: no Chromium to run.
//
//	docsload -toolkit DOCS_DIR -spec CONTRACT.json -redoc redoc.standalone.js -redocly redoc-static.html [-runs 3]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A page under test: where it is served and which element shows that its
// first operation is drawn.
type target struct {
	name, path, selector string
}

// redocOperation matches an operation's section in Redoc's markup, which
// Redocly's pre-rendered pages share.
const redocOperation = `[data-section-id^="operation/"]`

var (
	cdnScript = regexp.MustCompile(`https?://[^"']*/redoc\.standalone\.js`)
	integrity = regexp.MustCompile(` integrity="[^"]*"`)
)

// redocPage loads Redoc's standalone bundle and has it fetch and render the
// contract, as Redoc's own HTML template does.
const redocPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Redoc</title></head>
<body><div id="redoc"></div>
<script src="redoc.standalone.js"></script>
<script>Redoc.init("spec", {}, document.getElementById("redoc"));</script>
</body></html>
`

// readyScript runs in every document before its own scripts: it watches
// the DOM for the selector and records the page clock at the start of the
// first frame after it matched, the frame that paints it. (Not later: a
// page may paint its pre-rendered HTML and then run a script for minutes.)
const readyScript = `(() => {
  const sel = %q;
  let seen = false;
  // Only the nodes each mutation adds are looked at: querying the whole
  // document at every step of parsing a large page would slow that page.
  const obs = new MutationObserver((records) => {
    for (const rec of records) {
      for (const n of rec.addedNodes) {
        if (seen || n.nodeType !== 1 || !(n.matches(sel) || n.querySelector(sel))) continue;
        seen = true;
        obs.disconnect();
        requestAnimationFrame(() => { window.__docsReady = performance.now(); });
        return;
      }
    }
  });
  obs.observe(document, {childList: true, subtree: true});
  // Usable: the load event has fired (every script of the page has run,
  // a hydration included) and the next task got to run.
  addEventListener("load", () => setTimeout(() => { window.__docsLoaded = performance.now(); }, 0));
})();`

func main() {
	docs := flag.String("toolkit", "", "folder holding toolkit docs' index.html for the contract")
	spec := flag.String("spec", "", "the contract (JSON or YAML) Redoc renders")
	redoc := flag.String("redoc", "", "Redoc's redoc.standalone.js (npm package redoc, bundles/), rendering -spec in the browser; empty: not measured")
	redocly := flag.String("redocly", "", "the page Redocly CLI's build-docs wrote for the same contract (pre-rendered HTML; its CDN script is served from -redoc); empty: not measured")
	runs := flag.Int("runs", 3, "loads of each page, each in a fresh browser")
	chromium := flag.String("chromium", "", "Chromium to run (default: $CHROMIUM, chromium or chromium-browser on PATH)")
	timeout := flag.Duration("timeout", 10*time.Minute, "longest wait for one page")
	only := flag.String("pages", "toolkit,redoc,redocly", "which of the pages given to load")
	flag.Parse()
	if err := run(*docs, *spec, *redoc, *redocly, *chromium, *only, *runs, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "docsload:", err)
		if err == errNoChromium {
			os.Exit(3) // benchreport reports the row as not measured
		}
		os.Exit(1)
	}
}

// errNoChromium ends a run on a machine without a browser: exit status 3.
var errNoChromium = errors.New("no Chromium found (set -chromium or $CHROMIUM)")

func run(docs, spec, redoc, redocly, chromium, only string, runs int, timeout time.Duration) error {
	if docs == "" {
		return errors.New("-toolkit is required")
	}
	if chromium == "" {
		chromium = findChromium()
	}
	if chromium == "" {
		return errNoChromium
	}
	mux := http.NewServeMux()
	mux.Handle("/toolkit/", http.StripPrefix("/toolkit/", http.FileServer(http.Dir(docs))))
	targets := []target{{"toolkit", "/toolkit/index.html", "main article.op"}}
	if redoc != "" {
		if spec == "" {
			return errors.New("-redoc needs -spec")
		}
		mux.HandleFunc("/redoc/index.html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, redocPage)
		})
		mux.HandleFunc("/redoc/redoc.standalone.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, redoc) })
		mux.HandleFunc("/redoc/spec", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, spec) })
		targets = append(targets, target{"redoc", "/redoc/index.html", redocOperation})
	}
	if redocly != "" {
		if redoc == "" {
			return errors.New("-redocly needs -redoc, the bundle its page loads")
		}
		html, err := os.ReadFile(redocly)
		if err != nil {
			return err
		}
		// The page loads Redoc from Redocly's CDN, which a benchmark
		// must not reach: it gets the same bundle from here.
		html = cdnScript.ReplaceAll(html, []byte("redoc.standalone.js"))
		html = integrity.ReplaceAll(html, nil)
		mux.HandleFunc("/redocly/index.html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(html)
		})
		mux.HandleFunc("/redocly/redoc.standalone.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, redoc) })
		targets = append(targets, target{"redocly", "/redocly/index.html", redocOperation})
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	for _, t := range targets {
		if !slices.Contains(strings.Split(only, ","), t.name) {
			continue
		}
		var shown, usable []time.Duration
		for range runs {
			tm, err := load(chromium, base+t.path, t.selector, timeout)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			shown, usable = append(shown, tm.shown), append(usable, tm.usable)
		}
		fmt.Printf("%s %s usable %s\n", t.name, medianOf(shown), medianOf(usable))
	}
	return nil
}

// medianOf is the median of ds and the runs, as "0.412s [0.405s 0.412s 0.430s]".
func medianOf(ds []time.Duration) string {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	var each []string
	for _, d := range ds {
		each = append(each, secs(d))
	}
	return secs(sorted[len(sorted)/2]) + " [" + strings.Join(each, " ") + "]"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

// load opens url in a fresh headless Chromium and returns the page clock
// when the first element matching selector was painted.
func load(chromium, url, selector string, timeout time.Duration) (timing, error) {
	dir, err := os.MkdirTemp("", "docsload-chromium-")
	if err != nil {
		return timing{}, err
	}
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// The first Run starts the browser: it must not carry the timeout.
	if err := chromedp.Do(bctx); err != nil {
		return timing{}, fmt.Errorf("starting %s: %w", chromium, err)
	}
	ctx, cancel := context.WithTimeout(bctx, timeout)
	defer cancel()
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(readyScript, selector)})
			return err
		}),
		chromedp.Navigate(url),
	)
	var clocks []float64
	if err == nil {
		clocks, err = chromedp.Run(ctx, chromedp.Poll[[]float64]("window.__docsReady && window.__docsLoaded && [window.__docsReady, window.__docsLoaded]", chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	}
	if err != nil {
		return timing{}, fmt.Errorf("loading %s (waiting for %s and the load event): %w", url, selector, err)
	}
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	return timing{shown: ms(clocks[0]), usable: ms(max(clocks[0], clocks[1]))}, nil
}

// timing is one load of a page: when its first operation was painted, and
// when it was also loaded with its main thread free.
type timing struct{ shown, usable time.Duration }

// findChromium is $CHROMIUM, or a Chromium or Chrome on PATH. It and the
// options in load are those of toolkit's internal/headless, repeated here
// because the bench module pins the peers' dependencies and does not
// depend on toolkit's module.
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
