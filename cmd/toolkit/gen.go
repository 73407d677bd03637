package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/docs"
	"github.com/contractfirst/toolkit/generator/golang"
)

func init() { commands = append(commands, newGenCmd) }

// genFlags are the flags of toolkit gen.
type genFlags struct {
	contract string
	out      string
	pkg      string
	targets  []string
	check    bool
	strict   bool
	lenient  bool
	config   string
	// sel picks the operations to generate (and, through them, the types).
	sel contract.Selection
}

func newGenCmd(e *env) *cobra.Command {
	var f genFlags
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate Go types, server, client and embedded spec from a contract",
		Long: `Generate Go code from an OpenAPI contract (3.0, 3.1 or Swagger 2.0; JSON or
YAML; split over several files).

Without --contract, gen reads toolkit.yaml from the working folder (or
--config) and generates every entry, which is what a
"//go:generate go tool toolkit gen" line needs.

A contract with errors is reported as file:line:col: /json/pointer: message
and nothing is written (exit 2). Warnings are printed and generation goes
on; --strict turns them into errors. With --check nothing is written: gen
exits 1 and prints a diff when the files on disk are stale.`,
		Example: `  toolkit gen --contract api/openapi.yaml --out internal/api --package api
  toolkit gen --contract api.json --out client --generate types,client
  toolkit gen                 # every entry of ./toolkit.yaml
  toolkit gen --check         # in CI: fail when generated code is stale`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runGen(e, cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.out, "out", "", "output folder for the generated package")
	fl.StringVar(&f.pkg, "package", "", "Go package name (default: the output folder's name)")
	fl.StringSliceVar(&f.targets, "generate", nil, "targets: types, server, client, spec, docs (default: all but docs)")
	fl.BoolVar(&f.check, "check", false, "write nothing; exit 1 with a diff when the output is stale")
	fl.BoolVar(&f.strict, "strict", false, "treat contract warnings as errors")
	fl.BoolVar(&f.lenient, "lenient", false, "repair common contract slips whose intent is clear, with a warning")
	fl.StringVar(&f.config, "config", "", "configuration file (default: ./toolkit.yaml)")
	fl.StringSliceVar(&f.sel.Operations, "operation", nil, "only operations whose operationId matches one of these patterns (path.Match syntax; repeatable)")
	fl.StringSliceVar(&f.sel.Tags, "tag", nil, "only operations with a tag matching one of these patterns, e.g. 'users.*' (repeatable)")
	fl.StringSliceVar(&f.sel.ExcludeOperations, "exclude-operation", nil, "leave out operations whose operationId matches one of these patterns (repeatable)")
	fl.StringSliceVar(&f.sel.ExcludeTags, "exclude-tag", nil, "leave out operations with a tag matching one of these patterns (repeatable)")
	return cmd
}

func runGen(e *env, cmd *cobra.Command, f genFlags) error {
	var entries []genEntry
	switch {
	case f.contract != "":
		if f.out == "" {
			return &exitError{code: exitUsage, err: errors.New("gen: --out is required with --contract")}
		}
		entries = []genEntry{{Contract: f.contract, Out: f.out, Package: f.pkg, Targets: f.targets, Strict: f.strict, Lenient: f.lenient}}
		entries[0].setSelection(f.sel)
	default:
		path := f.config
		if path == "" {
			path = configFile
		}
		c, err := loadConfig(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && f.config == "" {
				return &exitError{code: exitUsage, err: errors.New("gen: no --contract given and no toolkit.yaml in the working folder")}
			}
			return &exitError{code: exitUsage, err: err}
		}
		if len(c.Generate) == 0 {
			return &exitError{code: exitUsage, err: fmt.Errorf("gen: %s has no generate entries", path)}
		}
		for _, en := range c.Generate {
			if f.pkg != "" {
				en.Package = f.pkg
			}
			if len(f.targets) > 0 {
				en.Targets = f.targets
			}
			if !f.sel.Empty() {
				en.setSelection(f.sel)
			}
			en.Strict = en.Strict || f.strict
			en.Lenient = en.Lenient || f.lenient
			entries = append(entries, en)
		}
	}
	// Generate everything in memory first: one bad contract writes nothing.
	type output struct {
		entry genEntry
		files []generator.File
	}
	var outs []output
	// Entries that split one contract into several packages load it once.
	type loadKey struct {
		contract        string
		strict, lenient bool
	}
	loaded := map[loadKey]*contract.Model{}
	for _, en := range entries {
		key := loadKey{en.Contract, en.Strict, en.Lenient}
		m := loaded[key]
		if m == nil {
			var err error
			if m, err = loadModel(e, en); err != nil {
				return err
			}
			loaded[key] = m
		}
		part, err := m.Select(en.selection())
		if err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("gen: %s: %w", en.Contract, err)}
		}
		if len(part.Operations) > hugePackageOps {
			fmt.Fprintf(e.stderr, "gen: %s: note: %d operations in one package; the Go compiler may need more than 20 GB of memory for a package this size (Microsoft Graph's did not build in 21 GB); split it with --tag, or tags: in toolkit.yaml (see the README)\n", en.Contract, len(part.Operations))
		}
		files, err := generateModel(e, en, part)
		if err != nil {
			return err
		}
		outs = append(outs, output{en, files})
	}
	stale := false
	for _, o := range outs {
		if f.check {
			st, err := generator.Check(o.entry.Out, o.files)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			for _, s := range st {
				stale = true
				fmt.Fprint(e.stdout, s.Diff)
			}
			continue
		}
		if err := generator.Write(o.entry.Out, o.files); err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("gen: writing %s: %w", o.entry.Out, err)}
		}
	}
	if stale {
		return &exitError{code: exitFindings, err: errors.New("gen: generated files are stale; run toolkit gen")}
	}
	return nil
}

