package diff

import (
	"sort"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator/golang"
)

// IdentChange is a generated Go identifier that exists on one side only:
// code that uses a removed identifier stops compiling after regenerating.
type IdentChange struct {
	Kind  string `json:"kind"`  // "method" (from an operationId) or "type" (from a component schema)
	Name  string `json:"name"`  // the Go identifier
	From  string `json:"from"`  // the contract name it comes from
	Added bool   `json:"added"` // false: removed
}

// GoIdentifiers lists the generated Go identifiers (client/server methods
// from operationIds, types from component schemas) that NEW removes or
// adds compared with OLD, removals first, each sorted by name.
func GoIdentifiers(old, new *contract.Document) []IdentChange {
	a, b := goNames(old), goNames(new)
	var out []IdentChange
	for k, from := range a {
		if _, ok := b[k]; !ok {
			out = append(out, IdentChange{Kind: k.kind, Name: k.name, From: from})
		}
	}
	for k, from := range b {
		if _, ok := a[k]; !ok {
			out = append(out, IdentChange{Kind: k.kind, Name: k.name, From: from, Added: true})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Added != out[j].Added {
			return !out[i].Added
		}
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

type ident struct{ kind, name string }

func goNames(d *contract.Document) map[ident]string {
	m := map[ident]string{}
	if d.T == nil {
		return m
	}
	if d.T.Paths != nil {
		for _, item := range d.T.Paths.Map() {
			for _, op := range item.Operations() {
				if op.OperationID != "" {
					m[ident{"method", golang.GoName(op.OperationID)}] = op.OperationID
				}
			}
		}
	}
	if d.T.Components != nil {
		for name := range d.T.Components.Schemas {
			m[ident{"type", golang.GoName(name)}] = name
		}
	}
	return m
}
