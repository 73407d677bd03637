package golang

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/contractfirst/toolkit/generator"
)

// Fixed code that only some packages need is ordinary Go in runtime/
// (package runtime, unexported names, tested there). A package that uses a
// file gets a verbatim copy, runtime/NAME.go as NAME.gen.go, under its own
// package clause.

//go:embed runtime/schemacheck.go runtime/servers.go
var runtimeFS embed.FS

// runtimeNames are the package-level names of every copied runtime file,
// reserved so no generated name takes them.
var runtimeNames = sync.OnceValue(func() []string {
	names := []string{"schemaNodes", "operationServers"}
	files, _ := fs.Glob(runtimeFS, "runtime/*.go")
	for _, name := range files {
		src, _ := runtimeFS.ReadFile(name)
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			panic("generator/golang: " + name + " does not parse: " + err.Error())
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				names = append(names, d.Name.Name)
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						names = append(names, sp.Name.Name)
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
	}
	sort.Strings(names)
	return names
})

// useRuntime marks runtime/name as needed by the package being generated.
func (g *gen) useRuntime(name string) {
	if g.runtimeUsed == nil {
		g.runtimeUsed = map[string]bool{}
	}
	g.runtimeUsed[name] = true
}

// runtimeFiles are the copies of the runtime files the package uses.
func (g *gen) runtimeFiles(pkg string) ([]generator.File, error) {
	var names []string
	for n := range g.runtimeUsed {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []generator.File
	for _, n := range names {
		src, err := runtimeFS.ReadFile("runtime/" + n)
		if err != nil {
			return nil, fmt.Errorf("runtime/%s: %w", n, err)
		}
		_, body, ok := strings.Cut("\n"+string(src), "\npackage runtime\n")
		if !ok {
			return nil, fmt.Errorf("runtime/%s has no package clause", n)
		}
		out = append(out, generator.File{
			Name: strings.TrimSuffix(n, ".go") + ".gen.go",
			Data: []byte("// " + Header + "\n\npackage " + pkg + "\n" + body),
		})
	}
	return out, nil
}
