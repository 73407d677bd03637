package contract

// HeaderShape says how the generated code holds a response header's value
// (style simple, the only style headers have). The generator types each
// shape; contract warns where a header's schema has none but text, so
// what stays a string is never left unsaid.
type HeaderShape int

const (
	HeaderText   HeaderShape = iota // the header's text as it came
	HeaderScalar                    // one primitive
	HeaderList                      // an array of primitives: a,b,c
	HeaderObject                    // an object of primitive properties: a,1,b,2 (explode: a=1,b=2)
	HeaderMap                       // a map of primitives, written as an object is
)

// HeaderShapeOf says how a header of type t is held.
func HeaderShapeOf(t *Type) HeaderShape {
	switch {
	case t == nil:
		return HeaderText
	case IsScalar(t):
		return HeaderScalar
	case t.Kind == KindArray && IsScalar(t.Elem):
		return HeaderList
	case t.Kind == KindMap && IsScalar(t.Elem) && !t.Elem.Nullable:
		return HeaderMap
	case t.Kind == KindObject && len(t.Fields) > 0 && t.Additional != AdditionalTyped:
		for _, f := range t.Fields {
			if !IsScalar(f.Type) {
				return HeaderText
			}
		}
		return HeaderObject
	}
	return HeaderText
}

// checkHeaderShape warns about a response header whose schema the
// generated code holds as text though it declares a structure.
func (b *builder) checkHeaderShape(h *Header, src Source) {
	if t := h.Type; HeaderShapeOf(t) == HeaderText && t != nil && t.Kind != KindString && t.Kind != KindAny {
		b.notGenerated("Response header of another shape", src.File, src.Pointer)
	}
}
