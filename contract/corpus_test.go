package contract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir holds real public contracts beside the repository (see
// ../shared/corpus/README.md); the test skips when it is absent.
const corpusDir = "../../shared/corpus/dev"

// TestCorpusLoads loads and builds every real contract of the corpus: each
// must either build a Model or fail with positioned problems — never
// panic, never an unpositioned error.
func TestCorpusLoads(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		t.Skip("corpus not found at " + corpusDir)
	}
	if testing.Short() {
		files = files[:20]
	}
	ok, invalid := 0, 0
	for _, f := range files {
		doc, err := Load(f, LoadOptions{})
		if err == nil {
			_, err = Build(doc)
		}
		var ce *Error
		switch {
		case err == nil:
			ok++
		case errors.As(err, &ce):
			invalid++
			for _, p := range ce.Problems {
				if p.Pos.File == "" {
					t.Errorf("%s: problem without a file: %s", f, p)
				}
			}
			t.Logf("%s: invalid: %s", filepath.Base(f), ce.Problems[0])
		default:
			t.Errorf("%s: unpositioned error: %v", f, err)
		}
	}
	t.Logf("%d contracts: %d built, %d invalid", len(files), ok, invalid)
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }
