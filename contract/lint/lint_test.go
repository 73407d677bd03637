package lint

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/findings/findingstest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMultiFilePositions checks that findings in files reached by $ref
// carry that file's path and the line:col of the offending node, and that
// x-lint-ignore silences a node and everything below it.
func TestMultiFilePositions(t *testing.T) {
	fs, err := Run("../../testdata/lint/multifile/openapi.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := located(fs)
	want := []string{
		"../../testdata/lint/multifile/openapi.yaml:1:1  SERVERS_PRESENT",
		"../../testdata/lint/multifile/openapi.yaml:2:7 /info INFO_CONTACT",
		"../../testdata/lint/multifile/openapi.yaml:2:7 /info INFO_DESCRIPTION",
		"../../testdata/lint/multifile/openapi.yaml:7:5 /paths/~1pets~1{petId}/get OPERATION_DESCRIPTION",
		"../../testdata/lint/multifile/openapi.yaml:7:5 /paths/~1pets~1{petId}/get OPERATION_TAGS",
		"../../testdata/lint/multifile/openapi.yaml:19:5 /paths/~1pets~1{petId}/delete OPERATION_TAGS",
		"../../testdata/lint/multifile/parts/parameters.yaml:1:1 /PetId PARAMETER_DESCRIPTION",
		"../../testdata/lint/multifile/schemas/pet.yaml:6:13 /Pet/properties/size/enum ENUM_SINGLE_TYPE",
		"../../testdata/lint/multifile/schemas/pet.yaml:6:21 /Pet/properties/size/enum/1 ENUM_SINGLE_TYPE",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestSharedMultiFile runs the project's shared multi-file contract.
func TestSharedMultiFile(t *testing.T) {
	fs, err := Run("../../testdata/contracts/multifile/openapi.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range byRule(fs, "PARAMETER_DESCRIPTION") {
		if filepath.ToSlash(f.File) == "../../testdata/contracts/multifile/parts/parameters.yaml" && f.Line == 1 && f.Col == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no PARAMETER_DESCRIPTION at parts/parameters.yaml:1:1 (its key); got %+v", fs)
	}
}

func TestConfig(t *testing.T) {
	bad := strings.Replace(good, "      description: Returns the pet with the given id.\n", "", 1)
	p := write(t, "c.yaml", bad)
	tests := []struct {
		name string
		cfg  Config
		want []findings.Severity
	}{
		{"default", Config{}, []findings.Severity{findings.Warning}},
		{"disabled", Config{Disable: []string{"OPERATION_DESCRIPTION"}}, nil},
		{"raised", Config{Severity: map[string]Severity{"OPERATION_DESCRIPTION": Error}}, []findings.Severity{findings.Error}},
		{"off", Config{Severity: map[string]Severity{"OPERATION_DESCRIPTION": Off}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Run(p, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []findings.Severity
			for _, f := range byRule(fs, "OPERATION_DESCRIPTION") {
				got = append(got, f.Severity)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("severities (-want +got):\n%s", diff)
			}
			if HasErrors(fs) != (tc.name == "raised") {
				t.Errorf("HasErrors = %v", HasErrors(fs))
			}
		})
	}
	for _, cfg := range []Config{{Disable: []string{"NO_SUCH_RULE"}}, {Severity: map[string]Severity{"PATH_CASING": "fatal"}}} {
		if _, err := Run(p, cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}

func TestInlineIgnore(t *testing.T) {
	bad := strings.Replace(good, "      description: Returns the pet with the given id.\n", "", 1)
	for _, ign := range []string{"x-lint-ignore: true", "x-lint-ignore: [OPERATION_DESCRIPTION]"} {
		text := strings.Replace(bad, "      operationId: getPet\n", "      operationId: getPet\n      "+ign+"\n", 1)
		fs, err := Run(write(t, "i.yaml", text), Config{})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 0 {
			t.Errorf("%s: findings %+v", ign, fs)
		}
	}
	// Ignoring another rule does not hide this one.
	text := strings.Replace(bad, "      operationId: getPet\n", "      operationId: getPet\n      x-lint-ignore: [PATH_CASING]\n", 1)
	fs, _ := Run(write(t, "i.yaml", text), Config{})
	if len(byRule(fs, "OPERATION_DESCRIPTION")) != 1 {
		t.Errorf("x-lint-ignore of another rule hid the finding: %+v", fs)
	}
}

// TestFormats compares each output format of the multi-file findings,
// printed through the findings model with lint's rule table, with a golden
// file.
func TestFormats(t *testing.T) {
	fs, err := Run("../../testdata/lint/multifile/openapi.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	rep := findings.Report{Tool: "toolkit lint", Rules: Metas(Config{}.Enabled()), Findings: fs}
	for _, format := range findings.Formats {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := findings.Write(&buf, format, rep); err != nil {
				t.Fatal(err)
			}
			if err := findingstest.Check(format, buf.Bytes()); err != nil {
				t.Errorf("%s: %v", format, err)
			}
			golden := filepath.Join("../../testdata/lint/golden", "multifile."+string(format))
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s output (-want +got):\n%s", format, diff)
			}
		})
	}
}

// bigContract writes a contract of n operations, each missing its summary
// (a finding each) and referring to its own component schema, with an
// x-lint-ignore in the file so that ignore lookups run.
func bigContract(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: Big, version: \"1\"}\nservers: [{url: \"https://api.example.com\"}]\npaths:\n")
	for i := range n {
		fmt.Fprintf(&b, "  /things-%d:\n    get:\n      operationId: getThing%d\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/Thing%d\"}\n        default: {description: Error}\n", i, i, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, "    Thing%d: {type: object, x-lint-ignore: [NONE], properties: {kind: {type: string, enum: [a, b]}}}\n", i)
	}
	return write(t, "big.yaml", b.String())
}

// TestLintWorkIsLinear (issue 22: 96k operations took 145 s because work
// grew with findings × size): doubling the contract at most doubles the
// work, counted in the tree's unit steps rather than timed.
func TestLintWorkIsLinear(t *testing.T) {
	work := func(n int) (int, int) {
		tr := newTree()
		root, err := tr.root(bigContract(t, n))
		if err != nil {
			t.Fatal(err)
		}
		fs := run(root, Config{Extends: []string{"all"}}.Enabled())
		return tr.steps, len(fs)
	}
	s1, f1 := work(500)
	s2, f2 := work(1000)
	if f1 < 500 || f2 < 2*f1-10 {
		t.Fatalf("findings %d and %d: the contract does not exercise reporting", f1, f2)
	}
	ratio := float64(s2) / float64(s1)
	t.Logf("%d → %d steps (%.2f×)", s1, s2, ratio)
	if ratio > 2.1 {
		t.Errorf("work grew %.2f× when the contract doubled (%d → %d steps): not linear", ratio, s1, s2)
	}
}

// TestRuleSetsAndCasing: extends picks the rule sets, casing: changes a
// casing rule's style, and Spectral's ids work in the configuration.
func TestRuleSetsAndCasing(t *testing.T) {
	p := write(t, "good.yaml", good)
	ids := func(cfg Config) map[string]int {
		fs, err := Run(p, cfg)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, f := range fs {
			out[f.ID]++
		}
		return out
	}
	if got := ids(Config{Extends: []string{"servicecomb"}, Casing: map[string]string{"CASING_PATH_SEGMENT": "kebab"}}); got["CASING_PATH_SEGMENT"] != 1 {
		t.Errorf("kebab path segments: findings %v, want one CASING_PATH_SEGMENT for {petId}", got)
	}
	if got := ids(Config{Casing: map[string]string{"CASING_PATH_SEGMENT": "kebab"}}); got["CASING_PATH_SEGMENT"] != 0 {
		t.Errorf("servicecomb rules ran under recommended: %v", got)
	}
	rec, all := len(Config{}.Enabled()), len(Config{Extends: []string{"all"}}.Enabled())
	if rec == 0 || rec >= all || all != len(Rules()) {
		t.Errorf("recommended %d rules, all %d, registered %d", rec, all, len(Rules()))
	}
	if n := len(Config{Extends: []string{"all"}, Disable: []string{"info-license"}}.Enabled()); n != all-1 {
		t.Errorf("disabling by Spectral alias left %d of %d rules", n, all)
	}
	for _, cfg := range []Config{{Extends: []string{"strictest"}}, {Casing: map[string]string{"CASING_TAG_NAME": "shouty"}}, {Casing: map[string]string{"TAGS_UNIQUE": "camel"}}} {
		if err := cfg.Validate(); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}

// TestSpectralRuleset: a ruleset in Spectral's format — extends with a
// relative file and spectral:asyncapi, overrides of Spectral's rules by
// their ids, custom rules with given paths (~ keys, filters, ..), field
// @key, the core functions and message templates — fires on a contract at
// the right lines; an unsupported function and asyncapi are warnings at
// their place in the ruleset.
func TestSpectralRuleset(t *testing.T) {
	rs, err := LoadRuleset("../../testdata/lint/ruleset/.spectral.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, w := range rs.Warnings {
		warns = append(warns, fmt.Sprintf("%d:%d %s", w.Line, w.Col, w.Message))
	}
	wantWarns := []string{
		`3:5 spectral:asyncapi is not an OpenAPI ruleset; toolkit ignores it`,
		`39:7 rule custom-js is not checked: function "myCustomCheck" is not one toolkit runs (it runs alphabetical, casing, defined, enumeration, falsy, length, or, pattern, schema, truthy, undefined, xor)`,
	}
	if diff := cmp.Diff(wantWarns, warns); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	fs, err := Run("../../testdata/lint/ruleset/openapi.yaml", rs.Apply(Config{}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		switch f.ID {
		case "paths-kebab", "no-x-internal", "property-camel", "id-length", "server-https", "contact-or-license", "OPERATION_TAGS", "INFO_CONTACT":
			got = append(got, fmt.Sprintf("%d:%d %s %s: %s", f.Line, f.Col, f.Severity, f.ID, f.Message))
		}
	}
	want := []string{
		`2:1 warning contact-or-license: Custom rule contact-or-license of the ruleset.: info must have at least one of contact, license`,
		`6:10 error server-https: Servers use https.: url must match the pattern "^https://"`,
		`8:3 error paths-kebab: /petOwners is not kebab-case`,
		`9:5 error OPERATION_TAGS: GET /petOwners has no tags`,
		`10:20 warning id-length: operationId must not be longer than 12`,
		`11:19 warning no-x-internal: Operations are not marked internal.: x-internal is not falsy`,
		`20:19 warning property-camel: Custom rule property-camel of the ruleset.: first_name must be camel case`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestCyclicAndDeepContracts (issue 22): $ref cycles, self-references and
// nesting far beyond any real contract end lint normally, with every rule.
func TestCyclicAndDeepContracts(t *testing.T) {
	deep := strings.Repeat("{type: object, properties: {a: ", 2000) + "{type: string}" + strings.Repeat("}}", 2000)
	for name, text := range map[string]string{
		"ref cycle":     "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: \"#/components/schemas/B\"}\n    B: {$ref: \"#/components/schemas/A\"}\n",
		"self ref":      "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: \"#/components/schemas/A\"}\n",
		"allOf cycle":   "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: OK\n          content: {application/json: {schema: {$ref: \"#/components/schemas/A\"}, example: {}}}\ncomponents:\n  schemas:\n    A: {allOf: [{$ref: \"#/components/schemas/A\"}], properties: {n: {oneOf: [{$ref: \"#/components/schemas/A\"}]}}}\n",
		"deep nesting":  "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    D: " + deep + "\n",
		"pointer cycle": "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a: {$ref: \"#/paths/~1b\"}\n  /b: {$ref: \"#/paths/~1a\"}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Run(write(t, "c.yaml", text), Config{Extends: []string{"all"}}); err != nil && !strings.Contains(err.Error(), "exceeded max depth") {
				t.Fatal(err)
			}
		})
	}
}

// TestUnreadableFiles (issue 22): a directory, a device or a missing file
// is an error naming the path, never a hang or a crash.
func TestUnreadableFiles(t *testing.T) {
	for _, p := range []string{t.TempDir(), "/dev/zero", filepath.Join(t.TempDir(), "missing.yaml")} {
		if _, err := Run(p, Config{}); err == nil || !strings.Contains(err.Error(), "read contract") {
			t.Errorf("%s: error %v", p, err)
		}
	}
	if _, err := LoadRuleset("/dev/zero"); err == nil {
		t.Error("ruleset /dev/zero accepted")
	}
}

// TestAliasCoversSeveralRules: a Spectral id that maps to two toolkit rules
// (path-params) configures both.
func TestAliasCoversSeveralRules(t *testing.T) {
	n := len(Config{}.Enabled())
	if got := len(Config{Disable: []string{"path-params"}}.Enabled()); got != n-2 {
		t.Errorf("disabling path-params left %d of %d rules, want %d", got, n, n-2)
	}
}

// TestCorpusSample lints the smaller real-world contracts of the shared
// corpus under every rule: no error, and every finding's line is where its
// JSON pointer leads (the key's line or the value's).
func TestCorpusSample(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/dev/*.json")
	if len(files) == 0 {
		t.Skip("no shared corpus next to the repository")
	}
	checked := 0
	for _, p := range files {
		if fi, err := os.Stat(p); err != nil || fi.Size() > 80<<10 {
			continue
		}
		checked++
		tr := newTree()
		root, err := tr.root(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, f := range run(root, Config{Extends: []string{"all"}}.Enabled()) {
			n := tr.follow(f.File, "#"+f.Pointer)
			if n == nil || f.Line < 1 {
				t.Errorf("%s: finding without a place its pointer leads to: %s", filepath.Base(p), f)
				continue
			}
			// at the node, or at its key just before it
			if at, node := [2]int{f.Line, f.Col}, [2]int{n.Y.Line, n.Y.Column}; at != node && (at[0] > node[0] || at[0] == node[0] && at[1] > node[1]) {
				t.Errorf("%s: finding at %d:%d, after its pointer's node at %d:%d: %s", filepath.Base(p), at[0], at[1], node[0], node[1], f)
			}
		}
	}
	t.Logf("%d corpus contracts linted", checked)
}

// TestSpectralLines pins findings to the lines Spectral reports them at: a
// block mapping at its key, an empty field at the field, a missing one at
// its parent's key.
func TestSpectralLines(t *testing.T) {
	text := `openapi: 3.0.3
info: {title: T, version: "1", description: D, contact: {name: N}}
servers: [{url: "https://api.test"}]
paths:
  /a:
    get:
      operationId: getA
      description: ""
      tags: []
      responses:
        "200": {description: OK}
    post:
      operationId: postA
      responses:
        "200": {description: OK}
`
	p := write(t, "lines.yaml", text)
	fs, err := Run(p, Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := located(fs, "OPERATION_DESCRIPTION", "OPERATION_TAGS")
	sort.Strings(got)
	at := filepath.ToSlash(p) + ":"
	want := []string{
		at + "12:5 /paths/~1a/post OPERATION_DESCRIPTION",
		at + "12:5 /paths/~1a/post OPERATION_TAGS",
		at + "8:20 /paths/~1a/get/description OPERATION_DESCRIPTION",
		at + "9:13 /paths/~1a/get/tags OPERATION_TAGS",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// located lists findings as "file:line:col pointer ID", only those of ids
// when any are given.
func located(fs []findings.Finding, ids ...string) []string {
	var out []string
	for _, f := range fs {
		if len(ids) > 0 && !slices.Contains(ids, f.ID) {
			continue
		}
		out = append(out, filepath.ToSlash(f.File)+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+" "+f.Pointer+" "+f.ID)
	}
	return out
}

// TestYAMLKeyString: plain keys that YAML reads as numbers, booleans or
// null are reported at the key, with the kind, in the root file and in a
// file a $ref of a JSON root leads to; quoted keys are strings.
func TestYAMLKeyString(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "openapi.json")
	os.WriteFile(root, []byte(`{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
 "paths": {"/a": {"$ref": "paths.yaml#/a"}}}
`), 0o644)
	os.WriteFile(filepath.Join(dir, "paths.yaml"), []byte(`a:
  get:
    responses:
      200: {description: OK}
      "404": {description: Missing}
      true: {description: Odd}
`), 0o644)
	fs, err := Run(root, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range byRule(fs, "YAML_KEY_STRING") {
		got = append(got, fmt.Sprintf("%s:%d:%d %s: %s", filepath.Base(f.File), f.Line, f.Col, f.Pointer, f.Message))
	}
	want := []string{
		"paths.yaml:4:7 /a/get/responses/200: mapping key 200 is a number, not a string",
		"paths.yaml:6:7 /a/get/responses/true: mapping key true is a boolean, not a string",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
