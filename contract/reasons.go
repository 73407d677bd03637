package contract

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// On OpenAPI 3.1, kin-openapi checks a value against its schema with a
// JSON Schema 2020-12 validator and converts the validator's error tree
// into SchemaErrors whose text names the URL kin-openapi gives the schema
// internally (https://example.com/schema.json), which is nowhere in the
// contract, and repeats each place twice. The loader's value checks,
// validate's body checks and the mock tell such a failure from the
// validator's own tree instead (ValidatorReasons).

// Reason is one way a value breaks its schema: Why, at Path, the place in
// the value (its keys and indexes, none for the value itself).
type Reason struct {
	Path []string
	Why  string
}

// At is the JSON pointer of the place in the value ("" for the value
// itself).
func (r Reason) At() string { return Pointer(r.Path...) }

// String is "at /n: why", or why alone for the value itself.
func (r Reason) String() string {
	if len(r.Path) == 0 {
		return r.Why
	}
	return "at " + r.At() + ": " + r.Why
}

// ValidatorReasons tells why a value breaks an OpenAPI 3.1 schema when err
// (or the first SchemaError it wraps) was converted from the JSON Schema
// validator's error: each failure at its place in the value ("at /n: got
// string, want integer"), sorted by place, the alternatives of a failed
// anyOf or oneOf in parentheses. ok is false for any other error, which
// kin-openapi's own checks (OpenAPI 3.0) tell well enough.
func ValidatorReasons(err error) (rs []Reason, ok bool) {
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		return nil, false
	}
	// kin-openapi's SchemaError unwraps to the validator's error only when
	// it has no Origin; one with sub-errors has them as its Origin, each
	// converted from one of the validator's causes, so the whole tree is
	// reached through a copy without the Origin.
	whole := *se
	whole.Origin = nil
	ve, isVE := whole.Unwrap().(*jsonschema.ValidationError)
	if !isVE {
		return nil, false
	}
	return validatorReasons(ve, 0), true
}

// ListReasons joins up to maxReasons reasons with "; " and counts the rest.
func ListReasons(rs []Reason) string {
	parts := make([]string, 0, min(len(rs), maxReasons)+1)
	for _, r := range rs[:min(len(rs), maxReasons)] {
		parts = append(parts, r.String())
	}
	if len(rs) > maxReasons {
		parts = append(parts, fmt.Sprintf("and %d more", len(rs)-maxReasons))
	}
	return strings.Join(parts, "; ")
}

// maxReasons is how many reasons one message lists: a value can break
// its schema in thousands of places.
const maxReasons = 10

// maxReasonDepth bounds validatorReasons' walk of a validator error, whose
// depth follows the contract's schema.
const maxReasonDepth = 32

// english renders the validator's reasons; made on first use, so start-up
// does not pay for it.
var english = sync.OnceValue(func() *message.Printer { return message.NewPrinter(language.English) })

// validatorReasons is ValidatorReasons' walk of the validator's tree.
func validatorReasons(e *jsonschema.ValidationError, depth int) []Reason {
	if depth > maxReasonDepth {
		return []Reason{{Why: "…"}}
	}
	var causes []Reason
	for _, c := range e.Causes {
		causes = append(causes, validatorReasons(c, depth+1)...)
	}
	// The validator checks an object's properties in map order: sorted by
	// place, the message is the same from run to run; failures at one
	// place (an anyOf's alternatives) keep the schema's order.
	slices.SortStableFunc(causes, func(a, b Reason) int { return cmp.Compare(a.At(), b.At()) })
	switch e.ErrorKind.(type) {
	case *kind.Schema, *kind.Reference, *kind.Group:
		// Wrappers: the schema as a whole, a $ref, a group of failures.
		if len(causes) > 0 {
			return causes
		}
	}
	r := Reason{Path: e.InstanceLocation, Why: strings.Join(strings.Fields(e.ErrorKind.LocalizedString(english())), " ")}
	if len(causes) > 0 {
		r.Why += " (" + ListReasons(causes) + ")"
	}
	return []Reason{r}
}
