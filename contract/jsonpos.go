package contract

import (
	"encoding/json"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// JSONIndex finds the nodes of a JSON document by pointer in its bytes,
// and puts positions on them without a YAML node tree: yaml.v3 parsing GitHub's 13 MB description for a first position
// costs most of a second and about 70 MB. The index reads the bytes
// instead, and only along the pointers asked for: the first time a
// container is looked into, its members are listed once (each key's and
// value's offset), so positions in a large file cost one pass over the
// containers they cross. Line and column are those yaml.v3 gives (the key
// of a member, the first character of an element; columns count
// characters), so a position does not depend on which reader found it.
type JSONIndex struct {
	data []byte

	mu      sync.Mutex
	lines   []int                     // offset of every line's start, built on first use
	marks   []runeMark                // characters counted, built with lines
	objects map[int]map[string]member // by the offset of an object's '{'
	arrays  map[int][]int             // element offsets, by the offset of an array's '['
}

// member is where an object member's key and value start.
type member struct{ key, value int }

// NewJSONIndex indexes data, which must be valid JSON (decoded once
// already): nothing is read until a pointer is looked up.
func NewJSONIndex(data []byte) *JSONIndex {
	return &JSONIndex{data: data, objects: map[int]map[string]member{}, arrays: map[int][]int{}}
}

// Value returns the JSON text of the node at pointer, if there is one.
func (x *JSONIndex) Value(pointer string) ([]byte, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	toks := splitPointer(pointer)
	_, v, n := x.find(toks)
	if n < len(toks) || v >= len(x.data) {
		return nil, false
	}
	return x.data[v:skipValue(x.data, v)], true
}

// position returns the line and column of the node at toks, or of its
// nearest existing ancestor, as Document.Position does with a node tree.
func (x *JSONIndex) position(toks []string) (line, col int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	at, _, _ := x.find(toks)
	return x.lineCol(at)
}

// find follows toks from the root as far as they exist: it returns where
// the last node found is pointed at (a member's key, an element's start),
// where its value starts, and how many tokens were followed.
func (x *JSONIndex) find(toks []string) (at, v, n int) {
	v = skipSpace(x.data, 0)
	at = v
	for _, tok := range toks {
		if v >= len(x.data) {
			break
		}
		switch x.data[v] {
		case '{':
			m, ok := x.object(v)[tok]
			if !ok {
				return at, v, n
			}
			at, v = m.key, m.value
		case '[':
			elems := x.array(v)
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(elems) {
				return at, v, n
			}
			at, v = elems[i], elems[i]
		default:
			return at, v, n
		}
		n++
	}
	return at, v, n
}

// object lists the members of the object at off, once; the first of
// duplicate keys wins, as in the node tree.
func (x *JSONIndex) object(off int) map[string]member {
	if m, ok := x.objects[off]; ok {
		return m
	}
	d := x.data
	m := map[string]member{}
	i := skipSpace(d, off+1)
	for i < len(d) && d[i] == '"' {
		end := skipString(d, i)
		key := jsonKey(d[i:end])
		j := skipSpace(d, end)
		if j >= len(d) || d[j] != ':' {
			break
		}
		v := skipSpace(d, j+1)
		if _, dup := m[key]; !dup {
			m[key] = member{key: i, value: v}
		}
		i = skipSpace(d, skipValue(d, v))
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
		}
	}
	x.objects[off] = m
	return m
}

// array lists the element offsets of the array at off, once.
func (x *JSONIndex) array(off int) []int {
	if a, ok := x.arrays[off]; ok {
		return a
	}
	d := x.data
	var a []int
	i := skipSpace(d, off+1)
	for i < len(d) && d[i] != ']' {
		a = append(a, i)
		i = skipSpace(d, skipValue(d, i))
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
		}
	}
	x.arrays[off] = a
	return a
}

// lineCol turns an offset into a 1-based line and column (in characters).
func (x *JSONIndex) lineCol(off int) (int, int) {
	if x.lines == nil {
		x.lines = []int{0}
		for i, b := range x.data {
			if b == '\n' {
				x.lines = append(x.lines, i+1)
			}
		}
		x.marks = runeMarks(x.data)
	}
	l := sort.SearchInts(x.lines, off+1) - 1
	return l + 1, x.runesBefore(off) - x.runesBefore(x.lines[l]) + 1
}

// runeStep is how far apart runeMarks are, in bytes: a column costs at
// most this much counting, however long its line (minified contracts are
// one line of hundreds of kilobytes, and counting from the line's start
// for each of their hundreds of warnings took a tenth of gen's time).
const runeStep = 4096

// A runeMark is an offset and the characters before it.
type runeMark struct{ off, runes int }

// runeMarks counts the characters of data once, marking about every
// runeStep bytes. Each mark is at an ASCII byte, where no character
// (valid or not) straddles, so counting up to an offset from the nearest
// mark before it gives what utf8.RuneCount gives from the start.
func runeMarks(data []byte) []runeMark {
	marks := []runeMark{{0, 0}}
	last := marks[0]
	for at := runeStep; at < len(data); at += runeStep {
		for at < len(data) && data[at] >= utf8.RuneSelf {
			at++
		}
		if at == len(data) {
			break
		}
		last = runeMark{at, last.runes + utf8.RuneCount(data[last.off:at])}
		marks = append(marks, last)
		at -= at % runeStep
	}
	return marks
}

// runesBefore is utf8.RuneCount(data[:off]), counted from the nearest
// mark.
func (x *JSONIndex) runesBefore(off int) int {
	i := sort.Search(len(x.marks), func(i int) bool { return x.marks[i].off > off }) - 1
	m := x.marks[i]
	return m.runes + utf8.RuneCount(x.data[m.off:off])
}

// jsonKey decodes a key as written (quotes included).
func jsonKey(q []byte) string {
	for _, b := range q {
		if b == '\\' {
			var s string
			if json.Unmarshal(q, &s) == nil {
				return s
			}
			break
		}
	}
	if len(q) >= 2 {
		return string(q[1 : len(q)-1])
	}
	return ""
}

func skipSpace(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t') {
		i++
	}
	return i
}

// skipString returns the offset after the string starting at i.
func skipString(d []byte, i int) int {
	for i++; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(d)
}

// skipValue returns the offset after the value starting at i. The file
// was decoded already, so it is valid JSON.
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return i
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for ; i < len(d); i++ {
			switch d[i] {
			case '"':
				i = skipString(d, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(d) && d[i] != ',' && d[i] != '}' && d[i] != ']' && d[i] != ' ' && d[i] != '\n' && d[i] != '\r' && d[i] != '\t' {
		i++
	}
	return i
}
