package docs

import (
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
	root any
	file string // the file Spec's pointers belong to
}

// newAllOfIndex decodes m.Spec when it mentions allOf at all.
func newAllOfIndex(m *contract.Model) *allOfIndex {
	if len(m.Spec) == 0 || !strings.Contains(string(m.Spec), `"allOf"`) {
		return nil
	}
	var root any
	if err := json.Unmarshal(m.Spec, &root); err != nil {
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
	for _, t := range m.Types {
		if file == "" {
			file = t.Source.File
		}
		break
	}
	return &allOfIndex{root: root, file: file}
}

// members names the allOf members of the schema at src: a $ref by its
// last pointer token, an inline member as "inline schema". Nil when the
// schema has no allOf or cannot be found.
func (x *allOfIndex) members(src contract.Source) []string {
	if x == nil || src.File != x.file || src.Pointer == "" {
		return nil
	}
	node := x.root
	for _, tok := range strings.Split(src.Pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := node.(type) {
		case map[string]any:
			next, ok := v[tok]
			if !ok {
				return nil
			}
			node = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			node = v[i]
		default:
			return nil
		}
	}
	obj, _ := node.(map[string]any)
	list, _ := obj["allOf"].([]any)
	var out []string
	for _, m := range list {
		mo, _ := m.(map[string]any)
		if ref, ok := mo["$ref"].(string); ok {
			out = append(out, ref[strings.LastIndex(ref, "/")+1:])
		} else {
			out = append(out, "inline schema")
		}
	}
	return out
}
