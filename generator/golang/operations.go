package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// opsRuntimeNames are the package-level identifiers the server and client
// emitters declare themselves, reserved before any schema is named.
var opsRuntimeNames = []string{
	"Handler", "Unimplemented", "NewServer", "ServerOption", "WithMaxBodyBytes", "WithMiddleware", "WithErrorHandler",
	"ProblemDetails", "InvalidParam", "RequestError", "NotImplementedError",
	"OperationFromContext", "SecurityHandler",
	"WithReadOnlyDropped", "ResponseValidation", "ResponseValidationOff", "ResponseValidationLog", "ResponseValidationReject",
	"WithResponseValidation", "WithResponseChecks", "ResponseValidationError",
	"Client", "NewClient", "ClientOption", "WithHTTPClient", "WithRequestEditor", "UnexpectedResponseError", "Spec",
	"WithServerForOperation", "WithBaseURLOnly",
}

// opInfo is one operation with every Go name the emitters need.
type opInfo struct {
	op        *contract.Operation
	method    string // Handler and Client method
	reqType   string // <Op>Request
	respIface string // <Op>Response (an interface)
	params    []paramInfo
	body      bodyInfo
	responses []respInfo

	// Set for webhook and callback operations (see webhookgen.go).
	sendPath string // the path their sender appends to its URL
	sender   string // the sender type their client method belongs to
	receiver string // the handler interface their server method belongs to
}

// paramEncoding says how a parameter travels as text.
type paramEncoding int

const (
	encScalar     paramEncoding = iota // one primitive value
	encArray                           // a list of primitive values
	encDeepObject                      // an object of primitives: name[field]=value
	encFormObject                      // an exploded form object: field=value
	encJSON                            // a JSON-encoded value (content: application/json)
	encRaw                             // anything else: the raw string
)

type paramInfo struct {
	p      *contract.Param
	goName string
	enc    paramEncoding
	shape  fieldShape
	// dflt: the server sets the contract's default before reading the
	// parameter (see paramDefault).
	dflt bool
}

// bodyMode says how a request body reaches the handler.
type bodyMode int

const (
	bodyNone      bodyMode = iota
	bodyTyped              // decoded from JSON or a form into a Go value
	bodyRaw                // handed over as a stream with its content type
	bodyStream             // a response of items sent one by one (see streamgen.go)
	bodyMultipart          // multipart/form-data parts into a <Op>Parts struct (see multipartgen.go)
)

type bodyInfo struct {
	mode     bodyMode
	typ      *contract.Type
	required bool
	json     []string // JSON media types accepted, typed mode
	form     bool     // form-urlencoded accepted, typed mode
	xml      []string // XML media types accepted, typed mode (see xmlgen.go)
	media    []string // every declared media type
	// Multipart mode: the Go name of the parts struct and the encoding
	// object's content type of each property that declares one.
	parts       string
	encoding    map[string]string
	partHeaders map[string][]*contract.Header
}

type respInfo struct {
	r        *contract.Response
	typeName string
	mode     bodyMode // none, typed (JSON) or raw
	typ      *contract.Type
	media    string // media type written by the server
	headers  []headerInfo
	stream   contract.StreamKind // bodyStream: how items are framed; typ is the item type
	// xml is the XML media type a typed body is written in: media itself
	// when XML comes first, else beside JSON, chosen by Accept.
	xml string
}

type headerInfo struct {
	h      *contract.Header
	goName string
	scalar bool
	// list: an array of scalars, held as []T and sent comma-separated
	// (style simple, the only one headers have).
	list bool
	// object: a named struct of scalar properties; mapped: a map of
	// scalars; both held as their Go type and sent as a style simple
	// object (headerobject.go).
	object, mapped bool
}

// nameOperations assigns the Go identifiers of every operation's method and
// types, after nameTypes.
func (g *gen) nameOperations() {
	for _, op := range g.m.Operations {
		g.ops = append(g.ops, g.nameOperation(op))
	}
}

