package mock

import (
	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/errbody"
)

// ErrorBody is the answer the mock gives on its own for status — a request
// it refuses with 400, 401, 403, 404, 405, 413, 415 … — by errbody's rule,
// which generated servers follow too: the operation's declared response
// for status (exact code, then "4XX", then "default"), its first media
// type, and its example with message-, title- and code-like properties
// filled. content is nil when the response declares no body; resp is nil
// when the operation declares nothing for status (answer an RFC 9457
// application/problem+json body then).
func ErrorBody(op *contract.Operation, status int, message string) (resp *contract.Response, content *contract.Content, body any) {
	a := errbody.For(op, status)
	if a == nil || (status == 400 && a.Status != status) {
		return nil, nil, nil
	}
	return a.Response, a.Content, a.Body(message)
}

// fillError sets the error object v (of schema t) for status and message
// by errbody's rule.
func fillError(t *contract.Type, v any, status int, message string) any {
	return errbody.Apply(v, errbody.Fills(t, v, status), message)
}
