package golang

import (
	"strings"
	"testing"
)

// TestJSONWriterAPI pins down the writer's API, which generated encodeJSON
// methods, servers and clients call: every name and signature below is a
// contract with typegen, servergen and clientgen. Every declaration carries
// a doc comment, and the writer's own helpers are prefixed jsonWrite so they
// cannot meet the reader's (jsonRead...). Behaviour is tested inside a
// generated package (TestCodec, testdata/codec/writer_test.go).
func TestJSONWriterAPI(t *testing.T) {
	decls := emittedAPI(t, emitJSONWriter)
	api := map[string]bool{"jsonWriter": true}
	for _, d := range decls {
		for _, n := range d.names {
			if n != "_" && !api[n] && !strings.HasPrefix(n, "write") && !strings.HasPrefix(n, "jsonWrite") &&
				n != "encodeJSONValue" && n != "appendJSONValue" {
				t.Errorf("%s: helpers of the writer are named jsonWrite...", n)
			}
		}
	}
	checkAPI(t, decls, []string{
		"type jsonWriter struct {\n\tbuf\t[]byte\n\terr\terror\n\tdepth\tint\n}",
		"func (w *jsonWriter) raw(s string)",
		"func (w *jsonWriter) field(key string)",
		"func (w *jsonWriter) str(s string)",
		"func (w *jsonWriter) int(n int64)",
		"func (w *jsonWriter) float(f float64, bits int)",
		"func (w *jsonWriter) boolean(b bool)",
		"func (w *jsonWriter) null()",
		"func (w *jsonWriter) fail(err error)",
		"func (w *jsonWriter) enter() bool",
		"func (w *jsonWriter) leave()",
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
		"func writeList[T any](p *[]T, w *jsonWriter, f func(*T, *jsonWriter))",
		"func writeMap[T any](p *map[string]T, w *jsonWriter, f func(*T, *jsonWriter))",
		"func encodeJSONValue[T any](p *T, f func(*T, *jsonWriter)) ([]byte, error)",
		"func appendJSONValue[T any](buf []byte, p *T, f func(*T, *jsonWriter)) ([]byte, error)",
	})
}
