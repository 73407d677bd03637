package golang

import (
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestServerClientRoundTrip generates the kitchen-sink contract, builds and vets it,
// and runs testdata/roundtrip/kitchensink/roundtrip_test.go against it:
// a real server with a test implementation, called with the generated
// client and with invalid raw requests.
func TestServerClientRoundTrip(t *testing.T) {
	roundTrip(t, "kitchensink")
}

// TestFidelityRoundTrip runs testdata/roundtrip/fidelity/roundtrip_test.go
// against the code generated from the contract next to it: the server's
// own errors in the declared error schema, defaults seen by the handler,
// readOnly refused, writeOnly never answered, response validation.
func TestFidelityRoundTrip(t *testing.T) {
	roundTrip(t, "fidelity")
}

// roundTrip generates the round trip name's contract as package api of a
// fresh module, adds the _test.go files of testdata/roundtrip/NAME, and vets
// and tests it.
func roundTrip(t *testing.T, name string) {
	t.Helper()
	roundTripWith(t, roundTripContracts[name], "testdata/roundtrip/"+name, generator.Options{}, nil)
}

// roundTripContracts names the contract of each round trip: the folder
// testdata/roundtrip/NAME holds its tests.
var roundTripContracts = map[string]string{
	"callbacks":   "../../testdata/contracts/callbacks/openapi.yaml",
	"fidelity":    "testdata/roundtrip/fidelity/openapi.yaml",
	"keywords":    "../../testdata/contracts/keywords/openapi.yaml",
	"kitchensink": "../../testdata/contracts/kitchensink/openapi.yaml",
	"multipart":   "../../testdata/contracts/multipart/openapi.yaml",
	"paramstyles": "../../testdata/contracts/paramstyles/openapi.yaml",
	"respheaders": "../../testdata/contracts/respheaders/openapi.yaml",
	"security":    "../../testdata/contracts/security/openapi.yaml",
	"streams":     "../../testdata/contracts/streams/openapi.yaml",
	"values":      "../../testdata/contracts/values/openapi.yaml",
	"xml":         "../../testdata/contracts/xml/openapi.yaml",
}

// roundTripWith is roundTrip with generator options and more packages of
// the module (folder → files).
func roundTripWith(t *testing.T, path, tests string, opts generator.Options, more map[string][]generator.File) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a generated module")
	}
	_, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	opts.Package = "api"
	files, err := Generate(m, opts)
	if err != nil {
		t.Fatalf("generate %s: %v", path, err)
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", files)
	for pkg, fs := range more {
		writeModule(t, dir, pkg, fs)
	}
	if copyFiles(t, filepath.Join(dir, "api"), filepath.Join(tests, "*_test.go")) == 0 {
		t.Fatalf("no test files in %s", tests)
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
	roundTrip(t, "keywords")
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

// TestValuesRoundTrip: integers beyond int64, uniqueItems over objects,
// formats in the 3.1 schema checker and readOnly/writeOnly in unions, from
// testdata/contracts/values, through the generated client and server
// (testdata/roundtrip/values).
func TestValuesRoundTrip(t *testing.T) {
	roundTrip(t, "values")
}

// TestRespHeadersRoundTrip runs testdata/roundtrip/respheaders against the
// code generated from the respheaders contract: declared response headers
// (required, optional, constrained; scalars, lists, objects and maps in
// style simple) written by the server and read back by the client, checked
// by the server's response validation and the client's response checks,
// malformed ones refused.
func TestRespHeadersRoundTrip(t *testing.T) {
	roundTrip(t, "respheaders")
}
