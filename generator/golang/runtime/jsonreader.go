// jsonReader, the reflection-free JSON decoder the generated types'
// decodeJSON methods use, and its generic readers. They take what
// encoding/json takes, decode it to the same values and name the JSON
// pointer of what breaks the contract; reader_test.go checks that.
//
// The helpers marked //go:noinline are called once per property of every
// generated type; inlined, their bodies multiply what the compiler holds
// for a large package (GitHub's types and codec took 10.1 GB to build with
// them inlined, 4.5 GB without), for a few percent of decoding time.

package runtime

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader decodes one JSON document held in memory, without reflection:
// generated decodeJSON methods walk the document with it, so decoding costs no
// more than the values it makes.
type jsonReader struct {
	// data is the whole document; pos is the offset of the next byte to read.
	data []byte
	pos  int
	// src is data as one string when decodeJSONValue made it (documents up to
	// jsonReadShareMax bytes): strings without escapes are then slices of it, so
	// a document's strings cost one allocation rather than one each, at the price
	// of a kept string keeping the document's text alive.
	src string
	// buf is scratch for unescaping keys and strings, used as a stack: what a
	// reader appends it takes off again, so a key stays valid while its value
	// is read.
	buf []byte
	// depth counts the objects and arrays open around pos, so nesting deeper
	// than jsonReadMaxDepth is a syntax error rather than a stack overflow.
	depth int
	// unions remembers what each union without a discriminator decoded at an
	// offset (see decodeUnionOnce); copies of the reader share it.
	unions map[unionAt]unionDecoded
	// unionEnds maps the offset of each union decoded there to its end, so
	// allKnown steps over it instead of reading it again.
	unionEnds map[int]int
}

// jsonReadMaxDepth is how deep objects and arrays may nest, as in encoding/json.
const jsonReadMaxDepth = 10000

// jsonSyntaxError says the input is not JSON. Offset is the byte offset of the
// error.
type jsonSyntaxError struct {
	Offset int
	msg    string
}

// Error says where and why the input is not JSON.
func (e *jsonSyntaxError) Error() string {
	return "invalid JSON at offset " + strconv.Itoa(e.Offset) + ": " + e.msg
}

// syntaxError reports the byte at offset at, or the end of the input there,
// as unexpected; context says what was expected ("after array element").
func (r *jsonReader) syntaxError(at int, context string) error {
	if at >= len(r.data) {
		return &jsonSyntaxError{
			Offset: len(r.data),
			msg:    "unexpected end of input",
		}
	}
	return &jsonSyntaxError{
		Offset: at,
		msg:    "invalid character " + jsonReadQuoteChar(r.data[at]) + " " + context,
	}
}

