package docs

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	paramstyle "github.com/contractfirst/toolkit/generator/golang/runtime"
)

// direction says whether a body is sent or received (readOnly properties
// are left out of request examples, writeOnly out of response examples).
type direction = sample.Direction

const (
	requestDir  = sample.Request
	responseDir = sample.Response
)

// maxExample bounds the text of one example: a contract may carry
// megabyte-sized examples, and a page that shows them all stops being
// readable long before it stops loading.
const maxExample = 24 << 10

// examplesOf returns the example shown for a media type (the contract's
// own, or one made from the schema by package sample) and, when the
// contract names several, all of them.
func examplesOf(c *contract.Content, dir direction) (exampleView, []exampleView) {
	var named []exampleView
	if len(c.Examples) > 1 || (len(c.Examples) == 1 && c.HasExample) {
		for _, e := range c.Examples {
			named = append(named, exampleText(c, e.Value, e.Name, e.Summary, false))
		}
	}
	switch {
	case c.HasExample:
		return exampleText(c, c.Example, "", "", false), named
	case len(c.Examples) > 0:
		e := c.Examples[0]
		return exampleText(c, e.Value, e.Name, e.Summary, false), named
	case c.Type == nil:
		return exampleView{}, nil
	}
	generated := !c.Type.HasExample
	return exampleText(c, sample.Example(c.Type, dir), "", "", generated), nil
}

// exampleText prints an example value as its media type would carry it.
func exampleText(c *contract.Content, v any, name, summary string, generated bool) exampleView {
	ev := exampleView{Name: name, Summary: summary, Generated: generated, Lang: "json"}
	switch c.Kind {
	case contract.BodyForm:
		if m, ok := v.(map[string]any); ok {
			ev.Text, ev.Lang = formText(m), "text"
			return ev
		}
	case contract.BodyText, contract.BodyBinary:
		if s, ok := v.(string); ok {
			ev.Text, ev.Lang = s, "text"
			if c.Kind == contract.BodyBinary && c.Type != nil && c.Type.Format == "binary" && generated {
				ev.Text = "<binary data>"
			}
			return ev
		}
	}
	s, err := marshalJSON(v, "  ")
	if err != nil {
		s = fmt.Sprint(v)
	}
	ev.Text = s
	if len(ev.Text) > maxExample {
		cut := maxExample
		for cut > 0 && ev.Text[cut]&0xC0 == 0x80 {
			cut-- // keep UTF-8 whole
		}
		ev.Text = ev.Text[:cut] + "\n… (cut: the example is longer than 24 KiB)"
	}
	return ev
}

// maxCurlBody is the longest body written into a curl command.
const maxCurlBody = 400

// formText encodes a flat object as application/x-www-form-urlencoded.
func formText(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := url.Values{}
	for _, k := range keys {
		switch x := m[k].(type) {
		case []any:
			for _, e := range x {
				vals.Add(k, scalarText(e))
			}
		default:
			vals.Add(k, scalarText(x))
		}
	}
	return vals.Encode()
}

// scalarText prints a JSON value as a parameter value: strings bare,
// numbers without exponent, composites as JSON.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return num(x)
	case bool:
		return fmt.Sprint(x)
	case nil:
		return ""
	}
	s, _ := marshalJSON(v, "")
	return s
}

