package har

import (
	"encoding/json"
	"net/url"
	"strings"
)

// Redacted replaces a credential's value.
const Redacted = "REDACTED"

// Redactor decides which headers, query parameters, cookies and JSON
// properties hold credentials and replaces their values. The zero value
// redacts the built-in names; Extra adds names (case-insensitive), as
// given with --redact.
type Redactor struct {
	Extra []string
}

// secretHeaders are always redacted, whatever their value.
var secretHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true,
}

// secretWords mark a header, query parameter or JSON property as holding a
// credential when its name, lowercased without '-' and '_', contains one.
var secretWords = []string{"apikey", "token", "secret", "password", "passwd", "credential", "signature", "session", "privatekey", "accesskey"}

// secretNames are credential names too short to match by substring.
var secretNames = map[string]bool{"key": true, "sig": true, "auth": true, "pass": true, "pwd": true}

// separators are dropped from names before matching secretWords.
var separators = strings.NewReplacer("-", "", "_", "", ".", "")

// IsSecret reports whether a header, query parameter, cookie or
// property called name holds a credential.
func (r *Redactor) IsSecret(name string) bool {
	l := strings.ToLower(name)
	if secretHeaders[l] {
		return true
	}
	for _, x := range r.extra() {
		if strings.EqualFold(x, name) {
			return true
		}
	}
	n := separators.Replace(l)
	if secretNames[n] {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	// x-api-key, x-auth-key, x-key …
	return strings.HasSuffix(n, "key") && strings.HasPrefix(l, "x-")
}

func (r *Redactor) extra() []string {
	if r == nil {
		return nil
	}
	return r.Extra
}

// HeaderValue returns the value to write for header name. Authorization
// keeps its scheme ("Bearer REDACTED") so that infer can tell bearer from
// basic; cookies keep their names.
func (r *Redactor) HeaderValue(name, value string) string {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization":
		if scheme, _, ok := strings.Cut(value, " "); ok {
			return scheme + " " + Redacted
		}
		return Redacted
	case "cookie":
		return redactPairs(value, "; ")
	case "set-cookie":
		first, rest, _ := strings.Cut(value, ";")
		n, _, _ := strings.Cut(first, "=")
		if rest != "" {
			rest = ";" + rest
		}
		return strings.TrimSpace(n) + "=" + Redacted + rest
	}
	if r.IsSecret(name) {
		return Redacted
	}
	return value
}

// redactPairs replaces every value of "a=1; b=2".
func redactPairs(s, sep string) string {
	parts := strings.Split(s, strings.TrimSpace(sep))
	for i, p := range parts {
		n, _, _ := strings.Cut(strings.TrimSpace(p), "=")
		parts[i] = n + "=" + Redacted
	}
	return strings.Join(parts, sep)
}

// URL returns raw with its userinfo password and the values of secret
// query parameters replaced. A URL that does not parse is returned with
// its whole query replaced.
func (r *Redactor) URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if i := strings.IndexByte(raw, '?'); i >= 0 {
			return raw[:i] + "?" + Redacted
		}
		return raw
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), Redacted)
		}
	}
	u.RawQuery = r.Query(u.RawQuery)
	return u.String()
}

// Query redacts the values of secret parameters in a raw query string,
// keeping the order and encoding of the others.
func (r *Redactor) Query(raw string) string {
	if raw == "" {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if r.IsSecret(name) {
			parts[i] = k + "=" + Redacted
		}
	}
	return strings.Join(parts, "&")
}

// JSON redacts the values of secret properties at any depth of a JSON
// text; other text is returned unchanged. Depth is bounded.
func (r *Redactor) JSON(text string) string {
	var v any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return text
	}
	if !r.Value(v) {
		return text
	}
	b, err := json.Marshal(v)
	if err != nil {
		return text
	}
	return string(b)
}

// maxDepth bounds every walk over a JSON value.
const maxDepth = 64

// Value redacts, in place, the string values of secret properties at any
// depth of a decoded JSON value (maps and slices); it reports whether it
// changed anything.
func (r *Redactor) Value(v any) bool { return r.redactValue(v, 0) }

func (r *Redactor) redactValue(v any, depth int) (changed bool) {
	if depth > maxDepth {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if _, isString := e.(string); isString && r.IsSecret(k) {
				x[k] = Redacted
				changed = true
				continue
			}
			changed = r.redactValue(e, depth+1) || changed
		}
	case []any:
		for _, e := range x {
			changed = r.redactValue(e, depth+1) || changed
		}
	}
	return changed
}

// Entry redacts e in place: headers, cookies, query parameters, the URL,
// and secret properties of JSON bodies.
func (r *Redactor) Entry(e *Entry) {
	e.Request.URL = r.URL(e.Request.URL)
	r.headers(e.Request.Headers)
	r.headers(e.Response.Headers)
	redactAll(e.Request.Cookies)
	redactAll(e.Response.Cookies)
	for i, q := range e.Request.QueryString {
		if r.IsSecret(q.Name) {
			e.Request.QueryString[i].Value = Redacted
		}
	}
	if p := e.Request.PostData; p != nil {
		if isJSON(p.MimeType) {
			p.Text = r.JSON(p.Text)
		} else if strings.HasPrefix(p.MimeType, "application/x-www-form-urlencoded") {
			p.Text = r.Query(p.Text)
		}
	}
	if c := &e.Response.Content; c.Encoding == "" && isJSON(c.MimeType) {
		c.Text = r.JSON(c.Text)
	}
	if loc := Header(e.Response.Headers, "Location"); loc != "" {
		e.Response.RedirectURL = r.URL(loc)
	}
}

func (r *Redactor) headers(h []NameValue) {
	for i, nv := range h {
		h[i].Value = r.HeaderValue(nv.Name, nv.Value)
		if strings.EqualFold(nv.Name, "Location") || strings.EqualFold(nv.Name, "Referer") {
			h[i].Value = r.URL(nv.Value)
		}
	}
}

func redactAll(c []NameValue) {
	for i := range c {
		c[i].Value = Redacted
	}
}

// isJSON reports whether a media type is JSON (application/json,
// application/problem+json …).
func isJSON(mime string) bool {
	m, _, _ := strings.Cut(mime, ";")
	m = strings.ToLower(strings.TrimSpace(m))
	return m == "application/json" || strings.HasSuffix(m, "+json")
}