// jsonReadQuoteChar quotes a byte for a syntax error message, as encoding/json does.
func jsonReadQuoteChar(c byte) string {
	if c == '\'' {
		return "'\\''"
	}
	if c == '"' {
		return "'\"'"
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// space skips whitespace and returns the next byte, or 0 at the end of the
// input (which no reader takes for the start of a value).
func (r *jsonReader) space() byte {
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c > ' ' || c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
		r.pos++
	}
	return 0
}

// typeError says the value at pos is not the JSON type want names ("a
// string"), naming the type it is, or that it is null. A byte that starts no
// value is a syntax error.
func (r *jsonReader) typeError(want string) error {
	got := ""
	c := r.space()
	switch c {
	case '{':
		got = "object"
	case '[':
		got = "array"
	case '"':
		got = "string"
	case 't', 'f':
		got = "bool"
	case 'n':
		if err := r.literal("null"); err != nil {
			return err
		}
		return &ValidationError{Message: "must not be null"}
	default:
		if c != '-' && (c < '0' || c > '9') {
			return r.syntaxError(r.pos, "looking for beginning of value")
		}
		got = "number"
	}
	return &ValidationError{Message: "must be " + want + ", not " + got}
}

// literal consumes the literal lit (true, false or null) at pos.
func (r *jsonReader) literal(lit string) error {
	for i := 0; i < len(lit); i++ {
		if r.pos+i >= len(r.data) || r.data[r.pos+i] != lit[i] {
			return r.syntaxError(r.pos+i, "in literal "+lit)
		}
	}
	r.pos += len(lit)
	return nil
}

// isNull skips whitespace and, if the next value is the literal null,
// consumes it and reports true; otherwise it consumes nothing.
func (r *jsonReader) isNull() bool {
	c := r.space()
	if c == 'n' && len(r.data)-r.pos >= 4 && string(r.data[r.pos:r.pos+4]) == "null" {
		r.pos += 4
		return true
	}
	return false
}

// enter opens an object or array at pos, counting its depth.
func (r *jsonReader) enter() error {
	r.depth++
	if r.depth > jsonReadMaxDepth {
		return &jsonSyntaxError{
			Offset: r.pos,
			msg:    "exceeded max depth",
		}
	}
	r.pos++
	return nil
}

// object reads an object, calling fn for each member with its unescaped key
// and r at the member's value, which fn must consume. The key is valid only
// during the call: it is a slice of data, or of buf when it has escapes, so
// keys cost no allocation. A *ValidationError from fn gets the key prefixed to
// its pointer. Duplicate keys reach fn each time (the last wins, as in
// encoding/json). Generated decodeJSON methods walk jsonMembers in a loop of
// their own instead, which spares the compiler a closure per type.
func (r *jsonReader) object(fn func(key []byte) error) error {
	var m jsonMembers
	for m.next(r) {
		m.err = fn(m.key)
	}
	return m.err
}

// jsonMembers walks the members of the object at a reader, as object does but
// as a loop in the caller:
//
//	var m jsonMembers
//	for m.next(r) {
//		m.err = read the value at r, the member named m.key
//	}
//	// m.err is the first error: the object's syntax, or one set in the loop
//
// A loop body that sets err ends the walk, and a *ValidationError it sets
// gets the key prefixed to its pointer. m.key is valid until the next call of
// next (see object). A generated decodeJSON is one function this way, not a
// function and a closure capturing its variables: on epa.gov_dfr (326 object
// types) this cut the package's compile memory by 12 MB (of 356) and its
// CPU time by 4%.
//
// The reader is an argument of next, not a field: escape analysis does not
// tell fields apart, so a reader held beside key would leak with it.
type jsonMembers struct {
	key []byte
	err error
	// mark is the length of r.buf before key was read; open says the
	// opening brace was.
	mark int
	open bool
}

// next reads the next member's key and the colon after it, leaving r at its
// value, and reports whether there is one: false at the closing brace or
// when m.err is set.
func (m *jsonMembers) next(r *jsonReader) bool {
	var c byte
	if !m.open {
		m.open = true
		var empty bool
		if empty, m.err = r.start('{', '}', "an object"); empty || m.err != nil {
			return false
		}
		c = r.space()
	} else {
		if m.err != nil {
			var ve *ValidationError
			if errors.As(m.err, &ve) {
				ve.Pointer = "/" + pointerToken(string(m.key)) + ve.Pointer
			}
			return false
		}
		r.buf = r.buf[:m.mark]
		switch r.space() {
		case '}':
			r.pos++
			r.depth--
			return false
		case ',':
			r.pos++
			c = r.space()
		default:
			m.err = r.syntaxError(r.pos, "after object key:value pair")
			return false
		}
	}
	if c != '"' {
		m.err = r.syntaxError(r.pos, "looking for beginning of object key string")
		return false
	}
	m.mark = len(r.buf)
	if m.key, m.err = r.scanString(); m.err != nil {
		return false
	}
	if r.space() != ':' {
		m.err = r.syntaxError(r.pos, "after object key")
		return false
	}
	r.pos++
	return true
}

// array reads an array, calling fn for item i (from 0) with r at the item,
// which fn must consume. A *ValidationError from fn gets the index prefixed to
// its pointer.
func (r *jsonReader) array(fn func(i int) error) error {
	var e jsonItems
	for e.next(r) {
		e.err = fn(e.i)
	}
	return e.err
}

// start consumes the open byte ('{' or '[') of the object or array (what,
// for the error) at r, counting its depth, and reports whether it is
// empty: then its close byte is consumed as well.
func (r *jsonReader) start(open, close byte, what string) (empty bool, err error) {
	if r.space() != open {
		return false, r.typeError(what)
	}
	if err := r.enter(); err != nil {
		return false, err
	}
	if r.space() == close {
		r.pos++
		r.depth--
		return true, nil
	}
	return false, nil
}

// jsonItems walks the items of the array at a reader as jsonMembers walks an
// object's members: e.i is the index of the item r is at, and an err set in
// the loop ends the walk, a *ValidationError getting the index prefixed to
// its pointer. readSlice, compiled once per element type, loops over it
// instead of passing array a closure of its own.
type jsonItems struct {
	i    int
	err  error
	open bool
}

// next moves r to the next item and reports whether there is one: false at
// the closing bracket or when e.err is set.
func (e *jsonItems) next(r *jsonReader) bool {
	if !e.open {
		e.open = true
		var empty bool
		empty, e.err = r.start('[', ']', "an array")
		return !empty && e.err == nil
	}
	if e.err != nil {
		var ve *ValidationError
		if errors.As(e.err, &ve) {
			ve.Pointer = "/" + strconv.Itoa(e.i) + ve.Pointer
		}
		return false
	}
	switch r.space() {
	case ']':
		r.pos++
		r.depth--
		return false
	case ',':
		r.pos++
		e.i++
		return true
	}
	e.err = r.syntaxError(r.pos, "after array element")
	return false
}

// jsonReadPlain marks the bytes a string holds as they are: not the quote,
// the backslash, control characters or the start of a multi-byte UTF-8
// sequence, which must be checked.
var jsonReadPlain = jsonReadPlainTable()

// jsonReadPlainTable builds jsonReadPlain.
func jsonReadPlainTable() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}

