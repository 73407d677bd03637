package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// nodeBody nests depth Branch objects around a Leaf. Each Branch's own
// property comes after "next", so a Leaf reading it fails only once the
// whole subtree has been read.
func nodeBody(depth int) string {
	return strings.Repeat(`{"next":`, depth) + `{"label":"end"}` + strings.Repeat(`,"weight":1}`, depth)
}

// treeBody nests depth Boughs around a Twig: Twig, tried first, reads the
// whole child before it misses its required "twig".
func treeBody(depth int) string {
	return strings.Repeat(`{"child":`, depth) + `{"twig":"end"}` + strings.Repeat(`}`, depth)
}

// TestUnionDecodeLinear decodes recursive unions without a discriminator
// whose variants share the recursive property, and counts the variants the
// decoders try: at most one attempt per variant per level, where trying
// every variant at every level made it 2^depth.
func TestUnionDecodeLinear(t *testing.T) {
	for _, depth := range []int{20, 100} {
		unionAttempts = 0
		var n Node
		if err := json.Unmarshal([]byte(nodeBody(depth)), &n); err != nil {
			t.Fatalf("Node depth %d: %v", depth, err)
		}
		if max := 2 * (depth + 1); unionAttempts > max {
			t.Errorf("Node depth %d: %d variant attempts, want at most %d", depth, unionAttempts, max)
		}
		levels := 0
		for n.Branch != nil {
			if n.Leaf != nil || n.Branch.Weight == nil || *n.Branch.Weight != 1 {
				t.Fatalf("Node level %d: %+v", levels, n)
			}
			levels++
			if n.Branch.Next == nil {
				t.Fatalf("Node level %d: no next", levels)
			}
			n = *n.Branch.Next
		}
		if levels != depth || n.Leaf == nil || n.Leaf.Label == nil || *n.Leaf.Label != "end" {
			t.Errorf("Node depth %d: decoded %d levels, innermost %+v", depth, levels, n)
		}

		unionAttempts = 0
		var tr Tree
		if err := json.Unmarshal([]byte(treeBody(depth)), &tr); err != nil {
			t.Fatalf("Tree depth %d: %v", depth, err)
		}
		if max := 2 * (depth + 1); unionAttempts > max {
			t.Errorf("Tree depth %d: %d variant attempts, want at most %d", depth, unionAttempts, max)
		}
	}
}

// TestUnionDecodeErrors keeps oneOf's and anyOf's answers: a body two
// variants match, or none, is refused, also nested; a syntax error deep in a
// union is reported as one.
func TestUnionDecodeErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{"next":{"label":"a"}}`, "matches 2 variants of oneOf"},
		{`{"next":{"label":"a","weight":1}}`, "does not match any variant of oneOf"},
		{`{"label":"a","weight":1}`, "does not match any variant of oneOf"},
		{nodeBody(30)[:200] + `]`, "invalid character"},
	} {
		var n Node
		err := json.Unmarshal([]byte(c.body), &n)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.body, err, c.want)
		}
	}
	var tr Tree
	if err := json.Unmarshal([]byte(`{"child":{"child":1}}`), &tr); err == nil || !strings.Contains(err.Error(), "does not match any variant of anyOf") {
		t.Errorf("Tree: got %v", err)
	}
}

// FuzzUnionDecode decodes arbitrary documents as the recursive unions: no
// panic, and whatever decodes encodes to a document that decodes to the same
// encoding again. Its seeds run with every test run.
func FuzzUnionDecode(f *testing.F) {
	for _, s := range []string{nodeBody(3), treeBody(3), `{"next":{"label":"a"}}`, `{"child":{"child":1}}`, `[]`, `null`, `{"next":`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n Node
		if json.Unmarshal(data, &n) == nil {
			roundTrip(t, &n, new(Node))
		}
		var tr Tree
		if json.Unmarshal(data, &tr) == nil {
			roundTrip(t, &tr, new(Tree))
		}
	})
}

// roundTrip encodes v, decodes it into back and checks that back encodes
// the same.
func roundTrip(t *testing.T, v, back any) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %#v: %v", v, err)
	}
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatalf("%s does not decode again: %v", b, err)
	}
	if b2, err := json.Marshal(back); err != nil || string(b2) != string(b) {
		t.Fatalf("%s encodes again as %s, %v", b, b2, err)
	}
}
