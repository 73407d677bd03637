package api

// Copied next to the code generated from testdata/contracts/values by
// TestValuesRoundTrip, with bigint_test.go: uniqueItems over objects and
// arrays, formats inside the 3.1 schema checker's subschemas, and
// readOnly/writeOnly inside oneOf/anyOf variants.

import (
	"strings"
	"testing"
)

// TestValuesChecks: each case is a request body and the 400 it gets (its
// message), or "" for 200.
func TestValuesChecks(t *testing.T) {
	srv := serve(t)
	for _, c := range []struct{ path, body, want string }{
		// uniqueItems over objects: equal whatever the property and map order.
		{"/checks", `{"points": [{"x": 1, "y": 2, "tags": {"a": "1", "b": "2"}}, {"y": 2, "x": 1, "tags": {"b": "2", "a": "1"}}]}`, "body /points: must not contain duplicate items"},
		{"/checks", `{"points": [{"x": 1, "y": 2, "tags": {"a": "1"}}, {"x": 1, "y": 2, "tags": {"a": "2"}}]}`, ""},
		// over arrays, times and free-form values.
		{"/checks", `{"pairs": [[1, 2], [3], [1, 2]]}`, "body /pairs: must not contain duplicate items"},
		{"/checks", `{"pairs": [[1, 2], [2, 1]]}`, ""},
		{"/checks", `{"stamps": ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"]}`, "body /stamps: must not contain duplicate items"},
		{"/checks", `{"stamps": ["2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00"]}`, ""},
		{"/checks", `{"free": [{"a": [1, {"b": null}]}, {"a": [1.0, {"b": null}]}]}`, "body /free: must not contain duplicate items"},
		{"/checks", `{"free": [{"a": 1}, {"a": "1"}, 1, "1"]}`, ""},
		// formats inside prefixItems and anyOf.
		{"/checks", `{"tuple": ["2024-01-01T00:00:00Z", "123e4567-e89b-12d3-a456-426614174000", "a@example.com"]}`, ""},
		{"/checks", `{"tuple": ["yesterday", "123e4567-e89b-12d3-a456-426614174000", "a@example.com"]}`, "body /tuple/0: must be a valid date-time"},
		{"/checks", `{"tuple": ["2024-01-01T00:00:00Z", "123", "a@example.com"]}`, "body /tuple/1: must be a valid uuid"},
		{"/checks", `{"tuple": ["2024-01-01T00:00:00Z", "123e4567-e89b-12d3-a456-426614174000", "nobody"]}`, "body /tuple/2: must be a valid email"},
		{"/checks", `{"either": "2001:db8::1"}`, ""},
		{"/checks", `{"either": "example.com"}`, "body /either"},
		// readOnly inside a discriminated oneOf: only the named variant's.
		{"/pets", `{"pet": {"kind": "Cat", "id": "c1", "name": "Tom"}}`, "body /pet/id: is read-only"},
		{"/pets", `{"pet": {"kind": "Dog", "id": "d1", "name": "Rex", "barks": true}}`, ""},
		{"/pets", `{"pet": {"kind": "Dog", "name": "Rex", "barks": true, "owner": {"since": "2020"}}}`, "body /pet/owner/since: is read-only"},
		// inside anyOf items without a discriminator: the variants the
		// object has the required properties of.
		{"/pets", `{"animals": [{"kind": "x", "name": "Tom"}, {"kind": "x", "name": "Tom", "id": "c1"}]}`, "body /animals/1/id: is read-only"},
		{"/pets", `{"animals": [{"kind": "x", "name": "Rex", "barks": true, "owner": {"since": "2020"}}]}`, "body /animals/0/owner/since: is read-only"},
	} {
		status, body := post(t, srv.URL+c.path, c.body)
		if c.want == "" && status != 200 || c.want != "" && (status != 400 || !strings.Contains(body, c.want)) {
			t.Errorf("POST %s %s: %d %s; want %q", c.path, c.body, status, body, c.want)
		}
	}
}

// TestValuesWriteOnlyStripped: writeOnly properties inside union variants
// never leave the server, wherever they nest.
func TestValuesWriteOnlyStripped(t *testing.T) {
	srv := serve(t)
	status, body := post(t, srv.URL+"/pets", `{"pet": {"kind": "Dog", "name": "Rex", "barks": true, "owner": {"ssn": "123-45-6789"}},
		"animals": [{"kind": "x", "name": "Tom", "password": "pw"}, {"kind": "x", "name": "Rex", "barks": false, "owner": {"ssn": "987"}}]}`)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	for _, secret := range []string{"ssn", "123-45-6789", "password", "pw", "987"} {
		if strings.Contains(body, secret) {
			t.Errorf("answer %s carries writeOnly %q", body, secret)
		}
	}
	if !strings.Contains(body, `"name":"Rex"`) || !strings.Contains(body, `"name":"Tom"`) {
		t.Errorf("answer %s lost the other properties", body)
	}
}
