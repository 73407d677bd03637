package golang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestCodec generates the kitchen-sink types and runs the tests in
// testdata/codec inside that package: (codecEquivalenceTest) every object
// type's generated methods against encoding/json's reflection over random
// valid values. The reader and writer themselves are tested, and fuzzed,
// in the runtime folder.
func TestCodec(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	srcs, _ := filepath.Glob("testdata/codec/*_test.go")
	if len(srcs) == 0 {
		t.Skip("no codec tests")
	}
	const ks = "../../testdata/contracts/kitchensink/openapi.yaml"
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, ks, "api", "types"))
	_, m, err := contract.Open(ks, contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "cases_test.go"), codecEquivalenceTest(t, m), 0o644); err != nil {
		t.Fatal(err)
	}
	copyFiles(t, filepath.Join(dir, "api"), "testdata/codec/*_test.go")
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}
