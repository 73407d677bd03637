package golang

import (
	"go/token"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestGoName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"user_id", "UserID"},
		{"url", "URL"},
		{"http_status", "HTTPStatus"},
		{"HTTPStatus", "HTTPStatus"},
		{"x-dotted.names", "XDottedNames"},
		{"2fa", "N2fa"},
		{"type", "Type"},
		{"café", "Café"},
		{"fooBar", "FooBar"},
		{"foo_bar", "FooBar"},
		{"Pet_owner", "PetOwner"},
		{"getPetsPetId", "GetPetsPetID"},
		{"", "Value"},
		{"$$$", "Value"},
		{"日本", "N日本"},
		{"application/json", "ApplicationJSON"},
		{"200", "N200"},
		{"listPets_200", "ListPets200"},
		{"ids", "IDs"},
		{"urls", "URLs"},
		{"class", "Class"},
		{"os", "OS"},
	} {
		if got := GoName(tc.in); got != tc.want {
			t.Errorf("GoName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLocalName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"type", "type_"},
		{"user_id", "userID"},
		{"ID", "id"},
		{"range", "range_"},
		{"string", "string_"},
		{"petId", "petID"},
	} {
		if got := localName(tc.in); got != tc.want {
			t.Errorf("localName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzGoName checks that any input gives a valid exported identifier.
func FuzzGoName(f *testing.F) {
	for _, s := range []string{"user_id", "2fa", "x-dotted.names", "café", "", "日本", "\x00", "A\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := GoName(s)
		r, _ := utf8.DecodeRuneInString(n)
		if !token.IsIdentifier(n) || token.IsKeyword(n) || !unicode.IsUpper(r) {
			t.Fatalf("GoName(%q) = %q: not an exported identifier", s, n)
		}
		l := localName(s)
		if !token.IsIdentifier(l) || token.IsKeyword(l) {
			t.Fatalf("localName(%q) = %q: not an identifier", s, l)
		}
	})
}
