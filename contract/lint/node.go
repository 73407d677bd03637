package lint

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract"
)

// Node is one node of a contract's raw YAML/JSON tree together with the
// file it was read from and its JSON pointer in that file. Rules work on
// Nodes rather than on kin-openapi's resolved model so that every finding
// keeps the file:line:col of the node that causes it, also when a $ref
// leads into another file.
type Node struct {
	Y       *yaml.Node
	File    string
	Pointer string
	// key is the mapping key the node is the value of, when known: a
	// finding on a mapping or sequence is placed at its key, as Spectral
	// places it (the line of "get:" rather than of the operation's first
	// field), so both tools flag the same line.
	key  *yaml.Node
	tree *tree
}

// maxDepth bounds every recursive walk over a contract's tree, so a
// deeply nested or cyclic document cannot exhaust the stack.
const maxDepth = 256

// tree holds every file read while linting one contract.
type tree struct {
	files   map[string]*yaml.Node
	ignores map[string]map[string]*yaml.Node // file → pointer → node with x-lint-ignore
	follows map[[2]string]*Node              // (file, $ref) → target, or nil when broken
	keys    map[*yaml.Node]map[string]int    // large mappings' key → index
	schemas map[[2]string]*openapi3.Schema   // converted schemas, for examples
	// steps counts the tree's unit operations (a key compared, a node
	// indexed); tests assert that linting grows linearly with the input.
	steps int
}

func newTree() *tree {
	return &tree{files: map[string]*yaml.Node{}, ignores: map[string]map[string]*yaml.Node{}, follows: map[[2]string]*Node{}, keys: map[*yaml.Node]map[string]int{}, schemas: map[[2]string]*openapi3.Schema{}}
}

// root reads the contract's root file; it must be a mapping.
func (t *tree) root(path string) (*Node, error) {
	y, err := t.load(path)
	if err != nil {
		return nil, err
	}
	if y.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: contract is not a mapping", path)
	}
	return &Node{Y: y, File: path, tree: t}, nil
}

func (t *tree) load(path string) (*yaml.Node, error) {
	if n, ok := t.files[path]; ok {
		return n, nil
	}
	data, err := readRegular(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	n := &doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	t.files[path] = n
	return n, nil
}

// maxFileSize bounds each file lint reads.
const maxFileSize = 64 << 20

// readRegular reads a regular file of at most maxFileSize bytes: a device,
// a FIFO or a huge file is refused rather than read forever.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read contract: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read contract: %s is not a regular file", path)
	}
	if fi.Size() > maxFileSize {
		return nil, fmt.Errorf("read contract: %s is larger than %d MB", path, maxFileSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read contract: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read contract: %w", err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("read contract: %s is larger than %d MB", path, maxFileSize>>20)
	}
	return data, nil
}

// Get returns the value under key of a mapping node, following a $ref on
// the value (once per hop, up to a small depth) so that rules see the
// referenced node at its own file and pointer.
func (n *Node) Get(key string) *Node {
	c := n.Raw(key)
	if c == nil {
		return nil
	}
	return c.Deref()
}

// Raw returns the value under key without following $ref.
func (n *Node) Raw(key string) *Node {
	if n == nil || n.Y.Kind != yaml.MappingNode {
		return nil
	}
	if len(n.Y.Content) > 2*smallMap {
		i, ok := n.tree.keyIndex(n.Y)[key]
		n.tree.steps++
		if !ok {
			return nil
		}
		return &Node{Y: n.Y.Content[i+1], File: n.File, Pointer: n.Pointer + "/" + contract.EscapePointerToken(key), key: n.Y.Content[i], tree: n.tree}
	}
	for i := 0; i+1 < len(n.Y.Content); i += 2 {
		n.tree.steps++
		if n.Y.Content[i].Value == key {
			return &Node{Y: n.Y.Content[i+1], File: n.File, Pointer: n.Pointer + "/" + contract.EscapePointerToken(key), key: n.Y.Content[i], tree: n.tree}
		}
	}
	return nil
}

// smallMap is the size up to which a mapping is searched key by key; larger
// ones (paths, components/schemas of big contracts) are indexed once, so
// that looking up every key of a mapping stays linear in its size.
const smallMap = 16

