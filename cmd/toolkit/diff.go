package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/diff"
	"github.com/contractfirst/toolkit/findings"
)

func init() { commands = append(commands, newDiffCmd) }

func newDiffCmd(e *env) *cobra.Command {
	var format, failOn string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Classify the changes between two versions of a contract as breaking or compatible",
		Long: `Diff loads both contracts and lists every change, classified as breaking
(existing clients may fail), warning or info. OLD and NEW are files, or
git:REV:path to read a version from the repository's history, e.g.

  toolkit diff git:origin/main:api.yaml api.yaml

It also compares the Go package toolkit generates from each side and lists
the identifiers that disappear or change type (go-breaking: code using them
stops compiling after regenerating, even where the wire format stays
compatible, e.g. an integer parameter that becomes a string) and those that
appear.

Exit status: 0 no breaking change, 1 a breaking change (or a warning with
--fail-on warning, or a go-breaking change with --fail-on go-breaking), 2 on
usage errors or an unreadable contract.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(e, args, format, failOn) },
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+findings.FormatNames()+"|markdown")
	cmd.Flags().StringVar(&failOn, "fail-on", "breaking", "exit 1 on: breaking, warning (warnings and breaking changes), or go-breaking (breaking changes and changes that break code using the generated Go package)")
	return cmd
}

// runDiff compares OLD and NEW and prints the changes in format: every
// findings format, or diff's own markdown. In a machine format the
// contracts' problems are findings of the same document, printed whatever
// the outcome.
func runDiff(e *env, args []string, format, failOn string) error {
	markdown := format == "markdown"
	out := findings.Text
	if !markdown {
		f, err := findings.ParseFormat(format)
		if err != nil {
			return &exitError{exitUsage, fmt.Errorf("diff: %w, or markdown", err)}
		}
		out = f
	}
	if failOn != "breaking" && failOn != "warning" && failOn != "go-breaking" {
		return &exitError{exitUsage, fmt.Errorf("diff: --fail-on is breaking, warning or go-breaking, not %q", failOn)}
	}
	if markdown || out == findings.Text {
		cs, ids, goErr, err := compareArgs(e, args)
		if err != nil {
			return err
		}
		if markdown {
			err = diff.WriteMarkdown(e.stdout, cs, ids)
		} else {
			err = findings.Write(e.stdout, out, diff.Report(cs, ids))
		}
		if err != nil {
			return &exitError{exitUsage, err}
		}
		return diffExit(cs, ids, failOn, goErr != nil)
	}
	problems := &findings.Report{}
	machine := *e
	machine.stdout, machine.report = e.stderr, problems
	cs, ids, goErr, runErr := compareArgs(&machine, args)
	rep := diff.Report(cs, ids)
	rep.Version = toolkitVersion()
	if len(problems.Findings) > 0 {
		rep.Rules = append([]findings.Rule{{ID: "contract", Category: "contract", Severity: findings.Error, Description: "Both contracts load: syntax, $refs and the OpenAPI rules toolkit checks."}}, rep.Rules...)
		rep.Findings = append(problems.Findings, rep.Findings...)
	}
	if err := findings.Write(e.stdout, out, rep); err != nil {
		return &exitError{exitUsage, err}
	}
	if runErr != nil {
		return runErr
	}
	return diffExit(cs, ids, failOn, goErr != nil)
}

// compareArgs loads OLD and NEW (files or git:REV:path) and compares them;
// contract problems go through e.problem. goErr says why the generated Go
// APIs were not compared, when they could not be.
func compareArgs(e *env, args []string) (cs []diff.Change, ids []diff.IdentChange, goErr error, err error) {
	var docs [2]*contract.Document
	var errs [2]error
	var shown []func(string) string
	var wg sync.WaitGroup
	for i, a := range args {
		p, tmp, err := materialize(a)
		if err != nil {
			wg.Wait()
			return nil, nil, nil, &exitError{exitUsage, err}
		}
		name := func(s string) string { return s }
		if tmp != "" {
			defer os.RemoveAll(tmp)
			name = gitName(a, tmp)
			shown = append(shown, name)
		}
		reads := e.reads
		if tmp != "" {
			// The revision's files, laid out as in the repository: its
			// root stands for the git work tree the loader would allow.
			reads.AllowDirs = append(append([]string(nil), reads.AllowDirs...), tmp)
		}
		// Both sides load at once, each on its own core.
		wg.Go(func() {
			// Diff reports no contract warnings: the pass that only
			// finds warnings (examples against schemas) is left out.
			// kin-openapi's document is built from the tree Load
			// decodes anyway: with both sides loading, there is no
			// spare core for a second decode of each.
			docs[i], errs[i] = contract.Load(p, contract.LoadOptions{Reads: reads, SkipValueChecks: true, KinFromTree: true})
			var ce *contract.Error
			if errors.As(errs[i], &ce) {
				for j := range ce.Problems {
					ce.Problems[j].Pos.File = name(ce.Problems[j].Pos.File)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, nil, contractError(e, err)
		}
	}
	// The Go API and oasdiff's checks at once, on the same kin documents.
	ids, goErr, cs, err = diff.CompareAll(docs[0], docs[1])
	if goErr != nil {
		// Said, never passed over: without it "0 go-breaking" would
		// claim a comparison that did not run.
		e.problem(contract.Problem{Pos: contract.Position{File: docs[1].Path}, Severity: contract.SeverityWarning, Message: "the generated Go API was not compared: " + goErr.Error()})
	}
	if err != nil {
		return nil, nil, nil, &exitError{exitUsage, err}
	}
	for i := range cs {
		for _, f := range shown {
			cs[i].File = f(cs[i].File)
		}
	}
	return cs, ids, goErr, nil
}

// gitName returns a function that names a file of the temporary copy
// materialize made of arg (git:REV:path) in tmp as git does, REV:path
// from the repository's root, so a position does not point into a folder
// that is gone when diff exits.
func gitName(arg, tmp string) func(string) string {
	rev, _, _ := splitGitArg(arg)
	return func(name string) string {
		rel, err := filepath.Rel(tmp, name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return name
		}
		return rev + ":" + filepath.ToSlash(rel)
	}
}

// diffExit is diff's exit status for what it found under --fail-on. A Go
// API that could not be compared fails --fail-on go-breaking: a gate that
// did not run does not pass.
func diffExit(cs []diff.Change, ids []diff.IdentChange, failOn string, goUncompared bool) error {
	n := diff.Count(cs)
	if n[diff.Breaking] > 0 || (failOn == "warning" && n[diff.Warning] > 0) || (failOn == "go-breaking" && (goUncompared || diff.GoBreakingCount(ids) > 0)) {
		return &exitError{exitFindings, nil}
	}
	return nil
}

// materialize turns a git:REV:path argument into a file: it writes the
// contract at REV, and every file it reaches by relative $ref at the same
// REV, into a temporary folder laid out as the repository is, so a $ref
// to "../common.yaml" works as long as it stays inside the repository.
// The $refs are those Load follows (contract.FileRefs walks each file as
// Load does), so text that looks like a $ref in a description is not
// fetched. A file a $ref names that REV lacks is left out, for Load to
// report at the $ref's position. It returns the contract's copy and the
// temporary folder, which the caller removes; a plain path is returned as
// is, with no folder.
func materialize(arg string) (file, tmp string, err error) {
	if !strings.HasPrefix(arg, "git:") {
		return arg, "", nil
	}
	rev, file, err := splitGitArg(arg)
	if err != nil {
		return "", "", err
	}
	// git show REV:path takes paths from the repository's root.
	prefix, err := gitOutput("rev-parse", "--show-prefix")
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", arg, err)
	}
	root := path.Clean(strings.TrimSpace(string(prefix)) + file)
	if root == ".." || strings.HasPrefix(root, "../") {
		return "", "", fmt.Errorf("%s: the path leaves the repository", arg)
	}
	dir, err := os.MkdirTemp("", "toolkit-diff-")
	if err != nil {
		return "", "", fmt.Errorf("temp dir: %w", err)
	}
	fail := func(err error) (string, string, error) {
		os.RemoveAll(dir)
		return "", "", err
	}
	seen := map[string]bool{root: true}
	for queue := []string{root}; len(queue) > 0; queue = queue[1:] {
		p := queue[0]
		data, err := gitOutput("show", rev+":"+p)
		if err != nil {
			if p == root {
				return fail(err)
			}
			continue // Load reports the $ref that names it
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fail(err)
		}
		refs, err := contract.FileRefs(data)
		if err != nil {
			continue // Load reports the syntax error with its position
		}
		for _, ref := range refs {
			if strings.Contains(ref, "://") || path.IsAbs(ref) {
				continue // not a file of the revision; Load says why
			}
			next := path.Join(path.Dir(p), ref)
			if next == ".." || strings.HasPrefix(next, "../") {
				return fail(fmt.Errorf("%s: %s: $ref %q leaves the repository", arg, p, ref))
			}
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return filepath.Join(dir, filepath.FromSlash(root)), dir, nil
}

// splitGitArg splits git:REV:path into REV and path (slash-separated,
// relative to the working folder).
func splitGitArg(arg string) (rev, file string, err error) {
	rest := strings.TrimPrefix(arg, "git:")
	i := strings.LastIndex(rest, ":")
	if i <= 0 || i == len(rest)-1 {
		return "", "", fmt.Errorf("%s: want git:REV:path", arg)
	}
	rev, file = rest[:i], filepath.ToSlash(rest[i+1:])
	if strings.HasPrefix(rev, "-") {
		return "", "", fmt.Errorf("%s: bad revision %q", arg, rev)
	}
	if path.IsAbs(file) {
		return "", "", fmt.Errorf("%s: the path is relative to the working folder, not absolute", arg)
	}
	return rev, file, nil
}

// gitOutput runs git with args in the working folder and returns its
// standard output; a failure carries git's own message.
func gitOutput(args ...string) ([]byte, error) {
	var out, stderr bytes.Buffer
	c := exec.Command("git", args...)
	c.Stdout, c.Stderr = &out, &stderr
	if err := c.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out.Bytes(), nil
}
