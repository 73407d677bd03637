package findings

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sample is a report with a located error, a warning with a hint and
// detail, a finding with no file (a service's answer), and a rule no finding
// names.
func sample() Report {
	return Report{
		Tool:    "toolkit test",
		Version: "v0.0.0-test",
		Rules: []Rule{
			{ID: "operation-tags", Category: "operations", Severity: Warning, Description: "Every operation has a tag.", Hint: "add tags", Aliases: []string{"operation-tags"}},
			{ID: "never-fires", Severity: Error, Description: "A rule with no findings."},
		},
		Findings: []Finding{
			{ID: "contract.ref", Severity: Error, Message: "no such schema\n  (second line)", Position: Position{File: "api/openapi.yaml", Line: 12, Col: 7}, Pointer: "/paths/~1pets/get"},
			{ID: "operation-tags", Severity: Warning, Message: "operation has no tags", Position: Position{File: "api/openapi.yaml", Line: 30, Col: 5}, Pointer: "/paths/~1pets/post", Hint: "add tags: [pets]", Detail: "line one\nline two"},
			{ID: "response-schema", Severity: Error, Message: "expected integer, got string", Pointer: "/id", Subject: "GET /pets/{id} (getPet)", Detail: "curl -sS http://127.0.0.1/pets/1"},
		},
		Summary: "2 files",
		Time:    1500 * time.Millisecond,
	}
}

func write(t *testing.T, f Format, r Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, r); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return b.String()
}

