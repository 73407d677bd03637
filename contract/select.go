package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
)

// Selection picks operations by operationId and by tag. Each entry is a
// pattern in path.Match syntax ("users.*", "get*Message"), matched against
// the whole id or tag. The zero Selection picks every operation.
//
// An operation is selected when it matches one of Operations (or
// Operations is empty), has a tag matching one of Tags (or Tags is empty),
// and matches none of ExcludeOperations and has no tag matching
// ExcludeTags. toolkit gen uses it to generate part of a very large
// contract (Microsoft Graph's 11,000 operations) as a package of its own;
// toolkit validate uses it to drive part of a service.
type Selection struct {
	Operations        []string
	Tags              []string
	ExcludeOperations []string
	ExcludeTags       []string
}

// Empty reports whether s picks every operation.
func (s Selection) Empty() bool {
	return len(s.Operations)+len(s.Tags)+len(s.ExcludeOperations)+len(s.ExcludeTags) == 0
}

// Check reports a malformed pattern.
func (s Selection) Check() error {
	for _, list := range [][]string{s.Operations, s.Tags, s.ExcludeOperations, s.ExcludeTags} {
		for _, p := range list {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("bad pattern %q: %w", p, err)
			}
		}
	}
	return nil
}

// Selects reports whether s picks op. Malformed patterns match nothing
// (Check reports them).
func (s Selection) Selects(op *Operation) bool {
	if len(s.Operations) > 0 && !matchAny(s.Operations, op.ID) {
		return false
	}
	if len(s.Tags) > 0 && !slices.ContainsFunc(op.Tags, func(t string) bool { return matchAny(s.Tags, t) }) {
		return false
	}
	if matchAny(s.ExcludeOperations, op.ID) {
		return false
	}
	return !slices.ContainsFunc(op.Tags, func(t string) bool { return matchAny(s.ExcludeTags, t) })
}

func matchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// Select returns a model holding the operations s picks and only the named
// types they use, directly or through other types, so that a package
// generated from it carries nothing the operations do not need. The model
// itself is not changed; the returned one shares its operations and types.
// The zero Selection returns m. An include pattern that matches nothing is
// an error, so that a misspelt tag does not silently generate an empty
// package; so is a selection that leaves no operation.
func (m *Model) Select(s Selection) (*Model, error) {
	if s.Empty() {
		return m, nil
	}
	if err := s.Check(); err != nil {
		return nil, err
	}
	if err := unmatched(s.Operations, "an operationId", m.Operations, func(op *Operation) []string { return []string{op.ID} }); err != nil {
		return nil, err
	}
	if err := unmatched(s.Tags, "a tag", m.Operations, func(op *Operation) []string { return op.Tags }); err != nil {
		return nil, err
	}
	out := *m
	out.Operations = nil
	used := map[*Type]bool{}
	tags := map[string]bool{}
	for _, op := range m.Operations {
		if !s.Selects(op) {
			continue
		}
		out.Operations = append(out.Operations, op)
		for _, t := range op.Tags {
			tags[t] = true
		}
		for _, t := range op.types() {
			markUsed(t, used)
		}
	}
	if len(out.Operations) == 0 {
		return nil, fmt.Errorf("the selection (%s) leaves no operation", s)
	}
	// Webhooks are not selected by operation or tag: every package keeps
	// them, as the embedded spec keeps the webhooks section.
	for _, op := range m.Webhooks {
		for _, t := range op.types() {
			markUsed(t, used)
		}
	}
	out.Types = nil
	for _, t := range m.Types {
		if used[t] {
			out.Types = append(out.Types, t)
		}
	}
	out.Tags = nil
	for _, t := range m.Tags {
		if tags[t.Name] {
			out.Tags = append(out.Tags, t)
		}
	}
	if len(m.Spec) > 0 {
		tree := m.specTree
		if tree == nil { // a model not made by Build
			tree = &specTree{data: m.Spec}
		}
		spec, err := selectSpec(tree, out.Operations)
		if err != nil {
			return nil, err
		}
		out.Spec, out.specTree = spec, &specTree{data: spec}
	}
	return &out, nil
}

// specTree is a model's Spec decoded once: splitting a contract into many
// packages selects from it again and again, and decoding all of Microsoft
// Graph's 22 MB took 0.45 s a time.
type specTree struct {
	once sync.Once
	data []byte
	doc  map[string]any
	err  error
}

// get decodes the spec on first use; the tree it returns is shared and must
// not be changed.
func (t *specTree) get() (map[string]any, error) {
	t.once.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(t.data))
		dec.UseNumber() // numbers pass through exactly
		if err := dec.Decode(&t.doc); err != nil {
			t.err = fmt.Errorf("selecting from the embedded contract: %w", err)
		}
	})
	return t.doc, t.err
}

