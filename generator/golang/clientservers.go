package golang

import (
	"github.com/dave/jennifer/jen"
)

// The client's choice of server. NewClient's baseURL stands for the
// document's servers. An operation whose contract declares servers of its
// own (or whose path does) is sent to the first of them, variables at
// their defaults, resolved against baseURL when relative. The user
// overrides that per operation with WithServerForOperation, or sends
// everything to baseURL with WithBaseURLOnly (a test server, a proxy).
// A contract without such servers gets none of this: every operation goes
// to baseURL, and the package carries no option that would do nothing.

// operationServers maps each operation with servers of its own to its
// first server's URL, variables at their defaults.
func (g *gen) operationServers() jen.Dict {
	d := jen.Dict{}
	for _, op := range g.m.Operations {
		if len(op.Servers) > 0 {
			d[jen.Lit(op.ID)] = jen.Lit(op.Servers[0].Expanded())
		}
	}
	return d
}

// clientServerFields are the Client fields the server choice needs.
func (g *gen) clientServerFields() []jen.Code {
	if len(g.operationServers()) == 0 {
		return nil
	}
	return []jen.Code{
		jen.Comment("servers holds the server of each operation not sent to base."),
		jen.Id("servers").Map(jen.String()).Op("*").Qual("net/url", "URL"),
		jen.Comment("baseOnly sends every operation to base (WithBaseURLOnly)."),
		jen.Id("baseOnly").Bool(),
	}
}

// baseFor are newRequest's statements that set base to the operation's
// server or the base URL.
func (g *gen) baseFor() []jen.Code {
	stmts := []jen.Code{jen.Id("base").Op(":=").Id("c").Dot("base")}
	if len(g.operationServers()) == 0 {
		return stmts
	}
	return append(stmts, jen.If(jen.Id("s").Op(":=").Id("c").Dot("servers").Index(jen.Id("op")), jen.Id("s").Op("!=").Nil()).Block(jen.Id("base").Op("=").Id("s")))
}

// emitServerOptions writes WithServerForOperation, WithBaseURLOnly and the
// table of the contract's operation servers.
func (g *gen) emitServerOptions(f *jen.File) {
	if len(g.operationServers()) == 0 {
		return
	}
	f.Comment("WithServerForOperation sends the operation with the given operationId to server")
	f.Comment("(resolved against the base URL when relative) instead of the base URL or the")
	f.Comment("server the contract declares for it.")
	f.Func().Id("WithServerForOperation").Params(jen.List(jen.Id("operationID"), jen.Id("server")).String()).Id("ClientOption").Block(
		jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Error().Block(
			jen.List(jen.Id("u"), jen.Err()).Op(":=").Id("serverURL").Call(jen.Id("c").Dot("base"), jen.Id("server")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.If(jen.Id("c").Dot("servers").Op("==").Nil()).Block(jen.Id("c").Dot("servers").Op("=").Map(jen.String()).Op("*").Qual("net/url", "URL").Values()),
			jen.Id("c").Dot("servers").Index(jen.Id("operationID")).Op("=").Id("u"),
			jen.Return(jen.Nil()),
		)),
	)
	f.Line()
	f.Comment("WithBaseURLOnly sends every operation to the base URL, including those the contract")
	f.Comment("gives servers of their own (a test server, a proxy); WithServerForOperation still applies.")
	f.Func().Id("WithBaseURLOnly").Params().Id("ClientOption").Block(
		jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Error().Block(
			jen.Id("c").Dot("baseOnly").Op("=").True(),
			jen.Return(jen.Nil()),
		)),
	)
	f.Line()
	f.Comment("operationServers are the servers the contract declares for operations (or their")
	f.Comment("paths), by operationId, variables at their defaults.")
	f.Var().Id("operationServers").Op("=").Map(jen.String()).String().Values(g.operationServers())
	f.Line()
}

// pickServers are NewClient's statements, after the options, that give
// each operation with a server of its own that server unless an option
// chose.
func (g *gen) pickServers() []jen.Code {
	if len(g.operationServers()) == 0 {
		return nil
	}
	return []jen.Code{
		jen.For(jen.List(jen.Id("id"), jen.Id("s")).Op(":=").Range().Id("operationServers")).Block(
			jen.If(jen.List(jen.Id("_"), jen.Id("set")).Op(":=").Id("c").Dot("servers").Index(jen.Id("id")), jen.Id("set").Op("||").Id("c").Dot("baseOnly")).Block(jen.Continue()),
			jen.List(jen.Id("u"), jen.Err()).Op(":=").Id("serverURL").Call(jen.Id("c").Dot("base"), jen.Id("s")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("operation %s: %w"), jen.Id("id"), jen.Err()))),
			jen.If(jen.Id("c").Dot("servers").Op("==").Nil()).Block(jen.Id("c").Dot("servers").Op("=").Map(jen.String()).Op("*").Qual("net/url", "URL").Values()),
			jen.Id("c").Dot("servers").Index(jen.Id("id")).Op("=").Id("u"),
		),
	}
}
