package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// redoclyVersion is the Redocly CLI whose build-docs page the docs row is
// measured against. Its 1.x line pre-renders every operation into the page
// (the 2.x line renders only an overview, operations on navigation, so it
// has no comparable "first operation shown"), and it brings the Redoc
// bundle (2.5) the page loads.
const redoclyVersion = "1.34.5"

// docsLoadResult is issue 20's browser row: how long headless Chromium
// takes to show the first operation of GitHub's reference, on toolkit's
// docs page, on the page Redocly CLI's build-docs writes, and with Redoc's
// bundle rendering the contract in the page (bench/cmd/docsload measures
// all three in one run, each load in a fresh browser).
type docsLoadResult struct {
	runs                    int
	toolkit, redoc, redocly pageTiming
	redoclyBuild            time.Duration // redocly build-docs, for reference
	skipped                 string        // why nothing or part was measured
}

// pageTiming is docsload's medians for one page: the first operation
// painted, and the page loaded with its main thread free.
type pageTiming struct{ shown, usable time.Duration }

// measureDocsLoad writes GitHub's docs with toolkit and with Redocly CLI
// (installed with npm into npmDir on first use) and times both pages in
// the browser. What cannot run (no Chromium, no npm) is said in skipped,
// never shown as a figure.
func measureDocsLoad(toolkitBin, work, github, npmDir string, runs int) (*docsLoadResult, error) {
	r := &docsLoadResult{runs: runs}
	if !fileExists(github) {
		r.skipped = "GitHub's description is missing (" + github + ")"
		return r, nil
	}
	docs := filepath.Join(work, "docs-github")
	if _, out, err := runMeasured(exec.Command(toolkitBin, "docs", "--contract", github, "--out", docs)); err != nil {
		return nil, fmt.Errorf("toolkit docs: %w\n%s", err, tail(string(out), 500))
	}
	docsload := filepath.Join(work, "bin", "docsload")
	build := exec.Command(goBin(), "build", "-o", docsload, "./cmd/docsload")
	if msg, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building docsload: %v\n%s", err, msg)
	}
	args := []string{"-toolkit", docs, "-spec", github, "-runs", fmt.Sprint(runs)}
	if redocly, err := installRedocly(npmDir); err != nil {
		r.skipped = "Redocly CLI could not be installed: " + err.Error()
	} else {
		page := filepath.Join(work, "redocly-github.html")
		s, out, err := runMeasured(exec.Command(redocly, "build-docs", github, "-o", page))
		if err != nil {
			return nil, fmt.Errorf("redocly build-docs: %w\n%s", err, tail(string(out), 500))
		}
		r.redoclyBuild = s.wall
		bundle := filepath.Join(npmDir, "node_modules", "redoc", "bundles", "redoc.standalone.js")
		args = append(args, "-redoc", bundle, "-redocly", page)
	}
	cmd := exec.Command(docsload, args...)
	_, out, err := runMeasured(cmd)
	if err != nil && cmd.ProcessState != nil && cmd.ProcessState.ExitCode() == 3 {
		r.skipped = "no Chromium on this machine (apt-get install chromium, or set CHROMIUM)"
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("docsload: %w", err)
	}
	if err := r.read(out); err != nil {
		return nil, err
	}
	return r, nil
}

// read takes the medians from docsload's output.
func (r *docsLoadResult) read(out []byte) error {
	for _, m := range docsLoadLine.FindAllStringSubmatch(string(out), -1) {
		shown, err1 := time.ParseDuration(m[2])
		usable, err2 := time.ParseDuration(m[3])
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("docsload printed %q: %w", m[0], err)
		}
		t := pageTiming{shown, usable}
		switch m[1] {
		case "toolkit":
			r.toolkit = t
		case "redoc":
			r.redoc = t
		case "redocly":
			r.redocly = t
		}
	}
	if r.toolkit.usable == 0 {
		return fmt.Errorf("docsload printed no toolkit time: %s", tail(string(out), 500))
	}
	return nil
}

var docsLoadLine = regexp.MustCompile(`(?m)^(toolkit|redoc|redocly) (\S+) \[[^]]*\] usable (\S+) `)

// installRedocly returns npmDir's redocly command, installing Redocly CLI
// there with npm when it is not yet.
func installRedocly(npmDir string) (string, error) {
	bin := filepath.Join(npmDir, "node_modules", ".bin", "redocly")
	if fileExists(bin) {
		return bin, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("no npm: %w", err)
	}
	if err := os.MkdirAll(npmDir, 0o755); err != nil {
		return "", err
	}
	logf("installing Redocly CLI %s into %s", redoclyVersion, npmDir)
	cmd := exec.Command(npm, "install", "--prefix", npmDir, "--no-audit", "--no-fund", "@redocly/cli@"+redoclyVersion)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v\n%s", err, tail(string(msg), 1000))
	}
	return bin, nil
}

// markdown writes the browser rows: toolkit's page against Redocly's
// (the goal) and against Redoc rendering in the page (for reference).
func (r *docsLoadResult) markdown(b *strings.Builder) {
	if r == nil {
		return
	}
	fmt.Fprintf(b, "\n## Docs in the browser (issue 20)\n\nGitHub's reference in headless Chromium, each load in a fresh browser over loopback, median of %d, on the page's own clock from navigation start (bench/cmd/docsload): *shown* is the first frame after the first operation is in the document; *loaded* is when the load event has also fired (every script run, a hydration included) and the next task got to run. Redocly is the page `redocly build-docs` (Redocly CLI %s) writes, with operations pre-rendered and its Redoc bundle served locally; Redoc is Redoc's bundle rendering the contract in the page.\n\n", r.runs, redoclyVersion)
	if r.toolkit.usable == 0 {
		fmt.Fprintf(b, "Not measured: %s.\n", r.skipped)
		return
	}
	b.WriteString("| measure | toolkit | peer | ratio | goal | |\n|---|--:|--:|--:|---|---|\n")
	row := func(what string, ours, peer time.Duration, goal string) {
		if peer == 0 {
			fmt.Fprintf(b, "| %s | %.2f s | not measured | – | %s | |\n", what, ours.Seconds(), goal)
			return
		}
		ratio := ours.Seconds() / peer.Seconds()
		verdict := ""
		if goal != "" {
			verdict = mark(ratio <= 0.3)
		}
		fmt.Fprintf(b, "| %s | %.2f s | %.2f s | %.2f | %s | %s |\n", what, ours.Seconds(), peer.Seconds(), ratio, goal, verdict)
	}
	row("docs GitHub loaded / Redocly build-docs page", r.toolkit.usable, r.redocly.usable, "≤ 0.3×")
	row("docs GitHub first operation shown / Redocly build-docs page", r.toolkit.shown, r.redocly.shown, "")
	row("docs GitHub loaded / Redoc rendering the contract", r.toolkit.usable, r.redoc.usable, "")
	if r.redoclyBuild > 0 {
		fmt.Fprintf(b, "\n`redocly build-docs` took %.1f s to write its page (toolkit's docs build is in the table above).\n", r.redoclyBuild.Seconds())
	}
	if r.skipped != "" {
		fmt.Fprintf(b, "\n%s.\n", r.skipped)
	}
}
