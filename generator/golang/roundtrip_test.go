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
// generated server (testdata/roundtrip/paramstyles).
func TestStylesRoundTrip(t *testing.T) {
	roundTrip(t, "paramstyles")
}

// TestStreamsRoundTrip generates the streams contract (server-sent events,
// JSON Lines, webhooks), builds and vets it, and runs
// testdata/roundtrip/streams/roundtrip_test.go against it.
func TestStreamsRoundTrip(t *testing.T) {
	roundTrip(t, "streams")
}

// TestCallbacksRoundTrip does the same for the callbacks contract: a
// callback URL computed from the registering request, a delivery received
// typed.
func TestCallbacksRoundTrip(t *testing.T) {
	roundTrip(t, "callbacks")
}

// roundTrip generates testdata/contracts/<name> as package api and runs
// the tests of testdata/roundtrip/<name> inside it.
func roundTrip(t *testing.T, name string) {
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", generateFiles(t, "../../testdata/contracts/"+name+"/openapi.yaml", "api"))
	if copyFiles(t, filepath.Join(dir, "api"), "testdata/roundtrip/"+name+"/*_test.go") == 0 {
		t.Fatal("no tests to run")
	}
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "-count=1", "./...")
}