// selectSpec cuts the embedded contract down to the selected operations and
// the components they reach through $ref, so that a package generated for
// part of a contract embeds that part (all of Microsoft Graph is 22 MB).
// Security schemes, named rather than referenced, are all kept. The decoded
// contract is only read: the cut-down one is built from new maps.
func selectSpec(tree *specTree, ops []*Operation) ([]byte, error) {
	full, err := tree.get()
	if err != nil {
		return nil, err
	}
	keep := map[string]map[string]bool{} // path → lower-case methods kept
	for _, op := range ops {
		if keep[op.Path] == nil {
			keep[op.Path] = map[string]bool{}
		}
		keep[op.Path][strings.ToLower(op.Method)] = true
	}
	doc := make(map[string]any, len(full))
	for k, v := range full {
		doc[k] = v
	}
	allPaths, _ := full["paths"].(map[string]any)
	paths := map[string]any{}
	for p, methods := range keep {
		item, _ := allPaths[p].(map[string]any)
		if item == nil {
			continue
		}
		kept := map[string]any{}
		for k, v := range item {
			if !httpMethods[k] || methods[k] {
				kept[k] = v
			}
		}
		paths[p] = kept
	}
	if allPaths != nil {
		doc["paths"] = paths
	}
	components, _ := full["components"].(map[string]any)
	reached := map[string]bool{} // "schemas/Pet"
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if key, ok := componentKey(ref); ok && !reached[key] {
					reached[key] = true
					kind, name, _ := strings.Cut(key, "/")
					if group, ok := components[kind].(map[string]any); ok {
						walk(group[name])
					}
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for k, v := range doc {
		if k != "components" { // paths, and webhooks, which are all kept
			walk(v)
		}
	}
	if components != nil {
		kept := make(map[string]any, len(components))
		for kind, group := range components {
			g, ok := group.(map[string]any)
			if !ok || kind == "securitySchemes" {
				kept[kind] = group
				continue
			}
			sub := map[string]any{}
			for name, v := range g {
				if reached[kind+"/"+name] {
					sub[name] = v
				}
			}
			kept[kind] = sub
		}
		doc["components"] = kept
	}
	return json.Marshal(doc)
}

// httpMethods are the operation keys of a path item.
var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

// componentKey turns a local $ref into the component it lies in:
// "#/components/schemas/Pet/properties/id" → "schemas/Pet".
func componentKey(ref string) (string, bool) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return "", false
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u // a pointer in a URI fragment may be percent-encoded
	}
	toks := splitPointer(frag)
	if len(toks) < 3 || toks[0] != "components" {
		return "", false
	}
	return toks[1] + "/" + toks[2], true
}

// String lists the selection's patterns the way the command line takes them.
func (s Selection) String() string {
	var parts []string
	add := func(flag string, list []string) {
		for _, p := range list {
			parts = append(parts, "--"+flag+" "+p)
		}
	}
	add("operation", s.Operations)
	add("tag", s.Tags)
	add("exclude-operation", s.ExcludeOperations)
	add("exclude-tag", s.ExcludeTags)
	return strings.Join(parts, " ")
}

// unmatched reports the first pattern that matches no name of any operation.
func unmatched(patterns []string, what string, ops []*Operation, names func(*Operation) []string) error {
	for _, p := range patterns {
		if !slices.ContainsFunc(ops, func(op *Operation) bool {
			return slices.ContainsFunc(names(op), func(n string) bool { ok, _ := path.Match(p, n); return ok })
		}) {
			return fmt.Errorf("no operation has %s matching %q", what, p)
		}
	}
	return nil
}

// types lists the types an operation refers to directly: its parameters',
// bodies' and response headers' and bodies'.
func (op *Operation) types() []*Type {
	var out []*Type
	for _, p := range op.Params {
		out = append(out, p.Type)
	}
	if op.Body != nil {
		for _, c := range op.Body.Contents {
			out = append(out, c.Type)
		}
	}
	for _, r := range op.Responses {
		for _, h := range r.Headers {
			out = append(out, h.Type)
		}
		for _, c := range r.Contents {
			out = append(out, c.Type, c.ItemType)
		}
	}
	// Callbacks nest one level (the builder does not build a callback's
	// own callbacks), so this recursion ends.
	for _, cb := range op.Callbacks {
		for _, o := range cb.Operations {
			out = append(out, o.types()...)
		}
	}
	return out
}

// markUsed marks t and every type reachable from it.
func markUsed(t *Type, used map[*Type]bool) {
	if t == nil || used[t] {
		return
	}
	used[t] = true
	markUsed(t.Elem, used)
	markUsed(t.AdditionalType, used)
	for _, f := range t.Fields {
		markUsed(f.Type, used)
	}
	if t.Union != nil {
		for _, v := range t.Union.Variants {
			markUsed(v.Type, used)
		}
	}
}