// nameOperation assigns the Go identifiers of one operation's method and
// types: the operations of paths, webhooks and callbacks alike.
func (g *gen) nameOperation(op *contract.Operation) *opInfo {
	base := GoName(op.ID)
	oi := &opInfo{op: op, method: g.pkg.unique(base)}
	oi.reqType = g.pkg.unique(base + "Request")
	oi.respIface = g.pkg.unique(base + "Response")
	var fields scope
	for _, n := range []string{"Body", "ContentType"} {
		fields.unique(n)
	}
	for _, p := range op.Params {
		pi := paramInfo{p: p, goName: fields.unique(GoName(p.Name)), enc: g.paramEncoding(p)}
		pi.shape = g.shapeOf(p.Type, p.Required, false)
		if pi.enc == encArray {
			pi.shape = shapeValue
		}
		g.paramDefault(&pi)
		oi.params = append(oi.params, pi)
	}
	oi.body = g.bodyOf(op)
	if oi.body.mode == bodyMultipart {
		oi.body.parts = g.pkg.unique(base + "Parts")
	}
	for _, r := range op.Responses {
		status := r.Status
		if status == "default" {
			status = "Default"
		}
		ri := respInfo{r: r, typeName: g.pkg.unique(base + status + "Response")}
		if len(r.Contents) > 0 {
			c := r.Contents[0]
			ri.media = c.MediaType
			if c.Kind == contract.BodyJSON && c.Type != nil {
				ri.mode, ri.typ = bodyTyped, c.Type
				ri.xml = g.xmlBeside(r.Contents, c.Type)
			} else if c.XML {
				ri.mode, ri.typ, ri.xml = bodyTyped, c.Type, c.MediaType
				g.xmlRoot(c.Type)
			} else if c.Stream != contract.StreamNone && c.ItemType != nil {
				ri.mode, ri.typ, ri.stream = bodyStream, c.ItemType, c.Stream
			} else {
				ri.mode = bodyRaw
			}
		}
		var hs scope
		for _, n := range []string{"Body", "ContentType", "StatusCode"} {
			hs.unique(n)
		}
		for _, h := range r.Headers {
			list := h.Type != nil && h.Type.Kind == contract.KindArray && !g.defined(h.Type) && isScalar(h.Type.Elem)
			shape := contract.HeaderShapeOf(h.Type)
			ri.headers = append(ri.headers, headerInfo{h: h, goName: hs.unique(GoName(h.Name)), scalar: isScalar(h.Type), list: list,
				object: shape == contract.HeaderObject && g.typeNames[h.Type] != "", mapped: shape == contract.HeaderMap})
		}
		oi.responses = append(oi.responses, ri)
	}
	return oi
}

// isScalar reports types a parameter or header carries as one text value.
func isScalar(t *contract.Type) bool { return contract.IsScalar(t) }

func (g *gen) paramEncoding(p *contract.Param) paramEncoding {
	t := p.Type
	switch {
	case p.ContentType != "" && contract.BodyKindOf(p.ContentType) == contract.BodyJSON:
		return encJSON
	case p.ContentType != "":
		return encRaw
	case isScalar(t):
		return encScalar
	case t.Kind == contract.KindArray && isScalar(t.Elem) && !t.Elem.Nullable:
		return encArray
	case t.Kind == contract.KindObject && g.typeNames[t] != "" && allScalarFields(t) && p.In == contract.InQuery:
		if p.Style == "deepObject" {
			return encDeepObject
		}
		if p.Style == "form" && p.Explode {
			return encFormObject
		}
	}
	return encRaw
}

func allScalarFields(t *contract.Type) bool {
	for _, f := range t.Fields {
		if !isScalar(f.Type) {
			return false
		}
	}
	return true
}

