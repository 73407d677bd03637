package contract

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// kin-openapi decodes a document with encoding/json, and each of its types
// decodes its object twice (once into its fields, once into a map for its
// extensions), so a schema nested d levels deep is scanned, validated and
// decoded into maps d times: on a GitHub Enterprise Server description
// that is 1.5 s of CPU, about a third of toolkit diff's. Load has already
// decoded the same bytes into a tree (decodeJSONTree), so kinFromTree
// builds kin-openapi's document from that tree instead, by the rules
// kin-openapi's UnmarshalJSON methods follow: every struct's fields by
// their json names, and every other key of the object in Extensions (nil
// when there is none); a Paths, Responses or Callback map's "x-" keys in
// Extensions and the others as values; a $ref object as a reference.
//
// Whatever those rules do not cover exactly makes kinFromTree give up,
// and Load decodes the bytes with kin-openapi as before: a key that
// matches a field's name only case-insensitively (encoding/json fills the
// field and kin-openapi keeps the key as an extension too), a $ref beside
// other keys (kin-openapi keeps those in unexported fields), a null where
// kin-openapi records it, a value of the wrong JSON type (kin-openapi's
// error names it), a number that an unsigned field cannot hold. The two
// agree on every contract of the test corpus (TestKinFromTree).

// errKinFallback says kinFromTree met something it leaves to kin-openapi.
var errKinFallback = errors.New("left to kin-openapi's decoder")

// kinFromTree builds the OpenAPI 3 document tree decodes to, as
// json.Unmarshal into an openapi3.T would; ok is false when it left the
// document to kin-openapi's decoder. tree must come from decodeJSONTree
// (numbers as float64) and is shared, not copied: example and extension
// values in the document are the tree's own.
func kinFromTree(tree map[string]any) (t *openapi3.T, ok bool) {
	t = new(openapi3.T)
	if err := kinValue(reflect.ValueOf(t).Elem(), tree, 0); err != nil {
		return nil, false
	}
	return t, true
}

// kinMaxDepth bounds the recursion; a deeper document is left to
// kin-openapi (whose decoder has its own limit).
const kinMaxDepth = 5000

var (
	typeTypes          = reflect.TypeFor[openapi3.Types]()
	typeBoolSchema     = reflect.TypeFor[openapi3.BoolSchema]()
	typeExclusiveBound = reflect.TypeFor[openapi3.ExclusiveBound]()
	typeSchema         = reflect.TypeFor[openapi3.Schema]()
	typeSchemaRef      = reflect.TypeFor[openapi3.SchemaRef]()
	typeMappingRef     = reflect.TypeFor[openapi3.MappingRef]()
	typeHeader         = reflect.TypeFor[openapi3.Header]()
	typeOperation      = reflect.TypeFor[openapi3.Operation]()
	typePaths          = reflect.TypeFor[openapi3.Paths]()
	typeResponses      = reflect.TypeFor[openapi3.Responses]()
	typeCallback       = reflect.TypeFor[openapi3.Callback]()
	typeAny            = reflect.TypeFor[any]()
)

// kinStructs are the structs decoded by the fields-then-extensions rule:
// each one's UnmarshalJSON decodes its fields and deletes exactly its
// fields' json names from Extensions.
var kinStructs = map[reflect.Type]bool{}

// kinRefs are the $ref wrappers (SchemaRef, ParameterRef …).
var kinRefs = map[reflect.Type]bool{}

func init() {
	for _, v := range []any{
		openapi3.T{}, openapi3.Components{}, openapi3.Info{}, openapi3.Contact{}, openapi3.License{},
		openapi3.Server{}, openapi3.ServerVariable{}, openapi3.PathItem{}, openapi3.Operation{},
		openapi3.Parameter{}, openapi3.RequestBody{}, openapi3.Response{}, openapi3.MediaType{},
		openapi3.Encoding{}, openapi3.Example{}, openapi3.Link{}, openapi3.SecurityScheme{},
		openapi3.OAuthFlows{}, openapi3.OAuthFlow{}, openapi3.Tag{}, openapi3.ExternalDocs{},
		openapi3.XML{}, openapi3.Discriminator{}, openapi3.Schema{},
	} {
		kinStructs[reflect.TypeOf(v)] = true
	}
	for _, v := range []any{
		openapi3.SchemaRef{}, openapi3.ParameterRef{}, openapi3.HeaderRef{}, openapi3.RequestBodyRef{},
		openapi3.ResponseRef{}, openapi3.SecuritySchemeRef{}, openapi3.ExampleRef{}, openapi3.LinkRef{},
		openapi3.CallbackRef{},
	} {
		kinRefs[reflect.TypeOf(v)] = true
	}
}

