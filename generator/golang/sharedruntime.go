package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/contractfirst/toolkit/generator"
)

// With `runtime: shared` (Options.RuntimePackage), the packages generated
// in one module import one runtime package instead of each carrying a copy
// of the runtime: the module compiles the runtime once, and each package
// is that much smaller (issue 18: a Graph split had 71 copies).
//
// The shared package is the whole runtime folder with every unexported
// name exported, since another package now uses them: top-level names
// (jsonReader → JsonReader) and the fields and methods of the runtime's
// types (readString → ReadString). A generated package is rendered exactly
// as with a copied runtime, then rewritten: a use of an unexported runtime
// name is qualified with the shared package, the fields and methods are
// renamed wherever they appear (a generated type's decodeJSON implements
// the runtime's jsonDecoder, so it must be DecodeJSON to implement it from
// another package), and the runtime's exported declarations the package
// uses (ValidationError, Nullable, NewNullable …) become aliases, so the
// package's API is the one it has with a copy. Which identifier is which
// is decided on the syntax tree: the parser's scopes tell a local from a
// package-level name, and a name after a period or before a colon in a
// composite literal is a field or method.

// SharedRuntimePackage is the package name of the shared runtime; generated
// files import it under this name.
const SharedRuntimePackage = "toolkitruntime"

// sharedNames maps the runtime's unexported names to their exported form in
// the shared package.
type sharedNames struct {
	top      map[string]string     // package-level name → exported name
	members  map[string]string     // field or method name → exported name
	exported map[string]bool       // package-level names already exported
	fields   map[string][]string   // struct type → its fields' exported names, in order
	local    map[*runtimeDecl]bool // declarations each package still copies (see localDecls)
	source   []byte                // the shared package's source, renamed
}

var (
	sharedOnce   sync.Once
	sharedParsed *sharedNames
	sharedErr    error
)

// loadShared computes the shared runtime, once per process.
func loadShared() (*sharedNames, error) {
	sharedOnce.Do(func() { sharedParsed, sharedErr = buildShared() })
	return sharedParsed, sharedErr
}

// SharedRuntime returns the shared runtime package: one file, for package
// name pkg.
func SharedRuntime(pkg string) (generator.File, error) {
	sn, err := loadShared()
	if err != nil {
		return generator.File{}, err
	}
	data := bytes.Replace(sn.source, []byte("\npackage "+SharedRuntimePackage+"\n"), []byte("\npackage "+pkg+"\n"), 1)
	return generator.File{Name: runtimeFile, Data: data}, nil
}

// buildShared names every unexported runtime name's exported form and
// renders the shared package with them.
func buildShared() (*sharedNames, error) {
	rt, err := loadRuntime()
	if err != nil {
		return nil, err
	}
	local := localDecls(rt)
	var shared []*runtimeDecl
	for _, d := range rt.decls {
		if !local[d] {
			shared = append(shared, d)
		}
	}
	src := writeRuntimeDecls(SharedRuntimePackage, shared,
		"Package "+SharedRuntimePackage+" is the runtime shared by the packages toolkit generates in this\n// module (runtime: shared): the runtime each would otherwise copy, with its\n// names exported so that they can use it. It is not an API of its own.")
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, runtimeFile, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	sn := &sharedNames{top: map[string]string{}, members: map[string]string{}, exported: map[string]bool{}, fields: map[string][]string{}, local: local}
	memberPos := memberIdents(file)
	taken := map[string]bool{}
	var topNames, memberNames []string
	for name, obj := range file.Scope.Objects {
		if obj.Kind == ast.Pkg {
			continue
		}
		taken[name] = true
		if token.IsExported(name) {
			sn.exported[name] = true
		} else {
			topNames = append(topNames, name)
		}
	}
	seen := map[string]bool{}
	for id := range memberPos {
		if !seen[id.Name] && !token.IsExported(id.Name) && id.Name != "_" {
			seen[id.Name] = true
			memberNames = append(memberNames, id.Name)
		}
	}
	slices.Sort(topNames)
	slices.Sort(memberNames)
	for _, n := range topNames {
		sn.top[n] = exportName(n, "", taken)
	}
	// A field or method is renamed alike on every type; its exported form
	// must be free on each type that declares it.
	byType := map[string]map[string]bool{}
	collectMembers(file, byType)
	for _, n := range memberNames {
		used := map[string]bool{}
		for _, ms := range byType {
			if ms[n] {
				for m := range ms {
					used["."+m] = true
				}
			}
		}
		sn.members[n] = exportName(n, ".", used)
	}
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			var names []string
			for _, f := range st.Fields.List {
				if len(f.Names) == 0 {
					if base := recvBase(f.Type); base != nil {
						names = append(names, sn.exportedForm(base.Name))
					}
					continue
				}
				for _, id := range f.Names {
					names = append(names, sn.exportedForm(id.Name))
				}
			}
			sn.fields[ts.Name.Name] = names
		}
	}
	out, err := sn.rename(fset, file, src, "")
	if err != nil {
		return nil, fmt.Errorf("shared runtime: %w", err)
	}
	sn.source = out
	return sn, nil
}

