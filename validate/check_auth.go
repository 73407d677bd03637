package validate

import (
	"fmt"
	"net/http"
)

// CheckAuth fails when the service refused the credentials: every valid
// request of an operation got 401/403, or the run's answers turned to
// 401/403 after one request (one that changed a password or revoked a
// token), which is then named so it can be excluded.
const CheckAuth = "auth"

// revocation finds the request after which every answer was 401/403.
// It needs an operation that had a 2xx before and a refusal after, so a
// service that refuses some operations from the start (deletes for a
// non-admin) is not mistaken for one that revoked the credentials.
// When no such operation was asked again after the turn (its requests all
// came before it), probe sends the last safe request that had succeeded
// once more: refused now, the credentials were revoked. It returns the
// culprit and the hint, or nil.
func revocation(log []loggedAnswer, probe func(*http.Request) int) (*OperationResult, string) {
	const minAfter = 3 // refusals after the turn before it counts
	k := len(log) - 1
	for k >= 0 && isRefusal(log[k].status) {
		k--
	}
	if k < 0 || len(log)-1-k < minAfter {
		return nil, ""
	}
	succeeded := map[*OperationResult]bool{}
	for _, a := range log[:k+1] {
		if a.status < 300 {
			succeeded[a.res] = true
		}
	}
	// The culprit changed state: the last 2xx to an unsafe method among
	// the answers just before the turn (requests in flight overlap),
	// else the last answer before it.
	culprit := log[k].res
	for i := k; i >= 0 && i > k-8; i-- {
		if log[i].status < 300 && !safeMethod(log[i].res.Method) {
			culprit = log[i].res
			break
		}
	}
	if safeMethod(culprit.Method) {
		return nil, "" // nothing before the turn changed any state
	}
	// It counts when another operation that had succeeded was refused
	// after it: a logout at the end of the run, refused only its own
	// later requests, locked nothing else out.
	turned := false
	statuses := map[int]int{}
	for _, a := range log[k+1:] {
		turned = turned || succeeded[a.res] && a.res != culprit
		statuses[a.status]++
	}
	// An operation refused after the turn that never succeeded may have
	// been locked out by it or refused from the start: only then does a
	// probe tell. When every refused operation had succeeded before, the
	// turn (a logout at the end) cost the run nothing.
	lockedOut := false
	for _, a := range log[k+1:] {
		lockedOut = lockedOut || !succeeded[a.res] && a.res != culprit
	}
	if !turned && lockedOut && probe != nil {
		for i := k; i >= 0; i-- {
			if a := log[i]; a.req != nil && a.res != culprit {
				turned = isRefusal(probe(a.req))
				break
			}
		}
	}
	if !turned {
		return nil, ""
	}
	status := "401"
	if statuses[403] > statuses[401] {
		status = "403"
	}
	return culprit, fmt.Sprintf("after %s %s every answer was %s; exclude it with --exclude-operation %s", culprit.Method, culprit.Path, status, culprit.ID)
}

// safeMethod reports the methods that change nothing.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
