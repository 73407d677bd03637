package golang

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// specLiteral parses spec.gen.go and returns the value of specJSON.
func specLiteral(t testing.TB, src []byte) []byte {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "spec.gen.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || vs.Names[0].Name != "specJSON" {
			return true
		}
		lit := vs.Values[0].(*ast.BasicLit)
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		out = []byte(s)
		return false
	})
	if out == nil {
		t.Fatal("no specJSON constant")
	}
	return out
}

// TestSpecLiteralExact checks that the embedded contract is byte-for-byte
// the Model's Spec, whatever it contains.
func TestSpecLiteralExact(t *testing.T) {
	for _, spec := range []string{
		`{}`,
		"{\"a\":\"`backtick` and */ and \\\"quotes\\\"\"}",
		"{\"u\":\"caf\u00e9 \u2028 \U0001F600\"}",
		"{\"bad\":\"\xff\xfe\"}",
		"{\n\t\"nl\": \"\\n\"\n}",
	} {
		files, err := Generate(&contract.Model{Spec: []byte(spec)}, generator.Options{Package: "p", Targets: []string{"spec"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := specLiteral(t, files[0].Data); !bytes.Equal(got, []byte(spec)) {
			t.Errorf("embedded %q, want %q", got, spec)
		}
	}
}

// bigSpec is a JSON document of about n bytes, shaped like a real
// contract (many short strings, quotes to escape).
func bigSpec(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"paths":{`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"/repos/{owner}/{repo}/items/` + strconv.Itoa(i) + `":{"get":{"description":"Lists the \"items\" of a repo. See ` + "`docs`" + `.","responses":{"200":{"description":"OK"}}}}`)
	}
	b.WriteString(`}}`)
	return []byte(b.String())
}

// BenchmarkEmitSpec13MB renders spec.gen.go for a contract the size of
// GitHub's (13 MB): one string literal, so rendering and gofmt stay linear.
func BenchmarkEmitSpec13MB(b *testing.B) {
	m := &contract.Model{Spec: bigSpec(13 << 20)}
	b.SetBytes(int64(len(m.Spec)))
	for b.Loop() {
		if _, err := Generate(m, generator.Options{Package: "p", Targets: []string{"spec"}}); err != nil {
			b.Fatal(err)
		}
	}
}
