package validate

import (
	"context"
	"fmt"
	"net/http"
)

// CheckUseAfterFree reads a resource right after a 2xx DELETE of it:
// the GET declared on the same path must no longer answer 2xx (404 or
// 410 are expected; a 401 after deleting a session is fine too). A
// service that still serves it deleted nothing, whatever it said.
const CheckUseAfterFree = "use-after-free"

func (r *runner) useAfterFree(ctx context.Context, t *target, c *Case, del *http.Request) {
	get := r.getOf[t.op.Path]
	if get == nil {
		return
	}
	res := r.results[t.op]
	r.ran(res, CheckUseAfterFree)
	status, curl, ok := r.read(ctx, del, del.URL.String())
	if ok && status >= 200 && status < 300 {
		r.add(res, c, &Finding{Check: CheckUseAfterFree, Status: status, Curl: curl,
			Message: fmt.Sprintf("after a 2xx DELETE, GET %s got %d: the resource is still served; want 404 or 410", t.op.Path, status)})
	}
}

// read GETs a URL with the headers of an earlier request (credentials
// included) and returns the status and the curl line; ok is false when
// no answer came.
func (r *runner) read(ctx context.Context, like *http.Request, u string) (int, string, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, http.NoBody)
	if err != nil {
		return 0, "", false
	}
	for k, vs := range like.Header {
		if k != "Content-Type" {
			req.Header[k] = vs
		}
	}
	resp, _, _, err := r.send(ctx, req)
	r.count()
	if resp == nil || err != nil {
		return 0, "", false
	}
	return resp.StatusCode, r.redact.curl(req, nil), true
}

// afterSuccess runs the checks that follow a valid request's 2xx.
func (r *runner) afterSuccess(ctx context.Context, t *target, c *Case, req *http.Request, body []byte, a *answer) {
	switch t.op.Method {
	case http.MethodDelete:
		r.useAfterFree(ctx, t, c, req)
	case http.MethodPost:
		r.resourceAvailability(ctx, t, c, req, a)
	}
	r.ignoredAuth(ctx, t, c, req, body)
}
