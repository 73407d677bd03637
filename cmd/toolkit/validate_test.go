package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/internal/fixture"
)

const petstoreContract = "../../examples/petstore/openapi.yaml"

// TestValidateExitCodes: 0 on a conforming service, 1 with findings, 2
// when the service cannot be reached or the contract is broken.
func TestValidateExitCodes(t *testing.T) {
	good := httptest.NewServer(fixture.Handler(fixture.Conforming))
	defer good.Close()
	bad := httptest.NewServer(fixture.Handler(fixture.BadEnum))
	defer bad.Close()
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close()

	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string // expected in stdout or stderr
	}{
		{"conforming", []string{"--base-url", good.URL}, 0, "0 findings"},
		{"findings", []string{"--base-url", bad.URL}, 1, "response-schema"},
		{"unreachable", []string{"--base-url", deadURL}, 2, "service unreachable"},
		{"bad header flag", []string{"--base-url", good.URL, "--header", "nocolon"}, 2, "is not"},
		{"unknown check", []string{"--base-url", good.URL, "--exclude-check", "nope"}, 2, "unknown check"},
		{"excluded check", []string{"--base-url", bad.URL, "--exclude-check", "response-schema"}, 0, "0 findings"},
		// Only deletePet: no pet was created to delete, so it never
		// succeeds, and that is a finding, not a pass.
		// Only deletePet: a fresh store has no pet to delete, so it never
		// succeeds, and that is a finding, not a pass.
		{"operation pattern", []string{"--base-url", bad.URL, "--operation", "delete*"}, 1, "positive-data-acceptance: no valid request got a 2xx (answers: 404×"},
		{"tag pattern", []string{"--base-url", bad.URL, "--tag", "pe?s"}, 1, "response-schema"},
		{"no operation selected", []string{"--base-url", good.URL, "--tag", "cats*"}, 2, "no operation matches"},
		{"bad pattern", []string{"--base-url", good.URL, "--operation", "["}, 2, `bad pattern "["`},
		{"exclusions", []string{"--base-url", bad.URL, "--exclude-operation", "list*", "--exclude-operation", "*[cgu][ret][eta]*Pet"}, 1, "2 operations, "},
		{"negative workers", []string{"--base-url", good.URL, "--workers", "-1"}, 2, "--workers must be at least 1, not -1"},
		{"negative timeout", []string{"--base-url", good.URL, "--timeout", "-1s"}, 2, "--timeout must be positive, not -1s"},
		{"negative max-cases", []string{"--base-url", good.URL, "--max-cases", "-3"}, 2, "--max-cases must be at least 1, not -3"},
		{"bad format", []string{"--base-url", good.URL, "--format", "xml"}, 2, `unknown format "xml"`},
		{"bad report", []string{"--base-url", good.URL, "--report", "pdf=x"}, 2, `--report "pdf=x" is not FORMAT=FILE`},
		{"unknown auth scheme", []string{"--base-url", good.URL, "--auth", "nope=s3cret"}, 2, `the contract has no security scheme "nope"`},
		{"malformed auth", []string{"--base-url", good.URL, "--auth", "s3cret"}, 2, "not \"<redacted>\""},
		{"read-only", []string{"--base-url", good.URL, "--read-only"}, 0, "left out      3"},
		{"everything excluded", []string{"--base-url", good.URL, "--exclude-tag", "pe*"}, 2, "no operation matches"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"validate", "--contract", petstoreContract}, tc.args...)
			// Each case meets the broken store as it starts, whatever the
			// cases before it deleted.
			fresh := httptest.NewServer(fixture.Handler(fixture.BadEnum))
			defer fresh.Close()
			for i, a := range args {
				if a == bad.URL {
					args[i] = fresh.URL
				}
			}
			code := run(args, nil, &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String()+stderr.String(), tc.out) {
				t.Errorf("output lacks %q:\n%s%s", tc.out, stdout.String(), stderr.String())
			}
		})
	}
}

