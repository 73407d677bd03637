// Package spectralcmp compares toolkit lint's findings with Spectral's: it
// reads `spectral lint --format json` output and measures the share of the
// lines Spectral flags that toolkit flags too (issue 21's yardstick). The
// Spectral goldens test of contract/lint and the lintvsspectral command (cmd/lintvsspectral) both
// use it, so the figure in the report and the one the test enforces are
// computed the same way.
package spectralcmp

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Finding is one result of `spectral lint --format json`. Lines are 0-based,
// as Spectral writes them.
type Finding struct {
	Code     any    `json:"code"`
	Path     []any  `json:"path"`
	Message  string `json:"message"`
	Severity int    `json:"severity"`
	Range    struct {
		Start Pos `json:"start"`
		End   Pos `json:"end"`
	} `json:"range"`
	Source string `json:"source,omitempty"`
}

// Pos is a 0-based position in Spectral's output.
type Pos struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Read decodes Spectral's JSON output (an array of findings).
func Read(b []byte) ([]Finding, error) {
	var out []Finding
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("spectral output: %w", err)
	}
	return out, nil
}

// Miss is a line Spectral flags and toolkit does not, with the Spectral
// rule that flags it first.
type Miss struct {
	Line int // 1-based
	Code string
}

// Recall is how many of the lines Spectral flags toolkit flags too.
type Recall struct {
	Hit, Total int
	Missed     []Miss // sorted by line
}

// Add sums two recalls.
func (r Recall) Add(o Recall) Recall {
	return Recall{Hit: r.Hit + o.Hit, Total: r.Total + o.Total, Missed: append(append([]Miss(nil), r.Missed...), o.Missed...)}
}

// Percent is the share of Spectral's lines toolkit flags; 100 when
// Spectral flags none.
func (r Recall) Percent() float64 {
	if r.Total == 0 {
		return 100
	}
	return 100 * float64(r.Hit) / float64(r.Total)
}

// Compare measures which of the lines Spectral's findings sp lie on
// (counted once each) are among toolkit's 1-based lines tk.
func Compare(sp []Finding, tk []int) Recall {
	have := map[int]bool{}
	for _, l := range tk {
		have[l] = true
	}
	first := map[int]string{}
	for _, f := range sp {
		l := f.Range.Start.Line + 1
		if _, ok := first[l]; !ok {
			first[l] = fmt.Sprint(f.Code)
		}
	}
	var r Recall
	for l, code := range first {
		r.Total++
		if have[l] {
			r.Hit++
		} else {
			r.Missed = append(r.Missed, Miss{l, code})
		}
	}
	sort.Slice(r.Missed, func(i, j int) bool { return r.Missed[i].Line < r.Missed[j].Line })
	return r
}
