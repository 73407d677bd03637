package docs

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/generator"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"listPets":            "listPets",
		"repos/create-fork":   "repos-create-fork",
		"get /items/{id}":     "get-items-id",
		`"><script>`:          "script",
		"a.b":                 "a-b",
		"":                    "x",
		"////":                "x",
		"snake_case__ok":      "snake_case__ok",
		"ünïcode":             "n-code",
		"trailing!!!":         "trailing",
		"x\u00a0y":            "x-y",
		"../../etc/passwd":    "etc-passwd",
		"id with\nnewline":    "id-with-newline",
		"emoji 🎉 in the name": "emoji-in-the-name",
	} {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	var a anchors
	got := []string{a.id("operation", "a/b"), a.id("operation", "a-b"), a.id("operation", "a b"), a.id("schema", "a-b")}
	want := []string{"operation-a-b", "operation-a-b-2", "operation-a-b-3", "schema-a-b"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
}

func TestGithubSlugs(t *testing.T) {
	var g githubSlugs
	got := []string{g.slug("List items"), g.slug("GET /items/{id}"), g.slug("List items"), g.slug("Ça va?"), g.slug("a_b-c")}
	want := []string{"list-items", "get-itemsid", "list-items-1", "ça-va", "a_b-c"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("slugs (-want +got):\n%s", diff)
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com":          true,
		"http://example.com/a?b#c":     true,
		"mailto:team@example.com":      true,
		"#operation-x":                 true,
		"/relative/path":               true,
		"relative/path?x=1:2":          true,
		"//example.com/protocol-rel":   true,
		"javascript:alert(1)":          false,
		"JavaScript:alert(1)":          false,
		" javascript:alert(1)":         false,
		"java\tscript:alert(1)":        false,
		"java\nscript:alert(1)":        false,
		"\x01javascript:alert(1)":      false,
		"java%09script:alert(1)":       false,
		"vbscript:msgbox":              false,
		"data:text/html,<script>":      false,
		"data:image/png;base64,AAAA":   false,
		"file:///etc/passwd":           false,
		"ftp://example.com":            false,
		"blob:https://example.com/uid": false,
	} {
		if got := safeURL(u); got != want {
			t.Errorf("safeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestRenderHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain *em* `code`", "<p>plain <em>em</em> <code>code</code></p>\n"},
		{"<script>alert(1)</script>", "<pre class=\"rawhtml\"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>\n"},
		{"a <img src=x onerror=alert(1)> b", "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n"},
		{"line<br>break and <b>bold</b>", "<p>line<br>break and <b>bold</b></p>\n"},
		{`<b onclick="x">bold</b>`, "<p>&lt;b onclick=&quot;x&quot;&gt;bold</b></p>\n"},
		{"[x](javascript:alert(1))", "<p><a href=\"#\" rel=\"nofollow noopener noreferrer\">x</a></p>\n"},
		{"[x](java&#9;script:alert(1))", "<p><a href=\"#\" rel=\"nofollow noopener noreferrer\">x</a></p>\n"},
		{"[x](https://e.com)", "<p><a href=\"https://e.com\" rel=\"nofollow noopener noreferrer\">x</a></p>\n"},
		{"![alt](http://tracker/p.png)", "<p><a href=\"http://tracker/p.png\" rel=\"nofollow noopener noreferrer\">alt</a></p>\n"},
		{"<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
		{"# Title", "<h4>Title</h4>\n"},
		{"| a |\n|:-|\n| b |", "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">b</td>\n</tr>\n</tbody>\n</table>\n"},
		{"  ", ""},
	} {
		if got := string(renderHTML(tc.in)); got != tc.want {
			t.Errorf("renderHTML(%q):\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"text", mdText, "a *b* _c_ <d> [e](f) `g` | h", "a \\*b\\* \\_c\\_ \\<d\\> \\[e\\](f) \\`g\\` \\| h"},
		{"text heading", mdText, "# not a heading", "\\# not a heading"},
		{"text list", mdText, "1. not a list", "1\\. not a list"},
		{"text entity", mdText, "&lt;b&gt;", "\\&lt;b\\&gt;"},
		{"cell newline", mdCell, "a\nb | c", "a b \\| c"},
		{"code", func(s string) string { return mdCode(s, false) }, "a`b", "``a`b``"},
		{"code edge", func(s string) string { return mdCode(s, false) }, "`x", "`` `x ``"},
		{"code cell", func(s string) string { return mdCode(s, true) }, "a|b", "`a\\|b`"},
		{"fence", func(s string) string { return mdFence(s, "json") }, "```\nx", "````json\n```\nx\n````"},
		{"block raw html", mdBlock, "<script>x</script>", "```html\n<script>x</script>\n```"},
		{"block inline html", mdBlock, "a <img onerror=x> b", "a \\<img onerror=x\\> b"},
		{"block link", mdBlock, "[ok](<https://e.com/a b(c)>) [bad](javascript:x)", "[ok](https://e.com/a%20b%28c%29) bad"},
		{"block keeps markup", mdBlock, "*em* **strong** `code`\n\n- a\n- b", "*em* **strong** `code`\n\n- a\n- b"},
		{"block escapes", mdBlock, "\\<not html\\>", "\\<not html\\>"},
		{"inline paragraphs", mdInline, "one | two\n\nthree", "one \\| two<br>three"},
		{"inline code pipe", mdInline, "`a|b`", "`a\\|b`"},
	} {
		if got := tc.f(tc.in); got != tc.want {
			t.Errorf("%s: %q →\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// unsafeMarkdown parses Markdown the way a permissive renderer would (raw
// HTML kept) and reports raw HTML other than our own <br> and generated
// marker, and links to unsafe destinations.
func unsafeMarkdown(md []byte) []string {
	p := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	doc := p.Parse(text.NewReader(md))
	var bad []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(md))
			}
			if n.Lines().At(0).Start != 0 || b.String() != generator.MarkupHeader+"\n" {
				bad = append(bad, "HTML block: "+b.String())
			}
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(md))
			}
			if b.String() != "<br>" {
				bad = append(bad, "raw HTML: "+b.String())
			}
		case *ast.Link:
			if !safeURL(literal(n.Destination)) {
				bad = append(bad, "link: "+string(n.Destination))
			}
		case *ast.AutoLink:
			if !safeURL(string(n.URL(md))) {
				bad = append(bad, "autolink: "+string(n.URL(md)))
			}
		case *ast.Image:
			bad = append(bad, "image: "+string(n.Destination))
		}
		return ast.WalkContinue, nil
	})
	return bad
}

var (
	tagRE     = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
	handlerRE = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	hrefRE    = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"`)
)

// TestXSSOutputs checks the XSS contract's outputs without a browser: the
// page holds no element, attribute or link from the contract, and the
// Markdown read by a renderer that keeps raw HTML has none.
func TestXSSOutputs(t *testing.T) {
	for _, mode := range pageModes {
		files, err := Generate(load(t, "testdata/xss/openapi.yaml"), mode.opts)
		if err != nil {
			t.Fatal(err)
		}
		checkOutputs(t, mode.name, files)
	}
}

// checkOutputs asserts that a page and its Markdown carry no markup from
// the contract (see TestXSSOutputs).
func checkOutputs(t *testing.T, name string, files []generator.File) {
	t.Helper()
	page := string(files[0].Data)
	// The JSON block is script data, not markup: it must not be able to
	// end its element; strings in it are set with textContent, and
	// operation bodies in it are checked with the page.
	const open, close = `<script type="application/json" id="schema-data">`, "</script>"
	i := strings.Index(page, open)
	j := strings.Index(page[i:], close)
	if i < 0 || j < 0 {
		t.Fatalf("%s: no schema data block", name)
	}
	data := page[i+len(open) : i+j]
	if strings.Contains(strings.ToLower(data), "<!--") {
		t.Errorf("%s: the JSON block contains <!--", name)
	}
	var parsed struct{ O map[string]string }
	if err := json.Unmarshal(unpack(t, data), &parsed); err != nil {
		t.Fatalf("%s: the JSON block does not parse: %v", name, err)
	}
	page = page[:i] + page[i+j+len(close):]
	for _, body := range parsed.O {
		page += body
	}
	// Contract text is escaped, so every '<' left opens our own tags:
	// none may load anything, carry a handler or link off the page
	// other than to http(s) and mailto.
	for _, tag := range tagRE.FindAllString(page, -1) {
		tname := strings.ToLower(tagRE.FindStringSubmatch(tag)[1])
		switch {
		case tname == "img" || tname == "iframe" || tname == "object" || tname == "embed" || tname == "svg" || tname == "form" || tname == "base":
			t.Errorf("%s: page has a <%s> tag: %s", name, tname, tag)
		case handlerRE.MatchString(tag):
			t.Errorf("%s: page has an event handler: %s", name, tag)
		}
		if m := hrefRE.FindStringSubmatch(tag); m != nil && !safeURL(m[1]) {
			t.Errorf("%s: page links to %q", name, m[1])
		}
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%s: page has %d <script elements besides its data, want 1 (its code)", name, n)
	}
	for _, bad := range unsafeMarkdown(files[1].Data) {
		t.Errorf("%s: API.md: %s", name, bad)
	}
}

// unpack returns the page's JSON data, gunzipping it when it is packed
// (a base64 JSON string), and checks that a packed block is only that.
func unpack(t *testing.T, data string) []byte {
	t.Helper()
	var packed string
	if json.Unmarshal([]byte(data), &packed) != nil {
		return []byte(data)
	}
	if strings.Trim(packed, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != "" {
		t.Fatal("the packed data block holds more than base64")
	}
	z, err := base64.StdEncoding.DecodeString(packed)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzDescription: whatever a description holds, the HTML has no script,
// event handler or unsafe link, and the Markdown has no raw HTML.
func FuzzDescription(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](java&#9;script:x)",
		"<img src=x onerror=alert(1)>", "`code` | pipe", "# h\n\n- a\n- b\n\n> q", "<div>\n\n*x*\n\n</div>",
		"![i](http://x/y.png)", "<javascript:x>", "a\\\nb", "| a | b |\n|---|---|\n| <b>c</b> | d |",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := strings.ToLower(string(renderHTML(s)))
		for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "<object", "<style", "<a href=\"javascript:", " on"} {
			if bad == " on" {
				// An event handler attribute inside a tag.
				for _, tag := range strings.Split(h, "<")[1:] {
					tag, _, _ = strings.Cut(tag, ">")
					if strings.Contains(tag, " on") && !strings.HasPrefix(tag, "/") {
						t.Fatalf("renderHTML(%q) has a tag with an on* attribute: <%s>", s, tag)
					}
				}
				continue
			}
			if strings.Contains(h, bad) {
				t.Fatalf("renderHTML(%q) contains %q: %s", s, bad, h)
			}
		}
		// One-line forms are checked where they are used: in a table cell.
		cell := func(md string) string { return "| a |\n| --- |\n| " + md + " |\n" }
		for _, md := range []string{mdBlock(s), cell(mdInline(s)), mdText(s), cell(mdCell(s))} {
			if bad := unsafeMarkdown([]byte(md)); len(bad) > 0 {
				t.Fatalf("Markdown of %q is unsafe: %v\n%s", s, bad, md)
			}
		}
		if strings.Contains(mdInline(s), "\n") || strings.Contains(mdCell(s), "\n") {
			t.Fatalf("one-line Markdown of %q has a newline", s)
		}
	})
}

func TestShellWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "'plain'"},
		{"it's", `'it'\''s'`},
		{"$(rm -rf /) `x` $HOME", "'$(rm -rf /) `x` $HOME'"},
		{"Authorization: Bearer " + shVar("TOKEN"), `'Authorization: Bearer '"$TOKEN"`},
		{shVar("A") + ":" + shVar("B"), `"$A"':'"$B"`},
		{"", "''"},
	} {
		if got := shellWord(tc.in); got != tc.want {
			t.Errorf("shellWord(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	// The shell agrees: each word is read back as one argument, unexpanded.
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, in := range []string{"it's", "$(echo pwned)", "a\nb", "\\", "'\"'", "`id`"} {
		out, err := exec.Command(sh, "-c", "printf %s "+shellWord(lit(in))).Output()
		if err != nil || string(out) != in {
			t.Errorf("sh read %s as %q (%v), want %q", shellWord(in), out, err, in)
		}
	}
}
