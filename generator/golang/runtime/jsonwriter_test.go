package runtime

// Tests of the JSON writer (jsonWriter and its generic writers): every
// writer must write the bytes encoding/json.Marshal writes for the same Go
// value, and fail where Marshal fails.

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// writerSame encodes v with f and with json.Marshal and reports any
// difference in bytes or in errors (their presence and their text).
func writerSame[T any](t *testing.T, name string, v T, f func(*T, *jsonWriter)) {
	t.Helper()
	writerCompare(t, name, v, f, true)
}

// writerCompare is writerSame; exact says error texts must match too, not
// only the presence of an error (wrapping differs where json.Marshal goes
// through a MarshalJSON method, as with Nullable).
func writerCompare[T any](t *testing.T, name string, v T, f func(*T, *jsonWriter), exact bool) {
	t.Helper()
	want, werr := json.Marshal(v)
	got, gerr := encodeJSONValue(&v, f)
	switch {
	case (werr == nil) != (gerr == nil):
		t.Errorf("%s: error %v, json.Marshal's %v", name, gerr, werr)
	case werr != nil:
		if got != nil {
			t.Errorf("%s: failed, yet returned %q", name, got)
		}
		if exact && gerr.Error() != werr.Error() {
			t.Errorf("%s: error\n%v\njson.Marshal's\n%v", name, gerr, werr)
		}
	case !bytes.Equal(got, want):
		t.Errorf("%s:\n got %s\nwant %s", name, got, want)
	}
	// appendJSONValue appends the same bytes, or leaves the buffer as it was.
	prefix := []byte("prefix")
	out, aerr := appendJSONValue(prefix, &v, f)
	if (aerr == nil) != (gerr == nil) {
		t.Errorf("%s: appendJSONValue error %v, encodeJSONValue's %v", name, aerr, gerr)
	}
	if wantOut := append([]byte("prefix"), got...); !bytes.Equal(out, wantOut) {
		t.Errorf("%s: appendJSONValue wrote %q, want %q", name, out, wantOut)
	}
}

// writerStrings covers every escape class of a JSON string.
var writerStrings = []string{
	"", "plain", `"quoted"`, `back\slash`, "a/b",
	"\b\f\n\r\t", "\x00\x01\x07\x0b\x0e\x1f\x7f", "<script>&amp;</script>", "x<y>z&",
	"\u2028\u2029", "line\u2028sep\u2029para", "\u2027\u202a",
	"héllo wörld", "日本語", "emoji 😀", "\U0010FFFF", "\uFFFD", "\uFEFF",
	"\xff", "a\xffb", "\xc3", "\xc3(", "\xe2\x80", "\xe2\x80\xa8x", "\xed\xa0\x80", "\xf0\x90\x80", "\xf8\x88\x80\x80\x80",
	strings.Repeat("long string without escapes ", 40),
	strings.Repeat("<&>\"\\\n\u2028é\xff", 30),
}

func TestWriterStrings(t *testing.T) {
	for _, s := range writerStrings {
		writerSame(t, "string "+s, s, writeString[string])
	}
	type color string
	writerSame(t, "named string", color("<red>"), writeString[color])

	// str scans eight bytes at a time: every byte that needs care, and its
	// harmless neighbours, at every offset of the first windows, alone and
	// in pairs (a flagged byte must not hide or fake the ones after it).
	specials := []string{"\"", "\\", "<", ">", "&", "\x00", "\x01", "\x1f", " ", "!", "#", "%", "'", ";", "=", "?", "[", "]", "\x7f",
		"é", "\u2028", "\u2029", "\xff", "\x80", "😀", "\xe2\x80"}
	for _, sp := range specials {
		for n := range 20 {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("a", at) + sp + strings.Repeat("b", n-at)
				writerSame(t, "string "+s, s, writeString[string])
			}
		}
	}
	for _, sp1 := range specials[:8] {
		for _, sp2 := range specials {
			for i := range 17 {
				for j := i; j < 17; j++ {
					s := strings.Repeat("a", i) + sp1 + strings.Repeat("b", j-i) + sp2 + strings.Repeat("c", 17-j)
					writerSame(t, "string "+s, s, writeString[string])
				}
			}
		}
	}
}

