package infer

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

func sortStrings(s []string) { sort.Strings(s) }

// words cuts a name into lowercase words at separators and case changes:
// "X-API-Key" → x api key, "petId" → pet id.
func words(s string) []string {
	var out []string
	var cur []rune
	rs := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0 && (unicode.IsLower(cur[len(cur)-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(cur[len(cur)-1])):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// camel joins words as lowerCamel (upper when pascal).
func camel(ws []string, pascal bool) string {
	var b strings.Builder
	for i, w := range ws {
		if i == 0 && !pascal {
			b.WriteString(w)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// singular is a plain English singular of a lowercase word, enough for
// resource names: categories → category, addresses → address, pets → pet.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 1:
		return w[:len(w)-1]
	}
	return w
}

func plural(w string) bool { return singular(w) != w }

var versionRE = lazyre.New(`^v\d+(\.\d+)*$`)

// noise segments name no resource.
func noise(seg string) bool {
	l := strings.ToLower(seg)
	return l == "api" || l == "rest" || versionRE().MatchString(l)
}

// singularWords returns the words of a segment with the last made
// singular.
func singularWords(seg string) []string {
	ws := words(seg)
	if len(ws) > 0 {
		ws[len(ws)-1] = singular(ws[len(ws)-1])
	}
	return ws
}

// namer hands out unique names, suffixing 2, 3 … on a clash.
type namer map[string]bool

func (n namer) unique(name string) string {
	if name == "" {
		name = "x"
	}
	out := name
	for i := 2; n[out]; i++ {
		out = name + strconv.Itoa(i)
	}
	n[out] = true
	return out
}

// componentKey makes a string safe as a components key
// (^[a-zA-Z0-9._-]+$).
func componentKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
