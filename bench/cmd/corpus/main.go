// Command corpus runs code generators over a list of real contracts and
// records, for each contract and generator, whether the generated code
// builds and vets, how long generation took and how much memory it used.
//
// It writes one TSV row per (contract, generator) and a Markdown summary:
// success rates per OpenAPI version, failure categories, and generation
// time (median, p90, max), overall and by size band.
//
// Usage (see the Makefile's corpus target):
//
//	corpus -list ../shared/corpus/dev.tsv -toolkit bin/toolkit \
//	       -oapi-codegen bin/oapi-codegen -ogen bin/ogen -out corpus-report
//
// The peers' generated code needs their runtime libraries, so it is built
// inside this module (bench/), whose go.mod requires them; toolkit's output
// needs only the standard library and is built in a scratch module.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Outcomes, in the order the summary lists them.
const (
	outOK       = "ok"
	outInvalid  = "invalid-contract"
	outGenError = "gen-error"
	outBuild    = "build-error"
	outVet      = "vet-error"
	outPanic    = "panic"
	outTimeout  = "timeout"
	outSkipped  = "skipped"
)

var outcomes = []string{outOK, outInvalid, outGenError, outBuild, outVet, outPanic, outTimeout, outSkipped}

// contractEntry is one row of the corpus list.
type contractEntry struct {
	File       string // path as listed
	Path       string // resolved path on disk
	Name       string // safe identifier for folders
	OpenAPI    string // "3.0", "3.1", "2.0"
	Bytes      int64
	Operations int
}

// result is one (contract, generator) run.
type result struct {
	Contract   contractEntry
	Generator  string
	Outcome    string
	FirstError string
	GenTime    time.Duration
	PeakRSSKB  int64
	Lines      int
	// BuildTime and BuildRSSKB are go build's wall time and peak memory
	// (the compiler's, which dominates), zero when the build did not run.
	BuildTime  time.Duration
	BuildRSSKB int64
}

type config struct {
	list, out, work       string
	extra                 string
	toolkit, oapi, ogen   string
	only                  string
	limit                 int
	timeout, buildTimeout time.Duration
	skipBuild             bool
	toolkitFlags          string
	notes                 string
	fromTSV               string
}

func main() {
	var c config
	flag.StringVar(&c.list, "list", "../shared/corpus/dev.tsv", "TSV listing the contracts (file, source, openapi, bytes, operations)")
	flag.StringVar(&c.extra, "extra", "", "comma-separated extra contracts as VERSION:OPS:PATH (e.g. 3.0:1100:/tmp/api.github.com.json)")
	flag.StringVar(&c.out, "out", "corpus-report", "folder for results.tsv and summary.md")
	flag.StringVar(&c.work, "work", "", "scratch folder (default: a temp folder; peers build under bench/.corpus-work)")
	flag.StringVar(&c.toolkit, "toolkit", "", "path to the toolkit binary (empty: skip)")
	flag.StringVar(&c.oapi, "oapi-codegen", "", "path to the oapi-codegen binary (empty: skip)")
	flag.StringVar(&c.ogen, "ogen", "", "path to the ogen binary (empty: skip)")
	flag.StringVar(&c.only, "only", "", "substring a contract file must contain")
	flag.IntVar(&c.limit, "limit", 0, "run at most this many contracts (0: all)")
	flag.DurationVar(&c.timeout, "timeout", 60*time.Second, "generation time limit per contract")
	flag.DurationVar(&c.buildTimeout, "build-timeout", 5*time.Minute, "build and vet time limit per contract")
	flag.BoolVar(&c.skipBuild, "skip-build", false, "only generate; do not build or vet")
	flag.StringVar(&c.toolkitFlags, "toolkit-flags", "", "space-separated extra flags for toolkit gen, e.g. --lenient for a second run over what failed")
	flag.StringVar(&c.fromTSV, "from-tsv", "", "comma-separated results.tsv files to summarize instead of running (rows of several runs, such as the peers' from an earlier one, combine)")
	flag.StringVar(&c.notes, "notes", "", "Markdown file appended to summary.md (figures measured outside the run, such as the largest contracts)")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
}

