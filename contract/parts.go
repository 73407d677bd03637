package contract

// PartKind says how one property of a multipart/form-data body travels as
// parts (OpenAPI 3.x "Special Considerations for multipart Content"). The
// generated server and client and toolkit validate's requests all decide
// by PartKindOf, so validate sends each property as the server reads it.
type PartKind int

const (
	PartText  PartKind = iota // one part holding the scalar's text
	PartTexts                 // one text part per array item
	PartFile                  // one file part
	PartFiles                 // one file part per array item
	PartJSON                  // one part holding the value's JSON
)

// PartKindOf says how a property of type t travels: files (IsFile) and
// arrays of files as file parts, scalars and arrays of non-nullable
// scalars as text parts, anything else as one JSON part.
func PartKindOf(t *Type) PartKind {
	switch {
	case IsFile(t):
		return PartFile
	case t.Kind == KindArray && IsFile(t.Elem):
		return PartFiles
	case IsScalar(t):
		return PartText
	case t.Kind == KindArray && IsScalar(t.Elem) && !t.Elem.Nullable:
		return PartTexts
	}
	return PartJSON
}

// IsScalar reports a type whose value is one primitive: boolean, integer,
// number, string, or an enum of one primitive type.
func IsScalar(t *Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case KindBool, KindInt, KindNumber, KindString:
		return true
	case KindEnum:
		return t.Base != KindAny
	}
	return false
}

// IsJSONMedia reports application/json and the +json media types: the
// contentMediaType values whose content the generated code parses and
// sample fills with JSON.
func IsJSONMedia(mt string) bool { return isJSONMedia(mt) }
