package docs

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/contractfirst/toolkit/contract"
)

// htmlFuncs are the page template's functions. Each returns plain strings
// (escaped by html/template where they are used) except md, whose output
// is goldmark's sanitised HTML.
var htmlFuncs = htmltemplate.FuncMap{
	"md":         renderHTML,
	"lower":      strings.ToLower,
	"schemeText": schemeText,
	"inText":     func(in contract.ParamIn) string { return string(in) },
	"jsonText":   func(v any) string { return jsonText(v, 80) },
}

// mdFuncs are the Markdown template's functions; every one escapes
// contract text for Markdown.
var mdFuncs = texttemplate.FuncMap{
	"mdBlock":    mdBlock,
	"mdInline":   mdInline,
	"mdText":     func(s string) string { return mdText(strings.TrimSpace(s)) },
	"mdCell":     func(s string) string { return mdCell(strings.TrimSpace(s)) },
	"mdCode":     func(s string) string { return mdCode(s, false) },
	"mdCodeCell": func(s string) string { return mdCode(s, true) },
	"mdFence":    mdFence,
	"mdRows":     mdRows,
	"schemeText": schemeText,
	"lower":      strings.ToLower,
}

// schemeText says in words what a security scheme asks for.
func schemeText(s *contract.SecurityScheme) string {
	if s == nil {
		return "undeclared scheme"
	}
	switch s.Type {
	case "http":
		t := "HTTP " + s.Scheme
		if s.Scheme == "bearer" && s.BearerFormat != "" {
			t += " (" + s.BearerFormat + ")"
		}
		return t
	case "apiKey":
		return "API key in " + string(s.In) + " " + s.ParamName
	case "oauth2":
		return "OAuth 2.0"
	case "openIdConnect":
		return "OpenID Connect"
	case "mutualTLS":
		return "mutual TLS"
	}
	return s.Type
}

// mdRow is one line of a schema table in the Markdown.
type mdRow struct {
	Path     string // escaped, in a code span
	Type     string // escaped Markdown, may link to a schema
	Required bool
	Desc     string // escaped Markdown, one line
}

// mdRows flattens a tree into table rows: nested properties as
// parent.child, array items as parent[].child, variants and additional
// properties labelled in parentheses.
func mdRows(n *node, slugs map[string]string) []mdRow {
	var out []mdRow
	var walk func(n *node, prefix string)
	walk = func(n *node, prefix string) {
		if strings.HasPrefix(n.Type, "array of") && prefix != "" {
			prefix += "[]"
		}
		for _, k := range n.Kids {
			name := k.Name
			if name == "" {
				name = "(" + k.Label + ")"
			}
			path := name
			if prefix != "" {
				sep := "."
				if k.Name == "" {
					sep = " "
				}
				path = prefix + sep + name
			}
			out = append(out, mdRow{Path: mdCode(path, true), Type: mdType(k, slugs), Required: k.Required, Desc: mdDesc(k)})
			walk(k, path)
		}
	}
	walk(n, "")
	return out
}

// mdType is a node's type for a table cell.
func mdType(n *node, slugs map[string]string) string {
	t := mdCell(n.Type)
	if n.Ref != nil {
		t = mdCell(n.RefPrefix) + "[" + mdCell(n.Ref.Name) + "](#" + slugs[n.Ref.Anchor] + ")"
	}
	if n.Format != "" {
		t += " (" + mdCell(n.Format) + ")"
	}
	var flags []string
	for _, f := range []struct {
		on   bool
		text string
	}{{n.Nullable, "nullable"}, {n.ReadOnly, "read-only"}, {n.WriteOnly, "write-only"}, {n.Deprecated, "deprecated"}, {n.Cut, "recursive"}} {
		if f.on {
			flags = append(flags, f.text)
		}
	}
	if len(flags) > 0 {
		t += ", " + strings.Join(flags, ", ")
	}
	return t
}

// mdDesc is a node's description, facts and enum for a table cell.
func mdDesc(n *node) string {
	var parts []string
	if d := mdInline(n.Description); d != "" {
		parts = append(parts, d)
	}
	for _, f := range n.Facts {
		parts = append(parts, mdCell(f))
	}
	if len(n.Enum) > 0 {
		vals := make([]string, len(n.Enum))
		for i, e := range n.Enum {
			vals[i] = mdCode(e, true)
		}
		parts = append(parts, "one of "+strings.Join(vals, ", "))
	}
	if n.Discriminator != "" {
		parts = append(parts, "discriminator "+mdCode(n.Discriminator, true))
	}
	return strings.Join(parts, "<br>")
}

