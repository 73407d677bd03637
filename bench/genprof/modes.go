package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/diff"
	"github.com/contractfirst/toolkit/generator/docs"
)

// A mode times one job; gen, the default, is run (main.go).
var modes = map[string]struct {
	args int
	run  func(args []string) error
}{
	"gen":     {args: 1},
	"docs":    {1, docsStages},
	"kin":     {1, kinLoad},
	"diff":    {2, diffStages},
	"oasdiff": {2, oasdiffAlone},
}

// repeat runs f n times.
func repeat(n int, f func() error) error {
	for range n {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// docsStages times toolkit docs: load and build the model, then render the
// page and the Markdown.
func docsStages(args []string) error {
	t0 := time.Now()
	_, m, err := contract.Open(args[0], contract.LoadOptions{})
	if err != nil {
		return err
	}
	t1, c1 := time.Now(), cpuTime()
	files, err := docs.Generate(m, docs.Options{})
	if err != nil {
		return err
	}
	t2, c2 := time.Now(), cpuTime()
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	fmt.Printf("load+build %v  docs %v  (CPU %v, %d KB)\n", ms(t1.Sub(t0)), ms(t2.Sub(t1)), ms(c2-c1), size>>10)
	return nil
}

// kinLoad is kin-openapi's loader alone on a file ($refs resolved, no
// validation): the floor toolkit's load is compared with.
func kinLoad(args []string) error {
	t0 := time.Now()
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	l.Context = context.Background()
	abs, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	t, err := l.LoadFromURI(&url.URL{Path: filepath.ToSlash(abs)})
	if err != nil {
		return err
	}
	fmt.Printf("kin-openapi load %v  (%d paths)\n", ms(time.Since(t0)), t.Paths.Len())
	return nil
}

// diffStages times toolkit diff as cmd/toolkit runs it: both loads at once,
// then the generated Go APIs compared while oasdiff's checks run.
func diffStages(args []string) error {
	t0, c0 := time.Now(), cpuTime()
	var docs [2]*contract.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() {
			docs[i], errs[i] = contract.Load(args[i], contract.LoadOptions{SkipValueChecks: true, KinFromTree: true})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	t1, c1 := time.Now(), cpuTime()
	ids, goErr, cs, err := diff.CompareAll(docs[0], docs[1])
	if err != nil {
		return err
	}
	if goErr != nil {
		return goErr
	}
	t2, c2 := time.Now(), cpuTime()
	fmt.Printf("load %v (CPU %v)  go identifiers and compare %v (CPU %v)  (%d changes, %d go)\n", ms(t1.Sub(t0)), ms(c1-c0), ms(t2.Sub(t1)), ms(c2-c1), len(cs), len(ids))
	return nil
}

// oasdiffAlone is oasdiff's own loader and checks, as its breaking
// command runs them.
func oasdiffAlone(args []string) error {
	t0 := time.Now()
	l := openapi3.NewLoader()
	l.IsExternalRefsAllowed = true
	var s [2]*load.SpecInfo
	for i := range s {
		var err error
		if s[i], err = load.NewSpecInfo(l, load.NewSource(args[i])); err != nil {
			return err
		}
	}
	t1 := time.Now()
	d, osm, err := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), s[0], s[1])
	if err != nil {
		return err
	}
	found := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, osm, checker.INFO)
	t2 := time.Now()
	fmt.Printf("oasdiff load %v  compare %v  (%d changes)\n", ms(t1.Sub(t0)), ms(t2.Sub(t1)), len(found))
	return nil
}

func ms(d time.Duration) time.Duration { return d.Round(time.Millisecond) }

// cpuTime is the CPU time (user and system) the process has used so far:
// on a shared machine, a stage's CPU time says more than its wall time.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
