package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestCorpus renders real contracts (10 of the shared corpus, spread over
// its name order; TOOLKIT_CORPUS=all for every one) and checks what the
// hand-made fixtures cannot: that real descriptions, full of HTML, tables
// and links, come out with no markup from the contract in the page or the
// Markdown, and that every operation has its anchor.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	files, _ := filepath.Glob("../../../shared/corpus/dev/*.json")
	if len(files) == 0 {
		t.Skip("shared corpus not found")
	}
	step := max(len(files)/10, 1)
	if os.Getenv("TOOLKIT_CORPUS") == "all" {
		step = 1
	}
	for i := 0; i < len(files); i += step {
		f := files[i]
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			_, m, err := contract.Open(f, contract.LoadOptions{})
			if err != nil {
				t.Skip("the loader or the model builder rejects it")
			}
			out, err := Generate(m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkOutputs(t, filepath.Base(f), out)
			page := string(out[0].Data)
			var ids anchors
			for _, o := range m.Operations {
				if id := ids.id("operation", o.ID); !strings.Contains(page, `id="`+id+`"`) {
					t.Errorf("operation %s has no #%s", o.ID, id)
				}
			}
		})
	}
}
