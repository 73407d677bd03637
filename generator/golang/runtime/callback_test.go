package runtime

import "testing"

// TestJSONPointerText reads strings as their text, other values as JSON,
// follows escaped tokens and array indexes, and refuses what is not there.
func TestJSONPointerText(t *testing.T) {
	doc := []byte(`{"url":"https://x/y?a=1","n":12.50,"a/b":{"~k":[true,{"z":null}]},"o":{"p":1}}`)
	for _, tc := range []struct{ ptr, want, err string }{
		{"/url", "https://x/y?a=1", ""},
		{"/n", "12.50", ""},
		{"/a~1b/~0k/0", "true", ""},
		{"/o", `{"p":1}`, ""},
		{"", `{"a/b":{"~k":[true,{"z":null}]},"n":12.50,"o":{"p":1},"url":"https://x/y?a=1"}`, ""},
		{"/missing", "", "request body has no /missing"},
		{"/a~1b/~0k/01", "", "request body has no /a~1b/~0k/01"},
		{"/a~1b/~0k/5", "", "request body has no /a~1b/~0k/5"},
		{"/a~1b/~0k/1/z", "", "request body's /a~1b/~0k/1/z is null"},
		{"/url/x", "", "request body has no /url/x"},
		{"url", "", `"url" is not a JSON pointer`},
	} {
		got, err := jsonPointerText(doc, tc.ptr)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tc.want || msg != tc.err {
			t.Errorf("%q: got %q, %q; want %q, %q", tc.ptr, got, msg, tc.want, tc.err)
		}
	}
	if _, err := jsonPointerText([]byte(`{`), "/a"); err == nil {
		t.Error("broken JSON: no error")
	}
}
