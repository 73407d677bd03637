package golang

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// apiDecl is one top-level declaration of emitted code, printed without
// its doc comment, comments or function body: what other generated code may
// rely on.
type apiDecl struct {
	sig   string   // "func readString[T ~string](p *T, r *jsonReader) error"
	names []string // package-level names it declares (not methods)
}

// emittedAPI renders what emit writes and returns its declarations; a
// declaration without a doc comment is an error.
func emittedAPI(t *testing.T, emit func(*jen.File)) []apiDecl {
	t.Helper()
	f := jen.NewFile("api")
	emit(f)
	var src bytes.Buffer
	if err := f.Render(&src); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "api.go", src.Bytes(), parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var out []apiDecl
	for _, d := range file.Decls {
		var doc *ast.CommentGroup
		var names []string
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc, d.Doc, d.Body = d.Doc, nil, nil
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			doc, d.Doc = d.Doc, nil
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, d); err != nil {
			t.Fatal(err)
		}
		if doc == nil {
			t.Errorf("no doc comment on %s", b.String())
		}
		var lines []string
		for _, line := range strings.Split(b.String(), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "//") {
				lines = append(lines, line)
			}
		}
		out = append(out, apiDecl{sig: strings.Join(lines, "\n"), names: names})
	}
	return out
}

// checkAPI reports each of want that the declarations lack.
func checkAPI(t *testing.T, decls []apiDecl, want []string) {
	t.Helper()
	have := map[string]bool{}
	for _, d := range decls {
		have[d.sig] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("missing %s", w)
		}
	}
}
