package docs

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// A large contract's schema trees would make a page of hundreds of
// thousands of elements that takes many seconds to parse. So the page's
// HTML holds each operation's schemas one level deep, and everything
// below, as well as the Schemas section, travels as compact JSON in a
// non-executed <script type="application/json"> block that the page's
// script turns into elements only when a reader opens or scrolls to them.
// Descriptions in the JSON are already sanitised HTML (see commonmark.go)
// and every other string is set with textContent.

// jnode is a node in the page's JSON: short keys, empty fields left out.
type jnode struct {
	Name     string   `json:"n,omitempty"`
	Label    string   `json:"l,omitempty"`
	Type     string   `json:"t,omitempty"`  // type text; with a ref, what precedes the name
	Ref      string   `json:"r,omitempty"`  // anchor of a shared schema
	RefName  string   `json:"rn,omitempty"` // its name
	Format   string   `json:"f,omitempty"`
	Required bool     `json:"q,omitempty"`
	Flags    []string `json:"g,omitempty"`
	Facts    []string `json:"x,omitempty"`
	Enum     []string `json:"e,omitempty"`
	Desc     string   `json:"d,omitempty"` // sanitised HTML
	Disc     string   `json:"s,omitempty"`
	Kids     []*jnode `json:"k,omitempty"`
}

// toJSON converts a node and its descendants.
func toJSON(n *node, withDesc bool) *jnode {
	j := &jnode{Name: n.Name, Label: n.Label, Type: n.Type, Format: n.Format, Required: n.Required, Facts: n.Facts, Enum: n.Enum, Disc: n.Discriminator}
	if n.Ref != nil {
		j.Ref, j.RefName, j.Type = n.Ref.Anchor, n.Ref.Name, n.RefPrefix
	}
	for _, f := range nodeFlags(n) {
		j.Flags = append(j.Flags, f)
	}
	if withDesc {
		j.Desc = string(renderHTML(n.Description))
	}
	for _, k := range n.Kids {
		j.Kids = append(j.Kids, toJSON(k, true))
	}
	return j
}

// nodeFlags are the words shown after a node's type.
func nodeFlags(n *node) []string {
	var out []string
	for _, f := range []struct {
		on   bool
		text string
	}{{n.Nullable, "nullable"}, {n.ReadOnly, "read-only"}, {n.WriteOnly, "write-only"}, {n.Deprecated, "deprecated"}, {n.Cut, "recursive"}} {
		if f.on {
			out = append(out, f.text)
		}
	}
	return out
}

// pageData collects the JSON the page carries: the Schemas section's
// trees by anchor, and the lazily drawn subtrees of operations by id.
type lazyData struct {
	schemas map[string]*jnode
	trees   []lazyTree
	ops     []lazyOp
}

type lazyOp struct {
	id   string
	op   *opView
	html string // op's body, rendered by renderOps
}

// renderOps renders the body of every lazy operation with body, on every
// core: html/template runs concurrently, and each body reads its own
// operation's view, its trees already cut by deferKids. On GitHub's
// description that is 1,100 bodies, most of the page's build time.
func (d *lazyData) renderOps(body func(*opView) (string, error)) error {
	errs := make([]error, len(d.ops))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(d.ops)) {
		wg.Go(func() {
			for i := range next {
				d.ops[i].html, errs[i] = body(d.ops[i].op)
			}
		})
	}
	for i := range d.ops {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err // the first operation's, as when they ran in turn
		}
	}
	return nil
}

type lazyTree struct {
	id   string
	kids []*jnode
}

// defer1 marks every node below the first level of an operation's tree as
// drawn from JSON: a node with children keeps its line in the HTML and
// gets a Lazy id for them.
func (d *lazyData) deferKids(root *node) {
	if root == nil {
		return
	}
	for _, k := range root.Kids {
		if len(k.Kids) == 0 {
			continue
		}
		k.Lazy = fmt.Sprintf("t%d", len(d.trees)+1)
		var kids []*jnode
		for _, kk := range k.Kids {
			kids = append(kids, toJSON(kk, true))
		}
		d.trees = append(d.trees, lazyTree{id: k.Lazy, kids: kids})
	}
}

