package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Stale is one generated file whose copy on disk differs from what the
// contract generates now.
type Stale struct {
	Name string
	// Diff is a unified diff from the file on disk to the wanted content;
	// for a missing file it says so.
	Diff string
}

// Check compares files with what dir holds and returns those that are
// missing or different. User-owned files are not compared: they are the
// user's to change.
func Check(dir string, files []File) ([]Stale, error) {
	var stale []Stale
	for _, f := range files {
		if f.UserOwned {
			continue
		}
		p, err := target(dir, f.Name)
		if err != nil {
			return nil, err
		}
		old, err := os.ReadFile(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
			stale = append(stale, Stale{Name: f.Name, Diff: fmt.Sprintf("%s: missing; run toolkit gen\n", p)})
		case err != nil:
			return nil, err
		case !bytes.Equal(old, f.Data):
			stale = append(stale, Stale{Name: f.Name, Diff: UnifiedDiff(p+" (on disk)", p+" (generated)", string(old), string(f.Data))})
		}
	}
	return stale, nil
}

// UnifiedDiff renders a line diff of a and b with three lines of context.
// It uses the longest common subsequence of lines; for the large files
// generators write, it first trims the common head and tail so the
// quadratic part covers only what changed.
func UnifiedDiff(nameA, nameB, a, b string) string {
	la, lb := splitLines(a), splitLines(b)
	head := 0
	for head < len(la) && head < len(lb) && la[head] == lb[head] {
		head++
	}
	tail := 0
	for tail < len(la)-head && tail < len(lb)-head && la[len(la)-1-tail] == lb[len(lb)-1-tail] {
		tail++
	}
	ma, mb := la[head:len(la)-tail], lb[head:len(lb)-tail]
	ops := diffLines(ma, mb)
	// Express every line of the file as an op so hunks can take context.
	type line struct {
		op   byte // ' ', '-', '+'
		text string
		ai   int // line number in a (1-based) of this or the next a line
		bi   int
	}
	var all []line
	for i := 0; i < head; i++ {
		all = append(all, line{' ', la[i], i + 1, i + 1})
	}
	ai, bi := head, head
	for _, o := range ops {
		switch o.op {
		case ' ':
			all = append(all, line{' ', o.text, ai + 1, bi + 1})
			ai++
			bi++
		case '-':
			all = append(all, line{'-', o.text, ai + 1, bi + 1})
			ai++
		case '+':
			all = append(all, line{'+', o.text, ai + 1, bi + 1})
			bi++
		}
	}
	for i := 0; i < tail; i++ {
		all = append(all, line{' ', la[len(la)-tail+i], ai + 1, bi + 1})
		ai++
		bi++
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	const ctx = 3
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i
		for end < len(all) {
			if all[end].op != ' ' {
				end++
				continue
			}
			// Extend over a run of context; stop if it is longer than 2*ctx.
			run := end
			for run < len(all) && all[run].op == ' ' {
				run++
			}
			if run == len(all) || run-end > 2*ctx {
				end = min(end+ctx, len(all))
				break
			}
			end = run
		}
		na, nb := 0, 0
		for _, l := range all[start:end] {
			if l.op != '+' {
				na++
			}
			if l.op != '-' {
				nb++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", all[start].ai, na, all[start].bi, nb)
		for _, l := range all[start:end] {
			out.WriteByte(l.op)
			out.WriteString(l.text)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}

type diffOp struct {
	op   byte
	text string
}

// diffLines is the LCS line diff of a and b.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	if n*m > 25_000_000 {
		// Too large to align: show it as a replacement.
		var out []diffOp
		for _, l := range a {
			out = append(out, diffOp{'-', l})
		}
		for _, l := range b {
			out = append(out, diffOp{'+', l})
		}
		return out
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffOp
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, diffOp{' ', a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, diffOp{'-', a[i]})
			i++
		default:
			out = append(out, diffOp{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, diffOp{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, diffOp{'+', b[j]})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
