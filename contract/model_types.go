package contract

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// builder turns a Document into a Model. Every schema is turned into a
// Type once: types are memoized by the kin-openapi schema pointer, which
// every $ref to the same schema shares, so recursion becomes a pointer
// cycle and nothing is resolved or copied twice.
type builder struct {
	doc   *Document
	m     *Model
	c     collector
	types map[*openapi3.Schema]*Type
	// byRef finds a named type by the $ref that names it: kin-openapi
	// does not always resolve two $refs to one schema pointer.
	byRef map[string]*Type
	names map[string]bool // contract-level names already given
	// cycles holds the allOf cycles already reported, by their members.
	cycles map[string]bool
	opts   LoadOptions
	// warned holds the positions already warned about (notGenerated).
	warned map[string]bool
	// anon > 0 while keyword subschemas are built: their inline objects
	// are checked on the value and need no name (see keywords).
	anon int
}

// schemaName gives the name a $ref string implies: the last pointer token
// (for "#/components/schemas/Pet" and "pet.yaml#/Pet") or the file's base
// name for a whole-file reference ("schemas/pet.yaml").
func schemaName(ref string) string {
	file, frag := splitRef(ref)
	if toks := splitPointer(frag); len(toks) > 0 {
		return toks[len(toks)-1]
	}
	base := file
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return base
}

// refKey identifies the target of a $ref: local references by their
// pointer, others by file and pointer.
func (b *builder) refKey(ref string, src Source) string {
	file, frag := splitRef(ref)
	if file == "" {
		return "#" + frag
	}
	return filepath.Base(file) + "#" + frag
}

// uniqueName returns name, or name with a numeric suffix when another type
// already has it.
func (b *builder) uniqueName(name string) string {
	cand := name
	for i := 2; b.names[cand]; i++ {
		cand = fmt.Sprintf("%s%d", name, i)
	}
	b.names[cand] = true
	return cand
}

// typeOf returns the Type of a schema reference. hint names the type if it
// turns out to need a name and has none of its own; src locates it.
func (b *builder) typeOf(ref *openapi3.SchemaRef, hint string, src Source) *Type {
	if ref == nil || ref.Value == nil {
		return &Type{Kind: KindAny, Source: src}
	}
	s := ref.Value
	if t, ok := b.types[s]; ok {
		return t
	}
	if ref.Ref != "" {
		key := b.refKey(ref.Ref, src)
		if t, ok := b.byRef[key]; ok {
			b.types[s] = t
			return t
		}
		hint = schemaName(ref.Ref)
		src = b.refSource(ref.Ref, src)
		// A $ref names its target, so even a primitive gets a named type.
		t := &Type{Source: src}
		b.types[s] = t
		b.byRef[key] = t
		b.fill(t, s, hint, src)
		b.name(t, hint, true)
		return t
	}
	// A wrapper that adds only nullability or documentation to one other
	// schema is that schema: it adds no type of its own.
	if inner := wrapped(s); inner != nil {
		return b.typeOf(inner, hint, src)
	}
	t := &Type{Source: src}
	b.types[s] = t
	b.fill(t, s, hint, src)
	b.name(t, hint, false)
	return t
}

// name gives t a contract-level name and lists it in the Model when it is
// referenced by name or its shape needs one in any target language.
func (b *builder) name(t *Type, hint string, named bool) {
	if t.Name != "" {
		return
	}
	if !named {
		if b.anon > 0 {
			return
		}
		switch t.Kind {
		case KindObject, KindEnum, KindUnion:
		default:
			return
		}
	}
	if hint == "" {
		hint = "Type"
	}
	t.Name = b.uniqueName(hint)
	b.m.Types = append(b.m.Types, t)
}

