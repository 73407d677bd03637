package docs

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenContracts are the shared test contracts, by golden folder name.
var goldenContracts = []struct{ name, path string }{
	{"kitchensink", "../../testdata/contracts/kitchensink/openapi.yaml"},
	{"v31", "../../testdata/contracts/v31/openapi.json"},
	{"swagger2", "../../testdata/contracts/swagger2/swagger.yaml"},
	{"xss", "testdata/xss/openapi.yaml"},
}

// load builds the Model of a contract, failing the test on any error.
func load(t testing.TB, path string) *contract.Model {
	t.Helper()
	_, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return m
}

// TestGolden renders each contract and compares both outputs with the
// files under testdata/golden/<name>/.
func TestGolden(t *testing.T) {
	for _, c := range goldenContracts {
		t.Run(c.name, func(t *testing.T) {
			files, err := Generate(load(t, c.path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 2 || files[0].Name != "index.html" || files[1].Name != "API.md" {
				t.Fatalf("files = %v, want index.html and API.md", names(files))
			}
			for _, f := range files {
				golden := filepath.Join("testdata", "golden", c.name, f.Name)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), string(f.Data)); diff != "" {
					t.Errorf("%s differs from %s (-want +got):\n%s", f.Name, golden, diff)
				}
			}
		})
	}
}

// TestDeterministic: the same contract gives the same bytes, in both page
// modes (the lazy one gzips its data), so toolkit gen --check is stable.
func TestDeterministic(t *testing.T) {
	for _, mode := range pageModes {
		var first [][]byte
		for i := range 3 {
			files, err := Generate(load(t, "../../testdata/contracts/kitchensink/openapi.yaml"), mode.opts)
			if err != nil {
				t.Fatal(err)
			}
			for j, f := range files {
				if i == 0 {
					first = append(first, f.Data)
				} else if string(f.Data) != string(first[j]) {
					t.Errorf("%s: run %d gave a different %s", mode.name, i+1, f.Name)
				}
			}
		}
	}
}
