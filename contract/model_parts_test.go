package contract

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPartHeaders: the encoding headers of a multipart/form-data request's
// file properties (arrays of files too) are kept, typed, without
// Content-Type; those of a text property, of a response and of another
// media type are warned about at their position.
func TestPartHeaders(t *testing.T) {
	path := writeContract(t, `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /u:
    post:
      operationId: u
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                photo: {type: string, format: binary}
                scans: {type: array, items: {type: string, contentMediaType: image/png}}
                note: {type: string}
            encoding:
              photo:
                headers:
                  X-Rate: {required: true, schema: {type: integer}}
                  Content-Type: {schema: {type: string}}
              scans:
                headers:
                  X-Page: {schema: {type: string}}
              note:
                headers:
                  X-Lang: {schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            multipart/mixed:
              schema: {type: object, properties: {f: {type: string, format: binary}}}
              encoding:
                f:
                  headers:
                    X-A: {schema: {type: string}}
`)
	d, m, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ph := m.Operations[0].Body.Contents[0].PartHeaders
	if len(ph) != 2 || len(ph["photo"]) != 1 || len(ph["scans"]) != 1 {
		t.Fatalf("part headers %v, want photo and scans, one each", ph)
	}
	if h := ph["photo"][0]; h.Name != "X-Rate" || !h.Required || h.Type.Kind != KindInt {
		t.Errorf("photo: %+v, want required integer X-Rate", h)
	}
	if h := ph["scans"][0]; h.Name != "X-Page" || h.Required || h.Type.Kind != KindString {
		t.Errorf("scans: %+v, want optional string X-Page", h)
	}
	var got []string
	for _, w := range d.Warnings {
		if strings.Contains(w.Message, "encoding headers") {
			got = append(got, strings.TrimPrefix(w.String(), filepath.Dir(path)+"/"))
		}
	}
	want := []string{
		"t.yaml:25:17: /paths/~1u/post/requestBody/content/multipart~1form-data/encoding/note/headers: warning: keyword encoding headers outside a file part is not generated: the generated client sends the part without them and the server does not check them",
		"t.yaml:35:19: /paths/~1u/post/responses/200/content/multipart~1mixed/encoding/f/headers: warning: keyword encoding headers outside a file part is not generated: the generated client sends the part without them and the server does not check them",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestIsFile: which strings are a file's content.
func TestIsFile(t *testing.T) {
	for _, c := range []struct {
		t    *Type
		want bool
	}{
		{&Type{Kind: KindString, Format: "binary"}, true},
		{&Type{Kind: KindString, Keywords: &Keywords{ContentMediaType: "image/png"}}, true},
		{&Type{Kind: KindString, Keywords: &Keywords{ContentMediaType: "application/vnd.x+json"}}, false},
		{&Type{Kind: KindString, Keywords: &Keywords{ContentEncoding: "base64"}}, false},
		{&Type{Kind: KindString, Keywords: &Keywords{ContentEncoding: "7bit"}}, true},
		{&Type{Kind: KindString}, false},
		{&Type{Kind: KindInt, Format: "binary"}, false},
		{nil, false},
	} {
		if got := IsFile(c.t); got != c.want {
			t.Errorf("IsFile(%+v) = %v, want %v", c.t, got, c.want)
		}
	}
}
