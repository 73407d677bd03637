package har

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoundTrip: entries written by Writer are read back by Read in
// order, with credentials redacted and the rest unchanged.
func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Creator{Name: "toolkit", Version: "test"}, &Redactor{Extra: []string{"X-Tenant"}})
	if err != nil {
		t.Fatal(err)
	}
	in := []Entry{
		{Request: Request{Method: "GET", URL: "http://u:pw@h/pets?limit=5&api_key=s3cr3t", Headers: []NameValue{{"Authorization", "Bearer abc.def"}, {"X-Tenant", "acme"}, {"Accept", "application/json"}},
			QueryString: []NameValue{{"limit", "5"}, {"api_key", "s3cr3t"}}},
			Response: Response{Status: 200, Headers: []NameValue{{"Set-Cookie", "sid=xyz; Path=/; HttpOnly"}}, Content: Content{MimeType: "application/json", Text: `{"id":1,"token":"t0k"}`}}},
		{Request: Request{Method: "POST", URL: "http://h/login", Headers: []NameValue{{"Cookie", "a=1; b=2"}}, PostData: &PostData{MimeType: "application/json", Text: `{"user":"ann","password":"hunter2"}`}},
			Response: Response{Status: 204}},
	}
	for _, e := range in {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"s3cr3t", "abc.def", "acme", "xyz", "t0k", "hunter2", ":pw@", "a=1"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the HAR holds the credential %q:\n%s", secret, buf.String())
		}
	}
	var got []Entry
	if err := Read(&buf, func(i int, e *Entry) error {
		if i != len(got) {
			t.Errorf("index %d, want %d", i, len(got))
		}
		got = append(got, *e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("read %d entries, want 2", len(got))
	}
	want := []NameValue{{"Authorization", "Bearer REDACTED"}, {"X-Tenant", "REDACTED"}, {"Accept", "application/json"}}
	if d := cmp.Diff(want, got[0].Request.Headers); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if g := got[0].Request.URL; g != "http://u:REDACTED@h/pets?limit=5&api_key=REDACTED" {
		t.Errorf("URL %q", g)
	}
	if g := Header(got[0].Response.Headers, "set-cookie"); g != "sid=REDACTED; Path=/; HttpOnly" {
		t.Errorf("Set-Cookie %q", g)
	}
	if g := got[0].Response.Content.Text; g != `{"id":1,"token":"REDACTED"}` {
		t.Errorf("body %q", g)
	}
	if g := got[1].Request.PostData.Text; g != `{"password":"REDACTED","user":"ann"}` {
		t.Errorf("request body %q", g)
	}
	if g := Header(got[1].Request.Headers, "Cookie"); g != "a=REDACTED; b=REDACTED" {
		t.Errorf("Cookie %q", g)
	}
}

// TestIsSecret: names that hold credentials, and names that do not.
func TestIsSecret(t *testing.T) {
	r := &Redactor{Extra: []string{"X-Custom"}}
	for name, want := range map[string]bool{
		"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Set-Cookie": true,
		"X-API-Key": true, "api_key": true, "apikey": true, "access_token": true, "key": true, "sig": true,
		"client_secret": true, "password": true, "X-Auth-Key": true, "x-custom": true, "X-Session-Id": true,
		"limit": false, "name": false, "Accept": false, "X-Request-Id": false, "keyword": false, "monkey": false, "Content-Type": false,
	} {
		if got := r.IsSecret(name); got != want {
			t.Errorf("IsSecret(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestReadTruncated: a recording killed before Close is read up to its
// last complete entry and reported as truncated.
func TestReadTruncated(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, Creator{Name: "t"}, nil)
	w.Write(Entry{Request: Request{Method: "GET", URL: "http://h/a"}})
	w.Write(Entry{Request: Request{Method: "GET", URL: "http://h/b"}})
	n := 0
	err := Read(bytes.NewReader(buf.Bytes()), func(int, *Entry) error { n++; return nil })
	if !errors.Is(err, ErrTruncated) || n != 2 {
		t.Errorf("read %d entries, err %v; want 2 and ErrTruncated", n, err)
	}
	for _, bad := range []string{"", "[]", `{"log":{}}`, `{"log":{"entries":{}}}`, `{"log":{"entries":[1]}}`} {
		if err := Read(strings.NewReader(bad), func(int, *Entry) error { return nil }); err == nil {
			t.Errorf("Read(%q): no error", bad)
		}
	}
}

// FuzzRead: no input crashes the reader.
func FuzzRead(f *testing.F) {
	f.Add(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"http://h/"}}]}}`)
	f.Add(`{"log":{"entries":[`)
	f.Fuzz(func(t *testing.T, s string) {
		Read(strings.NewReader(s), func(int, *Entry) error { return nil })
	})
}
