package lint

import (
	"fmt"
	"net/url"
	"strings"
)

func init() {
	register(
		&Rule{ID: "BODY_SCHEMA_NAMED", Category: "SCHEMAS", Severity: Warning,
			Purpose: "Request and response body schemas with more than a few properties are named components, not inline blobs: generated types get stable names.", Check: checkBodySchemaNamed},
		&Rule{ID: "ENUM_NOT_EMPTY", Category: "SCHEMAS", Severity: Error,
			Purpose: "An enum lists at least one value: an empty enum accepts nothing.", Check: checkEnumNotEmpty},
		&Rule{ID: "ENUM_SINGLE_TYPE", Category: "SCHEMAS", Severity: Warning,
			Purpose: "An enum's values are all of one type (null aside): mixed enums have no Go type.", Check: checkEnumSingleType},
		&Rule{ID: "COMPONENT_UNUSED", Category: "COMPONENTS", Severity: Warning,
			Purpose: "Every component is referenced: dead components still generate code.", Check: checkComponentUnused},
		&Rule{ID: "SERVER_URL_VALID", Category: "SERVERS", Severity: Error,
			Purpose: "Server urls are absolute URLs or paths, with variables declared.", Check: checkServerURL},
		&Rule{ID: "SECURITY_SCHEME_DEFINED", Category: "SECURITY", Severity: Error,
			Purpose: "Every security requirement names a scheme defined under components.securitySchemes.", Check: checkSecurityDefined},
		&Rule{ID: "OPENAPI_31_KEYWORD_IN_30", Category: "VERSION", Severity: Error,
			Purpose: "OpenAPI 3.0 contracts do not use keywords that only 3.1 defines (const, prefixItems, $defs, type lists …): 3.0 tools ignore them.", Check: checkKeywords31},
	)
}

// inlineLimit is the number of properties above which an inline body
// schema should be a named component.
const inlineLimit = 3

func checkBodySchemaNamed(c *Context) {
	eachMedia(c.Root, func(op, where string, media *Node) {
		s := media.Raw("schema")
		if s == nil || s.Ref() != "" {
			return
		}
		target := s
		if it := s.Raw("items"); s.Str("type") == "array" && it != nil {
			if it.Ref() != "" {
				return
			}
			target = it
		}
		props := target.Raw("properties")
		if props == nil {
			return
		}
		if n := len(props.Y.Content) / 2; n > inlineLimit {
			c.Report(s, fmt.Sprintf("the %s body of %s is an inline schema with %d properties; move it to components/schemas and $ref it", where, op, n))
		}
	})
}

func checkEnumNotEmpty(c *Context) {
	eachRootSchema(c.Root, func(s *Node) {
		if e := s.Raw("enum"); e != nil && e.Y.Kind == yamlSequence && len(e.Y.Content) == 0 {
			c.Report(e, "enum is empty, so no value is valid; list the allowed values or remove enum")
		}
	})
}

// scalarType gives the JSON type of a YAML scalar by its resolved tag.
func scalarType(n *yamlNode) string {
	switch n.Kind {
	case yamlMapping:
		return "object"
	case yamlSequence:
		return "array"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	return "string"
}

func checkEnumSingleType(c *Context) {
	eachRootSchema(c.Root, func(s *Node) {
		e := s.Raw("enum")
		if e == nil {
			return
		}
		types := map[string]bool{}
		var list []string
		for _, v := range e.Y.Content {
			t := scalarType(v)
			if t != "null" && !types[t] {
				types[t] = true
				list = append(list, t)
			}
		}
		if len(list) > 1 {
			c.Report(e, fmt.Sprintf("enum mixes value types %s; use values of one type", strings.Join(list, ", ")))
		}
	})
}

func checkComponentUnused(c *Context) {
	comps := c.Root.Get("components")
	if comps == nil {
		return
	}
	// Collect every $ref string in every file reachable from the root.
	used := map[string]bool{}
	visited := map[string]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		if r := n.Ref(); r != "" {
			t := n.Deref()
			used[t.File+"#"+t.Pointer] = true
			// a chain may pass through intermediate refs
			if x := n.tree.follow(n.File, r); x != nil {
				used[x.File+"#"+x.Pointer] = true
				key := x.File + "#" + x.Pointer
				if !visited[key] {
					visited[key] = true
					walk(x)
				}
			}
			return
		}
		switch n.Y.Kind {
		case yamlMapping:
			n.Pairs(func(k string, _ *yamlNode, v *Node) {
				if n == c.Root && k == "components" {
					return
				}
				if n.Pointer == "/components" {
					return
				}
				walk(v)
			})
		case yamlSequence:
			for _, v := range n.Items() {
				walk(v)
			}
		}
	}
	walk(c.Root)
	// Components used only by other components count once a used component
	// reaches them: walk used components until nothing new is found.
	for changed := true; changed; {
		changed = false
		comps.Pairs(func(kind string, _ *yamlNode, group *Node) {
			group.Pairs(func(name string, _ *yamlNode, v *Node) {
				key := v.File + "#" + v.Pointer
				if used[key] && !visited[key] {
					visited[key] = true
					before := len(used)
					walkChildren(v, walk)
					if len(used) != before {
						changed = true
					}
				}
			})
		})
	}
	comps.Pairs(func(kind string, _ *yamlNode, group *Node) {
		if kind == "securitySchemes" || strings.HasPrefix(kind, "x-") {
			return // used by name in security requirements, or extensions
		}
		group.Pairs(func(name string, _ *yamlNode, v *Node) {
			if !used[v.File+"#"+v.Pointer] {
				c.Report(v, fmt.Sprintf("components/%s/%s is never referenced; remove it or $ref it", kind, name))
			}
		})
	})
}

