package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseName(t *testing.T) {
	for _, c := range []struct {
		in   string
		want benchKey
		ok   bool
	}{
		{"BenchmarkServer/op=get/gen=toolkit", benchKey{"Server", "get", "toolkit"}, true},
		{"BenchmarkServer/op=get/gen=toolkit-2", benchKey{"Server", "get", "toolkit"}, true},
		{"BenchmarkClient/op=post/gen=oapi-codegen", benchKey{"Client", "post", "oapi-codegen"}, true},
		{"BenchmarkClient/op=post/gen=oapi-codegen-8", benchKey{"Client", "post", "oapi-codegen"}, true},
		{"BenchmarkServer/get/toolkit", benchKey{}, false},
		{"BenchmarkServer", benchKey{}, false},
	} {
		got, ok := parseName(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("parseName(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseBench(t *testing.T) {
	out := `goos: linux
BenchmarkServer/op=get/gen=toolkit         	    2000	     300 ns/op	    20 B/op	      3 allocs/op
BenchmarkServer/op=get/gen=toolkit         	    2000	     100 ns/op	    10 B/op	      1 allocs/op
BenchmarkServer/op=get/gen=toolkit         	    2000	     200 ns/op	    30 B/op	      2 allocs/op
BenchmarkServer/op=post/gen=ogen           	    2000	     81070 ns/op	  14.56 MB/s	   12129 B/op	      80 allocs/op
PASS
`
	got, err := parseBench([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	want := map[benchKey]benchStats{
		{"Server", "get", "toolkit"}: {ns: 200, bytes: 20, allocs: 2, runs: 3},
		{"Server", "post", "ogen"}:   {ns: 81070, bytes: 12129, allocs: 80, runs: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseBench = %v, want %v", got, want)
	}
	if _, err := parseBench([]byte("PASS\n")); err == nil {
		t.Error("parseBench of output without benchmarks: no error")
	}
}

func TestMedian(t *testing.T) {
	id := func(d time.Duration) time.Duration { return d }
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{9, 1, 5, 3}, 4},
	} {
		if got := median(c.in, id); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestPickContracts(t *testing.T) {
	tsv := strings.Join([]string{
		"file\topenapi\toperations\tbytes\tgenerator\toutcome\tgen_seconds",
		"dev/a.json\t3.0\t1\t500\toapi-codegen\tok\t0.1",
		"dev/a.json\t3.0\t1\t500\togen\tok\t0.1",
		"dev/b.json\t3.0\t1\t900\toapi-codegen\tok\t0.1",
		"dev/b.json\t3.0\t1\t900\togen\tgen-error\t0.1",
		"dev/c.json\t3.0\t1\t700\toapi-codegen\tok\t0.1",
		"dev/c.json\t3.0\t1\t700\togen\tok\t0.1",
		"dev/d.json\t3.0\t1\t100\toapi-codegen\tok\t0.1",
		"dev/d.json\t3.0\t1\t100\togen\tok\t0.1",
	}, "\n") + "\n"
	path := filepath.Join(t.TempDir(), "results.tsv")
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	large, small, err := pickContracts(path, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"dev/c.json"}; !reflect.DeepEqual(large, want) {
		t.Errorf("pickContracts large = %v, want %v", large, want)
	}
	if want := []string{"dev/a.json"}; !reflect.DeepEqual(small, want) {
		t.Errorf("pickContracts small = %v, want %v", small, want)
	}
	large, small, err = pickContracts(path, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"dev/c.json", "dev/a.json"}; !reflect.DeepEqual(large, want) {
		t.Errorf("pickContracts large = %v, want %v", large, want)
	}
	if want := []string{"dev/d.json"}; !reflect.DeepEqual(small, want) {
		t.Errorf("pickContracts small = %v, want %v", small, want)
	}
	if _, _, err := pickContracts(path, 2, 2); err == nil {
		t.Error("asking for more contracts than both peers handle: no error")
	}
}

// TestPickSmall: the contracts nearest smallSize are chosen, whether
// larger or smaller, and come back smallest first.
func TestPickSmall(t *testing.T) {
	size := map[string]int64{
		"huge": 500 << 10, "a": smallSize + 100, "b": smallSize - 50, "c": smallSize + 3000, "tiny": 100, "d": smallSize - 2000,
	}
	names := []string{"huge", "a", "b", "c", "tiny", "d"}
	if got, want := pickSmall(names, size, 3), []string{"d", "b", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("pickSmall = %v, want %v", got, want)
	}
	if got := pickSmall(names, size, 10); len(got) != len(names) {
		t.Errorf("pickSmall of more than there are = %v, want all %d", got, len(names))
	}
}

func TestTargets(t *testing.T) {
	r := &report{
		gen: []genResult{{name: "a.json", median: map[string]sample{
			toolkit:     {wall: time.Second, userCPU: time.Second, rssKB: 100},
			oapiCodegen: {wall: 2 * time.Second, userCPU: 2 * time.Second, rssKB: 200},
			ogen:        {wall: 3 * time.Second, userCPU: 3 * time.Second, rssKB: 300},
		}}, {name: "b.json", median: map[string]sample{
			toolkit:     {wall: time.Second, userCPU: 500 * time.Millisecond, rssKB: 100},
			oapiCodegen: {wall: 1500 * time.Millisecond, userCPU: 1500 * time.Millisecond, rssKB: 200},
			ogen:        {wall: 3 * time.Second, userCPU: 3 * time.Second, rssKB: 300},
		}}},
		bench: map[benchKey]benchStats{
			{"Server", "get", toolkit}:       {ns: 110, allocs: 10},
			{"Server", "get", ogen}:          {ns: 120, allocs: 10},
			{"Server", "get", oapiCodegen}:   {ns: 100, allocs: 5},
			{"Server", "get", "handwritten"}: {ns: 100, allocs: 5},
		},
	}
	var b strings.Builder
	r.targets(&b)
	got := b.String()
	for _, want := range []string{
		"gen a.json: 2.0× faster (wall time) than the faster peer (2.0× less CPU), peak RSS 0.50 of the smaller (goal: ≥ 2× faster, smaller): met",
		"gen b.json: 1.5× faster (wall time) than the faster peer (3.0× less CPU), peak RSS 0.50 of the smaller (goal: ≥ 2× faster, smaller): **missed**",
		"time 0.92× ogen's, allocs 10 vs 10: met",
		"time 1.10× oapi-codegen's: **missed**",
		"time 1.10× the hand-written server's (target ≤ 1.15): met",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
}

func TestCompileTargets(t *testing.T) {
	r := &report{gen: []genResult{
		{name: "a.json", compile: map[string]sample{
			toolkit:       {userCPU: 3 * time.Second, rssKB: 400 << 10},
			toolkitShared: {userCPU: 2 * time.Second, rssKB: 270 << 10},
			oapiCodegen:   {userCPU: 4 * time.Second, rssKB: 300 << 10},
		}},
		{name: "b.json", compile: map[string]sample{
			toolkit:     {userCPU: time.Second, rssKB: 100 << 10},
			oapiCodegen: {userCPU: 2 * time.Second, rssKB: 200 << 10},
		}},
		{name: "api.github.com.json", compile: map[string]sample{toolkit: {userCPU: time.Minute, rssKB: 3 << 20}}},
		{name: "c.json"}, // not measured: no line
	}}
	got := strings.Join(r.compileTargets(), "\n")
	for _, want := range []string{
		"go build of the package for a.json: CPU 0.75×, peak RSS 1.33× oapi-codegen's (target ≤ 1.00 both): **missed**",
		"go build of the package for a.json with --runtime shared (its runtime package compiled once, as oapi-codegen's runtime library is): CPU 0.50×, peak RSS 0.90× oapi-codegen's (target ≤ 1.00 both): met",
		"go build of the package for b.json: CPU 0.50×, peak RSS 0.50× oapi-codegen's (target ≤ 1.00 both): met",
		"go build of GitHub's package: peak RSS 3.00 GB (target ≤ 2 GB): **missed**",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("compile targets lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "c.json") {
		t.Errorf("a contract without compile figures has a line:\n%s", got)
	}
	if strings.Contains(got, "b.json with --runtime shared") {
		t.Errorf("a contract without a shared-runtime build has its line:\n%s", got)
	}
}

// TestGenRuns: the header names the large contracts' run count, and the
// small ones' beside it when -small-gen-runs gave them more.
func TestGenRuns(t *testing.T) {
	for _, c := range []struct {
		runs []int
		want string
	}{
		{nil, "no runs"},
		{[]int{5, 5}, "5 runs"},
		{[]int{5, 5, 25, 25, 5}, "5 runs (25 on the small contracts)"},
	} {
		r := &report{}
		for _, n := range c.runs {
			r.gen = append(r.gen, genResult{runs: n})
		}
		if got := r.genRuns(); got != c.want {
			t.Errorf("runs %v: got %q, want %q", c.runs, got, c.want)
		}
	}
}

// TestSpeedRows pins issue 20's rows: each figure beside its peer, the
// ratio, the goal and whether it was met; rows without a goal say nothing.
func TestSpeedRows(t *testing.T) {
	r := &speedResult{
		runs:      3,
		gen:       &sample{wall: 3 * time.Second, userCPU: 5 * time.Second, rssKB: 400 * 1024},
		kin:       &sample{wall: 2 * time.Second, userCPU: 2 * time.Second, rssKB: 200 * 1024},
		docs:      &sample{wall: 4 * time.Second},
		docsBuild: 800 * time.Millisecond,
		diff:      &sample{wall: 2 * time.Second, userCPU: 4 * time.Second, rssKB: 600 * 1024},
		peer:      &sample{wall: 5 * time.Second, userCPU: 5 * time.Second, rssKB: 500 * 1024},

		diffChanges: "4 breaking, 6 warning, 153 info",
		peerChanges: "163",
	}
	var b strings.Builder
	r.markdown(&b)
	for _, want := range []string{
		"| gen GitHub wall / kin-openapi load | 3.00 s | 2.00 s | 1.50 | ≤ 1.2× | **missed** |",
		"| gen GitHub CPU / kin-openapi load | 5.00 s | 2.00 s | 2.50 |  |  |",
		"| gen GitHub peak RSS | 400.00 MB | 200.00 MB | 2.00 | ≤ 300 MB | **missed** |",
		"| docs GitHub: build (load excluded) | 0.80 s | – | – | ≤ 1 s | met |",
		"| diff GHES pair wall / oasdiff | 2.00 s | 5.00 s | 0.40 | ≤ 0.5× | met |",
		"toolkit diff found 4 breaking, 6 warning, 153 info; oasdiff alone 163 changes",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
	var none strings.Builder
	(*speedResult)(nil).markdown(&none)
	if none.Len() != 0 {
		t.Errorf("no speed rows measured, yet: %s", none.String())
	}
}

// TestMeasureValidate runs the real toolkit validate against the bench
// server, as make bench does, and reads its run: the report's JSON moved the
// run under details once and the bench stopped at "sent 0 requests", after
// twenty minutes of other measurements.
func TestMeasureValidate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toolkit")
	}
	bin := filepath.Join(t.TempDir(), "toolkit")
	cmd := exec.Command(goBin(), "build", "-o", bin, "./cmd/toolkit")
	cmd.Dir = "../../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build toolkit: %v\n%s", err, out)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir("../.."); err != nil { // measureValidate reads contract.yaml from bench/
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	r, err := measureValidate(bin, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.requests == 0 || r.perSecond <= 0 {
		t.Errorf("validate measured %+v", r)
	}
}

// TestDocsLoadRows pins the browser rows: toolkit's page against Redocly's
// (with the goal) and against Redoc (reference); a peer that could not be
// measured says so instead of a ratio, and nothing measured says why.
func TestDocsLoadRows(t *testing.T) {
	r := &docsLoadResult{runs: 1, toolkit: pageTiming{400 * time.Millisecond, 600 * time.Millisecond}, redocly: pageTiming{time.Second, 90 * time.Second},
		redoc: pageTiming{60 * time.Second, 60 * time.Second}, redoclyBuild: 40 * time.Second}
	var b strings.Builder
	r.markdown(&b)
	for _, want := range []string{
		"| docs GitHub loaded / Redocly build-docs page | 0.60 s | 90.00 s | 0.01 | ≤ 0.3× | met |",
		"| docs GitHub first operation shown / Redocly build-docs page | 0.40 s | 1.00 s | 0.40 |  |  |",
		"| docs GitHub loaded / Redoc rendering the contract | 0.60 s | 60.00 s | 0.01 |  |  |",
		"`redocly build-docs` took 40.0 s",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
	r = &docsLoadResult{runs: 1, toolkit: pageTiming{400 * time.Millisecond, 600 * time.Millisecond}, skipped: "Redocly CLI could not be installed: no npm"}
	b.Reset()
	r.markdown(&b)
	if !strings.Contains(b.String(), "| 0.60 s | not measured | – | ≤ 0.3× | |") || !strings.Contains(b.String(), "no npm") {
		t.Errorf("an unmeasured peer:\n%s", b.String())
	}
	r = &docsLoadResult{runs: 1, skipped: "no Chromium on this machine"}
	b.Reset()
	r.markdown(&b)
	if !strings.Contains(b.String(), "Not measured: no Chromium on this machine.") || strings.Contains(b.String(), "| docs") {
		t.Errorf("nothing measured:\n%s", b.String())
	}
}

// TestReadDocsLoad reads docsload's lines as it prints them.
func TestReadDocsLoad(t *testing.T) {
	var r docsLoadResult
	out := "toolkit 0.390s [0.390s 0.401s] usable 1.004s [1.004s 1.2s]\nredocly 1.354s [1.354s] usable 95.101s [95.101s]\n"
	if err := r.read([]byte(out)); err != nil {
		t.Fatal(err)
	}
	if r.toolkit != (pageTiming{390 * time.Millisecond, 1004 * time.Millisecond}) || r.redocly != (pageTiming{1354 * time.Millisecond, 95101 * time.Millisecond}) || r.redoc != (pageTiming{}) {
		t.Errorf("read %+v", r)
	}
	if err := (&docsLoadResult{}).read([]byte("redoc 1s [1s] usable 2s [2s]\n")); err == nil {
		t.Error("output without toolkit's line was accepted")
	}
}
