package validate

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the human summary: per operation, each failed check
// with its findings, the request as curl, and a total.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	failedOps := 0
	for _, op := range r.Operations {
		n := 0
		for _, fs := range op.Checks {
			n += len(fs)
		}
		mark := "ok  "
		if n > 0 {
			mark = "FAIL"
			failedOps++
		}
		fmt.Fprintf(&b, "%s %s %s (%s): %d requests\n", mark, op.Method, op.Path, op.ID, op.Cases)
		for _, check := range Checks {
			for _, f := range op.Checks[check] {
				fmt.Fprintf(&b, "     %s: %s\n", check, f.Message)
				if f.Pointer != "" {
					fmt.Fprintf(&b, "       at %s\n", f.Pointer)
				}
				fmt.Fprintf(&b, "       case: %s", f.Case)
				if f.Count > 0 {
					fmt.Fprintf(&b, " (and %d more like it)", f.Count)
				}
				b.WriteString("\n")
				if f.Curl != "" {
					fmt.Fprintf(&b, "       %s\n", f.Curl)
				}
				if f.FoundAs != "" {
					fmt.Fprintf(&b, "       found as: %s\n", f.FoundAs)
				}
			}
		}
		for _, check := range Checks {
			if n := op.Flaky[check]; n > 0 {
				fmt.Fprintf(&b, "     flaky %s: %d failing answers did not reproduce when sent again\n", check, n)
			}
		}
	}
	r.writeCoverage(&b)
	fmt.Fprintf(&b, "\n%d operations, %d requests, %d findings in %d operations (%ss, seed %d)\n",
		len(r.Operations), r.Requests, r.Findings(), failedOps, formatSeconds(durationOf(r.Duration)), r.Seed)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCoverage ends the text report with how far the run got: how
// many operations were reached with a 2xx, answered only 4xx/5xx, only
// 401/403, or not reached at all, naming the ones short of a 2xx.
func (r *Report) writeCoverage(b *strings.Builder) {
	byReach := map[Reach][]*OperationResult{}
	for _, op := range r.Operations {
		byReach[op.Coverage.Reach] = append(byReach[op.Coverage.Reach], op)
	}
	fmt.Fprintf(b, "\ncoverage (valid requests):\n")
	for _, reach := range reaches {
		fmt.Fprintf(b, "  %-13s %d\n", reach, len(byReach[reach]))
		if reach == Reached {
			continue
		}
		for _, op := range byReach[reach] {
			fmt.Fprintf(b, "    %s %s (%s)\n", op.Method, op.Path, op.ID)
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(b, "  %-13s %d\n", "left out", len(r.Skipped))
		for _, op := range r.Skipped {
			fmt.Fprintf(b, "    %s %s (%s): --read-only\n", op.Method, op.Path, op.ID)
		}
	}
}

func durationOf(d Duration) time.Duration { return time.Duration(d) }
