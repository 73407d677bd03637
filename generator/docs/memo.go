package docs

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// A large contract repeats its descriptions: a shared schema's properties
// are drawn under every operation that uses it, and the same words ("Not
// modified", a user's login) come back hundreds of times. Rendering one
// is a goldmark parse, so each rendering of a description (to HTML, to a
// Markdown block, to a Markdown table cell) is kept by its text while
// Generate runs: on GitHub's description, rendering descriptions took a
// fifth of the build.

// memo caches a pure function of a string, safe for concurrent use: the
// page's operations and the Markdown render at once.
type memo[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

// memoMax bounds a memo: past it, the memo starts again empty.
const memoMax = 1 << 16

// get returns f(src), computing it once per src.
func (c *memo[V]) get(src string, f func(string) V) V {
	c.mu.Lock()
	v, ok := c.m[src]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = f(src)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= memoMax {
		c.m = make(map[string]V)
	}
	c.m[src] = v
	c.mu.Unlock()
	return v
}

// reset empties the memo.
func (c *memo[V]) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

var (
	htmlMemo   memo[template.HTML]
	blockMemo  memo[string]
	inlineMemo memo[string]
	// generating counts the Generate calls running; the last to return
	// empties the memos, so they hold nothing between calls.
	generating atomic.Int32
)

// startMemos marks a Generate call as running; the function it returns
// marks it done.
func startMemos() (done func()) {
	generating.Add(1)
	return func() {
		if generating.Add(-1) == 0 {
			htmlMemo.reset()
			blockMemo.reset()
			inlineMemo.reset()
		}
	}
}
