package docs

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// The Model merges allOf into one object (its Fields are the members'
// properties in turn), which is what generated code needs but hides from a
// reader that the schema is a composition. allOfIndex recovers the member
// list from the contract itself (Model.Spec, the whole contract as JSON),
// so a merged object can say "all of: Base, Extra".
type allOfIndex struct {
	// raw holds the JSON of every node decoded so far, by pointer; a
	// node's children are added when it is first looked into, so only the
	// objects along the pointers asked for are ever decoded, once.
	raw  map[string]json.RawMessage
	file string // the file Spec's pointers belong to
}

// newAllOfIndex indexes m.Spec when it mentions allOf at all.
func newAllOfIndex(m *contract.Model) *allOfIndex {
	if len(m.Spec) == 0 || !bytes.Contains(m.Spec, []byte(`"allOf"`)) {
		return nil
	}
	// Spec's pointers are those of the root file: the file most
	// operations come from.
	counts := map[string]int{}
	file := ""
	for _, o := range m.Operations {
		counts[o.Source.File]++
		if counts[o.Source.File] > counts[file] {
			file = o.Source.File
		}
	}
	if file == "" && len(m.Types) > 0 {
		file = m.Types[0].Source.File
	}
	return &allOfIndex{raw: map[string]json.RawMessage{"": m.Spec}, file: file}
}

// node returns the JSON at pointer p, decoding its ancestors as needed.
func (x *allOfIndex) node(p string) (json.RawMessage, bool) {
	if r, ok := x.raw[p]; ok {
		return r, true
	}
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return nil, false
	}
	parent, ok := x.node(p[:i])
	if !ok {
		return nil, false
	}
	if _, done := x.raw[p[:i]+"/\x00"]; done {
		return nil, false // children already listed: p is not one of them
	}
	x.raw[p[:i]+"/\x00"] = nil
	var obj map[string]json.RawMessage
	var arr []json.RawMessage
	switch {
	case json.Unmarshal(parent, &obj) == nil:
		for k, v := range obj {
			x.raw[p[:i]+"/"+contract.EscapePointerToken(k)] = v
		}
	case json.Unmarshal(parent, &arr) == nil:
		for j, v := range arr {
			x.raw[p[:i]+"/"+strconv.Itoa(j)] = v
		}
	}
	r, ok := x.raw[p]
	return r, ok
}

// members names the allOf members of the schema at src: a $ref by its
// last pointer token, an inline member as "inline schema". Nil when the
// schema has no allOf or cannot be found.
func (x *allOfIndex) members(src contract.Source) []string {
	if x == nil || src.File != x.file || src.Pointer == "" {
		return nil
	}
	r, ok := x.node(src.Pointer)
	if !ok || !bytes.Contains(r, []byte(`"allOf"`)) {
		return nil
	}
	var schema struct {
		AllOf []struct {
			Ref string `json:"$ref"`
		} `json:"allOf"`
	}
	if json.Unmarshal(r, &schema) != nil {
		return nil
	}
	var out []string
	for _, m := range schema.AllOf {
		if m.Ref != "" {
			out = append(out, m.Ref[strings.LastIndex(m.Ref, "/")+1:])
		} else {
			out = append(out, "inline schema")
		}
	}
	return out
}
