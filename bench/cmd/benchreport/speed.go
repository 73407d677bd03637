package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// speedResult holds issue 20's figures, each beside what it is measured
// against: toolkit gen on GitHub's description against kin-openapi's load
// of it alone, the docs build for GitHub, and toolkit diff of two GitHub
// Enterprise Server descriptions against oasdiff alone.
type speedResult struct {
	runs        int
	gen, kin    *sample
	docs        *sample       // the genprof -mode docs process
	docsBuild   time.Duration // the docs build inside it, load excluded
	diff, peer  *sample
	diffChanges string // toolkit diff's summary line
	peerChanges string // how many changes oasdiff found
}

// speedInputs are the contracts of the speed rows; a missing one skips
// its rows.
type speedInputs struct {
	github, ghesOld, ghesNew string
}

// buildGenprof builds ../genprof (its own module, with toolkit, kin-openapi
// and oasdiff) into work/bin.
func buildGenprof(work string) (string, error) {
	out, err := filepath.Abs(filepath.Join(work, "bin", "genprof"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command(goBin(), "build", "-o", out, ".")
	cmd.Dir = "genprof"
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building genprof: %v\n%s", err, msg)
	}
	return out, nil
}

// measureSpeed runs each pair in turn (toolkit, then its peer) runs times
// and keeps the medians.
func measureSpeed(toolkitBin, genprof, work string, in speedInputs, runs int) (*speedResult, error) {
	r := &speedResult{runs: runs}
	var gen, kin, docs, diff, peer []sample
	var builds []time.Duration
	for range runs {
		if fileExists(in.github) {
			dir := filepath.Join(work, "out", "speed")
			if err := os.RemoveAll(dir); err != nil {
				return nil, err
			}
			s, _, err := runMeasured(exec.Command(toolkitBin, "gen", "--contract", in.github, "--out", dir, "--package", "api"))
			if err != nil {
				return nil, fmt.Errorf("toolkit gen: %w", err)
			}
			gen = append(gen, s)
			if s, _, err = runMeasured(exec.Command(genprof, "-mode", "kin", in.github)); err != nil {
				return nil, fmt.Errorf("kin-openapi load: %w", err)
			}
			kin = append(kin, s)
			s, out, err := runMeasured(exec.Command(genprof, "-mode", "docs", in.github))
			if err != nil {
				return nil, fmt.Errorf("docs: %w", err)
			}
			d, err := docsBuildTime(out)
			if err != nil {
				return nil, err
			}
			docs, builds = append(docs, s), append(builds, d)
		}
		if fileExists(in.ghesOld) && fileExists(in.ghesNew) {
			s, out, err := runMeasured(exec.Command(toolkitBin, "diff", in.ghesOld, in.ghesNew), 1)
			if err != nil {
				return nil, fmt.Errorf("toolkit diff: %w", err)
			}
			diff, r.diffChanges = append(diff, s), diffSummary.FindString(string(out))
			if s, out, err = runMeasured(exec.Command(genprof, "-mode", "oasdiff", in.ghesOld, in.ghesNew)); err != nil {
				return nil, fmt.Errorf("oasdiff: %w", err)
			}
			peer = append(peer, s)
			if m := oasdiffChanges.FindStringSubmatch(string(out)); m != nil {
				r.peerChanges = m[1]
			}
		}
	}
	med := func(ss []sample) *sample {
		if len(ss) == 0 {
			return nil
		}
		m := medianSample(ss)
		return &m
	}
	r.gen, r.kin, r.docs, r.diff, r.peer = med(gen), med(kin), med(docs), med(diff), med(peer)
	r.docsBuild = median(builds, func(d time.Duration) time.Duration { return d })
	return r, nil
}

var (
	docsBuild      = regexp.MustCompile(`docs (\S+)`)
	diffSummary    = regexp.MustCompile(`\d+ breaking, \d+ warning, \d+ info`)
	oasdiffChanges = regexp.MustCompile(`\((\d+) changes\)`)
)

// docsBuildTime reads the docs build time genprof -mode docs prints.
func docsBuildTime(out []byte) (time.Duration, error) {
	m := docsBuild.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("genprof -mode docs printed no docs time: %s", tail(string(out), 500))
	}
	return time.ParseDuration(string(m[1]))
}

// markdown writes the speed rows, each with its goal and whether it was
// met.
func (r *speedResult) markdown(b *strings.Builder) {
	if r == nil || r.gen == nil && r.diff == nil {
		return
	}
	fmt.Fprintf(b, "\n## Where users wait (issue 20)\n\nMedians of %d runs, each toolkit run next to its peer's. The peers are kin-openapi's loader alone (bench/genprof -mode kin: the file read and $refs resolved, no validation) and oasdiff alone (genprof -mode oasdiff: its loader and every check, as `oasdiff breaking` runs them).\n\n", r.runs)
	b.WriteString("| measure | toolkit | peer | ratio | goal | |\n|---|--:|--:|--:|---|---|\n")
	// row writes one figure; a row without a goal is shown for reference.
	row := func(what string, ours, theirs float64, unit, goal string, ok bool) {
		ratio, peer := "–", "–"
		if theirs > 0 {
			ratio, peer = fmt.Sprintf("%.2f", ours/theirs), fmt.Sprintf("%.2f %s", theirs, unit)
		}
		verdict := ""
		if goal != "" {
			verdict = mark(ok)
		}
		fmt.Fprintf(b, "| %s | %.2f %s | %s | %s | %s | %s |\n", what, ours, unit, peer, ratio, goal, verdict)
	}
	if r.gen != nil && r.kin != nil {
		row("gen GitHub wall / kin-openapi load", r.gen.wall.Seconds(), r.kin.wall.Seconds(), "s", "≤ 1.2×", r.gen.wall.Seconds() <= 1.2*r.kin.wall.Seconds())
		row("gen GitHub CPU / kin-openapi load", r.gen.userCPU.Seconds(), r.kin.userCPU.Seconds(), "s", "", false)
		row("gen GitHub peak RSS", float64(r.gen.rssKB)/1024, float64(r.kin.rssKB)/1024, "MB", "≤ 300 MB", r.gen.rssKB <= 300*1024)
	}
	if r.docs != nil {
		row("docs GitHub: build (load excluded)", r.docsBuild.Seconds(), 0, "s", "≤ 1 s", r.docsBuild <= time.Second)
	}
	if r.diff != nil && r.peer != nil {
		row("diff GHES pair wall / oasdiff", r.diff.wall.Seconds(), r.peer.wall.Seconds(), "s", "≤ 0.5×", r.diff.wall.Seconds() <= 0.5*r.peer.wall.Seconds())
		row("diff GHES pair CPU / oasdiff", r.diff.userCPU.Seconds(), r.peer.userCPU.Seconds(), "s", "", false)
		row("diff GHES pair peak RSS / oasdiff", float64(r.diff.rssKB)/1024, float64(r.peer.rssKB)/1024, "MB", "", false)
		fmt.Fprintf(b, "\ntoolkit diff found %s; oasdiff alone %s changes (toolkit raises a few of oasdiff's levels, so compare the totals).\n", r.diffChanges, r.peerChanges)
	}
}
