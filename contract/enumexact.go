package contract

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// maxExactFloat is the magnitude up to which every integer is exact in a
// float64, the type kin-openapi decodes every number into.
const maxExactFloat = 1 << 53

// decimalInteger is an integer as JSON writes it.
var decimalInteger = lazyre.New(`^-?(0|[1-9][0-9]*)$`)

// exactIntegers replaces the members of an integer enum that a float64
// cannot hold exactly (|v| ≥ 2^53: 9223372036854775807 decodes as
// 9223372036854775808) by the literal written in the contract, as a
// json.Number, so no member is rounded or lost on its way to generated
// constants, docs and sample values. Members beyond the 64-bit integers
// are kept too: generated Go holds such an enum in a uint64 or as its
// decimal digits.
func (b *builder) exactIntegers(t *Type, src Source) {
	for i, v := range t.Enum {
		f, ok := v.(float64)
		if !ok || math.Abs(f) < maxExactFloat {
			continue
		}
		ptr := src.Pointer + Pointer("enum", strconv.Itoa(i))
		lit, ok := b.doc.literal(src.File, ptr)
		if !ok || !decimalInteger().MatchString(lit) {
			b.c.add(SeverityWarning, src.File, ptr, fmt.Sprintf("integer enum member %v could not be read as written; it may be rounded (integers beyond 2^53 lose precision as float64)", v))
			continue
		}
		t.Enum[i] = json.Number(lit)
	}
}

// roundedBounds warns about an integer schema's minimum or maximum that a
// float64, which holds the Model's bounds, cannot hold exactly
// (maximum: 9007199254740993 is held as …992): values next to it are
// checked against the rounded bound.
func (b *builder) roundedBounds(s *openapi3.Schema, src Source) {
	if s.Type == nil || !s.Type.Includes("integer") {
		return
	}
	for _, k := range []struct {
		name string
		v    *float64
	}{{"minimum", s.Min}, {"maximum", s.Max}, {"exclusiveMinimum", s.ExclusiveMin.Value}, {"exclusiveMaximum", s.ExclusiveMax.Value}} {
		if k.v == nil || math.Abs(*k.v) < maxExactFloat {
			continue
		}
		ptr := src.Pointer + Pointer(k.name)
		lit, ok := b.doc.literal(src.File, ptr)
		if !ok || !decimalInteger().MatchString(lit) {
			continue
		}
		if held := strconv.FormatFloat(*k.v, 'f', 0, 64); held != lit {
			b.c.add(SeverityWarning, src.File, ptr, fmt.Sprintf("%s %s is held as %s: bounds are float64, which rounds integers beyond 2^53, so values between the two are checked against the rounded bound", k.name, lit, held))
		}
	}
}

// FitsInt64 reports whether the decimal integer literal s fits an int64.
func FitsInt64(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}
