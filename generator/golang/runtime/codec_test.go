package runtime

// Tests of the table helpers decodeJSON uses: memberIndex (a key's place
// in an object's sorted property names) and checkRequired (the first
// required property not seen).

import (
	"errors"
	"slices"
	"testing"
)

func TestMemberIndex(t *testing.T) {
	names := []string{"", "A", "a", "b", "ab", "é", "Mnth1Value", "Mnth10Value"}
	if !slices.IsSortedFunc(names, keyOrder) {
		t.Fatal("test table is not sorted")
	}
	for i, n := range names {
		if got := memberIndex([]byte(n), names); got != i {
			t.Errorf("memberIndex(%q) = %d, want %d", n, got, i)
		}
	}
	for _, k := range []string{"0", "Mnth", "Mnth10Valuex", "aa", "c", "\x00", "A\x00", "ÿ"} {
		if got := memberIndex([]byte(k), names); got != -1 {
			t.Errorf("memberIndex(%q) = %d, want -1", k, got)
		}
	}
	if got := memberIndex([]byte("a"), nil); got != -1 {
		t.Errorf("memberIndex in no names = %d, want -1", got)
	}
	if n := testing.AllocsPerRun(100, func() { memberIndex([]byte("Mnth1Value"), names) }); n != 0 {
		t.Errorf("memberIndex allocates %v times, want 0", n)
	}
}

// FuzzMemberIndex checks memberIndex against a linear search.
func FuzzMemberIndex(f *testing.F) {
	f.Add("b", "a\x00b\x00c")
	f.Add("", "\x00x")
	f.Fuzz(func(t *testing.T, key, list string) {
		names := splitNUL(list)
		slices.SortFunc(names, keyOrder)
		names = slices.Compact(names)
		want := slices.Index(names, key)
		if got := memberIndex([]byte(key), names); got != want {
			t.Fatalf("memberIndex(%q, %q) = %d, want %d", key, names, got, want)
		}
	})
}

func splitNUL(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestCheckRequired(t *testing.T) {
	names := []string{"id", "a/b", "name"}
	if err := checkRequired([]bool{true, true, true}, names); err != nil {
		t.Fatalf("all seen: %v", err)
	}
	if err := checkRequired(nil, nil); err != nil {
		t.Fatalf("none required: %v", err)
	}
	for _, c := range []struct {
		seen    []bool
		pointer string
	}{
		{[]bool{false, false, false}, "/id"},
		{[]bool{true, false, false}, "/a~1b"},
		{[]bool{true, true, false}, "/name"},
	} {
		err := checkRequired(c.seen, names)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Pointer != c.pointer || ve.Message != "is required" {
			t.Errorf("checkRequired(%v) = %#v, want %s is required", c.seen, err, c.pointer)
		}
	}
}
