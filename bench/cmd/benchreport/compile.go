package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// measureCompile measures what users pay in go build for each generator's
// package of one contract: the package is generated once into a folder of
// the bench module (whose go.mod pins the peers' runtime libraries), built
// once so every dependency is in the build cache, then rebuilt runs times
// with a changed nonce file, so that each run compiles exactly the
// generated package and nothing else. The rebuilds take turns (toolkit,
// oapi-codegen, ogen, toolkit, …), as generation runs do, so that a change
// in the machine's load touches every generator alike: on ljaero, whose
// two packages cost about the same, three runs of each generator one after
// the other gave toolkit 1.09x oapi-codegen's CPU on a quiet machine, five
// interleaved runs 1.02x (2026-12-05); packages that build quickly get
// three times the runs (quickBuild). The go command's rusage covers
// the compiler it waits for: CPU is user+sys of both, peak RSS the largest
// of them (the compiler's). A generator whose output does not build is left
// out and logged, not fatal: the report says what it could measure.
func measureCompile(bins map[string]string, contract, root string, runs int, gens []string) (map[string]sample, error) {
	built := map[string]string{} // generator -> its package, built once
	var order []string
	var slowest time.Duration // the longest first build
	for _, gen := range gens {
		dir := filepath.Join(root, gen)
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		cmd := genCommand(bins, gen, contract, dir)
		if msg, err := cmd.CombinedOutput(); err != nil {
			logf("compile: %s does not generate %s: %v\n%s", gen, filepath.Base(contract), err, tail(string(msg), 1000))
			continue
		}
		pkg := "./" + filepath.ToSlash(dir)
		first, err := goBuild(pkg)
		if err != nil {
			logf("compile: %s's package for %s does not build: %v", gen, filepath.Base(contract), err)
			continue
		}
		slowest = max(slowest, first.wall)
		built[gen] = dir
		order = append(order, gen)
	}
	if slowest < quickBuild {
		runs *= 3
		logf("compile: every package for %s built in under %v, so %d runs", filepath.Base(contract), quickBuild, runs)
	}
	samples := map[string][]sample{}
	for i := range runs {
		for _, gen := range order {
			dir := built[gen]
			nonce := fmt.Sprintf("package api\n\n// benchNonce changes the package so go build compiles it again.\nconst benchNonce = %s\n", strconv.Quote(fmt.Sprint(time.Now().UnixNano(), i)))
			if err := os.WriteFile(filepath.Join(dir, "zz_bench_nonce.go"), []byte(nonce), 0o644); err != nil {
				return nil, err
			}
			s, err := goBuild("./" + filepath.ToSlash(dir))
			if err != nil {
				return nil, fmt.Errorf("%s: rebuild: %w", gen, err)
			}
			samples[gen] = append(samples[gen], s)
		}
	}
	out := map[string]sample{}
	for _, gen := range order {
		ss := samples[gen]
		out[gen] = sample{
			wall:    median(ss, func(s sample) time.Duration { return s.wall }),
			rssKB:   median(ss, func(s sample) int64 { return s.rssKB }),
			userCPU: median(ss, func(s sample) time.Duration { return s.userCPU }),
		}
		if err := os.RemoveAll(built[gen]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// quickBuild is the first-build time under which measureCompile takes
// three times the runs: a package that builds in a second or two moves by
// ±8% from one build to the next on a shared machine, so that a median of
// three left ljaero's CPU ratio anywhere from 1.01x to 1.16x between two
// runs of make bench (2026-12-05), while the large packages, which also
// build for minutes with ogen, keep the given count.
const quickBuild = 5 * time.Second

// goBuild runs go build on pkg (a path inside the bench module, run from
// bench/) and measures it.
func goBuild(pkg string) (sample, error) {
	cmd := exec.Command(goBin(), "build", "-o", os.DevNull, pkg)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if err != nil {
		return s, fmt.Errorf("%v\n%s", err, tail(stderr.String(), 2000))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rssKB = ru.Maxrss
		s.userCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return s, nil
}