// scanString consumes the string at pos (the opening quote) and returns its
// unescaped bytes: a slice of data when it holds neither escapes nor invalid
// UTF-8, else appended to buf (the caller takes them off again).
func (r *jsonReader) scanString() ([]byte, error) {
	data := r.data
	start := r.pos + 1
	i := start
	for i < len(data) {
		c := data[i]
		if jsonReadPlain[c] {
			i++
			continue
		}
		if c == '"' {
			r.pos = i + 1
			return data[start:i], nil
		}
		if c < utf8.RuneSelf {
			break
		}
		rn, size := utf8.DecodeRune(data[i:])
		if rn == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return r.unescape(start, i)
}

// unescape finishes scanString from i, the first byte that needs work, as
// encoding/json does: escapes are decoded, a valid surrogate pair becomes one
// rune, and a lone surrogate or invalid UTF-8 becomes U+FFFD.
func (r *jsonReader) unescape(start, i int) ([]byte, error) {
	data := r.data
	mark := len(r.buf)
	b := append(r.buf, data[start:i]...)
	for {
		if i >= len(data) {
			r.buf = b[:mark]
			return nil, r.syntaxError(i, "in string literal")
		}
		c := data[i]
		switch {
		case c == '"':
			r.buf = b
			r.pos = i + 1
			return b[mark:], nil
		case c == '\\':
			if i+1 >= len(data) {
				r.buf = b[:mark]
				return nil, r.syntaxError(i+1, "in string escape code")
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
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
				rn := jsonReadHex4(data[i+2:])
				if rn < 0 {
					r.buf = b[:mark]
					return nil, r.hexError(i + 2)
				}
				if utf16.IsSurrogate(rn) {
					rn2 := rune(-1)
					if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
						rn2 = jsonReadHex4(data[i+8:])
					}
					if d := utf16.DecodeRune(rn, rn2); d != utf8.RuneError {
						rn = d
						i += 6
					} else {
						rn = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, rn)
				i += 4
			default:
				r.buf = b[:mark]
				return nil, r.syntaxError(i+1, "in string escape code")
			}
			i += 2
		case c < ' ':
			r.buf = b[:mark]
			return nil, r.syntaxError(i, "in string literal")
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			rn, size := utf8.DecodeRune(data[i:])
			if rn == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, data[i:i+size]...)
			}
			i += size
		}
	}
}

