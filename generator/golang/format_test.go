package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contractfirst/toolkit/generator"
)

// TestFormatPiecesSameAsWhole generates every target of every shared
// contract and the pet store twice: formatted piece by piece with a cut at
// every place splitDecls allows, and formatted whole as jennifer does. The
// files must be the same bytes.
func TestFormatPiecesSameAsWhole(t *testing.T) {
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	defer func(n, v int) { pieceSize, verbatimMin = n, v }(pieceSize, verbatimMin)
	cuts := 0
	for _, name := range sortedCases(cases) {
		m := loadModel(t, cases[name])
		pieceSize, verbatimMin = math.MaxInt, math.MaxInt
		whole, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pieceSize, verbatimMin = 0, 0
		pieces, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(whole) != len(pieces) {
			t.Fatalf("%s: %d files whole, %d in pieces", name, len(whole), len(pieces))
		}
		for i := range whole {
			cuts += len(splitDecls(whole[i].Data))
			if !bytes.Equal(whole[i].Data, pieces[i].Data) {
				t.Errorf("%s/%s: formatted in pieces differs from formatted whole:\n%s", name, whole[i].Name, firstDiff(whole[i].Data, pieces[i].Data))
			}
		}
	}
	if cuts < 100 {
		t.Errorf("only %d cuts in every file: the pieces test little", cuts)
	}
}

// firstDiff shows the lines around the first difference of a and b.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return "lengths differ"
}

// TestSplitDecls pins where pieces may start: after an empty line, at the
// top level, outside strings and comments, at a declaration or comment.
func TestSplitDecls(t *testing.T) {
	src := "// header\n\npackage p\n\nimport \"x\"\n\n" + // 0: no cut before the package clause or at the import
		"var a = `\n\nfunc fake() {}`\n\n" + // a raw string's lines are not cuts
		"// doc\nfunc f() {\n\n\tvar b = 1\n}\n\n" + // cut at "// doc"; not inside the body
		"/* block\n\ntype T int */\n\n" + // not inside a block comment, nor at one
		"var s = \"x\\\"{\"\n\n" + // an escaped quote and a brace in a string
		"const c = '{'\n\n" + // a brace in a rune
		"type T struct{}\nfunc g() {}\n" // no empty line before g: no cut
	var got []string
	for _, c := range splitDecls([]byte(src)) {
		got = append(got, strings.SplitN(src[c:], "\n", 2)[0])
	}
	want := []string{"var a = `", "// doc", "var s = \"x\\\"{\"", "const c = '{'", "type T struct{}"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cuts at\n%q\nwant\n%q", got, want)
	}
}

// FuzzFormatPieces checks that whatever Go source go/format accepts,
// formatPieces (a cut wherever allowed) gives the same bytes.
func FuzzFormatPieces(f *testing.F) {
	f.Add("package p\n\nfunc f() {}\n\n// c\nfunc g() { x := 1; _ = x }\n\ntype T struct{ A int // a\n}\n")
	f.Add("package p\n\nvar a = 1 // x\n\nvar bb = 2 // y\nvar c = `\n\nfunc`\n\nconst (\n\tA = iota\n\n\tB\n)\n")
	f.Add("package p\n\n\n\n// a\n\n\n// b\n\nfunc f() {\n}\n\n/* c */\n\nvar x int\n")
	f.Add("package p\n\n// s is\n// a string.\nconst s = \"a\\\"b\\u00e9\"\n\n\nvar t = \"x\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		want, err := format.Source([]byte(src))
		if err != nil {
			return
		}
		old, oldMin := pieceSize, verbatimMin
		pieceSize, verbatimMin = 0, 0
		defer func() { pieceSize, verbatimMin = old, oldMin }()
		got, err := formatPieces([]byte(src))
		if err != nil {
			t.Fatalf("pieces: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("pieces differ from whole:\n%s\n---\n%s", want, got)
		}
	})
}

