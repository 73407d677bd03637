package golang

import (
	"fmt"
	"sort"

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
// Client methods, and each operation's request fields and response types.
// Runtime identifiers every package has (NewServer, Client …) are left out:
// they never change with the contract.
func Identifiers(m *contract.Model, opts generator.Options) []Ident {
	g := newGen(m, opts)
	var out []Ident
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
			out = append(out, Ident{Kind: "field", Name: name + "." + fi.goName, Type: goString(g.shapeExpr(fi.f.Type, fi.shape)), From: from + "/properties/" + contract.EscapePointerToken(fi.f.Name)})
		}
	}
	for _, oi := range g.ops {
		from := oi.op.ID
		out = append(out,
			Ident{Kind: "method", Name: "Handler." + oi.method, From: from},
			Ident{Kind: "method", Name: "Client." + oi.method, From: from},
			Ident{Kind: "type", Name: oi.reqType, From: from},
		)
		for _, pi := range oi.params {
			out = append(out, Ident{Kind: "request-field", Name: oi.reqType + "." + pi.goName, Type: goString(g.paramGoType(pi)), From: fmt.Sprintf("%s %s parameter %q", oi.op.ID, pi.p.In, pi.p.Name)})
		}
		switch oi.body.mode {
		case bodyTyped:
			typ := g.typeExpr(oi.body.typ)
			s := goString(typ)
			if !oi.body.required {
				s = "*" + s
			}
			out = append(out, Ident{Kind: "request-field", Name: oi.reqType + ".Body", Type: s, From: from + " request body"})
		case bodyRaw:
			out = append(out, Ident{Kind: "request-field", Name: oi.reqType + ".Body", Type: "io.Reader", From: from + " request body"})
		}
		for _, ri := range oi.responses {
			out = append(out, Ident{Kind: "response", Name: ri.typeName, From: from + " response " + ri.r.Status})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// goString renders a type expression as Go source.
func goString(s fmt.GoStringer) string { return s.GoString() }
