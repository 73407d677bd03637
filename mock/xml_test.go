package mock

import (
	"strings"
	"testing"
)

// TestXMLAnswers: a response in an XML media type that travels as XML is
// answered in XML, as a generated server writes it (root name and
// namespace, attributes, wrapped arrays), not as JSON text under an XML
// Content-Type.
func TestXMLAnswers(t *testing.T) {
	doc, m := load(t, "../testdata/contracts/xml/openapi.yaml")
	srv, err := New(doc, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path, body string
		hdr                map[string]string
		ctype, prefix      string
	}{
		{"PUT", "/owners", "", nil, "text/xml", `<?xml version="1.0" encoding="UTF-8"?>` + "\n<owner>"},
		{"POST", "/pets", `{"name":"Rex"}`, map[string]string{"Content-Type": "application/json", "Accept": "application/xml"}, "application/xml",
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<pet xmlns="urn:example:pets"`},
		{"POST", "/pets", `{"name":"Rex"}`, map[string]string{"Content-Type": "application/json"}, "application/json", `{`},
	} {
		resp, body := get(t, srv, tc.method, tc.path, tc.body, tc.hdr)
		if resp.Header.Get("Content-Type") != tc.ctype || !strings.HasPrefix(body, tc.prefix) {
			t.Errorf("%s %s: got %d %q\n%s\nwant %q starting %q", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body, tc.ctype, tc.prefix)
		}
	}
}

// TestXMLRequests: an XML request body is read as a generated server
// reads it and checked against its schema (kin-openapi alone refused
// every XML body as an unsupported content type): a valid one is
// answered, an invalid one refused with the declared 400, in XML.
func TestXMLRequests(t *testing.T) {
	doc, m := load(t, "../testdata/contracts/xml/openapi.yaml")
	srv, err := New(doc, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	xml := map[string]string{"Content-Type": "application/xml"}
	for _, tc := range []struct {
		body   string
		status int
		reason string
	}{
		{`<owner><name>Ann</name><age>41</age></owner>`, 200, ""},
		{`<owner><name>Ann</name><age>-1</age></owner>`, 400, "number must be at least 0"},
		{`<owner><name>Ann</name><pet/></owner>`, 400, "element <pet> is not a property of this object"},
		{`<cat><name>Ann</name></cat>`, 400, "not XML of its schema"},
	} {
		resp, body := get(t, srv, "PUT", "/owners", tc.body, xml)
		if resp.StatusCode != tc.status || !strings.Contains(resp.Header.Get("X-Mock-Error"), tc.reason) {
			t.Errorf("PUT %s: %d %q %s, want %d naming %q", tc.body, resp.StatusCode, resp.Header.Get("X-Mock-Error"), body, tc.status, tc.reason)
		}
		if tc.status == 400 && (resp.Header.Get("Content-Type") != "application/xml" || !strings.Contains(body, "<Error><message>")) {
			t.Errorf("PUT %s: the declared 400 is XML, got %q %s", tc.body, resp.Header.Get("Content-Type"), body)
		}
	}
}
