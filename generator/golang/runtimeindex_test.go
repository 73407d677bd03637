package golang

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestRuntimeIndex: runtimeindex.txt describes the runtime folder as it
// is, and reads back as what parsing the folder finds. After an edit of
// the runtime, rewrite it with -update (until then gen parses the folder
// in every run, as TestRuntimeIndexStale shows).
func TestRuntimeIndex(t *testing.T) {
	parsed, err := parseRuntime()
	if err != nil {
		t.Fatal(err)
	}
	srcs, hash, err := readRuntimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	want := encodeRuntimeIndex(parsed, hash)
	if *update {
		if err := os.WriteFile("runtimeindex.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if runtimeIndexText != want {
		got, wantLines := strings.Split(runtimeIndexText, "\n"), strings.Split(want, "\n")
		for i := range min(len(got), len(wantLines)) {
			if got[i] != wantLines[i] {
				t.Fatalf("runtimeindex.txt is stale (run go test ./generator/golang -run TestRuntimeIndex -update); line %d:\n got %.200q\nwant %.200q", i+1, got[i], wantLines[i])
			}
		}
		t.Fatalf("runtimeindex.txt is stale (run go test ./generator/golang -run TestRuntimeIndex -update): %d lines, want %d", len(got), len(wantLines))
	}
	decoded, ok, err := decodeRuntimeIndex(runtimeIndexText, hash, srcs)
	if err != nil || !ok {
		t.Fatalf("decodeRuntimeIndex: ok %v, %v", ok, err)
	}
	if !reflect.DeepEqual(decoded, parsed) {
		t.Error("the index reads back as something else than the parsed runtime")
		for i := range min(len(decoded.decls), len(parsed.decls)) {
			if !reflect.DeepEqual(decoded.decls[i], parsed.decls[i]) {
				t.Fatalf("first differing declaration %d:\n got %+v\nwant %+v", i, *decoded.decls[i], *parsed.decls[i])
			}
		}
	}
	loaded, err := loadRuntime()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded, parsed) {
		t.Error("loadRuntime differs from the parsed runtime")
	}
}

// TestRuntimeIndexStale: an index of other runtime files is not used,
// and a damaged one is an error, not a partial runtime.
func TestRuntimeIndexStale(t *testing.T) {
	srcs, hash, err := readRuntimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := decodeRuntimeIndex(runtimeIndexText, "0123", srcs); ok || err != nil {
		t.Errorf("index of other files: ok %v, err %v; want not ok, no error", ok, err)
	}
	for _, c := range []struct{ name, text, want string }{
		{"no hash first", "file\tcodec.go\nhash\t" + hash + "\n", "runtimeindex.txt:1: does not start with the hash"},
		{"short decl", "hash\t" + hash + "\nfile\tcodec.go\ndecl\t0\t0\n", "runtimeindex.txt:3: want 9 fields"},
		{"offsets", "hash\t" + hash + "\nfile\tcodec.go\ndecl\t0\t5\t999999999\t\t\t\t\t\t\n", "runtimeindex.txt:3: offsets out of range"},
		{"no file", "hash\t" + hash + "\ndecl\t0\t0\t1\t\t\t\t\t\t\n", "runtimeindex.txt:2: offsets out of range"},
		{"unknown", "hash\t" + hash + "\nwhat\tx\n", `runtimeindex.txt:2: unknown line "what"`},
		{"unknown file", "hash\t" + hash + "\nfile\tnope.go\n", `runtimeindex.txt:2: no runtime file "nope.go"`},
	} {
		_, ok, err := decodeRuntimeIndex(c.text, hash, srcs)
		if err == nil || ok || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: ok %v, err %v; want an error containing %q", c.name, ok, err, c.want)
		}
	}
}
