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

// TestCyclicAllOfLenient: with --lenient the member that closes an allOf
// cycle is left out with a warning at its $ref, and the type is the merge
// of the others (oapi-codegen's RecursiveObject: allOf [A, itself, {…}]).
func TestCyclicAllOfLenient(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(contracts, "cyclic", "*allof*.yaml"))
	for _, p := range files {
		if strings.Contains(p, "via-property") {
			continue
		}
		d, m, err := Open(p, LoadOptions{Lenient: true})
		if err != nil {
			t.Errorf("%s --lenient: %v", p, err)
			continue
		}
		warned := false
		for _, w := range d.Warnings {
			warned = warned || strings.Contains(w.Message, "cyclic allOf") && strings.Contains(w.Message, "left out (--lenient)") && strings.HasSuffix(w.Pointer, "/$ref")
		}
		if !warned || len(m.Types) == 0 {
			t.Errorf("%s --lenient: warnings %v, %d types; want the cycle's warning at its $ref", p, d.Warnings, len(m.Types))
		}
	}
	dir := t.TempDir()
	src := `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    RecursiveObject:
      allOf:
        - $ref: "#/components/schemas/NonRecursiveObject"
        - $ref: "#/components/schemas/RecursiveObject"
        - properties:
            FieldInRecursive: {type: string}
    NonRecursiveObject:
      properties:
        FieldInNonRecursive: {type: string}
`
	path := filepath.Join(dir, "openapi.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, m, err := Open(path, LoadOptions{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, ty := range m.Types {
		if ty.Name == "RecursiveObject" {
			for _, f := range ty.Fields {
				fields = append(fields, f.Name)
			}
		}
	}
	if strings.Join(fields, ",") != "FieldInNonRecursive,FieldInRecursive" {
		t.Errorf("RecursiveObject fields %v, want both members' properties", fields)
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

// TestStrictRefusesBuilderWarnings: under --strict the model builder's
// warnings refuse the contract as the loader's do, at their position.
func TestStrictRefusesBuilderWarnings(t *testing.T) {
	p := filepath.Join(contracts, "cyclic", "anyof-direct-chain.yaml")
	d, _, err := Open(p, LoadOptions{})
	if err != nil || len(d.Warnings) == 0 {
		t.Fatalf("default: %v, %d warnings; want the union cycle's warning", err, len(d.Warnings))
	}
	_, _, err = Open(p, LoadOptions{Strict: true})
	if err == nil || !strings.Contains(err.Error(), "closes a cycle of unions") || strings.Contains(err.Error(), "warning:") {
		t.Fatalf("strict: %v; want the builder's warning as an error", err)
	}
}