// Contexts that hand the view along with the item a Markdown template is
// drawing (text/template has no other way to reach the root from a
// nested template).
type (
	opCtx struct {
		View *view
		Op   *opView
	}
	contentCtx struct {
		View    *view
		Content contentView
	}
	treeCtx struct {
		View *view
		Tree *node
	}
)

func init() {
	mdFuncs["opCtx"] = func(v *view, o *opView) opCtx { return opCtx{v, o} }
	mdFuncs["contentCtx"] = func(v *view, c contentView) contentCtx { return contentCtx{v, c} }
	mdFuncs["treeCtx"] = func(v *view, n *node) treeCtx { return treeCtx{v, n} }
	mdFuncs["mdRootType"] = mdRootType
	mdFuncs["mdParamDesc"] = mdParamDesc
	mdFuncs["mdRootLine"] = mdRootLine
}

// mdRootLine describes a schema's root on one line of a paragraph: its
// type, flags, facts and enum values, separated by " · ".
func mdRootLine(n *node, slugs map[string]string) string {
	parts := []string{mdCode(n.Type, false)}
	if n.Format != "" {
		parts[0] += " (" + mdText(n.Format) + ")"
	}
	for _, f := range nodeFlags(n) {
		parts = append(parts, f)
	}
	for _, f := range n.Facts {
		parts = append(parts, mdText(f))
	}
	if len(n.Enum) > 0 {
		vals := make([]string, len(n.Enum))
		for i, e := range n.Enum {
			vals[i] = mdCode(e, false)
		}
		parts = append(parts, "one of "+strings.Join(vals, ", "))
	}
	if n.Discriminator != "" {
		parts = append(parts, "discriminator "+mdCode(n.Discriminator, false))
	}
	return strings.Join(parts, " · ")
}

// mdRootType is the type of a parameter, header or body, with its facts.
func mdRootType(n *node, slugs map[string]string) string {
	if n == nil {
		return ""
	}
	t := mdType(n, slugs)
	var facts []string
	for _, f := range n.Facts {
		facts = append(facts, mdCell(f))
	}
	if len(n.Enum) > 0 {
		vals := make([]string, len(n.Enum))
		for i, e := range n.Enum {
			vals[i] = mdCode(e, true)
		}
		facts = append(facts, "one of "+strings.Join(vals, ", "))
	}
	if len(facts) > 0 {
		t += "<br>" + strings.Join(facts, "<br>")
	}
	return t
}

// mdParamDesc is a parameter's description and example for a table cell.
func mdParamDesc(p *contract.Param, n *node) string {
	var parts []string
	if d := mdInline(p.Description); d != "" {
		parts = append(parts, d)
	}
	if p.HasExample {
		parts = append(parts, "example: "+mdCode(jsonText(p.Example, 80), true))
	}
	return strings.Join(parts, "<br>")
}

// markdownSlugs gives every heading the Markdown links to its GitHub
// anchor, visiting headings in the order the template writes them.
func markdownSlugs(v *view) map[string]string {
	var g githubSlugs
	out := map[string]string{}
	g.slug(v.Title)
	g.slug("Contents")
	if len(v.Servers) > 0 {
		g.slug("Servers")
	}
	if len(v.Schemes) > 0 {
		g.slug("Authentication")
	}
	for _, gr := range v.Groups {
		out[gr.Anchor] = g.slug(gr.Name)
		for _, o := range gr.Home {
			out[o.Anchor] = g.slug(o.Title)
			if len(o.Params) > 0 {
				g.slug("Parameters")
			}
			if o.Body != nil {
				if o.Body.Required {
					g.slug("Request body (required)")
				} else {
					g.slug("Request body")
				}
			}
			if len(o.Responses) > 0 {
				g.slug("Responses")
				for _, r := range o.Responses {
					g.slug(r.Status)
				}
			}
		}
	}
	if len(v.Schemas) > 0 {
		out["schemas"] = g.slug("Schemas")
		for _, s := range v.Schemas {
			out[s.Anchor] = g.slug(s.Name)
		}
	}
	return out
}
