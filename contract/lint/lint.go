// Package lint checks an OpenAPI contract against style and correctness
// rules that a loader cannot enforce: naming, documentation, consistency,
// dead components. Each rule is a small named unit (see Rule); findings
// carry the file:line:col of the node that causes them, across $refs into
// other files.
package lint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
)

// Config selects rules and overrides severities; it is the `lint:` section
// of toolkit.yaml.
type Config struct {
	// Extends names the rule sets to start from: recommended (the default),
	// all, servicecomb.
	Extends  []string            `yaml:"extends"`
	Disable  []string            `yaml:"disable"`
	Severity map[string]Severity `yaml:"severity"`
	// Casing sets the style of casing rules: rule id → camel, pascal,
	// kebab, snake, upper-hyphen (or flat, cobol, macro).
	Casing map[string]string `yaml:"casing"`
	// Ruleset names a Spectral ruleset file, relative to toolkit.yaml; the
	// command reads it as it reads --ruleset.
	Ruleset string `yaml:"ruleset"`
	// Extra rules run besides the registered ones: a Spectral ruleset's own.
	Extra []*Rule `yaml:"-"`
}

// RuleSets lists the names Config.Extends accepts.
var RuleSets = []string{"recommended", "all", "servicecomb", "none"}

// inSet reports whether rule r belongs to rule set name. A rule without
// Sets is in "recommended".
func (r *Rule) inSet(name string) bool {
	if name == "all" {
		return true
	}
	if len(r.Sets) == 0 {
		return name == "recommended"
	}
	for _, s := range r.Sets {
		if s == name {
			return true
		}
	}
	return false
}

// lookup finds the rules an id names: the rule of that id, or every rule
// that has it as an alias (case-insensitive, so Spectral's kebab-case ids
// work in toolkit.yaml; Spectral's path-params covers two toolkit rules).
func lookup(id string) []*Rule {
	var out []*Rule
	for _, r := range registry {
		if strings.EqualFold(r.ID, id) {
			return []*Rule{r}
		}
		for _, a := range r.Aliases {
			if strings.EqualFold(a, id) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// Validate rejects unknown rule ids, rule sets and severities, so a typo in
// toolkit.yaml does not silently turn a rule off.
func (c Config) Validate() error {
	for _, s := range c.Extends {
		if !slices.Contains(RuleSets, s) {
			return fmt.Errorf("lint config: unknown rule set %q in extends (want %s)", s, strings.Join(RuleSets, ", "))
		}
	}
	for _, id := range c.Disable {
		if lookup(id) == nil {
			return fmt.Errorf("lint config: unknown rule %q in disable", id)
		}
	}
	for id, s := range c.Severity {
		if lookup(id) == nil {
			return fmt.Errorf("lint config: unknown rule %q in severity", id)
		}
		switch s {
		case Error, Warning, Info, Off:
		default:
			return fmt.Errorf("lint config: severity %q of %s is not error, warning, info or off", s, id)
		}
	}
	for id, style := range c.Casing {
		rs := lookup(id)
		if len(rs) != 1 || rs[0].Style == "" {
			return fmt.Errorf("lint config: %q in casing is not a casing rule", id)
		}
		if Casing(style) == nil {
			return fmt.Errorf("lint config: casing %q of %s is not one of %s", style, id, strings.Join(CasingNames(), ", "))
		}
	}
	return nil
}

// Enabled returns the rules cfg turns on, sorted by id, each with the
// severity cfg gives it.
func (c Config) Enabled() []*Rule {
	sets := c.Extends
	if len(sets) == 0 {
		sets = []string{"recommended"}
	}
	sev := map[string]Severity{}
	for id, s := range c.Severity {
		for _, r := range lookup(id) {
			sev[r.ID] = s
		}
	}
	for _, id := range c.Disable {
		for _, r := range lookup(id) {
			sev[r.ID] = Off
		}
	}
	var out []*Rule
	for _, r := range Rules() {
		on := false
		for _, s := range sets {
			on = on || r.inSet(s)
		}
		rr := *r
		for id, style := range c.Casing {
			if rs := lookup(id); len(rs) == 1 && rs[0] == r {
				rr.Style = style
			}
		}
		if s, ok := sev[r.ID]; ok {
			rr.Severity = s
			on = true
		}
		if on && rr.Severity != Off {
			out = append(out, &rr)
		}
	}
	return append(out, c.Extra...)
}

// Run lints the contract whose root file is path and returns its findings
// sorted by file, line, column and rule.
func Run(path string, cfg Config) ([]findings.Finding, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	t := newTree()
	root, err := t.root(path)
	if err != nil {
		return nil, err
	}
	return run(root, cfg.Enabled()), nil
}

// run applies rules to the tree under root.
func run(root *Node, rules []*Rule) []findings.Finding {
	version := root.Str("openapi")
	if version == "" {
		version = root.Str("swagger")
	}
	var out []findings.Finding
	for _, r := range rules {
		ctx := &Context{Root: root, Version: version, rule: r, out: &out, ignored: root.tree.ignored}
		r.Check(ctx)
	}
	findings.Sort(out)
	return slices.Compact(out)
}

// ignored reports whether an x-lint-ignore on n or on one of its ancestors
// in the same file suppresses rule id. The value is true (every rule) or a
// list of rule ids. The nodes carrying x-lint-ignore are indexed once per
// file, so a lookup costs the length of n's pointer, not the file's size.
func (t *tree) ignored(n *Node, id string) bool {
	idx := t.ignoreIndex(n.File)
	if len(idx) == 0 {
		return false
	}
	p := n.Pointer
	for {
		t.steps++
		if v, ok := idx[p]; ok && ignores(v, id) {
			return true
		}
		if p == "" {
			return false
		}
		p = p[:strings.LastIndexByte(p, '/')]
	}
}

// ignoreIndex maps the pointer of every node of file that has an
// x-lint-ignore key to that node, walking the file once (to maxDepth).
func (t *tree) ignoreIndex(file string) map[string]*yaml.Node {
	if idx, ok := t.ignores[file]; ok {
		return idx
	}
	idx := map[string]*yaml.Node{}
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				t.steps++
				k := n.Content[i].Value
				if k == "x-lint-ignore" {
					idx[ptr] = n
				}
				walk(n.Content[i+1], ptr+"/"+contract.EscapePointerToken(k), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				t.steps++
				walk(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	if root := t.files[file]; root != nil {
		walk(root, "", 0)
	}
	t.ignores[file] = idx
	return idx
}

func ignores(n *yaml.Node, id string) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "x-lint-ignore" {
			continue
		}
		v := n.Content[i+1]
		switch v.Kind {
		case yaml.ScalarNode:
			return v.Value == "true"
		case yaml.SequenceNode:
			for _, c := range v.Content {
				if strings.EqualFold(c.Value, id) {
					return true
				}
			}
		}
	}
	return false
}

// HasErrors reports whether any finding is at error severity.
func HasErrors(fs []findings.Finding) bool {
	for _, f := range fs {
		if f.Severity == findings.Error {
			return true
		}
	}
	return false
}
