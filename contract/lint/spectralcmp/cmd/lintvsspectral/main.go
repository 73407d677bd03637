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
// bench/corpus-report/lint-vs-spectral.md for the commands around it. The
// comparison is spectralcmp's, the one contract/lint's Spectral tests use.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contractfirst/toolkit/contract/lint/spectralcmp"
)

type tkOut struct {
	Findings []struct {
		ID   string `json:"id"`
		Line int    `json:"line"`
	} `json:"findings"`
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: lintvsspectral SPECTRAL_DIR TOOLKIT_DIR [-v]")
		os.Exit(2)
	}
	spDir, tkDir := os.Args[1], os.Args[2]
	verbose := len(os.Args) > 3
	files, _ := filepath.Glob(filepath.Join(spDir, "*.out"))
	var total spectralcmp.Recall
	miss := map[string]int{}
	missEx := map[string]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".out")
		b, _ := os.ReadFile(f)
		sp, err := spectralcmp.Read(b)
		if err != nil {
			fmt.Printf("%-60s %v\n", name, err)
			continue
		}
		var tk tkOut
		b, _ = os.ReadFile(filepath.Join(tkDir, name+".out"))
		if err := json.Unmarshal(b, &tk); err != nil {
			fmt.Printf("%-60s toolkit output unreadable: %v\n", name, err)
			continue
		}
		var lines []int
		for _, x := range tk.Findings {
			lines = append(lines, x.Line)
		}
		r := spectralcmp.Compare(sp, lines)
		for _, m := range r.Missed {
			miss[m.Code]++
			if missEx[m.Code] == "" {
				missEx[m.Code] = fmt.Sprintf("%s:%d", name, m.Line)
			}
			if verbose {
				fmt.Printf("  miss %s:%d %s\n", name, m.Line, m.Code)
			}
		}
		total = total.Add(r)
		fmt.Printf("%-60s %5d/%5d  %5.1f%%\n", name, r.Hit, r.Total, r.Percent())
	}
	fmt.Printf("%-60s %5d/%5d  %5.1f%%\n", "OVERALL", total.Hit, total.Total, total.Percent())
	codes := make([]string, 0, len(miss))
	for k := range miss {
		codes = append(codes, k)
	}
	sort.Slice(codes, func(i, j int) bool {
		return miss[codes[i]] > miss[codes[j]] || miss[codes[i]] == miss[codes[j]] && codes[i] < codes[j]
	})
	fmt.Println("missed lines by Spectral rule:")
	for _, k := range codes {
		fmt.Printf("  %-40s %6d  e.g. %s\n", k, miss[k], missEx[k])
	}
}
