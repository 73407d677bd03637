package golang

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/generator"
)

// codecEquivalenceTest renders a test file for the generated package of m:
// for every object type that encoding/json can decode through its struct
// tags alone (no additional properties, every name taggable), random valid
// values from contract/sample must decode with the generated decodeJSON to
// exactly what encoding/json's reflection decodes into the same struct with
// its methods stripped, and encode back to the same bytes; every union's
// encoding must decode back to the value it came from. TestCodec runs it
// beside the reader's and writer's own tests.
func codecEquivalenceTest(t *testing.T, m *contract.Model) []byte {
	t.Helper()
	g := newGen(m, generator.Options{Package: "api"})
	f := jen.NewFile("api")
	var cases []jen.Code
	samples := func(name string, typ *contract.Type) []jen.Code {
		var docs []jen.Code
		for seed := range uint64(12) {
			dir := sample.Request
			if seed%2 == 1 {
				dir = sample.Response
			}
			b, err := json.Marshal(sample.New(seed, dir).Valid(typ))
			if err != nil {
				t.Fatalf("%s: sample: %v", name, err)
			}
			docs = append(docs, jen.Lit(string(b)))
		}
		return docs
	}
	for _, typ := range m.Types {
		name := g.typeNames[typ]
		if typ.Kind == contract.KindUnion && name != "" {
			// No reflection twin for a union: its encoding must decode back
			// to the same value instead.
			cases = append(cases, jen.Values(jen.Lit(name), jen.Index().String().Values(samples(name, typ)...), jen.Func().Params(jen.Id("doc").Index().Byte()).Error().Block(
				jen.Var().Id("a").Id(name),
				jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("doc"), jen.Op("&").Id("a")).Op("!=").Nil()).Block(
					jen.Return(jen.Nil()).Comment("a value matching no variant, or several"),
				),
				jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("a").Dot("MarshalJSON").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Var().Id("c").Id(name),
				jen.Id("errC").Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("c")),
				jen.Return(jen.Id("compareCodec").Call(jen.Id("errC"), jen.Nil(), jen.Id("c"), jen.Id("a"), jen.Id("c").Dot("MarshalJSON"), jen.Id("a").Dot("MarshalJSON"))),
			)))
			continue
		}
		if typ.Kind != contract.KindObject || name == "" || g.extraType(typ) != nil || typ.Additional == contract.AdditionalFalse {
			continue
		}
		taggable := true
		for _, fi := range g.structFields(typ) {
			taggable = taggable && fi.tagOK
		}
		if !taggable {
			continue
		}
		docs := samples(name, typ)
		plain := "plain" + name
		f.Type().Id(plain).Id(name)
		cases = append(cases, jen.Values(jen.Lit(name), jen.Index().String().Values(docs...), jen.Func().Params(jen.Id("doc").Index().Byte()).Error().Block(
			jen.Var().Id("ours").Id(name),
			jen.Id("errOurs").Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("doc"), jen.Op("&").Id("ours")),
			jen.Var().Id("refl").Id(plain),
			jen.Id("errRefl").Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("doc"), jen.Op("&").Id("refl")),
			jen.Return(jen.Id("compareCodec").Call(jen.Id("errOurs"), jen.Id("errRefl"), jen.Id("ours"), jen.Id(name).Call(jen.Id("refl")),
				jen.Id("ours").Dot("MarshalJSON"),
				jen.Func().Params().Params(jen.Index().Byte(), jen.Error()).Block(jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id(plain).Call(jen.Id("ours"))))),
			)),
		)))
	}
	if len(cases) < 5 {
		t.Fatalf("only %d object types to compare", len(cases))
	}
	f.Comment("codecCases are the sample documents of each object type, with the check")
	f.Comment("comparing the generated codec with encoding/json's reflection on one.")
	f.Var().Id("codecCases").Op("=").Index().Struct(
		jen.Id("name").String(),
		jen.Id("docs").Index().String(),
		jen.Id("check").Func().Params(jen.Index().Byte()).Error(),
	).ValuesFunc(func(gr *jen.Group) {
		for _, c := range cases {
			gr.Line().Add(c)
		}
		gr.Line()
	})
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