// localDecls returns the runtime declarations that cannot be shared: those
// that use a name the generated package declares (a method of its server,
// a function taking its Client; see standInFile), and, transitively,
// those using them, and every method of a type that must stay (a type and
// its methods live in one package). They stay in each generated package's
// runtime.gen.go, pruned by use as with runtime: copy.
func localDecls(rt *runtimeSource) map[*runtimeDecl]bool {
	local := map[*runtimeDecl]bool{}
	names := maps.Clone(rt.standIns) // package-level names that stay in the package
	if names == nil {
		names = map[string]bool{}
	}
	for changed := true; changed; {
		changed = false
		for _, d := range rt.decls {
			if local[d] {
				continue
			}
			stay := d.recv != "" && names[d.recv]
			for _, u := range d.uses {
				stay = stay || names[u]
			}
			if !stay {
				continue
			}
			local[d], changed = true, true
			for _, n := range d.names {
				names[n] = true
			}
			if d.recv != "" {
				names[d.recv] = true // its type, and so its other methods
			}
		}
	}
	return local
}

// exportedForm is a field's name in the shared package.
func (sn *sharedNames) exportedForm(n string) string {
	if m, ok := sn.members[n]; ok {
		return m
	}
	if m, ok := sn.top[n]; ok {
		return m
	}
	return n
}

// exportName is n with its first letter upper-cased, or, when that is
// taken (in the namespace prefix: "" package-level, "." fields and
// methods), prefixed with X until it is not; the result is marked taken.
func exportName(n, prefix string, taken map[string]bool) string {
	r, size := utf8.DecodeRuneInString(n)
	cand := string(unicode.ToUpper(r)) + n[size:]
	for taken[prefix+cand] {
		cand = "X" + cand
	}
	taken[prefix+cand] = true
	return cand
}

// memberIdents returns the identifiers of file that name a field or a
// method: after a period, a composite literal's keys (but a map's or an
// array's), struct
// fields, interface methods and method declarations.
func memberIdents(file *ast.File) map[*ast.Ident]bool {
	at := map[*ast.Ident]bool{}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			at[n.Sel] = true
		case *ast.CompositeLit:
			switch n.Type.(type) {
			case *ast.MapType, *ast.ArrayType:
				// Keys are values (or indexes), not fields.
				return true
			}
			// Any other literal is taken for a struct's: a named map type
			// keyed by a variable would be misread, and the runtime has
			// none (its shared-runtime test compiles the result).
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						at[id] = true
					}
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, id := range f.Names {
					at[id] = true
				}
				if len(f.Names) == 0 {
					// An embedded field is named by its type, which is
					// renamed as the type.
					continue
				}
			}
		case *ast.InterfaceType:
			for _, f := range n.Methods.List {
				for _, id := range f.Names {
					at[id] = true
				}
			}
		case *ast.FuncDecl:
			if n.Recv != nil {
				at[n.Name] = true
			}
		}
		return true
	})
	return at
}

