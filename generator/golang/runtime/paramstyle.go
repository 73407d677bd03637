package runtime

import (
	"net/url"
	"strings"
)

// A parameter value is written by its OpenAPI style from its items as
// text: one item for a scalar, an array's items, or an object's names and
// values in turn (name, value, name, value …) with object set. The same
// functions serve generated clients, toolkit validate and the docs' curl
// lines, so the three write a value alike.

// stylePath writes a path parameter by its style — simple (or ""), label
// or matrix — each item escaped as a path segment.
func stylePath(name, style string, explode, object bool, items []string) string {
	esc := make([]string, len(items))
	for i, it := range items {
		esc[i] = url.PathEscape(it)
	}
	switch style {
	case "label":
		return "." + joinStyled(esc, explode, object, ".")
	case "matrix":
		if !explode || len(esc) == 0 {
			if len(esc) == 0 {
				return ";" + name
			}
			return ";" + name + "=" + strings.Join(esc, ",")
		}
		if object {
			return ";" + joinStyled(esc, true, true, ";")
		}
		return ";" + name + "=" + strings.Join(esc, ";"+name+"=")
	}
	return joinStyled(esc, explode, object, ",")
}

// styleQuery adds a query parameter to q by its style: form (or ""),
// spaceDelimited, pipeDelimited or deepObject. An empty array adds
// nothing.
func styleQuery(q url.Values, name, style string, explode, object bool, items []string) {
	switch {
	case style == "deepObject":
		for i := 0; i+1 < len(items); i += 2 {
			q.Add(name+"["+items[i]+"]", items[i+1])
		}
	case explode && object:
		for i := 0; i+1 < len(items); i += 2 {
			q.Add(items[i], items[i+1])
		}
	case explode:
		for _, it := range items {
			q.Add(name, it)
		}
	case len(items) > 0:
		sep := ","
		switch style {
		case "spaceDelimited":
			sep = " "
		case "pipeDelimited":
			sep = "|"
		}
		q.Add(name, strings.Join(items, sep))
	}
}

// styleHeader writes a header or cookie parameter (style simple).
func styleHeader(explode, object bool, items []string) string {
	return joinStyled(items, explode, object, ",")
}

// joinStyled joins items with commas; exploded, with sep, an object's
// names and values as name=value pairs.
func joinStyled(items []string, explode, object bool, sep string) string {
	if !explode {
		return strings.Join(items, ",")
	}
	if !object {
		return strings.Join(items, sep)
	}
	pairs := make([]string, 0, len(items)/2)
	for i := 0; i+1 < len(items); i += 2 {
		pairs = append(pairs, items[i]+"="+items[i+1])
	}
	return strings.Join(pairs, sep)
}

// mapStrings formats every item of s, for the serializers above.
func mapStrings[T any](s []T, format func(T) string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = format(x)
	}
	return out
}
