package validate

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Coverage is what the service answered to one operation: statuses
// counted apart for valid requests (examples, generated values) and
// invalid ones, and the verdict Reach.
type Coverage struct {
	Valid   map[int]int `json:"valid"`
	Invalid map[int]int `json:"invalid"`
	Reach   Reach       `json:"reach"`
}

// Reach sorts operations by how far valid requests got.
type Reach string

const (
	Reached      Reach = "2xx"          // some valid request got a 2xx
	OnlyRejected Reach = "only 4xx/5xx" // answered, never with a 2xx
	OnlyRefused  Reach = "only 401/403" // every valid request's credentials refused
	NotReached   Reach = "not reached"  // no valid request got an answer
)

// reaches lists the verdicts in table order.
var reaches = []Reach{Reached, OnlyRejected, OnlyRefused, NotReached}

func newCoverage() Coverage {
	return Coverage{Valid: map[int]int{}, Invalid: map[int]int{}}
}

// reach judges the valid answers.
func (c *Coverage) reach() Reach {
	if len(c.Valid) == 0 {
		return NotReached
	}
	refused := true
	for status := range c.Valid {
		if status >= 200 && status < 300 {
			return Reached
		}
		if !isRefusal(status) {
			refused = false
		}
	}
	if refused {
		return OnlyRefused
	}
	return OnlyRejected
}

// isRefusal reports the statuses of refused credentials.
func isRefusal(status int) bool { return status == 401 || status == 403 }

// statusCounts renders {400: 3, 404: 1} as "400×3, 404×1".
func statusCounts(m map[int]int) string {
	var s []string
	for _, st := range slices.Sorted(maps.Keys(m)) {
		s = append(s, fmt.Sprintf("%d×%d", st, m[st]))
	}
	return strings.Join(s, ", ")
}

// loggedAnswer is one answer in the order it came, for telling when
// the service's attitude to the credentials changed.
type loggedAnswer struct {
	res    *OperationResult
	status int
	// req is kept for answers to safe methods, so one that succeeded can be
	// sent again to tell revoked credentials from ones never accepted.
	req *http.Request
}
