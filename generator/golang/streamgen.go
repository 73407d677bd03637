package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// Streams: a response of server-sent events, JSON Lines or a JSON text
// sequence holds its items as an iter.Seq2. The handler returns a sequence
// the server writes and flushes item by item (runtime writeSSE and
// writeJSONSeq); the client's response holds a sequence reading the body
// item by item as it arrives (readSSE, readJSONSeq), which closes the body
// when the loop ends. The fixed code is runtime/stream.go.

// streamField declares a stream response's field: Events (SSE) or Items.
func (g *gen) streamField(ri respInfo) []jen.Code {
	noun, what := "item", "the stream's JSON texts"
	if ri.stream == contract.StreamSSE {
		noun, what = "event", "the server-sent events"
	}
	return []jen.Code{
		jen.Comment(fmt.Sprintf("%s are %s (%s). A handler returns a sequence", streamFieldName(ri), what, ri.media)),
		jen.Comment(fmt.Sprintf("the server sends and flushes %s by %s until it ends or yields an error;", noun, noun)),
		jen.Comment(fmt.Sprintf("stop it when ctx is done. The client's sequence yields each %s as it", noun)),
		jen.Comment("arrives and closes the connection when the loop ends: range over it once,"),
		jen.Comment("or cancel the call's context."),
		jen.Id(streamFieldName(ri)).Add(g.streamSeq(ri)),
	}
}

// streamSeq is the Go type of a stream: iter.Seq2[SSEEvent[T], error] for
// server-sent events, iter.Seq2[T, error] otherwise.
func (g *gen) streamSeq(ri respInfo) *jen.Statement {
	return jen.Qual("iter", "Seq2").Types(g.streamItem(ri), jen.Error())
}

func (g *gen) streamItem(ri respInfo) *jen.Statement {
	if ri.stream == contract.StreamSSE {
		return jen.Id("SSEEvent").Types(g.typeExpr(ri.typ))
	}
	return g.typeExpr(ri.typ)
}

// streamFieldName is the response field holding the stream.
func streamFieldName(ri respInfo) string {
	if ri.stream == contract.StreamSSE {
		return "Events"
	}
	return "Items"
}

// rawText reports item types an event's data carries as its own text:
// strings (and string enums) that are not dates or bytes.
func rawText(t *contract.Type) bool {
	switch t.Kind {
	case contract.KindString:
		return t.Format != "date-time" && t.Format != "byte"
	case contract.KindEnum:
		return t.Base == contract.KindString
	}
	return false
}

// streamCodec is the encode and decode functions of one item: the data's
// own text for a string event, else JSON through the package's codec.
func (g *gen) streamCodec(ri respInfo) (encode, decode jen.Code) {
	t := ri.typ
	if ri.stream == contract.StreamSSE && rawText(t) {
		return jen.Id("encodeText").Types(g.typeExpr(t)), jen.Id("decodeText").Types(g.typeExpr(t))
	}
	encode = jen.Func().Params(jen.Id("v").Op("*").Add(g.typeExpr(t))).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("encodeJSONValue").Call(jen.Id("v"), g.writerFn(t))),
	)
	decode = jen.Func().Params(jen.Id("b").Index().Byte(), jen.Id("v").Op("*").Add(g.typeExpr(t))).Error().Block(
		jen.Return(jen.Id("decodeJSONValue").Call(jen.Id("b"), jen.Id("v"), g.readerFn(t))),
	)
	return encode, decode
}

// writeStream is the server's statement sending a stream response v with
// status. Once the status is sent an error cannot be answered: it is
// logged, unless the client went away.
func (g *gen) writeStream(ri respInfo, status jen.Code) jen.Code {
	encode, _ := g.streamCodec(ri)
	var call *jen.Statement
	if ri.stream == contract.StreamSSE {
		call = jen.Id("writeSSE").Call(jen.Id("w"), status, jen.Lit(ri.media), jen.Id("v").Dot("Events"), encode)
	} else {
		call = jen.Id("writeJSONSeq").Call(jen.Id("w"), status, jen.Lit(ri.media), jen.Id("v").Dot("Items"), jen.Lit(ri.stream == contract.StreamJSONSeq), encode)
	}
	return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil().Op("&&").Id("r").Dot("Context").Call().Dot("Err").Call().Op("==").Nil()).Block(
		jen.Id("s").Dot("logger").Dot("ErrorContext").Call(jen.Id("r").Dot("Context").Call(), jen.Lit("stream ended by an error"), jen.Lit("method"), jen.Id("r").Dot("Method"), jen.Lit("path"), jen.Id("r").Dot("URL").Dot("Path"), jen.Lit("error"), jen.Err()),
	)
}

// readStream is the client's statements filling a stream response: the
// body is handed to the sequence, which closes it, so the method must not.
func (g *gen) readStream(ri respInfo) []jen.Code {
	_, decode := g.streamCodec(ri)
	var seq *jen.Statement
	if ri.stream == contract.StreamSSE {
		seq = jen.Id("readSSE").Call(jen.Id("resp").Dot("Body"), decode)
	} else {
		seq = jen.Id("readJSONSeq").Call(jen.Id("resp").Dot("Body"), jen.Lit(ri.stream == contract.StreamJSONSeq), decode)
	}
	return []jen.Code{
		jen.Id("out").Dot(streamFieldName(ri)).Op("=").Add(seq),
	}
}
