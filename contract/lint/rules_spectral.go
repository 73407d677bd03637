package lint

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// The rules of Spectral's spectral:oas set that toolkit did not have,
// under toolkit ids with Spectral's id as an alias. Rules Spectral leaves
// off by default are in the "all" set only.
func init() {
	register(
		&Rule{ID: "INFO_CONTACT", Category: "INFO", Severity: Warning, Aliases: []string{"info-contact"},
			Description: "info has a contact, so users know whom to ask.", Hint: "add info.contact with a name, url or email", Check: checkInfoField("contact")},
		&Rule{ID: "INFO_DESCRIPTION", Category: "INFO", Severity: Warning, Aliases: append([]string{"info-description"}, scKey("INFO_DESCRIPTION")...), Sets: []string{"recommended", "servicecomb"},
			Description: "info has a description: it opens the generated documentation.", Hint: "add info.description saying what the API is for", Check: checkInfoField("description")},
		&Rule{ID: "INFO_LICENSE", Category: "INFO", Severity: Warning, Aliases: []string{"info-license"}, Sets: []string{"all"},
			Description: "info has a license, so users know how they may use the API.", Hint: "add info.license with a name and url", Check: checkInfoField("license")},
		&Rule{ID: "LICENSE_URL", Category: "INFO", Severity: Warning, Aliases: []string{"license-url"}, Sets: []string{"all"},
			Description: "info.license has a url pointing at the license text.", Hint: "add info.license.url", Check: checkLicenseURL},
		&Rule{ID: "CONTACT_PROPERTIES", Category: "INFO", Severity: Warning, Aliases: []string{"contact-properties"}, Sets: []string{"all"},
			Description: "info.contact has a name, a url and an email.", Hint: "fill in info.contact's name, url and email", Check: checkContactProperties},
		&Rule{ID: "TAGS_DECLARED", Category: "TAGS", Severity: Warning, Aliases: append([]string{"openapi-tags"}, scKey("TAGS_DECLARED")...), Sets: []string{"servicecomb"},
			Description: "The contract declares its tags in a top-level tags list.", Hint: "add a top-level tags list naming and describing each tag", Check: checkTagsDeclared},
		&Rule{ID: "TAGS_ALPHABETICAL", Category: "TAGS", Severity: Warning, Aliases: []string{"openapi-tags-alphabetical"}, Sets: []string{"all"},
			Description: "The top-level tags are in alphabetical order.", Hint: "sort the top-level tags by name", Check: checkTagsAlphabetical},
		&Rule{ID: "TAGS_UNIQUE", Category: "TAGS", Severity: Error, Aliases: []string{"openapi-tags-uniqueness"},
			Description: "Each top-level tag name is declared once.", Hint: "merge the duplicate tag entries", Check: checkTagsUnique},
		&Rule{ID: "TAG_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning, Aliases: append([]string{"tag-description"}, scKey("TAG_DESCRIPTION")...), Sets: []string{"servicecomb"},
			Description: "Each top-level tag has a description: it heads its group in the documentation.", Hint: "add a description to the tag", Check: checkTagDescription},
		&Rule{ID: "OPERATION_TAGS", Category: "TAGS", Severity: Warning, Aliases: append([]string{"operation-tags"}, scKey("OPERATION_TAGS")...), Sets: []string{"recommended", "servicecomb"},
			Description: "Every operation has at least one tag, which groups it in documentation and generated clients.", Hint: "add tags: [name] to the operation", Check: checkOperationTags},
		&Rule{ID: "OPERATION_TAG_DEFINED", Category: "TAGS", Severity: Warning, Aliases: append([]string{"operation-tag-defined"}, scKey("OPERATION_TAG_DEFINED")...), Sets: []string{"recommended", "servicecomb"},
			Description: "Every tag an operation uses is declared in the top-level tags list.", Hint: "declare the tag in the top-level tags list, or fix its spelling", Check: checkOperationTagDefined},
		&Rule{ID: "OPERATION_SINGULAR_TAG", Category: "TAGS", Severity: Warning, Aliases: append([]string{"operation-singular-tag"}, scKey("OPERATION_SINGULAR_TAG")...), Sets: []string{"servicecomb"},
			Description: "Every operation has at most one tag, so it appears in one group only.", Hint: "keep one tag on the operation", Check: checkOperationSingularTag},
		&Rule{ID: "OPERATION_ID_URL_SAFE", Category: "OPERATIONS", Severity: Warning, Aliases: []string{"operation-operationId-valid-in-url"},
			Description: "operationIds use only characters that are safe in a URL, as tools link to operations by id.", Hint: "use letters, digits and -._~ only", Check: checkOperationIDURLSafe},
		&Rule{ID: "OPERATION_PARAMETERS_UNIQUE", Category: "OPERATIONS", Severity: Warning, Aliases: []string{"operation-parameters"},
			Description: "An operation's parameters are unique by name and location, and it has at most one body parameter (Swagger 2.0).", Hint: "remove or rename the duplicate parameter", Check: checkOperationParametersUnique},
		&Rule{ID: "PATH_NO_QUERY", Category: "PATHS", Severity: Warning, Aliases: []string{"path-not-include-query"},
			Description: "Paths do not include a query string: query parameters are declared as parameters.", Hint: "move ?name=... into a parameter with in: query", Check: checkPathNoQuery},
		&Rule{ID: "PATH_PARAMETER_NAMED", Category: "PATHS", Severity: Error, Aliases: []string{"path-declarations-must-exist"},
			Description: "Path templates have no empty {} placeholders.", Hint: "name the placeholder, e.g. {id}", Check: checkPathParamNamed},
		&Rule{ID: "PATH_AMBIGUOUS", Category: "PATHS", Severity: Warning, Aliases: []string{"no-ambiguous-paths"},
			Description: "No two paths are the same once their parameter names are ignored, e.g. /a/{x} and /a/{y}.", Hint: "merge the paths, or make a literal segment tell them apart", Check: checkPathAmbiguous},
		&Rule{ID: "MARKDOWN_NO_EVAL", Category: "SECURITY", Severity: Warning, Aliases: []string{"no-eval-in-markdown"},
			Description: "Descriptions and titles do not contain eval(, which rendered documentation might run.", Hint: "remove eval( from the text", Check: checkMarkdown("eval(", "eval(")},
		&Rule{ID: "MARKDOWN_NO_SCRIPT", Category: "SECURITY", Severity: Warning, Aliases: []string{"no-script-tags-in-markdown"},
			Description: "Descriptions and titles do not contain <script> tags, which rendered documentation might run.", Hint: "remove the <script> tag from the text", Check: checkMarkdown("<script", "a <script> tag")},
		&Rule{ID: "REF_NO_SIBLINGS", Category: "SCHEMAS", Severity: Warning, Aliases: []string{"no-$ref-siblings"},
			Description: "A $ref has no sibling keys in OpenAPI 2.0/3.0: they are ignored there.", Hint: "wrap the $ref in allOf, or move the keys into the referenced schema", Check: checkRefSiblings},
		&Rule{ID: "ENUM_DUPLICATE", Category: "SCHEMAS", Severity: Warning, Aliases: []string{"duplicated-entry-in-enum"},
			Description: "An enum lists each value once.", Hint: "remove the duplicate value", Check: checkEnumDuplicate},
		&Rule{ID: "ARRAY_ITEMS", Category: "SCHEMAS", Severity: Error, Aliases: []string{"array-items"},
			Description: "A schema of type array says what its items are.", Hint: "add items: {...} to the array schema", Check: checkArrayItems},
		&Rule{ID: "OAS2_NO_ONEOF_ANYOF", Category: "VERSION", Severity: Warning, Aliases: []string{"oas2-anyOf", "oas2-oneOf"},
			Description: "A Swagger 2.0 schema does not use oneOf or anyOf, which 2.0 does not have.", Hint: "move to OpenAPI 3, or model the alternatives without oneOf/anyOf", Check: checkOAS2NoOneOf},
		&Rule{ID: "DISCRIMINATOR_PROPERTY", Category: "SCHEMAS", Severity: Error, Aliases: []string{"oas2-discriminator"},
			Description: "A discriminator's property is a required property of its schema.", Hint: "declare the property under properties and list it in required", Check: checkDiscriminatorProperty},
		&Rule{ID: "EXAMPLE_VALUE_OR_EXTERNAL", Category: "SCHEMAS", Severity: Warning, Aliases: []string{"oas3-examples-value-or-externalValue"},
			Description: "An Example object has value or externalValue, not both.", Hint: "keep one of value and externalValue", Check: checkExampleValueOrExternal},
		&Rule{ID: "SERVERS_PRESENT", Category: "SERVERS", Severity: Warning, Aliases: []string{"oas3-api-servers", "oas2-api-host"},
			Description: "The contract says where the API is served (servers, or host in Swagger 2.0).", Hint: "add servers: [{url: https://...}]", Check: checkServersPresent},
		&Rule{ID: "SERVER_NOT_EXAMPLE", Category: "SERVERS", Severity: Warning, Aliases: []string{"oas3-server-not-example.com", "oas2-host-not-example"}, Sets: []string{"all"},
			Description: "Server URLs do not point at example.com.", Hint: "use the API's real address", Check: checkServerNotExample},
		&Rule{ID: "SERVER_TRAILING_SLASH", Category: "SERVERS", Severity: Warning, Aliases: []string{"oas3-server-trailing-slash", "oas2-host-trailing-slash"},
			Description: "Server URLs do not end with a slash: paths start with one.", Hint: "remove the trailing slash", Check: checkServerTrailingSlash},
		&Rule{ID: "OAS2_SCHEMES", Category: "SERVERS", Severity: Warning, Aliases: []string{"oas2-api-schemes"},
			Description: "A Swagger 2.0 contract lists its schemes (http, https).", Hint: "add schemes: [https]", Check: checkOAS2Schemes},
		&Rule{ID: "OAS2_FORMDATA_CONSUMES", Category: "OPERATIONS", Severity: Warning, Aliases: []string{"oas2-operation-formData-consume-check"},
			Description: "A Swagger 2.0 operation with formData parameters consumes application/x-www-form-urlencoded or multipart/form-data.", Hint: "add consumes: [application/x-www-form-urlencoded] or [multipart/form-data]", Check: checkFormDataConsumes},
		&Rule{ID: "CALLBACKS_IN_CALLBACKS", Category: "OPERATIONS", Severity: Warning, Aliases: []string{"oas3-callbacks-in-callbacks"},
			Description: "A callback's operations do not define callbacks of their own.", Hint: "move the nested callback up to an operation", Check: checkCallbacksInCallbacks},
		&Rule{ID: "WEBHOOK_NO_SERVERS_OR_CALLBACKS", Category: "OPERATIONS", Severity: Warning, Aliases: []string{"oas3_1-servers-in-webhook", "oas3_1-callbacks-in-webhook"},
			Description: "Webhooks define neither servers nor callbacks: the receiver's address is not the API's.", Hint: "remove servers and callbacks from the webhook", Check: checkWebhooks},
	)
}

