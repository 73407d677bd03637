package startheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// percent reads the collector's percentage without changing it.
func percent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// TestFirstCycleRestoresPercent checks the package's whole effect: the
// percentage is startGOGC until the first collection and the default after.
func TestFirstCycleRestoresPercent(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: the package leaves the collector alone")
	}
	if got := percent(); got != startGOGC {
		t.Fatalf("percentage before the first cycle = %d, want %d (did a cycle run before the test?)", got, startGOGC)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for percent() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("percentage after a collection = %d, want the default 100", percent())
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}
