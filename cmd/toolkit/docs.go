package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/docs"
)

func init() { commands = append(commands, newDocsCmd) }

// docsFlags are the flags of toolkit docs, and the keys of the docs:
// section of toolkit.yaml.
type docsFlags struct {
	Contract string `yaml:"contract"`
	Out      string `yaml:"out"`
	Title    string `yaml:"title"`
	HTML     string `yaml:"html"`
	Markdown string `yaml:"markdown"`
	Strict   bool   `yaml:"strict"`
	Lenient  bool   `yaml:"lenient"`
	check    bool
	config   string
	format   string
}

func newDocsCmd(e *env) *cobra.Command {
	var f docsFlags
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "Write an HTML page and a Markdown file documenting a contract",
		Long: `Docs writes two files into --out: index.html, one self-contained page (inline
CSS and script, nothing fetched, opens from file:// offline) with a sidebar
by tag, a search box, every operation's parameters, bodies, responses,
schemas, examples and a curl command; and API.md, the same content in
GitHub-flavoured Markdown.

Every string of the contract is treated as untrusted: descriptions are
CommonMark with raw HTML shown as text and only http, https and mailto links
kept, and the page's Content-Security-Policy allows no script but its own.

Without --contract, docs reads the docs: section of toolkit.yaml (keys
contract, out, title, html, markdown, strict, lenient). A contract with
errors is reported as file:line:col: /json/pointer: message and nothing is
written (exit 2). With --check nothing is written: docs exits 1 and prints
a diff when the files on disk are stale.`,
		Example: `  toolkit docs --contract api/openapi.yaml --out docs/api
  toolkit docs --contract api.json --out site --title "Payments API"
  toolkit docs --contract api.yaml --out docs --markdown -   # page only
  toolkit docs                     # the docs: section of ./toolkit.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return reporting(e, "docs", f.format, []findings.Rule{
				{ID: "contract", Category: "contract", Severity: findings.Error, Description: "The contract loads (warnings: documented with the noted limits)."},
				{ID: "docs.stale", Category: "documentation", Severity: findings.Error, Description: "The documentation on disk matches what the contract gives (toolkit docs --check).", Hint: "run toolkit docs and commit the result"},
			}, func(e *env) error { return runDocs(e, cmd, f) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.Out, "out", "", "output folder")
	fl.StringVar(&f.Title, "title", "", "page title (default: the contract's info.title)")
	fl.StringVar(&f.HTML, "html", docs.DefaultHTML, `name of the HTML page ("-" for none)`)
	fl.StringVar(&f.Markdown, "markdown", docs.DefaultMarkdown, `name of the Markdown file ("-" for none)`)
	fl.BoolVar(&f.check, "check", false, "write nothing; exit 1 with a diff when the output is stale")
	fl.BoolVar(&f.Strict, "strict", false, "treat contract warnings as errors")
	fl.BoolVar(&f.Lenient, "lenient", false, "repair common contract slips whose intent is clear, with a warning")
	fl.StringVar(&f.config, "config", "", "configuration file (default: ./toolkit.yaml)")
	fl.StringVar(&f.format, "format", "text", "how contract problems (and, with --check, stale files) are reported on stdout: "+findings.FormatNames()+"; text prints them to stderr as they are found")
	return cmd
}

func runDocs(e *env, cmd *cobra.Command, f docsFlags) error {
	if f.Contract == "" {
		if err := docsConfig(cmd.Flags(), &f); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
	}
	if f.Out == "" {
		return &exitError{code: exitUsage, err: errors.New("docs: --out is required")}
	}
	if f.HTML == "-" && f.Markdown == "-" {
		return &exitError{code: exitUsage, err: errors.New(`docs: --html and --markdown are both "-": nothing to write`)}
	}
	m, err := loadModel(e, "docs", genEntry{Contract: f.Contract, Strict: f.Strict, Lenient: f.Lenient})
	if err != nil {
		return err
	}
	files, err := docs.Generate(m, docs.Options{Title: f.Title, HTML: f.HTML, Markdown: f.Markdown})
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if f.check {
		stale, err := generator.Check(f.Out, files)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		for _, s := range stale {
			fmt.Fprint(e.stdout, s.Diff)
			if e.report != nil {
				e.report.Findings = append(e.report.Findings, findings.Finding{ID: "docs.stale", Severity: findings.Error, Message: s.Reason, Position: findings.Position{File: filepath.Join(f.Out, s.Name)}})
			}
		}
		if len(stale) > 0 {
			return &exitError{code: exitFindings, err: errors.New("docs: documentation is stale; run toolkit docs")}
		}
		return nil
	}
	if err := generator.Write(f.Out, files); err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("docs: writing %s: %w", f.Out, err)}
	}
	for _, file := range files {
		fmt.Fprintf(e.stderr, "wrote %s\n", file.Name)
	}
	return nil
}

// docsConfig fills f from the docs: section of toolkit.yaml (--config, or
// ./toolkit.yaml); flags given on the command line win, and paths in the
// file are relative to it.
func docsConfig(fl *pflag.FlagSet, f *docsFlags) error {
	path := f.config
	if path == "" {
		path = configFile
	}
	c, err := loadConfig(path)
	if err != nil {
		if f.config == "" && errors.Is(err, os.ErrNotExist) {
			return errors.New("docs: no --contract given and no toolkit.yaml in the working folder")
		}
		return err
	}
	found, err := fromSection(c, "docs", &c.Docs, f, fl, func() {
		if f.Contract != "" {
			f.Contract = resolve(c.dir, f.Contract)
		}
		if f.Out != "" {
			f.Out = resolve(c.dir, f.Out)
		}
	})
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("docs: no --contract given and %s has no docs: section", path)
	}
	if f.Contract == "" {
		return fmt.Errorf("%s: docs: contract is required", path)
	}
	return nil
}
