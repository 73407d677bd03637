package interop

import (
	"os/exec"
	"testing"
)

// TestToolkitAPIFresh: toolkitapi is what this checkout's toolkit
// generates from contract.yaml, so the interop tests exercise the current
// generator, not an old copy of its output (go generate here refreshes it).
func TestToolkitAPIFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toolkit")
	}
	cmd := exec.Command("go", "-C", "../..", "run", "./cmd/toolkit", "gen", "--check",
		"--contract", "bench/interop/contract.yaml", "--out", "bench/interop/toolkitapi", "--package", "toolkitapi")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("toolkitapi is stale (run go generate in bench/interop): %v\n%s", err, out)
	}
}
