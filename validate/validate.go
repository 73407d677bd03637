// Package validate holds a running service to its contract: it derives
// requests from the contract (the contract's examples, values generated
// from the schemas, and invalid inputs a conforming service must reject),
// sends them, and checks every answer against the contract with
// kin-openapi. The verdicts are Findings, each under a stable check id.
//
// The pipeline is plain: cases.go turns the Model into Cases, run.go
// sends them (in stages, so ids created by one operation feed the next),
// checks.go judges each answer, report.go writes the Report as text, JSON
// or JUnit.
package validate

import (
	"net/http"
	"time"

	"github.com/contractfirst/toolkit/contract"
)

// Check ids, stable across releases: users exclude them by name and CI
// reports group by them.
const (
	CheckNotServerError  = "not-server-error" // no 5xx
	CheckStatusDeclared  = "status-declared"  // the status is in the contract or covered by default
	CheckContentType     = "content-type"     // the Content-Type is one the response declares
	CheckResponseSchema  = "response-schema"  // the body validates against its schema
	CheckResponseHeaders = "response-headers" // required headers present, values valid
	CheckRejectsInvalid  = "rejects-invalid"  // invalid requests get a 4xx
	CheckTimeout         = "timeout"          // an answer came within the deadline
)

// Checks lists every check id in report order: the per-answer checks
// above, then the units of checkUnits (one file each, check_*.go).
var Checks = append([]string{CheckNotServerError, CheckStatusDeclared, CheckContentType, CheckResponseSchema, CheckResponseHeaders, CheckRejectsInvalid, CheckTimeout}, unitIDs()...)

// Config says what to test and how.
type Config struct {
	// Doc and Model are the loaded contract (contract.Load + Build).
	Doc   *contract.Document
	Model *contract.Model

	// BaseURL is where the service listens, e.g. http://localhost:8080.
	// Operation paths are appended to it.
	BaseURL string

	// Headers are sent with every request (authentication …).
	Headers http.Header

	// Seed makes generated values repeat exactly; MaxCases bounds the
	// cases per operation (0: DefaultMaxCases).
	Seed     uint64
	MaxCases int

	// Select picks the operations to drive (the zero value: all);
	// ExcludeChecks turns check ids off.
	Select        contract.Selection
	ExcludeChecks []string

	// Workers sends that many requests at once (0: 1); Rate caps
	// requests per second (0: no cap); Timeout is the per-request
	// deadline (0: DefaultTimeout).
	Workers int
	Rate    float64
	Timeout time.Duration

	// Client sends the requests; nil uses a new http.Client.
	Client *http.Client

	// Progress, when set, is called after each answered case.
	Progress func(done, total int)

	// MaxResponseTime, when positive, is the longest an answer may take
	// before check max-response-time fails it.
	MaxResponseTime time.Duration

	// ReadOnly sends only safe methods (GET, HEAD, OPTIONS): for a
	// service whose data must not change.
	ReadOnly bool

	// Redact names headers, query parameters and cookies whose values
	// are shown as <redacted> in every report, besides every Headers
	// value, the contract's security scheme credentials and userinfo in
	// BaseURL.
	Redact []string

	// Auth maps a security scheme name of the contract to its
	// credential: a bearer token, user:pass for basic, the key for an
	// apiKey, client_id:secret for OAuth2 client credentials.
	Auth map[string]string
}

// Defaults for Config's zero values.
const (
	DefaultMaxCases = 30
	DefaultTimeout  = 10 * time.Second
)

// Report is the outcome of a run.
type Report struct {
	Contract string    `json:"contract"`
	BaseURL  string    `json:"baseUrl"`
	Seed     uint64    `json:"seed"`
	Started  time.Time `json:"-"`
	Duration Duration  `json:"duration"`

	// Operations, in contract order, with the checks run for each.
	Operations []*OperationResult `json:"operations"`

	// Skipped are the selected operations left out (--read-only).
	Skipped []*OperationResult `json:"skipped,omitempty"`

	// Requests is how many requests were sent.
	Requests int `json:"requests"`
}

// OperationResult is what happened to one operation.
type OperationResult struct {
	ID     string `json:"operationId"`
	Method string `json:"method"`
	Path   string `json:"path"`
	// Cases is how many requests were sent for the operation.
	Cases int `json:"cases"`
	// Checks maps each check id that ran to its findings (empty: passed).
	Checks map[string][]*Finding `json:"checks"`
	// Coverage is what the service answered to the operation.
	Coverage Coverage `json:"coverage"`
	// Flaky counts, per check, failures that did not reproduce when the
	// request was sent again: shown apart, not reported as findings.
	Flaky map[string]int `json:"flaky,omitempty"`

	op *contract.Operation
}

// Finding is one place where an answer left the contract.
type Finding struct {
	Check string `json:"check"`
	// Case says which request: "example", "generated #3",
	// "invalid body: missing-required /name" …
	Case string `json:"case"`
	// Message says what is wrong, with the expected and actual values.
	Message string `json:"message"`
	// Pointer is the JSON pointer into the response body (or the header
	// name) where the violation is, when there is one.
	Pointer string `json:"pointer,omitempty"`
	// Status is the answer's HTTP status (0 for timeouts).
	Status int `json:"status,omitempty"`
	// Curl repeats the request from a shell: the smallest request that
	// still fails the check, when one could be made smaller.
	Curl string `json:"curl"`
	// FoundAs is the request as first sent, when Curl is a smaller one.
	FoundAs string `json:"foundAs,omitempty"`
	// Count is how many more cases of the operation failed the same way.
	Count int `json:"count"`
}

// Findings returns how many findings the report has, over all
// operations and checks.
func (r *Report) Findings() int {
	n := 0
	for _, op := range r.Operations {
		for _, fs := range op.Checks {
			n += len(fs)
		}
	}
	return n
}

// Duration marshals as seconds in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(formatSeconds(time.Duration(d))), nil
}
