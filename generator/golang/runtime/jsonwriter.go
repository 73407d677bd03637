// jsonWriter, the reflection-free JSON encoder the generated types'
// encodeJSON methods use, and its generic writers. What it writes is byte
// for byte what encoding/json.Marshal writes for the same Go value
// (HTML-safe strings, ECMAScript float formats, sorted map keys), and it
// fails where Marshal fails, so replacing Marshal changes no output;
// writer_test.go checks that. The writer's own helpers are named
// jsonWrite..., so they cannot meet the reader's (jsonRead...). On
// //go:noinline, see jsonreader.go.

package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"math/bits"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// jsonWriter appends JSON to buf without reflection; the first error (a value
// JSON cannot hold) is kept in err. Generated encodeJSON methods write through it.
type jsonWriter struct {
	buf   []byte
	err   error
	depth int
}

// raw appends s verbatim: generated code passes literals such as "{" and "}".
// Not inlined, as field: every member of every type's encodeJSON calls one
// of them, and their append, inlined, was most of those methods' code.
//
//go:noinline
func (w *jsonWriter) raw(s string) {
	w.buf = append(w.buf, s...)
}

// field starts an object member: key is the already-escaped `"name":` text,
// made when the code was generated. A comma goes first unless the member is
// the object's first, which is when the last byte written is '{'.
//
//go:noinline
func (w *jsonWriter) field(key string) {
	if n := len(w.buf); n > 0 && w.buf[n-1] != '{' {
		w.buf = append(w.buf, ',')
	}
	w.buf = append(w.buf, key...)
}

// null writes null.
func (w *jsonWriter) null() {
	w.buf = append(w.buf, "null"...)
}

// fail records err unless an earlier error is recorded: the first is the one
// the caller reports.
func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// jsonWriteMaxDepth is how deep pointers, slices, maps and free-form values may
// nest, as deep as the reader reads.
const jsonWriteMaxDepth = 10000

// enter counts one more level of nesting, or records an error and returns
// false past jsonWriteMaxDepth: a value that refers to itself fails as it does
// with json.Marshal, instead of recursing until the stack overflows, which no
// recover catches.
func (w *jsonWriter) enter() bool {
	if w.depth >= jsonWriteMaxDepth {
		w.fail(&json.UnsupportedValueError{Str: "encountered a cycle, or nesting deeper than 10000 levels"})
		return false
	}
	w.depth++
	return true
}

// open writes c, the '[' or '{' starting an array or object, after enter;
// close writes the ']' or '}' ending it and leaves. Out of line, as the
// writers compiled once per element type call them: inlined, enter and
// append were most of each instance's code.
//
//go:noinline
func (w *jsonWriter) open(c byte) bool {
	if !w.enter() {
		return false
	}
	w.buf = append(w.buf, c)
	return true
}

//go:noinline
func (w *jsonWriter) close(c byte) {
	w.buf = append(w.buf, c)
	w.leave()
}

// leave undoes enter.
func (w *jsonWriter) leave() {
	w.depth--
}

// jsonWriteHex is the digits of \u00XX escapes, lower case as encoding/json writes them.
const jsonWriteHex = "0123456789abcdef"

// jsonWriteSafe marks the bytes a JSON string holds as they are: ASCII other than
// control characters, the quote, the backslash and the HTML-special <, > and &
// (escaped as encoding/json does). Bytes from 0x80 start a rune to look at.
var jsonWriteSafe = jsonWriteSafeTable()

// jsonWriteSafeTable builds jsonWriteSafe.
func jsonWriteSafeTable() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}

// jsonWriteLo has 1 in each byte, jsonWriteHi 0x80: the masks of the eight-bytes-at-a-time
// scan in str.
const (
	jsonWriteLo = ^uint64(0) / 255
	jsonWriteHi = jsonWriteLo * 128
)

// str writes s as a JSON string escaped exactly as encoding/json escapes it by
// default, HTML-safe, with invalid UTF-8 as U+FFFD. Runs of bytes that need no
// escape are copied in bulk; they are found eight bytes at a time.
func (w *jsonWriter) str(s string) {
	b := append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// The top bit of each byte of m flags a byte below 0x20 or from 0x80 on,
			// or one of \ " & < > (ORing 4 turns '"' into '&', ORing 2 '<' into '>').
			// The lowest flag is exact; a borrow may raise flags above it.
			t := s[i : i+8]
			x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			q := x ^ (jsonWriteLo * '\\')
			a := (x | (jsonWriteLo * 4)) ^ (jsonWriteLo * '&')
			h := (x | (jsonWriteLo * 2)) ^ (jsonWriteLo * '>')
			m := (x | (x - (jsonWriteLo * ' ')) | (q-jsonWriteLo)&^q | (a-jsonWriteLo)&^a | (h-jsonWriteLo)&^h) & jsonWriteHi
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		}
		c := s[i]
		if jsonWriteSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', jsonWriteHex[c>>4], jsonWriteHex[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\\ufffd"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonWriteHex[r&15])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.buf = append(b, '"')
}

