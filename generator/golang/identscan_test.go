package golang

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scannerIdentifiers is what identifiers did before scanIdentifiers, with
// go/scanner: the oracle scanIdentifiers is held to. ok is false when
// go/scanner reports an error in src.
func scannerIdentifiers(src []byte) (into map[string]bool, ok bool) {
	into = map[string]bool{}
	var s scanner.Scanner
	errs := 0
	s.Init(token.NewFileSet().AddFile("", -1, len(src)), src, func(token.Position, string) { errs++ }, 0)
	prev := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return into, errs == 0
		}
		if tok == token.IDENT {
			into[lit] = true
			switch prev {
			case token.PERIOD:
				into["."+lit] = true
			case token.TYPE, token.VAR, token.FUNC:
				into["decl "+lit] = true
			}
		}
		prev = tok
	}
}

// sameIdentifiers fails unless scanIdentifiers finds in src what
// go/scanner does.
func sameIdentifiers(t *testing.T, name string, src []byte) {
	t.Helper()
	want, _ := scannerIdentifiers(src)
	got := map[string]bool{}
	scanIdentifiers(src, got)
	if !maps.Equal(got, want) {
		var extra, missing []string
		for k := range got {
			if !want[k] {
				extra = append(extra, k)
			}
		}
		for k := range want {
			if !got[k] {
				missing = append(missing, k)
			}
		}
		slices.Sort(extra)
		slices.Sort(missing)
		t.Errorf("%s: scanIdentifiers found %q more and %q fewer than go/scanner", name, extra, missing)
	}
}

// TestScanIdentifiersSameAsScanner: on the runtime's source, the goldens
// and tricky fragments, scanIdentifiers finds what go/scanner finds.
func TestScanIdentifiersSameAsScanner(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"selectors", "a.b.c(d).e"},
		{"declarations", "type T int\nvar v = 1\nvar (\n\tw = 2\n)\ntype (\n\tU int\n)\nconst k = 1"},
		{"comments between", "x. /* c */ Foo\nx. // c\nBar\ntype /* c */ T int"},
		{"variadic is no selector", "func f(a ...Foo) { g(xs...) }\nvar a = [...]int{1}"},
		{"numbers", "x := 1.5e-3 + 0x1p-2 + 0xe-y + .5 + 1_000 + 0b1 + 0o7 + 2i + 1e+9 + 0X1P+3"},
		{"literals", "s := \"a.b \\\" c\" + `x.y\nvar z` + string('\\'') + string('.') + \"\\\\\""},
		{"keywords", "func (r *R) m() { for range x { if y { return } else { break } }; go f(); defer g() }"},
		{"unicode", "var é = ñ.ü2\ntype Δ struct{}"},
		{"underscore", "_ = x\nvar _ = y._z"},
		{"block comment at end", "a /* b.c"},
		{"line comment at end", "a // b.c"},
		{"generics", "func F[T any, U ~int](x T) U { return U(0) }"},
	} {
		sameIdentifiers(t, c.name, []byte(c.src))
	}
	n := 0
	for _, root := range []string{"runtime", "testdata", "../../examples"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sameIdentifiers(t, path, src)
			n++
			return nil
		})
	}
	if n < 50 {
		t.Errorf("compared %d files, want the runtime's, the goldens' and the examples' (50 or more)", n)
	}
}

// FuzzScanIdentifiers: on any source go/scanner reads without error,
// scanIdentifiers finds what it finds.
func FuzzScanIdentifiers(f *testing.F) {
	for _, s := range []string{"a.b", "type T int", "x...", "1.5e-3+0xe-y", "`a.b` 'c' \"d.e\"", "x. /* */ y", "var é = 1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want, ok := scannerIdentifiers(src)
		if !ok {
			return
		}
		got := map[string]bool{}
		scanIdentifiers(src, got)
		if !maps.Equal(got, want) {
			t.Errorf("%q: scanIdentifiers %v, go/scanner %v", src, got, want)
		}
	})
}
