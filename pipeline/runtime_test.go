package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// module makes a module example.com/svc in a temporary folder.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("// a comment\nmodule \"example.com/svc\" // quoted\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestResolveRuntime: where a shared runtime goes, and every setting that
// cannot work refused with the reason.
func TestResolveRuntime(t *testing.T) {
	mod := module(t)
	out := filepath.Join(mod, "api", "pets")
	for _, tc := range []struct {
		name            string
		en              Entry
		wantImp, wantIn string // wantIn: the folder, relative to the module
		err             string
	}{
		{name: "copy by default", en: Entry{Out: out}},
		{name: "copy", en: Entry{Out: out, Runtime: "copy"}},
		{name: "shared", en: Entry{Out: out, Runtime: "shared"}, wantImp: "example.com/svc/internal/toolkitruntime", wantIn: "internal/toolkitruntime"},
		{name: "package alone means shared", en: Entry{Out: out, RuntimePackage: "example.com/svc/gen/rt"}, wantImp: "example.com/svc/gen/rt", wantIn: "gen/rt"},
		{name: "misspelt", en: Entry{Out: out, Runtime: "sharde"}, err: `runtime "sharde": want copy or shared`},
		{name: "copy with a package", en: Entry{Out: out, Runtime: "copy", RuntimePackage: "example.com/svc/rt"}, err: "runtime is copy"},
		{name: "outside the module", en: Entry{Out: out, RuntimePackage: "example.com/svcx/rt"}, err: "outside module example.com/svc"},
		{name: "not clean", en: Entry{Out: out, RuntimePackage: "example.com/svc/../rt"}, err: "not a clean import path"},
		{name: "the output folder", en: Entry{Out: out, RuntimePackage: "example.com/svc/api/pets"}, err: "the output folder itself"},
		{name: "no module", en: Entry{Out: filepath.Join(filepath.Dir(mod), "elsewhere-"+filepath.Base(mod)), Runtime: "shared"}, err: "needs a go.mod"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt, err := resolveRuntime(tc.en)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := sharedRuntime{importPath: tc.wantImp}
			if tc.wantIn != "" {
				want.dir = filepath.Join(mod, filepath.FromSlash(tc.wantIn))
			}
			if rt != want {
				t.Errorf("got %+v, want %+v", rt, want)
			}
		})
	}
}

// TestRunSharedRuntime: two entries of one module share one runtime
// package, written once beside them; neither carries a copy, both import
// it; and --check sees it stale once changed.
func TestRunSharedRuntime(t *testing.T) {
	mod := module(t)
	entries := []Entry{
		{Contract: kitchen, Out: filepath.Join(mod, "a"), Runtime: "shared"},
		{Contract: kitchen, Out: filepath.Join(mod, "b"), Runtime: "shared"},
	}
	res, err := Run(entries, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outputs) != 3 {
		t.Fatalf("%d outputs, want the two packages and the shared runtime", len(res.Outputs))
	}
	rt := filepath.Join(mod, "internal", "toolkitruntime", "runtime.gen.go")
	data, err := os.ReadFile(rt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("\npackage toolkitruntime\n")) || !bytes.Contains(data, []byte("type JsonReader struct")) {
		t.Errorf("%s is not the shared runtime:\n%.300s", rt, data)
	}
	for _, pkg := range []string{"a", "b"} {
		server, err := os.ReadFile(filepath.Join(mod, pkg, "server.gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(server, []byte(`toolkitruntime "example.com/svc/internal/toolkitruntime"`)) {
			t.Errorf("%s/server.gen.go does not import the shared runtime", pkg)
		}
		if aliases, err := os.ReadFile(filepath.Join(mod, pkg, "runtime.gen.go")); err != nil || bytes.Contains(aliases, []byte("type jsonReader")) {
			t.Errorf("%s/runtime.gen.go should hold aliases only (err %v)", pkg, err)
		}
	}
	if err := os.WriteFile(rt, append(data, "// edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(entries, Options{Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stale() || len(res.Outputs[2].Stale) != 1 {
		t.Errorf("an edited shared runtime is not reported stale: %+v", res.Outputs[2].Stale)
	}
}
