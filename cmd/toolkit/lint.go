package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/lint"
	"github.com/contractfirst/toolkit/findings"
)

func init() { commands = append(commands, newLintCmd) }

type lintFlags struct {
	contract string
	format   string
	config   string
	ruleset  string
	list     bool
}

func newLintCmd(e *env) *cobra.Command {
	var f lintFlags
	cmd := &cobra.Command{
		Use:   "lint [--contract] FILE...",
		Short: "Check a contract against style and correctness rules",
		Long: `Lint loads the contract, then runs every enabled rule over it and prints
each finding with the file:line:col of the node that causes it.

Rules are configured in the lint: section of toolkit.yaml:

  lint:
    extends: [recommended]   # or all, servicecomb
    disable: [OPERATION_DESCRIPTION]
    severity: {PATH_CASING: error}

and suppressed on a node (and everything below it) with
x-lint-ignore: [RULE_ID, ...] or x-lint-ignore: true.

Rule ids are also accepted by their Spectral alias (operation-tags, ...)
and by the key of ServiceComb's oas-validator that they check
(operation.summary.required, paths.key.case, ...); casing rules take
casing: {CASING_PATH_SEGMENT: kebab} (camel, pascal, kebab, snake,
upper-hyphen, flat, cobol, macro, or ServiceComb's lower-camel-case,
upper-camel-case, upper-hyphen-case, the servicecomb set's defaults).
--ruleset reads a Spectral ruleset: extends spectral:oas (recommended or
all) and relative files, severities of Spectral's rules, and custom rules
whose given is a JSONPath and whose then uses truthy, falsy, defined,
undefined, pattern, casing, enumeration, length, alphabetical, schema, xor
or or; what toolkit cannot run is reported as a warning, never skipped
silently.

Exit status: 0 clean or only warnings, 1 when a finding at error
severity exists, 2 on usage errors or a contract that cannot be loaded.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.list {
				for _, r := range lint.Rules() {
					aka := ""
					if len(r.Aliases) > 0 {
						aka = " (" + strings.Join(r.Aliases, ", ") + ")"
					}
					fmt.Fprintf(e.stdout, "%-34s %-14s %-8s %s%s\n", r.ID, r.Category, r.Severity, r.Description, aka)
				}
				return nil
			}
			format, err := findings.ParseFormat(f.format)
			if err != nil {
				return &exitError{exitUsage, fmt.Errorf("lint: %w", err)}
			}
			rep := &findings.Report{Tool: "toolkit lint", Version: toolkitVersion()}
			runErr := runLint(e, args, f, rep)
			if format != findings.Text || runErr == nil {
				// A machine format prints one valid document whatever the
				// outcome; a failure is in it as a finding.
				if err := findings.Write(e.stdout, format, *rep); err != nil {
					return &exitError{exitUsage, err}
				}
			}
			if runErr != nil {
				return runErr
			}
			if lint.HasErrors(rep.Findings) {
				return &exitError{exitFindings, nil}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.format, "format", "text", "output format: "+findings.FormatNames()+"; json, sarif and junit print one valid document even when the run fails")
	fl.StringVar(&f.config, "config", "", "configuration file (default: ./toolkit.yaml when present)")
	fl.StringVar(&f.ruleset, "ruleset", "", "a Spectral ruleset file (.spectral.yaml): its extends, rule severities and own rules (given/then with the core functions) apply (default: lint.ruleset in toolkit.yaml)")
	fl.BoolVar(&f.list, "list", false, "list the rules and exit")
	return cmd
}

// runLint lints the contract named by args or f into rep. A usage error or
// an unusable contract is returned as exit 2 and also recorded in rep, so
// that machine formats carry it.
func runLint(e *env, args []string, f lintFlags, rep *findings.Report) error {
	fail := func(err error) error {
		var ce *contract.Error
		if errors.As(err, &ce) {
			for _, p := range ce.Problems {
				rep.Findings = append(rep.Findings, p.Finding())
			}
		} else {
			rep.Findings = append(rep.Findings, findings.Finding{ID: "lint", Severity: findings.Error, Message: err.Error()})
		}
		return &exitError{exitUsage, err}
	}
	files := args
	if f.contract != "" {
		if len(args) > 0 {
			return fail(errors.New("lint: give the contracts as arguments or one as --contract, not both"))
		}
		files = []string{f.contract}
	}
	if len(files) == 0 {
		return fail(errors.New("lint: no contract; use --contract FILE"))
	}
	cfg, err := lintConfig(f.config)
	if err != nil {
		return fail(err)
	}
	if f.ruleset == "" {
		f.ruleset = cfg.Ruleset
	}
	if f.ruleset != "" {
		rs, err := lint.LoadRuleset(f.ruleset)
		if err != nil {
			return fail(err)
		}
		cfg = rs.Apply(cfg)
		rep.Findings = append(rep.Findings, rs.Warnings...)
	}
	rules := cfg.Enabled()
	rep.Rules = append(lint.Metas(rules), findings.Rule{ID: "contract", Category: "contract", Severity: findings.Error,
		Description: "The contract loads: it parses, its references resolve and it follows the OpenAPI schema (Spectral's oas3-schema and oas2-schema); lint runs only on a contract that loads.",
		Aliases:     []string{"oas3-schema", "oas2-schema"}})
	// Every file is linted (pre-commit passes all it matched); one that
	// cannot be loaded is reported and makes the run exit 2 at the end.
	var failed error
	for _, file := range files {
		if _, err := contract.Load(file, contract.LoadOptions{Reads: e.reads, KinFromTree: true}); err != nil {
			failed = cmp.Or(failed, fail(err))
			continue
		}
		fs, err := lint.Run(file, cfg)
		if err != nil {
			failed = cmp.Or(failed, fail(err))
			continue
		}
		rep.Findings = append(rep.Findings, fs...)
	}
	return failed
}

// lintConfig reads the lint: section of toolkit.yaml. A missing default
// file means the defaults; a missing explicit file is an error.
func lintConfig(path string) (lint.Config, error) {
	var cfg lint.Config
	explicit := path != ""
	if !explicit {
		path = configFile
	}
	c, err := loadConfig(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return cfg, nil
		}
		return cfg, err
	}
	if _, err := c.decodeSection("lint", &c.Lint, &cfg); err != nil {
		return cfg, err
	}
	if cfg.Ruleset != "" && !filepath.IsAbs(cfg.Ruleset) {
		cfg.Ruleset = filepath.Join(filepath.Dir(path), cfg.Ruleset)
	}
	return cfg, cfg.Validate()
}
