package infer

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// shape is the merge of JSON values seen at one place: how often each
// type was seen, the formats every string matched, and for objects and
// arrays the shapes of their properties and items.
type shape struct {
	n                                             int // samples
	null, boolean, integer, number, str, obj, arr int
	formats                                       format
	props                                         map[string]*shape
	order                                         []string // property names, first seen first
	additional                                    *shape   // set instead of props for objects with too many keys (maps)
	items                                         *shape

	ref string // the component that stands for this shape, once named
}

// Limits that keep a shape bounded whatever the input.
const (
	maxDepth = 48  // nesting followed; deeper values are any
	maxProps = 200 // properties kept per object; more makes it a map
)

// decodeJSON reads one JSON value keeping numbers as json.Number, so that
// integers stay apart from numbers; false when text is not JSON.
func decodeJSON(text string) (any, bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

// add merges one value.
func (s *shape) add(v any, depth int) {
	s.n++
	if depth > maxDepth {
		return
	}
	switch x := v.(type) {
	case nil:
		s.null++
	case bool:
		s.boolean++
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			s.number++
		} else {
			s.integer++
		}
	case string:
		if s.str == 0 {
			s.formats = fmtAll
		}
		s.str++
		s.formats &= formatsOf(x)
	case []any:
		s.arr++
		if s.items == nil {
			s.items = &shape{}
		}
		for _, e := range x {
			s.items.add(e, depth+1)
		}
	case map[string]any:
		s.obj++
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortStrings(keys) // a map's order is random; samples' order is not kept by encoding/json
		for _, k := range keys {
			s.prop(k).add(x[k], depth+1)
		}
	}
}

// prop returns the shape of property k, creating it; past maxProps the
// object becomes a map whose values share one shape.
func (s *shape) prop(k string) *shape {
	if s.additional != nil {
		return s.additional
	}
	if p, ok := s.props[k]; ok {
		return p
	}
	if len(s.order) >= maxProps {
		s.additional = &shape{}
		for _, name := range s.order {
			s.additional.merge(s.props[name], 0)
		}
		s.props, s.order = nil, nil
		return s.additional
	}
	if s.props == nil {
		s.props = map[string]*shape{}
	}
	p := &shape{}
	s.props[k] = p
	s.order = append(s.order, k)
	return p
}

// merge adds all samples of o to s.
func (s *shape) merge(o *shape, depth int) {
	if o == nil || depth > maxDepth {
		return
	}
	if o.str > 0 {
		if s.str == 0 {
			s.formats = o.formats
		} else {
			s.formats &= o.formats
		}
	}
	s.n += o.n
	s.null += o.null
	s.boolean += o.boolean
	s.integer += o.integer
	s.number += o.number
	s.str += o.str
	s.arr += o.arr
	if o.items != nil {
		if s.items == nil {
			s.items = &shape{}
		}
		s.items.merge(o.items, depth+1)
	}
	// Properties absent from all of s's objects count as absent there:
	// merging keeps the counts that decide required.
	s.obj += o.obj
	if o.additional != nil {
		for _, k := range s.order {
			o.additional.merge(s.props[k], depth+1)
		}
		if s.additional == nil {
			s.additional = &shape{}
		}
		s.additional.merge(o.additional, depth+1)
		s.props, s.order = nil, nil
		return
	}
	for _, k := range o.order {
		s.prop(k).merge(o.props[k], depth+1)
	}
}

// signature names an object shape by its sorted property names, to find
// objects that repeat; "" for what is not an object with properties.
func (s *shape) signature() string {
	if s.obj == 0 || len(s.order) == 0 || s.arr+s.str+s.integer+s.number+s.boolean > 0 {
		return ""
	}
	keys := append([]string(nil), s.order...)
	sortStrings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte(0)
	}
	return b.String()
}

// types lists the JSON Schema types seen, "null" last; integer and
// number together are number.
func (s *shape) types() []string {
	var t []string
	if s.obj > 0 {
		t = append(t, "object")
	}
	if s.arr > 0 {
		t = append(t, "array")
	}
	if s.str > 0 {
		t = append(t, "string")
	}
	switch {
	case s.number > 0:
		t = append(t, "number")
	case s.integer > 0:
		t = append(t, "integer")
	}
	if s.boolean > 0 {
		t = append(t, "boolean")
	}
	if s.null > 0 {
		t = append(t, "null")
	}
	return t
}

// required lists the properties present in every object sample.
func (s *shape) required() []string {
	var r []string
	for _, k := range s.order {
		if p := s.props[k]; p.n >= s.obj {
			r = append(r, k)
		}
	}
	return r
}
