package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// casingPatterns maps each casing style a casing rule (or a Spectral ruleset's
// casing function) accepts to the pattern a name of that style matches.
// The three *-case styles are the ServiceComb toolkit's own, with its
// patterns (oas-validator's StringCaseUtils), stricter than camel, pascal
// and upper-hyphen about runs of capitals: "HTTPServer" is pascal but not
// upper-camel-case, "X-API-Key" upper-hyphen but not upper-hyphen-case.
var casingPatterns = map[string]string{
	"flat":              `^[a-z][a-z0-9]*$`,
	"camel":             `^[a-z][a-zA-Z0-9]*$`,
	"pascal":            `^[A-Z][a-zA-Z0-9]*$`,
	"kebab":             `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`,
	"cobol":             `^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$`,
	"snake":             `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`,
	"macro":             `^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`,
	"upper-hyphen":      `^[A-Z][a-zA-Z0-9]*(-[A-Z0-9][a-zA-Z0-9]*)*$`,
	"lower-camel-case":  `^[a-z]+((\d)|([A-Z0-9][a-z0-9]+))*([A-Z])?$`,
	"upper-camel-case":  `^[A-Z]([a-z0-9]+[A-Z]?)*$`,
	"upper-hyphen-case": `^([A-Z][a-z0-9]*-)*([A-Z][a-z0-9]*)$`,
}

// casings compiles casingPatterns on first use: the binary's other commands
// need none of them, and eleven compiled at start-up cost every run.
var casings = sync.OnceValue(func() map[string]*regexp.Regexp {
	m := make(map[string]*regexp.Regexp, len(casingPatterns))
	for style, p := range casingPatterns {
		m[style] = regexp.MustCompile(p)
	}
	return m
})

// Casing returns the pattern of a casing style, nil for an unknown one.
func Casing(style string) *regexp.Regexp { return casings()[style] }