func checkInfoField(key string) func(*Context) {
	return func(c *Context) {
		info := c.Root.Get("info")
		if info == nil {
			return // the loader reports a missing info
		}
		if v := info.Get(key); v == nil || (v.Y.Kind == yamlScalar && strings.TrimSpace(v.Y.Value) == "") {
			c.Report(info, "info has no "+key)
		}
	}
}

func checkLicenseURL(c *Context) {
	if l := c.Root.Get("info").Get("license"); l != nil && l.Str("url") == "" {
		c.Report(l, "info.license has no url")
	}
}

func checkContactProperties(c *Context) {
	ct := c.Root.Get("info").Get("contact")
	if ct == nil {
		return
	}
	for _, k := range []string{"name", "url", "email"} {
		if ct.Str(k) == "" {
			c.Report(ct, "info.contact has no "+k)
		}
	}
}

func checkTagsDeclared(c *Context) {
	if len(c.Root.Get("tags").Items()) == 0 {
		c.Report(c.Root, "the contract declares no top-level tags")
	}
}

func checkTagsAlphabetical(c *Context) {
	prev := ""
	for _, t := range c.Root.Get("tags").Items() {
		name := t.Deref().Str("name")
		if prev != "" && strings.ToLower(name) < strings.ToLower(prev) {
			c.Report(t, fmt.Sprintf("tag %q comes after %q; sort the tags alphabetically", name, prev))
		}
		prev = name
	}
}

