package lint

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

func init() {
	register(
		&Rule{ID: "BODY_SCHEMA_NAMED", Category: "SCHEMAS", Severity: Warning,
			Description: "Request and response body schemas with more than a few properties are named components, not inline blobs: generated types get stable names.", Hint: "move the schema to components/schemas and $ref it, so generated code gets a named type", Check: checkBodySchemaNamed},
		&Rule{ID: "ENUM_NOT_EMPTY", Category: "SCHEMAS", Severity: Error,
			Description: "An enum lists at least one value: an empty enum accepts nothing.", Hint: "list at least one value, or remove enum", Check: checkEnumNotEmpty},
		&Rule{ID: "ENUM_SINGLE_TYPE", Category: "SCHEMAS", Severity: Warning,
			Description: "An enum's values are all of one type, the schema's declared type (null aside): mixed enums have no Go type, and a value of another type can never be valid.", Hint: "make every enum value the schema's type", Aliases: []string{"typed-enum"}, Check: checkEnumSingleType},
		&Rule{ID: "COMPONENT_UNUSED", Category: "COMPONENTS", Severity: Warning,
			Description: "Every component is referenced: dead components still generate code.", Hint: "$ref the component where it is meant to be used, or remove it", Aliases: []string{"oas3-unused-component", "oas2-unused-definition"}, Check: checkComponentUnused},
		&Rule{ID: "SERVER_URL_VALID", Category: "SERVERS", Severity: Error,
			Description: "Server urls are absolute URLs or paths, with variables declared.", Hint: "write an absolute URL, and declare every {variable} under variables", Aliases: []string{"oas3-server-variables"}, Check: checkServerURL},
		&Rule{ID: "SECURITY_SCHEME_DEFINED", Category: "SECURITY", Severity: Error,
			Description: "Every security requirement names a scheme defined under components.securitySchemes.", Hint: "define the scheme under components/securitySchemes or fix the name", Aliases: []string{"oas3-operation-security-defined", "oas2-operation-security-defined"}, Check: checkSecurityDefined},
		&Rule{ID: "OPENAPI_31_KEYWORD_IN_30", Category: "VERSION", Severity: Error,
			Description: "OpenAPI 3.0 contracts do not use keywords that only 3.1 defines (const, prefixItems, $defs, type lists …): 3.0 tools ignore them.", Hint: "declare openapi: 3.1.0, or use the OpenAPI 3.0 form (nullable: true, enum of one value)", Check: checkKeywords31},
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
		// Spectral's typed-enum: each value is of the declared type(s).
		declared := map[string]bool{}
		if t := s.Raw("type"); t != nil {
			if t.Y.Kind == yamlScalar {
				declared[t.Y.Value] = true
			}
			for _, x := range t.Items() {
				declared[x.Y.Value] = true
			}
		}
		types := map[string]bool{}
		var list []string
		for i, v := range e.Y.Content {
			t := scalarType(v)
			if len(declared) > 0 && t != "null" && !declared[t] && !(t == "number" && declared["integer"] && v.Tag == "!!int") {
				c.Report(e.Index(strconv.Itoa(i)), fmt.Sprintf("enum value %s is a %s, not of the schema's type %s", v.Value, t, strings.Join(slices.Sorted(maps.Keys(declared)), " or ")))
			}
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
	// OpenAPI 3's components, or Swagger 2.0's definitions (Spectral's
	// oas2-unused-definition looks at definitions only).
	home := "components"
	if c.OAS2() {
		home = "definitions"
	}
	comps := c.Root.Get(home)
	if comps == nil {
		return
	}
	// Mark every target of every $ref reachable from the root (each hop of
	// a chain), walking each target once: components used only by other
	// used components count as used. Linear in the size of the contract.
	used := map[string]bool{}
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		if n == nil || depth > maxDepth {
			return
		}
		if r := n.Ref(); r != "" {
			if x := n.tree.follow(n.File, r); x != nil {
				key := x.File + "#" + x.Pointer
				if !used[key] {
					used[key] = true
					walk(x, 0)
				}
			}
			return
		}
		switch n.Y.Kind {
		case yamlMapping:
			n.Pairs(func(k string, _ *yamlNode, v *Node) {
				if n == c.Root && k == home {
					return
				}
				walk(v, depth+1)
			})
		case yamlSequence:
			for _, v := range n.Items() {
				walk(v, depth+1)
			}
		}
	}
	walk(c.Root, 0)
	unused := func(where string, group *Node) {
		group.Pairs(func(name string, _ *yamlNode, v *Node) {
			if !used[v.File+"#"+v.Pointer] {
				c.Report(v, fmt.Sprintf("%s/%s is never referenced; remove it or $ref it", where, name))
			}
		})
	}
	if c.OAS2() {
		unused("definitions", comps)
		return
	}
	comps.Pairs(func(kind string, _ *yamlNode, group *Node) {
		if kind == "securitySchemes" || strings.HasPrefix(kind, "x-") {
			return // used by name in security requirements, or extensions
		}
		unused("components/"+kind, group)
	})
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
	where := "components/securitySchemes"
	if c.OAS2() {
		where = "securityDefinitions"
	}
	check := func(sec *Node) {
		for _, req := range sec.Items() {
			req.Pairs(func(name string, _ *yamlNode, v *Node) {
				if !defined[name] {
					c.Report(v, fmt.Sprintf("security requirement names scheme %q, which %s does not define", name, where))
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
