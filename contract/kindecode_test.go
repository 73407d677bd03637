package contract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// kinBoth decodes data both ways: kinFromTree (ok false when it left the
// document to kin-openapi) and kin-openapi's own json.Unmarshal.
func kinBoth(t *testing.T, data []byte) (got *openapi3.T, ok bool, want *openapi3.T, wantErr error) {
	t.Helper()
	tree, treeOK := decodeJSONTree(data)
	obj, isObj := tree.(map[string]any)
	if !treeOK || !isObj {
		t.Fatalf("not a JSON object: %.80s", data)
	}
	got, ok = kinFromTree(obj)
	want = new(openapi3.T)
	wantErr = json.Unmarshal(data, want)
	return got, ok, want, wantErr
}

// checkKin: where kinFromTree builds a document it is exactly
// kin-openapi's, and it never builds one kin-openapi refuses.
func checkKin(t *testing.T, name string, data []byte) (fellBack bool) {
	t.Helper()
	got, ok, want, wantErr := kinBoth(t, data)
	switch {
	case !ok:
		return true
	case wantErr != nil:
		t.Errorf("%s: kin-openapi refuses it (%v), kinFromTree built a document", name, wantErr)
	case !reflect.DeepEqual(got, want):
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("%s: kinFromTree's document differs from kin-openapi's:\n got %.600s\nwant %.600s", name, g, w)
	}
	return false
}

// TestKinFromTree compares kinFromTree with kin-openapi's decoder on every
// JSON contract of testdata (and every YAML one, as JSON) and, when
// $TOOLKIT_KIN_CORPUS names folders (separated by ':'), on every JSON file
// in them (the dev corpus, GitHub's descriptions).
func TestKinFromTree(t *testing.T) {
	var files []string
	filepath.WalkDir("../testdata/contracts", func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".yaml")) {
			files = append(files, p)
		}
		return nil
	})
	for _, dir := range filepath.SplitList(os.Getenv("TOOLKIT_KIN_CORPUS")) {
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		files = append(files, more...)
	}
	checked, fell := 0, 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, ".yaml") {
			var v any
			if yaml.Unmarshal(data, &v) != nil {
				continue
			}
			if data, err = json.Marshal(normalizeKeys(v)); err != nil {
				continue
			}
		}
		if tree, ok := decodeJSONTree(data); !ok || !isOpenAPI3(tree) {
			continue
		}
		checked++
		if checkKin(t, p, data) {
			fell++
			t.Logf("left to kin-openapi: %s", p)
		}
	}
	t.Logf("%d documents compared, %d left to kin-openapi", checked, fell)
	if checked < 10 {
		t.Errorf("only %d documents compared", checked)
	}
}

func isOpenAPI3(tree any) bool {
	m, ok := tree.(map[string]any)
	if !ok {
		return false
	}
	v, ok := m["openapi"].(string)
	return ok && strings.HasPrefix(v, "3")
}

