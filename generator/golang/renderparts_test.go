package golang

import (
	"bytes"
	"math"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestRenderPartsSameAsWhole generates every shared contract with one
// unit per part (each file written type by type or operation by operation
// rendered in as many parts as it has units) and as one part, and wants
// the same files.
func TestRenderPartsSameAsWhole(t *testing.T) {
	defer func(n int) { unitsPerPart = n }(unitsPerPart)
	units := 0
	generatedTwice(t, "rendered in parts", func(m *contract.Model, second bool) {
		unitsPerPart = math.MaxInt
		if second {
			unitsPerPart = 1
			units += len(m.Types) + len(m.Operations)
		}
	})
	if units < 100 {
		t.Errorf("only %d types and operations in every contract: the parts test little", units)
	}
}

// generatedTwice generates every target of every shared contract and the
// pet store twice, after set(m, false) and after set(m, true), and reports
// every file that differs, saying how the second was made.
func generatedTwice(t *testing.T, second string, set func(m *contract.Model, second bool)) {
	t.Helper()
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	for _, name := range sortedCases(cases) {
		m := loadModel(t, cases[name])
		var files [2][]generator.File
		for i := range files {
			set(m, i == 1)
			var err error
			if files[i], err = Generate(m, generator.Options{Package: "api"}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if len(files[0]) != len(files[1]) {
			t.Fatalf("%s: %d files, %d %s", name, len(files[0]), len(files[1]), second)
		}
		for i, a := range files[0] {
			if b := files[1][i]; a.Name != b.Name || !bytes.Equal(a.Data, b.Data) {
				t.Errorf("%s/%s: %s differs:\n%s", name, a.Name, second, firstDiff(a.Data, b.Data))
			}
		}
	}
}

// TestRenderPartsImports renders a file in three parts whose imports
// clash (two packages named rand) and whose last part uses a package the
// first did: the text is jennifer's for the whole file, imports named in
// the order they are first used, the parts in order.
func TestRenderPartsImports(t *testing.T) {
	defer func(n int) { unitsPerPart = n }(unitsPerPart)
	unitsPerPart = 1
	emit := func(f *jen.File, each func()) {
		f.Func().Id("a").Params().Block(jen.Qual("crypto/rand", "Read").Call(jen.Nil()))
		each()
		f.Line()
		f.Func().Id("b").Params().Int().Block(jen.Return(jen.Qual("math/rand", "Int").Call()))
		each()
		f.Comment("c uses crypto/rand again.")
		f.Var().Id("c").Op("=").Qual("crypto/rand", "Reader")
		f.Var().Id("d").Op("=").Qual("strings", "ToUpper")
	}

	whole := jen.NewFile("api")
	whole.HeaderComment(Header)
	whole.NoFormat = true
	emit(whole, func() {})
	var want bytes.Buffer
	if err := whole.Render(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(want.Bytes(), []byte("rand1 \"math/rand\"")) {
		t.Fatalf("the whole file does not alias math/rand; the test tests nothing:\n%s", want.Bytes())
	}

	g := &gen{parts: newParts("api")}
	emit(g.parts.emit, func() { g.unitEmitted(g.parts.emit) })
	if n := len(g.parts.bodies); n != 2 {
		t.Fatalf("%d parts rendered before the end, want 2", n)
	}
	f, raw, err := g.parts.finish()
	if err != nil || f != nil {
		t.Fatalf("finish: file %v, error %v; want the text", f, err)
	}
	if !bytes.Equal(raw, want.Bytes()) {
		t.Errorf("rendered in parts:\n%s\nwant:\n%s", raw, want.Bytes())
	}
}

// TestRenderPartsSmallFile: a file with fewer types than a part is
// handed back whole, to be rendered as before.
func TestRenderPartsSmallFile(t *testing.T) {
	g := &gen{parts: newParts("api")}
	g.parts.emit.Func().Id("a").Params().Block()
	g.unitEmitted(g.parts.emit)
	f, raw, err := g.parts.finish()
	if err != nil || f == nil || raw != nil {
		t.Fatalf("finish: file %v, text %q, error %v; want the file", f, raw, err)
	}
	if got := f.GoString(); !bytes.Contains([]byte(got), []byte("func a")) {
		t.Errorf("the file handed back lost its body:\n%s", got)
	}
}
