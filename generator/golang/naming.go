package golang

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are written in upper case inside identifiers (Go style:
// UserID, not UserId).
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "CSV": true, "DNS": true, "EOF": true,
	"GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true, "JSON": true, "JWT": true,
	"LHS": true, "OS": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true, "SLA": true, "SMTP": true,
	"SQL": true, "SSH": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true,
	"URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true,
	"XSS": true, "SKU": true,
}

// words splits a contract name into words at non-alphanumeric runes and at
// lower→upper case changes: "user_id" → [user id], "fooBar" → [foo Bar],
// "HTTPStatus" → [HTTP Status], "x-dotted.names" → [x dotted names].
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsLower(prev) && unicode.IsUpper(r):
				flush()
			case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				// "HTTPStatus": the S starts a new word.
				flush()
			case unicode.IsDigit(prev) != unicode.IsDigit(r) && unicode.IsLetter(r) && unicode.IsUpper(r):
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// GoName turns a contract name into an exported Go identifier: words
// capitalised, initialisms upper case, a leading digit prefixed with "N",
// invalid runes dropped. The result always satisfies token.IsIdentifier
// and is exported; an empty or symbol-only name gives "Value".
func GoName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		if up := strings.ToUpper(w); initialisms[up] {
			b.WriteString(up)
			continue
		} else if strings.HasSuffix(w, "s") && len(w) > 2 && initialisms[up[:len(up)-1]] && !strings.HasSuffix(up, "SS") {
			// Plurals: ids → IDs, urls → URLs.
			b.WriteString(up[:len(up)-1] + "s")
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[size:])
	}
	name := b.String()
	if name == "" {
		return "Value"
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		// Digits cannot start an identifier; letters without case (CJK)
		// would not be exported.
		name = "N" + name
	}
	if !token.IsIdentifier(name) {
		return "Value"
	}
	return name
}

// localName is an unexported identifier for a contract name, safe from Go
// keywords: "type" → "type_", "Pet ID" → "petID".
func localName(s string) string {
	n := GoName(s)
	ws := words(n)
	if len(ws) == 0 {
		return "v"
	}
	first := ws[0]
	if initialisms[strings.ToUpper(first)] && strings.ToUpper(first) == first {
		n = strings.ToLower(first) + n[len(first):]
	} else {
		r, size := utf8.DecodeRuneInString(n)
		n = string(unicode.ToLower(r)) + n[size:]
	}
	if token.IsKeyword(n) || predeclared[n] {
		n += "_"
	}
	if !token.IsIdentifier(n) {
		return "v"
	}
	return n
}

// predeclared identifiers that generated locals must not shadow.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "error": true, "false": true, "float32": true, "float64": true,
	"int": true, "int32": true, "int64": true, "nil": true, "string": true, "true": true, "len": true,
	"append": true, "make": true, "new": true, "cap": true, "copy": true, "delete": true, "rune": true,
	"uint": true, "uint64": true, "iota": true, "panic": true, "print": true, "recover": true, "close": true,
	"ctx": true, "req": true, "w": true, "r": true, "err": true, "c": true, "s": true, "v": true,
}
