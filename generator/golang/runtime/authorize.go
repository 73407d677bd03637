// The generated server's check of an operation's security requirements.
// The SecurityHandler and the table of the contract's schemes
// (securitySchemes) are written by the generator; NewServer sets the
// server's gate to authorize when the contract has schemes.

package runtime

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// securityScheme is how the server checks one scheme of the contract.
type securityScheme struct {
	// check reads the scheme's credential from r and has the SecurityHandler judge
	// it; errNoCredential when r carries none.
	check func(*server, context.Context, *http.Request, *OperationInfo, []string) (context.Context, error)
	// challenge is the WWW-Authenticate challenge of an http scheme, empty for others.
	challenge string
}

// authorize checks op's security requirements: the alternatives in order, every
// scheme of one alternative in order, each getting the context the previous
// returned. It returns the context of the first alternative that admits r, or a
// *SecurityError, after setting WWW-Authenticate for a 401.
func (s *server) authorize(w http.ResponseWriter, r *http.Request, op *OperationInfo) (context.Context, error) {
	var first error
	forbidden := false
	var refused map[string]bool
	for _, alt := range op.Security {
		ctx, ok := r.Context(), true
		for _, it := range alt {
			sc, defined := securitySchemes[it.Scheme]
			if !defined {
				// A scheme the contract names but never defines: no
				// credential can meet it (the generator warned).
				ok = false
				break
			}
			next, err := sc.check(s, ctx, r, op, it.Scopes)
			if err != nil {
				if err != errNoCredential {
					if first == nil {
						first = err
					}
					forbidden = forbidden || errors.Is(err, ErrForbidden)
					if refused == nil {
						refused = map[string]bool{}
					}
					refused[it.Scheme] = true
				}
				ok = false
				break
			}
			if next != nil {
				ctx = next
			}
		}
		if ok {
			return ctx, nil
		}
	}
	if forbidden {
		return nil, &SecurityError{Status: http.StatusForbidden, Operation: op.ID, Err: first}
	}
	// One challenge per http scheme the operation accepts (RFC 9110 section 11.6.1);
	// a bearer token that was refused is said to be invalid (RFC 6750 section 3).
	seen := map[string]bool{}
	for _, alt := range op.Security {
		for _, it := range alt {
			c := securitySchemes[it.Scheme].challenge
			if strings.HasPrefix(c, "Bearer ") && refused[it.Scheme] {
				c += `, error="invalid_token"`
			}
			if c != "" && !seen[c] {
				seen[c] = true
				w.Header().Add("WWW-Authenticate", c)
			}
		}
	}
	return nil, &SecurityError{Status: http.StatusUnauthorized, Operation: op.ID, Err: first}
}

// declared is the answer to a request the security requirements refused:
// its status, and a message that does not repeat the SecurityHandler's.
func (e *SecurityError) declared() (int, string, *errorTable, []InvalidParam) {
	detail := "the operation needs a credential it accepts"
	if e.Status == http.StatusForbidden {
		detail = "the credential does not allow the operation"
	}
	return e.Status, detail, e.errors, nil
}
