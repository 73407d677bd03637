package main

import (
	"runtime/metrics"
	"sync"
	"time"
)

// peakLive follows the live heap (what the last collection marked, the
// third figure of GODEBUG=gctrace=1) while a run works, and the stage it
// peaked in. The process's peak RSS is this peak plus what the collector
// lets the heap grow to before its next cycle (GOGC, the soft memory
// limit): a limit below the peak live heap only makes collections
// back to back, so this is the figure a smaller peak has to cut.
type peakLive struct {
	mu    sync.Mutex
	stage string
	max   uint64
	at    string
	stop  chan struct{}
	done  chan struct{}
}

// livePoll is how often the live heap is read: it changes once per
// collection, which on a large contract is tens of milliseconds apart.
const livePoll = 2 * time.Millisecond

// startPeak starts following the live heap, in stage first.
func startPeak(stage string) *peakLive {
	p := &peakLive{stage: stage, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(livePoll)
		defer t.Stop()
		for {
			metrics.Read(s)
			p.mu.Lock()
			if v := s[0].Value.Uint64(); v > p.max {
				p.max, p.at = v, p.stage
			}
			p.mu.Unlock()
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// enter records that the run has moved on to stage.
func (p *peakLive) enter(stage string) {
	p.mu.Lock()
	p.stage = stage
	p.mu.Unlock()
}

// end stops following and returns the peak and the stage it was reached in.
func (p *peakLive) end() (uint64, string) {
	close(p.stop)
	<-p.done
	return p.max, p.at
}