// fill sets every property of t from s.
func (b *builder) fill(t *Type, s *openapi3.Schema, hint string, src Source) {
	t.Title, t.Description = s.Title, s.Description
	t.Deprecated, t.ReadOnly, t.WriteOnly = s.Deprecated, s.ReadOnly, s.WriteOnly
	t.Format = s.Format
	t.Nullable = s.Nullable
	if s.Default != nil {
		t.Default, t.HasDefault = s.Default, true
	}
	if s.Example != nil {
		t.Example, t.HasExample = s.Example, true
	} else if len(s.Examples) > 0 {
		t.Example, t.HasExample = s.Examples[0], true
	}
	if s.Const != nil {
		t.Const, t.HasConst = s.Const, true
	}
	b.constraints(t, s, src)
	if x := s.XML; x != nil {
		t.XML = &XML{Name: x.Name, Namespace: x.Namespace, Prefix: x.Prefix, Attribute: x.Attribute, Wrapped: x.Wrapped}
	}

	types := []string(nil)
	if s.Type != nil {
		for _, ty := range *s.Type {
			if ty == "null" {
				t.Nullable = true
				continue
			}
			types = append(types, ty)
		}
		if len(types) == 0 && len(*s.Type) > 0 {
			t.Kind = KindNull
			return
		}
	}
	b.unsupportedSchema(s, src)
	if s.Always != nil && !*s.Always {
		// The boolean schema false: nothing is valid.
		t.Kind, t.Keywords = KindAny, &Keywords{Not: &Type{Kind: KindAny, Source: src}}
		return
	}
	switch {
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		b.union(t, s, hint, src)
	case len(s.Enum) > 0:
		b.enum(t, s, types, src)
		if t.Kind == KindEnum && t.Base == KindInt {
			b.exactIntegers(t, src)
		}
	case len(s.AllOf) > 0:
		b.object(t, s, hint, src)
	case len(types) > 1:
		// Several JSON types: a union of primitives.
		u := &Union{OneOf: true}
		for _, ty := range types {
			vs := *s
			vs.Type = &openapi3.Types{ty}
			vt := &Type{Source: src}
			b.fill(vt, &vs, hint, src)
			vt.Nullable = false
			u.Variants = append(u.Variants, &Variant{Type: vt})
		}
		t.Kind, t.Union = KindUnion, u
	case len(types) == 1:
		b.primitive(t, s, types[0], hint, src)
	case len(s.Properties) > 0 || s.AdditionalProperties.Has != nil || s.AdditionalProperties.Schema != nil || len(s.Required) > 0 && b.anon > 0:
		b.object(t, s, hint, src)
	case s.Items != nil:
		t.Kind = KindArray
		t.Elem = b.typeOf(s.Items, hint+"_item", child2(src, "items"))
	case s.Const != nil:
		t.Kind = kindOfValue(s.Const)
	default:
		t.Kind = KindAny
	}
	b.keywords(t, s, hint, src)
}

// primitive fills t for a single declared type.
func (b *builder) primitive(t *Type, s *openapi3.Schema, ty, hint string, src Source) {
	switch ty {
	case "boolean":
		t.Kind = KindBool
	case "integer":
		t.Kind = KindInt
	case "number":
		t.Kind = KindNumber
	case "string":
		t.Kind = KindString
	case "array":
		t.Kind = KindArray
		t.Elem = b.typeOf(s.Items, hint+"_item", child2(src, "items"))
	case "object":
		b.object(t, s, hint, src)
	default:
		t.Kind = KindAny
	}
}

func child2(src Source, toks ...string) Source {
	return Source{File: src.File, Pointer: src.Pointer + Pointer(toks...)}
}

