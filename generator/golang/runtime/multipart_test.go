package runtime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	goruntime "runtime"
	"strings"
	"testing"
)

// multipartRequest builds a request whose body multipartBody writes with
// write, read back whole (the server side reads a real stream).
func multipartRequest(t *testing.T, write func(*multipart.Writer) error) *http.Request {
	t.Helper()
	body, ct := multipartBody(write)
	data, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("writing the body: %v", err)
	}
	r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
	r.Header.Set("Content-Type", ct)
	return r
}

func TestMultipartRoundTrip(t *testing.T) {
	r := multipartRequest(t, func(mw *multipart.Writer) error {
		title := "a \"quoted\"\r\nX-Injected: 1 title"
		if err := writeTextPart(mw, "title", "", title); err != nil {
			return err
		}
		for _, tag := range []string{"a", "b"} {
			if err := writeTextPart(mw, "tags", "", tag); err != nil {
				return err
			}
		}
		meta := map[string]any{"owner": "ann"}
		if err := writeJSONPart(mw, "meta", "", &meta, writeJSON[map[string]any]); err != nil {
			return err
		}
		return writeFilePart(mw, "file", "image/png, image/jpeg", &FilePart{Filename: `x"\y.png`, Body: strings.NewReader("PNG")})
	})
	f, rerr := readMultipart(httptest.NewRecorder(), r, 1<<20)
	if rerr != nil {
		t.Fatal(rerr)
	}
	var title string
	if rerr := partParam(f, "title", true, parseString[string], nil, &title); rerr != nil || title != "a \"quoted\"\r\nX-Injected: 1 title" {
		t.Errorf("title = %q, %v", title, rerr)
	}
	var tags []string
	if rerr := arrayPart(f, "tags", true, parseString[string], nil, &tags); rerr != nil || strings.Join(tags, ",") != "a,b" {
		t.Errorf("tags = %q, %v", tags, rerr)
	}
	var meta *map[string]any
	if rerr := optPartParam(f, "meta", parseJSONPart(readJSON[map[string]any]), nil, &meta); rerr != nil || meta == nil || (*meta)["owner"] != "ann" {
		t.Errorf("meta = %v, %v", meta, rerr)
	}
	if ct := f.parts["meta"][0].ContentType; ct != "application/json" {
		t.Errorf("meta part Content-Type = %q", ct)
	}
	var file *FilePart
	if rerr := filePart(f, "file", true, &file); rerr != nil || file == nil {
		t.Fatalf("file = %v, %v", file, rerr)
	}
	data, _ := io.ReadAll(file.Body)
	if file.Filename != `x"\y.png` || file.ContentType != "image/png" || file.Size != 3 || string(data) != "PNG" {
		t.Errorf("file = %q %q %d %q", file.Filename, file.ContentType, file.Size, data)
	}
	if h := f.parts["title"][0].Header; h.Get("X-Injected") != "" {
		t.Errorf("a name's line break added a header: %v", h)
	}
}

func TestMultipartRequiredAndTypes(t *testing.T) {
	r := multipartRequest(t, func(mw *multipart.Writer) error {
		if err := writeTextPart(mw, "count", "", "x"); err != nil {
			return err
		}
		return writeFilePart(mw, "file", "text/csv", &FilePart{Body: strings.NewReader("a,b")})
	})
	f, rerr := readMultipart(httptest.NewRecorder(), r, 1<<20)
	if rerr != nil {
		t.Fatal(rerr)
	}
	var s string
	rerr = partParam(f, "a/b", true, parseString[string], nil, &s)
	if rerr == nil || rerr.Status != 400 || rerr.Error() != "body /a~1b: is required" {
		t.Errorf("missing required part: %v", rerr)
	}
	var n *int64
	if rerr := optPartParam(f, "count", parseInt[int64], nil, &n); rerr == nil || rerr.Error() != "body /count: must be an integer" || n != nil {
		t.Errorf("bad integer: %v, %v", rerr, n)
	}
	var absent *int64
	if rerr := optPartParam(f, "none", parseInt[int64], nil, &absent); rerr != nil || absent != nil {
		t.Errorf("absent optional part: %v, %v", rerr, absent)
	}
	match := func(mt string, allowed ...string) bool { return mt == allowed[0] }
	if rerr := f.checkTypes("file", match, "text/csv"); rerr != nil {
		t.Errorf("declared type refused: %v", rerr)
	}
	rerr = f.checkTypes("file", match, "image/png")
	if rerr == nil || rerr.Status != 415 || rerr.Detail != `part "file" has Content-Type "text/csv"; the contract allows: image/png` {
		t.Errorf("undeclared type: %v", rerr)
	}
	if rerr := f.checkTypes("count", match, "application/json"); rerr != nil {
		t.Errorf("a part without Content-Type is refused: %v", rerr)
	}
	check := func(v int64) error { return &ValidationError{Message: "must be at least 5"} }
	var m int64
	r2 := multipartRequest(t, func(mw *multipart.Writer) error { return writeTextPart(mw, "min", "", "3") })
	f2, _ := readMultipart(httptest.NewRecorder(), r2, 1<<20)
	if rerr := partParam(f2, "min", true, parseInt[int64], check, &m); rerr == nil || rerr.Error() != "body /min: must be at least 5" {
		t.Errorf("check failure: %v", rerr)
	}
}

