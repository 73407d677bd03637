package runtime

// multipart/form-data bodies (RFC 7578, OpenAPI's "Encoding" object). The
// server reads the parts one by one with mime/multipart under the body
// limit; what it cannot keep in memory goes to a temporary file removed
// when the request ends. The client writes the parts into a pipe while the
// request is sent, so a large file is never held whole in memory.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"sync"
)

// FilePart is one file of a multipart/form-data body.
type FilePart struct {
	// Filename is the name the sender gave the file (may be empty). It is
	// input: never use it as a path without cleaning it.
	Filename string
	// ContentType is the part's media type. The server fills it from the
	// part's Content-Type header; a client leaving it empty sends the
	// contract's encoding contentType, else application/octet-stream.
	ContentType string
	// Size is the content's length in bytes, set by the server; the client
	// does not need it.
	Size int64
	// Header holds the part's headers: on the server every one received,
	// the contract's encoding headers among them (checked before the
	// handler runs); in the client, headers to send besides
	// Content-Disposition and Content-Type.
	Header textproto.MIMEHeader
	// Body reads the content. On the server it reads from memory or from a
	// temporary file removed when the request ends, so a handler reads it
	// before it returns; in the client it is read while the request is sent.
	Body io.Reader
	// data is the content when the server holds it in memory.
	data []byte
}

// multipartMemory bounds the bytes of parts a server holds in memory for
// one request; larger content goes to temporary files.
const multipartMemory = 8 << 20

// multipartMaxParts bounds the parts of one body, as net/http's
// ParseMultipartForm does.
const multipartMaxParts = 1000

// multipartForm is a multipart/form-data body as read by the server: the
// parts by name, in the order received.
type multipartForm struct {
	parts map[string][]*FilePart
}

// readMultipart reads a multipart/form-data request body of at most
// maxBody bytes. Parts without a form-data name are skipped.
func readMultipart(w http.ResponseWriter, r *http.Request, maxBody int64) (*multipartForm, *RequestError) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, &RequestError{Status: http.StatusUnsupportedMediaType, Detail: "Content-Type must be one of: multipart/form-data"}
	}
	if params["boundary"] == "" {
		return nil, &RequestError{Status: http.StatusBadRequest, Detail: "request body is not a valid multipart form: no boundary in Content-Type"}
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, r.Body, maxBody), params["boundary"])
	f := &multipartForm{parts: map[string][]*FilePart{}}
	memory := int64(multipartMemory)
	for n := 0; ; n++ {
		p, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		if err == nil && n >= multipartMaxParts {
			err = fmt.Errorf("more than %d parts", multipartMaxParts)
		}
		var fp *FilePart
		if err == nil {
			if p.FormName() == "" {
				continue
			}
			fp, err = readPart(r.Context(), p, &memory)
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, &RequestError{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("request body is larger than %d bytes", maxBody)}
			}
			return nil, &RequestError{Status: http.StatusBadRequest, Detail: "request body is not a valid multipart form: " + err.Error()}
		}
		f.parts[p.FormName()] = append(f.parts[p.FormName()], fp)
	}
}

// readPart reads one part: into memory while *memory lasts, else into a
// temporary file that is removed when ctx (the request's) ends.
func readPart(ctx context.Context, p *multipart.Part, memory *int64) (*FilePart, error) {
	fp := &FilePart{Filename: p.FileName(), ContentType: p.Header.Get("Content-Type"), Header: p.Header}
	var buf bytes.Buffer
	n, err := io.CopyN(&buf, p, *memory+1)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if n <= *memory {
		*memory -= n
		fp.data, fp.Size, fp.Body = buf.Bytes(), n, bytes.NewReader(buf.Bytes())
		return fp, nil
	}
	*memory = 0
	tmp, err := os.CreateTemp("", "multipart-")
	if err != nil {
		return nil, err
	}
	context.AfterFunc(ctx, func() {
		tmp.Close()
		os.Remove(tmp.Name())
	})
	size, err := io.Copy(tmp, io.MultiReader(&buf, p))
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		return nil, err
	}
	fp.Size, fp.Body = size, tmp
	return fp, nil
}

// text is the content of a part as a string.
func (fp *FilePart) text() (string, error) {
	if fp.data != nil || fp.Body == nil {
		return string(fp.data), nil
	}
	b, err := io.ReadAll(fp.Body)
	if s, ok := fp.Body.(io.Seeker); ok && err == nil {
		_, err = s.Seek(0, io.SeekStart)
	}
	return string(b), err
}