// bodyOf decides how an operation's request body is handled: typed when a
// JSON or form media type has a schema (XML of the same schema beside it
// read too), or XML that travels as XML comes first; parts when
// multipart/form-data comes first with an object schema; raw otherwise.
func (g *gen) bodyOf(op *contract.Operation) bodyInfo {
	if op.Body == nil || len(op.Body.Contents) == 0 {
		return bodyInfo{}
	}
	b := bodyInfo{required: op.Body.Required}
	for _, c := range op.Body.Contents {
		b.media = append(b.media, c.MediaType)
	}
	first := op.Body.Contents[0]
	if first.Type != nil && (first.Kind == contract.BodyJSON || first.Kind == contract.BodyForm && first.Type.Kind == contract.KindObject && g.typeNames[first.Type] != "" && formable(first.Type)) {
		b.mode, b.typ = bodyTyped, first.Type
		for _, c := range op.Body.Contents {
			if c.Type != first.Type {
				continue
			}
			switch c.Kind {
			case contract.BodyJSON:
				b.json = append(b.json, c.MediaType)
			case contract.BodyForm:
				b.form = formable(c.Type)
			}
			if c.XML {
				b.xml = append(b.xml, c.MediaType)
				g.xmlRoot(c.Type)
			}
		}
		return b
	}
	if first.XML {
		b.mode, b.typ = bodyTyped, first.Type
		for _, c := range op.Body.Contents {
			if c.XML && c.Type == first.Type {
				b.xml = append(b.xml, c.MediaType)
			}
		}
		g.xmlRoot(first.Type)
		return b
	}
	if multipartable(first) {
		b.mode, b.typ, b.encoding, b.partHeaders = bodyMultipart, first.Type, partTypes(first), first.PartHeaders
		return b
	}
	b.mode = bodyRaw
	return b
}

// formable reports object types whose fields a form can carry.
func formable(t *contract.Type) bool {
	if t.Kind != contract.KindObject {
		return false
	}
	for _, f := range t.Fields {
		if !isScalar(f.Type) && !(f.Type.Kind == contract.KindArray && !f.Nullable && isScalar(f.Type.Elem) && !f.Type.Elem.Nullable) {
			return false
		}
	}
	return true
}

// paramGoType is the Go type of a parameter's request field.
func (g *gen) paramGoType(pi paramInfo) *jen.Statement {
	switch pi.enc {
	case encArray:
		return jen.Index().Add(g.typeExpr(pi.p.Type.Elem))
	case encRaw:
		if pi.p.Required {
			return jen.String()
		}
		return jen.Op("*").String()
	}
	return g.shapeExpr(pi.p.Type, pi.shape)
}

