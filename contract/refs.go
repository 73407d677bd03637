package contract

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// collector gathers problems during one Load.
type collector struct {
	doc      *Document
	problems []Problem
}

func (c *collector) add(sev Severity, file, pointer, msg string) {
	c.problems = append(c.problems, Problem{Pos: c.doc.Position(file, pointer), Pointer: pointer, Severity: sev, Message: msg})
}

func (c *collector) hasErrors() bool {
	for _, p := range c.problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// err returns every problem, errors first, as an *Error.
func (c *collector) err() error {
	var errs, warns []Problem
	for _, p := range c.problems {
		if p.Severity == SeverityError {
			errs = append(errs, p)
		} else {
			warns = append(warns, p)
		}
	}
	return &Error{Problems: append(errs, warns...)}
}

// refSite is one "$ref" found in a file.
type refSite struct {
	file    string
	pointer string // of the object holding $ref
	ref     string
}

// checkRefs walks every file reachable from root and reports each $ref
// that points nowhere, each file that cannot be read, and each loop of
// references that never reaches a value.
func (d *Document) checkRefs(c *collector, root *sourceFile) {
	seen := map[string]bool{}
	queue := []*sourceFile{root}
	var sites []refSite
	defer func() { d.refs = sites }()
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if seen[f.path] {
			continue
		}
		seen[f.path] = true
		walkRefs(f.tree, "", func(ptr, ref string) {
			sites = append(sites, refSite{file: f.path, pointer: ptr, ref: ref})
		})
		for _, s := range sites {
			if s.file != f.path {
				continue
			}
			file, _ := splitRef(s.ref)
			if file == "" {
				continue
			}
			target := d.refFile(s.file, file)
			if _, ok := d.files[target]; ok {
				queue = append(queue, d.files[target])
				continue
			}
			tf, err := d.readFile(target)
			if err != nil {
				if e, ok := err.(*Error); ok && len(e.Problems) == 1 && e.Problems[0].Pos.Line > 0 {
					c.problems = append(c.problems, e.Problems[0])
				} else {
					c.add(SeverityError, s.file, s.pointer+"/$ref", fmt.Sprintf("$ref %q: %v", redactRef(s.ref), errText(err)))
				}
				continue
			}
			queue = append(queue, tf)
		}
	}
	for _, s := range sites {
		if tf, _ := d.refTarget(s.file, s.ref); d.files[tf] == nil {
			continue // the file itself could not be read: reported above
		}
		if _, ok := d.lookupRef(s.file, s.ref); !ok {
			c.add(SeverityError, s.file, s.pointer+"/$ref", fmt.Sprintf("$ref %q points to nothing", s.ref))
			continue
		}
		// A chain of objects that are nothing but $ref must end in a value.
		file, ref := s.file, s.ref
		visited := map[string]bool{s.file + "#" + s.pointer: true}
		for {
			tf, ptr := d.refTarget(file, ref)
			key := tf + "#" + ptr
			if visited[key] {
				c.add(SeverityError, s.file, s.pointer+"/$ref", fmt.Sprintf("$ref %q is part of a reference loop that never reaches a value", s.ref))
				break
			}
			visited[key] = true
			v, _ := d.lookupRef(file, ref)
			m, ok := v.(map[string]any)
			next, isRef := m["$ref"].(string)
			if !ok || !isRef || len(m) != 1 {
				break
			}
			file, ref = tf, next
		}
	}
}

// walkRefs calls fn for every object holding a string "$ref". Keys that
// hold data rather than contract nodes (examples, defaults, enums,
// extensions) are skipped, except as property names.
func walkRefs(v any, ptr string, fn func(ptr, ref string)) {
	walkRefsIn(v, ptr, "", fn)
}

func walkRefsIn(v any, ptr, parentKey string, fn func(ptr, ref string)) {
	switch x := v.(type) {
	case map[string]any:
		if r, ok := x["$ref"].(string); ok {
			fn(ptr, r)
		}
		for _, k := range sortedKeys(x) {
			if k == "$ref" {
				continue
			}
			if parentKey != "properties" && isDataKey(k, x[k]) {
				continue
			}
			walkRefsIn(x[k], ptr+"/"+EscapePointerToken(k), k, fn)
		}
	case []any:
		for i, e := range x {
			walkRefsIn(e, ptr+"/"+strconv.Itoa(i), parentKey, fn)
		}
	}
}

// isDataKey reports whether the value under k is example data.
func isDataKey(k string, v any) bool {
	switch k {
	case "example", "default", "enum", "const", "value":
		return true
	case "examples":
		_, isList := v.([]any)
		return isList
	}
	return strings.HasPrefix(k, "x-")
}

// splitRef splits "file.yaml#/a/b" into its file and fragment parts.
func splitRef(ref string) (file, fragment string) {
	file, fragment, _ = strings.Cut(ref, "#")
	return file, fragment
}

// refFile resolves the file part of a $ref found in from.
func (d *Document) refFile(from, file string) string {
	if file == "" {
		return from
	}
	if isURL(file) {
		return urlKey(file)
	}
	if isURL(from) {
		// relative to the remote document, as a browser would resolve it
		base, err1 := url.Parse(from)
		rel, err2 := url.Parse(file)
		if err1 == nil && err2 == nil {
			return urlKey(base.ResolveReference(rel).String())
		}
		return file
	}
	if filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	return filepath.Join(filepath.Dir(from), filepath.FromSlash(file))
}

// urlKey is the key of a remote file: its URL without a fragment.
func urlKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// redactRef hides the userinfo (a password) of a remote $ref in messages.
func redactRef(ref string) string {
	if !isURL(ref) {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return u.Redacted()
}

// refTarget returns the file and pointer a $ref found in from designates.
func (d *Document) refTarget(from, ref string) (file, pointer string) {
	f, frag := splitRef(ref)
	// The fragment is a URI fragment: JSON pointer characters may be
	// percent-encoded ("~1pets~1%7Bid%7D").
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return d.refFile(from, f), frag
}

// lookupRef finds the value a $ref found in file designates.
func (d *Document) lookupRef(from, ref string) (any, bool) {
	file, frag := d.refTarget(from, ref)

	f, ok := d.files[file]
	if !ok {
		return nil, false
	}
	return ResolvePointer(f.tree, frag)
}

// ResolvePointer returns the value a JSON pointer (RFC 6901) designates
// inside a decoded JSON value.
func ResolvePointer(v any, pointer string) (any, bool) {
	for _, tok := range splitPointer(pointer) {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func errText(err error) string {
	if e, ok := err.(*Error); ok && len(e.Problems) > 0 {
		return e.Problems[0].Message
	}
	return err.Error()
}
