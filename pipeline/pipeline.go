// Package pipeline is toolkit gen as a library: load each contract once,
// select the part an entry asks for, run the targets it names, then write
// every entry's files — or, with Check, compare them with what is on disk.
// The command line, go:generate (through the command line) and tests all
// go through Run.
package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/docs"
	"github.com/contractfirst/toolkit/generator/golang"
)

// A target of the table: what it is, the parts --generate may name for it
// (its own name selects all of them), and whether it runs when an entry
// names no targets.
type target struct {
	generator.Target
	parts     []string
	byDefault bool
}

// targets is every target gen knows, in the order their files are made.
var targets = []target{
	{golang.Target{}, golang.Target{}.Parts(), true},
	{docs.Target{}, nil, false},
}

// TargetNames lists every name Entry.Targets accepts.
func TargetNames() []string {
	var names []string
	for _, t := range targets {
		names = append(names, t.parts...)
		names = append(names, t.Name())
	}
	return names
}

// Entry is one package (or docs folder) to generate.
type Entry struct {
	Contract string
	// Out is the output folder.
	Out string
	// Package is the Go package name; empty: derived from Out.
	Package string
	// Targets names targets or their parts (TargetNames); empty: every
	// target that runs by default.
	Targets []string
	// Strict turns contract warnings into errors; Lenient repairs slips
	// whose intent is clear.
	Strict, Lenient bool
	// Selection picks operations (and, through them, types).
	Selection contract.Selection
	// Reads confine the contract's file reads (size cap, folders $refs may
	// read).
	Reads contract.ReadLimits
	// Runtime is "copy" (or empty: the package carries the runtime it
	// uses) or "shared": the package imports one runtime package of its
	// module, RuntimePackage (an import path inside the module; empty:
	// MODULE/internal/toolkitruntime), which Run writes too. Setting
	// RuntimePackage alone means shared.
	Runtime        string
	RuntimePackage string
}

// Options change how Run works.
type Options struct {
	// Check writes nothing and reports stale files in each Output.
	Check bool
	// Warn receives every contract warning as it is found (they are also in
	// Result.Warnings).
	Warn func(contract.Problem)
	// Generated is called after each entry's files are made, before any is
	// written (toolkit init's check of a project's handlers).
	Generated func(Output)
}

// Output is one entry's result.
type Output struct {
	Entry   Entry
	Package string
	// Model is the entry's part of its contract.
	Model *contract.Model
	Files []generator.File
	// Stale lists, with Options.Check, the files that differ from disk.
	Stale []generator.Stale
}

// Result is what Run did.
type Result struct {
	Outputs  []Output
	Warnings []contract.Problem
	// Notes are advice that is not a contract problem (a package too large
	// to compile comfortably).
	Notes []string
}

// Stale reports whether, after a Check, any output is stale.
func (r *Result) Stale() bool {
	for _, o := range r.Outputs {
		if len(o.Stale) > 0 {
			return true
		}
	}
	return false
}

// ContractError wraps a contract that cannot be generated: its problems
// (errors, and under Strict its warnings too) are in Problems.
type ContractError struct {
	Contract string
	Problems []contract.Problem
}

