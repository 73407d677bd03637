package golang

import (
	"path/filepath"
	"testing"
)

// TestOperationGoldens pins operations.gen.go, server.gen.go and
// client.gen.go for every shared contract (-update rewrites them);
// TestContractGoldens pins the types and spec.
func TestOperationGoldens(t *testing.T) {
	cases := sharedContracts(t)
	for _, name := range sortedCases(cases) {
		t.Run(name, func(t *testing.T) {
			for _, f := range generateFiles(t, cases[name], "api", "server", "client") {
				if f.Name == "types.gen.go" {
					continue
				}
				checkGolden(t, filepath.Join("testdata", name, f.Name+".golden"), f.Data)
			}
		})
	}
}

// TestCorpusAllTargetsBuild generates every target (types, operations,
// server, client, spec) for the fixed corpus subset into one module and
// builds and vets it: the server and client must hold up on real
// contracts as well as the types do.
func TestCorpusAllTargetsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a module")
	}
	names := corpusSubset(t)
	dir := t.TempDir()
	for i, path := range names {
		pkg := "c" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		writeModule(t, dir, pkg, generateFiles(t, path, pkg))
	}
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
}
