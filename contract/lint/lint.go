// Package lint checks an OpenAPI contract against style and correctness
// rules that a loader cannot enforce: naming, documentation, consistency,
// dead components. Each rule is a small named unit (see Rule); findings
// carry the file:line:col of the node that causes them, across $refs into
// other files.
package lint

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Config selects rules and overrides severities; it is the `lint:` section
// of toolkit.yaml.
type Config struct {
	Disable  []string            `yaml:"disable"`
	Severity map[string]Severity `yaml:"severity"`
}

// Validate rejects unknown rule ids and severities, so a typo in
// toolkit.yaml does not silently turn a rule off.
func (c Config) Validate() error {
	known := map[string]bool{}
	for _, r := range registry {
		known[r.ID] = true
	}
	for _, id := range c.Disable {
		if !known[id] {
			return fmt.Errorf("lint config: unknown rule %q in disable", id)
		}
	}
	for id, s := range c.Severity {
		if !known[id] {
			return fmt.Errorf("lint config: unknown rule %q in severity", id)
		}
		switch s {
		case Error, Warning, Info, Off:
		default:
			return fmt.Errorf("lint config: severity %q of %s is not error, warning, info or off", s, id)
		}
	}
	return nil
}

// Run lints the contract whose root file is path and returns its findings
// sorted by file, line, column and rule.
func Run(path string, cfg Config) ([]Finding, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	t := &tree{files: map[string]*yaml.Node{}}
	rootY, err := t.load(path)
	if err != nil {
		return nil, err
	}
	if rootY.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: contract is not a mapping", path)
	}
	root := &Node{Y: rootY, File: path, tree: t}
	version := root.Str("openapi")
	if version == "" {
		version = root.Str("swagger")
	}
	disabled := map[string]bool{}
	for _, id := range cfg.Disable {
		disabled[id] = true
	}
	var out []Finding
	for _, r := range Rules() {
		rr := *r
		if s, ok := cfg.Severity[r.ID]; ok {
			rr.Severity = s
		}
		if disabled[r.ID] || rr.Severity == Off {
			continue
		}
		ctx := &Context{Root: root, Version: version, rule: &rr, out: &out, ignored: t.ignored}
		rr.Check(ctx)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.RuleID < b.RuleID
	})
	return dedupe(out), nil
}

func dedupe(fs []Finding) []Finding {
	var out []Finding
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// ignored reports whether an x-lint-ignore on n or on one of its ancestors
// in the same file suppresses rule id. The value is true (every rule) or a
// list of rule ids.
func (t *tree) ignored(n *Node, id string) bool {
	root := t.files[n.File]
	if root == nil {
		return false
	}
	cur := root
	if ignores(cur, id) {
		return true
	}
	for _, tok := range splitPointer(n.Pointer) {
		var next *yaml.Node
		switch cur.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(cur.Content); i += 2 {
				if cur.Content[i].Value == tok {
					next = cur.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			var i int
			if _, err := fmt.Sscanf(tok, "%d", &i); err == nil && i >= 0 && i < len(cur.Content) {
				next = cur.Content[i]
			}
		}
		if next == nil {
			return false
		}
		cur = next
		if ignores(cur, id) {
			return true
		}
	}
	return false
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
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}
