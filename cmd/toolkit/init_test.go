package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// goCmd runs the go command of the running toolchain in dir, offline: the
// projects init writes need nothing from the network.
func goCmd(t *testing.T, dir string, env []string, args ...string) string {
	defer func(s time.Time) { t.Logf("go %s: %s", args[0], time.Since(s).Round(time.Millisecond)) }(time.Now())
	t.Helper()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// initProject runs toolkit init for contract into a fresh folder and
// returns the folder; the contract is copied in first when copy is set.
func initProject(t *testing.T, contractFile, module string, copyIn bool, extra ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "svc")
	c := abs(t, contractFile)
	if copyIn {
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		c = filepath.Join(dir, "openapi"+filepath.Ext(c))
		if err := os.WriteFile(c, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := append([]string{"init", "--contract", c, "--out", dir, "--module", module}, extra...)
	if code, _, stderr := runCLI(t, "", args...); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr)
	}
	return dir
}

// TestInitServe: init, build, vet and test the new project, then run its
// server: an operation answers 501 problem+json, /healthz 200, requests
// are logged, and SIGTERM stops it cleanly.
func TestInitServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project")
	}
	dir := initProject(t, "../../examples/petstore/openapi.yaml", "example.com/petstore", true)
	// go build ./..., writing the one command into bin/.
	goCmd(t, dir, nil, "build", "-o", "bin/", "./...")
	goCmd(t, dir, nil, "vet", "./...")
	if out := goCmd(t, dir, nil, "test", "./..."); !strings.Contains(out, "ok  \texample.com/petstore/internal/service") {
		t.Errorf("the project's own test did not run:\n%s", out)
	}

	srv := exec.Command(filepath.Join(dir, "bin", "server"), "-addr", "127.0.0.1:0")
	stderr, err := srv.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var logged []string
	addrRE := regexp.MustCompile(`msg=listening addr=(\S+)`)
	var addr string
	for addr == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("server exited before listening:\n%s", strings.Join(logged, "\n"))
			}
			logged = append(logged, l)
			if m := addrRE.FindStringSubmatch(l); m != nil {
				addr = m[1]
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("server did not log its address:\n%s", strings.Join(logged, "\n"))
		}
	}

	resp, err := http.Get("http://" + addr + "/pets")
	if err != nil {
		t.Fatal(err)
	}
	var problem struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	err = json.NewDecoder(resp.Body).Decode(&problem)
	resp.Body.Close()
	if resp.StatusCode != 501 || resp.Header.Get("Content-Type") != "application/problem+json" || err != nil || problem.Status != 501 || !strings.Contains(problem.Detail, "listPets") {
		t.Errorf("GET /pets: %d %s %+v (%v); want 501 problem+json naming listPets", resp.StatusCode, resp.Header.Get("Content-Type"), problem, err)
	}
	resp, err = http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Errorf("GET /healthz: %d %q, want 200 ok", resp.StatusCode, body)
	}

	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for l := range lines {
		logged = append(logged, l)
	}
	if err := srv.Wait(); err != nil {
		t.Errorf("server after SIGTERM: %v\n%s", err, strings.Join(logged, "\n"))
	}
	all := strings.Join(logged, "\n")
	for _, want := range []string{"msg=request method=GET path=/pets status=501", "msg=\"shutting down\"", "msg=stopped"} {
		if !strings.Contains(all, want) {
			t.Errorf("server log lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "path=/healthz") {
		t.Errorf("health checks are logged:\n%s", all)
	}
}

// TestInitRerun: after the contract gains and renames operations, init
// (and gen) rewrite only *.gen.go, keep the user's files byte for byte,
// and list the missing and stale handler methods.
func TestInitRerun(t *testing.T) {
	dir := initProject(t, "../../examples/petstore/openapi.yaml", "example.com/petstore", true)
	userFiles := []string{"go.mod", "toolkit.yaml", "Makefile", "README.md", ".gitignore", "cmd/server/main.go", "internal/service/service.go", "internal/service/service_test.go"}
	before := map[string]string{}
	for _, f := range userFiles {
		p := filepath.Join(dir, filepath.FromSlash(f))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("init did not create %s: %v", f, err)
		}
		if f == "README.md" || f == "internal/service/service.go" {
			data = append(data, "// edited by the user\n"...)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before[f] = string(data)
	}

	contractFile := filepath.Join(dir, "openapi.yaml")
	spec, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	version := "paths:\n  /version:\n    get:\n      operationId: getVersion\n      responses:\n        '204':\n          description: ok\n"
	changed := strings.ReplaceAll(strings.Replace(string(spec), "paths:\n", version, 1), "operationId: deletePet", "operationId: removePet")
	if err := os.WriteFile(contractFile, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	// --module comes from go.mod this time.
	code, stdout, stderr := runCLI(t, "", "init", "--contract", contractFile, "--out", dir)
	if code != 0 {
		t.Fatalf("init again: exit %d\n%s", code, stderr)
	}
	for _, f := range userFiles {
		data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if diff := cmp.Diff(before[f], string(data)); diff != "" {
			t.Errorf("init again changed %s:\n%s", f, diff)
		}
		if !strings.Contains(stdout, "kept      "+filepath.Join(dir, filepath.FromSlash(f))) {
			t.Errorf("stdout does not say %s was kept:\n%s", f, stdout)
		}
	}
	server, _ := os.ReadFile(filepath.Join(dir, "api", "server.gen.go"))
	if !strings.Contains(string(server), "GetVersion(ctx context.Context, req GetVersionRequest)") {
		t.Error("server.gen.go was not regenerated")
	}
	wantReport := []string{
		"operation removePet (DELETE /pets/{petId}) has no handler method; add:\n\tfunc (s *Service) RemovePet(ctx context.Context, req api.RemovePetRequest) (api.RemovePetResponse, error)",
		"operation getVersion (GET /version) has no handler method; add:\n\tfunc (s *Service) GetVersion(ctx context.Context, req api.GetVersionRequest) (api.GetVersionResponse, error)",
		"service.go:55:1: handler method DeletePet has no operation in the contract any more",
	}
	for _, w := range wantReport {
		if !strings.Contains(stderr, w) {
			t.Errorf("init's report lacks %q:\n%s", w, stderr)
		}
	}

	// toolkit gen in the project reports the same, and finds its output fresh.
	code, _, stderr = runCLI(t, dir, "gen", "--check")
	if code != 0 {
		t.Errorf("gen --check after init: exit %d\n%s", code, stderr)
	}
	for _, w := range wantReport {
		if !strings.Contains(stderr, w) {
			t.Errorf("gen's report lacks %q:\n%s", w, stderr)
		}
	}
	// Only the server target is about handlers: the client's run prints
	// the contract's warnings (the pet store's links) and what it wrote.
	if code, _, stderr = runCLI(t, dir, "gen", "--generate", "client"); code != 0 || !strings.HasSuffix(stderr, "\ngen: wrote 5 files to api\n") || strings.Contains(stderr, "handler") {
		t.Errorf("gen --generate client: exit %d, stderr %q; want 0 and only warnings and what was written, no handler report", code, stderr)
	}
}

// probeContract makes the generated test call an operation with a path
// parameter, a query parameter, a header and a JSON body, all required,
// so the sample values must pass the generated server's validation.
const probeContract = `openapi: 3.0.3
info: {title: Probe, version: "1"}
paths:
  /orders/{orderId}/notes:
    post:
      operationId: addNote
      parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer, minimum: 100}}
        - {name: lang, in: query, required: true, schema: {type: string, enum: [en, fr]}}
        - {name: X-Request-Id, in: header, required: true, schema: {type: string, format: uuid}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text, tags]
              properties:
                text: {type: string, minLength: 3, maxLength: 20}
                tags: {type: array, minItems: 1, items: {type: string, pattern: '^[a-z]+$'}}
      responses:
        '201': {description: created}
`

// TestInitContracts: the shared test contracts (and one whose simplest
// operation needs parameters and a body) each produce a project that
// builds, vets and passes its own test. The projects share one workspace,
// so each go command runs once for all of them.
func TestInitContracts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds projects")
	}
	root := t.TempDir()
	probe := filepath.Join(root, "probe.yaml")
	if err := os.WriteFile(probe, []byte(probeContract), 0o644); err != nil {
		t.Fatal(err)
	}
	secured := filepath.Join(root, "secured.yaml")
	if err := os.WriteFile(secured, []byte(securedContract), 0o644); err != nil {
		t.Fatal(err)
	}
	contracts := map[string]string{
		"kitchensink": "../../testdata/contracts/kitchensink/openapi.yaml",
		"v31":         "../../testdata/contracts/v31/openapi.json",
		"swagger2":    "../../testdata/contracts/swagger2/swagger.yaml",
		"probe":       probe,
		"security":    "../../testdata/contracts/security/openapi.yaml",
		"secured":     secured,
		"streams":     "../../testdata/contracts/streams/openapi.yaml",
		"callbacks":   "../../testdata/contracts/callbacks/openapi.yaml",
	}
	work := "go 1.24\n\nuse (\n"
	var patterns []string
	for _, name := range sortedKeys(contracts) {
		out := filepath.Join(root, name)
		module := "example.com/" + name
		if code, _, stderr := runCLI(t, "", "init", "--contract", abs(t, contracts[name]), "--out", out, "--module", module); code != 0 {
			t.Fatalf("init %s: exit %d\n%s", name, code, stderr)
		}
		work += "\t./" + name + "\n"
		patterns = append(patterns, module+"/...")
	}
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(work+")\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The receivers of webhooks and callbacks answer 501 at their mounts.
	for name, target := range receiverTargets {
		test := strings.ReplaceAll(receiversMountedTest, "TARGET", target)
		if err := os.WriteFile(filepath.Join(root, name, "cmd", "server", "receivers_test.go"), []byte(test), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"GOWORK=" + filepath.Join(root, "go.work"), "GOFLAGS="}
	goCmd(t, root, env, append([]string{"build"}, patterns...)...)
	goCmd(t, root, env, append([]string{"vet"}, patterns...)...)
	out := goCmd(t, root, env, append([]string{"test"}, patterns...)...)
	for _, name := range sortedKeys(contracts) {
		if !strings.Contains(out, "ok  \texample.com/"+name+"/internal/service") {
			t.Errorf("%s: the project's test did not pass:\n%s", name, out)
		}
	}
	for name := range receiverTargets {
		if !strings.Contains(out, "ok  \texample.com/"+name+"/cmd/server") {
			t.Errorf("%s: the receivers' test did not pass:\n%s", name, out)
		}
	}
	test, _ := os.ReadFile(filepath.Join(root, "probe", "internal", "service", "service_test.go"))
	if !strings.Contains(string(test), `req.Header.Set("X-Request-Id"`) || !strings.Contains(string(test), `"POST", srv.URL+"/orders/`) {
		t.Errorf("probe test does not send the parameters:\n%s", test)
	}
	// Every operation of "secured" needs a token: its test passes only if the
	// security stub refuses the request without one, before the handler.
	test, _ = os.ReadFile(filepath.Join(root, "secured", "internal", "service", "service_test.go"))
	if !strings.Contains(string(test), "func TestRefusedWithoutCredentials") {
		t.Errorf("secured: the test does not check the refusal:\n%s", test)
	}
	main, _ := os.ReadFile(filepath.Join(root, "secured", "cmd", "server", "main.go"))
	if !strings.Contains(string(main), "api.NewServer(service.New(), service.NewSecurity(), ") {
		t.Errorf("secured: main.go does not wire the security checks:\n%s", main)
	}
	// The receivers of webhooks (3.1) and callbacks (3.0) are mounted, by
	// the generated mountReceivers that main.go calls.
	for name, want := range map[string]string{"streams": "api.NewWebhookServer(service.NewWebhookReceiver(), ", "callbacks": "api.NewSubscribeOnEventCallbackServer(service.NewSubscribeOnEventCallbackReceiver(), "} {
		if mount, _ := os.ReadFile(filepath.Join(root, name, "cmd", "server", "receivers.gen.go")); !strings.Contains(string(mount), want) {
			t.Errorf("%s: receivers.gen.go does not mount the receivers:\n%s", name, mount)
		}
		if main, _ := os.ReadFile(filepath.Join(root, name, "cmd", "server", "main.go")); !strings.Contains(string(main), "mountReceivers(mux, ") {
			t.Errorf("%s: main.go does not call mountReceivers:\n%s", name, main)
		}
	}
}

// receiverTargets are, per project of TestInitContracts with webhooks or
// callbacks, a request (method and target) that main.go routes to a receiver
// stub, which answers 501 until written.
var receiverTargets = map[string]string{
	"streams":   "DELETE /webhooks/petGone?id=3",
	"callbacks": "POST /callbacks/SubscribeOnEnd/end?trace=t",
}

// receiversMountedTest is dropped into such a project's cmd/server.
const receiversMountedTest = `package main

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReceiverMounted(t *testing.T) {
	method, target, _ := strings.Cut("TARGET", " ")
	rec := httptest.NewRecorder()
	newHandler(slog.New(slog.NewTextHandler(io.Discard, nil))).ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	if rec.Code != 501 {
		t.Errorf("%s %s: %d %s, want the receiver stub's 501", method, target, rec.Code, rec.Body)
	}
}
`

// securedContract has one operation, which needs a bearer token.
const securedContract = `openapi: 3.0.3
info: {title: Secured, version: "1"}
security:
  - token: []
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': {description: The things.}
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
`

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

// TestInitTool: with --tool the project runs toolkit as "go tool toolkit";
// here toolkit is this checkout (a replace line) and its dependencies come
// from the module cache.
func TestInitTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds toolkit as a tool")
	}
	dir := initProject(t, "../../examples/petstore/openapi.yaml", "example.com/petstore", true,
		"--tool", "--tool-version", "v0.0.0-00010101000000-000000000000")
	gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	want := "tool github.com/contractfirst/toolkit/cmd/toolkit\n\nrequire github.com/contractfirst/toolkit v0.0.0-00010101000000-000000000000\n"
	if !strings.Contains(string(gomod), want) {
		t.Fatalf("go.mod lacks the tool:\n%s", gomod)
	}
	// The project loads (and so builds) offline before the tool is
	// downloaded: nothing imports toolkit, so go.sum needs no entry for it.
	goCmd(t, dir, []string{"GOFLAGS="}, "list", "-deps", "./...")

	gomod = append(gomod, "\nreplace github.com/contractfirst/toolkit => "+abs(t, "../..")+"\n"...)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, []string{"GOSUMDB=off"}, "get", "github.com/contractfirst/toolkit/cmd/toolkit")
	goCmd(t, dir, nil, "tool", "toolkit", "gen", "--check")
	main, _ := os.ReadFile(filepath.Join(dir, "cmd", "server", "main.go"))
	if !strings.Contains(string(main), "//go:generate go tool toolkit gen --config ../../toolkit.yaml") {
		t.Errorf("main.go lacks the go:generate line")
	}
	goCmd(t, dir, nil, "generate", "./cmd/server")
}

