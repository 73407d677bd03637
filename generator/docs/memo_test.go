package docs

import (
	"sync"
	"testing"
)

// TestMemo: a memo computes each value once, however many goroutines ask
// at once, and Generate leaves the description memos empty.
func TestMemo(t *testing.T) {
	var c memo[string]
	var mu sync.Mutex
	calls := map[string]int{}
	f := func(s string) string {
		mu.Lock()
		calls[s]++
		mu.Unlock()
		return "<" + s + ">"
	}
	if got := c.get("a", f); got != "<a>" {
		t.Fatalf("get(a) = %q", got)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := c.get("a", f); got != "<a>" {
				t.Errorf("get(a) = %q", got)
			}
		})
	}
	wg.Wait()
	if calls["a"] != 1 {
		t.Errorf("f(a) ran %d times, want once", calls["a"])
	}
	c.reset()
	c.get("a", f)
	if calls["a"] != 2 {
		t.Errorf("after reset f(a) ran %d times in all, want 2", calls["a"])
	}

	m := load(t, "../../testdata/contracts/kitchensink/openapi.yaml")
	if _, err := Generate(m, Options{}); err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{"html": len(htmlMemo.m), "block": len(blockMemo.m), "inline": len(inlineMemo.m)} {
		if n != 0 {
			t.Errorf("the %s memo holds %d entries after Generate", name, n)
		}
	}
}