// emitOperationTypes writes each operation's request struct, response
// interface and one response type per declared status.
func (g *gen) emitOperationTypes(f *jen.File) {
	for _, oi := range g.allOps() {
		op := oi.op
		doc := fmt.Sprintf("%s holds the parameters and body of %s %s.", oi.reqType, op.Method, op.Path)
		f.Comment(doc)
		var fields []jen.Code
		for _, pi := range oi.params {
			for _, l := range docLines(pi.p.Description) {
				fields = append(fields, jen.Comment(l))
			}
			fields = append(fields, jen.Comment(fmt.Sprintf("%s parameter %q.", titleIn(pi.p.In), pi.p.Name)))
			if pi.dflt {
				fields = append(fields, jen.Comment(defaultDoc(pi)))
			}
			fields = append(fields, jen.Id(pi.goName).Add(g.paramGoType(pi)))
		}
		switch oi.body.mode {
		case bodyTyped:
			fields = append(fields, jen.Comment("Body is the request body ("+strings.Join(append(append(append([]string{}, oi.body.json...), formName(oi.body.form)...), oi.body.xml...), ", ")+")."))
			if oi.body.required {
				fields = append(fields, jen.Id("Body").Add(g.typeExpr(oi.body.typ)))
			} else {
				fields = append(fields, jen.Id("Body").Op("*").Add(g.typeExpr(oi.body.typ)))
			}
		case bodyRaw:
			fields = append(fields,
				jen.Comment("Body is the request body, read by the handler; one of: "+strings.Join(oi.body.media, ", ")+"."),
				jen.Id("Body").Qual("io", "Reader"),
				jen.Comment("ContentType is the media type of Body."),
				jen.Id("ContentType").String(),
			)
		case bodyMultipart:
			fields = append(fields, jen.Comment("Body holds the parts of the request body (multipart/form-data)."))
			if oi.body.required {
				fields = append(fields, jen.Id("Body").Id(oi.body.parts))
			} else {
				fields = append(fields, jen.Id("Body").Op("*").Id(oi.body.parts))
			}
		}
		f.Type().Id(oi.reqType).Struct(append([]jen.Code{noCompare()}, fields...)...)
		f.Line()
		if oi.body.mode == bodyMultipart {
			g.emitPartsType(f, oi)
		}

		f.Comment(fmt.Sprintf("%s is one of the responses %s declares: %s.", oi.respIface, op.ID, respNames(oi)))
		f.Type().Id(oi.respIface).Interface(jen.Id("is" + oi.respIface).Params())
		f.Line()
		for _, ri := range oi.responses {
			rf := []jen.Code{noCompare()}
			if ri.r.Code == 0 {
				rf = append(rf, jen.Comment("StatusCode is the HTTP status sent; 0 means "+fmt.Sprint(defaultStatus(ri.r))+"."), jen.Id("StatusCode").Int())
			}
			switch ri.mode {
			case bodyTyped:
				rf = append(rf, jen.Id("Body").Add(g.typeExpr(ri.typ)))
			case bodyRaw:
				rf = append(rf, jen.Comment("Body is the response body ("+ri.media+")."), jen.Id("Body").Index().Byte(),
					jen.Comment("ContentType overrides the media type sent, "+ri.media+" when empty."), jen.Id("ContentType").String())
			case bodyStream:
				rf = append(rf, g.streamField(ri)...)
			}
			for _, hi := range ri.headers {
				for _, l := range docLines(hi.h.Description) {
					rf = append(rf, jen.Comment(l))
				}
				rf = append(rf, jen.Comment(fmt.Sprintf("Header %q.", hi.h.Name)))
				rf = append(rf, jen.Id(hi.goName).Add(g.headerGoType(hi)))
			}
			desc := strings.TrimSpace(ri.r.Description)
			line := fmt.Sprintf("%s is the %s response of %s.", ri.typeName, ri.r.Status, op.ID)
			f.Comment(line)
			for _, l := range docLines(desc) {
				f.Comment(l)
			}
			f.Type().Id(ri.typeName).Struct(rf...)
			f.Line()
			f.Func().Params(jen.Id(ri.typeName)).Id("is" + oi.respIface).Params().Block()
			f.Line()
		}
		g.unitEmitted(f)
	}
}

func formName(form bool) []string {
	if form {
		return []string{"application/x-www-form-urlencoded"}
	}
	return nil
}

func titleIn(in contract.ParamIn) string {
	s := string(in)
	return strings.ToUpper(s[:1]) + s[1:]
}

func respNames(oi *opInfo) string {
	var ns []string
	for _, ri := range oi.responses {
		ns = append(ns, ri.typeName)
	}
	if len(ns) == 0 {
		return "none"
	}
	return strings.Join(ns, ", ")
}

// defaultStatus is the status sent for a range or default response whose
// StatusCode is left 0.
func defaultStatus(r *contract.Response) int {
	switch {
	case r.Code > 0:
		return r.Code
	case r.Status == "default":
		return 500
	}
	return int(r.Status[0]-'0') * 100
}

func (g *gen) headerGoType(hi headerInfo) *jen.Statement {
	if hi.list {
		return jen.Index().Add(g.typeExpr(hi.h.Type.Elem))
	}
	if !hi.scalar && !hi.object && !hi.mapped {
		if hi.h.Required {
			return jen.String()
		}
		return jen.Op("*").String()
	}
	return g.fieldTypeExpr(hi.h.Type, hi.h.Required, false)
}

