package findings

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Format is an output format of Write.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	SARIF  Format = "sarif"
	JUnit  Format = "junit"
	GitHub Format = "github"
)

// Formats lists every format Write accepts, in the order help texts show them.
var Formats = []Format{Text, JSON, SARIF, JUnit, GitHub}

// FormatNames is Formats joined for flag help: "text|json|sarif|junit|github".
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, "|")
}

// ParseFormat reads a format name; "" is Text.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return Text, nil
	}
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, strings.Join(strings.Split(FormatNames(), "|"), ", "))
}

// Write prints the report in format f. Machine formats (json, sarif, junit)
// always produce one complete, valid document, also when there is nothing
// to report.
func Write(w io.Writer, f Format, r Report) error {
	switch f {
	case Text, "":
		return writeText(w, r)
	case JSON:
		return writeJSON(w, r)
	case SARIF:
		return writeSARIF(w, r)
	case JUnit:
		return writeJUnit(w, r)
	case GitHub:
		return writeGitHub(w, r)
	}
	_, err := ParseFormat(string(f))
	return err
}

// writeText prints one line per finding, its detail indented beneath, and a
// closing count.
func writeText(w io.Writer, r Report) error {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
		if f.Subject != "" && f.Position.File != "" {
			fmt.Fprintf(&b, "    in %s\n", f.Subject)
		}
		if f.Detail != "" {
			for _, line := range strings.Split(strings.TrimRight(f.Detail, "\n"), "\n") {
				b.WriteString("    ")
				b.WriteString(line)
				b.WriteByte('\n')
			}
		}
		if f.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", oneLine(f.Hint))
		}
	}
	if len(r.Findings) > 0 || r.Summary != "" {
		if r.Summary != "" {
			b.WriteString(r.Summary)
			b.WriteString(": ")
		}
		fmt.Fprintf(&b, "%s, %s, %s\n", plural(r.Count(Error), "error"), plural(r.Count(Warning), "warning"), plural(r.Count(Info), "note"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

type jsonReport struct {
	Report
	Counts struct {
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Info     int `json:"info"`
	} `json:"counts"`
}

func writeJSON(w io.Writer, r Report) error {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	out := jsonReport{Report: r}
	out.Counts.Errors, out.Counts.Warnings, out.Counts.Info = r.Count(Error), r.Count(Warning), r.Count(Info)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeGitHub prints workflow commands, which GitHub Actions shows as
// annotations on the file and line.
func writeGitHub(w io.Writer, r Report) error {
	var b strings.Builder
	for _, f := range r.Findings {
		level := "error"
		switch f.Severity {
		case Warning:
			level = "warning"
		case Info:
			level = "notice"
		}
		b.WriteString("::" + level)
		var props []string
		if f.File != "" {
			props = append(props, "file="+ghProp(uriOf(f.File)))
			if f.Line > 0 {
				props = append(props, "line="+strconv.Itoa(f.Line))
			}
			if f.Col > 0 {
				props = append(props, "col="+strconv.Itoa(f.Col))
			}
		}
		if f.ID != "" {
			props = append(props, "title="+ghProp(f.ID))
		}
		if len(props) > 0 {
			b.WriteString(" " + strings.Join(props, ","))
		}
		msg := f.Message
		if f.Subject != "" {
			msg = f.Subject + ": " + msg
		}
		if f.Pointer != "" {
			msg = f.Pointer + ": " + msg
		}
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		b.WriteString("::" + ghData(msg) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// uriOf makes a file name a URI with forward slashes, relative to the
// working folder where it lies inside it, as code scanning and GitHub
// annotations expect of files in the repository.
func uriOf(file string) string {
	file = filepath.Clean(file)
	if filepath.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				file = rel
			}
		}
	}
	return filepath.ToSlash(file)
}

// SARIF 2.1.0, the subset code-scanning reads: one run, the rule table,
// one result per finding.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifMessage   `json:"shortDescription"`
	Help                 *sarifMessage  `json:"help,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "error"
}

// writeSARIF writes a SARIF 2.1.0 log. Every finding's rule is in the rule
// table: the report's rules first, then, in order of first use, ids that
// only findings name.
func writeSARIF(w io.Writer, r Report) error {
	d := sarifDriver{Name: r.Tool, Version: r.Version, InformationURI: "https://github.com/contractfirst/toolkit", Rules: []sarifRule{}}
	if d.Name == "" {
		d.Name = "toolkit"
	}
	index := map[string]int{}
	addRule := func(rule Rule) {
		if _, ok := index[rule.ID]; ok {
			return
		}
		index[rule.ID] = len(d.Rules)
		sr := sarifRule{ID: rule.ID, ShortDescription: sarifMessage{rule.Description}, DefaultConfiguration: sarifConfig{sarifLevel(rule.Severity)}}
		if sr.ShortDescription.Text == "" {
			sr.ShortDescription.Text = rule.ID
		}
		if rule.Hint != "" {
			sr.Help = &sarifMessage{rule.Hint}
		}
		if rule.Category != "" || len(rule.Aliases) > 0 {
			sr.Properties = map[string]any{}
			if rule.Category != "" {
				sr.Properties["category"] = rule.Category
			}
			if len(rule.Aliases) > 0 {
				sr.Properties["aliases"] = rule.Aliases
			}
		}
		d.Rules = append(d.Rules, sr)
	}
	for _, rule := range r.Rules {
		addRule(rule)
	}
	results := []sarifResult{}
	for _, f := range r.Findings {
		id := f.ID
		if id == "" {
			id = "toolkit"
		}
		addRule(Rule{ID: id, Severity: f.Severity})
		msg := f.Message
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		res := sarifResult{RuleID: id, RuleIndex: index[id], Level: sarifLevel(f.Severity), Message: sarifMessage{oneLine(msg)}}
		var loc sarifLocation
		if f.File != "" {
			loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{uriOf(f.File)}}
			if f.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Col}
			}
		}
		if f.Pointer != "" {
			loc.LogicalLocations = append(loc.LogicalLocations, sarifLogical{FullyQualifiedName: f.Pointer, Kind: "element"})
		}
		if f.Subject != "" {
			loc.LogicalLocations = append(loc.LogicalLocations, sarifLogical{FullyQualifiedName: f.Subject, Kind: "function"})
		}
		if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
			res.Locations = []sarifLocation{loc}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: d}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// JUnit XML, as Jenkins, GitLab and the test-report actions read it.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
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
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	// SystemOut lists the warnings and notes of a test that passed, so
	// they stay visible in CI's test view.
	SystemOut string `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// junitTests returns the report's tests, or, when it has none, one per rule
// (passed when no finding names it) and one per id that only findings use.
// Only errors fail a derived test; warnings and notes are listed in its text
// and pass.
func junitTests(r Report) []Test {
	if r.Tests != nil {
		return r.Tests
	}
	byID := map[string][]Finding{}
	var order []string
	for _, rule := range r.Rules {
		if _, ok := byID[rule.ID]; !ok {
			order = append(order, rule.ID)
			byID[rule.ID] = nil
		}
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.ID]; !ok {
			order = append(order, f.ID)
		}
		byID[f.ID] = append(byID[f.ID], f)
	}
	tests := make([]Test, 0, len(order))
	for _, id := range order {
		t := Test{Suite: r.Tool, Name: id, Findings: byID[id]}
		for _, f := range t.Findings {
			if f.Severity == Error {
				t.Status = Failed
			}
		}
		tests = append(tests, t)
	}
	return tests
}

func writeJUnit(w io.Writer, r Report) error {
	name := r.Tool
	if name == "" {
		name = "toolkit"
	}
	all := junitSuites{Name: name, Time: seconds(r.Time)}
	suites := map[string]int{}
	for _, t := range junitTests(r) {
		suite := t.Suite
		if suite == "" {
			suite = name
		}
		i, ok := suites[suite]
		if !ok {
			i = len(all.Suites)
			suites[suite] = i
			all.Suites = append(all.Suites, junitSuite{Name: suite, Time: seconds(0)})
		}
		s := &all.Suites[i]
		c := junitCase{Name: t.Name, Classname: suite, Time: seconds(t.Time)}
		switch t.Status {
		case Failed:
			msg := t.Message
			if msg == "" && len(t.Findings) > 0 {
				msg = oneLine(t.Findings[0].Message)
			}
			typ := t.Name
			if len(t.Findings) > 0 && t.Findings[0].ID != "" {
				typ = t.Findings[0].ID
			}
			c.Failure = &junitFailure{Message: msg, Type: typ, Text: findingsText(t.Findings)}
			s.Failures++
			all.Failures++
		case Skipped:
			c.Skipped = &junitSkipped{Message: t.Message}
			s.Skipped++
			all.Skipped++
		default:
			c.SystemOut = findingsText(t.Findings)
		}
		s.Tests++
		all.Tests++
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// findingsText renders findings for a JUnit failure's body.
func findingsText(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String())
		b.WriteByte('\n')
		if f.Detail != "" {
			b.WriteString(strings.TrimRight(f.Detail, "\n"))
			b.WriteByte('\n')
		}
		if f.Hint != "" {
			b.WriteString("hint: " + f.Hint + "\n")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

// Sort orders findings by file, line, column, then id and message: the
// order of reading the contract. Findings without a file come last, in
// their given order.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File == "" || b.File == "" {
			return a.File != "" && b.File == ""
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Message < b.Message
	})
}
