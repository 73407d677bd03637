package golang

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// sharedContracts lists the shared test contracts (one folder per case
// under testdata/contracts at the top of the repository), keyed by case.
func sharedContracts(t *testing.T) map[string]string {
	t.Helper()
	dirs, _ := filepath.Glob("../../testdata/contracts/*")
	out := map[string]string{}
	for _, d := range dirs {
		for _, name := range []string{"openapi.yaml", "openapi.json", "swagger.yaml", "swagger.json"} {
			p := filepath.Join(d, name)
			if _, err := os.Stat(p); err == nil {
				out[filepath.Base(d)] = p
				break
			}
		}
	}
	if len(out) == 0 {
		t.Skip("no shared contracts")
	}
	return out
}

func sortedCases(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestContractGoldens pins types.gen.go and spec.gen.go for every shared
// contract (go test -run TestContractGoldens -update rewrites them).
func TestContractGoldens(t *testing.T) {
	cases := sharedContracts(t)
	for _, name := range sortedCases(cases) {
		t.Run(name, func(t *testing.T) {
			for _, f := range generateFiles(t, cases[name], "api", "types", "spec") {
				if f.Name == runtimeFile {
					continue // pinned with every target by TestOperationGoldens
				}
				checkGolden(t, filepath.Join("testdata", name, f.Name+".golden"), f.Data)
			}
		})
	}
}

// TestContractTypesBuild compiles and vets the types and spec of every
// shared contract, one package each in one module.
func TestContractTypesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	cases := sharedContracts(t)
	dir := t.TempDir()
	for _, name := range sortedCases(cases) {
		pkg := "c" + localName(name)
		writeModule(t, dir, pkg, generateFiles(t, cases[name], pkg, "types", "spec"))
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
}
