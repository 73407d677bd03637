package golang

import (
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestPartsOfSelfArray: the walk into array items and map values ends at
// a type it has seen: an array of itself (A: {items: A}) is one part, and
// a map of arrays of itself two, where it used to loop until memory ran out.
func TestPartsOfSelfArray(t *testing.T) {
	a := &contract.Type{Kind: contract.KindArray}
	a.Elem = a
	if got := parts(a); len(got) != 1 || got[0] != a {
		t.Errorf("parts(A = []A) = %v", got)
	}
	m := &contract.Type{Kind: contract.KindMap}
	arr := &contract.Type{Kind: contract.KindArray, Elem: m}
	m.Elem = arr
	if got := parts(m); len(got) != 2 {
		t.Errorf("parts(M = map[string][]M) has %d parts, want 2", len(got))
	}
}
