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

// TestJSONReaderAPI pins down the reader's API, which generated decodeJSON
// methods call: every name and signature below is a contract with typegen,
// servergen and clientgen. Behaviour is tested inside a generated package
// (TestCodec, testdata/codec/reader_test.go).
func TestJSONReaderAPI(t *testing.T) {
	f := jen.NewFile("api")
	emitJSONReader(f)
	var src bytes.Buffer
	if err := f.Render(&src); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "reader.go", src.Bytes(), parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	// uncommented drops the comment lines of a printed declaration.
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
	for _, d := range file.Decls {
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc, d.Doc, d.Body = d.Doc, nil, nil
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			doc, d.Doc = d.Doc, nil
		}
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, d); err != nil {
			t.Fatal(err)
		}
		if doc == nil {
			t.Errorf("no doc comment on %s", b.String())
		}
		decls[uncommented(b.String())] = true
	}
	for _, want := range []string{
		"func (e *jsonSyntaxError) Error() string",
		"func (r *jsonReader) isNull() bool",
		"func (r *jsonReader) object(fn func(key []byte) error) error",
		"func (r *jsonReader) array(fn func(i int) error) error",
		"func (r *jsonReader) str() (string, error)",
		"func (r *jsonReader) integer() (int64, error)",
		"func (r *jsonReader) number() (float64, error)",
		"func (r *jsonReader) boolean() (bool, error)",
		"func (r *jsonReader) skip() ([]byte, error)",
		"func (r *jsonReader) value() (any, error)",
		"func (r *jsonReader) end() error",
		"func readString[T ~string](p *T, r *jsonReader) error",
		"func readInt[T ~int32 | ~int64](p *T, r *jsonReader) error",
		"func readFloat[T ~float32 | ~float64](p *T, r *jsonReader) error",
		"func readBool[T ~bool](p *T, r *jsonReader) error",
		"func readTime(p *time.Time, r *jsonReader) error",
		"func readBytes(p *[]byte, r *jsonReader) error",
		"func readAny(p *any, r *jsonReader) error",
		"func readRaw(p *json.RawMessage, r *jsonReader) error",
		"func readPtr[T any](p **T, r *jsonReader, f func(*T, *jsonReader) error) error",
		"func readNullPtr[T any](p **T, r *jsonReader, f func(*T, *jsonReader) error) error",
		"func readNullable[T any](p *Nullable[T], r *jsonReader, f func(*T, *jsonReader) error) error",
		"func readSlice[T any](p *[]T, r *jsonReader, f func(*T, *jsonReader) error) error",
		"func readMap[T any](p *map[string]T, r *jsonReader, f func(*T, *jsonReader) error) error",
		"func readJSON[T any](p *T, r *jsonReader) error",
		"func decodeJSONValue[T any](data []byte, p *T, f func(*T, *jsonReader) error) error",
	} {
		if !decls[want] {
			t.Errorf("missing %s", want)
		}
	}
	// The reader's fields that generated code may set (data) or that the
	// contract names; src and depth are the reader's own.
	for _, want := range []string{
		"type jsonReader struct {\n\tdata\t[]byte\n\tpos\tint\n\tsrc\tstring\n\tbuf\t[]byte\n\tdepth\tint\n}",
		"type jsonSyntaxError struct {\n\tOffset\tint\n\tmsg\tstring\n}",
	} {
		if !decls[want] {
			t.Errorf("missing %s", want)
		}
	}
}
