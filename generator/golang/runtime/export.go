package runtime

import "net/url"

// This file is not copied into generated packages: it exports the
// runtime's parameter serializers to toolkit itself (validate's requests,
// the docs' curl lines), so one source writes a parameter value wherever
// toolkit writes one, and the error-body fill to the mock, so the mock's
// own answers are filled as generated servers fill theirs.

// StylePath writes a path parameter by its style (simple, label, matrix).
func StylePath(name, style string, explode, object bool, items []string) string {
	return stylePath(name, style, explode, object, items)
}

// StyleQuery adds a query parameter to q by its style (form,
// spaceDelimited, pipeDelimited, deepObject).
func StyleQuery(q url.Values, name, style string, explode, object bool, items []string) {
	styleQuery(q, name, style, explode, object, items)
}

// StyleHeader writes a header or cookie parameter (style simple).
func StyleHeader(explode, object bool, items []string) string {
	return styleHeader(explode, object, items)
}

// ErrorFill is one property an error body sets: Fixed when it is not nil,
// else the message, in the first such property whose length bounds (Min,
// Max in characters; -1 for none) it fits.
type ErrorFill struct {
	Name     string
	Fixed    any
	Min, Max int
}

// FillError sets fills in obj as a generated server does.
func FillError(obj map[string]any, fills []ErrorFill, message string) {
	fs := make([]errorFill, len(fills))
	for i, f := range fills {
		fs[i] = errorFill{name: f.Name, fixed: f.Fixed, min: f.Min, max: f.Max}
	}
	fillError(obj, fs, message)
}

// KeyOrder is the order of the property-name tables generated decodeJSON
// methods search with memberIndex; the generator sorts them with it.
func KeyOrder(a, b string) int { return keyOrder(a, b) }
