package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/lint"
)

func init() { commands = append(commands, newLintCmd) }

type lintFlags struct {
	contract string
	format   string
	config   string
	list     bool
}

func newLintCmd(e *env) *cobra.Command {
	var f lintFlags
	cmd := &cobra.Command{
		Use:   "lint [--contract] FILE",
		Short: "Check a contract against style and correctness rules",
		Long: `Lint loads the contract, then runs every enabled rule over it and prints
each finding with the file:line:col of the node that causes it.

Rules are configured in the lint: section of toolkit.yaml:

  lint:
    disable: [OPERATION_DESCRIPTION]
    severity: {PATH_CASING: error}

and suppressed on a node (and everything below it) with
x-lint-ignore: [RULE_ID, ...] or x-lint-ignore: true.

Exit status: 0 clean or only warnings, 1 when a finding at error
severity exists, 2 on usage errors or an unreadable contract.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.list {
				for _, r := range lint.Rules() {
					fmt.Fprintf(e.stdout, "%-28s %-14s %-8s %s\n", r.ID, r.Category, r.Severity, r.Purpose)
				}
				return nil
			}
			if len(args) == 1 {
				if f.contract != "" {
					return &exitError{exitUsage, errors.New("give the contract once, as --contract or as an argument")}
				}
				f.contract = args[0]
			}
			if f.contract == "" {
				return &exitError{exitUsage, errors.New("lint: no contract; use --contract FILE")}
			}
			known := false
			for _, x := range lint.Formats {
				known = known || x == f.format
			}
			if !known {
				return &exitError{exitUsage, fmt.Errorf("lint: unknown format %q (want %s)", f.format, strings.Join(lint.Formats, ", "))}
			}
			cfg, err := lintConfig(f.config)
			if err != nil {
				return &exitError{exitUsage, err}
			}
			if _, err := contract.Load(f.contract, contract.LoadOptions{Reads: e.reads}); err != nil {
				var ce *contract.Error
				if errors.As(err, &ce) {
					fmt.Fprintln(e.stderr, err)
					return &exitError{exitFindings, nil}
				}
				return &exitError{exitUsage, err}
			}
			fs, err := lint.Run(f.contract, cfg)
			if err != nil {
				return &exitError{exitUsage, err}
			}
			if err := lint.Write(e.stdout, f.format, fs); err != nil {
				return &exitError{exitUsage, err}
			}
			if lint.HasErrors(fs) {
				return &exitError{exitFindings, nil}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.format, "format", "text", "output format: "+strings.Join(lint.Formats, ", "))
	fl.StringVar(&f.config, "config", "", "configuration file (default: ./toolkit.yaml when present)")
	fl.BoolVar(&f.list, "list", false, "list the rules and exit")
	return cmd
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
	return cfg, cfg.Validate()
}
