package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, []File{{Name: "a.gen.go", Data: []byte("one\n")}, {Name: "sub/b.go", Data: []byte("mine\n"), UserOwned: true}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub/b.go"), []byte("edited by the user\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, []File{{Name: "a.gen.go", Data: []byte("two\n")}, {Name: "sub/b.go", Data: []byte("mine\n"), UserOwned: true}}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.gen.go": "two\n", "sub/b.go": "edited by the user\n"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteRefusesNamesOutsideDir(t *testing.T) {
	for _, name := range []string{"../escape.go", "/etc/passwd", "a/../../b.go", "", `a\b.go`} {
		dir := t.TempDir()
		err := Write(dir, []File{{Name: "ok.go", Data: []byte("x")}, {Name: name, Data: []byte("x")}})
		if err == nil {
			t.Errorf("Write(%q) succeeded, want an error", name)
		}
		if _, statErr := os.Stat(filepath.Join(dir, "ok.go")); statErr == nil {
			t.Errorf("Write(%q) wrote other files before failing; want nothing written", name)
		}
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Name: "a.gen.go", Data: []byte("line 1\nline 2\nline 3\n")}, {Name: "own.go", Data: []byte("x"), UserOwned: true}}
	stale, err := Check(dir, files)
	if err != nil || len(stale) != 1 || !strings.Contains(stale[0].Diff, "missing") {
		t.Fatalf("Check on empty dir = %v, %v; want a.gen.go missing", stale, err)
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if stale, err := Check(dir, files); err != nil || len(stale) != 0 {
		t.Fatalf("Check after Write = %v, %v; want up to date", stale, err)
	}
	files[0].Data = []byte("line 1\nline two\nline 3\n")
	stale, err = Check(dir, files)
	if err != nil || len(stale) != 1 {
		t.Fatalf("Check after change = %v, %v", stale, err)
	}
	for _, want := range []string{"@@ -1,3 +1,3 @@", "-line 2", "+line two", " line 3"} {
		if !strings.Contains(stale[0].Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, stale[0].Diff)
		}
	}
}

func TestUnifiedDiffHunks(t *testing.T) {
	var a, b []string
	for i := 1; i <= 30; i++ {
		a = append(a, "l"+strings.Repeat("x", i))
		b = append(b, "l"+strings.Repeat("x", i))
	}
	b[4], b[25] = "changed early", "changed late"
	d := UnifiedDiff("a", "b", strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
	if n := strings.Count(d, "@@ -"); n != 2 {
		t.Errorf("want 2 hunks for two distant changes, got %d:\n%s", n, d)
	}
	if !strings.Contains(d, "@@ -2,7 +2,7 @@") {
		t.Errorf("first hunk header wrong:\n%s", d)
	}
}
