package contract

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// hoistNestedDefs makes internal $refs into a schema's own "definitions"
// or "$defs" (JSON Schema's places for sub-schemas, used in 3.1
// contracts) resolvable by kin-openapi, which only follows refs to the
// standard locations: each such target is copied to components/schemas
// under a name derived from its pointer ("Item_itemType") and the $ref
// is rewritten to point there. It reports whether the tree changed.
func hoistNestedDefs(root map[string]any) bool {
	changed := false
	hoisted := map[string]string{} // old fragment → new name
	var sites [][2]string          // pointer of the object holding $ref, fragment
	walkRefs(root, "", func(ptr, ref string) {
		frag, ok := strings.CutPrefix(ref, "#")
		if ok && strings.HasPrefix(frag, "/components/schemas/") && nestedDef().MatchString(frag) {
			sites = append(sites, [2]string{ptr, frag})
		}
	})
	if len(sites) == 0 {
		return false
	}
	comps, _ := root["components"].(map[string]any)
	schemas, _ := comps["schemas"].(map[string]any)
	if schemas == nil {
		return false
	}
	for _, s := range sites {
		ptr, frag := s[0], s[1]
		name, done := hoisted[frag]
		if !done {
			target, ok := ResolvePointer(root, frag)
			if !ok || !isSchema(target) {
				continue // left for kin-openapi to report where it is written
			}
			name = uniqueSchemaName(schemas, hoistName(frag))
			schemas[name] = target
			hoisted[frag] = name
		}
		holder, ok := ResolvePointer(root, ptr)
		if obj, isObj := holder.(map[string]any); ok && isObj {
			obj["$ref"] = "#/components/schemas/" + EscapePointerToken(name)
			changed = true
		}
	}
	return changed
}

// isSchema reports whether v decodes as a schema object.
func isSchema(v any) bool {
	if _, ok := v.(map[string]any); !ok {
		return false
	}
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	var s openapi3.Schema
	return json.Unmarshal(b, &s) == nil
}

// nestedDef matches a pointer through a schema's definitions or $defs.
var nestedDef = lazyre.New(`/(definitions|\$defs)/`)

// hoistName names a hoisted schema after its pointer without the
// components/schemas prefix and the definitions/$defs steps.
func hoistName(frag string) string {
	var parts []string
	for _, tok := range splitPointer(strings.TrimPrefix(frag, "/components/schemas")) {
		if tok != "definitions" && tok != "$defs" {
			parts = append(parts, tok)
		}
	}
	return strings.Join(parts, "_")
}

func uniqueSchemaName(schemas map[string]any, name string) string {
	candidate := name
	for i := 2; ; i++ {
		if _, taken := schemas[candidate]; !taken {
			return candidate
		}
		candidate = name + "_" + strconv.Itoa(i)
	}
}
