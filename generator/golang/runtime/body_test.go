package runtime

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestJSONBody: a required body missing (400), an undeclared media type
// (415), a body its check refuses (400 naming the body), an optional body
// absent (nil, no error) and present.
func TestJSONBody(t *testing.T) {
	s := &server{maxBody: 1 << 10}
	read := func(v *int64, r *jsonReader) error {
		n, err := r.integer()
		*v = n
		return err
	}
	positive := func(v int64) error {
		if v <= 0 {
			return errors.New("must be positive")
		}
		return nil
	}
	for _, tc := range []struct {
		name, ct, body string
		status         int
		detail         string
	}{
		{"required missing", "", "", 400, "request body is required"},
		{"undeclared media type", "text/plain", "1", 415, "Content-Type must be one of: application/vnd.x+json"},
		{"refused by its check", "application/vnd.x+json", "-3", 400, "must be positive"},
		{"accepted", "application/json", "7", 0, ""},
	} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
		if tc.ct != "" {
			r.Header.Set("Content-Type", tc.ct)
		}
		var v int64
		rerr := jsonBody(s, httptest.NewRecorder(), r, &v, read, positive, "application/vnd.x+json")
		switch {
		case tc.status == 0 && (rerr != nil || v != 7):
			t.Errorf("%s: got %d, %v", tc.name, v, rerr)
		case tc.status != 0 && (rerr == nil || rerr.Status != tc.status || !strings.Contains(rerr.Error(), tc.detail)):
			t.Errorf("%s: got %v, want %d with %q", tc.name, rerr, tc.status, tc.detail)
		}
	}
	var opt *int64
	if rerr := optJSONBody(s, httptest.NewRecorder(), httptest.NewRequest("POST", "/", nil), &opt, read, positive); rerr != nil || opt != nil {
		t.Errorf("absent optional body: %v, %v", opt, rerr)
	}
	r := httptest.NewRequest("POST", "/", strings.NewReader("5"))
	r.Header.Set("Content-Type", "application/json")
	if rerr := optJSONBody(s, httptest.NewRecorder(), r, &opt, read, positive); rerr != nil || opt == nil || *opt != 5 {
		t.Errorf("present optional body: %v, %v", opt, rerr)
	}
}
