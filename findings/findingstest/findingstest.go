// Package findingstest checks that a command's machine-readable output is a
// valid document of its format: SARIF against the SARIF 2.1.0 schema, JUnit
// as XML with test suites, JSON as a findings report, GitHub annotations
// line by line. Commands' tests run every format through Check.
package findingstest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/contractfirst/toolkit/findings"
)

var (
	sarifOnce   sync.Once
	sarifSchema *jsonschema.Schema
	sarifErr    error
)

// schema compiles the SARIF 2.1.0 schema shipped in testdata/lint.
func schema() (*jsonschema.Schema, error) {
	sarifOnce.Do(func() {
		_, here, _, _ := runtime.Caller(0)
		path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "lint", "sarif-schema-2.1.0.json")
		f, err := os.Open(path)
		if err != nil {
			sarifErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			sarifErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		if sarifErr = c.AddResource("sarif.json", doc); sarifErr != nil {
			return
		}
		sarifSchema, sarifErr = c.Compile("sarif.json")
	})
	return sarifSchema, sarifErr
}

// Check returns an error when out is not a valid document of format.
func Check(format findings.Format, out []byte) error {
	switch format {
	case findings.SARIF:
		s, err := schema()
		if err != nil {
			return fmt.Errorf("SARIF schema: %w", err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			return fmt.Errorf("SARIF is not JSON: %w", err)
		}
		if err := s.Validate(v); err != nil {
			return fmt.Errorf("SARIF does not validate: %w", err)
		}
	case findings.JUnit:
		var doc struct {
			XMLName xml.Name `xml:"testsuites"`
			Suites  []struct {
				Name string `xml:"name,attr"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(out, &doc); err != nil {
			return fmt.Errorf("JUnit is not XML with <testsuites>: %w", err)
		}
	case findings.JSON:
		var doc struct {
			Tool     string             `json:"tool"`
			Findings *[]json.RawMessage `json:"findings"`
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("not JSON: %w", err)
		}
		if doc.Tool == "" || doc.Findings == nil {
			return fmt.Errorf("JSON lacks tool or findings: %s", out)
		}
		if dec.More() {
			return fmt.Errorf("more than one JSON document")
		}
	case findings.GitHub:
		for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "::error") && !strings.HasPrefix(line, "::warning") && !strings.HasPrefix(line, "::notice") {
				return fmt.Errorf("not a workflow command: %q", line)
			}
		}
	}
	return nil
}