// hexError reports the first of the four bytes at i that is not a hex digit.
func (r *jsonReader) hexError(i int) error {
	for ; i < len(r.data) && jsonReadHex(r.data[i]) >= 0; i++ {
	}
	return r.syntaxError(i, "in \\u hexadecimal character escape")
}

// jsonReadHex is the value of the hex digit c, or -1.
func jsonReadHex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// jsonReadHex4 decodes the four hex digits that start b, or returns -1.
func jsonReadHex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	n := rune(0)
	for _, c := range b[:4] {
		h := jsonReadHex(c)
		if h < 0 {
			return -1
		}
		n = n<<4 | h
	}
	return n
}

// str reads a string value, unescaped; the string is its only allocation.
func (r *jsonReader) str() (string, error) {
	if r.space() != '"' {
		return "", r.typeError("a string")
	}
	mark := len(r.buf)
	b, err := r.scanString()
	if err != nil {
		return "", err
	}
	if len(r.buf) == mark && r.src != "" {
		// No escapes: b is the text between the quotes, which src holds too.
		end := r.pos - 1
		return r.src[end-len(b) : end], nil
	}
	s := string(b)
	r.buf = r.buf[:mark]
	return s, nil
}

// scanNumber consumes the number at pos, checked against the JSON grammar,
// and returns its text and whether it is an integer (no fraction, no
// exponent).
func (r *jsonReader) scanNumber() ([]byte, bool, error) {
	data := r.data
	start := r.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) || data[i] < '0' || data[i] > '9' {
		return nil, false, r.syntaxError(i, "in numeric literal")
	}
	if data[i] == '0' {
		i++
	} else {
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	integer := true
	if i < len(data) && data[i] == '.' {
		integer = false
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return nil, false, r.syntaxError(i, "after decimal point in numeric literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return nil, false, r.syntaxError(i, "in exponent of numeric literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	r.pos = i
	return data[start:i], integer, nil
}

// isNumberStart reports whether c starts a JSON number.
func jsonReadIsNumberStart(c byte) bool {
	return c == '-' || c >= '0' && c <= '9'
}

// integer reads a JSON number with no fraction and no exponent that fits an
// int64.
func (r *jsonReader) integer() (int64, error) {
	lit, err := r.integerLiteral()
	if err != nil {
		return 0, err
	}
	digits := lit
	if digits[0] == '-' {
		digits = digits[1:]
	}
	// 19 digits cannot overflow a uint64; more are beyond an int64.
	if len(digits) > 19 {
		return 0, &ValidationError{Message: "is out of range for a 64-bit integer: " + string(lit)}
	}
	u := uint64(0)
	for _, c := range digits {
		u = u*10 + uint64(c-'0')
	}
	if lit[0] == '-' {
		if u > 1<<63 {
			return 0, &ValidationError{Message: "is out of range for a 64-bit integer: " + string(lit)}
		}
		return -int64(u), nil
	}
	if u > 1<<63-1 {
		return 0, &ValidationError{Message: "is out of range for a 64-bit integer: " + string(lit)}
	}
	return int64(u), nil
}

// number reads any JSON number, as strconv.ParseFloat(s, 64) does.
func (r *jsonReader) number() (float64, error) {
	if !jsonReadIsNumberStart(r.space()) {
		return 0, r.typeError("a number")
	}
	lit, _, err := r.scanNumber()
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return 0, &ValidationError{Message: "is out of range for a 64-bit number: " + string(lit)}
	}
	return f, nil
}

// boolean reads true or false.
func (r *jsonReader) boolean() (bool, error) {
	switch r.space() {
	case 't':
		return true, r.literal("true")
	case 'f':
		return false, r.literal("false")
	}
	return false, r.typeError("a boolean")
}

// skip consumes one value of any type, checked as thoroughly as
// encoding/json checks it, and returns its text: a slice of data, not a copy.
func (r *jsonReader) skip() ([]byte, error) {
	r.space()
	start := r.pos
	if err := r.skipValue(); err != nil {
		return nil, err
	}
	return r.data[start:r.pos], nil
}

// skipValue consumes the value at pos (after whitespace).
func (r *jsonReader) skipValue() error {
	c := r.space()
	switch c {
	case '{':
		if err := r.enter(); err != nil {
			return err
		}
		c = r.space()
		if c == '}' {
			r.pos++
			r.depth--
			return nil
		}
		for {
			if c != '"' {
				return r.syntaxError(r.pos, "looking for beginning of object key string")
			}
			if err := r.skipString(); err != nil {
				return err
			}
			if r.space() != ':' {
				return r.syntaxError(r.pos, "after object key")
			}
			r.pos++
			if err := r.skipValue(); err != nil {
				return err
			}
			c = r.space()
			if c == '}' {
				r.pos++
				r.depth--
				return nil
			}
			if c != ',' {
				return r.syntaxError(r.pos, "after object key:value pair")
			}
			r.pos++
			c = r.space()
		}
	case '[':
		if err := r.enter(); err != nil {
			return err
		}
		if r.space() == ']' {
			r.pos++
			r.depth--
			return nil
		}
		for {
			if err := r.skipValue(); err != nil {
				return err
			}
			c = r.space()
			if c == ']' {
				r.pos++
				r.depth--
				return nil
			}
			if c != ',' {
				return r.syntaxError(r.pos, "after array element")
			}
			r.pos++
		}
	case '"':
		return r.skipString()
	case 't':
		return r.literal("true")
	case 'f':
		return r.literal("false")
	case 'n':
		return r.literal("null")
	}
	if !jsonReadIsNumberStart(c) {
		return r.syntaxError(r.pos, "looking for beginning of value")
	}
	_, _, err := r.scanNumber()
	return err
}

// skipString consumes the string at pos, checking its escapes and control
// characters but unescaping nothing (JSON does not require valid UTF-8).
func (r *jsonReader) skipString() error {
	data := r.data
	i := r.pos + 1
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return nil
		case c == '\\':
			if i+1 >= len(data) {
				return r.syntaxError(i+1, "in string escape code")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if jsonReadHex4(data[i+2:]) < 0 {
					return r.hexError(i + 2)
				}
				i += 6
			default:
				return r.syntaxError(i+1, "in string escape code")
			}
		case c < ' ':
			return r.syntaxError(i, "in string literal")
		default:
			i++
		}
	}
	return r.syntaxError(i, "in string literal")
}