// first is the first part named name, nil when there is none (a 400 when
// the part is required).
func (f *multipartForm) first(name string, required bool) (*FilePart, *RequestError) {
	if ps := f.parts[name]; len(ps) > 0 {
		return ps[0], nil
	}
	if required {
		return nil, badParam("body", "/"+pointerToken(name), "is required")
	}
	return nil, nil
}

// checkTypes refuses, with 415, a part named name whose Content-Type is
// not one of allowed (the contract's encoding contentType, a
// comma-separated list with wildcards; matches decides). A part without
// Content-Type passes: form clients (curl -F, browsers for text fields)
// send none, and RFC 7578 leaves it optional.
func (f *multipartForm) checkTypes(name string, matches func(string, ...string) bool, allowed ...string) *RequestError {
	for _, fp := range f.parts[name] {
		ct := fp.ContentType
		if ct == "" {
			continue
		}
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !matches(mt, allowed...) {
			return &RequestError{Status: http.StatusUnsupportedMediaType, Detail: fmt.Sprintf("part %q has Content-Type %q; the contract allows: %s", name, ct, strings.Join(allowed, ", "))}
		}
	}
	return nil
}

// partError is the 400 for the value of part name that err refuses,
// naming the JSON pointer inside the value when err has one.
func partError(name string, err error) *RequestError {
	ptr := "/" + pointerToken(name)
	var ve *ValidationError
	if errors.As(decodeError(ptr, err), &ve) {
		return badParam("body", ve.Pointer, ve.Message)
	}
	return badParam("body", ptr, err.Error())
}

// partValue decodes the text of part fp (the property name) with parse
// and checks it.
func partValue[T any](fp *FilePart, name string, parse func(string) (T, error), check func(T) error) (T, *RequestError) {
	var v T
	s, err := fp.text()
	if err == nil {
		v, err = parse(s)
	}
	if err == nil && check != nil {
		err = check(v)
	}
	if err != nil {
		return v, partError(name, err)
	}
	return v, nil
}

// partParam decodes the text part name into *dst; an absent part leaves
// *dst alone, or is a 400 when required.
func partParam[T any](f *multipartForm, name string, required bool, parse func(string) (T, error), check func(T) error, dst *T) *RequestError {
	fp, rerr := f.first(name, required)
	if fp == nil {
		return rerr
	}
	v, rerr := partValue(fp, name, parse, check)
	if rerr == nil {
		*dst = v
	}
	return rerr
}

// optPartParam is partParam for an optional property held by pointer.
func optPartParam[T any](f *multipartForm, name string, parse func(string) (T, error), check func(T) error, dst **T) *RequestError {
	var v T
	if fp, _ := f.first(name, false); fp != nil {
		rerr := partParam(f, name, false, parse, check, &v)
		if rerr == nil {
			*dst = &v
		}
		return rerr
	}
	return nil
}

// partHeader checks header of each part named name (an encoding header
// of the contract): present when required, and its first value read with
// parse and checked.
func partHeader[T any](f *multipartForm, name, header string, required bool, parse func(string) (T, error), check func(T) error) *RequestError {
	for _, fp := range f.parts[name] {
		vals := fp.Header.Values(header)
		if len(vals) == 0 {
			if required {
				return badParam("body", "/"+pointerToken(name), "header "+header+" is required")
			}
			continue
		}
		v, err := parse(vals[0])
		if err == nil && check != nil {
			err = check(v)
		}
		if err != nil {
			rerr := partError(name, err)
			rerr.Params[0].Reason = "header " + header + ": " + rerr.Params[0].Reason
			return rerr
		}
	}
	return nil
}

// parseJSONPart is the parse function of a part holding JSON, read with
// read (partParam's parse for JSON parts).
func parseJSONPart[T any](read func(*T, *jsonReader) error) func(string) (T, error) {
	return func(s string) (T, error) {
		var v T
		return v, decodeJSONValue([]byte(s), &v, read)
	}
}

// arrayPart decodes the text parts named name, one item each.
func arrayPart[T any](f *multipartForm, name string, required bool, parse func(string) (T, error), check func([]T) error, dst *[]T) *RequestError {
	if _, rerr := f.first(name, required); rerr != nil {
		return rerr
	}
	var out []T
	for _, fp := range f.parts[name] {
		v, rerr := partValue(fp, name, parse, nil)
		if rerr != nil {
			return rerr
		}
		out = append(out, v)
	}
	if check != nil && out != nil {
		if err := check(out); err != nil {
			return partError(name, err)
		}
	}
	*dst = out
	return nil
}

