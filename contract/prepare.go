package contract

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// maxTreeDepth bounds the walks over a decoded file: deeper nesting is not
// a contract anyone writes, and the bound keeps a hostile input from
// exhausting the stack.
const maxTreeDepth = 1000

// prepare walks the root file's decoded tree before kin-openapi decodes
// it, for what kin-openapi would refuse or drop without a position:
//
//   - an examples object inside a schema (a common slip for a named
//     example map; schemas take an array) is removed, with a warning;
//   - OpenAPI 3.2 keywords that nothing generates yet are warned about;
//   - with Lenient, a query string inside a path key becomes query
//     parameters, and a $ref to a Response, Parameter or RequestBody where
//     a Schema belongs points at that object's schema, each warned.
//
// It reports whether it changed the tree.
func (d *Document) prepare(c *collector, file string, obj map[string]any, opts LoadOptions) bool {
	p := &preparer{c: c, d: d, file: file, root: obj, opts: opts}
	p.version = fmt.Sprint(obj["openapi"])
	if paths, ok := obj["paths"].(map[string]any); ok {
		if opts.Lenient {
			p.splitQueryPaths(paths)
		}
		p.pathOperators(paths)
	}
	if strings.HasPrefix(p.version, "3.2") {
		p.oas32(obj)
	}
	p.walk("", obj, false, 0)
	return p.changed
}

type preparer struct {
	c       *collector
	d       *Document
	file    string
	root    map[string]any
	opts    LoadOptions
	version string
	changed bool
}

func (p *preparer) warn(ptr, msg string) { p.c.add(SeverityWarning, p.file, ptr, msg) }

// schemaChild names the keys whose value is one schema, schemaMap those
// whose value maps names to schemas, schemaList those that list schemas.
var (
	schemaChild = map[string]bool{"schema": true, "items": true, "not": true, "additionalProperties": true, "itemSchema": true, "contentSchema": true, "if": true, "then": true, "else": true, "propertyNames": true, "contains": true, "unevaluatedItems": true, "unevaluatedProperties": true}
	schemaMap   = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "definitions": true, "dependentSchemas": true}
	schemaList  = map[string]bool{"allOf": true, "oneOf": true, "anyOf": true, "prefixItems": true}
	// valueKeys hold instance values, not contract objects: never walked.
	valueKeys = map[string]bool{"example": true, "default": true, "enum": true, "const": true, "value": true}
)

// walk visits v at ptr; schema says whether v is in a schema's place.
func (p *preparer) walk(ptr string, v any, schema bool, depth int) {
	if depth > maxTreeDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			p.walk(ptr+"/"+fmt.Sprint(i), e, false, depth+1)
		}
	case map[string]any:
		if schema {
			p.schema(ptr, x)
		} else if strings.HasPrefix(p.version, "3.2") {
			p.oas32Object(ptr, x)
		}
		for _, k := range sortedKeys(x) {
			e := x[k]
			kp := ptr + "/" + EscapePointerToken(k)
			switch {
			case valueKeys[k] || strings.HasPrefix(k, "x-") || k == "examples":
				// instance values and Example objects hold no schemas
			case schemaChild[k] && (schema || k == "schema" || k == "itemSchema"):
				p.walk(kp, e, true, depth+1)
			case schemaMap[k] && schema, k == "schemas" && ptr == "/components", k == "definitions" && ptr == "":
				if m, ok := e.(map[string]any); ok {
					for _, name := range sortedKeys(m) {
						p.walk(kp+"/"+EscapePointerToken(name), m[name], true, depth+2)
					}
				}
			case schemaList[k] && schema:
				if l, ok := e.([]any); ok {
					for i, s := range l {
						p.walk(kp+"/"+fmt.Sprint(i), s, true, depth+2)
					}
				}
			default:
				p.walk(kp, e, false, depth+1)
			}
		}
	}
}

// schema checks one schema object.
func (p *preparer) schema(ptr string, s map[string]any) {
	if tuple, ok := s["items"].([]any); ok && s["prefixItems"] == nil {
		// draft-04's tuple form; 2020-12 (OpenAPI 3.1) spells it prefixItems
		delete(s, "items")
		s["prefixItems"] = tuple
		p.changed = true
		p.warn(ptr+"/items", "items given as a list of schemas (a tuple) is read as prefixItems")
	}
	if _, ok := s["examples"].(map[string]any); ok {
		delete(s, "examples")
		p.changed = true
		p.warn(ptr+"/examples", "examples in a schema must be an array of values, not an object of named examples: ignored (named examples belong to a media type or parameter)")
	}
	if p.opts.Lenient {
		p.requiredFlags(ptr, s)
	}
	ref, ok := s["$ref"].(string)
	if !ok || !p.opts.Lenient || !strings.HasPrefix(ref, "#/components/") {
		return
	}
	for _, bucket := range []string{"responses", "parameters", "requestBodies"} {
		if !strings.HasPrefix(ref, "#/components/"+bucket+"/") {
			continue
		}
		target := p.lookup(ref[1:])
		if to := schemaOf(target, ref[1:]); to != "" {
			s["$ref"] = "#" + to
			p.changed = true
			p.warn(ptr+"/$ref", fmt.Sprintf("$ref %q names a %s where a schema belongs (--lenient: using its schema %q)", ref, strings.TrimSuffix(bucket, "s"), "#"+to))
		}
	}
}

