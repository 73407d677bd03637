// Package findings is the one model of what toolkit's commands report —
// contract problems, lint findings, breaking changes, validation failures,
// drift between a contract and traffic — and the one set of printers for it
// (text, JSON, SARIF 2.1.0, JUnit XML, GitHub workflow annotations).
//
// A command builds a Report of plain Finding values and hands it to Write
// with the format the user asked for; no command writes its own printer, so
// every command speaks every format the same way.
package findings

import (
	"fmt"
	"strings"
	"time"
)

// Severity ranks a Finding. Its zero value is Error, so a finding built
// without one is never quietly downgraded.
type Severity int

const (
	// Error fails the run (exit 1 for findings, 2 where the input is unusable).
	Error Severity = iota
	// Warning is shown with its position and does not fail the run unless
	// the user asks for strictness.
	Warning
	// Info is a note: shown, never failing.
	Info
)

var severityNames = [...]string{Error: "error", Warning: "warning", Info: "info"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "error", "warning" (or "warn") and "info" (or "note",
// "hint").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note", "hint", "information":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText writes the severity's name, so JSON shows "warning", not 1.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Position is a place in a file. Line and Col are 1-based; zero means
// unknown (a finding about a running service may have no file at all).
type Position struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String renders "file:line:col", dropping the parts that are unknown.
func (p Position) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Finding is one thing a command reports.
type Finding struct {
	// ID names the rule, check or kind of problem ("operation-tags",
	// "response-schema", "contract.cyclic-allof"); stable across releases,
	// so users can filter and silence by it.
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Message says what is wrong, on one line.
	Message string `json:"message"`
	// Position locates the finding in the contract (or another input file);
	// its fields appear flat in JSON.
	Position
	// Pointer is the JSON pointer of the node inside Position.File (or of
	// the offending value inside a response body).
	Pointer string `json:"pointer,omitempty"`
	// Hint says how to fix it, when there is something useful to say.
	Hint string `json:"hint,omitempty"`
	// Subject is what the finding is about when that is not a place in a
	// file, e.g. the operation "GET /pets/{id} (getPet)".
	Subject string `json:"subject,omitempty"`
	// Detail holds further lines: the request as curl, expected against got,
	// the case that found it. Printers indent it under the message.
	Detail string `json:"detail,omitempty"`
}

// String renders the finding as one line:
// "file:line:col: /pointer: severity: message [id]". Parts that are unknown
// are left out.
func (f Finding) String() string {
	var b strings.Builder
	if p := f.Position.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if f.Pointer != "" {
		b.WriteString(f.Pointer)
		b.WriteString(": ")
	}
	if f.Subject != "" && f.Position.File == "" {
		b.WriteString(f.Subject)
		b.WriteString(": ")
	}
	b.WriteString(f.Severity.String())
	b.WriteString(": ")
	b.WriteString(oneLine(f.Message))
	if f.ID != "" {
		b.WriteString(" [")
		b.WriteString(f.ID)
		b.WriteString("]")
	}
	return b.String()
}

// Rule describes a kind of finding: a lint rule, a validate check, a class
// of breaking change. SARIF lists them; JUnit makes one test case per rule
// when a report carries no Tests of its own.
type Rule struct {
	ID       string   `json:"id"`
	Category string   `json:"category,omitempty"`
	Severity Severity `json:"severity"`
	// Description says what the rule checks, in one sentence.
	Description string `json:"description"`
	// Hint says how findings of the rule are usually fixed.
	Hint string `json:"hint,omitempty"`
	// Aliases are other tools' names for the same rule (Spectral's ids,
	// Schemathesis's check names), so users can map their configuration.
	Aliases []string `json:"aliases,omitempty"`
}

// Status is the outcome of one Test.
type Status int

const (
	Passed Status = iota
	Failed
	// Skipped is a test that did not run or could not be judged; it is never
	// shown as a pass.
	Skipped
)

var statusNames = [...]string{Passed: "passed", Failed: "failed", Skipped: "skipped"}

func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Test is one JUnit test case: for validate, one operation × check. A Failed
// test carries the findings that failed it; a Skipped one says why in
// Message.
type Test struct {
	// Suite groups tests (JUnit's classname), e.g. "GET /pets".
	Suite string `json:"suite"`
	// Name is the test's own name, e.g. "listPets response-schema".
	Name     string        `json:"name"`
	Status   Status        `json:"status"`
	Message  string        `json:"message,omitempty"`
	Findings []Finding     `json:"findings,omitempty"`
	Time     time.Duration `json:"-"`
}

// Report is everything one run of a command reports.
type Report struct {
	// Tool names the command, e.g. "toolkit lint".
	Tool string `json:"tool"`
	// Version is toolkit's version, when known.
	Version string `json:"version,omitempty"`
	// Rules describes the rules or checks the run applied.
	Rules []Rule `json:"rules,omitempty"`
	// Findings in the order the command wants them shown.
	Findings []Finding `json:"findings"`
	// Tests are the run's test cases, for commands whose unit of work is a
	// test that can also pass (validate). Nil: JUnit derives one test per
	// rule from Rules and Findings.
	Tests []Test `json:"tests,omitempty"`
	// Summary is a closing line for the text format ("12 operations, 340
	// requests"); the counts of findings are added by the printer.
	Summary string `json:"summary,omitempty"`
	// Time is how long the run took (JUnit's time attribute).
	Time time.Duration `json:"-"`
	// Details is the command's own account of the run beside its findings,
	// printed by the JSON format only (validate: every operation with the
	// checks run, coverage and statuses), so every command's JSON has the
	// same shape and a pipeline reads findings the same way everywhere.
	Details any `json:"details,omitempty"`
}

// Count returns how many findings have severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Fails reports whether any finding is at least as severe as threshold
// (Error < Warning < Info in severity order: Fails(Warning) is true for
// errors and warnings).
func (r *Report) Fails(threshold Severity) bool {
	for _, f := range r.Findings {
		if f.Severity <= threshold {
			return true
		}
	}
	return false
}

// oneLine folds a message onto one line, so a finding never spans lines in
// text output or breaks a line-based format.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)), " ")
}