// writerFloats crosses the 'e'/'f' format thresholds, extremes and specials.
var writerFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 1.0 / 3, 123456789, 1234567890123, 1e20, 1e21, 1e22, -1e21, 999999999999999999999.0,
	1e-6, 1e-7, 9.999999e-7, 1.0000001e-6, -1e-7, 1e-9, 1e-10, 1e-100, 1e100, 1.5e300, 123.456e-5,
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 2.2250738585072014e-308 / 3,
	math.MaxFloat32, math.SmallestNonzeroFloat32, 1.17549435e-38, 1.17549435e-38 / 7,
	float64(float32(0.1)), float64(float32(1e21)), float64(float32(1e-6)), float64(float32(1e20)), float64(float32(9.99e-7)),
	1 << 53, 1<<53 + 1, -(1 << 63), 16777216, 16777217,
	math.NaN(), math.Inf(1), math.Inf(-1),
}

func TestWriterFloats(t *testing.T) {
	for _, f := range writerFloats {
		writerSame(t, "float64", f, writeFloat64[float64])
		writerSame(t, "float32", float32(f), writeFloat32[float32])
	}
	type ratio float64
	writerSame(t, "named float64", ratio(2.5e-9), writeFloat64[ratio])
	type weight float32
	writerSame(t, "named float32", weight(0.1), writeFloat32[weight])
}

func TestWriterScalars(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 42, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt32} {
		writerSame(t, "int64", n, writeInt[int64])
		writerSame(t, "int32", int32(n), writeInt[int32])
	}
	type id int32
	writerSame(t, "named int32", id(-7), writeInt[id])
	type count int64
	writerSame(t, "named int64", count(1<<40), writeInt[count])
	writerSame(t, "true", true, writeBool[bool])
	writerSame(t, "false", false, writeBool[bool])
	type flag bool
	writerSame(t, "named bool", flag(true), writeBool[flag])
}

func TestWriterTimes(t *testing.T) {
	east := time.FixedZone("IST", 5*3600+30*60)
	times := []time.Time{
		{},
		time.Date(2024, 2, 29, 12, 30, 45, 0, time.UTC),
		time.Date(2024, 2, 29, 12, 30, 45, 123456789, time.UTC),
		time.Date(2024, 2, 29, 12, 30, 45, 100, time.UTC),
		time.Date(2024, 2, 29, 12, 30, 45, 120000000, east),
		time.Date(1999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -8*3600)),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600+30)),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 23*3600+59*60)),
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", -24*3600)),
		time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 100*3600)),
		time.Unix(1700000000, 5).In(time.Local),
	}
	for _, tm := range times {
		writerSame(t, "time "+tm.String(), tm, writeTime)
	}
}

func TestWriterBytes(t *testing.T) {
	for _, b := range [][]byte{nil, {}, {0}, []byte("f"), []byte("fo"), []byte("foo"), []byte("<>&?"), bytes.Repeat([]byte{0xff, 0xfe, 0}, 100)} {
		writerSame(t, "bytes", b, writeBytes)
	}
}

func TestWriterContainers(t *testing.T) {
	strs := func(p *[]string, w *jsonWriter) { writeSlice(p, w, writeString[string]) }
	writerSame(t, "nil slice", []string(nil), strs)
	writerSame(t, "empty slice", []string{}, strs)
	writerSame(t, "slice", []string{"a", "<b>", ""}, strs)
	writerSame(t, "int slice", []int32{1, -2, 3}, func(p *[]int32, w *jsonWriter) { writeSlice(p, w, writeInt[int32]) })
	writerSame(t, "nested slices", [][]float64{nil, {}, {1.5, 1e21}}, func(p *[][]float64, w *jsonWriter) {
		writeSlice(p, w, func(p *[]float64, w *jsonWriter) { writeSlice(p, w, writeFloat64[float64]) })
	})
	writerSame(t, "slice with NaN", []float64{1, math.NaN()}, func(p *[]float64, w *jsonWriter) { writeSlice(p, w, writeFloat64[float64]) })

	writerSame(t, "nil map", map[string]int64(nil), func(p *map[string]int64, w *jsonWriter) { writeMap(p, w, writeInt[int64]) })
	writerSame(t, "empty map", map[string]int64{}, func(p *map[string]int64, w *jsonWriter) { writeMap(p, w, writeInt[int64]) })
	big := map[string]int64{}
	for i := range 100 {
		big[string(rune('a'+i%26))+strings.Repeat("x", i/26)+string(rune(0x3b1+i%7))] = int64(i)
	}
	for _, m := range []map[string]int64{
		{"one": 1},
		{"b": 2, "a": 1, "c": 3, "": 0, "B": 4, "ab": 5, "a\x00": 6},
		{"<k>": 1, "\n": 2, "\xff": 3, "é": 4, "\u2028": 5, "z": 6},
		big,
	} {
		writerSame(t, "map", m, func(p *map[string]int64, w *jsonWriter) { writeMap(p, w, writeInt[int64]) })
	}
	writerSame(t, "map of slices", map[string][]string{"x": {"1"}, "a": nil, "m": {}}, func(p *map[string][]string, w *jsonWriter) {
		writeMap(p, w, func(p *[]string, w *jsonWriter) { writeSlice(p, w, writeString[string]) })
	})
	writerSame(t, "map with Inf", map[string]float64{"a": 1, "b": math.Inf(1)}, func(p *map[string]float64, w *jsonWriter) { writeMap(p, w, writeFloat64[float64]) })
}

