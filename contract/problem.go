package contract

import (
	"strings"

	"github.com/contractfirst/toolkit/findings"
)

// Severity ranks a Problem.
type Severity int

const (
	// SeverityError makes a faithful result impossible: nothing is generated.
	SeverityError Severity = iota
	// SeverityWarning is reported with its position; generation goes on
	// (unless the caller asks for strictness).
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Position is a place in a contract file. Line and Col are 1-based; zero
// means unknown. It is the findings model's position, so a problem becomes
// a finding without conversion.
type Position = findings.Position

// Problem is one thing wrong with a contract, at a position.
type Problem struct {
	Pos      Position
	Pointer  string // JSON pointer inside Pos.File, e.g. "/paths/~1pets/get"
	Severity Severity
	Message  string
}

// String renders the problem as "file:line:col: /json/pointer: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Pointer != "" {
		b.WriteString(p.Pointer)
		b.WriteString(": ")
	}
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Error is returned when a contract has problems at error severity. It holds
// every problem found, errors first, each on its own line when printed.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

var _ error = (*Error)(nil)

// EscapePointerToken escapes one JSON pointer reference token (RFC 6901).
func EscapePointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Pointer joins tokens into a JSON pointer, escaping each.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapePointerToken(t))
	}
	return b.String()
}
