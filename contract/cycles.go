package contract

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// allOfLink is one schema whose allOf members are being merged into an
// object, with the name that identifies it in a "cyclic allOf" message.
type allOfLink struct {
	schema *openapi3.Schema
	name   string
}

// cyclicAllOf reports member m of an allOf (at src) when it is one of the
// schemas already being merged: merging it again would never end, and in
// any language the type would have to contain itself by value. The message
// names every schema of the cycle so the user can see where to break it
// (a property holding a reference instead of an allOf member). With
// --lenient the member is left out with a warning (oapi-codegen's test
// suite has `RecursiveObject: {allOf: [A, RecursiveObject, {…}]}`).
func (b *builder) cyclicAllOf(chain []allOfLink, m *openapi3.SchemaRef, src Source) bool {
	for i, l := range chain {
		if l.schema != m.Value {
			continue
		}
		names := make([]string, 0, len(chain)-i+1)
		for _, l := range chain[i:] {
			names = append(names, l.name)
		}
		// Each schema of a cycle meets it when its own type is built:
		// report the cycle once, from whichever schema came first.
		key := append([]string(nil), names...)
		sort.Strings(key)
		if b.cycles == nil {
			b.cycles = map[string]bool{}
		}
		if b.cycles[strings.Join(key, "\x00")] {
			return true
		}
		b.cycles[strings.Join(key, "\x00")] = true
		names = append(names, l.name)
		if b.opts.Lenient {
			// The member that closes the cycle asks a value to be what it
			// already is being checked against: it adds no constraint of
			// its own, so the type is the merge of the other members.
			b.c.add(SeverityWarning, src.File, src.Pointer+"/$ref", fmt.Sprintf("cyclic allOf: %s: the member that closes the cycle adds nothing of its own and is left out (--lenient)", strings.Join(names, " → ")))
			return true
		}
		b.c.add(SeverityError, src.File, src.Pointer+"/$ref", fmt.Sprintf("cyclic allOf: %s: a type cannot contain itself by value; refer to it from a property instead, or generate with --lenient to leave that member out", strings.Join(names, " → ")))
		return true
	}
	return false
}

// selfName names a schema in a cycle message: the name its $ref (or
// hint) implies, else the last token of its pointer.
func selfName(refOrHint string, src Source) string {
	if strings.ContainsAny(refOrHint, "#/.") {
		return schemaName(refOrHint)
	}
	if refOrHint != "" {
		return refOrHint
	}
	if toks := splitPointer(src.Pointer); len(toks) > 0 {
		return toks[len(toks)-1]
	}
	return "schema"
}

// refSource locates the target of a $ref written in the file of from. A
// reference inside a referenced file is relative to that file; kin-openapi
// sometimes hands it back already relative to the root, so the root's
// reading is the fallback when the first names no file that was read.
func (b *builder) refSource(ref string, from Source) Source {
	f, frag := splitRef(ref)
	if f == "" {
		file := from.File
		if file == "" {
			file = b.doc.Path
		}
		return Source{File: file, Pointer: frag}
	}
	if from.File != "" {
		if p := b.doc.refFile(from.File, f); b.doc.files[p] != nil {
			return Source{File: p, Pointer: frag}
		}
	}
	if p := b.doc.refFile(b.doc.Path, f); b.doc.files[p] != nil {
		return Source{File: p, Pointer: frag}
	}
	return Source{File: f, Pointer: frag}
}

// visitState is where a depth-first walk over types stands with a type:
// not reached, on the current path, or finished.
type visitState int

const (
	visitFresh visitState = iota
	visitOpen
	visitDone
)

// breakUnionCycles drops each union variant that leads back to a union
// being entered through unions alone (oneOf: [self, string], or A: anyOf
// [B, …] with B: anyOf [A, …]). Such a variant holds no value of its own:
// decoding would try it, which tries it again, forever (the generated
// decoder, sample values, docs all overflowed the stack). The dropped
// variant's values stay reachable through the union's other variants
// except when the cycle spans several unions, hence the warning.
func (b *builder) breakUnionCycles() {
	state := map[*Type]visitState{}
	var stack []string // names of the open unions, outermost first
	var visit func(t *Type)
	visit = func(t *Type) {
		state[t] = visitOpen
		stack = append(stack, t.Name)
		kept := t.Union.Variants[:0]
		for _, v := range t.Union.Variants {
			vt := v.Type
			if vt != nil && vt.Kind == KindUnion && vt.Union != nil {
				if state[vt] == visitOpen {
					kw := "anyOf"
					if t.Union.OneOf {
						kw = "oneOf"
					}
					cycle := append(append([]string(nil), stack[slices.Index(stack, vt.Name):]...), vt.Name)
					b.c.add(SeverityWarning, t.Source.File, t.Source.Pointer+"/"+kw, fmt.Sprintf("%s variant %s closes a cycle of unions (%s): it adds no value of its own and is left out", kw, vt.Name, strings.Join(cycle, " → ")))
					continue
				}
				if state[vt] == visitFresh {
					visit(vt)
				}
			}
			kept = append(kept, v)
		}
		t.Union.Variants = kept
		if len(kept) == 0 {
			t.Kind, t.Union = KindAny, nil
		}
		state[t] = visitDone
		stack = stack[:len(stack)-1]
	}
	for _, t := range b.m.Types {
		if t.Kind == KindUnion && t.Union != nil && state[t] == visitFresh {
			visit(t)
		}
	}
}
