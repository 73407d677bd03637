package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.example.com/v1/": "https://api.example.com/v1",
		"http://h":                    "http://h",
		"/v1":                         `base URL "/v1": want scheme://host[/path]`,
		"http://h/%zz":                `base URL: parse "http://h/%zz": invalid URL escape "%zz"`,
	} {
		u, err := parseBaseURL(in)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = u.String()
		}
		if got != want {
			t.Errorf("parseBaseURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewRequest(t *testing.T) {
	for _, tc := range []struct {
		base, path string
		query      url.Values
		want       string
	}{
		{"https://h/v1", "/pets/a%2Fb", url.Values{"limit": {"2"}}, "https://h/v1/pets/a%2Fb?limit=2"},
		{"https://h/cb?token=x", "", url.Values{"a": {"1"}}, "https://h/cb?token=x&a=1"},
		{"https://h/cb?token=x", "", nil, "https://h/cb?token=x"},
	} {
		base, _ := url.Parse(tc.base)
		c := &Client{base: base}
		r, err := c.newRequest(context.Background(), "op", "POST", tc.path, tc.query, strings.NewReader("{}"), "application/json")
		if err != nil {
			t.Fatal(err)
		}
		if r.URL.String() != tc.want || r.Method != "POST" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("got %s %s %q, want POST %s", r.Method, r.URL, r.Header.Get("Content-Type"), tc.want)
		}
	}
}

// TestSend checks that the first security alternative whose schemes are
// all configured is applied, then the editors, in order.
func TestSend(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization")+"|"+r.Header.Get("X-Key")+"|"+r.Header.Get("X-Trace"))
	}))
	defer srv.Close()
	c := &Client{hc: srv.Client(), auth: map[string]func(*http.Request){
		"key":    func(r *http.Request) { r.Header.Set("X-Key", "k") },
		"bearer": func(r *http.Request) { r.Header.Set("Authorization", "Bearer t") },
	}}
	WithRequestEditor(func(_ context.Context, r *http.Request) error { r.Header.Set("X-Trace", "1"); return nil })(c)
	for _, security := range [][][]string{
		{{"basic"}, {"bearer", "key"}, {"key"}},
		{{"key"}},
		nil,
	} {
		r, _ := http.NewRequest("GET", srv.URL, nil)
		resp, err := c.send(context.Background(), r, security)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if want := "Bearer t|k|1 |k|1 ||1"; strings.Join(got, " ") != want {
		t.Errorf("requests carried %q, want %q", strings.Join(got, " "), want)
	}
	WithRequestEditor(func(context.Context, *http.Request) error { return errors.New("stop") })(c)
	r, _ := http.NewRequest("GET", srv.URL, nil)
	if _, err := c.send(context.Background(), r, nil); err == nil || err.Error() != "stop" || len(got) != 3 {
		t.Errorf("an editor's error did not stop the call: %v, %d requests", err, len(got))
	}
}

func TestReadAll(t *testing.T) {
	for _, tc := range []struct {
		body        string
		size, limit int64
		want        string
		wantErr     bool
	}{
		{"hello", 5, 10, "hello", false},
		{"hello", -1, 3, "hel", false},
		{"hello", 20, 10, "hello", false},
		{"hel", 5, 10, "hel", true},
	} {
		got, err := readAll(strings.NewReader(tc.body), tc.size, tc.limit)
		if string(got) != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("readAll(%q, %d, %d) = %q, %v", tc.body, tc.size, tc.limit, got, err)
		}
	}
}

func TestUnexpectedAndWrapError(t *testing.T) {
	resp := &http.Response{StatusCode: 418, Header: http.Header{"X": {"y"}}, Body: io.NopCloser(strings.NewReader(strings.Repeat("b", 300)))}
	err := unexpected(resp)
	wrapError(&err, "GetPet")
	var ue *UnexpectedResponseError
	if !errors.As(err, &ue) || ue.StatusCode != 418 || len(ue.Body) != 300 || err.Error() != "unexpected response status 418: "+strings.Repeat("b", 200) {
		t.Fatalf("got %v", err)
	}
	other := errors.New("dial")
	wrapError(&other, "GetPet")
	if other.Error() != "GetPet: dial" {
		t.Fatalf("got %v", other)
	}
	var none error
	if wrapError(&none, "GetPet"); none != nil {
		t.Fatalf("nil became %v", none)
	}
}

func TestFormatters(t *testing.T) {
	type status string
	type count int32
	q := url.Values{}
	n := count(3)
	setQuery(q, "n", &n, formatInt[count])
	setQuery(q, "none", (*count)(nil), formatInt[count])
	for _, tc := range []struct{ got, want string }{
		{formatString(status("on")), "on"},
		{formatInt(int64(-7)), "-7"},
		{formatNumber(float32(0.5)), "0.5"},
		{formatNumber(1e21), "1e+21"},
		{formatBool(true), "true"},
		{formatTime(time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)), "2026-12-04T17:00:00Z"},
		{formatBytes([]byte("hi")), "aGk="},
		{q.Encode(), "n=3"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestDecodeChecked: decodeChecked decodes the body, checks it only when
// the client's checks are on and the type has a check, and passes the
// check's error through checkResponse (here the stand-in, which returns
// it as it is); a body that does not decode is a decoding error, whatever
// the checks.
func TestDecodeChecked(t *testing.T) {
	resp := func(body string) *http.Response {
		return &http.Response{StatusCode: 200, ContentLength: -1, Body: io.NopCloser(strings.NewReader(body))}
	}
	errShort := errors.New("too short")
	calls := 0
	short := func(p *string) error {
		calls++
		if len(*p) < 3 {
			return errShort
		}
		return nil
	}
	for _, tc := range []struct {
		name     string
		body     string
		check    bool
		validate func(*string) error
		want     string // "" for no error, else a part of it
		calls    int
	}{
		{"unchecked", `"ab"`, false, short, "", 0},
		{"checked ok", `"abc"`, true, short, "", 1},
		{"checked fails", `"ab"`, true, short, "too short", 1},
		{"no check", `"ab"`, true, nil, "", 0},
		{"bad body", `12`, true, short, "decoding 200 response", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls = 0
			var s string
			err := decodeChecked(resp(tc.body), tc.check, "op", &s, readString[string], tc.validate)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if tc.want == "too short" && !errors.Is(err, errShort) {
				t.Errorf("error %v does not wrap the check's", err)
			}
			if calls != tc.calls {
				t.Errorf("%d checks, want %d", calls, tc.calls)
			}
			if tc.want == "" && s != strings.Trim(tc.body, `"`) {
				t.Errorf("decoded %q from %s", s, tc.body)
			}
		})
	}
}
