package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/pipeline"
)

func init() { commands = append(commands, newGenCmd) }

// genFlags are the flags of toolkit gen: one generate entry of
// toolkit.yaml (the same struct, merged over each of the file's entries by
// overlay), and what only the command line says.
type genFlags struct {
	genEntry
	check  bool
	config string
	format string
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
	fl.StringVar(&f.Contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.Out, "out", "", "output folder for the generated package")
	fl.StringVar(&f.Package, "package", "", "Go package name (default: the output folder's name)")
	fl.StringSliceVar(&f.Targets, "generate", nil, "targets or parts: "+strings.Join(pipeline.TargetNames(), ", ")+" (default: go, which is types, operations, server, client and spec)")
	fl.BoolVar(&f.check, "check", false, "write nothing; exit 1 with a diff when the output is stale")
	fl.BoolVar(&f.Strict, "strict", false, "treat contract warnings as errors")
	fl.BoolVar(&f.Lenient, "lenient", false, "repair common contract slips whose intent is clear, with a warning")
	fl.StringVar(&f.Runtime, "runtime", "", "copy: the package carries the runtime code it uses (default); shared: it imports the module's one runtime package, which gen writes too (see --runtime-package)")
	fl.StringVar(&f.RuntimePackage, "runtime-package", "", "import path of the shared runtime package, inside the module of --out (default MODULE/internal/toolkitruntime); implies --runtime shared")
	fl.StringVar(&f.config, "config", "", "configuration file (default: ./toolkit.yaml)")
	fl.StringVar(&f.format, "format", "text", "how contract problems (and, with --check, stale files) are reported on stdout: "+findings.FormatNames()+"; text prints them to stderr as they are found")
	fl.StringSliceVar(&f.Operations, "operation", nil, "only operations whose operationId matches one of these patterns (path.Match syntax; repeatable)")
	fl.StringSliceVar(&f.Tags, "tag", nil, "only operations with a tag matching one of these patterns, e.g. 'users.*' (repeatable)")
	fl.StringSliceVar(&f.ExcludeOperations, "exclude-operation", nil, "leave out operations whose operationId matches one of these patterns (repeatable)")
	fl.StringSliceVar(&f.ExcludeTags, "exclude-tag", nil, "leave out operations with a tag matching one of these patterns (repeatable)")
	return cmd
}

func runGen(e *env, cmd *cobra.Command, f genFlags) error {
	return reporting(e, "gen", f.format, []findings.Rule{
		{ID: "contract", Category: "contract", Severity: findings.Error, Description: "The contract loads, and every part of it can be generated faithfully (warnings: it can, with the noted limits)."},
		{ID: "gen.stale", Category: "generated code", Severity: findings.Error, Description: "Generated files on disk match what the contract generates (toolkit gen --check).", Hint: "run toolkit gen and commit the result"},
	}, func(e *env) error { return runGenEntries(e, cmd, f) })
}

// runGenEntries runs gen; problems go to e.report when it is set, else to
// stderr as text.
func runGenEntries(e *env, cmd *cobra.Command, f genFlags) error {
	var entries []genEntry
	switch {
	case f.Contract != "":
		if f.Out == "" {
			return &exitError{code: exitUsage, err: errors.New("gen: --out is required with --contract")}
		}
		entries = []genEntry{f.genEntry}
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
		f.genEntry.AllowRemoteRefs = e.reads.AllowRemote // the root's flag, for overlay
		for _, en := range c.Generate {
			overlay(&en, &f.genEntry, cmd.Flags())
			entries = append(entries, en)
		}
	}
	pes := make([]pipeline.Entry, len(entries))
	for i, en := range entries {
		pes[i] = en.pipelineEntry()
		pes[i].Reads = e.readsFor(en)
	}
	res, err := pipeline.Run(pes, pipeline.Options{
		Check:     f.check,
		Warn:      func(p contract.Problem) { e.problem(p) },
		Generated: func(o pipeline.Output) { reportHandlers(e, o) },
	})
	if res != nil {
		for _, n := range res.Notes {
			fmt.Fprintf(e.stderr, "gen: %s\n", n)
		}
	}
	if err != nil {
		return pipelineError(e, "gen", err)
	}
	for _, o := range res.Outputs {
		if f.check {
			for _, s := range o.Stale {
				fmt.Fprint(e.stdout, s.Diff)
				if e.report != nil {
					e.report.Findings = append(e.report.Findings, findings.Finding{ID: "gen.stale", Severity: findings.Error, Message: s.Reason, Position: findings.Position{File: filepath.Join(o.Entry.Out, s.Name)}})
				}
			}
			continue
		}
		fmt.Fprintf(e.stderr, "gen: wrote %d files to %s\n", len(o.Files), o.Entry.Out)
	}
	if res.Stale() {
		return &exitError{code: exitFindings, err: errors.New("gen: generated files are stale; run toolkit gen")}
	}
	return nil
}

// pipelineEntry is the entry as the pipeline takes it.
func (en genEntry) pipelineEntry() pipeline.Entry {
	return pipeline.Entry{Contract: en.Contract, Out: en.Out, Package: en.Package, Targets: en.Targets, Strict: en.Strict, Lenient: en.Lenient, Selection: en.selection(), Runtime: en.Runtime, RuntimePackage: en.RuntimePackage}
}

// loadModel loads and builds one entry's contract, printing warnings;
// problems are printed and give exit code 2.
func loadModel(e *env, cmd string, en genEntry) (*contract.Model, error) {
	pe := en.pipelineEntry()
	pe.Reads = e.readsFor(en)
	m, _, err := pipeline.Load(pe, e.problem)
	if err != nil {
		return nil, pipelineError(e, cmd, err)
	}
	return m, nil
}

// pipelineError prints a pipeline error of command cmd: a contract's
// problems one per line, anything else as itself; both exit 2.
func pipelineError(e *env, cmd string, err error) error {
	var ce *pipeline.ContractError
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			e.problem(p)
		}
		return &exitError{code: exitUsage}
	}
	return &exitError{code: exitUsage, err: fmt.Errorf("%s: %w", cmd, err)}
}

// loadContract loads and builds the contract at path, printing its
// warnings; problems are printed and give exit code 2.
func loadContract(e *env, path string, opts contract.LoadOptions) (*contract.Document, *contract.Model, error) {
	opts.Reads = e.reads
	// Every command loads a contract as gen does: kin-openapi's document of
	// a JSON contract built from the tree the loader decodes anyway.
	opts.KinFromTree = true
	doc, m, err := contract.Open(path, opts)
	if err != nil {
		return nil, nil, contractError(e, err)
	}
	for _, w := range doc.Warnings {
		e.problem(w)
	}
	return doc, m, nil
}

// contractError prints a contract's problems and returns exit code 2.
func contractError(e *env, err error) error {
	var ce *contract.Error
	if errors.As(err, &ce) {
		for _, p := range ce.Problems {
			e.problem(p)
		}
		return &exitError{code: exitUsage}
	}
	return &exitError{code: exitUsage, err: err}
}