// CasingNames lists the casing styles, sorted.
func CasingNames() []string {
	var out []string
	for k := range casingPatterns {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ServiceCombRule is one style check of the ServiceComb toolkit's
// oas-validator, named by the key of its style-check-rule.properties, and
// the toolkit rules that check it.
type ServiceCombRule struct {
	Key    string   // ServiceComb's configuration key, e.g. operation.summary.required; "" for a documented rule without one
	Object string   // the OpenAPI object it applies to
	Rules  []string // toolkit rule ids
}

// ServiceComb maps every style check of ServiceComb's oas-validator (its
// 33 configuration keys, apache/servicecomb-toolkit oas-validator-style,
// and the rules its documentation adds) onto toolkit rules; each key is an alias of its rules, so toolkit.yaml
// may name them either way. The "servicecomb" rule set is these rules,
// with ServiceComb's default casings.
var ServiceComb = []ServiceCombRule{
	{"openAPI.openapi.gte", "OpenAPI", []string{"OPENAPI_VERSION_30"}},
	{"openAPI.tags.size.gte", "OpenAPI", []string{"TAGS_DECLARED"}},
	{"openAPI.security.size.eq", "OpenAPI", []string{"SECURITY_NOT_GLOBAL"}},
	{"info.description.required", "Info", []string{"INFO_DESCRIPTION"}},
	{"tag.name.case", "Tag", []string{"CASING_TAG_NAME"}},
	{"tag.name.must_be_referenced", "Tag", []string{"TAG_USED"}},
	{"tag.description.required", "Tag", []string{"TAG_DESCRIPTION"}},
	{"paths.key.case", "Paths", []string{"CASING_PATH_SEGMENT"}},
	{"operation.summary.required", "Operation", []string{"OPERATION_SUMMARY"}},
	{"operation.operationId.case", "Operation", []string{"CASING_OPERATION_ID"}},
	{"operation.tags.size.eq", "Operation", []string{"OPERATION_SINGULAR_TAG", "OPERATION_TAGS"}},
	{"operation.tags.element.must_reference_root_tags", "Operation", []string{"OPERATION_TAG_DEFINED"}},
	{"operations.servers.size.eq", "Operation", []string{"OPERATION_NO_SERVERS"}},
	{"parameter.description.required", "Parameter", []string{"PARAMETER_DESCRIPTION"}},
	{"parameter.name.header.case", "Parameter", []string{"CASING_HEADER_PARAMETER_NAME"}},
	{"parameter.name.cookie.case", "Parameter", []string{"CASING_COOKIE_PARAMETER_NAME"}},
	{"parameter.name.path.case", "Parameter", []string{"CASING_PATH_PARAMETER_NAME"}},
	{"parameter.name.query.case", "Parameter", []string{"CASING_QUERY_PARAMETER_NAME"}},
	{"requestBody.description.required", "Request Body", []string{"REQUEST_BODY_DESCRIPTION"}},
	{"response.headers.key.case", "Response", []string{"CASING_RESPONSE_HEADER_NAME"}},
	{"schema.title.required", "Schema", []string{"SCHEMA_TITLE"}},
	{"schema.properties.key.case", "Schema", []string{"CASING_PROPERTY_NAME"}},
	{"encoding.headers.key.case", "Encoding", []string{"CASING_ENCODING_HEADER_NAME"}},
	{"header.description.required", "Header", []string{"HEADER_DESCRIPTION"}},
	{"components.schemas.key.case", "Components", []string{"CASING_SCHEMA_NAME"}},
	{"components.responses.key.case", "Components", []string{"CASING_COMPONENT_RESPONSE_NAME"}},
	{"components.parameters.key.case", "Components", []string{"CASING_COMPONENT_PARAMETER_NAME"}},
	{"components.examples.key.case", "Components", []string{"CASING_COMPONENT_EXAMPLE_NAME"}},
	{"components.requestBodies.key.case", "Components", []string{"CASING_COMPONENT_REQUEST_BODY_NAME"}},
	{"components.headers.key.case", "Components", []string{"CASING_COMPONENT_HEADER_NAME"}},
	{"components.links.key.case", "Components", []string{"CASING_COMPONENT_LINK_NAME"}},
	{"components.callbacks.key.case", "Components", []string{"CASING_COMPONENT_CALLBACK_NAME"}},
	{"components.securitySchemes.key.case", "Components", []string{"CASING_COMPONENT_SECURITY_SCHEME_NAME"}},
	// Style rules of ServiceComb's documentation that its validator has no
	// key for: kept under the documented object, without an alias.
	{"", "Media Type", []string{"MEDIA_TYPE_SCHEMA"}},
}

// scKey returns the ServiceComb key of toolkit rule id, for its aliases.
func scKey(id string) []string {
	var out []string
	for _, m := range ServiceComb {
		for _, r := range m.Rules {
			if r == id && m.Key != "" {
				out = append(out, m.Key)
			}
		}
	}
	return out
}

// The ServiceComb toolkit's style checks: casing rules, each with a scope
// and ServiceComb's default style, which the casing: setting of
// toolkit.yaml changes, and required documentation and shapes.
func init() {
	sc := []string{"servicecomb"}
	register(
		casingRule("CASING_OPERATION_ID", "operationIds", "lower-camel-case", eachOperationID),
		casingRule("CASING_SCHEMA_NAME", "names of component schemas (and Swagger 2.0 definitions)", "upper-camel-case", eachSchemaName),
		casingRule("CASING_PROPERTY_NAME", "property names of every schema, nested ones too", "lower-camel-case", eachPropertyName),
		casingRule("CASING_PATH_PARAMETER_NAME", "names of in: path parameters", "lower-camel-case", eachParameterName("path")),
		casingRule("CASING_QUERY_PARAMETER_NAME", "names of in: query parameters", "lower-camel-case", eachParameterName("query")),
		casingRule("CASING_COOKIE_PARAMETER_NAME", "names of in: cookie parameters", "lower-camel-case", eachParameterName("cookie")),
		casingRule("CASING_HEADER_PARAMETER_NAME", "names of in: header parameters", "upper-hyphen-case", eachParameterName("header")),
		casingRule("CASING_RESPONSE_HEADER_NAME", "header names of responses", "upper-hyphen-case", eachResponseHeaderName),
		casingRule("CASING_ENCODING_HEADER_NAME", "header names of a media type's encodings", "upper-hyphen-case", eachEncodingHeaderName),
		casingRule("CASING_TAG_NAME", "tag names", "upper-camel-case", eachTagName),
		casingRule("CASING_PATH_SEGMENT", "path segments, template variables included", "lower-camel-case", eachPathSegment),
		casingRule("CASING_COMPONENT_RESPONSE_NAME", "names of components/responses", "upper-camel-case", eachComponentName("responses")),
		casingRule("CASING_COMPONENT_PARAMETER_NAME", "names of components/parameters", "upper-camel-case", eachComponentName("parameters")),
		casingRule("CASING_COMPONENT_EXAMPLE_NAME", "names of components/examples", "upper-camel-case", eachComponentName("examples")),
		casingRule("CASING_COMPONENT_REQUEST_BODY_NAME", "names of components/requestBodies", "upper-camel-case", eachComponentName("requestBodies")),
		casingRule("CASING_COMPONENT_HEADER_NAME", "names of components/headers", "upper-hyphen-case", eachComponentName("headers")),
		casingRule("CASING_COMPONENT_LINK_NAME", "names of components/links", "upper-camel-case", eachComponentName("links")),
		casingRule("CASING_COMPONENT_CALLBACK_NAME", "names of components/callbacks", "upper-camel-case", eachComponentName("callbacks")),
		casingRule("CASING_COMPONENT_SECURITY_SCHEME_NAME", "names of components/securitySchemes", "upper-camel-case", eachComponentName("securitySchemes")),
		&Rule{ID: "OPENAPI_VERSION_30", Category: "VERSION", Severity: Warning, Sets: sc, Aliases: scKey("OPENAPI_VERSION_30"),
			Description: "The contract is OpenAPI 3.0.x with x ≥ 2, the version ServiceComb's tools read.", Hint: "write the contract as openapi: 3.0.3", Check: checkOpenAPI30},
		&Rule{ID: "OPERATION_SUMMARY", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: scKey("OPERATION_SUMMARY"),
			Description: "Every operation has a summary: the one line shown in lists.", Hint: "add a one-line summary to the operation", Check: checkOperationSummary},
		&Rule{ID: "REQUEST_BODY_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: scKey("REQUEST_BODY_DESCRIPTION"),
			Description: "Every request body has a description.", Hint: "add a description to the requestBody", Check: checkRequestBodyDescription},
		&Rule{ID: "SECURITY_NOT_GLOBAL", Category: "SECURITY", Severity: Warning, Sets: sc, Aliases: scKey("SECURITY_NOT_GLOBAL"),
			Description: "The contract has no top-level security: each operation states its own requirements, so adding an operation cannot silently inherit or drop them.", Hint: "move the top-level security requirements onto the operations that need them", Check: checkSecurityNotGlobal},
		&Rule{ID: "TAG_USED", Category: "TAGS", Severity: Warning, Sets: sc, Aliases: scKey("TAG_USED"),
			Description: "Every declared tag is used by at least one operation: an unused tag is an empty section in the docs.", Hint: "tag an operation with it, or remove the tag", Check: checkTagUsed},
		&Rule{ID: "OPERATION_NO_SERVERS", Category: "SERVERS", Severity: Warning, Sets: sc, Aliases: scKey("OPERATION_NO_SERVERS"),
			Description: "Operations do not override the servers: one service answers every operation at the contract's servers.", Hint: "remove servers from the operation (declare them at the top level)", Check: checkOperationNoServers},
		&Rule{ID: "SCHEMA_TITLE", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: scKey("SCHEMA_TITLE"),
			Description: "Every component schema and every schema nested in another (properties, items, allOf, anyOf, oneOf) has a title; a $ref needs none.", Hint: "add a title naming what the schema holds", Check: checkSchemaTitle},
		&Rule{ID: "MEDIA_TYPE_SCHEMA", Category: "SCHEMAS", Severity: Warning, Sets: sc,
			Description: "Every media type of a request body or a response has a schema: without one, clients and servers cannot check or decode the payload.", Hint: "add a schema to the media type (type: string, format: binary for opaque payloads)", Check: checkMediaTypeSchema},
		&Rule{ID: "HEADER_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning, Sets: sc, Aliases: scKey("HEADER_DESCRIPTION"),
			Description: "Every header object (of a response, an encoding or components/headers) has a description.", Hint: "add a description to the header", Check: checkHeaderDescription},
	)
}

// casingRule builds a rule that names found by each must have a style;
// the configured style of the rule (casing: in toolkit.yaml) replaces def.
func casingRule(id, scope, def string, each func(c *Context, fn func(name string, at *Node))) *Rule {
	return &Rule{ID: id, Category: "STYLE", Severity: Warning, Sets: []string{"servicecomb"}, Style: def, Aliases: scKey(id),
		Description: "The " + scope + " follow one casing style (default " + def + ", ServiceComb's; set casing: {" + id + ": camel|pascal|kebab|snake|upper-hyphen|...}).",
		Hint:        "rename it in the configured casing style",
		Check: func(c *Context) {
			re := Casing(c.rule.Style)
			each(c, func(name string, at *Node) {
				if !re.MatchString(name) {
					c.Report(at, fmt.Sprintf("%q is not %s", name, styleName(c.rule.Style)))
				}
			})
		}}
}

// styleName says a style in a message: "lower-camel-case" as is, "camel"
// as "camel case".
func styleName(s string) string {
	if strings.HasSuffix(s, "-case") {
		return s
	}
	return s + " case"
}

// nameNode is the node of a mapping key whose value is v, for findings
// about a name.
func nameNode(k *yamlNode, v *Node) *Node {
	return &Node{Y: k, File: v.File, Pointer: v.Pointer, tree: v.tree}
}

func eachOperationID(c *Context, fn func(string, *Node)) {
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		if id := op.Get("operationId"); id != nil && id.Y.Kind == yamlScalar {
			fn(id.Y.Value, id)
		}
	})
}

