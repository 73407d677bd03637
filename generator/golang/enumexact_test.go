package golang

import (
	"strings"
	"testing"
)

// TestIntegerEnumBeyond2p53Constants: members beyond 2^53 become constants
// with the contract's exact digits (2^63−1 was dropped, 2^53+1 rounded),
// and the package builds; a member no int64 holds gets no constant.
func TestIntegerEnumBeyond2p53Constants(t *testing.T) {
	files := generateFiles(t, "../../testdata/contracts/enums/big-integers.yaml", "api", "types")
	var src string
	for _, f := range files {
		if strings.HasSuffix(f.Name, "types.gen.go") {
			src = string(f.Data)
		}
	}
	for _, want := range []string{"Big = 9007199254740993\n", "Big = 9223372036854775806\n", "Big = 9223372036854775807\n", "Big = -9223372036854775808\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("types.gen.go lacks %q", want)
		}
	}
	if strings.Contains(src, "18446744073709551615") {
		t.Error("a member beyond int64 became a constant: the package would not build")
	}
	dir := t.TempDir()
	writeModule(t, dir, "api", files)
	goRun(t, dir, "vet", "./...")
}