func run(c config) error {
	if c.fromTSV != "" {
		return summarizeFiles(c)
	}
	entries, err := readList(c.list)
	if err != nil {
		return err
	}
	for _, e := range strings.Split(c.extra, ",") {
		if e == "" {
			continue
		}
		parts := strings.SplitN(e, ":", 3)
		if len(parts) != 3 {
			return fmt.Errorf("-extra %q: want VERSION:OPS:PATH", e)
		}
		ops, _ := strconv.Atoi(parts[1])
		st, err := os.Stat(parts[2])
		if err != nil {
			return err
		}
		entries = append(entries, contractEntry{File: parts[2], Path: parts[2], Name: safeName(filepath.Base(parts[2])), OpenAPI: parts[0], Bytes: st.Size(), Operations: ops})
	}
	var selected []contractEntry
	for _, e := range entries {
		if c.only != "" && !strings.Contains(e.File, c.only) {
			continue
		}
		selected = append(selected, e)
		if c.limit > 0 && len(selected) == c.limit {
			break
		}
	}
	benchDir, err := moduleRoot()
	if err != nil {
		return err
	}
	work := c.work
	if work == "" {
		work, err = os.MkdirTemp("", "corpus-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	peerWork := filepath.Join(benchDir, ".corpus-work")
	defer os.RemoveAll(peerWork)

	gens := []generatorRun{}
	if c.toolkit != "" {
		gens = append(gens, toolkitGen(c.toolkit, work, strings.Fields(c.toolkitFlags)))
	}
	if c.oapi != "" {
		gens = append(gens, oapiGen(c.oapi, peerWork))
	}
	if c.ogen != "" {
		gens = append(gens, ogenGen(c.ogen, peerWork))
	}
	if len(gens) == 0 {
		return errors.New("no generator given (-toolkit, -oapi-codegen, -ogen)")
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	var results []result
	for i, e := range selected {
		for _, g := range gens {
			r := g.run(c, e)
			results = append(results, r)
			fmt.Fprintf(os.Stderr, "[%d/%d] %-12s %-16s %6.2fs %6d MB  %s %s\n", i+1, len(selected), g.name, r.Outcome,
				r.GenTime.Seconds(), r.PeakRSSKB/1024, e.File, r.FirstError)
		}
	}
	if err := writeTSV(filepath.Join(c.out, "results.tsv"), results); err != nil {
		return err
	}
	summary := summarize(results, gens)
	if c.notes != "" {
		notes, err := os.ReadFile(c.notes)
		if err != nil {
			return err
		}
		summary += "\n" + string(notes)
	}
	if err := os.WriteFile(filepath.Join(c.out, "summary.md"), []byte(summary), 0o644); err != nil {
		return err
	}
	fmt.Print(summary)
	return nil
}

// summarizeFiles writes summary.md (and a combined results.tsv) from
// earlier runs' results.tsv files.
func summarizeFiles(c config) error {
	var results []result
	var gens []generatorRun
	seen := map[string]bool{}
	for _, f := range strings.Split(c.fromTSV, ",") {
		rs, err := readTSV(f)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if !seen[r.Generator] {
				seen[r.Generator] = true
				gens = append(gens, generatorRun{name: r.Generator})
			}
		}
		results = append(results, rs...)
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(c.out, "results.tsv"), results); err != nil {
		return err
	}
	summary := summarize(results, gens)
	if c.notes != "" {
		notes, err := os.ReadFile(c.notes)
		if err != nil {
			return err
		}
		summary += "\n" + string(notes)
	}
	return os.WriteFile(filepath.Join(c.out, "summary.md"), []byte(summary), 0o644)
}

// readTSV reads a results.tsv written by writeTSV, by column name, so
// files from before a column was added still read.
func readTSV(path string) ([]result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[h] = i
	}
	var out []result
	for n, l := range lines[1:] {
		f := strings.Split(l, "\t")
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(f) {
				return f[i]
			}
			return ""
		}
		num := func(name string) float64 {
			x, _ := strconv.ParseFloat(get(name), 64)
			return x
		}
		if get("generator") == "" {
			return nil, fmt.Errorf("%s:%d: no generator column", path, n+2)
		}
		out = append(out, result{
			Contract:  contractEntry{File: get("file"), OpenAPI: get("openapi"), Operations: int(num("operations")), Bytes: int64(num("bytes"))},
			Generator: get("generator"), Outcome: get("outcome"), FirstError: get("first_error"),
			GenTime:   time.Duration(num("gen_seconds") * float64(time.Second)),
			PeakRSSKB: int64(num("peak_rss_mb") * 1024), Lines: int(num("lines")),
			BuildTime:  time.Duration(num("build_seconds") * float64(time.Second)),
			BuildRSSKB: int64(num("build_rss_mb") * 1024),
		})
	}
	return out, nil
}

