package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestGenSoftContracts: every contract under testdata/contracts/soft (one
// slip each that does not stop correct code) generates with a warning
// and exit 0 — with --lenient for the lenient-* repairs — is refused with
// exit 2 under --strict, and what it generates builds and vets; so do the
// valid shapes that once generated code that did not compile
// (testdata/contracts/compiles) and the path template with RFC 6570
// operators. All
// packages go into one module so one go build and one go vet cover them.
func TestGenSoftContracts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated code")
	}
	files, err := filepath.Glob("../../testdata/contracts/soft/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no soft contracts: %v", err)
	}
	valid, _ := filepath.Glob("../../testdata/contracts/compiles/*.yaml")
	valid = append(valid, "../../testdata/contracts/styles/path-operators.yaml", "../../testdata/contracts/styles/component-operators.yaml")
	files = append(files, valid...)
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/soft\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		name := filepath.Base(f)
		args := []string{"gen", "--contract", abs(t, f)}
		if strings.HasPrefix(name, "lenient-") {
			args = append(args, "--lenient")
		}
		pkg := fmt.Sprintf("p%d", i)
		code, _, stderr := runCLI(t, "", append(args, "--out", filepath.Join(mod, pkg), "--package", pkg)...)
		if slices.Contains(valid, f) { // valid: no warning, nothing to refuse
			if code != 0 || strings.Contains(stderr, "warning") {
				t.Errorf("%s: exit %d, stderr %q; want 0 and no warning", name, code, stderr)
			}
			continue
		}
		if code != 0 || !strings.Contains(stderr, "warning: ") {
			t.Errorf("%s: exit %d, stderr %q; want 0 and a warning", name, code, stderr)
		}
		if code, _, _ := runCLI(t, "", append(args, "--strict", "--out", filepath.Join(t.TempDir(), pkg))...); code != 2 {
			t.Errorf("%s --strict: exit %d, want 2", name, code)
		}
	}
	for _, verb := range []string{"build", "vet"} {
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), verb, "./...")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", verb, err, out)
		}
	}
}
