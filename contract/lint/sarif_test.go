package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The SARIF 2.1.0 schema (testdata/lint/sarif-schema-2.1.0.json) comes from
// the npm package @microsoft/jest-sarif@1.0.0-beta.0 (MIT). It is draft-04
// JSON Schema using only the keywords schemaCheck implements.

// schemaCheck validates v against schema node s of root, returning every
// violation with its JSON path.
func schemaCheck(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/definitions/")
		d, ok := root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{at + ": unknown $ref " + ref}
		}
		return schemaCheck(root, d, v, at)
	}
	var errs []string
	if t, ok := s["type"].(string); ok && !hasType(v, t) {
		return []string{fmt.Sprintf("%s: %v is not of type %s", at, v, t)}
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			found = found || x == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum %v", at, v, e))
		}
	}
	if min, ok := s["minimum"].(float64); ok {
		if n, ok := v.(float64); ok && n < min {
			errs = append(errs, fmt.Sprintf("%s: %v below minimum %v", at, n, min))
		}
	}
	if p, ok := s["pattern"].(string); ok {
		if str, ok := v.(string); ok && !regexp.MustCompile(p).MatchString(str) {
			errs = append(errs, fmt.Sprintf("%s: %q does not match %s", at, str, p))
		}
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts, ok := s[k].([]any); ok {
			n := 0
			for _, a := range alts {
				if len(schemaCheck(root, a.(map[string]any), v, at)) == 0 {
					n++
				}
			}
			if n == 0 || (k == "oneOf" && n > 1) {
				errs = append(errs, fmt.Sprintf("%s: %d alternatives of %s match", at, n, k))
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: missing required %q", at, r))
			}
		}
		for k, val := range x {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, schemaCheck(root, ps, val, at+"/"+k)...)
			} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
				errs = append(errs, schemaCheck(root, ap, val, at+"/"+k)...)
			} else if s["additionalProperties"] == false {
				errs = append(errs, fmt.Sprintf("%s: property %q not allowed", at, k))
			}
		}
	case []any:
		if min, ok := s["minItems"].(float64); ok && float64(len(x)) < min {
			errs = append(errs, fmt.Sprintf("%s: fewer than %v items", at, min))
		}
		if it, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, schemaCheck(root, it, e, fmt.Sprintf("%s/%d", at, i))...)
			}
		}
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "integer":
		n, ok := v.(float64)
		return ok && n == float64(int64(n))
	case "number":
		_, ok := v.(float64)
		return ok
	case "null":
		return v == nil
	}
	return false
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	data, err := os.ReadFile("../../testdata/lint/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	fs, err := Run("../../testdata/lint/multifile/openapi.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range [][]Finding{fs, nil} {
		var buf bytes.Buffer
		if err := Write(&buf, "sarif", set); err != nil {
			t.Fatal(err)
		}
		var log map[string]any
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		for _, e := range schemaCheck(schema, schema, log, "") {
			t.Error(e)
		}
	}
	// The checker itself rejects a broken log.
	broken := map[string]any{"version": "2.0.0", "runs": []any{map[string]any{}}}
	if errs := schemaCheck(schema, schema, broken, ""); len(errs) < 2 {
		t.Errorf("broken log passed the schema check: %v", errs)
	}
}
