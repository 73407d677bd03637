package runtime

// uniqueEncoded reports whether no two items of s are equal as JSON values,
// for items Go cannot compare with == (objects, arrays, free-form values):
// each item is written by write, the generated writer, whose output is
// canonical (fields in a fixed order, map keys sorted, numbers in one
// spelling), and equal encodings are equal values. An item that cannot be
// written is taken as distinct: Validate reports it by its own rule.
func uniqueEncoded[S ~[]T, T any](s S, write func(*T, *jsonWriter)) bool {
	if len(s) < 2 {
		return true
	}
	seen := make(map[string]struct{}, len(s))
	var w jsonWriter
	for i := range s {
		w.buf, w.err, w.depth = w.buf[:0], nil, 0
		write(&s[i], &w)
		if w.err != nil {
			continue
		}
		if _, dup := seen[string(w.buf)]; dup {
			return false
		}
		seen[string(w.buf)] = struct{}{}
	}
	return true
}
