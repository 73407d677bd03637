package validate

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the human summary: per operation, each failed check
// with its findings, the request as curl, and a total.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	failedOps := 0
	for _, op := range r.Operations {
		n := 0
		for _, fs := range op.Checks {
			n += len(fs)
		}
		mark := "ok  "
		if n > 0 {
			mark = "FAIL"
			failedOps++
		}
		fmt.Fprintf(&b, "%s %s %s (%s): %d requests\n", mark, op.Method, op.Path, op.ID, op.Cases)
		for _, check := range Checks {
			for _, f := range op.Checks[check] {
				fmt.Fprintf(&b, "     %s: %s\n", check, f.Message)
				if f.Pointer != "" {
					fmt.Fprintf(&b, "       at %s\n", f.Pointer)
				}
				fmt.Fprintf(&b, "       case: %s", f.Case)
				if f.Count > 0 {
					fmt.Fprintf(&b, " (and %d more like it)", f.Count)
				}
				fmt.Fprintf(&b, "\n       %s\n", f.Curl)
			}
		}
	}
	r.writeCoverage(&b)
	fmt.Fprintf(&b, "\n%d operations, %d requests, %d findings in %d operations (%ss, seed %d)\n",
		len(r.Operations), r.Requests, r.Findings(), failedOps, formatSeconds(durationOf(r.Duration)), r.Seed)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCoverage ends the text report with how far the run got: how
// many operations were reached with a 2xx, answered only 4xx/5xx, only
// 401/403, or not reached at all, naming the ones short of a 2xx.
func (r *Report) writeCoverage(b *strings.Builder) {
	byReach := map[Reach][]*OperationResult{}
	for _, op := range r.Operations {
		byReach[op.Coverage.Reach] = append(byReach[op.Coverage.Reach], op)
	}
	fmt.Fprintf(b, "\ncoverage (valid requests):\n")
	for _, reach := range reaches {
		fmt.Fprintf(b, "  %-13s %d\n", reach, len(byReach[reach]))
		if reach == Reached {
			continue
		}
		for _, op := range byReach[reach] {
			fmt.Fprintf(b, "    %s %s (%s)\n", op.Method, op.Path, op.ID)
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(b, "  %-13s %d\n", "left out", len(r.Skipped))
		for _, op := range r.Skipped {
			fmt.Fprintf(b, "    %s %s (%s): --read-only\n", op.Method, op.Path, op.ID)
		}
	}
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// JUnit XML: one suite per run, one test case per operation × check, so
// CI dashboards show which rule broke where.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML.
func (r *Report) WriteJUnit(w io.Writer) error {
	s := junitSuite{Name: "toolkit validate " + r.Contract, Time: formatSeconds(durationOf(r.Duration))}
	for _, op := range r.Operations {
		for _, check := range Checks {
			fs, ran := op.Checks[check]
			if !ran && (op.Cases == 0 || isUnit(check)) {
				continue // never list as passed what did not run
			}
			c := junitCase{Name: op.ID + " " + check, Classname: op.Method + " " + op.Path}
			if len(fs) > 0 {
				var text strings.Builder
				for _, f := range fs {
					fmt.Fprintf(&text, "%s\ncase: %s\n", f.Message, f.Case)
					if f.Pointer != "" {
						fmt.Fprintf(&text, "at: %s\n", f.Pointer)
					}
					fmt.Fprintf(&text, "%s\n\n", f.Curl)
				}
				c.Failure = &junitFailure{Message: fs[0].Message, Type: check, Text: text.String()}
				s.Failures++
			}
			s.Tests++
			s.Cases = append(s.Cases, c)
		}
	}
	for _, op := range r.Skipped {
		s.Tests++
		s.Skipped++
		s.Cases = append(s.Cases, junitCase{Name: op.ID + " " + CheckPositiveData, Classname: op.Method + " " + op.Path, Skipped: &junitSkipped{Message: "left out by --read-only: not reached"}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{s}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func durationOf(d Duration) time.Duration { return time.Duration(d) }