func checkTagsUnique(c *Context) {
	seen := map[string]bool{}
	for _, t := range c.Root.Get("tags").Items() {
		name := t.Deref().Str("name")
		if seen[name] {
			c.Report(t, fmt.Sprintf("tag %q is declared more than once", name))
		}
		seen[name] = true
	}
}

func checkTagDescription(c *Context) {
	for _, t := range c.Root.Get("tags").Items() {
		t = t.Deref()
		if strings.TrimSpace(t.Str("description")) == "" {
			c.Report(t, fmt.Sprintf("tag %q has no description", t.Str("name")))
		}
	}
}

func checkOperationTags(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if len(op.Get("tags").Items()) == 0 {
			c.Report(op.At("tags"), fmt.Sprintf("%s %s has no tags", strings.ToUpper(method), path))
		}
	})
}

func checkOperationTagDefined(c *Context) {
	declared := map[string]bool{}
	for _, t := range c.Root.Get("tags").Items() {
		declared[t.Deref().Str("name")] = true
	}
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		for _, t := range op.Get("tags").Items() {
			if t.Y.Kind == yamlScalar && !declared[t.Y.Value] {
				c.Report(t, fmt.Sprintf("tag %q of %s %s is not declared in the top-level tags", t.Y.Value, strings.ToUpper(method), path))
			}
		}
	})
}

