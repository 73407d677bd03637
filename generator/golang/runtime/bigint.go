package runtime

import (
	"errors"
	"strconv"
)

// Integers beyond int64. A contract's integer whose values (enum members,
// bounds, format uint64) are all ≥ 0 and fit 64 bits is held in a uint64
// type; one that reaches beyond both int64 and uint64 is held in a string
// type keeping the exact decimal digits ("decimal" below), written to JSON
// as a number. Both read, write, parse and compare exactly: no member is
// rounded through a float64.

// maxDecimalDigits bounds the digits a decimal integer may have: comparing
// and dividing are linear in them, and no contract needs more.
const maxDecimalDigits = 1000

// integerLiteral reads a JSON number with no fraction and no exponent and
// returns its text, which JSON spells without leading zeros.
func (r *jsonReader) integerLiteral() ([]byte, error) {
	if !jsonReadIsNumberStart(r.space()) {
		return nil, r.typeError("an integer")
	}
	lit, integer, err := r.scanNumber()
	if err != nil {
		return nil, err
	}
	if !integer {
		return nil, &ValidationError{Message: "must be an integer, not number " + string(lit)}
	}
	return lit, nil
}

// unsigned reads a JSON integer that fits a uint64 ("-0" is 0).
func (r *jsonReader) unsigned() (uint64, error) {
	lit, err := r.integerLiteral()
	if err != nil {
		return 0, err
	}
	digits := lit
	if digits[0] == '-' {
		if string(digits) == "-0" {
			return 0, nil
		}
		return 0, &ValidationError{Message: "must not be negative: " + string(lit)}
	}
	u := uint64(0)
	for _, c := range digits {
		d := uint64(c - '0')
		if u > (1<<64-1-d)/10 {
			return 0, &ValidationError{Message: "is out of range for a 64-bit unsigned integer: " + string(lit)}
		}
		u = u*10 + d
	}
	return u, nil
}

// readUint reads a JSON integer into an unsigned type.
//
//go:noinline
func readUint[T ~uint32 | ~uint64](p *T, r *jsonReader) error {
	n, err := r.unsigned()
	if err != nil {
		return err
	}
	if uint64(T(n)) != n {
		return &ValidationError{Message: "is out of range for a 32-bit unsigned integer: " + strconv.FormatUint(n, 10)}
	}
	*p = T(n)
	return nil
}

// readDecimal reads a JSON integer of any size into a decimal type, as
// its digits ("-0" becomes "0", so equal integers are equal strings).
//
//go:noinline
func readDecimal[T ~string](p *T, r *jsonReader) error {
	lit, err := r.integerLiteral()
	if err != nil {
		return err
	}
	if n := len(lit); n > maxDecimalDigits && (lit[0] != '-' || n > maxDecimalDigits+1) {
		return &ValidationError{Message: "is out of range: an integer of more than " + strconv.Itoa(maxDecimalDigits) + " digits"}
	}
	if string(lit) == "-0" {
		lit = lit[1:]
	}
	*p = T(lit)
	return nil
}

// writeUint writes an unsigned integer.
//
//go:noinline
func writeUint[T ~uint32 | ~uint64](p *T, w *jsonWriter) {
	w.buf = strconv.AppendUint(w.buf, uint64(*p), 10)
}

// writeDecimal writes a decimal integer as a JSON number (the empty string
// as 0, like an empty json.Number); text that is not
// one (a value built by hand) fails the write, as json.Marshal fails on an
// invalid json.Number.
//
//go:noinline
func writeDecimal[T ~string](p *T, w *jsonWriter) {
	s, ok := canonDecimal(string(*p))
	if *p == "" {
		s, ok = "0", true
	}
	if !ok {
		w.fail(errors.New("json: invalid integer literal " + strconv.Quote(string(*p))))
		w.null()
		return
	}
	w.buf = append(w.buf, s...)
}

// canonDecimal is s, a decimal integer with an optional sign, without its
// '+', its leading zeros and the sign of zero; ok is false when s is not
// such an integer or has more than maxDecimalDigits digits.
func canonDecimal(s string) (canon string, ok bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > maxDecimalDigits {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	if neg && s != "0" {
		return "-" + s, true
	}
	return s, true
}

// decimalCanon is the canonical form of a decimal integer as held, "0"
// for the empty string (as encoding/json writes an empty json.Number); text
// that is no integer is returned as it is, and fails when written.
func decimalCanon(s string) string {
	if s == "" {
		return "0"
	}
	if c, ok := canonDecimal(s); ok {
		return c
	}
	return s
}

// decimalCmp compares the canonical decimal integers a and b: -1, 0 or +1.
func decimalCmp(a, b string) int {
	an, bn := a != "" && a[0] == '-', b != "" && b[0] == '-'
	switch {
	case an && !bn:
		return -1
	case !an && bn:
		return 1
	case an && bn:
		return -decimalCmp(a[1:], b[1:])
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// decimalMultipleOf reports whether the canonical decimal integer s is a
// multiple of m: exactly when m is a whole number up to 2^53, by long
// division; otherwise through a float64, as isMultipleOf does for int64.
func decimalMultipleOf(s string, m float64) bool {
	if m >= 1 && m <= 1<<53 && m == float64(uint64(m)) {
		d, rem := uint64(m), uint64(0)
		for i := 0; i < len(s); i++ {
			if s[i] == '-' {
				continue
			}
			rem = (rem*10 + uint64(s[i]-'0')) % d // rem*10+9 < 2^57: no overflow
		}
		return rem == 0
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && isMultipleOf(f, m)
}

// parseUint reads an unsigned integer parameter.
func parseUint[T ~uint32 | ~uint64](s string) (T, error) {
	x, err := strconv.ParseUint(s, 10, 64)
	if err != nil || uint64(T(x)) != x {
		return 0, errors.New("must be a non-negative integer")
	}
	return T(x), nil
}

// parseDecimal reads an integer parameter of any size, canonical.
func parseDecimal[T ~string](s string) (T, error) {
	c, ok := canonDecimal(s)
	if !ok {
		return "", errors.New("must be an integer")
	}
	return T(c), nil
}

// formatUint writes an unsigned integer parameter.
func formatUint[T ~uint32 | ~uint64](v T) string {
	return strconv.FormatUint(uint64(v), 10)
}

// formatDecimal writes a decimal integer parameter as it is held.
func formatDecimal[T ~string](v T) string {
	return decimalCanon(string(v))
}
