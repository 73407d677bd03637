package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestIntegerEnumBeyond2p53Exact: kin-openapi decodes enum members as
// float64, which rounded 9007199254740993 to …992 and turned 2^63−1 into
// 2^63 (then dropped by the generator). The Model keeps the digits as
// written, from YAML and from JSON, without a warning: generated Go holds
// members beyond int64 too (a uint64, or the digits).
func TestIntegerEnumBeyond2p53Exact(t *testing.T) {
	members := "[1, 9007199254740993, 9223372036854775807, -9223372036854775808, 18446744073709551615]"
	yamlSrc := "openapi: 3.0.3\ninfo: {title: E, version: v}\npaths: {}\ncomponents:\n  schemas:\n    Big:\n      type: integer\n      enum: " + members + "\n"
	jsonSrc := `{"openapi": "3.0.3", "info": {"title": "E", "version": "v"}, "paths": {},
  "components": {"schemas": {"Big": {"type": "integer", "enum": ` + members + `}}}}`
	want := []any{1.0, json.Number("9007199254740993"), json.Number("9223372036854775807"), json.Number("-9223372036854775808"), json.Number("18446744073709551615")}
	for name, src := range map[string]string{"c.yaml": yamlSrc, "c.json": jsonSrc} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		doc, m, err := Open(path, LoadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var big *Type
		for _, ty := range m.Types {
			if ty.Name == "Big" {
				big = ty
			}
		}
		if big == nil || big.Kind != KindEnum || big.Base != KindInt {
			t.Fatalf("%s: Big = %+v", name, big)
		}
		if d := cmp.Diff(want, big.Enum); d != "" {
			t.Errorf("%s: enum (-want +got):\n%s", name, d)
		}
		var warns []string
		for _, w := range doc.Warnings {
			warns = append(warns, w.String())
		}
		if len(warns) != 0 {
			t.Errorf("%s: warnings %q", name, warns)
		}
	}
}

// TestIntegerBoundRounded: a bound a float64 cannot hold is warned about
// at its position, naming the value it is held as; one it holds exactly
// (2^63 spelled 9223372036854775808, 2^53) is not.
func TestIntegerBoundRounded(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: E, version: v}\npaths: {}\ncomponents:\n  schemas:\n    N:\n      type: integer\n      minimum: 9007199254740992\n      maximum: 9007199254740993\n    M:\n      type: integer\n      maximum: 9223372036854775808\n"
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, _, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, w := range doc.Warnings {
		warns = append(warns, w.String())
	}
	want := "c.yaml:9:7: /components/schemas/N/maximum: warning: maximum 9007199254740993 is held as 9007199254740992"
	if len(warns) != 1 || !strings.Contains(warns[0], want) {
		t.Errorf("warnings %q; want one containing %q", warns, want)
	}
}