// generatorRun knows how to generate one contract into a folder and where
// that folder's code is built.
type generatorRun struct {
	name string
	// gen returns the command generating into dir.
	gen func(e contractEntry, dir string) *exec.Cmd
	// dir is the output folder for a contract.
	dir func(e contractEntry) string
	// module is the folder to run go build/vet in; pkg the package path
	// relative to it.
	module func(e contractEntry) (moduleDir, pkg string)
	// invalidExit is the exit code meaning "the contract is invalid", or -1.
	invalidExit int
}

// toolkitGen runs toolkit gen with extra flags (such as --lenient) after
// the fixed ones.
func toolkitGen(bin, work string, extra []string) generatorRun {
	return generatorRun{
		name: "toolkit",
		gen: func(e contractEntry, dir string) *exec.Cmd {
			return exec.Command(bin, append([]string{"gen", "--contract", e.Path, "--out", dir, "--package", "api"}, extra...)...)
		},
		dir: func(e contractEntry) string { return filepath.Join(work, "toolkit", e.Name, "api") },
		module: func(e contractEntry) (string, string) {
			return filepath.Join(work, "toolkit", e.Name), "./api"
		},
		invalidExit: 2,
	}
}

func oapiGen(bin, peerWork string) generatorRun {
	return generatorRun{
		name: "oapi-codegen",
		gen: func(e contractEntry, dir string) *exec.Cmd {
			return exec.Command(bin, "-generate", "types,client,std-http,spec", "-package", "api", "-o", filepath.Join(dir, "api.gen.go"), e.Path)
		},
		dir: func(e contractEntry) string { return filepath.Join(peerWork, "oapi", e.Name) },
		module: func(e contractEntry) (string, string) {
			return filepath.Dir(peerWork), "./" + filepath.Join(filepath.Base(peerWork), "oapi", e.Name)
		},
		invalidExit: -1,
	}
}

func ogenGen(bin, peerWork string) generatorRun {
	return generatorRun{
		name: "ogen",
		gen: func(e contractEntry, dir string) *exec.Cmd {
			return exec.Command(bin, "-target", dir, "-package", "api", "-clean", e.Path)
		},
		dir: func(e contractEntry) string { return filepath.Join(peerWork, "ogen", e.Name) },
		module: func(e contractEntry) (string, string) {
			return filepath.Dir(peerWork), "./" + filepath.Join(filepath.Base(peerWork), "ogen", e.Name)
		},
		invalidExit: -1,
	}
}

