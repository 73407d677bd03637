package golang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// formatAll is goStrings as first written: every expression formatted.
func formatAll(exprs []*jen.Statement) []string {
	out := varLines(exprs, func(int) bool { return true }, false)
	for i, e := range exprs {
		if out[i] == "" {
			out[i] = e.GoString()
		}
	}
	return out
}

// TestGoStringsAsFormatted: the identifiers' types, rendered mostly
// without formatting, are exactly the formatted ones, on every shared
// contract and on those $TOOLKIT_IDENT_CORPUS names (a list of files).
func TestGoStringsAsFormatted(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/contracts/*/openapi.*")
	paths = append(paths, filepath.SplitList(os.Getenv("TOOLKIT_IDENT_CORPUS"))...)
	plain := 0
	for _, p := range paths {
		_, m, err := contract.Open(p, contract.LoadOptions{})
		if err != nil {
			continue // the broken ones
		}
		opts := generator.Options{Package: "api"}
		got, want := identifiersWith(m, opts, goStrings), identifiersWith(m, opts, formatAll)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s (-formatted +goStrings):\n%s", p, d)
		}
		for _, id := range got {
			if _, ok := plainType(id.Type); ok {
				plain++
			}
		}
	}
	if plain == 0 {
		t.Error("no type was plain: the unformatted path never ran")
	}
}

func TestPlainType(t *testing.T) {
	for raw, want := range map[string]string{
		"*string": "*string", "[] * Pet": "[]*Pet", "map[string]any": "map[string]any", "Nullable[int64]": "Nullable[int64]",
		"time.Time": "time.Time", "[3]Ünïcode": "[3]Ünïcode", "* json.RawMessage": "*json.RawMessage",
		"": "", "func()": "", "struct{}": "", "Pair[A, B]": "", "Pair[A,B]": "", "chan int": "", "interface {\n}": "", "[]a b": "",
	} {
		got, ok := plainType(raw)
		if got != want || ok != (want != "") {
			t.Errorf("plainType(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
}
