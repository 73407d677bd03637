package validate

import (
	"net/url"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestParamSerialization: values travel in the style the contract gives
// each parameter (OpenAPI 3 "Style Examples" table).
func TestParamSerialization(t *testing.T) {
	arr := []any{"blue", "black", "brown"}
	obj := map[string]any{"R": 100.0, "G": 200.0, "B": 150.0}
	for _, tc := range []struct {
		in      contract.ParamIn
		style   string
		explode bool
		value   any
		want    string
	}{
		{contract.InPath, "simple", false, 5.0, "5"},
		{contract.InPath, "simple", false, arr, "blue,black,brown"},
		{contract.InPath, "simple", false, obj, "B,150,G,200,R,100"},
		{contract.InPath, "simple", true, obj, "B=150,G=200,R=100"},
		{contract.InPath, "label", false, arr, ".blue,black,brown"},
		{contract.InPath, "label", true, arr, ".blue.black.brown"},
		{contract.InPath, "matrix", false, "blue", ";color=blue"},
		{contract.InPath, "matrix", true, arr, ";color=blue;color=black;color=brown"},
		{contract.InPath, "simple", false, "a b/c", "a%20b%2Fc"},
		{contract.InQuery, "form", true, arr, "color=blue&color=black&color=brown"},
		{contract.InQuery, "form", false, arr, "color=blue%2Cblack%2Cbrown"},
		{contract.InQuery, "spaceDelimited", false, arr, "color=blue+black+brown"},
		{contract.InQuery, "pipeDelimited", false, arr, "color=blue%7Cblack%7Cbrown"},
		{contract.InQuery, "deepObject", true, obj, "color%5BB%5D=150&color%5BG%5D=200&color%5BR%5D=100"},
		{contract.InQuery, "form", true, obj, "B=150&G=200&R=100"},
		{contract.InQuery, "form", false, 1.5, "color=1.5"},
		{contract.InHeader, "simple", false, arr, "blue,black,brown"},
		{contract.InHeader, "simple", true, obj, "B=150,G=200,R=100"},
	} {
		p := &contract.Param{Name: "color", In: tc.in, Style: tc.style, Explode: tc.explode}
		var got string
		switch tc.in {
		case contract.InPath:
			got = serializePath(p, tc.value)
		case contract.InQuery:
			q := url.Values{}
			addQuery(q, p, tc.value)
			got = q.Encode()
		default:
			got = headerValue(p, tc.value)
		}
		if got != tc.want {
			t.Errorf("%s %s explode=%v %v: got %q, want %q", tc.in, tc.style, tc.explode, tc.value, got, tc.want)
		}
	}
}

// TestDeclaredResponse: a status is declared by its code, its range or
// default, in that order.
func TestDeclaredResponse(t *testing.T) {
	op := &contract.Operation{Responses: []*contract.Response{{Status: "200", Code: 200}, {Status: "4XX"}, {Status: "default"}}}
	for status, want := range map[int]string{200: "200", 404: "4XX", 500: "default", 201: "default"} {
		if got := declaredResponse(op, status); got == nil || got.Status != want {
			t.Errorf("%d: got %v, want %s", status, got, want)
		}
	}
	if got := declaredResponse(&contract.Operation{Responses: []*contract.Response{{Status: "200", Code: 200}}}, 404); got != nil {
		t.Errorf("404 without default: got %v", got.Status)
	}
}

// TestShellQuote: curl commands survive the shell.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"http://a/b?c=d": "'http://a/b?c=d'",
		"it's":           `'it'\''s'`,
		"":               "''",
		`{"a": "$HOME"}`: `'{"a": "$HOME"}'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}
