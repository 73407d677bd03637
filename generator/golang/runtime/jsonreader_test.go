package runtime

// Tests of the JSON reader (jsonReader and the read* functions): fixed
// cases with their exact errors and JSON pointers, equivalence with
// encoding/json on a corpus and under fuzzing, allocation counts and a
// benchmark against encoding/json.

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// readerCorpus is JSON, valid and not, that the reader must take exactly as
// encoding/json does; it seeds FuzzJSONReader too.
var readerCorpus = []string{
	// literals
	`null`, `true`, `false`, ` null `, "\t\n\r true \r\n\t", `nul`, `nulll`, `tru`, `truex`, `fals`, `falsee`, `True`, `NULL`, `truefalse`,
	// numbers
	`0`, `-0`, `1`, `-1`, `12`, `1.5`, `-1.5`, `0.1`, `1e10`, `1E+2`, `1e-2`, `0.1e1`, `-0.0e-0`, `1.0`, `10e0`,
	`123456789012345678901234567890`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`,
	`2147483647`, `2147483648`, `-2147483648`, `-2147483649`, `99999999999999999999`, `1e19`,
	`1e308`, `1.7976931348623157e308`, `1.7976931348623159e308`, `1e400`, `-1e400`, `1e-400`, `4.9e-324`, `2.4e-324`,
	`3.4028234663852886e38`, `3.4028235e38`, `3.4028235677973366e38`, `3.4028236e38`, `3.5e38`, `1e39`, `1.401298464324817e-45`, `7e-46`, `1e-50`,
	`16777217`, `0.1000000000000000055511151231257827`, `1.00000017881393432617187499`, `1.000000178813934326171875`, `1.00000017881393432617187501`,
	`01`, `-01`, `00`, `1.`, `.1`, `-`, `+1`, `1e`, `1e+`, `1e-`, `--1`, `0x10`, `1_000`, `NaN`, `Infinity`, `-Infinity`, `1.e1`, `1.5e`, `-a`, `1.2.3`, `1ee2`,
	// strings
	`""`, `"abc"`, `"\u00e9"`, `"é"`, `"日本語"`, `"\ud83d\ude00"`, `"\uD834\uDD1E"`, `"\ud83d"`, `"\ude00"`, `"\ud83dx"`, `"\ud83d\u0041"`,
	`"\ud83d\ud83d\ude00"`, `"\ude00\ud83d"`, `"\ud83d\\"`, `"\ud83d\u"`, `"\ud83d\ud8"`, `"x\ud83d"`, `"\ud800\udc00"`, `"\udbff\udfff"`, `"\uFFFD"`, `"\uffff"`,
	"\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"", "\"\xe2\x82\"", "\"ok\xe2\x82\xac\"", "\"\x80abc\\n\xfe\"",
	`"\"\\\/\b\f\n\r\t"`, `"\u0000"`, `"a\u0041b"`, "\"\x01\"", "\"\t\"", "\"\x7f\"", `"\a"`, `"\'"`, `"\u12"`, `"\u12G4"`, `"\U0041"`, `"abc`, `"abc\`, `"\`, `"`,
	`"2024-02-29T12:30:00Z"`, `"2024-02-29T12:30:00.123456789+05:30"`, `"2024-02-30T12:30:00Z"`, `"2024-02-29 12:30:00Z"`, `"2024-02-29T24:00:00Z"`,
	`"2024-02-29T12:30:00+24:00"`, `"2024-02-29T1:30:00Z"`, `"2024-02-29T12:30:00,5Z"`, `"\u0032024-02-29T12:30:00Z"`,
	`"aGVsbG8="`, `"aGVsbG8"`, `"aGVs\r\nbG8="`, `"aGVs\nbG8="`, `"a"`, `"!!!!"`, `"aGVsbG8=="`, `"_-8="`, `"+/8="`,
	// objects and arrays
	`{}`, `[]`, ` { } `, `[ ]`, `{"a":1}`, `{"a":1,"a":2}`, `{"a":{"a":1},"a":[2]}`, ` { "a" : [ 1 , 2 , { "b" : null } ] } `,
	"\t{\n\"a\"\r:\t[\n1\r,\t2\n]\r}\n", `{"":""}`, `{"\u0061":1,"a":2}`, `{"a/b~c":[true,false,null]}`, `{"\ud83d":1,"\ude00":2}`, "{\"\xff\":1}",
	`[1,"a",true,null,{},[],1.5,-0]`, `[[[[[]]]]]`, `[{"a":[{"b":[{}]}]}]`,
	`{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{1:2}`, `{a:1}`, `{'a':1}`, `{"a":1 "b":2}`, `[1 2]`, `[1;2]`, `{"a":1]`, `[1}`,
	`{`, `[`, `{"a"`, `{"a":`, `{"a":1`, `[1`, `[1,`, `]`, `}`, `,`, `:`,
	// documents
	``, ` `, "\n", `1 2`, `"a" x`, `{} {}`, `[] ,`, "\f1", "\v1", "\u00a01", "\xef\xbb\xbfnull", "1\x00", "\x00",
}

// readerDeep nests n arrays, or objects when obj.
func readerDeep(n int, obj bool) string {
	if obj {
		return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)
	}
	return strings.Repeat("[", n) + strings.Repeat("]", n)
}

// readerFail is the error text of err, or "ok".
func readerFail(err error) string {
	if err == nil {
		return "ok"
	}
	var se *jsonSyntaxError
	if errors.As(err, &se) {
		return "syntax"
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return "unexpected error type " + reflect.TypeOf(err).String() + ": " + err.Error()
	}
	return err.Error()
}

// readerRun reads data with read, then checks its end.
func readerRun(data string, read func(r *jsonReader) error) error {
	r := jsonReader{data: []byte(data)}
	if err := read(&r); err != nil {
		return err
	}
	return r.end()
}

func TestJSONReaderScalars(t *testing.T) {
	str := func(r *jsonReader) (any, error) { return r.str() }
	integer := func(r *jsonReader) (any, error) { return r.integer() }
	number := func(r *jsonReader) (any, error) { return r.number() }
	boolean := func(r *jsonReader) (any, error) { return r.boolean() }
	skip := func(r *jsonReader) (any, error) {
		b, err := r.skip()
		return string(b), err
	}
	for _, c := range []struct {
		name string
		read func(r *jsonReader) (any, error)
		in   string
		want any // the value, or the error text ("syntax" for a syntax error)
	}{
		{"str", str, `"abc"`, "abc"},
		{"str", str, ` "" `, ""},
		{"str", str, `"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{"str", str, `"a\u0041\u00e9\u20AC"`, "aAé€"},
		{"str", str, `"\ud83d\ude00"`, "😀"},
		{"str", str, `"\ud83d"`, "\uFFFD"},
		{"str", str, `"\ude00x"`, "\uFFFDx"},
		{"str", str, `"\ud83d\u0041"`, "\uFFFDA"},
		{"str", str, `"\ud83d\ud83d\ude00"`, "\uFFFD😀"},
		{"str", str, "\"a\xffb\"", "a\uFFFDb"},
		{"str", str, "\"\xed\xa0\x80\"", "\uFFFD\uFFFD\uFFFD"},
		{"str", str, "\"\xe2\x82\"", "\uFFFD\uFFFD"},
		{"str", str, "\"é\\n\xff\"", "é\n\uFFFD"},
		{"str", str, `"\u0000"`, "\x00"},
		{"str", str, "\"\x01\"", "syntax"},
		{"str", str, "\"\t\"", "syntax"},
		{"str", str, `"\a"`, "syntax"},
		{"str", str, `"\u12"`, "syntax"},
		{"str", str, `"\u12G4"`, "syntax"},
		{"str", str, `"abc`, "syntax"},
		{"str", str, `"abc\`, "syntax"},
		{"str", str, `1`, "must be a string, not number"},
		{"str", str, `-1`, "must be a string, not number"},
		{"str", str, `{}`, "must be a string, not object"},
		{"str", str, `[]`, "must be a string, not array"},
		{"str", str, `true`, "must be a string, not bool"},
		{"str", str, `false`, "must be a string, not bool"},
		{"str", str, `null`, "must not be null"},
		{"str", str, `nul`, "syntax"},
		{"str", str, `x`, "syntax"},
		{"str", str, ``, "syntax"},
		{"str", str, `"a" "b"`, "syntax"},

		{"integer", integer, `0`, int64(0)},
		{"integer", integer, `-0`, int64(0)},
		{"integer", integer, ` 42 `, int64(42)},
		{"integer", integer, `9223372036854775807`, int64(math.MaxInt64)},
		{"integer", integer, `-9223372036854775808`, int64(math.MinInt64)},
		{"integer", integer, `9223372036854775808`, "is out of range for a 64-bit integer: 9223372036854775808"},
		{"integer", integer, `-9223372036854775809`, "is out of range for a 64-bit integer: -9223372036854775809"},
		{"integer", integer, `99999999999999999999`, "is out of range for a 64-bit integer: 99999999999999999999"},
		{"integer", integer, `1.5`, "must be an integer, not number 1.5"},
		{"integer", integer, `1.0`, "must be an integer, not number 1.0"},
		{"integer", integer, `1e2`, "must be an integer, not number 1e2"},
		{"integer", integer, `"1"`, "must be an integer, not string"},
		{"integer", integer, `null`, "must not be null"},
		{"integer", integer, `01`, "syntax"},
		{"integer", integer, `1.`, "syntax"},
		{"integer", integer, `-`, "syntax"},
		{"integer", integer, `+1`, "syntax"},

		{"number", number, `0`, 0.0},
		{"number", number, `-1.5e3`, -1500.0},
		{"number", number, `0.1`, 0.1},
		{"number", number, `1E+2`, 100.0},
		{"number", number, `1e-400`, 0.0},
		{"number", number, `123456789012345678901234567890`, 1.2345678901234568e29},
		{"number", number, `1e400`, "is out of range for a 64-bit number: 1e400"},
		{"number", number, `-1e400`, "is out of range for a 64-bit number: -1e400"},
		{"number", number, `"1"`, "must be a number, not string"},
		{"number", number, `[1]`, "must be a number, not array"},
		{"number", number, `null`, "must not be null"},
		{"number", number, `.5`, "syntax"},
		{"number", number, `1e`, "syntax"},
		{"number", number, `1e+`, "syntax"},
		{"number", number, `NaN`, "syntax"},
		{"number", number, `-Infinity`, "syntax"},
		{"number", number, `0x10`, "syntax"},

		{"boolean", boolean, `true`, true},
		{"boolean", boolean, ` false `, false},
		{"boolean", boolean, `1`, "must be a boolean, not number"},
		{"boolean", boolean, `"true"`, "must be a boolean, not string"},
		{"boolean", boolean, `null`, "must not be null"},
		{"boolean", boolean, `tru`, "syntax"},
		{"boolean", boolean, `truex`, "syntax"},

		{"skip", skip, ` {"a" : [1, "x\"y", {"b": null}], "c": -1.5e-3 } `, `{"a" : [1, "x\"y", {"b": null}], "c": -1.5e-3 }`},
		{"skip", skip, `null`, `null`},
		{"skip", skip, "\"\xff\"", "\"\xff\""},
		{"skip", skip, `[1,]`, "syntax"},
		{"skip", skip, `{"a":1,}`, "syntax"},
		{"skip", skip, `{"a" 1}`, "syntax"},
		{"skip", skip, `{1:1}`, "syntax"},
		{"skip", skip, `"\x"`, "syntax"},
		{"skip", skip, `"\u00"`, "syntax"},
		{"skip", skip, "\"\x1f\"", "syntax"},
		{"skip", skip, `01`, "syntax"},
		{"skip", skip, `[`, "syntax"},
	} {
		var got any
		err := readerRun(c.in, func(r *jsonReader) error {
			v, err := c.read(r)
			got = v
			return err
		})
		if err != nil {
			got = readerFail(err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s(%q) = %#v, want %#v", c.name, c.in, got, c.want)
		}
	}
}

func TestJSONReaderIsNull(t *testing.T) {
	for _, c := range []struct {
		in   string
		null bool
		pos  int
	}{
		{`null`, true, 4}, {" \t\n\rnull ", true, 8}, {`nul`, false, 0}, {`"null"`, false, 0}, {`1`, false, 0}, {``, false, 0}, {`  [null]`, false, 2},
	} {
		r := jsonReader{data: []byte(c.in)}
		if got := r.isNull(); got != c.null || r.pos != c.pos {
			t.Errorf("isNull(%q) = %v at %d, want %v at %d", c.in, got, r.pos, c.null, c.pos)
		}
	}
}

func TestJSONReaderSyntaxError(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{`[1,`, "invalid JSON at offset 3: unexpected end of input"},
		{`{"a" 1}`, "invalid JSON at offset 5: invalid character '1' after object key"},
		{`{"a":1 "b":2}`, "invalid JSON at offset 7: invalid character '\"' after object key:value pair"},
		{`[1 2]`, "invalid JSON at offset 3: invalid character '2' after array element"},
		{`{1:2}`, "invalid JSON at offset 1: invalid character '1' looking for beginning of object key string"},
		{`[x]`, "invalid JSON at offset 1: invalid character 'x' looking for beginning of value"},
		{"\"a\x01\"", "invalid JSON at offset 2: invalid character '\\x01' in string literal"},
		{`"\q"`, "invalid JSON at offset 2: invalid character 'q' in string escape code"},
		{`"\u12x4"`, "invalid JSON at offset 5: invalid character 'x' in \\u hexadecimal character escape"},
		{`-x`, "invalid JSON at offset 1: invalid character 'x' in numeric literal"},
		{`1.x`, "invalid JSON at offset 2: invalid character 'x' after decimal point in numeric literal"},
		{`1ex`, "invalid JSON at offset 2: invalid character 'x' in exponent of numeric literal"},
		{`trux`, "invalid JSON at offset 3: invalid character 'x' in literal true"},
		{`[] x`, "invalid JSON at offset 3: invalid character 'x' after top-level value"},
		{`['a']`, "invalid JSON at offset 1: invalid character '\\'' looking for beginning of value"},
		{readerDeep(10001, false), "invalid JSON at offset 10000: exceeded max depth"},
	} {
		err := readerRun(c.in, func(r *jsonReader) error {
			_, err := r.value()
			return err
		})
		var se *jsonSyntaxError
		if !errors.As(err, &se) || err.Error() != c.want {
			t.Errorf("value(%.20q): %v, want %s", c.in, err, c.want)
		}
	}
}

// readerPoint is a test type decoded as generated code would decode it.
type readerPoint struct {
	X, Y int64
	Tags []string
	Next *readerPoint
	Note Nullable[string]
}

// decodeJSON decodes a readerPoint as generated code does: known keys by
// name, the rest skipped.
func (p *readerPoint) decodeJSON(r *jsonReader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "x":
			return readInt(&p.X, r)
		case "y":
			return readInt(&p.Y, r)
		case "tags":
			return readSlice(&p.Tags, r, readString[string])
		case "next":
			return readNullPtr(&p.Next, r, (*readerPoint).decodeJSON)
		case "note":
			return readNullable(&p.Note, r, readString[string])
		}
		_, err := r.skip()
		return err
	})
}

func TestJSONReaderPointers(t *testing.T) {
	points := func(p *map[string][]readerPoint, r *jsonReader) error {
		return readMap(p, r, func(p *[]readerPoint, r *jsonReader) error {
			return readSlice(p, r, (*readerPoint).decodeJSON)
		})
	}
	for _, c := range []struct {
		in, want string
	}{
		{`{"a":[{"x":1},{"x":"1"}]}`, "/a/1/x: must be an integer, not string"},
		{`{"a/b~c":[{"x":1.5}]}`, "/a~1b~0c/0/x: must be an integer, not number 1.5"},
		{`{"a\u002fb\u007e":[{"next":{"next":{"y":true}}}]}`, "/a~1b~0/0/next/next/y: must be an integer, not bool"},
		{`{"\ud83d":[{"tags":["a",null]}]}`, "/\uFFFD/0/tags/1: must not be null"},
		{`{"a":[{"tags":null}]}`, "/a/0/tags: must not be null"},
		{`{"a":[{"note":1}]}`, "/a/0/note: must be a string, not number"},
		{`{"a":[{"x":1}],"b":{}}`, "/b: must be an array, not object"},
		{`{"a":[{"x":1}],"a":[{"y":[]}]}`, "/a/0/y: must be an integer, not array"},
		{`{"":[[]]}`, "//0: must be an object, not array"},
		{`[]`, "must be an object, not array"},
		{`{"a":[{"x":1}],"b":[{"x":1e999}]}`, "/b/0/x: must be an integer, not number 1e999"},
		{`{"a":[{"x":1}],"b":[{"x":1}}`, "syntax"},
	} {
		var got map[string][]readerPoint
		err := readerRun(c.in, func(r *jsonReader) error { return points(&got, r) })
		if s := readerFail(err); s != c.want {
			t.Errorf("%s: %s, want %s", c.in, s, c.want)
		}
	}

	in := " \t\n\r{ \t\n\r\"a\" \t\n\r: \t\n\r[ \t\n\r{ \"x\" : 1 , \"y\" : -2 , \"tags\" : [ \"t\" , \"u\" ] , \"note\" : null , \"next\" : { \"x\" : 3 , \"note\" : \"n\" , \"extra\" : [ { } , 1 ] } } \t\n\r, \t\n\r{ \t\n\r} \t\n\r] \t\n\r, \"b\" : [ ] , \"a\" : [ { \"x\" : 1 } , { \"y\" : 2 , \"x\" : 3 , \"x\" : 4 } ] } \t\n\r"
	var got map[string][]readerPoint
	if err := readerRun(in, func(r *jsonReader) error { return points(&got, r) }); err != nil {
		t.Fatal(err)
	}
	want := map[string][]readerPoint{"a": {{X: 1}, {X: 4, Y: 2}}, "b": {}}
	if !reflect.DeepEqual(got, want) || got["b"] == nil {
		t.Errorf("got %+v, want %+v", got, want)
	}
	var first map[string][]readerPoint
	if err := readerRun(in[:strings.Index(in, `, "b"`)]+"}", func(r *jsonReader) error { return points(&first, r) }); err != nil {
		t.Fatal(err)
	}
	next := &readerPoint{X: 3, Note: NewNullable("n")}
	wantFirst := map[string][]readerPoint{"a": {{X: 1, Y: -2, Tags: []string{"t", "u"}, Next: next, Note: Null[string]()}, {}}}
	if !reflect.DeepEqual(first, wantFirst) {
		t.Errorf("got %+v, want %+v", first, wantFirst)
	}
}

func TestJSONReaderReaders(t *testing.T) {
	type myString string
	type myInt int32
	type myFloat float32
	type myBool bool
	run := func(in string, read func(r *jsonReader) error) string {
		return readerFail(readerRun(in, read))
	}
	var s myString
	var i32 myInt
	var i64 int64
	var f32 myFloat
	var f64 float64
	var b myBool
	var tm time.Time
	var bs []byte
	var a any
	var raw json.RawMessage
	var p *int64
	var n Nullable[int64]
	var sl []int64
	var m map[string]int64
	var u readerUnion
	for _, c := range []struct {
		in   string
		read func(r *jsonReader) error
		want string
		got  func() any
		val  any
	}{
		{`"x"`, func(r *jsonReader) error { return readString(&s, r) }, "ok", func() any { return s }, myString("x")},
		{`2147483647`, func(r *jsonReader) error { return readInt(&i32, r) }, "ok", func() any { return i32 }, myInt(math.MaxInt32)},
		{`-2147483648`, func(r *jsonReader) error { return readInt(&i32, r) }, "ok", func() any { return i32 }, myInt(math.MinInt32)},
		{`2147483648`, func(r *jsonReader) error { return readInt(&i32, r) }, "is out of range for a 32-bit integer: 2147483648", nil, nil},
		{`-2147483649`, func(r *jsonReader) error { return readInt(&i32, r) }, "is out of range for a 32-bit integer: -2147483649", nil, nil},
		{`-7`, func(r *jsonReader) error { return readInt(&i64, r) }, "ok", func() any { return i64 }, int64(-7)},
		{`1.5`, func(r *jsonReader) error { return readFloat(&f32, r) }, "ok", func() any { return f32 }, myFloat(1.5)},
		{`3.4028235e38`, func(r *jsonReader) error { return readFloat(&f32, r) }, "ok", func() any { return f32 }, myFloat(math.MaxFloat32)},
		{`3.5e38`, func(r *jsonReader) error { return readFloat(&f32, r) }, "is out of range for a 32-bit number: 3.5e38", nil, nil},
		{`-1e39`, func(r *jsonReader) error { return readFloat(&f32, r) }, "is out of range for a 32-bit number: -1e39", nil, nil},
		{`1e39`, func(r *jsonReader) error { return readFloat(&f64, r) }, "ok", func() any { return f64 }, 1e39},
		{`1e309`, func(r *jsonReader) error { return readFloat(&f64, r) }, "is out of range for a 64-bit number: 1e309", nil, nil},
		{`true`, func(r *jsonReader) error { return readBool(&b, r) }, "ok", func() any { return b }, myBool(true)},
		{`"2024-02-29T12:30:00Z"`, func(r *jsonReader) error { return readTime(&tm, r) }, "ok", func() any { return tm }, time.Date(2024, 2, 29, 12, 30, 0, 0, time.UTC)},
		{`"2024-02-30T12:30:00Z"`, func(r *jsonReader) error { return readTime(&tm, r) }, `must be a date-time (RFC 3339), not "2024-02-30T12:30:00Z"`, nil, nil},
		{`"2024-02-29T24:00:00Z"`, func(r *jsonReader) error { return readTime(&tm, r) }, `must be a date-time (RFC 3339), not "2024-02-29T24:00:00Z"`, nil, nil},
		{`"a\u0009b"`, func(r *jsonReader) error { return readTime(&tm, r) }, `must be a date-time (RFC 3339), not "a\tb"`, nil, nil},
		{`1`, func(r *jsonReader) error { return readTime(&tm, r) }, "must be a string, not number", nil, nil},
		{`"aGVs\r\nbG8="`, func(r *jsonReader) error { return readBytes(&bs, r) }, "ok", func() any { return bs }, []byte("hello")},
		{`""`, func(r *jsonReader) error { return readBytes(&bs, r) }, "ok", func() any { return bs }, []byte{}},
		{`"aGVsbG8"`, func(r *jsonReader) error { return readBytes(&bs, r) }, "must be base64-encoded bytes", nil, nil},
		{`null`, func(r *jsonReader) error { return readBytes(&bs, r) }, "must not be null", nil, nil},
		{`{"a":[1,null]}`, func(r *jsonReader) error { return readAny(&a, r) }, "ok", func() any { return a }, map[string]any{"a": []any{1.0, nil}}},
		{`null`, func(r *jsonReader) error { return readAny(&a, r) }, "ok", func() any { return a }, nil},
		{`[1,1e400]`, func(r *jsonReader) error { return readAny(&a, r) }, "/1: is out of range for a 64-bit number: 1e400", nil, nil},
		{` [ 1 , {"a" : 2} ] `, func(r *jsonReader) error { return readRaw(&raw, r) }, "ok", func() any { return raw }, json.RawMessage(`[ 1 , {"a" : 2} ]`)},
		{`null`, func(r *jsonReader) error { return readRaw(&raw, r) }, "ok", func() any { return raw }, json.RawMessage(`null`)},
		{`5`, func(r *jsonReader) error { return readPtr(&p, r, readInt[int64]) }, "ok", func() any { return *p }, int64(5)},
		{`null`, func(r *jsonReader) error { return readPtr(&p, r, readInt[int64]) }, "must not be null", nil, nil},
		{`null`, func(r *jsonReader) error { return readNullPtr(&p, r, readInt[int64]) }, "ok", func() any { return p }, (*int64)(nil)},
		{`6`, func(r *jsonReader) error { return readNullPtr(&p, r, readInt[int64]) }, "ok", func() any { return *p }, int64(6)},
		{`null`, func(r *jsonReader) error { return readNullable(&n, r, readInt[int64]) }, "ok", func() any { return n }, Nullable[int64]{Set: true, Null: true}},
		{`7`, func(r *jsonReader) error { return readNullable(&n, r, readInt[int64]) }, "ok", func() any { return n }, Nullable[int64]{Value: 7, Set: true}},
		{`[]`, func(r *jsonReader) error { return readSlice(&sl, r, readInt[int64]) }, "ok", func() any { return sl != nil && len(sl) == 0 }, true},
		{`[1,2,3]`, func(r *jsonReader) error { return readSlice(&sl, r, readInt[int64]) }, "ok", func() any { return sl }, []int64{1, 2, 3}},
		{`[1,2,"3"]`, func(r *jsonReader) error { return readSlice(&sl, r, readInt[int64]) }, "/2: must be an integer, not string", nil, nil},
		{`null`, func(r *jsonReader) error { return readSlice(&sl, r, readInt[int64]) }, "must not be null", nil, nil},
		{`{}`, func(r *jsonReader) error { return readSlice(&sl, r, readInt[int64]) }, "must be an array, not object", nil, nil},
		{`{"a":1,"b":2,"a":3}`, func(r *jsonReader) error { return readMap(&m, r, readInt[int64]) }, "ok", func() any { return m }, map[string]int64{"a": 3, "b": 2}},
		{`{}`, func(r *jsonReader) error { return readMap(&m, r, readInt[int64]) }, "ok", func() any { return m != nil && len(m) == 0 }, true},
		{`{"a~":null}`, func(r *jsonReader) error { return readMap(&m, r, readInt[int64]) }, "/a~0: must not be null", nil, nil},
		{`null`, func(r *jsonReader) error { return readMap(&m, r, readInt[int64]) }, "must not be null", nil, nil},
		{`{"k": 2}`, func(r *jsonReader) error { return readJSON(&u, r) }, "ok", func() any { return u }, readerUnion{K: 2}},
		{`{"k": "x"}`, func(r *jsonReader) error { return readJSON(&u, r) }, "/k: must be an integer, not string", nil, nil},
		{`[{"k": -1}]`, func(r *jsonReader) error {
			return readSlice(new([]readerUnion), r, readJSON[readerUnion])
		}, "/0/k: must be positive", nil, nil},
	} {
		got := run(c.in, c.read)
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.in, got, c.want)
			continue
		}
		if c.got != nil && !reflect.DeepEqual(c.got(), c.val) {
			t.Errorf("%s: got %#v, want %#v", c.in, c.got(), c.val)
		}
	}
}

// readerUnion decodes itself, as generated unions do.
type readerUnion struct{ K int64 }

// UnmarshalJSON decodes K, which must be positive.
func (u *readerUnion) UnmarshalJSON(data []byte) error {
	var v struct {
		K int64 `json:"k"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return decodeError("", err)
	}
	if v.K < 0 {
		return &ValidationError{Pointer: "/k", Message: "must be positive"}
	}
	u.K = v.K
	return nil
}

func TestJSONReaderDepth(t *testing.T) {
	for _, obj := range []bool{false, true} {
		for _, n := range []int{9999, 10000, 10001, 20000} {
			doc := []byte(readerDeep(n, obj))
			var v any
			err := decodeJSONValue(doc, &v, readAny)
			if (err == nil) != json.Valid(doc) {
				t.Errorf("depth %d (objects %v): %v, json.Valid %v", n, obj, err, json.Valid(doc))
			}
			r := jsonReader{data: doc}
			_, err = r.skip()
			if (err == nil) != json.Valid(doc) {
				t.Errorf("skip depth %d (objects %v): %v", n, obj, err)
			}
		}
	}
	// A recursive type stops at the limit too, rather than overflowing the stack.
	doc := []byte(strings.Repeat(`{"next":`, 1_000_000))
	var p readerPoint
	err := decodeJSONValue(doc, &p, (*readerPoint).decodeJSON)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("deep recursive type: %v", err)
	}
}

// TestJSONReaderCorpus compares the reader with encoding/json on
// readerCorpus and on deep documents.
func TestJSONReaderCorpus(t *testing.T) {
	for _, s := range append(readerCorpus, readerDeep(10000, false), readerDeep(10001, true)) {
		readerCompare(t, []byte(s))
	}
}

// readerCompare checks that every reader takes data exactly as
// encoding/json does.
func readerCompare(t *testing.T, data []byte) {
	t.Helper()
	valid := json.Valid(data)

	// value and skip through decodeJSONValue, against json.Unmarshal into any.
	var got, want any
	err := decodeJSONValue(data, &got, readAny)
	werr := json.Unmarshal(data, &want)
	if (err == nil) != (werr == nil) {
		t.Fatalf("%.40q: readAny: %v; encoding/json: %v", data, err, werr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.40q: readAny: %#v; encoding/json: %#v", data, got, want)
	}
	var se *json.SyntaxError
	if !valid && !errors.As(err, &se) {
		t.Fatalf("%.40q: invalid JSON gave %T %v, not *json.SyntaxError", data, err, err)
	}
	if valid && err != nil && readerFail(err) == "syntax" {
		t.Fatalf("%.40q: valid JSON gave %v", data, err)
	}
	r := jsonReader{data: data}
	raw, err := r.skip()
	if err == nil {
		err = r.end()
	}
	if (err == nil) != valid {
		t.Fatalf("%.40q: skip: %v; json.Valid %v", data, err, valid)
	}
	if err == nil && !bytes.Equal(raw, bytes.TrimLeft(bytes.TrimRight(data, " \t\r\n"), " \t\r\n")) {
		t.Fatalf("%.40q: skip returned %q", data, raw)
	}
	var rm, wrm json.RawMessage
	readerSame(t, data, "readRaw", decodeJSONValue(data, &rm, readRaw), rm, json.Unmarshal(data, &wrm), wrm, false)

	// The scalar and container readers, against json.Unmarshal into the
	// matching Go type. encoding/json takes null for all of them, the
	// readers take it for none.
	null := string(bytes.Trim(data, " \t\r\n")) == "null"
	var s, ws string
	readerSame(t, data, "readString", decodeJSONValue(data, &s, readString[string]), s, json.Unmarshal(data, &ws), ws, null)
	var i, wi int64
	readerSame(t, data, "readInt[int64]", decodeJSONValue(data, &i, readInt[int64]), i, json.Unmarshal(data, &wi), wi, null)
	var i32, wi32 int32
	readerSame(t, data, "readInt[int32]", decodeJSONValue(data, &i32, readInt[int32]), i32, json.Unmarshal(data, &wi32), wi32, null)
	var f, wf float64
	readerSame(t, data, "readFloat[float64]", decodeJSONValue(data, &f, readFloat[float64]), f, json.Unmarshal(data, &wf), wf, null)
	var f32, wf32 float32
	readerSame(t, data, "readFloat[float32]", decodeJSONValue(data, &f32, readFloat[float32]), f32, json.Unmarshal(data, &wf32), wf32, null)
	var b, wb bool
	readerSame(t, data, "readBool", decodeJSONValue(data, &b, readBool[bool]), b, json.Unmarshal(data, &wb), wb, null)
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("[")) {
		// encoding/json also takes an array of numbers for a []byte; the
		// contract's format: byte is a base64 string only.
		var bs, wbs []byte
		readerSame(t, data, "readBytes", decodeJSONValue(data, &bs, readBytes), bs, json.Unmarshal(data, &wbs), wbs, null)
	}
	if !bytes.Contains(data, []byte(`\`)) {
		// time.Time's UnmarshalJSON does not unescape; readTime does.
		var tm, wtm time.Time
		readerSame(t, data, "readTime", decodeJSONValue(data, &tm, readTime), tm, json.Unmarshal(data, &wtm), wtm, null)
	}
	var sl, wsl []any
	readerSame(t, data, "readSlice", decodeJSONValue(data, &sl, func(p *[]any, r *jsonReader) error { return readSlice(p, r, readAny) }), sl, json.Unmarshal(data, &wsl), wsl, null)
	var m, wm map[string]any
	readerSame(t, data, "readMap", decodeJSONValue(data, &m, func(p *map[string]any, r *jsonReader) error { return readMap(p, r, readAny) }), m, json.Unmarshal(data, &wm), wm, null)
}

// readerSame checks that a reader and encoding/json agree on data: both
// fail, or both succeed with equal values. When null, the reader must reject
// the null encoding/json takes.
func readerSame(t *testing.T, data []byte, name string, err error, got any, werr error, want any, null bool) {
	t.Helper()
	if null {
		if readerFail(err) != "must not be null" {
			t.Fatalf("%.40q: %s: %v, want must not be null", data, name, err)
		}
		return
	}
	if (err == nil) != (werr == nil) {
		t.Fatalf("%.40q: %s: %v; encoding/json: %v", data, name, err, werr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.40q: %s: %#v; encoding/json: %#v", data, name, got, want)
	}
	var se *json.SyntaxError
	if err != nil && !json.Valid(data) && !errors.As(err, &se) {
		t.Fatalf("%.40q: %s: invalid JSON gave %T %v", data, name, err, err)
	}
}

// FuzzJSONReader checks that the reader accepts exactly what encoding/json
// accepts, decodes it to the same values, and never panics.
func FuzzJSONReader(f *testing.F) {
	for _, s := range readerCorpus {
		f.Add([]byte(s))
	}
	// Deep nesting at the limit is in TestJSONReaderCorpus; seeds this deep
	// would slow every fuzz run down.
	f.Add([]byte(readerDeep(100, false)))
	f.Add([]byte(readerDeep(100, true)))
	f.Add([]byte(`[{"a":[{"b":[{"c":[[[[{"d":[1,"\u00e9",null,true,{}]}]]]]}]}]}]`))
	f.Add([]byte(readerBenchDoc))
	f.Fuzz(readerCompare)
}

// readerBenchDoc is a 1 KB object of mixed types.
const readerBenchDoc = `{
  "id": 9007199254740991,
  "name": "Ada Lovelace",
  "email": "ada@example.com",
  "active": true,
  "score": 97.25,
  "ratio": -0.000123,
  "created": "2024-02-29T12:30:00.123Z",
  "bio": "Wrote the first \"program\" for the Analytical Engine.\nMathematician \u00e9 writer.",
  "tags": ["math", "engines", "poetry", "science", "history"],
  "attrs": {"born": "1815", "died": "1852", "father": "Byron", "field": "mathematics"},
  "address": {"street": "12 St James's Square", "city": "London", "zip": "SW1Y 4JH", "country": "GB"},
  "items": [
    {"sku": "AE-001", "qty": 2, "price": 19.99, "note": null},
    {"sku": "AE-002", "qty": 1, "price": 5.5, "note": "gift"},
    {"sku": "AE-003", "qty": 12, "price": 0.75, "note": null},
    {"sku": "AE-004", "qty": 3, "price": 129, "note": "fragile, handle with care"}
  ],
  "unknown": {"nested": [1, 2, {"deep": [true, false, null]}], "more": "ignored"},
  "version": 3,
  "flags": [true, false, true, true]
}`

// readerBenchUser is the Go type of readerBenchDoc, decoded the way
// generated code decodes it, and by encoding/json through its tags.
type readerBenchUser struct {
	ID      int64             `json:"id"`
	Name    string            `json:"name"`
	Email   string            `json:"email"`
	Active  bool              `json:"active"`
	Score   float64           `json:"score"`
	Ratio   float32           `json:"ratio"`
	Created time.Time         `json:"created"`
	Bio     string            `json:"bio"`
	Tags    []string          `json:"tags"`
	Attrs   map[string]string `json:"attrs"`
	Address readerBenchAddr   `json:"address"`
	Items   []readerBenchItem `json:"items"`
	Version int32             `json:"version"`
	Flags   []bool            `json:"flags"`
}

type readerBenchAddr struct {
	Street  string `json:"street"`
	City    string `json:"city"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
}

type readerBenchItem struct {
	SKU   string           `json:"sku"`
	Qty   int32            `json:"qty"`
	Price float64          `json:"price"`
	Note  Nullable[string] `json:"note"`
}

func (u *readerBenchUser) decodeJSON(r *jsonReader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "id":
			return readInt(&u.ID, r)
		case "name":
			return readString(&u.Name, r)
		case "email":
			return readString(&u.Email, r)
		case "active":
			return readBool(&u.Active, r)
		case "score":
			return readFloat(&u.Score, r)
		case "ratio":
			return readFloat(&u.Ratio, r)
		case "created":
			return readTime(&u.Created, r)
		case "bio":
			return readString(&u.Bio, r)
		case "tags":
			return readSlice(&u.Tags, r, readString[string])
		case "attrs":
			return readMap(&u.Attrs, r, readString[string])
		case "address":
			return u.Address.decodeJSON(r)
		case "items":
			return readSlice(&u.Items, r, (*readerBenchItem).decodeJSON)
		case "version":
			return readInt(&u.Version, r)
		case "flags":
			return readSlice(&u.Flags, r, readBool[bool])
		}
		_, err := r.skip()
		return err
	})
}

func (a *readerBenchAddr) decodeJSON(r *jsonReader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "street":
			return readString(&a.Street, r)
		case "city":
			return readString(&a.City, r)
		case "zip":
			return readString(&a.Zip, r)
		case "country":
			return readString(&a.Country, r)
		}
		_, err := r.skip()
		return err
	})
}

func (it *readerBenchItem) decodeJSON(r *jsonReader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "sku":
			return readString(&it.SKU, r)
		case "qty":
			return readInt(&it.Qty, r)
		case "price":
			return readFloat(&it.Price, r)
		case "note":
			return readNullable(&it.Note, r, readString[string])
		}
		_, err := r.skip()
		return err
	})
}

func TestJSONReaderBenchDoc(t *testing.T) {
	var got readerBenchUser
	if err := decodeJSONValue([]byte(readerBenchDoc), &got, (*readerBenchUser).decodeJSON); err != nil {
		t.Fatal(err)
	}
	var want readerBenchUser
	if err := json.Unmarshal([]byte(readerBenchDoc), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestJSONReaderAllocs pins down what decoding allocates: nothing for keys,
// numbers, booleans and whitespace; one allocation per string.
func TestJSONReaderAllocs(t *testing.T) {
	doc := []byte(`{"x": 1, "y": -2, "a\u0062c": true, "skipped": [1, "two", {"three": null}], "n": 1.5}`)
	var x, y int64
	var ok bool
	var n float64
	allocs := testing.AllocsPerRun(100, func() {
		r := jsonReader{data: doc, buf: make([]byte, 0, 64)}
		err := r.object(func(key []byte) error {
			switch string(key) {
			case "x":
				return readInt(&x, &r)
			case "y":
				return readInt(&y, &r)
			case "abc":
				return readBool(&ok, &r)
			case "n":
				return readFloat(&n, &r)
			}
			_, err := r.skip()
			return err
		})
		if err == nil {
			err = r.end()
		}
		if err != nil || x != 1 || y != -2 || !ok || n != 1.5 {
			t.Fatalf("%v %v %v %v %v", err, x, y, ok, n)
		}
	})
	if allocs > 1 { // the scratch buffer
		t.Errorf("%v allocations, want at most 1", allocs)
	}
	var s string
	for _, in := range []string{`"plain"`, `"esc\u0061ped"`, "\"utf-8 \xc3\xa9\""} {
		data := []byte(in)
		r := jsonReader{data: data, buf: make([]byte, 0, 64)}
		allocs := testing.AllocsPerRun(100, func() {
			r.pos = 0
			if err := readString(&s, &r); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 1 {
			t.Errorf("readString(%s): %v allocations, want 1", in, allocs)
		}
	}
}

func BenchmarkJSONReader(b *testing.B) {
	doc := []byte(readerBenchDoc)
	b.Run("reader/struct", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var u readerBenchUser
			if err := decodeJSONValue(doc, &u, (*readerBenchUser).decodeJSON); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json/struct", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var u readerBenchUser
			if err := json.Unmarshal(doc, &u); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reader/any", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var v any
			if err := decodeJSONValue(doc, &v, readAny); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json/any", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			var v any
			if err := json.Unmarshal(doc, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reader/skip", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			r := jsonReader{data: doc}
			if _, err := r.skip(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json/valid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if !json.Valid(doc) {
				b.Fatal("invalid")
			}
		}
	})
}
