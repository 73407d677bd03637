package runtime

import (
	"net/url"
	"testing"
)

// TestStyles: the style examples of the OpenAPI specification
// (parameter "color": "blue"; ["blue", "black", "brown"]; {R: 100, G: 200,
// B: 150}), written by path, query and header serializers.
func TestStyles(t *testing.T) {
	scalar := []string{"blue"}
	array := []string{"blue", "black", "brown"}
	object := []string{"R", "100", "G", "200", "B", "150"}
	path := []struct {
		style   string
		explode bool
		object  bool
		items   []string
		want    string
	}{
		{"simple", false, false, scalar, "blue"},
		{"simple", false, false, array, "blue,black,brown"},
		{"simple", true, false, array, "blue,black,brown"},
		{"simple", false, true, object, "R,100,G,200,B,150"},
		{"simple", true, true, object, "R=100,G=200,B=150"},
		{"", false, false, array, "blue,black,brown"},
		{"label", false, false, scalar, ".blue"},
		{"label", false, false, array, ".blue,black,brown"},
		{"label", true, false, array, ".blue.black.brown"},
		{"label", false, true, object, ".R,100,G,200,B,150"},
		{"label", true, true, object, ".R=100.G=200.B=150"},
		{"matrix", false, false, scalar, ";color=blue"},
		{"matrix", false, false, array, ";color=blue,black,brown"},
		{"matrix", true, false, array, ";color=blue;color=black;color=brown"},
		{"matrix", false, true, object, ";color=R,100,G,200,B,150"},
		{"matrix", true, true, object, ";R=100;G=200;B=150"},
		{"matrix", true, false, nil, ";color"},
		{"simple", false, false, []string{"a/b c"}, "a%2Fb%20c"},
	}
	for _, tc := range path {
		if got := stylePath("color", tc.style, tc.explode, tc.object, tc.items); got != tc.want {
			t.Errorf("path %s explode=%v %v: %q, want %q", tc.style, tc.explode, tc.items, got, tc.want)
		}
	}
	query := []struct {
		style   string
		explode bool
		object  bool
		items   []string
		want    string
	}{
		{"form", true, false, scalar, "color=blue"},
		{"form", false, false, array, "color=blue%2Cblack%2Cbrown"},
		{"form", true, false, array, "color=blue&color=black&color=brown"},
		{"form", false, true, object, "color=R%2C100%2CG%2C200%2CB%2C150"},
		{"form", true, true, object, "B=150&G=200&R=100"},
		{"spaceDelimited", false, false, array, "color=blue+black+brown"},
		{"pipeDelimited", false, false, array, "color=blue%7Cblack%7Cbrown"},
		{"pipeDelimited", true, false, array, "color=blue&color=black&color=brown"},
		{"deepObject", true, true, object, "color%5BB%5D=150&color%5BG%5D=200&color%5BR%5D=100"},
		{"form", false, false, nil, ""},
	}
	for _, tc := range query {
		q := url.Values{}
		styleQuery(q, "color", tc.style, tc.explode, tc.object, tc.items)
		if got := q.Encode(); got != tc.want {
			t.Errorf("query %s explode=%v %v: %q, want %q", tc.style, tc.explode, tc.items, got, tc.want)
		}
	}
	for _, tc := range []struct {
		explode, object bool
		items           []string
		want            string
	}{
		{false, false, array, "blue,black,brown"},
		{true, false, array, "blue,black,brown"},
		{false, true, object, "R,100,G,200,B,150"},
		{true, true, object, "R=100,G=200,B=150"},
	} {
		if got := styleHeader(tc.explode, tc.object, tc.items); got != tc.want {
			t.Errorf("header explode=%v %v: %q, want %q", tc.explode, tc.items, got, tc.want)
		}
	}
}
