package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// render writes f as gofmt would print it. jennifer's own Render formats
// the whole file with go/format, which parses it into one syntax tree and
// prints that: for GitHub's description a 15 MB file, most of gen's time
// and memory. render asks jennifer for the unformatted text and formats it
// in pieces cut between top-level declarations (see splitDecls), several
// at once, each piece's tree dropped when it is printed. The result is
// byte for byte what go/format makes of the whole file
// (TestFormatPiecesSameAsWhole).
func render(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var raw taken
	if err := f.Render(&raw); err != nil {
		return nil, err
	}
	// f is not used from here on: its tree can be collected while the
	// text is formatted.
	return formatPieces(raw)
}

// taken is the writer jennifer's Render writes a file to: it writes the
// whole text once, from a buffer of its own it does not use again, so
// taken keeps that buffer instead of copying it (GitHub's json.gen.go:
// 12 MB allocated, copied and collected the less).
type taken []byte

func (t *taken) Write(p []byte) (int, error) {
	if *t == nil {
		*t = p
	} else {
		*t = append(*t, p...)
	}
	return len(p), nil
}

// pieceSize is the size of source formatted at once: large enough that a
// piece's fixed cost (a file set, a printer) does not count, small enough
// that a piece's tree is a few megabytes. Tests set it to 0 (every cut)
// and to the maximum (one piece).
var pieceSize = 64 << 10

// verbatimMin is the length of string literal from which a declaration
// that is only that constant (spec.gen.go's specJSON: GitHub's description
// compacted, 7.5 MB) is not handed to go/format, which scans, parses and
// prints every byte of it through a tab writer — several seconds of CPU on
// GitHub, one piece no other core can share. Tests set it to 0 (every such
// declaration) and to the maximum (none).
var verbatimMin = 4 << 10

// piecePackage starts every piece after the first, which alone holds the
// file's package clause and imports.
const piecePackage = "package p\n\n"

// formatPieces formats src, a whole Go file, piece by piece. When a piece
// does not format, the whole file is formatted instead, so the error names
// the line in the file.
func formatPieces(src []byte) ([]byte, error) {
	cuts := splitDecls(src)
	// Group declarations into pieces of about pieceSize; a long string
	// constant is a piece of its own, kept as written (formatVerbatim).
	// A piece is a list of parts: the file's head (package clause and
	// imports, before the first cut) starts the first, every other part is
	// one declaration.
	var pieces [][]span
	verbatim := map[int]bool{}
	var cur []span
	size := 0
	if len(cuts) == 0 {
		cur = append(cur, span{0, len(src)})
	} else {
		cur = append(cur, span{0, cuts[0]})
		size = cuts[0]
	}
	for i, c := range cuts {
		end := len(src)
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		if lit, lend, ok := stringConst(src[c:end]); ok && lend-lit >= verbatimMin {
			if len(cur) > 0 {
				pieces = append(pieces, cur)
			}
			verbatim[len(pieces)] = true
			pieces = append(pieces, []span{{c, end}})
			cur, size = nil, 0
			continue
		}
		if size >= pieceSize && len(cur) > 0 {
			pieces = append(pieces, cur)
			cur, size = nil, 0
		}
		cur = append(cur, span{c, end})
		size += end - c
	}
	if len(cur) > 0 {
		pieces = append(pieces, cur)
	}
	out := make([][]byte, len(pieces))
	errs := make([]error, len(pieces))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pieces)) {
		wg.Go(func() {
			for i := range next {
				if verbatim[i] {
					out[i], errs[i] = formatVerbatim(src[pieces[i][0].start:pieces[i][0].end])
				} else {
					out[i], errs[i] = formatParts(src, pieces[i])
				}
			}
		})
	}
	for i := range pieces {
		next <- i
	}
	close(next)
	wg.Wait()
	size = 0
	for i := range pieces {
		if errs[i] != nil {
			return formatWhole(src)
		}
		size += len(out[i]) + 1
	}
	res := make([]byte, 0, size)
	for i, p := range out {
		if i > 0 {
			// Every cut is after a blank line, which gofmt keeps as one.
			res = append(res, '\n')
		}
		res = append(res, p...)
	}
	return res, nil
}

