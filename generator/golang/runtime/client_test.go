package runtime

import (
	"context"
	"errors"
	"fmt"
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

// closeCounter is a response body that counts its Close calls.
type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

// TestUnexpectedAndCallError: unexpected keeps the status, headers and
// body and closes the body; callError names the method in any other
// error, leaves an *UnexpectedResponseError and nil as they are;
// responseError also closes the body, once.
func TestUnexpectedAndCallError(t *testing.T) {
	body := &closeCounter{Reader: strings.NewReader(strings.Repeat("b", 300))}
	resp := &http.Response{StatusCode: 418, Header: http.Header{"X": {"y"}}, Body: body}
	err := callError("GetPet", unexpected(resp))
	var ue *UnexpectedResponseError
	if !errors.As(err, &ue) || ue.StatusCode != 418 || len(ue.Body) != 300 || err.Error() != "unexpected response status 418: "+strings.Repeat("b", 200) {
		t.Fatalf("got %v", err)
	}
	if body.closed != 1 {
		t.Errorf("unexpected closed the body %d times, want 1", body.closed)
	}
	dial := errors.New("dial")
	for _, tc := range []struct {
		name string
		err  error
		want string // "" for nil
	}{
		{"other", dial, "GetPet: dial"},
		{"nil", nil, ""},
		{"unexpected", &UnexpectedResponseError{StatusCode: 500}, "unexpected response status 500: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []string{"callError", "responseError"} {
				b := &closeCounter{Reader: strings.NewReader("")}
				got := callError("GetPet", tc.err)
				if f == "responseError" {
					got = responseError(&http.Response{Body: b}, "GetPet", tc.err)
				}
				switch {
				case tc.want == "" && got != nil, tc.want != "" && (got == nil || got.Error() != tc.want):
					t.Errorf("%s = %v, want %q", f, got, tc.want)
				case tc.err == dial && !errors.Is(got, dial):
					t.Errorf("%s = %v does not wrap the error", f, got)
				}
				if want := map[string]int{"callError": 0, "responseError": 1}[f]; b.closed != want {
					t.Errorf("%s closed the body %d times, want %d", f, b.closed, want)
				}
			}
		})
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

// TestDecodeChecked: decodeChecked decodes and closes the body, checks it only when
// the client's checks are on (checkResponse, as WithResponseChecks sets)
// and the type has a check, and passes the check's error through
// checkResponse; a body that does not decode is a decoding error, whatever
// the checks.
func TestDecodeChecked(t *testing.T) {
	var body *closeCounter
	resp := func(s string) *http.Response {
		body = &closeCounter{Reader: strings.NewReader(s)}
		return &http.Response{StatusCode: 200, ContentLength: -1, Body: body}
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
			var check func(string, int, error) error
			if tc.check {
				check = checkResponse
			}
			err := decodeChecked(resp(tc.body), check, "op", &s, readString[string], tc.validate)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			var re *ResponseValidationError
			if tc.want == "too short" && (!errors.As(err, &re) || *re != ResponseValidationError{Operation: "op", StatusCode: 200, Message: "too short"}) {
				t.Errorf("error %#v, want a *ResponseValidationError of the check's", err)
			}
			if calls != tc.calls {
				t.Errorf("%d checks, want %d", calls, tc.calls)
			}
			if body.closed != 1 {
				t.Errorf("body closed %d times, want 1", body.closed)
			}
			if tc.want == "" && s != strings.Trim(tc.body, `"`) {
				t.Errorf("decoded %q from %s", s, tc.body)
			}
		})
	}
}

// TestWithResponseChecks: the option installs checkResponse, which turns
// a check's error into a *ResponseValidationError naming the header or
// the body's pointer, and leaves nil alone.
func TestWithResponseChecks(t *testing.T) {
	var c Client
	if c.responseChecks != nil {
		t.Fatal("checks on before the option")
	}
	if err := WithResponseChecks()(&c); err != nil || c.responseChecks == nil {
		t.Fatalf("option: %v, checks %v", err, c.responseChecks != nil)
	}
	for _, tc := range []struct {
		name string
		err  error
		want *ResponseValidationError
		text string
	}{
		{"nil", nil, nil, ""},
		{"plain", errors.New("bad"), &ResponseValidationError{Operation: "getPet", StatusCode: 200, Message: "bad"},
			`getPet: response 200 breaks the contract at "": bad`},
		{"body", fmt.Errorf("wrapped: %w", &ValidationError{Pointer: "/name", Message: "too long"}),
			&ResponseValidationError{Operation: "getPet", StatusCode: 200, Pointer: "/name", Message: "too long"},
			`getPet: response 200 breaks the contract at "/name": too long`},
		{"header", &headerError{name: "X-Rate", err: errors.New("not an integer")},
			&ResponseValidationError{Operation: "getPet", StatusCode: 200, Header: "X-Rate", Message: (&headerError{name: "X-Rate", err: errors.New("not an integer")}).Error()},
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := c.responseChecks("getPet", 200, tc.err)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			re, ok := err.(*ResponseValidationError)
			if !ok || *re != *tc.want {
				t.Fatalf("got %#v, want %#v", err, tc.want)
			}
			if tc.text != "" && err.Error() != tc.text {
				t.Errorf("text %q, want %q", err.Error(), tc.text)
			}
			if tc.name == "header" && !strings.Contains(err.Error(), `in header "X-Rate"`) {
				t.Errorf("text %q does not name the header", err.Error())
			}
		})
	}
}