func eachSchemaName(c *Context, fn func(string, *Node)) {
	each := func(_ string, k *yamlNode, v *Node) { fn(k.Value, nameNode(k, v)) }
	c.Root.Get("components").Get("schemas").Pairs(each)
	c.Root.Raw("definitions").Pairs(each)
}

// eachComponentName calls fn for the names under components/kind.
func eachComponentName(kind string) func(*Context, func(string, *Node)) {
	return func(c *Context, fn func(string, *Node)) {
		c.Root.Get("components").Get(kind).Pairs(func(name string, k *yamlNode, v *Node) { fn(name, nameNode(k, v)) })
	}
}

func eachPropertyName(c *Context, fn func(string, *Node)) {
	eachRootSchema(c.Root, func(s *Node) {
		s.Raw("properties").Pairs(func(name string, k *yamlNode, v *Node) { fn(name, nameNode(k, v)) })
	})
}

// eachParameterName calls fn for the names of the parameters in: in, each
// written parameter once.
func eachParameterName(in string) func(*Context, func(string, *Node)) {
	return func(c *Context, fn func(string, *Node)) {
		seen := map[string]bool{}
		visit := func(p *Node) {
			if p.Str("in") != in || seen[p.File+"#"+p.Pointer] {
				return
			}
			seen[p.File+"#"+p.Pointer] = true
			if n := p.Get("name"); n != nil {
				fn(n.Y.Value, n)
			}
		}
		eachOperation(c.Root, func(_ string, item *Node, _ string, op *Node) { eachParameter(item, op, visit) })
		c.Root.Get("components").Get("parameters").Pairs(func(_ string, _ *yamlNode, p *Node) { visit(p.Deref()) })
	}
}