func TestWriterPointersAndNullables(t *testing.T) {
	s := "<s>"
	writerSame(t, "nil pointer", (*string)(nil), func(p **string, w *jsonWriter) { writePtr(p, w, writeString[string]) })
	writerSame(t, "pointer", &s, func(p **string, w *jsonWriter) { writePtr(p, w, writeString[string]) })
	n := int64(-5)
	writerSame(t, "int pointer", &n, func(p **int64, w *jsonWriter) { writePtr(p, w, writeInt[int64]) })
	tm := time.Date(2020, 5, 6, 7, 8, 9, 10, time.UTC)
	writerSame(t, "time pointer", &tm, func(p **time.Time, w *jsonWriter) { writePtr(p, w, writeTime) })

	str := func(p *Nullable[string], w *jsonWriter) { writeNullable(p, w, writeString[string]) }
	writerSame(t, "absent nullable", Nullable[string]{}, str)
	writerSame(t, "null nullable", Nullable[string]{Set: true, Null: true, Value: "ignored"}, str)
	writerSame(t, "unset nullable with value", Nullable[string]{Value: "ignored"}, str)
	writerSame(t, "nullable", Nullable[string]{Set: true, Value: "x&y"}, str)
	writerSame(t, "nullable slice", Nullable[[]int64]{Set: true, Value: []int64{1, 2}}, func(p *Nullable[[]int64], w *jsonWriter) {
		writeNullable(p, w, func(p *[]int64, w *jsonWriter) { writeSlice(p, w, writeInt[int64]) })
	})
	// json.Marshal wraps the error of Nullable.MarshalJSON: only its presence is compared.
	writerCompare(t, "nullable NaN", Nullable[float64]{Set: true, Value: math.NaN()}, func(p *Nullable[float64], w *jsonWriter) {
		writeNullable(p, w, writeFloat64[float64])
	}, false)
}

// writerPet is a hand-written stand-in for a generated type: its encodeJSON
// method writes what json.Marshal writes for the struct.
type writerPet struct {
	Name  string            `json:"name"`
	Tags  []string          `json:"tags"`
	Age   *int64            `json:"age,omitempty"`
	Score float32           `json:"score"`
	Born  time.Time         `json:"born"`
	Extra map[string]any    `json:"extra,omitempty"`
	Kids  []writerPet       `json:"kids,omitempty"`
	Nick  Nullable[string]  `json:"nick"`
	Meta  json.RawMessage   `json:"meta,omitempty"`
	Attrs map[string]string `json:"attrs,omitempty"`
}

func (p *writerPet) encodeJSON(w *jsonWriter) {
	w.raw("{")
	w.field(`"name":`)
	w.str(p.Name)
	w.field(`"tags":`)
	writeSlice(&p.Tags, w, writeString[string])
	if p.Age != nil {
		w.field(`"age":`)
		w.int(*p.Age)
	}
	w.field(`"score":`)
	w.float(float64(p.Score), 32)
	w.field(`"born":`)
	writeTime(&p.Born, w)
	if len(p.Extra) > 0 {
		w.field(`"extra":`)
		writeMap(&p.Extra, w, writeAny)
	}
	if len(p.Kids) > 0 {
		w.field(`"kids":`)
		writeSlice(&p.Kids, w, (*writerPet).encodeJSON)
	}
	w.field(`"nick":`)
	writeNullable(&p.Nick, w, writeString[string])
	if len(p.Meta) > 0 {
		w.field(`"meta":`)
		writeRaw(&p.Meta, w)
	}
	if len(p.Attrs) > 0 {
		w.field(`"attrs":`)
		writeMap(&p.Attrs, w, writeString[string])
	}
	w.raw("}")
}

