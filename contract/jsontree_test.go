package contract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// stdTree is what readFile made of JSON before decodeJSONTree, and still
// makes when decodeJSONTree declines: encoding/json with UseNumber, then
// normalizeNumbers; ok is false when that fails or data holds more than
// one value.
func stdTree(data []byte) (v any, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || !json.Valid(data) {
		return nil, false
	}
	return normalizeNumbers(v), true
}

var jsonTreeCases = []string{
	`{}`, `[]`, ` {"a": [1, -2.5e3, 0, -0, 1E+2, 1e400, -1e400, 12345678901234567890]} `,
	`{"a":1,"a":2}`, `{"":null,"t":true,"f":false}`, `"x"`, `0`, `-`, `01`, `1.`, `.5`, `1e`, `+1`,
	`{"s":"tab\tin"}`, `{"s":"a\"b\\c\/d\b\f\n\r\t"}`, `{"s":"\u00e9\u20AC\ud834\udd1e"}`,
	`{"s":"\ud834"}`, `{"s":"\ud834x"}`, `{"s":"\udd1e\ud834"}`, `{"s":"\ud834\u0041"}`, `{"s":"\ud834\uZZZZ"}`,
	`{"s":"\x"}`, `{"s":"\'"}`, `{"s":"\u12"}`, "{\"s\":\"\xff\xfe é \xe2\x82\"}", "{\"\xff\":1}",
	`{"a" 1}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a":1}x`, `{"a":1} {}`, `{"a":tru}`, `nul`, `[`, `{"a":`, `"`,
	"{\"a\":\"\x01\"}", "\ufeff{}", `{"a":[[[[[[[[[[]]]]]]]]]]}`, `  `, ``,
}

// TestJSONTreeSameAsEncodingJSON decodes the cases above, the shared test
// contracts and, when present, the dev corpus both ways.
func TestJSONTreeSameAsEncodingJSON(t *testing.T) {
	for _, c := range jsonTreeCases {
		checkJSONTree(t, []byte(c))
	}
	files, _ := filepath.Glob("../testdata/contracts/*/*.json")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(corpus) > 30 {
		corpus = corpus[:30]
	}
	for _, f := range append(files, corpus...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, ok := decodeJSONTree(data)
		if _, std := stdTree(data); std && !ok {
			t.Errorf("%s: declined a contract encoding/json reads", f)
		}
		checkJSONTree(t, data)
	}
}

func checkJSONTree(t *testing.T, data []byte) {
	t.Helper()
	got, ok := decodeJSONTree(data)
	want, wantOK := stdTree(data)
	if ok && !wantOK {
		t.Fatalf("%.80q: decoded what encoding/json rejects", data)
	}
	if ok && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.80q:\n got %#v\nwant %#v", data, got, want)
	}
}

// FuzzJSONTreeSameAsEncodingJSON: whatever decodeJSONTree accepts,
// encoding/json accepts too and decodes to the same tree.
func FuzzJSONTreeSameAsEncodingJSON(f *testing.F) {
	for _, c := range jsonTreeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkJSONTree(t, data)
	})
}
