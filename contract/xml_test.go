package contract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestXMLBodies: which XML bodies travel as XML (Content.XML) and, for
// those that cannot, the reason the warning gives at the media type.
func TestXMLBodies(t *testing.T) {
	schemas := map[string]string{
		"ok":          `{type: object, xml: {name: pet}, properties: {id: {type: integer, xml: {attribute: true}}, tags: {type: array, xml: {wrapped: true}, items: {type: string}}, kids: {type: array, items: {$ref: "#/components/schemas/Kid"}}}}`,
		"inline":      `{type: object, properties: {a: {type: string}}}`,
		"root array":  `{type: array, xml: {wrapped: true}, items: {$ref: "#/components/schemas/Kid"}}`,
		"union":       `{type: object, properties: {u: {oneOf: [{type: string}, {type: integer}]}}}`,
		"map":         `{type: object, properties: {m: {type: object, additionalProperties: {type: string}}}}`,
		"additional":  `{type: object, additionalProperties: true, properties: {a: {type: string}}}`,
		"attr object": `{type: object, properties: {k: {$ref: "#/components/schemas/KidAttr"}}}`,
		"bad name":    `{type: object, properties: {"1st": {type: string}}}`,
		"nested":      `{type: array, items: {type: array, items: {type: string}}}`,
		"no schema":   ``,
	}
	want := map[string]string{
		"ok":          "",
		"inline":      "",
		"root array":  "is an array, not an object (only an object is a root element)",
		"union":       `property "u" of postUnion_body at /paths/~1union/post/requestBody/content/application~1xml/schema is a oneOf/anyOf union, which encoding/xml cannot map`,
		"map":         `property "m" of postMap_body at /paths/~1map/post/requestBody/content/application~1xml/schema is a map (additionalProperties), which encoding/xml cannot map`,
		"additional":  "has additionalProperties, which no element name maps",
		"attr object": `property "k" of postAttrObject_body at /paths/~1attr object/post/requestBody/content/application~1xml/schema is an attribute but an object, not a scalar`,
		"bad name":    `is named "1st", not an XML name; give it xml.name`,
		"nested":      "is an array, not an object",
		"no schema":   "the media type has no schema",
	}
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: x, version: \"1\"}\npaths:\n")
	for name, s := range schemas {
		path := strings.ReplaceAll(name, " ", "_")
		if name == "attr object" {
			path = name
		}
		b.WriteString("  /" + path + ":\n    post:\n      requestBody:\n        content:\n          application/xml:\n")
		if s != "" {
			b.WriteString("            schema: " + s + "\n")
		} else {
			b.WriteString("            {}\n")
		}
		b.WriteString("      responses:\n        \"204\": {description: ok}\n")
	}
	b.WriteString("components:\n  schemas:\n    Kid: {type: object, properties: {name: {type: string}}}\n    KidAttr: {type: object, xml: {attribute: true}, properties: {name: {type: string}}}\n")
	path := filepath.Join(t.TempDir(), "xml.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d, m, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name := range schemas {
		path := strings.ReplaceAll(name, " ", "_")
		if name == "attr object" {
			path = name
		}
		var op *Operation
		for _, o := range m.Operations {
			if o.Path == "/"+path {
				op = o
			}
		}
		c := op.Body.Contents[0]
		ptr := "/paths/" + EscapePointerToken("/"+path) + "/post/requestBody/content/application~1xml"
		var warning string
		for _, w := range d.Warnings {
			if w.Pointer == ptr {
				warning = w.Message
			}
		}
		switch {
		case want[name] == "" && (!c.XML || warning != ""):
			t.Errorf("%s: XML %v, warning %q; want it to travel as XML", name, c.XML, warning)
		case want[name] != "" && (c.XML || !strings.Contains(warning, want[name]) || !strings.HasPrefix(warning, "XML body that encoding/xml cannot map is not generated, since ")):
			t.Errorf("%s: XML %v, warning %q; want raw, warned with %q", name, c.XML, warning, want[name])
		}
	}
}
