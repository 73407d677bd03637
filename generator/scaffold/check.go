package scaffold

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/contractfirst/toolkit/generator/golang"
)

// HandlerReport compares the handler methods a project has with the
// operations its contract declares now.
type HandlerReport struct {
	// Missing are operations with no method on Service.
	Missing []golang.HandlerName
	// Stale are Service methods shaped like handlers, taking an
	// <pkg>.<Op>Request, whose operation the contract no longer has.
	Stale []StaleMethod
}

// StaleMethod is a handler method without an operation.
type StaleMethod struct {
	Name string
	Pos  token.Position
}

// Empty reports whether the handlers match the contract.
func (r *HandlerReport) Empty() bool { return len(r.Missing) == 0 && len(r.Stale) == 0 }

// CheckHandlers reads the Go files of a handler package (dir, normally
// internal/service of a scaffolded project; test files aside) and compares
// the methods of its Service type with names, the operations of the
// contract. found is false when dir holds no Service type: the project was
// not scaffolded, or its handlers moved, and there is nothing to compare.
func CheckHandlers(dir string, names []golang.HandlerName) (report *HandlerReport, found bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &HandlerReport{}, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	fset := token.NewFileSet()
	have := map[string]bool{}
	var handlerLike []StaleMethod
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, false, fmt.Errorf("reading handlers: %w", err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == golang.ServiceType {
						found = true
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 || receiverType(d.Recv.List[0].Type) != golang.ServiceType {
					continue
				}
				have[d.Name.Name] = true
				if handlerShaped(d.Type) {
					handlerLike = append(handlerLike, StaleMethod{Name: d.Name.Name, Pos: fset.Position(d.Pos())})
				}
			}
		}
	}
	if !found {
		return &HandlerReport{}, false, nil
	}
	r := &HandlerReport{}
	want := map[string]bool{}
	for _, n := range names {
		want[n.Method] = true
		if !have[n.Method] {
			r.Missing = append(r.Missing, n)
		}
	}
	for _, m := range handlerLike {
		if !want[m.Name] {
			r.Stale = append(r.Stale, m)
		}
	}
	sort.Slice(r.Stale, func(i, j int) bool {
		a, b := r.Stale[i].Pos, r.Stale[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return r, true, nil
}

// receiverType is T for receivers T and *T (type parameters aside).
func receiverType(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// handlerShaped reports methods like the Handler's: (ctx, pkg.XRequest)
// returning (pkg.XResponse, error).
func handlerShaped(ft *ast.FuncType) bool {
	var params []ast.Expr
	for _, f := range ft.Params.List {
		n := max(len(f.Names), 1)
		for range n {
			params = append(params, f.Type)
		}
	}
	if len(params) != 2 || ft.Results == nil || len(ft.Results.List) != 2 {
		return false
	}
	req, ok := params[1].(*ast.SelectorExpr)
	if !ok || !strings.HasSuffix(req.Sel.Name, "Request") {
		return false
	}
	resp, ok := ft.Results.List[0].Type.(*ast.SelectorExpr)
	return ok && strings.HasSuffix(resp.Sel.Name, "Response")
}

// Lines renders the report for people: one line per finding, positions
// relative to the working folder where possible. dir is the handler
// package's folder, pkg the generated package's name.
func (r *HandlerReport) Lines(dir, pkg string) []string {
	var out []string
	for _, n := range r.Missing {
		out = append(out, fmt.Sprintf("%s: operation %s (%s %s) has no handler method; add:\n\tfunc (s *%s) %s(ctx context.Context, req %s.%s) (%s.%s, error)",
			relPath(dir), printable(n.Op.ID), n.Op.Method, printable(n.Op.Path), golang.ServiceType, n.Method, pkg, n.Request, pkg, n.Response))
	}
	for _, m := range r.Stale {
		out = append(out, fmt.Sprintf("%s:%d:%d: handler method %s has no operation in the contract any more; remove or rename it",
			relPath(m.Pos.Filename), m.Pos.Line, m.Pos.Column, m.Name))
	}
	return out
}

// relPath shortens p relative to the working folder when it lies inside it.
func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// printable replaces control characters in contract text bound for a
// terminal, so an operation id cannot move the cursor or recolour output.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return '?'
		}
		return r
	}, s)
}
