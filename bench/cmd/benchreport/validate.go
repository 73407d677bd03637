package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/contractfirst/toolkit/bench/api"
)

// validateResult is what toolkit validate did against toolkit's own
// generated server for bench/contract.yaml, served in this process.
type validateResult struct {
	runs int
	// requests is how many requests one run sends (the median run's).
	requests int
	// perSecond is requests checked per second of the run itself (the
	// report's duration: cases built, sent, every answer checked), median.
	perSecond float64
	// wall is the median wall time of the whole command, contract loading
	// and process start included.
	wall time.Duration
	// findings is the number of distinct findings of the first run, and
	// first the first of them, so the table says what validate saw.
	findings int
	first    string
}

// validateReport is the part of toolkit validate's JSON output read here:
// its details, the run.
type validateReport struct {
	Duration   float64 `json:"duration"`
	Requests   int     `json:"requests"`
	Operations []struct {
		OperationID string `json:"operationId"`
		Checks      map[string][]struct {
			Case    string `json:"case"`
			Message string `json:"message"`
			Count   int    `json:"count"`
		} `json:"checks"`
	} `json:"operations"`
}

// parseValidateReport reads the run from toolkit validate's JSON output: a
// findings document whose details are the run.
func parseValidateReport(data []byte) (validateReport, error) {
	var doc struct {
		Details validateReport `json:"details"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return validateReport{}, fmt.Errorf("toolkit validate --format json: %w", err)
	}
	return doc.Details, nil
}

// measureValidate runs toolkit validate runs times, with seeds 1…runs so
// generated values vary, against the toolkit-generated bench server on
// loopback.
func measureValidate(toolkitBin string, runs int) (validateResult, error) {
	srv, err := api.Servers()[0].New()
	if err != nil {
		return validateResult{}, err
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var rates []float64
	var walls []time.Duration
	var reqs []int
	r := validateResult{runs: runs}
	for i := range runs {
		cmd := exec.Command(toolkitBin, "validate", "--contract", "contract.yaml", "--base-url", ts.URL,
			"--format", "json", "--seed", fmt.Sprint(i+1), "--max-cases", "1000")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		// Exit 1 means findings, which the table reports; anything else
		// is a failure to run.
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			return validateResult{}, fmt.Errorf("toolkit validate: %v\n%s", err, tail(stderr.String(), 2000))
		}
		rep, err := parseValidateReport(stdout.Bytes())
		if err != nil {
			return validateResult{}, err
		}
		if rep.Duration <= 0 || rep.Requests == 0 {
			return validateResult{}, fmt.Errorf("toolkit validate sent %d requests in %gs", rep.Requests, rep.Duration)
		}
		rates = append(rates, float64(rep.Requests)/rep.Duration)
		walls = append(walls, wall)
		reqs = append(reqs, rep.Requests)
		if i == 0 {
			for _, op := range rep.Operations {
				for _, check := range slices.Sorted(maps.Keys(op.Checks)) {
					for _, f := range op.Checks[check] {
						r.findings++
						if r.first == "" {
							r.first = fmt.Sprintf("%s %s (%s): %s", op.OperationID, check, f.Case, f.Message)
						}
					}
				}
			}
		}
	}
	id := func(x float64) float64 { return x }
	r.perSecond = median(rates, id)
	r.wall = median(walls, func(d time.Duration) time.Duration { return d })
	r.requests = int(median(reqs, func(n int) int64 { return int64(n) }))
	return r, nil
}

// hasValidate reports whether this toolkit has the validate command.
func hasValidate(toolkitBin string) bool {
	out, err := exec.Command(toolkitBin, "validate", "--help").CombinedOutput()
	return err == nil && strings.Contains(string(out), "--base-url")
}
