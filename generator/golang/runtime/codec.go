// The runtime pieces the generated decodeJSON and encodeJSON methods call
// besides the reader's and writer's own: union memoisation, unknown and
// missing properties, additional properties, optional members.

package runtime

import (
	"slices"
	"sort"
	"strings"
)

// replay skips the value at r and returns a reader positioned at its start, to
// read it again; copies of that reader read independently. Strings keep sharing
// the document's text.
func (r *jsonReader) replay() (jsonReader, error) {
	raw, err := r.skip()
	if err != nil {
		return jsonReader{}, err
	}
	return jsonReader{
		data:      r.data[:r.pos],
		depth:     r.depth,
		pos:       r.pos - len(raw),
		src:       r.src,
		unionEnds: r.unionEnds,
		unions:    r.unions,
	}, nil
}

// unionAt names a union decoded at an offset of the document.
type unionAt struct {
	pos int
	typ string
}

// unionDecoded is what decoding a union at an offset gave: the value, the
// offset where it ends and the error.
type unionDecoded struct {
	v   any
	end int
	err error
}

// decodeUnionOnce decodes the union typ at r with f, or gives what an earlier
// call gave at the same offset of the same document. Unions without a
// discriminator try each variant on the value; when variants share a
// recursive property, every variant reaches the same nested union again, and
// without this each level would multiply the work by its number of variants.
func decodeUnionOnce[T any](r *jsonReader, typ string, v *T, f func(*T, *jsonReader) error) error {
	if r.unions == nil {
		r.unions = map[unionAt]unionDecoded{}
		r.unionEnds = map[int]int{}
	}
	at := unionAt{r.pos, typ}
	if d, ok := r.unions[at]; ok {
		if d.err != nil {
			return d.err
		}
		*v, r.pos = d.v.(T), d.end
		return nil
	}
	err := f(v, r)
	r.unions[at] = unionDecoded{*v, r.pos, err}
	if err == nil {
		r.unionEnds[at.pos] = r.pos
	}
	return err
}

// tryVariant tries one variant of an anyOf union without checks: it reads
// the value at r, with a copy of r, as a T with read and, when it reads,
// stores it in *into, moves r past it and reports true; r is left as it
// was otherwise. One call instead of the copy, the read and
// the moves written out per variant; not inlined, or each call would be
// that again.
//
//go:noinline
func tryVariant[T any](r *jsonReader, into **T, read func(*T, *jsonReader) error) bool {
	sub := *r
	x := new(T)
	if read(x, &sub) != nil {
		return false
	}
	*into, r.pos = x, sub.pos
	return true
}

// discriminator reads the object at r and returns the string value of its
// property key (found is false when it is absent or not a string), and a reader
// positioned at the start of the object, to decode it again as the variant that
// value names.
func (r *jsonReader) discriminator(key string) (tag string, sub jsonReader, found bool, err error) {
	sub, err = r.replay()
	if err != nil {
		return
	}
	probe := sub
	err = probe.object(func(k []byte) error {
		if string(k) != key {
			return probe.skipValue()
		}
		s, serr := probe.str()
		if serr != nil {
			found = false
			return probe.skipValue()
		}
		tag, found = s, true
		return nil
	})
	return
}

// allKnown reports whether the value at r is an object whose every property is
// one of names; r is a copy, so the caller's reader does not move. A union
// decoded already is stepped over, not read again: a recursive union would
// otherwise cost a read of its subtree per level.
func (r jsonReader) allKnown(names ...string) bool {
	return r.object(func(k []byte) error {
		if !slices.Contains(names, string(k)) {
			return unknownProperty()
		}
		if end, ok := r.unionEnds[r.pos]; ok {
			r.pos = end
			return nil
		}
		return r.skipValue()
	}) == nil
}

// jsonDecoder is a generated type that decodes itself: what decodeJSONWith
// takes.
type jsonDecoder interface {
	decodeJSON(*jsonReader) error
}

// jsonEncoder is a generated type that encodes itself: what encodeJSONWith
// takes.
type jsonEncoder interface {
	encodeJSON(*jsonWriter)
}

// decodeJSONWith is decodeJSONValue for any generated type, so every type's
// UnmarshalJSON shares one compiled function: the generic one is compiled
// once per type shape, and each struct is a shape of its own. Taking an
// interface rather than a method value spares the compiler a wrapper
// function per type as well.
func decodeJSONWith(data []byte, v jsonDecoder) error {
	return decodeJSONValue(data, &v, func(v *jsonDecoder, r *jsonReader) error {
		return (*v).decodeJSON(r)
	})
}

