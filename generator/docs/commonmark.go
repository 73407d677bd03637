package docs

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// Descriptions in a contract are CommonMark written by whoever wrote the
// contract: untrusted. They are rendered to HTML by goldmark, which
// replaces raw HTML with a comment unless asked not to (we never ask), and
// then made safer still by safeLinks: only http, https and mailto links and
// relative references survive, images become plain links (so opening the
// page never fetches anything), and headings are demoted below the page's
// own.

// markdown is the shared goldmark instance; goldmark parsers are safe for
// concurrent use once built.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), extension.Strikethrough, extension.Linkify, extension.TaskList),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 1000))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 10))),
	)
})

// rawHTMLAsText renders the raw HTML of a description as visible text
// (goldmark's default drops it silently), except a few attribute-less
// inline formatting tags that contracts commonly use and that can do no
// harm: <br>, <b>, <i>, <em>, <strong>, <code> and the like.
type rawHTMLAsText struct{}

func (rawHTMLAsText) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		var raw bytes.Buffer
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			raw.Write(seg.Value(src))
		}
		if harmlessTag().Match(raw.Bytes()) {
			_, _ = w.Write(bytes.ToLower(raw.Bytes()))
		} else {
			_, _ = w.Write(util.EscapeHTML(raw.Bytes()))
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.HTMLBlock)
		_, _ = w.WriteString(`<pre class="rawhtml"><code>`)
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		if n.HasClosure() {
			seg := n.ClosureLine
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	})
}

// harmlessTag matches an inline formatting tag with no attributes.
var harmlessTag = lazyre.New(`^(?i)</?(b|i|em|strong|code|br|sup|sub|kbd|u|s|tt|small|mark|var|samp|del|ins)\s*/?>$`)

// renderHTML renders a description to safe HTML. Empty input gives "".
func renderHTML(src string) template.HTML { return htmlMemo.get(src, convertHTML) }

// convertHTML is renderHTML without the memo.
func convertHTML(src string) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	var b bytes.Buffer
	if err := markdown().Convert([]byte(src), &b); err != nil {
		// goldmark only fails on writer errors; a bytes.Buffer has none.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(b.String())
}

// parseMarkdown parses a description into goldmark's tree with the same
// options and transformations as renderHTML.
func parseMarkdown(src []byte) ast.Node {
	return markdown().Parser().Parse(text.NewReader(src))
}

// safeLinks rewrites a parsed description so that rendering it can run
// nothing and load nothing.
type safeLinks struct{}

// headingShift demotes description headings: a "# Title" in an operation's
// description must not outrank the operation itself.
const headingShift = 3

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var images []*ast.Image
	var autos []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+headingShift, 6)
		case *ast.Link:
			if !safeURL(literal(n.Destination)) {
				n.Destination = []byte("#")
			}
			n.SetAttributeString("rel", []byte("nofollow noopener noreferrer"))
		case *ast.Image:
			images = append(images, n)
		case *ast.AutoLink:
			autos = append(autos, n)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		// An image becomes a link to it, labelled with its alt text.
		l := ast.NewLink()
		l.Destination, l.Title = img.Destination, img.Title
		if !safeURL(literal(l.Destination)) {
			l.Destination = []byte("#")
		}
		l.SetAttributeString("rel", []byte("nofollow noopener noreferrer"))
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			l.AppendChild(l, c)
			c = next
		}
		if l.ChildCount() == 0 {
			l.AppendChild(l, ast.NewString([]byte("image")))
		}
		img.Parent().ReplaceChild(img.Parent(), img, l)
	}
	for _, a := range autos {
		if safeURL(string(a.URL(src))) {
			continue
		}
		a.Parent().ReplaceChild(a.Parent(), a, ast.NewString(a.Label(src)))
	}
}

// safeURL reports whether a link destination (with its backslash escapes
// and character references already resolved) may be followed: a relative
// reference, or an absolute URL with scheme http, https or mailto.
// Browsers ignore ASCII tabs, newlines and leading control characters and
// spaces in URLs ("java\tscript:"), so those are removed before looking at
// the scheme.
func safeURL(u string) bool {
	if d, err := url.PathUnescape(u); err == nil && d != u && !safeURL(d) {
		return false // be strict: refuse what would be unsafe decoded
	}
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.ToLower(b.String())
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // no scheme: relative
	}
	switch s[:i] {
	case "http", "https", "mailto":
		return true
	}
	return false
}