// TestKinFromTreeCases: the rules kin-openapi's decoders follow, and what
// kinFromTree leaves to them.
func TestKinFromTreeCases(t *testing.T) {
	const head = `{"openapi":"3.1.0","info":{"title":"t","version":"1"},`
	for _, c := range []struct {
		name, doc string
		fallBack  bool
	}{
		{"extensions everywhere", `"x-a":1,"paths":{"x-p":{"k":[1,"s"]},"/a":{"x-i":true,"get":{"x-o":null,"responses":{"x-r":2,"200":{"description":"ok","x-d":"e"}}}}}}`, false},
		{"unknown keys are extensions", `"paths":{},"components":{"schemas":{"A":{"type":"object","nonsense":{"a":1}}}}}`, false},
		{"boolean schemas and 3.1 keywords", `"paths":{},"components":{"schemas":{"A":{"type":["string","null"],"properties":{"t":true,"f":false},"additionalProperties":false,"unevaluatedProperties":{},"exclusiveMinimum":3,"items":{"$ref":"#/components/schemas/B"},"prefixItems":[{"type":"integer"}],"const":null,"examples":[1,{"a":[]}]},"B":{"type":"string","exclusiveMaximum":true,"maxLength":10,"minLength":0,"enum":["a",null],"discriminator":{"propertyName":"k","mapping":{"a":"#/components/schemas/A"}}}}}}`, false},
		{"additionalProperties schema", `"paths":{},"components":{"schemas":{"A":{"additionalProperties":{"type":"integer","x-y":1}}}}}`, false},
		{"refs to every kind", `"paths":{"/a":{"parameters":[{"$ref":"#/components/parameters/P"}],"post":{"requestBody":{"$ref":"#/components/requestBodies/R"},"responses":{"default":{"$ref":"#/components/responses/D"}},"callbacks":{"c":{"$ref":"#/components/callbacks/C"}}}}},"components":{"parameters":{"P":{"name":"p","in":"query","schema":{"type":"string"},"examples":{"e":{"$ref":"#/components/examples/E"}}}},"requestBodies":{"R":{"content":{"application/json":{"schema":{"type":"object"},"encoding":{"a":{"headers":{"h":{"$ref":"#/components/headers/H"}}}}}}}},"responses":{"D":{"description":"d","links":{"l":{"$ref":"#/components/links/L"}}}},"headers":{"H":{"schema":{"type":"integer"}}},"examples":{"E":{"value":{"a":1}}},"links":{"L":{"operationId":"x","parameters":{"a":"$request.path.a"}}},"callbacks":{"C":{"{$url}":{"post":{"responses":{"200":{"description":"ok"}}}}}},"securitySchemes":{"o":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a","scopes":{"r":"read"}}}}}},"security":[{"o":["r"]}],"servers":[{"url":"https://{h}","variables":{"h":{"default":"x","enum":["x"]}}}],"tags":[{"name":"t","externalDocs":{"url":"https://d"}}],"webhooks":{"w":{"post":{"responses":{"200":{"description":"ok"}}}}}}`, false},
		{"null members", `"paths":{},"components":{"schemas":{"A":null,"B":{"properties":{"p":null},"allOf":[null]}}}}`, false},
		{"a key matching a field only case-insensitively", `"paths":{},"components":{"schemas":{"A":{"Type":"string"}}}}`, true},
		{"a $ref beside other keys", `"paths":{},"components":{"schemas":{"A":{"$ref":"#/components/schemas/B","description":"d"},"B":{}}}}`, true},
		{"a $ref in other case", `"paths":{},"components":{"schemas":{"A":{"$REF":"#/components/schemas/B"},"B":{}}}}`, true},
		{"responses: null", `"paths":{"/a":{"get":{"responses":null}}}}`, true},
		{"a null path item", `"paths":{"/a":null}}`, true},
		{"a fraction for an unsigned keyword", `"paths":{},"components":{"schemas":{"A":{"minLength":1.5}}}}`, true},
		{"a negative unsigned keyword", `"paths":{},"components":{"schemas":{"A":{"maxItems":-1}}}}`, true},
		{"a string where a number belongs", `"paths":{},"components":{"schemas":{"A":{"minimum":"1"}}}}`, true},
		{"a type list with a number", `"paths":{},"components":{"schemas":{"A":{"type":["string",1]}}}}`, true},
		{"an __origin__ key", `"paths":{},"components":{"schemas":{"A":{"__origin__":{"file":"x"}}}}}`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if fell := checkKin(t, c.name, []byte(head+c.doc)); fell != c.fallBack {
				t.Errorf("left to kin-openapi: %v, want %v", fell, c.fallBack)
			}
		})
	}
}

// TestKinFromTreeLoad: a contract loaded with KinFromTree is the one
// loaded without it, $refs resolved and validated.
func TestKinFromTreeLoad(t *testing.T) {
	for _, p := range []string{"../testdata/contracts/v31/openapi.json", "../testdata/contracts/kitchensink/openapi.yaml"} {
		a, err := Load(p, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Load(p, LoadOptions{KinFromTree: true})
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a.T)
		jb, _ := json.Marshal(b.T)
		if string(ja) != string(jb) {
			t.Errorf("%s: loaded with KinFromTree differs:\n%.600s\n%.600s", p, jb, ja)
		}
	}
}

// FuzzKinFromTree: on any JSON object, kinFromTree builds kin-openapi's
// document or leaves it to kin-openapi.
func FuzzKinFromTree(f *testing.F) {
	f.Add(`{"openapi":"3.0.0","paths":{"/a":{"get":{"responses":{"200":{"description":"x"}}}}}}`)
	f.Add(`{"components":{"schemas":{"A":{"type":["a"],"items":true,"exclusiveMinimum":1,"additionalProperties":{"$ref":"#/x"}}}}}`)
	f.Add(`{"webhooks":{"a":{"$ref":"x","Summary":1}},"tags":[null,{"name":"n"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		tree, ok := decodeJSONTree([]byte(s))
		if _, isObj := tree.(map[string]any); !ok || !isObj {
			return
		}
		checkKin(t, "input", []byte(s))
	})
}
