package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDocsExitCodes(t *testing.T) {
	kitchen := abs(t, "../../testdata/contracts/kitchensink/openapi.yaml")
	broken := abs(t, "../../testdata/contracts/broken/dangling-ref.yaml")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"missing out", []string{"docs", "--contract", kitchen}, 2, "--out is required"},
		{"no contract, no config", []string{"docs"}, 2, "no toolkit.yaml"},
		{"nothing to write", []string{"docs", "--contract", kitchen, "--out", "x", "--html", "-", "--markdown", "-"}, 2, "nothing to write"},
		{"unreadable contract", []string{"docs", "--contract", "/does/not/exist.yaml", "--out", "x"}, 2, "/does/not/exist.yaml: cannot read contract"},
		{"broken contract", []string{"docs", "--contract", broken, "--out", "x"}, 2, `dangling-ref.yaml:12:17: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: $ref "#/components/schemas/Missing" points to nothing`},
		{"bad file name", []string{"docs", "--contract", kitchen, "--out", "x", "--html", "../escape.html"}, 2, "leaves the output folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, stderr := runCLI(t, dir, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a failed run wrote %v", entries)
			}
		})
	}
}

func TestDocsWritesAndChecks(t *testing.T) {
	kitchen := abs(t, "../../testdata/contracts/kitchensink/openapi.yaml")
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runCLI(t, "", "docs", "--contract", kitchen, "--out", out, "--title", "Shop <docs>")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<title>Shop &lt;docs&gt; 2.1.0</title>") {
		t.Error("the page does not carry the --title, escaped")
	}
	if _, err := os.Stat(filepath.Join(out, "API.md")); err != nil {
		t.Error(err)
	}
	// Fresh output passes --check; an edited file fails it with a diff.
	if code, _, stderr := runCLI(t, "", "docs", "--contract", kitchen, "--out", out, "--title", "Shop <docs>", "--check"); code != 0 {
		t.Errorf("--check on fresh output: exit %d: %s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(out, "API.md"), []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI(t, "", "docs", "--contract", kitchen, "--out", out, "--title", "Shop <docs>", "--check")
	if code != 1 || !strings.Contains(stdout, "API.md") {
		t.Errorf("--check on stale output: exit %d, stdout %q; want 1 and a diff of API.md", code, stdout)
	}
}

func TestDocsFromConfig(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/contracts/v31/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api.json"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	config := "version: 1\ndocs:\n  contract: api.json\n  out: public\n  markdown: README.md\n"
	if err := os.WriteFile(filepath.Join(dir, "toolkit.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, dir, "docs"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"public/index.html", "public/README.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "toolkit.yaml"), []byte("docs:\n  contract: api.json\n  outt: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, dir, "docs"); code != 2 || !strings.Contains(stderr, `toolkit.yaml:3:3: docs: unknown key "outt"`) {
		t.Errorf("unknown key: exit %d, stderr %q", code, stderr)
	}
}

// TestGenDocsTarget: "docs" is a target of toolkit gen, alone or beside
// Go targets.
func TestGenDocsTarget(t *testing.T) {
	kitchen := abs(t, "../../testdata/contracts/kitchensink/openapi.yaml")
	for _, tc := range []struct {
		targets string
		want    []string
		absent  []string
	}{
		{"docs", []string{"index.html", "API.md"}, []string{"types.gen.go"}},
		{"types,docs", []string{"index.html", "API.md", "types.gen.go"}, []string{"client.gen.go"}},
	} {
		t.Run(tc.targets, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "api")
			if code, _, stderr := runCLI(t, "", "gen", "--contract", kitchen, "--out", out, "--generate", tc.targets); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, name := range tc.want {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Error(err)
				}
			}
			for _, name := range tc.absent {
				if _, err := os.Stat(filepath.Join(out, name)); err == nil {
					t.Errorf("%s written, not asked for", name)
				}
			}
		})
	}
}

// TestDocsRefusesUserFile: docs never overwrites an API.md or index.html
// it did not write; it says which file and writes nothing else. Its own
// earlier output (marked) is replaced.
func TestDocsRefusesUserFile(t *testing.T) {
	kitchen := abs(t, "../../testdata/contracts/kitchensink/openapi.yaml")
	for _, name := range []string{"API.md", "index.html"} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			mine := "# Notes the user keeps here\n"
			if err := os.WriteFile(filepath.Join(out, name), []byte(mine), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCLI(t, "", "docs", "--contract", kitchen, "--out", out)
			want := filepath.Join(out, name) + " exists and is not generated code"
			if code != 2 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
			}
			if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != mine {
				t.Errorf("the user's %s changed:\n%.200s", name, got)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 1 {
				t.Errorf("a refused run wrote files: %v", entries)
			}
		})
	}
	out := t.TempDir()
	for i := 0; i < 2; i++ {
		if code, _, stderr := runCLI(t, "", "docs", "--contract", kitchen, "--out", out, "--title", strings.Repeat("T", i+1)); code != 0 {
			t.Fatalf("run %d over docs' own output: exit %d: %s", i, code, stderr)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "API.md"))
	if !strings.HasPrefix(string(md), "<!-- Code generated by toolkit. DO NOT EDIT. -->\n\n# TT\n") {
		t.Errorf("API.md is not marked as generated or not rewritten:\n%.200s", md)
	}
}
