package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffCommand(t *testing.T) {
	base := abs(t, "../../testdata/diff/base.yaml")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// removing a path breaks; a new optional parameter only warns or informs
	removed := write("removed.yaml", strings.Replace(string(data), "  /pets/{id}:\n    get:\n      operationId: getPet", "  /pets/{id}:\n    x-gone:\n      operationId: getPet", 1))
	retyped := write("retyped.yaml", strings.Replace(string(data), "          schema:\n            type: integer", "          schema:\n            type: number", 1))
	added := write("added.yaml", strings.Replace(string(data), "description: Pet id.", "description: The pet's id.", 1))
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"same", []string{"diff", base, base}, 0, "0 breaking, 0 warning, 0 info"},
		{"breaking", []string{"diff", base, removed}, 1, "breaking: GET /pets/{id}"},
		{"compatible", []string{"diff", base, added}, 0, "0 breaking"},
		{"json", []string{"diff", base, removed, "--format", "json"}, 1, `"level": "breaking"`},
		{"markdown", []string{"diff", base, removed, "--format", "markdown"}, 1, "### Breaking"},
		{"bad format", []string{"diff", base, removed, "--format", "xml"}, 2, ""},
		{"bad fail-on", []string{"diff", base, removed, "--fail-on", "info"}, 2, ""},
		{"one arg", []string{"diff", base}, 2, ""},
		// A Go type change that the wire checks do not call breaking gates
		// only with --fail-on go-breaking.
		{"go type change", []string{"diff", base, retyped}, 0, "go ~ request-field ListPetsRequest.Limit: *int64 → *float64"},
		{"go-breaking gate", []string{"diff", base, retyped, "--fail-on", "go-breaking"}, 1, "go-breaking"},
		{"go-breaking gate, same", []string{"diff", base, base, "--fail-on", "go-breaking"}, 0, "0 go-breaking"},
		{"missing file", []string{"diff", base, filepath.Join(dir, "none.yaml")}, 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
		})
	}
}

// TestDiffGitRevision reads OLD from a commit of a multi-file contract,
// including a file reached by relative $ref.
func TestDiffGitRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		c := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
		c.Dir = dir
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	root := `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: Pets.
          content:
            application/json:
              schema:
                $ref: "schemas/pet.yaml"
`
	os.MkdirAll(filepath.Join(dir, "api", "schemas"), 0o755)
	os.WriteFile(filepath.Join(dir, "api", "openapi.yaml"), []byte(root), 0o644)
	os.WriteFile(filepath.Join(dir, "api", "schemas", "pet.yaml"), []byte("type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n"), 0o644)
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "v1")
	// The working copy turns name into an integer: breaking for clients.
	os.WriteFile(filepath.Join(dir, "api", "schemas", "pet.yaml"), []byte("type: object\nrequired: [name]\nproperties:\n  name: {type: integer}\n"), 0o644)

	code, out, errs := runCLI(t, dir, "diff", "git:HEAD:api/openapi.yaml", "api/openapi.yaml")
	if code != 1 || !strings.Contains(out, "breaking: GET /pets") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	code, out, errs = runCLI(t, dir, "diff", "git:HEAD:api/openapi.yaml", "git:HEAD:api/openapi.yaml")
	if code != 0 || !strings.Contains(out, "0 breaking, 0 warning, 0 info") {
		t.Errorf("same revision: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	code, _, errs = runCLI(t, dir, "diff", "git:NOPE:api/openapi.yaml", "api/openapi.yaml")
	if code != 2 || !strings.Contains(errs, "git show") {
		t.Errorf("bad revision: exit %d, stderr %s", code, errs)
	}
}
