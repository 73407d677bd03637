package diff

import (
	"fmt"
	"sort"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
)

// GoBreaking is the level of a change to the generated Go API that stops
// code using it from compiling after regenerating: an identifier removed or
// renamed, or a field or parameter whose Go type changed. A contract change
// can be compatible on the wire and still be Go-breaking (an integer
// parameter that becomes a string), so it is reported at its own level and
// gated with --fail-on go-breaking.
const GoBreaking Level = "go-breaking"

// IdentChange is a generated Go identifier that NEW removes, adds, or
// gives another Go type.
type IdentChange struct {
	Kind string `json:"kind"` // golang.Ident's kinds: type, field, method, request-field, response
	Name string `json:"name"` // the Go identifier, qualified ("Pet.Age")
	From string `json:"from"` // where in the contract it comes from
	// Added is true for a new identifier, false for a removed or changed one.
	Added bool `json:"added"`
	// OldType and NewType are set when the identifier stays and its Go
	// type changes.
	OldType string `json:"oldType,omitempty"`
	NewType string `json:"newType,omitempty"`
	// Level is GoBreaking for removed and changed identifiers, Info for
	// added ones.
	Level Level `json:"level"`
}

// Changed reports whether the identifier stays with another Go type.
func (c IdentChange) Changed() bool { return c.OldType != c.NewType }

// GoIdentifiers compares the Go API toolkit generates for OLD and NEW — the
// identifiers the generator's own namer gives (golang.Identifiers), so a
// type the generator renamed (Client → Client2) or an operation without an
// operationId is seen as users compile against it. Go-breaking changes come
// first, then additions, each sorted by name. When a side's model cannot be
// built (a cyclic allOf), nothing is compared and the error says why: an
// empty list would claim the Go API did not change.
func GoIdentifiers(old, new *contract.Document) ([]IdentChange, error) {
	// Each side's model is built on its own core: on a description the
	// size of GitHub's, that is most of the time this takes.
	var b map[identKey]golang.Ident
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, errB = goIdents(new)
	}()
	a, err := goIdents(old)
	<-done
	if err != nil {
		return nil, err
	}
	if errB != nil {
		return nil, errB
	}
	var out []IdentChange
	for key, x := range a {
		y, ok := b[key]
		switch {
		case !ok:
			out = append(out, IdentChange{Kind: x.Kind, Name: x.Name, From: x.From, Level: GoBreaking})
		case x.Type != y.Type:
			out = append(out, IdentChange{Kind: x.Kind, Name: x.Name, From: y.From, OldType: x.Type, NewType: y.Type, Level: GoBreaking})
		}
	}
	for key, y := range b {
		if _, ok := a[key]; !ok {
			out = append(out, IdentChange{Kind: y.Kind, Name: y.Name, From: y.From, Added: true, Level: Info})
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
	return out, nil
}

type identKey struct{ kind, name string }

func goIdents(d *contract.Document) (map[identKey]golang.Ident, error) {
	model, err := contract.BuildWith(d, contract.LoadOptions{SkipSpec: true})
	if err != nil {
		return nil, fmt.Errorf("%s: its Go API cannot be generated: %w", d.Path, err)
	}
	m := map[identKey]golang.Ident{}
	for _, id := range golang.Identifiers(model, generator.Options{Package: "api"}) {
		m[identKey{id.Kind, id.Name}] = id
	}
	return m, nil
}

// GoBreakingCount is how many of ids are Go-breaking.
func GoBreakingCount(ids []IdentChange) int {
	n := 0
	for _, id := range ids {
		if id.Level == GoBreaking {
			n++
		}
	}
	return n
}