// eachResponse calls fn for every response object: of operations and of
// components/responses, each written response once.
func eachResponse(root *Node, fn func(r *Node)) {
	seen := map[string]bool{}
	visit := func(_ string, _ *yamlNode, r *Node) {
		r = r.Deref()
		if !seen[r.File+"#"+r.Pointer] {
			seen[r.File+"#"+r.Pointer] = true
			fn(r)
		}
	}
	eachOperation(root, func(_ string, _ *Node, _ string, op *Node) { op.Get("responses").Pairs(visit) })
	root.Get("components").Get("responses").Pairs(visit)
}

func eachResponseHeaderName(c *Context, fn func(string, *Node)) {
	eachResponse(c.Root, func(r *Node) {
		r.Get("headers").Pairs(func(name string, k *yamlNode, v *Node) { fn(name, nameNode(k, v)) })
	})
}

func eachEncodingHeaderName(c *Context, fn func(string, *Node)) {
	eachMedia(c.Root, func(_, _ string, m *Node) {
		m.Get("encoding").Pairs(func(_ string, _ *yamlNode, e *Node) {
			e.Deref().Get("headers").Pairs(func(name string, k *yamlNode, v *Node) { fn(name, nameNode(k, v)) })
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

// eachPathSegment calls fn for each segment of each path, a template
// {variable} as its name, as ServiceComb checks them.
func eachPathSegment(c *Context, fn func(string, *Node)) {
	c.Root.Get("paths").Pairs(func(path string, k *yamlNode, item *Node) {
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				seg = seg[1 : len(seg)-1]
			}
			if seg != "" {
				fn(seg, nameNode(k, item))
			}
		}
	})
}

func checkOpenAPI30(c *Context) {
	parts := strings.SplitN(c.Version, ".", 3)
	patch, err := 0, error(nil)
	if len(parts) == 3 {
		patch, err = strconv.Atoi(parts[2])
	}
	if len(parts) != 3 || parts[0] != "3" || parts[1] != "0" || err != nil || patch < 2 {
		c.Report(versionNode(c), fmt.Sprintf("the contract is version %s, not 3.0.x with x ≥ 2", c.Version))
	}
}

func checkOperationSummary(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if strings.TrimSpace(op.Str("summary")) == "" {
			c.Report(op.At("summary"), fmt.Sprintf("%s %s has no summary", strings.ToUpper(method), path))
		}
	})
}

func checkRequestBodyDescription(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if b := op.Get("requestBody"); b != nil && strings.TrimSpace(b.Str("description")) == "" {
			c.Report(b.At("description"), fmt.Sprintf("the request body of %s %s has no description", strings.ToUpper(method), path))
		}
	})
}

