package pipeline

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Soft memory limit while Run works (see softMemoryLimit): limitPerByte
// bytes of limit per byte of the largest contract, at least limitFloor,
// and at least limitOverLive times the live heap as it grows.
//
// GitHub's description (12.4 MB) holds 165 MB live at its peak (the
// Model, about 70 MB, and the files being formatted). With the collector's
// default (a cycle when the heap has doubled) and the earlier 36 bytes per
// byte (446 MiB), gen peaked at 400-470 MB RSS; under the floor, 256 MiB,
// at 280 MB for the same CPU time (two interleaved runs each, load 4-7);
// under 220 MiB at 250 MB for a quarter more CPU, the heap then too close
// to the live heap. Other contracts hold more per byte at their peak
// (kubernetes.io 22 bytes per byte, GHES 2.21's 26, codat.io 18, GitHub's
// 13), so the limit also follows the live heap: a contract whose peak is
// above the size-based limit gets collections at 1.5 times its live heap
// (as GOGC=50 would), not back to back.
const (
	limitPerByte  = 20
	limitFloor    = 256 << 20
	limitOverLive = 1.5
)

// livePoll is how often softMemoryLimit reads the live heap: it changes
// once per collection, tens of milliseconds apart on a large contract.
const livePoll = 5 * time.Millisecond

// softMemoryLimit sets a soft memory limit scaled to the entries'
// contracts, so the garbage collector runs before the heap doubles when a
// large contract's heap nears it, and raises it as the live heap grows
// (limitFor); it returns what stops that and puts the previous limit back.
// A process given a limit (GOMEMLIMIT, =off included, or
// debug.SetMemoryLimit before Run) keeps its own. The limit is soft: a
// heap that needs more gets it, the collector running more often (at most
// half the CPU).
func softMemoryLimit(entries []Entry) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	var largest int64
	for _, en := range entries {
		if fi, err := os.Stat(en.Contract); err == nil {
			largest = max(largest, fi.Size())
		}
	}
	base := max(limitFloor, limitPerByte*largest)
	prev := debug.SetMemoryLimit(base)
	stop := followLive(base)
	return func() {
		stop()
		debug.SetMemoryLimit(prev)
	}
}

// followLive sets the soft limit to limitFor(base, the live heap) each time
// the live heap changes, until the returned stop is called.
func followLive(base int64) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(livePoll)
		defer t.Stop()
		set := base
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			metrics.Read(s)
			if l := limitFor(base, s[0].Value.Uint64()); l != set {
				set = l
				debug.SetMemoryLimit(l)
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

// limitFor is the soft limit for a live heap of live bytes: base, or
// limitOverLive times the live heap when that is more.
func limitFor(base int64, live uint64) int64 {
	return max(base, int64(float64(live)*limitOverLive))
}
