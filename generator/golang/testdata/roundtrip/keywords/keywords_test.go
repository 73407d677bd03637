package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestKeywords decodes and validates one document per case: every JSON
// Schema keyword the contract uses rejects a violating value, naming the
// pointer, and accepts a valid one.
func TestKeywords(t *testing.T) {
	type validator interface{ Validate() error }
	for _, c := range []struct {
		name string
		v    validator
		doc  string
		want string // the error, empty for a valid document
	}{
		{"if/then valid", new(Address), `{"country":"US","zip":"12345"}`, ""},
		{"if/then missing", new(Address), `{"country":"US"}`, "/zip: is required"},
		{"if/then broken", new(Address), `{"country":"US","zip":"1"}`, `/zip: must match the pattern "^[0-9]{5}$"`},
		{"else valid", new(Address), `{"country":"FR","postcode":"75001","zip":"x"}`, ""},
		{"else missing", new(Address), `{"country":"FR"}`, "/postcode: is required"},
		{"dependentRequired valid", new(Payment), `{"card":"4111","billing":"Paris"}`, ""},
		{"dependentRequired missing", new(Payment), `{"card":"4111"}`, `/billing: is required when "card" is present (dependentRequired)`},
		{"dependentSchemas valid", new(Payment), `{"vip":true,"level":2}`, ""},
		{"dependentSchemas missing", new(Payment), `{"vip":true}`, "/level: is required"},
		{"dependentSchemas broken", new(Payment), `{"vip":true,"level":0}`, "/level: must be at least 1"},
		{"unevaluatedProperties false valid", new(Closed), `{"a":"x"}`, ""},
		{"unevaluatedProperties false broken", new(Closed), `{"a":"x","b":1}`, "/b: is not a known property"},
		{"unevaluatedProperties with if valid", new(ClosedIf), `{"kind":"b","b":1}`, ""},
		{"unevaluatedProperties with if broken", new(ClosedIf), `{"kind":"a","b":1}`, "/b: is not allowed: the contract declares no such property (unevaluatedProperties)"},
		{"unevaluatedProperties with if unknown", new(ClosedIf), `{"kind":"b","c":1}`, "/c: is not allowed: the contract declares no such property (unevaluatedProperties)"},
		{"unevaluatedProperties schema valid", new(Counters), `{"name":"x","hits":3}`, ""},
		{"unevaluatedProperties schema broken", new(Counters), `{"name":"x","hits":-1}`, "/hits: must be at least 0"},
		{"prefixItems valid", new(Tuple), `{"pair":["a",1]}`, ""},
		{"prefixItems broken", new(Tuple), `{"pair":["a",0]}`, "/pair/1: must be at least 1"},
		{"prefixItems wrong type", new(Tuple), `{"pair":[1,1]}`, "/pair/0: must be a string"},
		{"items false", new(Tuple), `{"pair":["a",1,2]}`, "/pair/2: is not allowed"},
		{"contentEncoding valid", new(Blob), `{"data":"aGVsbG8="}`, ""},
		{"contentEncoding broken", new(Blob), `{"data":"%%"}`, "/data: "},
		{"contentMediaType valid", new(Embedded), `{"doc":"{\"id\":1}"}`, ""},
		{"contentMediaType not JSON", new(Embedded), `{"doc":"nope"}`, "/doc: must hold JSON (contentMediaType application/json)"},
		{"contentSchema broken", new(Embedded), `{"doc":"{}"}`, "/doc: holds JSON that breaks contentSchema: /id: is required"},
		{"contains valid", new(Scores), `{"scores":[91,95,10]}`, ""},
		{"minContains broken", new(Scores), `{"scores":[91,10]}`, "/scores: must contain at least 2 item(s) matching contains, not 1"},
		{"maxContains broken", new(Scores), `{"scores":[91,92,93,94]}`, "/scores: must contain at most 3 item(s) matching contains, not 4"},
		{"not valid", new(NotEmpty), `{"name":"x"}`, ""},
		{"not broken", new(NotEmpty), `{"name":"x","forbidden":1}`, "must not match the schema of not"},
		{"patternProperties valid", new(Headers), `{"x-id":"1"}`, ""},
		{"patternProperties broken", new(Headers), `{"x-id":1}`, "/x-id: must be a string"},
		{"propertyNames broken", new(Headers), `{"x-very-long":"1"}`, `/x-very-long: name "x-very-long" breaks propertyNames`},
		{"additionalProperties beside patternProperties", new(Headers), `{"y":"1"}`, "/y: is not allowed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(c.doc), c.v)
			if err == nil {
				err = c.v.Validate()
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestKeywordsServer sends bodies to the generated server: a violating one
// is refused with 400 before the handler, a valid one reaches it (501
// from Unimplemented).
func TestKeywordsServer(t *testing.T) {
	srv := httptest.NewServer(NewServer(Unimplemented{}))
	defer srv.Close()
	for _, c := range []struct {
		path, body string
		status     int
	}{
		{"/addresses", `{"country":"US","zip":"12345"}`, http.StatusNotImplemented},
		{"/addresses", `{"country":"US"}`, http.StatusBadRequest},
		{"/tuples", `{"pair":["a",1]}`, http.StatusNotImplemented},
		{"/tuples", `{"pair":["a",1,2]}`, http.StatusBadRequest},
	} {
		resp, err := http.Post(srv.URL+c.path, "application/json", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("POST %s %s: status %d, want %d", c.path, c.body, resp.StatusCode, c.status)
		}
	}
}

// recorder answers 204 to every request and keeps its URL.
type recorder struct{ urls []string }

func (rec *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	rec.urls = append(rec.urls, r.URL.String())
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
}

// TestOperationServers: an operation the contract gives a server of its
// own (createAddress: "/v3", relative to the base URL) or whose path has
// one (createTuple: a template whose variables take their defaults) is
// sent there; WithServerForOperation overrides one operation and
// WithBaseURLOnly sends everything to the base URL.
func TestOperationServers(t *testing.T) {
	for _, c := range []struct {
		name      string
		opts      []ClientOption
		addr, tup string
	}{
		{"contract", nil, "https://api.test/v3/addresses", "https://files.example.com/v2/tuples"},
		{"override", []ClientOption{WithServerForOperation("createTuple", "http://127.0.0.1:9/up/")}, "https://api.test/v3/addresses", "http://127.0.0.1:9/up/tuples"},
		{"base only", []ClientOption{WithBaseURLOnly()}, "https://api.test/base/addresses", "https://api.test/base/tuples"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{}
			client, err := NewClient("https://api.test/base/", append([]ClientOption{WithHTTPClient(&http.Client{Transport: rec})}, c.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			zip := "12345"
			if _, err := client.CreateAddress(t.Context(), CreateAddressRequest{Body: Address{Country: "US", Zip: &zip}}); err != nil {
				t.Fatal(err)
			}
			if _, err := client.CreateTuple(t.Context(), CreateTupleRequest{Body: Tuple{Pair: []any{"a", 1}}}); err != nil {
				t.Fatal(err)
			}
			if len(rec.urls) != 2 || rec.urls[0] != c.addr || rec.urls[1] != c.tup {
				t.Errorf("sent to %q, want [%q %q]", rec.urls, c.addr, c.tup)
			}
		})
	}
	if _, err := NewClient("https://api.test", WithServerForOperation("createTuple", "https://[::1")); err == nil || !strings.Contains(err.Error(), `server URL "https://[::1"`) {
		t.Errorf("a bad server URL: got %v", err)
	}
}