// span is a part of a file: src[start:end].
type span struct{ start, end int }

// fastOn turns fastFormat on; tests turn it off to compare with go/format
// alone.
var fastOn = true

// fastStats, when set (by tests), is told of every declaration formatted
// and whether fastFormat took it.
var fastStats func(decl []byte, fast bool)

// formatParts formats the parts of one piece, consecutive in src: each
// declaration fastFormat takes is formatted so, the others (and the
// file's head, which starts at 0) by go/format, a run of them at once.
func formatParts(src []byte, parts []span) ([]byte, error) {
	var res []byte
	add := func(b []byte) {
		if len(res) > 0 {
			res = append(res, '\n')
		}
		res = append(res, b...)
	}
	run := -1 // start of the parts not formatted yet
	flush := func(end int) error {
		if run < 0 {
			return nil
		}
		b, err := formatPiece(src[run:end], run > 0)
		if err != nil {
			return err
		}
		add(b)
		run = -1
		return nil
	}
	var fp fparser
	var b []byte // fastFormat's output, reused
	for _, pt := range parts {
		if fastOn && pt.start > 0 {
			var ok bool
			b, ok = fp.format(b[:0], src[pt.start:pt.end])
			if fastStats != nil {
				fastStats(src[pt.start:pt.end], ok)
			}
			if ok {
				if err := flush(pt.start); err != nil {
					return nil, err
				}
				add(b)
				continue
			}
		}
		if run < 0 {
			run = pt.start
		}
	}
	if err := flush(parts[len(parts)-1].end); err != nil {
		return nil, err
	}
	return res, nil
}

// formatPiece formats one piece; a piece after the first is given a
// package clause to parse, which its output then loses.
func formatPiece(p []byte, clause bool) ([]byte, error) {
	if !clause {
		return format.Source(p)
	}
	src := make([]byte, 0, len(piecePackage)+len(p))
	src = append(append(src, piecePackage...), p...)
	out, err := format.Source(src)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(out, []byte(piecePackage)) {
		return nil, fmt.Errorf("formatted piece does not start with its package clause")
	}
	return out[len(piecePackage):], nil
}

// stringConst reports whether decl (a declaration as splitDecls cuts it,
// blank lines after it included) is line comments, then "const NAME = " or
// "var NAME = " and an interpreted string literal, then only newlines; the
// literal is decl[lit:end], quotes included.
func stringConst(decl []byte) (lit, end int, ok bool) {
	i := 0
	for bytes.HasPrefix(decl[i:], []byte("//")) {
		nl := bytes.IndexByte(decl[i:], '\n')
		if nl < 0 {
			return 0, 0, false
		}
		i += nl + 1
	}
	switch {
	case bytes.HasPrefix(decl[i:], []byte("const ")):
		i += len("const ")
	case bytes.HasPrefix(decl[i:], []byte("var ")):
		i += len("var ")
	default:
		return 0, 0, false
	}
	name := i
	for i < len(decl) && (decl[i] == '_' || decl[i] >= 'a' && decl[i] <= 'z' || decl[i] >= 'A' && decl[i] <= 'Z' || i > name && decl[i] >= '0' && decl[i] <= '9') {
		i++
	}
	if i == name || !bytes.HasPrefix(decl[i:], []byte(` = "`)) {
		return 0, 0, false
	}
	lit = i + len(" = ")
	for i = lit + 1; i < len(decl) && decl[i] != '"'; i++ {
		if decl[i] == '\\' {
			i++
		} else if decl[i] == '\n' {
			return 0, 0, false
		}
	}
	if i >= len(decl) {
		return 0, 0, false
	}
	end = i + 1
	if len(bytes.Trim(decl[end:], "\n")) > 0 || end == len(decl) {
		return 0, 0, false
	}
	return lit, end, true
}

