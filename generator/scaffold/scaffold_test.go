package scaffold

import (
	"flag"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
)

var update = flag.Bool("update", false, "rewrite golden files")

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func loadModel(t *testing.T, path string) *contract.Model {
	t.Helper()
	_, m, err := contract.Open(path, contract.LoadOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return m
}

const petstore = "../../examples/petstore/openapi.yaml"

// TestGoldenPetstore pins every scaffold file for the petstore contract,
// plain and with --tool (go test -run TestGoldenPetstore -update rewrites).
func TestGoldenPetstore(t *testing.T) {
	m := loadModel(t, petstore)
	cases := []struct {
		dir  string
		opts Options
	}{
		{"petstore", Options{Module: "example.com/petstore", Package: "api", Contract: "openapi.yaml"}},
		{"petstore-tool", Options{Module: "petstore", Package: "petapi", Contract: "../specs/pet store.yaml", Tool: true, ToolVersion: "v1.2.3"}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			files, err := Generate(m, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range files {
				names = append(names, f.Name)
				if f.UserOwned == (f.Name == MountFile) {
					t.Errorf("%s: user-owned %v", f.Name, f.UserOwned)
				}
				checkGolden(t, filepath.Join("testdata", c.dir, f.Name+".golden"), f.Data)
			}
			want := []string{"go.mod", "toolkit.yaml", "Makefile", "README.md", ".gitignore", ServiceFile, MountFile, MainFile, TestFile}
			if diff := cmp.Diff(want, names); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			again, err := Generate(m, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(files, again); diff != "" {
				t.Errorf("two runs differ:\n%s", diff)
			}
		})
	}
}

func TestOptionsRejected(t *testing.T) {
	m := loadModel(t, petstore)
	good := Options{Module: "example.com/x", Package: "api", Contract: "openapi.yaml"}
	cases := []struct {
		name   string
		change func(*Options)
		want   string
	}{
		{"no module", func(o *Options) { o.Module = "" }, "no module path"},
		{"space in module", func(o *Options) { o.Module = "example.com/my service" }, `' ' is not allowed`},
		{"empty element", func(o *Options) { o.Module = "example.com//x" }, "empty"},
		{"dot element", func(o *Options) { o.Module = "example.com/../x" }, "starts or ends badly"},
		{"newline in module", func(o *Options) { o.Module = "example.com/x\nrequire evil v1" }, "not allowed"},
		{"package not identifier", func(o *Options) { o.Package = "my-api" }, "not a Go identifier"},
		{"package keyword", func(o *Options) { o.Package = "func" }, "not a Go identifier"},
		{"package upper case", func(o *Options) { o.Package = "API" }, "lower-case"},
		{"package clashes with a local", func(o *Options) { o.Package = "http" }, "clashes"},
		{"package folder taken", func(o *Options) { o.Package = "internal" }, "share a folder"},
		{"contract with newline", func(o *Options) { o.Contract = "a\nb.yaml" }, "line break"},
		{"tool without version", func(o *Options) { o.Tool = true }, "not a module version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := good
			c.change(&o)
			_, err := Generate(m, o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := Generate(m, good); err != nil {
		t.Errorf("good options rejected: %v", err)
	}
}

// hostileModel is a contract whose text tries to break out of every file
// the scaffold writes.
func hostileModel() *contract.Model {
	str := &contract.Type{Kind: contract.KindString}
	return &contract.Model{
		Title:   "Evil <script>alert(1)</script> | [link](javascript:x) `code` */ \n# heading",
		Version: "1.0\n## injected",
		Operations: []*contract.Operation{
			{
				ID: "getThing", Method: "GET", Path: "/things/{id}|`x`",
				Summary:   "Get */ func init() { panic(1) } /* <img src=x onerror=alert(1)>\n| injected | row |",
				Params:    []*contract.Param{{Name: "id", In: contract.InPath, Required: true, Style: "simple", Type: str, Example: "a\"b%s\n", HasExample: true}},
				Responses: []*contract.Response{{Status: "200"}},
			},
		},
	}
}

func TestHostileContract(t *testing.T) {
	files, err := Generate(hostileModel(), Options{Module: "example.com/x", Package: "api", Contract: "it's $(rm -rf ~) #x.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, f := range files {
		byName[f.Name] = string(f.Data)
		if strings.HasSuffix(f.Name, ".go") {
			if _, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.AllErrors); err != nil {
				t.Errorf("%s does not parse: %v\n%s", f.Name, err, f.Data)
			}
			if strings.Contains(string(f.Data), "func init") && !strings.Contains(string(f.Data), "// Get */ func init()") {
				t.Errorf("%s: the summary left its comment:\n%s", f.Name, f.Data)
			}
		}
	}
	readme := byName["README.md"]
	for _, bad := range []string{"<script>", "<img", "](javascript", "\n# heading", "\n## injected", "\n| injected"} {
		if strings.Contains(readme, bad) {
			t.Errorf("README.md contains %q:\n%s", bad, readme)
		}
	}
	// Every table row of the README has the header's four pipes.
	for _, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(l, "| ") && strings.Count(l, "|")-strings.Count(l, `\|`) != 4 {
			t.Errorf("README table row with extra cells: %q", l)
		}
	}
	if !strings.Contains(byName["Makefile"], `--contract 'it'\''s $$(rm -rf ~) #x.yaml'`) {
		t.Errorf("Makefile does not quote the contract path:\n%s", byName["Makefile"])
	}
	if !strings.Contains(byName["toolkit.yaml"], `contract: "it's $(rm -rf ~) #x.yaml"`) {
		t.Errorf("toolkit.yaml does not quote the contract path:\n%s", byName["toolkit.yaml"])
	}
	// The test sends the example as the path segment, escaped.
	if !strings.Contains(byName[TestFile], `"/things/a%22b%25s%0A|`) {
		t.Errorf("test request target not escaped:\n%s", byName[TestFile])
	}
}

func TestMarkdown(t *testing.T) {
	cases := []struct {
		fn       func(string) string
		in, want string
	}{
		{markdownText, "a <b> & [c](d) `e` | *f* _g_ #h", `a &lt;b&gt; &amp; \[c\]\(d\) \` + "`" + `e\` + "`" + ` \| \*f\* \_g\_ \#h`},
		{markdownCode, "/pets/{id}", "`/pets/{id}`"},
		{markdownCode, "a`b", "``a`b``"},
		{markdownCode, "`a", "`` `a ``"},
		{markdownCode, "a|b", "`a\\|b`"},
		{yamlString, "openapi.yaml", "openapi.yaml"},
		{yamlString, "../specs/api.yaml", "../specs/api.yaml"},
		{yamlString, "-x.yaml", `"-x.yaml"`},
		{yamlString, "a: b", `"a: b"`},
		{shellWord, "openapi.yaml", "openapi.yaml"},
		{shellWord, "a b", "'a b'"},
		{shellWord, "$x", "'$$x'"},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzMarkdownText: escaped text never holds markup that opens a tag, an
// entity or a table cell.
func FuzzMarkdownText(f *testing.F) {
	f.Add("<script>|x|</script>&amp;")
	f.Fuzz(func(t *testing.T, s string) {
		got := markdownText(s)
		if strings.ContainsAny(got, "<>") {
			t.Fatalf("%q → %q keeps an angle bracket", s, got)
		}
		unescaped := strings.ReplaceAll(got, `\\`, "")
		for _, r := range "|[]`" {
			if strings.Count(unescaped, string(r)) != strings.Count(unescaped, `\`+string(r)) {
				t.Fatalf("%q → %q leaves %q unescaped", s, got, r)
			}
		}
	})
}

func TestGroupImports(t *testing.T) {
	src := "package x\n\nimport (\n\t\"context\"\n\t\"example.com/a/api\"\n\tsvc \"mod/internal/service\"\n\t\"net/http\"\n)\n\nvar _ = 1\n"
	got, err := groupImports([]byte(src), "mod")
	if err != nil {
		t.Fatal(err)
	}
	want := "package x\n\nimport (\n\t\"context\"\n\t\"net/http\"\n\n\t\"example.com/a/api\"\n\tsvc \"mod/internal/service\"\n)\n\nvar _ = 1\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestProbe checks which operation the generated test calls and the
// request it builds.
func TestProbe(t *testing.T) {
	str := &contract.Type{Kind: contract.KindString}
	integer := &contract.Type{Kind: contract.KindInt, Example: 7.0, HasExample: true}
	obj := &contract.Type{Kind: contract.KindObject, Name: "Filter"}
	body := &contract.RequestBody{Required: true, Contents: []*contract.Content{{MediaType: "application/json", Kind: contract.BodyJSON, Type: str, Example: "hi", HasExample: true}}}
	ok200 := []*contract.Response{{Status: "200"}}
	op := func(id, method, path string, params []*contract.Param, b *contract.RequestBody) *contract.Operation {
		return &contract.Operation{ID: id, Method: method, Path: path, Params: params, Body: b, Responses: ok200}
	}
	pathID := &contract.Param{Name: "id", In: contract.InPath, Required: true, Style: "simple", Type: integer}
	cases := []struct {
		name string
		ops  []*contract.Operation
		want string // method target [headers] [body]
	}{
		{"GET without parameters first", []*contract.Operation{
			op("create", "POST", "/a", nil, nil),
			op("get", "GET", "/a/{id}", []*contract.Param{pathID}, nil),
			op("list", "GET", "/b", nil, nil),
		}, "GET /b"},
		{"path, query, header and cookie values", []*contract.Operation{
			op("get", "GET", "/a/{id}", []*contract.Param{
				pathID,
				{Name: "q s", In: contract.InQuery, Required: true, Style: "form", Explode: true, Type: str, Example: "x&y", HasExample: true},
				{Name: "optional", In: contract.InQuery, Style: "form", Type: obj},
				{Name: "X-Key", In: contract.InHeader, Required: true, Style: "simple", Type: str, Example: "k", HasExample: true},
				{Name: "session", In: contract.InCookie, Required: true, Style: "form", Type: str, Example: "s", HasExample: true},
			}, nil),
		}, "GET /a/7?q+s=x%26y X-Key=k session=s"},
		{"object parameter skipped", []*contract.Operation{
			op("search", "GET", "/s", []*contract.Param{{Name: "f", In: contract.InQuery, Required: true, Style: "deepObject", Type: obj}}, nil),
			op("create", "POST", "/c", nil, body),
		}, `POST /c body application/json "hi"`},
		{"fragment path skipped", []*contract.Operation{
			op("target", "POST", "/#X-Amz-Target=Svc.Op", nil, nil),
			op("query", "GET", "/?Action=Describe", nil, nil),
		}, "none"},
		{"matrix path skipped", []*contract.Operation{
			op("get", "GET", "/m/{id}", []*contract.Param{{Name: "id", In: contract.InPath, Required: true, Style: "matrix", Type: str}}, nil),
		}, "none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := &contract.Model{Operations: c.ops}
			p := newProject(m, Options{Module: "example.com/x", Package: "api", Contract: "openapi.yaml"})
			pr, ok := p.pickProbe()
			got := "none"
			if ok {
				got = pr.name.Op.Method + " " + pr.target
				for _, h := range append(pr.headers, pr.cookies...) {
					got += " " + h[0] + "=" + h[1]
				}
				if pr.contentType != "" {
					got += " body " + pr.contentType + " " + pr.body
				}
			}
			if got != c.want {
				t.Errorf("probe %q, want %q", got, c.want)
			}
		})
	}
}

// TestNoProbeCallsMethod: when no operation can be called over HTTP with
// sample values, the test calls a handler method directly.
func TestNoProbeCallsMethod(t *testing.T) {
	m := &contract.Model{Operations: []*contract.Operation{{
		ID: "upload", Method: "POST", Path: "/u",
		Body:      &contract.RequestBody{Required: true, Contents: []*contract.Content{{MediaType: "application/octet-stream", Kind: contract.BodyBinary}}},
		Responses: []*contract.Response{{Status: "204"}},
	}}}
	files, err := Generate(m, Options{Module: "example.com/x", Package: "api", Contract: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name == TestFile && !strings.Contains(string(f.Data), "service.New().Upload(context.Background(), api.UploadRequest{})") {
			t.Errorf("test does not call the method:\n%s", f.Data)
		}
	}
}

// TestContractHealthz: when the contract has its own /healthz, main.go
// leaves the path to it.
func TestContractHealthz(t *testing.T) {
	m := &contract.Model{Operations: []*contract.Operation{{ID: "health", Method: "GET", Path: "/healthz", Responses: []*contract.Response{{Status: "200"}}}}}
	files, err := Generate(m, Options{Module: "example.com/x", Package: "api", Contract: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch f.Name {
		case MainFile:
			if strings.Contains(string(f.Data), `"GET /healthz"`) || !strings.Contains(string(f.Data), `mux.Handle("/", api.NewServer(service.New(), api.WithMiddleware(logRequests(log))))`) {
				t.Errorf("main.go shadows the contract's /healthz:\n%s", f.Data)
			}
		case "README.md":
			if strings.Contains(string(f.Data), "added by `cmd/server/main.go`") {
				t.Errorf("README claims main.go adds /healthz:\n%s", f.Data)
			}
		}
	}
}
