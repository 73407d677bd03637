package runtime

import (
	"math"
	"testing"
)

type uniqueItem struct {
	Name string
	Tags map[string]int64
}

func writeUniqueItem(p *uniqueItem, w *jsonWriter) {
	w.buf = append(w.buf, '{')
	w.str(p.Name)
	w.buf = append(w.buf, ',')
	writeMap(&p.Tags, w, writeInt[int64])
	w.buf = append(w.buf, '}')
}

// TestUniqueEncoded: items equal as JSON values are duplicates whatever
// the Go map order; distinct ones are not; an item the writer refuses
// (NaN) is not taken as a duplicate of another.
func TestUniqueEncoded(t *testing.T) {
	a := uniqueItem{"a", map[string]int64{"x": 1, "y": 2}}
	b := uniqueItem{"a", map[string]int64{"y": 2, "x": 1}}
	c := uniqueItem{"a", map[string]int64{"x": 1}}
	if uniqueEncoded([]uniqueItem{a, b}, writeUniqueItem) {
		t.Error("two equal objects are unique")
	}
	if !uniqueEncoded([]uniqueItem{a, c}, writeUniqueItem) {
		t.Error("two distinct objects are duplicates")
	}
	type list [][]int64
	write := func(p *[]int64, w *jsonWriter) { writeList(p, w, writeInt[int64]) }
	if uniqueEncoded(list{{1, 2}, {2, 1}, {1, 2}}, write) {
		t.Error("[[1,2],[2,1],[1,2]] is unique")
	}
	if !uniqueEncoded(list{{1, 2}, {2, 1}, {}}, write) {
		t.Error("[[1,2],[2,1],[]] has duplicates")
	}
	anys := []any{map[string]any{"n": 1.0}, map[string]any{"n": 1.0}}
	if uniqueEncoded(anys, writeAny) {
		t.Error("two equal free-form objects are unique")
	}
	if !uniqueEncoded([]any{math.NaN(), math.NaN()}, writeAny) {
		t.Error("unwritable items were compared")
	}
}

func TestHasAll(t *testing.T) {
	m := map[string]any{"a": 1.0, "b": nil}
	for _, c := range []struct {
		names []string
		want  bool
	}{{nil, true}, {[]string{"a", "b"}, true}, {[]string{"a", "c"}, false}} {
		if got := hasAll(m, c.names); got != c.want {
			t.Errorf("hasAll(%v) = %v", c.names, got)
		}
	}
	if hasAll(nil, []string{"a"}) {
		t.Error("a non-object has properties")
	}
}
