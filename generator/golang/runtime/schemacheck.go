package runtime

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// schemaNode is one schema of the contract as checkSchema applies it to a
// decoded JSON value. The generated package holds them in one table and
// refers to subschemas by index; index 0 means "no schema". It carries the
// keywords Go types cannot express (if/then/else, dependentRequired,
// dependentSchemas, unevaluatedProperties, prefixItems, contains,
// patternProperties, propertyNames, not, content*) and, for subschemas,
// every other constraint too, since a subschema is matched against a
// value as a whole.
type schemaNode struct {
	never    bool     // the boolean schema false
	types    []string // JSON types allowed ("integer" also admits whole numbers); empty: any
	enum     []any
	hasConst bool
	constVal any
	format   string // of a string: date-time, byte, date, uuid, email, uri, ipv4, ipv6

	minimum, maximum                   *float64
	exclusiveMinimum, exclusiveMaximum bool
	multipleOf                         *float64

	minLength     int
	maxLength     *int
	pattern       *regexp.Regexp
	contentBase64 bool // contentEncoding: base64
	contentJSON   bool // contentMediaType: application/json
	contentSchema int

	minItems    int
	maxItems    *int
	uniqueItems bool
	prefixItems []int
	items       int // after prefixItems
	contains    int
	minContains *int // 1 when nil
	maxContains *int

	minProperties     int
	maxProperties     *int
	required          []string
	properties        []schemaProperty
	patternProperties []schemaPattern
	additional        int
	propertyNames     int
	dependentRequired []schemaDependency
	dependentSchemas  []schemaDependency
	unevaluated       int

	allOf, anyOf, oneOf []int
	not                 int
	ifNode              int
	thenNode, elseNode  int
}

// schemaProperty is one entry of properties.
type schemaProperty struct {
	name string
	node int
}

// schemaPattern is one entry of patternProperties.
type schemaPattern struct {
	re   *regexp.Regexp
	node int
}

// schemaDependency is one entry of dependentRequired or dependentSchemas.
type schemaDependency struct {
	property string
	required []string
	node     int
}

// schemaViolation is the first rule a value breaks: the JSON pointer of
// the part that breaks it, relative to the value, and what is wrong.
type schemaViolation struct {
	Pointer string
	Message string
	// deep: the check gave up (schemaMaxDepth); not, anyOf, oneOf, if
	// and contains pass it on rather than read it as "does not match".
	deep bool
}

// schemaMaxDepth bounds how deep a check goes, counting both nesting in
// the value and subschemas applied to one value, so a schema that applies
// itself (not: {$ref: self}) ends with a violation, not a stack overflow.
const schemaMaxDepth = 256

// checkSchema checks v, a value of a generated type, against node n of
// nodes: v is encoded to JSON and decoded into a tree of maps, slices and
// scalars, the form the contract's schemas describe.
func checkSchema(nodes []schemaNode, n int, v any) *schemaViolation {
	data, err := json.Marshal(v)
	if err != nil {
		return &schemaViolation{Message: "cannot be encoded as JSON: " + err.Error()}
	}
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		return &schemaViolation{Message: "cannot be decoded as JSON: " + err.Error()}
	}
	bad, _ := schemaEval(&schemaRun{nodes: nodes, memo: map[schemaAt]schemaResult{}}, tree, n, "", 0)
	return bad
}

// schemaEval checks v against node n and returns the first violation, and
// for an object the names of the properties the node evaluated (for
// unevaluatedProperties).
func schemaEval(c *schemaRun, v any, n int, ptr string, depth int) (*schemaViolation, map[string]bool) {
	if n <= 0 || n >= len(c.nodes) {
		return nil, nil
	}
	// The value at ptr is checked against node n once: anyOf and oneOf
	// apply their subschemas to the same value, and a recursive schema
	// would otherwise check a subtree once per variant per level, which
	// grows exponentially with the nesting of a small body.
	at := schemaAt{n, ptr}
	if r, ok := c.memo[at]; ok {
		return r.bad, r.ev
	}
	c.evals++
	bad, ev := schemaEvalOnce(c, v, n, ptr, depth)
	c.memo[at] = schemaResult{bad, ev}
	return bad, ev
}

// schemaRun is one check: the nodes and what each node said of each
// value already (by node and pointer).
type schemaRun struct {
	nodes []schemaNode
	memo  map[schemaAt]schemaResult
	evals int // schemaEvalOnce calls: the work done, for tests to bound
}

// schemaAt is a node applied to the value at a pointer.
type schemaAt struct {
	n   int
	ptr string
}

