package runtime

import (
	"net/url"
	"testing"
)

func TestServerURL(t *testing.T) {
	base, _ := url.Parse("https://api.example.com/v1")
	for _, c := range []struct{ raw, want, err string }{
		{"https://files.example.com/", "https://files.example.com", ""},
		{"/v2/", "https://api.example.com/v2", ""},
		{"//eu.example.com/v1", "https://eu.example.com/v1", ""},
		{"https://[::1", "", `server URL "https://[::1": parse "https://[::1": missing ']' in host`},
	} {
		u, err := serverURL(base, c.raw)
		got, gotErr := "", ""
		if u != nil {
			got = u.String()
		}
		if err != nil {
			gotErr = err.Error()
		}
		if got != c.want || gotErr != c.err {
			t.Errorf("serverURL(%q) = %q, %q; want %q, %q", c.raw, got, gotErr, c.want, c.err)
		}
	}
}
