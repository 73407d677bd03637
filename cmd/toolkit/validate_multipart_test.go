package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestValidateMultipartService: toolkit validate against a correct
// service generated from the multipart contract (file parts with an
// encoding's media type list and headers, a JSON part, repeated text
// parts) finds nothing, and every valid request it sends gets a 2xx: it
// sends each part as the generated server reads it. It used to send a
// JSON part as text and array files as plain fields without their
// required header, and the server's 400s counted against the service.
func TestValidateMultipartService(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project")
	}
	const contractFile = "../../testdata/contracts/multipart/openapi.yaml"
	addr := serveInitProject(t, contractFile, "example.com/uploads", "testdata/multipart/service.go.txt")
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "--contract", contractFile, "--base-url", "http://" + addr, "--format", "json"}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("validate: exit %d, want 0 findings\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	var report any
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	valid := 0
	for _, counts := range validCounts(report, 0) {
		for status, n := range counts {
			valid += int(n.(float64))
			if !strings.HasPrefix(status, "2") {
				t.Errorf("%v valid requests got %s", n, status)
			}
		}
	}
	if valid < 2 {
		t.Errorf("%d valid requests answered, want one per operation at least:\n%s", valid, stdout.String())
	}
}

// validCounts finds the coverage of valid requests (status → count) of
// every operation in a JSON report.
func validCounts(v any, depth int) []map[string]any {
	if depth > 20 {
		return nil
	}
	var out []map[string]any
	switch x := v.(type) {
	case map[string]any:
		if cov, ok := x["coverage"].(map[string]any); ok {
			if valid, ok := cov["valid"].(map[string]any); ok {
				out = append(out, valid)
			}
		}
		for _, e := range x {
			out = append(out, validCounts(e, depth+1)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, validCounts(e, depth+1)...)
		}
	}
	return out
}
