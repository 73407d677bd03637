package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// sameAsKin decodes data with decodeT and with kin-openapi's own
// T.UnmarshalJSON and fails unless both give the same document or the
// same error.
func sameAsKin(t *testing.T, name string, data []byte) {
	t.Helper()
	var got, want openapi3.T
	gotErr, wantErr := decodeT(data, &got), json.Unmarshal(data, &want)
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Errorf("%s: error %v, kin-openapi's %v", name, gotErr, wantErr)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: decoded document differs from kin-openapi's (extensions %v, kin-openapi's %v)", name, got.Extensions, want.Extensions)
	}
}

// TestDecodeTSameAsKin: decodeT gives what json.Unmarshal into an
// openapi3.T gives, extensions, odd members and errors included.
func TestDecodeTSameAsKin(t *testing.T) {
	for _, c := range []struct{ name, doc string }{
		{"plain", `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`},
		{"extensions", `{"openapi":"3.1.0","x-a":{"b":[1,2.5,"c",null,true]},"info":{"title":"t","version":"1"},"x-n":null,"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`},
		{"duplicate extension: last wins", `{"openapi":"3.0.0","x-a":1,"x-a":2}`},
		{"duplicate field", `{"openapi":"3.0.0","info":{"title":"a"},"info":{"title":"b"}}`},
		{"member named like a field in other case", `{"openapi":"3.0.0","Paths":{},"INFO":{"title":"x"}}`},
		{"webhooks and dialect", `{"openapi":"3.1.0","jsonSchemaDialect":"https://x","webhooks":{"w":{"post":{}}},"x-y":"z"}`},
		{"duplicate paths: last wins", `{"openapi":"3.0.0","paths":{"/a":{}},"paths":{"/b":{"get":{}}}}`},
		{"null members", `{"openapi":"3.0.0","paths":null,"components":null,"info":null,"x-a":null}`},
		{"paths after null", `{"openapi":"3.0.0","paths":null,"paths":{"/b":{}}}`},
		{"wrong type in components", `{"openapi":"3.0.0","components":{"schemas":{"A":{"type":5}}},"paths":{}}`},
		{"empty", `{}`},
		{"not an object", `[1]`},
		{"wrong type", `{"openapi":3}`},
		{"wrong type deep", `{"openapi":"3.0.0","paths":{"/a":5}}`},
		{"wrong type in extension's sibling", `{"openapi":"3.0.0","x-a":1,"servers":{}}`},
		{"invalid JSON", `{"openapi":"3.0.0",`},
		{"null", `null`},
	} {
		sameAsKin(t, c.name, []byte(c.doc))
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if testing.Short() && len(files) > 20 {
		files = files[:20]
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameAsKin(t, filepath.Base(f), data)
	}
}
