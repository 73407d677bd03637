package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// A small JSONPath evaluator for the given: of Spectral rulesets, over
// Nodes so that every match keeps its file:line:col. It reads the subset
// Spectral's rulesets use: $, .name, ['name'], .*, [*], [n], .. (recursive
// descent), filters [?(...)] over @, @.a.b, @property (or @key) with
// ==, ===, !=, !==, &&, ||, !, and .match(/re/), and a trailing ~ that
// selects keys instead of values. No well-kept Go library evaluates
// Spectral's dialect (nimma/jsonpath-plus) on a positioned tree.

// match is one node a path selected, with the key (or index) under which
// it sits in its parent; key is set for matches of a trailing ~.
type match struct {
	n    *Node
	prop string
	key  bool
}

type pathStep struct {
	kind   byte // '.' child, 'u' union of children, '*' wildcard, 'r' recursive descent, '?' filter, '~' keys
	name   string
	names  []string // kind 'u': a union of names
	filter *filterExpr
}

// maxPathLen bounds a JSONPath, and so the recursion of its filters.
const maxPathLen = 4096

// parsePath reads a JSONPath expression.
func parsePath(p string) ([]pathStep, error) {
	p = strings.TrimSpace(p)
	if len(p) > maxPathLen {
		return nil, fmt.Errorf("JSONPath of %d characters is longer than %d", len(p), maxPathLen)
	}
	if !strings.HasPrefix(p, "$") {
		return nil, fmt.Errorf("JSONPath %q does not start with $", p)
	}
	var steps []pathStep
	i := 1
	for i < len(p) {
		switch {
		case strings.HasPrefix(p[i:], ".."):
			steps = append(steps, pathStep{kind: 'r'})
			i += 2
			if i < len(p) && p[i] != '[' {
				name, n := readName(p[i:])
				i += n
				steps = append(steps, nameStep(name))
			}
		case p[i] == '.':
			i++
			name, n := readName(p[i:])
			if n == 0 {
				return nil, fmt.Errorf("JSONPath %q: a name is missing at %d", p, i)
			}
			i += n
			steps = append(steps, nameStep(name))
		case p[i] == '~':
			steps = append(steps, pathStep{kind: '~'})
			i++
		case p[i] == '[':
			end := closing(p, i)
			if end < 0 {
				return nil, fmt.Errorf("JSONPath %q: unclosed [ at %d", p, i)
			}
			inner := strings.TrimSpace(p[i+1 : end])
			i = end + 1
			switch {
			case inner == "":
				return nil, fmt.Errorf("JSONPath %q: empty [] at %d", p, end-1)
			case inner == "*":
				steps = append(steps, pathStep{kind: '*'})
			case strings.HasPrefix(inner, "?(") && strings.HasSuffix(inner, ")"):
				f, err := parseFilter(inner[2 : len(inner)-1])
				if err != nil {
					return nil, fmt.Errorf("JSONPath %q: %w", p, err)
				}
				steps = append(steps, pathStep{kind: '?', filter: f})
			case strings.Contains(inner, ",") || inner[0] == '\'' || inner[0] == '"' || isIdent(inner):
				// a name, or a union of names: ['a'], [a,b], ['a','b']
				var names []string
				for _, part := range strings.Split(inner, ",") {
					part = strings.TrimSpace(part)
					if len(part) >= 2 && (part[0] == '\'' || part[0] == '"') && part[len(part)-1] == part[0] {
						part = part[1 : len(part)-1]
					}
					if part == "" {
						return nil, fmt.Errorf("JSONPath %q: empty name in [%s]", p, inner)
					}
					names = append(names, part)
				}
				if len(names) == 1 {
					steps = append(steps, pathStep{kind: '.', name: names[0]})
				} else {
					steps = append(steps, pathStep{kind: 'u', names: names})
				}
			default:
				if _, err := strconv.Atoi(inner); err != nil {
					return nil, fmt.Errorf("JSONPath %q: unsupported selector [%s]", p, inner)
				}
				steps = append(steps, pathStep{kind: '.', name: inner})
			}
		default:
			return nil, fmt.Errorf("JSONPath %q: unexpected %q at %d", p, p[i], i)
		}
	}
	return steps, nil
}