// schemaResult is what schemaEval returned for a schemaAt.
type schemaResult struct {
	bad *schemaViolation
	ev  map[string]bool
}

// schemaEvalOnce is schemaEval without the memo.
func schemaEvalOnce(c *schemaRun, v any, n int, ptr string, depth int) (*schemaViolation, map[string]bool) {
	if depth > schemaMaxDepth {
		return &schemaViolation{ptr, "nests too deeply to be checked", true}, nil
	}
	s := &c.nodes[n]
	fail := func(format string, args ...any) (*schemaViolation, map[string]bool) {
		return &schemaViolation{Pointer: ptr, Message: fmt.Sprintf(format, args...)}, nil
	}
	if s.never {
		return fail("is not allowed")
	}
	if len(s.types) > 0 && !schemaTypeIn(v, s.types) {
		return fail("must be %s", schemaArticle(strings.Join(s.types, " or ")))
	}
	if s.hasConst && !reflect.DeepEqual(v, s.constVal) {
		return fail("must be %s", schemaText(s.constVal))
	}
	if len(s.enum) > 0 {
		found := false
		for _, e := range s.enum {
			if reflect.DeepEqual(v, e) {
				found = true
				break
			}
		}
		if !found {
			texts := make([]string, len(s.enum))
			for i, e := range s.enum {
				texts[i] = schemaText(e)
			}
			return fail("must be one of %s", strings.Join(texts, ", "))
		}
	}
	var evaluated map[string]bool
	switch x := v.(type) {
	case float64:
		if bad := schemaNumber(s, x, ptr); bad != nil {
			return bad, nil
		}
	case string:
		if bad := schemaString(c, s, x, ptr, depth); bad != nil {
			return bad, nil
		}
	case []any:
		if bad := schemaArray(c, s, x, ptr, depth); bad != nil {
			return bad, nil
		}
	case map[string]any:
		var bad *schemaViolation
		if bad, evaluated = schemaObject(c, s, x, ptr, depth); bad != nil {
			return bad, nil
		}
	}
	merge := func(m map[string]bool) {
		if len(m) == 0 {
			return
		}
		if evaluated == nil {
			evaluated = map[string]bool{}
		}
		for k := range m {
			evaluated[k] = true
		}
	}
	for _, a := range s.allOf {
		bad, ev := schemaEval(c, v, a, ptr, depth+1)
		if bad != nil {
			return bad, nil
		}
		merge(ev)
	}
	if len(s.anyOf) > 0 {
		matched := false
		for _, a := range s.anyOf {
			bad, ev := schemaEval(c, v, a, ptr, depth+1)
			if bad != nil && bad.deep {
				return bad, nil
			}
			if bad == nil {
				matched = true
				merge(ev)
			}
		}
		if !matched {
			return fail("must match at least one schema of anyOf")
		}
	}
	if len(s.oneOf) > 0 {
		matches := 0
		for _, a := range s.oneOf {
			bad, ev := schemaEval(c, v, a, ptr, depth+1)
			if bad != nil && bad.deep {
				return bad, nil
			}
			if bad == nil {
				matches++
				merge(ev)
			}
		}
		if matches != 1 {
			return fail("must match exactly one schema of oneOf, not %d", matches)
		}
	}
	if s.not != 0 {
		bad, _ := schemaEval(c, v, s.not, ptr, depth+1)
		if bad != nil && bad.deep {
			return bad, nil
		}
		if bad == nil {
			return fail("must not match the schema of not")
		}
	}
	if s.ifNode != 0 {
		bad, ev := schemaEval(c, v, s.ifNode, ptr, depth+1)
		if bad != nil && bad.deep {
			return bad, nil
		}
		branch := s.elseNode
		if bad == nil {
			merge(ev)
			branch = s.thenNode
		}
		bad, ev = schemaEval(c, v, branch, ptr, depth+1)
		if bad != nil {
			return bad, nil
		}
		merge(ev)
	}
	if obj, ok := v.(map[string]any); ok {
		for _, d := range s.dependentSchemas {
			if _, present := obj[d.property]; !present {
				continue
			}
			bad, ev := schemaEval(c, v, d.node, ptr, depth+1)
			if bad != nil {
				return bad, nil
			}
			merge(ev)
		}
		if s.unevaluated != 0 {
			for _, k := range schemaSortedKeys(obj) {
				if evaluated[k] {
					continue
				}
				if bad, _ := schemaEval(c, obj[k], s.unevaluated, ptr+"/"+schemaToken(k), depth+1); bad != nil {
					if c.nodes[s.unevaluated].never {
						bad.Message = "is not allowed: the contract declares no such property (unevaluatedProperties)"
					}
					return bad, nil
				}
				merge(map[string]bool{k: true})
			}
		}
	}
	return nil, evaluated
}

