// Package route finds the operation of a contract an HTTP request is
// for. The mock and the validating proxy route with it; generated
// servers route with their own code.
package route

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/routers"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/internal/lazyre"
)

// Router matches requests to operations.
type Router struct {
	routes []*Route
}

// Route is one operation with its path matcher and kin-openapi route.
type Route struct {
	Op  *contract.Operation
	Kin *routers.Route

	re      *regexp.Regexp
	names   []string
	literal int // literal characters, for trying the most specific route first
	// header and value come from an AWS-style path key
	// "/#X-Amz-Target=Op": the route matches only requests carrying it.
	header, value string
}

// New builds a Router for a loaded contract.
func New(doc *contract.Document, m *contract.Model) (*Router, error) {
	rt := &Router{}
	for _, op := range m.Operations {
		item := doc.T.Paths.Value(op.Path)
		if item == nil || item.GetOperation(op.Method) == nil {
			return nil, fmt.Errorf("route: %s %s not found in the contract", op.Method, op.Path)
		}
		path, frag, _ := strings.Cut(op.Path, "#")
		re, names, lit := compilePath(path)
		header, value, _ := strings.Cut(frag, "=")
		rt.routes = append(rt.routes, &Route{
			Op: op, re: re, names: names, literal: lit + len(frag), header: header, value: value,
			Kin: &routers.Route{Spec: doc.T, Path: op.Path, PathItem: item, Method: op.Method, Operation: item.GetOperation(op.Method)},
		})
	}
	sort.SliceStable(rt.routes, func(i, j int) bool { return rt.routes[i].literal > rt.routes[j].literal })
	return rt, nil
}

var param = lazyre.New(`\{([^}/]+)\}`)

// compilePath turns "/pets/{petId}" into a regexp capturing each
// parameter as one path segment, or part of one ("/files/{name}.json").
// Segments may be empty, so an empty parameter reaches validation
// instead of looking like an unknown path.
func compilePath(path string) (*regexp.Regexp, []string, int) {
	var names []string
	var b strings.Builder
	b.WriteString("^")
	last, lit := 0, 0
	for _, m := range param().FindAllStringSubmatchIndex(path, -1) {
		b.WriteString(regexp.QuoteMeta(path[last:m[0]]))
		lit += m[0] - last
		b.WriteString("([^/]*)")
		names = append(names, path[m[2]:m[3]])
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(path[last:]))
	lit += len(path) - last
	b.WriteString("$")
	return regexp.MustCompile(b.String()), names, lit
}

// Match finds the route of a request and its path parameters (still
// escaped, as kin-openapi expects). When no route matches, pathFound
// tells whether the path exists with another method (405 rather than
// 404).
func (rt *Router) Match(r *http.Request) (route *Route, params map[string]string, pathFound bool) {
	return rt.MatchPath(r, r.URL.EscapedPath())
}

// MatchPath is Match for an escaped path other than the request's own:
// the mock strips a server's path prefix ("/v2", Swagger 2.0's basePath)
// before routing.
func (rt *Router) MatchPath(r *http.Request, path string) (route *Route, params map[string]string, pathFound bool) {
	for _, c := range rt.routes {
		m := c.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		if c.header != "" && r.Header.Get(c.header) != c.value {
			continue
		}
		pathFound = true
		if c.Op.Method != r.Method {
			continue
		}
		params = map[string]string{}
		for i, n := range c.names {
			params[n] = m[i+1]
		}
		return c, params, true
	}
	return nil, nil, pathFound
}

// Last returns the name of the route's last path parameter, "" when it
// has none.
func (c *Route) Last() string {
	if len(c.names) == 0 {
		return ""
	}
	return c.names[len(c.names)-1]
}
