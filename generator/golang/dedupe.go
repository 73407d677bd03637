package golang

import (
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// dedupeEnums finds inline enums (those not declared under
// components/schemas or definitions) with the same base kind and the same
// members as an earlier one and records that earlier one as their
// canonical type. Such a copy is emitted as an alias of the canonical
// type with constants of its own, so it keeps its name while Valid,
// Validate and the type's runtime data exist once. Microsoft Graph
// declares 9,648 inline enums, mostly the $select, $expand and $orderby
// items of each operation, with only 1,410 distinct member lists.
func (g *gen) dedupeEnums() {
	first := map[string]*contract.Type{}
	for _, t := range g.m.Types {
		if t.Kind != contract.KindEnum || isComponent(t) {
			continue
		}
		var b strings.Builder
		b.WriteString(t.Base.String())
		for _, v := range enumMembers(t) {
			b.WriteByte(0)
			b.WriteString(jsonText(v))
		}
		key := b.String()
		if c, ok := first[key]; ok {
			g.enumAlias[t] = c
			continue
		}
		first[key] = t
	}
}

// isComponent reports types the contract declares by name: component
// schemas (and Swagger 2.0 definitions).
func isComponent(t *contract.Type) bool {
	for _, prefix := range []string{"/components/schemas/", "/definitions/"} {
		if rest, ok := strings.CutPrefix(t.Source.Pointer, prefix); ok && rest != "" && !strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}

// canonicalName is the Go name generated code uses for t: the canonical
// type's name for a deduplicated enum, t's own name otherwise. Shared
// check functions are rendered with it so copies share one function.
func (g *gen) canonicalName(t *contract.Type) string {
	if c := g.enumAlias[t]; c != nil {
		return g.typeNames[c]
	}
	return g.typeNames[t]
}
