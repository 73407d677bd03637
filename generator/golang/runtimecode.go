package golang

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The fixed runtime of a generated package (JSON reader and writer,
// ValidationError, Nullable, format checks …) is ordinary Go in the runtime
// folder, compiled and unit-tested there. A generated package gets a copy
// of the declarations it uses, in runtime.gen.go: after the
// contract-dependent files are rendered, the identifiers they use select
// the runtime declarations they reach, transitively, and those are copied
// as source text. The folder's files are gofmt'd, so the copy needs no
// formatting pass; only its package clause and imports are written anew.

// runtimeFS holds the runtime's source. The whole folder is embedded, so
// adding a file is adding it; copiedFile says which files are copied into
// generated packages (tests, doc.go and export.go are not).
//
//go:embed runtime/*.go
var runtimeFS embed.FS

// runtimeFile is the name of the file the runtime is copied into.
const runtimeFile = "runtime.gen.go"

// runtimeDecl is one top-level declaration of the runtime folder.
type runtimeDecl struct {
	names []string // package-level names it declares; none for a method
	recv  string   // a method's receiver type name
	of    []string // names in an exported function's results: its constructor's types
	name  string   // a method's name
	text  string   // source text, doc comment and directives included
	file  int      // index in runtimeSource.files of the file it is in
	start int      // offset of text in that file
	uses  []string // identifiers in it, each once
	pkgs  []string // import paths it uses
}

// runtimeSource is the parsed runtime: its declarations in file order, and
// every package-level name they declare and import name they use, reserved
// in a generated package.
type runtimeSource struct {
	files    []string // the folder's files copied from, in name order
	decls    []*runtimeDecl
	reserved []string
	// standIns are the names generated.go declares for what the generator
	// writes from the contract (server, Client, Handler, securitySchemes).
	standIns map[string]bool
}

var (
	runtimeOnce   sync.Once
	runtimeParsed *runtimeSource
	runtimeErr    error
)

// loadRuntime returns the embedded runtime's index, or parses the runtime
// when the index describes other files (see runtimeindex.go), once per
// process.
func loadRuntime() (*runtimeSource, error) {
	runtimeOnce.Do(func() {
		files, err := runtimeFiles()
		if err != nil {
			runtimeErr = err
			return
		}
		if indexFresh(files) {
			runtimeParsed = runtimeIndex
			return
		}
		runtimeParsed, runtimeErr = parseRuntime()
	})
	return runtimeParsed, runtimeErr
}

// mustRuntime is loadRuntime for callers that cannot fail: the runtime is
// part of the binary, tested with it, so an error is a build defect.
func mustRuntime() *runtimeSource {
	rt, err := loadRuntime()
	if err != nil {
		panic(err)
	}
	return rt
}

// copiedFile reports whether the runtime file name is copied into
// generated packages: not tests, not the package comment (doc.go), not
// the exports to toolkit itself (export.go), not the stand-ins for what
// the generator writes from the contract (generated.go).
func copiedFile(name string) bool {
	return !strings.HasSuffix(name, "_test.go") && name != "doc.go" && name != "export.go" && name != "generated.go"
}

// parseRuntime reads every embedded file, in name order.
func parseRuntime() (*runtimeSource, error) {
	entries, err := runtimeFS.ReadDir("runtime")
	if err != nil {
		return nil, err
	}
	rt := &runtimeSource{standIns: map[string]bool{}}
	reserved := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.Name() == standInFile {
			if err := rt.readStandIns(fset); err != nil {
				return nil, err
			}
		}
		if !copiedFile(e.Name()) {
			continue
		}
		rt.files = append(rt.files, e.Name())
		name := "runtime/" + e.Name()
		src, err := runtimeFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		file, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		imports := map[string]string{} // import name → path
		for _, imp := range file.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if imp.Name != nil || strings.Contains(path.Base(p), ".") || strings.HasPrefix(path.Base(p), "v") && strings.Trim(path.Base(p), "v0123456789") == "" {
				// The copy writes imports by path alone.
				return nil, fmt.Errorf("%s: import %s: runtime imports go by the last element of their path", fset.Position(imp.Pos()), imp.Path.Value)
			}
			n := path.Base(p)
			imports[n] = p
			reserved[n] = true
		}
		base := fset.File(file.Pos()).Base()
		for _, d := range file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				continue
			}
			rd, err := newRuntimeDecl(fset, d, src, base, imports)
			if err != nil {
				return nil, err
			}
			rd.file = len(rt.files) - 1
			for _, n := range rd.names {
				reserved[n] = true
			}
			rt.decls = append(rt.decls, rd)
		}
	}
	for n := range reserved {
		rt.reserved = append(rt.reserved, n)
	}
	slices.Sort(rt.reserved)
	return rt, nil
}

// standInFile is the runtime file standing in for the declarations the
// generator writes from the contract.
const standInFile = "generated.go"

// readStandIns records the package-level names of standInFile.
func (rt *runtimeSource) readStandIns(fset *token.FileSet) error {
	src, err := runtimeFS.ReadFile("runtime/" + standInFile)
	if err != nil {
		return err
	}
	file, err := parser.ParseFile(fset, standInFile, src, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil {
				rt.standIns[f.Name.Name] = true
			}
			continue
		}
		for _, s := range g.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				rt.standIns[s.Name.Name] = true
			case *ast.ValueSpec:
				for _, n := range s.Names {
					rt.standIns[n.Name] = true
				}
			}
		}
	}
	return nil
}

