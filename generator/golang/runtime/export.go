package runtime

import "net/url"

// This file is not copied into generated packages: it exports the
// runtime's parameter serializers to toolkit itself (validate's requests,
// the docs' curl lines), so one source writes a parameter value wherever
// toolkit writes one.

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
