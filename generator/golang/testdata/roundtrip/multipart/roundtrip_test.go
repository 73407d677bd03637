package api

// This file is copied next to the code generated from
// testdata/roundtrip/multipart/openapi.yaml by TestMultipartRoundTrip: the
// generated client uploads typed parts and files, the generated server
// reads them back, refusing a missing required part (400), a part of an
// undeclared media type (415) and an invalid value (400) in the contract's
// declared error body.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// seenFile is what the handler saw of one file part.
type seenFile struct {
	filename, contentType string
	size                  int64
	sum                   [32]byte
	header                string
}

type photos struct {
	Unimplemented
	t      *testing.T
	mu     sync.Mutex
	calls  int
	parts  UploadPhotoParts
	photo  seenFile
	thumbs []seenFile
	note   *AddNoteParts
	attach []byte
}

func see(t *testing.T, fp *FilePart) seenFile {
	data, err := io.ReadAll(fp.Body)
	if err != nil {
		t.Errorf("reading part %q: %v", fp.Filename, err)
	}
	if int64(len(data)) != fp.Size {
		t.Errorf("part %q: Size %d, read %d bytes", fp.Filename, fp.Size, len(data))
	}
	return seenFile{fp.Filename, fp.ContentType, fp.Size, sha256.Sum256(data), fp.Header.Get("X-Origin")}
}

func (h *photos) UploadPhoto(_ context.Context, req UploadPhotoRequest) (UploadPhotoResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.parts = req.Body
	h.photo = see(h.t, req.Body.Photo)
	h.thumbs = nil
	for _, fp := range req.Body.Thumbnails {
		h.thumbs = append(h.thumbs, see(h.t, fp))
	}
	return UploadPhoto201Response{Body: Stored{Bytes: h.photo.size}}, nil
}

func (h *photos) AddNote(_ context.Context, req AddNoteRequest) (AddNoteResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.note = req.Body
	h.attach = nil
	if req.Body != nil && req.Body.Attachment != nil {
		h.attach, _ = io.ReadAll(req.Body.Attachment.Body)
	}
	return AddNote204Response{}, nil
}

