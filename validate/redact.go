package validate

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/contractfirst/toolkit/internal/har"
)

// redacted replaces every secret in reports.
const redacted = "<redacted>"

// redactor keeps secrets out of every report: the values of headers,
// query parameters and cookies with secret names (every --header, the
// contract's security scheme credentials, the usual credential headers,
// --redact names), userinfo in URLs, and any secret value quoted
// elsewhere (a service echoing a token in an error message).
type redactor struct {
	names  map[string]bool // lower-case header, query and cookie names
	values []string
}

func newRedactor(cfg Config, base *url.URL) *redactor {
	rd := &redactor{names: map[string]bool{}}
	for name, vs := range cfg.Headers {
		rd.names[strings.ToLower(name)] = true
		rd.values = append(rd.values, vs...)
	}
	for _, v := range cfg.Auth {
		rd.values = append(rd.values, v)
		if _, pass, ok := strings.Cut(v, ":"); ok {
			// Usernames stay readable; passwords and secrets do not.
			rd.values = append(rd.values, pass, base64.StdEncoding.EncodeToString([]byte(v)))
		}
	}
	for _, n := range cfg.Redact {
		rd.names[strings.ToLower(n)] = true
	}
	if cfg.Model != nil {
		for _, s := range cfg.Model.SecuritySchemes {
			if s.ParamName != "" {
				rd.names[strings.ToLower(s.ParamName)] = true
			}
		}
	}
	if base != nil && base.User != nil {
		if p, ok := base.User.Password(); ok {
			rd.values = append(rd.values, p)
		}
	}
	for _, v := range rd.values {
		// "Bearer abc…": the token alone may be quoted too.
		if _, tok, ok := strings.Cut(v, " "); ok {
			rd.values = append(rd.values, tok)
		}
	}
	return rd
}

// secret reports a header, query or cookie name whose value is hidden:
// one the run was told of, or one whose name says it holds a credential by
// the rule the recording proxy and infer use (har.Redactor: "token",
// "apikey", "password", x-…-key …), so every report of toolkit agrees on
// what a credential is.
func (rd *redactor) secret(name string) bool {
	return rd.names[strings.ToLower(name)] || credentialNames.IsSecret(name)
}

// credentialNames is the shared rule for names that hold credentials.
var credentialNames har.Redactor

// url renders a URL with its userinfo and secret query values hidden.
func (rd *redactor) url(u *url.URL) string {
	cp := *u
	userinfo := cp.User != nil
	cp.User = nil
	if cp.RawQuery != "" {
		q := cp.Query()
		for k := range q {
			if rd.secret(k) {
				q[k] = []string{redacted}
			}
		}
		cp.RawQuery = q.Encode()
	}
	s := cp.String()
	if userinfo {
		s = strings.Replace(s, "://", "://"+redacted+"@", 1)
	}
	return rd.text(s)
}

// text hides every secret value quoted in s.
func (rd *redactor) text(s string) string {
	for _, v := range rd.values {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, redacted)
		}
	}
	return s
}

// curl renders a request as a curl command with every secret hidden.
func (rd *redactor) curl(req *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString("curl -sS -X " + req.Method + " " + shellQuote(rd.url(req.URL)))
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range req.Header[k] {
			switch {
			case strings.EqualFold(k, "Cookie"):
				v = rd.cookies(v)
			case rd.secret(k):
				v = redacted
			}
			b.WriteString(" -H " + shellQuote(k+": "+v))
		}
	}
	if len(body) > 0 {
		b.WriteString(" --data-raw " + shellQuote(string(body)))
	}
	return rd.text(b.String())
}

// cookies hides the values of secret cookies in a Cookie header.
func (rd *redactor) cookies(header string) string {
	parts := strings.Split(header, ";")
	for i, p := range parts {
		name, _, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || rd.secret(name) {
			parts[i] = " " + name + "=" + redacted
		}
	}
	return strings.TrimSpace(strings.Join(parts, ";"))
}