func (g generatorRun) run(c config, e contractEntry) result {
	r := result{Contract: e, Generator: g.name}
	dir := g.dir(e)
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.Outcome, r.FirstError = outGenError, err.Error()
		return r
	}
	modDir, pkg := g.module(e)
	if g.name == "toolkit" {
		if err := os.WriteFile(filepath.Join(modDir, "go.mod"), []byte("module corpus\n\ngo 1.24\n"), 0o644); err != nil {
			r.Outcome, r.FirstError = outGenError, err.Error()
			return r
		}
	}
	cmd := g.gen(e, dir)
	out, code, dur, rss, timedOut := runCmd(cmd, c.timeout)
	r.GenTime, r.PeakRSSKB = dur, rss
	switch {
	case timedOut:
		r.Outcome, r.FirstError = outTimeout, fmt.Sprintf("generation exceeded %s", c.timeout)
		return r
	case bytes.Contains(out, []byte("panic:")) || bytes.Contains(out, []byte("goroutine ")):
		r.Outcome, r.FirstError = outPanic, firstLine(out, "panic:")
		return r
	case code != 0 && code == g.invalidExit:
		r.Outcome, r.FirstError = outInvalid, firstLine(out, "")
		return r
	case code != 0:
		r.Outcome, r.FirstError = outGenError, firstLine(out, "")
		return r
	}
	r.Lines = countLines(dir)
	if c.skipBuild {
		r.Outcome = outOK
		return r
	}
	for _, step := range []struct{ outcome, verb string }{{outBuild, "build"}, {outVet, "vet"}} {
		cmd := exec.Command(goBin(), step.verb, pkg)
		cmd.Dir = modDir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, code, dur, rss, timedOut := runCmd(cmd, c.buildTimeout)
		if step.verb == "build" {
			r.BuildTime, r.BuildRSSKB = dur, rss
		}
		if timedOut {
			r.Outcome, r.FirstError = outTimeout, step.verb+" exceeded "+c.buildTimeout.String()
			return r
		}
		if code != 0 {
			r.Outcome, r.FirstError = step.outcome, firstLine(out, "")
			return r
		}
	}
	r.Outcome = outOK
	os.RemoveAll(dir) // keep the scratch space small over 137 contracts
	return r
}

// runCmd runs cmd with a deadline and returns its combined output, exit
// code, wall time and peak resident memory in KB.
func runCmd(cmd *exec.Cmd, timeout time.Duration) (out []byte, code int, dur time.Duration, rssKB int64, timedOut bool) {
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return []byte(err.Error()), -1, 0, 0, false
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	select {
	case <-done:
	case <-ctx.Done():
		cmd.Process.Kill()
		<-done
		timedOut = true
	}
	dur = time.Since(start)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rssKB = ru.Maxrss
	}
	return buf.Bytes(), cmd.ProcessState.ExitCode(), dur, rssKB, timedOut
}

// firstLine returns the first line containing want (or the first non-empty
// line), trimmed to a readable length.
func firstLine(out []byte, want string) string {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := ""
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if first == "" {
			first = l
		}
		if want != "" && strings.Contains(l, want) {
			first = l
			break
		}
		if want == "" {
			break
		}
	}
	first = strings.ReplaceAll(first, "\t", " ")
	if len(first) > 200 {
		first = first[:200] + "…"
	}
	return first
}

func countLines(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			if b, err := os.ReadFile(p); err == nil {
				n += bytes.Count(b, []byte("\n"))
			}
		}
		return nil
	})
	return n
}

func goBin() string { return filepath.Join(runtime.GOROOT(), "bin", "go") }

// moduleRoot finds the bench module folder (the one holding this go.mod).
func moduleRoot() (string, error) {
	out, err := exec.Command(goBin(), "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run corpus from inside the bench module")
	}
	return filepath.Dir(gomod), nil
}

func readList(path string) ([]contractEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	base := filepath.Dir(path)
	var out []contractEntry
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 && strings.HasPrefix(line, "file\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns", path, i+1)
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		ops, _ := strconv.Atoi(f[4])
		out = append(out, contractEntry{
			File: f[0], Path: filepath.Join(base, f[0]), Name: safeName(strings.TrimSuffix(filepath.Base(f[0]), filepath.Ext(f[0]))),
			OpenAPI: f[2], Bytes: size, Operations: ops,
		})
	}
	return out, nil
}

// safeName makes a folder and Go-package-path friendly name.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return "c_" + b.String()
}

