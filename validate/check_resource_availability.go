package validate

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/contractfirst/toolkit/contract/sample"
)

// CheckResourceAvailability reads a resource right after the 2xx POST
// that created it: the GET declared on "/collection/{param}" with the id
// from the answer must not get 404. A service that loses what it just
// created breaks every client that follows a create with a read.
const CheckResourceAvailability = "ensure-resource-availability"

func (r *runner) resourceAvailability(ctx context.Context, t *target, c *Case, post *http.Request, a *answer) {
	value, err := a.json()
	if err != nil {
		return
	}
	id, ok := idIn(value)
	if !ok {
		return
	}
	if _, isObj := value.(map[string]any); !isObj {
		return
	}
	get := r.itemGet(t.op.Path)
	if get == nil {
		return
	}
	res := r.results[t.op]
	r.ran(res, CheckResourceAvailability)
	u := *post.URL
	u.RawQuery = ""
	text := sample.Text(id)
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + text
	u.RawPath = strings.TrimSuffix(u.EscapedPath(), "/") + "/" + url.PathEscape(text)
	status, curl, ok := r.read(ctx, post, u.String())
	if ok && (status == http.StatusNotFound || status == http.StatusGone) {
		r.add(res, c, &Finding{Check: CheckResourceAvailability, Status: status, Curl: curl,
			Message: fmt.Sprintf("created %s, then GET %s got %d; want the resource", text, get.op.Path, status)})
	}
}

// itemGet finds the GET of one item of a collection path: "/pets" →
// GET "/pets/{petId}".
func (r *runner) itemGet(collection string) *target {
	for path, t := range r.getOf {
		rest, ok := strings.CutPrefix(path, collection+"/{")
		if ok && strings.HasSuffix(rest, "}") && !strings.ContainsAny(rest[:len(rest)-1], "/{}") {
			return t
		}
	}
	return nil
}
