package contract

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// keywords fills t.Keywords from the applicator and relation keywords of s
// (if/then/else, not, dependentRequired, dependentSchemas,
// patternProperties, propertyNames, unevaluatedProperties, prefixItems,
// contains, content*), and shapes t so that decoding keeps what they look
// at: properties that only a conditional subschema declares become
// optional fields, and an object whose unevaluated or pattern-matched
// properties must be checked keeps its additional properties.
//
// Subschemas are built without naming their inline objects: they are
// checked against the value, not decoded into types of their own.
func (b *builder) keywords(t *Type, s *openapi3.Schema, hint string, src Source) {
	if !hasKeywords(s) {
		return
	}
	k := t.Keywords
	if k == nil {
		k = &Keywords{}
		t.Keywords = k
	}
	if t.Kind == KindObject && t.Additional == AdditionalUnspecified {
		b.conditionalFields(t, s, hint, src)
	}
	b.anon++
	defer func() { b.anon-- }()
	sub := func(r *openapi3.SchemaRef, toks ...string) *Type {
		if r == nil {
			return nil
		}
		return b.typeOf(r, joinName(hint, toks[0]), child2(src, toks...))
	}
	if s.If != nil && (s.Then != nil || s.Else != nil) {
		k.If, k.Then, k.Else = sub(s.If, "if"), sub(s.Then, "then"), sub(s.Else, "else")
	}
	k.Not = sub(s.Not, "not")
	for _, p := range sortedKeys(s.DependentRequired) {
		k.DependentRequired = append(k.DependentRequired, Dependency{Property: p, Required: s.DependentRequired[p]})
	}
	for _, p := range sortedKeys(s.DependentSchemas) {
		k.DependentSchemas = append(k.DependentSchemas, Dependency{Property: p, Type: sub(s.DependentSchemas[p], "dependentSchemas", p)})
	}
	for _, p := range sortedKeys(s.PatternProperties) {
		if _, err := regexp.Compile(p); err != nil {
			b.c.add(SeverityWarning, src.File, src.Pointer+Pointer("patternProperties", p), fmt.Sprintf("keyword patternProperties is not generated: pattern %q is not supported by Go's regexp (%v); properties matching it are not checked", p, err))
			continue
		}
		k.PatternProperties = append(k.PatternProperties, PatternType{Pattern: p, Type: sub(s.PatternProperties[p], "patternProperties", p)})
	}
	k.PropertyNames = sub(s.PropertyNames, "propertyNames")
	if u := s.UnevaluatedProperties; u.Schema != nil && u.Schema.Value != nil {
		k.Unevaluated, k.UnevaluatedType = AdditionalTyped, sub(u.Schema, "unevaluatedProperties")
	} else if u.Has != nil && !*u.Has {
		k.Unevaluated = AdditionalFalse
	}
	if len(s.PrefixItems) > 0 && t.Kind == KindArray {
		for i, p := range s.PrefixItems {
			k.PrefixItems = append(k.PrefixItems, b.typeOf(p, joinName(hint, fmt.Sprint(i)), child2(src, "prefixItems", fmt.Sprint(i))))
		}
		// Items apply after the prefix: unless every position has the
		// items' Go type, the element type must hold them all, so it is
		// any and the positions are checked on the value.
		if t.Elem != nil && (t.Elem.Kind != KindAny || t.Elem.Keywords != nil) && !sameScalar(t.Elem, k.PrefixItems) {
			k.Items = t.Elem
			t.Elem = &Type{Kind: KindAny, Source: child2(src, "items")}
		}
	}
	if s.Contains != nil {
		k.Contains, k.MinContains, k.MaxContains = sub(s.Contains, "contains"), s.MinContains, s.MaxContains
	}
	k.ContentEncoding, k.ContentMediaType = s.ContentEncoding, s.ContentMediaType
	if s.ContentEncoding == "base64" && t.Kind == KindString && (t.Format == "" || t.Format == "binary" || t.Format == "byte") {
		// Decoded to bytes, as format: byte is; the type checks it, so
		// only content inside still needs a check on the value.
		t.Format = "byte"
		if s.ContentMediaType == "" {
			k.ContentEncoding = ""
		}
	}
	if isJSONMedia(s.ContentMediaType) {
		k.ContentSchema = sub(s.ContentSchema, "contentSchema")
	}
	b.shapeForKeywords(t, k)
	if k.empty() {
		t.Keywords = nil
	}
}

// requiredOnly records, on a subschema, required names it declares no
// property for (if: {required: [a]}): the value is checked, not decoded,
// so they can be enforced.
func (t *Type) requiredOnly(names []string) {
	if t.Keywords == nil {
		t.Keywords = &Keywords{}
	}
	t.Keywords.Required = append(t.Keywords.Required, names...)
}

// hasKeywords reports whether s uses any keyword Keywords holds.
func hasKeywords(s *openapi3.Schema) bool {
	return s.If != nil || s.Not != nil || len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 ||
		len(s.PatternProperties) > 0 || s.PropertyNames != nil || s.UnevaluatedProperties.Has != nil ||
		s.UnevaluatedProperties.Schema != nil || len(s.PrefixItems) > 0 || s.Contains != nil ||
		s.ContentEncoding != "" || s.ContentMediaType != ""
}

