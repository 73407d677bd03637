package api

// This file is copied next to the code generated from
// testdata/contracts/xml/openapi.yaml by TestXMLRoundTrip: the generated
// client and server exchange XML bodies (attributes, wrapped and unwrapped
// arrays, a namespace, nested and recursive objects, null), the server reads
// JSON or XML by Content-Type and answers by Accept, and refuses malformed or
// invalid XML with the contract's declared 400.

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

type pets struct {
	Unimplemented
	got   *Pet
	owner *Owner
}

func (h *pets) CreatePet(_ context.Context, req CreatePetRequest) (CreatePetResponse, error) {
	got := req.Body
	h.got = &got
	p := req.Body
	p.ID = ptr(int64(7))
	return CreatePet201Response{Body: p}, nil
}

func (h *pets) PutOwner(_ context.Context, req PutOwnerRequest) (PutOwnerResponse, error) {
	h.owner = req.Body
	if req.Body == nil {
		return PutOwner200Response{}, nil
	}
	return PutOwner200Response{Body: *req.Body}, nil
}

func ptr[T any](v T) *T { return &v }

func serve(t *testing.T) (*pets, *httptest.Server) {
	h := &pets{}
	srv := httptest.NewServer(NewServer(h))
	t.Cleanup(srv.Close)
	return h, srv
}

