package main

import (
	"fmt"
	"strings"
	"time"
)

// report is everything one make bench run measured.
type report struct {
	started, finished     time.Time
	machine, goVersion    string
	loadBefore, loadAfter string
	gen                   []genResult
	bench                 map[benchKey]benchStats
	benchstat             string
}

// columns of the table: toolkit's figure, then each other implementation's
// figure and toolkit's ratio to it.
var peers = []string{oapiCodegen, oapiCodegen + "+kin", ogen, "handwritten"}

// benchOps are the rows of the server and client part, in order, with
// what each measures.
var benchOps = []struct {
	bench, op, what string
}{
	{"Server", "get", "server: GET with path and query parameters"},
	{"Server", "post", "server: POST, 1 KB body decoded, validated, encoded"},
	{"Server", "list", "server: GET of 100 orders"},
	{"Client", "list", "client: decode the 100-order page"},
	{"Client", "post", "client: encode the 1 KB body (and decode the reply)"},
}

func (r *report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# make bench results\n\n")
	fmt.Fprintf(&b, "- machine: %s\n", r.machine)
	fmt.Fprintf(&b, "- %s\n", r.goVersion)
	fmt.Fprintf(&b, "- date: %s (took %s)\n", r.started.Format("2006-01-02 15:04 MST"), r.finished.Sub(r.started).Round(time.Second))
	fmt.Fprintf(&b, "- load average (1, 5, 15 min): %s before, %s after\n", r.loadBefore, r.loadAfter)
	fmt.Fprintf(&b, "- benchmarks: `go test -bench -benchmem -cpu 1`, %s runs each, median; generation: each generator in turn, %s runs, median wall time and peak RSS\n\n", r.benchRuns(), r.genRuns())
	b.WriteString("Ratios are toolkit / other: below 1.00 toolkit is faster or smaller. ")
	b.WriteString("oapi-codegen's generated server checks types only, not the contract's constraints, so it does less work than the others; ")
	b.WriteString("oapi-codegen+kin is the same server behind kin-openapi's openapi3filter request validator, the setup oapi-codegen documents for validation. ")
	b.WriteString("handwritten is net/http and encoding/json by hand (bench/api/handwritten), checking the same constraints.\n\n")

	b.WriteString("| measure | toolkit | oapi-codegen | ratio | oapi-codegen+kin | ratio | ogen | ratio | handwritten | ratio |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, g := range r.gen {
		label := fmt.Sprintf("gen %s (%s)", g.name, size(g.bytes))
		r.row(&b, label+" wall", func(gen string) (float64, bool) {
			s, ok := g.median[gen]
			return s.wall.Seconds(), ok
		}, "%.2f s")
		r.row(&b, label+" CPU (user+sys)", func(gen string) (float64, bool) {
			s, ok := g.median[gen]
			return s.userCPU.Seconds(), ok
		}, "%.2f s")
		r.row(&b, label+" peak RSS", func(gen string) (float64, bool) {
			s, ok := g.median[gen]
			return float64(s.rssKB) / 1024, ok
		}, "%.0f MB")
	}
	for _, op := range benchOps {
		for _, m := range []struct {
			unit string
			get  func(benchStats) float64
			f    string
		}{
			{"ns/op", func(s benchStats) float64 { return s.ns }, "%.0f"},
			{"B/op", func(s benchStats) float64 { return s.bytes }, "%.0f"},
			{"allocs/op", func(s benchStats) float64 { return s.allocs }, "%.0f"},
		} {
			r.row(&b, op.what+" "+m.unit, func(gen string) (float64, bool) {
				s, ok := r.bench[benchKey{op.bench, op.op, gen}]
				return m.get(s), ok
			}, m.f)
		}
	}
	if r.benchstat != "" {
		b.WriteString("\n## benchstat -col /gen\n\nThe same runs, with confidence intervals; `vs base` compares each column with toolkit's.\n\n```\n")
		b.WriteString(strings.TrimSpace(r.benchstat))
		b.WriteString("\n```\n")
	}
	return b.String()
}

// row writes one line of the table; get returns a generator's figure and
// whether there is one.
func (r *report) row(b *strings.Builder, label string, get func(gen string) (float64, bool), format string) {
	ours, ok := get(toolkit)
	if !ok {
		return
	}
	fmt.Fprintf(b, "| %s | %s |", label, fmt.Sprintf(format, ours))
	for _, p := range peers {
		theirs, ok := get(p)
		if !ok {
			b.WriteString(" – | – |")
			continue
		}
		ratio := "–"
		if theirs > 0 {
			ratio = fmt.Sprintf("%.2f", ours/theirs)
		}
		fmt.Fprintf(b, " %s | %s |", fmt.Sprintf(format, theirs), ratio)
	}
	b.WriteString("\n")
}

func (r *report) benchRuns() string {
	for _, s := range r.bench {
		return fmt.Sprint(s.runs)
	}
	return "no"
}

func (r *report) genRuns() string {
	for _, g := range r.gen {
		return fmt.Sprint(g.runs)
	}
	return "no"
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n>>10)
}
