package golang

import (
	"go/token"
	"unicode"
	"unicode/utf8"
)

// scanIdentifiers is identifiers' scan of Go source (see identifiers):
// a byte loop that finds what go/scanner would return as identifiers
// and the token before each, without making a string of every token.
// go/scanner took 0.1–0.2 s and 950,000 allocations on GitHub's
// json.gen.go alone. On source go/scanner reads without error it finds
// the same (TestScanIdentifiersSameAsScanner, FuzzScanIdentifiers).
//
// Only four kinds of token before an identifier matter (a period, the
// keywords type, var and func: "decl NAME" marks a package-level name the
// generated code declares, so that a runtime stand-in it replaces, such as
// server or Client, is known to be there; func too, so that a function can
// stand in as well as a type or a variable), and none of them is followed
// by an inserted semicolon, so white space and comments are passed over.
func scanIdentifiers(src []byte, into map[string]bool) {
	const (
		other = iota
		period
		typeKw
		varKw
		funcKw
	)
	prev := other
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			i += 2
			for i < len(src) && !(src[i] == '*' && i+1 < len(src) && src[i+1] == '/') {
				i++
			}
			i += 2
		case c == '"' || c == '\'':
			i = skipQuoted(src, i)
			prev = other
		case c == '`':
			i++
			for i < len(src) && src[i] != '`' {
				i++
			}
			i++
			prev = other
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			i = skipNumber(src, i)
			prev = other
		case c == '.':
			if i+2 < len(src) && src[i+1] == '.' && src[i+2] == '.' {
				i += 3
				prev = other // ...: an ellipsis, not a selector
				continue
			}
			i++
			prev = period
		default:
			start := i
			for i < len(src) {
				r, size := rune(src[i]), 1
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRune(src[i:])
				}
				if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
					i > start && r >= '0' && r <= '9' ||
					r >= utf8.RuneSelf && (unicode.IsLetter(r) || i > start && unicode.IsDigit(r))) {
					break
				}
				i += size
			}
			if i == start {
				// Any other character: an operator or punctuation.
				_, size := utf8.DecodeRune(src[i:])
				i += size
				prev = other
				continue
			}
			word := src[start:i]
			switch tok := token.Lookup(string(word)); {
			case tok == token.TYPE:
				prev = typeKw
			case tok == token.VAR:
				prev = varKw
			case tok == token.FUNC:
				prev = funcKw
			case tok.IsKeyword():
				prev = other
			default:
				if !into[string(word)] {
					into[string(word)] = true
				}
				switch prev {
				case period:
					into["."+string(word)] = true
				case typeKw, varKw, funcKw:
					into["decl "+string(word)] = true
				}
				prev = other
			}
		}
	}
}

// skipQuoted returns the offset after the string or rune literal that
// starts at src[i].
func skipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src) && src[i] != q && src[i] != '\n'; i++ {
		if src[i] == '\\' {
			i++
		}
	}
	return i + 1
}

// skipNumber returns the offset after the number literal that starts at
// src[i], read as go/scanner reads one: a prefix (0x, 0o, 0b), digits,
// a fraction, an exponent (e or p, a sign, digits) and an i. A letter
// that cannot continue the number starts the next token.
func skipNumber(src []byte, i int) int {
	at := func(j int) byte {
		if j < len(src) {
			return src[j]
		}
		return 0
	}
	lower := func(c byte) byte { return c | ('a' - 'A') }
	hex := false
	if src[i] != '.' {
		if src[i] == '0' {
			i++
			switch lower(at(i)) {
			case 'x':
				i, hex = i+1, true
			case 'o', 'b':
				i++
			}
		}
		i = skipDigits(src, i, hex)
	}
	if at(i) == '.' {
		i = skipDigits(src, i+1, hex)
	}
	if e := lower(at(i)); e == 'e' || e == 'p' {
		i++
		if c := at(i); c == '+' || c == '-' {
			i++
		}
		i = skipDigits(src, i, false)
	}
	if at(i) == 'i' {
		i++
	}
	return i
}

// skipDigits returns the offset after the digits and underscores at
// src[i]: decimal digits, and hexadecimal ones when hex is set.
func skipDigits(src []byte, i int, hex bool) int {
	for i < len(src) {
		c := src[i]
		if !(c >= '0' && c <= '9' || c == '_' || hex && c|('a'-'A') >= 'a' && c|('a'-'A') <= 'f') {
			break
		}
		i++
	}
	return i
}
