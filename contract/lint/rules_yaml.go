package lint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

func init() {
	register(&Rule{ID: "YAML_KEY_STRING", Category: "SYNTAX", Severity: Warning, Aliases: []string{"parser"},
		Description: "Every mapping key is a string: in YAML an unquoted 200: is the integer 200, which JSON cannot hold as a key and some tools reject or rewrite.",
		Hint:        `quote the key, e.g. "200":`, Check: checkYAMLKeyString})
}

// checkYAMLKeyString reports plain YAML keys that resolve to a number, a
// boolean or null, where Spectral's parser reports "Mapping key must be a
// string scalar"; a quoted key, as every JSON key is, is a string. It walks
// the raw nodes of the root file and of each file a $ref leads to, once
// each, keeping the path as tokens and building a pointer only for a
// finding: the rule runs by default on contracts of millions of nodes.
func checkYAMLKeyString(c *Context) {
	done := map[string]bool{}
	var path []string
	var walk func(file string, y *yamlNode, depth int)
	walk = func(file string, y *yamlNode, depth int) {
		if depth > maxDepth {
			return
		}
		switch y.Kind {
		case yamlMapping:
			for i := 0; i+1 < len(y.Content); i += 2 {
				k, v := y.Content[i], y.Content[i+1]
				if k.Kind == yamlScalar && k.Style == 0 {
					if t := scalarType(k); t != "string" {
						c.Report(&Node{Y: k, File: file, Pointer: pointer(append(path, k.Value)), tree: c.Root.tree},
							fmt.Sprintf("mapping key %s is a %s, not a string", k.Value, t))
					}
				}
				if k.Value == "$ref" && v.Kind == yamlScalar && !strings.HasPrefix(v.Value, "#") {
					if t := c.Root.tree.follow(file, v.Value); t != nil && !done[t.File] {
						done[t.File] = true
						saved := path
						path = nil
						walk(t.File, c.Root.tree.files[t.File], 0)
						path = saved
					}
				}
				path = append(path, k.Value)
				walk(file, v, depth+1)
				path = path[:len(path)-1]
			}
		case yamlSequence:
			for i, v := range y.Content {
				path = append(path, strconv.Itoa(i))
				walk(file, v, depth+1)
				path = path[:len(path)-1]
			}
		}
	}
	done[c.Root.File] = true
	walk(c.Root.File, c.Root.Y, 0)
}

// pointer joins tokens into a JSON pointer.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(contract.EscapePointerToken(t))
	}
	return b.String()
}
