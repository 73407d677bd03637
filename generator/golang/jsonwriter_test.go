package golang

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// TestJSONWriterAPI pins down the writer's API, which generated encodeJSON
// methods, servers and clients call: every name and signature below is a
// contract with typegen, servergen and clientgen. Every declaration carries
// a doc comment, and the writer's own helpers are prefixed jsonWrite so they
// cannot meet the reader's (jsonRead...). Behaviour is tested inside a
// generated package (TestCodec, testdata/codec/writer_test.go).
func TestJSONWriterAPI(t *testing.T) {
	f := jen.NewFile("api")
	emitJSONWriter(f)
	var src bytes.Buffer
	if err := f.Render(&src); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "writer.go", src.Bytes(), parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	uncommented := func(s string) string {
		var lines []string
		for _, line := range strings.Split(s, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "//") {
				lines = append(lines, line)
			}
		}
		return strings.Join(lines, "\n")
	}
	decls := map[string]bool{}
	api := map[string]bool{"jsonWriter": true}
	for _, d := range file.Decls {
		var doc *ast.CommentGroup
		var names []string
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc, d.Doc, d.Body = d.Doc, nil, nil
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			doc, d.Doc = d.Doc, nil
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, d); err != nil {
			t.Fatal(err)
		}
		if doc == nil {
			t.Errorf("no doc comment on %s", b.String())
		}
		decls[uncommented(b.String())] = true
		for _, n := range names {
			if n != "_" && !api[n] && !strings.HasPrefix(n, "write") && !strings.HasPrefix(n, "jsonWrite") &&
				n != "encodeJSONValue" && n != "appendJSONValue" {
				t.Errorf("%s: helpers of the writer are named jsonWrite...", n)
			}
		}
	}
	for _, want := range []string{
		"type jsonWriter struct {\n\tbuf\t[]byte\n\terr\terror\n}",
		"func (w *jsonWriter) raw(s string)",
		"func (w *jsonWriter) field(key string)",
		"func (w *jsonWriter) str(s string)",
		"func (w *jsonWriter) int(n int64)",
		"func (w *jsonWriter) float(f float64, bits int)",
		"func (w *jsonWriter) boolean(b bool)",
		"func (w *jsonWriter) null()",
		"func (w *jsonWriter) fail(err error)",
		"func writeString[T ~string](p *T, w *jsonWriter)",
		"func writeInt[T ~int32 | ~int64](p *T, w *jsonWriter)",
		"func writeFloat32[T ~float32](p *T, w *jsonWriter)",
		"func writeFloat64[T ~float64](p *T, w *jsonWriter)",
		"func writeBool[T ~bool](p *T, w *jsonWriter)",
		"func writeTime(p *time.Time, w *jsonWriter)",
		"func writeBytes(p *[]byte, w *jsonWriter)",
		"func writeAny(p *any, w *jsonWriter)",
		"func writeRaw(p *json.RawMessage, w *jsonWriter)",
		"func writeJSON[T any](p *T, w *jsonWriter)",
		"func writePtr[T any](p **T, w *jsonWriter, f func(*T, *jsonWriter))",
		"func writeNullable[T any](p *Nullable[T], w *jsonWriter, f func(*T, *jsonWriter))",
		"func writeSlice[T any](p *[]T, w *jsonWriter, f func(*T, *jsonWriter))",
		"func writeMap[T any](p *map[string]T, w *jsonWriter, f func(*T, *jsonWriter))",
		"func encodeJSONValue[T any](p *T, f func(*T, *jsonWriter)) ([]byte, error)",
		"func appendJSONValue[T any](buf []byte, p *T, f func(*T, *jsonWriter)) ([]byte, error)",
	} {
		if !decls[want] {
			t.Errorf("missing %s", want)
		}
	}
}