// encodeJSONWith is encodeJSONValue for any generated type, shared by every
// type's MarshalJSON as decodeJSONWith is by UnmarshalJSON.
func encodeJSONWith(v jsonEncoder) ([]byte, error) {
	return encodeJSONValue(&v, func(v *jsonEncoder, w *jsonWriter) {
		(*v).encodeJSON(w)
	})
}

// memberIndex returns the index of key in names, or -1. names are sorted
// by keyOrder (length first, then bytes), so that most steps of the binary
// search compare two lengths, as the compiler's own string switch does:
// decodeJSON of an object with many properties switches on the index,
// since a string switch compiles to much more code (the same search, its
// comparisons written out inline).
func memberIndex(key []byte, names []string) int {
	n := len(key)
	i, j := 0, len(names)
	for i < j {
		// keyOrder(names[h], key) < 0, written out: passing string(key)
		// to a function would copy it.
		h := int(uint(i+j) >> 1)
		if m := len(names[h]); m < n || m == n && names[h] < string(key) {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(names) && names[i] == string(key) {
		return i
	}
	return -1
}

// keyOrder orders property names for memberIndex: shorter first, then by
// bytes.
func keyOrder(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// checkRequired reports the first required property decodeJSON did not
// see: seen[i] says whether names[i] was read. One loop over a table per
// type instead of an if per property keeps decodeJSON small, and not
// inlined, that loop is not compiled into every decodeJSON either.
//
//go:noinline
func checkRequired(seen []bool, names []string) error {
	for i, ok := range seen {
		if !ok {
			return missingProperty(names[i])
		}
	}
	return nil
}

// checkRequiredAt is checkRequired for an object whose decodeJSON marks
// seen at the index of each key in its table keys (see memberIndex): at
// lists the required properties' indexes, in the order they are checked.
//
//go:noinline
func checkRequiredAt(seen []bool, at []int, keys []string) error {
	for _, i := range at {
		if !seen[i] {
			return missingProperty(keys[i])
		}
	}
	return nil
}

// missingProperty reports a required property the object does not have.
//
//go:noinline
func missingProperty(name string) error {
	return &ValidationError{
		Message: "is required",
		Pointer: "/" + pointerToken(name),
	}
}

// unknownProperty reports a property that an object without additional
// properties does not name; jsonReader.object adds its pointer.
//
//go:noinline
func unknownProperty() error {
	return &ValidationError{Message: "is not a known property (additionalProperties is false)"}
}

// readNullOr reads a value that may be null, which leaves the zero value (nil for
// slices and maps).
//
//go:noinline
func readNullOr[T any](p *T, r *jsonReader, f func(*T, *jsonReader) error) error {
	if r.isNull() {
		var zero T
		*p = zero
		return nil
	}
	return f(p, r)
}

// readExtra reads the value of the additional property k into *m.
//
//go:noinline
func readExtra[T any](m *map[string]T, k []byte, r *jsonReader, f func(*T, *jsonReader) error) error {
	var x T
	if err := f(&x, r); err != nil {
		return err
	}
	if *m == nil {
		*m = map[string]T{}
	}
	(*m)[string(k)] = x
	return nil
}

// writeOpt writes the member key (its encoded name and colon) with the value
// p points to, when set (p is not nil): an optional property that is absent
// is left out. P, not *T, so that one instance serves every type (see
// decodeJSONValue); the caller says whether p is nil because a comparable
// P, which could, is a shape of its own per pointer type.
//
//go:noinline
func writeOpt[P any](w *jsonWriter, key string, set bool, p P, f func(P, *jsonWriter)) {
	if set {
		w.field(key)
		if w.enter() {
			f(p, w)
			w.leave()
		}
	}
}

// writeOptNullable writes the member key with null or the value of *p, unless
// *p is unset.
//
//go:noinline
func writeOptNullable[T any](w *jsonWriter, key string, p *Nullable[T], f func(*T, *jsonWriter)) {
	if p.Set {
		w.field(key)
		writeNullable(p, w, f)
	}
}

// writeOptSlice writes the member key with the array *p, unless it is empty.
//
//go:noinline
func writeOptSlice[T any](w *jsonWriter, key string, p *[]T, f func(*T, *jsonWriter)) {
	if len(*p) != 0 {
		w.field(key)
		writeSlice(p, w, f)
	}
}

// writeExtras writes the additional properties m, sorted by name, leaving out
// those named like a known property.
//
//go:noinline
func writeExtras[T any](w *jsonWriter, m map[string]T, f func(*T, *jsonWriter), known ...string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // see mapItems
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		x := m[k]
		w.field("")
		w.str(k)
		w.raw(":")
		f(&x, w)
	}
}