// TestFormatVerbatim: a declaration that is only a string constant is
// kept as written when gofmt would print it so, and formatted otherwise;
// a literal the compiler rejects is an error as it is from go/format.
func TestFormatVerbatim(t *testing.T) {
	defer func(n, v int) { pieceSize, verbatimMin = n, v }(pieceSize, verbatimMin)
	pieceSize, verbatimMin = 0, 0
	cases := []struct {
		decl     string
		verbatim bool // stringConst accepts it
	}{
		{"// specJSON is the contract.\nconst specJSON = \"{\\\"a\\\":[1,\\\"\\\\u00e9\\\"]}\"\n", true},
		{"var v = \"tab\\there é \\x41\\101 \\U0001F600\"\n\n\n", true},
		{"// trailing space \nconst s = \"x\"\n", true}, // gofmt trims the comment: formatted
		{"//no space\n//\n//\nconst s = \"x\"\n", true}, // gofmt adds a space, drops a line: formatted
		{"// a\n// - item\nconst s = \"x\"\n", true},    // gofmt keeps it as written: verbatim
		{"const s = \"\\q\"\n", true},                   // an invalid escape: an error
		{"const s = \"\\ud800\"\n", true},               // a surrogate: an error
		{"const s = \"\xff\"\n", true},                  // invalid UTF-8: an error
		{"const s = \"a\x00b\"\n", true},                // NUL: an error
		{"const s = \"\ufeff\"\n", true},                // a byte order mark: an error
		{"const s  = \"x\"\n", false},
		{"const s = \"x\" // c\n", false},
		{"const s = \"x\" + \"y\"\n", false},
		{"const s = \"x\"", false},
		{"const (\n\ts = \"x\"\n)\n", false},
	}
	for _, c := range cases {
		src := "// Code generated. DO NOT EDIT.\n\npackage p\n\n" + c.decl
		if _, _, ok := stringConst([]byte(c.decl)); ok != c.verbatim {
			t.Errorf("%q: stringConst says %v", c.decl, ok)
		}
		want, werr := format.Source([]byte(src))
		got, err := formatPieces([]byte(src))
		switch {
		case werr != nil && err == nil:
			t.Errorf("%q: go/format rejects it (%v), formatPieces gives\n%s", c.decl, werr, got)
		case werr == nil && err != nil:
			t.Errorf("%q: %v", c.decl, err)
		case werr == nil && !bytes.Equal(got, want):
			t.Errorf("%q: got\n%s\nwant\n%s", c.decl, got, want)
		}
	}
}

// goStringLitRef is what goStringLit must answer: strconv.Unquote's
// verdict on a double-quoted literal, and the compiler's other refusals.
func goStringLitRef(q []byte) bool {
	if len(q) == 0 || q[0] != '"' || !utf8.Valid(q) || bytes.IndexByte(q, 0) >= 0 || bytes.Contains(q, []byte("\uFEFF")) {
		return false
	}
	_, err := strconv.Unquote(string(q))
	return err == nil
}

// TestGoStringLit: each escape Go has, the ones it refuses, and what
// strconv.Unquote refuses around them, answered as Unquote answers.
func TestGoStringLit(t *testing.T) {
	cases := []struct {
		lit  string
		want bool
	}{
		{`""`, true},
		{`"plain é"`, true},
		{`"\a\b\f\n\r\t\v\\\""`, true},
		{`"\x41\101\u00e9\U0001F600"`, true},
		{`"{\"a\":[1,\"\\u00e9\"]}"`, true},
		{`"\'"`, false}, // a quote escape of the other kind
		{`"\q"`, false},
		{`"\x4"`, false},
		{`"\u00e"`, false},
		{`"\U0011ffff"`, false}, // above the last code point
		{`"\ud800"`, false},     // a surrogate
		{`"\400"`, false},       // octal above 255
		{`"a"b"`, false},
		{"\"a\nb\"", false},
		{`"a\"`, false},
		{`"\`, false},
		{`"`, false},
		{"`raw`", false},
		{"\"\xff\"", false},
		{"\"a\x00b\"", false},
		{"\"\ufeff\"", false},
	}
	for _, c := range cases {
		if got := goStringLit([]byte(c.lit)); got != c.want {
			t.Errorf("goStringLit(%q) = %v, want %v", c.lit, got, c.want)
		}
		if ref := goStringLitRef([]byte(c.lit)); ref != c.want {
			t.Errorf("the reference says %v of %q: the table is wrong", ref, c.lit)
		}
	}
}

// FuzzGoStringLit: goStringLit answers as strconv.Unquote and the
// compiler's other checks do, on any bytes.
func FuzzGoStringLit(f *testing.F) {
	for _, s := range []string{`"a\"b\\u00e9"`, `"\U0001F600\x41\101"`, `"\ud800"`, "\"\\\n\"", `"\`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, q []byte) {
		if got, want := goStringLit(q), goStringLitRef(q); got != want {
			t.Fatalf("goStringLit(%q) = %v, strconv.Unquote says %v", q, got, want)
		}
	})
}
