package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/findings/findingstest"
)

func TestLintCommand(t *testing.T) {
	multi := abs(t, "../../testdata/lint/multifile/openapi.yaml")
	dir := t.TempDir()
	cfgRaise := filepath.Join(dir, "raise.yaml")
	os.WriteFile(cfgRaise, []byte("lint:\n  severity: {ENUM_SINGLE_TYPE: error}\n"), 0o644)
	cfgBad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(cfgBad, []byte("lint:\n  disabel: [X]\n"), 0o644)
	cfgAlias := filepath.Join(dir, "alias.yaml")
	os.WriteFile(cfgAlias, []byte("lint:\n  severity: {typed-enum: error}\n"), 0o644)
	cfgSet := filepath.Join(dir, "set.yaml")
	os.WriteFile(cfgSet, []byte("lint:\n  extends: [strictest]\n"), 0o644)
	cfgRuleset := filepath.Join(dir, "ruleset.yaml")
	rsDir := abs(t, "../../testdata/lint/ruleset")
	for _, name := range []string{".spectral.yaml", "base.yaml"} {
		b, _ := os.ReadFile(filepath.Join(rsDir, name))
		os.MkdirAll(filepath.Join(dir, "rules"), 0o755)
		os.WriteFile(filepath.Join(dir, "rules", name), b, 0o644)
	}
	os.WriteFile(cfgRuleset, []byte("lint:\n  ruleset: rules/.spectral.yaml\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"warnings only", []string{"lint", "--contract", multi}, 0, "ENUM_SINGLE_TYPE"},
		{"positional", []string{"lint", multi}, 0, "parts/parameters.yaml:1:1"},
		{"raised by config", []string{"lint", multi, "--config", cfgRaise}, 1, "error: enum mixes"},
		{"bad config", []string{"lint", multi, "--config", cfgBad}, 2, ""},
		{"missing config", []string{"lint", multi, "--config", filepath.Join(dir, "none.yaml")}, 2, ""},
		{"sarif", []string{"lint", multi, "--format", "sarif"}, 0, `"version": "2.1.0"`},
		{"github", []string{"lint", multi, "--format", "github"}, 0, "::warning file="},
		{"unknown format", []string{"lint", multi, "--format", "xml"}, 2, ""},
		{"no contract", []string{"lint"}, 2, ""},
		{"broken contract", []string{"lint", abs(t, "../../testdata/contracts/broken/dangling-ref.yaml")}, 2, ""},
		{"unreadable contract", []string{"lint", filepath.Join(dir, "missing.yaml")}, 2, ""},
		{"alias in config", []string{"lint", multi, "--config", cfgAlias}, 1, "error: enum mixes"},
		{"unknown rule set", []string{"lint", multi, "--config", cfgSet}, 2, ""},
		{"list", []string{"lint", "--list"}, 0, "OPERATION_ID_UNIQUE"},
		{"spectral ruleset", []string{"lint", abs(t, "../../testdata/lint/ruleset/openapi.yaml"), "--ruleset", abs(t, "../../testdata/lint/ruleset/.spectral.yaml")}, 1, "openapi.yaml:8:3: /paths/~1petOwners: error: /petOwners is not kebab-case [paths-kebab]"},
		{"ruleset from toolkit.yaml", []string{"lint", abs(t, "../../testdata/lint/ruleset/openapi.yaml"), "--config", cfgRuleset}, 1, "[paths-kebab]"},
		{"missing ruleset", []string{"lint", multi, "--ruleset", filepath.Join(dir, "none.yaml")}, 2, ""},
		// pre-commit passes every matched file at once: each is linted.
		{"several files", []string{"lint", multi, abs(t, "../../testdata/lint/ruleset/openapi.yaml"), "--format", "json"}, 0, "ruleset/openapi.yaml"},
		{"several files, one broken", []string{"lint", multi, abs(t, "../../testdata/contracts/broken/dangling-ref.yaml"), "--format", "json"}, 2, "ENUM_SINGLE_TYPE"},
		{"both --contract and files", []string{"lint", "--contract", multi, multi}, 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
		})
	}
}

// TestLintMachineFormatsAlwaysADocument: json, sarif and junit print one
// valid document on stdout with zero findings and when the contract cannot
// be read, the failure then being a finding in it (issue 22).
func TestLintMachineFormatsAlwaysADocument(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.yaml")
	os.WriteFile(clean, []byte("openapi: 3.0.3\ninfo: {title: T, version: \"1\", description: D, contact: {name: n, url: \"https://x.test\", email: a@x.test}, license: {name: MIT, url: \"https://x.test/l\"}}\nservers: [{url: \"https://api.x.test\"}]\npaths: {}\n"), 0o644)
	missing := filepath.Join(dir, "missing.yaml")
	for _, format := range []findings.Format{findings.JSON, findings.SARIF, findings.JUnit} {
		for _, tc := range []struct {
			name, file string
			code       int
			finding    string
		}{{"clean", clean, 0, ""}, {"unreadable", missing, 2, "cannot read contract"}} {
			t.Run(string(format)+"/"+tc.name, func(t *testing.T) {
				code, out, errs := runCLI(t, "", "lint", tc.file, "--format", string(format))
				if code != tc.code {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errs)
				}
				if err := findingstest.Check(format, []byte(out)); err != nil {
					t.Errorf("not a valid %s document: %v\n%s", format, err, out)
				}
				if !strings.Contains(out, tc.finding) {
					t.Errorf("document lacks %q:\n%s", tc.finding, out)
				}
				if tc.finding == "" && strings.Contains(out, `"ruleId"`) {
					t.Errorf("clean contract has findings:\n%s", out)
				}
			})
		}
	}
}
