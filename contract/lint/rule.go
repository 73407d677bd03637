package lint

import (
	"sort"

	"github.com/contractfirst/toolkit/findings"
)

// Severity of a rule as configured. Error findings fail `toolkit lint`;
// Off turns a rule off.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	Off     Severity = "off"
)

// level maps a configured severity onto the findings model's.
func (s Severity) level() findings.Severity {
	switch s {
	case Warning:
		return findings.Warning
	case Info:
		return findings.Info
	}
	return findings.Error
}

// Rule is one named check. Its metadata feeds `toolkit lint --list`, the
// SARIF rule table and the configuration, so each rule is declared once.
type Rule struct {
	ID          string   // e.g. OPERATION_ID_UNIQUE
	Category    string   // e.g. OPERATIONS
	Severity    Severity // default severity
	Description string   // one sentence: what the rule asks for and why
	Hint        string   // how a finding is usually fixed
	// Aliases are other linters' ids for the same check (Spectral's
	// "operation-tags", ServiceComb's "servicecomb:...").
	Aliases []string
	// Sets names the rule sets besides "all" that include the rule:
	// "recommended" (the default) and "servicecomb".
	Sets []string
	// Style is the casing style of a casing rule (see Casing); the
	// casing: setting of toolkit.yaml changes it.
	Style string
	Check func(*Context)
}

// Meta returns the rule's description in the findings model.
func (r *Rule) Meta() findings.Rule {
	return findings.Rule{ID: r.ID, Category: r.Category, Severity: r.Severity.level(), Description: r.Description, Hint: r.Hint, Aliases: r.Aliases}
}

// Context is what a rule's Check sees: the root of the contract's raw tree,
// its declared version and a way to report.
type Context struct {
	Root    *Node
	Version string // value of "openapi" (or "swagger")
	rule    *Rule
	out     *[]findings.Finding
	ignored func(n *Node, id string) bool
}

// OAS2 reports whether the contract is a Swagger 2.0 document.
func (c *Context) OAS2() bool { return c.Root.Has("swagger") }

// Report records a finding of the running rule at n.
func (c *Context) Report(n *Node, msg string) {
	if n == nil {
		n = c.Root
	}
	if c.ignored(n, c.rule.ID) {
		return
	}
	p := n.Pos()
	*c.out = append(*c.out, findings.Finding{ID: c.rule.ID, Severity: c.rule.Severity.level(), Message: msg,
		Position: findings.Position{File: p.File, Line: p.Line, Col: p.Col}, Pointer: n.Pointer, Hint: c.rule.Hint})
}

var registry []*Rule

func register(r ...*Rule) { registry = append(registry, r...) }

// Rules returns every rule, sorted by id.
func Rules() []*Rule {
	out := append([]*Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Metas returns the findings-model description of rules.
func Metas(rules []*Rule) []findings.Rule {
	out := make([]findings.Rule, len(rules))
	for i, r := range rules {
		out[i] = r.Meta()
	}
	return out
}
