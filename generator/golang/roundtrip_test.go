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
