package golang

import (
	"github.com/dave/jennifer/jen"
)

// emitSpec embeds the contract, as one self-contained JSON document, so a
// service can serve it and validate against it without reading files.
func (g *gen) emitSpec(f *jen.File) error {
	f.Comment("specJSON is the contract as one self-contained JSON document.")
	f.Const().Id("specJSON").Op("=").Lit(string(g.m.Spec))
	f.Line()
	f.Comment("Spec returns the contract this package was generated from, as JSON.")
	f.Func().Id("Spec").Params().Index().Byte().Block(
		jen.Return(jen.Index().Byte().Call(jen.Id("specJSON"))),
	)
	return nil
}