// isIdent reports whether s is a bare name such as get or x-internal.
func isIdent(s string) bool {
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	_, err := strconv.Atoi(s)
	return s != "" && err != nil
}

func nameStep(name string) pathStep {
	if name == "*" {
		return pathStep{kind: '*'}
	}
	return pathStep{kind: '.', name: name}
}

func readName(s string) (string, int) {
	n := 0
	for n < len(s) && s[n] != '.' && s[n] != '[' && s[n] != '~' {
		n++
	}
	return s[:n], n
}

// closing returns the index of the ] that closes the [ at i, skipping
// quoted strings, regular expressions and nested brackets.
func closing(p string, i int) int {
	depth := 0
	var quote byte
	for j := i; j < len(p); j++ {
		c := p[j]
		switch {
		case quote != 0:
			if c == '\\' {
				j++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
			if depth == 0 && c == ']' {
				return j
			}
		}
	}
	return -1
}

// eval applies steps to root; work is bounded by maxDepth for recursive
// descent and by the size of the tree. With resolved (Spectral's default)
// a step into a $ref object continues in the object it refers to;
// recursive descent walks the written tree only, which already holds every
// component once.
func eval(root *Node, steps []pathStep, resolved bool) []match {
	cur := []match{{n: root}}
	for _, s := range steps {
		var next []match
		for _, m := range cur {
			if m.key {
				continue
			}
			if resolved && s.kind != 'r' && s.kind != '~' {
				m.n = m.n.Deref()
			}
			switch s.kind {
			case '.':
				switch m.n.Y.Kind {
				case yaml.MappingNode:
					if c := m.n.Raw(s.name); c != nil {
						next = append(next, match{n: c, prop: s.name})
					}
				case yaml.SequenceNode:
					if c := m.n.Index(s.name); c != nil {
						next = append(next, match{n: c, prop: s.name})
					}
				}
			case 'u':
				for _, name := range s.names {
					if c := m.n.Raw(name); c != nil {
						next = append(next, match{n: c, prop: name})
					}
				}
			case '*':
				next = append(next, children(m.n)...)
			case 'r':
				next = append(next, descendants(m, 0)...)
			case '?':
				for _, c := range children(m.n) {
					if s.filter.test(c) {
						next = append(next, c)
					}
				}
			case '~':
				next = append(next, match{n: m.n, prop: m.prop, key: true})
			}
		}
		cur = next
	}
	return cur
}

func children(n *Node) []match {
	var out []match
	switch n.Y.Kind {
	case yaml.MappingNode:
		n.Pairs(func(k string, _ *yaml.Node, v *Node) { out = append(out, match{n: v, prop: k}) })
	case yaml.SequenceNode:
		for i, v := range n.Items() {
			out = append(out, match{n: v, prop: strconv.Itoa(i)})
		}
	}
	return out
}

// descendants returns m and every node below it, to maxDepth.
func descendants(m match, depth int) []match {
	out := []match{m}
	if depth > maxDepth {
		return out
	}
	for _, c := range children(m.n) {
		out = append(out, descendants(c, depth+1)...)
	}
	return out
}

// filterExpr is a parsed [?(...)] expression.
type filterExpr struct {
	op          string // "&&", "||", "!", "==", "!=", "match", "truthy"
	left, right *filterExpr
	path        []string // @.a.b; nil with prop for @property
	prop        bool
	lit         any
	re          *regexp.Regexp
}

var (
	filterCmp   = lazyre.New(`^(@[\w.@$-]*)\s*(===|!==|==|!=)\s*(.+)$`)
	filterMatch = lazyre.New(`^(@[\w.@$-]*)\.match\(\s*/(.*)/([a-z]*)\s*\)$`)
)

func parseFilter(s string) (*filterExpr, error) {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "(") && closingParen(s) == len(s)-1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	for _, op := range []string{"||", "&&"} {
		if i := topLevel(s, op); i >= 0 {
			l, err := parseFilter(s[:i])
			if err != nil {
				return nil, err
			}
			r, err := parseFilter(s[i+2:])
			if err != nil {
				return nil, err
			}
			return &filterExpr{op: op, left: l, right: r}, nil
		}
	}
	if strings.HasPrefix(s, "!") && !strings.HasPrefix(s, "!=") {
		l, err := parseFilter(s[1:])
		if err != nil {
			return nil, err
		}
		return &filterExpr{op: "!", left: l}, nil
	}
	if m := filterMatch().FindStringSubmatch(s); m != nil {
		expr := m[2]
		if strings.Contains(m[3], "i") {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("filter %q: %w", s, err)
		}
		f := operand(m[1])
		f.op, f.re = "match", re
		return f, nil
	}
	if m := filterCmp().FindStringSubmatch(s); m != nil {
		f := operand(m[1])
		f.op = "=="
		if strings.HasPrefix(m[2], "!") {
			f.op = "!="
		}
		lit := strings.TrimSpace(m[3])
		switch {
		case len(lit) >= 2 && (lit[0] == '\'' || lit[0] == '"'):
			f.lit = lit[1 : len(lit)-1]
		case lit == "true" || lit == "false":
			f.lit = lit == "true"
		case lit == "null":
			f.lit = nil
		default:
			x, err := strconv.ParseFloat(lit, 64)
			if err != nil {
				return nil, fmt.Errorf("filter %q: unsupported value %s", s, lit)
			}
			f.lit = x
		}
		return f, nil
	}
	if strings.HasPrefix(s, "@") && !strings.ContainsAny(s, " ()=<>") {
		f := operand(s)
		f.op = "truthy"
		return f, nil
	}
	return nil, fmt.Errorf("unsupported filter expression %q", s)
}

