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
// written, from YAML and from JSON, and warns about a member no int64
// holds.
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
		if len(warns) != 1 || !strings.Contains(warns[0], "/components/schemas/Big/enum/4: warning: integer enum member 18446744073709551615 does not fit a 64-bit signed integer") {
			t.Errorf("%s: warnings %q", name, warns)
		}
	}
}
