package diff

import (
	"fmt"
	"sort"

	"github.com/oasdiff/oasdiff/checker"

	"github.com/contractfirst/toolkit/findings"
)

// Ids of the findings about the generated Go API.
const (
	GoRemovedID     = "go-identifier-removed"
	GoTypeChangedID = "go-type-changed"
	GoAddedID       = "go-identifier-added"
)

// goRules describe the Go API findings.
var goRules = map[string]findings.Rule{
	GoRemovedID:     {ID: GoRemovedID, Category: "go api", Severity: findings.Warning, Description: "A Go identifier the generated package had (type, field, method, request field, response) is gone: code using it stops compiling after regenerating.", Hint: "keep the operationId, schema or property name, or tell Go users before they regenerate"},
	GoTypeChangedID: {ID: GoTypeChangedID, Category: "go api", Severity: findings.Warning, Description: "A generated Go field or parameter keeps its name but changes Go type, which breaks code using it even where the wire format stays compatible.", Hint: "keep the schema's type and format, or tell Go users before they regenerate"},
	GoAddedID:       {ID: GoAddedID, Category: "go api", Severity: findings.Info, Description: "A Go identifier is new in the generated package."},
}

// Report is the changes and the Go identifier changes as findings, for
// findings.Write: a breaking change is an error, a warning a warning, an
// info a note; a Go-breaking identifier change is a warning (it fails the
// run with --fail-on go-breaking), an added identifier a note. Rules list
// oasdiff's description of every check that fired, and the Go rules.
func Report(cs []Change, ids []IdentChange) findings.Report {
	r := findings.Report{Tool: "toolkit diff", Findings: []findings.Finding{}}
	fired := map[string]Level{}
	for _, c := range cs {
		f := findings.Finding{
			ID:       c.ID,
			Severity: severity(c.Level),
			Message:  c.Message,
			Position: findings.Position{File: c.File, Line: c.Line, Col: c.Col},
			Pointer:  c.Pointer,
		}
		// The pointer names the operation already; the operation is said
		// in words only where there is no pointer.
		if c.Pointer == "" {
			f.Subject = c.Operation
		}
		r.Findings = append(r.Findings, f)
		if _, ok := fired[c.ID]; !ok || rank(c.Level) < rank(fired[c.ID]) {
			fired[c.ID] = c.Level
		}
	}
	goFired := map[string]bool{}
	for _, id := range ids {
		f := findings.Finding{Detail: "from " + id.From}
		switch {
		case id.Added:
			f.ID, f.Severity = GoAddedID, findings.Info
			f.Message = fmt.Sprintf("Go %s %s added", id.Kind, id.Name)
		case id.Changed():
			f.ID, f.Severity = GoTypeChangedID, findings.Warning
			f.Message = fmt.Sprintf("Go %s %s changes type from %s to %s (go-breaking)", id.Kind, id.Name, id.OldType, id.NewType)
		default:
			f.ID, f.Severity = GoRemovedID, findings.Warning
			f.Message = fmt.Sprintf("Go %s %s removed (go-breaking)", id.Kind, id.Name)
		}
		r.Findings = append(r.Findings, f)
		goFired[f.ID] = true
	}
	r.Rules = rules(fired, goFired)
	n := Count(cs)
	r.Summary = fmt.Sprintf("%d breaking, %d warning, %d info; %d go-breaking", n[Breaking], n[Warning], n[Info], GoBreakingCount(ids))
	return r
}

// rules describes the checks that fired, sorted by id.
func rules(fired map[string]Level, goFired map[string]bool) []findings.Rule {
	desc := map[string]string{}
	if len(fired) > 0 {
		loc := checker.NewDefaultLocalizer()
		for _, r := range checker.GetAllRules() {
			if _, ok := fired[r.Id]; ok {
				desc[r.Id] = loc(r.Description)
			}
		}
	}
	var out []findings.Rule
	for id, l := range fired {
		d := desc[id]
		if d == "" {
			d = "oasdiff check " + id + "."
		}
		out = append(out, findings.Rule{ID: id, Category: "breaking change", Severity: severity(l), Description: d})
	}
	for id := range goFired {
		out = append(out, goRules[id])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// severity maps a change's level to a finding's severity.
func severity(l Level) findings.Severity {
	switch l {
	case Breaking:
		return findings.Error
	case Warning, GoBreaking:
		return findings.Warning
	}
	return findings.Info
}