// curl builds a command line that calls the operation on the first
// server, with example values for path parameters and required query and
// header parameters, the first security alternative's credentials as
// shell variables, and the first request body media type's example.
func curl(o *contract.Operation, server string, sec []securityView, schemes map[string]*contract.SecurityScheme) string {
	path := o.Path
	query := url.Values{}
	var qkeys []string
	var headers []string
	var cookies []string
	for _, p := range o.Params {
		// Values are written by the parameter's style, by the serializer
		// generated clients and validate use; a parameter with content
		// is JSON.
		v := sample.ParamExample(p)
		items, object := sample.Items(v)
		if p.ContentType != "" {
			items, object = []string{scalarText(v)}, false
		}
		for i := range items {
			items[i] = lit(items[i])
		}
		switch p.In {
		case contract.InPath:
			// Without a value from the contract the {name} template stays:
			// a reader sees what to fill in, where "string" would mislead.
			if hasValue(p) {
				path = strings.ReplaceAll(path, "{"+p.Name+"}", paramstyle.StylePath(lit(p.Name), p.Style, p.Explode, object, items))
			}
		case contract.InQuery:
			if p.Required {
				pv := url.Values{}
				if p.ContentType != "" {
					pv.Add(lit(p.Name), items[0])
				} else {
					paramstyle.StyleQuery(pv, lit(p.Name), p.Style, p.Explode, object, items)
				}
				for _, k := range slices.Sorted(maps.Keys(pv)) {
					query[k] = append(query[k], pv[k]...)
					qkeys = append(qkeys, k)
				}
			}
		case contract.InHeader:
			if p.Required {
				headers = append(headers, lit(p.Name)+": "+paramstyle.StyleHeader(p.Explode, object, items))
			}
		case contract.InCookie:
			if p.Required {
				cookies = append(cookies, lit(p.Name)+"="+paramstyle.StyleHeader(p.Explode, object, items))
			}
		}
	}
	var auth []string
	if len(sec) > 0 {
		for _, it := range sec[0].Items {
			s := schemes[it.Scheme]
			if s == nil {
				continue
			}
			v := shVar(envName(it.Scheme))
			switch {
			case s.Type == "http" && s.Scheme == "basic":
				auth = append(auth, "--user "+shellWord(shVar("USERNAME")+":"+shVar("PASSWORD")))
			case s.Type == "http" || s.Type == "oauth2" || s.Type == "openIdConnect":
				scheme := "Bearer"
				if s.Type == "http" && s.Scheme != "" && s.Scheme != "bearer" {
					scheme = s.Scheme
				}
				auth = append(auth, "--header "+shellWord("Authorization: "+lit(scheme)+" "+v))
			case s.Type == "apiKey" && s.In == contract.InHeader:
				auth = append(auth, "--header "+shellWord(lit(s.ParamName)+": "+v))
			case s.Type == "apiKey" && s.In == contract.InQuery:
				query.Add(lit(s.ParamName), v)
				qkeys = append(qkeys, lit(s.ParamName))
			case s.Type == "apiKey" && s.In == contract.InCookie:
				cookies = append(cookies, lit(s.ParamName)+"="+v)
			}
		}
	}
	u := lit(server + path)
	if len(qkeys) > 0 {
		var parts []string
		seen := map[string]bool{}
		for _, k := range qkeys {
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, val := range query[k] {
				if strings.HasPrefix(val, "\x00") {
					parts = append(parts, url.QueryEscape(k)+"="+val)
				} else {
					parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(val))
				}
			}
		}
		u += "?" + strings.Join(parts, "&")
	}
	lines := []string{"curl --request " + o.Method + " " + shellWord(u)}
	lines = append(lines, auth...)
	for _, h := range headers {
		lines = append(lines, "--header "+shellWord(h))
	}
	if len(cookies) > 0 {
		lines = append(lines, "--cookie "+shellWord(strings.Join(cookies, "; ")))
	}
	if o.Body != nil && len(o.Body.Contents) > 0 {
		c := o.Body.Contents[0]
		lines = append(lines, "--header "+shellWord(lit("Content-Type: "+c.MediaType)))
		ex, _ := examplesOf(c, requestDir)
		switch c.Kind {
		case contract.BodyMultipart:
			if m, ok := sample.ContentExample(c, requestDir).(map[string]any); ok {
				lines[len(lines)-1] = "" // curl sets the multipart boundary itself
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				files := map[string]bool{}
				if c.Type != nil {
					for _, f := range c.Type.Fields {
						// Only plain names: curl reads "=", ";" and "@" in --form.
						if f.Type != nil && f.Type.Kind == contract.KindString && f.Type.Format == "binary" && sanitize(f.Name) == f.Name {
							files[f.Name] = true
						}
					}
				}
				for _, k := range keys {
					if files[k] {
						// A file part: curl reads it from a file of that name.
						lines = append(lines, "--form "+shellWord(lit(k+"=@"+k)))
						continue
					}
					// --form-string: a value starting with @ or < is not a file.
					lines = append(lines, "--form-string "+shellWord(lit(k+"="+scalarText(m[k]))))
				}
			}
		case contract.BodyBinary:
			lines = append(lines, "--data-binary @file")
		default:
			// A short JSON body goes on the command line, on one line; a
			// long one (shown beside as the request example) is read from
			// a file rather than repeated.
			body := ex.Text
			if ex.Lang == "json" {
				if v := sample.ContentExample(c, requestDir); v != nil {
					if compact, err := marshalJSON(v, ""); err == nil {
						body = compact
					}
				}
			}
			switch {
			case body == "":
			case len(body) > maxCurlBody:
				lines = append(lines, "--data-binary @request-body")
			default:
				lines = append(lines, "--data-raw "+shellWord(lit(body)))
			}
		}
	}
	var kept []string
	for _, l := range lines {
		if l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, " \\\n  ")
}

// hasValue reports whether the contract gives a parameter a value to show:
// an example, a default, a const or enum members.
func hasValue(p *contract.Param) bool {
	t := p.Type
	return p.HasExample || t != nil && (t.HasExample || t.HasDefault || t.HasConst || len(t.Enum) > 0)
}

// Shell variables in a curl line are marked as "\x00NAME\x00" while the
// line is built; contract text has its NUL bytes removed (lit), so only
// our own markers expand.
func shVar(name string) string { return "\x00" + name + "\x00" }

// lit makes contract text safe to mix with shVar markers.
func lit(s string) string { return strings.ReplaceAll(s, "\x00", "") }

// shellWord quotes s for a POSIX shell: everything in single quotes, so
// nothing in it is interpreted, except the shVar markers, which become
// "$NAME" in double quotes.
func shellWord(s string) string {
	var b strings.Builder
	for i, part := range strings.Split(s, "\x00") {
		switch {
		case i%2 == 1:
			b.WriteString(`"$` + part + `"`)
		case part != "" || i == 0 && !strings.Contains(s, "\x00"):
			b.WriteString("'" + strings.ReplaceAll(part, "'", `'\''`) + "'")
		}
	}
	return b.String()
}

// envName turns a security scheme name into a shell variable name:
// "bearerAuth" → "BEARER_AUTH".
func envName(s string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			if prevLower {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			prevLower = false
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
			prevLower = true
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			prevLower = true
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			prevLower = false
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "TOKEN_" + out
	}
	return out
}
