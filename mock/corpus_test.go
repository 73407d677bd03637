package mock

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/validate"
)

// TestCorpusMockValidate runs validate against the mock of every real
// contract of the corpus (opt-in: TOOLKIT_CORPUS=1, it takes minutes).
// A finding is a false alarm of validate, a mock that leaves its
// contract, or a contract that contradicts itself; the log lists each
// with its check.
func TestCorpusMockValidate(t *testing.T) {
	if os.Getenv("TOOLKIT_CORPUS") == "" {
		t.Skip("set TOOLKIT_CORPUS=1 to run over ../shared/corpus")
	}
	files, _ := filepath.Glob("../../shared/corpus/dev/*.json")
	byCheck := map[string]int{}
	clean := 0
	for _, f := range files {
		doc, m, err := contract.Open(f, contract.LoadOptions{Lenient: true})
		if err != nil {
			continue
		}
		srv, err := New(doc, m, Options{Seed: 1})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		hs := httptest.NewServer(srv)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		rep, err := validate.Run(ctx, validate.Config{Doc: doc, Model: m, BaseURL: hs.URL, Seed: 1, MaxCases: 10, Workers: 4, Headers: credentials(m)})
		cancel()
		hs.Close()
		if err != nil {
			t.Logf("%s: %v", filepath.Base(f), err)
			continue
		}
		if rep.Findings() == 0 {
			clean++
			continue
		}
		for _, op := range rep.Operations {
			for check, fs := range op.Checks {
				for _, fd := range fs {
					byCheck[check]++
					t.Logf("%s %s %s: %s: %s at %s [%s]", filepath.Base(f), op.Method, op.Path, check, fd.Message, fd.Pointer, fd.Case)
				}
			}
		}
	}
	var summary []string
	for c, n := range byCheck {
		summary = append(summary, c+"="+strconv.Itoa(n))
	}
	sort.Strings(summary)
	t.Logf("%d contracts, %d without findings; findings by check: %s", len(files), clean, strings.Join(summary, " "))
}
