package golang

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// TestRuntimeIndex: runtimeindex_gen.go describes the runtime folder as it
// is, and holds what parsing the folder finds. After an edit of the
// runtime, rewrite it with -update (until then gen parses the folder in
// every run, as TestRuntimeIndexStale shows).
func TestRuntimeIndex(t *testing.T) {
	parsed, err := parseRuntime()
	if err != nil {
		t.Fatal(err)
	}
	files, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	want, err := encodeRuntimeIndex(parsed, files)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("runtimeindex_gen.go", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("runtimeindex_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gotLines, wantLines := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := range min(len(gotLines), len(wantLines)) {
			if !bytes.Equal(gotLines[i], wantLines[i]) {
				t.Fatalf("runtimeindex_gen.go is stale (run go test ./generator/golang -run TestRuntimeIndex -update); line %d:\n got %.200q\nwant %.200q", i+1, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("runtimeindex_gen.go is stale (run go test ./generator/golang -run TestRuntimeIndex -update): %d lines, want %d", len(gotLines), len(wantLines))
	}
	if !indexFresh(files) {
		t.Fatal("the index does not describe the runtime files it was written from")
	}
	if !reflect.DeepEqual(runtimeIndex, parsed) {
		t.Error("the compiled index differs from the parsed runtime")
		for i := range min(len(runtimeIndex.decls), len(parsed.decls)) {
			if !reflect.DeepEqual(runtimeIndex.decls[i], parsed.decls[i]) {
				t.Fatalf("first differing declaration %d:\n got %+v\nwant %+v", i, *runtimeIndex.decls[i], *parsed.decls[i])
			}
		}
	}
	loaded, err := loadRuntime()
	if err != nil {
		t.Fatal(err)
	}
	if loaded != runtimeIndex {
		t.Error("loadRuntime parsed the runtime although the index is fresh")
	}
}

// TestRuntimeIndexStale: an index of other runtime files (one more, one
// fewer, one of another size or name) is not used.
func TestRuntimeIndexStale(t *testing.T) {
	files, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("runtime files %v: want several", files)
	}
	resized := slices0(files)
	resized[1].size++
	renamed := slices0(files)
	renamed[0].name = "other.go"
	for name, fs := range map[string][]runtimeFileSize{
		"one more":  append(slices0(files), runtimeFileSize{"zz.go", 10}),
		"one fewer": files[1:],
		"resized":   resized,
		"renamed":   renamed,
		"none":      nil,
	} {
		if indexFresh(fs) {
			t.Errorf("%s: the index counts as fresh", name)
		}
	}
}

func slices0(f []runtimeFileSize) []runtimeFileSize { return append([]runtimeFileSize(nil), f...) }
