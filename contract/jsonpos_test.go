package contract

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

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
