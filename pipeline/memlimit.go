package pipeline

import (
	"math"
	"os"
	"runtime/debug"
)

// Soft memory limit while Run works (see softMemoryLimit): limitPerByte
// bytes of limit per byte of the largest contract, and at least
// limitFloor. GitHub's description (12.4 MB) holds about 270 MB live at
// its peak; with the collector's default (a cycle when the heap has
// doubled) gen peaked at 614 MB RSS, under a 400 MiB limit at 442 MB for
// the same CPU time, under 350 MiB at 406 MB for a third more.
const (
	limitPerByte = 36
	limitFloor   = 256 << 20
)

// softMemoryLimit sets a soft memory limit scaled to the entries'
// contracts, so the garbage collector runs before the heap doubles when a
// large contract's heap nears it, and returns what puts the previous limit
// back. A process given a limit (GOMEMLIMIT, =off included, or
// debug.SetMemoryLimit before Run) keeps its own. The limit is soft: a heap that needs more
// gets it, the collector running more often (at most half the CPU).
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
	prev := debug.SetMemoryLimit(max(limitFloor, limitPerByte*largest))
	return func() { debug.SetMemoryLimit(prev) }
}
