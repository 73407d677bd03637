package validate

import (
	"fmt"
	"time"
)

// CheckMaxResponseTime fails an answer slower than
// Config.MaxResponseTime (--max-response-time); off when that is 0.
const CheckMaxResponseTime = "max-response-time"

func (r *runner) maxResponseTime(res *OperationResult, c *Case, status int, took time.Duration, curl string) {
	limit := r.cfg.MaxResponseTime
	if limit <= 0 {
		return
	}
	r.ran(res, CheckMaxResponseTime)
	if took > limit {
		r.add(res, c, &Finding{Check: CheckMaxResponseTime, Status: status, Curl: curl,
			Message: fmt.Sprintf("answered in %v, over --max-response-time %v", took.Round(time.Millisecond), limit)})
	}
}
