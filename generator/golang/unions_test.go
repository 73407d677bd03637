package golang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestUnionDecodeLinear generates testdata/recursive-union.yaml with the
// union decoders instrumented (gen.countAttempts) and runs
// testdata/unions/linear_test.go in that package: a 100-level recursive
// union without a discriminator decodes with a number of variant attempts
// linear in its depth, and oneOf and anyOf keep their answers.
func TestUnionDecodeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	_, m, err := contract.Open("testdata/recursive-union.yaml", contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opts := generator.Options{Package: "api", Targets: []string{"types"}}
	g := newGen(m, opts)
	g.countAttempts = true
	files, err := generate(g, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", files)
	src, err := os.ReadFile("testdata/unions/linear_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "linear_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}
