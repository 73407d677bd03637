package contract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addCyclicSeeds gives FuzzLoad every contract of testdata/contracts/cyclic
// (one file each; the multi-file ones then fail on their missing parts)
// and $refs to devices, which must fail at once rather than hang or grow.
func addCyclicSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(contracts, "cyclic", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, dev := range []string{"/dev/zero", "/dev/stdin", "/proc/self/fd/0"} {
		f.Add([]byte("openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '" + dev + "'}\n"))
	}
}

// TestCyclicAllOfRefused checks the builder's message and position for
// each shape of allOf cycle, and that the other cyclic shapes build.
func TestCyclicAllOfRefused(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(contracts, "cyclic", "*.yaml"))
	refused := 0
	for _, p := range files {
		_, _, err := Open(p, LoadOptions{})
		isAllOf := strings.HasPrefix(filepath.Base(p), "allof-") && !strings.Contains(p, "via-property") || strings.HasSuffix(p, "files-allof.yaml")
		if !isAllOf {
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), ": cyclic allOf: ") || strings.Count(err.Error(), "cyclic allOf") != 1 {
			t.Errorf("%s: got %v, want one cyclic allOf error", p, err)
			continue
		}
		refused++
	}
	if refused != 3 {
		t.Errorf("%d contracts refused, want 3", refused)
	}
}

// TestSelectOnCyclicContracts: Select follows $refs from the kept
// operations through the components and marks the types they use; on a
// cyclic contract both walks must end and keep the cycle's types.
func TestSelectOnCyclicContracts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(contracts, "cyclic", "*.yaml"))
	selected := 0
	for _, p := range files {
		_, m, err := Open(p, LoadOptions{})
		if err != nil {
			continue // cyclic allOf, see TestCyclicAllOfRefused
		}
		sub, err := m.Select(Selection{Operations: []string{"getThing"}})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len(sub.Operations) != 1 || !strings.Contains(string(sub.Spec), `"A"`) {
			t.Errorf("%s: %d operations, spec %.200s", p, len(sub.Operations), sub.Spec)
		}
		selected++
	}
	if selected < 10 {
		t.Fatalf("only %d contracts selected", selected)
	}
}
