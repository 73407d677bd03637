package mock

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/contractfirst/toolkit/contract"
)

// authorize checks the operation's security requirements (its own, or
// the document's) as Prism does: any credential of the right shape
// satisfies a scheme — a bearer token in Authorization for http bearer,
// oauth2 and openIdConnect, "Basic" with user:password for http basic,
// the named header, query parameter or cookie for apiKey — unless
// Options.AuthTokens lists the only values to accept. mutualTLS cannot
// be seen over plain HTTP and counts as met. It returns 0 when one
// alternative is met, 401 when no credential of the right shape came,
// 403 when one came but is not accepted, with the reason.
func (s *Server) authorize(op *contract.Operation, r *http.Request) (int, string) {
	reqs := op.Security
	if reqs == nil {
		reqs = s.model.Security
	}
	if len(reqs) == 0 {
		return 0, ""
	}
	offered := false
	var want []string
	for _, req := range reqs {
		met := true
		for _, item := range req {
			scheme := s.schemes[item.Scheme]
			cred, present := credential(scheme, r)
			offered = offered || present
			if !present || len(s.opts.AuthTokens) > 0 && scheme.Type != "mutualTLS" && !slices.Contains(s.opts.AuthTokens, cred) {
				met = false
				want = append(want, describeScheme(item.Scheme, scheme))
				break
			}
		}
		if met {
			return 0, ""
		}
	}
	if offered {
		return http.StatusForbidden, "the credentials sent are not accepted"
	}
	return http.StatusUnauthorized, "credentials required: " + strings.Join(want, " or ")
}

// credential finds the credential a scheme asks for in r: the token, the
// API key, or "user:password"; present is false when there is none of
// the right shape.
func credential(sc *contract.SecurityScheme, r *http.Request) (cred string, present bool) {
	if sc == nil {
		return "", false
	}
	switch sc.Type {
	case "mutualTLS":
		return "", true
	case "apiKey":
		var v string
		switch sc.In {
		case contract.InHeader:
			v = r.Header.Get(sc.ParamName)
		case contract.InQuery:
			v = r.URL.Query().Get(sc.ParamName)
		case contract.InCookie:
			if c, err := r.Cookie(sc.ParamName); err == nil {
				v = c.Value
			}
		}
		return v, v != ""
	}
	want := "bearer"
	if sc.Type == "http" && sc.Scheme != "" {
		want = sc.Scheme
	}
	kind, value, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	value = strings.TrimSpace(value)
	if !strings.EqualFold(kind, want) || value == "" {
		return "", false
	}
	if want == "basic" {
		raw, err := base64.StdEncoding.DecodeString(value)
		if err != nil || !strings.Contains(string(raw), ":") {
			return "", false
		}
		return string(raw), true
	}
	return value, true
}

// describeScheme says in a few words what a scheme wants.
func describeScheme(name string, sc *contract.SecurityScheme) string {
	if sc == nil {
		return name + " (not declared)"
	}
	switch sc.Type {
	case "apiKey":
		return name + " (" + string(sc.In) + " " + sc.ParamName + ")"
	case "http":
		if sc.Scheme != "" && sc.Scheme != "bearer" {
			return name + " (Authorization: " + strings.ToUpper(sc.Scheme[:1]) + sc.Scheme[1:] + " …)"
		}
	}
	return name + " (Authorization: Bearer …)"
}

// challenge is the WWW-Authenticate value of a 401 for op: Basic or
// Bearer for the first http, oauth2 or openIdConnect scheme its
// requirements name, "" when they name only API keys (or mutual TLS),
// which have no challenge scheme: claiming Bearer would send clients
// the wrong way (Prism sends none there either).
func (s *Server) challenge(op *contract.Operation) string {
	reqs := op.Security
	if reqs == nil {
		reqs = s.model.Security
	}
	for _, req := range reqs {
		for _, item := range req {
			sc := s.schemes[item.Scheme]
			switch {
			case sc == nil || sc.Type == "apiKey" || sc.Type == "mutualTLS":
			case sc.Type == "http" && sc.Scheme == "basic":
				return `Basic realm="mock"`
			default:
				return `Bearer realm="mock"`
			}
		}
	}
	return ""
}
