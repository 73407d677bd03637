package sample

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// Case is one invalid value: a valid value with exactly one rule broken.
type Case struct {
	// Kind names the rule: missing-required, wrong-type, null,
	// not-integer, below-minimum, above-maximum, too-short, too-long,
	// pattern, bad-format, bad-enum, extra-property, too-few-items,
	// too-many-items.
	Kind string
	// Pointer is the JSON pointer, inside Value, of what was broken.
	Pointer string
	// Reason says in words what is wrong, e.g. `required property "name" is missing`.
	Reason string
	// Value is the whole value with the rule broken.
	Value any
}

// invalidBudget bounds the size of the valid value Invalid breaks.
const invalidBudget = 60

// maxNegativeDepth bounds how deep Invalid looks for rules to break.
const maxNegativeDepth = 3

// Invalid returns values that t must reject, each breaking one rule of t
// or of a property reached through objects and arrays. It does not look
// inside unions and free-form values, where a broken value may still
// match another branch, and it only breaks rules whose violation every
// validator agrees on (formats: date-time, date and uuid).
func Invalid(t *contract.Type, dir Direction) []Case {
	g := &Generator{dir: dir, typical: true, plain: true, budget: invalidBudget}
	g.rng = New(7, dir).rng
	base := g.value(t, 0, false)
	return g.invalid(t, base, "", false, 0)
}

// invalid returns the cases for value v of type t at pointer p.
func (g *Generator) invalid(t *contract.Type, v any, p string, nullable bool, depth int) []Case {
	if t == nil || t.HasConst || depth > maxNegativeDepth {
		return nil
	}
	var out []Case
	add := func(kind, reason string, val any) {
		out = append(out, Case{Kind: kind, Pointer: p, Reason: reason, Value: val})
	}
	if !nullable && !t.Nullable && t.Kind != contract.KindAny && t.Kind != contract.KindNull && t.Kind != contract.KindUnion && !(t.Kind == contract.KindEnum && hasNil(t.Enum)) {
		add("null", "null where the schema does not allow it", nil)
	}
	c := t.Constraints
	switch t.Kind {
	case contract.KindBool:
		add("wrong-type", "a string where a boolean is expected", "true")
	case contract.KindInt, contract.KindNumber:
		add("wrong-type", "a string where a number is expected", "not-a-number")
		if t.Kind == contract.KindInt {
			add("not-integer", "a fraction where an integer is expected", 1.5)
		}
		lo, hi := bounds(t, t.Kind == contract.KindInt)
		if c.Minimum != nil && lo > -maxSafeInt {
			below := lo - 1
			if t.Kind == contract.KindNumber {
				below = lo - math.Max(1, math.Abs(lo)*1e-6)
			}
			add("below-minimum", "below the minimum "+num(*c.Minimum), below)
		}
		if c.Maximum != nil && hi < maxSafeInt {
			above := hi + 1
			if t.Kind == contract.KindNumber {
				above = hi + math.Max(1, math.Abs(hi)*1e-6)
			}
			add("above-maximum", "above the maximum "+num(*c.Maximum), above)
		}
	case contract.KindString:
		add("wrong-type", "a number where a string is expected", 12345.0)
		g.invalidString(t, add)
	case contract.KindEnum:
		switch t.Base {
		case contract.KindString:
			bad := "not-a-member"
			for inEnum(t.Enum, bad) {
				bad += "-x"
			}
			add("bad-enum", "a value outside the enum", bad)
		case contract.KindInt, contract.KindNumber:
			bad := 1.0
			for _, e := range t.Enum {
				if f, ok := e.(float64); ok && f >= bad {
					bad = math.Floor(f) + 1
				}
			}
			add("bad-enum", "a value outside the enum", bad)
		}
	case contract.KindArray:
		// No wrong-type case: "items" without "type: array" accepts any
		// type, and the model does not tell the two apart.
		arr, _ := v.([]any)
		if c.MinItems != nil && *c.MinItems > 0 && uint64(len(arr)) >= *c.MinItems {
			add("too-few-items", "fewer items than minItems "+strconv.FormatUint(*c.MinItems, 10), arr[:*c.MinItems-1])
		}
		if c.MaxItems != nil && *c.MaxItems < 1000 && len(arr) > 0 {
			long := make([]any, 0, *c.MaxItems+1)
			for uint64(len(long)) <= *c.MaxItems {
				long = append(long, arr[len(long)%len(arr)])
			}
			add("too-many-items", "more items than maxItems "+strconv.FormatUint(*c.MaxItems, 10), long)
		}
		if len(arr) > 0 {
			for _, sub := range g.invalid(t.Elem, arr[0], p+"/0", false, depth+1) {
				cp := append([]any(nil), arr...)
				cp[0] = sub.Value
				sub.Value = cp
				out = append(out, sub)
			}
		}
	case contract.KindObject, contract.KindMap:
		// No wrong-type case: the model cannot tell "type: object" from
		// a schema that only lists properties, which accepts any type.
		obj, _ := v.(map[string]any)
		if t.Kind == contract.KindMap {
			break
		}
		for _, f := range t.Fields {
			if _, ok := obj[f.Name]; !ok || g.skip(f) {
				continue
			}
			fp := p + "/" + contract.EscapePointerToken(f.Name)
			if f.Required {
				cp := copyMap(obj)
				delete(cp, f.Name)
				out = append(out, Case{Kind: "missing-required", Pointer: fp, Reason: `required property "` + f.Name + `" is missing`, Value: cp})
			}
			for _, sub := range g.invalid(f.Type, obj[f.Name], fp, f.Nullable, depth+1) {
				cp := copyMap(obj)
				cp[f.Name] = sub.Value
				sub.Value = cp
				out = append(out, sub)
			}
		}
		if t.Additional == contract.AdditionalFalse {
			name := "unexpectedProperty"
			for hasField(t, name) {
				name += "X"
			}
			cp := copyMap(obj)
			cp[name] = "x"
			out = append(out, Case{Kind: "extra-property", Pointer: p + "/" + name, Reason: "a property the schema does not allow (additionalProperties: false)", Value: cp})
		}
	}
	return out
}

