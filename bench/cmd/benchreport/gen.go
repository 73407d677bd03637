package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	toolkit     = "toolkit"
	oapiCodegen = "oapi-codegen"
	ogen        = "ogen"
	// toolkitShared is toolkit with --runtime shared, measured in the
	// compile rows only: its package imports a runtime package of the
	// module, which go build compiles once and then takes from its cache,
	// as it does the peers' runtime libraries, where the default package
	// carries the runtime code it uses and compiles it with every change.
	toolkitShared = "toolkit-shared"
)

// benchModule is bench/go.mod's module path: toolkitShared's runtime
// package is imported by its path inside it.
const benchModule = "github.com/contractfirst/toolkit/bench"

// compileGenerators is the order the compile rows build packages in.
var compileGenerators = []string{toolkit, toolkitShared, oapiCodegen, ogen}

// allGenerators is the order generators run in, and their column order.
var allGenerators = []string{toolkit, oapiCodegen, ogen}

// buildGenerators builds the generators named (of the three) into
// work/bin, so that generation runs time the generators and not the go
// command.
func buildGenerators(work string, names ...string) (map[string]string, error) {
	bin := filepath.Join(work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return nil, err
	}
	bins := map[string]string{}
	for _, b := range []struct{ name, dir, pkg string }{
		{toolkit, "..", "./cmd/toolkit"},
		{oapiCodegen, ".", "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"},
		{ogen, ".", "github.com/ogen-go/ogen/cmd/ogen"},
	} {
		if !slices.Contains(names, b.name) {
			continue
		}
		out := filepath.Join(bin, b.name)
		cmd := exec.Command(goBin(), "build", "-o", out, b.pkg)
		cmd.Dir = b.dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("building %s: %v\n%s", b.name, err, msg)
		}
		bins[b.name] = out
	}
	return bins, nil
}

// genCommand is how each generator is run: every target it has (types,
// server, client, embedded spec), as make corpus runs it.
func genCommand(bins map[string]string, gen, contract, dir string) *exec.Cmd {
	switch gen {
	case toolkit:
		return exec.Command(bins[gen], "gen", "--contract", contract, "--out", dir, "--package", "api")
	case toolkitShared:
		// The runtime package sits next to dir, inside the bench module.
		rt := benchModule + "/" + filepath.ToSlash(filepath.Join(filepath.Dir(dir), "toolkitruntime"))
		return exec.Command(bins[toolkit], "gen", "--contract", contract, "--out", dir, "--package", "api", "--runtime-package", rt)
	case oapiCodegen:
		return exec.Command(bins[gen], "-generate", "types,client,std-http,strict-server,spec", "-package", "api", "-o", filepath.Join(dir, "api.gen.go"), contract)
	case ogen:
		return exec.Command(bins[gen], "-target", dir, "-package", "api", "-clean", contract)
	}
	panic("unknown generator " + gen)
}

// sample is one generator run.
type sample struct {
	wall    time.Duration
	rssKB   int64
	userCPU time.Duration
}

// genResult is the median run of each generator on one contract.
type genResult struct {
	name   string
	bytes  int64
	median map[string]sample
	runs   int
	// compile is the median go build of each generator's package
	// (measureCompile); nil when not measured.
	compile map[string]sample
}

// measureGeneration runs each generator on contract runs times, in turn
// (toolkit, oapi-codegen, ogen, toolkit, …), so that a change in the
// machine's load touches all of them alike, and keeps the medians.
func measureGeneration(bins map[string]string, contract, work string, runs int, gens []string) (genResult, error) {
	samples := map[string][]sample{}
	for range runs {
		for _, gen := range gens {
			dir := filepath.Join(work, "out", gen)
			if err := os.RemoveAll(dir); err != nil {
				return genResult{}, err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return genResult{}, err
			}
			s, _, err := runMeasured(genCommand(bins, gen, contract, dir))
			if err != nil {
				return genResult{}, fmt.Errorf("%s: %w", gen, err)
			}
			samples[gen] = append(samples[gen], s)
		}
	}
	r := genResult{median: map[string]sample{}, runs: runs}
	for gen, ss := range samples {
		r.median[gen] = medianSample(ss)
	}
	return r, nil
}

