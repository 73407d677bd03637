package validate

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xmlContract has one operation whose request and answer are XML of an
// object schema.
const xmlContract = `openapi: 3.0.3
info: {title: xml, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/xml:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        "201":
          description: stored
          content:
            application/xml:
              schema: {$ref: "#/components/schemas/Pet"}
        "400":
          description: refused
components:
  schemas:
    Pet:
      type: object
      required: [name]
      xml: {name: pet}
      properties:
        name: {type: string, minLength: 1}
        age: {type: integer, minimum: 0}
`

// TestXMLBodies: validate sends an XML body as XML of its schema, and
// checks an XML answer against its schema as it checks JSON: a service
// that reads what it is sent and answers well has no finding; one whose
// answer breaks the schema is reported at the pointer.
func TestXMLBodies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(path, []byte(xmlContract), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, m := load(t, path)
	for _, tc := range []struct {
		name, answer, want string
	}{
		{"conforming", `<pet><name>Rex</name><age>3</age></pet>`, ""},
		{"age below minimum", `<pet><name>Rex</name><age>-1</age></pet>`, "/age"},
		{"not the root", `<cat><name>Rex</name></cat>`, "body is not XML of its schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sent []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				sent = append(sent, r.Method+" "+r.Header.Get("Content-Type")+" "+string(b))
				if r.Header.Get("Content-Type") != "application/xml" || !strings.Contains(string(b), "<pet>") || !strings.Contains(string(b), "<name>") {
					w.WriteHeader(http.StatusBadRequest)
					return
				}
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusCreated)
				io.WriteString(w, tc.answer)
			}))
			defer srv.Close()
			rep, err := Run(context.Background(), Config{Doc: doc, Model: m, BaseURL: srv.URL, Seed: 1, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			out := text(rep)
			xmlSent := false
			for _, s := range sent {
				xmlSent = xmlSent || strings.HasPrefix(s, "POST application/xml <?xml")
			}
			if !xmlSent {
				t.Fatalf("validate sent %q, want an XML document\n%s", sent, out)
			}
			if tc.want == "" {
				if !strings.Contains(out, " 0 findings") {
					t.Errorf("findings against a conforming XML service:\n%s\nsent %q", out, sent)
				}
				return
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("want a finding naming %q:\n%s", tc.want, out)
			}
		})
	}
}
