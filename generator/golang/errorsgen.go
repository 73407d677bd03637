package golang

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract/errbody"
)

// ownErrorStatuses are the statuses a generated server sends on its own,
// in the order of an errorTable's entries: the runtime's errorStatuses
// (TestErrorStatusesMatchRuntime).
var ownErrorStatuses = []int{400, 401, 403, 404, 405, 413, 415}

// errorAnswers holds what the server answers on its own, by errbody's
// rule (the one the mock follows): every distinct declared answer once,
// and per operation a table of indexes into them.
type errorAnswers struct {
	answers []jen.Code     // errorAnswer literals, in order of first use
	index   map[string]int // an answer's key → its index + 1
	tables  []jen.Code     // errorTable literals
	byTable map[string]int // rendered table → its index
	ofOp    map[*opInfo]int
}

// buildErrorAnswers applies errbody's rule to every operation at
// generation time. An operation that declares nothing for any of the
// statuses has no table (-1): it answers problem+json throughout.
func (g *gen) buildErrorAnswers() *errorAnswers {
	ea := &errorAnswers{index: map[string]int{}, byTable: map[string]int{}, ofOp: map[*opInfo]int{}}
	for _, oi := range g.allOps() {
		var row []jen.Code
		key, any := "", false
		for _, status := range ownErrorStatuses {
			n := 0
			if a := errbody.For(oi.op, status); a != nil {
				n = ea.add(a, g.xmlAnswer(a))
				any = true
			}
			if n == 0 {
				row = append(row, jen.Nil())
			} else {
				row = append(row, jen.Op("&").Id("errorAnswers").Index(jen.Lit(n-1)))
			}
			key += strconv.Itoa(n) + ","
		}
		if !any {
			ea.ofOp[oi] = -1
			continue
		}
		i, ok := ea.byTable[key]
		if !ok {
			i = len(ea.tables)
			ea.byTable[key] = i
			ea.tables = append(ea.tables, jen.Values(row...))
		}
		ea.ofOp[oi] = i
	}
	return ea
}

// xmlAnswer is the errorAnswer's xml function for an answer declared in
// XML that travels as XML (its root is in the table, which the response
// types already filled), nil for the others.
func (g *gen) xmlAnswer(a *errbody.Answer) jen.Code {
	if a.Content == nil || !a.Content.XML || g.xml == nil {
		return nil
	}
	root, ok := g.xml.Index(a.Content.Type)
	if !ok {
		return nil
	}
	return jen.Func().Params(jen.Id("v").Any()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("anyToXML").Call(jen.Id("v"), jen.Id(xmlTableName), jen.Lit(root))),
	)
}

// add stores a's literal once and returns its index + 1; xml is its xml
// function (nil when its body is JSON).
func (ea *errorAnswers) add(a *errbody.Answer, xml jen.Code) int {
	// Positional, one answer a line: Microsoft Graph's operations share a
	// handful of answers, but a big contract may declare many.
	media, body := "", ""
	var fills []jen.Code
	if a.Content != nil {
		b, mt := errbody.Encode(a.Content, a.Example)
		media, body = mt, string(b)
		for _, f := range a.Fills {
			switch v := f.Value.(type) {
			case nil:
				fills = append(fills, jen.Values(jen.Lit(f.Name), jen.Nil(), jen.Lit(f.MinLength), jen.Lit(f.MaxLength)))
			case float64:
				fills = append(fills, jen.Values(jen.Lit(f.Name), jen.Lit(int(v)), jen.Lit(0), jen.Lit(0)))
			default:
				fills = append(fills, jen.Values(jen.Lit(f.Name), jen.Lit(v), jen.Lit(0), jen.Lit(0)))
			}
		}
	}
	fillList := jen.Nil()
	if len(fills) > 0 {
		fillList = jen.Index().Id("errorFill").Values(fills...)
	}
	key := fmt.Sprintf("%d %q %q %#v", a.Status, media, body, a.Fills)
	if xml != nil {
		key += fmt.Sprintf(" xml %p", a.Content.Type)
	}
	if n, ok := ea.index[key]; ok {
		return n
	}
	if xml == nil {
		xml = jen.Nil()
	}
	ea.answers = append(ea.answers, jen.Values(jen.Lit(a.Status), jen.Lit(media), jen.Lit(body), fillList, xml))
	ea.index[key] = len(ea.answers)
	return len(ea.answers)
}

// emitErrorAnswers writes errorAnswers and errorTables.
func (g *gen) emitErrorAnswers(f *jen.File, ea *errorAnswers) {
	list := func(name, elem string, rows []jen.Code, doc ...string) {
		for _, l := range doc {
			f.Comment(l)
		}
		f.Var().Id(name).Op("=").Index().Id(elem).ValuesFunc(func(gr *jen.Group) {
			for _, r := range rows {
				gr.Line().Add(r)
			}
			gr.Line()
		})
		f.Line()
	}
	list("errorAnswers", "errorAnswer", ea.answers,
		"errorAnswers are the responses the contract declares for errors the server",
		"finds itself (a bad request, an undeclared media type …), each with its body.")
	list("errorTables", "errorTable", ea.tables,
		"errorTables say, per operation, which of errorAnswers answers each of",
		"errorStatuses (nil: none, problem+json).")
}

// tableOf is the expression for oi's error table: a pointer into
// errorTables, or nil when the operation declares no error answer.
func (ea *errorAnswers) tableOf(oi *opInfo) *jen.Statement {
	if i, ok := ea.ofOp[oi]; ok && i >= 0 {
		return jen.Op("&").Id("errorTables").Index(jen.Lit(i))
	}
	return jen.Nil()
}
