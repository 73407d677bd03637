package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// xmlPets is the table the tests read and write: a pet (namespaced root,
// an attribute, a wrapped and an unwrapped array, a nested object, a
// boolean) and a person (closed, recursive through friends).
var xmlPets = []xmlType{
	{space: "urn:pets", local: "pet", fields: []xmlField{
		{prop: "id", local: "id", attr: true, kind: xmlNumber},
		{prop: "name", local: "name"},
		{prop: "tags", local: "tag", array: true, wrapped: true, wrap: "tags"},
		{prop: "photos", local: "photo", array: true},
		{prop: "owner", local: "owner", kind: xmlObject, obj: 1},
		{prop: "vaccinated", local: "vaccinated", kind: xmlBool},
		{prop: "nick", space: "urn:nick", local: "nick"},
	}},
	{local: "person", closed: true, fields: []xmlField{
		{prop: "name", local: "name"},
		{prop: "age", local: "age", kind: xmlNumber},
		{prop: "friends", local: "friend", array: true, kind: xmlObject, obj: 1},
	}},
}

func TestXMLToJSON(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     string // JSON, or the error's text after "error: "
	}{
		{"full", `<?xml version="1.0"?><!-- a pet --><pet xmlns="urn:pets" id="7"><name>Rex &amp; co</name><tags><tag>a</tag><other/><tag>b</tag></tags><photo>1.png</photo><photo>2.png</photo><owner><name>Ann</name><age>41</age><friend><name>Bo</name></friend></owner><vaccinated>1</vaccinated><unknown><x/></unknown></pet>`,
			`{"id":7,"name":"Rex \u0026 co","owner":{"age":41,"friends":[{"name":"Bo"}],"name":"Ann"},"photos":["1.png","2.png"],"tags":["a","b"],"vaccinated":true}`},
		{"prefixed", `<p:pet xmlns:p="urn:pets" id="1"><p:name>Rex</p:name></p:pet>`, `{"id":1,"name":"Rex"}`},
		{"empty wrapped array", `<pet xmlns="urn:pets"><tags/></pet>`, `{"tags":[]}`},
		{"nil", `<pet xmlns="urn:pets" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name xsi:nil="true"/><tags xsi:nil="true"/></pet>`, `{"name":null,"tags":null}`},
		{"namespace of a property", `<pet xmlns="urn:pets"><nick xmlns="urn:nick">R</nick></pet>`, `{"nick":"R"}`},
		{"property in another namespace", `<pet xmlns="urn:pets"><nick>R</nick></pet>`, `{}`},
		{"not a number stays text", `<pet xmlns="urn:pets" id="seven"/>`, `{"id":"seven"}`},
		{"not a boolean stays text", `<pet xmlns="urn:pets"><vaccinated>yes</vaccinated></pet>`, `{"vaccinated":"yes"}`},
		{"wrong root", `<cat xmlns="urn:pets"/>`, `error: the root element is <{urn:pets}cat>, want <{urn:pets}pet>`},
		{"root outside the namespace", `<pet/>`, `error: the root element is <pet>, want <{urn:pets}pet>`},
		{"closed object", `<pet xmlns="urn:pets"><owner><name>A</name><nick>x</nick></owner></pet>`, `error: /owner/nick: element <{urn:pets}nick> is not a property of this object`},
		{"element inside text", `<pet xmlns="urn:pets"><name><b>R</b></name></pet>`, `error: /name: element <{urn:pets}name> must hold text, not the element <{urn:pets}b>`},
		{"twice", `<pet xmlns="urn:pets"><name>a</name><name>b</name></pet>`, `error: /name: element <{urn:pets}name> appears twice`},
		{"item of a recursive array", `<pet xmlns="urn:pets"><owner><friend><friend><x/></friend></friend></owner></pet>`, `error: /owner/friends/0/friends/0/x: element <{urn:pets}x> is not a property of this object`},
		{"DTD", `<!DOCTYPE pet [<!ENTITY a "aaaa">]><pet xmlns="urn:pets"><name>&a;</name></pet>`, `error: a DTD or other <!…> directive is not accepted`},
		{"undeclared entity", `<pet xmlns="urn:pets"><name>&a;</name></pet>`, `error: XML syntax error on line 1: invalid character entity &a;`},
		{"unclosed", `<pet xmlns="urn:pets"><name>a</name>`, `error: XML syntax error on line 1: unexpected EOF`},
		{"mismatched", `<pet xmlns="urn:pets"><name>a</pet>`, `error: XML syntax error on line 1: element <name> closed by </pet>`},
		{"empty", ``, `error: the document has no root element`},
		{"text before", `hello<pet xmlns="urn:pets"/>`, `error: text before the root element`},
		{"second root", `<pet xmlns="urn:pets"/><pet xmlns="urn:pets"/>`, `error: a second root element <{urn:pets}pet>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := xmlToJSON([]byte(c.in), xmlPets, 0)
			if want, ok := strings.CutPrefix(c.want, "error: "); ok {
				if err == nil || err.Error() != want {
					t.Fatalf("got %s, %v; want the error %q", got, err, want)
				}
				return
			}
			if err != nil || string(got) != c.want {
				t.Fatalf("got %s, %v; want %s", got, err, c.want)
			}
		})
	}
}

// TestXMLDepth: nesting beyond the JSON reader's depth is refused, not
// followed (each level is a stack frame of the reader).
func TestXMLDepth(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<pet xmlns="urn:pets"><owner>`)
	n := jsonReadMaxDepth + 1
	for range n {
		b.WriteString("<friend>")
	}
	for range n {
		b.WriteString("</friend>")
	}
	b.WriteString(`</owner></pet>`)
	_, err := xmlToJSON([]byte(b.String()), xmlPets, 0)
	if err == nil || !strings.Contains(err.Error(), "nest deeper than") {
		t.Fatalf("got %v, want the depth refused", err)
	}
}

