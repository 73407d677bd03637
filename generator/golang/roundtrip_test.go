package golang

import (
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
	roundTrip(t, "../../testdata/contracts/kitchensink/openapi.yaml", "testdata/roundtrip/kitchensink")
}

// roundTrip generates the contract at path as package api of a fresh module,
// adds the _test.go files of the folder tests, and vets and tests it.
func roundTrip(t *testing.T, path, tests string) {
	t.Helper()
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, path, "api"))
	if copyFiles(t, filepath.Join(dir, "api"), filepath.Join(tests, "*_test.go")) == 0 {
		t.Fatalf("no test files in %s", tests)
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}
