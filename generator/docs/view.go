package docs

import (
	"fmt"
	htmltemplate "html/template"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// The view is everything the templates show, computed once from the
// Model: both the HTML page and the Markdown file render the same view,
// so they always say the same things.

// view is one documentation page.
type view struct {
	Title, Version, OpenAPI string
	Description             string
	Servers                 []contract.Server
	Schemes                 []*contract.SecurityScheme
	// Security is the document-wide requirement, already described.
	Security []securityView
	Groups   []*group
	Schemas  []*schemaView
	OpCount  int
	// ServerURL is the base URL used in curl samples.
	ServerURL string
	// Slugs maps anchors to the Markdown's GitHub heading anchors.
	Slugs map[string]string
	// Data is the JSON the page's script draws schema trees from.
	Data htmltemplate.JS
}

// group is a tag: its operations in the sidebar (every operation that
// carries the tag) and in the main column (only those whose first tag it
// is, so each operation is drawn once).
type group struct {
	Name, Anchor, Description string
	Ops                       []*opView // sidebar
	Home                      []*opView // drawn here
}

// opView is one operation.
type opView struct {
	Op        *contract.Operation
	Anchor    string
	Title     string // summary, or the path when there is none
	Params    []paramView
	Body      *bodyView
	Responses []responseView
	// Security lists the alternatives; SecurityNone marks an operation
	// that needs no authentication.
	Security     []securityView
	SecurityNone bool
	Curl         string
	// LazyID, when set, names the JSON entry holding the operation's
	// body HTML: on a large page it is drawn only near the viewport.
	LazyID string
	// Search is the lower-case text the sidebar filter matches.
	Search string
}

type paramView struct {
	P    *contract.Param
	Tree *node
}

type bodyView struct {
	Required    bool
	Description string
	Contents    []contentView
}

type contentView struct {
	MediaType string
	Tree      *node // nil without a schema
	Example   exampleView
	// Examples are the contract's named examples, when there are several.
	Examples []exampleView
}

type exampleView struct {
	Name      string
	Summary   string
	Text      string
	Lang      string // "json" or "text"
	Generated bool   // made from the schema, not given by the contract
}

type responseView struct {
	Status      string
	Class       string // "2xx", "4xx" … for colour
	Description string
	Headers     []headerView
	Contents    []contentView
}

type headerView struct {
	H    *contract.Header
	Tree *node
}

// securityView is one alternative: every scheme listed is needed.
type securityView struct {
	Items []securityItem
}

type securityItem struct {
	Scheme string
	Scopes []string
	Known  *contract.SecurityScheme
}

type schemaView struct {
	Name        string
	Anchor      string
	Kind        string
	Description string
	Deprecated  bool
	Tree        *node
}

// buildView computes the view of m.
func buildView(m *contract.Model, opts Options) *view {
	v := &view{
		Title: m.Title, Version: m.Version, OpenAPI: m.OpenAPI,
		Description: m.Description,
		Servers:     m.Servers,
		Schemes:     m.SecuritySchemes,
		OpCount:     len(m.Operations),
	}
	if opts.Title != "" {
		v.Title = opts.Title
	}
	if v.Title == "" {
		v.Title = "API"
	}
	v.ServerURL = "http://localhost"
	if len(m.Servers) > 0 && m.Servers[0].URL != "" {
		v.ServerURL = strings.TrimSuffix(m.Servers[0].URL, "/")
	}
	schemes := map[string]*contract.SecurityScheme{}
	for _, s := range m.SecuritySchemes {
		schemes[s.Name] = s
	}
	v.Security = securityViews(m.Security, schemes)

	var ids anchors
	ids.id("x", "overview") // reserve the fixed ids the page uses
	ids.id("x", "schemas")
	shared := map[*contract.Type]*schemaRef{}
	sharedList := sharedTypes(m)
	for _, t := range sharedList {
		shared[t] = &schemaRef{Name: t.Name, Anchor: ids.id("schema", t.Name), Kind: kindName(t)}
	}
	tb := &treeBuilder{shared: shared, path: map[*contract.Type]bool{}, allOf: newAllOfIndex(m)}
	for _, t := range sharedList {
		r := shared[t]
		v.Schemas = append(v.Schemas, &schemaView{Name: t.Name, Anchor: r.Anchor, Kind: r.Kind, Description: t.Description, Deprecated: t.Deprecated, Tree: tb.root(t, true)})
	}

	// Groups: declared tags in contract order, then undeclared tags in
	// order of first use, then operations without a tag.
	groups := map[string]*group{}
	var order []*group
	addGroup := func(name, desc string) *group {
		if g, ok := groups[name]; ok {
			return g
		}
		g := &group{Name: name, Description: desc, Anchor: ids.id("tag", name)}
		groups[name] = g
		order = append(order, g)
		return g
	}
	for _, t := range m.Tags {
		addGroup(t.Name, t.Description)
	}
	for _, o := range m.Operations {
		for _, t := range o.Tags {
			addGroup(t, "")
		}
	}
	var untagged *group
	for _, o := range m.Operations {
		ov := buildOp(o, &ids, tb, v, schemes)
		if len(o.Tags) == 0 {
			if untagged == nil {
				name := "Other operations"
				if len(order) == 0 {
					name = "Operations"
				}
				untagged = &group{Name: name, Anchor: ids.id("tag", "untagged")}
			}
			untagged.Ops = append(untagged.Ops, ov)
			untagged.Home = append(untagged.Home, ov)
			continue
		}
		seen := map[string]bool{}
		for i, t := range o.Tags {
			if seen[t] {
				continue
			}
			seen[t] = true
			g := groups[t]
			g.Ops = append(g.Ops, ov)
			if i == 0 {
				g.Home = append(g.Home, ov)
			}
		}
	}
	if untagged != nil {
		order = append(order, untagged)
	}
	for _, g := range order {
		if len(g.Ops) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	v.Slugs = markdownSlugs(v)
	return v
}

// lazyTrees moves the page's deep schema trees into JSON (see data.go).
// The Markdown, written from the same view, still sees every node.
func (v *view) lazyTrees(lazyOps bool, body func(*opView) (string, error)) error {
	d := &lazyData{schemas: map[string]*jnode{}}
	for _, s := range v.Schemas {
		d.schemas[s.Anchor] = toJSON(s.Tree, false)
	}
	seen := map[*opView]bool{}
	for _, g := range v.Groups {
		for _, o := range g.Home {
			if seen[o] {
				continue
			}
			seen[o] = true
			for _, p := range o.Params {
				d.deferKids(p.Tree)
			}
			if o.Body != nil {
				for _, c := range o.Body.Contents {
					d.deferKids(c.Tree)
				}
			}
			for _, r := range o.Responses {
				for _, h := range r.Headers {
					d.deferKids(h.Tree)
				}
				for _, c := range r.Contents {
					d.deferKids(c.Tree)
				}
			}
			if lazyOps {
				o.LazyID = fmt.Sprintf("o%d", len(d.ops)+1)
				d.ops = append(d.ops, lazyOp{id: o.LazyID, op: o})
			}
		}
	}
	if err := d.renderOps(body); err != nil {
		return err
	}
	data, err := d.encode(lazyOps)
	v.Data = data
	return err
}

// buildOp computes the view of one operation.
func buildOp(o *contract.Operation, ids *anchors, tb *treeBuilder, v *view, schemes map[string]*contract.SecurityScheme) *opView {
	ov := &opView{Op: o, Anchor: ids.id("operation", o.ID), Title: o.Summary}
	if ov.Title == "" {
		ov.Title = o.Method + " " + o.Path
	}
	for _, p := range o.Params {
		ov.Params = append(ov.Params, paramView{P: p, Tree: tb.root(p.Type, false)})
	}
	if o.Body != nil {
		b := &bodyView{Required: o.Body.Required, Description: o.Body.Description}
		for _, c := range o.Body.Contents {
			b.Contents = append(b.Contents, contentOf(c, tb, requestDir))
		}
		ov.Body = b
	}
	for _, r := range o.Responses {
		rv := responseView{Status: r.Status, Description: r.Description, Class: statusClass(r.Status)}
		for _, h := range r.Headers {
			rv.Headers = append(rv.Headers, headerView{H: h, Tree: tb.root(h.Type, false)})
		}
		for _, c := range r.Contents {
			rv.Contents = append(rv.Contents, contentOf(c, tb, responseDir))
		}
		ov.Responses = append(ov.Responses, rv)
	}
	switch {
	case o.Security == nil:
		ov.Security = v.Security
	case len(o.Security) == 0:
		ov.SecurityNone = true
	default:
		ov.Security = securityViews(o.Security, schemes)
	}
	for _, s := range ov.Security {
		if len(s.Items) == 0 {
			ov.SecurityNone = true // an empty alternative: anonymous allowed
		}
	}
	ov.Curl = curl(o, v.ServerURL, ov.Security, schemes)
	words := []string{strings.ToLower(o.Method), strings.ToLower(o.Path), strings.ToLower(o.Summary), strings.ToLower(o.ID)}
	for _, t := range o.Tags {
		words = append(words, strings.ToLower(t))
	}
	ov.Search = strings.Join(words, " ")
	return ov
}

func contentOf(c *contract.Content, tb *treeBuilder, dir direction) contentView {
	cv := contentView{MediaType: c.MediaType}
	if c.Type != nil {
		cv.Tree = tb.root(c.Type, false)
	}
	cv.Example, cv.Examples = examplesOf(c, dir)
	return cv
}

// statusClass is "2xx" for "201" and "2XX", "default" for default.
func statusClass(s string) string {
	if len(s) == 3 && s[0] >= '1' && s[0] <= '5' {
		return s[:1] + "xx"
	}
	return "default"
}

func securityViews(reqs []contract.SecurityRequirement, schemes map[string]*contract.SecurityScheme) []securityView {
	var out []securityView
	for _, r := range reqs {
		var sv securityView
		for _, it := range r {
			sv.Items = append(sv.Items, securityItem{Scheme: it.Scheme, Scopes: it.Scopes, Known: schemes[it.Scheme]})
		}
		out = append(out, sv)
	}
	return out
}
