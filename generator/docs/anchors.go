package docs

import (
	"fmt"
	"strings"
	"unicode"
)

// anchors hands out HTML ids: stable (the same contract gives the same ids,
// so a bookmarked #operation-listPets keeps working after regeneration),
// safe (ASCII letters, digits, '-' and '_' only, so an id needs no
// escaping in a URL, an attribute or a CSS selector) and unique.
type anchors struct{ used map[string]bool }

// id returns prefix-name sanitised, made unique with a numeric suffix.
func (a *anchors) id(prefix, name string) string {
	if a.used == nil {
		a.used = map[string]bool{}
	}
	base := prefix + "-" + sanitize(name)
	cand := base
	for i := 2; a.used[cand]; i++ {
		cand = fmt.Sprintf("%s-%d", base, i)
	}
	a.used[cand] = true
	return cand
}

// sanitize keeps ASCII letters, digits and '_', and turns every run of
// anything else into one '-'.
func sanitize(s string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
			b.WriteByte(c)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "x"
	}
	return out
}

// githubSlugs computes the anchors GitHub gives Markdown headings, so the
// Markdown's table of contents links work where it is most often read:
// lower case, punctuation other than '-' and '_' dropped, spaces turned
// into '-', repeats suffixed "-1", "-2" …
type githubSlugs struct{ seen map[string]int }

func (g *githubSlugs) slug(heading string) string {
	if g.seen == nil {
		g.seen = map[string]int{}
	}
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r > 0x7f && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	s := b.String()
	n := g.seen[s]
	g.seen[s] = n + 1
	if n > 0 {
		s = fmt.Sprintf("%s-%d", s, n)
	}
	return s
}
