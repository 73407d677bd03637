package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"slices"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	paramstyle "github.com/contractfirst/toolkit/generator/golang/runtime"
)

// serializePath renders a path parameter value (URL-escaped) by its
// style: simple, label or matrix, as generated clients write it.
func serializePath(p *contract.Param, v any) string {
	items, object := sample.Items(v)
	return paramstyle.StylePath(p.Name, p.Style, p.Explode, object, items)
}

// addQuery adds a query parameter value to q by its style, or as JSON
// when the parameter declares content.
func addQuery(q url.Values, p *contract.Param, v any) {
	if p.ContentType != "" {
		b, _ := json.Marshal(v)
		q.Add(p.Name, string(b))
		return
	}
	items, object := sample.Items(v)
	paramstyle.StyleQuery(q, p.Name, p.Style, p.Explode, object, items)
}

// headerValue renders a header or cookie parameter (style simple), or
// JSON when the parameter declares content.
func headerValue(p *contract.Param, v any) string {
	if p.ContentType != "" {
		b, _ := json.Marshal(v)
		return string(b)
	}
	items, object := sample.Items(v)
	return paramstyle.StyleHeader(p.Explode, object, items)
}

// encodeBody renders a body value for its media type; it returns the
// bytes and the Content-Type header to send.
func encodeBody(c *contract.Content, v any) ([]byte, string, error) {
	switch c.Kind {
	case contract.BodyJSON:
		b, err := json.Marshal(v)
		return b, c.MediaType, err
	case contract.BodyForm:
		form := url.Values{}
		if m, ok := v.(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				if arr, ok := m[k].([]any); ok {
					for _, e := range arr {
						form.Add(k, sample.Text(e))
					}
					continue
				}
				form.Add(k, sample.Text(m[k]))
			}
		}
		return []byte(form.Encode()), c.MediaType, nil
	case contract.BodyMultipart:
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		if err := w.SetBoundary("toolkit-validate-boundary"); err != nil {
			return nil, "", err
		}
		if m, ok := v.(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				values := []any{m[k]}
				if arr, ok := m[k].([]any); ok {
					values = arr
				}
				for _, e := range values {
					if err := writePart(w, c, k, e); err != nil {
						return nil, "", err
					}
				}
			}
		}
		if err := w.Close(); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), w.FormDataContentType(), nil
	case contract.BodyText:
		return []byte(sample.Text(v)), c.MediaType, nil
	}
	if s, ok := v.(string); ok {
		return []byte(s), mediaOrOctet(c.MediaType), nil
	}
	return []byte("toolkit"), mediaOrOctet(c.MediaType), nil
}

// writePart writes one multipart field: a file part (with a filename and
// its content type) for binary properties and those whose encoding names
// a non-text type, so upload operations get the file they expect; a
// plain field otherwise.
func writePart(w *multipart.Writer, c *contract.Content, name string, v any) error {
	ctype := c.Encoding[name]
	if !isFilePart(c, name, ctype) {
		return w.WriteField(name, sample.Text(v))
	}
	ctype, _, _ = strings.Cut(ctype, ",") // a list: its first entry is one the contract allows
	if ctype = strings.TrimSpace(ctype); ctype == "" || strings.Contains(ctype, "*") {
		ctype = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, name+".bin"))
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	data := sample.Text(v)
	if data == "" {
		data = "toolkit"
	}
	_, err = io.WriteString(part, data)
	return err
}

// isFilePart reports a multipart property that carries a file.
func isFilePart(c *contract.Content, name, ctype string) bool {
	if ctype != "" && !strings.HasPrefix(ctype, "text/") && ctype != "application/json" {
		return true
	}
	if c.Type == nil {
		return false
	}
	for _, f := range c.Type.Fields {
		if f.Name == name && f.Type != nil {
			t := f.Type
			if t.Kind == contract.KindArray && t.Elem != nil {
				t = t.Elem
			}
			return t.Kind == contract.KindString && (t.Format == "binary" || t.Format == "byte")
		}
	}
	return false
}

// mediaOrOctet turns wildcard media types into one a server can read.
func mediaOrOctet(mt string) string {
	if strings.Contains(mt, "*") {
		return "application/octet-stream"
	}
	return mt
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// formatSeconds renders a duration as seconds with millisecond
// precision, e.g. 1.250.
func formatSeconds(d interface{ Seconds() float64 }) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}
