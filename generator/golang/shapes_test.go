package golang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestGeneratedShapes generates testdata/shapes.yaml with the union
// decoders instrumented (gen.countAttempts) and runs the tests in
// testdata/shapes in that package: a 100-level recursive union without a
// discriminator decodes with a number of variant attempts linear in its
// depth, oneOf and anyOf keep their answers, and nil slices encode as the
// contract allows. TOOLKIT_FUZZTIME (say 20s) also fuzzes FuzzUnionDecode.
func TestGeneratedShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	_, m, err := contract.Open("testdata/shapes.yaml", contract.LoadOptions{})
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
	if copyFiles(t, filepath.Join(dir, "api"), "testdata/shapes/*_test.go") == 0 {
		t.Fatal("no tests in testdata/shapes")
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
	if ft := os.Getenv("TOOLKIT_FUZZTIME"); ft != "" {
		goRun(t, dir, "test", "-run=^$", "-fuzz=^FuzzUnionDecode$", "-fuzztime="+ft, "./api")
	}
}
