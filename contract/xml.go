package contract

import (
	"fmt"
	"unicode"
)

// XML is a schema's xml object (OpenAPI 3.0 "XML Object").
type XML struct {
	Name      string // the element's or attribute's name
	Namespace string // the namespace URL of the element or attribute
	Prefix    string // the prefix the namespace is written with
	Attribute bool   // a scalar property travels as an attribute
	Wrapped   bool   // an array's items are inside one outer element
}

// XMLRootName is the element name of a body of object type t: its
// xml.name, else its schema's name.
func XMLRootName(t *Type) string {
	if t.XML != nil && t.XML.Name != "" {
		return t.XML.Name
	}
	return t.Name
}

// XMLName is the element (or attribute) name of property f: its schema's
// xml.name, else the property's name. For an array it names the wrapping
// element of a wrapped array.
func XMLName(f *Field) string {
	if f.Type.XML != nil && f.Type.XML.Name != "" {
		return f.Type.XML.Name
	}
	return f.Name
}

// XMLItemName is the element name of each item of array property f: the
// items' xml.name, else the property's name, wrapped or not (as the
// OpenAPI specification's examples show).
func XMLItemName(f *Field) string {
	if e := f.Type.Elem; e != nil && e.XML != nil && e.XML.Name != "" {
		return e.XML.Name
	}
	return f.Name
}

// XMLNamespace is t's xml.namespace, "" when it has none.
func XMLNamespace(t *Type) string {
	if t == nil || t.XML == nil {
		return ""
	}
	return t.XML.Namespace
}

// XMLAttribute reports a property written as an attribute.
func XMLAttribute(f *Field) bool { return f.Type.XML != nil && f.Type.XML.Attribute }

// XMLWrapped reports an array property whose items are inside one outer
// element.
func XMLWrapped(f *Field) bool { return f.Type.XML != nil && f.Type.XML.Wrapped }

// XMLScalar reports the types an XML element's or attribute's text holds:
// booleans, numbers, strings and enums of them.
func XMLScalar(t *Type) bool {
	switch t.Kind {
	case KindBool, KindInt, KindNumber, KindString:
		return true
	case KindEnum:
		return t.Base == KindBool || t.Base == KindInt || t.Base == KindNumber || t.Base == KindString
	}
	return false
}

// xmlBody decides whether the body ct of an XML media type at src travels
// as XML: an object schema whose properties encoding/xml can map (see
// xmlProblem). Otherwise it stays raw bytes and a warning says why. The
// prefixes of a body that travels as XML are warned about: they are not
// written.
func (b *builder) xmlBody(ct *Content, src Source) {
	reason := "the media type has no schema"
	if ct.Type != nil {
		reason = xmlProblem(ct.Type)
	}
	if reason != "" {
		b.notGeneratedSince("XML body that encoding/xml cannot map", reason, src.File, src.Pointer)
		return
	}
	ct.XML = true
	eachXMLType(ct.Type, func(t *Type) {
		if t.XML != nil && t.XML.Prefix != "" {
			b.notGenerated("prefix", t.Source.File, t.Source.Pointer+"/xml/prefix")
		}
	})
}

// eachXMLType calls fn once for t and every type its properties and
// items hold, recursive types once.
func eachXMLType(t *Type, fn func(*Type)) {
	seen := map[*Type]bool{}
	var walk func(t *Type)
	walk = func(t *Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		fn(t)
		walk(t.Elem)
		for _, f := range t.Fields {
			walk(f.Type)
		}
	}
	walk(t)
}

// xmlProblem says why a body of type t cannot travel through encoding/xml,
// "" when it can: its root is an object (with an element name), and every
// property is a scalar (an element, or with attribute: true an attribute),
// an object of the same kind, or an array of scalars or objects (repeated
// elements, or inside one element when wrapped). Unions, maps, additional
// properties, untyped values and arrays of arrays have no mapping.
func xmlProblem(t *Type) string {
	if t.Kind != KindObject {
		return fmt.Sprintf("its schema (%s) is %s, not an object (only an object is a root element)", where(t), kindPhrase(t))
	}
	if !xmlNameOK(XMLRootName(t)) {
		return fmt.Sprintf("the root element's name %q (%s) is not an XML name; give the schema xml.name", XMLRootName(t), where(t))
	}
	seen := map[*Type]bool{}
	var object func(t *Type) string
	object = func(t *Type) string {
		if seen[t] {
			return ""
		}
		seen[t] = true
		if t.Additional == AdditionalAny || t.Additional == AdditionalTyped {
			return fmt.Sprintf("%s has additionalProperties, which no element name maps", where(t))
		}
		for _, f := range t.Fields {
			ft := f.Type
			at := func() string { return fmt.Sprintf("property %q of %s", f.Name, where(t)) }
			if !xmlNameOK(XMLName(f)) {
				return fmt.Sprintf("%s is named %q, not an XML name; give it xml.name", at(), XMLName(f))
			}
			if XMLAttribute(f) && !XMLScalar(ft) {
				return fmt.Sprintf("%s is an attribute but %s, not a scalar", at(), kindPhrase(ft))
			}
			switch {
			case XMLScalar(ft):
			case ft.Kind == KindObject:
				if p := object(ft); p != "" {
					return p
				}
			case ft.Kind == KindArray && ft.Elem != nil:
				e := ft.Elem
				if !xmlNameOK(XMLItemName(f)) {
					return fmt.Sprintf("the items of %s are named %q, not an XML name; give them xml.name", at(), XMLItemName(f))
				}
				switch {
				case XMLScalar(e):
				case e.Kind == KindObject:
					if p := object(e); p != "" {
						return p
					}
				default:
					return fmt.Sprintf("the items of %s are %s, which encoding/xml cannot map", at(), kindPhrase(e))
				}
			default:
				return fmt.Sprintf("%s is %s, which encoding/xml cannot map", at(), kindPhrase(ft))
			}
		}
		return ""
	}
	return object(t)
}

// where names a type in a message: its name and position, or its position.
func where(t *Type) string {
	if t.Name != "" {
		return fmt.Sprintf("%s at %s", t.Name, t.Source.Pointer)
	}
	return t.Source.Pointer
}

// kindPhrase says what a type is, for messages.
func kindPhrase(t *Type) string {
	switch t.Kind {
	case KindUnion:
		return "a oneOf/anyOf union"
	case KindMap:
		return "a map (additionalProperties)"
	case KindArray:
		return "an array"
	case KindObject:
		return "an object"
	case KindAny:
		return "a value of any type"
	}
	return "of type " + t.Kind.String()
}

// xmlNameOK reports a name an XML element or attribute can have without
// a prefix (an NCName, letters and digits of any script).
func xmlNameOK(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r)):
		default:
			return false
		}
	}
	return true
}
