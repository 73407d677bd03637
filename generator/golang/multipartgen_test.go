package golang

import (
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestMultipartRoundTrip generates testdata/contracts/multipart, builds
// and vets it, and runs testdata/roundtrip/multipart/roundtrip_test.go
// against it: typed parts and files uploaded by the generated client and
// read by the generated server (a 9 MiB file streamed through a
// temporary file), a missing required part, an undeclared part media type
// and invalid values refused with the contract's declared error body.
func TestMultipartRoundTrip(t *testing.T) {
	roundTrip(t, "multipart")
}

// TestPartKinds: how each property type travels in multipart/form-data.
func TestPartKinds(t *testing.T) {
	str := &contract.Type{Kind: contract.KindString}
	file := &contract.Type{Kind: contract.KindString, Format: "binary"}
	png := &contract.Type{Kind: contract.KindString, Keywords: &contract.Keywords{ContentMediaType: "image/png"}}
	jsonText := &contract.Type{Kind: contract.KindString, Keywords: &contract.Keywords{ContentMediaType: "application/json"}}
	qp := &contract.Type{Kind: contract.KindString, Keywords: &contract.Keywords{ContentEncoding: "quoted-printable"}}
	b64 := &contract.Type{Kind: contract.KindString, Format: "byte", Keywords: &contract.Keywords{ContentEncoding: "base64"}}
	obj := &contract.Type{Kind: contract.KindObject}
	for _, c := range []struct {
		name string
		t    *contract.Type
		want partKind
	}{
		{"string", str, partText},
		{"integer", &contract.Type{Kind: contract.KindInt}, partText},
		{"format binary", file, partFile},
		{"contentMediaType image/png", png, partFile},
		{"contentMediaType JSON is text", jsonText, partText},
		{"contentEncoding quoted-printable", qp, partFile},
		{"contentEncoding base64 is []byte text", b64, partText},
		{"array of strings", &contract.Type{Kind: contract.KindArray, Elem: str}, partTexts},
		{"array of files", &contract.Type{Kind: contract.KindArray, Elem: file}, partFiles},
		{"array of nullable strings", &contract.Type{Kind: contract.KindArray, Elem: &contract.Type{Kind: contract.KindString, Nullable: true}}, partJSON},
		{"object", obj, partJSON},
		{"array of objects", &contract.Type{Kind: contract.KindArray, Elem: obj}, partJSON},
	} {
		if got := partKindOf(c.t); got != c.want {
			t.Errorf("%s: part kind %d, want %d", c.name, got, c.want)
		}
	}
}

// TestMultipartable: only multipart/form-data with an object schema that
// has properties gets typed parts; the rest stays a raw reader.
func TestMultipartable(t *testing.T) {
	obj := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{{Name: "a", Type: &contract.Type{Kind: contract.KindString}}}}
	for _, c := range []struct {
		mt   string
		t    *contract.Type
		want bool
	}{
		{"multipart/form-data", obj, true},
		{"multipart/form-data; charset=utf-8", obj, true},
		{"multipart/mixed", obj, false},
		{"multipart/form-data", &contract.Type{Kind: contract.KindObject}, false},
		{"multipart/form-data", nil, false},
	} {
		if got := multipartable(&contract.Content{MediaType: c.mt, Type: c.t}); got != c.want {
			t.Errorf("%s %v: %v, want %v", c.mt, c.t, got, c.want)
		}
	}
}
