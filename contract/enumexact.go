package contract

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
)

// maxExactFloat is the magnitude up to which every integer is exact in a
// float64, the type kin-openapi decodes every number into.
const maxExactFloat = 1 << 53

// decimalInteger is an integer as JSON writes it.
var decimalInteger = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// exactIntegers replaces the members of an integer enum that a float64
// cannot hold exactly (|v| ≥ 2^53: 9223372036854775807 decodes as
// 9223372036854775808) by the literal written in the contract, as a
// json.Number, so no member is rounded or lost on its way to generated
// constants, docs and sample values. A member beyond the 64-bit integers
// is kept too, with a warning: Go code cannot hold it in an integer type.
func (b *builder) exactIntegers(t *Type, src Source) {
	for i, v := range t.Enum {
		f, ok := v.(float64)
		if !ok || math.Abs(f) < maxExactFloat {
			continue
		}
		ptr := src.Pointer + Pointer("enum", strconv.Itoa(i))
		lit, ok := b.doc.literal(src.File, ptr)
		if !ok || !decimalInteger.MatchString(lit) {
			b.c.add(SeverityWarning, src.File, ptr, fmt.Sprintf("integer enum member %v could not be read as written; it may be rounded (integers beyond 2^53 lose precision as float64)", v))
			continue
		}
		t.Enum[i] = json.Number(lit)
		if !FitsInt64(lit) {
			b.c.add(SeverityWarning, src.File, ptr, fmt.Sprintf("integer enum member %s does not fit a 64-bit signed integer: it is kept as written, but generated Go code has no constant for it and refuses it as a value", lit))
		}
	}
}

// FitsInt64 reports whether the decimal integer literal s fits an int64.
func FitsInt64(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}
