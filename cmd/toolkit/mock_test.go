package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/mock"
)

// TestMockFlags: flag values are checked before the mock serves; a bad
// one exits 2 naming the flag.
func TestMockFlags(t *testing.T) {
	pet := abs(t, "../../examples/petstore/openapi.yaml")
	dir := t.TempDir()
	badSeed := filepath.Join(dir, "seed.json")
	os.WriteFile(badSeed, []byte(`[1]`), 0o644)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--latency", "fast"}, `--latency "fast": want a duration (100ms) or a range (50ms..300ms)`},
		{[]string{"--latency", "300ms..50ms"}, `--latency "300ms..50ms"`},
		{[]string{"--max-resources", "0"}, "--max-resources must be positive, not 0"},
		{[]string{"--max-body", "-1"}, "--max-body must be positive, not -1"},
		{[]string{"--seed-data", filepath.Join(dir, "none.json")}, "--seed-data: open"},
		{[]string{"--seed-data", badSeed}, `want {"/collection": [objects]}`},
	} {
		args := append([]string{"mock", "--contract", pet, "--listen", "127.0.0.1:0"}, tc.args...)
		code, _, errs := runCLI(t, "", args...)
		if code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.msg)
		}
	}
}

// TestMockOptions: what the flags fill in.
func TestMockOptions(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.json")
	os.WriteFile(seed, []byte(`{"/pets": [{"id": 1}]}`), 0o644)
	opts := mock.Options{MaxResources: 5, MaxBody: 10}
	if err := mockOptions(&opts, false, seed, "50ms..300ms"); err != nil {
		t.Fatal(err)
	}
	if !opts.NoCORS || opts.LatencyMin != 50*time.Millisecond || opts.LatencyMax != 300*time.Millisecond || len(opts.SeedData["/pets"]) != 1 {
		t.Errorf("got %+v", opts)
	}
	if err := mockOptions(&opts, true, "", "100ms"); err != nil || opts.NoCORS || opts.LatencyMin != opts.LatencyMax || opts.LatencyMin != 100*time.Millisecond {
		t.Errorf("single latency: %v %+v", err, opts)
	}
}