// send posts body with the content type and accept header and returns the
// status, Content-Type and body of the answer.
func send(t *testing.T, method, url, contentType, accept, body string) (int, string, string) {
	t.Helper()
	r, _ := http.NewRequest(method, url, strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

const petXML = `<?xml version="1.0"?>
<p:pet xmlns:p="urn:example:pets" status="sold">
  <p:name>Rex</p:name>
  <p:secret>s3</p:secret>
  <p:weight>12.5</p:weight>
  <p:tags><p:tag>a</p:tag><p:tag>b</p:tag></p:tags>
  <p:photo>1.png</p:photo><p:photo>2.png</p:photo>
  <p:owner><p:name>Ann</p:name><p:age>41</p:age><p:friends><p:owner><p:name>Bo</p:name></p:owner></p:friends></p:owner>
  <p:vaccinated>true</p:vaccinated>
</p:pet>`

// TestXMLRequestAndResponse: an XML body reaches the handler typed; the
// answer is XML when Accept asks for it (attribute, namespace, wrapped
// array, writeOnly left out), JSON otherwise.
func TestXMLRequestAndResponse(t *testing.T) {
	h, srv := serve(t)
	status, ct, body := send(t, "POST", srv.URL+"/pets", "application/xml", "application/xml", petXML)
	if status != 201 || ct != "application/xml" {
		t.Fatalf("got %d %s: %s", status, ct, body)
	}
	want := Pet{
		Name: "Rex", Status: ptr(PetStatusSold), Secret: ptr("s3"), Weight: ptr(12.5),
		Tags: []string{"a", "b"}, Photos: []string{"1.png", "2.png"},
		Owner:      &Owner{Name: ptr("Ann"), Age: ptr(int64(41)), Friends: []Owner{{Name: ptr("Bo")}}},
		Vaccinated: ptr(true),
	}
	if !reflect.DeepEqual(h.got, &want) {
		t.Errorf("handler got %+v\nwant %+v", h.got, &want)
	}
	// Elements in the order of the properties' names (the contract's
	// order is not known), attributes first.
	wantXML := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<pet xmlns="urn:example:pets" id="7" status="sold"><name>Rex</name>` +
		`<owner><age>41</age><friends><owner><name>Bo</name></owner></friends><name>Ann</name></owner>` +
		`<photo>1.png</photo><photo>2.png</photo><tags><tag>a</tag><tag>b</tag></tags>` +
		`<vaccinated>true</vaccinated><weight>12.5</weight></pet>`
	if body != wantXML {
		t.Errorf("XML answer:\n%s\nwant\n%s", body, wantXML)
	}
	// The same operation in JSON, answered in JSON: by Accept, and by
	// default.
	for _, accept := range []string{"application/json", "", "application/xml;q=0.5, application/json"} {
		status, ct, body = send(t, "POST", srv.URL+"/pets", "application/json", accept, `{"name":"Rex","tags":["a"]}`)
		if status != 201 || ct != "application/json" || body != `{"id":7,"name":"Rex","tags":["a"]}` {
			t.Errorf("Accept %q: got %d %s %s", accept, status, ct, body)
		}
	}
	// JSON in, XML out.
	status, ct, body = send(t, "POST", srv.URL+"/pets", "application/json", "application/xml", `{"name":"Rex","nick":null}`)
	want2 := `<pet xmlns="urn:example:pets" id="7"><name>Rex</name><nick xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"></nick></pet>`
	if status != 201 || ct != "application/xml" || !strings.HasSuffix(body, want2) {
		t.Errorf("got %d %s %s, want %s", status, ct, body, want2)
	}
}

// TestXMLRefused: malformed or invalid XML gets the declared 400 naming
// what is wrong; another media type gets 415.
func TestXMLRefused(t *testing.T) {
	_, srv := serve(t)
	for _, c := range []struct {
		name, url, ct, body string
		status              int
		message             string
	}{
		{"malformed", "/pets", "application/xml", `<pet xmlns="urn:example:pets"><name>Rex</pet>`, 400,
			"request body is not valid XML: XML syntax error on line 1: element <name> closed by </pet>"},
		{"DTD", "/pets", "application/xml", `<!DOCTYPE pet [<!ENTITY x "xx">]><pet xmlns="urn:example:pets"><name>&x;</name></pet>`, 400,
			"request body is not valid XML: a DTD or other <!…> directive is not accepted"},
		{"wrong root", "/pets", "application/xml", `<cat xmlns="urn:example:pets"><name>Rex</name></cat>`, 400,
			"body /: the root element is <{urn:example:pets}cat>, want <{urn:example:pets}pet>"},
		{"required", "/pets", "application/xml", `<pet xmlns="urn:example:pets"><weight>1</weight></pet>`, 400,
			"body /name: is required"},
		{"constraint", "/pets", "application/xml", `<pet xmlns="urn:example:pets"><name></name></pet>`, 400,
			"body /name: must be at least 1 characters long"},
		{"readOnly", "/pets", "application/xml", `<pet xmlns="urn:example:pets" id="3"><name>Rex</name></pet>`, 400,
			"body /id: is read-only"},
		{"not a number", "/pets", "application/xml", `<pet xmlns="urn:example:pets"><name>Rex</name><weight>heavy</weight></pet>`, 400,
			"body /weight:"},
		{"enum", "/pets", "application/xml", `<pet xmlns="urn:example:pets" status="lost"><name>Rex</name></pet>`, 400,
			"body /status:"},
		{"additionalProperties false", "/owners", "text/xml", `<owner><name>A</name><friends><owner><pet/></owner></friends></owner>`, 400,
			"body /friends/0/pet: element <pet> is not a property of this object"},
		{"media type", "/pets", "text/plain", `Rex`, 415,
			"Content-Type must be one of: application/json, application/xml"},
	} {
		t.Run(c.name, func(t *testing.T) {
			method := "POST"
			if c.url == "/owners" {
				method = "PUT"
			}
			status, ct, body := send(t, method, srv.URL+c.url, c.ct, "", c.body)
			// The declared error body for 400: JSON for /pets, XML for
			// /owners, which declares its 400 in XML; 415 is not
			// declared, so it is problem+json.
			var e struct{ Message, Detail string }
			wantCT := map[int]string{400: "application/json", 415: "application/problem+json"}[c.status]
			decode := func() error { return json.Unmarshal([]byte(body), &e) }
			if c.url == "/owners" && c.status == 400 {
				wantCT = "application/xml"
				decode = func() error {
					var x struct {
						XMLName xml.Name `xml:"Error"`
						Message string   `xml:"message"`
					}
					err := xml.Unmarshal([]byte(body), &x)
					e.Message = x.Message
					return err
				}
			}
			if err := decode(); err != nil || ct != wantCT {
				t.Fatalf("got %d %s %s: not the expected error body (%v)", status, ct, body, err)
			}
			if status != c.status || !strings.HasPrefix(e.Message+e.Detail, c.message) {
				t.Errorf("got %d %q, want %d %q", status, e.Message+e.Detail, c.status, c.message)
			}
		})
	}
}

// TestXMLClient: the generated client sends an XML-only body as XML and
// reads an XML answer (text/xml) into the typed struct; for an operation
// answering JSON or XML it reads whichever the server sent.
func TestXMLClient(t *testing.T) {
	h, srv := serve(t)
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	o := Owner{Name: ptr("Ann"), Age: ptr(int64(41)), Friends: []Owner{{Name: ptr("Bo"), Friends: []Owner{{Age: ptr(int64(3))}}}}}
	resp, err := c.PutOwner(context.Background(), PutOwnerRequest{Body: &o})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.owner, &o) {
		t.Errorf("server got %+v, want %+v", h.owner, &o)
	}
	if r, ok := resp.(PutOwner200Response); !ok || !reflect.DeepEqual(r.Body, o) {
		t.Errorf("client got %#v, want %+v", resp, o)
	}
	for _, accept := range []string{"application/xml", "application/json"} {
		xc, err := NewClient(srv.URL, WithRequestEditor(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Accept", accept)
			return nil
		}))
		if err != nil {
			t.Fatal(err)
		}
		p := Pet{Name: "Rex", Tags: []string{"a", "b"}, Nick: NewNullable("R")}
		resp, err := xc.CreatePet(context.Background(), CreatePetRequest{Body: p})
		if err != nil {
			t.Fatalf("Accept %s: %v", accept, err)
		}
		p.ID = ptr(int64(7))
		if r, ok := resp.(CreatePet201Response); !ok || !reflect.DeepEqual(r.Body, p) {
			t.Errorf("Accept %s: client got %#v, want %+v", accept, resp, p)
		}
	}
}
