package lazyre

import (
	"sync"
	"testing"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	re := New(`^v\d+$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("call %d returned another *regexp.Regexp: compiled twice", i)
		}
	}
	if !re().MatchString("v2") || re().MatchString("v2.1") {
		t.Fatalf("pattern %q does not match as compiled", re().String())
	}
}

func TestNewPanicsOnFirstUseOfABadPattern(t *testing.T) {
	re := New(`(`) // no panic here: nothing is compiled yet
	defer func() {
		if recover() == nil {
			t.Fatal("first use of an invalid pattern did not panic")
		}
	}()
	re()
}
