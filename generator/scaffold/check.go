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
	// Type is the type whose methods were compared: Service, or a
	// receiver stub (WebhookReceiver …).
	Type string
	// Missing are operations with no method on Type.
	Missing []golang.HandlerName
	// Stale are Type's methods shaped like handlers, taking an
	// <pkg>.<Op>Request, whose operation the contract no longer has.
	Stale []StaleMethod
	// Absent is set when Type, the stub of this receiver, is not declared
	// at all: the contract gained the receiver after toolkit init, which
	// adds the stub and mounts it when run again.
	Absent *golang.ReceiverName
}

// StaleMethod is a handler method without an operation.
type StaleMethod struct {
	Name string
	Pos  token.Position
}

// Empty reports whether the handlers match the contract.
func (r *HandlerReport) Empty() bool {
	return len(r.Missing) == 0 && len(r.Stale) == 0 && r.Absent == nil
}

// CheckHandlers reads the Go files of a handler package (dir, normally
// internal/service of a scaffolded project; test files aside) and compares
// the methods of its Service type with names, the operations of the
// contract. found is false when dir holds no Service type: the project was
// not scaffolded, or its handlers moved, and there is nothing to compare.
func CheckHandlers(dir string, names []golang.HandlerName) (report *HandlerReport, found bool, err error) {
	pkg, err := readMethods(dir)
	if err != nil {
		return nil, false, err
	}
	if !pkg.types[golang.ServiceType] {
		return &HandlerReport{Type: golang.ServiceType}, false, nil
	}
	return pkg.compare(golang.ServiceType, names), true, nil
}

// CheckReceivers does what CheckHandlers does for the receiver stubs of
// the contract's webhooks and callbacks (receivers.go of a scaffolded
// project): one report per stub type found in dir, and one saying it is
// Absent per receiver whose stub type is not there (a receiver the
// contract gained after init, which toolkit gen does not mount).
func CheckReceivers(dir string, receivers []golang.ReceiverName) ([]*HandlerReport, error) {
	pkg, err := readMethods(dir)
	if err != nil {
		return nil, err
	}
	var out []*HandlerReport
	for _, rn := range receivers {
		if pkg.types[rn.Stub] {
			out = append(out, pkg.compare(rn.Stub, rn.Methods))
		} else {
			out = append(out, &HandlerReport{Type: rn.Stub, Absent: &rn})
		}
	}
	return out, nil
}

// methodSet is what readMethods finds in a package: its type names, and
// per type the names of its methods and those shaped like handlers.
type methodSet struct {
	types       map[string]bool
	have        map[string]map[string]bool
	handlerLike map[string][]StaleMethod
}

// readMethods parses the Go files of dir (test files aside); a folder
// that does not exist holds nothing.
func readMethods(dir string) (*methodSet, error) {
	ms := &methodSet{types: map[string]bool{}, have: map[string]map[string]bool{}, handlerLike: map[string][]StaleMethod{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return ms, nil
	}
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("reading handlers: %w", err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						ms.types[ts.Name.Name] = true
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				typ := receiverType(d.Recv.List[0].Type)
				if ms.have[typ] == nil {
					ms.have[typ] = map[string]bool{}
				}
				ms.have[typ][d.Name.Name] = true
				if handlerShaped(d.Type) {
					ms.handlerLike[typ] = append(ms.handlerLike[typ], StaleMethod{Name: d.Name.Name, Pos: fset.Position(d.Pos())})
				}
			}
		}
	}
	return ms, nil
}

// compare reports the operations of names without a method on typ, and
// typ's handler-shaped methods without an operation.
func (ms *methodSet) compare(typ string, names []golang.HandlerName) *HandlerReport {
	r := &HandlerReport{Type: typ}
	want := map[string]bool{}
	for _, n := range names {
		want[n.Method] = true
		if !ms.have[typ][n.Method] {
			r.Missing = append(r.Missing, n)
		}
	}
	for _, m := range ms.handlerLike[typ] {
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
	return r
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
	typ := r.Type
	if typ == "" {
		typ = golang.ServiceType
	}
	if r.Absent != nil {
		out = append(out, fmt.Sprintf("%s: no receiver for the %s: %s is not declared; run toolkit init again to add its stub and mount it (until then nothing receives them)",
			relPath(dir), printable(r.Absent.What), typ))
	}
	for _, n := range r.Missing {
		what := fmt.Sprintf("operation %s (%s %s)", printable(n.Op.ID), n.Op.Method, printable(n.Op.Path))
		switch {
		case n.Op.Webhook != "":
			what = fmt.Sprintf("webhook %s (%s)", printable(n.Op.Webhook), n.Op.Method)
		case n.Op.Path == "":
			// A callback's operation: its URL is the callback's.
			what = fmt.Sprintf("callback operation %s (%s)", printable(n.Op.ID), n.Op.Method)
		}
		out = append(out, fmt.Sprintf("%s: %s has no handler method; add:\n\tfunc (s *%s) %s(ctx context.Context, req %s.%s) (%s.%s, error)",
			relPath(dir), what, typ, n.Method, pkg, n.Request, pkg, n.Response))
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

// ServiceTypes are the type names the Go files of dir (a project's
// service package, test files aside) declare, for Options.Declared; nil
// when dir holds no Go file (a new project).
func ServiceTypes(dir string) (map[string]bool, error) {
	ms, err := readMethods(dir)
	if err != nil || len(ms.types) == 0 {
		return nil, err
	}
	return ms.types, nil
}