// edit replaces src[off:end] with text.
type edit struct {
	off, end int
	text     string
}

// rename rewrites file (parsed from src) by sn: unexported runtime names
// become their exported form, qualified by qual (with its period) outside
// the shared package itself, and the result is formatted.
func (sn *sharedNames) rename(fset *token.FileSet, file *ast.File, src []byte, qual string) ([]byte, error) {
	members := memberIdents(file)
	tf := fset.File(file.Pos())
	var edits []edit
	var err error
	ast.Inspect(file, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || err != nil {
			return err == nil
		}
		var to string
		if members[id] {
			to = sn.members[id.Name]
		} else if exp, ok := sn.top[id.Name]; ok && (id.Obj == nil || qual == "" && file.Scope.Objects[id.Name] == id.Obj) {
			to = qual + exp
		}
		if to != "" {
			off := tf.Offset(id.Pos())
			edits = append(edits, edit{off, off + len(id.Name), to})
		}
		return true
	})
	// A method declared on a runtime type cannot move to another package.
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && qual != "" {
			if base := recvBase(fd.Recv.List[0].Type); base != nil && base.Obj == nil && (sn.top[base.Name] != "" || sn.exported[base.Name]) {
				return nil, fmt.Errorf("%s: method %s is declared on the runtime's type %s, which a shared runtime cannot have", fset.Position(fd.Pos()), fd.Name.Name, base.Name)
			}
		}
	}
	if qual != "" {
		edits = append(edits, sn.keyLiterals(file, tf)...)
	}
	// By offset; an insertion (a key) before a replacement at the same one.
	slices.SortStableFunc(edits, func(a, b edit) int {
		if a.off != b.off {
			return a.off - b.off
		}
		return (a.end - a.off) - (b.end - b.off)
	})
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(src[last:e.off])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(src[last:])
	out, ferr := format.Source(b.Bytes())
	if ferr != nil {
		return nil, fmt.Errorf("%s: renamed for the shared runtime: %w", tf.Name(), ferr)
	}
	return out, nil
}

// keyLiterals keys the unkeyed composite literals of runtime struct types:
// go vet (rightly) refuses unkeyed literals of another package's structs,
// which the runtime's types are once shared. A literal's type is written,
// or elided inside a slice, array or map literal of that type.
func (sn *sharedNames) keyLiterals(file *ast.File, tf *token.File) []edit {
	var edits []edit
	key := func(lit *ast.CompositeLit, typ ast.Expr) {
		base := recvBase(typ)
		if base == nil || base.Obj != nil || len(lit.Elts) == 0 {
			return
		}
		fields, ok := sn.fields[base.Name]
		if !ok || len(fields) != len(lit.Elts) {
			return
		}
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); keyed {
			return
		}
		for i, e := range lit.Elts {
			off := tf.Offset(e.Pos())
			edits = append(edits, edit{off, off, fields[i] + ": "})
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || lit.Type == nil {
			return true
		}
		var elem ast.Expr
		switch t := lit.Type.(type) {
		case *ast.ArrayType:
			elem = t.Elt
		case *ast.MapType:
			elem = t.Value
		default:
			key(lit, lit.Type)
			return true
		}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
				e = u.X
			}
			if inner, ok := e.(*ast.CompositeLit); ok && inner.Type == nil {
				key(inner, elem)
			}
		}
		return true
	})
	return edits
}

// recvBase is the type name of a method's receiver.
func recvBase(t ast.Expr) *ast.Ident {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	id, _ := t.(*ast.Ident)
	return id
}

