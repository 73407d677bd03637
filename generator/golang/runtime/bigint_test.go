package runtime

import (
	"math"
	"strings"
	"testing"
)

// TestReadWriteUint: the whole uint64 range round-trips exactly; negative
// and overflowing integers, fractions and 32-bit overflow are refused with
// their literal.
func TestReadWriteUint(t *testing.T) {
	type u32 uint32
	for _, c := range []struct {
		in, want string
	}{
		{"0", "ok"},
		{"-0", "ok"},
		{"18446744073709551615", "ok"},
		{"9007199254740993", "ok"},
		{"18446744073709551616", "is out of range for a 64-bit unsigned integer: 18446744073709551616"},
		{"99999999999999999999", "is out of range for a 64-bit unsigned integer: 99999999999999999999"},
		{"-1", "must not be negative: -1"},
		{"1.5", "must be an integer, not number 1.5"},
		{`"1"`, "must be an integer, not string"},
	} {
		var v uint64
		got := readerFail(readerRun(c.in, func(r *jsonReader) error { return readUint(&v, r) }))
		if got != c.want {
			t.Errorf("readUint(%s) = %q; want %q", c.in, got, c.want)
			continue
		}
		if got != "ok" {
			continue
		}
		w := jsonWriter{}
		writeUint(&v, &w)
		want := c.in
		if want == "-0" {
			want = "0"
		}
		if string(w.buf) != want {
			t.Errorf("writeUint(readUint(%s)) = %s", c.in, w.buf)
		}
	}
	var v u32
	if got := readerFail(readerRun("4294967296", func(r *jsonReader) error { return readUint(&v, r) })); got != "is out of range for a 32-bit unsigned integer: 4294967296" {
		t.Errorf("readUint[uint32](2^32) = %q", got)
	}
	if got := readerFail(readerRun("4294967295", func(r *jsonReader) error { return readUint(&v, r) })); got != "ok" || v != math.MaxUint32 {
		t.Errorf("readUint[uint32](2^32-1) = %q, %d", got, v)
	}
}

// TestReadWriteDecimal: integers of any size keep their digits through
// the reader and the writer; "-0" reads as "0"; fractions, exponents and
// more than maxDecimalDigits digits are refused; invalid text fails the
// writer rather than producing invalid JSON.
type dec string

func TestReadWriteDecimal(t *testing.T) {
	long := make([]byte, maxDecimalDigits+1)
	for i := range long {
		long[i] = '1'
	}
	for _, c := range []struct {
		in, want, val string
	}{
		{"18446744073709551615", "ok", "18446744073709551615"},
		{"-9223372036854775809", "ok", "-9223372036854775809"},
		{"9007199254740993", "ok", "9007199254740993"},
		{"123456789012345678901234567890", "ok", "123456789012345678901234567890"},
		{"-0", "ok", "0"},
		{"1e3", "must be an integer, not number 1e3", ""},
		{"2.0", "must be an integer, not number 2.0", ""},
		{"true", "must be an integer, not bool", ""},
		{string(long), "is out of range: an integer of more than 1000 digits", ""},
	} {
		var v dec
		got := readerFail(readerRun(c.in, func(r *jsonReader) error { return readDecimal(&v, r) }))
		if got != c.want || string(v) != c.val {
			t.Errorf("readDecimal(%.30s) = %q, %q; want %q, %q", c.in, got, v, c.want, c.val)
			continue
		}
		if got != "ok" {
			continue
		}
		w := jsonWriter{}
		writeDecimal(&v, &w)
		if string(w.buf) != c.val || w.err != nil {
			t.Errorf("writeDecimal(%s) = %s, %v", v, w.buf, w.err)
		}
	}
	for _, bad := range []dec{"1.5", "x", "--1", "0x10"} {
		w := jsonWriter{}
		writeDecimal(&bad, &w)
		if w.err == nil || string(w.buf) != "null" {
			t.Errorf("writeDecimal(%q) = %s, %v; want null and an error", bad, w.buf, w.err)
		}
	}
}

