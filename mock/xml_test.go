package mock

import (
	"strings"
	"testing"
)

// TestXMLAnswers: a response in an XML media type that travels as XML is
// answered in XML, as a generated server writes it (root name and
// namespace, attributes, wrapped arrays), not as JSON text under an XML
// Content-Type. (The mock's request validation, kin-openapi's, does not
// read XML request bodies: PUT /owners is sent without one.)
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
