// What generated types rely on besides the codec: ValidationError,
// Nullable, error pointers and format checks.

package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/mail"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// ValidationError says which value broke which rule of the contract.
type ValidationError struct {
	// Pointer is the JSON pointer of the value, relative to the document
	// validated ("/owner/name", "/tags/3"); empty for the document itself.
	Pointer string
	// Message says what is wrong ("must be at most 64 characters long").
	Message string
}

// Error returns the message, after the pointer when there is one.
func (e *ValidationError) Error() string {
	if e.Pointer == "" {
		return e.Message
	}
	return e.Pointer + ": " + e.Message
}

// Nullable holds an optional value that may also be null, telling the three apart:
// absent (Set is false), null (Set and Null) and a value (Set, not Null).
type Nullable[T any] struct {
	Value T
	Set   bool
	Null  bool
}

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] {
	return Nullable[T]{
		Set:   true,
		Value: v,
	}
}

// Null returns a Nullable set to null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{
		Null: true,
		Set:  true,
	}
}

// IsZero reports an absent value, so the omitzero tag option leaves it out.
func (n Nullable[T]) IsZero() bool {
	return !n.Set
}

// MarshalJSON encodes null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Set || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON decodes null or a value; either way the Nullable is set.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{Set: true}
	if string(bytes.TrimSpace(data)) == "null" {
		n.Null = true
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}

// violation is the *ValidationError of a constraint the value at pointer
// fails, one call in generated Validate methods where a composite literal
// would be written out at every check.
//
//go:noinline
func violation(pointer, message string) error {
	return &ValidationError{Pointer: pointer, Message: message}
}

// decodeError turns an error met while decoding or validating the value at
// pointer into a *ValidationError naming that pointer. Syntax errors stay as they
// are: the document is not JSON.
func decodeError(pointer string, err error) error {
	var ve *ValidationError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &ve):
		return &ValidationError{
			Message: ve.Message,
			Pointer: pointer + ve.Pointer,
		}
	case errors.As(err, &te):
		p := pointer
		if te.Field != "" {
			p += "/" + strings.ReplaceAll(te.Field, ".", "/")
		}
		return &ValidationError{
			Message: "must be " + jsonKind(te.Type.Kind()) + ", not " + te.Value,
			Pointer: p,
		}
	case errors.As(err, &se):
		return err
	}
	return &ValidationError{
		Message: err.Error(),
		Pointer: pointer,
	}
}

// jsonKind names the JSON type a Go kind is decoded from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another type"
}

// pointerToken escapes a JSON pointer reference token (RFC 6901).
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// isMultipleOf reports whether x is a multiple of m, within floating-point error.
func isMultipleOf(x, m float64) bool {
	q := x / m
	return math.Abs(q-math.Round(q)) < 1e-09
}

// uniqueItems reports whether no item of s appears twice.
func uniqueItems[T comparable](s []T) bool {
	seen := make(map[T]struct{}, len(s))
	for _, x := range s {
		if _, dup := seen[x]; dup {
			return false
		}
		seen[x] = struct{}{}
	}
	return true
}

// isDate reports a full-date (RFC 3339), such as 2024-02-29.
func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isUUID reports a UUID in its 8-4-4-4-12 hexadecimal form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// isEmail reports a single address as net/mail parses it, without a display name.
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// isURI reports an absolute URI.
func isURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

// isIPv4 reports an IPv4 address in dotted form.
func isIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

// isIPv6 reports an IPv6 address.
func isIPv6(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6()
}
