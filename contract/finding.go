package contract

import "github.com/contractfirst/toolkit/findings"

// Finding converts the problem into the findings model every command prints
// through. Loader problems share the id "contract" until they carry a kind
// of their own.
func (p Problem) Finding() findings.Finding {
	sev := findings.Error
	if p.Severity == SeverityWarning {
		sev = findings.Warning
	}
	return findings.Finding{
		ID:       "contract",
		Severity: sev,
		Message:  p.Message,
		Position: p.Pos,
		Pointer:  p.Pointer,
	}
}
