package golang

import "testing"

// TestJSONReaderAPI pins down the reader's API, which generated decodeJSON
// methods call: every name and signature below is a contract with typegen,
// servergen and clientgen. Behaviour is tested inside a generated package
// (TestCodec, testdata/codec/reader_test.go).
func TestJSONReaderAPI(t *testing.T) {
	decls := emittedAPI(t, emitJSONReader)
	checkAPI(t, decls, []string{
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
	})
	// The reader's fields that generated code may set (data) or that the
	// contract names; src, depth and the union memo are the reader's own.
	checkAPI(t, decls, []string{
		"type jsonReader struct {\n\tdata\t[]byte\n\tpos\tint\n\tsrc\tstring\n\tbuf\t[]byte\n\tdepth\tint\n\tunions\tmap[unionAt]unionDecoded\n\tunionEnds\tmap[int]int\n}",
		"type jsonSyntaxError struct {\n\tOffset\tint\n\tmsg\tstring\n}",
	})
}
