package contract

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestValueChecksInBackground: with the value checks left running while
// the model is built, the warnings after FinishValueChecks are the ones
// (and in the order) Open gives with them run in line, on every contract
// under testdata that opens and on the dev corpus when present; run with
// -race, it also shows the checks and the model build share nothing they
// write.
func TestValueChecksInBackground(t *testing.T) {
	var files []string
	filepath.WalkDir(contracts, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json")) {
			files = append(files, p)
		}
		return nil
	})
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if testing.Short() && len(corpus) > 20 {
		corpus = corpus[:20]
	}
	compared := 0
	for _, p := range append(files, corpus...) {
		inline, _, err := Open(p, LoadOptions{KinFromTree: true})
		if err != nil {
			continue
		}
		bg, _, err := Open(p, LoadOptions{KinFromTree: true, ValueChecksInBackground: true})
		if err != nil {
			t.Errorf("%s: opens in line but not with the value checks in the background: %v", p, err)
			continue
		}
		added := bg.FinishValueChecks()
		if !reflect.DeepEqual(bg.Warnings, inline.Warnings) {
			t.Errorf("%s: warnings differ\n background: %v\n    in line: %v", p, bg.Warnings, inline.Warnings)
		}
		if again := bg.FinishValueChecks(); again != nil {
			t.Errorf("%s: a second FinishValueChecks added %v", p, again)
		}
		for _, w := range added {
			if !strings.Contains(w.Message, "does not match its schema") && !strings.Contains(w.Message, "default") {
				t.Errorf("%s: FinishValueChecks added a warning that is no value check's: %v", p, w)
			}
		}
		compared++
	}
	if compared < 20 {
		t.Fatalf("compared %d contracts; want the testdata's", compared)
	}
}

// TestValueChecksInBackgroundDeferred: the value checks' warning is not in
// Warnings until FinishValueChecks, which returns it; under Strict the
// checks run in line, so the warning refuses the contract as before.
func TestValueChecksInBackgroundDeferred(t *testing.T) {
	path := filepath.Join(contracts, "soft", "example-breaks-schema.yaml")
	const want = "/paths/~1a/get/responses/200/content/application~1json/example: warning: example does not match its schema at /n: value must be an integer"
	d, _, err := Open(path, LoadOptions{ValueChecksInBackground: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range d.Warnings {
		if strings.Contains(w.String(), want) {
			t.Fatalf("the value check's warning is there before FinishValueChecks: %v", w)
		}
	}
	added := d.FinishValueChecks()
	if len(added) != 1 || !strings.HasSuffix(added[0].String(), want) {
		t.Fatalf("FinishValueChecks = %v; want the one warning %q", added, want)
	}
	if _, _, err := Open(path, LoadOptions{ValueChecksInBackground: true, Strict: true}); err == nil || !strings.Contains(err.Error(), strings.Replace(want, "warning: ", "", 1)) {
		t.Fatalf("strict open: %v; want the value check's problem as an error", err)
	}
}
