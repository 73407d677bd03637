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
	roundTrip(t, "../../testdata/contracts/kitchensink/openapi.yaml", "testdata/roundtrip/kitchensink/roundtrip_test.go")
}

// TestFidelityRoundTrip runs testdata/roundtrip/fidelity/roundtrip_test.go
// against the code generated from the contract next to it: the server's
// own errors in the declared error schema, defaults seen by the handler,
// readOnly refused, writeOnly never answered, response validation.
func TestFidelityRoundTrip(t *testing.T) {
	roundTrip(t, "testdata/roundtrip/fidelity/openapi.yaml", "testdata/roundtrip/fidelity/roundtrip_test.go")
}

// roundTrip generates the contract into a module, adds the test file to
// the package, and vets and runs it.
func roundTrip(t *testing.T, contractPath, testFile string) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, contractPath, "api"))
	src, err := os.ReadFile(testFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "roundtrip_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}