// parseScalar emits statements parsing the string expression s as a value
// of t and handing it to assign; fail builds the statement run when s is
// not such a value.
func (g *gen) parseScalar(t *contract.Type, s jen.Code, assign func(v jen.Code) []jen.Code, fail func(msg string) jen.Code) []jen.Code {
	conv := func(x jen.Code) jen.Code { return g.typeExpr(t).Call(x) }
	kind, format := t.Kind, t.Format
	if kind == contract.KindEnum {
		kind = t.Base
		format = ""
	}
	switch kind {
	case contract.KindBool:
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("strconv", "ParseBool").Call(s), jen.Err().Op("!=").Nil()).Block(fail("must be true or false")).Else().Block(assign(conv(jen.Id("x")))...)}
	case contract.KindInt:
		bits, parse, msg := 64, "ParseInt", "must be an integer"
		switch intRepOf(t) {
		case repInt32:
			bits = 32
		case repUint32:
			bits, parse, msg = 32, "ParseUint", "must be a non-negative integer"
		case repUint64:
			parse, msg = "ParseUint", "must be a non-negative integer"
		case repDecimal:
			return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("parseDecimal").Types(g.typeExpr(t)).Call(s), jen.Err().Op("!=").Nil()).Block(fail(msg)).Else().Block(assign(jen.Id("x"))...)}
		}
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("strconv", parse).Call(s, jen.Lit(10), jen.Lit(bits)), jen.Err().Op("!=").Nil()).Block(fail(msg)).Else().Block(assign(conv(jen.Id("x")))...)}
	case contract.KindNumber:
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("strconv", "ParseFloat").Call(s, jen.Lit(64)), jen.Err().Op("!=").Nil()).Block(fail("must be a number")).Else().Block(assign(conv(jen.Id("x")))...)}
	case contract.KindString:
		switch format {
		case "date-time":
			return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("time", "Parse").Call(jen.Qual("time", "RFC3339"), s), jen.Err().Op("!=").Nil()).Block(fail("must be an RFC 3339 date-time")).Else().Block(assign(jen.Id("x"))...)}
		case "byte":
			return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Err()).Op(":=").Qual("encoding/base64", "StdEncoding").Dot("DecodeString").Call(s), jen.Err().Op("!=").Nil()).Block(fail("must be base64")).Else().Block(assign(jen.Id("x"))...)}
		}
		if g.typeNames[t] != "" && t.Kind == contract.KindEnum {
			return assign(conv(s))
		}
		return assign(s)
	}
	return assign(s)
}

// formatScalar is a string expression for the value v of scalar type t.
func (g *gen) formatScalar(t *contract.Type, v jen.Code) jen.Code {
	kind, format := t.Kind, t.Format
	if kind == contract.KindEnum {
		kind, format = t.Base, ""
	}
	switch kind {
	case contract.KindBool:
		return jen.Qual("strconv", "FormatBool").Call(jen.Bool().Call(v))
	case contract.KindInt:
		switch intRepOf(t) {
		case repUint32, repUint64:
			return jen.Qual("strconv", "FormatUint").Call(jen.Uint64().Call(v), jen.Lit(10))
		case repDecimal:
			return jen.Id("formatDecimal").Call(v)
		}
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
	case contract.KindNumber:
		return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(v), jen.LitByte('g'), jen.Lit(-1), jen.Lit(64))
	case contract.KindString:
		switch format {
		case "date-time":
			return jen.Add(v).Dot("Format").Call(jen.Qual("time", "RFC3339"))
		case "byte":
			return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(v)
		}
		return jen.String().Call(v)
	}
	return jen.Qual("fmt", "Sprint").Call(v)
}

// formatPointer is formatScalar for a pointer p to the value: methods are
// called on the pointer ((*T).Format would need parentheses), everything
// else is dereferenced.
func (g *gen) formatPointer(t *contract.Type, p *jen.Statement) jen.Code {
	if t.Kind == contract.KindString && t.Format == "date-time" {
		return p.Dot("Format").Call(jen.Qual("time", "RFC3339"))
	}
	return g.formatScalar(t, jen.Op("*").Add(p))
}