// kinFieldsOf lists a struct's fields by json name, once per type.
var kinFieldsOf = func() func(reflect.Type) map[string]int {
	var cache sync.Map
	return func(t reflect.Type) map[string]int {
		if m, ok := cache.Load(t); ok {
			return m.(map[string]int)
		}
		m := map[string]int{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			m[name] = i
		}
		cache.Store(t, m)
		return m
	}
}()

// kinValue decodes x, a tree value, into v as encoding/json and
// kin-openapi's UnmarshalJSON methods would.
func kinValue(v reflect.Value, x any, depth int) error {
	if depth > kinMaxDepth {
		return errKinFallback
	}
	if x == nil {
		// null leaves every kind of field at its zero value, and the
		// value types with their own decoding (BoolSchema,
		// ExclusiveBound) ignore it too.
		return nil
	}
	t := v.Type()
	switch t {
	case typeTypes:
		switch x := x.(type) {
		case string:
			v.Set(reflect.ValueOf(openapi3.Types{x}))
			return nil
		case []any:
			ts := make(openapi3.Types, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return errKinFallback
				}
				ts[i] = s
			}
			v.Set(reflect.ValueOf(ts))
			return nil
		}
		return errKinFallback
	case typeBoolSchema:
		bs := v.Addr().Interface().(*openapi3.BoolSchema)
		switch x := x.(type) {
		case bool:
			bs.Has = &x
			return nil
		case map[string]any:
			if len(x) == 0 {
				bs.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
				return nil
			}
			bs.Schema = new(openapi3.SchemaRef)
			return kinValue(reflect.ValueOf(bs.Schema).Elem(), x, depth+1)
		}
		return errKinFallback
	case typeExclusiveBound:
		eb := v.Addr().Interface().(*openapi3.ExclusiveBound)
		switch x := x.(type) {
		case bool:
			eb.Bool = &x
			return nil
		case float64:
			eb.Value = &x
			return nil
		}
		return errKinFallback
	case typeMappingRef:
		s, ok := x.(string)
		if !ok {
			return errKinFallback
		}
		v.Addr().Interface().(*openapi3.MappingRef).Ref = s
		return nil
	case typeSchema:
		if b, ok := x.(bool); ok {
			v.Set(reflect.ValueOf(openapi3.Schema{Always: &b}))
			return nil
		}
	case typeHeader:
		return kinValue(v.Field(0), x, depth+1) // Header is its Parameter
	case typePaths, typeResponses, typeCallback:
		return kinMapLike(v, x, depth)
	case typeAny:
		v.Set(reflect.ValueOf(x))
		return nil
	}
	if kinRefs[t] {
		return kinRef(v, x, depth)
	}
	if kinStructs[t] {
		return kinStruct(v, x, depth)
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Float64:
		// The tree's string, bool or float64 into a field of its kind.
		xv := reflect.ValueOf(x)
		if xv.Kind() != t.Kind() {
			return errKinFallback
		}
		v.Set(xv.Convert(t))
	case reflect.Uint64:
		f, ok := x.(float64)
		// encoding/json refuses a fraction, an exponent or a sign: a
		// whole number within range is all it accepts, and all this
		// takes (written 1.0, it is refused there and taken here, as a
		// YAML contract's is).
		if !ok || f < 0 || f != math.Trunc(f) || f >= 1<<64 {
			return errKinFallback
		}
		v.SetUint(uint64(f))
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := kinValue(p.Elem(), x, depth+1); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Slice:
		a, ok := x.([]any)
		if !ok {
			return errKinFallback
		}
		s := reflect.MakeSlice(t, len(a), len(a))
		for i, e := range a {
			if err := kinValue(s.Index(i), e, depth+1); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return errKinFallback
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for k, e := range m {
			ev := reflect.New(t.Elem()).Elem()
			if err := kinValue(ev, e, depth+1); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		v.Set(out)
	default:
		return errKinFallback
	}
	return nil
}

// kinStruct decodes an object into one of kinStructs: its fields by json
// name, every other key into Extensions.
func kinStruct(v reflect.Value, x any, depth int) error {
	m, ok := x.(map[string]any)
	if !ok {
		return errKinFallback
	}
	t := v.Type()
	if t == typeOperation {
		if r, has := m["responses"]; has && r == nil {
			return errKinFallback // kin-openapi marks an explicit null
		}
	}
	fields := kinFieldsOf(t)
	var ext map[string]any
	for k, e := range m {
		if i, ok := fields[k]; ok {
			if err := kinValue(v.Field(i), e, depth+1); err != nil {
				return err
			}
			continue
		}
		if k == "__origin__" {
			return errKinFallback
		}
		for name := range fields {
			if strings.EqualFold(name, k) {
				return errKinFallback // encoding/json would fill the field too
			}
		}
		if ext == nil {
			ext = map[string]any{}
		}
		ext[k] = e
	}
	if ext != nil {
		v.FieldByName("Extensions").Set(reflect.ValueOf(ext))
	}
	return nil
}

// kinRef decodes a $ref wrapper: a reference when the object holds a
// non-empty "$ref" and nothing else, otherwise its value.
func kinRef(v reflect.Value, x any, depth int) error {
	m, ok := x.(map[string]any)
	if !ok {
		if v.Type() == typeSchemaRef {
			// A boolean schema, or something kin-openapi refuses.
			p := reflect.New(typeSchema)
			if err := kinValue(p.Elem(), x, depth+1); err != nil {
				return err
			}
			v.FieldByName("Value").Set(p)
			return nil
		}
		return errKinFallback
	}
	for k := range m {
		if k != "$ref" && strings.EqualFold(k, "$ref") {
			return errKinFallback
		}
	}
	if r, has := m["$ref"]; has {
		s, isString := r.(string)
		if !isString || s == "" || len(m) != 1 {
			return errKinFallback
		}
		v.FieldByName("Ref").SetString(s)
		return nil
	}
	value := v.FieldByName("Value")
	p := reflect.New(value.Type().Elem())
	if err := kinValue(p.Elem(), m, depth+1); err != nil {
		return err
	}
	value.Set(p)
	return nil
}

// kinMapLike decodes Paths, Responses and Callback: "x-" keys into
// Extensions (always a map, if empty), the others as path items or
// responses.
func kinMapLike(v reflect.Value, x any, depth int) error {
	m, ok := x.(map[string]any)
	if !ok {
		return errKinFallback
	}
	ext := map[string]any{}
	switch t := v.Addr().Interface().(type) {
	case *openapi3.Paths:
		*t = *openapi3.NewPathsWithCapacity(len(m))
		t.Extensions = ext
		return kinEntries(m, ext, depth, t.Set)
	case *openapi3.Callback:
		*t = *openapi3.NewCallbackWithCapacity(len(m))
		t.Extensions = ext
		return kinEntries(m, ext, depth, t.Set)
	case *openapi3.Responses:
		*t = *openapi3.NewResponsesWithCapacity(len(m))
		t.Extensions = ext
		return kinEntries(m, ext, depth, t.Set)
	}
	return errKinFallback
}

// kinEntries decodes the entries of a map-like object: "x-" keys into
// ext, every other one a V handed to set. A null entry is left to
// kin-openapi, which makes it an empty value.
func kinEntries[V any](m, ext map[string]any, depth int, set func(string, *V)) error {
	for k, e := range m {
		if strings.HasPrefix(k, "x-") {
			ext[k] = e
			continue
		}
		item := new(V)
		if e == nil || kinValue(reflect.ValueOf(item).Elem(), e, depth+1) != nil {
			return errKinFallback
		}
		set(k, item)
	}
	return nil
}
