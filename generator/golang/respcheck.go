package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// Response validation, opt-in on both sides: the server checks what a
// handler returns before sending it (WithResponseValidation), the client
// checks what it decoded (WithResponseChecks). Both use the generated
// checks (Validate methods and check functions) the request side uses.
// The client's option, its error type and checkResponse are fixed code in
// runtime/client.go; what is written here depends on the contract.

// checkResponseStmt is the statement of a server's response writer
// checking the headers and body of ri before any is sent; nil when there
// is nothing to check.
func (g *gen) checkResponseStmt(ri respInfo) jen.Code {
	checks := g.responseChecks(ri, jen.Id("v"), nil)
	if checks == nil {
		return nil
	}
	// Computed only when on: && stops before the checks run.
	return jen.If(jen.Id("s").Dot("responseValidation").Op("!=").Id("ResponseValidationOff").Op("&&").Op("!").Id("responseValid").Call(jen.Id("s"), jen.Id("w"), jen.Id("r"), checks)).Block(jen.Return())
}

// responseChecks is the expression checking the declared headers, then the
// body, of response ri held in v: the first error, nil when all pass; nil
// (no expression) when nothing is checked. sent gives the client's
// expression of whether a header was received; nil on the server, which
// counts a header held as "" as not sent (it sets only non-empty ones).
func (g *gen) responseChecks(ri respInfo, v jen.Code, sent func(name string) jen.Code) jen.Code {
	var errs []jen.Code
	for _, hi := range ri.headers {
		val := jen.Add(v).Dot(hi.goName)
		var check jen.Code = jen.Nil()
		if hi.scalar || hi.list || hi.object || hi.mapped {
			check = g.checkFunc(hi.h.Type, func() *jen.Statement { return g.typeExpr(hi.h.Type) })
		}
		if hi.list || hi.mapped {
			// Empty is not sent: missing when required, unchecked otherwise.
			if hi.h.Required || !isNil(check) {
				fn := "checkListHeader"
				if hi.mapped {
					fn = "checkMapHeader"
				}
				errs = append(errs, jen.Id(fn).Call(jen.Lit(hi.h.Name), jen.Lit(hi.h.Required), check, val))
			}
			continue
		}
		switch shape := g.shapeOf(hi.h.Type, hi.h.Required, false); {
		case !hi.scalar && !hi.object && !hi.h.Required, shape == shapeNullable:
			// Held as text (*string), or Nullable: nothing to check.
		case shape == shapePointer:
			if !isNil(check) {
				errs = append(errs, jen.Id("checkOptHeader").Call(jen.Lit(hi.h.Name), check, val))
			}
		case hi.h.Required:
			present := jen.Lit(true)
			switch {
			case sent != nil:
				present = jen.Add(sent(hi.h.Name))
			case hi.object:
				// Sent whenever a property is, as the required ones are.
			case !hi.scalar || textHeld(hi.h.Type):
				present = val.Clone().Op("!=").Lit("")
			case isNil(check):
				continue // always sent, nothing to check
			}
			errs = append(errs, jen.Id("checkHeader").Call(jen.Lit(hi.h.Name), present, check, val))
		}
		// Left: optional and held by value (format byte): not checked.
	}
	if ri.mode == bodyTyped {
		if check := g.checkFunc(ri.typ, func() *jen.Statement { return g.typeExpr(ri.typ) }); !isNil(check) {
			errs = append(errs, jen.Add(check).Call(jen.Add(v).Dot("Body")))
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return jen.Id("firstError").Call(errs...)
}

// textHeld reports scalar types held as a Go string kind (parsed by
// parseString), for which "" is a header not sent.
func textHeld(t *contract.Type) bool {
	kind, format := t.Kind, t.Format
	if kind == contract.KindEnum {
		kind, format = t.Base, ""
	}
	return kind == contract.KindString && format != "date-time" && format != "byte"
}

// isNil reports the jen.Nil() checkFunc returns when there is no check.
func isNil(c jen.Code) bool {
	if c == nil {
		return true
	}
	// A statement that is nil alone is one token equal to jen.Nil()'s
	// (jennifer's tokens are comparable values); GoString would format.
	s, ok := c.(*jen.Statement)
	return ok && len(*s) == 1 && (*s)[0] == (*jen.Nil())[0]
}

// checkDecodedStmt is the client's statement checking the received headers
// and decoded body of ri when WithResponseChecks is on; nil when there is
// nothing to check.
func (g *gen) checkDecodedStmt(oi *opInfo, ri respInfo) jen.Code {
	checks := g.responseChecks(ri, jen.Id("out"), func(name string) jen.Code {
		return jen.Id("resp").Dot("Header").Dot("Get").Call(jen.Lit(name)).Op("!=").Lit("")
	})
	if checks == nil {
		return nil
	}
	return jen.If(jen.Id("c").Dot("responseChecks").Op("!=").Nil()).Block(
		jen.If(jen.Err().Op(":=").Id("c").Dot("responseChecks").Call(jen.Lit(oi.op.ID), jen.Id("resp").Dot("StatusCode"), checks), jen.Err().Op("!=").Nil()).Block(g.responseFail(oi, jen.Err())),
	)
}