func TestInitUsage(t *testing.T) {
	petstore := abs(t, "../../examples/petstore/openapi.yaml")
	broken := abs(t, "../../testdata/contracts/broken/dangling-ref.yaml")
	existing := t.TempDir()
	if err := os.WriteFile(filepath.Join(existing, "go.mod"), []byte("module example.com/other\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no out", []string{"--contract", petstore, "--module", "example.com/x"}, "--contract and --out are required"},
		{"no module", []string{"--contract", petstore, "--out", "OUT"}, "--module is required"},
		{"bad module", []string{"--contract", petstore, "--out", "OUT", "--module", "example.com/a b"}, `module path "example.com/a b"`},
		{"bad package", []string{"--contract", petstore, "--out", "OUT", "--module", "example.com/x", "--package", "my-api"}, "not a Go identifier"},
		{"missing contract", []string{"--contract", "/no/such.yaml", "--out", "OUT", "--module", "example.com/x"}, "/no/such.yaml"},
		{"broken contract", []string{"--contract", broken, "--out", "OUT", "--module", "example.com/x"}, "dangling-ref.yaml:12:17:"},
		{"tool version without tool", []string{"--contract", petstore, "--out", "OUT", "--module", "example.com/x", "--tool-version", "v1.0.0"}, "--tool-version needs --tool"},
		{"tool without a known version", []string{"--contract", petstore, "--out", "OUT", "--module", "example.com/x", "--tool"}, "pass --tool-version"},
		{"module differs from go.mod", []string{"--contract", petstore, "--out", existing, "--module", "example.com/x"}, "go.mod says module example.com/other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "svc")
			args := []string{"init"}
			for _, a := range tc.args {
				if a == "OUT" {
					a = out
				}
				args = append(args, a)
			}
			code, _, stderr := runCLI(t, "", args...)
			if code != 2 || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed init wrote %s", out)
			}
		})
	}
	if entries, _ := os.ReadDir(existing); len(entries) != 1 {
		t.Errorf("a failed init wrote into an existing project: %v", entries)
	}
}
