// Command genprof times and profiles toolkit's generation stages (load,
// build, generate, write) on one contract, in process, so pprof sees
// toolkit's code and not the go command. With -mode it times instead the
// docs build, toolkit's diff of two contracts, or what toolkit is measured
// against: kin-openapi's load alone and oasdiff alone (see modes.go). It lives in its own module next
// to the bench module, because importing toolkit there would put
// toolkit's kin-openapi into the peers' build.
//
//	cd bench/genprof
//	GOFLAGS=-mod=mod go run . -n 3 -cpuprofile cpu.out -memprofile mem.out CONTRACT
//	go tool pprof -top -cum cpu.out
//	GOFLAGS=-mod=mod go run . -peakprofile peak.out CONTRACT
//	go tool pprof -sample_index=inuse_space -top -cum peak.out
//	GOFLAGS=-mod=mod go run . -mode diff OLD NEW
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
	"github.com/contractfirst/toolkit/pipeline"
)

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write an allocation profile to this file")
	n := flag.Int("n", 1, "how many times to run the stages")
	mode := flag.String("mode", "gen", "what to time: gen, docs, kin (kin-openapi's load alone), diff OLD NEW, oasdiff OLD NEW (oasdiff alone)")
	peakProf := flag.String("peakprofile", "", "write the heap profile taken nearest the peak live heap to this file (gen mode)")
	live := flag.Bool("live", false, "collect garbage after each stage and print the live heap (slower; for finding what holds memory)")
	flag.Parse()
	stages, ok := modes[*mode]
	if !ok || flag.NArg() != stages.args {
		fmt.Fprintln(os.Stderr, "usage: genprof [flags] CONTRACT, or genprof -mode diff|oasdiff [flags] OLD NEW")
		os.Exit(2)
	}
	err := profiled(*cpu, *mem, func() error {
		if stages.run != nil {
			return repeat(*n, func() error { return stages.run(flag.Args()) })
		}
		return run(flag.Arg(0), *n, *live, *peakProf)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "genprof:", err)
		os.Exit(1)
	}
}

// profiled runs f, writing a CPU profile to cpu and an allocation
// profile to mem when they are not empty.
func profiled(cpu, mem string, f func() error) error {
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	if err := f(); err != nil {
		return err
	}
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// run times gen's stages n times on the contract at path, writing the
// last run's heap profile nearest its peak to peakProf when not empty.
func run(path string, n int, live bool, peakProf string) error {
	out, err := os.MkdirTemp("", "genprof-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	// heap prints the live heap after a stage when -live is set.
	heap := func(stage string) {
		if live {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Printf("  live after %s: %d MB\n", stage, ms.HeapAlloc>>20)
		}
	}
	for range n {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		peak := startPeak("load", peakProf != "")
		t0 := time.Now()
		opts := pipeline.LoadOptions(pipeline.Entry{Contract: path}) // as gen loads
		doc, err := contract.Load(path, opts)
		if err != nil {
			return err
		}
		heap("load")
		peak.enter("build")
		t1 := time.Now()
		m, err := contract.BuildWith(doc, opts)
		if err != nil {
			return err
		}
		// gen keeps the warnings, not the document (pipeline.Load): doc
		// is not used past here, so the collector may free it.
		warnings := len(doc.Warnings)
		heap("build")
		peak.enter("generate")
		t2 := time.Now()
		files, err := golang.Generate(m, generator.Options{Package: "api"})
		if err != nil {
			return err
		}
		heap("generate")
		peak.enter("write")
		t3 := time.Now()
		if err := generator.Write(out, files); err != nil {
			return err
		}
		t4 := time.Now()
		peakBytes, peakStage := peak.end()
		if peakProf != "" {
			if err := os.WriteFile(peakProf, peak.profile.Bytes(), 0o644); err != nil {
				return err
			}
		}
		size := 0
		for _, f := range files {
			size += len(f.Data)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		// Allocated bytes and collections are counted, not timed: they
		// compare two builds on a loaded machine where times do not.
		fmt.Printf("load %v  build %v  generate %v  write %v  (%d KB of Go, %d warnings, %d MB of heap from the OS, %d MB allocated in %d collections; peak live heap %d MB, in %s)\n",
			t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond),
			t3.Sub(t2).Round(time.Millisecond), t4.Sub(t3).Round(time.Millisecond),
			size>>10, warnings, ms.HeapSys>>20, (ms.TotalAlloc-before.TotalAlloc)>>20, ms.NumGC-before.NumGC,
			peakBytes>>20, peakStage)
	}
	return nil
}
