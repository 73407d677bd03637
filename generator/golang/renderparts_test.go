package golang

import (
	"bytes"
	"math"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/generator"
)

// TestRenderPartsSameAsWhole generates every shared contract with one
// type per part (types.gen.go and json.gen.go rendered in as many parts as
// the contract has types) and as one part, and wants the same files.
func TestRenderPartsSameAsWhole(t *testing.T) {
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	defer func(n int) { unitsPerPart = n }(unitsPerPart)
	types := 0
	for _, name := range sortedCases(cases) {
		m := loadModel(t, cases[name])
		unitsPerPart = math.MaxInt
		whole, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		unitsPerPart = 1
		parts, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(whole) != len(parts) {
			t.Fatalf("%s: %d files whole, %d in parts", name, len(whole), len(parts))
		}
		for i := range whole {
			if whole[i].Name != parts[i].Name || !bytes.Equal(whole[i].Data, parts[i].Data) {
				t.Errorf("%s/%s: rendered in parts differs from rendered whole:\n%s", name, whole[i].Name, firstDiff(whole[i].Data, parts[i].Data))
			}
		}
		types += len(m.Types)
	}
	if types < 100 {
		t.Errorf("only %d types in every contract: the parts test little", types)
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
