package runtime

import (
	"net/url"
	"sort"
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

// objectItems are the items of an object held in vals (a property's name
// as key, its text as first value), in the order of names; properties
// not in vals are left out. Generated code fills vals as it fills an
// object query parameter's url.Values.
func objectItems(vals url.Values, names ...string) []string {
	var items []string
	for _, n := range names {
		if vs := vals[n]; len(vs) > 0 {
			items = append(items, n, vs[0])
		}
	}
	return items
}

// mapItems are the items of a map, by key, each value written by format.
func mapItems[M ~map[string]T, T any](m M, format func(T) string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// sort.Strings, not slices.Sort: slices.Sort[string] is compiled
	// into every package that calls it (ten functions, 8 KB of machine
	// code), sort.Strings once in package sort.
	sort.Strings(keys)
	items := make([]string, 0, 2*len(m))
	for _, k := range keys {
		items = append(items, k, format(m[k]))
	}
	return items
}

// splitObject reads an object written by style simple (styleHeader): names
// and values in turn, a,1,b,2, or with explode name=value pairs, a=1,b=2;
// spaces around the commas are dropped, as in any HTTP list. ok is false
// when s is not such an object (an odd number of items, a pair without
// "=", an empty name).
func splitObject(s string, explode bool) (vals url.Values, ok bool) {
	items := strings.Split(s, ",")
	vals = url.Values{}
	if !explode {
		if len(items)%2 != 0 {
			return nil, false
		}
		for i := 0; i < len(items); i += 2 {
			name := strings.TrimSpace(items[i])
			if name == "" {
				return nil, false
			}
			vals.Add(name, strings.TrimSpace(items[i+1]))
		}
		return vals, true
	}
	for _, it := range items {
		name, value, found := strings.Cut(strings.TrimSpace(it), "=")
		if !found || name == "" {
			return nil, false
		}
		vals.Add(name, value)
	}
	return vals, true
}