func checkSecurityNotGlobal(c *Context) {
	if s := c.Root.Raw("security"); s != nil && len(s.Items()) > 0 {
		c.Report(s, fmt.Sprintf("the contract has %d top-level security requirements", len(s.Items())))
	}
}

func checkTagUsed(c *Context) {
	used := map[string]bool{}
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		for _, t := range op.Get("tags").Items() {
			used[t.Y.Value] = true
		}
	})
	for _, t := range c.Root.Get("tags").Items() {
		if n := t.Deref().Get("name"); n != nil && !used[n.Y.Value] {
			c.Report(t, fmt.Sprintf("tag %q is used by no operation", n.Y.Value))
		}
	}
}

func checkOperationNoServers(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if s := op.Raw("servers"); s != nil && len(s.Items()) > 0 {
			c.Report(s, fmt.Sprintf("%s %s overrides the servers", strings.ToUpper(method), path))
		}
	})
}

// checkSchemaTitle follows ServiceComb's walk: from component schemas and
// the schemas of parameters, media types and headers into properties,
// items, allOf, anyOf and oneOf, not through $refs; a schema whose parent
// is a schema or components/schemas needs a title.
func checkSchemaTitle(c *Context) {
	seen := map[string]bool{}
	var walk func(s *Node, nested bool, depth int)
	walk = func(s *Node, nested bool, depth int) {
		if s == nil || s.Y.Kind != yamlMapping || s.Ref() != "" || depth > maxDepth || seen[s.File+"#"+s.Pointer] {
			return
		}
		seen[s.File+"#"+s.Pointer] = true
		if nested && strings.TrimSpace(s.Str("title")) == "" {
			c.Report(s.At("title"), "the schema has no title")
		}
		s.Raw("properties").Pairs(func(_ string, _ *yamlNode, p *Node) { walk(p, true, depth+1) })
		walk(s.Raw("items"), true, depth+1)
		for _, k := range []string{"allOf", "anyOf", "oneOf"} {
			for _, m := range s.Raw(k).Items() {
				walk(m, true, depth+1)
			}
		}
	}
	top := func(s *Node) {
		if s != nil {
			walk(s.Deref(), false, 0)
		}
	}
	comps := c.Root.Get("components")
	comps.Get("schemas").Pairs(func(_ string, _ *yamlNode, s *Node) { walk(s, true, 0) })
	c.Root.Raw("definitions").Pairs(func(_ string, _ *yamlNode, s *Node) { walk(s, true, 0) })
	eachMedia(c.Root, func(_, _ string, m *Node) { top(m.Raw("schema")) })
	eachOperation(c.Root, func(_ string, item *Node, _ string, op *Node) {
		eachParameter(item, op, func(p *Node) { top(p.Raw("schema")) })
	})
	comps.Get("parameters").Pairs(func(_ string, _ *yamlNode, p *Node) { top(p.Deref().Raw("schema")) })
	eachHeader(c.Root, func(_ string, h *Node) { top(h.Raw("schema")) })
}

// eachHeader calls fn for every header object: of responses, of
// encodings and under components/headers, each written header once.
func eachHeader(root *Node, fn func(name string, h *Node)) {
	seen := map[string]bool{}
	visit := func(name string, _ *yamlNode, h *Node) {
		h = h.Deref()
		if !seen[h.File+"#"+h.Pointer] {
			seen[h.File+"#"+h.Pointer] = true
			fn(name, h)
		}
	}
	eachResponse(root, func(r *Node) { r.Get("headers").Pairs(visit) })
	eachMedia(root, func(_, _ string, m *Node) {
		m.Get("encoding").Pairs(func(_ string, _ *yamlNode, e *Node) { e.Deref().Get("headers").Pairs(visit) })
	})
	root.Get("components").Get("headers").Pairs(visit)
}

func checkHeaderDescription(c *Context) {
	eachHeader(c.Root, func(name string, h *Node) {
		if strings.TrimSpace(h.Str("description")) == "" {
			c.Report(h.At("description"), fmt.Sprintf("header %s has no description", name))
		}
	})
}

func checkMediaTypeSchema(c *Context) {
	eachMedia(c.Root, func(op, where string, m *Node) {
		if m.Y.Kind == yamlMapping && m.Raw("schema") == nil {
			c.Report(m, fmt.Sprintf("a %s media type of %s has no schema", where, op))
		}
	})
}
