package golang

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// Ident is one exported identifier a generated package declares, named by
// the same namer the emitters use, so tools that reason about the Go API
// (diff's Go-breaking changes) see exactly what users compile against.
type Ident struct {
	// Kind is "type", "field" (of a schema's struct), "method" (of Handler
	// and Client), "request-field" (a parameter or the body of an
	// operation's request struct) or "response" (a response type).
	Kind string `json:"kind"`
	// Name is qualified where it is a member: "Pet", "Pet.Name",
	// "Client.GetPet", "GetPetRequest.PetID".
	Name string `json:"name"`
	// Type is the Go type of a field or request field ("*int64",
	// "[]string", "Nullable[Pet]"); empty for the other kinds.
	Type string `json:"type,omitempty"`
	// From says where in the contract it comes from: a schema's pointer,
	// an operationId, a parameter's name.
	From string `json:"from"`
}

// Identifiers lists the exported identifiers Generate would declare for m
// with opts, sorted by name: types and their fields, the Handler and
// Client methods (for webhooks and callbacks, their receiver's and
// sender's), and each operation's request fields and response types.
// Runtime identifiers every package has (NewServer, Client …) are left out:
// they never change with the contract.
func Identifiers(m *contract.Model, opts generator.Options) []Ident {
	return identifiersWith(m, opts, goStrings)
}

// identifiersWith is Identifiers with the function that renders the type
// expressions (a test compares goStrings with formatting them all).
func identifiersWith(m *contract.Model, opts generator.Options, render func([]*jen.Statement) []string) []Ident {
	g := newGen(m, opts)
	var out []Ident
	// Type expressions are rendered together at the end: rendering one
	// formats it, and thousands of one-line formats cost seconds on a
	// large contract where one pass over them all costs milliseconds.
	var exprs []*jen.Statement
	var at []int
	typed := func(id Ident, e *jen.Statement) Ident {
		exprs, at = append(exprs, e), append(at, len(out))
		return id
	}
	for _, t := range m.Types {
		name := g.typeNames[t]
		if name == "" {
			continue
		}
		from := t.Source.Pointer
		if from == "" {
			from = t.Name
		}
		out = append(out, Ident{Kind: "type", Name: name, From: from})
		if t.Kind != contract.KindObject {
			continue
		}
		for _, fi := range g.structFields(t) {
			out = append(out, typed(Ident{Kind: "field", Name: name + "." + fi.goName, From: from + "/properties/" + contract.EscapePointerToken(fi.f.Name)}, g.shapeExpr(fi.f.Type, fi.shape)))
		}
	}
	for _, oi := range g.allOps() {
		from := oi.op.ID
		handler, client := "Handler", "Client"
		if oi.sender != "" { // a webhook's or callback's
			handler, client = oi.receiver, oi.sender
		}
		out = append(out,
			Ident{Kind: "method", Name: handler + "." + oi.method, From: from},
			Ident{Kind: "method", Name: client + "." + oi.method, From: from},
			Ident{Kind: "type", Name: oi.reqType, From: from},
		)
		for _, pi := range oi.params {
			out = append(out, typed(Ident{Kind: "request-field", Name: oi.reqType + "." + pi.goName, From: fmt.Sprintf("%s %s parameter %q", oi.op.ID, pi.p.In, pi.p.Name)}, g.paramGoType(pi)))
		}
		switch oi.body.mode {
		case bodyTyped:
			typ := g.typeExpr(oi.body.typ)
			if !oi.body.required {
				typ = jen.Op("*").Add(typ)
			}
			out = append(out, typed(Ident{Kind: "request-field", Name: oi.reqType + ".Body", From: from + " request body"}, typ))
		case bodyRaw:
			out = append(out, Ident{Kind: "request-field", Name: oi.reqType + ".Body", Type: "io.Reader", From: from + " request body"})
		case bodyMultipart:
			typ := jen.Id(oi.body.parts)
			if !oi.body.required {
				typ = jen.Op("*").Add(typ)
			}
			out = append(out, typed(Ident{Kind: "request-field", Name: oi.reqType + ".Body", From: from + " request body"}, typ))
		}
		for _, ri := range oi.responses {
			out = append(out, Ident{Kind: "response", Name: ri.typeName, From: from + " response " + ri.r.Status})
		}
	}
	for i, t := range render(exprs) {
		out[at[i]].Type = t
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// goStrings renders type expressions as Go source, as gofmt prints them.
// Most are a name, a pointer, slice or map of names, which jennifer
// already writes as gofmt would: those are rendered together without
// formatting. The others (spaces, commas, braces: a func, a struct, a
// generic with two arguments) are formatted in one pass, each "var _N
// expr" of one file read back line by line; one gofmt spreads over
// several lines is rendered on its own. Formatting every expression cost
// a third of the Go API comparison of two GHES descriptions.
func goStrings(exprs []*jen.Statement) []string {
	out := make([]string, len(exprs))
	raw := varLines(exprs, func(int) bool { return true }, true)
	for i, r := range raw {
		if p, ok := plainType(r); ok {
			out[i] = p
		}
	}
	formatted := varLines(exprs, func(i int) bool { return out[i] == "" }, false)
	for i, e := range exprs {
		if out[i] == "" {
			out[i] = formatted[i]
		}
		if out[i] == "" {
			out[i] = e.GoString()
		}
	}
	return out
}

// varLines renders each expression for which want is true as "var _N
// expr" of one file, unformatted when raw, and reads each expression back;
// one that does not come back on one line is "".
func varLines(exprs []*jen.Statement, want func(int) bool, raw bool) []string {
	out := make([]string, len(exprs))
	f := jen.NewFile("p")
	f.NoFormat = raw
	n := 0
	for i, e := range exprs {
		if want(i) {
			f.Var().Id("_" + strconv.Itoa(i)).Add(e)
			n++
		}
	}
	if n == 0 {
		return out
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return out
	}
	for line := range strings.SplitSeq(buf.String(), "\n") {
		rest, ok := strings.CutPrefix(line, "var _")
		if !ok {
			continue
		}
		num, expr, ok := strings.Cut(rest, " ")
		if i, err := strconv.Atoi(num); ok && err == nil && i < len(out) && want(i) {
			out[i] = expr
		}
	}
	return out
}

// plainType returns a type expression as jennifer writes it unformatted
// ("[] * Pet") as gofmt prints it ("[]*Pet"), when it is made of
// identifiers, dots, stars and brackets only: gofmt puts no space between
// those tokens. ok is false for anything else (a space between two words,
// a comma, a brace), which is left to go/format.
func plainType(raw string) (string, bool) {
	var b strings.Builder
	b.Grow(len(raw))
	word := func(r rune) bool {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
	}
	var last rune // the last rune written
	space := false
	for _, r := range raw {
		switch {
		case r == ' ':
			space = true
			continue
		case word(r):
			if space && word(last) {
				return "", false // two words: "chan int"
			}
		case r == '.' || r == '*' || r == '[' || r == ']':
		default:
			return "", false
		}
		b.WriteRune(r)
		last, space = r, false
	}
	return b.String(), b.Len() > 0
}