// writeRuntimeDecls writes decls as one file of package pkg, with a
// package comment doc when it is not empty.
func writeRuntimeDecls(pkg string, decls []*runtimeDecl, doc string) []byte {
	var pkgs []string
	for _, d := range decls {
		pkgs = append(pkgs, d.pkgs...)
	}
	slices.Sort(pkgs)
	pkgs = slices.Compact(pkgs)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n\n", Header)
	if doc != "" {
		fmt.Fprintf(&b, "// %s\n", doc)
	}
	fmt.Fprintf(&b, "package %s\n", pkg)
	if len(pkgs) > 0 {
		b.WriteString("\nimport (\n")
		for _, p := range pkgs {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
		b.WriteString(")\n")
	}
	for _, d := range decls {
		b.WriteByte('\n')
		b.WriteString(d.text)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// shareRuntime rewrites a generated package's files (runtime.gen.go not
// among them) to use the shared runtime at importPath, and adds the
// package's aliases of the runtime's exported declarations it uses.
func shareRuntime(pkg, importPath string, files []generator.File) ([]generator.File, error) {
	sn, err := loadShared()
	if err != nil {
		return nil, err
	}
	rt := mustRuntime()
	used := map[string]bool{}
	for _, f := range files {
		identifiers(f.Data, used)
	}
	var local, shared []*runtimeDecl
	for _, d := range rt.selectRuntime(used) {
		if sn.local[d] {
			local = append(local, d)
		} else {
			shared = append(shared, d)
		}
	}
	if aliases := sharedAliases(shared); len(local) > 0 || aliases != nil {
		data := append(writeRuntimeDecls(pkg, local, ""), aliases...)
		files = append(files, generator.File{Name: runtimeFile, Data: data})
	}
	// A field or method name that the package declares both as the
	// runtime's unexported name and as its exported form would be declared
	// twice once renamed.
	declared := map[string]map[string]bool{} // type → member names
	out := make([]generator.File, 0, len(files))
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			out = append(out, f)
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		collectMembers(file, declared)
		data, err := sn.rename(fset, file, f.Data, SharedRuntimePackage+".")
		if err != nil {
			return nil, err
		}
		if bytes.Contains(data, []byte(SharedRuntimePackage+".")) {
			if data, err = addImport(data, SharedRuntimePackage, importPath); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		out = append(out, generator.File{Name: f.Name, Data: data, UserOwned: f.UserOwned})
	}
	for typ, ms := range declared {
		for m := range ms {
			if exp, ok := sn.members[m]; ok && ms[exp] {
				return nil, fmt.Errorf("runtime: shared: type %s has both %s and %s, one once the runtime's names are exported; generate it with runtime: copy", typ, m, exp)
			}
		}
	}
	return out, nil
}

// collectMembers adds the fields and methods file declares, by type.
func collectMembers(file *ast.File, into map[string]map[string]bool) {
	add := func(typ, name string) {
		if into[typ] == nil {
			into[typ] = map[string]bool{}
		}
		into[typ][name] = true
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				if base := recvBase(d.Recv.List[0].Type); base != nil {
					add(base.Name, d.Name.Name)
				}
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				if st, ok := ts.Type.(*ast.StructType); ok {
					for _, f := range st.Fields.List {
						for _, id := range f.Names {
							add(ts.Name.Name, id.Name)
						}
					}
				}
			}
		}
	}
}

// addImport adds `name "path"` to a formatted Go file's imports.
func addImport(src []byte, name, importPath string) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return nil, err
	}
	spec := fmt.Sprintf("%s %q", name, importPath)
	var at int
	var text string
	switch {
	case len(file.Decls) > 0 && file.Decls[0].(*ast.GenDecl).Lparen.IsValid():
		at = fset.Position(file.Decls[0].(*ast.GenDecl).Lparen).Offset + 1
		text = "\n\t" + spec
	case len(file.Decls) > 0:
		// One import without parentheses: it becomes a block of two.
		g := file.Decls[0].(*ast.GenDecl)
		start, end := fset.Position(g.Specs[0].Pos()).Offset, fset.Position(g.End()).Offset
		block := fmt.Sprintf("(\n\t%s\n\t%s\n)", src[start:end], spec)
		return format.Source(slices.Concat(src[:start], []byte(block), src[end:]))
	default:
		at = fset.Position(file.Name.End()).Offset
		text = "\n\nimport " + spec
	}
	out := slices.Concat(src[:at], []byte(text), src[at:])
	return format.Source(out)
}