// treeNode is what toolkit generates for a self-referencing object schema
// (the kitchen-sink contract's TreeNode).
type treeNode struct {
	Children []treeNode `json:"children,omitempty"`
	Next     *treeNode  `json:"next,omitempty"`
	Value    string     `json:"value"`
}

func (v *treeNode) encodeJSON(w *jsonWriter) {
	w.raw("{")
	writeOptSlice(w, "\"children\":", &v.Children, (*treeNode).encodeJSON)
	writeOpt(w, "\"next\":", v.Next != nil, v.Next, (*treeNode).encodeJSON)
	w.field("\"value\":")
	writeString(&v.Value, w)
	w.raw("}")
}

func (v treeNode) MarshalJSON() ([]byte, error) {
	return encodeJSONWith(&v)
}

// writerUnion has its own MarshalJSON, as generated unions do.
type writerUnion struct {
	s   string
	err bool
}

func (u writerUnion) MarshalJSON() ([]byte, error) {
	if u.err {
		return nil, errors.New("no variant set")
	}
	return json.Marshal(map[string]string{"kind": " " + u.s})
}

func TestWriterObjects(t *testing.T) {
	age := int64(3)
	pet := writerPet{
		Name: "Rex <the dog>", Tags: []string{"good", "boy"}, Age: &age, Score: 0.1,
		Born:  time.Date(2020, 1, 2, 3, 4, 5, 6, time.FixedZone("", -3*3600)),
		Extra: map[string]any{"z": 1.5, "a": []any{"x", nil, true}},
		Kids:  []writerPet{{Name: "pup", Nick: Null[string]()}, {Name: "pip", Tags: []string{}, Nick: NewNullable("p")}},
		Nick:  NewNullable("rexy"),
		Meta:  json.RawMessage(` { "k" : [ 1 , "<a>" ] } `),
		Attrs: map[string]string{"b": "2", "a": "1"},
	}
	writerSame(t, "pet", pet, (*writerPet).encodeJSON)
	writerSame(t, "empty pet", writerPet{}, (*writerPet).encodeJSON)
	writerSame(t, "pet pointer", &pet, func(p **writerPet, w *jsonWriter) { writePtr(p, w, (*writerPet).encodeJSON) })
	writerSame(t, "pets", []writerPet{pet, {}}, func(p *[]writerPet, w *jsonWriter) { writeSlice(p, w, (*writerPet).encodeJSON) })
	bad := pet
	bad.Score = float32(math.Inf(-1))
	writerSame(t, "pet with -Inf", bad, (*writerPet).encodeJSON)
	bad = pet
	bad.Meta = json.RawMessage(`{"k":}`)
	writerSame(t, "pet with bad raw message", bad, (*writerPet).encodeJSON)
	bad = pet
	bad.Born = time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC)
	writerSame(t, "pet with year 12345", bad, (*writerPet).encodeJSON)

	writerSame(t, "union", writerUnion{s: "<x>"}, writeJSON[writerUnion])
	// json.Marshal names the type *writerUnion for writeJSON, which passes a
	// pointer, and writerUnion for a value: only presence is compared.
	writerCompare(t, "failing union", writerUnion{err: true}, writeJSON[writerUnion], false)
}

func TestWriterRaw(t *testing.T) {
	for _, s := range []string{
		`null`, `1`, ` 1 `, `"<a&b>"`, "\"\u2028\u2029\"", `{"a" : [1, 2 ,{ }], "b":"x\"<\\"}`, "\t[\n1,\r2 ]\n", `"\u003c"`, `"\\<"`, `"é\ud83d\ude00"`,
		``, ` `, `{`, `[1,]`, `nul`, `1 2`, `"\x"`, "\"\x01\"", `{"a":1}}`,
	} {
		writerSame(t, "raw "+s, json.RawMessage(s), writeRaw)
	}
	writerSame(t, "nil raw", json.RawMessage(nil), writeRaw)
}

