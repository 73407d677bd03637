package generator

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readTree returns every file under dir (relative, slash-separated) with
// its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// siblings lists the entries beside dir other than dir itself.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func genFile(name, body string) File {
	return File{Name: name, Data: []byte("// " + Header + "\n\npackage a // " + body + "\n")}
}

// killAfter runs Write in a goroutine that dies, as kill -9 would (no
// deferred cleanup of Write's own runs, since Write has none), after n
// steps: files staged, the commit record, renames.
func killAfter(t *testing.T, n int, dir string, files []File) {
	t.Helper()
	count := 0
	step = func() {
		count++
		if count == n {
			runtime.Goexit()
		}
	}
	defer func() { step = func() {} }()
	done := make(chan error, 1)
	go func() {
		defer close(done)
		done <- Write(dir, files)
	}()
	if err, ok := <-done; ok {
		t.Fatalf("Write finished (%v); the test meant to stop it after %d steps", err, n)
	}
}

// TestKilledWriteLeavesNoMix: a write stopped while staging leaves the old
// files exactly; one stopped during the renames is finished by the next
// run before it does anything else; either way the folder ends up holding
// one version, and the user's file is untouched.
func TestKilledWriteLeavesNoMix(t *testing.T) {
	old := []File{genFile("a.gen.go", "old a"), genFile("b.gen.go", "old b"), genFile("c.gen.go", "old c")}
	next := []File{genFile("a.gen.go", "new a"), genFile("b.gen.go", "new b"), genFile("c.gen.go", "new c")}
	want := func(files []File) map[string]string {
		m := map[string]string{"mine.go": "package a\n"}
		for _, f := range files {
			m[f.Name] = string(f.Data)
		}
		return m
	}
	setup := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "api")
		if err := Write(dir, old); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "mine.go"), []byte("package a\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	for _, tc := range []struct {
		name  string
		steps int // steps before the kill: files staged, the record, renames
		// midway are the files the folder holds right after the kill.
		midway map[string]string
		after  []File // what recovery leaves
	}{
		{"while staging", 2, want(old), old},
		{"while renaming", 5, map[string]string{"a.gen.go": string(next[0].Data), "b.gen.go": string(old[1].Data), "c.gen.go": string(old[2].Data), "mine.go": "package a\n"}, next},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := setup(t)
			killAfter(t, tc.steps, dir, next)
			if diff := cmp.Diff(tc.midway, readTree(t, dir)); diff != "" {
				t.Fatalf("folder right after the kill (-want +got):\n%s", diff)
			}
			if err := Recover(dir); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want(tc.after), readTree(t, dir)); diff != "" {
				t.Errorf("folder after recovery (-want +got):\n%s", diff)
			}
			if s := siblings(t, dir); len(s) != 0 {
				t.Errorf("staging left beside the folder after recovery: %v", s)
			}
		})
	}
	t.Run("a folder in the way", func(t *testing.T) {
		dir := setup(t)
		// A name that is a folder on disk: refused before anything is staged.
		if err := os.Mkdir(filepath.Join(dir, "d.gen.go"), 0o755); err != nil {
			t.Fatal(err)
		}
		files := append(append([]File{}, next...), genFile("d.gen.go", "new d"))
		if err := Write(dir, files); err == nil {
			t.Fatal("Write over a folder succeeded")
		}
		if diff := cmp.Diff(want(old), readTree(t, dir)); diff != "" {
			t.Errorf("folder after a failed write (-want +got):\n%s", diff)
		}
		if s := siblings(t, dir); len(s) != 0 {
			t.Errorf("staging left beside the folder after a failed write: %v", s)
		}
	})
}