// empty reports Keywords that ask for no check.
func (k *Keywords) empty() bool {
	return len(k.Required) == 0 && k.If == nil && k.Not == nil && len(k.DependentRequired) == 0 && len(k.DependentSchemas) == 0 &&
		len(k.PatternProperties) == 0 && k.PropertyNames == nil && k.Unevaluated == AdditionalUnspecified &&
		len(k.PrefixItems) == 0 && k.Items == nil && k.Contains == nil && k.ContentEncoding == "" &&
		k.ContentMediaType == ""
}

// sameScalar reports whether every type of ts is a primitive of elem's
// kind and format, so an array of elem holds them.
func sameScalar(elem *Type, ts []*Type) bool {
	switch elem.Kind {
	case KindBool, KindInt, KindNumber, KindString:
	default:
		return false
	}
	for _, t := range ts {
		if t.Kind != elem.Kind || t.Format != elem.Format || t.Nullable && !elem.Nullable {
			return false
		}
	}
	return true
}

// isJSONMedia reports application/json and the +json media types.
func isJSONMedia(mt string) bool {
	return mt == "application/json" || len(mt) > 5 && mt[len(mt)-5:] == "+json"
}

// conditionalFields adds, as optional fields, the properties that only
// if/then/else, not or dependentSchemas declare (or require): the object keeps
// no unknown properties, so without a field their values would be dropped
// before the subschema could look at them. A property declared with
// different schemas in different places is held as any.
func (b *builder) conditionalFields(t *Type, s *openapi3.Schema, hint string, src Source) {
	known := map[string]bool{}
	for _, f := range t.Fields {
		known[f.Name] = true
	}
	type place struct {
		s   *openapi3.SchemaRef
		src Source
	}
	places := []place{{s.If, child2(src, "if")}, {s.Then, child2(src, "then")}, {s.Else, child2(src, "else")}, {s.Not, child2(src, "not")}}
	for _, p := range sortedKeys(s.DependentSchemas) {
		places = append(places, place{s.DependentSchemas[p], child2(src, "dependentSchemas", p)})
	}
	added := map[string]*Field{}
	for _, pl := range places {
		if pl.s == nil || pl.s.Value == nil {
			continue
		}
		cs := pl.s.Value
		psrc := pl.src
		if pl.s.Ref != "" {
			psrc = b.refSource(pl.s.Ref, src)
		}
		for _, name := range sortedPropertyNames(cs) {
			if known[name] {
				continue
			}
			ft := b.typeOf(cs.Properties[name], joinName(hint, name), child2(psrc, "properties", name))
			if f := added[name]; f != nil {
				if f.Type != ft && f.Type.Kind != KindAny {
					f.Type = &Type{Kind: KindAny, Source: f.Type.Source}
				}
				continue
			}
			added[name] = &Field{Name: name, Type: ft, Nullable: ft.Nullable, Conditional: true}
		}
		for _, name := range cs.Required {
			if !known[name] && added[name] == nil {
				added[name] = &Field{Name: name, Type: &Type{Kind: KindAny, Source: child2(psrc, "required")}, Nullable: true, Conditional: true}
			}
		}
	}
	names := make([]string, 0, len(added))
	for n := range added {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Fields = append(t.Fields, added[n])
	}
}

// shapeForKeywords makes an object keep the properties its keywords must
// see. patternProperties and propertyNames look at every property, so an
// object that would drop, reject or type its additional properties keeps
// them as they are instead, and what additionalProperties said is checked
// on the value as unevaluatedProperties (the same where no conditional
// subschema declares properties). unevaluatedProperties alone, on an
// object whose subschemas declare no properties, is additionalProperties.
func (b *builder) shapeForKeywords(t *Type, k *Keywords) {
	if t.Kind != KindObject {
		return
	}
	dynamic := k.If != nil || len(k.DependentSchemas) > 0 || k.Not != nil
	if len(k.PatternProperties) > 0 || k.PropertyNames != nil {
		if k.Unevaluated == AdditionalUnspecified {
			k.Unevaluated, k.UnevaluatedType = t.Additional, t.AdditionalType
			if k.Unevaluated == AdditionalAny {
				k.Unevaluated = AdditionalUnspecified
			}
		}
		t.Additional, t.AdditionalType = AdditionalAny, nil
		return
	}
	if k.Unevaluated == AdditionalUnspecified || t.Additional != AdditionalUnspecified {
		// additionalProperties evaluates every property left: nothing is
		// unevaluated.
		k.Unevaluated, k.UnevaluatedType = AdditionalUnspecified, nil
		return
	}
	if !dynamic {
		t.Additional, t.AdditionalType = k.Unevaluated, k.UnevaluatedType
		k.Unevaluated, k.UnevaluatedType = AdditionalUnspecified, nil
		return
	}
	t.Additional = AdditionalAny
}
