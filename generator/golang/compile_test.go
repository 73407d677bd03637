package golang

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// goTool is the go command of the toolchain running the tests.
func goTool() string { return filepath.Join(runtime.GOROOT(), "bin", "go") }

// generateFiles loads a contract and generates the given targets.
func generateFiles(t testing.TB, path, pkg string, targets ...string) []generator.File {
	t.Helper()
	_, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	files, err := Generate(m, generator.Options{Package: pkg, Targets: targets})
	if err != nil {
		t.Fatalf("generate %s: %v", path, err)
	}
	return files
}

// writeModule writes files into dir/pkg inside a fresh module at dir.
func writeModule(t testing.TB, dir, pkg string, files []generator.File) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/gen\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, pkg), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, pkg, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyFiles copies the files matching pattern into dir and returns how many
// there were: tests kept in testdata to run inside a generated package.
func copyFiles(t testing.TB, dir, pattern string) int {
	t.Helper()
	srcs, _ := filepath.Glob(pattern)
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return len(srcs)
}

// goRun runs the go command in dir and fails the test with its output.
func goRun(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(goTool(), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		lines := strings.Split(string(out), "\n")
		if len(lines) > 40 {
			lines = lines[:40]
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, strings.Join(lines, "\n"))
	}
}

// TestCorpusTypesBuild generates the types and the embedded spec for a
// fixed subset of real contracts, one package per contract in one module
// (one go invocation, one build cache), and builds and vets it.
// TOOLKIT_CORPUS=all takes every contract the loader accepts.
func TestCorpusTypesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	names := corpusSubset(t)
	t.Logf("%d contracts", len(names))
	dir := t.TempDir()
	for i, path := range names {
		pkg := "c" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		writeModule(t, dir, pkg, generateFiles(t, path, pkg, "types", "spec"))
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
}

// corpusSubset picks 20 contracts of the shared corpus, spread over its
// name order, the same ones on every run; TOOLKIT_CORPUS=all takes all.
func corpusSubset(t *testing.T) []string {
	files, _ := filepath.Glob("../../../shared/corpus/dev/*.json")
	if len(files) == 0 {
		t.Skip("shared corpus not found")
	}
	accepted := func(f string) bool {
		_, _, err := contract.Open(f, contract.LoadOptions{})
		return err == nil // invalid contracts are the loader's tests' business
	}
	var out []string
	if os.Getenv("TOOLKIT_CORPUS") == "all" {
		for _, f := range files {
			if accepted(f) {
				out = append(out, f)
			}
		}
		return out
	}
	// Every tenth file by name; when the loader rejects one, its next
	// neighbour stands in.
	step := max(len(files)/20, 1)
	for i := 0; i < len(files) && len(out) < 20; i += step {
		for j := i; j < i+step && j < len(files); j++ {
			if accepted(files[j]) {
				out = append(out, files[j])
				break
			}
		}
	}
	return out
}

// TestSelectedPackagesBuild splits the kitchen-sink contract into three
// packages by tag, as a user splits a very large contract, and builds and
// vets them: each package holds only the types its operations use, and must
// still have every one of them.
func TestSelectedPackagesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	_, m, err := contract.Open("../../testdata/contracts/kitchensink/openapi.yaml", contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ops := 0
	for pkg, sel := range map[string]contract.Selection{
		"items":  {Tags: []string{"items"}},
		"files":  {Tags: []string{"files"}},
		"others": {ExcludeTags: []string{"items", "files"}},
	} {
		part, err := m.Select(sel)
		if err != nil {
			t.Fatal(err)
		}
		if len(part.Types) >= len(m.Types) {
			t.Errorf("%s: %d of %d types kept; want fewer", pkg, len(part.Types), len(m.Types))
		}
		ops += len(part.Operations)
		files, err := Generate(part, generator.Options{Package: pkg})
		if err != nil {
			t.Fatal(err)
		}
		writeModule(t, dir, pkg, files)
	}
	if ops != len(m.Operations) {
		t.Errorf("the three packages hold %d operations; the contract has %d", ops, len(m.Operations))
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
}

// TestCompileOneInstance builds the kitchen-sink package and counts the
// compiled instances of the runtime's generic helpers that only hand a
// value on: each must be compiled once for all of the package's types
// (their type parameter is the pointer type, and all pointers share one
// GC shape), not once per struct type, which on large contracts made a
// quarter of the package's code. Counts symbols, not time.
func TestCompileOneInstance(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, "../../testdata/contracts/kitchensink/openapi.yaml", "api"))
	goRun(t, dir, "build", "-o", "api.a", "./api")
	out, err := exec.Command(goTool(), "tool", "nm", filepath.Join(dir, "api.a")).Output()
	if err != nil {
		t.Fatal(err)
	}
	shared := []string{"writeOpt", "sendJSON", "decodeJSONBody", "decodeJSONValue", "encodeJSONValue", "appendJSONValue", "decodeResponse"}
	count := map[string]int{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[len(f)-2] != "T" {
			continue
		}
		name := strings.TrimPrefix(f[len(f)-1], "example.com/gen/api.")
		fn, shape, ok := strings.Cut(name, "[go.shape.")
		if ok && !strings.Contains(fn, ".") && strings.HasSuffix(shape, "]") {
			count[fn]++
			if slices.Contains(shared, fn) && !strings.HasPrefix(shape, "*uint8") {
				t.Errorf("%s is instantiated for the shape %s; want the pointer shape alone", fn, strings.TrimSuffix(shape, "]"))
			}
		}
	}
	for _, fn := range shared {
		if count[fn] != 1 {
			t.Errorf("%s: %d compiled instances, want 1", fn, count[fn])
		}
	}
}