// sharedAliases writes the package's aliases of the exported runtime
// declarations among decls (nil when there are none): a type alias per
// type, a function that calls the shared one per function, a variable or
// constant per variable or constant. Names that are not exported in the
// runtime are written as they are: rename qualifies them.
func sharedAliases(decls []*runtimeDecl) []byte {
	var b bytes.Buffer
	fset := token.NewFileSet()
	q := SharedRuntimePackage + "."
	for _, d := range decls {
		if d.recv != "" {
			continue
		}
		f, err := parser.ParseFile(fset, "", "package p\n"+d.text, parser.SkipObjectResolution)
		if err != nil || len(f.Decls) != 1 {
			panic(fmt.Sprintf("runtime declaration %v: %v", d.names, err)) // the runtime is part of the binary
		}
		text := func(n ast.Node) string {
			start, end := fset.Position(n.Pos()).Offset, fset.Position(n.End()).Offset
			return ("package p\n" + d.text)[start:end]
		}
		switch x := f.Decls[0].(type) {
		case *ast.FuncDecl:
			if !token.IsExported(x.Name.Name) {
				continue
			}
			var tparams, targs, args []string
			if x.Type.TypeParams != nil {
				for _, fl := range x.Type.TypeParams.List {
					tparams = append(tparams, text(fl))
					for _, id := range fl.Names {
						targs = append(targs, id.Name)
					}
				}
			}
			for _, fl := range x.Type.Params.List {
				for _, id := range fl.Names {
					if _, ok := fl.Type.(*ast.Ellipsis); ok {
						args = append(args, id.Name+"...")
					} else {
						args = append(args, id.Name)
					}
				}
			}
			fmt.Fprintf(&b, "\n// %s is the shared runtime's %s.\nfunc %s", x.Name.Name, x.Name.Name, x.Name.Name)
			call := q + x.Name.Name
			if len(tparams) > 0 {
				fmt.Fprintf(&b, "[%s]", strings.Join(tparams, ", "))
				call += "[" + strings.Join(targs, ", ") + "]"
			}
			b.WriteString(text(x.Type.Params))
			ret := ""
			if x.Type.Results != nil {
				b.WriteString(" " + text(x.Type.Results))
				ret = "return "
			}
			fmt.Fprintf(&b, " { %s%s(%s) }\n", ret, call, strings.Join(args, ", "))
		case *ast.GenDecl:
			for _, s := range x.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !token.IsExported(s.Name.Name) {
						continue
					}
					fmt.Fprintf(&b, "\n// %s is the shared runtime's %s.\ntype %s", s.Name.Name, s.Name.Name, s.Name.Name)
					rhs := q + s.Name.Name
					if s.TypeParams != nil {
						var ps, as []string
						for _, fl := range s.TypeParams.List {
							ps = append(ps, text(fl))
							for _, id := range fl.Names {
								as = append(as, id.Name)
							}
						}
						fmt.Fprintf(&b, "[%s]", strings.Join(ps, ", "))
						rhs += "[" + strings.Join(as, ", ") + "]"
					}
					fmt.Fprintf(&b, " = %s\n", rhs)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						if token.IsExported(id.Name) {
							fmt.Fprintf(&b, "\n// %s is the shared runtime's %s.\n%s %s = %s%s\n", id.Name, id.Name, x.Tok, id.Name, q, id.Name)
						}
					}
				}
			}
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return b.Bytes()
}

// SharedRuntimeImport is the default import path of the shared runtime in
// the module modulePath.
func SharedRuntimeImport(modulePath string) string {
	return path.Join(modulePath, "internal", SharedRuntimePackage)
}
