package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGenNotGenerated: gen on a contract using every feature toolkit does
// not generate prints exactly the warnings of
// testdata/contracts/notgenerated/stderr.txt, one per position with its
// line and column, and exits 0; --strict refuses it with exit 2 and
// writes nothing. UPDATE_NOTGENERATED=1 rewrites the golden.
func TestGenNotGenerated(t *testing.T) {
	contract := abs(t, "../../testdata/contracts/notgenerated/openapi.yaml")
	golden := filepath.Join(filepath.Dir(contract), "stderr.txt")
	out := t.TempDir()
	code, _, stderr := runCLI(t, "", "gen", "--contract", contract, "--out", out, "--package", "api")
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	got := strings.ReplaceAll(stderr, contract, "openapi.yaml")
	got = strings.ReplaceAll(got, out, "OUT")
	if os.Getenv("UPDATE_NOTGENERATED") != "" {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("gen stderr (-want +got); UPDATE_NOTGENERATED=1 rewrites the golden:\n%s", diff)
	}
	strictOut := filepath.Join(t.TempDir(), "api")
	code, _, stderr = runCLI(t, "", "gen", "--strict", "--contract", contract, "--out", strictOut, "--package", "api")
	if code != 2 || !strings.Contains(stderr, "openapi.yaml:2:1: /$self: $self (OpenAPI 3.2) is not used yet") {
		t.Errorf("--strict: exit %d, stderr:\n%s\nwant 2 and the first warning as an error", code, stderr)
	}
	if _, err := os.Stat(strictOut); err == nil {
		t.Errorf("--strict wrote %s", strictOut)
	}
}