// int writes n.
func (w *jsonWriter) int(n int64) {
	w.buf = strconv.AppendInt(w.buf, n, 10)
}

// float writes f as encoding/json writes a float64 (bits 64) or a float32
// (bits 32): like ECMAScript, in 'f' format unless the magnitude is below 1e-6
// or from 1e21 on, then in 'e' format with a one-digit negative exponent
// unpadded. JSON has no NaN or infinities: those fail, as in json.Marshal, and
// write null.
func (w *jsonWriter) float(f float64, bits int) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		v := reflect.ValueOf(f)
		if bits == 32 {
			v = reflect.ValueOf(float32(f))
		}
		w.fail(&json.UnsupportedValueError{
			Str:   strconv.FormatFloat(f, 'g', -1, bits),
			Value: v,
		})
		w.null()
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-06 || abs >= 1e+21) || bits == 32 && (float32(abs) < 1e-06 || float32(abs) >= 1e+21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(w.buf, f, format, -1, bits)
	if format == 'e' {
		// 1e-07 becomes 1e-7, as in encoding/json.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	w.buf = b
}

// jsonWriteNumber writes a json.Number as encoding/json does: verbatim, "0"
// when empty, and an error when it is not a JSON number.
func jsonWriteNumber(w *jsonWriter, n json.Number) {
	s := string(n)
	if s == "" {
		s = "0"
	}
	if !jsonWriteValidNumber(s) {
		w.fail(errors.New("json: invalid number literal " + strconv.Quote(s)))
		w.null()
		return
	}
	w.buf = append(w.buf, s...)
}

// jsonWriteValidNumber reports whether s is a JSON number (RFC 8259, section 6).
func jsonWriteValidNumber(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	switch {
	case s == "":
		return false
	case s[0] == '0':
		s = s[1:]
	case '1' <= s[0] && s[0] <= '9':
		s = s[1:]
		for s != "" && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	default:
		return false
	}
	if len(s) >= 2 && s[0] == '.' && '0' <= s[1] && s[1] <= '9' {
		s = s[2:]
		for s != "" && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	if len(s) >= 2 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s[0] == '+' || s[0] == '-' {
			s = s[1:]
			if s == "" {
				return false
			}
		}
		for s != "" && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	return s == ""
}

// boolean writes b.
func (w *jsonWriter) boolean(b bool) {
	if b {
		w.buf = append(w.buf, "true"...)
	} else {
		w.buf = append(w.buf, "false"...)
	}
}

// writeString writes a string.
//
//go:noinline
func writeString[T ~string](p *T, w *jsonWriter) {
	w.str(string(*p))
}

// writeStrings writes a run of string members whose commas are known:
// text is the literal JSON around them (braces, commas, encoded keys) with
// a NUL byte where each value of ps goes, which no encoded key holds (JSON
// escapes control characters). encodeJSON makes one call with the run's
// field addresses instead of two calls per member.
//
//go:noinline
func writeStrings(w *jsonWriter, text string, ps ...*string) {
	for _, p := range ps {
		i := strings.IndexByte(text, 0)
		w.buf = append(w.buf, text[:i]...)
		w.str(*p)
		text = text[i+1:]
	}
	w.buf = append(w.buf, text...)
}

// writeInt writes an integer.
//
//go:noinline
func writeInt[T ~int32 | ~int64](p *T, w *jsonWriter) {
	w.int(int64(*p))
}

// writeFloat32 writes a float32 as encoding/json does, in the shortest form
// that reads back as the same float32.
//
//go:noinline
func writeFloat32[T ~float32](p *T, w *jsonWriter) {
	w.float(float64(*p), 32)
}

// writeFloat64 writes a float64.
//
//go:noinline
func writeFloat64[T ~float64](p *T, w *jsonWriter) {
	w.float(float64(*p), 64)
}

// writeBool writes a boolean.
//
//go:noinline
func writeBool[T ~bool](p *T, w *jsonWriter) {
	w.boolean(bool(*p))
}

// writeTime writes a time as time.Time.MarshalJSON does, RFC 3339 with
// nanoseconds, formatted straight into the buffer. Like MarshalJSON, it fails
// on a year outside [0,9999] or a zone offset of 24 hours or more, which RFC
// 3339 cannot write.
//
//go:noinline
func writeTime(p *time.Time, w *jsonWriter) {
	b := append(w.buf, '"')
	n := len(b)
	b = p.AppendFormat(b, time.RFC3339Nano)
	var msg string
	switch {
	case b[n+4] != '-':
		msg = "year outside of range [0,9999]"
	case b[len(b)-1] != 'Z':
		c := b[len(b)-6]
		if '0' <= c && c <= '9' || 10*(b[len(b)-5]-'0')+(b[len(b)-4]-'0') >= 24 {
			msg = "timezone hour outside of range [0,23]"
		}
	}
	if msg != "" {
		w.buf = b[:n-1]
		w.fail(&json.MarshalerError{
			Err:  errors.New("Time.MarshalJSON: " + msg),
			Type: reflect.TypeFor[time.Time](),
		})
		w.null()
		return
	}
	w.buf = append(b, '"')
}

// writeBytes writes bytes as encoding/json does: a base64 string (standard
// encoding, padded), or null for a nil slice.
//
//go:noinline
func writeBytes(p *[]byte, w *jsonWriter) {
	if *p == nil {
		w.null()
		return
	}
	b := append(w.buf, '"')
	b = base64.StdEncoding.AppendEncode(b, *p)
	w.buf = append(b, '"')
}

// jsonWriteEncoder is a value that writes itself: a generated type.
type jsonWriteEncoder interface {
	encodeJSON(*jsonWriter)
}

// writeAny writes a value of unknown type. The types JSON decodes into, and
// generated types, are written directly; anything else by json.Marshal.
//
//go:noinline
func writeAny(p *any, w *jsonWriter) {
	switch v := (*p).(type) {
	case nil:
		w.null()
	case bool:
		w.boolean(v)
	case float64:
		w.float(v, 64)
	case float32:
		w.float(float64(v), 32)
	case int:
		w.int(int64(v))
	case int64:
		w.int(v)
	case int32:
		w.int(int64(v))
	case string:
		w.str(v)
	case json.Number:
		jsonWriteNumber(w, v)
	case []any:
		writeSlice(&v, w, writeAny)
	case map[string]any:
		writeMap(&v, w, writeAny)
	case json.RawMessage:
		writeRaw(&v, w)
	case jsonWriteEncoder:
		// A nil pointer is null, as json.Marshal writes it: no method is called on it.
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			w.null()
			return
		}
		// Slices and maps count their own nesting; this is the hop back
		// into generated types, through which a value can refer to itself.
		if w.enter() {
			v.encodeJSON(w)
			w.leave()
		}
	default:
		b, err := json.Marshal(v)
		if err != nil {
			w.fail(err)
			w.null()
			return
		}
		w.buf = append(w.buf, b...)
	}
}

// writeRaw writes a json.RawMessage as encoding/json does: null when nil, else
// compacted, with <, >, &, U+2028 and U+2029 escaped; it fails when the
// message is not JSON.
//
//go:noinline
func writeRaw(p *json.RawMessage, w *jsonWriter) {
	m := *p
	if m == nil {
		w.null()
		return
	}
	if !json.Valid(m) {
		// Compact, on this rare path only, says what is wrong where.
		var b bytes.Buffer
		err := json.Compact(&b, m)
		w.fail(&json.MarshalerError{
			Err:  err,
			Type: reflect.TypeFor[json.RawMessage](),
		})
		w.null()
		return
	}
	w.buf = jsonWriteCompact(w.buf, m)
}

// jsonWriteCompact appends the valid JSON src to dst without insignificant
// spaces, with <, >, &, U+2028 and U+2029 in strings escaped: what json.Marshal
// does to the output of a MarshalJSON method.
func jsonWriteCompact(dst, src []byte) []byte {
	start := 0
	in := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !in {
			switch c {
			case ' ', '\t', '\n', '\r':
				dst = append(dst, src[start:i]...)
				start = i + 1
			case '"':
				in = true
			}
			continue
		}
		switch c {
		case '"':
			in = false
		case '\\':
			i++
		case '<', '>', '&':
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '0', '0', jsonWriteHex[c>>4], jsonWriteHex[c&15])
			start = i + 1
		case byte(0xe2):
			if i+2 < len(src) && src[i+1] == byte(0x80) && src[i+2]&^1 == byte(0xa8) {
				dst = append(dst, src[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', jsonWriteHex[src[i+2]&15])
				i += 2
				start = i + 1
			}
		}
	}
	return append(dst, src[start:]...)
}

// writeJSON writes a value of a type with its own MarshalJSON method (such as
// a union) through json.Marshal.
//
//go:noinline
func writeJSON[T any](p *T, w *jsonWriter) {
	b, err := json.Marshal(p)
	if err != nil {
		w.fail(err)
		w.null()
		return
	}
	w.buf = append(w.buf, b...)
}

// writePtr writes null for a nil pointer, else what it points to with f.
//
//go:noinline
func writePtr[T any](p **T, w *jsonWriter, f func(*T, *jsonWriter)) {
	if *p == nil {
		w.null()
		return
	}
	if !w.enter() {
		return
	}
	f(*p, w)
	w.leave()
}

// writeNullable writes null for an absent or null value, else the value with f.
//
//go:noinline
func writeNullable[T any](p *Nullable[T], w *jsonWriter, f func(*T, *jsonWriter)) {
	if !p.Set || p.Null {
		w.null()
		return
	}
	f(&p.Value, w)
}

// writeSlice writes a slice as a JSON array, each item with f; a nil slice is
// null, as encoding/json writes it.
//
//go:noinline
func writeSlice[T any](p *[]T, w *jsonWriter, f func(*T, *jsonWriter)) {
	s := *p
	if s == nil {
		w.raw("null")
		return
	}
	if !w.open('[') {
		return
	}
	for i := range s {
		if i > 0 {
			w.raw(",")
		}
		f(&s[i], w)
	}
	w.close(']')
}

// writeList writes a slice of a non-nullable array: a nil slice is [], since
// null is not a value of the contract's array (idiomatic "var out []T" stays valid).
//
//go:noinline
func writeList[T any](p *[]T, w *jsonWriter, f func(*T, *jsonWriter)) {
	if *p == nil {
		w.raw("[]")
		return
	}
	writeSlice(p, w, f)
}

// writeMap writes a map as a JSON object with its keys sorted, as
// encoding/json orders them, each value with f; a nil map is null. Keys of
// small maps are sorted on the stack; values go through one local copy, since
// map values have no address.
//
//go:noinline
func writeMap[T any](p *map[string]T, w *jsonWriter, f func(*T, *jsonWriter)) {
	m := *p
	if m == nil {
		w.raw("null")
		return
	}
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // see mapItems
	if !w.open('{') {
		return
	}
	var v T
	for i, k := range keys {
		if i > 0 {
			w.raw(",")
		}
		w.str(k)
		w.raw(":")
		v = m[k]
		f(&v, w)
	}
	w.close('}')
}

// jsonWriters recycles writers, and the buffers encodeJSONValue writes into
// before it copies the result out.
var jsonWriters sync.Pool

// jsonWriteMaxPooled is the capacity beyond which a buffer is not kept for reuse.
const jsonWriteMaxPooled = 64 << 10

// jsonWriteGet returns an empty writer from the pool, or a new one.
func jsonWriteGet() *jsonWriter {
	if w, ok := jsonWriters.Get().(*jsonWriter); ok {
		return w
	}
	return new(jsonWriter)
}

// jsonWritePut empties w and returns it to the pool with its buffer, unless
// that buffer has grown too large to keep.
func jsonWritePut(w *jsonWriter) {
	if cap(w.buf) > jsonWriteMaxPooled {
		w.buf = nil
	}
	w.buf, w.err, w.depth = w.buf[:0], nil, 0
	jsonWriters.Put(w)
}

// encodeJSONValue encodes p (a pointer) with f and returns the JSON, or nil
// and the first error. The JSON is written into a pooled buffer and copied
// out, so the result is the one allocation. P, not *T: see decodeJSONValue.
func encodeJSONValue[P any](p P, f func(P, *jsonWriter)) ([]byte, error) {
	w := jsonWriteGet()
	f(p, w)
	if err := w.err; err != nil {
		jsonWritePut(w)
		return nil, err
	}
	out := make([]byte, len(w.buf))
	copy(out, w.buf)
	jsonWritePut(w)
	return out, nil
}

// appendJSONValue appends the JSON of p (a pointer), encoded with f, to buf
// (a server's pooled buffer); P, not *T: see decodeJSONValue. On an error it returns buf as it was and the error.
func appendJSONValue[P any](buf []byte, p P, f func(P, *jsonWriter)) ([]byte, error) {
	w := jsonWriteGet()
	own := w.buf
	w.buf = buf
	f(p, w)
	out, err := w.buf, w.err
	w.buf = own
	jsonWritePut(w)
	if err != nil {
		return buf, err
	}
	return out, nil
}
