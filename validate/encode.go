package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"slices"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/contract/xmlmap"
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
	if c.XML {
		// Written as the generated client writes it (and the mock answers).
		if b, err := xmlmap.Encode(c.Type, v); err == nil {
			return b, c.MediaType, nil
		}
	}
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
				if err := writePart(w, c, k, m[k]); err != nil {
					return nil, "", err
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
		return []byte(s), concreteMedia(c.MediaType, "application/octet-stream"), nil
	}
	return []byte("toolkit"), concreteMedia(c.MediaType, "application/octet-stream"), nil
}

// writePart writes property name of a multipart body holding v as the
// generated server reads it (contract.PartKindOf): a file part per file,
// a text part per scalar or array item, one JSON part for anything else;
// each with a media type the encoding object allows and the encoding
// object's headers. A request the generated server refuses for its own
// shape would blame the service for validate's fault.
func writePart(w *multipart.Writer, c *contract.Content, name string, v any) error {
	t := partType(c, name, v)
	kind := contract.PartKindOf(t)
	header, err := partHeaders(c, name)
	if err != nil {
		return err
	}
	values := []any{v}
	if arr, ok := v.([]any); ok && (kind == contract.PartFiles || kind == contract.PartTexts) {
		values = arr
	}
	for _, e := range values {
		h := maps.Clone(header)
		disposition := fmt.Sprintf(`form-data; name=%q`, name)
		var data []byte
		switch kind {
		case contract.PartFile, contract.PartFiles:
			disposition += fmt.Sprintf(`; filename=%q`, name+".bin")
			h.Set("Content-Type", partMedia(c, name, t, "application/octet-stream"))
			if data = []byte(sample.Text(e)); len(data) == 0 {
				data = []byte("toolkit")
			}
		case contract.PartJSON:
			h.Set("Content-Type", partMedia(c, name, t, "application/json"))
			if data, err = json.Marshal(e); err != nil {
				return err
			}
		default:
			if ct := partMedia(c, name, t, ""); ct != "" {
				h.Set("Content-Type", ct)
			}
			data = []byte(sample.Text(e))
		}
		h.Set("Content-Disposition", disposition)
		part, err := w.CreatePart(h)
		if err != nil {
			return err
		}
		if _, err := part.Write(data); err != nil {
			return err
		}
	}
	return nil
}

// partType is the type of property name of a multipart body; without a
// declared one, a type that makes v travel as before: strings and arrays
// of them as text, objects as JSON.
func partType(c *contract.Content, name string, v any) *contract.Type {
	if c.Type != nil {
		for _, f := range c.Type.Fields {
			if f.Name == name && f.Type != nil {
				return f.Type
			}
		}
	}
	str := &contract.Type{Kind: contract.KindString}
	switch v.(type) {
	case []any:
		return &contract.Type{Kind: contract.KindArray, Elem: str}
	case map[string]any:
		return &contract.Type{Kind: contract.KindAny}
	}
	return str
}

// partHeaders are the encoding object's headers of property name, each
// with its example value written as a header parameter is (style simple).
func partHeaders(c *contract.Content, name string) (textproto.MIMEHeader, error) {
	h := textproto.MIMEHeader{}
	for _, ph := range c.PartHeaders[name] {
		value := "value"
		if ph.Type != nil {
			items, object := sample.Items(sample.Example(ph.Type, sample.Request))
			value = paramstyle.StyleHeader(ph.Explode, object, items)
		}
		if strings.ContainsAny(value, "\r\n") {
			return nil, fmt.Errorf("part %q: header %s: the sample value %q has a line break", name, ph.Name, value)
		}
		h.Set(ph.Name, value)
	}
	return h, nil
}

// partMedia is the media type a part of property name (of type t) is sent
// with: one the encoding object's contentType allows, else one of a
// file's contentMediaType, else fallback.
func partMedia(c *contract.Content, name string, t *contract.Type, fallback string) string {
	if t != nil && t.Kind == contract.KindArray && t.Elem != nil {
		t = t.Elem
	}
	list := c.Encoding[name]
	if list == "" && contract.IsFile(t) && t.Keywords != nil {
		list = t.Keywords.ContentMediaType
	}
	if list == "" {
		return fallback
	}
	return concreteMedia(list, fallback)
}

// concreteMedia is a media type a list of allowed ones ("image/png,
// image/*") accepts: its first entry without a wildcard, else one made
// from its first entry ("image/*" gives image/png; "*/*" fallback, or
// application/octet-stream).
func concreteMedia(list, fallback string) string {
	entries := strings.Split(list, ",")
	for _, e := range entries {
		if e = strings.TrimSpace(e); e != "" && !strings.Contains(e, "*") {
			return e
		}
	}
	typ, _, _ := strings.Cut(strings.TrimSpace(entries[0]), "/")
	switch typ {
	case "*", "":
		if fallback != "" {
			return fallback
		}
		return "application/octet-stream"
	case "image":
		return "image/png"
	case "text":
		return "text/plain"
	}
	return typ + "/octet-stream"
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