// object fills t from properties, required, additionalProperties and the
// members of allOf, merged in order.
func (b *builder) object(t *Type, s *openapi3.Schema, hint string, src Source) {
	t.Kind = KindObject
	required := map[string]bool{}
	index := map[string]int{}
	// chain holds the schemas being merged, outermost first: an allOf
	// member already on it would make the type contain itself by value.
	chain := []allOfLink{{s, selfName(hint, src)}}
	var addAll func(s *openapi3.Schema, src Source)
	addAll = func(s *openapi3.Schema, src Source) {
		for i, m := range s.AllOf {
			if m == nil || m.Value == nil {
				continue
			}
			if b.cyclicAllOf(chain, m, child2(src, "allOf", fmt.Sprint(i))) {
				continue
			}
			if len(m.Value.OneOf) > 0 || len(m.Value.AnyOf) > 0 {
				t.Lossy, t.LossyReason = true, "allOf member with oneOf/anyOf is not enforced"
				b.notGenerated("oneOf/anyOf inside allOf", src.File, child2(src, "allOf", fmt.Sprint(i)).Pointer)
			}
			msrc := child2(src, "allOf", fmt.Sprint(i))
			if m.Ref != "" {
				msrc = b.refSource(m.Ref, src)
			}
			chain = append(chain, allOfLink{m.Value, selfName(m.Ref, msrc)})
			addAll(m.Value, msrc)
			chain = chain[:len(chain)-1]
			if m.Value.Nullable && len(s.AllOf) == 1 {
				t.Nullable = true
			}
		}
		for _, r := range s.Required {
			required[r] = true
		}
		for _, name := range sortedPropertyNames(s) {
			p := s.Properties[name]
			ft := b.typeOf(p, joinName(hint, name), child2(src, "properties", name))
			f := &Field{Name: name, Type: ft, Description: describe(p)}
			if p.Value != nil {
				f.ReadOnly, f.WriteOnly, f.Deprecated = p.Value.ReadOnly, p.Value.WriteOnly, p.Value.Deprecated
				f.Nullable = ft.Nullable || isNullable(p.Value)
			}
			if i, ok := index[name]; ok {
				t.Fields[i] = f // a later allOf member refines the property
				continue
			}
			index[name] = len(t.Fields)
			t.Fields = append(t.Fields, f)
		}
		switch ap := s.AdditionalProperties; {
		case ap.Has != nil && !*ap.Has:
			t.Additional = AdditionalFalse
		case ap.Schema != nil && ap.Schema.Value != nil:
			at := b.typeOf(ap.Schema, joinName(hint, "value"), child2(src, "additionalProperties"))
			if at.Kind == KindAny && at.Name == "" {
				t.Additional = AdditionalAny
			} else {
				t.Additional, t.AdditionalType = AdditionalTyped, at
			}
		case ap.Has != nil && *ap.Has:
			t.Additional = AdditionalAny
		}
	}
	addAll(s, src)
	for _, f := range t.Fields {
		f.Required = required[f.Name]
		delete(required, f.Name)
	}
	if b.anon > 0 && len(required) > 0 {
		t.requiredOnly(sortedKeys(required))
		required = nil
	}
	for _, name := range sortedKeys(required) {
		if t.Additional == AdditionalTyped || t.Additional == AdditionalAny {
			continue // the required key may be an additional property
		}
		// JSON Schema allows this (the key must be present, with any
		// value), but it is nearly always a slip: warn and carry on.
		b.c.add(SeverityWarning, src.File, src.Pointer+"/required", fmt.Sprintf("required property %q is not defined in properties; it is not enforced: define it or remove it from required", name))
	}
	if len(t.Fields) == 0 && (t.Additional == AdditionalTyped || t.Additional == AdditionalAny) {
		t.Kind = KindMap
		t.Elem = t.AdditionalType
		if t.Elem == nil {
			t.Elem = &Type{Kind: KindAny}
		}
		return
	}
	if len(t.Fields) == 0 && t.Additional == AdditionalUnspecified {
		// A bare "type: object" is a free-form map.
		t.Kind, t.Additional, t.Elem = KindMap, AdditionalAny, &Type{Kind: KindAny}
	}
}

// sortedPropertyNames returns property names in contract order where the
// source keeps it, else sorted. kin-openapi keeps properties in a map, so
// the order is recovered from the file.
func sortedPropertyNames(s *openapi3.Schema) []string {
	return sortedKeys(s.Properties)
}

func joinName(owner, part string) string {
	if owner == "" {
		return part
	}
	return owner + "_" + part
}

func describe(r *openapi3.SchemaRef) string {
	if r == nil || r.Value == nil {
		return ""
	}
	return r.Value.Description
}