// runMeasured runs cmd and returns its wall time, CPU time and peak RSS,
// and what it printed (stdout and stderr). An exit status in okExit is not
// an error (toolkit diff exits 1 when it finds breaking changes).
func runMeasured(cmd *exec.Cmd, okExit ...int) (sample, []byte, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && (cmd.ProcessState == nil || !slices.Contains(okExit, cmd.ProcessState.ExitCode())) {
		return sample{}, out.Bytes(), fmt.Errorf("%v\n%s", err, tail(out.String(), 2000))
	}
	s := sample{wall: wall}
	if ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage); ru != nil {
		s.rssKB = ru.Maxrss // kilobytes on Linux
		s.userCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return s, out.Bytes(), nil
}

// medianSample is the median of each figure of ss.
func medianSample(ss []sample) sample {
	return sample{
		wall:    median(ss, func(s sample) time.Duration { return s.wall }),
		rssKB:   median(ss, func(s sample) int64 { return s.rssKB }),
		userCPU: median(ss, func(s sample) time.Duration { return s.userCPU }),
	}
}

func median[T any, N int64 | time.Duration | float64](xs []T, key func(T) N) N {
	if len(xs) == 0 {
		return 0
	}
	vs := make([]N, len(xs))
	for i, x := range xs {
		vs[i] = key(x)
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// pickContracts reads a make corpus results.tsv (file, openapi,
// operations, bytes, generator, outcome, …) and returns the n largest
// contracts that every peer generated and built ("ok"), largest first,
// then the small ones nearest smallSize bytes (pickSmall), smallest
// first.
func pickContracts(results string, n, small int) (large, smallest []string, err error) {
	names, size, err := peerContracts(results)
	if err != nil {
		return nil, nil, err
	}
	if len(names) < n+small {
		return nil, nil, fmt.Errorf("%s: only %d contracts both peers handle", results, len(names))
	}
	large = names[:n]
	return large, pickSmall(names[n:], size, small), nil
}

// smallSize is the size of the small contracts make bench times gen on:
// issue 20's "small (10 KB)", where a fixed cost per run dominates.
const smallSize = 10 << 10

// pickSmall returns the n contracts of names whose size is nearest
// smallSize, ordered by size (then name).
func pickSmall(names []string, size map[string]int64, n int) []string {
	near := slices.Clone(names)
	dist := func(name string) int64 {
		d := size[name] - smallSize
		if d < 0 {
			return -d
		}
		return d
	}
	slices.SortFunc(near, func(a, b string) int {
		if d := dist(a) - dist(b); d != 0 {
			return int(d)
		}
		return strings.Compare(a, b)
	})
	near = near[:min(n, len(near))]
	slices.SortFunc(near, func(a, b string) int {
		if d := size[a] - size[b]; d != 0 {
			return int(d)
		}
		return strings.Compare(a, b)
	})
	return near
}

// peerContracts reads a make corpus results.tsv and returns the contracts
// that every peer generated and built ("ok"), largest first, with their
// sizes.
func peerContracts(results string) ([]string, map[string]int64, error) {
	f, err := os.Open(results)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	type entry struct {
		bytes int64
		ok    map[string]bool
	}
	entries := map[string]*entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 {
			continue
		}
		e := entries[cols[0]]
		if e == nil {
			e = &entry{ok: map[string]bool{}}
			entries[cols[0]] = e
		}
		e.bytes, _ = strconv.ParseInt(cols[3], 10, 64)
		if cols[5] == "ok" {
			e.ok[cols[4]] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	var names []string
	size := map[string]int64{}
	for name, e := range entries {
		if e.ok[oapiCodegen] && e.ok[ogen] {
			names = append(names, name)
			size[name] = e.bytes
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := size[b] - size[a]; d != 0 {
			return int(d)
		}
		return strings.Compare(a, b)
	})
	return names, size, nil
}
