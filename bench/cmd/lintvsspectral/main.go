// Command lintvsspectral compares Spectral's and toolkit's JSON lint output: the share of
// (file, line) pairs Spectral flags that toolkit also flags, per contract
// and overall, and the lines toolkit misses grouped by Spectral rule.
//
// Usage: lintvsspectral SPECTRAL_DIR TOOLKIT_DIR [-v]
//
// SPECTRAL_DIR holds NAME.out files written by
// `spectral lint --format json` (a JSON array, 0-based lines); TOOLKIT_DIR
// holds NAME.out files written by `toolkit lint --format json` (1-based
// lines). -v lists every missed line. See
// bench/corpus-report/lint-vs-spectral.md for the commands around it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type spItem struct {
	Code  any   `json:"code"`
	Path  []any `json:"path"`
	Range struct {
		Start struct{ Line int } `json:"start"`
	} `json:"range"`
	Severity int `json:"severity"`
}

type tkOut struct {
	Findings []struct {
		ID   string `json:"id"`
		Line int    `json:"line"`
	} `json:"findings"`
}

func main() {
	spDir, tkDir := os.Args[1], os.Args[2]
	verbose := len(os.Args) > 3
	files, _ := filepath.Glob(filepath.Join(spDir, "*.out"))
	var totSp, totHit int
	miss := map[string]int{}
	missEx := map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".out")
		var sp []spItem
		b, _ := os.ReadFile(f)
		if err := json.Unmarshal(b, &sp); err != nil {
			fmt.Printf("%-60s spectral output unreadable: %v\n", name, err)
			continue
		}
		var tk tkOut
		b, _ = os.ReadFile(filepath.Join(tkDir, name+".out"))
		if err := json.Unmarshal(b, &tk); err != nil {
			fmt.Printf("%-60s toolkit output unreadable: %v\n", name, err)
			continue
		}
		tkLines := map[int]bool{}
		for _, x := range tk.Findings {
			tkLines[x.Line] = true
		}
		spLines := map[int]string{}
		for _, x := range sp {
			l := x.Range.Start.Line + 1
			if _, ok := spLines[l]; !ok {
				spLines[l] = fmt.Sprint(x.Code)
			}
		}
		hit := 0
		for l, code := range spLines {
			if tkLines[l] {
				hit++
			} else {
				miss[code]++
				if missEx[code] == "" {
					missEx[code] = fmt.Sprintf("%s:%d", name, l)
				}
				if verbose {
					fmt.Printf("  miss %s:%d %s\n", name, l, code)
				}
			}
		}
		totSp += len(spLines)
		totHit += hit
		pct := 100.0
		if len(spLines) > 0 {
			pct = 100 * float64(hit) / float64(len(spLines))
		}
		fmt.Printf("%-60s %5d/%5d  %5.1f%%\n", name, hit, len(spLines), pct)
	}
	fmt.Printf("%-60s %5d/%5d  %5.1f%%\n", "OVERALL", totHit, totSp, 100*float64(totHit)/float64(max(totSp, 1)))
	type kv struct {
		k string
		v int
	}
	var ms []kv
	for k, v := range miss {
		ms = append(ms, kv{k, v})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].v > ms[j].v || ms[i].v == ms[j].v && ms[i].k < ms[j].k })
	fmt.Println("missed lines by Spectral rule:")
	for _, m := range ms {
		fmt.Printf("  %-40s %6d  e.g. %s\n", m.k, m.v, missEx[m.k])
	}
}
