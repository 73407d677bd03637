package lint

import (
	"fmt"
	"strings"
)

func init() {
	register(
		&Rule{ID: "PATH_TRAILING_SLASH", Category: "PATHS", Severity: Warning,
			Description: "Paths do not end with a slash: many routers treat /a and /a/ differently.", Hint: "remove the trailing slash from the path", Aliases: []string{"path-keys-no-trailing-slash"}, Check: checkTrailingSlash},
		&Rule{ID: "PATH_CASING", Category: "STYLE", Severity: Warning,
			Description: "Literal path segments all use the casing most of them use (kebab-case, snake_case or camelCase).", Hint: "write path segments in kebab-case, e.g. /pet-owners", Check: checkPathCasing},
		&Rule{ID: "PATH_PARAMETER_DECLARED", Category: "PATHS", Severity: Error,
			Description: "Every {name} in a path template is declared as an in: path parameter of each of its operations.", Hint: "declare a parameter with in: path and required: true for each {name} of the path", Aliases: []string{"path-params"}, Check: checkPathParamDeclared},
		&Rule{ID: "PATH_PARAMETER_USED", Category: "PATHS", Severity: Error,
			Description: "Every in: path parameter appears as {name} in its path template.", Hint: "use the parameter as {name} in the path, or remove it", Aliases: []string{"path-params"}, Check: checkPathParamUsed},
		&Rule{ID: "PARAMETER_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning,
			Description: "Every parameter has a description.", Hint: "add a description to the parameter", Aliases: append([]string{"oas3-parameter-description", "oas2-parameter-description", "parameter-description"}, scKey("PARAMETER_DESCRIPTION")...), Sets: []string{"recommended", "servicecomb"}, Check: checkParameterDescription},
	)
}

func checkTrailingSlash(c *Context) {
	c.Root.Get("paths").Pairs(func(path string, _ *yamlNode, item *Node) {
		if len(path) > 1 && strings.HasSuffix(path, "/") {
			c.Report(item, fmt.Sprintf("path %q ends with a slash; use %q", path, strings.TrimRight(path, "/")))
		}
	})
}

func segmentCasing(s string) string {
	switch {
	case strings.Contains(s, "-") && !strings.Contains(s, "_"):
		if strings.ToLower(s) == s {
			return "kebab-case"
		}
		return "mixed"
	case strings.Contains(s, "_") && !strings.Contains(s, "-"):
		if strings.ToLower(s) == s {
			return "snake_case"
		}
		return "mixed"
	case strings.ContainsAny(s, "-_"):
		return "mixed"
	case strings.ToLower(s) != s:
		if s[0] >= 'a' && s[0] <= 'z' {
			return "camelCase"
		}
		return "PascalCase"
	}
	return "" // one lowercase word: fits kebab and snake and camel
}

func checkPathCasing(c *Context) {
	type seg struct {
		s, path string
		n       *Node
	}
	var segs []seg
	count := map[string]int{}
	c.Root.Get("paths").Pairs(func(path string, _ *yamlNode, item *Node) {
		for _, s := range strings.Split(path, "/") {
			if s == "" || strings.Contains(s, "{") || strings.Contains(s, ".") {
				continue
			}
			segs = append(segs, seg{s, path, item})
			if cs := segmentCasing(s); cs != "" {
				count[cs]++
			}
		}
	})
	major, best := "", 0
	for _, s := range []string{"kebab-case", "snake_case", "camelCase", "PascalCase", "mixed"} {
		if count[s] > best {
			major, best = s, count[s]
		}
	}
	if major == "" {
		return
	}
	reported := map[string]bool{}
	for _, s := range segs {
		cs := segmentCasing(s.s)
		if cs == "" || cs == major || reported[s.path] {
			continue
		}
		reported[s.path] = true
		c.Report(s.n, fmt.Sprintf("segment %q of path %q is %s but most path segments are %s", s.s, s.path, cs, major))
	}
}

func checkPathParamDeclared(c *Context) {
	eachOperation(c.Root, func(path string, item *Node, method string, op *Node) {
		declared := map[string]bool{}
		eachParameter(item, op, func(p *Node) {
			if p.Str("in") == "path" {
				declared[p.Str("name")] = true
			}
		})
		for _, name := range pathParams(path) {
			if !declared[name] {
				c.Report(op, fmt.Sprintf("%s %s does not declare path parameter %q; add {name: %s, in: path, required: true}", strings.ToUpper(method), path, name, name))
			}
		}
	})
}

func checkPathParamUsed(c *Context) {
	eachOperation(c.Root, func(path string, item *Node, method string, op *Node) {
		used := map[string]bool{}
		for _, n := range pathParams(path) {
			used[n] = true
		}
		eachParameter(item, op, func(p *Node) {
			if p.Str("in") == "path" && !used[p.Str("name")] {
				c.Report(p, fmt.Sprintf("path parameter %q of %s %s does not appear in the path; add {%s} to the path or remove the parameter", p.Str("name"), strings.ToUpper(method), path, p.Str("name")))
			}
		})
	})
}

func checkParameterDescription(c *Context) {
	seen := map[string]bool{}
	eachOperation(c.Root, func(path string, item *Node, method string, op *Node) {
		eachParameter(item, op, func(p *Node) {
			key := p.File + "#" + p.Pointer
			if seen[key] {
				return
			}
			seen[key] = true
			if strings.TrimSpace(p.Str("description")) == "" {
				c.Report(p, fmt.Sprintf("parameter %q (in: %s) has no description; say what it selects or changes", p.Str("name"), p.Str("in")))
			}
		})
	})
}