func walkChildren(n *Node, walk func(*Node)) {
	if n.Ref() != "" {
		walk(n)
		return
	}
	n.Pairs(func(_ string, _ *yamlNode, v *Node) { walk(v) })
	for _, v := range n.Items() {
		walk(v)
	}
}

func checkServerURL(c *Context) {
	check := func(srv *Node) {
		raw := srv.Str("url")
		vars := map[string]bool{}
		srv.Get("variables").Pairs(func(k string, _ *yamlNode, _ *Node) { vars[k] = true })
		at := srv.Get("url")
		if at == nil {
			c.Report(srv, "server has no url; add one such as \"https://api.example.com/v1\"")
			return
		}
		for _, v := range pathParams(raw) {
			if !vars[v] {
				c.Report(at, fmt.Sprintf("server url %q uses variable {%s} that is not declared under variables", raw, v))
			}
		}
		// Substitute variables with a placeholder before parsing.
		sub := raw
		for _, v := range pathParams(raw) {
			sub = strings.ReplaceAll(sub, "{"+v+"}", "x")
		}
		u, err := url.Parse(sub)
		switch {
		case err != nil:
			c.Report(at, fmt.Sprintf("server url %q is not a URL: %v", raw, err))
		case u.Scheme == "" && !strings.HasPrefix(sub, "/"):
			c.Report(at, fmt.Sprintf("server url %q is neither absolute (https://host/…) nor a path starting with /", raw))
		case u.Scheme != "" && u.Host == "":
			c.Report(at, fmt.Sprintf("server url %q has no host", raw))
		}
	}
	for _, s := range c.Root.Get("servers").Items() {
		check(s.Deref())
	}
	eachOperation(c.Root, func(_ string, item *Node, _ string, op *Node) {
		for _, s := range op.Get("servers").Items() {
			check(s.Deref())
		}
	})
}

func checkSecurityDefined(c *Context) {
	defined := map[string]bool{}
	c.Root.Get("components").Get("securitySchemes").Pairs(func(k string, _ *yamlNode, _ *Node) { defined[k] = true })
	c.Root.Get("securityDefinitions").Pairs(func(k string, _ *yamlNode, _ *Node) { defined[k] = true })
	check := func(sec *Node) {
		for _, req := range sec.Items() {
			req.Pairs(func(name string, _ *yamlNode, v *Node) {
				if !defined[name] {
					c.Report(v, fmt.Sprintf("security requirement names scheme %q, which components/securitySchemes does not define", name))
				}
			})
		}
	}
	check(c.Root.Get("security"))
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) { check(op.Get("security")) })
}

// keywords31 are schema keywords that JSON Schema 2020-12 (OpenAPI 3.1)
// defines and OpenAPI 3.0's schema object does not.
var keywords31 = []string{"const", "prefixItems", "$defs", "contains", "minContains", "maxContains", "if", "then", "else", "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "propertyNames", "examples", "$schema", "$id", "$anchor", "contentEncoding", "contentMediaType"}

func checkKeywords31(c *Context) {
	if !strings.HasPrefix(c.Version, "3.0") {
		return
	}
	if n := c.Root.Raw("webhooks"); n != nil {
		c.Report(n, "webhooks is an OpenAPI 3.1 field; declare openapi: 3.1.0 or remove it")
	}
	eachRootSchema(c.Root, func(s *Node) {
		for _, k := range keywords31 {
			if n := s.Raw(k); n != nil {
				c.Report(n, fmt.Sprintf("%q is an OpenAPI 3.1 schema keyword, ignored by 3.0 tools; declare openapi: 3.1.0 or use a 3.0 equivalent", k))
			}
		}
		if t := s.Raw("type"); t != nil && t.Y.Kind == yamlSequence {
			c.Report(t, "a list of types is OpenAPI 3.1; in 3.0 use one type and nullable: true")
		}
	})
}