func (e *ContractError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// HugePackageOps is the operation count above which Run adds a note that
// suggests splitting the package: GitHub's 1,100 operations build in
// 6.7 GB, Microsoft Graph's 11,422 not in 21 GB.
var HugePackageOps = 3000

// Run generates every entry in memory first, so that one bad contract
// writes nothing, then writes (or checks) them in order. Entries that split
// one contract load it once.
func Run(entries []Entry, opts Options) (*Result, error) {
	defer softMemoryLimit(entries)()
	res := &Result{}
	for _, en := range entries {
		if err := checkTargets(en.Targets); err != nil {
			return nil, fmt.Errorf("%s: %w", en.Contract, err)
		}
	}
	type loadKey struct {
		contract        string
		strict, lenient bool
	}
	loaded := map[loadKey]*contract.Model{}
	for _, en := range entries {
		key := loadKey{en.Contract, en.Strict, en.Lenient}
		m := loaded[key]
		// doc is the contract loaded for this entry while its value checks
		// run beside the entry's generation (see warnLoaded); nil when
		// none are left running, so that nothing holds kin-openapi's
		// document past the Model's build (GitHub's is tens of MB).
		var doc *contract.Document
		if m == nil {
			var err error
			doc, m, err = open(en)
			if err != nil {
				return nil, err
			}
			loaded[key] = m
			if !doc.ValueChecksPending() {
				res.Warnings = append(res.Warnings, warnLoaded(doc, opts.Warn)...)
				doc = nil
			}
		}
		part, err := m.Select(en.Selection)
		if err != nil {
			res.Warnings = append(res.Warnings, warnLoaded(doc, opts.Warn)...)
			return nil, fmt.Errorf("%s: %w", en.Contract, err)
		}
		if len(part.Operations) > HugePackageOps {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: note: %d operations in one package; the Go compiler may need more than 20 GB of memory for a package this size (Microsoft Graph's did not build in 21 GB); split it with --tag, or tags: in toolkit.yaml (see the README)", en.Contract, len(part.Operations)))
		}
		out, err := Generate(en, part)
		res.Warnings = append(res.Warnings, warnLoaded(doc, opts.Warn)...)
		if err != nil {
			return nil, err
		}
		if opts.Generated != nil {
			opts.Generated(out)
		}
		res.Outputs = append(res.Outputs, out)
	}
	shared, err := sharedRuntimes(entries)
	if err != nil {
		return nil, err
	}
	res.Outputs = append(res.Outputs, shared...)
	for i := range res.Outputs {
		o := &res.Outputs[i]
		if opts.Check {
			st, err := generator.Check(o.Entry.Out, o.Files)
			if err != nil {
				return res, err
			}
			o.Stale = st
			continue
		}
		interrupted, err := generator.FindInterrupted(o.Entry.Out)
		if err != nil {
			return res, fmt.Errorf("writing %s: %w", o.Entry.Out, err)
		}
		for _, in := range interrupted {
			// Write recovers them first: say so.
			res.Notes = append(res.Notes, fmt.Sprintf("%s: %s", in, in.Done()))
		}
		if err := generator.Write(o.Entry.Out, o.Files); err != nil {
			return res, fmt.Errorf("writing %s: %w", o.Entry.Out, err)
		}
	}
	return res, nil
}

// LoadOptions are the options Load opens an entry's contract with.
// kin-openapi's document of a JSON contract is built from the tree Load
// decodes anyway (contract.LoadOptions.KinFromTree): kin-openapi's own
// decoder reads every object twice at every depth, which was 2.3 s of
// GitHub's gen (12.8 → 10.5 s CPU, 8.3 → 6.9 s wall, output and warnings
// identical).
func LoadOptions(en Entry) contract.LoadOptions {
	return contract.LoadOptions{Strict: en.Strict, Lenient: en.Lenient, Reads: en.Reads, KinFromTree: true}
}

// Load opens an entry's contract and builds its model, passing each
// warning to warn (when not nil) and returning them all. Problems that stop
// generation (under Strict, warnings among them) come back as a
// *ContractError.
func Load(en Entry, warn func(contract.Problem)) (*contract.Model, []contract.Problem, error) {
	doc, m, err := openWith(en, LoadOptions(en))
	if err != nil {
		return nil, nil, err
	}
	return m, warnLoaded(doc, warn), nil
}

// open is Load for Run: the contract's value checks (examples and
// defaults against their schemas, warnings only) go on in the background
// while Run generates, and warnLoaded reports the warnings once they are
// done. On webscraping.ai.json (10 KB, OpenAPI 3.1) they were 7 of gen's
// 60 ms wall time, kin-openapi compiling a JSON Schema per example.
func open(en Entry) (*contract.Document, *contract.Model, error) {
	opts := LoadOptions(en)
	opts.ValueChecksInBackground = true
	return openWith(en, opts)
}

// openWith opens the entry's contract with opts, a contract's problems
// coming back as a *ContractError.
func openWith(en Entry, opts contract.LoadOptions) (*contract.Document, *contract.Model, error) {
	doc, m, err := contract.Open(en.Contract, opts)
	if err != nil {
		var ce *contract.Error
		if errors.As(err, &ce) {
			return nil, nil, &ContractError{Contract: en.Contract, Problems: ce.Problems}
		}
		return nil, nil, err
	}
	return doc, m, nil
}

// warnLoaded finishes doc's value checks and passes every warning of doc,
// in file order, to warn (when not nil), returning them; nil for a nil
// doc (an entry whose contract an earlier entry loaded).
func warnLoaded(doc *contract.Document, warn func(contract.Problem)) []contract.Problem {
	if doc == nil {
		return nil
	}
	doc.FinishValueChecks()
	if warn != nil {
		for _, w := range doc.Warnings {
			warn(w)
		}
	}
	return doc.Warnings
}

// Generate runs the entry's targets over m (already the entry's part of its
// contract) and returns the files, nothing written.
func Generate(en Entry, m *contract.Model) (Output, error) {
	if err := checkTargets(en.Targets); err != nil {
		return Output{}, fmt.Errorf("%s: %w", en.Contract, err)
	}
	out := Output{Entry: en, Package: en.Package, Model: m}
	if out.Package == "" {
		out.Package = PackageName(en.Out)
	}
	rt, err := resolveRuntime(en)
	if err != nil {
		return Output{}, fmt.Errorf("%s: %w", en.Contract, err)
	}
	for _, t := range targets {
		run, parts := wanted(t, en.Targets)
		if !run {
			continue
		}
		fs, err := t.Generate(m, generator.Options{Package: out.Package, Targets: parts, RuntimePackage: rt.importPath})
		if err != nil {
			return Output{}, fmt.Errorf("%s: %w", en.Contract, err)
		}
		out.Files = append(out.Files, fs...)
	}
	return out, nil
}

// checkTargets refuses names no target knows, so a typo ("clinet") is an
// error rather than a run that writes nothing.
func checkTargets(names []string) error {
	known := TargetNames()
	for _, n := range names {
		if !slices.Contains(known, n) {
			return fmt.Errorf("unknown target %q (want one of %s)", n, strings.Join(known, ", "))
		}
	}
	return nil
}

// wanted says whether t runs for the requested names, and with which of its
// parts (nil: all).
func wanted(t target, names []string) (bool, []string) {
	if len(names) == 0 {
		return t.byDefault, nil
	}
	var parts []string
	for _, n := range names {
		if n == t.Name() {
			return true, nil
		}
		if slices.Contains(t.parts, n) {
			parts = append(parts, n)
		}
	}
	return len(parts) > 0, parts
}

// PackageName derives a Go package name from an output folder: its base
// name's letters and digits, lower-cased; "api" when nothing is left.
func PackageName(dir string) string {
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
