package lint

import (
	"sort"
)

// Severity of a finding. Error findings fail `toolkit lint`.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	Off     Severity = "off"
)

// Rule is one named check. Its metadata feeds `toolkit lint --list`, the
// SARIF rule table and the configuration, so each rule is declared once.
type Rule struct {
	ID       string   // e.g. OPERATION_ID_UNIQUE
	Category string   // e.g. OPERATIONS
	Severity Severity // default severity
	Purpose  string   // one sentence: what the rule asks for and why
	Check    func(*Context)
}

// Finding is one rule violation at a node.
type Finding struct {
	RuleID   string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Pointer  string   `json:"pointer"`
}

// Context is what a rule's Check sees: the root of the contract's raw tree,
// its declared version and a way to report.
type Context struct {
	Root    *Node
	Version string // value of "openapi" (or "swagger")
	rule    *Rule
	out     *[]Finding
	ignored func(n *Node, id string) bool
}

// Report records a finding of the running rule at n.
func (c *Context) Report(n *Node, msg string) {
	if n == nil {
		n = c.Root
	}
	if c.ignored(n, c.rule.ID) {
		return
	}
	p := n.Pos()
	*c.out = append(*c.out, Finding{RuleID: c.rule.ID, Severity: c.rule.Severity, Message: msg, File: p.File, Line: p.Line, Col: p.Col, Pointer: n.Pointer})
}

var registry []*Rule

func register(r ...*Rule) { registry = append(registry, r...) }

// Rules returns every rule, sorted by id.
func Rules() []*Rule {
	out := append([]*Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