// lookup returns the node of the root file at pointer, or nil.
func (p *preparer) lookup(pointer string) any {
	var v any = p.root
	for _, tok := range splitPointer(pointer) {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[tok]
	}
	return v
}

// schemaOf returns the pointer of the schema a Parameter, Response or
// RequestBody object at ptr carries (its own schema, or its first media
// type's in content order), or "" when it has none.
func schemaOf(obj any, ptr string) string {
	m, ok := obj.(map[string]any)
	if !ok {
		return ""
	}
	if _, ok := m["schema"]; ok {
		return ptr + "/schema"
	}
	content, _ := m["content"].(map[string]any)
	for _, mt := range sortedKeys(content) {
		if media, ok := content[mt].(map[string]any); ok && media["schema"] != nil {
			return ptr + "/content/" + EscapePointerToken(mt) + "/schema"
		}
	}
	return ""
}

// splitQueryPaths repairs path keys that carry a query string
// (/search?term={term}): the key loses it, and each operation gains a
// string query parameter for every name it did not declare.
func (p *preparer) splitQueryPaths(paths map[string]any) {
	for _, key := range sortedKeys(paths) {
		path, query, ok := strings.Cut(key, "?")
		if !ok {
			continue
		}
		item, isMap := paths[key].(map[string]any)
		if _, clash := paths[path]; clash || !isMap {
			continue // the plain path exists: leave the key for validation to refuse
		}
		values, err := url.ParseQuery(query)
		if err != nil {
			continue
		}
		names := make([]string, 0, len(values))
		for n := range values {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, method := range sortedKeys(item) {
			op, ok := item[method].(map[string]any)
			if !ok || !isMethod(method) {
				continue
			}
			params, _ := op["parameters"].([]any)
			for _, n := range names {
				if !declares(params, n, "query") {
					params = append(params, map[string]any{"name": n, "in": "query", "schema": map[string]any{"type": "string"}})
				}
			}
			op["parameters"] = params
		}
		p.rekey(paths, key, path)
		p.warn(Pointer("paths", key), fmt.Sprintf("a path key holds no query string (--lenient: path %q with query parameters %s)", path, strings.Join(names, ", ")))
	}
}

func isMethod(k string) bool {
	switch k {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace", "query":
		return true
	}
	return false
}

// declares reports whether params (decoded, $refs unresolved) declare
// name in the given place.
func declares(params []any, name, in string) bool {
	for _, p := range params {
		if m, ok := p.(map[string]any); ok && m["name"] == name && m["in"] == in {
			return true
		}
	}
	return false
}

// decodePointer guesses where a JSON decode error lies in tree: the first
// value, in key order, under the key the error names whose JSON kind is the
// one refused (a "required: true" where a list belongs). "" when unknown.
func decodePointer(tree any, err error) string {
	var kind, field string
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		kind, field = te.Value, te.Field
	} else if m := unmarshalText.FindStringSubmatch(err.Error()); m != nil {
		// kin-openapi's own decoders pass the error on as text only
		kind, field = m[1], m[2]
	}
	if field == "" {
		return ""
	}
	key := field[strings.LastIndex(field, ".")+1:]
	var found string
	var find func(ptr string, v any, depth int) bool
	find = func(ptr string, v any, depth int) bool {
		if depth > maxTreeDepth {
			return false
		}
		switch x := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(x) {
				kp := ptr + "/" + EscapePointerToken(k)
				if k == key && jsonKind(x[k]) == kind {
					found = kp
					return true
				}
				if find(kp, x[k], depth+1) {
					return true
				}
			}
		case []any:
			for i, e := range x {
				if find(ptr+"/"+fmt.Sprint(i), e, depth+1) {
					return true
				}
			}
		}
		return false
	}
	find("", tree, 0)
	return found
}

// unmarshalText reads the JSON kind and the field out of an
// encoding/json type error's text.
var unmarshalText = regexp.MustCompile(`cannot unmarshal (\w+) into (?:Go struct )?field (\S+) of type`)

// jsonKind names v's JSON kind as encoding/json's errors do.
func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "bool"
	case nil:
		return "null"
	}
	return "number"
}

// rekey moves paths[from] to paths[to], remembering the written key for
// positions.
func (p *preparer) rekey(paths map[string]any, from, to string) {
	item := paths[from]
	delete(paths, from)
	paths[to] = item
	if p.d.pathKeys == nil {
		p.d.pathKeys = map[string]string{}
	}
	if orig, ok := p.d.pathKeys[from]; ok {
		from = orig
	}
	p.d.pathKeys[to] = from
	p.changed = true
}

// pathOperator matches a path template expression with an RFC 6570
// operator that an OpenAPI parameter style serializes: ";" (matrix),
// "." (label) and "/" (a path segment).
var pathOperator = regexp.MustCompile(`\{([;./])([^{}]+)\}`)