func TestMultipartRefusals(t *testing.T) {
	for _, c := range []struct {
		name, ct, body string
		max            int64
		status         int
		detail         string
	}{
		{"json", "application/json", "{}", 100, 415, "Content-Type must be one of: multipart/form-data"},
		{"no boundary", "multipart/form-data", "", 100, 400, "request body is not a valid multipart form: no boundary in Content-Type"},
		{"broken", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", 100, 400, "request body is not a valid multipart form: unexpected EOF"},
		{"too large", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + strings.Repeat("x", 200) + "\r\n--b--\r\n", 100, 413, "request body is larger than 100 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(c.body))
			r.Header.Set("Content-Type", c.ct)
			_, rerr := readMultipart(httptest.NewRecorder(), r, c.max)
			if rerr == nil || rerr.Status != c.status || rerr.Detail != c.detail {
				t.Errorf("got %+v, want %d %q", rerr, c.status, c.detail)
			}
		})
	}
}

// TestMultipartSpill: content beyond the memory budget goes to a temporary
// file, readable as the part's Body and removed when the request ends.
func TestMultipartSpill(t *testing.T) {
	r := multipartRequest(t, func(mw *multipart.Writer) error {
		return writeFilePart(mw, "big", "", &FilePart{Body: strings.NewReader(strings.Repeat("z", 100))})
	})
	mr, err := r.MultipartReader()
	if err != nil {
		t.Fatal(err)
	}
	p, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	memory := int64(10)
	fp, err := readPart(ctx, p, &memory)
	if err != nil {
		t.Fatal(err)
	}
	tmp, ok := fp.Body.(*os.File)
	if !ok || fp.Size != 100 || memory != 0 {
		t.Fatalf("body %T, size %d, memory left %d", fp.Body, fp.Size, memory)
	}
	if s, err := fp.text(); err != nil || s != strings.Repeat("z", 100) {
		t.Errorf("text = %q, %v", s, err)
	}
	if b, _ := io.ReadAll(fp.Body); len(b) != 100 {
		t.Errorf("body after text() has %d bytes, want 100", len(b))
	}
	cancel()
	for i := 0; i < 1000; i++ { // AfterFunc runs in its own goroutine
		if _, err := os.Stat(tmp.Name()); errors.Is(err, os.ErrNotExist) {
			return
		}
		goruntime.Gosched()
	}
	t.Errorf("temporary file %s not removed when the request ended", tmp.Name())
}

// TestMultipartBodyNotRead: a body closed before it is read starts no writer;
// one closed while written stops the writer with an error.
func TestMultipartBodyNotRead(t *testing.T) {
	started := false
	body, _ := multipartBody(func(*multipart.Writer) error { started = true; return nil })
	body.Close()
	if _, err := body.Read(make([]byte, 1)); !errors.Is(err, io.ErrClosedPipe) || started {
		t.Errorf("read after close: %v, writer started %v", err, started)
	}
	done := make(chan error, 1)
	body, _ = multipartBody(func(mw *multipart.Writer) error {
		err := writeFilePart(mw, "f", "", &FilePart{Body: strings.NewReader(strings.Repeat("x", 1<<20))})
		done <- err
		return err
	})
	body.Read(make([]byte, 10))
	body.Close()
	if err := <-done; err == nil {
		t.Error("writer of a closed body got no error")
	}
}

// FuzzReadMultipart: any body and boundary is read or refused, never a
// crash, and every part read has the bytes counted in its Size.
func FuzzReadMultipart(f *testing.F) {
	f.Add("b", "--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n")
	f.Add("b", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b\r\n\r\n--b--")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, boundary, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=\""+strings.ReplaceAll(boundary, `"`, "")+"\"")
		form, rerr := readMultipart(httptest.NewRecorder(), r, 1<<16)
		if rerr != nil {
			return
		}
		for _, ps := range form.parts {
			for _, p := range ps {
				s, err := p.text()
				if err != nil || int64(len(s)) != p.Size {
					t.Fatalf("part of %d bytes read as %d: %v", p.Size, len(s), err)
				}
			}
		}
	})
}

// TestMultipartPartHeaders: a file part's Header is sent by the client
// (a line break refused), and the server checks declared part headers.
func TestMultipartPartHeaders(t *testing.T) {
	r := multipartRequest(t, func(mw *multipart.Writer) error {
		h := textproto.MIMEHeader{"x-rate": {"7"}, "Content-Type": {"text/evil"}, "Content-Disposition": {"attachment"}}
		return writeFilePart(mw, "f", "", &FilePart{ContentType: "image/png", Header: h, Body: strings.NewReader("x")})
	})
	f, rerr := readMultipart(httptest.NewRecorder(), r, 1<<20)
	if rerr != nil {
		t.Fatal(rerr)
	}
	p := f.parts["f"][0]
	if p.Header.Get("X-Rate") != "7" || p.ContentType != "image/png" || p.Filename != "f" {
		t.Errorf("part header %v, type %q, filename %q", p.Header, p.ContentType, p.Filename)
	}
	atLeast8 := func(v int64) error {
		if v < 8 {
			return &ValidationError{Message: "must be at least 8"}
		}
		return nil
	}
	for _, c := range []struct {
		header   string
		required bool
		want     string
	}{
		{"X-Rate", true, "body /f: header X-Rate: must be at least 8"},
		{"X-Other", true, "body /f: header X-Other is required"},
		{"X-Other", false, ""},
	} {
		rerr := partHeader(f, "f", c.header, c.required, parseInt[int64], atLeast8)
		if got := ""; rerr != nil {
			got = rerr.Error()
			if got != c.want {
				t.Errorf("%s: %q, want %q", c.header, got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("%s: passed, want %q", c.header, c.want)
		}
	}
	_, err := io.ReadAll(func() io.Reader {
		body, _ := multipartBody(func(mw *multipart.Writer) error {
			return writeFilePart(mw, "f", "", &FilePart{Header: textproto.MIMEHeader{"X-A": {"1\r\nX-B: 2"}}})
		})
		return body
	}())
	if err == nil || !strings.Contains(err.Error(), `header "X-A" of part "f" has a line break`) {
		t.Errorf("header with a line break: %v", err)
	}
}
