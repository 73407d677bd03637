package sample

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contractfirst/toolkit/contract"
)

// formatValues are typical values for string formats; each is valid for
// its format by every common validator.
var formatValues = map[string]string{
	"date-time":     "2024-05-06T07:08:09Z",
	"date":          "2024-05-06",
	"time":          "07:08:09Z",
	"duration":      "P1D",
	"uuid":          "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	"email":         "user@example.com",
	"idn-email":     "user@example.com",
	"uri":           "https://example.com/path",
	"url":           "https://example.com/path",
	"iri":           "https://example.com/path",
	"uri-reference": "/path",
	"hostname":      "example.com",
	"ipv4":          "192.0.2.1",
	"ipv6":          "2001:db8::1",
	"byte":          "aGVsbG8=",
	"binary":        "hello",
	"password":      "secret-password",
	"regex":         "^[a-z]+$",
	"json-pointer":  "/a/b",
}

// randomFormat makes a random value of a format when one is cheap to
// vary; ok is false for other formats.
func (g *Generator) randomFormat(format string) (string, bool) {
	r := g.rng
	switch format {
	case "date-time":
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", 1990+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60)), true
	case "date":
		return fmt.Sprintf("%04d-%02d-%02d", 1990+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28)), true
	case "uuid":
		const hex = "0123456789abcdef"
		b := []byte("xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx")
		for i, c := range b {
			if c == 'x' {
				b[i] = hex[r.IntN(16)]
			}
		}
		return string(b), true
	case "email":
		return fmt.Sprintf("user%d@example.com", r.IntN(10000)), true
	case "ipv4":
		return fmt.Sprintf("192.0.2.%d", r.IntN(255)), true
	}
	return "", false
}

// str builds a string satisfying t's format, pattern and length.
func (g *Generator) str(t *contract.Type) any {
	if s, ok := g.content(t); ok {
		return s
	}
	c := t.Constraints
	if c.Pattern != "" {
		if s, ok := g.fromPattern(c.Pattern, c.MinLength, c.MaxLength); ok {
			return s
		}
	}
	if v, ok := formatValues[t.Format]; ok {
		if !g.typical {
			if s, ok := g.randomFormat(t.Format); ok {
				return s
			}
		}
		if fitsLength(v, c.MinLength, c.MaxLength) {
			return v
		}
	}
	s := "string"
	if !g.typical {
		s = randomWord(g, 1+g.rng.IntN(12))
	}
	return fitLength(s, c.MinLength, c.MaxLength)
}

func randomWord(g *Generator, n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[g.rng.IntN(len(letters))]
	}
	return string(b)
}

func fitsLength(s string, min, max *uint64) bool {
	n := uint64(utf8.RuneCountInString(s))
	return (min == nil || n >= *min) && (max == nil || n <= *max)
}

// fitLength pads s with 'x' or cuts it to fit the length constraints.
func fitLength(s string, min, max *uint64) string {
	n := uint64(utf8.RuneCountInString(s))
	if min != nil && n < *min {
		s += strings.Repeat("x", int(min64(*min-n, 1<<16)))
	}
	if max != nil && uint64(utf8.RuneCountInString(s)) > *max {
		s = string([]rune(s)[:*max])
	}
	return s
}

// fromPattern builds a string the pattern matches, within the length
// bounds, and checks it with Go's regexp; ok is false when the pattern
// uses syntax Go does not support or no candidate fits.
func (g *Generator) fromPattern(pattern string, min, max *uint64) (string, bool) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	tree = tree.Simplify()
	// A few attempts: typical first (shortest), then with longer
	// repetitions, so minLength can be met.
	for extra := 0; extra < 4; extra++ {
		var b strings.Builder
		want := 0
		if min != nil {
			want = int(min64(*min, 256))
		}
		g.walk(&b, tree, extra, want)
		s := b.String()
		anchoredStart := strings.HasPrefix(pattern, "^")
		anchoredEnd := strings.HasSuffix(pattern, "$") && !strings.HasSuffix(pattern, `\$`)
		if min != nil && uint64(utf8.RuneCountInString(s)) < *min && !anchoredEnd {
			s += strings.Repeat("x", int(*min)-utf8.RuneCountInString(s))
		} else if min != nil && uint64(utf8.RuneCountInString(s)) < *min && !anchoredStart {
			s = strings.Repeat("x", int(*min)-utf8.RuneCountInString(s)) + s
		}
		if re.MatchString(s) && fitsLength(s, min, max) {
			return s, true
		}
	}
	return "", false
}

// walk writes a string matched by re. extra adds repetitions to
// unbounded repeats; want is the length the whole string should reach.
func (g *Generator) walk(b *strings.Builder, re *syntax.Regexp, extra, want int) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		b.WriteRune(g.classRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteRune('a')
	case syntax.OpCapture:
		g.walk(b, re.Sub[0], extra, want)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			g.walk(b, s, extra, want)
		}
	case syntax.OpAlternate:
		i := 0
		if !g.typical {
			i = g.rng.IntN(len(re.Sub))
		}
		g.walk(b, re.Sub[i], extra, want)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := re.Min, re.Max
		switch re.Op {
		case syntax.OpStar:
			lo, hi = 0, -1
		case syntax.OpPlus:
			lo, hi = 1, -1
		case syntax.OpQuest:
			lo, hi = 0, 1
		}
		n := lo
		if !g.typical && hi != lo {
			span := 3
			if hi >= 0 && hi-lo < span {
				span = hi - lo
			}
			n += g.rng.IntN(span + 1)
		}
		if extra > 0 {
			n += extra * max(1, want/4)
		}
		if hi >= 0 && n > hi {
			n = hi
		}
		for i := 0; i < n; i++ {
			g.walk(b, re.Sub[0], extra, want)
		}
	}
	// Anchors, word boundaries and empty matches write nothing.
}

// classRune picks a rune of a character class (pairs of ranges),
// preferring letters and digits so values read well.
func (g *Generator) classRune(ranges []rune) rune {
	if len(ranges) == 0 {
		return 'a'
	}
	for _, pref := range []rune{'a', 'A', '0'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= pref && pref <= ranges[i+1] {
				if !g.typical {
					span := min(ranges[i+1]-pref, 25)
					return pref + rune(g.rng.IntN(int(span)+1))
				}
				return pref
			}
		}
	}
	i := 0
	if !g.typical {
		i = 2 * g.rng.IntN(len(ranges)/2)
	}
	lo := ranges[i]
	if lo < 0x20 && ranges[i+1] >= 0x20 {
		lo = 0x20
	}
	return lo
}

// key is a canonical form of a JSON value, for telling values apart.
func key(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Text renders a value the way it travels as text (a path segment, a
// query value, a header): strings as they are, integers without
// exponent, numbers in their shortest form, true/false, and compound
// values as JSON.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Items is a parameter value as the items its style writes: one for a
// scalar, an array's items, or an object's names and values in turn, by
// name (object set), each as Text.
func Items(v any) (items []string, object bool) {
	switch x := v.(type) {
	case []any:
		items = make([]string, len(x))
		for i, e := range x {
			items[i] = Text(e)
		}
		return items, false
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			items = append(items, k, Text(x[k]))
		}
		return items, true
	}
	return []string{Text(v)}, false
}