func TestJSONToXML(t *testing.T) {
	in := `{"id":7,"name":"a<b","tags":["x","y"],"photos":["1.png"],"owner":{"name":"Ann","age":41,"friends":[{"name":"Bo"}]},"vaccinated":false,"nick":null,"extra":1}`
	got, err := jsonToXML([]byte(in), xmlPets, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<pet xmlns="urn:pets" id="7"><name>a&lt;b</name><tags><tag>x</tag><tag>y</tag></tags><photo>1.png</photo>` +
		`<owner><name>Ann</name><age>41</age><friend><name>Bo</name></friend></owner><vaccinated>false</vaccinated>` +
		`<nick xmlns="urn:nick" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"></nick></pet>`
	if string(got) != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// And back: the same value, less what the table does not name.
	back, err := xmlToJSON(got, xmlPets, 0)
	if err != nil {
		t.Fatal(err)
	}
	if wantBack := `{"id":7,"name":"a\u003cb","nick":null,"owner":{"age":41,"friends":[{"name":"Bo"}],"name":"Ann"},"photos":["1.png"],"tags":["x","y"],"vaccinated":false}`; string(back) != wantBack {
		t.Fatalf("back: got %s, want %s", back, wantBack)
	}
	for _, bad := range []string{`[1]`, `{"name":{"a":1}}`, `{"owner":{"name":[1]}}`} {
		if _, err := jsonToXML([]byte(bad), xmlPets, 0); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestPrefersXML(t *testing.T) {
	for _, c := range []struct {
		accept []string
		want   bool
	}{
		{nil, false},
		{[]string{"application/xml"}, true},
		{[]string{"application/json"}, false},
		{[]string{"application/xml, application/json"}, false},
		{[]string{"application/json;q=0.5, application/xml"}, true},
		{[]string{"application/*;q=0.2, application/xml;q=0.9"}, true},
		{[]string{"*/*"}, false},
		{[]string{"text/html", "application/xml;q=0.1"}, true},
		{[]string{"application/xml;q=0, */*"}, false},
		{[]string{"APPLICATION/XML"}, true},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		for _, a := range c.accept {
			r.Header.Add("Accept", a)
		}
		if got := prefersXML(r, "application/json", "application/xml"); got != c.want {
			t.Errorf("Accept %q: got %v, want %v", c.accept, got, c.want)
		}
	}
}

func TestReadXMLBody(t *testing.T) {
	s := &server{maxBody: 1 << 10}
	for _, c := range []struct {
		body, want string
	}{
		{`<pet xmlns="urn:pets"><name>R</name></pet>`, `{"name":"R"}`},
		{`<pet xmlns="urn:pets"><name>R</pet>`, `400 request body is not valid XML: XML syntax error on line 1: element <name> closed by </pet>`},
		{`<pet xmlns="urn:pets"><owner><nick/></owner></pet>`, `400 body /owner/nick: element <{urn:pets}nick> is not a property of this object`},
		{`<pet xmlns="urn:pets"><name>` + strings.Repeat("x", 2<<10) + `</name></pet>`, `413 request body is larger than 1024 bytes`},
	} {
		r, _ := http.NewRequest("POST", "/", strings.NewReader(c.body))
		r.ContentLength = -1
		got, rerr := s.readXMLBody(nil, r, xmlPets, 0)
		text := string(got)
		if rerr != nil {
			text = strconv.Itoa(rerr.Status)
			if rerr.Detail != "" {
				text += " " + rerr.Detail
			}
			for _, p := range rerr.Params {
				text += " " + p.In + " " + p.Name + ": " + p.Reason
			}
		}
		if text != c.want {
			t.Errorf("%.40s: got %q, want %q", c.body, text, c.want)
		}
	}
}

// FuzzXMLToJSON: no input crashes the reader or the writer; what the
// reader accepts is JSON, and written back as XML it reads as the same
// JSON.
func FuzzXMLToJSON(f *testing.F) {
	for _, s := range []string{
		`<pet xmlns="urn:pets" id="7"><name>Rex</name><tags><tag>a</tag></tags><photo>1</photo><owner><friend><name>B</name></friend></owner></pet>`,
		`<pet xmlns="urn:pets" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name xsi:nil="true"/></pet>`,
		`<!DOCTYPE x><pet/>`,
		`<pet xmlns="urn:pets"><name>a&#x0D;&#10;b</name></pet>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := xmlToJSON(data, xmlPets, 0)
		if err != nil {
			var ve *ValidationError
			_ = errors.As(err, &ve)
			return
		}
		if !json.Valid(j) {
			t.Fatalf("not JSON: %s", j)
		}
		x, err := jsonToXML(j, xmlPets, 0)
		if err != nil {
			t.Fatalf("writing %s: %v", j, err)
		}
		j2, err := xmlToJSON(x, xmlPets, 0)
		if err != nil {
			t.Fatalf("reading back %s: %v", x, err)
		}
		if !bytes.Equal(j, j2) {
			t.Fatalf("round trip: %s became %s through\n%s", j, j2, x)
		}
	})
}

// BenchmarkXMLToJSON: the cost the XML path adds before the JSON decoder,
// for a pet of 20 tags, 20 photos and an owner with 20 friends (about 2 KB).
func BenchmarkXMLToJSON(b *testing.B) {
	var s strings.Builder
	s.WriteString(`<pet xmlns="urn:pets" id="7"><name>Rex</name><tags>`)
	for range 20 {
		s.WriteString(`<tag>tag</tag>`)
	}
	s.WriteString(`</tags>`)
	for range 20 {
		s.WriteString(`<photo>p.png</photo>`)
	}
	s.WriteString(`<owner><name>Ann</name>`)
	for range 20 {
		s.WriteString(`<friend><name>Bo</name><age>3</age></friend>`)
	}
	s.WriteString(`</owner></pet>`)
	data := []byte(s.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xmlToJSON(data, xmlPets, 0); err != nil {
			b.Fatal(err)
		}
	}
}
