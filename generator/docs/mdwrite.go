package docs

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// The Markdown file cannot pass a description through as it is: many
// Markdown renderers (wikis, static site generators) keep raw HTML, so a
// description could inject markup. Instead each description is parsed
// (with the same safe link rules as the HTML page) and written back out
// as Markdown in which every piece of text is escaped: raw HTML becomes
// visible text, unsafe links lose their destination, code stays code.

// mdBlock re-emits a description as Markdown blocks, ending without a
// newline. Headings are demoted so they sit below minLevel.
func mdBlock(src string) string { return blockMemo.get(src, writeBlock) }

// writeBlock is mdBlock without the memo.
func writeBlock(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	s := []byte(src)
	w := &mdWriter{src: s}
	w.blocks(parseMarkdown(s), "")
	return strings.TrimRight(w.b.String(), "\n")
}

// mdInline re-emits a description on one line, for a table cell:
// paragraphs are joined with "<br>" (GitHub renders it, and it is ours,
// not the contract's), pipes are escaped.
func mdInline(src string) string { return inlineMemo.get(src, writeInline) }

// writeInline is mdInline without the memo.
func writeInline(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	s := []byte(src)
	var parts []string
	for n := parseMarkdown(s).FirstChild(); n != nil; n = n.NextSibling() {
		w := &mdWriter{src: s, cell: true}
		w.flat(n)
		if p := strings.TrimSpace(w.b.String()); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "<br>")
}

// mdText escapes plain contract text (a name, a summary) for Markdown.
func mdText(s string) string {
	var w mdWriter
	w.text(s, true)
	return w.b.String()
}

// mdCell escapes plain contract text for a table cell.
func mdCell(s string) string {
	w := mdWriter{cell: true}
	w.text(s, true)
	return w.b.String()
}

// mdCode is s as an inline code span (in a table cell when cell is set).
func mdCode(s string, cell bool) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
	if s == "" {
		return ""
	}
	if cell {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return ticks + pad + s + pad + ticks
}

// mdFence is s as a fenced code block with the given info word.
func mdFence(s, lang string) string {
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	return fence + lang + "\n" + strings.TrimRight(s, "\n") + "\n" + fence
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// mdWriter writes Markdown from goldmark's tree.
type mdWriter struct {
	src  []byte
	b    strings.Builder
	cell bool // inside a table cell: one line, pipes escaped
}

// blocks writes the block children of n, each line prefixed.
func (w *mdWriter) blocks(n ast.Node, prefix string) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if !first {
			w.b.WriteString(strings.TrimRight(prefix, " ") + "\n")
		}
		first = false
		w.block(c, prefix)
	}
}

// lines writes text (several lines) with prefix before each.
func (w *mdWriter) lines(text, prefix string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		w.b.WriteString(strings.TrimRight(prefix+l, " ") + "\n")
	}
}

func (w *mdWriter) block(n ast.Node, prefix string) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		w.lines(w.inlineText(n), prefix)
	case *ast.Heading:
		w.lines(strings.Repeat("#", max(n.Level, 5))+" "+w.inlineText(n), prefix)
	case *ast.ThematicBreak:
		w.lines("---", prefix)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lang := ""
		if f, ok := n.(*ast.FencedCodeBlock); ok {
			lang = infoWord(string(f.Language(w.src)))
		}
		w.lines(mdFence(w.rawLines(n), lang), prefix)
	case *ast.HTMLBlock:
		// Raw HTML is shown, not interpreted: as a code block.
		text := w.rawLines(n)
		if n.HasClosure() {
			seg := n.ClosureLine
			text += string(seg.Value(w.src))
		}
		w.lines(mdFence(text, "html"), prefix)
	case *ast.Blockquote:
		var sub mdWriter
		sub.src = w.src
		sub.blocks(n, "")
		w.lines(strings.TrimRight(sub.b.String(), "\n"), prefix+"> ")
	case *ast.List:
		num := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			var sub mdWriter
			sub.src = w.src
			sub.blocks(item, "")
			body := strings.TrimRight(sub.b.String(), "\n")
			if body == "" {
				body = " "
			}
			indent := strings.Repeat(" ", len(marker))
			for i, l := range strings.Split(body, "\n") {
				switch {
				case i == 0:
					w.b.WriteString(strings.TrimRight(prefix+marker+l, " ") + "\n")
				case l == "":
					w.b.WriteString(strings.TrimRight(prefix, " ") + "\n")
				default:
					w.b.WriteString(prefix + indent + l + "\n")
				}
			}
			if !n.IsTight && item.NextSibling() != nil {
				w.b.WriteString(strings.TrimRight(prefix, " ") + "\n")
			}
		}
	case *east.Table:
		w.table(n, prefix)
	default:
		w.lines(w.inlineText(n), prefix)
	}
}