// invalidString adds the string cases: length, pattern and format.
func (g *Generator) invalidString(t *contract.Type, add func(kind, reason string, val any)) {
	c := t.Constraints
	fill := "x"
	if v, ok := formatValues[t.Format]; ok && t.Format != "binary" && t.Format != "password" {
		fill = v[:1]
	}
	if c.MinLength != nil && *c.MinLength > 0 && t.Format == "" {
		short := strings.Repeat(fill, int(*c.MinLength-1))
		add("too-short", "shorter than minLength "+strconv.FormatUint(*c.MinLength, 10), short)
	}
	if c.MaxLength != nil && *c.MaxLength < 1<<16 && t.Format == "" {
		long := strings.Repeat(fill, int(*c.MaxLength+1))
		add("too-long", "longer than maxLength "+strconv.FormatUint(*c.MaxLength, 10), long)
	}
	if c.Pattern != "" {
		if re, err := regexp.Compile(c.Pattern); err == nil {
			for _, s := range []string{"!", "~ ~", "", "0", "a", "#!%&"} {
				if !re.MatchString(s) && fitsLength(s, c.MinLength, c.MaxLength) {
					add("pattern", "does not match the pattern "+c.Pattern, s)
					break
				}
			}
		}
	}
	switch t.Format {
	case "date-time", "date", "uuid":
		if fitsLength("not-a-"+t.Format, c.MinLength, c.MaxLength) {
			add("bad-format", "not a valid "+t.Format, "not-a-"+t.Format)
		}
	}
}

func hasNil(vs []any) bool {
	for _, v := range vs {
		if v == nil {
			return true
		}
	}
	return false
}

func inEnum(vs []any, s string) bool {
	for _, v := range vs {
		if v == s {
			return true
		}
	}
	return false
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func copyMap(m map[string]any) map[string]any {
	cp := make(map[string]any, len(m)+1)
	for k, v := range m {
		cp[k] = v
	}
	return cp
}
