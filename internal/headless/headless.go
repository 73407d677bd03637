// Package headless starts Chromium the way toolkit's browser tests and
// benchmarks need it: headless, sandbox off (CI runs as root), and none of
// the background connections a closed network refuses by the dozen.
package headless

import (
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns $CHROMIUM, or the first Chromium or Chrome binary on PATH;
// "" when there is none.
func Find() string {
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

// Options are the allocator options running the browser at path with its
// profile in userDataDir (a fresh one gives a cold cache) and a desktop
// window.
func Options(path, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1400, 900),
	}
}
