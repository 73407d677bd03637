package golang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// interfaceMethods parses a generated server.gen.go and returns the method
// names of its Handler interface, in source order.
func interfaceMethods(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "server.gen.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "Handler" {
			return true
		}
		for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
			for _, n := range m.Names {
				out = append(out, n.Name)
			}
		}
		return false
	})
	return out
}

func loadModel(t *testing.T, path string) *contract.Model {
	t.Helper()
	_, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return m
}

// TestHandlerMethodsMatchServer checks that HandlerMethods names exactly
// the methods of the Handler interface the server emitter writes, for
// every shared contract and the petstore example.
func TestHandlerMethodsMatchServer(t *testing.T) {
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	for _, name := range sortedCases(cases) {
		t.Run(name, func(t *testing.T) {
			m := loadModel(t, cases[name])
			opts := generator.Options{Package: "api", Targets: []string{"server"}}
			var server []byte
			files, err := Generate(m, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if f.Name == "server.gen.go" {
					server = f.Data
				}
			}
			want := interfaceMethods(t, server)
			if len(want) == 0 {
				t.Fatal("no Handler methods in server.gen.go")
			}
			if diff := cmp.Diff(want, HandlerMethods(m, opts)); diff != "" {
				t.Errorf("HandlerMethods (-server +got):\n%s", diff)
			}
		})
	}
}

func TestHandlerMethodsPetstore(t *testing.T) {
	m := loadModel(t, "../../examples/petstore/openapi.yaml")
	got := HandlerNames(m, generator.Options{Package: "api"})
	var methods []string
	for _, n := range got {
		methods = append(methods, n.Method+" "+n.Request+" "+n.Response+" "+n.Op.ID)
	}
	want := []string{
		"ListPets ListPetsRequest ListPetsResponse listPets",
		"CreatePet CreatePetRequest CreatePetResponse createPet",
		"GetPet GetPetRequest GetPetResponse getPet",
		"DeletePet DeletePetRequest DeletePetResponse deletePet",
		"UpdatePet UpdatePetRequest UpdatePetResponse updatePet",
	}
	if diff := cmp.Diff(want, methods); diff != "" {
		t.Errorf("HandlerNames (-want +got):\n%s", diff)
	}
}

// TestHandlerStubsHostileSummary: a summary that tries to close the
// comment and declare code stays inside comments.
func TestHandlerStubsHostileSummary(t *testing.T) {
	m := &contract.Model{Operations: []*contract.Operation{{
		ID: "ping", Method: "GET", Path: "/ping",
		Summary:   "Ping */ func init() { panic(1) } /*\n/* evil */ var X = 1\n// still a comment\u202e",
		Responses: []*contract.Response{{Status: "204"}},
	}}}
	f, err := HandlerStubs(m, generator.Options{Package: "api"}, "example.com/svc/api", "service")
	if err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.ParseComments)
	if err != nil {
		t.Fatalf("stubs do not parse: %v\n%s", err, f.Data)
	}
	var decls []string
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			decls = append(decls, "func "+d.Name.Name)
		case *ast.GenDecl:
			decls = append(decls, d.Tok.String())
		}
	}
	want := []string{"import", "type", "func New", "var", "func Ping"}
	if diff := cmp.Diff(want, decls); diff != "" {
		t.Errorf("declarations (-want +got):\n%s\n%s", diff, f.Data)
	}
	if strings.ContainsRune(string(f.Data), '\u202e') {
		t.Error("bidirectional override kept in a comment")
	}
	if !f.UserOwned {
		t.Error("stubs are not user-owned")
	}
}

// TestHandlerStubsBuild compiles the stubs of every shared contract against
// its generated package, and checks a stub answers what Unimplemented
// answers, through a test in the generated module.
func TestHandlerStubsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	dir := t.TempDir()
	for _, name := range sortedCases(cases) {
		pkg := "c" + localName(name)
		m := loadModel(t, cases[name])
		opts := generator.Options{Package: pkg}
		files, err := Generate(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		stubs, err := HandlerStubs(m, opts, "example.com/gen/"+pkg, "service")
		if err != nil {
			t.Fatal(err)
		}
		stubs.Name = filepath.Join("..", pkg+"service", stubs.Name)
		if err := os.MkdirAll(filepath.Join(dir, pkg+"service"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeModule(t, dir, pkg, append(files, stubs))
	}
	// One behavioural check: the petstore stub answers a NotImplementedError.
	test := `package service

import (
	"context"
	"errors"
	"testing"

	api "example.com/gen/cpetstore"
)

func TestStub(t *testing.T) {
	_, err := New().GetPet(context.Background(), api.GetPetRequest{})
	var ni *api.NotImplementedError
	if !errors.As(err, &ni) || ni.Operation != "getPet" {
		t.Fatalf("err = %v, want a NotImplementedError for getPet", err)
	}
}
`
	if err := os.WriteFile(filepath.Join(dir, "cpetstoreservice", "service_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
	goRun(t, dir, "test", "./cpetstoreservice")
}
