package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
	"github.com/contractfirst/toolkit/generator/scaffold"
	"github.com/contractfirst/toolkit/pipeline"
)

func init() {
	commands = append(commands, newInitCmd)
}

// initFlags are the flags of toolkit init.
type initFlags struct {
	contract    string
	out         string
	module      string
	pkg         string
	tool        bool
	toolVersion string
	strict      bool
	lenient     bool
}

func newInitCmd(e *env) *cobra.Command {
	var f initFlags
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create a runnable Go service project around a contract",
		Long: `Create a Go project that serves the contract: go.mod, toolkit.yaml, the
generated package (as toolkit gen writes it), cmd/server/main.go (flag -addr,
request logging with log/slog, GET /healthz, graceful shutdown on SIGINT and
SIGTERM), internal/service with one handler method per operation answering
501 Not Implemented, a test that calls one of them through the server, a
Makefile (generate, check, build, test, run, validate) and a README.
"go build ./... && go vet ./..." pass in the new project at once, offline.

Files other than *.gen.go are yours: init creates them once and never
overwrites them. Run init (or toolkit gen) again after the contract changes:
it regenerates the *.gen.go files and lists the operations that have no
handler method yet and the handler methods whose operation is gone.

The project refers to the contract by its path relative to --out; keep the
contract inside the project folder to make it self-contained.

--tool adds toolkit to go.mod as a tool ("go tool toolkit"), required at
the version of the running toolkit binary (what "go install ...@v1.2.3" or
a build from a clean checkout records), or at --tool-version. Run "go mod
tidy" once afterwards to download it and fill go.sum; go.mod's go line then
rises to toolkit's own.`,
		Example: `  toolkit init --contract openapi.yaml --out . --module example.com/petstore
  toolkit init --contract specs/crm.yaml --out crm --module github.com/acme/crm --package crmapi
  toolkit init --contract openapi.yaml --out . --module example.com/pets --tool`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInit(e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.contract, "contract", "", "contract file (JSON or YAML) (required)")
	fl.StringVar(&f.out, "out", "", "project folder, created when missing (required)")
	fl.StringVar(&f.module, "module", "", "Go module path of the new project (default: from an existing go.mod in --out)")
	fl.StringVar(&f.pkg, "package", "api", "name and folder of the generated package")
	fl.BoolVar(&f.tool, "tool", false, `add toolkit to go.mod as a tool, for "go tool toolkit"`)
	fl.StringVar(&f.toolVersion, "tool-version", "", "toolkit version go.mod requires with --tool (default: this binary's)")
	fl.BoolVar(&f.strict, "strict", false, "treat contract warnings as errors")
	fl.BoolVar(&f.lenient, "lenient", false, "repair common contract slips whose intent is clear, with a warning")
	return cmd
}

func runInit(e *env, f initFlags) error {
	usage := func(format string, args ...any) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("init: "+format, args...)}
	}
	if f.contract == "" || f.out == "" {
		return usage("--contract and --out are required")
	}
	if f.toolVersion != "" && !f.tool {
		return usage("--tool-version needs --tool")
	}
	module, err := projectModule(f.out, f.module)
	if err != nil {
		return usage("%v", err)
	}
	opts := scaffold.Options{Module: module, Package: f.pkg, Tool: f.tool, ToolVersion: f.toolVersion}
	if opts.Contract, err = contractPath(f.out, f.contract); err != nil {
		return usage("%v", err)
	}
	if f.tool && opts.ToolVersion == "" {
		if opts.ToolVersion = toolkitVersion(); opts.ToolVersion == "" {
			return usage("this toolkit binary does not know its module version (it was built from a modified or unversioned checkout); pass --tool-version, such as --tool-version v0.1.0")
		}
	}

	en := genEntry{Contract: f.contract, Out: filepath.Join(f.out, f.pkg), Package: f.pkg, Strict: f.strict, Lenient: f.lenient}
	m, err := loadModel(e, "init", en)
	if err != nil {
		return err
	}
	// The service package's types: a receiver without its stub type gets a
	// stub file of its own (a project made before the contract had it).
	if opts.Declared, err = scaffold.ServiceTypes(filepath.Join(f.out, filepath.FromSlash(scaffold.ServiceDir))); err != nil {
		return usage("%v", err)
	}
	// Checked before generating, so a bad --module or --package writes nothing.
	own, err := scaffold.Generate(m, opts)
	if err != nil {
		return usage("%v", err)
	}
	out, err := pipeline.Generate(en.pipelineEntry(), m)
	if err != nil {
		return pipelineError(e, "init", err)
	}
	gen := out.Files

	existed := map[string]bool{}
	for _, fl := range own {
		if _, err := os.Lstat(filepath.Join(f.out, filepath.FromSlash(fl.Name))); err == nil {
			existed[fl.Name] = true
		}
	}
	if err := generator.Write(en.Out, gen); err != nil {
		return usage("writing %s: %v", en.Out, err)
	}
	if err := generator.Write(f.out, own); err != nil {
		return usage("writing %s: %v", f.out, err)
	}
	// After the writes: the receivers a contract gained have their stubs.
	reportHandlers(e, out)

	for _, fl := range gen {
		fmt.Fprintf(e.stdout, "generated %s\n", filepath.Join(en.Out, fl.Name))
	}
	var kept []string
	for _, fl := range own {
		p := filepath.Join(f.out, filepath.FromSlash(fl.Name))
		if !fl.UserOwned {
			fmt.Fprintf(e.stdout, "generated %s\n", p)
			continue
		}
		if existed[fl.Name] {
			kept = append(kept, p)
			continue
		}
		fmt.Fprintf(e.stdout, "created   %s\n", p)
	}
	for _, p := range kept {
		fmt.Fprintf(e.stdout, "kept      %s (yours; never overwritten)\n", p)
	}
	if f.tool && existed["go.mod"] && !goModHasTool(filepath.Join(f.out, "go.mod")) {
		fmt.Fprintf(e.stderr, "toolkit: init: go.mod exists and is yours: add the tool with\n\tgo get -tool %s@%s\n", scaffold.ToolkitCommand, opts.ToolVersion)
	}
	if strings.HasPrefix(opts.Contract, "../") || filepath.IsAbs(filepath.FromSlash(opts.Contract)) {
		fmt.Fprintf(e.stderr, "toolkit: init: the project refers to its contract outside its folder (%s); copy the contract into %s to make the project self-contained\n", opts.Contract, f.out)
	}
	if len(kept) == 0 {
		fmt.Fprintln(e.stdout, "\nNext:")
		if filepath.Clean(f.out) != "." {
			fmt.Fprintf(e.stdout, "\tcd %s\n", f.out)
		}
		if f.tool {
			fmt.Fprintln(e.stdout, "\tgo mod tidy      # downloads toolkit, the tool in go.mod")
		}
		fmt.Fprintln(e.stdout, "\tmake test        # vet and test\n\tmake run         # serve on 127.0.0.1:8080; every operation answers 501 until written")
	}
	return nil
}