// loadModel loads and builds one entry's contract, printing warnings.
func loadModel(e *env, en genEntry) (*contract.Model, error) {
	_, m, err := loadContract(e, "gen", en.Contract, contract.LoadOptions{Strict: en.Strict, Lenient: en.Lenient})
	return m, err
}

// loadContract loads and builds a contract for command cmd, printing
// warnings; problems are printed and give exit code 2.
func loadContract(e *env, cmd, path string, opts contract.LoadOptions) (*contract.Document, *contract.Model, error) {
	opts.Reads = e.reads
	doc, m, err := contract.Open(path, opts)
	if err != nil {
		return nil, nil, contractError(e, err)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintln(e.stderr, w)
	}
	if opts.Strict && len(doc.Warnings) > 0 {
		return nil, nil, &exitError{code: exitUsage, err: fmt.Errorf("%s: %d warnings with --strict", cmd, len(doc.Warnings))}
	}
	return doc, m, nil
}

// hugePackageOps is the operation count above which gen suggests splitting
// the package: GitHub's 1,100 operations build in 6.7 GB, Graph's 11,422 not
// in 21 GB. A variable for the test.
var hugePackageOps = 3000

// genHooks run after an entry's code is generated; toolkit init's hook
// reports handler methods a scaffolded project lacks.
var genHooks []func(e *env, en genEntry, m *contract.Model, pkg string)

// generateModel renders one entry's files from its model.
func generateModel(e *env, en genEntry, m *contract.Model) ([]generator.File, error) {
	pkg := en.Package
	if pkg == "" {
		pkg = packageName(en.Out)
	}
	targets, docsWanted := splitDocsTarget(en.Targets) // "docs" is generator/docs' target
	var files []generator.File
	if docsWanted {
		df, err := docs.Target{}.Generate(m, generator.Options{})
		if err != nil {
			return nil, &exitError{code: exitUsage, err: fmt.Errorf("gen: %s: %w", en.Contract, err)}
		}
		files = append(files, df...)
	}
	if !docsWanted || len(targets) > 0 {
		gf, err := golang.Generate(m, generator.Options{Package: pkg, Targets: targets})
		if err != nil {
			return nil, &exitError{code: exitUsage, err: fmt.Errorf("gen: %s: %w", en.Contract, err)}
		}
		files = append(files, gf...)
	}
	for _, h := range genHooks {
		h(e, en, m, pkg)
	}
	return files, nil
}

// contractError prints a contract's problems and returns exit code 2.
func contractError(e *env, err error) error {
	var ce *contract.Error
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			fmt.Fprintln(e.stderr, p)
		}
		return &exitError{code: exitUsage}
	}
	return &exitError{code: exitUsage, err: err}
}

// packageName derives a Go package name from an output folder.
func packageName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	base := strings.ToLower(filepath.Base(abs))
	var b strings.Builder
	for _, r := range base {
		if unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "api"
	}
	return b.String()
}
