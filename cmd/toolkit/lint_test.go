package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintCommand(t *testing.T) {
	multi := abs(t, "../../testdata/lint/multifile/openapi.yaml")
	dir := t.TempDir()
	cfgRaise := filepath.Join(dir, "raise.yaml")
	os.WriteFile(cfgRaise, []byte("lint:\n  severity: {ENUM_SINGLE_TYPE: error}\n"), 0o644)
	cfgBad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(cfgBad, []byte("lint:\n  disabel: [X]\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"warnings only", []string{"lint", "--contract", multi}, 0, "ENUM_SINGLE_TYPE"},
		{"positional", []string{"lint", multi}, 0, "parts/parameters.yaml:2:3"},
		{"raised by config", []string{"lint", multi, "--config", cfgRaise}, 1, "error: enum mixes"},
		{"bad config", []string{"lint", multi, "--config", cfgBad}, 2, ""},
		{"missing config", []string{"lint", multi, "--config", filepath.Join(dir, "none.yaml")}, 2, ""},
		{"sarif", []string{"lint", multi, "--format", "sarif"}, 0, `"version": "2.1.0"`},
		{"github", []string{"lint", multi, "--format", "github"}, 0, "::warning file="},
		{"unknown format", []string{"lint", multi, "--format", "xml"}, 2, ""},
		{"no contract", []string{"lint"}, 2, ""},
		{"broken contract", []string{"lint", abs(t, "../../testdata/contracts/broken/dangling-ref.yaml")}, 1, ""},
		{"list", []string{"lint", "--list"}, 0, "OPERATION_ID_UNIQUE"},
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
