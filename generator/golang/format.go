package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"runtime"
	"sync"

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
	var raw bytes.Buffer
	if err := f.Render(&raw); err != nil {
		return nil, err
	}
	// f is not used from here on: its tree can be collected while the
	// text is formatted.
	return formatPieces(raw.Bytes())
}

// pieceSize is the size of source formatted at once: large enough that a
// piece's fixed cost (a file set, a printer) does not count, small enough
// that a piece's tree is a few megabytes. Tests set it to 0 (every cut)
// and to the maximum (one piece).
var pieceSize = 64 << 10

// piecePackage starts every piece after the first, which alone holds the
// file's package clause and imports.
const piecePackage = "package p\n\n"

// formatPieces formats src, a whole Go file, piece by piece. When a piece
// does not format, the whole file is formatted instead, so the error names
// the line in the file.
func formatPieces(src []byte) ([]byte, error) {
	cuts := splitDecls(src)
	// Group declarations into pieces of about pieceSize.
	var pieces [][]byte
	start := 0
	for _, c := range cuts {
		if c-start >= pieceSize {
			pieces = append(pieces, src[start:c])
			start = c
		}
	}
	pieces = append(pieces, src[start:])
	if len(pieces) == 1 {
		return formatWhole(src)
	}
	out := make([][]byte, len(pieces))
	errs := make([]error, len(pieces))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pieces)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = formatPiece(pieces[i], i > 0)
			}
		})
	}
	for i := range pieces {
		next <- i
	}
	close(next)
	wg.Wait()
	size := 0
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