// filePart sets *dst to the file part name.
func filePart(f *multipartForm, name string, required bool, dst **FilePart) *RequestError {
	fp, rerr := f.first(name, required)
	if fp != nil {
		*dst = fp
	}
	return rerr
}

// fileParts sets *dst to the file parts named name, in the order sent.
func fileParts(f *multipartForm, name string, required bool, dst *[]*FilePart) *RequestError {
	_, rerr := f.first(name, required)
	*dst = f.parts[name]
	return rerr
}

// multipartReader is a request body whose parts are written into a pipe
// while the request is sent. The writing goroutine starts at the first
// Read, so a request that is never sent leaves nothing behind; Close
// (net/http closes every request body) stops it.
type multipartReader struct {
	once  sync.Once
	pr    *io.PipeReader
	start func()
}

// Read reads the body, starting the writer on first use.
func (m *multipartReader) Read(p []byte) (int, error) {
	m.once.Do(m.start)
	return m.pr.Read(p)
}

// Close ends the body; a writer still running gets an error.
func (m *multipartReader) Close() error {
	m.once.Do(func() {})
	return m.pr.Close()
}

// multipartBody is a multipart/form-data body whose parts write adds, and
// its Content-Type. An error of write fails the request.
func multipartBody(write func(*multipart.Writer) error) (io.ReadCloser, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	start := func() {
		go func() {
			err := write(mw)
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err)
		}()
	}
	return &multipartReader{pr: pr, start: start}, mw.FormDataContentType()
}

// partQuote quotes a name or filename for Content-Disposition as HTML's
// form submission does: quotes and backslashes escaped, line breaks
// percent-encoded, so no value can add a header.
var partQuote = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "%0D", "\n", "%0A")

// createPart starts part name (a file when filename is not empty) with the
// media type contentType (a list, the contract's "image/png, image/jpeg",
// sends its first entry) and the headers of header.
func createPart(mw *multipart.Writer, name, filename, contentType string, header textproto.MIMEHeader) (io.Writer, error) {
	disposition := `form-data; name="` + partQuote.Replace(name) + `"`
	if filename != "" {
		disposition += `; filename="` + partQuote.Replace(filename) + `"`
	}
	h := textproto.MIMEHeader{"Content-Disposition": {disposition}}
	for k, vs := range header {
		k = textproto.CanonicalMIMEHeaderKey(k)
		if k == "Content-Disposition" || k == "Content-Type" {
			continue
		}
		for _, v := range vs {
			if strings.ContainsAny(k+v, "\r\n") {
				return nil, fmt.Errorf("header %q of part %q has a line break", k, name)
			}
			h.Add(k, v)
		}
	}
	contentType, _, _ = strings.Cut(contentType, ",")
	if ct := strings.TrimSpace(contentType); ct != "" && !strings.ContainsAny(ct, "\r\n") {
		h.Set("Content-Type", ct)
	}
	return mw.CreatePart(h)
}

// writeTextPart writes part name holding value.
func writeTextPart(mw *multipart.Writer, name, contentType, value string) error {
	w, err := createPart(mw, name, "", contentType, nil)
	if err == nil {
		_, err = io.WriteString(w, value)
	}
	return err
}

// writeJSONPart writes part name holding the JSON of *v.
func writeJSONPart[T any](mw *multipart.Writer, name, contentType string, v *T, write func(*T, *jsonWriter)) error {
	data, err := encodeJSONValue(v, write)
	if err != nil {
		return fmt.Errorf("part %q: %w", name, err)
	}
	if contentType == "" {
		contentType = "application/json"
	}
	w, err := createPart(mw, name, "", contentType, nil)
	if err == nil {
		_, err = w.Write(data)
	}
	return err
}

// writeFilePart writes file part name, streaming its Body; a nil part
// writes nothing. The part's own ContentType wins over contentType, the
// contract's; application/octet-stream when both are empty.
func writeFilePart(mw *multipart.Writer, name, contentType string, fp *FilePart) error {
	if fp == nil {
		return nil
	}
	ct := fp.ContentType
	if ct == "" {
		ct = contentType
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	filename := fp.Filename
	if filename == "" {
		filename = name
	}
	w, err := createPart(mw, name, filename, ct, fp.Header)
	if err == nil && fp.Body != nil {
		_, err = io.Copy(w, fp.Body)
	}
	if err != nil {
		return fmt.Errorf("part %q: %w", name, err)
	}
	return nil
}
