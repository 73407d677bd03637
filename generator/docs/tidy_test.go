package docs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tidyReference is tidyMarkdown as it was first written, on strings: the
// line-at-a-time version must say exactly the same.
func tidyReference(b []byte) []byte {
	var out []string
	blank := 0
	fence := ""
	for _, l := range strings.Split(string(b), "\n") {
		if fence != "" {
			out = append(out, l)
			if strings.TrimSpace(l) == fence {
				fence = ""
			}
			continue
		}
		if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, "```") {
			n := 0
			for n < len(t) && t[n] == '`' {
				n++
			}
			fence = t[:n]
			blank = 0
			out = append(out, strings.TrimRight(l, " "))
			continue
		}
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			out = append(out, "")
			continue
		}
		blank = 0
		out = append(out, strings.TrimRight(l, " "))
	}
	return []byte(strings.TrimSpace(strings.Join(out, "\n")) + "\n")
}

func TestTidyMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "\n"},
		{"\n\n  \n", "\n"},
		{"# A  \n\n\n\ntext \n", "# A\n\ntext\n"},
		// Fenced code is kept as written, blank lines and trailing spaces too.
		{"a\n```go\nx  \n\n\n  ```\n\n\nb", "a\n```go\nx  \n\n\n  ```\n\nb\n"},
		// A longer fence is closed only by a line of the same fence.
		{"````\n```\n\n\n````\nz", "````\n```\n\n\n````\nz\n"},
		{"  \n\t lead\n", "lead\n"},
	} {
		got := string(tidyMarkdown([]byte("H\n\n"), []byte(c.in)))
		if want := "H\n\n" + c.want; got != want {
			t.Errorf("tidyMarkdown(%q) = %q, want %q", c.in, got, want)
		}
		if ref := string(tidyReference([]byte(c.in))); ref != c.want {
			t.Errorf("reference(%q) = %q, want %q", c.in, ref, c.want)
		}
	}
}

// FuzzTidyMarkdown: the in-place version and the reference agree on
// every input.
func FuzzTidyMarkdown(f *testing.F) {
	for _, s := range []string{"", "a\n\n\nb", "```\n\n\n```\n  x  ", " \u00a0\n```x\n\t```\n", "\n\v\f\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := tidyMarkdown(nil, []byte(s))
		if diff := cmp.Diff(string(tidyReference([]byte(s))), string(got)); diff != "" {
			t.Errorf("tidyMarkdown(%q) (-reference +got):\n%s", s, diff)
		}
	})
}