// keyIndex maps each key of mapping m to its position in m.Content (the
// first occurrence, as the key-by-key search finds).
func (t *tree) keyIndex(m *yaml.Node) map[string]int {
	if idx, ok := t.keys[m]; ok {
		return idx
	}
	idx := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		t.steps++
		if _, dup := idx[m.Content[i].Value]; !dup {
			idx[m.Content[i].Value] = i
		}
	}
	t.keys[m] = idx
	return idx
}

// Ref returns the $ref string of a mapping node, or "".
func (n *Node) Ref() string {
	if r := n.Raw("$ref"); r != nil && r.Y.Kind == yaml.ScalarNode {
		return r.Y.Value
	}
	return ""
}

// Deref follows $ref chains to the node they name. A $ref that cannot be
// followed leaves the node as it is: the loader reports broken references.
func (n *Node) Deref() *Node {
	for i := 0; n != nil && i < 16; i++ {
		ref := n.Ref()
		if ref == "" {
			return n
		}
		next := n.tree.follow(n.File, ref)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// follow resolves ref written in file from, once per (file, ref): a
// contract with thousands of $refs to the same component pays for the
// lookup once.
func (t *tree) follow(from, ref string) *Node {
	key := [2]string{from, ref}
	if n, ok := t.follows[key]; ok {
		return n
	}
	n := t.resolve(from, ref)
	t.follows[key] = n
	return n
}

func (t *tree) resolve(from, ref string) *Node {
	file, frag, _ := strings.Cut(ref, "#")
	path := from
	if file != "" {
		if strings.Contains(file, "://") {
			return nil
		}
		path = filepath.Join(filepath.Dir(from), file)
	}
	root, err := t.load(path)
	if err != nil {
		return nil
	}
	n := &Node{Y: root, File: path, tree: t}
	for _, tok := range splitPointer(frag) {
		switch n.Y.Kind {
		case yaml.MappingNode:
			n = n.Raw(tok)
		case yaml.SequenceNode:
			n = n.Index(tok)
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
}

// Index returns the element of a sequence named by a decimal token.
func (n *Node) Index(tok string) *Node {
	var i int
	if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(n.Y.Content) {
		return nil
	}
	return n.Items()[i]
}

func splitPointer(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

// Pairs calls fn for each key/value of a mapping node in file order; values
// are not dereferenced.
func (n *Node) Pairs(fn func(key string, keyNode *yaml.Node, v *Node)) {
	if n == nil || n.Y.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Y.Content); i += 2 {
		k := n.Y.Content[i]
		fn(k.Value, k, &Node{Y: n.Y.Content[i+1], File: n.File, Pointer: n.Pointer + "/" + contract.EscapePointerToken(k.Value), key: k, tree: n.tree})
	}
}

// Items returns the elements of a sequence node, not dereferenced.
func (n *Node) Items() []*Node {
	if n == nil || n.Y.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*Node, len(n.Y.Content))
	for i, c := range n.Y.Content {
		out[i] = &Node{Y: c, File: n.File, Pointer: fmt.Sprintf("%s/%d", n.Pointer, i), tree: n.tree}
	}
	return out
}

// Str returns the scalar value under key, or "".
func (n *Node) Str(key string) string {
	if c := n.Get(key); c != nil && c.Y.Kind == yaml.ScalarNode {
		return c.Y.Value
	}
	return ""
}

// At is where a finding about an empty or missing key of n belongs: at the
// value when the key is written (say description: "" or tags: []), at n
// when it is absent, the places Spectral reports such findings at.
func (n *Node) At(key string) *Node {
	if c := n.Raw(key); c != nil {
		return c
	}
	return n
}

// Has reports whether a mapping node has key.
func (n *Node) Has(key string) bool { return n.Raw(key) != nil }

// Pos is where the node lies: a block mapping or sequence that is the
// value of a key lies at its key (its first entry is on a later line, where
// Spectral does not look), any other node at itself.
func (n *Node) Pos() contract.Position {
	if n.key != nil && n.key.Line != n.Y.Line && (n.Y.Kind == yaml.MappingNode || n.Y.Kind == yaml.SequenceNode) {
		return contract.Position{File: n.File, Line: n.key.Line, Col: n.key.Column}
	}
	return contract.Position{File: n.File, Line: n.Y.Line, Col: n.Y.Column}
}