// TestStaleTempsCleaned: temporary files and staging folders an earlier
// run left are removed by the next write; other dot files are not.
func TestStaleTempsCleaned(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "api")
	if err := Write(dir, []File{genFile("a.gen.go", "a")}); err != nil {
		t.Fatal(err)
	}
	leftovers := []string{
		filepath.Join(dir, ".a.gen.go.tmp123456"),
		filepath.Join(filepath.Dir(dir), ".api"+stageInfix+"99", "a.gen.go"),
	}
	keep := []string{filepath.Join(dir, ".env"), filepath.Join(dir, "notes.tmp1"), filepath.Join(filepath.Dir(dir), ".other"+stageInfix+"1", "x")}
	for _, p := range append(append([]string{}, leftovers...), keep...) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(dir, []File{genFile("a.gen.go", "a2")}); err != nil {
		t.Fatal(err)
	}
	for _, p := range leftovers {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s not cleaned: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Dir(leftovers[1])); !os.IsNotExist(err) {
		t.Errorf("uncommitted staging folder not removed: %v", err)
	}
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed although it is not ours: %v", p, err)
		}
	}
}

// staleSetup writes a package of three toolkit files, a user's file, and
// another generator's *.gen.go, then returns the set without b.gen.go.
func staleSetup(t *testing.T) (string, []File) {
	dir := filepath.Join(t.TempDir(), "api")
	files := []File{genFile("a.gen.go", "a"), genFile("b.gen.go", "b"), genFile("c.gen.go", "c")}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"mine.go":      "package a\n",
		"mine.gen.go":  "package a // no header: the user's\n",
		"other.gen.go": "// Code generated by othergen. DO NOT EDIT.\n\npackage a\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := genFile("x.gen.go", "another package")
	if err := os.WriteFile(filepath.Join(dir, "sub", sub.Name), sub.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, []File{files[0], files[2]}
}

// TestGenRemovesStaleTargetFiles: generating fewer targets removes the
// dropped target's file, and only toolkit's own files in the package
// folder itself.
func TestGenRemovesStaleTargetFiles(t *testing.T) {
	dir, fewer := staleSetup(t)
	if err := Write(dir, fewer); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if _, ok := got["b.gen.go"]; ok {
		t.Error("b.gen.go, of a target no longer generated, is still there")
	}
	for _, name := range []string{"a.gen.go", "c.gen.go", "mine.go", "mine.gen.go", "other.gen.go", "sub/x.gen.go"} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s removed; only toolkit's files of the package are stale", name)
		}
	}
	// A set without generated Go files (docs, a scaffold's own files) is
	// not a package: it removes nothing.
	if err := Write(dir, []File{{Name: "API.md", Data: []byte(MarkupHeader + "\n")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.gen.go")); err != nil {
		t.Errorf("writing docs into the folder removed the package: %v", err)
	}
}

// TestCheckReportsStaleTargetFiles: --check names the file gen would
// remove, and nothing else.
func TestCheckReportsStaleTargetFiles(t *testing.T) {
	dir, fewer := staleSetup(t)
	stale, err := Check(dir, fewer)
	if err != nil {
		t.Fatal(err)
	}
	want := []Stale{{Name: "b.gen.go", Reason: ReasonNoTarget, Diff: filepath.Join(dir, "b.gen.go") + ": generated by toolkit for a target no longer generated; toolkit gen removes it\n"}}
	if diff := cmp.Diff(want, stale); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}

// TestWriteRefusesUserMarkup: a page or Markdown file in the way without
// the generated line is the user's (docs relies on this); one with it is
// replaced.
func TestWriteRefusesUserMarkup(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "API.md"), []byte("# My API notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, []File{{Name: "index.html", Data: []byte("<!DOCTYPE html>\n" + MarkupHeader + "\n")}, {Name: "API.md", Data: []byte(MarkupHeader + "\n# API\n")}})
	if err == nil || !strings.Contains(err.Error(), "API.md exists and is not generated code") {
		t.Fatalf("Write over a user's API.md: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); !os.IsNotExist(err) {
		t.Errorf("index.html written although the run failed: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "API.md"), []byte(MarkupHeader+"\n# old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, []File{{Name: "API.md", Data: []byte(MarkupHeader + "\n# API\n")}}); err != nil {
		t.Errorf("Write over a generated API.md: %v", err)
	}
}

// TestWriteStagesInsideWhenParentRefuses: where the folder beside the
// output cannot be written (out: . under a read-only parent), staging
// happens inside the output folder, and an interrupted write there is
// finished by the next run too.
func TestWriteStagesInsideWhenParentRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "api")
	if err := Write(dir, []File{genFile("a.gen.go", "old a"), genFile("b.gen.go", "old b")}); err != nil {
		t.Fatal(err)
	}
	parent := filepath.Dir(dir)
	mkdirTemp = func(d, pattern string) (string, error) {
		if d == parent {
			return "", os.ErrPermission
		}
		return os.MkdirTemp(d, pattern)
	}
	defer func() { mkdirTemp = os.MkdirTemp }()
	next := []File{genFile("a.gen.go", "new a"), genFile("b.gen.go", "new b")}
	killAfter(t, 4, dir, next) // 2 staged, the record, one rename
	if err := Recover(dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.gen.go": string(next[0].Data), "b.gen.go": string(next[1].Data)}
	if diff := cmp.Diff(want, readTree(t, dir)); diff != "" {
		t.Errorf("folder after recovering a write staged inside it (-want +got):\n%s", diff)
	}
	if err := Write(dir, []File{genFile("a.gen.go", "a3")}); err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"a.gen.go": string(genFile("a.gen.go", "a3").Data)} // b.gen.go: a dropped target
	if diff := cmp.Diff(want, readTree(t, dir)); diff != "" {
		t.Errorf("folder after a write staged inside it (-want +got):\n%s", diff)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("something was written beside the folder: %v", s)
	}
}

// TestInterruptedWriteFoundAndSaid: a write killed during its renames is
// found as committed, with the files still to move counted; Check reports
// it first, as stale, and changes nothing (it writes nothing); the next
// Write finishes it. A write killed while staging is found as not
// committed, and the folder is untouched.
func TestInterruptedWriteFoundAndSaid(t *testing.T) {
	old := []File{genFile("a.gen.go", "old a"), genFile("b.gen.go", "old b"), genFile("c.gen.go", "old c")}
	next := []File{genFile("a.gen.go", "new a"), genFile("b.gen.go", "new b"), genFile("c.gen.go", "new c")}
	for _, tc := range []struct {
		steps     int
		committed bool
		left      int
		says      string
	}{
		{5, true, 2, "was interrupted while moving its files into place (2 of 3 still to move; "},
		{2, false, 0, "was interrupted before changing it (its staging folder "},
	} {
		dir := filepath.Join(t.TempDir(), "api")
		if err := Write(dir, old); err != nil {
			t.Fatal(err)
		}
		killAfter(t, tc.steps, dir, next)
		midway := readTree(t, dir)
		found, err := FindInterrupted(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 1 || found[0].Committed != tc.committed || found[0].Left != tc.left || !strings.Contains(found[0].String(), tc.says) {
			t.Fatalf("after %d steps: found %+v, want one, committed %v, %d left, saying %q", tc.steps, found, tc.committed, tc.left, tc.says)
		}
		stale, err := Check(dir, next)
		if err != nil {
			t.Fatal(err)
		}
		if len(stale) == 0 || stale[0].Reason != ReasonInterrupted || stale[0].Name != filepath.Join("..", filepath.Base(found[0].Stage)) || !strings.Contains(stale[0].Diff, tc.says) {
			t.Errorf("Check: %+v, want the interrupted write first, named by its staging folder", stale)
		}
		if diff := cmp.Diff(midway, readTree(t, dir)); diff != "" {
			t.Errorf("Check changed the folder (-before +after):\n%s", diff)
		}
		if again, _ := FindInterrupted(dir); len(again) != 1 {
			t.Errorf("Check recovered the write: %d left", len(again))
		}
		if err := Write(dir, next); err != nil {
			t.Fatal(err)
		}
		if again, _ := FindInterrupted(dir); len(again) != 0 {
			t.Errorf("after Write: %+v still found", again)
		}
		if stale, _ := Check(dir, next); len(stale) != 0 {
			t.Errorf("after Write: stale %+v", stale)
		}
	}
}
