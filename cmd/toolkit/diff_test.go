package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/findings/findingstest"
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
		{"breaking", []string{"diff", base, removed}, 1, "base.yaml:42:5: /paths/~1pets~1{id}/get: error: api removed without deprecation [api-removed-without-deprecation]\n"},
		{"compatible", []string{"diff", base, added}, 0, "0 breaking"},
		{"json", []string{"diff", base, removed, "--format", "json"}, 1, `"severity": "error"`},
		{"markdown", []string{"diff", base, removed, "--format", "markdown"}, 1, "### Breaking"},
		{"bad format", []string{"diff", base, removed, "--format", "xml"}, 2, ""},
		{"bad fail-on", []string{"diff", base, removed, "--fail-on", "info"}, 2, ""},
		{"one arg", []string{"diff", base}, 2, ""},
		// A Go type change that the wire checks do not call breaking gates
		// only with --fail-on go-breaking.
		{"go type change", []string{"diff", base, retyped}, 0, "warning: Go request-field ListPetsRequest.Limit changes type from *int64 to *float64 (go-breaking) [go-type-changed]"},
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

// gitRepo makes an empty folder and a function that runs git in it
// (skipping the test when there is no git).
func gitRepo(t *testing.T) (string, func(args ...string)) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	return dir, func(args ...string) {
		t.Helper()
		c := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
		c.Dir = dir
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// TestDiffGitRevision reads OLD from a commit of a multi-file contract,
// including a file reached by relative $ref.
func TestDiffGitRevision(t *testing.T) {
	dir, git := gitRepo(t)
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
	if code != 1 || !strings.Contains(out, "api/openapi.yaml:5:5: /paths/~1pets/get: error: the `name` response's property `type` changed from `string` to `integer`") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	// A change located in the git side is named as git names it, not by
	// the temporary copy's path.
	code, out, errs = runCLI(t, dir, "diff", "api/openapi.yaml", "git:HEAD:api/openapi.yaml")
	if code != 1 || !strings.Contains(out, "\nHEAD:api/openapi.yaml:5:5: /paths/~1pets/get: error:") && !strings.HasPrefix(out, "HEAD:api/openapi.yaml:5:5: /paths/~1pets/get: error:") || strings.Contains(out, "toolkit-diff-") {
		t.Errorf("reversed: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
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

// TestDiffGitRefsThroughLoader: git: follows the $refs Load follows, not
// text that looks like one: a description that mentions "$ref: x.yaml"
// fetched a file that does not exist and failed the run. A $ref that
// climbs to a folder above the contract's, inside the repository, works.
func TestDiffGitRefsThroughLoader(t *testing.T) {
	dir, git := gitRepo(t)
	root := `openapi: 3.0.3
info:
  title: T
  version: "1"
  description: 'Schemas live in other files, e.g. "$ref: missing.yaml#/Pet" or $ref: ./nowhere.json'
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
                $ref: "../shared/pet.yaml"
              example: {$ref: "not-a-file.yaml"}
`
	for name, body := range map[string]string{
		"api/openapi.yaml": root,
		"shared/pet.yaml":  "type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "v1")
	os.WriteFile(filepath.Join(dir, "shared", "pet.yaml"), []byte("type: object\nrequired: [name]\nproperties:\n  name: {type: integer}\n"), 0o644)

	code, out, errs := runCLI(t, filepath.Join(dir, "api"), "diff", "git:HEAD:openapi.yaml", "openapi.yaml")
	if code != 1 || !strings.Contains(out, "openapi.yaml:8:5: /paths/~1pets/get: error: the `name` response's property `type` changed") || errs != "" {
		t.Errorf("exit %d; want 1 and the breaking change\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}

	// A $ref the revision cannot resolve is a contract problem, positioned
	// in the revision's file as git names it.
	os.WriteFile(filepath.Join(dir, "api", "openapi.yaml"), []byte(strings.Replace(root, "../shared/pet.yaml", "../shared/gone.yaml", 1)), 0o644)
	git("commit", "-qam", "dangling")
	code, _, errs = runCLI(t, filepath.Join(dir, "api"), "diff", "git:HEAD:openapi.yaml", "openapi.yaml")
	if want := `HEAD:api/openapi.yaml:16:17: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: $ref "../shared/gone.yaml": cannot read contract`; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("a dangling $ref at the revision: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}

	os.WriteFile(filepath.Join(dir, "api", "openapi.yaml"), []byte(strings.Replace(root, "../shared/pet.yaml", "../../outside.yaml", 1)), 0o644)
	git("commit", "-qam", "v2")
	code, _, errs = runCLI(t, filepath.Join(dir, "api"), "diff", "git:HEAD:openapi.yaml", "openapi.yaml")
	if want := `git:HEAD:openapi.yaml: api/openapi.yaml: $ref "../../outside.yaml" leaves the repository`; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("a $ref out of the repository: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
}

// TestDiffFormats: every findings format prints one valid document, with
// exit 0, 1 or 2 as for text — also when a contract does not load, whose
// problems are then findings of the document.
func TestDiffFormats(t *testing.T) {
	base := abs(t, "../../testdata/diff/base.yaml")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	removed := filepath.Join(dir, "removed.yaml")
	os.WriteFile(removed, []byte(strings.Replace(string(data), "  /pets/{id}:\n    get:\n      operationId: getPet", "  /pets/{id}:\n    x-gone:\n      operationId: getPet", 1)), 0o644)
	broken := abs(t, "../../testdata/contracts/broken/dangling-ref.yaml")
	for _, format := range findings.Formats {
		for _, tc := range []struct {
			name     string
			old, new string
			code     int
			want     string
		}{
			{"same", base, base, 0, ""},
			{"breaking", base, removed, 1, "api-removed-without-deprecation"},
			{"broken contract", base, broken, 2, "points to nothing"},
		} {
			t.Run(string(format)+"/"+tc.name, func(t *testing.T) {
				code, out, errs := runCLI(t, "", "diff", tc.old, tc.new, "--format", string(format))
				if code != tc.code {
					t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
				}
				if err := findingstest.Check(format, []byte(out)); err != nil {
					t.Errorf("%v\n%s", err, out)
				}
				text := out
				if format == findings.Text {
					text += errs // contract problems are text on stderr
				}
				if !strings.Contains(text, tc.want) {
					t.Errorf("output lacks %q:\n%s", tc.want, text)
				}
			})
		}
	}
}

// TestDiffGoAPINotCompared: when a side's Go API cannot be generated (a
// cyclic allOf loads but does not build), diff says so instead of
// reporting "0 go-breaking", and --fail-on go-breaking does not pass.
func TestDiffGoAPINotCompared(t *testing.T) {
	c := abs(t, "../../testdata/contracts/cyclic/allof-self.yaml")
	code, out, stderr := runCLI(t, "", "diff", c, c)
	if code != 0 || !strings.Contains(stderr, "the generated Go API was not compared") || !strings.Contains(stderr, "cyclic allOf") {
		t.Fatalf("default: exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, "", "diff", c, c, "--fail-on", "go-breaking"); code != 1 {
		t.Fatalf("--fail-on go-breaking: exit %d, want 1\n%s", code, stderr)
	}
	code, out, _ = runCLI(t, "", "diff", c, c, "--format", "json")
	if code != 0 || !strings.Contains(out, "the generated Go API was not compared") {
		t.Fatalf("json: exit %d\n%s", code, out)
	}
}
