package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cyclicWant is what gen must do with each contract of
// testdata/contracts/cyclic: its exact stderr, "" for none. Stderr with
// "cyclic allOf" means exit 2; anything else exit 0 and code that builds
// and vets. A type that would have to contain itself by value is the only
// cycle refused; every other shape recurses through a pointer, slice, map
// or union, and a union variant that is only the union again is left out.
var cyclicWant = map[string]string{
	"additional-properties-fields.yaml": "",
	"additional-properties.yaml":        "",
	"allof-chain.yaml":                  "allof-chain.yaml:35:11: /components/schemas/C/allOf/0/$ref: cyclic allOf: A → B → C → A: a type cannot contain itself by value; refer to it from a property instead, or generate with --lenient to leave that member out",
	"allof-self.yaml":                   "allof-self.yaml:26:11: /components/schemas/A/allOf/0/$ref: cyclic allOf: A → A: a type cannot contain itself by value; refer to it from a property instead, or generate with --lenient to leave that member out",
	"allof-via-property.yaml":           "",
	"anyof-direct-chain.yaml":           "anyof-direct-chain.yaml:29:7: /components/schemas/B/anyOf: warning: anyOf variant A closes a cycle of unions (A → B → A): it adds no value of its own and is left out",
	"anyof-mutual.yaml":                 "",
	"files-allof.yaml":                  "parts/allof-a.yaml:3:7: /A/allOf/0/$ref: cyclic allOf: B → A → B: a type cannot contain itself by value; refer to it from a property instead, or generate with --lenient to leave that member out",
	"files.yaml":                        "",
	"items-mutual.yaml":                 "",
	"items.yaml":                        "",
	"linked-list.yaml":                  "",
	"not-only.yaml":                     "",
	"not.yaml":                          "",
	"oneof-direct.yaml":                 "oneof-direct.yaml:25:7: /components/schemas/A/oneOf: warning: oneOf variant A closes a cycle of unions (A → A): it adds no value of its own and is left out",
	"oneof-self.yaml":                   "",
}

// TestCyclicContractsNeverCrash generates every cyclic contract (three of
// them overflowed the stack before): each either exits 2 with its
// positioned "cyclic allOf" message, or gives a package that builds and
// vets. All packages are built with one go command.
func TestCyclicContractsNeverCrash(t *testing.T) {
	dir := "../../testdata/contracts/cyclic"
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(cyclicWant) {
		t.Fatalf("%d contracts in %s, %d in the table: keep them in step", len(files), dir, len(cyclicWant))
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module cyclic\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	built := 0
	for _, f := range files {
		name := filepath.Base(f)
		want, ok := cyclicWant[name]
		if !ok {
			t.Errorf("%s: not in the table", name)
			continue
		}
		pkg := strings.NewReplacer("-", "", ".yaml", "").Replace(name)
		code, _, stderr := runCLI(t, abs(t, dir), "gen", "--contract", name, "--out", filepath.Join(mod, pkg), "--package", pkg)
		wantCode := 0
		if strings.Contains(want, "cyclic allOf") {
			wantCode = 2
		}
		// gen's closing line says where it wrote; the rest is the contract's.
		var problems []string
		for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if !strings.HasPrefix(l, "gen: wrote ") {
				problems = append(problems, l)
			}
		}
		if code != wantCode || strings.Join(problems, "\n") != want {
			t.Errorf("%s: exit %d\n%s\nwant exit %d and\n%s", name, code, stderr, wantCode, want)
		}
		if code == 0 {
			built++
		}
	}
	if built == 0 {
		t.Fatal("nothing generated")
	}
	// A union that is its own variant made the generated decoder try
	// itself forever: decode through the two such contracts.
	main := `package main

import (
	"encoding/json"
	"fmt"

	"cyclic/anyofdirectchain"
	"cyclic/oneofdirect"
)

func main() {
	var a oneofdirect.A
	var b anyofdirectchain.A
	fmt.Println(json.Unmarshal([]byte(` + "`\"x\"`" + `), &a), json.Unmarshal([]byte("true"), &b), json.Unmarshal([]byte("{}"), &b) != nil)
}
`
	if err := os.MkdirAll(filepath.Join(mod, "cmd", "decode"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "cmd", "decode", "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, mod, nil, "vet", "./...") // vet builds every package first
	if out := goCmd(t, mod, nil, "run", "./cmd/decode"); out != "<nil> <nil> true\n" {
		t.Errorf("decoding through self-referencing unions: %q", out)
	}
}
