package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/findings/findingstest"
	"github.com/contractfirst/toolkit/internal/fixture"
)

// TestEveryCommandEveryFormat: every command that reports takes every
// format of the findings model, exits as it does in text, and prints one
// valid document on stdout (SARIF checked against the 2.1.0 schema, JUnit
// parsed) that carries the finding the run is about; in text the same
// finding is printed.
func TestEveryCommandEveryFormat(t *testing.T) {
	dir := t.TempDir()
	soft := abs(t, "../../testdata/contracts/soft/array-no-items.yaml")
	base := abs(t, "../../testdata/diff/base.yaml")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	removed := filepath.Join(dir, "removed.yaml")
	if err := os.WriteFile(removed, []byte(strings.Replace(string(data), "  /pets/{id}:\n    get:\n      operationId: getPet", "  /pets/{id}:\n    x-gone:\n      operationId: getPet", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := httptest.NewServer(fixture.Handler(fixture.BadEnum))
	defer bad.Close()
	harFile := abs(t, "../../contract/infer/testdata/petstore.har")
	petstore := abs(t, petstoreContract)

	for _, tc := range []struct {
		command string
		args    []string
		code    int
		want    string // in the output of every format
	}{
		{"gen", []string{"gen", "--contract", soft, "--out", filepath.Join(dir, "gen")}, 0, "items"},
		{"docs", []string{"docs", "--contract", soft, "--out", filepath.Join(dir, "docs")}, 0, "items"},
		{"lint", []string{"lint", petstore}, 0, "OPERATION_DESCRIPTION"},
		{"diff", []string{"diff", base, removed}, 1, "api-removed-without-deprecation"},
		{"infer", []string{"infer", "--har", harFile, "--base", petstore, "--out", filepath.Join(dir, "next.yaml"), "--fail-on-drift"}, 1, "drift.undeclared-property"},
		{"validate", []string{"validate", "--contract", petstoreContract, "--base-url", bad.URL, "--max-cases", "20"}, 1, "response-schema"},
	} {
		for _, format := range findings.Formats {
			t.Run(tc.command+"/"+string(format), func(t *testing.T) {
				code, stdout, stderr := runCLI(t, "", append(tc.args, "--format", string(format))...)
				if code != tc.code {
					t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
				}
				out := stdout
				if format == findings.Text {
					out += stderr
				} else if err := findingstest.Check(format, []byte(stdout)); err != nil {
					t.Errorf("%v\n%s", err, stdout)
				}
				if !strings.Contains(out, tc.want) {
					t.Errorf("%q is not in the output:\n%s", tc.want, out)
				}
			})
		}
	}
}
