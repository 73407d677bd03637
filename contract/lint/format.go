package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// Write prints findings in format.
func Write(w io.Writer, format string, fs []Finding) error {
	switch format {
	case "", "text":
		for _, f := range fs {
			if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s: %s [%s]\n", f.File, f.Line, f.Col, f.Pointer, f.Severity, f.Message, f.RuleID); err != nil {
				return err
			}
		}
		return nil
	case "json":
		if fs == nil {
			fs = []Finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(fs)
	case "github":
		for _, f := range fs {
			level := "error"
			switch f.Severity {
			case Warning:
				level = "warning"
			case Info:
				level = "notice"
			}
			if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, ghProp(f.File), f.Line, f.Col, ghProp(f.RuleID), ghData(f.Pointer+": "+f.Message)); err != nil {
				return err
			}
		}
		return nil
	case "sarif":
		return writeSARIF(w, fs)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

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
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties map[string]any `json:"properties,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn,omitempty"`
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
	} `json:"logicalLocations,omitempty"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "note"
	case Off:
		return "none"
	}
	return "error"
}

// writeSARIF writes a SARIF 2.1.0 log with one run, the full rule table and
// one result per finding located at its file (a relative URI with forward
// slashes, as code-scanning expects) and line/column.
func writeSARIF(w io.Writer, fs []Finding) error {
	rules := Rules()
	index := map[string]int{}
	d := sarifDriver{Name: "toolkit lint", InformationURI: "https://github.com/contractfirst/toolkit", Rules: []sarifRule{}}
	for i, r := range rules {
		index[r.ID] = i
		sr := sarifRule{ID: r.ID, ShortDescription: sarifMessage{r.Purpose}, Properties: map[string]any{"category": r.Category}}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		d.Rules = append(d.Rules, sr)
	}
	results := []sarifResult{}
	for _, f := range fs {
		res := sarifResult{RuleID: f.RuleID, RuleIndex: index[f.RuleID], Level: sarifLevel(f.Severity), Message: sarifMessage{f.Message}}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(filepath.Clean(f.File))
		loc.PhysicalLocation.Region.StartLine = max(f.Line, 1)
		loc.PhysicalLocation.Region.StartColumn = f.Col
		if f.Pointer != "" {
			loc.LogicalLocations = append(loc.LogicalLocations, struct {
				FullyQualifiedName string `json:"fullyQualifiedName"`
			}{f.Pointer})
		}
		res.Locations = []sarifLocation{loc}
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
