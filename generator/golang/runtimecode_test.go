package golang

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRuntimeEmbedded checks that the embedded runtime is the runtime
// folder's Go files, tests excluded: a file added to the folder but not to
// the go:embed line would be compiled and tested, yet never generated.
func TestRuntimeEmbedded(t *testing.T) {
	entries, err := os.ReadDir("runtime")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && copiedFile(n) {
			want = append(want, n)
		}
	}
	rt, err := loadRuntime()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, rt.files); diff != "" {
		t.Errorf("runtime files copied into packages (-folder +copied):\n%s", diff)
	}
}

// TestRuntimeSelect checks which declarations a set of identifiers keeps:
// what they name, what those use, a kept type's exported methods and
// constructors, and nothing else.
func TestRuntimeSelect(t *testing.T) {
	rt := mustRuntime()
	for _, tc := range []struct {
		used []string
		want []string
	}{
		{nil, nil},
		{[]string{"isDate", "x", "Pet"}, []string{"isDate"}},
		{[]string{"ValidationError"}, []string{"ValidationError", "ValidationError.Error"}},
		{[]string{"decodeError"}, []string{"ValidationError", "ValidationError.Error", "decodeError", "jsonKind"}},
		{[]string{"Nullable"}, []string{"Nullable", "NewNullable", "Null", "Nullable.IsZero", "Nullable.MarshalJSON", "Nullable.UnmarshalJSON"}},
		// Client is the generated code's own type: its runtime methods are
		// kept where it is declared, and a method not selected is not; a
		// mere use of the name (a local) keeps none.
		{[]string{"decl Client", ".send"}, []string{"Client.send"}},
		{[]string{"Client", ".send"}, nil},
		{[]string{".send"}, nil},
		// route uses server: a field or local called route keeps it only
		// where the generated code declares server.
		{[]string{"route"}, nil},
	} {
		used := map[string]bool{}
		for _, u := range tc.used {
			used[u] = true
		}
		var got []string
		for _, d := range rt.selectRuntime(used) {
			if d.recv != "" {
				got = append(got, d.recv+"."+d.name)
			} else {
				got = append(got, d.names...)
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("selectRuntime(%v) (-want +got):\n%s", tc.used, diff)
		}
	}
}

// TestRuntimeNoUnused type-checks the package generated for petstore, for
// every target and for types, client and server alone, and fails on an
// unexported declaration of runtime.gen.go that nothing outside itself
// uses: the runtime copied in must be what the package needs, no more.
// Exported names are the package's API and are not checked.
func TestRuntimeNoUnused(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks generated packages against the standard library")
	}
	imp := importer.Default()
	for _, targets := range [][]string{nil, {"types"}, {"client"}, {"server"}} {
		name := "all"
		if targets != nil {
			name = strings.Join(targets, "+")
		}
		t.Run(name, func(t *testing.T) {
			files := generateFiles(t, "../../examples/petstore/openapi.yaml", "api", targets...)
			fset := token.NewFileSet()
			var parsed []*ast.File
			hasRuntime := false
			for _, f := range files {
				hasRuntime = hasRuntime || f.Name == runtimeFile
				pf, err := parser.ParseFile(fset, f.Name, f.Data, 0)
				if err != nil {
					t.Fatal(err)
				}
				parsed = append(parsed, pf)
			}
			if !hasRuntime {
				t.Fatalf("no %s among the files", runtimeFile)
			}
			info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
			if _, err := (&types.Config{Importer: imp}).Check("api", fset, parsed, info); err != nil {
				t.Fatal(err)
			}
			for _, name := range unusedDecls(fset, parsed, info) {
				if strings.HasPrefix(name, runtimeFile+":") {
					t.Errorf("unused: %s", name)
				}
			}
		})
	}
}

// unusedDecls lists the unexported package-level declarations and methods
// of files that no code outside their own declaration uses, as
// "file:line:col: name". A method counts as used when a method of its name
// is called anywhere or an interface of the package declares it: which
// concrete method a call through an interface reaches is not known
// statically.
func unusedDecls(fset *token.FileSet, files []*ast.File, info *types.Info) []string {
	type span struct{ from, to token.Pos }
	decls := map[types.Object]span{}
	for _, f := range files {
		for _, d := range f.Decls {
			s := span{d.Pos(), d.End()}
			switch d := d.(type) {
			case *ast.FuncDecl:
				decls[info.Defs[d.Name]] = s
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						decls[info.Defs[sp.Name]] = s
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if n.Name != "_" {
								decls[info.Defs[n]] = s
							}
						}
					}
				}
			}
		}
	}
	used := map[types.Object]bool{}
	methods := map[string]bool{} // names of methods used or in an interface
	for id, obj := range info.Uses {
		fn, isFunc := obj.(*types.Func)
		if isFunc {
			obj = fn.Origin()
		}
		if s, ok := decls[obj]; ok && (id.Pos() >= s.from && id.Pos() < s.to) {
			continue // a use in its own declaration: recursion
		}
		used[obj] = true
		if isFunc && fn.Signature().Recv() != nil {
			methods[fn.Name()] = true
		}
	}
	for _, obj := range info.Defs {
		if tn, ok := obj.(*types.TypeName); ok {
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					methods[m.Name()] = true
				}
			}
		}
	}
	var out []string
	for obj := range decls {
		if obj == nil || obj.Exported() || used[obj] {
			continue
		}
		if fn, ok := obj.(*types.Func); ok && fn.Signature().Recv() != nil && methods[fn.Name()] {
			continue
		}
		out = append(out, fset.Position(obj.Pos()).String()+": "+obj.Name())
	}
	slices.Sort(out)
	return out
}
