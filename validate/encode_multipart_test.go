package validate

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
)

// sentPart is what a server reads of one part validate sends.
type sentPart struct {
	Name, Filename, ContentType, Data string
	Header                            map[string]string // besides Content-Disposition and Content-Type
}

// readParts parses a multipart body as a server does.
func readParts(t *testing.T, body []byte, contentType string) []sentPart {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("Content-Type %q: %v", contentType, err)
	}
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var out []sentPart
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		sp := sentPart{Name: p.FormName(), Filename: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: string(data)}
		for k := range p.Header {
			if k != "Content-Disposition" && k != "Content-Type" {
				if sp.Header == nil {
					sp.Header = map[string]string{}
				}
				sp.Header[k] = p.Header.Get(k)
			}
		}
		out = append(out, sp)
	}
}

// TestEncodeMultipart: validate sends each property of a multipart body as
// the generated server reads it (contract.PartKindOf): files as file parts
// in a media type the encoding object allows (the first concrete one of a
// list, image/png for image/*) with the encoding's headers, arrays of
// scalars one part per item, objects as one JSON part, format: byte as
// base64 text; readOnly properties left out.
func TestEncodeMultipart(t *testing.T) {
	_, m := load(t, "../testdata/contracts/multipart/openapi.yaml")
	var c *contract.Content
	for _, op := range m.Operations {
		if op.ID == "uploadPhoto" {
			c = op.Body.Contents[0]
		}
	}
	body, ct, err := encodeBody(c, sample.ContentExample(c, sample.Request))
	if err != nil {
		t.Fatal(err)
	}
	want := []sentPart{
		{Name: "license", Data: "cc-by"},
		{Name: "meta", ContentType: "application/json", Data: `{"camera":"string","iso":100}`},
		{Name: "photo", Filename: "photo.bin", ContentType: "image/png", Data: "hello", Header: map[string]string{"X-Rate": "1"}},
		{Name: "rating", Data: "1"},
		{Name: "tags", Data: "string"},
		{Name: "thumbnails", Filename: "thumbnails.bin", ContentType: "image/png", Data: "string", Header: map[string]string{"X-Origin": "string"}},
		{Name: "title", Data: "string"},
	}
	if diff := cmp.Diff(want, readParts(t, body, ct)); diff != "" {
		t.Errorf("uploadPhoto's parts (-want +got):\n%s", diff)
	}

	// A declared model of the other shapes, by hand.
	str := &contract.Type{Kind: contract.KindString}
	obj := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{{Name: "a", Type: str}}}
	c = &contract.Content{MediaType: "multipart/form-data", Kind: contract.BodyMultipart,
		Type: &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{
			{Name: "blob", Type: &contract.Type{Kind: contract.KindString, Format: "byte"}},
			{Name: "doc", Type: &contract.Type{Kind: contract.KindString, Keywords: &contract.Keywords{ContentMediaType: "application/pdf"}}},
			{Name: "items", Type: &contract.Type{Kind: contract.KindArray, Elem: obj}},
			{Name: "logo", Type: &contract.Type{Kind: contract.KindString, Format: "binary"}},
		}},
		Encoding: map[string]string{"logo": "image/*", "items": "application/vnd.items+json"},
	}
	v := sample.ContentExample(c, sample.Request)
	body, ct, err = encodeBody(c, v)
	if err != nil {
		t.Fatal(err)
	}
	got := readParts(t, body, ct)
	want = []sentPart{
		{Name: "blob", Data: "aGVsbG8="},
		{Name: "doc", Filename: "doc.bin", ContentType: "application/pdf", Data: "string"},
		{Name: "items", ContentType: "application/vnd.items+json", Data: `[{"a":"string"}]`},
		{Name: "logo", Filename: "logo.bin", ContentType: "image/png", Data: "hello"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	if _, err := base64.StdEncoding.DecodeString(got[0].Data); err != nil {
		t.Errorf("format byte part %q is not base64: %v", got[0].Data, err)
	}
}

// TestEncodeJSONContent: a JSON body's format: byte property is base64,
// and a contentEncoding: base64 one with a JSON contentMediaType decodes
// to JSON of its contentSchema.
func TestEncodeJSONContent(t *testing.T) {
	schema := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{{Name: "n", Required: true, Type: &contract.Type{Kind: contract.KindInt}}}}
	c := &contract.Content{MediaType: "application/json", Kind: contract.BodyJSON, Type: &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{
		{Name: "raw", Required: true, Type: &contract.Type{Kind: contract.KindString, Format: "byte"}},
		{Name: "doc", Required: true, Type: &contract.Type{Kind: contract.KindString, Format: "byte", Keywords: &contract.Keywords{ContentEncoding: "base64", ContentMediaType: "application/json", ContentSchema: schema}}},
	}}}
	for seed := uint64(1); seed <= 5; seed++ {
		body, ct, err := encodeBody(c, sample.New(seed, sample.Request).Valid(c.Type))
		if err != nil || ct != "application/json" {
			t.Fatalf("%s, %v", ct, err)
		}
		var got struct{ Raw, Doc []byte } // encoding/json decodes base64 into []byte
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		var doc map[string]any
		if err := json.Unmarshal(got.Doc, &doc); err != nil || doc["n"] == nil {
			t.Errorf("doc holds %q, not JSON with n: %v", got.Doc, err)
		}
	}
}

// TestConcreteMedia: a media type list gives one its own entries accept.
func TestConcreteMedia(t *testing.T) {
	for list, want := range map[string]string{
		"image/png, image/jpeg": "image/png",
		"image/*, text/csv":     "text/csv",
		"image/*":               "image/png",
		"text/*":                "text/plain",
		"*/*":                   "fallback/x",
		"application/*":         "application/octet-stream",
	} {
		if got := concreteMedia(list, "fallback/x"); got != want {
			t.Errorf("%q: got %q, want %q", list, got, want)
		}
	}
	if got := concreteMedia(" */*", ""); !strings.HasPrefix(got, "application/octet-stream") {
		t.Errorf("*/* without fallback: %q", got)
	}
}