// reportHandlers is the gen hook that prints, for a project made by toolkit
// init (the generated package's folder beside internal/service), the
// operations without a handler method and the handler methods without an
// operation, on Service and on the webhook and callback receiver stubs. The compiler reports missing methods too, but not with the
// signature to paste, and not stale ones.
func reportHandlers(e *env, o pipeline.Output) {
	en, m, pkg := o.Entry, o.Model, o.Package
	if len(en.Targets) > 0 && !slices.Contains(en.Targets, "server") {
		return
	}
	dir := filepath.Join(filepath.Dir(filepath.Clean(en.Out)), filepath.FromSlash(scaffold.ServiceDir))
	names := golang.HandlerNames(m, generator.Options{Package: pkg})
	r, found, err := scaffold.CheckHandlers(dir, names)
	if err != nil {
		fmt.Fprintf(e.stderr, "toolkit: %v\n", err)
		return
	}
	if !found {
		return
	}
	// The receiver stubs of webhooks and callbacks, where scaffolded.
	receivers, err := scaffold.CheckReceivers(dir, golang.ReceiverNames(m, generator.Options{Package: pkg}))
	if err != nil {
		fmt.Fprintf(e.stderr, "toolkit: %v\n", err)
		return
	}
	for _, r := range append([]*scaffold.HandlerReport{r}, receivers...) {
		for _, l := range r.Lines(dir, pkg) {
			fmt.Fprintln(e.stderr, l)
		}
	}
}

// projectModule is the module path of the project in dir: flag when
// given, else the module line of dir/go.mod. The two must agree.
func projectModule(dir, flag string) (string, error) {
	existing := goModModule(filepath.Join(dir, "go.mod"))
	switch {
	case flag == "" && existing == "":
		return "", errors.New("--module is required for a new project (no go.mod in " + dir + ")")
	case flag == "":
		return existing, nil
	case existing != "" && existing != flag:
		return "", fmt.Errorf("--module %s, but %s/go.mod says module %s", flag, dir, existing)
	}
	return flag, nil
}

// goModModule reads the module path from a go.mod, "" when there is none.
func goModModule(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// goModHasTool reports whether go.mod already declares toolkit as a tool.
func goModHasTool(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && bytes.Contains(data, []byte(scaffold.ToolkitCommand))
}

// contractPath is the contract's path as the project refers to it:
// relative to the project folder, slash-separated; absolute only when no
// relative path exists (another drive).
func contractPath(out, contractFile string) (string, error) {
	if _, err := os.Stat(contractFile); err != nil {
		return "", err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	absContract, err := filepath.Abs(contractFile)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absOut, absContract)
	if err != nil {
		return filepath.ToSlash(absContract), nil
	}
	return filepath.ToSlash(rel), nil
}

// toolkitVersion is the module version this binary was built at, or ""
// when it has none a go.mod could require: a development build, or one
// from a modified checkout (+dirty).
func toolkitVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := ""
	if bi.Main.Path == scaffold.ToolkitModule {
		v = bi.Main.Version
	} else {
		for _, d := range bi.Deps {
			if d.Path == scaffold.ToolkitModule && d.Replace == nil {
				v = d.Version
			}
		}
	}
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return ""
	}
	return v
}
