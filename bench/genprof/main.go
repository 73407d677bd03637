// Command genprof times and profiles toolkit's generation stages (load,
// build, generate, write) on one contract, in process, so pprof sees
// toolkit's code and not the go command. It lives in its own module next
// to the bench module, because importing toolkit there would put
// toolkit's kin-openapi into the peers' build.
//
//	cd bench/genprof
//	GOFLAGS=-mod=mod go run . -n 3 -cpuprofile cpu.out -memprofile mem.out CONTRACT
//	go tool pprof -top -cum cpu.out
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
)

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write an allocation profile to this file")
	n := flag.Int("n", 1, "how many times to run the stages")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genprof [flags] CONTRACT")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *n, *cpu, *mem); err != nil {
		fmt.Fprintln(os.Stderr, "genprof:", err)
		os.Exit(1)
	}
}

func run(path string, n int, cpu, mem string) error {
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
	out, err := os.MkdirTemp("", "genprof-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	for range n {
		t0 := time.Now()
		doc, err := contract.Load(path, contract.LoadOptions{})
		if err != nil {
			return err
		}
		t1 := time.Now()
		m, err := contract.BuildWith(doc, contract.LoadOptions{})
		if err != nil {
			return err
		}
		t2 := time.Now()
		files, err := golang.Generate(m, generator.Options{Package: "api"})
		if err != nil {
			return err
		}
		t3 := time.Now()
		if err := generator.Write(out, files); err != nil {
			return err
		}
		t4 := time.Now()
		size := 0
		for _, f := range files {
			size += len(f.Data)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("load %v  build %v  generate %v  write %v  (%d KB of Go, %d warnings, %d MB of heap from the OS)\n",
			t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond),
			t3.Sub(t2).Round(time.Millisecond), t4.Sub(t3).Round(time.Millisecond),
			size>>10, len(doc.Warnings), ms.HeapSys>>20)
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