// value reads one value as encoding/json decodes it into an any:
// map[string]any, []any, float64, string, bool or nil.
func (r *jsonReader) value() (any, error) {
	c := r.space()
	switch c {
	case '{':
		m := make(map[string]any)
		err := r.object(func(key []byte) error {
			v, err := r.value()
			if err != nil {
				return err
			}
			m[string(key)] = v
			return nil
		})
		if err != nil {
			return nil, err
		}
		return m, nil
	case '[':
		a := make([]any, 0)
		err := r.array(func(int) error {
			v, err := r.value()
			if err != nil {
				return err
			}
			a = append(a, v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return a, nil
	case '"':
		return r.str()
	case 't', 'f':
		return r.boolean()
	case 'n':
		return nil, r.literal("null")
	}
	if !jsonReadIsNumberStart(c) {
		return nil, r.syntaxError(r.pos, "looking for beginning of value")
	}
	return r.number()
}

// end checks that only whitespace follows the value read.
func (r *jsonReader) end() error {
	r.space()
	if r.pos < len(r.data) {
		return r.syntaxError(r.pos, "after top-level value")
	}
	return nil
}

// readString reads a JSON string into a string type.
//
//go:noinline
func readString[T ~string](p *T, r *jsonReader) error {
	x, err := r.str()
	if err != nil {
		return err
	}
	*p = T(x)
	return nil
}

// readInt reads a JSON integer into an integer type it fits.
//
//go:noinline
func readInt[T ~int32 | ~int64](p *T, r *jsonReader) error {
	n, err := r.integer()
	if err != nil {
		return err
	}
	if int64(T(n)) != n {
		// A JSON integer that does not fit has no leading zeros, so n
		// formats as its literal.
		return &ValidationError{Message: "is out of range for a 32-bit integer: " + strconv.FormatInt(n, 10)}
	}
	*p = T(n)
	return nil
}

// readFloat reads a JSON number into a float type, rounded once to its size
// as encoding/json does.
//
//go:noinline
func readFloat[T ~float32 | ~float64](p *T, r *jsonReader) error {
	r.space()
	start := r.pos
	f, err := r.number()
	if err != nil {
		return err
	}
	v := T(f)
	if float64(v) != f {
		// T is a float32 and f is not one: round the literal to 32 bits
		// directly, not through a float64, and reject what overflows.
		lit := r.data[start:r.pos]
		f, err = strconv.ParseFloat(string(lit), 32)
		if err != nil {
			return &ValidationError{Message: "is out of range for a 32-bit number: " + string(lit)}
		}
		v = T(f)
	}
	*p = v
	return nil
}

// readBool reads true or false into a bool type.
//
//go:noinline
func readBool[T ~bool](p *T, r *jsonReader) error {
	x, err := r.boolean()
	if err != nil {
		return err
	}
	*p = T(x)
	return nil
}

// readTime reads an RFC 3339 date-time string, as time.Time's UnmarshalJSON
// does, without allocating the string.
//
//go:noinline
func readTime(p *time.Time, r *jsonReader) error {
	if r.space() != '"' {
		return r.typeError("a string")
	}
	mark := len(r.buf)
	b, err := r.scanString()
	if err != nil {
		return err
	}
	var t time.Time
	err = t.UnmarshalText(b)
	r.buf = r.buf[:mark]
	if err != nil {
		return &ValidationError{Message: "must be a date-time (RFC 3339), not " + strconv.Quote(string(b))}
	}
	*p = t
	return nil
}

// readBytes reads a base64 string (standard encoding, which tolerates \r and
// \n) into bytes, as encoding/json decodes a []byte.
//
//go:noinline
func readBytes(p *[]byte, r *jsonReader) error {
	if r.space() != '"' {
		return r.typeError("a string")
	}
	mark := len(r.buf)
	b, err := r.scanString()
	if err != nil {
		return err
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(b)))
	n, err := base64.StdEncoding.Decode(out, b)
	r.buf = r.buf[:mark]
	if err != nil {
		return &ValidationError{Message: "must be base64-encoded bytes"}
	}
	*p = out[:n]
	return nil
}

// readAny reads any value, as encoding/json decodes it into an any (null is nil).
//
//go:noinline
func readAny(p *any, r *jsonReader) error {
	v, err := r.value()
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// readRaw reads any value as its JSON text, copied, since the caller may reuse
// the document's bytes.
//
//go:noinline
func readRaw(p *json.RawMessage, r *jsonReader) error {
	raw, err := r.skip()
	if err != nil {
		return err
	}
	*p = append(json.RawMessage(nil), raw...)
	return nil
}

// readPtr reads a value into a new T with f (which rejects null) and points p
// at it.
//
//go:noinline
func readPtr[T any](p **T, r *jsonReader, f func(*T, *jsonReader) error) error {
	x := new(T)
	if err := f(x, r); err != nil {
		return err
	}
	*p = x
	return nil
}

// readNullPtr reads null as a nil pointer, and anything else as readPtr does.
//
//go:noinline
func readNullPtr[T any](p **T, r *jsonReader, f func(*T, *jsonReader) error) error {
	if r.isNull() {
		*p = nil
		return nil
	}
	return readPtr(p, r, f)
}

// readNullable reads null or a value with f into a Nullable, which either way
// is then set.
//
//go:noinline
func readNullable[T any](p *Nullable[T], r *jsonReader, f func(*T, *jsonReader) error) error {
	if r.isNull() {
		*p = Nullable[T]{
			Null: true,
			Set:  true,
		}
		return nil
	}
	*p = Nullable[T]{Set: true}
	return f(&p.Value, r)
}

// readSlice reads an array (not null) into a new slice, never nil, each item
// decoded in place with f.
//
//go:noinline
func readSlice[T any](p *[]T, r *jsonReader, f func(*T, *jsonReader) error) error {
	if r.isNull() {
		return mustNotBeNull()
	}
	var s []T
	var e jsonItems
	for e.next(r) {
		if s == nil {
			// Room for 4 items at first, as encoding/json makes.
			s = make([]T, 0, 4)
		}
		var zero T
		s = append(s, zero)
		e.err = f(&s[e.i], r)
	}
	if e.err != nil {
		return e.err
	}
	if s == nil {
		s = make([]T, 0)
	}
	*p = s
	return nil
}

// mustNotBeNull reports a null where the contract allows none; out of line,
// as the readers compiled once per element type call it.
//
//go:noinline
func mustNotBeNull() error {
	return &ValidationError{Message: "must not be null"}
}

// readMap reads an object (not null) into a new map, each value decoded with f.
//
//go:noinline
func readMap[T any](p *map[string]T, r *jsonReader, f func(*T, *jsonReader) error) error {
	if r.isNull() {
		return mustNotBeNull()
	}
	m := make(map[string]T)
	// One variable for every value, so decoding costs one allocation when f
	// makes it escape, not one per member.
	var v, zero T
	err := r.object(func(key []byte) error {
		v = zero
		if err := f(&v, r); err != nil {
			return err
		}
		m[string(key)] = v
		return nil
	})
	if err != nil {
		return err
	}
	*p = m
	return nil
}

// readJSON reads a value of a type that decodes itself (a union) with
// encoding/json, keeping the JSON pointers of its validation errors.
//
//go:noinline
func readJSON[T any](p *T, r *jsonReader) error {
	raw, err := r.skip()
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return decodeError("", err)
	}
	return nil
}

// jsonReaders keeps readers, with their scratch buffers, from one document
// to the next, so a decode allocates no reader.
var jsonReaders = sync.Pool{New: func() any {
	return new(jsonReader)
}}

// jsonReadMaxPooled is the largest scratch buffer kept in jsonReaders: one
// huge key or string does not pin its memory.
const jsonReadMaxPooled = 64 << 10

// jsonReadShareMax is the largest document whose strings share one copy of its
// text (see jsonReader.src): a string kept from a bigger one does not pin more.
const jsonReadShareMax = 1 << 20

// decodeJSONValue decodes the document data into p with f, and checks that
// nothing but whitespace follows. A document that is not JSON reports
// encoding/json's *json.SyntaxError, even when f met a type error first.
//
// Helpers that only hand a value on take its pointer type as the type
// parameter (P, called with *T): every pointer type has one GC shape, so
// the compiler makes one instance for all of a package's types, where a
// [T any] taking *T makes one per struct type (each struct is a shape of
// its own): on a 500 KB contract that was a quarter of the package's code.
func decodeJSONValue[P any](data []byte, p P, f func(P, *jsonReader) error) error {
	r := jsonReaders.Get().(*jsonReader)
	*r = jsonReader{
		buf:  r.buf[:0],
		data: data,
	}
	if len(data) <= jsonReadShareMax {
		r.src = string(data)
	}
	err := f(p, r)
	if err == nil {
		err = r.end()
	}
	if cap(r.buf) <= jsonReadMaxPooled {
		*r = jsonReader{buf: r.buf[:0]}
		jsonReaders.Put(r)
	}
	if err != nil {
		if jerr := json.Unmarshal(data, new(json.RawMessage)); jerr != nil {
			return jerr
		}
		return err
	}
	return nil
}