// formatVerbatim formats decl, a stringConst, without handing its literal
// to go/format: what is around the literal is formatted with an empty
// literal in its place and must come out as written, and the literal must
// be one Go accepts (gofmt never changes a string literal's text, and a
// single constant has no columns to align). Otherwise decl is formatted
// as any other piece.
func formatVerbatim(decl []byte) ([]byte, error) {
	lit, end, _ := stringConst(decl)
	shell := make([]byte, 0, lit+3)
	shell = append(append(shell, decl[:lit]...), `""`+"\n"...)
	out, err := formatPiece(shell, true)
	if err == nil && bytes.Equal(out, shell) && goStringLit(decl[lit:end]) {
		return append(append(shell[:lit:lit], decl[lit:end]...), '\n'), nil
	}
	return formatPiece(decl, true)
}

// goStringLit reports whether q is an interpreted string literal the Go
// compiler accepts: valid escapes, valid UTF-8, and neither NUL nor a
// byte order mark. The escapes are checked one by one, as strconv.Unquote
// checks them, without building the unquoted string: on GitHub's
// description Unquote allocated and wrote 7.5 MB for nothing, 100-280 ms
// at the end of gen, where nothing else runs (TestGoStringLit, and
// FuzzGoStringLit against strconv.Unquote).
func goStringLit(q []byte) bool {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return false
	}
	if !utf8.Valid(q) || bytes.IndexByte(q, 0) >= 0 || bytes.Contains(q, []byte("\uFEFF")) {
		return false
	}
	in := q[1 : len(q)-1]
	for len(in) > 0 {
		next := bytes.IndexAny(in, "\\\"\n")
		if next < 0 {
			return true
		}
		if in[next] != '\\' {
			return false // a quote or a newline inside
		}
		if next+1 < len(in) && bytes.IndexByte([]byte(`abfnrtv\"`), in[next+1]) >= 0 {
			in = in[next+2:] // a one-letter escape, most of JSON's (\")
			continue
		}
		// Any other escape: UnquoteChar reads at most 10 bytes of it (\U
		// and 8 hex digits); a string of those few bytes is all it needs.
		end := min(len(in), next+10)
		_, _, rest, err := strconv.UnquoteChar(string(in[next:end]), '"')
		if err != nil {
			return false
		}
		in = in[end-len(rest):]
	}
	return true
}

// formatWhole is jennifer's own formatting, with its error text.
func formatWhole(src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("Error %s while formatting source:\n%s", err, src)
	}
	return out, nil
}

// splitDecls returns the offsets in src where a piece may start: the
// start of a line, after the package clause, outside every bracket,
// string and comment, that follows an empty line and begins a top-level
// declaration or a comment. gofmt prints one empty line there whatever
// surrounds it (two or more newlines in the source become two, and an
// empty line ends every column it aligns), so formatting the pieces apart
// gives the same text as formatting them together.
func splitDecls(src []byte) []int {
	const (
		code = iota
		lineComment
		blockComment
		str
		rawStr
		char
	)
	var cuts []int
	state, depth := code, 0
	seenPackage := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch state {
		case lineComment:
			if c == '\n' {
				state = code
				i-- // the newline is code: look at the next line's start
			}
			continue
		case blockComment:
			if c == '*' && i+1 < len(src) && src[i+1] == '/' {
				state = code
				i++
			}
			continue
		case str, char:
			if c == '\\' {
				i++
			} else if c == '"' && state == str || c == '\'' && state == char || c == '\n' {
				state = code
			}
			continue
		case rawStr:
			if c == '`' {
				state = code
			}
			continue
		}
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '"':
			state = str
		case '\'':
			state = char
		case '`':
			state = rawStr
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				state = lineComment
				i++
			} else if i+1 < len(src) && src[i+1] == '*' {
				state = blockComment
				i++
			}
		case '\n':
			line := src[i+1:]
			if depth != 0 {
				continue
			}
			if !seenPackage {
				seenPackage = bytes.HasPrefix(line, []byte("package "))
				continue
			}
			if i > 0 && src[i-1] == '\n' && startsDecl(line) {
				cuts = append(cuts, i+1)
			}
		}
	}
	return cuts
}

// startsDecl reports whether line begins a top-level declaration or a
// comment.
func startsDecl(line []byte) bool {
	for _, p := range [...]string{"func ", "type ", "var ", "var(", "const ", "const(", "//"} {
		if bytes.HasPrefix(line, []byte(p)) {
			return true
		}
	}
	return false
}
