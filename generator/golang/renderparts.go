package golang

import (
	"bytes"
	"fmt"

	"github.com/dave/jennifer/jen"
)

// unitsPerPart is how many units (the model's types, or its operations)
// a part of a large file holds (see partRender). A type's JSON methods are
// about 28 KB of jennifer tree on GitHub's description, so a part is a few
// megabytes of tree where json.gen.go whole was 110 MB. Tests set it to 1.
var unitsPerPart = 128

// partRender renders a file that is emitted unit by unit (types.gen.go and
// json.gen.go type by type, operations.gen.go, server.gen.go and
// client.gen.go operation by operation) in parts as it is emitted, so that
// only one part's jennifer tree is alive at a time instead of all the
// file's at once (on GitHub's description json.gen.go's whole tree was the
// largest share of gen's peak memory).
//
// The emitters append to emit as to any file; after every unitsPerPart
// units (see gen.unitEmitted) the statements emitted so far are moved
// into out and rendered there, unformatted, and emit starts a fresh body.
// out is the one file every part is rendered with, so imports are
// registered (and named, when two paths want one name) in the same order
// as when the whole file is rendered at once: the parts' texts, put
// after out's header and import block, are the whole file's text byte
// for byte, which is then formatted as before.
type partRender struct {
	emit, out *jen.File
	units     int      // units emitted since the last part
	bodies    [][]byte // rendered parts, in order
	size      int
	err       error
}

// newParts starts a file named pkg with the generated-code header, to be
// emitted into emit.
func newParts(pkg string) *partRender {
	out := jen.NewFile(pkg)
	out.HeaderComment(Header)
	out.NoFormat = true
	return &partRender{emit: jen.NewFile(pkg), out: out}
}

// unitEmitted is called by the emitters of a file written unit by unit
// after each unit's declarations (a type's, an operation's): every
// unitsPerPart units, what f holds is rendered as one part. The emitters
// called for another file (tests, the schema files) ignore it.
func (g *gen) unitEmitted(f *jen.File) {
	p := g.parts
	if p == nil || p.emit != f {
		return
	}
	p.units++
	if p.units >= unitsPerPart {
		p.flush()
	}
}

// flush renders the statements emitted since the last part as the next
// part and empties emit's body.
func (p *partRender) flush() {
	p.units = 0
	if p.err != nil {
		return
	}
	p.out.Group = p.emit.Group
	p.emit.Group = jen.NewFile("").Group
	body, err := p.body()
	p.out.Group = jen.NewFile("").Group // the part's tree can be collected now
	if err != nil {
		p.err = err
		return
	}
	p.bodies = append(p.bodies, body)
	p.size += len(body)
}

// body renders out and returns the text after its header and imports:
// the statements of out's body, each after a newline, as File.Render
// writes them. Rendering registers the imports the statements use, so the
// header is rendered again afterwards, with an empty body, to be cut off.
func (p *partRender) body() ([]byte, error) {
	var whole bytes.Buffer
	if err := p.out.Render(&whole); err != nil {
		return nil, err
	}
	head, err := p.header()
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(whole.Bytes(), head) {
		return nil, fmt.Errorf("a part's text does not start with the file's header")
	}
	return bytes.Clone(whole.Bytes()[len(head):]), nil
}

// header renders out's header comment, package clause and the imports
// registered so far; out's body must be empty.
func (p *partRender) header() ([]byte, error) {
	body := p.out.Group
	p.out.Group = jen.NewFile("").Group
	defer func() { p.out.Group = body }()
	var head bytes.Buffer
	if err := p.out.Render(&head); err != nil {
		return nil, err
	}
	return head.Bytes(), nil
}

// finish ends the file. When no part was rendered (a file too small to
// split, or not emitted type by type) it returns the file, to be rendered
// whole; otherwise it renders the rest as the last part and returns the
// file's unformatted text: the header, the imports every part registered
// and the parts in order.
func (p *partRender) finish() (*jen.File, []byte, error) {
	if len(p.bodies) == 0 && p.err == nil {
		p.out.Group = p.emit.Group
		p.emit = nil
		return p.out, nil, nil
	}
	p.flush()
	if p.err != nil {
		return nil, nil, p.err
	}
	head, err := p.header()
	if err != nil {
		return nil, nil, err
	}
	raw := make([]byte, 0, len(head)+p.size)
	raw = append(raw, head...)
	for i, b := range p.bodies {
		raw = append(raw, b...)
		p.bodies[i] = nil
	}
	return nil, raw, nil
}
