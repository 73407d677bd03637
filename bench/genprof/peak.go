package main

import (
	"bytes"
	"runtime/metrics"
	"runtime/pprof"
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

	// profile, when asked for (-peakprofile), is the heap profile taken
	// when the live heap last rose profileStep above the previous one taken:
	// the profile describes the heap as the last collection marked it,
	// the same heap /gc/heap/live counts, so the last one taken shows
	// what is live at the peak (go tool pprof -sample_index=inuse_space).
	profile    *bytes.Buffer
	profiledAt uint64
}

// profileStep is how far the live heap has to rise above the last profile
// for another to be taken: each costs a walk of every sampled allocation.
const profileStep = 4 << 20

// livePoll is how often the live heap is read: it changes once per
// collection, which on a large contract is tens of milliseconds apart.
const livePoll = 2 * time.Millisecond

// startPeak starts following the live heap, in stage first.
// With profile, it also keeps the heap profile nearest the peak (see
// peakLive.profile).
func startPeak(stage string, profile bool) *peakLive {
	p := &peakLive{stage: stage, stop: make(chan struct{}), done: make(chan struct{})}
	if profile {
		p.profile = &bytes.Buffer{}
	}
	go func() {
		defer close(p.done)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(livePoll)
		defer t.Stop()
		for {
			metrics.Read(s)
			p.mu.Lock()
			v := s[0].Value.Uint64()
			if v > p.max {
				p.max, p.at = v, p.stage
			}
			p.mu.Unlock()
			if p.profile != nil && v >= p.profiledAt+profileStep {
				p.profiledAt = v
				p.profile.Reset()
				pprof.Lookup("heap").WriteTo(p.profile, 0)
			}
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