// table writes a GFM table.
func (w *mdWriter) table(t *east.Table, prefix string) {
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			sub := mdWriter{src: w.src, cell: true}
			sub.inlines(c)
			cells = append(cells, strings.TrimSpace(sub.b.String()))
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return
	}
	seps := make([]string, len(rows[0]))
	for i := range seps {
		seps[i] = "---"
		if i < len(t.Alignments) {
			switch t.Alignments[i] {
			case east.AlignLeft:
				seps[i] = ":--"
			case east.AlignRight:
				seps[i] = "--:"
			case east.AlignCenter:
				seps[i] = ":-:"
			}
		}
	}
	out := []string{"| " + strings.Join(rows[0], " | ") + " |", "| " + strings.Join(seps, " | ") + " |"}
	for _, r := range rows[1:] {
		out = append(out, "| "+strings.Join(r, " | ")+" |")
	}
	w.lines(strings.Join(out, "\n"), prefix)
}

// infoWord keeps a code block's language only when it is a plain word.
func infoWord(s string) string {
	for _, r := range s {
		if !(r == '-' || r == '+' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return s
}

// rawLines is the literal text of a code or HTML block.
func (w *mdWriter) rawLines(n ast.Node) string {
	var b bytes.Buffer
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(w.src))
	}
	return b.String()
}

// inlineText renders n's inline children to a string.
func (w *mdWriter) inlineText(n ast.Node) string {
	sub := mdWriter{src: w.src, cell: w.cell}
	sub.inlines(n)
	return sub.b.String()
}

// flat writes a block on one line (for table cells).
func (w *mdWriter) flat(n ast.Node) {
	switch n := n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		w.b.WriteString(mdCode(w.rawLines(n), true))
	case *ast.List, *ast.Blockquote:
		first := true
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if !first {
				w.b.WriteString("<br>")
			}
			first = false
			if _, ok := n.(*ast.List); ok {
				w.b.WriteString("• ")
			}
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				w.flat(cc)
				if cc.NextSibling() != nil {
					w.b.WriteByte(' ')
				}
			}
		}
	case *ast.ThematicBreak:
	case *east.Table:
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				w.inlines(c)
				w.b.WriteString(" ")
			}
		}
	default:
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeBlock {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				w.flat(c)
			}
			return
		}
		w.inlines(n)
	}
}

// inlines writes n's inline children.
func (w *mdWriter) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

func (w *mdWriter) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		w.text(literal(n.Segment.Value(w.src)), false)
		switch {
		case n.HardLineBreak() && !w.cell:
			w.b.WriteString("\\\n")
		case n.SoftLineBreak() && !w.cell:
			w.b.WriteString("\n")
		case n.HardLineBreak() || n.SoftLineBreak():
			w.b.WriteString(" ")
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			w.text(string(n.Value), false)
		} else {
			w.text(literal(n.Value), false)
		}
	case *ast.CodeSpan:
		var b bytes.Buffer
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(w.src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		w.b.WriteString(mdCode(b.String(), w.cell))
	case *ast.Emphasis:
		mark := strings.Repeat("*", n.Level)
		w.b.WriteString(mark)
		w.inlines(n)
		w.b.WriteString(mark)
	case *east.Strikethrough:
		w.b.WriteString("~~")
		w.inlines(n)
		w.b.WriteString("~~")
	case *ast.Link:
		dest := string(n.Destination)
		if dest == "#" || !safeURL(dest) {
			w.inlines(n)
			return
		}
		w.b.WriteString("[")
		w.inlines(n)
		w.b.WriteString("](" + linkDest(dest) + ")")
	case *ast.AutoLink:
		u := string(n.URL(w.src))
		if !safeURL(u) {
			w.text(string(n.Label(w.src)), false)
			return
		}
		w.b.WriteString("[")
		w.text(string(n.Label(w.src)), false)
		w.b.WriteString("](" + linkDest(u) + ")")
	case *ast.RawHTML:
		// Shown as the text it is.
		segs := n.Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			w.text(string(seg.Value(w.src)), false)
		}
	case *east.TaskCheckBox:
		if n.IsChecked {
			w.b.WriteString("[x] ")
		} else {
			w.b.WriteString("[ ] ")
		}
	default:
		w.inlines(n)
	}
}

// linkDest writes a link destination so that nothing in it ends the link
// early: spaces, parentheses and angle brackets are percent-encoded.
func linkDest(u string) string {
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\\", "%5C")
	return r.Replace(u)
}

// literal resolves a text segment's backslash escapes and entity
// references into the characters they stand for.
func literal(b []byte) string {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// text writes literal text escaped so that Markdown shows it as it is.
// Characters that start inline constructs are backslash-escaped
// everywhere; characters that start blocks are escaped at the start of a
// line (always when whole is set: the text stands alone).
func (w *mdWriter) text(s string, whole bool) {
	atLineStart := whole || w.b.Len() == 0 || strings.HasSuffix(w.b.String(), "\n")
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '~', '|', '!':
			w.b.WriteByte('\\')
		case '#', '+', '-', '=':
			if atLineStart {
				w.b.WriteByte('\\')
			}
		case '.', ')':
			if atLineStart && i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && leadingDigits(s[:i]) {
				w.b.WriteByte('\\')
			}
		case '\n', '\r':
			if w.cell || whole {
				w.b.WriteByte(' ')
				continue
			}
		}
		w.b.WriteByte(c)
		if c != ' ' && !(c >= '0' && c <= '9') {
			atLineStart = c == '\n'
		}
	}
}

// leadingDigits reports whether s is all digits (an ordered-list marker
// in the making).
func leadingDigits(s string) bool {
	s = strings.TrimLeft(s, " ")
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
