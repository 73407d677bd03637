package golang

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
)

// The server refuses a request body carrying a readOnly property (or,
// with WithReadOnlyDropped, drops it) and never answers with a writeOnly
// one. Both walk the body as decoded JSON with a generated function per
// type, which finds the properties wherever the schema nests them:
// properties (allOf members' included, which the Model merges), array
// items, map values and oneOf/anyOf variants. A variant is walked when the
// value is that variant as far as a bounded look tells: the discriminator
// names it, or, without one, the object has every property the variant
// requires; so a property readOnly in one variant is not refused (or
// writeOnly not stripped) in a value of another.

// access is readOnly or writeOnly.
type access int

const (
	readOnly access = iota
	writeOnly
)

var accessNames = [...]string{"readOnly", "writeOnly"}

func (a access) of(f *contract.Field) bool {
	if a == readOnly {
		return f.ReadOnly
	}
	return f.WriteOnly
}

// closure returns the struct types that have a property own accepts, or
// hold a type of the set in a property or, through holds, its parts;
// computed once over every named type to a fixed point, so mutually
// recursive types agree.
func (g *gen) closure(own func(fieldInfo) bool, holds func(*contract.Type) []*contract.Type) map[*contract.Type]bool {
	set := map[*contract.Type]bool{}
	for changed := true; changed; {
		changed = false
		for t := range g.typeNames {
			if set[t] || !g.isStruct(t) {
				continue
			}
		fields:
			for _, fi := range g.structFields(t) {
				if own(fi) {
					set[t], changed = true, true
					break
				}
				for _, h := range holds(fi.f.Type) {
					if set[h] {
						set[t], changed = true, true
						break fields
					}
				}
			}
		}
	}
	return set
}

// parts are a type and the array items, map values and union variants it
// holds, transitively, as the walkers descend into them.
func parts(t *contract.Type) []*contract.Type {
	out := []*contract.Type{t}
	for i := 0; i < len(out); i++ {
		var next []*contract.Type
		switch u := out[i]; u.Kind {
		case contract.KindArray, contract.KindMap:
			next = append(next, u.Elem)
		case contract.KindUnion:
			for _, v := range u.Union.Variants {
				next = append(next, v.Type)
			}
		}
		for _, n := range next {
			// A type holding itself (A: {items: A}, a union listing
			// itself) ends the walk where it comes back.
			if n != nil && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// walker is the name of the generated function finding a's properties in
// a decoded value of t, "" when t holds none. Names are handed out on
// first use and the functions written by flushWalkers.
func (g *gen) walker(t *contract.Type, a access) string {
	if t == nil {
		return ""
	}
	if g.accessSets[a] == nil {
		g.accessSets[a] = g.closure(func(fi fieldInfo) bool { return a.of(fi.f) }, parts)
	}
	found := false
	for _, p := range parts(t) {
		found = found || g.accessSets[a][p]
	}
	if !found {
		return ""
	}
	key := walkerKey{t, a}
	if name, ok := g.walkers[key]; ok {
		return name
	}
	base := accessNames[a]
	if n := g.typeNames[t]; n != "" {
		base += n
	} else {
		base += "Value"
	}
	name := g.pkg.unique(base)
	g.walkers[key] = name
	g.walkerOrder = append(g.walkerOrder, key)
	return name
}

type walkerKey struct {
	t *contract.Type
	a access
}

// flushWalkers writes the walker functions named since the last flush,
// and those they call in turn: the server's file and the client's (which
// leaves readOnly properties out of requests) each write the ones they
// were first to name, so a package with either or both declares each once.
func (g *gen) flushWalkers(f *jen.File) {
	for ; g.walkersFlushed < len(g.walkerOrder); g.walkersFlushed++ {
		key := g.walkerOrder[g.walkersFlushed]
		name := g.walkers[key]
		f.Comment(name + " finds the " + accessNames[key.a] + " properties in v, a decoded JSON value: it returns")
		f.Comment("the JSON pointer of the first, and with drop deletes them all.")
		f.Func().Id(name).Params(jen.Id("v").Any(), jen.Id("drop").Bool()).String().Block(g.walkBody(key.t, key.a)...)
		f.Line()
	}
}

// walkBody is the body of a walker of t.
func (g *gen) walkBody(t *contract.Type, a access) []jen.Code {
	found := func(p jen.Code) jen.Code {
		return jen.If(jen.Id("found").Op("==").Lit("")).Block(jen.Id("found").Op("=").Add(p))
	}
	stop := jen.If(jen.Op("!").Id("drop").Op("&&").Id("found").Op("!=").Lit("")).Block(jen.Return(jen.Id("found")))
	descend := func(sub *contract.Type, val jen.Code, ptr jen.Code) []jen.Code {
		w := g.walker(sub, a)
		if w == "" {
			return nil
		}
		at := jen.Id("p") // a union's variant: the value itself
		if ptr != nil {
			at = jen.Add(ptr).Op("+").Id("p")
		}
		return []jen.Code{jen.If(jen.Id("p").Op(":=").Id(w).Call(val, jen.Id("drop")), jen.Id("p").Op("!=").Lit("")).Block(found(at), stop)}
	}
	body := []jen.Code{jen.Id("found").Op(":=").Lit("")}
	switch t.Kind {
	case contract.KindObject:
		body = append(body, jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("v").Assert(jen.Map(jen.String()).Any()))
		for _, fi := range g.structFields(t) {
			key := jen.Lit(fi.f.Name)
			ptr := jen.Lit("/" + contract.EscapePointerToken(fi.f.Name))
			if a.of(fi.f) {
				body = append(body, jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("m").Index(key), jen.Id("ok")).Block(
					found(ptr),
					stop,
					jen.Delete(jen.Id("m"), key),
				))
				continue
			}
			if inner := descend(fi.f.Type, jen.Id("x"), ptr); inner != nil {
				body = append(body, jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Id("m").Index(key), jen.Id("ok")).Block(inner...))
			}
		}
	case contract.KindArray:
		body = append(body, jen.List(jen.Id("items"), jen.Id("_")).Op(":=").Id("v").Assert(jen.Index().Any()),
			jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Id("items")).Block(
				descend(t.Elem, jen.Id("x"), jen.Lit("/").Op("+").Qual("strconv", "Itoa").Call(jen.Id("i")))...,
			))
	case contract.KindMap:
		body = append(body, jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("v").Assert(jen.Map(jen.String()).Any()),
			jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("m")).Block(
				descend(t.Elem, jen.Id("x"), jen.Lit("/").Op("+").Id("pointerToken").Call(jen.Id("k")))...,
			))
	case contract.KindUnion:
		body = append(body, g.walkVariants(t, descend)...)
	}
	return append(body, jen.Return(jen.Id("found")))
}

