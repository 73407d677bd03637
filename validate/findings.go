package validate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
)

// Rules describes every check for the findings printers (SARIF lists
// them).
func Rules() []findings.Rule {
	purpose := map[string]string{
		CheckNotServerError:  "no answer is a 5xx or a dropped connection",
		CheckStatusDeclared:  "every status is declared by the operation (or its range or default)",
		CheckContentType:     "the Content-Type is one the response declares",
		CheckResponseSchema:  "the body validates against the response's schema",
		CheckResponseHeaders: "required response headers are present and valid",
		CheckRejectsInvalid:  "a request the contract makes invalid gets a 4xx",
		CheckTimeout:         "an answer comes within --timeout",
	}
	for _, u := range checkUnits {
		purpose[u.ID] = u.Purpose
	}
	rules := make([]findings.Rule, len(Checks))
	for i, id := range Checks {
		rules[i] = findings.Rule{ID: id, Category: "validate", Severity: findings.Error, Description: purpose[id]}
	}
	return rules
}

// Document turns the report into the shared findings model, for the
// SARIF, JUnit and GitHub printers: each finding located at the
// contract's operation (or the response its status selects), one test
// per operation × check that ran, and never a pass for an operation
// that was not reached (its positive-data-acceptance test fails, or is
// skipped when --read-only left it out).
func (r *Report) Document(doc *contract.Document) findings.Report {
	out := findings.Report{Tool: "toolkit validate", Rules: Rules(), Time: time.Duration(r.Duration), Findings: []findings.Finding{}, Tests: []findings.Test{}}
	for _, op := range r.Operations {
		suite := op.Method + " " + op.Path
		for _, check := range Checks {
			fs, ran := op.Checks[check]
			if !ran && (op.Cases == 0 || isUnit(check)) {
				continue // never list as passed what did not run
			}
			t := findings.Test{Suite: suite, Name: op.ID + " " + check}
			for _, f := range fs {
				ff := r.finding(doc, op, f)
				out.Findings = append(out.Findings, ff)
				t.Findings = append(t.Findings, ff)
				t.Status = findings.Failed
			}
			out.Tests = append(out.Tests, t)
		}
	}
	for _, op := range r.Skipped {
		out.Tests = append(out.Tests, findings.Test{Suite: op.Method + " " + op.Path, Name: op.ID + " " + CheckPositiveData, Status: findings.Skipped, Message: "left out by --read-only: not reached"})
	}
	out.Summary = fmt.Sprintf("%d operations, %d requests; coverage: %s", len(r.Operations), r.Requests, r.coverageLine())
	return out
}

// finding converts one validate finding.
func (r *Report) finding(doc *contract.Document, op *OperationResult, f *Finding) findings.Finding {
	ptr := "/paths/" + contract.EscapePointerToken(op.Path) + "/" + strings.ToLower(op.Method)
	if f.Status != 0 {
		ptr += "/responses/" + strconv.Itoa(f.Status)
	}
	detail := "case: " + f.Case
	if f.Count > 0 {
		detail += fmt.Sprintf(" (and %d more like it)", f.Count)
	}
	if f.Pointer != "" {
		detail += "\nat: " + f.Pointer
	}
	if f.Curl != "" {
		detail += "\n" + f.Curl
	}
	if f.FoundAs != "" {
		detail += "\nfound as: " + f.FoundAs
	}
	ff := findings.Finding{ID: f.Check, Severity: findings.Error, Message: f.Message, Subject: fmt.Sprintf("%s %s (%s)", op.Method, op.Path, op.ID), Detail: detail}
	if doc != nil {
		p := doc.Position(doc.Path, ptr)
		ff.Position = findings.Position{File: p.File, Line: p.Line, Col: p.Col}
	}
	return ff
}

// coverageLine counts operations per Reach: "2xx 4, only 4xx/5xx 1, …".
func (r *Report) coverageLine() string {
	n := map[Reach]int{}
	for _, op := range r.Operations {
		n[op.Coverage.Reach]++
	}
	var s []string
	for _, reach := range reaches {
		s = append(s, fmt.Sprintf("%s %d", reach, n[reach]))
	}
	if len(r.Skipped) > 0 {
		s = append(s, fmt.Sprintf("left out %d", len(r.Skipped)))
	}
	return strings.Join(s, ", ")
}
