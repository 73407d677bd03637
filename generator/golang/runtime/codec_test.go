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

func TestCheckRequiredAt(t *testing.T) {
	keys := []string{"id", "a/b", "name", "x"}
	at := []int{2, 0, 1} // checked in field order: name, id, a/b
	if err := checkRequiredAt([]bool{true, true, true, false}, at, keys); err != nil {
		t.Fatalf("all required seen: %v", err)
	}
	for _, c := range []struct {
		seen    []bool
		pointer string
	}{
		{[]bool{false, false, false, true}, "/name"},
		{[]bool{false, false, true, false}, "/id"},
		{[]bool{true, false, true, true}, "/a~1b"},
	} {
		err := checkRequiredAt(c.seen, at, keys)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Pointer != c.pointer || ve.Message != "is required" {
			t.Errorf("checkRequiredAt(%v) = %#v, want %s is required", c.seen, err, c.pointer)
		}
	}
}

// tableRow is decoded as decodeJSON decodes an object of more than 8
// properties: strings through a table of their fields' addresses, others by
// a switch on the key's index, seen marked by that index.
type tableRow struct {
	A, B, C string
	N       int64
}

var keysTableRow = []string{"a", "b", "c", "n"}

var requiredTableRow = []int{0, 3, 2}

func (v *tableRow) decodeJSON(r *jsonReader) error {
	*v = tableRow{}
	var seen [4]bool
	strs := [4]*string{0: &v.A, 1: &v.B, 2: &v.C}
	var m jsonMembers
	for m.next(r) {
		i := memberIndex(m.key, keysTableRow)
		if i < 0 {
			m.err = r.skipValue()
			continue
		}
		seen[i] = true
		if strs[i] != nil {
			m.err = readString(strs[i], r)
			continue
		}
		switch i {
		case 3:
			m.err = readInt(&v.N, r)
		}
	}
	if m.err != nil {
		return m.err
	}
	return checkRequiredAt(seen[:], requiredTableRow, keysTableRow)
}

func TestTableDecode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"c":"3","n":4,"a":"1","z":[{}]}`, ""},
		{`{"a":"1","b":"2"}`, "/n: is required"},
		{`{"n":1}`, "/a: is required"},
		{`{"a":"1","n":1,"c":2}`, "/c: must be a string, not number"},
		{`{"a":"1","n":1,"c":"3",}`, "invalid character '}' looking for beginning of object key string"},
		{`{"a":"1","n":1,"c":"3"`, "unexpected end of JSON input"},
		{`{"a":"1" "n":1}`, "invalid character '\"' after object key:value pair"},
		{`["a"]`, "must be an object, not array"},
	} {
		var v tableRow
		err := decodeJSONValue([]byte(c.in), &v, (*tableRow).decodeJSON)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.in, err)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("%s: %v, want %s", c.in, err, c.want)
		}
	}
	var v tableRow
	if err := decodeJSONValue([]byte(`{"c":"3","n":4,"a":"1","b":"\u00e9"}`), &v, (*tableRow).decodeJSON); err != nil || v != (tableRow{"1", "é", "3", 4}) {
		t.Errorf("decoded %+v, %v", v, err)
	}
}

// TestTryVariant: a variant that reads is stored and the reader moves past
// it; one that does not leaves the reader and the field as they were, as
// the in-line trial it replaces did.
func TestTryVariant(t *testing.T) {
	for _, tc := range []struct {
		doc     string
		asInt   bool  // whether the value reads as an integer
		want    int64 // the integer read
		wantPos int   // the reader's offset after the integer's trial
	}{
		{`12, 3`, true, 12, 2},
		{`12.5, 3`, false, 0, 0},
		{`"12"`, false, 0, 0},
		{`-7`, true, -7, 2},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			r := &jsonReader{data: []byte(tc.doc)}
			var i *int64
			if got := tryVariant(r, &i, readInt[int64]); got != tc.asInt {
				t.Fatalf("tryVariant = %v, want %v", got, tc.asInt)
			}
			if r.pos != tc.wantPos {
				t.Errorf("reader at %d, want %d", r.pos, tc.wantPos)
			}
			switch {
			case tc.asInt && (i == nil || *i != tc.want):
				t.Errorf("field %v, want %d", i, tc.want)
			case !tc.asInt && i != nil:
				t.Errorf("field set to %d after a failed trial", *i)
			}
			if tc.asInt {
				return
			}
			// The next variant reads from where the failed one started.
			var f *float64
			if tryVariant(r, &f, readFloat[float64]) != (tc.doc[0] != '"') {
				t.Errorf("number variant after the integer's: %v", f)
			}
		})
	}
}
