package contract

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeJSONTree decodes data, one JSON value and nothing else but white
// space, into the tree readFile keeps: what encoding/json's Decoder (with
// UseNumber) and normalizeNumbers make of it — map[string]any (the last
// of duplicate keys wins), []any, string, float64 (a number too large for
// one stays the string it is written as), bool and nil. It is a plain
// recursive reader without reflection and without encoding/json's
// separate validity scan: on GitHub's description, decoding the tree with
// encoding/json took about a tenth of the load. Anything it does not
// accept (invalid JSON, trailing data, nesting deeper than maxJSONTreeDepth)
// makes ok false, and the caller decodes with encoding/json, whose error
// names the position: the two agree on every input
// (FuzzJSONTreeSameAsEncodingJSON).
func decodeJSONTree(data []byte) (v any, ok bool) {
	r := treeReader{data: data}
	r.space()
	v, ok = r.value(0)
	if !ok {
		return nil, false
	}
	r.space()
	return v, r.i == len(data)
}

// maxJSONTreeDepth bounds the recursion; deeper documents go to
// encoding/json, which has its own limit and error.
const maxJSONTreeDepth = 1000

type treeReader struct {
	data []byte
	i    int
}

func (r *treeReader) space() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// value reads the value at r.i (no white space before it).
func (r *treeReader) value(depth int) (any, bool) {
	if r.i >= len(r.data) || depth > maxJSONTreeDepth {
		return nil, false
	}
	switch c := r.data[r.i]; c {
	case '{':
		return r.object(depth)
	case '[':
		return r.array(depth)
	case '"':
		return r.string()
	case 't':
		return true, r.word("true")
	case 'f':
		return false, r.word("false")
	case 'n':
		return nil, r.word("null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return r.number()
		}
		return nil, false
	}
}

func (r *treeReader) word(w string) bool {
	if len(r.data)-r.i < len(w) || string(r.data[r.i:r.i+len(w)]) != w {
		return false
	}
	r.i += len(w)
	return true
}

func (r *treeReader) object(depth int) (any, bool) {
	m := map[string]any{}
	r.i++ // {
	r.space()
	if r.i < len(r.data) && r.data[r.i] == '}' {
		r.i++
		return m, true
	}
	for {
		if r.i >= len(r.data) || r.data[r.i] != '"' {
			return nil, false
		}
		k, ok := r.string()
		if !ok {
			return nil, false
		}
		r.space()
		if r.i >= len(r.data) || r.data[r.i] != ':' {
			return nil, false
		}
		r.i++
		r.space()
		v, ok := r.value(depth + 1)
		if !ok {
			return nil, false
		}
		m[k.(string)] = v
		r.space()
		if r.i >= len(r.data) {
			return nil, false
		}
		switch r.data[r.i] {
		case ',':
			r.i++
			r.space()
		case '}':
			r.i++
			return m, true
		default:
			return nil, false
		}
	}
}

func (r *treeReader) array(depth int) (any, bool) {
	a := []any{}
	r.i++ // [
	r.space()
	if r.i < len(r.data) && r.data[r.i] == ']' {
		r.i++
		return a, true
	}
	for {
		v, ok := r.value(depth + 1)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		r.space()
		if r.i >= len(r.data) {
			return nil, false
		}
		switch r.data[r.i] {
		case ',':
			r.i++
			r.space()
		case ']':
			r.i++
			return a, true
		default:
			return nil, false
		}
	}
}

// number reads a number as JSON writes it and converts it as
// normalizeNumbers does.
func (r *treeReader) number() (any, bool) {
	d, start := r.data, r.i
	i := start
	if d[i] == '-' {
		i++
	}
	digits := func() bool {
		s := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > s
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	r.i = i
	s := string(d[start:i])
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	return s, true
}

// string reads a string at r.i (its opening quote), decoding escapes and
// replacing invalid UTF-8 and lone surrogates with U+FFFD, as
// encoding/json does.
func (r *treeReader) string() (any, bool) {
	d := r.data
	start := r.i + 1
	// Most strings are plain: no escape, only ASCII.
	for i := start; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			r.i = i + 1
			return string(d[start:i]), true
		}
		if c == '\\' || c < ' ' || c >= utf8.RuneSelf {
			break
		}
	}
	var b []byte
	for i := start; i < len(d); {
		c := d[i]
		switch {
		case c == '"':
			r.i = i + 1
			return string(b), true
		case c < ' ':
			return nil, false
		case c == '\\':
			if i+1 >= len(d) {
				return nil, false
			}
			i += 2
			switch d[i-1] {
			case '"', '\\', '/':
				b = append(b, d[i-1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r1, ok := hex4(d, i)
				if !ok {
					return nil, false
				}
				i += 4
				if utf16.IsSurrogate(r1) {
					// A pair when a low surrogate follows; alone, U+FFFD.
					if r2, ok := hex4(d, i+2); ok && i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
						if dec := utf16.DecodeRune(r1, r2); dec != utf8.RuneError {
							i += 6
							b = utf8.AppendRune(b, dec)
							break
						}
					}
					r1 = utf8.RuneError
				}
				b = utf8.AppendRune(b, r1)
			default:
				return nil, false
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			rr, size := utf8.DecodeRune(d[i:])
			if rr == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d[i:i+size]...)
			}
			i += size
		}
	}
	return nil, false
}

// hex4 reads the four hex digits of a \u escape at d[i:].
func hex4(d []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}
