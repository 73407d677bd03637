package mock

import "github.com/contractfirst/toolkit/contract"

// MaxRecursiveUnionDepth bounds how deeply a request body may nest when
// its schema has a recursive oneOf/anyOf without a discriminator.
// kin-openapi checks such a union by trying every variant at every level,
// so its work doubles with each level (a 226-byte body took 2 s): past
// this depth the mock refuses the body (413, said why) instead of
// spending minutes on it. Bodies of other schemas have no such bound.
const MaxRecursiveUnionDepth = 12

// recursiveUnion reports whether a union without a discriminator that
// contains itself is reachable from t: the shape whose check grows
// exponentially with the depth of the value.
func recursiveUnion(t *contract.Type) bool {
	unions := map[*contract.Type]bool{}
	walkTypes(t, map[*contract.Type]bool{}, func(u *contract.Type) {
		if u.Kind == contract.KindUnion && u.Union != nil && u.Union.Discriminator == "" {
			unions[u] = true
		}
	})
	for u := range unions {
		found := false
		for _, v := range u.Union.Variants {
			walkTypes(v.Type, map[*contract.Type]bool{}, func(x *contract.Type) { found = found || x == u })
		}
		if found {
			return true
		}
	}
	return false
}

// walkTypes calls f on every type reachable from t once; seen guards
// against cycles, so recursion is bounded by the number of types.
func walkTypes(t *contract.Type, seen map[*contract.Type]bool, f func(*contract.Type)) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	f(t)
	walkTypes(t.Elem, seen, f)
	walkTypes(t.AdditionalType, seen, f)
	for _, fl := range t.Fields {
		walkTypes(fl.Type, seen, f)
	}
	if t.Union != nil {
		for _, v := range t.Union.Variants {
			walkTypes(v.Type, seen, f)
		}
	}
}

// jsonDepth is the deepest nesting of objects and arrays in a JSON text,
// counted without decoding it.
func jsonDepth(b []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}
