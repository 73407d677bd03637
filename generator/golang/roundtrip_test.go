package golang

import (
	"os"
	"path/filepath"
	"testing"
)

// TestServerClientRoundTrip generates the kitchen-sink contract, builds and vets it,
// and runs testdata/roundtrip/kitchensink/roundtrip_test.go against it:
// a real server with a test implementation, called with the generated
// client and with invalid raw requests.
func TestServerClientRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, "../../testdata/contracts/kitchensink/openapi.yaml", "api"))
	src, err := os.ReadFile("testdata/roundtrip/kitchensink/roundtrip_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "roundtrip_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}

// TestKeywordsRoundTrip generates the keywords contract (one schema per
// JSON Schema keyword that Go types cannot express), builds and vets it,
// and runs testdata/roundtrip/keywords/keywords_test.go against it: each
// keyword rejects a violating document and accepts a valid one, through
// Validate and through the generated server, and the client sends each
// operation to its own server. All cases share one package, so it
// compiles once.
func TestKeywordsRoundTrip(t *testing.T) {
	runGeneratedTest(t, "../../testdata/contracts/keywords/openapi.yaml", "testdata/roundtrip/keywords/keywords_test.go")
}

// runGeneratedTest generates contract as package api of a fresh module,
// adds the test file testFile to it, and vets and tests the package.
func runGeneratedTest(t *testing.T, contract, testFile string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, contract, "api"))
	src, err := os.ReadFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", filepath.Base(testFile)), src, 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}

// TestStylesRoundTrip: path, query and header parameters in every style
// (label and matrix, exploded or not; pipe-, space- and comma-delimited;
// repeated) written by the generated client are read back by the
// generated server (testdata/roundtrip/styles).
func TestStylesRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, "../../testdata/contracts/styles/roundtrip.yaml", "api"))
	src, err := os.ReadFile("testdata/roundtrip/styles/roundtrip_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "roundtrip_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "test", "-count=1", "./...")
}
