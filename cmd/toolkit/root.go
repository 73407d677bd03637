package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
)

// Exit codes shared by every command.
const (
	exitOK       = 0 // clean
	exitFindings = 1 // failed checks, lint errors, breaking changes, stale output
	exitUsage    = 2 // usage or unreadable input
)

// exitError carries an exit code out of a command's RunE.
type exitError struct {
	code int
	err  error // nil when the command already printed what it had to say
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// commands lists the constructors of the sub-commands; each command's file
// adds itself in an init function, so commands never edit a shared list.
var commands []func(*env) *cobra.Command

// env is what a command may touch: its streams. Tests run commands through
// run with buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// report, when set, collects contract problems for a machine format
	// instead of printing them as text on stderr.
	report *findings.Report
	// reads confine every contract a command loads (see readflags.go).
	reads contract.ReadLimits
}

// problem reports a contract problem: into the report being collected, or
// as a line of text on stderr.
func (e *env) problem(p contract.Problem) {
	if e.report != nil {
		e.report.Findings = append(e.report.Findings, p.Finding())
		return
	}
	fmt.Fprintln(e.stderr, p)
}

// reporting runs a command whose findings are contract problems and its
// own (stale files): in text they go to stderr as they are found; in a
// machine format they are collected and printed as one document on
// stdout, whatever the outcome, while human text goes to stderr.
func reporting(e *env, name, format string, rules []findings.Rule, run func(*env) error) error {
	f, err := findings.ParseFormat(format)
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("%s: %w", name, err)}
	}
	if f == findings.Text {
		return run(e)
	}
	rep := &findings.Report{Tool: "toolkit " + name, Version: toolkitVersion(), Rules: rules}
	machine := *e
	machine.stdout = e.stderr
	machine.report = rep
	runErr := run(&machine)
	if err := findings.Write(e.stdout, f, *rep); err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	return runErr
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "toolkit",
		Short:         "Contract-first toolchain for Go: generate from OpenAPI, then hold the service to it",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	addReadFlags(root, e)
	for _, c := range commands {
		root.AddCommand(c(e))
	}
	return root
}

// run executes the CLI with args and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "toolkit:", ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown command or flag, bad arguments.
	fmt.Fprintln(stderr, "toolkit:", err)
	return exitUsage
}
