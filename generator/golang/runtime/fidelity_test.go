package runtime

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
)

// findSecret is a walker as the generator writes them: it reports the
// pointer of a "secret" property of the top-level object, and drops it
// when told to.
func findSecret(v any, drop bool) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if _, ok := obj["secret"]; !ok {
		return ""
	}
	if drop {
		delete(obj, "secret")
	}
	return "/secret"
}

func TestRefuseReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name     string
		drop     bool
		body     string
		wantErr  string
		wantBody string
	}{
		{"none", false, `{"a":1}`, "", `{"a":1}`},
		{"refused", false, `{"a":1,"secret":2}`, "body /secret: is read-only: the server sets it, requests leave it out", `{"a":1,"secret":2}`},
		{"dropped", true, `{"a":1.50,"secret":2}`, "", `{"a":1.50}`},
		{"not JSON", false, `{"secret"`, "", `{"secret"`},
	} {
		s := &server{dropReadOnly: tc.drop}
		data := []byte(tc.body)
		rerr := s.refuseReadOnly(&data, findSecret)
		var got string
		if rerr != nil {
			got = rerr.Error()
		}
		if got != tc.wantErr || string(data) != tc.wantBody {
			t.Errorf("%s: got %q, body %s; want %q, body %s", tc.name, got, data, tc.wantErr, tc.wantBody)
		}
	}
}

func TestSendJSONWithout(t *testing.T) {
	s := &server{onError: writeError, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	v := `{"a":1,"secret":"x"}`
	write := func(v *string, w *jsonWriter) { w.raw(*v) }
	rec := httptest.NewRecorder()
	sendJSONWithout(s, rec, httptest.NewRequest("GET", "/", nil), 201, "application/json", &v, write, findSecret)
	if rec.Code != 201 || rec.Header().Get("Content-Type") != "application/json" || rec.Body.String() != `{"a":1}` {
		t.Fatalf("got %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
