package runtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestValidationErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  ValidationError
		want string
	}{
		{ValidationError{Message: "must be a string"}, "must be a string"},
		{ValidationError{Pointer: "/tags/3", Message: "must be a string"}, "/tags/3: must be a string"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v: Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestNullableJSON checks the three states of a Nullable through
// encoding/json, which finds MarshalJSON, UnmarshalJSON and IsZero by
// interface: absent is left out (omitzero), null is null, a value is itself.
func TestNullableJSON(t *testing.T) {
	type doc struct {
		N Nullable[int] `json:"n,omitzero"`
	}
	for _, tc := range []struct {
		v    Nullable[int]
		json string
	}{
		{Nullable[int]{}, `{}`},
		{Null[int](), `{"n":null}`},
		{NewNullable(0), `{"n":0}`},
		{NewNullable(7), `{"n":7}`},
	} {
		b, err := json.Marshal(doc{tc.v})
		if err != nil || string(b) != tc.json {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tc.v, b, err, tc.json)
		}
		var back doc
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if back.N != tc.v {
			t.Errorf("Unmarshal(%s) = %+v, want %+v", b, back.N, tc.v)
		}
	}
	var n Nullable[int]
	if err := json.Unmarshal([]byte(` null `), &n); err != nil || !n.Set || !n.Null {
		t.Errorf("Unmarshal(null) = %+v, %v; want set and null", n, err)
	}
	if err := json.Unmarshal([]byte(`"x"`), &n); err == nil {
		t.Errorf("Unmarshal(\"x\") into Nullable[int]: no error")
	}
}

func TestDecodeError(t *testing.T) {
	var x struct {
		A struct {
			B int `json:"b"`
		} `json:"a"`
	}
	typeErr := json.Unmarshal([]byte(`{"a":{"b":"s"}}`), &x)
	syntaxErr := json.Unmarshal([]byte(`{`), &x)
	for _, tc := range []struct {
		name    string
		err     error
		pointer string
		message string
	}{
		{"nested validation", &ValidationError{Pointer: "/b", Message: "must be positive"}, "/body/b", "must be positive"},
		{"wrapped validation", fmt.Errorf("wrapped: %w", &ValidationError{Message: "bad"}), "/body", "bad"},
		{"type", typeErr, "/body/a/b", "must be an integer, not string"},
		{"other", errors.New("boom"), "/body", "boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ve *ValidationError
			if !errors.As(decodeError("/body", tc.err), &ve) {
				t.Fatalf("decodeError = %v, want a *ValidationError", decodeError("/body", tc.err))
			}
			if ve.Pointer != tc.pointer || ve.Message != tc.message {
				t.Errorf("got %q %q, want %q %q", ve.Pointer, ve.Message, tc.pointer, tc.message)
			}
		})
	}
	if got := decodeError("/body", syntaxErr); got != syntaxErr {
		t.Errorf("a syntax error became %v; want it unchanged", got)
	}
}

func TestFormatChecks(t *testing.T) {
	for _, tc := range []struct {
		check func(string) bool
		name  string
		in    string
		want  bool
	}{
		{isDate, "isDate", "2024-02-29", true},
		{isDate, "isDate", "2023-02-29", false},
		{isDate, "isDate", "2024-2-9", false},
		{isUUID, "isUUID", "123e4567-e89b-12d3-A456-426614174000", true},
		{isUUID, "isUUID", "123e4567e89b12d3a456426614174000", false},
		{isUUID, "isUUID", "123e4567-e89b-12d3-a456-42661417400g", false},
		{isEmail, "isEmail", "ada@example.com", true},
		{isEmail, "isEmail", "Ada <ada@example.com>", false},
		{isEmail, "isEmail", "ada", false},
		{isURI, "isURI", "https://example.com/x", true},
		{isURI, "isURI", "/relative", false},
		{isIPv4, "isIPv4", "192.0.2.1", true},
		{isIPv4, "isIPv4", "2001:db8::1", false},
		{isIPv6, "isIPv6", "2001:db8::1", true},
		{isIPv6, "isIPv6", "192.0.2.1", false},
	} {
		if got := tc.check(tc.in); got != tc.want {
			t.Errorf("%s(%q) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestNumberAndListChecks(t *testing.T) {
	if !isMultipleOf(0.3, 0.1) || isMultipleOf(0.35, 0.1) || !isMultipleOf(-6, 3) {
		t.Error("isMultipleOf: 0.3 of 0.1 and -6 of 3 are multiples, 0.35 of 0.1 is not")
	}
	if !uniqueItems([]string{"a", "b"}) || uniqueItems([]int{1, 2, 1}) || !uniqueItems([]int(nil)) {
		t.Error("uniqueItems: [a b] and [] are unique, [1 2 1] is not")
	}
	if got := pointerToken("a/b~c"); got != "a~1b~0c" {
		t.Errorf("pointerToken(a/b~c) = %q, want a~1b~0c", got)
	}
}