func TestText(t *testing.T) {
	got := write(t, Text, sample())
	want := `api/openapi.yaml:12:7: /paths/~1pets/get: error: no such schema (second line) [contract.ref]
api/openapi.yaml:30:5: /paths/~1pets/post: warning: operation has no tags [operation-tags]
    line one
    line two
    hint: add tags: [pets]
/id: GET /pets/{id} (getPet): error: expected integer, got string [response-schema]
    curl -sS http://127.0.0.1/pets/1
2 files: 2 errors, 1 warning, 0 notes
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if got := write(t, Text, Report{Tool: "x"}); got != "" {
		t.Errorf("empty report printed %q, want nothing", got)
	}
}

func TestJSON(t *testing.T) {
	var got struct {
		Tool     string
		Findings []map[string]any
		Counts   map[string]int
	}
	if err := json.Unmarshal([]byte(write(t, JSON, sample())), &got); err != nil {
		t.Fatal(err)
	}
	if got.Counts["errors"] != 2 || got.Counts["warnings"] != 1 || len(got.Findings) != 3 {
		t.Fatalf("counts %v, %d findings", got.Counts, len(got.Findings))
	}
	f := got.Findings[0]
	if f["file"] != "api/openapi.yaml" || f["line"] != 12.0 || f["col"] != 7.0 || f["severity"] != "error" || f["id"] != "contract.ref" {
		t.Errorf("first finding %v: position, severity and id must be flat fields", f)
	}
	// An empty report is still a document with an empty list, never null.
	if s := write(t, JSON, Report{Tool: "x"}); !strings.Contains(s, `"findings": []`) {
		t.Errorf("empty report: %s", s)
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	f, err := os.Open("../testdata/lint/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]Report{"sample": sample(), "empty": {Tool: "toolkit lint"}} {
		out := write(t, SARIF, r)
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: SARIF does not validate: %v\n%s", name, err, out)
		}
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(write(t, SARIF, sample())), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	// The report's rules first, then ids only findings name.
	if diff := cmp.Diff([]string{"operation-tags", "never-fires", "contract.ref", "response-schema"}, ids); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
	}
	if loc := run.Results[0].Locations[0].PhysicalLocation; loc.ArtifactLocation.URI != "api/openapi.yaml" || loc.Region.StartLine != 12 || loc.Region.StartColumn != 7 {
		t.Errorf("first location %+v", loc)
	}
	if loc := run.Results[2].Locations[0]; loc.PhysicalLocation != nil || len(loc.LogicalLocations) != 2 {
		t.Errorf("a finding without a file must have only logical locations, got %+v", loc)
	}
}

func TestJUnit(t *testing.T) {
	var suites junitSuites
	if err := xml.Unmarshal([]byte(write(t, JUnit, sample())), &suites); err != nil {
		t.Fatal(err)
	}
	// Derived tests: one per rule, then per id only findings name. Only
	// errors fail.
	type tc struct {
		Name    string
		Failed  bool
		Skipped bool
	}
	var got []tc
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			got = append(got, tc{c.Name, c.Failure != nil, c.Skipped != nil})
		}
	}
	want := []tc{{"operation-tags", false, false}, {"never-fires", false, false}, {"contract.ref", true, false}, {"response-schema", true, false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("test cases (-want +got):\n%s", diff)
	}
	if suites.Tests != 4 || suites.Failures != 2 {
		t.Errorf("totals: %d tests, %d failures", suites.Tests, suites.Failures)
	}

	// Explicit tests: a skipped one stays skipped, never a pass.
	r := Report{Tool: "toolkit validate", Tests: []Test{
		{Suite: "GET /pets", Name: "listPets response-schema", Status: Passed},
		{Suite: "GET /pets", Name: "listPets positive-data-acceptance", Status: Failed, Findings: []Finding{{ID: "positive-data-acceptance", Message: "no 2xx"}}},
		{Suite: "DELETE /pets/{id}", Name: "deletePet", Status: Skipped, Message: "not reached"},
	}}
	suites = junitSuites{}
	if err := xml.Unmarshal([]byte(write(t, JUnit, r)), &suites); err != nil {
		t.Fatal(err)
	}
	if len(suites.Suites) != 2 || suites.Tests != 3 || suites.Failures != 1 || suites.Skipped != 1 {
		t.Fatalf("suites %+v", suites)
	}
	if c := suites.Suites[1].Cases[0]; c.Skipped == nil || c.Skipped.Message != "not reached" {
		t.Errorf("skipped case %+v", c)
	}
	if c := suites.Suites[0].Cases[1]; c.Failure == nil || c.Failure.Type != "positive-data-acceptance" || c.Failure.Message != "no 2xx" {
		t.Errorf("failed case %+v", c)
	}
}

func TestGitHub(t *testing.T) {
	got := write(t, GitHub, sample())
	want := `::error file=api/openapi.yaml,line=12,col=7,title=contract.ref::/paths/~1pets/get: no such schema%0A  (second line)
::warning file=api/openapi.yaml,line=30,col=5,title=operation-tags::/paths/~1pets/post: operation has no tags (add tags: [pets])
::error title=response-schema::/id: GET /pets/{id} (getPet): expected integer, got string
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("github (-want +got):\n%s", diff)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "text, json, sarif, junit, github") {
		t.Errorf("ParseFormat(xml) error %v must list the formats", err)
	}
	if err := Write(&bytes.Buffer{}, "yaml", Report{}); err == nil {
		t.Error("Write with an unknown format must fail")
	}
}

func TestSort(t *testing.T) {
	fs := []Finding{
		{ID: "b", Message: "no file 1"},
		{ID: "x", Position: Position{File: "b.yaml", Line: 1}},
		{ID: "a", Message: "no file 2"},
		{ID: "y", Position: Position{File: "a.yaml", Line: 9, Col: 2}},
		{ID: "z", Position: Position{File: "a.yaml", Line: 9, Col: 1}},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.ID)
	}
	if diff := cmp.Diff([]string{"z", "y", "x", "b", "a"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestSeverity(t *testing.T) {
	var s Severity
	if err := s.UnmarshalText([]byte("warn")); err != nil || s != Warning {
		t.Errorf("warn → %v, %v", s, err)
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("unknown severity accepted")
	}
	r := sample()
	if !r.Fails(Error) || !r.Fails(Warning) {
		t.Error("sample has errors")
	}
	r.Findings = r.Findings[1:2]
	if r.Fails(Error) || !r.Fails(Warning) {
		t.Error("a lone warning fails only at threshold warning")
	}
}
