package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Casings maps each casing style a casing rule (or a Spectral ruleset's
// casing function) accepts to the pattern a name of that style matches.
var Casings = map[string]*regexp.Regexp{
	"flat":         regexp.MustCompile(`^[a-z][a-z0-9]*$`),
	"camel":        regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`),
	"pascal":       regexp.MustCompile(`^[A-Z][a-zA-Z0-9]*$`),
	"kebab":        regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`),
	"cobol":        regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$`),
	"snake":        regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`),
	"macro":        regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`),
	"upper-hyphen": regexp.MustCompile(`^[A-Z][a-zA-Z0-9]*(-[A-Z0-9][a-zA-Z0-9]*)*$`),
}

// CasingNames lists the styles of Casings, sorted.
func CasingNames() []string {
	var out []string
	for k := range Casings {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The ServiceComb toolkit's style checks (its oas-validator "style check
// rules"): casing rules, each with a scope and a style that the casing:
// setting of toolkit.yaml changes, and required documentation.
func init() {
	sc := []string{"servicecomb"}
	register(
		casingRule("CASING_OPERATION_ID", "operationIds", "camel", eachOperationID),
		casingRule("CASING_SCHEMA_NAME", "names of component schemas", "pascal", eachSchemaName),
		casingRule("CASING_PROPERTY_NAME", "schema property names", "camel", eachPropertyName),
		casingRule("CASING_PARAMETER_NAME", "names of path, query and cookie parameters", "camel", eachParameterName(false)),
		casingRule("CASING_HEADER_NAME", "names of header parameters and response headers", "upper-hyphen", eachHeaderName),
		casingRule("CASING_TAG_NAME", "tag names", "pascal", eachTagName),
		casingRule("CASING_PATH_SEGMENT", "literal path segments", "kebab", eachPathSegment),
		&Rule{ID: "OPENAPI_VERSION_30", Category: "VERSION", Severity: Warning, Sets: sc, Aliases: []string{"servicecomb:openapi-version"},
			Description: "The contract is OpenAPI 3.0.x, the version ServiceComb's tools read.", Hint: "write the contract as openapi: 3.0.3", Check: checkOpenAPI30},
		&Rule{ID: "OPERATION_SUMMARY", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: []string{"servicecomb:operation-summary"},
			Description: "Every operation has a summary: the one line shown in lists.", Hint: "add a one-line summary to the operation", Check: checkOperationSummary},
		&Rule{ID: "REQUEST_BODY_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: []string{"servicecomb:request-body-description"},
			Description: "Every request body has a description.", Hint: "add a description to the requestBody", Check: checkRequestBodyDescription},
	)
}

// casingRule builds a rule that names found by each must have a style;
// the configured style of the rule (casing: in toolkit.yaml) replaces def.
func casingRule(id, scope, def string, each func(c *Context, fn func(name string, at *Node))) *Rule {
	return &Rule{ID: id, Category: "STYLE", Severity: Warning, Sets: []string{"servicecomb"}, Style: def,
		Aliases:     []string{"servicecomb:" + strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(id, "CASING_"), "_", "-")) + "-casing"},
		Description: "The " + scope + " follow one casing style (default " + def + "; set casing: {" + id + ": camel|pascal|kebab|snake|upper-hyphen}).",
		Hint:        "rename it in the configured casing style",
		Check: func(c *Context) {
			re := Casings[c.rule.Style]
			each(c, func(name string, at *Node) {
				if !re.MatchString(name) {
					c.Report(at, fmt.Sprintf("%q is not %s case", name, c.rule.Style))
				}
			})
		}}
}

func eachOperationID(c *Context, fn func(string, *Node)) {
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		if id := op.Get("operationId"); id != nil && id.Y.Kind == yamlScalar {
			fn(id.Y.Value, id)
		}
	})
}

func eachSchemaName(c *Context, fn func(string, *Node)) {
	each := func(_ string, k *yamlNode, v *Node) {
		fn(k.Value, &Node{Y: k, File: v.File, Pointer: v.Pointer, tree: v.tree})
	}
	c.Root.Get("components").Get("schemas").Pairs(each)
	c.Root.Raw("definitions").Pairs(each)
}

func eachPropertyName(c *Context, fn func(string, *Node)) {
	eachRootSchema(c.Root, func(s *Node) {
		s.Raw("properties").Pairs(func(name string, k *yamlNode, v *Node) {
			fn(name, &Node{Y: k, File: v.File, Pointer: v.Pointer, tree: v.tree})
		})
	})
}

func eachParameterName(headers bool) func(*Context, func(string, *Node)) {
	return func(c *Context, fn func(string, *Node)) {
		seen := map[string]bool{}
		eachOperation(c.Root, func(_ string, item *Node, _ string, op *Node) {
			eachParameter(item, op, func(p *Node) {
				if (p.Str("in") == "header") != headers || seen[p.File+"#"+p.Pointer] {
					return
				}
				seen[p.File+"#"+p.Pointer] = true
				if n := p.Get("name"); n != nil {
					fn(n.Y.Value, n)
				}
			})
		})
	}
}

func eachHeaderName(c *Context, fn func(string, *Node)) {
	eachParameterName(true)(c, fn)
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		op.Get("responses").Pairs(func(_ string, _ *yamlNode, r *Node) {
			r.Deref().Get("headers").Pairs(func(name string, k *yamlNode, v *Node) {
				fn(name, &Node{Y: k, File: v.File, Pointer: v.Pointer, tree: v.tree})
			})
		})
	})
}

func eachTagName(c *Context, fn func(string, *Node)) {
	for _, t := range c.Root.Get("tags").Items() {
		if n := t.Deref().Get("name"); n != nil {
			fn(n.Y.Value, n)
		}
	}
}

func eachPathSegment(c *Context, fn func(string, *Node)) {
	c.Root.Get("paths").Pairs(func(path string, k *yamlNode, item *Node) {
		at := &Node{Y: k, File: item.File, Pointer: item.Pointer, tree: item.tree}
		for _, seg := range strings.Split(path, "/") {
			if seg != "" && !strings.HasPrefix(seg, "{") {
				fn(seg, at)
			}
		}
	})
}

func checkOpenAPI30(c *Context) {
	if !strings.HasPrefix(c.Version, "3.0") {
		c.Report(c.Root.Raw("openapi"), fmt.Sprintf("the contract is version %s, not 3.0.x", c.Version))
	}
}

func checkOperationSummary(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if strings.TrimSpace(op.Str("summary")) == "" {
			c.Report(op, fmt.Sprintf("%s %s has no summary", strings.ToUpper(method), path))
		}
	})
}

func checkRequestBodyDescription(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if b := op.Get("requestBody"); b != nil && strings.TrimSpace(b.Str("description")) == "" {
			c.Report(b, fmt.Sprintf("the request body of %s %s has no description", strings.ToUpper(method), path))
		}
	})
}
