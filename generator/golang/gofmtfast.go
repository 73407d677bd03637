package golang

import (
	"bytes"
	doccomment "go/doc/comment"
	"go/scanner"
	"go/token"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fastFormat formats decl, top-level declarations of jennifer's
// unformatted text as splitDecls cuts them (comments before them and the
// newlines after included), without go/format: it reads the tokens, builds
// a small tree of the constructs it knows and prints that tree as
// go/printer prints them (spacing of binary expressions by precedence and
// depth, indentation by nesting, line breaks where the source has them).
// It reports false, and go/format formats the declaration, as soon as it
// meets anything else: a construct it does not know, a comment anywhere
// but on a line of its own (before a declaration, a field, a method or a
// statement) or after a struct field, a line break or an empty
// line where gofmt's output would depend on more than the nesting, and
// columns it does not compute as go/printer and its tab writer do (it
// does compute key: value elements on lines of their own, struct fields,
// tags and trailing comments, const groups). The output is gofmt's byte
// for byte (TestFastFormatSameAsGofmt over the goldens and the corpus,
// FuzzFastFormat); it ends with one newline.
//
// The parser recurses with the nesting of the source; fastMaxDepth bounds
// it, the levels a loop adds (operator chains, selectors, calls, indexes)
// counted too, so that the printer's recursion over the tree is bounded
// as well (TestFastFormatDeep).
func fastFormat(decl []byte) ([]byte, bool) {
	var p fparser
	return p.format(nil, decl)
}

// format is fastFormat appending to dst (dst as it was when it reports
// false). A parser formats one declaration after another reusing its
// tokens' and nodes' memory: on GitHub's description they would be
// gigabytes of allocations otherwise.
func (p *fparser) format(dst, decl []byte) ([]byte, bool) {
	p.reset()
	// What fastFormat does not follow go/printer in, it leaves to it: \r
	// and \f anywhere (the scanner drops \r from a comment's text but not
	// from its positions; \f cuts the tab writer's columns).
	if bytes.ContainsAny(decl, "\r\f") {
		return dst, false
	}
	if !p.scan(decl) {
		return dst, false
	}
	var out fprinter
	out.buf = dst
	out.big = len(decl) > sizeInfinity
	n0 := len(dst)
	res, ok := p.print(&out, n0)
	if !ok {
		return dst[:n0], false
	}
	return res, true
}

// reset readies p for another declaration, keeping its memory.
func (p *fparser) reset() {
	toks, chunks := p.toks[:0], p.chunks
	*p = fparser{toks: toks, chunks: chunks}
	if len(chunks) > 0 {
		p.slab = chunks[0][:0]
	}
}

// print parses p's tokens and prints them to out, whose text so far ends
// at n0.
func (p *fparser) print(out *fprinter, n0 int) ([]byte, bool) {
	first := true
	for p.tok().t != token.EOF {
		t := p.tok()
		if !first {
			out.buf = append(out.buf, '\n')
			if t.blank {
				out.buf = append(out.buf, '\n')
			}
		}
		first = false
		if t.t == token.COMMENT {
			if p.i > 0 && (p.toks[p.i-1].line == t.line || !t.blank) {
				return nil, false
			}
			lines, ok := p.comments()
			if !ok {
				return nil, false
			}
			for i, l := range lines {
				if i > 0 {
					out.buf = append(out.buf, '\n')
				}
				out.buf = append(out.buf, l...)
			}
			continue
		}
		if p.i > 0 && !t.blank && p.toks[p.i-1].t != token.COMMENT {
			return nil, false // gofmt may put an empty line between
		}
		p.brkOK = true
		d := p.topDecl()
		if d == nil || !p.ok {
			return nil, false
		}
		out.node(d, 1)
		if !out.ok {
			return nil, false
		}
	}
	if first {
		return nil, false
	}
	out.buf = append(out.buf, '\n')
	return out.buf, true
}

// fastMaxDepth bounds the parser's recursion: deeper source goes to
// go/format.
const fastMaxDepth = 200

// comments reads a comment group: comments on lines of their own, one
// after the other. gofmt reformats one that ends on the line before the
// next token as a doc comment (go/doc/comment, as go/printer's
// formatDocComment: jennifer writes every comment in column 1), and
// prints any other as written; comments returns the lines it prints.
func (p *fparser) comments() ([]string, bool) {
	var group []string
	for {
		c := p.tok()
		group = append(group, c.lit)
		p.i++
		if n := p.tok(); n.t != token.COMMENT || n.blank || n.line != c.line+1 {
			break
		}
	}
	last := p.toks[p.i-1].line
	next := p.tok()
	var text strings.Builder
	for _, c := range group {
		after, ok := strings.CutPrefix(c, "// ")
		if c == "//" {
			after, ok = "", true
		}
		if !ok || strings.ContainsAny(c, "\t\r") {
			return nil, false // a directive, or what go/printer may not print as is
		}
		text.WriteString(after)
		text.WriteByte('\n')
	}
	if next.t == token.EOF || next.blank || next.line != last+1 || !next.col1 || !p.toks[p.i-len(group)].col1 {
		for _, c := range group {
			if strings.HasSuffix(c, " ") {
				return nil, false
			}
		}
		return group, true
	}
	if strings.TrimSpace(text.String()) == "" {
		return nil, false // gofmt drops it
	}
	plain := true
	for _, c := range group {
		plain = plain && plainDoc(c)
	}
	if plain {
		return group, true
	}
	var cp doccomment.Parser
	var pr doccomment.Printer
	formatted := string(pr.Comment(cp.Parse(text.String())))
	var out []string
	for formatted != "" {
		var line string
		line, formatted, _ = strings.Cut(formatted, "\n")
		line = strings.TrimRight(line, " \t")
		switch {
		case line == "":
			line = "//"
		case line[0] == '\t':
			line = "//" + line
		default:
			line = "// " + line
		}
		out = append(out, line)
	}
	return out, len(out) > 0
}

// plainDoc reports whether a line of a doc comment is one that
// go/doc/comment prints as written whatever lines are around it, so that
// a group of such lines needs no parsing: "// " and text that neither
// starts with what reads as a list, a heading, a code block or a link
// definition, nor has typographic quotes to make, a tab or a trailing
// space. (Without an empty line in the group there are no headings.)
func plainDoc(c string) bool {
	text, ok := strings.CutPrefix(c, "// ")
	if !ok || text == "" {
		return false
	}
	switch text[0] {
	case ' ', '-', '*', '+', '#', '[', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return false
	}
	return !strings.HasPrefix(text, "•") && !strings.ContainsAny(text, "\t\r") &&
		!strings.Contains(text, "``") && !strings.Contains(text, "''") && !strings.HasSuffix(text, " ")
}

// trailing reports whether a comment after code on its line is printed
// as written.
func trailing(c string) bool {
	return strings.HasPrefix(c, "// ") && !strings.ContainsAny(c, "\t\r") && !strings.HasSuffix(c, " ")
}

// ftok is one token of the source: its kind, its text for names,
// literals and comments, its line, and whether an empty line is before it.
type ftok struct {
	t     token.Token
	lit   string
	line  int
	blank bool
	// col1 says it starts a line.
	col1 bool
}

type fparser struct {
	toks  []ftok
	i     int
	depth int
	ok    bool
	// slab is chunks[chunk] being filled; chunks are kept for the next
	// declaration (reset).
	slab   []fnode
	chunks [][]fnode
	chunk  int
	// variadic lets the next type be "...T" (a parameter's).
	variadic bool
	// typeSwitch is set in a switch header, where x.(type) may be;
	// typeAsserts counts them.
	typeSwitch  bool
	typeAsserts int
	// brkOK lets the next token start a line.
	brkOK bool
	// noLit is set in an if, for or switch header, where a name before
	// "{" is not a composite literal's type (as go/parser's exprLev < 0).
	noLit bool
}

// scan reads src's tokens; automatic semicolons are kept (lit "\n"), an
// explicit one has lit ";".
func (p *fparser) scan(src []byte) bool {
	var s scanner.Scanner
	fs := token.NewFileSet()
	bad := false
	s.Init(fs.AddFile("", -1, len(src)), src, func(token.Position, string) { bad = true }, scanner.ScanComments)
	line, at := 1, 0
	p.toks = p.toks[:0]
	for {
		pos, t, lit := s.Scan()
		off := int(pos) - 1
		if t == token.EOF {
			off = len(src)
		}
		// Only white space is between the last token's end and this one.
		nl := bytes.Count(src[at:off], []byte{'\n'})
		blank := nl >= 2
		line += nl
		at = off
		if t == token.SEMICOLON && lit == "\n" {
			// An automatic semicolon is at the newline (or the end).
			p.toks = append(p.toks, ftok{t: t, lit: lit, line: line})
			continue
		}
		if t == token.ILLEGAL || bad {
			return false
		}
		switch t {
		case token.INT:
			if !plainInt(lit) {
				return false
			}
		case token.FLOAT:
			if strings.Trim(lit, "0123456789.e+-") != "" {
				return false // gofmt lower-cases an exponent's E
			}
		case token.IMAG, token.CHAR:
			return false
		case token.STRING:
			// lit is the source's text (no \r, see format): check it in
			// place, not a copy of every string.
			if lit[0] == '"' && !goStringLit(src[off:off+len(lit)]) {
				return false
			}
			if lit[0] == '`' && strings.ContainsAny(lit, "\r\n") {
				return false
			}
		case token.COMMENT:
			// gofmt trims any Unicode white space off a comment's end;
			// the printing here trims (or refuses) spaces and tabs only.
			if strings.HasPrefix(lit, "/*") || strings.Trim(lit[len(strings.TrimRightFunc(lit, unicode.IsSpace)):], " \t") != "" {
				return false
			}
		}
		col1 := off == 0 || off <= len(src) && src[off-1] == '\n'
		p.toks = append(p.toks, ftok{t: t, lit: lit, line: line, blank: blank, col1: col1})
		if t == token.EOF {
			break
		}
		if lit != "" {
			at += len(lit)
		} else {
			at += len(t.String())
		}
	}
	p.ok = true
	return true
}

// plainInt reports whether lit is a decimal integer gofmt prints as
// written.
func plainInt(lit string) bool {
	if lit == "0" {
		return true
	}
	if lit[0] == '0' {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if lit[i] < '0' || lit[i] > '9' {
			return false
		}
	}
	return true
}

func (p *fparser) tok() ftok { return p.toks[p.i] }

// mk returns a new node holding n, from a slab: one allocation for many
// nodes (a declaration of GitHub's makes thousands).
func (p *fparser) mk(n fnode) *fnode {
	if len(p.slab) == cap(p.slab) {
		p.chunk++
		if p.chunk >= len(p.chunks) {
			p.chunks = append(p.chunks, make([]fnode, 0, 8<<min(len(p.chunks), 5)))
			p.chunk = len(p.chunks) - 1
		}
		p.slab = p.chunks[p.chunk][:0]
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// peek is the token n after the current one (EOF past the end).
func (p *fparser) peek(n int) ftok {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return ftok{t: token.EOF}
}

func (p *fparser) fail() *fnode {
	p.ok = false
	return nil
}

// next consumes the current token, which must be on the line of the one
// before it unless brkOK is set (then it may start a line, but not after
// an empty one).
func (p *fparser) next() ftok {
	t := p.toks[p.i]
	if p.brkOK {
		p.brkOK = false
		if t.blank {
			p.ok = false
		}
	} else if p.i > 0 && t.line != p.toks[p.i-1].line {
		p.ok = false
	}
	if t.t != token.EOF {
		p.i++
	}
	return t
}

func (p *fparser) expect(t token.Token) {
	if p.tok().t != t {
		p.ok = false
		return
	}
	p.next()
}

// prevLine is the line of the last token consumed.
func (p *fparser) prevLine() int { return p.toks[p.i-1].line }

type fkind uint8

const (
	fLeaf        fkind = iota // a name or literal: text
	fSel                      // x.text
	fCall                     // x(list), ellipsis
	fIndex                    // x[list]
	fSlice                    // x[list[0]:list[1]] (nil entries for missing)
	fStar                     // *x
	fUnary                    // tok x
	fBinary                   // x tok y
	fParen                    // (x)
	fComposite                // x{list} (x nil when elided)
	fKeyValue                 // x: y
	fFuncLit                  // func signature body
	fTypeAssert               // x.(y), y nil for .(type)
	fArray                    // [x]y, x nil for a slice
	fMap                      // map[x]y
	fFuncType                 // func signature
	fEllipsis                 // ...x
	fEmptyStruct              // struct{}
	fEmptyIface               // interface{}
	fStruct                   // struct { list } (fields, each on a line)
	fIface                    // interface { list } (methods, each on a line)

	// statements
	sExpr       // x
	sAssign     // list tok list2
	sIncDec     // x tok
	sReturn     // list
	sIf         // init; x body else
	sFor        // init; x; post body
	sRange      // for key, value tok range x body
	sSwitch     // init; x body (cases)
	sTypeSw     // switch init; post body
	sCase       // case list: body / default: body
	sBlock      // body
	sBranch     // tok
	sGo         // tok x
	sVar        // var names type = list (a single spec)
	sFuncDecl   // func recv name signature body
	sGenDecl    // tok spec (var, const or type, one spec)
	sConstGroup // const ( specs )
	sComment    // comment lines (text of the nodes in list)
)

// fnode is a node of the tree fastFormat prints: an expression, a type,
// a statement or a declaration, the fields used as the kind says.
type fnode struct {
	kind  fkind
	tok   token.Token
	text  string
	x, y  *fnode
	init  *fnode
	post  *fnode
	els   *fnode
	list  []*fnode
	list2 []*fnode
	body  []*fnode
	// brk[i] says a line break is before list[i]; closeBrk that the
	// closing bracket is on a line after the last element's.
	brk      []bool
	closeBrk bool
	ellipsis bool
	// sig is a function's signature: params, results (names in text).
	params, results []*fnode
	resParen        bool
	recv            *fnode
	// line and end are the first and last source lines.
	line, end int
}

// param: text is the names ("a, b"), x the type.

func (p *fparser) enter() bool {
	p.depth++
	if p.depth > fastMaxDepth {
		p.ok = false
	}
	return p.ok
}

func (p *fparser) leave() { p.depth-- }

// topDecl parses one top-level declaration: a func, or a var, const or
// type declaration of a single spec.
func (p *fparser) topDecl() *fnode {
	t := p.tok()
	line := t.line
	var n *fnode
	switch t.t {
	case token.FUNC:
		n = p.funcDecl()
	case token.VAR, token.CONST, token.TYPE:
		n = p.genDecl()
	default:
		return p.fail()
	}
	if !p.ok {
		return nil
	}
	n.line = line
	// The declaration ends its line.
	if s := p.tok(); s.t == token.SEMICOLON && s.lit == "\n" {
		p.i++
	} else if s.t != token.EOF {
		return p.fail()
	}
	return n
}

func (p *fparser) funcDecl() *fnode {
	p.next() // func
	n := p.mk(fnode{kind: sFuncDecl})
	if p.tok().t == token.LPAREN {
		recv := p.paramList()
		if len(recv) != 1 {
			return p.fail()
		}
		n.recv = recv[0]
	}
	if p.tok().t != token.IDENT {
		return p.fail()
	}
	n.text = p.next().lit
	p.signature(n)
	if p.tok().t != token.LBRACE {
		return p.fail() // no body, or generic
	}
	n.body = p.funcBody(n)
	return n
}

// funcBody parses a function's body; "{}" on one line sets n.closeBrk
// (printed as funcBody prints an empty body, by the header's width).
func (p *fparser) funcBody(n *fnode) []*fnode {
	if p.tok().t == token.LBRACE && p.peek(1).t == token.RBRACE && p.peek(1).line == p.tok().line {
		p.next()
		p.next()
		n.closeBrk = true
		return nil
	}
	return p.block()
}

// signature parses a parameter list and results into n.
func (p *fparser) signature(n *fnode) {
	if p.tok().t != token.LPAREN {
		p.ok = false
		return
	}
	n.params = p.paramList()
	for i, f := range n.params {
		if f.x.kind == fEllipsis && i < len(n.params)-1 {
			p.ok = false // only the final parameter
		}
	}
	switch p.tok().t {
	case token.LPAREN:
		n.results = p.paramList()
		for _, f := range n.results {
			if f.x.kind == fEllipsis {
				p.ok = false
			}
		}
		n.resParen = true
		if len(n.results) == 1 && n.results[0].text == "" {
			p.ok = false // gofmt drops the parentheses
		}
	case token.LBRACE, token.SEMICOLON, token.RPAREN, token.COMMA, token.RBRACK, token.EOF, token.COMMENT, token.STRING, token.ASSIGN, token.COLON:
	default:
		t := p.typ()
		if t == nil {
			p.ok = false
			return
		}
		n.results = []*fnode{{x: t}}
	}
}

// paramList parses "(a, b T, c U)" or "(T, U)" on one line: every
// element is a node with the names in text and the type in x.
func (p *fparser) paramList() []*fnode {
	p.next() // (
	var out []*fnode
	// Read comma-separated items; each is "names... type" or "type".
	type item struct {
		name string
		typ  *fnode
	}
	var items []item
	for p.ok && p.tok().t != token.RPAREN {
		if len(items) > 0 {
			p.expect(token.COMMA)
			if p.tok().t == token.RPAREN {
				p.ok = false // gofmt drops a trailing comma on one line
				break
			}
		}
		if p.tok().t == token.IDENT {
			switch p.peek(1).t {
			case token.LBRACK:
				if k := p.peek(2).t; k != token.RBRACK && k != token.INT {
					p.ok = false // a generic type or an array of constant length
					return nil
				}
				name := p.next().lit
				t := p.typ()
				if t == nil {
					return nil
				}
				items = append(items, item{name, t})
				continue
			case token.COMMA, token.RPAREN, token.PERIOD:
				// a name alone or a type: decided below
			default:
				name := p.next().lit
				p.variadic = true
				t := p.typ()
				if t == nil {
					return nil
				}
				items = append(items, item{name, t})
				continue
			}
		}
		p.variadic = true
		t := p.typ()
		if t == nil {
			return nil
		}
		items = append(items, item{"", t})
	}
	p.expect(token.RPAREN)
	if !p.ok {
		return nil
	}
	// Items without a name before an item with one are names of its
	// group ("a, b int").
	named := false
	for _, it := range items {
		if it.name != "" {
			named = true
		}
	}
	if !named {
		for _, it := range items {
			out = append(out, p.mk(fnode{x: it.typ}))
		}
		return out
	}
	var names []string
	for _, it := range items {
		if it.name == "" {
			if it.typ.kind != fLeaf || it.typ.tok != token.IDENT {
				p.ok = false
				return nil
			}
			names = append(names, it.typ.text)
			continue
		}
		names = append(names, it.name)
		if len(names) > 1 && it.typ.kind == fEllipsis {
			p.ok = false // "a, b ...T"
			return nil
		}
		out = append(out, p.mk(fnode{text: strings.Join(names, ", "), x: it.typ}))
		names = names[:0]
	}
	if len(names) > 0 {
		p.ok = false
		return nil
	}
	return out
}

func (p *fparser) genDecl() *fnode {
	t := p.next()
	if t.t == token.CONST && p.tok().t == token.LPAREN {
		return p.constGroup()
	}
	n := p.mk(fnode{kind: sGenDecl, tok: t.t})
	if p.tok().t != token.IDENT {
		return p.fail() // a group, or worse
	}
	n.text = p.next().lit
	switch t.t {
	case token.TYPE:
		if p.tok().t == token.LBRACK {
			return p.fail() // generic
		}
		if p.tok().t == token.ASSIGN {
			p.next()
			n.init = p.mk(fnode{}) // an alias
		}
		n.x = p.typ()
		if n.x == nil {
			return p.fail()
		}
	default:
		if p.tok().t != token.ASSIGN {
			n.x = p.typ()
			if n.x == nil {
				return p.fail()
			}
		}
		if p.tok().t == token.ASSIGN {
			p.next()
			n.list = []*fnode{p.expr()}
		} else if n.x == nil || t.t == token.CONST {
			return p.fail()
		}
	}
	return n
}

// constGroup parses "const (" and specs "Name Type = value" or "Name =
// value", one a line, every one with a type or none, up to ")". A spec is
// a node with the name in text, the type in x and the value in y.
func (p *fparser) constGroup() *fnode {
	p.next() // (
	n := p.mk(fnode{kind: sConstGroup})
	typed := 0
	for p.ok {
		t := p.tok()
		if t.blank || t.line == p.prevLine() {
			return p.fail()
		}
		if t.t == token.RPAREN {
			p.i++
			break
		}
		if t.t != token.IDENT {
			return p.fail()
		}
		p.brkOK = true
		spec := p.mk(fnode{text: p.next().lit, line: t.line})
		if p.tok().t != token.ASSIGN {
			spec.x = p.typ()
			typed++
		}
		p.expect(token.ASSIGN)
		spec.y = p.expr()
		if !p.ok || spec.y == nil || spec.y.end != t.line {
			return p.fail()
		}
		if s := p.tok(); s.t != token.SEMICOLON || s.lit != "\n" {
			return p.fail()
		}
		p.i++
		n.list = append(n.list, spec)
	}
	if len(n.list) < 2 || typed != 0 && typed != len(n.list) {
		return p.fail() // go/printer's keepTypeColumn, or no columns
	}
	return n
}

// typ parses a type.
func (p *fparser) typ() *fnode {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	variadic := p.variadic
	p.variadic = false
	t := p.tok()
	switch t.t {
	case token.IDENT:
		p.next()
		n := p.mk(fnode{kind: fLeaf, tok: token.IDENT, text: t.lit, line: t.line, end: t.line})
		if p.tok().t == token.PERIOD {
			p.next()
			if p.tok().t != token.IDENT {
				return p.fail()
			}
			n = p.mk(fnode{kind: fSel, x: n, text: p.next().lit, line: t.line, end: t.line})
		}
		if p.tok().t == token.LBRACK {
			// an instantiated generic type
			p.next()
			var args []*fnode
			for p.ok && p.tok().t != token.RBRACK {
				if len(args) > 0 {
					p.expect(token.COMMA)
				}
				a := p.typ()
				if a == nil {
					return nil
				}
				args = append(args, a)
			}
			p.expect(token.RBRACK)
			if len(args) == 0 {
				return p.fail()
			}
			n = p.mk(fnode{kind: fIndex, x: n, list: args, brk: make([]bool, len(args)), line: t.line, end: t.line})
		}
		return n
	case token.MUL:
		p.next()
		x := p.typ()
		if x == nil {
			return nil
		}
		return p.mk(fnode{kind: fStar, x: x, line: t.line, end: x.end})
	case token.LBRACK:
		p.next()
		n := p.mk(fnode{kind: fArray, line: t.line})
		if p.tok().t != token.RBRACK {
			if p.tok().t != token.INT {
				return p.fail()
			}
			l := p.next()
			n.x = p.mk(fnode{kind: fLeaf, tok: token.INT, text: l.lit, line: l.line, end: l.line})
		}
		p.expect(token.RBRACK)
		n.y = p.typ()
		if n.y == nil {
			return nil
		}
		n.end = n.y.end
		return n
	case token.MAP:
		p.next()
		p.expect(token.LBRACK)
		k := p.typ()
		p.expect(token.RBRACK)
		v := p.typ()
		if k == nil || v == nil {
			return p.fail()
		}
		return p.mk(fnode{kind: fMap, x: k, y: v, line: t.line, end: v.end})
	case token.FUNC:
		p.next()
		n := p.mk(fnode{kind: fFuncType, line: t.line})
		p.signature(n)
		n.end = p.prevLine()
		return n
	case token.STRUCT, token.INTERFACE:
		p.next()
		p.expect(token.LBRACE)
		if p.tok().t != token.RBRACE || p.tok().line != t.line {
			return p.fieldList(t)
		}
		p.expect(token.RBRACE)
		k := fEmptyStruct
		if t.t == token.INTERFACE {
			k = fEmptyIface
		}
		return p.mk(fnode{kind: k, line: t.line, end: t.line})
	case token.ELLIPSIS:
		if !variadic {
			return p.fail() // only a parameter's type
		}
		p.next()
		x := p.typ()
		if x == nil {
			return nil
		}
		return p.mk(fnode{kind: fEllipsis, x: x, line: t.line, end: x.end})
	}
	return p.fail()
}

// fieldList parses the fields of a struct type or the methods of an
// interface after "{" (t is "struct" or "interface"), each on a line of
// its own, with comment lines before them (body) and, in a struct, a
// comment after a field (the field's init node's text). A field is a node
// with its name in text, its type in x and its tag in y; a method has its
// name in text and its signature; an embedded interface only x.
func (p *fparser) fieldList(t ftok) *fnode {
	n := p.mk(fnode{kind: fStruct, line: t.line})
	if t.t == token.INTERFACE {
		n.kind = fIface
	}
	var docs []*fnode
	for p.ok {
		f := p.tok()
		if f.blank || f.line == p.prevLine() {
			return p.fail()
		}
		switch f.t {
		case token.RBRACE:
			if len(docs) > 0 || len(n.list) == 0 {
				return p.fail()
			}
			p.i++
			n.end = f.line
			return n
		case token.COMMENT:
			lines, ok := p.comments()
			if !ok {
				return p.fail()
			}
			for _, l := range lines {
				docs = append(docs, p.mk(fnode{kind: fLeaf, text: l}))
			}
			continue
		case token.IDENT:
		default:
			return p.fail()
		}
		field := p.mk(fnode{line: f.line, list: docs})
		docs = nil
		p.brkOK = true
		switch {
		case n.kind == fStruct:
			switch p.peek(1).t {
			case token.PERIOD, token.SEMICOLON, token.STRING:
				return p.fail() // embedded
			}
			field.text = p.next().lit
			field.x = p.typ()
			if field.x == nil || field.x.end != f.line {
				return p.fail()
			}
			if p.tok().t == token.STRING {
				tag := p.next()
				field.y = p.mk(fnode{kind: fLeaf, text: tag.lit})
			}
		case p.peek(1).t == token.LPAREN:
			field.text = p.next().lit
			p.signature(field)
		default:
			field.x = p.typ()
			if field.x == nil || field.x.kind != fLeaf && field.x.kind != fSel {
				return p.fail()
			}
		}
		// The scanner gives a trailing comment before or after the
		// newline's semicolon.
		semi := false
		for k := 0; k < 2 && p.ok; k++ {
			switch c := p.tok(); {
			case c.t == token.COMMENT && c.line == f.line && field.init == nil:
				if n.kind != fStruct || !trailing(c.lit) {
					return p.fail()
				}
				field.init = p.mk(fnode{kind: fLeaf, text: c.lit})
				p.i++
			case c.t == token.SEMICOLON && c.lit == "\n" && c.line == f.line && !semi:
				semi = true
				p.i++
			}
		}
		if !p.ok || !semi || p.toks[p.i-1].line != f.line || p.tok().line == f.line {
			return p.fail()
		}
		n.list = append(n.list, field)
	}
	return nil
}

// block parses "{ statements }": "{" ends its line, every statement is on
// a line of its own, "}" on a line of its own.
func (p *fparser) block() []*fnode {
	p.expect(token.LBRACE)
	if !p.ok {
		return nil
	}
	if p.tok().t == token.RBRACE {
		p.ok = false // an empty body: gofmt's choice depends on widths
		return nil
	}
	return p.stmtList(false)
}

// stmtList parses statements up to "}" (consumed) or, in a switch body,
// up to the next case.
func (p *fparser) stmtList(inCase bool) []*fnode {
	var out []*fnode
	for p.ok {
		t := p.tok()
		if t.t == token.RBRACE {
			if t.blank || t.line == p.prevLine() {
				p.ok = false
			}
			if !inCase {
				p.i++
			}
			return out
		}
		if inCase && (t.t == token.CASE || t.t == token.DEFAULT) {
			return out
		}
		// A statement starts a line.
		if t.blank || t.line == p.prevLine() && !(inCase && len(out) == 0) {
			p.ok = false
			return nil
		}
		if t.t == token.COMMENT {
			// comment lines before a statement, in its indentation
			if t.line == p.prevLine() {
				p.ok = false
				return nil
			}
			lines, ok := p.comments()
			next := p.tok()
			if !ok || next.blank || next.line != p.prevLine()+1 {
				p.ok = false
				return nil
			}
			switch next.t {
			case token.RBRACE, token.CASE, token.DEFAULT, token.EOF:
				p.ok = false
				return nil
			}
			c := p.mk(fnode{kind: sComment})
			for _, l := range lines {
				c.list = append(c.list, p.mk(fnode{kind: fLeaf, text: l}))
			}
			out = append(out, c)
			continue
		}
		p.brkOK = true
		s := p.stmt()
		if s == nil || !p.ok {
			return nil
		}
		out = append(out, s)
		switch p.tok().t {
		case token.SEMICOLON:
			if p.tok().lit != "\n" {
				p.ok = false
				return nil
			}
			p.i++
		case token.RBRACE:
		default:
			p.ok = false
			return nil
		}
	}
	return nil
}

func (p *fparser) stmt() *fnode {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	t := p.tok()
	line := t.line
	var n *fnode
	switch t.t {
	case token.RETURN:
		p.next()
		n = p.mk(fnode{kind: sReturn})
		if s := p.tok().t; s != token.SEMICOLON && s != token.RBRACE {
			n.list = p.exprList()
		}
	case token.IF:
		n = p.ifStmt()
	case token.FOR:
		n = p.forStmt()
	case token.SWITCH:
		n = p.switchStmt()
	case token.BREAK, token.CONTINUE:
		p.next()
		n = p.mk(fnode{kind: sBranch, tok: t.t})
	case token.GO, token.DEFER:
		p.next()
		n = p.mk(fnode{kind: sGo, tok: t.t, x: p.expr()})
		if n.x == nil || n.x.kind != fCall {
			return p.fail()
		}
	case token.VAR:
		p.next()
		if p.tok().t != token.IDENT {
			return p.fail()
		}
		n = p.mk(fnode{kind: sVar, text: p.next().lit})
		if p.tok().t != token.ASSIGN {
			n.x = p.typ()
		}
		if p.tok().t == token.ASSIGN {
			p.next()
			n.list = []*fnode{p.expr()}
		}
	case token.LBRACE:
		n = p.mk(fnode{kind: sBlock, body: p.block()})
	default:
		n = p.simpleStmt()
	}
	if !p.ok || n == nil {
		return p.fail()
	}
	n.line = line
	n.end = p.prevLine()
	return n
}

// simpleStmt parses an expression, assignment or increment statement.
func (p *fparser) simpleStmt() *fnode {
	lhs := p.exprList()
	if !p.ok {
		return nil
	}
	return p.simpleStmtFrom(lhs)
}

// header parses an if or switch header: [init ;] expr, with composite
// literals of a bare type name not read before "{".
func (p *fparser) header() (init, x *fnode) {
	old := p.noLit
	p.noLit = true
	defer func() { p.noLit = old }()
	if p.tok().t == token.LBRACE {
		return nil, nil
	}
	s := p.simpleStmt()
	if !p.ok {
		return nil, nil
	}
	if p.tok().t == token.SEMICOLON {
		if p.tok().lit != ";" {
			p.ok = false
			return nil, nil
		}
		p.next()
		init = s
		if p.tok().t == token.LBRACE {
			return init, nil
		}
		s = p.simpleStmt()
		if !p.ok {
			return nil, nil
		}
	}
	if s.kind != sExpr {
		// a type switch's "x := y.(type)" is the only other header
		return init, s
	}
	return init, s.x
}

func (p *fparser) ifStmt() *fnode {
	p.next()
	n := p.mk(fnode{kind: sIf})
	n.init, n.x = p.header()
	if !p.ok || n.x == nil || n.x.kind >= sExpr || n.x.kind == fParen {
		return p.fail()
	}
	n.body = p.block()
	if p.tok().t == token.ELSE {
		p.next()
		switch p.tok().t {
		case token.IF:
			n.els = p.stmt()
		case token.LBRACE:
			n.els = p.mk(fnode{kind: sBlock, body: p.block()})
		default:
			return p.fail()
		}
	}
	return n
}

func (p *fparser) forStmt() *fnode {
	p.next()
	old := p.noLit
	p.noLit = true
	defer func() { p.noLit = old }()
	if p.tok().t == token.LBRACE {
		n := p.mk(fnode{kind: sFor})
		n.body = p.block()
		return n
	}
	if p.tok().t == token.RANGE {
		p.next()
		n := p.mk(fnode{kind: sRange, x: p.expr()})
		if n.x == nil || n.x.kind == fParen {
			return p.fail()
		}
		p.noLit = old
		n.body = p.block()
		return n
	}
	var init *fnode
	if p.tok().t != token.SEMICOLON {
		lhs := p.exprList()
		if !p.ok {
			return nil
		}
		if t := p.tok().t; (t == token.DEFINE || t == token.ASSIGN) && p.peek(1).t == token.RANGE {
			p.next()
			p.next()
			if len(lhs) > 2 {
				return p.fail()
			}
			n := p.mk(fnode{kind: sRange, tok: t, list: lhs, x: p.expr()})
			if n.x == nil || n.x.kind == fParen {
				return p.fail()
			}
			p.noLit = old
			n.body = p.block()
			return n
		}
		// back up: parse it again as a statement
		init = p.simpleStmtFrom(lhs)
		if !p.ok {
			return nil
		}
		if p.tok().t == token.LBRACE {
			if init.kind != sExpr || init.x.kind == fParen {
				return p.fail()
			}
			n := p.mk(fnode{kind: sFor, x: init.x})
			p.noLit = old
			n.body = p.block()
			return n
		}
	}
	if p.tok().t != token.SEMICOLON || p.tok().lit != ";" {
		return p.fail()
	}
	p.next()
	n := p.mk(fnode{kind: sFor, init: init})
	if p.tok().t != token.SEMICOLON {
		n.x = p.expr()
	}
	if p.tok().t != token.SEMICOLON || p.tok().lit != ";" {
		return p.fail()
	}
	p.next()
	if p.tok().t != token.LBRACE {
		n.post = p.simpleStmt()
	}
	if !p.ok || n.x != nil && n.x.kind == fParen {
		return p.fail()
	}
	p.noLit = old
	n.body = p.block()
	return n
}

// simpleStmtFrom is simpleStmt with its left-hand list already read (a
// for header reads it before it knows whether a range follows).
func (p *fparser) simpleStmtFrom(lhs []*fnode) *fnode {
	t := p.tok()
	switch t.t {
	case token.ASSIGN, token.DEFINE, token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN,
		token.QUO_ASSIGN, token.REM_ASSIGN, token.OR_ASSIGN, token.AND_ASSIGN:
		p.next()
		if p.tok().t == token.RANGE {
			return p.fail() // only in a for header, parsed there
		}
		return p.mk(fnode{kind: sAssign, tok: t.t, list: lhs, list2: p.exprList()})
	case token.INC, token.DEC:
		p.next()
		if len(lhs) != 1 {
			return p.fail()
		}
		return p.mk(fnode{kind: sIncDec, tok: t.t, x: lhs[0]})
	}
	if len(lhs) != 1 {
		return p.fail()
	}
	return p.mk(fnode{kind: sExpr, x: lhs[0]})
}

func (p *fparser) switchStmt() *fnode {
	p.next()
	n := p.mk(fnode{kind: sSwitch})
	p.typeSwitch, p.typeAsserts = true, 0
	n.init, n.x = p.header()
	p.typeSwitch = false
	if !p.ok {
		return nil
	}
	if p.typeAsserts > 0 {
		// only as the header's expression or its assignment's value
		top := n.x
		if top != nil && top.kind == sAssign && len(top.list2) == 1 {
			top = top.list2[0]
		}
		if p.typeAsserts > 1 || top == nil || top.kind != fTypeAssert || top.y != nil {
			return p.fail()
		}
	}
	if n.x != nil && n.x.kind == sAssign {
		// switch x := y.(type)
		a := n.x
		if a.tok != token.DEFINE || len(a.list) != 1 || len(a.list2) != 1 || a.list2[0].kind != fTypeAssert || a.list2[0].y != nil {
			return p.fail()
		}
		n.kind = sTypeSw
	} else if n.x != nil && (n.x.kind >= sExpr || n.x.kind == fParen) {
		return p.fail()
	}
	p.expect(token.LBRACE)
	for p.ok && p.tok().t != token.RBRACE {
		t := p.tok()
		if t.blank || t.line == p.prevLine() {
			return p.fail()
		}
		c := p.mk(fnode{kind: sCase, line: t.line})
		p.brkOK = true
		switch t.t {
		case token.CASE:
			p.next()
			if n.kind == sTypeSw {
				for p.ok {
					ty := p.typ()
					if ty == nil {
						return p.fail()
					}
					c.list = append(c.list, ty)
					if p.tok().t != token.COMMA {
						break
					}
					p.next()
				}
			} else {
				c.list = p.exprList()
			}
		case token.DEFAULT:
			p.next()
		default:
			return p.fail()
		}
		p.expect(token.COLON)
		c.body = p.stmtList(true)
		n.body = append(n.body, c)
	}
	t := p.tok()
	if !p.ok || t.blank || len(n.body) == 0 || t.line == p.prevLine() {
		return p.fail()
	}
	p.i++
	return n
}

// exprList parses expressions separated by commas on one line.
func (p *fparser) exprList() []*fnode {
	var out []*fnode
	for p.ok {
		x := p.expr()
		if x == nil {
			return nil
		}
		out = append(out, x)
		if p.tok().t != token.COMMA {
			break
		}
		p.next()
	}
	return out
}

// expr parses an expression; binary operators by precedence (all left
// associative).
func (p *fparser) expr() *fnode { return p.binary(1) }

func (p *fparser) binary(prec int) *fnode {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	x := p.unary()
	// Each operator taken nests x one level deeper, as a call or an index
	// does in primary: the loop counts against the depth too (as go/parser
	// does), or a long chain would make a tree the printer's recursion
	// cannot bound.
	nested := 0
	defer func() { p.depth -= nested }()
	for p.ok && x != nil {
		op := p.tok().t
		oprec := op.Precedence()
		if !op.IsOperator() || oprec < prec || oprec == 0 || op == token.ARROW {
			return x
		}
		nested++
		if !p.enter() {
			return nil
		}
		p.next()
		y := p.binary(oprec + 1)
		if y == nil {
			return nil
		}
		x = p.mk(fnode{kind: fBinary, tok: op, x: x, y: y, line: x.line, end: y.end})
	}
	return x
}

func (p *fparser) unary() *fnode {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	t := p.tok()
	switch t.t {
	case token.MUL:
		p.next()
		x := p.unary()
		if x == nil {
			return nil
		}
		return p.mk(fnode{kind: fStar, x: x, line: t.line, end: x.end})
	case token.AND, token.NOT, token.SUB, token.ADD, token.XOR:
		p.next()
		x := p.unary()
		if x == nil {
			return nil
		}
		return p.mk(fnode{kind: fUnary, tok: t.t, x: x, line: t.line, end: x.end})
	}
	return p.primary()
}

// primary parses an operand and its selectors, calls, indexes and
// composite literal.
func (p *fparser) primary() *fnode {
	t := p.tok()
	var x *fnode
	switch t.t {
	case token.IDENT, token.INT, token.FLOAT, token.STRING:
		p.next()
		x = p.mk(fnode{kind: fLeaf, tok: t.t, text: t.lit, line: t.line, end: t.line})
	case token.LPAREN:
		p.next()
		old := p.noLit
		p.noLit = false
		in := p.expr()
		p.noLit = old
		if in == nil {
			return p.fail()
		}
		p.expect(token.RPAREN)
		x = p.mk(fnode{kind: fParen, x: in, line: t.line, end: p.prevLine()})
	case token.LBRACK, token.MAP:
		x = p.typ()
		if x == nil {
			return nil
		}
		if p.tok().t != token.LBRACE && p.tok().t != token.LPAREN {
			return p.fail()
		}
	case token.STRUCT, token.INTERFACE:
		x = p.typ()
	case token.FUNC:
		p.next()
		ft := p.mk(fnode{kind: fFuncType, line: t.line})
		p.signature(ft)
		if !p.ok || p.tok().t != token.LBRACE {
			return p.fail()
		}
		old := p.noLit
		p.noLit = false
		ft.body = p.funcBody(ft)
		p.noLit = old
		ft.kind = fFuncLit
		ft.end = p.prevLine()
		x = ft
	default:
		return p.fail()
	}
	// Each selector, call, index or literal nests x one level deeper: the
	// loop counts against the depth (see binary).
	nested := 0
	defer func() { p.depth -= nested }()
	for p.ok && x != nil {
		t := p.tok()
		switch t.t {
		case token.PERIOD, token.LPAREN, token.LBRACK, token.LBRACE:
			nested++
			if !p.enter() {
				return nil
			}
		}
		switch t.t {
		case token.PERIOD:
			p.next()
			switch p.tok().t {
			case token.IDENT:
				x = p.mk(fnode{kind: fSel, x: x, text: p.next().lit, line: x.line, end: t.line})
			case token.LPAREN:
				p.next()
				var ty *fnode
				if p.tok().t == token.TYPE {
					p.next()
				} else {
					ty = p.typ()
					if ty == nil {
						return nil
					}
				}
				p.expect(token.RPAREN)
				if ty == nil {
					if !p.typeSwitch {
						return p.fail() // .(type) outside a type switch's header
					}
					p.typeAsserts++
				}
				x = p.mk(fnode{kind: fTypeAssert, x: x, y: ty, line: x.line, end: p.prevLine()})
			default:
				return p.fail()
			}
		case token.LPAREN:
			p.next()
			old := p.noLit
			p.noLit = false
			c := p.mk(fnode{kind: fCall, x: x, line: x.line})
			p.elems(c, token.RPAREN)
			p.noLit = old
			c.end = p.prevLine()
			x = c
		case token.LBRACK:
			p.next()
			old := p.noLit
			p.noLit = false
			x = p.index(x)
			p.noLit = old
		case token.LBRACE:
			if !literalType(x) || p.noLit && x.kind != fArray && x.kind != fMap && x.kind != fEmptyStruct {
				return x
			}
			p.next()
			old := p.noLit
			p.noLit = false
			c := p.mk(fnode{kind: fComposite, x: x, line: x.line})
			p.elems(c, token.RBRACE)
			p.noLit = old
			c.end = p.prevLine()
			x = c
		default:
			return x
		}
	}
	if !p.ok {
		return nil
	}
	return x
}

// literalType reports whether x may be a composite literal's type.
func literalType(x *fnode) bool {
	switch x.kind {
	case fLeaf:
		return x.tok == token.IDENT
	case fSel:
		return x.x.kind == fLeaf && x.x.tok == token.IDENT
	case fIndex:
		return literalType(x.x)
	case fArray, fMap, fEmptyStruct:
		return true
	}
	return false
}

// index parses what follows "[": an index, a slice, or a generic's
// arguments.
func (p *fparser) index(x *fnode) *fnode {
	line := x.line
	var lo *fnode
	if p.tok().t != token.COLON {
		lo = p.exprOrType()
		if lo == nil {
			return nil
		}
	}
	switch p.tok().t {
	case token.COLON:
		p.next()
		var hi *fnode
		if p.tok().t != token.RBRACK {
			hi = p.expr()
			if hi == nil {
				return nil
			}
		}
		p.expect(token.RBRACK)
		return p.mk(fnode{kind: fSlice, x: x, list: []*fnode{lo, hi}, line: line, end: p.prevLine()})
	case token.COMMA:
		n := p.mk(fnode{kind: fIndex, x: x, list: []*fnode{lo}, line: line})
		for p.ok && p.tok().t == token.COMMA {
			p.next()
			// An instantiation's arguments after the first are types, as
			// go/parser reads them (x[0, 1] is refused).
			a := p.typ()
			if a == nil {
				return nil
			}
			n.list = append(n.list, a)
		}
		p.expect(token.RBRACK)
		n.brk = make([]bool, len(n.list))
		n.end = p.prevLine()
		return n
	}
	p.expect(token.RBRACK)
	return p.mk(fnode{kind: fIndex, x: x, list: []*fnode{lo}, brk: []bool{false}, line: line, end: p.prevLine()})
}

// exprOrType parses an expression, or a type where one cannot be.
func (p *fparser) exprOrType() *fnode {
	switch p.tok().t {
	case token.LBRACK, token.MAP, token.FUNC, token.STRUCT, token.INTERFACE, token.MUL, token.IDENT, token.LPAREN, token.INT, token.FLOAT, token.STRING, token.AND, token.NOT, token.SUB:
		return p.expr()
	}
	return p.fail()
}

// elems parses the elements of a call or composite literal up to close,
// where each may start a line (the first after the opening bracket).
func (p *fparser) elems(n *fnode, close token.Token) {
	prev := p.prevLine()
	for p.ok {
		t := p.tok()
		if t.t == close {
			if t.blank {
				p.ok = false
				return
			}
			n.closeBrk = t.line > prev
			if n.closeBrk && len(n.list) > 0 && p.toks[p.i-1].t != token.COMMA {
				p.ok = false
				return
			}
			p.i++
			return
		}
		if len(n.list) > 0 {
			if t.t == token.ELLIPSIS && close == token.RPAREN && !n.ellipsis {
				p.next()
				n.ellipsis = true
				continue
			}
			if t.t != token.COMMA {
				p.ok = false
				return
			}
			p.next()
			t = p.tok()
			if t.t == close {
				if t.line == p.prevLine() {
					p.ok = false // gofmt drops a trailing comma on one line
					return
				}
				continue
			}
			if n.ellipsis {
				p.ok = false
				return
			}
		}
		if t.blank {
			p.ok = false
			return
		}
		brk := t.line > prev
		p.brkOK = true
		x := p.elem(close)
		if x == nil {
			p.ok = false
			return
		}
		n.list = append(n.list, x)
		n.brk = append(n.brk, brk)
		prev = p.prevLine()
	}
}

// elem parses an element of a call (an expression or a type) or of a
// composite literal (an expression, a key: value pair, or an elided
// composite literal).
func (p *fparser) elem(close token.Token) *fnode {
	// An elided composite literal recurses through elems without passing
	// exprOrType's guard.
	if !p.enter() {
		return nil
	}
	defer p.leave()
	if close == token.RBRACE && p.tok().t == token.LBRACE {
		c := p.mk(fnode{kind: fComposite, line: p.tok().line})
		p.next()
		p.elems(c, token.RBRACE)
		c.end = p.prevLine()
		return c
	}
	x := p.exprOrType()
	if x == nil {
		return nil
	}
	if close == token.RBRACE && p.tok().t == token.COLON {
		p.next()
		var v *fnode
		if p.tok().t == token.LBRACE {
			v = p.mk(fnode{kind: fComposite, line: p.tok().line})
			p.next()
			p.elems(v, token.RBRACE)
			v.end = p.prevLine()
		} else {
			v = p.expr()
		}
		if v == nil {
			return nil
		}
		return p.mk(fnode{kind: fKeyValue, x: x, y: v, line: x.line, end: v.end})
	}
	return x
}

// fprinter prints fnodes as go/printer prints the same syntax tree; ok
// turns false where that would take more than this printer knows.
type fprinter struct {
	buf    []byte
	indent int
	ok     bool
	// big says the declaration is longer than sizeInfinity, so that an
	// element of a list may be too (see listColumns).
	big bool
}

// sizeInfinity is go/printer's bound on an element's size in a list: an
// element longer (a key: value pair measured whole) counts as size 0, so
// it starts no column and does not weigh in the size mean.
const sizeInfinity = 1e6

func (o *fprinter) s(text string) { o.buf = append(o.buf, text...) }

// nl starts a new line at the current indentation.
func (o *fprinter) nl() {
	o.buf = append(o.buf, '\n')
	for range o.indent {
		o.buf = append(o.buf, '\t')
	}
}

// node prints a top-level declaration.
func (o *fprinter) node(n *fnode, _ int) {
	o.ok = true
	switch n.kind {
	case sFuncDecl:
		start := len(o.buf)
		o.s("func ")
		if n.recv != nil {
			o.s("(")
			o.param(n.recv)
			o.s(") ")
		}
		o.s(n.text)
		o.signature(n)
		o.funcBody(n, start)
	case sGenDecl:
		o.s(n.tok.String())
		o.s(" ")
		o.s(n.text)
		if n.init != nil {
			o.s(" =")
		}
		if n.x != nil {
			o.s(" ")
			o.expr(n.x, 1)
		}
		if len(n.list) > 0 {
			o.s(" = ")
			o.exprs(n.list, 1)
		}
	case sConstGroup:
		o.constGroup(n)
	default:
		o.ok = false
	}
}

// constGroup prints "const (" and its specs with names, types and "="
// in columns, as go/printer's valueSpec and the tab writer do: every
// column as wide as its widest cell plus one.
func (o *fprinter) constGroup(n *fnode) {
	types := make([]string, len(n.list))
	nameW, typeW := 0, 0
	for i, spec := range n.list {
		nameW = max(nameW, utf8.RuneCountInString(spec.text)+1)
		if spec.x != nil {
			var sc fprinter
			sc.ok = true
			sc.expr(spec.x, 1)
			if !sc.ok {
				o.ok = false
				return
			}
			types[i] = string(sc.buf)
			typeW = max(typeW, utf8.RuneCount(sc.buf)+1)
		}
	}
	pad := func(text string, w int) {
		o.s(text)
		for k := utf8.RuneCountInString(text); k < w; k++ {
			o.s(" ")
		}
	}
	o.s("const (")
	o.indent++
	for i, spec := range n.list {
		o.nl()
		pad(spec.text, nameW)
		if spec.x != nil {
			pad(types[i], typeW)
		}
		o.s("= ")
		o.expr(spec.y, 1)
	}
	o.indent--
	o.nl()
	o.s(")")
}

func (o *fprinter) param(f *fnode) {
	if f.text != "" {
		o.s(f.text)
		o.s(" ")
	}
	o.expr(f.x, 1)
}

// signature prints "(params) results" (go/printer's signature).
func (o *fprinter) signature(n *fnode) {
	o.s("(")
	for i, f := range n.params {
		if i > 0 {
			o.s(", ")
		}
		o.param(f)
	}
	o.s(")")
	if len(n.results) == 0 {
		return
	}
	o.s(" ")
	if len(n.results) == 1 && n.results[0].text == "" && !n.resParen {
		o.expr(n.results[0].x, 1)
		return
	}
	o.s("(")
	for i, f := range n.results {
		if i > 0 {
			o.s(", ")
		}
		o.param(f)
	}
	o.s(")")
}

// funcBody prints a function's body after its header, which starts at
// o.buf[start:]: an empty body written "{}" goes on the header's line if
// the header is narrow enough (go/printer's funcBody, maxSize).
func (o *fprinter) funcBody(n *fnode, start int) {
	if !n.closeBrk {
		o.s(" ")
		o.block(n.body)
		return
	}
	if bytes.IndexByte(o.buf[start:], '\n') >= 0 {
		o.ok = false
	}
	// go/printer's header size counts from "func " of a declaration
	// with the blank not yet written, so one more than its width; from
	// "func" of a literal.
	size := len(o.buf) - start
	if n.kind == sFuncDecl {
		size++
	}
	if size <= 100 {
		o.s(" {}")
		return
	}
	o.s(" {")
	o.nl()
	o.s("}")
}

// block prints "{", the statements a level in, and "}".
func (o *fprinter) block(body []*fnode) {
	o.s("{")
	o.indent++
	o.stmts(body)
	o.indent--
	o.nl()
	o.s("}")
}

func (o *fprinter) stmts(body []*fnode) {
	for _, s := range body {
		o.nl()
		o.stmt(s)
	}
}

// exprs prints a list on one line, ", " between (go/printer's exprList
// without line breaks).
func (o *fprinter) exprs(list []*fnode, depth int) {
	for i, x := range list {
		if i > 0 {
			o.s(", ")
		}
		o.expr(x, depth)
	}
}

func (o *fprinter) stmt(s *fnode) {
	switch s.kind {
	case sExpr:
		o.expr(s.x, 1)
	case sAssign:
		depth := 1
		if len(s.list) > 1 && len(s.list2) > 1 {
			depth++
		}
		o.exprs(s.list, depth)
		o.s(" ")
		o.s(s.tok.String())
		o.s(" ")
		o.exprs(s.list2, depth)
	case sIncDec:
		o.expr(s.x, 2)
		o.s(s.tok.String())
	case sReturn:
		o.s("return")
		if len(s.list) > 0 {
			o.s(" ")
			if len(s.list) >= 2 {
				multi := 0
				for _, x := range s.list {
					if x.line < x.end {
						multi++
					}
				}
				if multi > 1 {
					o.ok = false // go/printer's indentList
				}
			}
			o.exprs(s.list, 1)
		}
	case sIf:
		o.s("if ")
		if s.init != nil {
			o.stmt(s.init)
			o.s("; ")
		}
		o.expr(s.x, 1)
		o.s(" ")
		o.block(s.body)
		if s.els != nil {
			o.s(" else ")
			o.stmt(s.els)
		}
	case sFor:
		o.s("for ")
		if s.init != nil || s.post != nil {
			if s.init != nil {
				o.stmt(s.init)
			}
			o.s("; ")
			if s.x != nil {
				o.expr(s.x, 1)
			}
			o.s("; ")
			if s.post != nil {
				o.stmt(s.post)
				o.s(" ")
			}
		} else if s.x != nil {
			o.expr(s.x, 1)
			o.s(" ")
		}
		o.block(s.body)
	case sRange:
		o.s("for ")
		if len(s.list) > 0 {
			o.expr(s.list[0], 1)
			if len(s.list) > 1 {
				o.s(", ")
				o.expr(s.list[1], 1)
			}
			o.s(" ")
			o.s(s.tok.String())
			o.s(" ")
		}
		o.s("range ")
		o.expr(s.x, 1)
		o.s(" ")
		o.block(s.body)
	case sSwitch, sTypeSw:
		o.s("switch ")
		if s.init != nil {
			o.stmt(s.init)
			o.s("; ")
		}
		if s.x != nil {
			if s.kind == sTypeSw {
				o.stmt(s.x)
			} else {
				o.expr(s.x, 1)
			}
			o.s(" ")
		}
		o.s("{")
		for _, c := range s.body {
			o.nl()
			if c.list != nil {
				o.s("case ")
				o.exprs(c.list, 1)
			} else {
				o.s("default")
			}
			o.s(":")
			o.indent++
			o.stmts(c.body)
			o.indent--
		}
		o.nl()
		o.s("}")
	case sComment:
		for i, l := range s.list {
			if i > 0 {
				o.nl()
			}
			o.s(l.text)
		}
	case sBlock:
		o.block(s.body)
	case sBranch:
		o.s(s.tok.String())
	case sGo:
		o.s(s.tok.String())
		o.s(" ")
		o.expr(s.x, 1)
	case sVar:
		o.s("var ")
		o.s(s.text)
		if s.x != nil {
			o.s(" ")
			o.expr(s.x, 1)
		}
		if len(s.list) > 0 {
			o.s(" = ")
			o.exprs(s.list, 1)
		}
	default:
		o.ok = false
	}
}

// list prints the elements of a call, composite literal or index list
// as go/printer's exprList does: the line breaks of the source, one
// indentation more from the first break on, a comma before a closing
// bracket on a line of its own, and the values of key: value elements on
// lines of their own aligned in a column (listColumns).
func (o *fprinter) list(n *fnode, depth int) {
	if len(n.list) > 0 && !n.brk[0] && n.list[0].line == n.list[len(n.list)-1].end {
		// all on the opening bracket's line: exprList's short way, which
		// drops a closing bracket's line break
		o.exprs(n.list, depth)
		return
	}
	var cols []int
	if len(n.list) > 1 && slices.Contains(n.brk, true) {
		cols = o.listColumns(n)
	}
	indented := false
	for i, x := range n.list {
		if i > 0 {
			o.s(",")
			if !n.brk[i] {
				o.s(" ")
			}
		}
		if n.brk[i] {
			if !indented {
				o.indent++
				indented = true
			}
			o.nl()
		}
		if cols != nil && cols[i] > 0 {
			start := len(o.buf)
			o.expr(x.x, 1)
			o.s(":")
			for pad := cols[i] - utf8.RuneCount(o.buf[start:]); pad > 0; pad-- {
				o.s(" ")
			}
			o.expr(x.y, 1)
			continue
		}
		o.expr(x, depth)
	}
	if indented {
		o.indent--
	}
	if n.closeBrk {
		if n.ellipsis || len(n.list) == 0 {
			o.ok = false
		}
		if len(n.list) > 0 {
			o.s(",")
		}
		o.nl()
	}
}

// listColumns returns, for each element of a list that go/printer
// prints as "key:" and a vertical tab, the width of the column the value
// starts at (0 for the others): the widest "key:" of its block plus one.
// A block is a run of such elements on consecutive lines that exprList
// does not separate with a formfeed, which it does where the sizes of
// consecutive keys differ too much (its geometric mean test).
func (o *fprinter) listColumns(n *fnode) []int {
	cols := make([]int, len(n.list))
	keyw := make([]int, len(n.list))
	size, lnsum, count := 0, 0.0, 0
	prevBreak := -1
	if n.brk[0] {
		prevBreak = 0
	}
	prevLine := n.line // the opening bracket's line
	if n.x != nil {
		prevLine = n.x.end
	}
	// The open block of key: value pairs in one column, blockStart up to
	// the current element, as wide as its widest key (blockW): its
	// elements' columns are set when it closes, once, not again at every
	// element (a long map literal was quadratic).
	blockStart, blockW := -1, 0
	closeBlock := func(end int) {
		if blockStart < 0 {
			return
		}
		for j := blockStart; j < end; j++ {
			cols[j] = blockW + 1
		}
		blockStart = -1
	}
	for i, x := range n.list {
		prevSize := size
		size = 0
		if x.line == x.end {
			var sc fprinter
			sc.ok = true
			if x.kind == fKeyValue {
				sc.expr(x.x, 1)
			} else {
				sc.expr(x, 1)
			}
			if !sc.ok {
				o.ok = false
				return nil
			}
			size = len(sc.buf)
			if x.kind == fKeyValue && o.big {
				// go/printer measures the whole pair against its bound
				// first, then the key.
				whole := fprinter{ok: true}
				whole.expr(x, 1)
				if len(whole.buf) > sizeInfinity {
					size = 0
				}
			} else if size > sizeInfinity {
				size = 0
			}
			if x.kind == fKeyValue && size > 0 {
				keyw[i] = utf8.RuneCount(sc.buf) + 1
			}
		}
		useFF := true
		if prevSize > 0 && size > 0 {
			if count == 0 || prevSize <= 40 && size <= 40 {
				useFF = false
			} else {
				geomean := math.Exp(lnsum / float64(count))
				ratio := float64(size) / geomean
				useFF = 2.5*ratio <= 1 || 2.5 <= ratio
			}
		}
		needsLinebreak := prevLine < x.line
		ff := false
		if i > 0 && needsLinebreak && n.brk[i] {
			ff = useFF || prevBreak+1 < i
			prevBreak = i
			if ff {
				// A formfeed starts a new section: go/printer's exprList
				// restarts its size mean there (linebreak's nbreaks > 1).
				lnsum, count = 0, 0
			}
		}
		vtab := x.kind == fKeyValue && size > 0 && needsLinebreak
		if vtab && !n.brk[i] {
			o.ok = false // a column on a line go/printer shares
			return nil
		}
		if vtab {
			if blockStart < 0 || ff || i == 0 || cols[i-1] == 0 {
				closeBlock(i)
				blockStart, blockW = i, 0
			}
			cols[i] = -1 // in the open block
			blockW = max(blockW, keyw[i])
		} else {
			closeBlock(i)
		}
		if size > 0 {
			lnsum += math.Log(float64(size))
			count++
		}
		prevLine = x.line
	}
	closeBlock(len(n.list))
	return cols
}

func (o *fprinter) expr(n *fnode, depth int) {
	switch n.kind {
	case fLeaf:
		o.s(n.text)
	case fSel:
		o.expr(n.x, depth)
		o.s(".")
		o.s(n.text)
	case fCall:
		if len(n.list) > 1 {
			depth++
		}
		if n.x.kind == fFuncType {
			o.ok = false
		}
		o.expr(n.x, depth)
		o.s("(")
		o.list(n, depth)
		if n.ellipsis {
			o.s("...")
		}
		o.s(")")
	case fIndex:
		o.expr(n.x, 1)
		o.s("[")
		o.list(n, depth+1)
		o.s("]")
	case fSlice:
		o.expr(n.x, 1)
		o.s("[")
		lo, hi := n.list[0], n.list[1]
		blanks := depth <= 1 && lo != nil && hi != nil && (lo.kind == fBinary || hi.kind == fBinary)
		if lo != nil {
			o.expr(lo, depth+1)
			if blanks {
				o.s(" ")
			}
		}
		o.s(":")
		if hi != nil {
			if blanks {
				o.s(" ")
			}
			o.expr(hi, depth+1)
		}
		o.s("]")
	case fStar:
		if n.x.kind == fStar || n.x.kind == fUnary {
			o.ok = false // go/printer may space them apart
		}
		o.s("*")
		o.expr(n.x, 1)
	case fUnary:
		if n.x.kind == fStar || n.x.kind == fUnary {
			o.ok = false
		}
		o.s(n.tok.String())
		o.expr(n.x, depth)
	case fBinary:
		o.binary(n, cutoff4(n, depth), depth)
	case fParen:
		if n.x.kind == fParen {
			o.expr(n.x, depth)
			return
		}
		o.s("(")
		o.expr(n.x, max(depth-1, 1))
		o.s(")")
	case fComposite:
		if n.x != nil {
			o.expr(n.x, depth)
		}
		o.s("{")
		o.list(n, 1)
		o.s("}")
	case fKeyValue:
		o.expr(n.x, 1)
		o.s(": ")
		o.expr(n.y, 1)
	case fFuncLit:
		start := len(o.buf)
		o.s("func")
		o.signature(n)
		o.funcBody(n, start)
	case fTypeAssert:
		o.expr(n.x, depth)
		o.s(".(")
		if n.y == nil {
			o.s("type")
		} else {
			o.expr(n.y, 1)
		}
		o.s(")")
	case fArray:
		o.s("[")
		if n.x != nil {
			o.expr(n.x, 1)
		}
		o.s("]")
		o.expr(n.y, 1)
	case fMap:
		o.s("map[")
		o.expr(n.x, 1)
		o.s("]")
		o.expr(n.y, 1)
	case fFuncType:
		o.s("func")
		o.signature(n)
	case fEllipsis:
		o.s("...")
		o.expr(n.x, 1)
	case fStruct:
		o.structType(n)
	case fIface:
		o.s("interface {")
		o.indent++
		for _, m := range n.list {
			for _, d := range m.list {
				o.nl()
				o.s(d.text)
			}
			o.nl()
			if m.text != "" {
				o.s(m.text)
				o.signature(m)
			} else {
				o.expr(m.x, 1)
			}
		}
		o.indent--
		o.nl()
		o.s("}")
	case fEmptyStruct:
		o.s("struct{}")
	case fEmptyIface:
		o.s("interface{}")
	default:
		o.ok = false
	}
}

// binary is go/printer's binaryExpr for an expression on one line.
func (o *fprinter) binary(n *fnode, cutoff, depth int) {
	prec := n.tok.Precedence()
	blank := prec < cutoff
	o.exprPrec(n.x, prec, depth+diffPrec4(n.x, prec))
	if blank {
		o.s(" ")
	}
	if n.y.line != n.x.end {
		o.ok = false // a line break after the operator
	}
	o.s(n.tok.String())
	if blank {
		o.s(" ")
	}
	o.exprPrec(n.y, prec+1, depth+1)
}

// exprPrec is expr for an operand of a binary expression: a binary
// operand is printed with its own cutoff at its depth (go/printer's
// expr1).
func (o *fprinter) exprPrec(n *fnode, _ int, depth int) {
	o.expr(n, depth)
}

// cutoff4 is go/printer's cutoff: the precedence from which a binary
// expression's operators are printed without blanks.
func cutoff4(e *fnode, depth int) int {
	has4, has5, maxProblem := walkBinary4(e, 0)
	if maxProblem > 0 {
		return maxProblem + 1
	}
	if has4 && has5 {
		if depth == 1 {
			return 5
		}
		return 4
	}
	if depth == 1 {
		return 6
	}
	return 4
}

// walkBinary4 is go/printer's walkBinary; n counts the recursion.
func walkBinary4(e *fnode, n int) (has4, has5 bool, maxProblem int) {
	if n > fastMaxDepth {
		return true, true, 5
	}
	prec := e.tok.Precedence()
	switch prec {
	case 4:
		has4 = true
	case 5:
		has5 = true
	}
	if l := e.x; l.kind == fBinary && l.tok.Precedence() >= prec {
		h4, h5, mp := walkBinary4(l, n+1)
		has4, has5, maxProblem = has4 || h4, has5 || h5, max(maxProblem, mp)
	}
	switch r := e.y; r.kind {
	case fBinary:
		if r.tok.Precedence() > prec {
			h4, h5, mp := walkBinary4(r, n+1)
			has4, has5, maxProblem = has4 || h4, has5 || h5, max(maxProblem, mp)
		}
	case fStar:
		if e.tok == token.QUO {
			maxProblem = 5
		}
	case fUnary:
		switch e.tok.String() + r.tok.String() {
		case "/*", "&&", "&^":
			maxProblem = 5
		case "++", "--":
			maxProblem = max(maxProblem, 4)
		}
	}
	return
}

// diffPrec4 is go/printer's diffPrec.
func diffPrec4(x *fnode, prec int) int {
	if x.kind != fBinary || x.tok.Precedence() != prec {
		return 1
	}
	return 0
}

// structType prints a struct type's fields as go/printer and its tab
// writer do: names, types and tags in columns, a trailing comment after
// them. Comment lines before a field end the columns (go/printer writes a
// formfeed before them). In a run of fields, the name column is as wide
// as the widest name plus one; the type column exists on the lines with a
// tag or a comment, as wide as the widest type of a run of such lines plus
// one; a tag followed by a comment has a column of its own over a run of
// such lines. A struct of one field has single spaces.
func (o *fprinter) structType(n *fnode) {
	o.s("struct {")
	o.indent++
	type cells struct{ name, typ, tag, comment string }
	lines := make([]cells, len(n.list))
	for i, f := range n.list {
		var sc fprinter
		sc.ok = true
		sc.expr(f.x, 1)
		if !sc.ok {
			o.ok = false
			return
		}
		lines[i] = cells{name: f.text, typ: string(sc.buf)}
		if f.y != nil {
			lines[i].tag = f.y.text
		}
		if f.init != nil {
			lines[i].comment = f.init.text
		}
	}
	width := func(from, to int, pick func(c cells) string) int {
		w := 0
		for j := from; j < to; j++ {
			w = max(w, utf8.RuneCountInString(pick(lines[j])))
		}
		return w + 1
	}
	pad := func(text string, w int) {
		o.s(text)
		for k := utf8.RuneCountInString(text); k < w; k++ {
			o.s(" ")
		}
	}
	// run returns the end of the run from i of lines with has.
	run := func(i, end int, has func(c cells) bool) int {
		for i < end && has(lines[i]) {
			i++
		}
		return i
	}
	hasTypeCol := func(c cells) bool { return c.tag != "" || c.comment != "" }
	hasTagCol := func(c cells) bool { return c.tag != "" && c.comment != "" }
	for i := 0; i < len(n.list); {
		// a section: from a field with comment lines before it (or the
		// first) to the next such field
		end := i + 1
		for end < len(n.list) && len(n.list[end].list) == 0 {
			end++
		}
		nameW := width(i, end, func(c cells) string { return c.name })
		typeW, typeEnd, tagW, tagEnd := 0, i, 0, i
		for j := i; j < end; j++ {
			for _, d := range n.list[j].list {
				o.nl()
				o.s(d.text)
			}
			o.nl()
			c := lines[j]
			if len(n.list) == 1 {
				o.s(c.name + " " + c.typ)
				if c.tag != "" {
					o.s(" " + c.tag)
				}
				if c.comment != "" {
					o.s(" " + c.comment)
				}
				continue
			}
			pad(c.name, nameW)
			if !hasTypeCol(c) {
				o.s(c.typ)
				continue
			}
			if j >= typeEnd {
				typeEnd = run(j, end, hasTypeCol)
				typeW = width(j, typeEnd, func(c cells) string { return c.typ })
			}
			pad(c.typ, typeW)
			switch {
			case c.tag == "":
				o.s(c.comment)
			case c.comment == "":
				o.s(c.tag)
			default:
				if j >= tagEnd {
					tagEnd = run(j, typeEnd, hasTagCol)
					tagW = width(j, tagEnd, func(c cells) string { return c.tag })
				}
				pad(c.tag, tagW)
				o.s(c.comment)
			}
		}
		i = end
	}
	o.indent--
	o.nl()
	o.s("}")
}