func TestWriterAny(t *testing.T) {
	age := int64(9)
	cases := []any{
		nil, true, false, 1.5, math.Copysign(0, -1), 1e21, float32(0.1), 7, int64(-8), int32(9), "<x>",
		json.Number("12.5e-3"), json.Number(""), json.Number("-0"),
		[]any{}, []any(nil), []any{1.0, "a", nil, []any{map[string]any{}}},
		map[string]any{}, map[string]any(nil), map[string]any{"b": 1.0, "a": map[string]any{"y": nil, "x": []any{true}}},
		json.RawMessage(` {"a" : "<"} `), json.RawMessage(nil),
		&writerPet{Name: "any", Age: &age}, (*writerPet)(nil),
		writerPet{Name: "value, through json.Marshal"},
		[]string{"fallback"}, map[string]int{"b": 1, "a": 2}, uint8(3), struct {
			A int `json:"a"`
		}{1},
		writerUnion{s: "u"},
		math.NaN(), float32(math.Inf(1)), json.Number("abc"), json.Number("1."), json.Number("--1"),
		json.RawMessage(`{`), json.RawMessage(``), make(chan int),
		[]any{1.0, math.Inf(1)}, map[string]any{"a": json.Number("x")},
	}
	for _, v := range cases {
		writerSame(t, "any", v, writeAny)
	}
}

// TestWriterField checks the comma rule of field: none after '{'.
func TestWriterField(t *testing.T) {
	var w jsonWriter
	w.raw("{")
	w.field(`"a":`)
	w.raw("{")
	w.raw("}")
	w.field(`"b":`)
	w.raw("{")
	w.field(`"c":`)
	w.null()
	w.raw("}")
	w.raw("}")
	if got, want := string(w.buf), `{"a":{},"b":{"c":null}}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestWriterFirstError checks that the first error is the one kept.
func TestWriterFirstError(t *testing.T) {
	var w jsonWriter
	first := errors.New("first")
	w.fail(first)
	w.float(math.NaN(), 64)
	if w.err != first {
		t.Errorf("error %v, want the first", w.err)
	}
	buf := []byte("keep")
	out, err := appendJSONValue(buf, new(float64), func(p *float64, w *jsonWriter) { w.float(math.Inf(1), 64) })
	if err == nil || string(out) != "keep" {
		t.Errorf("appendJSONValue after an error: %q, %v", out, err)
	}
}

// FuzzJSONWriter checks strings, floats, bytes, raw messages, numbers and
// times against json.Marshal: same bytes, errors at the same places.
func FuzzJSONWriter(f *testing.F) {
	// Short seeds only: the fuzzer minimises every new input, and long ones
	// take it long.
	for i, s := range writerStrings {
		if len(s) <= 32 {
			f.Add(s, writerFloats[i%len(writerFloats)], []byte(s))
		}
	}
	f.Add(`{"a": [1, 2.5e3, "<\u2028>"], "b" : null}`, 1e21, []byte(` [true , false] `))
	f.Add("-12.5E+7", 9.999999e-7, []byte(`{"x":}`))
	f.Fuzz(func(t *testing.T, s string, x float64, b []byte) {
		writerSame(t, "string", s, writeString[string])
		writerSame(t, "float64", x, writeFloat64[float64])
		writerSame(t, "float32", float32(x), writeFloat32[float32])
		writerSame(t, "bytes", b, writeBytes)
		writerSame(t, "raw", json.RawMessage(b), writeRaw)
		writerSame(t, "raw string", json.RawMessage(s), writeRaw)
		writerSame(t, "number", any(json.Number(s)), writeAny)
		writerSame(t, "map", map[string]any{s: x, string(b): []any{s, float32(x)}}, func(p *map[string]any, w *jsonWriter) { writeMap(p, w, writeAny) })
		// A time from x's bits: seconds over ±20000 years, nanoseconds and
		// a zone offset of up to ±50 hours (beyond 23:59 fails).
		bits := math.Float64bits(x)
		sec := int64(bits>>20)%(20000*366*86400) - 10000*366*86400
		zone := time.FixedZone("", int(int64(bits&0xfffff)%(50*3600))-int(bits>>63)*50*3600)
		writerSame(t, "time", time.Unix(sec, int64(bits%1e9)).In(zone), writeTime)
		if utf8.ValidString(s) {
			writerSame(t, "valid string", s, writeString[string])
		}
	})
}

// TestWriterAllocs checks that writing allocates nothing into a buffer with
// room, and that encodeJSONValue allocates its result only.
func TestWriterAllocs(t *testing.T) {
	v := writerBenchValue()
	w := jsonWriter{buf: make([]byte, 0, 4096)}
	if n := testing.AllocsPerRun(100, func() {
		w.buf = w.buf[:0]
		writerBenchWrite(&w, &v)
	}); n != 0 {
		t.Errorf("%v allocations writing into a buffer with room, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := encodeJSONValue(&v, writerBenchWrite2); err != nil {
			t.Fatal(err)
		}
	}); n != 1 {
		t.Errorf("%v allocations in encodeJSONValue, want 1", n)
	}
	// A map takes one allocation, the copy of its values f writes from
	// (f is a function value: what it is given a pointer to escapes).
	m := map[string]int64{"b": 2, "a": 1, "c": 3}
	if n := testing.AllocsPerRun(100, func() {
		w.buf = w.buf[:0]
		writeMap(&m, &w, writeInt[int64])
	}); n > 1 {
		t.Errorf("%v allocations writing a map, want at most 1", n)
	}
	buf := make([]byte, 0, 4096)
	if n := testing.AllocsPerRun(100, func() {
		if _, err := appendJSONValue(buf[:0], &v, writerBenchWrite2); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations in appendJSONValue with room, want 0", n)
	}
}

// writerBench is a ~1 KB object of the usual field types.
type writerBench struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Description string    `json:"description"`
	Active      bool      `json:"active"`
	Score       float64   `json:"score"`
	Ratio       float32   `json:"ratio"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	Tags        []string  `json:"tags"`
	Counts      []int64   `json:"counts"`
	Notes       []string  `json:"notes"`
	Owner       *string   `json:"owner"`
	Version     int32     `json:"version"`
	URL         string    `json:"url"`
	Path        string    `json:"path"`
	HTML        string    `json:"html"`
}

