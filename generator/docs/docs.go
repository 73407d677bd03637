// Package docs renders a contract.Model as documentation for people: one
// self-contained HTML page (inline CSS and script, nothing fetched, works
// from file:// offline) and the same content as GitHub-flavoured Markdown.
//
// Every string from the contract is untrusted. The HTML page is built with
// html/template, which escapes by context; descriptions are CommonMark
// rendered by goldmark with raw HTML dropped and only http, https, mailto
// and relative links kept; and the page carries a Content-Security-Policy
// that allows only its own script (by hash) and no network access at all,
// so even a mistake in escaping could neither run a script nor call home.
// The Markdown re-emits descriptions from their parsed form, so raw HTML
// in a description shows up as text.
package docs

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/templates"
)

// Options tune the documentation.
type Options struct {
	// Title replaces the contract's info.title.
	Title string
	// HTML and Markdown are the output file names; empty means
	// "index.html" and "API.md". "-" leaves that output out.
	HTML     string
	Markdown string
	// LazyAbove is the number of operations above which the page draws
	// each operation's body only as it nears the viewport, so a contract
	// of a thousand operations opens in seconds; 0 means
	// DefaultLazyAbove, a negative number never.
	LazyAbove int
}

// DefaultLazyAbove is the operation count above which bodies are drawn on
// demand: below it a page parses in well under a second anyway, and a
// fully drawn page lets the browser's find-in-page see everything.
const DefaultLazyAbove = 150

// Default output names.
const (
	DefaultHTML     = "index.html"
	DefaultMarkdown = "API.md"
)

// Target is the "docs" target of toolkit gen: it produces the page and the
// Markdown with Options.
type Target struct{ Options Options }

var _ generator.Target = Target{}

// Name implements generator.Target.
func (Target) Name() string { return "docs" }

// Generate implements generator.Target; the Go package options are unused.
func (t Target) Generate(m *contract.Model, _ generator.Options) ([]generator.File, error) {
	return Generate(m, t.Options)
}

// Generate renders the documentation of m.
func Generate(m *contract.Model, opts Options) ([]generator.File, error) {
	htmlName, mdName := opts.HTML, opts.Markdown
	if htmlName == "" {
		htmlName = DefaultHTML
	}
	if mdName == "" {
		mdName = DefaultMarkdown
	}
	t, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	defer startMemos()()
	v := buildView(m, opts)
	// The Markdown renders while the page does, on another core: it reads
	// the view and its trees and none of what the page's lazy data sets
	// (the ids of lazily drawn trees and operations, the data block).
	var md []byte
	mdDone := make(chan error, 1)
	go func() {
		if mdName == "-" {
			mdDone <- nil
			return
		}
		var b bytes.Buffer
		if err := t.md.ExecuteTemplate(&b, "markdown", v); err != nil {
			mdDone <- fmt.Errorf("docs: rendering %s: %w", mdName, err)
			return
		}
		md = tidyMarkdown([]byte(generator.MarkupHeader+"\n\n"), b.Bytes())
		mdDone <- nil
	}()
	files, err := renderPage(t, v, htmlName, opts)
	if mdErr := <-mdDone; mdErr != nil {
		return nil, mdErr
	}
	if err != nil {
		return nil, err
	}
	if md != nil {
		files = append(files, generator.File{Name: mdName, Data: md})
	}
	return files, nil
}

// renderPage renders the HTML page of v as htmlName, none for "-".
func renderPage(t *parsed, v *view, htmlName string, opts Options) ([]generator.File, error) {
	var files []generator.File
	if htmlName != "-" {
		lazyAbove := opts.LazyAbove
		if lazyAbove == 0 {
			lazyAbove = DefaultLazyAbove
		}
		body := func(o *opView) (string, error) {
			var b strings.Builder
			err := t.page.ExecuteTemplate(&b, "opbody", o)
			return b.String(), err
		}
		if err := v.lazyTrees(lazyAbove > 0 && v.OpCount > lazyAbove, body); err != nil {
			return nil, fmt.Errorf("docs: %w", err)
		}
		var b bytes.Buffer
		if err := t.page.ExecuteTemplate(&b, "page", pageData{view: v, Assets: t.assets}); err != nil {
			return nil, fmt.Errorf("docs: rendering %s: %w", htmlName, err)
		}
		// The page comes first in the file list.
		files = append([]generator.File{{Name: htmlName, Data: markPage(b.Bytes())}}, files...)
	}
	return files, nil
}