func checkOperationSingularTag(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if tags := op.Get("tags"); len(tags.Items()) > 1 {
			c.Report(tags, fmt.Sprintf("%s %s has %d tags", strings.ToUpper(method), path, len(tags.Items())))
		}
	})
}

var urlSafeID = lazyre.New(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$`)

func checkOperationIDURLSafe(c *Context) {
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		if id := op.Get("operationId"); id != nil && id.Y.Kind == yamlScalar && !urlSafeID().MatchString(id.Y.Value) {
			c.Report(id, fmt.Sprintf("operationId %q has characters that are not safe in a URL", id.Y.Value))
		}
	})
}

func checkOperationParametersUnique(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		seen := map[string]bool{}
		bodies := 0
		for _, p := range op.Get("parameters").Items() {
			d := p.Deref()
			key := d.Str("in") + " " + d.Str("name")
			if seen[key] {
				c.Report(p, fmt.Sprintf("%s %s declares parameter %q in %s twice", strings.ToUpper(method), path, d.Str("name"), d.Str("in")))
			}
			seen[key] = true
			if d.Str("in") == "body" {
				if bodies++; bodies == 2 {
					c.Report(p, fmt.Sprintf("%s %s has more than one body parameter", strings.ToUpper(method), path))
				}
			}
		}
	})
}

func checkPathNoQuery(c *Context) {
	c.Root.Get("paths").Pairs(func(path string, key *yamlNode, item *Node) {
		if strings.Contains(path, "?") {
			c.Report(item, fmt.Sprintf("path %q includes a query string", path))
		}
	})
}

func checkPathParamNamed(c *Context) {
	c.Root.Get("paths").Pairs(func(path string, _ *yamlNode, item *Node) {
		if strings.Contains(path, "{}") {
			c.Report(item, fmt.Sprintf("path %q has an empty {} placeholder", path))
		}
	})
}

// checkPathAmbiguous reports paths that are the same once their
// parameter names are ignored (/a/{x} and /a/{y}): no router can tell them
// apart. One pass with a map, so linear in the number of paths.
func checkPathAmbiguous(c *Context) {
	first := map[string]string{}
	c.Root.Get("paths").Pairs(func(path string, _ *yamlNode, item *Node) {
		segs := strings.Split(path, "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				segs[i] = "{}"
			}
		}
		key := strings.Join(segs, "/")
		if prev, ok := first[key]; ok {
			c.Report(item, fmt.Sprintf("path %q matches the same requests as %q", path, prev))
			return
		}
		first[key] = path
	})
}

// checkMarkdown reports descriptions and titles anywhere in the contract
// that contain needle (case-insensitively).
func checkMarkdown(needle, what string) func(*Context) {
	return func(c *Context) {
		eachNode(c.Root, func(n *Node) {
			for _, k := range []string{"description", "title"} {
				if v := n.Raw(k); v != nil && v.Y.Kind == yamlScalar && strings.Contains(strings.ToLower(v.Y.Value), needle) {
					c.Report(v, k+" contains "+what)
				}
			}
		})
	}
}

func checkRefSiblings(c *Context) {
	if strings.HasPrefix(c.Version, "3.1") {
		return // 3.1 allows keys next to $ref in schemas
	}
	eachNode(c.Root, func(n *Node) {
		if n.Ref() == "" {
			return
		}
		n.Pairs(func(k string, _ *yamlNode, v *Node) {
			if k != "$ref" && !strings.HasPrefix(k, "x-") {
				c.Report(v, fmt.Sprintf("%s next to $ref is ignored", k))
			}
		})
	})
}

func checkEnumDuplicate(c *Context) {
	eachRootSchema(c.Root, func(s *Node) {
		seen := map[string]bool{}
		for _, v := range s.Raw("enum").Items() {
			if v.Y.Kind != yamlScalar {
				continue
			}
			key := v.Y.Tag + " " + v.Y.Value
			if seen[key] {
				c.Report(v, fmt.Sprintf("enum lists %s more than once", v.Y.Value))
			}
			seen[key] = true
		}
	})
}

func checkArrayItems(c *Context) {
	eachRootSchema(c.Root, func(s *Node) {
		if s.Str("type") == "array" && !s.Has("items") && !s.Has("prefixItems") {
			c.Report(s, "array schema has no items")
		}
	})
}

func checkOAS2NoOneOf(c *Context) {
	if !c.OAS2() {
		return
	}
	eachRootSchema(c.Root, func(s *Node) {
		for _, k := range []string{"oneOf", "anyOf"} {
			if v := s.Raw(k); v != nil {
				c.Report(v, k+" is not part of Swagger 2.0")
			}
		}
	})
}

func checkDiscriminatorProperty(c *Context) {
	eachRootSchema(c.Root, func(s *Node) {
		d := s.Raw("discriminator")
		if d == nil {
			return
		}
		name := d.Y.Value // Swagger 2.0: the property name
		if d.Y.Kind == yamlMapping {
			name = d.Str("propertyName")
		}
		if name == "" || s.Has("oneOf") || s.Has("anyOf") {
			return // a 3.x union names a property of its variants
		}
		req := false
		for _, r := range s.Raw("required").Items() {
			req = req || r.Y.Value == name
		}
		if !req {
			c.Report(d, fmt.Sprintf("discriminator property %q is not a required property of the schema", name))
		}
	})
}

func checkExampleValueOrExternal(c *Context) {
	check := func(examples *Node) {
		examples.Pairs(func(name string, _ *yamlNode, ex *Node) {
			ex = ex.Deref()
			if ex.Has("value") && ex.Has("externalValue") {
				c.Report(ex, fmt.Sprintf("example %q has both value and externalValue", name))
			}
		})
	}
	check(c.Root.Get("components").Get("examples"))
	eachNode(c.Root, func(n *Node) {
		if e := n.Raw("examples"); e != nil && e.Y.Kind == yamlMapping && n.Has("schema") {
			check(e)
		}
	})
}

func checkServersPresent(c *Context) {
	if c.OAS2() {
		if c.Root.Str("host") == "" {
			c.Report(c.Root, "the contract has no host")
		}
		return
	}
	if len(c.Root.Get("servers").Items()) == 0 {
		c.Report(c.Root, "the contract has no servers")
	}
}

// eachServerURL calls fn with every server URL (or Swagger 2.0 host) of
// the contract's top level and its node.
func eachServerURL(c *Context, fn func(u string, at *Node)) {
	if h := c.Root.Get("host"); h != nil {
		fn(h.Y.Value, h)
	}
	for _, s := range c.Root.Get("servers").Items() {
		if u := s.Deref().Get("url"); u != nil {
			fn(u.Y.Value, u)
		}
	}
}

func checkServerNotExample(c *Context) {
	eachServerURL(c, func(raw string, at *Node) {
		host := raw
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			host = u.Hostname()
		}
		if host == "example.com" || strings.HasSuffix(host, ".example.com") {
			c.Report(at, fmt.Sprintf("server %q points at example.com", raw))
		}
	})
}

func checkServerTrailingSlash(c *Context) {
	eachServerURL(c, func(raw string, at *Node) {
		if raw != "/" && strings.HasSuffix(raw, "/") {
			c.Report(at, fmt.Sprintf("server %q ends with a slash", raw))
		}
	})
}

func checkOAS2Schemes(c *Context) {
	if c.OAS2() && len(c.Root.Get("schemes").Items()) == 0 {
		c.Report(c.Root, "the contract lists no schemes")
	}
}

func checkFormDataConsumes(c *Context) {
	if !c.OAS2() {
		return
	}
	global := c.Root.Get("consumes")
	eachOperation(c.Root, func(path string, item *Node, method string, op *Node) {
		form := false
		eachParameter(item, op, func(p *Node) { form = form || p.Str("in") == "formData" })
		if !form {
			return
		}
		consumes := op.Get("consumes")
		if consumes == nil {
			consumes = global
		}
		for _, m := range consumes.Items() {
			if strings.HasPrefix(m.Y.Value, "application/x-www-form-urlencoded") || strings.HasPrefix(m.Y.Value, "multipart/form-data") {
				return
			}
		}
		c.Report(op, fmt.Sprintf("%s %s has formData parameters but does not consume a form media type", strings.ToUpper(method), path))
	})
}

func checkCallbacksInCallbacks(c *Context) {
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		op.Get("callbacks").Pairs(func(_ string, _ *yamlNode, cb *Node) {
			cb.Deref().Pairs(func(_ string, _ *yamlNode, item *Node) {
				item.Deref().Pairs(func(m string, _ *yamlNode, inner *Node) {
					if cbs := inner.Deref().Raw("callbacks"); cbs != nil {
						c.Report(cbs, "a callback's operation defines callbacks")
					}
				})
			})
		})
	})
}

func checkWebhooks(c *Context) {
	c.Root.Get("webhooks").Pairs(func(name string, _ *yamlNode, item *Node) {
		item = item.Deref()
		if s := item.Raw("servers"); s != nil {
			c.Report(s, fmt.Sprintf("webhook %q defines servers", name))
		}
		item.Pairs(func(m string, _ *yamlNode, op *Node) {
			if s := op.Raw("servers"); s != nil {
				c.Report(s, fmt.Sprintf("webhook %q defines servers", name))
			}
			if cb := op.Raw("callbacks"); cb != nil {
				c.Report(cb, fmt.Sprintf("webhook %q defines callbacks", name))
			}
		})
	})
}

// versionNode is where a finding about the contract's version is placed:
// its openapi (or swagger) line. A finding about something the whole
// contract lacks is placed at the root (pointer ""), where Spectral puts
// it: the opening { of a JSON file, the first key of a YAML one.
func versionNode(c *Context) *Node {
	if v := c.Root.Raw("openapi"); v != nil {
		return v
	}
	if v := c.Root.Raw("swagger"); v != nil {
		return v
	}
	return c.Root
}
