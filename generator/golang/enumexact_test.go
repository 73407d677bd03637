package golang

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// TestIntegerEnumBeyond2p53Constants: members beyond 2^53 become constants
// with the contract's exact digits (2^63−1 was dropped, 2^53+1 rounded),
// and the package builds; with a member beyond int64 and negative ones,
// the enum keeps its digits in a json.Number-based type, so 2^64−1 is a
// member too.
func TestIntegerEnumBeyond2p53Constants(t *testing.T) {
	files := generateFiles(t, "../../testdata/contracts/enums/big-integers.yaml", "api", "types")
	var src string
	for _, f := range files {
		if strings.HasSuffix(f.Name, "types.gen.go") {
			src = string(f.Data)
		}
	}
	for _, want := range []string{"type Big json.Number\n", `Big = "9007199254740993"` + "\n", `Big = "9223372036854775806"` + "\n", `Big = "9223372036854775807"` + "\n", `Big = "-9223372036854775808"` + "\n", `Big = "18446744073709551615"` + "\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("types.gen.go lacks %q", want)
		}
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", files)
	goRun(t, dir, "vet", "./...")
}

// TestIntRepOf: the Go type of an integer follows its format, its enum
// members and its bounds: unsigned only when no value can be negative,
// digits only when no 64-bit type holds every value.
func TestIntRepOf(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		name string
		t    contract.Type
		want intRep
	}{
		{"plain", contract.Type{Kind: contract.KindInt}, repInt64},
		{"int32", contract.Type{Kind: contract.KindInt, Format: "int32"}, repInt32},
		{"uint32", contract.Type{Kind: contract.KindInt, Format: "uint32"}, repUint32},
		{"uint64", contract.Type{Kind: contract.KindInt, Format: "uint64"}, repUint64},
		{"uint", contract.Type{Kind: contract.KindInt, Format: "uint"}, repUint64},
		{"max 2^63-1 as written", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Maximum: f(9223372036854775807)}}, repInt64},
		{"max 2^64-1, min 0", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Minimum: f(0), Maximum: f(18446744073709551615)}}, repUint64},
		{"max 2^64-1, no min", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Maximum: f(18446744073709551615)}}, repDecimal},
		{"max 1e20", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Minimum: f(0), Maximum: f(1e20)}}, repDecimal},
		{"min below -2^63", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Minimum: f(-1e19)}}, repDecimal},
		{"enum int64", contract.Type{Kind: contract.KindEnum, Base: contract.KindInt, Format: "int32", Enum: []any{1.0, json.Number("9223372036854775807")}}, repInt64},
		{"enum uint64", contract.Type{Kind: contract.KindEnum, Base: contract.KindInt, Enum: []any{0.0, json.Number("18446744073709551615")}}, repUint64},
		{"enum negative and beyond", contract.Type{Kind: contract.KindEnum, Base: contract.KindInt, Enum: []any{-1.0, json.Number("18446744073709551615")}}, repDecimal},
		{"enum beyond uint64", contract.Type{Kind: contract.KindEnum, Base: contract.KindInt, Enum: []any{json.Number("18446744073709551616")}}, repDecimal},
		{"enum uint32 negative", contract.Type{Kind: contract.KindEnum, Base: contract.KindInt, Format: "uint32", Enum: []any{-1.0}}, repInt64},
		{"string enum", contract.Type{Kind: contract.KindEnum, Base: contract.KindString, Enum: []any{"18446744073709551616"}}, repInt64},
	} {
		if got := intRepOf(&c.t); got != c.want {
			t.Errorf("%s: intRepOf = %d; want %d", c.name, got, c.want)
		}
	}
}

// TestIntBounds: integer bounds are compared as integer constants of the
// value's type (exact beyond 2^53), fractional ones rounded inward, and
// a bound the type cannot hold as a constant through a float64, so the
// package still compiles.
func TestIntBounds(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	render := func(ty contract.Type) string {
		var b strings.Builder
		for _, s := range intBounds(&ty, jen.Id("v"), func(msg string) jen.Code { return jen.Return(jen.Lit(msg)) }) {
			fmt.Fprintf(&b, "%#v\n", s)
		}
		return b.String()
	}
	for _, c := range []struct {
		name string
		t    contract.Type
		want []string
	}{
		{"int64 exact", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Minimum: f(1), Maximum: f(9007199254740992)}},
			[]string{"if v < 1 {", "if v > 9007199254740992 {", `"must be at most 9007199254740992"`}},
		{"exclusive and fractional", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Minimum: f(1.5), ExclusiveMinimum: true, Maximum: f(10), ExclusiveMaximum: true}},
			[]string{"if v < 2 {", "if v >= 10 {", `"must be greater than 1.5"`, `"must be less than 10"`}},
		{"int32 beyond its range", contract.Type{Kind: contract.KindInt, Format: "int32", Constraints: contract.Constraints{Maximum: f(1e10)}},
			[]string{"if float64(v) > 1e+10 {"}},
		{"multipleOf", contract.Type{Kind: contract.KindInt, Format: "uint64", Constraints: contract.Constraints{MultipleOf: f(2)}},
			[]string{"if v%2 != 0 {"}},
		{"fractional multipleOf", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{MultipleOf: f(0.5)}},
			[]string{"if !isMultipleOf(float64(v), 0.5) {"}},
		{"decimal", contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Maximum: f(1e20)}, HasConst: true, Const: 5.0},
			[]string{`if decimalCmp(decimalCanon(string(v)), "100000000000000000000") > 0 {`, `if decimalCmp(decimalCanon(string(v)), "5") != 0 {`}},
		{"fractional const", contract.Type{Kind: contract.KindInt, HasConst: true, Const: 1.5},
			[]string{"if float64(v) != 1.5 {"}},
	} {
		got := render(c.t)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %s lacks %q", c.name, got, w)
			}
		}
	}
}
