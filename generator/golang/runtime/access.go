package runtime

// hasAll reports whether the decoded object m has every one of names: the
// bounded look by which the readOnly/writeOnly walkers tell which variant
// of a union without a discriminator a value is (m is nil for a value that
// is no object, which has none).
func hasAll(m map[string]any, names []string) bool {
	for _, n := range names {
		if _, ok := m[n]; !ok {
			return false
		}
	}
	return true
}