func operand(s string) *filterExpr {
	if s == "@property" || s == "@key" {
		return &filterExpr{prop: true}
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "@"), ".")
	if s == "" {
		return &filterExpr{path: []string{}}
	}
	return &filterExpr{path: strings.Split(s, ".")}
}

func closingParen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// topLevel finds op outside parentheses and quotes.
func topLevel(s, op string) int {
	depth := 0
	var quote byte
	for i := 0; i+len(op) <= len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '/':
			if c != '/' {
				quote = c
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && s[i:i+len(op)] == op:
			return i
		}
	}
	return -1
}

// value returns the operand's value at m: the property name, or the node
// under path (nil when absent).
func (f *filterExpr) value(m match) (any, bool) {
	if f.prop {
		return m.prop, true
	}
	n := m.n
	for _, k := range f.path {
		if n = n.Raw(k); n == nil {
			return nil, false
		}
	}
	return scalar(n), true
}

// scalar returns a scalar node's value as string, float64, bool or nil; a
// collection is returned as itself (truthy).
func scalar(n *Node) any {
	if n.Y.Kind != yaml.ScalarNode {
		return n
	}
	switch n.Y.Tag {
	case "!!bool":
		return n.Y.Value == "true"
	case "!!int", "!!float":
		x, err := strconv.ParseFloat(n.Y.Value, 64)
		if err == nil {
			return x
		}
	case "!!null":
		return nil
	}
	return n.Y.Value
}

func truthy(v any, ok bool) bool {
	if !ok || v == nil {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0
	}
	return true
}

func (f *filterExpr) test(m match) bool {
	switch f.op {
	case "&&":
		return f.left.test(m) && f.right.test(m)
	case "||":
		return f.left.test(m) || f.right.test(m)
	case "!":
		return !f.left.test(m)
	case "truthy":
		return truthy(f.value(m))
	case "match":
		v, ok := f.value(m)
		s, isStr := v.(string)
		return ok && isStr && f.re.MatchString(s)
	case "==", "!=":
		v, ok := f.value(m)
		eq := ok && v == f.lit
		return eq == (f.op == "==")
	}
	return false
}
