package lint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	var got []string
	for _, f := range fs {
		got = append(got, filepath.ToSlash(f.File)+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+" "+f.Pointer+" "+f.RuleID)
	}
	want := []string{
		"../../testdata/lint/multifile/parts/parameters.yaml:2:3 /PetId PARAMETER_DESCRIPTION",
		"../../testdata/lint/multifile/schemas/pet.yaml:6:13 /Pet/properties/size/enum ENUM_SINGLE_TYPE",
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
		if filepath.ToSlash(f.File) == "../../testdata/contracts/multifile/parts/parameters.yaml" && f.Line == 2 && f.Col == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("no PARAMETER_DESCRIPTION at parts/parameters.yaml:2:3; got %+v", fs)
	}
}

func TestConfig(t *testing.T) {
	bad := strings.Replace(good, "      summary: Get a pet.\n", "", 1)
	p := write(t, "c.yaml", bad)
	tests := []struct {
		name string
		cfg  Config
		want []Severity
	}{
		{"default", Config{}, []Severity{Warning}},
		{"disabled", Config{Disable: []string{"OPERATION_DESCRIPTION"}}, nil},
		{"raised", Config{Severity: map[string]Severity{"OPERATION_DESCRIPTION": Error}}, []Severity{Error}},
		{"off", Config{Severity: map[string]Severity{"OPERATION_DESCRIPTION": Off}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Run(p, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []Severity
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
	bad := strings.Replace(good, "      summary: Get a pet.\n", "", 1)
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

// TestFormats compares each output format of the multi-file findings with
// a golden file.
func TestFormats(t *testing.T) {
	fs, err := Run("../../testdata/lint/multifile/openapi.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, fs); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("../../testdata/lint/golden", "multifile."+format)
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
	if err := Write(&bytes.Buffer{}, "xml", fs); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	Write(&buf, "github", []Finding{{RuleID: "X", Severity: Warning, File: "a,b:c.yaml", Line: 3, Col: 4, Pointer: "/p", Message: "line1\nline2 100%"}})
	want := "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=X::/p: line1%0Aline2 100%25\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
