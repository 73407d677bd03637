package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// CheckIgnoredAuth replays, once per secured operation, a request that
// got a 2xx: without its credentials, then with a wrong one. Both must
// be refused; a 2xx means the contract's security is not enforced.
const CheckIgnoredAuth = "ignored-auth"

// wrongCredential is what the wrong-credential probe sends.
const wrongCredential = "toolkit-wrong-credential"

// credential is where one security scheme's secret travels.
type credential struct {
	in    contract.ParamIn // header, query or cookie
	name  string
	basic bool // http basic: the wrong value must still parse
}

// credentialsOf lists where the credentials of an operation's security
// travel; none when anonymous access is allowed.
func credentialsOf(m *contract.Model, op *contract.Operation) []credential {
	reqs := op.Security
	if reqs == nil {
		reqs = m.Security
	}
	var out []credential
	for _, req := range reqs {
		if len(req) == 0 {
			return nil // anonymous access is one of the alternatives
		}
		for _, item := range req {
			for _, s := range m.SecuritySchemes {
				if s.Name != item.Scheme {
					continue
				}
				switch s.Type {
				case "apiKey":
					out = append(out, credential{in: s.In, name: s.ParamName})
				case "http", "oauth2", "openIdConnect":
					out = append(out, credential{in: contract.InHeader, name: "Authorization", basic: s.Scheme == "basic"})
				}
			}
		}
	}
	return out
}

func (r *runner) ignoredAuth(ctx context.Context, t *target, c *Case, req *http.Request, body []byte) {
	creds := credentialsOf(r.cfg.Model, t.op)
	r.mu.Lock()
	done := r.probed[t.op]
	r.probed[t.op] = true
	r.mu.Unlock()
	if len(creds) == 0 || done {
		return
	}
	res := r.results[t.op]
	r.ran(res, CheckIgnoredAuth)
	for _, wrong := range []bool{false, true} {
		probe := req.Clone(ctx)
		for _, cr := range creds {
			setCredential(probe, cr, wrong)
		}
		probe.Body = io.NopCloser(bytes.NewReader(body))
		resp, _, _, err := r.send(ctx, probe)
		r.count()
		if resp == nil || err != nil || resp.StatusCode >= 300 {
			continue
		}
		what := "without credentials"
		if wrong {
			what = "with a wrong credential"
		}
		r.add(res, c, &Finding{Check: CheckIgnoredAuth, Status: resp.StatusCode, Curl: r.redact.curl(probe, body),
			Message: fmt.Sprintf("a request %s got %d; want 401 or 403", what, resp.StatusCode)})
	}
}

// setCredential removes a credential from a request, or with wrong
// replaces it by one no service can accept.
func setCredential(req *http.Request, cr credential, wrong bool) {
	value := ""
	if wrong {
		value = wrongCredential
		if cr.name == "Authorization" {
			value = "Bearer " + wrongCredential
			if cr.basic {
				value = "Basic dG9vbGtpdDp3cm9uZw==" // toolkit:wrong
			}
		}
	}
	setCredentialValue(req, cr, value)
}

// setCredentialValue puts value where a credential travels, replacing
// what was there; an empty value removes it.
func setCredentialValue(req *http.Request, cr credential, value string) {
	switch cr.in {
	case contract.InHeader:
		req.Header.Del(cr.name)
		if value != "" {
			req.Header.Set(cr.name, value)
		}
	case contract.InQuery:
		u := *req.URL
		q := u.Query()
		q.Del(cr.name)
		if value != "" {
			q.Set(cr.name, value)
		}
		u.RawQuery = q.Encode()
		req.URL = &u
	case contract.InCookie:
		var kept []string
		for _, ck := range req.Cookies() {
			if ck.Name != cr.name {
				kept = append(kept, ck.Name+"="+ck.Value)
			}
		}
		if value != "" {
			kept = append(kept, cr.name+"="+url.QueryEscape(value))
		}
		req.Header.Del("Cookie")
		if len(kept) > 0 {
			req.Header.Set("Cookie", strings.Join(kept, "; "))
		}
	}
}
