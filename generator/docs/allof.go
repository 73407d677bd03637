package docs

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// The Model merges allOf into one object (its Fields are the members'
// properties in turn), which is what generated code needs but hides from a
// reader that the schema is a composition. allOfIndex recovers the member
// list from the contract itself (Model.Spec, the whole contract as JSON),
// so a merged object can say "all of: Base, Extra".
type allOfIndex struct {
	// spec finds a node of Spec by pointer, reading only the objects
	// along the pointers asked for, each once: nothing is decoded but
	// the allOf lists themselves.
	spec *contract.JSONIndex
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
	return &allOfIndex{spec: contract.NewJSONIndex(m.Spec), file: file}
}

// members names the allOf members of the schema at src: a $ref by its
// last pointer token, an inline member as "inline schema". Nil when the
// schema has no allOf or cannot be found.
func (x *allOfIndex) members(src contract.Source) []string {
	if x == nil || src.File != x.file || src.Pointer == "" {
		return nil
	}
	r, ok := x.spec.Value(src.Pointer + "/allOf")
	if !ok {
		return nil
	}
	var allOf []struct {
		Ref string `json:"$ref"`
	}
	if json.Unmarshal(r, &allOf) != nil {
		return nil
	}
	var out []string
	for _, m := range allOf {
		if m.Ref != "" {
			out = append(out, m.Ref[strings.LastIndex(m.Ref, "/")+1:])
		} else {
			out = append(out, "inline schema")
		}
	}
	return out
}
