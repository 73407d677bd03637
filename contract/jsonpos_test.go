package contract

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// TestJSONIndexSameAsNodeTree puts a position on every node of JSON files
// (the shared test contracts, a few edge cases and, when present, the dev
// corpus) through the JSON index and through yaml.v3's node tree, which
// Position used for every file before: they must agree, and so must the
// nearest ancestor of a pointer that does not exist.
func TestJSONIndexSameAsNodeTree(t *testing.T) {
	files, _ := filepath.Glob("../testdata/contracts/*/*.json")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(corpus) > 12 {
		corpus = corpus[:12] // every node of each: enough kinds of JSON, in seconds
	}
	files = append(files, corpus...)
	inline := map[string]string{
		"escapes":  "{\"a\\/b\": {\"x\": [1, {\"y\": \"}]\\\"\"}]}, \"é\": {\"ü\": true}, \"dup\": 1, \"dup\": {\"z\": 2}}",
		"crlf":     "{\r\n  \"a\": [\r\n    {\"b\": null},\r\n    \"c\"\r\n  ],\r\n  \"d\": -1.5e3\r\n}\r\n",
		"array":    "  [ {\"a\": 1}, [2, 3], \"x\" ]",
		"unicode":  "{\"k\": \"ααα\", \"l\": {\"m\": 1}}",
		"nested":   `{"a":{"b":{"c":{"d":[[],[{}],{"e":""}]}}}}`,
		"emptykey": `{"": {"": 1}, "x": {}}`,
	}
	nodes := 0
	check := func(name string, data []byte) {
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return // the node tree gives no positions here, the index does
		}
		n := root.Content[0]
		x := NewJSONIndex(data)
		var walk func(n *yaml.Node, toks []string)
		walk = func(n *yaml.Node, toks []string) {
			nodes++
			for _, extra := range [][]string{toks, append(toks[:len(toks):len(toks)], "nosuch~key")} {
				wl, wc := yamlPosition(root.Content[0], extra)
				gl, gc := x.position(extra)
				if gl != wl || gc != wc {
					t.Fatalf("%s: %v: index %d:%d, node tree %d:%d", name, extra, gl, gc, wl, wc)
				}
			}
			switch n.Kind {
			case yaml.MappingNode:
				seen := map[string]bool{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					if k := n.Content[i].Value; !seen[k] {
						seen[k] = true
						walk(n.Content[i+1], append(toks[:len(toks):len(toks)], k))
					}
				}
			case yaml.SequenceNode:
				for i, e := range n.Content {
					walk(e, append(toks[:len(toks):len(toks)], strconv.Itoa(i)))
				}
			}
		}
		walk(n, nil)
	}
	for name, src := range inline {
		check(name, []byte(src))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, data)
	}
	if nodes < 1000 {
		t.Errorf("only %d nodes compared", nodes)
	}
}

// TestJSONIndexValue pins Value: the text of the node at a pointer,
// escaped tokens unescaped, nothing for a pointer that does not exist.
func TestJSONIndexValue(t *testing.T) {
	x := NewJSONIndex([]byte(` {"a/b": {"allOf": [{"$ref": "#/x"}, {"type": "object"}]}, "n": [1, "two", null], "~": true}`))
	for ptr, want := range map[string]string{
		"":               `{"a/b": {"allOf": [{"$ref": "#/x"}, {"type": "object"}]}, "n": [1, "two", null], "~": true}`,
		"/a~1b/allOf":    `[{"$ref": "#/x"}, {"type": "object"}]`,
		"/a~1b/allOf/1":  `{"type": "object"}`,
		"/n/1":           `"two"`,
		"/n/2":           `null`,
		"/~0":            `true`,
		"/a~1b/oneOf":    "",
		"/n/3":           "",
		"/n/1/x":         "",
		"/a~1b/allOf/-1": "",
	} {
		got, ok := x.Value(ptr)
		if string(got) != want || ok != (want != "") {
			t.Errorf("Value(%q) = %q, %v; want %q", ptr, got, ok, want)
		}
	}
}

// TestJSONIndexColumnsFromMarks checks that columns counted from the
// rune marks are what counting from the line's start gives, at every
// offset of lines longer than several marks apart, with multi-byte and
// invalid UTF-8 around the marks (which must fall where no character
// straddles them).
func TestJSONIndexColumnsFromMarks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "{", "\"", "é", "€", "𝄞", "\xe2\x82", "\x80", "\xff", "\n", strings.Repeat("x", 900), strings.Repeat("ü", 3000)}
	for round := range 20 {
		var b strings.Builder
		for b.Len() < 5*runeStep {
			p := pieces[r.IntN(len(pieces))]
			if p == "\n" && round%2 == 0 {
				continue // every other round: one long line, as minified JSON is
			}
			b.WriteString(p)
		}
		data := []byte(b.String())
		x := NewJSONIndex(data)
		x.lineCol(0)
		// Every offset near a mark, and a sample of the others.
		offs := []int{len(data)}
		for off := 0; off < len(data); off += 1 + r.IntN(60) {
			offs = append(offs, off)
		}
		for _, m := range x.marks {
			for d := -5; d <= 5; d++ {
				offs = append(offs, min(max(m.off+d, 0), len(data)))
			}
		}
		for _, off := range offs {
			line, col := x.lineCol(off)
			start := bytes.LastIndexByte(data[:off], '\n') + 1
			wantLine := bytes.Count(data[:off], []byte("\n")) + 1
			if want := utf8.RuneCount(data[start:off]) + 1; line != wantLine || col != want {
				t.Fatalf("round %d, offset %d: got %d:%d, want %d:%d", round, off, line, col, wantLine, want)
			}
		}
		if len(x.marks) < 2 {
			t.Fatalf("round %d: %d marks in %d bytes: the test does not cross marks", round, len(x.marks), len(data))
		}
	}
}
