package runtime

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestObjectHeader: an object header written from its properties
// (objectItems, mapItems, styleHeader) reads back (splitObject) to the
// same values, exploded or not; malformed headers are refused.
func TestObjectHeader(t *testing.T) {
	vals := url.Values{"from": {"1"}, "to": {"5"}, "unused": {"x"}}
	items := objectItems(vals, "to", "from", "absent")
	if want := []string{"to", "5", "from", "1"}; !cmp.Equal(want, items) {
		t.Fatalf("objectItems: %q, want %q", items, want)
	}
	for _, explode := range []bool{false, true} {
		s := styleHeader(explode, true, items)
		got, ok := splitObject(s, explode)
		if want := (url.Values{"from": {"1"}, "to": {"5"}}); !ok || !cmp.Equal(want, got) {
			t.Errorf("explode %v: %q reads back as %v (%v), want %v", explode, s, got, ok, want)
		}
	}
	m := map[string]int64{"b": 2, "a": 1}
	if got := styleHeader(false, true, mapItems(m, func(v int64) string { return strconv.FormatInt(v, 10) })); got != "a,1,b,2" {
		t.Errorf("map: %q, want a,1,b,2", got)
	}
	for _, tc := range []struct {
		in      string
		explode bool
		want    url.Values
	}{
		{"a, 1 ,b,2", false, url.Values{"a": {"1"}, "b": {"2"}}},
		{"a=1, b=", true, url.Values{"a": {"1"}, "b": {""}}},
		{"a,1,b", false, nil},
		{",1", false, nil},
		{"a=1,b", true, nil},
		{"=1", true, nil},
	} {
		got, ok := splitObject(tc.in, tc.explode)
		if ok != (tc.want != nil) || !cmp.Equal(tc.want, got) {
			t.Errorf("splitObject(%q, %v) = %v, %v; want %v", tc.in, tc.explode, got, ok, tc.want)
		}
	}
}

// FuzzSplitObject: any header text either is refused or reads as an
// object whose items, written again, read back to the same values.
func FuzzSplitObject(f *testing.F) {
	for _, s := range []string{"a,1,b,2", "a=1,b=2", "", ",", "=", "a,,b,", "a=b=c"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, explode bool) {
		vals, ok := splitObject(s, explode)
		if !ok {
			return
		}
		var names []string
		for k := range vals {
			names = append(names, k)
		}
		again, ok := splitObject(styleHeader(explode, true, objectItems(vals, names...)), explode)
		if !ok {
			t.Fatalf("%q: written again, refused", s)
		}
		for k, vs := range again {
			if vals.Get(k) != vs[0] {
				t.Fatalf("%q: %s reads back as %q, was %q", s, k, vs[0], vals.Get(k))
			}
		}
	})
}
