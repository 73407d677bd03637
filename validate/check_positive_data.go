package validate

import "fmt"

// CheckPositiveData fails an operation that never answered a valid
// request with a 2xx: whatever else passed, its success path was never
// exercised, and a gate that passes what it never exercised is worse
// than none. A secured operation whose every valid request got 401/403
// fails CheckAuth instead.
const CheckPositiveData = "positive-data-acceptance"

// coverageCase names the findings drawn from a whole operation's answers.
var coverageCase = &Case{Name: "all valid requests"}

// positiveData judges one operation's coverage once the run is over.
func (r *runner) positiveData(res *OperationResult, revoked string) {
	res.Coverage.Reach = res.Coverage.reach()
	r.ran(res, CheckPositiveData)
	reach := res.Coverage.Reach
	if reach == OnlyRefused && len(credentialsOf(r.cfg.Model, res.op)) == 0 {
		// Anonymous access is allowed: the 401s refuse the request's own
		// data (a login's generated password), not the run's credentials.
		reach = OnlyRejected
	}
	switch reach {
	case NotReached:
		r.add(res, coverageCase, &Finding{Check: CheckPositiveData, Message: "not reached: no valid request could be sent or got an answer"})
	case OnlyRejected:
		r.add(res, coverageCase, &Finding{Check: CheckPositiveData, Message: fmt.Sprintf("no valid request got a 2xx (answers: %s)", statusCounts(res.Coverage.Valid))})
	case OnlyRefused:
		r.ran(res, CheckAuth)
		msg := fmt.Sprintf("credentials were refused: every valid request got %s", statusCounts(res.Coverage.Valid))
		if revoked != "" {
			msg += "; " + revoked
		}
		r.add(res, coverageCase, &Finding{Check: CheckAuth, Message: msg})
	}
}