// newRuntimeDecl describes d, a declaration of the file src.
func newRuntimeDecl(fset *token.FileSet, d ast.Decl, src []byte, base int, imports map[string]string) (*runtimeDecl, error) {
	rd := &runtimeDecl{}
	start := d.Pos()
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			start = d.Doc.Pos()
		}
		if d.Recv == nil {
			rd.names = []string{d.Name.Name}
			if token.IsExported(d.Name.Name) && d.Type.Results != nil {
				ast.Inspect(d.Type.Results, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						rd.of = append(rd.of, id.Name)
					}
					return true
				})
			}
			break
		}
		rd.name = d.Name.Name
		id := recvBase(d.Recv.List[0].Type)
		if id == nil {
			return nil, fmt.Errorf("%s: receiver of %s is not a named type", fset.Position(d.Pos()), d.Name.Name)
		}
		rd.recv = id.Name
	case *ast.GenDecl:
		if d.Doc != nil {
			start = d.Doc.Pos()
		}
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				rd.names = append(rd.names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name == "_" {
						return nil, fmt.Errorf("%s: a blank declaration cannot be selected by use", fset.Position(n.Pos()))
					}
					rd.names = append(rd.names, n.Name)
				}
			}
		}
	default:
		return nil, fmt.Errorf("%s: unexpected declaration", fset.Position(d.Pos()))
	}
	rd.start = int(start) - base
	rd.text = string(src[rd.start : int(d.End())-base])
	uses := map[string]bool{}
	pkgs := map[string]bool{}
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && imports[x.Name] != "" {
				pkgs[imports[x.Name]] = true
			}
			uses["."+n.Sel.Name] = true
		case *ast.Ident:
			uses[n.Name] = true
		}
		return true
	})
	for n := range uses {
		rd.uses = append(rd.uses, n)
	}
	slices.Sort(rd.uses)
	for p := range pkgs {
		rd.pkgs = append(rd.pkgs, p)
	}
	slices.Sort(rd.pkgs)
	return rd, nil
}

// identifiers returns every identifier in Go source src, each once, and
// each selected one (after a period) also as ".name": a method is only
// ever reached as a selector, so a local called value does not keep the
// reader's value method. A type or variable the source declares is also
// "decl name": runtime code using server, Client or another stand-in (see
// runtime/generated.go) is kept only where the generated code declares
// it, not where a local or a field happens to share its name. A scan, not a parse: the rendered files are
// well-formed, and a name that is not a reference (a field, a local) only
// keeps a declaration that the package may not need, never drops one it
// does.
func identifiers(src []byte, into map[string]bool) {
	scanIdentifiers(src, into)
}

// selectRuntime returns the declarations reached from the identifiers
// used, transitively, in file order. A type keeps its exported methods
// (interfaces are satisfied implicitly: encoding/json calls MarshalJSON
// without naming it), its unexported methods only when their name is
// selected (".name", see identifiers); a type the generated code declares
// itself (server, Client: see runtime/generated.go) keeps them too. No
// declaration using a stand-in is kept unless the generated code declares
// it ("decl server", see identifiers),
// and the exported functions that return it (NewNullable, Null: the
// package's users call them, its own code need not).
func (rt *runtimeSource) selectRuntime(used map[string]bool) []*runtimeDecl {
	// missing are the stand-ins the generated code does not declare and
	// every runtime name whose declaration uses one, transitively: none
	// of them is kept.
	missing := map[string]bool{}
	for n := range rt.standIns {
		missing[n] = !used["decl "+n]
	}
	blocked := make([]bool, len(rt.decls))
	for changed := true; changed; {
		changed = false
		for i, d := range rt.decls {
			if !blocked[i] && (missing[d.recv] || slices.ContainsFunc(d.uses, func(n string) bool { return missing[n] })) {
				blocked[i], changed = true, true
				for _, n := range d.names {
					missing[n] = true
				}
			}
		}
	}
	kept := make([]bool, len(rt.decls))
	types := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for i, d := range rt.decls {
			if kept[i] {
				continue
			}
			var keep bool
			if d.recv != "" {
				keep = (types[d.recv] || rt.standIns[d.recv]) && (token.IsExported(d.name) || used["."+d.name])
			} else {
				keep = slices.ContainsFunc(d.names, func(n string) bool { return used[n] }) ||
					slices.ContainsFunc(d.of, func(n string) bool { return types[n] })
			}
			if !keep || blocked[i] {
				continue
			}
			kept[i], changed = true, true
			for _, n := range d.names {
				types[n] = true
			}
			for _, u := range d.uses {
				used[u] = true
			}
		}
	}
	var out []*runtimeDecl
	for i, d := range rt.decls {
		if kept[i] {
			out = append(out, d)
		}
	}
	return out
}

// renderRuntime writes the runtime declarations the rendered files use as
// one file of package pkg; used holds the files' identifiers (see
// identifiers), and is extended. ok is false when they use none.
func (rt *runtimeSource) renderRuntime(pkg string, used map[string]bool) (data []byte, ok bool) {
	decls := rt.selectRuntime(used)
	if len(decls) == 0 {
		return nil, false
	}
	return writeRuntimeDecls(pkg, decls, ""), true
}