// union fills t from oneOf / anyOf.
func (b *builder) union(t *Type, s *openapi3.Schema, hint string, src Source) {
	members, kw := s.OneOf, "oneOf"
	if len(members) == 0 {
		members, kw = s.AnyOf, "anyOf"
	}
	if len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil || len(s.AllOf) > 0 {
		t.Lossy, t.LossyReason = true, "properties, additionalProperties or allOf beside "+kw+" are not enforced"
		at := "allOf"
		switch {
		case len(s.Properties) > 0:
			at = "properties"
		case s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil:
			at = "additionalProperties"
		}
		b.notGenerated("properties beside oneOf/anyOf", src.File, src.Pointer+"/"+at)
	}
	var nonNull []*openapi3.SchemaRef
	for _, m := range members {
		if isNullSchema(m) {
			t.Nullable = true
			continue
		}
		nonNull = append(nonNull, m)
	}
	u := &Union{OneOf: kw == "oneOf"}
	if s.Discriminator != nil {
		u.Discriminator = s.Discriminator.PropertyName
	}
	for i, m := range nonNull {
		vt := b.typeOf(m, fmt.Sprintf("%s_%d", hint, i), child2(src, kw, fmt.Sprint(i)))
		v := &Variant{Type: vt}
		if u.Discriminator != "" && m.Ref != "" {
			for _, val := range sortedKeys(s.Discriminator.Mapping) {
				mv := s.Discriminator.Mapping[val]
				if mv.Ref == m.Ref || schemaName(mv.Ref) == schemaName(m.Ref) {
					v.Values = append(v.Values, val)
				}
			}
			if len(v.Values) == 0 {
				v.Values = []string{schemaName(m.Ref)}
			}
		}
		u.Variants = append(u.Variants, v)
	}
	if s.Discriminator != nil {
		for _, val := range sortedKeys(s.Discriminator.Mapping) {
			if !mappingUsed(u, val) {
				b.notGenerated("discriminator mapping (to no variant)", src.File, src.Pointer+Pointer("discriminator", "mapping", val))
			}
		}
	}
	t.Kind, t.Union = KindUnion, u
}

// enum fills t from enum.
func (b *builder) enum(t *Type, s *openapi3.Schema, types []string, src Source) {
	t.Kind = KindEnum
	base := KindAny
	if len(types) == 1 {
		switch types[0] {
		case "string":
			base = KindString
		case "integer":
			base = KindInt
		case "number":
			base = KindNumber
		case "boolean":
			base = KindBool
		}
	}
	for _, v := range s.Enum {
		if v == nil {
			t.Nullable = true
			continue
		}
		k := kindOfValue(v)
		if base == KindAny {
			base = k
		}
		if k != base && !(base == KindNumber && k == KindInt) {
			// Mixed member types: keep the enum as documentation only.
			t.Lossy, t.LossyReason = true, "enum members of different types are not enforced"
			b.notGenerated("enum (mixed types)", src.File, src.Pointer+"/enum")
		}
		t.Enum = append(t.Enum, v)
	}
	t.Base = base
	if base == KindInt {
		for _, v := range t.Enum {
			if f, ok := v.(float64); !ok || f != math.Trunc(f) {
				t.Base = KindNumber
			}
		}
	}
	if t.Lossy || t.Base == KindAny {
		t.Kind, t.Enum = KindAny, nil
		if len(types) == 1 {
			t.Kind = map[string]Kind{"string": KindString, "integer": KindInt, "number": KindNumber, "boolean": KindBool}[types[0]]
		}
	}
	if len(t.Enum) == 0 && t.Kind == KindEnum {
		t.Kind = t.Base
	}
}

// kindOfValue classifies a decoded JSON value.
func kindOfValue(v any) Kind {
	switch x := v.(type) {
	case bool:
		return KindBool
	case float64:
		if x == math.Trunc(x) {
			return KindInt
		}
		return KindNumber
	case int, int64:
		return KindInt
	case string:
		return KindString
	case []any:
		return KindArray
	case map[string]any:
		return KindMap
	}
	return KindAny
}