func TestCanonDecimal(t *testing.T) {
	if got := decimalCanon(""); got != "0" {
		t.Errorf("decimalCanon(\"\") = %q", got)
	}
	var empty dec
	if w := (jsonWriter{}); true {
		writeDecimal(&empty, &w)
		if string(w.buf) != "0" || w.err != nil {
			t.Errorf("writeDecimal(\"\") = %s, %v; want 0 as for an empty json.Number", w.buf, w.err)
		}
	}
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"0", "0", true}, {"-0", "0", true}, {"+0", "0", true}, {"007", "7", true}, {"-007", "-7", true},
		{"+18446744073709551616", "18446744073709551616", true},
		{"", "", false}, {"-", "", false}, {"1.0", "", false}, {"1e3", "", false}, {" 1", "", false}, {"١", "", false},
	} {
		got, ok := canonDecimal(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("canonDecimal(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDecimalCmp(t *testing.T) {
	ordered := []string{"-100000000000000000000", "-9223372036854775809", "-9223372036854775808", "-10", "-9", "0", "9", "10", "9007199254740992", "9007199254740993", "18446744073709551615", "18446744073709551616"}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := decimalCmp(a, b); got != want {
				t.Errorf("decimalCmp(%s, %s) = %d; want %d", a, b, got, want)
			}
		}
	}
}

func TestDecimalMultipleOf(t *testing.T) {
	for _, c := range []struct {
		s    string
		m    float64
		want bool
	}{
		{"18446744073709551615", 5, true},
		{"18446744073709551615", 2, false},
		{"-18446744073709551616", 2, true},
		{"36893488147419103230", 18446744073709551615, true}, // beyond 2^53: through float64
		{"0", 7, true},
		{"3", 1.5, true},
	} {
		if got := decimalMultipleOf(c.s, c.m); got != c.want {
			t.Errorf("decimalMultipleOf(%s, %v) = %v; want %v", c.s, c.m, got, c.want)
		}
	}
}

func TestParseFormatBigIntegers(t *testing.T) {
	type u32 uint32
	if v, err := parseUint[uint64]("18446744073709551615"); err != nil || v != math.MaxUint64 || formatUint(v) != "18446744073709551615" {
		t.Errorf("parseUint(2^64-1) = %d, %v", v, err)
	}
	for _, bad := range []string{"-1", "18446744073709551616", "x", ""} {
		if _, err := parseUint[uint64](bad); err == nil || err.Error() != "must be a non-negative integer" {
			t.Errorf("parseUint(%q): %v", bad, err)
		}
	}
	if _, err := parseUint[u32]("4294967296"); err == nil {
		t.Error("parseUint[uint32](2^32) accepted")
	}
	if v, err := parseDecimal[dec]("-09223372036854775809"); err != nil || v != "-9223372036854775809" || formatDecimal(v) != "-9223372036854775809" {
		t.Errorf("parseDecimal = %q, %v", v, err)
	}
	if _, err := parseDecimal[dec]("1.5"); err == nil || err.Error() != "must be an integer" {
		t.Errorf("parseDecimal(1.5): %v", err)
	}
}

// FuzzBigIntegers: on any input the uint64 and decimal readers and the
// parameter parsers neither panic nor lose a digit: what they accept
// writes back as the canonical integer it is, and compares equal to itself.
func FuzzBigIntegers(f *testing.F) {
	for _, s := range []string{"18446744073709551615", "-9223372036854775809", "9007199254740993", "-0", "007", "+5", "1e3", "1.0", "", "-", "99999999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d dec
		if readerRun(s, func(r *jsonReader) error { return readDecimal(&d, r) }) == nil {
			w := jsonWriter{}
			writeDecimal(&d, &w)
			if w.err != nil || string(w.buf) != string(d) || decimalCmp(string(d), string(d)) != 0 {
				t.Fatalf("readDecimal(%q) = %q, written %q, %v", s, d, w.buf, w.err)
			}
			if c, ok := canonDecimal(string(d)); !ok || c != string(d) {
				t.Fatalf("readDecimal(%q) = %q, not canonical (%q)", s, d, c)
			}
		}
		var u uint64
		if readerRun(s, func(r *jsonReader) error { return readUint(&u, r) }) == nil {
			if c, _ := canonDecimal(strings.Trim(s, " \t\r\n")); formatUint(u) != c {
				t.Fatalf("readUint(%q) = %d", s, u)
			}
		}
		if p, err := parseDecimal[dec](s); err == nil {
			if q, err := parseDecimal[dec](formatDecimal(p)); err != nil || q != p {
				t.Fatalf("parseDecimal(%q) = %q, again %q, %v", s, p, q, err)
			}
		}
	})
}
