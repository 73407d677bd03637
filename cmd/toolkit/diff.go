package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/diff"
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

Exit status: 0 no breaking change, 1 a breaking change (or a warning with
--fail-on warning), 2 on usage errors or an unreadable contract.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			known := false
			for _, f := range diff.Formats {
				known = known || f == format
			}
			if !known {
				return &exitError{exitUsage, fmt.Errorf("diff: unknown format %q (want %s)", format, strings.Join(diff.Formats, ", "))}
			}
			if failOn != "breaking" && failOn != "warning" {
				return &exitError{exitUsage, fmt.Errorf("diff: --fail-on is breaking or warning, not %q", failOn)}
			}
			var docs [2]*contract.Document
			for i, a := range args {
				p, cleanup, err := materialize(a)
				if err != nil {
					return &exitError{exitUsage, err}
				}
				if cleanup != nil {
					defer cleanup()
				}
				d, err := contract.Load(p, contract.LoadOptions{Reads: e.reads})
				if err != nil {
					return &exitError{exitUsage, fmt.Errorf("%s: %w", a, err)}
				}
				docs[i] = d
			}
			cs, err := diff.Compare(docs[0], docs[1])
			if err != nil {
				return &exitError{exitUsage, err}
			}
			if err := diff.Write(e.stdout, format, cs, diff.GoIdentifiers(docs[0], docs[1])); err != nil {
				return &exitError{exitUsage, err}
			}
			n := diff.Count(cs)
			if n[diff.Breaking] > 0 || (failOn == "warning" && n[diff.Warning] > 0) {
				return &exitError{exitFindings, nil}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(diff.Formats, ", "))
	cmd.Flags().StringVar(&failOn, "fail-on", "breaking", "exit 1 on: breaking, or warning (warnings and breaking changes)")
	return cmd
}

// materialize turns a git:REV:path argument into a file: it writes the
// contract at REV, and every file it references by relative $ref at the
// same REV, into a temporary folder. A plain path is returned as is.
func materialize(arg string) (string, func(), error) {
	rest, ok := strings.CutPrefix(arg, "git:")
	if !ok {
		return arg, nil, nil
	}
	i := strings.LastIndex(rest, ":")
	if i <= 0 || i == len(rest)-1 {
		return "", nil, fmt.Errorf("%s: want git:REV:path", arg)
	}
	rev, file := rest[:i], rest[i+1:]
	if strings.HasPrefix(rev, "-") {
		return "", nil, fmt.Errorf("%s: bad revision %q", arg, rev)
	}
	// git show REV:path takes paths relative to the repository root;
	// "./x" means relative to the working folder, which we want.
	if !strings.HasPrefix(file, "./") && !strings.HasPrefix(file, "/") {
		file = "./" + file
	}
	dir, err := os.MkdirTemp("", "toolkit-diff-")
	if err != nil {
		return "", nil, fmt.Errorf("temp dir: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	seen := map[string]bool{}
	var fetch func(p string) error
	fetch = func(p string) error {
		p = path.Clean(p)
		if seen[p] {
			return nil
		}
		seen[p] = true
		var out, stderr bytes.Buffer
		c := exec.Command("git", "show", rev+":./"+strings.TrimPrefix(p, "./"))
		c.Stdout, c.Stderr = &out, &stderr
		if err := c.Run(); err != nil {
			return fmt.Errorf("git show %s:%s: %s", rev, p, strings.TrimSpace(stderr.String()))
		}
		dst := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "../")))
		if strings.HasPrefix(p, "../") {
			return fmt.Errorf("%s: $ref to %s leaves the folder; not supported with git:", arg, p)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
			return err
		}
		for _, ref := range fileRefs(out.Bytes()) {
			if err := fetch(path.Join(path.Dir(p), ref)); err != nil {
				return err
			}
		}
		return nil
	}
	base := path.Clean(strings.TrimPrefix(file, "./"))
	if err := fetch(base); err != nil {
		cleanup()
		return "", nil, err
	}
	return filepath.Join(dir, filepath.FromSlash(base)), cleanup, nil
}

var refRE = regexp.MustCompile(`["']?\$ref["']?\s*:\s*["']?([^"'#\s,}]+)`)

// fileRefs lists the file parts of the relative $refs in a contract file.
func fileRefs(data []byte) []string {
	var out []string
	for _, m := range refRE.FindAllSubmatch(data, -1) {
		r := string(m[1])
		if strings.Contains(r, "://") || r == "" {
			continue
		}
		out = append(out, r)
	}
	return out
}
