package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/examples/petstore/api"
	"github.com/contractfirst/toolkit/examples/petstore/store"
	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/findings/findingstest"
	"github.com/contractfirst/toolkit/internal/har"
	"github.com/contractfirst/toolkit/validate"
)

// TestInferLoop: the pet store behind the recording proxy, driven by
// toolkit validate with credentials; toolkit infer on the record gives a
// contract whose operations have the real templates, that generates Go
// that builds, and that the same service satisfies; no credential is in
// the record or the contract; the same record gives the same bytes.
func TestInferLoop(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	svc := httptest.NewServer(api.NewServer(store.New(func() time.Time { return clock })))
	defer svc.Close()

	harPath := filepath.Join(dir, "traffic.har")
	f, err := os.Create(harPath)
	if err != nil {
		t.Fatal(err)
	}
	w, err := har.NewWriter(f, har.Creator{Name: "toolkit", Version: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := validate.NewProxyWith(validate.ProxyConfig{Upstream: svc.URL, Record: w})
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	secrets := []string{"--header", "Authorization: Bearer s3cret-t0ken", "--header", "X-Api-Key: k3y-value"}
	petstore := abs(t, "../../examples/petstore/openapi.yaml")
	if code, out, errb := runCLI(t, "", append([]string{"validate", "--contract", petstore, "--base-url", front.URL, "--max-cases", "500"}, secrets...)...); code != 0 {
		t.Fatalf("validate through the proxy: exit %d\n%s%s", code, out, errb)
	}
	front.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := filepath.Join(dir, "openapi.yaml")
	code, _, errb := runCLI(t, "", "infer", "--har", harPath, "--out", out, "--title", "Pets")
	if code != 0 || !strings.Contains(errb, "infer: 5 operations from") {
		t.Fatalf("infer: exit %d\n%s", code, errb)
	}
	for _, file := range []string{harPath, out} {
		data, _ := os.ReadFile(file)
		for _, s := range []string{"s3cret-t0ken", "k3y-value"} {
			if strings.Contains(string(data), s) {
				t.Errorf("%s holds the credential %q", filepath.Base(file), s)
			}
		}
	}
	first, _ := os.ReadFile(out)
	runCLI(t, "", "infer", "--har", harPath, "--out", out, "--title", "Pets")
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("two runs over the same record differ")
	}

	// Every recorded operation has the real contract's template.
	_, real, err := contract.Open(petstore, contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, inferred, err := contract.Open(out, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("the inferred contract does not load: %v", err)
	}
	want := map[string]bool{}
	for _, op := range real.Operations {
		want[op.Method+" "+op.Path] = true
	}
	for _, op := range inferred.Operations {
		if !want[op.Method+" "+op.Path] {
			t.Errorf("inferred %s %s: not a template of the real contract", op.Method, op.Path)
		}
	}
	if len(inferred.Operations) != len(real.Operations) {
		t.Errorf("%d operations inferred, the contract has %d", len(inferred.Operations), len(real.Operations))
	}

	// The service satisfies the inferred contract.
	if code, stdout, errb := runCLI(t, "", append([]string{"validate", "--contract", out, "--base-url", svc.URL, "--max-cases", "500"}, secrets...)...); code != 0 {
		t.Errorf("validate against the inferred contract: exit %d\n%s%s", code, stdout, errb)
	}

	// It generates Go that builds.
	mod := filepath.Join(dir, "mod")
	if code, _, errb := runCLI(t, "", "gen", "--contract", out, "--out", filepath.Join(mod, "api"), "--package", "api"); code != 0 {
		t.Fatalf("gen: exit %d\n%s", code, errb)
	}
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/inferred\n\ngo 1.26.0\n"), 0o644)
	goCmd(t, mod, nil, "build", "./...")
	goCmd(t, mod, nil, "vet", "./...")
}

// TestInferUsage: missing flags, bad values and unreadable HAR files
// exit 2 with a message.
func TestInferUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.har")
	os.WriteFile(bad, []byte(`{"log":{"entries":[{"request":`), 0o644)
	empty := filepath.Join(dir, "empty.har")
	os.WriteFile(empty, []byte(`{"log":{"entries":[]}}`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"infer"}, "infer: --har and --out are required"},
		{[]string{"infer", "--har", empty, "--out", "-", "--enum-max", "-1"}, "--enum-max must be 0 or more, not -1"},
		{[]string{"infer", "--har", empty, "--out", "-", "--fail-on-drift"}, "--fail-on-drift needs --base"},
		{[]string{"infer", "--har", empty, "--out", "-", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"infer", "--har", filepath.Join(dir, "none.har"), "--out", "-"}, "no such file"},
		{[]string{"infer", "--har", empty, "--out", "-"}, "no usable exchange"},
	} {
		code, stdout, stderr := runCLI(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	// A record cut short is read to its last complete entry, with a warning.
	code, _, stderr := runCLI(t, "", "infer", "--har", bad, "--out", "-")
	if code != exitUsage || !strings.Contains(stderr, "bad.har: har: the file ends before the document closes") {
		t.Errorf("cut record: exit %d\n%s", code, stderr)
	}
}

// TestProxyRecordUsage: the proxy needs an upstream and a contract or a
// record; a record alone is enough.
func TestProxyRecordUsage(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "proxy"},
		{"validate", "proxy", "--upstream", "http://127.0.0.1:1"},
		{"validate", "proxy", "--record", "x.har"},
	} {
		code, _, stderr := runCLI(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "validate proxy: --upstream and --contract or --record are required") {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
	}
	code, _, stderr := runCLI(t, "", "validate", "proxy", "--upstream", "http://127.0.0.1:1", "--record", filepath.Join(t.TempDir(), "no", "dir", "x.har"))
	if code != exitUsage || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("unwritable record: exit %d\n%s", code, stderr)
	}
}

// TestInferDrift: with --base the differences are printed in the chosen
// format (each a valid document), the contract written is the base with
// additions, and --fail-on-drift turns differences into exit 1.
func TestInferDrift(t *testing.T) {
	harFile := abs(t, "../../contract/infer/testdata/petstore.har")
	base := abs(t, "../../examples/petstore/openapi.yaml")
	out := filepath.Join(t.TempDir(), "next.yaml")
	code, stdout, stderr := runCLI(t, "", "infer", "--har", harFile, "--base", base, "--out", out)
	if code != 0 || !strings.Contains(stdout, `property "invalid-params" is in 6 of 9 answers but not declared [drift.undeclared-property]`) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "operationId: updatePet") {
		t.Errorf("the base's operation ids were not kept:\n%s", data)
	}
	for _, format := range findings.Formats {
		code, stdout, stderr := runCLI(t, "", "infer", "--har", harFile, "--base", base, "--out", out, "--format", string(format), "--fail-on-drift")
		if code != exitFindings {
			t.Errorf("%s: exit %d, want 1\n%s", format, code, stderr)
		}
		if err := findingstest.Check(format, []byte(stdout)); err != nil {
			t.Errorf("%s: %v\n%s", format, err, stdout)
		}
	}
}
