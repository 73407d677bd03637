package contract

import (
	"bytes"
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"
)

// FileRefs lists the other files one contract file (JSON or YAML) refers
// to through $ref, as written in it (relative to the file), each once, in
// the order Load meets them. It walks the file as Load does, so text that
// only looks like a $ref (in a description, an example or an extension)
// is not one. toolkit diff uses it to fetch a contract's files from git.
func FileRefs(data []byte) ([]string, error) {
	var tree any
	if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		if err := json.Unmarshal(data, &tree); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
	} else {
		if err := yaml.Unmarshal(data, &tree); err != nil {
			return nil, fmt.Errorf("invalid YAML: %w", err)
		}
		tree = normalizeKeys(tree)
	}
	var files []string
	seen := map[string]bool{}
	walkRefs(tree, "", func(_, ref string) {
		if file, _ := splitRef(ref); file != "" && !seen[file] {
			seen[file] = true
			files = append(files, file)
		}
	})
	return files, nil
}
