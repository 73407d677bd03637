package sample

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// Strings that hold content rather than text: format byte (and 3.1
// contentEncoding: base64, which the model turns into format byte) is
// base64 text of bytes, and a contentMediaType of JSON makes the string
// (or the bytes the base64 decodes to) JSON matching contentSchema. The
// generated types decode both, so a value validate sends, the mock
// answers or the docs show has to be such content, not sample text.

// maxContentNesting bounds strings holding JSON whose schema holds such a
// string again: past it the content is an empty JSON object.
const maxContentNesting = 4

// content makes the value of a string type that holds content; ok is false
// for a plain string.
func (g *Generator) content(t *contract.Type) (s string, ok bool) {
	k := t.Keywords
	jsonContent := k != nil && contract.IsJSONMedia(k.ContentMediaType)
	if t.Format != "byte" && !jsonContent {
		return "", false
	}
	var data []byte
	if jsonContent {
		data = g.jsonContent(k.ContentSchema)
	}
	if t.Format != "byte" {
		return string(data), true
	}
	c := t.Constraints
	if data == nil {
		data = []byte("hello")
		if !g.typical {
			data = []byte(randomWord(g, 1+g.rng.IntN(12)))
		}
		// Length bounds count the base64 text: 4 characters per 3 bytes.
		if c.MinLength != nil && encodedLen(len(data)) < int(min64(*c.MinLength, 1<<16)) {
			want := int(min64(*c.MinLength, 1<<16))
			data = append(data, strings.Repeat("x", (want+3)/4*3-len(data))...)
		}
		if c.MaxLength != nil && encodedLen(len(data)) > int(*c.MaxLength) {
			data = data[:int(*c.MaxLength)/4*3]
		}
	}
	return base64.StdEncoding.EncodeToString(data), true
}

// encodedLen is the length of the base64 text of n bytes.
func encodedLen(n int) int { return base64.StdEncoding.EncodedLen(n) }

// jsonContent is JSON text of a value of schema (any JSON when it is nil).
func (g *Generator) jsonContent(schema *contract.Type) []byte {
	if schema == nil || g.contents >= maxContentNesting {
		return []byte("{}")
	}
	g.contents++
	defer func() { g.contents-- }()
	data, err := json.Marshal(g.value(schema, maxDepth, false))
	if err != nil {
		return []byte("{}")
	}
	return data
}