func writerBenchValue() writerBench {
	owner := "ops-team@example.com"
	return writerBench{
		ID: 123456789, Name: "Widget deluxe, model 42", Email: "someone.important@example.com",
		Description: strings.Repeat("A rather long description of the widget, in plain words. ", 4),
		Active:      true, Score: 98.625, Ratio: 0.75,
		Created: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), Updated: time.Date(2025, 7, 14, 8, 30, 15, 123000000, time.UTC),
		Tags:   []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta"},
		Counts: []int64{1, 22, 333, 4444, 55555, 666666, 7777777},
		Notes:  []string{"first note: ok", "second note, with \"quotes\"", "third\tnote\nspans lines", "fourth note, ünïcödé"},
		Owner:  &owner, Version: 7, URL: "https://example.com/widgets/42?x=1", Path: "/var/lib/widgets/42/data.bin",
		HTML: "<b>bold</b> & <i>italic</i>",
	}
}

// writerBenchWrite writes v as generated encodeJSON methods do.
func writerBenchWrite(w *jsonWriter, v *writerBench) {
	w.raw("{")
	w.field(`"id":`)
	w.int(v.ID)
	w.field(`"name":`)
	w.str(v.Name)
	w.field(`"email":`)
	w.str(v.Email)
	w.field(`"description":`)
	w.str(v.Description)
	w.field(`"active":`)
	w.boolean(v.Active)
	w.field(`"score":`)
	w.float(v.Score, 64)
	w.field(`"ratio":`)
	w.float(float64(v.Ratio), 32)
	w.field(`"created":`)
	writeTime(&v.Created, w)
	w.field(`"updated":`)
	writeTime(&v.Updated, w)
	w.field(`"tags":`)
	writeSlice(&v.Tags, w, writeString[string])
	w.field(`"counts":`)
	writeSlice(&v.Counts, w, writeInt[int64])
	w.field(`"notes":`)
	writeSlice(&v.Notes, w, writeString[string])
	w.field(`"owner":`)
	writePtr(&v.Owner, w, writeString[string])
	w.field(`"version":`)
	w.int(int64(v.Version))
	w.field(`"url":`)
	w.str(v.URL)
	w.field(`"path":`)
	w.str(v.Path)
	w.field(`"html":`)
	w.str(v.HTML)
	w.raw("}")
}