// walkVariants walks the variants of the union t that the value v is, by
// the discriminator when t has one, else by the properties each object
// variant requires; the value itself, not a part of it, so without a
// pointer prefix.
func (g *gen) walkVariants(t *contract.Type, descend func(sub *contract.Type, val, ptr jen.Code) []jen.Code) []jen.Code {
	var out []jen.Code
	if d := t.Union.Discriminator; d != "" {
		var cases []jen.Code
		for _, vi := range t.Union.Variants {
			inner := descend(vi.Type, jen.Id("v"), nil)
			if inner == nil || len(vi.Values) == 0 {
				continue
			}
			var lits []jen.Code
			for _, val := range vi.Values {
				lits = append(lits, jen.Lit(val))
			}
			cases = append(cases, jen.Case(lits...).Block(inner...))
		}
		if len(cases) == 0 {
			return nil
		}
		return []jen.Code{
			jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("v").Assert(jen.Map(jen.String()).Any()),
			jen.List(jen.Id("tag"), jen.Id("_")).Op(":=").Id("m").Index(jen.Lit(d)).Assert(jen.String()),
			jen.Switch(jen.Id("tag")).Block(cases...),
		}
	}
	needMap := false
	for _, vi := range t.Union.Variants {
		inner := descend(vi.Type, jen.Id("v"), nil)
		if inner == nil {
			continue
		}
		var req []string
		if vi.Type.Kind == contract.KindObject {
			for _, f := range vi.Type.Fields {
				// readOnly and writeOnly properties are required only
				// in the direction that carries them.
				if f.Required && !f.ReadOnly && !f.WriteOnly {
					req = append(req, f.Name)
				}
			}
		}
		if len(req) == 0 {
			out = append(out, inner...)
			continue
		}
		needMap = true
		cond := jen.Id("hasAll").Call(jen.Id("m"), jen.Index().String().ValuesFunc(func(gr *jen.Group) {
			for _, r := range req {
				gr.Lit(r)
			}
		}))
		out = append(out, jen.If(cond).Block(inner...))
	}
	if needMap {
		out = append([]jen.Code{jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("v").Assert(jen.Map(jen.String()).Any())}, out...)
	}
	return out
}

// absentAsZero is, for a required readOnly or writeOnly property held by
// value, the condition that it was there: it is absent from requests
// (readOnly) or responses (writeOnly), so Validate checks its constraints
// only when it is not the zero value. Nil for other properties, and for
// types whose zero value cannot be told (see nonZero).
func absentAsZero(fi fieldInfo) *jen.Statement {
	if mustBePresent(fi.f) || !fi.f.Required || fi.shape != shapeValue {
		return nil
	}
	return nonZero(fi.f.Type, jen.Id("v").Dot(fi.goName))
}