// constraints copies the validation keywords, dropping (with a warning)
// any pattern that Go's regexp cannot compile, so emitted code never fails
// to start.
func (b *builder) constraints(t *Type, s *openapi3.Schema, src Source) {
	c := &t.Constraints
	c.Minimum, c.Maximum, c.MultipleOf = s.Min, s.Max, s.MultipleOf
	b.roundedBounds(s, src)
	if s.ExclusiveMin.Value != nil {
		c.Minimum, c.ExclusiveMinimum = s.ExclusiveMin.Value, true
	} else if s.ExclusiveMin.IsTrue() {
		c.ExclusiveMinimum = c.Minimum != nil
	}
	if s.ExclusiveMax.Value != nil {
		c.Maximum, c.ExclusiveMaximum = s.ExclusiveMax.Value, true
	} else if s.ExclusiveMax.IsTrue() {
		c.ExclusiveMaximum = c.Maximum != nil
	}
	if c.MultipleOf != nil && *c.MultipleOf <= 0 {
		c.MultipleOf = nil
	}
	if s.MinLength > 0 {
		v := s.MinLength
		c.MinLength = &v
	}
	c.MaxLength = s.MaxLength
	if s.Pattern != "" {
		if _, err := regexp.Compile(s.Pattern); err != nil {
			b.c.add(SeverityWarning, src.File, src.Pointer+"/pattern", fmt.Sprintf("pattern %q is not supported by Go's regexp (%v); it is not enforced", s.Pattern, err))
		} else {
			c.Pattern = s.Pattern
		}
	}
	if s.MinItems > 0 {
		v := s.MinItems
		c.MinItems = &v
	}
	c.MaxItems, c.UniqueItems = s.MaxItems, s.UniqueItems
	if s.MinProps > 0 {
		v := s.MinProps
		c.MinProperties = &v
	}
	c.MaxProperties = s.MaxProps
}

// sortTypes orders the model's named types by name, so output does not
// depend on the order they were reached in.
func sortTypes(ts []*Type) {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
}

// wrapped returns the one schema s stands for when s is only a wrapper
// around it: allOf: [X], or oneOf/anyOf: [X, {type: null}], with no type or
// properties of its own. Nil otherwise.
func wrapped(s *openapi3.Schema) *openapi3.SchemaRef {
	if s.Type != nil || len(s.Properties) > 0 || len(s.Enum) > 0 || s.Items != nil || hasKeywords(s) {
		return nil
	}
	if len(s.AllOf) == 1 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		return s.AllOf[0]
	}
	if len(s.AllOf) > 1 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		// allOf: [{$ref: X}, {description: …}] only documents X.
		var inner *openapi3.SchemaRef
		for _, m := range s.AllOf {
			if m == nil || m.Value == nil || annotationOnly(m.Value) {
				continue
			}
			if inner != nil {
				return nil
			}
			inner = m
		}
		return inner
	}
	if len(s.AllOf) > 0 || len(s.OneOf) > 0 && len(s.AnyOf) > 0 {
		return nil
	}
	members := s.OneOf
	if len(members) == 0 {
		members = s.AnyOf
	}
	var inner *openapi3.SchemaRef
	for _, m := range members {
		if isNullSchema(m) {
			continue
		}
		if inner != nil {
			return nil
		}
		inner = m
	}
	if inner != nil && len(members) == 2 {
		return inner
	}
	return nil
}

// annotationOnly reports a schema that only documents (title,
// description, examples, deprecated, nullable …) and constrains nothing.
func annotationOnly(s *openapi3.Schema) bool {
	bare := openapi3.Schema{
		Extensions: s.Extensions, Origin: s.Origin, Title: s.Title, Description: s.Description,
		Example: s.Example, Examples: s.Examples, Deprecated: s.Deprecated,
		Nullable: s.Nullable, ReadOnly: s.ReadOnly, WriteOnly: s.WriteOnly,
		ExternalDocs: s.ExternalDocs, Default: s.Default,
	}
	return s.IsEmpty() || reflect.DeepEqual(*s, bare)
}

// isNullSchema reports a schema that admits only null.
func isNullSchema(r *openapi3.SchemaRef) bool {
	return r != nil && r.Value != nil && r.Value.Type != nil && r.Value.Type.Is("null")
}

// isNullable reports whether s admits null, directly or through a
// wrapper: nullable: true, type [T, "null"], or a null member of
// oneOf/anyOf.
func isNullable(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	if s.Nullable || s.Type != nil && s.Type.Includes("null") {
		return true
	}
	for _, m := range append(append([]*openapi3.SchemaRef(nil), s.OneOf...), s.AnyOf...) {
		if isNullSchema(m) {
			return true
		}
	}
	for _, m := range s.AllOf {
		if m != nil && m.Value != nil && m.Value.Nullable && annotationOnly(m.Value) {
			return true
		}
	}
	if len(s.AllOf) == 1 && s.AllOf[0].Value != nil && s.AllOf[0].Value.Nullable && s.Type == nil {
		return false // nullable inside allOf applies to the member only
	}
	return false
}