// encode writes the data as one JSON object, one entry a line (so golden
// files diff well). With pack set (large pages) the object is gzipped and
// carried as one base64 JSON string, which the page unpacks: GitHub's
// description goes from 13.7 MB to about 4 MB, and reading a file:// page
// costs the browser time per byte. gzip output is deterministic (no name
// or time in the header). The JSON streams into the compressor and the
// base64 text is written once into its final buffer: GitHub's 13.7 MB
// were otherwise copied five times between strings and byte slices.
func (d *lazyData) encode(pack bool) (htmltemplate.JS, error) {
	if !pack {
		var b bytes.Buffer
		if err := d.writeJSON(&b); err != nil {
			return "", err
		}
		return htmltemplate.JS(b.String()), nil
	}
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(zw, 64<<10)
	if err := d.writeJSON(bw); err != nil {
		return "", err
	}
	if err := bw.Flush(); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	var s strings.Builder
	s.Grow(base64.StdEncoding.EncodedLen(z.Len()) + 2)
	s.WriteByte('"')
	enc := base64.NewEncoder(base64.StdEncoding, &s)
	enc.Write(z.Bytes())
	enc.Close()
	s.WriteByte('"')
	return htmltemplate.JS(s.String()), nil
}

// writeJSON writes the data as encode's JSON object to w.
func (d *lazyData) writeJSON(w io.Writer) error {
	e := entryWriter{w: w}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	io.WriteString(w, `{"s":{`)
	anchors := make([]string, 0, len(d.schemas))
	for a := range d.schemas {
		anchors = append(anchors, a)
	}
	sort.Strings(anchors)
	for i, a := range anchors {
		e.entry(i, a, d.schemas[a])
	}
	io.WriteString(w, "},\n\"t\":{")
	for i, t := range d.trees {
		e.entry(i, t.id, t.kids)
	}
	io.WriteString(w, "},\n\"o\":{")
	for i, o := range d.ops {
		e.entry(i, o.id, o.html)
	}
	if e.err != nil {
		return e.err
	}
	_, err := io.WriteString(w, "}}\n")
	return err
}

// entryWriter writes the entries of one JSON object, reusing one buffer
// and encoder for all of them; the first error sticks.
type entryWriter struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

// entry writes the i-th entry, "key":value, on a line of its own. HTML is
// not escaped to \u003c (operation bodies are HTML, and that would make
// them half as big again); instead every "</" becomes "<\/" and every
// "<!--" "\u003c!--", which is all the HTML tokenizer looks at inside a
// <script> element, so the text can never close or escape the element
// that holds it.
func (e *entryWriter) entry(i int, key string, v any) {
	if e.err != nil {
		return
	}
	e.buf.Reset()
	if i > 0 {
		e.buf.WriteByte(',')
	}
	e.buf.WriteByte('\n')
	if e.err = e.enc.Encode(key); e.err != nil {
		return
	}
	e.buf.Truncate(e.buf.Len() - 1) // Encode's newline
	e.buf.WriteByte(':')
	if e.err = e.enc.Encode(v); e.err != nil {
		return
	}
	e.buf.Truncate(e.buf.Len() - 1)
	_, e.err = e.w.Write(scriptSafe(e.buf.Bytes()))
}

// scriptSafe rewrites "</" as "<\/" and "<!--" as "\u003c!--" in JSON
// text; b itself when it holds no "<".
func scriptSafe(b []byte) []byte {
	if !bytes.Contains(b, []byte("<")) {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`))
	return bytes.ReplaceAll(b, []byte("<!--"), []byte(`\u003c!--`))
}