// operatorStyles are the parameter styles the operators stand for.
var operatorStyles = map[string]string{";": "matrix", ".": "label", "/": "simple"}

// pathOperators rewrites {;id}, {.ext} and {/seg} in path keys to plain
// {id} ({/seg} to /{seg}), and gives each path parameter declared inline
// without a style the style its operator stands for: the operator is how
// the contract spells the style in the template.
func (p *preparer) pathOperators(paths map[string]any) {
	for _, key := range sortedKeys(paths) {
		if !pathOperator.MatchString(key) {
			continue
		}
		item, ok := paths[key].(map[string]any)
		if !ok {
			continue
		}
		declared := pathParamNames(item)
		styles := map[string]string{}
		plain := pathOperator.ReplaceAllStringFunc(key, func(m string) string {
			sub := pathOperator.FindStringSubmatch(m)
			if declared[sub[1]+sub[2]] {
				return m // a parameter is named with the operator: {.format}
			}
			styles[sub[2]] = operatorStyles[sub[1]]
			if sub[1] == "/" {
				return "/{" + sub[2] + "}"
			}
			return "{" + sub[2] + "}"
		})
		if _, clash := paths[plain]; clash || plain == key {
			continue // unchanged, or left for validation to refuse
		}
		setStyles := func(params any) {
			l, _ := params.([]any)
			for _, e := range l {
				m, ok := e.(map[string]any)
				if !ok || m["in"] != "path" || m["style"] != nil {
					continue
				}
				if st, ok := styles[fmt.Sprint(m["name"])]; ok && st != "simple" {
					m["style"] = st
				}
			}
		}
		setStyles(item["parameters"])
		for _, method := range sortedKeys(item) {
			if op, ok := item[method].(map[string]any); ok && isMethod(method) {
				setStyles(op["parameters"])
			}
		}
		p.rekey(paths, key, plain)
	}
}

// oas32 handles the document-level OpenAPI 3.2 keywords kin-openapi does
// not know: $self and a tag's parent and kind are dropped with a warning
// (nothing generated depends on them yet).
func (p *preparer) oas32(obj map[string]any) {
	if _, ok := obj["$self"]; ok {
		delete(obj, "$self")
		p.changed = true
		p.warn("/$self", "$self (OpenAPI 3.2) is not used yet: $refs resolve against the file's own location")
	}
	tags, _ := obj["tags"].([]any)
	for i, t := range tags {
		tm, _ := t.(map[string]any)
		for _, k := range []string{"parent", "kind"} {
			if _, ok := tm[k]; ok {
				delete(tm, k)
				p.changed = true
				p.warn(Pointer("tags", fmt.Sprint(i), k), fmt.Sprintf("tag %s (OpenAPI 3.2) is not used by generated code yet", k))
			}
		}
	}
}

// oas32Object warns about the OpenAPI 3.2 keywords of a non-schema object
// that nothing generates yet: "in: querystring" parameters, which are
// removed from their list so no generator meets a place it does not know.
// (A media type's itemSchema is the model builder's: it generates streams
// and warns where it does not.)
func (p *preparer) oas32Object(ptr string, x map[string]any) {
	params, ok := x["parameters"].([]any)
	if !ok {
		return
	}
	kept := params[:0:0]
	for i, e := range params {
		if m, ok := e.(map[string]any); ok && m["in"] == "querystring" {
			p.warn(ptr+Pointer("parameters", fmt.Sprint(i)), fmt.Sprintf("parameter %q: in: querystring (OpenAPI 3.2) is not generated yet: the query string is left undecoded", fmt.Sprint(m["name"])))
			continue
		}
		kept = append(kept, e)
	}
	if len(kept) != len(params) {
		x["parameters"] = kept
		p.changed = true
	}
}

// requiredFlags repairs "required: true" written on a property (Swagger
// 2.0's parameter style; a schema lists its required properties): the
// flag moves to the object's required list, with a warning.
func (p *preparer) requiredFlags(ptr string, s map[string]any) {
	props, _ := s["properties"].(map[string]any)
	for _, name := range sortedKeys(props) {
		prop, _ := props[name].(map[string]any)
		flag, ok := prop["required"].(bool)
		if !ok {
			continue
		}
		delete(prop, "required")
		p.changed = true
		if flag {
			req, _ := s["required"].([]any)
			s["required"] = append(req, name)
		}
		p.warn(ptr+Pointer("properties", name, "required"), fmt.Sprintf("required: %v on a property (--lenient: %s in the object's required list)", flag, map[bool]string{true: "listed", false: "not"}[flag]))
	}
}

// pathParamNames returns the names of the path parameters a path item
// and its operations declare inline.
func pathParamNames(item map[string]any) map[string]bool {
	names := map[string]bool{}
	add := func(params any) {
		l, _ := params.([]any)
		for _, e := range l {
			if m, ok := e.(map[string]any); ok && m["in"] == "path" {
				names[fmt.Sprint(m["name"])] = true
			}
		}
	}
	add(item["parameters"])
	for _, method := range sortedKeys(item) {
		if op, ok := item[method].(map[string]any); ok && isMethod(method) {
			add(op["parameters"])
		}
	}
	return names
}