// schemaNumber checks the numeric keywords.
func schemaNumber(s *schemaNode, x float64, ptr string) *schemaViolation {
	fail := func(format string, args ...any) *schemaViolation {
		return &schemaViolation{Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	}
	if m := s.minimum; m != nil {
		if s.exclusiveMinimum && x <= *m {
			return fail("must be greater than %s", schemaNum(*m))
		}
		if x < *m {
			return fail("must be at least %s", schemaNum(*m))
		}
	}
	if m := s.maximum; m != nil {
		if s.exclusiveMaximum && x >= *m {
			return fail("must be less than %s", schemaNum(*m))
		}
		if x > *m {
			return fail("must be at most %s", schemaNum(*m))
		}
	}
	if m := s.multipleOf; m != nil && *m > 0 {
		q := x / *m
		if math.Abs(q-math.Round(q)) > 1e-9 {
			return fail("must be a multiple of %s", schemaNum(*m))
		}
	}
	return nil
}

// schemaString checks the string keywords and what the string holds.
func schemaString(c *schemaRun, s *schemaNode, x string, ptr string, depth int) *schemaViolation {
	fail := func(format string, args ...any) *schemaViolation {
		return &schemaViolation{Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	}
	if n := utf8.RuneCountInString(x); n < s.minLength {
		return fail("must be at least %d characters long", s.minLength)
	} else if s.maxLength != nil && n > *s.maxLength {
		return fail("must be at most %d characters long", *s.maxLength)
	}
	if s.pattern != nil && !s.pattern.MatchString(x) {
		return fail("must match the pattern %q", s.pattern.String())
	}
	if s.format != "" && !schemaFormatOK(s.format, x) {
		return fail("must be a valid %s", s.format)
	}
	content := []byte(x)
	if s.contentBase64 {
		b, err := base64.StdEncoding.DecodeString(x)
		if err != nil {
			return fail("must be base64 (contentEncoding): %v", err)
		}
		content = b
	}
	if s.contentJSON {
		var tree any
		if err := json.Unmarshal(content, &tree); err != nil {
			return fail("must hold JSON (contentMediaType application/json): %v", err)
		}
		if bad, _ := schemaEval(c, tree, s.contentSchema, "", depth+1); bad != nil {
			v := fail("holds JSON that breaks contentSchema: %s", schemaMessage(bad))
			v.deep = bad.deep
			return v
		}
	}
	return nil
}

// schemaFormatOK reports whether x is a valid string of format f, by the
// checks the generated types and Validate apply to the same formats at
// the top level; a format it does not know passes, as the generator
// emits only those it knows.
func schemaFormatOK(f, x string) bool {
	switch f {
	case "date-time": // as readTime reads a time.Time
		var t time.Time
		return t.UnmarshalText([]byte(x)) == nil
	case "byte":
		_, err := base64.StdEncoding.DecodeString(x)
		return err == nil
	case "date":
		return isDate(x)
	case "uuid":
		return isUUID(x)
	case "email":
		return isEmail(x)
	case "uri":
		return isURI(x)
	case "ipv4":
		return isIPv4(x)
	case "ipv6":
		return isIPv6(x)
	}
	return true
}

// schemaArray checks the array keywords and the items.
func schemaArray(c *schemaRun, s *schemaNode, x []any, ptr string, depth int) *schemaViolation {
	fail := func(format string, args ...any) *schemaViolation {
		return &schemaViolation{Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	}
	if len(x) < s.minItems {
		return fail("must have at least %d items", s.minItems)
	}
	if s.maxItems != nil && len(x) > *s.maxItems {
		return fail("must have at most %d items", *s.maxItems)
	}
	if s.uniqueItems {
		for i := range x {
			for j := 0; j < i; j++ {
				if reflect.DeepEqual(x[i], x[j]) {
					return fail("must not contain duplicate items (%d and %d are equal)", j, i)
				}
			}
		}
	}
	for i, item := range x {
		n := s.items
		if i < len(s.prefixItems) {
			n = s.prefixItems[i]
		}
		if bad, _ := schemaEval(c, item, n, ptr+"/"+strconv.Itoa(i), depth+1); bad != nil {
			return bad
		}
	}
	if s.contains != 0 {
		count := 0
		for i, item := range x {
			bad, _ := schemaEval(c, item, s.contains, ptr+"/"+strconv.Itoa(i), depth+1)
			if bad != nil && bad.deep {
				return bad
			}
			if bad == nil {
				count++
			}
		}
		least := 1
		if s.minContains != nil {
			least = *s.minContains
		}
		if count < least {
			return fail("must contain at least %d item(s) matching contains, not %d", least, count)
		}
		if s.maxContains != nil && count > *s.maxContains {
			return fail("must contain at most %d item(s) matching contains, not %d", *s.maxContains, count)
		}
	}
	return nil
}

// schemaObject checks the object keywords and the properties, and returns
// the names properties, patternProperties and additionalProperties
// evaluated.
func schemaObject(c *schemaRun, s *schemaNode, x map[string]any, ptr string, depth int) (*schemaViolation, map[string]bool) {
	fail := func(format string, args ...any) (*schemaViolation, map[string]bool) {
		return &schemaViolation{Pointer: ptr, Message: fmt.Sprintf(format, args...)}, nil
	}
	if len(x) < s.minProperties {
		return fail("must have at least %d properties", s.minProperties)
	}
	if s.maxProperties != nil && len(x) > *s.maxProperties {
		return fail("must have at most %d properties", *s.maxProperties)
	}
	for _, r := range s.required {
		if _, ok := x[r]; !ok {
			return &schemaViolation{Pointer: ptr + "/" + schemaToken(r), Message: "is required"}, nil
		}
	}
	for _, d := range s.dependentRequired {
		if _, ok := x[d.property]; !ok {
			continue
		}
		for _, r := range d.required {
			if _, ok := x[r]; !ok {
				return &schemaViolation{Pointer: ptr + "/" + schemaToken(r), Message: fmt.Sprintf("is required when %q is present (dependentRequired)", d.property)}, nil
			}
		}
	}
	evaluated := map[string]bool{}
	for _, k := range schemaSortedKeys(x) {
		at := ptr + "/" + schemaToken(k)
		if s.propertyNames != 0 {
			if bad, _ := schemaEval(c, k, s.propertyNames, at, depth+1); bad != nil {
				return &schemaViolation{Pointer: at, Message: "name " + strconv.Quote(k) + " breaks propertyNames: " + bad.Message, deep: bad.deep}, nil
			}
		}
		matched := false
		for _, p := range s.properties {
			if p.name == k {
				matched = true
				if bad, _ := schemaEval(c, x[k], p.node, at, depth+1); bad != nil {
					return bad, nil
				}
			}
		}
		for _, p := range s.patternProperties {
			if p.re.MatchString(k) {
				matched = true
				if bad, _ := schemaEval(c, x[k], p.node, at, depth+1); bad != nil {
					return bad, nil
				}
			}
		}
		if !matched && s.additional != 0 {
			matched = true
			if bad, _ := schemaEval(c, x[k], s.additional, at, depth+1); bad != nil {
				if c.nodes[s.additional].never {
					bad.Message = "is not allowed: the contract declares no such property"
				}
				return bad, nil
			}
		}
		if matched {
			evaluated[k] = true
		}
	}
	return nil, evaluated
}

// schemaTypeIn reports whether v has one of the JSON types.
func schemaTypeIn(v any, types []string) bool {
	for _, t := range types {
		switch x := v.(type) {
		case nil:
			if t == "null" {
				return true
			}
		case bool:
			if t == "boolean" {
				return true
			}
		case float64:
			if t == "number" || t == "integer" && x == math.Trunc(x) {
				return true
			}
		case string:
			if t == "string" {
				return true
			}
		case []any:
			if t == "array" {
				return true
			}
		case map[string]any:
			if t == "object" {
				return true
			}
		}
	}
	return false
}

// schemaArticle puts "a" or "an" before a type name.
func schemaArticle(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// schemaText renders a JSON value for a message.
func schemaText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// schemaNum renders a number for a message.
func schemaNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// schemaMessage renders a violation inside another message.
func schemaMessage(v *schemaViolation) string {
	if v.Pointer == "" {
		return v.Message
	}
	return v.Pointer + ": " + v.Message
}

// schemaToken escapes a property name as a JSON pointer token.
func schemaToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// schemaSortedKeys returns the keys of m in order, so the first violation
// reported does not depend on map iteration.
func schemaSortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// schemaRef returns a pointer to v, for the optional bounds of a node.
func schemaRef[T any](v T) *T { return &v }