// markPage puts generator.MarkupHeader on the line after the page's
// doctype (a comment before it would put old browsers in quirks mode), so
// a later run knows the page is its own to replace and never overwrites a
// user's index.html; the Markdown file starts with the same comment.
func markPage(page []byte) []byte {
	i := bytes.IndexByte(page, '\n') + 1
	out := make([]byte, 0, len(page)+len(generator.MarkupHeader)+1)
	out = append(out, page[:i]...)
	out = append(out, generator.MarkupHeader+"\n"...)
	return append(out, page[i:]...)
}

// pageData is what the page template sees: the view and the page's own
// CSS and script.
type pageData struct {
	*view
	Assets assets
}

// assets are the page's inline style and script, with the hashes the
// Content-Security-Policy allows them by.
type assets struct {
	CSS     htmltemplate.CSS
	JS      htmltemplate.JS
	CSSHash string
	JSHash  string
}

type parsed struct {
	page   *htmltemplate.Template
	md     *texttemplate.Template
	assets assets
}

// loadTemplates parses templates/docs once.
var loadTemplates = sync.OnceValues(func() (*parsed, error) {
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(templates.FS, "docs/"+name)
		if err != nil {
			return "", fmt.Errorf("docs: template %s: %w", name, err)
		}
		return string(b), nil
	}
	css, err := read("page.css")
	if err != nil {
		return nil, err
	}
	js, err := read("page.js")
	if err != nil {
		return nil, err
	}
	p := &parsed{assets: assets{
		CSS: htmltemplate.CSS(css), JS: htmltemplate.JS(js),
		CSSHash: cspHash(css), JSHash: cspHash(js),
	}}
	page, err := read("page.html.tmpl")
	if err != nil {
		return nil, err
	}
	if p.page, err = htmltemplate.New("page").Funcs(htmlFuncs).Parse(page); err != nil {
		return nil, fmt.Errorf("docs: page.html.tmpl: %w", err)
	}
	md, err := read("api.md.tmpl")
	if err != nil {
		return nil, err
	}
	if p.md, err = texttemplate.New("markdown").Funcs(mdFuncs).Parse(md); err != nil {
		return nil, fmt.Errorf("docs: api.md.tmpl: %w", err)
	}
	return p, nil
})

// cspHash is the Content-Security-Policy source for an inline element's
// exact text.
func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// tidyMarkdown appends to dst the Markdown b with the runs of blank lines
// the template's conditionals leave behind collapsed (outside fenced code,
// whose text is kept exactly), trailing spaces cut, and one newline at the
// end. It reads b line by line in place and writes each line once: on
// GitHub's description (8.8 MB of Markdown) splitting into strings and
// joining them again copied the text five times over.
func tidyMarkdown(dst, b []byte) []byte {
	start := len(dst)
	if cap(dst)-start < len(b)+1 {
		dst = append(make([]byte, 0, start+len(b)+1), dst...)
	}
	blank := 0
	var fence []byte
	first := true
	line := func(l []byte) {
		if !first {
			dst = append(dst, '\n')
		}
		first = false
		dst = append(dst, l...)
	}
	for rest := b; rest != nil; {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if fence != nil {
			line(l)
			if bytes.Equal(bytes.TrimSpace(l), fence) {
				fence = nil
			}
			continue
		}
		if t := bytes.TrimLeft(l, " "); bytes.HasPrefix(t, []byte("```")) {
			n := 0
			for n < len(t) && t[n] == '`' {
				n++
			}
			fence = t[:n]
			blank = 0
			line(bytes.TrimRight(l, " "))
			continue
		}
		if len(bytes.TrimSpace(l)) == 0 {
			blank++
			if blank > 1 {
				continue
			}
			line(nil)
			continue
		}
		blank = 0
		line(bytes.TrimRight(l, " "))
	}
	// The whole text trimmed, as one string would be.
	text := bytes.TrimSpace(dst[start:])
	dst = append(dst[:start], text...)
	return append(dst, '\n')
}
