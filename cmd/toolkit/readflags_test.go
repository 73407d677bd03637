package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFlagsReachTheLoader: --allow-ref-dir admits a $ref outside the
// contract's folder and --max-contract-size caps every file, for each
// command that loads a contract through the shared env.
func TestReadFlagsReachTheLoader(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := filepath.Join(dir, "sub", "c.yaml")
	src := "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '../shared.yaml'}\n"
	if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shared.yaml"), []byte("type: string\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "api")
	code, _, stderr := runCLI(t, "", "gen", "--contract", c, "--out", out, "--package", "api")
	if code != 2 || !strings.Contains(stderr, `c.yaml:6:9: /components/schemas/A/$ref: $ref "../shared.yaml": cannot read contract: `) || !strings.Contains(stderr, "(widen with --allow-ref-dir)") {
		t.Fatalf("without --allow-ref-dir: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "gen", "--allow-ref-dir", dir, "--contract", c, "--out", out, "--package", "api"); code != 0 {
		t.Fatalf("with --allow-ref-dir: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "", "diff", "--allow-ref-dir", dir, "--max-contract-size", "50", c, c)
	if code != 2 || !strings.Contains(stderr, "larger than the limit of 50 bytes (raise it with --max-contract-size)") {
		t.Fatalf("diff --max-contract-size 50: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "gen", "--max-contract-size", "0", "--contract", c); code != 2 || !strings.Contains(stderr, `invalid size "0"`) {
		t.Fatalf("--max-contract-size 0: exit %d\n%s", code, stderr)
	}
}

// TestAllowRemoteRefs: a contract with an http $ref is refused with a
// message naming the opt-in; --allow-remote-refs or allow-remote-refs: true
// in a generate entry of toolkit.yaml reads it, and the flag set to false
// wins over the file.
func TestAllowRemoteRefs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("Name: {type: string}\n"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	c := filepath.Join(dir, "c.yaml")
	src := "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '" + srv.URL + "/s.yaml#/Name'}\n"
	cfg := filepath.Join(dir, "toolkit.yaml")
	for name, text := range map[string]string{c: src, cfg: "version: 1\ngenerate:\n  - {contract: c.yaml, out: api, allow-remote-refs: true}\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "api")
	code, _, stderr := runCLI(t, "", "gen", "--contract", c, "--out", out)
	if code != 2 || !strings.Contains(stderr, `c.yaml:6:9: /components/schemas/A/$ref: `) || !strings.Contains(stderr, "unless allowed with --allow-remote-refs") {
		t.Fatalf("without --allow-remote-refs: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "gen", "--allow-remote-refs", "--contract", c, "--out", out); code != 0 {
		t.Fatalf("with --allow-remote-refs: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "gen", "--config", cfg); code != 0 {
		t.Fatalf("with allow-remote-refs: true in toolkit.yaml: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "gen", "--config", cfg, "--allow-remote-refs=false"); code != 2 || !strings.Contains(stderr, "--allow-remote-refs") {
		t.Fatalf("--allow-remote-refs=false over the file's true: exit %d\n%s", code, stderr)
	}
}
