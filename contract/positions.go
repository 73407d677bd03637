package contract

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// Position returns where the node at the JSON pointer lies in file (a path
// as it appears in Source.File). A YAML file's node tree is parsed the
// first time a position in it is asked for, and a JSON file is indexed
// along the pointers asked for (JSONIndex): positions cost nothing until
// there is something to report.
// A pointer that does not exist gives the position of its nearest
// existing ancestor; an unknown file gives a Position with only File set.
func (d *Document) Position(file, pointer string) Position {
	pos := Position{File: file}
	toks := splitPointer(pointer)
	if len(toks) > 1 && toks[0] == "paths" && file == d.Path {
		if orig, ok := d.pathKeys[toks[1]]; ok {
			toks[1] = orig // a path key the loader rewrote
		}
	}
	if f, ok := d.files[file]; ok && f.isJSON {
		f.indexOnce.Do(func() { f.index = NewJSONIndex(f.data) })
		pos.Line, pos.Col = f.index.position(toks)
		return pos
	}
	if n := d.yamlRoot(file); n != nil {
		pos.Line, pos.Col = yamlPosition(n, toks)
	}
	return pos
}

// yamlPosition is the line and column of the node at toks below n, or of
// its nearest existing ancestor.
func yamlPosition(n *yaml.Node, toks []string) (line, col int) {
	line, col = n.Line, n.Column
	for _, tok := range toks {
		next, key := child(n, tok)
		if next == nil {
			break
		}
		n = next
		// Point at the key of a mapping entry: that is where a reader's
		// eye goes ("get:" rather than the first line of its body).
		if key != nil {
			line, col = key.Line, key.Column
		} else {
			line, col = n.Line, n.Column
		}
	}
	return line, col
}

// child finds the value under tok in a mapping or sequence node, and the
// key node for a mapping.
func child(n *yaml.Node, tok string) (value, key *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i+1], n.Content[i]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], nil
		}
	case yaml.AliasNode:
		return child(n.Alias, tok)
	}
	return nil, nil
}

// splitPointer splits a JSON pointer into unescaped tokens.
func splitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		if strings.Contains(s, "~") {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
		}
	}
	return parts
}

// jsonErrorPosition converts the byte offset of a JSON syntax error into a
// line and column.
func jsonErrorPosition(data []byte, err error) (line, col int) {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return 0, 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func jsonErrorText(err error) string {
	if errors.Is(err, errUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
		return "unexpected end of file"
	}
	return err.Error()
}

var errUnexpectedEOF = errors.New("unexpected EOF")

var yamlLine = lazyre.New(`line (\d+)`)

// yamlErrorLine finds the line yaml.v3 names in its error text.
func yamlErrorLine(err error) int {
	if m := yamlLine().FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// yamlRoot returns the top node of file's YAML node tree, parsing the
// file the first time; nil for a file not read or not parsed.
func (d *Document) yamlRoot(file string) *yaml.Node {
	f, ok := d.files[file]
	if !ok {
		return nil
	}
	f.once.Do(func() {
		var n yaml.Node
		if yaml.Unmarshal(f.data, &n) == nil {
			f.root = &n
		}
	})
	n := f.root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	return n
}

// literal returns the text of the scalar at pointer in file exactly as
// written (a number's digits, before any decoding into float64).
func (d *Document) literal(file, pointer string) (string, bool) {
	n := d.yamlRoot(file)
	for _, tok := range splitPointer(pointer) {
		if n == nil {
			return "", false
		}
		n, _ = child(n, tok)
	}
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}