func serve(t *testing.T) (*photos, *Client, string) {
	h := &photos{t: t}
	srv := httptest.NewServer(NewServer(h, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return h, c, srv.URL
}

// TestUploadThroughClient: every kind of part sent by the generated client
// arrives typed: text, integer, repeated text, a JSON object, a file with
// its name, media type and bytes, and an array of files.
func TestUploadThroughClient(t *testing.T) {
	h, c, _ := serve(t)
	png := bytes.Repeat([]byte("\x89PNG\r\n"), 1000)
	rating := int64(4)
	iso := int64(200)
	resp, err := c.UploadPhoto(context.Background(), UploadPhotoRequest{Body: UploadPhotoParts{
		Title:  "Sunset",
		Rating: &rating,
		Tags:   []string{"sky", "sea"},
		Meta:   &Meta{Camera: "X100", Iso: &iso},
		Photo:  &FilePart{Filename: "sunset.png", Body: bytes.NewReader(png)},
		Thumbnails: []*FilePart{
			{Filename: "a.png", Body: strings.NewReader("small"), Header: textproto.MIMEHeader{"X-Origin": {"client"}}},
			{Filename: "b.png", Body: strings.NewReader("smaller"), Header: textproto.MIMEHeader{"X-Origin": {"client"}}},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := resp.(UploadPhoto201Response); !ok || r.Body.Bytes != int64(len(png)) {
		t.Fatalf("response %#v", resp)
	}
	p := h.parts
	if p.Title != "Sunset" || p.Rating == nil || *p.Rating != 4 || strings.Join(p.Tags, ",") != "sky,sea" {
		t.Errorf("text parts: %q %v %q", p.Title, p.Rating, p.Tags)
	}
	if p.Meta == nil || p.Meta.Camera != "X100" || p.Meta.Iso == nil || *p.Meta.Iso != 200 {
		t.Errorf("JSON part: %+v", p.Meta)
	}
	if p.License == nil || *p.License != "cc-by" {
		t.Errorf("absent part with a default: %v, want cc-by", p.License)
	}
	// The photo's media type is the encoding's first; the thumbnails' their
	// items' contentMediaType.
	want := seenFile{"sunset.png", "image/png", int64(len(png)), sha256.Sum256(png), ""}
	if h.photo != want {
		t.Errorf("photo: %+v, want %+v", h.photo, want)
	}
	if len(h.thumbs) != 2 || h.thumbs[0].filename != "a.png" || h.thumbs[1].size != 7 || h.thumbs[1].contentType != "image/png" || h.thumbs[0].sum != sha256.Sum256([]byte("small")) || h.thumbs[1].header != "client" {
		t.Errorf("thumbnails: %+v", h.thumbs)
	}
}

// TestLargeUploadStreams: a file larger than the server's in-memory budget
// (8 MiB) is streamed by the client from a reader and arrives whole.
func TestLargeUploadStreams(t *testing.T) {
	h, c, _ := serve(t)
	big := bytes.Repeat([]byte("0123456789abcdef"), 9<<16) // 9 MiB
	_, err := c.UploadPhoto(context.Background(), UploadPhotoRequest{Body: UploadPhotoParts{
		Title: "big",
		Photo: &FilePart{Filename: "big.jpg", ContentType: "image/jpeg", Body: io.MultiReader(bytes.NewReader(big))},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if h.parts.Meta != nil || h.parts.License == nil {
		t.Errorf("parts left out: meta %v, license %v", h.parts.Meta, h.parts.License)
	}
	if h.photo.size != int64(len(big)) || h.photo.sum != sha256.Sum256(big) || h.photo.contentType != "image/jpeg" {
		t.Errorf("big photo: size %d, type %q", h.photo.size, h.photo.contentType)
	}
}

// TestOptionalBody: an optional multipart body may be left out; sent, its
// parts arrive.
func TestOptionalBody(t *testing.T) {
	h, c, _ := serve(t)
	if _, err := c.AddNote(context.Background(), AddNoteRequest{}); err != nil {
		t.Fatal(err)
	}
	if h.note != nil {
		t.Errorf("absent body seen as %+v", h.note)
	}
	text := "hello"
	if _, err := c.AddNote(context.Background(), AddNoteRequest{Body: &AddNoteParts{Text: &text, Attachment: &FilePart{Body: strings.NewReader("att")}}}); err != nil {
		t.Fatal(err)
	}
	if h.note == nil || h.note.Text == nil || *h.note.Text != "hello" || string(h.attach) != "att" || h.note.Attachment.Filename != "attachment" {
		t.Errorf("note: %+v, attachment %q", h.note, h.attach)
	}
}

// part is one part of a hand-written request; every part gets the header
// X-Origin: hand, and those of header (name, value pairs; an empty value
// removes the header).
type part struct {
	name, filename, contentType, body string
	header                            []string
}

func post(t *testing.T, url string, parts ...part) (*http.Response, Error) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		d := `form-data; name="` + p.name + `"`
		if p.filename != "" {
			d += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", d)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		}
		h.Set("X-Origin", "hand")
		for i := 0; i+1 < len(p.header); i += 2 {
			if h.Set(p.header[i], p.header[i+1]); p.header[i+1] == "" {
				h.Del(p.header[i])
			}
		}
		w, _ := mw.CreatePart(h)
		io.WriteString(w, p.body)
	}
	mw.Close()
	res, err := http.Post(url+"/photos", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var e Error
	if res.StatusCode >= 400 {
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("error answer in %q, want the declared application/json", ct)
		}
		if err := json.NewDecoder(res.Body).Decode(&e); err != nil {
			t.Errorf("error body: %v", err)
		}
	}
	return res, e
}

// TestRefusals: what the contract does not allow never reaches the
// handler, and is answered with the declared 4XX error body.
func TestRefusals(t *testing.T) {
	h, _, url := serve(t)
	photo := part{"photo", "p.png", "image/png", "PNG", nil}
	for _, tc := range []struct {
		name    string
		parts   []part
		status  int
		message string
	}{
		{"missing required file", []part{{"title", "", "", "t", nil}}, 400, "body /photo: is required"},
		{"missing required text", []part{photo}, 400, "body /title: is required"},
		{"undeclared media type", []part{{"title", "", "", "t", nil}, {"photo", "p.gif", "image/gif", "GIF", nil}}, 415, `part "photo" has Content-Type "image/gif"; the contract allows: image/png, image/jpeg`},
		{"too long", []part{{"title", "", "", strings.Repeat("x", 21), nil}, photo}, 400, "body /title: must be at most 20 characters long"},
		{"not an integer", []part{{"title", "", "", "t", nil}, {"rating", "", "", "four", nil}, photo}, 400, "body /rating: must be an integer"},
		{"out of range", []part{{"title", "", "", "t", nil}, {"rating", "", "", "9", nil}, photo}, 400, "body /rating: must be at most 5"},
		{"invalid JSON part", []part{{"title", "", "", "t", nil}, {"meta", "", "application/json", `{"iso": 1}`, nil}, photo}, 400, "body /meta/camera: "},
		{"missing required part header", []part{{"title", "", "", "t", nil}, photo, {"thumbnails", "t.png", "image/png", "T", []string{"X-Origin", ""}}}, 400, "body /thumbnails: header X-Origin is required"},
		{"part header not an integer", []part{{"title", "", "", "t", nil}, {"photo", "p.png", "image/png", "PNG", []string{"X-Rate", "x"}}}, 400, "body /photo: header X-Rate: must be an integer"},
		{"part header out of range", []part{{"title", "", "", "t", nil}, {"photo", "p.png", "image/png", "PNG", []string{"X-Rate", "0"}}}, 400, "body /photo: header X-Rate: must be at least 1"},
		{"read-only part", []part{{"id", "", "", "x", nil}, {"title", "", "", "t", nil}, photo}, 400, "body /id: is read-only"},
		{"JSON part of another type", []part{{"title", "", "", "t", nil}, {"meta", "", "text/plain", `{"camera": "c"}`, nil}, photo}, 415, `part "meta" has Content-Type "text/plain"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := h.calls
			res, e := post(t, url, tc.parts...)
			if res.StatusCode != tc.status || int(e.Code) != tc.status || !strings.HasPrefix(e.Message, tc.message) {
				t.Errorf("got %d %+v, want %d %q…", res.StatusCode, e, tc.status, tc.message)
			}
			if h.calls != before {
				t.Error("the handler was called")
			}
		})
	}
	// The hand-written request with everything right reaches the handler,
	// with the part's own headers.
	res, _ := post(t, url, part{"title", "", "", "ok", nil}, part{"license", "", "", "mine", nil}, part{"meta", "", "application/json", `{"camera": "c"}`, nil}, part{"thumbnails", "t.png", "image/png", "T", nil}, photo)
	if res.StatusCode != 201 || h.photo.header != "hand" || h.photo.filename != "p.png" {
		t.Errorf("valid request: %d, photo %+v", res.StatusCode, h.photo)
	}
	if len(h.thumbs) != 1 || h.thumbs[0].header != "hand" {
		t.Errorf("thumbnail with its required header: %+v", h.thumbs)
	}
	if p := h.parts; p.License == nil || *p.License != "mine" || p.Meta == nil || p.Meta.Iso == nil || *p.Meta.Iso != 100 {
		t.Errorf("a part sent replaces the default, a JSON part gets its own: %+v", p)
	}
}