func writeTSV(path string, rs []result) error {
	var b strings.Builder
	b.WriteString("file\topenapi\toperations\tbytes\tgenerator\toutcome\tgen_seconds\tpeak_rss_mb\tlines\tbuild_seconds\tbuild_rss_mb\tfirst_error\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\t%s\t%s\t%.3f\t%.1f\t%d\t%.1f\t%.0f\t%s\n", r.Contract.File, r.Contract.OpenAPI, r.Contract.Operations,
			r.Contract.Bytes, r.Generator, r.Outcome, r.GenTime.Seconds(), float64(r.PeakRSSKB)/1024, r.Lines,
			r.BuildTime.Seconds(), float64(r.BuildRSSKB)/1024, r.FirstError)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// summarize renders the Markdown report.
func summarize(rs []result, gens []generatorRun) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Corpus report\n\n%s; %s, %s/%s, %d CPUs, %s RAM; %d contracts.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), memTotal(), len(rs)/max(len(gens), 1))
	if cpu := cpuModel(); cpu != "" {
		fmt.Fprintf(&b, "CPU: %s. Other work ran on the machine at the same time, so times are indicative; compare generators within a row.\n\n", cpu)
	}
	versions := map[string]bool{}
	for _, r := range rs {
		versions[r.Contract.OpenAPI] = true
	}
	vs := sortedKeys(versions)

	b.WriteString("## Success rate (builds and vets) per OpenAPI version\n\n| generator |")
	for _, v := range vs {
		fmt.Fprintf(&b, " %s |", v)
	}
	b.WriteString(" all |\n|---|")
	for range vs {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	for _, g := range gens {
		fmt.Fprintf(&b, "| %s |", g.name)
		for _, v := range append(vs, "") {
			ok, n := 0, 0
			for _, r := range rs {
				if r.Generator == g.name && (v == "" || r.Contract.OpenAPI == v) {
					n++
					if r.Outcome == outOK {
						ok++
					}
				}
			}
			fmt.Fprintf(&b, " %d/%d (%.0f%%) |", ok, n, pct(ok, n))
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## Outcomes\n\n| generator |")
	for _, o := range outcomes {
		fmt.Fprintf(&b, " %s |", o)
	}
	b.WriteString("\n|---|")
	for range outcomes {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, g := range gens {
		fmt.Fprintf(&b, "| %s |", g.name)
		for _, o := range outcomes {
			n := 0
			for _, r := range rs {
				if r.Generator == g.name && r.Outcome == o {
					n++
				}
			}
			fmt.Fprintf(&b, " %d |", n)
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## Generation time and peak memory (runs that generated)\n\n| generator | median s | p90 s | max s | median MB | max MB |\n|---|---|---|---|---|---|\n")
	for _, g := range gens {
		var ts, ms []float64
		for _, r := range rs {
			if r.Generator == g.name && r.Outcome != outGenError && r.Outcome != outTimeout && r.Outcome != outPanic && r.Outcome != outInvalid {
				ts = append(ts, r.GenTime.Seconds())
				ms = append(ms, float64(r.PeakRSSKB)/1024)
			}
		}
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %.0f | %.0f |\n", g.name, quantile(ts, 0.5), quantile(ts, 0.9), quantile(ts, 1), quantile(ms, 0.5), quantile(ms, 1))
	}

	b.WriteString("\n## Generated code (runs that built and vetted) and its build\n\n| generator | median lines | max lines | median build s | max build s | median build MB | max build MB |\n|---|---|---|---|---|---|---|\n")
	for _, g := range gens {
		var ls, bt, bm []float64
		for _, r := range rs {
			if r.Generator == g.name && r.Outcome == outOK && r.Lines > 0 {
				ls = append(ls, float64(r.Lines))
			}
			if r.Generator == g.name && r.BuildTime > 0 {
				bt = append(bt, r.BuildTime.Seconds())
				bm = append(bm, float64(r.BuildRSSKB)/1024)
			}
		}
		if len(bt) == 0 {
			// Rows from a run that did not record builds.
			fmt.Fprintf(&b, "| %s | %.0f | %.0f | n/a | n/a | n/a | n/a |\n", g.name, quantile(ls, 0.5), quantile(ls, 1))
			continue
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.0f | %.1f | %.1f | %.0f | %.0f |\n", g.name, quantile(ls, 0.5), quantile(ls, 1), quantile(bt, 0.5), quantile(bt, 1), quantile(bm, 0.5), quantile(bm, 1))
	}

	bands := []struct {
		name   string
		lo, hi int
	}{{"0–10 ops", 0, 10}, {"11–50 ops", 11, 50}, {"51–200 ops", 51, 200}, {"201–1000 ops", 201, 1000}, {">1000 ops", 1001, 1 << 30}}
	b.WriteString("\n## Generation time by size band (median s / max s, contracts)\n\n| band |")
	for _, g := range gens {
		fmt.Fprintf(&b, " %s |", g.name)
	}
	b.WriteString("\n|---|")
	for range gens {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, band := range bands {
		fmt.Fprintf(&b, "| %s |", band.name)
		for _, g := range gens {
			var ts []float64
			for _, r := range rs {
				if r.Generator == g.name && r.Contract.Operations >= band.lo && r.Contract.Operations <= band.hi && r.GenTime > 0 {
					ts = append(ts, r.GenTime.Seconds())
				}
			}
			fmt.Fprintf(&b, " %.3f / %.3f (%d) |", quantile(ts, 0.5), quantile(ts, 1), len(ts))
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## Build time by size band (median s / max s, contracts that built)\n\n| band |")
	for _, g := range gens {
		fmt.Fprintf(&b, " %s |", g.name)
	}
	b.WriteString("\n|---|")
	for range gens {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, band := range bands {
		fmt.Fprintf(&b, "| %s |", band.name)
		for _, g := range gens {
			var ts []float64
			for _, r := range rs {
				if r.Generator == g.name && r.Contract.Operations >= band.lo && r.Contract.Operations <= band.hi && r.BuildTime > 0 {
					ts = append(ts, r.BuildTime.Seconds())
				}
			}
			fmt.Fprintf(&b, " %.1f / %.1f (%d) |", quantile(ts, 0.5), quantile(ts, 1), len(ts))
		}
		b.WriteString("\n")
	}

	b.WriteString("\n## Failure categories\n\n| generator | outcome | category | contracts |\n|---|---|---|---|\n")
	type catKey struct{ gen, outcome, cat string }
	cats := map[catKey]int{}
	var keys []catKey
	for _, r := range rs {
		if r.Outcome == outOK {
			continue
		}
		k := catKey{r.Generator, r.Outcome, category(r.FirstError)}
		if cats[k] == 0 {
			keys = append(keys, k)
		}
		cats[k]++
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].gen != keys[j].gen {
			return keys[i].gen < keys[j].gen
		}
		if cats[keys[i]] != cats[keys[j]] {
			return cats[keys[i]] > cats[keys[j]]
		}
		return keys[i].outcome+keys[i].cat < keys[j].outcome+keys[j].cat
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", k.gen, k.outcome, strings.ReplaceAll(k.cat, "|", "\\|"), cats[k])
	}

	b.WriteString("\n## Failures\n\n| contract | generator | outcome | first error |\n|---|---|---|---|\n")
	for _, r := range rs {
		if r.Outcome != outOK {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.Contract.File, r.Generator, r.Outcome, strings.ReplaceAll(r.FirstError, "|", "\\|"))
		}
	}
	return b.String()
}

// category reduces a first error line to its kind: the compiler or tool
// message without file positions, identifiers and quoted values, so
// failures with one cause count together.
func category(msg string) string {
	// Drop a leading "path:line:col: " position and a "/json/pointer: ".
	for _, ext := range []string{".go:", ".json:", ".yaml:", ".yml:"} {
		if i := strings.Index(msg, ext); i >= 0 {
			rest := msg[i+len(ext):]
			for len(rest) > 0 && (rest[0] >= '0' && rest[0] <= '9' || rest[0] == ':') {
				rest = rest[1:]
			}
			msg = strings.TrimSpace(rest)
			break
		}
	}
	if strings.HasPrefix(msg, "/") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	for _, known := range []string{
		"cannot resolve $ref", "must be a non-empty string",
		"redeclared", "declared and not used", "undefined", "duplicate path", "exceeded", "cannot use", "invalid recursive type",
		"duplicate case", "duplicate field", "duplicate method", "is not a type", "not enough arguments", "too many arguments",
		"cannot convert", "mismatched types", "invalid operation", "missing return", "imported and not used",
		"unsupported", "not implemented", "is not supported", "unexpected", "invalid", "cannot", "failed", "error",
	} {
		if strings.Contains(msg, known) {
			return known
		}
	}
	return "other (see Failures)"
}

// memTotal is the machine's RAM as "24 GB", or "?" off Linux.
func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return fmt.Sprintf("%.0f GB", kb/1024/1024)
		}
	}
	return "?"
}

// cpuModel is the processor's model name on Linux, else "".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(q*float64(len(s)-1) + 0.5)
	return s[i]
}

func sortedKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
