// Package startheap lets a short-lived toolkit process skip the garbage
// collector's first small cycles: imported for its side effect (by
// cmd/toolkit alone), it raises the collector's percentage until the first
// cycle (the heap reaches 12 MB instead of 4 MB) and then puts it back.
//
// It does this in an init function because the cycles it saves start during
// package initialization: kin-openapi's JSON Schema dependency compiles its
// meta-schemas in its init (1.7 MB, 21,000 allocations), which at the
// default percentage ran the first cycle before main. Go initializes the
// packages that are ready in the order of their import paths, and this one
// needs only os and runtime, so it runs before github.com/getkin,
// github.com/santhosh-tekuri and github.com/yuin.
package startheap

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startGOGC is the collector's percentage until its first cycle. The Go
// runtime starts a cycle when the heap reaches 4 MB times GOGC/100, so 300
// lets the heap reach 12 MB before the first one, instead of 4 MB.
//
// Why: gen on a 10 KB contract allocates 15-20 MB in about 60 ms; at the
// default percentage the collector ran four or five cycles in that time
// (gctrace: goals of 4-5 MB), each with its stop-the-world phases, mark
// workers and sweeping of fresh spans. That cost 6-10 ms of the run's wall
// time on the three 10 KB contracts of make bench (medians of 40 runs
// interleaved with the default: 77 -> 69, 80 -> 75 ms). 300 is as fast
// there as 400 (62.1 ms both on highwaysengland, 30 runs) and holds less
// on ljaero's 182 KB (peak RSS 35.7 MB against 37.4; the default's 33 MB);
// 200 gave back 5 ms on the small ones. After the first cycle the default
// percentage (and the soft memory limit gen sets for large contracts,
// pipeline/memlimit.go) governs as before.
const startGOGC = 300

func init() {
	if os.Getenv("GOGC") != "" {
		return // the user's setting stands
	}
	prev := debug.SetGCPercent(startGOGC)
	// A cleanup runs after the cycle that finds its object unreachable:
	// this one after the first collection.
	runtime.AddCleanup(new(sentinel), func(prev int) { debug.SetGCPercent(prev) }, prev)
}

// sentinel is an object only the collector sees die. It is larger than the
// tiny allocator's 16-byte blocks, so no neighbour in a block keeps it alive
// past the first cycle.
type sentinel struct{ _ [32]byte }