// TestValidateBrokenContract: a contract with errors exits 2 with a
// positioned problem and sends nothing.
func TestValidateBrokenContract(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "--contract", "../../testdata/contracts/broken/ref-loop.yaml", "--base-url", "http://127.0.0.1:1"}, nil, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "ref-loop.yaml:") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// TestValidateReports: --format json prints only JSON on stdout, and the
// JUnit and JSON report files hold one test case per operation × check.
func TestValidateReports(t *testing.T) {
	srv := httptest.NewServer(fixture.Handler(fixture.MissingHeader))
	defer srv.Close()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "--contract", petstoreContract, "--base-url", srv.URL, "--format", "json",
		"--report", "junit=" + filepath.Join(dir, "v.xml"), "--report", "json=" + filepath.Join(dir, "v.json")}, nil, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	var doc struct {
		Findings []struct {
			ID string `json:"id"`
		} `json:"findings"`
		Details struct {
			Operations []struct {
				ID     string                       `json:"operationId"`
				Checks map[string][]json.RawMessage `json:"checks"`
			} `json:"operations"`
		} `json:"details"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout.String())
	}
	if len(doc.Findings) == 0 || doc.Findings[0].ID != "response-headers" {
		t.Errorf("findings %+v, want response-headers first", doc.Findings)
	}
	found := false
	for _, op := range doc.Details.Operations {
		if op.ID == "listPets" && len(op.Checks["response-headers"]) > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no response-headers finding for listPets in %s", stdout.String())
	}
	file, err := os.ReadFile(filepath.Join(dir, "v.json"))
	if err != nil || !bytes.Equal(file, stdout.Bytes()) {
		t.Errorf("json report differs from stdout (%v)", err)
	}
	x, err := os.ReadFile(filepath.Join(dir, "v.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(x, &suites); err != nil {
		t.Fatal(err)
	}
	tests, failures := 0, 0
	names := map[string]bool{}
	for _, s := range suites.Suites {
		tests += s.Tests
		failures += s.Failures
		for _, c := range s.Cases {
			names[c.Name] = c.Failure != nil
		}
	}
	if tests < 5*8 || failures == 0 {
		t.Errorf("junit: %d tests, %d failures; want at least 40 tests (5 operations × 7 checks and positive-data-acceptance) and some failures", tests, failures)
	}
	if failed, ok := names["listPets response-headers"]; !ok || !failed {
		t.Error("junit: listPets response-headers did not fail")
	}
	if failed, ok := names["listPets positive-data-acceptance"]; !ok || failed {
		t.Error("junit: listPets positive-data-acceptance did not pass")
	}
}

// TestValidateConfig: the validate: section of toolkit.yaml supplies the
// flags, with paths relative to the file and $VARIABLES expanded in
// headers; flags on the command line win; unknown keys are refused with
// their line.
func TestValidateConfig(t *testing.T) {
	var seen string
	bad := fixture.Handler(fixture.BadEnum)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Get("X-Token")
		bad.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	contractPath, _ := filepath.Rel(dir, abs(t, petstoreContract))
	os.WriteFile(filepath.Join(dir, "toolkit.yaml"), []byte(`version: 1
validate:
  contract: `+contractPath+`
  base-url: `+srv.URL+`
  headers: ["X-Token: ${VALIDATE_TEST_TOKEN}"]
  max-cases: 5
  reports: [json=out/report.json]
`), 0o644)
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	t.Setenv("VALIDATE_TEST_TOKEN", "s3cret")

	code, stdout, stderr := runCLI(t, dir, "validate")
	if code != 1 || !strings.Contains(stdout, "response-schema") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if seen != "s3cret" {
		t.Errorf("header from the file: got %q", seen)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "report.json")); err != nil {
		t.Errorf("report path not relative to the file: %v", err)
	}
	if code, stdout, _ := runCLI(t, dir, "validate", "--exclude-check", "response-schema"); code != 0 {
		t.Errorf("a flag should win over the file: exit %d\n%s", code, stdout)
	}
	// createPet alone, on a conforming store: which pets earlier runs left
	// behind does not matter (deletePet alone depended on it, and on ids
	// validate happened to try).
	good := httptest.NewServer(fixture.Handler(fixture.Conforming))
	defer good.Close()
	os.WriteFile(filepath.Join(dir, "toolkit.yaml"), []byte("version: 1\nvalidate:\n  contract: "+contractPath+"\n  base-url: "+good.URL+"\n  exclude-operations: [listPets, getPet, updatePet, deletePet]\n"), 0o644)
	if code, stdout, stderr := runCLI(t, dir, "validate"); code != 0 || !strings.Contains(stdout, "1 operations, ") || strings.Contains(stdout, "listPets") {
		t.Errorf("exclude-operations in the file: exit %d\n%s%s", code, stdout, stderr)
	}

	os.WriteFile(filepath.Join(dir, "toolkit.yaml"), []byte("version: 1\nvalidate:\n  base_url: x\n"), 0o644)
	if code, _, stderr := runCLI(t, dir, "validate"); code != 2 || !strings.Contains(stderr, `toolkit.yaml:3:3: validate: unknown key "base_url"`) {
		t.Errorf("unknown key: exit %d, %q", code, stderr)
	}
}

// TestValidateRedaction: no secret reaches any report format: a custom
// --header, the password in --base-url, an --auth value and a query
// parameter named with --redact; SARIF findings sit on the contract.
func TestValidateRedaction(t *testing.T) {
	srv := httptest.NewServer(fixture.Handler(fixture.BadEnum))
	defer srv.Close()
	withUser := strings.Replace(srv.URL, "http://", "http://ci:hunter22pw@", 1)
	dir := t.TempDir()
	secrets := []string{"topsecret-header", "hunter22pw"}
	for _, format := range []string{"text", "json", "sarif", "junit", "github"} {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			file := filepath.Join(dir, "r."+format)
			code := run([]string{"validate", "--contract", petstoreContract, "--base-url", withUser,
				"--header", "X-Custom: topsecret-header", "--redact", "limit", "--format", format, "--report", format + "=" + file}, nil, &stdout, &stderr)
			if code != 1 {
				t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			out := stdout.String() + stderr.String() + string(written)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s report shows %q", format, s)
				}
			}
			if format != "text" && format != "json" {
				return
			}
			if !strings.Contains(out, "redacted") || strings.Contains(out, "limit=1") {
				t.Errorf("%s report: no <redacted> curl values, or the --redact query parameter shown:\n%.2000s", format, out)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	run([]string{"validate", "--contract", petstoreContract, "--base-url", srv.URL, "--format", "sarif"}, nil, &stdout, &stderr)
	if !strings.Contains(stdout.String(), `"startLine"`) || !strings.Contains(stdout.String(), "openapi.yaml") {
		t.Errorf("SARIF findings are not located on the contract:\n%.3000s", stdout.String())
	}
}