// writerBenchWrite2 is writerBenchWrite in the writers' uniform shape.
func writerBenchWrite2(v *writerBench, w *jsonWriter) { writerBenchWrite(w, v) }

func TestWriterBenchValue(t *testing.T) {
	v := writerBenchValue()
	writerSame(t, "bench value", v, writerBenchWrite2)
}

func BenchmarkJSONWriter(b *testing.B) {
	v := writerBenchValue()
	out, _ := json.Marshal(v)
	b.Run("writer", func(b *testing.B) {
		b.SetBytes(int64(len(out)))
		b.ReportAllocs()
		w := jsonWriter{buf: make([]byte, 0, 4096)}
		for b.Loop() {
			w.buf = w.buf[:0]
			writerBenchWrite(&w, &v)
		}
	})
	b.Run("encodeJSONValue", func(b *testing.B) {
		b.SetBytes(int64(len(out)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeJSONValue(&v, writerBenchWrite2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendJSONValue", func(b *testing.B) {
		b.SetBytes(int64(len(out)))
		b.ReportAllocs()
		buf := make([]byte, 0, 4096)
		for b.Loop() {
			if _, err := appendJSONValue(buf[:0], &v, writerBenchWrite2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(out)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWriterCycles: a value that refers to itself, through a map, a slice or
// a pointer of a generated type, fails as json.Marshal fails instead of
// overflowing the stack; deep values short of the limit still encode.
func TestWriterCycles(t *testing.T) {
	m := map[string]any{"a": 1.0}
	m["self"] = m
	s := []any{nil}
	s[0] = s
	tree := treeNode{Value: "root"}
	tree.Next = &tree
	loop := treeNode{Value: "loop", Children: []treeNode{{Value: "child"}}}
	loop.Children[0].Next = &loop
	for name, enc := range map[string]func() ([]byte, error){
		"map": func() ([]byte, error) {
			v := any(m)
			return encodeJSONValue(&v, writeAny)
		},
		"slice": func() ([]byte, error) {
			v := any(s)
			return encodeJSONValue(&v, writeAny)
		},
		"pointer":     func() ([]byte, error) { return encodeJSONValue(&tree, (*treeNode).encodeJSON) },
		"slice items": func() ([]byte, error) { return encodeJSONValue(&loop, (*treeNode).encodeJSON) },
		"any holding a generated type": func() ([]byte, error) {
			v := any(&tree)
			return encodeJSONValue(&v, writeAny)
		},
	} {
		out, err := enc()
		if err == nil || out != nil || !strings.Contains(err.Error(), "encountered a cycle") {
			t.Errorf("%s: %.40q, %v; want no output and a cycle error", name, out, err)
		}
	}
	if _, err := json.Marshal(tree); err == nil {
		t.Errorf("json.Marshal of a self-referencing treeNode did not fail")
	}

	var deep any = "bottom"
	for range 9000 {
		deep = []any{deep}
	}
	writerSame(t, "9000 levels", deep, writeAny)
	var chain *treeNode
	for i := range 3000 {
		chain = &treeNode{Value: strconv.Itoa(i), Next: chain}
	}
	writerSame(t, "a chain of 3000 nodes", *chain, (*treeNode).encodeJSON)
}

// writerRow is an object of required strings, written as encodeJSON writes
// such a run: one writeStrings call.
type writerRow struct {
	A string `json:"a"`
	B string `json:"b<&>"`
	C string `json:"c"`
}

func (v *writerRow) encodeJSON(w *jsonWriter) {
	writeStrings(w, "{\"a\":\x00,\"b\\u003c\\u0026\\u003e\":\x00,\"c\":\x00}", &v.A, &v.B, &v.C)
}

func TestWriterStringRun(t *testing.T) {
	writerSame(t, "row", writerRow{A: "x", B: "<\u2028\"\\>", C: "\xff"}, (*writerRow).encodeJSON)
	writerSame(t, "empty row", writerRow{}, (*writerRow).encodeJSON)
	writerSame(t, "rows", []writerRow{{A: "1"}, {C: "3"}}, func(p *[]writerRow, w *jsonWriter) { writeSlice(p, w, (*writerRow).encodeJSON) })
	// No value: the text alone, as after a run's last member.
	w := jsonWriter{}
	writeStrings(&w, "}")
	if got := string(w.buf); got != "}" {
		t.Errorf("writeStrings without values wrote %q", got)
	}
}
